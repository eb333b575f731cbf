"""create_app(): the litestar application over a running System."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar, get
from litestar.openapi import OpenAPIConfig
from litestar.openapi.spec import Components, SecurityScheme

from service.http.agreement_commands import AgreementCommandController
from service.http.agreements import AgreementController
from service.http.api_keys import ApiKeyController
from service.http.context import rate_limit_headers, strict_body
from service.http.deps import DEPENDENCIES
from service.http.parties import PartyController
from service.http.problems import EXCEPTION_HANDLERS
from service.system import System

MAX_BODY_BYTES = 256 * 1024
API_VERSION = "0.1.0"


@get("/health", operation_id="getHealth", summary="Liveness check", tags=["system"])
async def health() -> dict[str, str]:
    return {"status": "ok"}


def openapi_config() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="pactum",
        version=API_VERSION,
        description="Event-sourced tracking of inter-government cooperation agreements.",
        components=Components(
            security_schemes={
                "apiKey": SecurityScheme(
                    type="http", scheme="bearer", description="An API key bound to one party, or an admin key"
                )
            }
        ),
        security=[{"apiKey": []}],
        use_handler_docstrings=False,
        create_examples=False,
    )


def create_app(system: System | None = None, run_projections: bool = False) -> Litestar:
    """The app over `system` (None only to describe the API), optionally running the projections."""

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        sys_ = app.state.system
        sys_.notifier.start()
        stop = asyncio.Event()
        runner = asyncio.create_task(sys_.runner.run(stop)) if run_projections else None
        try:
            yield
        finally:
            stop.set()
            if runner:
                with contextlib.suppress(asyncio.CancelledError):
                    await runner
            await sys_.notifier.stop()

    app = Litestar(
        route_handlers=[
            AgreementController, AgreementCommandController, PartyController, ApiKeyController, health,
        ],
        dependencies=DEPENDENCIES,
        exception_handlers=EXCEPTION_HANDLERS,
        before_request=strict_body,
        before_send=[rate_limit_headers],
        openapi_config=openapi_config(),
        request_max_body_size=MAX_BODY_BYTES,
        lifespan=[lifespan] if system is not None else [],
    )
    if system is not None:
        app.state.update(
            system=system,
            agreement_commands=system.agreement_commands,
            party_commands=system.party_commands,
            queries=system.queries,
            api_keys=system.keys,
            rate_limiter=system.rate_limiter,
        )
    return app
