"""The commands the dashboard sends, through the same command cycle and authorization as the API."""

from __future__ import annotations

import hashlib
import re
from uuid import uuid4

import projections
from domain.errors import DomainError
from service.http.problems import APPLICATION_ERRORS, domain_status
from service.reads.errors import NotCaughtUp
from service.usecases.commands import Command
from service.usecases.context import Caller, Context

SUBMISSION = re.compile(r"[0-9a-f]{32}")  # each form carries one; a repeat of the same form is one command
REFUSALS = tuple(APPLICATION_ERRORS)


class Refused(Exception):
    """The command was not taken; `status` and `detail` say why, as the API would."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status, self.detail = status, detail


def new_submission() -> str:
    return uuid4().hex


async def send(system, caller: Caller, command: Command, submission: str) -> None:
    """Run `command` for `caller`, once per form submission, and wait until the read models show it."""
    if not SUBMISSION.fullmatch(submission or ""):
        raise Refused(400, "the form is incomplete")
    fingerprint = hashlib.sha256(repr(command).encode()).hexdigest()
    ctx = Context(caller=caller, idempotency_key=f"dashboard-{submission}", fingerprint=fingerprint,
                  correlation_id=uuid4())
    try:
        outcome = await system.commands.execute(command, ctx)
    except DomainError as error:
        raise Refused(domain_status(error), error.detail) from None
    except REFUSALS as error:
        status = next(s for kind, (s, _) in APPLICATION_ERRORS.items() if isinstance(error, kind))
        raise Refused(status, str(error)) from None
    try:
        await system.queries.wait_for(outcome.saved.position, projections.ALL)
    except NotCaughtUp:
        pass  # stored all the same: the pages show it once the read models catch up


