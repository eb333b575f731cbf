"""Every error becomes an RFC 9457 problem with a stable type, here and nowhere else."""

from __future__ import annotations

import logging
import re
from http import HTTPStatus

from litestar import Request, Response
from litestar.exceptions import HTTPException, NotFoundException, ValidationException
from litestar.openapi.datastructures import ResponseSpec

from domain.errors import Conflict, DomainError, Invalid, NotFound
from service.http.ratelimit import RateLimited
from service.http.wire import FieldError, Problem
from service.reads import errors as reads
from service.reads import events as feed
from service.reads import history_errors as history
from service.reads import log_queries as tlog
from service.store.outbound import UnsafeUrl
from service.store.parking import ProjectionParked
from service.store.persons import PersonAlreadyErased, PersonErased, UnknownPerson
from service.usecases import errors as app
from service.usecases import webhooks, witnesses

log = logging.getLogger(__name__)
PROBLEM_BASE = "urn:pactum:problem:"
PROBLEM_JSON = "application/problem+json"
PARKED_RETRY_AFTER = "60"  # a parked projection waits for an operator, not for a moment


class ProblemError(Exception):
    """An HTTP-level refusal (bad input, lagging read model) with a stable code."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str,
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status, self.code, self.detail = status, code, detail
        self.errors = errors or []
        self.headers = headers or {}


def problem(
    request: Request,
    status: int,
    code: str,
    detail: str,
    title: str | None = None,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    body = Problem(
        type=PROBLEM_BASE + code,
        title=title or HTTPStatus(status).phrase,
        status=status,
        detail=detail,
        instance=request.url.path,
        errors=errors or [],
    )
    return Response(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def from_validation_message(message: str) -> FieldError:
    """msgspec says `... - at `$.a[0].b``; the pointer is /a/0/b. A map's member is `[...]` to msgspec
    (`key in $.map` for its name): "..." in the pointer, for the caller to resolve."""
    match = re.search(r" - at (`key` in )?`\$(.*)`$", message)
    steps = re.findall(r"\.([^.\[]+)|\[(\d+|\.\.\.)\]", match.group(2)) if match else []
    parts = [name or index for name, index in steps] + (["..."] if match and match.group(1) else [])
    return FieldError(pointer="/" + "/".join(parts) if parts else "/", detail=message.split(" - at ")[0])


# (status, code) of each application error; domain errors carry their code, their family gives the status.
APPLICATION_ERRORS: dict[type[Exception], tuple[int, str]] = {
    app.AggregateNotFound: (404, "not-found"),
    app.UnknownParty: (422, "unknown-party"),
    app.UnknownAgreement: (422, "unknown-agreement"),
    app.AlreadyExists: (409, "already-exists"),
    app.VersionMismatch: (412, "version-mismatch"),
    app.ConcurrencyConflict: (409, "concurrency-conflict"),
    app.IdempotencyKeyReused: (422, "idempotency-key-reused"),
    app.Forbidden: (403, "forbidden"),
    app.Unauthenticated: (401, "unauthenticated"),
    reads.NotVisible: (403, "forbidden"),
    reads.UnknownPosition: (400, "unknown-position"),
    reads.NotCaughtUp: (503, "read-model-behind"),
    ProjectionParked: (503, "projection-parked"),
    history.VersionBeyondStream: (422, "version-beyond-stream"),
    history.InstantInFuture: (422, "instant-in-future"),
    feed.SeqNotReached: (400, "unknown-seq"),
    feed.UnknownEventType: (400, "unknown-event-type"),
    UnsafeUrl: (422, "webhook-url-refused"),
    webhooks.UnknownWebhookEventType: (422, "unknown-event-type"),
    webhooks.TooManySubscriptions: (409, "too-many-webhooks"),
    RateLimited: (429, "rate-limited"),
    tlog.NoCheckpoint: (404, "no-checkpoint"),
    tlog.NotInTree: (422, "seq-not-in-tree"),
    tlog.InvalidRange: (422, "invalid-range"),
    witnesses.InvalidWitnessKey: (422, "invalid-witness-key"),
    witnesses.WitnessKeyTaken: (409, "already-exists"),
    witnesses.UnknownWitness: (422, "unknown-witness"),
    witnesses.InvalidCosignature: (422, "invalid-cosignature"),
    UnknownPerson: (404, "unknown-person"),
    PersonAlreadyErased: (409, "already-erased"),
    PersonErased: (422, "person-erased"),
}


# The status of each family of domain errors (the first that matches); the domain knows nothing of HTTP.
DOMAIN_STATUSES: dict[type[DomainError], int] = {Conflict: 409, Invalid: 422, NotFound: 404, DomainError: 409}


def domain_status(error: DomainError) -> int:
    return next(status for family, status in DOMAIN_STATUSES.items() if isinstance(error, family))


def on_domain_error(request: Request, error: DomainError) -> Response:
    return problem(request, domain_status(error), error.code, error.detail, title=error.title())


def on_application_error(request: Request, error: Exception) -> Response:
    status, code = next(v for k, v in APPLICATION_ERRORS.items() if isinstance(error, k))
    headers = {"WWW-Authenticate": 'Bearer realm="pactum"'} if status == 401 else None
    if isinstance(error, reads.NotCaughtUp):
        headers = {"Retry-After": "1"}
    if isinstance(error, ProjectionParked):
        headers = {"Retry-After": PARKED_RETRY_AFTER}
    if isinstance(error, RateLimited):
        headers = {"Retry-After": str(error.quota.reset_s), **error.quota.headers()}
    if isinstance(error, app.ConcurrencyConflict):  # a queue bound reached, or another process kept writing
        headers = {"Retry-After": str(getattr(error, "retry_after_s", 1))}
    if isinstance(error, app.VersionMismatch):
        headers = {"ETag": f'"{error.current}"'}
    return problem(request, status, code, str(error), headers=headers)


def on_problem_error(request: Request, error: ProblemError) -> Response:
    return problem(
        request, error.status, error.code, error.detail, errors=error.errors, headers=error.headers
    )


def wire_name(request: Request, name: str) -> str:
    """The name the caller sent (`from`), not the handler's argument it fills (`from_size`)."""
    try:
        parameter = request.route_handler.parsed_fn_signature.parameters.get(name)
    except AttributeError:  # refused before a handler was matched
        return name
    definition = getattr(parameter, "kwarg_definition", None)
    aliases = (getattr(definition, field, None) for field in ("query", "header", "name"))
    return next((alias for alias in aliases if alias), name)


