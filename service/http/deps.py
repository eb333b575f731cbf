"""Dependencies handed to controllers, and the one way a controller runs a command and answers."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from litestar import Request, Response, post
from litestar.datastructures import ResponseHeader
from litestar.di import NamedDependency, Provide
from litestar.params import PathParameter, QueryParameter

from service.http.context import provide_caller, provide_context, provide_visibility
from service.http.problems import ProblemError, documented
from service.http.wire import CODE_PATTERN, CommandAccepted, ResourceCreated
from service.reads.queries import Queries
from service.usecases.commands import Command
from service.usecases.context import Context
from service.usecases.dispatch import Commands, Outcome

T = TypeVar("T")
P = TypeVar("P")  # a page View with a next_cursor
CURSOR_TEXT = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")  # what no cursor of ours holds
POSITION_HEADER = "Pactum-Position"
ETAG_HEADER = ResponseHeader(
    name="ETag", documentation_only=True, required=True, description="The aggregate's version, for If-Match"
)
COMMAND_HEADERS = [
    ETAG_HEADER,
    ResponseHeader(
        name=POSITION_HEADER,
        documentation_only=True,
        required=True,
        description="Log position of the command's last event, for ?minPosition",
    ),
]
COMMAND_ERRORS = documented(400, 401, 403, 404, 409, 412, 422, 429)


def command(path: str = "/", *, responses: dict | None = None, **options: Any) -> Callable:
    """A POST that runs a command: 201, ETag and Pactum-Position, the problems a command can meet."""
    return post(
        path,
        status_code=201,
        response_headers=COMMAND_HEADERS,
        responses=responses or COMMAND_ERRORS,
        opt={"command": True},  # hot_commands.py may run it
        **options,
    )


CommitmentCode = Annotated[
    str, PathParameter(pattern=CODE_PATTERN, description="The commitment's code, e.g. A1.1")
]
MilestoneCode = Annotated[
    str, PathParameter(pattern=CODE_PATTERN, description="The milestone's code within its commitment")
]
Limit = Annotated[int, QueryParameter(ge=1, le=100, description="Page size")]
Cursor = Annotated[
    str, QueryParameter(required=False, max_length=200, description="From a page's nextCursor")
]


def _state(name: str):
    def provide(request: Request):
        return getattr(request.app.state, name)

    return Provide(provide, sync_to_thread=False)


class Run:
    """Runs the request's command and answers as every command does: 201, the ETag, the log position."""

    def __init__(self, commands: Commands, ctx: Context) -> None:
        self.commands, self.ctx = commands, ctx

    async def accepted(self, command: Command, location: str | None = None) -> Response[CommandAccepted]:
        saved = (await self.commands.execute(command, self.ctx)).saved
        body = CommandAccepted(id=saved.stream_id, version=saved.version, position=saved.position)
        return _answer(body, location=f"{location}/{saved.stream_id}" if location else None)

    async def created(self, command: Command) -> Response[ResourceCreated]:
        outcome: Outcome = await self.commands.execute(command, self.ctx)
        saved = outcome.saved
        return _answer(ResourceCreated(
            id=saved.stream_id, version=saved.version, position=saved.position, resource_id=outcome.record_id
        ))


def _answer(body: CommandAccepted | ResourceCreated, location: str | None = None) -> Response:
    headers = {"ETag": f'"{body.version}"', POSITION_HEADER: str(body.position)}
    if location:
        headers["Location"] = location
    return Response(body, status_code=201, headers=headers)


async def provide_run(request: Request, ctx: NamedDependency[Context]) -> Run:
    return Run(request.app.state.system.commands, ctx)


DEPENDENCIES = {
    "caller": Provide(provide_caller),
    "ctx": Provide(provide_context),
    "run": Provide(provide_run),
    "visibility": Provide(provide_visibility),
    "queries": _state("queries"),
    "api_keys": _state("api_keys"),
}

__all__ = ["DEPENDENCIES", "Queries", "Run"]


def encode_cursor(value: str) -> str:
    return base64.urlsafe_b64encode(value.encode()).decode().rstrip("=")


def with_cursor(page: P) -> P:
    """The page with its next cursor (a read's own position text) wrapped as the opaque cursor clients see."""
    if page.next_cursor:
        page.next_cursor = encode_cursor(page.next_cursor)
    return page


def decode_cursor(cursor: str, parse: Callable[[str], T]) -> T:
    """What `encode_cursor` wrapped, or invalid-cursor for anything else: strict base64url of UTF-8
    without control characters (they never reach a query)."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        text = base64.b64decode(padded.encode("ascii"), altchars=b"-_", validate=True).decode()
        if not text or CURSOR_TEXT.search(text):
            raise ValueError(text)
        return parse(text)
    except (binascii.Error, UnicodeError, ValueError):
        raise ProblemError(400, "invalid-cursor", "the cursor is not one this API returned") from None
