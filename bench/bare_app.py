"""The reference for bench/http.py: a bare litestar + asyncpg app, one statement per request.

GET /rows/{id} answers a stored JSON document by primary key, byte for byte; POST /rows inserts one row in a
transaction. Served by uvicorn with the same settings as `pactum serve` (httptools, one process).
"""

from __future__ import annotations

import os
from uuid import UUID, uuid4

import asyncpg
from litestar import Litestar, Request, Response, get, post

SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (id uuid PRIMARY KEY, body text NOT NULL);
CREATE TABLE IF NOT EXISTS rows (id uuid PRIMARY KEY, body text NOT NULL, created_at timestamptz NOT NULL)
"""


@get("/rows/{row_id:uuid}")
async def read(request: Request, row_id: UUID) -> Response:
    body = await request.app.state.pool.fetchval("SELECT body FROM docs WHERE id = $1", row_id)
    if body is None:
        return Response(b'{"status":404}', status_code=404, media_type="application/json")
    return Response(body.encode(), media_type="application/json")


@post("/rows")
async def create(request: Request) -> Response:
    body = await request.body()
    row_id = uuid4()
    async with request.app.state.pool.acquire() as conn, conn.transaction():
        await conn.execute("INSERT INTO rows (id, body, created_at) VALUES ($1, $2, now())", row_id,
                           body.decode())
    return Response(f'{{"id":"{row_id}"}}'.encode(), status_code=201, media_type="application/json")


async def start(app: Litestar) -> None:
    app.state.pool = await asyncpg.create_pool(os.environ["BARE_DSN"], min_size=10, max_size=10)
    await app.state.pool.execute(SCHEMA)


async def stop(app: Litestar) -> None:
    await app.state.pool.close()


app = Litestar([read, create], on_startup=[start], on_shutdown=[stop])

if __name__ == "__main__":
    import uvicorn

    uvicorn.run(app, host="127.0.0.1", port=int(os.environ["PORT"]), http="httptools", log_level="warning")