def on_validation_error(request: Request, error: ValidationException) -> Response:
    extra = error.extra if isinstance(error.extra, list) else []
    fields = [
        FieldError(pointer=f"/{wire_name(request, str(e.get('key', '')))}", detail=str(e.get("message", "")))
        for e in extra
        if isinstance(e, dict)
    ]
    return problem(request, 400, "invalid-parameter", error.detail or "invalid request", errors=fields)


def on_http_error(request: Request, error: HTTPException) -> Response:
    codes = {
        404: "not-found",
        405: "method-not-allowed",
        413: "body-too-large",
        415: "unsupported-media-type",
        429: "rate-limited",
    }
    code = codes.get(error.status_code, f"http-{error.status_code}")
    detail = error.detail if not isinstance(error, NotFoundException) else "no such resource"
    return problem(request, error.status_code, code, detail, headers=error.headers)


def on_unexpected_error(request: Request, error: Exception) -> Response:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return problem(request, 500, "internal-error", "an unexpected error occurred; nothing was stored")


EXCEPTION_HANDLERS = {
    DomainError: on_domain_error,
    ProblemError: on_problem_error,
    ValidationException: on_validation_error,
    HTTPException: on_http_error,
    **{cls: on_application_error for cls in APPLICATION_ERRORS},
    Exception: on_unexpected_error,
}


# What each error status means here, for the API description (None: the `default` response).
PROBLEMS: dict[int | None, str] = {
    400: "A parameter, header, cursor or body this API cannot use",
    401: "No API key, or one that is unknown, expired or revoked",
    403: "The caller's party or key may not do this",
    404: "No such resource, or none the caller may see",
    409: "Refused by the resource's current state",
    412: "If-Match names a version the resource has moved on from",
    413: "The body is larger than the API accepts",
    415: "The body is not sent as application/json (or a +json type) in UTF-8",
    422: "The body breaks the schema or a rule",
    429: "The key has used its requests for this window",
    503: "A read model did not reach minPosition in time, or is parked at an event it cannot apply",
    None: "Any other error (e.g. 500), as a problem",
}


def documented(*statuses: int) -> dict[int, ResponseSpec]:
    """The error statuses an operation can return besides those every operation of its kind can
    (401 and 429 when keyed, 400 with parameters, 400/413/415/422 with a body: see openapi.py)."""
    return {
        s: ResponseSpec(
            data_container=Problem,
            media_type=PROBLEM_JSON,
            description=PROBLEMS.get(s) or HTTPStatus(s).phrase,
            generate_examples=False,
        )
        for s in statuses
    }
