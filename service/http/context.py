"""Per-request plumbing: the caller from its API key, the command context from the headers, strict bodies."""

from __future__ import annotations

import hashlib
import re
import typing
from dataclasses import dataclass
from typing import Annotated, Any
from uuid import UUID, uuid4

from litestar import Request
from litestar.di import NamedDependency
from litestar.params import HeaderParameter
from litestar.utils.scope.state import ScopeState

from service.http import body
from service.http.problems import ProblemError
from service.http.ratelimit import RateLimited
from service.http.wire import FieldError
from service.usecases.context import Caller, Context
from service.usecases.errors import Unauthenticated

IDEMPOTENCY_KEY = re.compile(r"[\x21-\x7e]{1,255}")  # fullmatch: "$" would let a final newline in
ETAG = re.compile(r'(?:W/)?"([0-9]{1,10})"')
INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")  # fullmatch; what the spec's integer parameters take


def bearer_token(authorization: str) -> str:
    """The key an Authorization value sends as `Bearer <key>`; "" for any other value."""
    scheme, _, token = authorization.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def trusted_caller(app: Any, token: str) -> Caller | None:
    """The caller of a key this process checked a moment ago (what a hot path may serve); None: only the
    route, which checks the key, may answer."""
    keys = app.state.get("api_keys")  # None: an app that only describes the API
    return keys.trusted(token) if token and keys else None


async def provide_caller(request: Request) -> Caller:
    """The caller behind the bearer key, counted against its key's rate limit."""
    token = bearer_token(request.headers.get("authorization", ""))
    if not token:
        raise Unauthenticated("send an API key as 'Authorization: Bearer <key>'")
    caller = await request.app.state.api_keys.authenticate(token)
    request.state.caller = caller  # for the access log
    quota = request.scope["state"].get("quota")  # counted already when a hot read passed the request on
    if quota is None:
        quota = await request.app.state.rate_limiter.take(str(caller.key_id))
        request.state.quota = quota
    if quota.exceeded:
        raise RateLimited(quota)
    return caller


@dataclass(frozen=True)
class Visibility:
    """Whose agreements a read shows the caller."""

    caller: Caller
    public_views: frozenset[str]

    def of(self, view: str) -> UUID | None:
        """The party whose agreements `view` shows; None is every agreement (admins, public views)."""
        return None if self.caller.is_admin or view in self.public_views else self.caller.party_id


async def provide_visibility(request: Request, caller: NamedDependency[Caller]) -> Visibility:
    return Visibility(caller, request.app.state.system.settings.public_views)


async def rate_limit_headers(message: dict, scope: dict) -> None:
    """Every response to a keyed request says how much of the key's quota is left."""
    quota = scope.get("state", {}).get("quota")
    if quota is not None and message["type"] == "http.response.start":
        known = {name.lower() for name, _ in message.get("headers", [])}
        message["headers"] = [
            *message.get("headers", []),
            *(
                (k.lower().encode(), v.encode())
                for k, v in quota.headers().items()
                if k.lower().encode() not in known
            ),
        ]


def parse_if_match(value: str) -> int | None:
    if not value or value.strip() == "*":
        return None
    match = ETAG.fullmatch(value.strip())
    if not match:
        raise ProblemError(400, "invalid-if-match", 'If-Match takes one entity tag, e.g. "7"')
    return int(match.group(1))


async def provide_context(
    request: Request,
    caller: NamedDependency[Caller],
    if_match: Annotated[
        str,
        HeaderParameter(
            name="If-Match", required=False, max_length=64, description="The ETag the command was decided on"
        ),
    ] = "",
    idempotency_key: Annotated[
        str,
        HeaderParameter(
            name="Idempotency-Key",
            required=False,
            max_length=255,
            description="Repeats with this key return the first result",
        ),
    ] = "",
) -> Context:
    if idempotency_key and not IDEMPOTENCY_KEY.fullmatch(idempotency_key):
        raise ProblemError(
            400, "invalid-idempotency-key", "Idempotency-Key takes 1 to 255 visible ASCII characters"
        )
    fingerprint = ""
    if idempotency_key:  # what a repeat must match to be answered with the first response
        body = await request.body()
        fingerprint = hashlib.sha256(
            b"\n".join((request.method.encode(), request.url.path.encode(), body))
        ).hexdigest()
    return command_context(caller, parse_if_match(if_match), idempotency_key or None, fingerprint)


def command_context(caller: Caller, expected_version: int | None = None, idempotency_key: str | None = None,
                    fingerprint: str = "") -> Context:
    """The context a command runs in, decided now (hot_commands.py: with neither header)."""
    return Context(caller=caller, expected_version=expected_version, idempotency_key=idempotency_key,
                   fingerprint=fingerprint, correlation_id=uuid4())


def query_errors(request: Request, known: dict[str, dict]) -> list[FieldError]:
    """What litestar would quietly take: a name the operation does not have, a single-valued parameter
    given twice (it keeps one), an integer written as 1.0 or 1e2 (it converts), `null` where the schema
    has no such value (it reads it as left out)."""
    errors = []
    for name in sorted(set(request.query_params)):
        values = request.query_params.getall(name)
        schema = known.get(name, {})
        kind = schema.get("type", "string")
        if name not in known:
            detail = "not a parameter of this operation"
        elif len(values) > 1 and kind != "array":
            detail = "given more than once"
        elif kind == "integer" and not all(map(INTEGER.fullmatch, values)):
            detail = "not a whole number in decimal digits"
        elif "null" in values and not takes_null(schema):
            detail = "null is not a value of this parameter: leave it out"
        else:
            continue
        errors.append(FieldError(pointer=f"/{name}", detail=detail))
    return errors


def takes_null(schema: dict) -> bool:
    """Whether the string `null` is a value the parameter's schema allows (litestar would read it as None)."""
    return ("$ref" not in schema and schema.get("type", "string") == "string"  # a $ref here is an enum
            and "null" in schema.get("enum", ["null"])
            and re.search(schema.get("pattern", ""), "null") is not None)


async def strict_body(request: Request) -> None:
    """Read the request strictly before litestar's lax decoding: no query parameter the operation does not
    name (a misspelt ?minPositon is not ignored), and a body as its schema says: "50" is not 50, text/plain
    is not JSON."""
    known = request.route_handler.opt.get("query_parameters")
    if known is not None and (errors := query_errors(request, known)):
        raise ProblemError(400, "invalid-parameter", "query parameters not as specified", errors=errors)
    field = request.route_handler.parsed_data_field
    if field is None:
        return None
    raw, target = await request.body(), field.annotation
    if field.is_optional:
        if not raw:
            return None  # an optional body left out (e.g. a text freeze dated now)
        target = next(t for t in typing.get_args(target) if t is not type(None))  # sent: an object
    decoded = body.decode(raw, request.headers.get("content-type", ""), target)
    # litestar reads the body from here, and takes a value of the declared type as it is: decoded once
    ScopeState.from_scope(request.scope).json = decoded
    return None
