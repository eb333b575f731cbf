"""The dashboard's pages and forms, at / and under /dashboard, left out of the API's schema."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, Request, Response, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from domain.errors import UnknownCommitment
from service.http.dashboard import views
from service.http.dashboard.actions import Refused, new_submission, send
from service.http.dashboard.i18n import LANG_COOKIE, language
from service.http.dashboard.sessions import SESSION_COOKIE, sessions
from service.http.dashboard.web import PREFIX, Visit, closed, cookie, visit
from service.reads.errors import AggregateNotFound, NotVisible
from service.usecases.commands import AcknowledgeCompletion, DisputeCompletion
from service.usecases.context import business_today
from service.usecases.errors import Unauthenticated

YEAR = 365 * 24 * 3600
HIDDEN = (AggregateNotFound, NotVisible)


def back_to(target: str | None) -> str:
    """Only a path of this dashboard, never another site."""
    return target if target and (target == "/" or target.startswith(PREFIX + "/")) else "/"


class DashboardController(Controller):
    include_in_schema = False

    @get("/")
    async def home(self, request: Request) -> Template:
        v = await visit(request)
        if v.caller is None:
            return closed(v, "sign_in_intro", 401 if v.revoked else 200)
        rows = await views.my_agreements(request.app.state.system, v.caller, business_today())
        return v.page("agreements.html", rows=rows)

    @post(f"{PREFIX}/sign-in", status_code=303)
    async def sign_in(self, request: Request) -> Response:
        v = await visit(request)
        form = await v.form()
        if form is None:
            return closed(v, "bad_csrf", 403)
        key = form.get("key", "").strip()
        try:
            caller = await request.app.state.api_keys.authenticate(key)
        except Unauthenticated:
            return v.page("sign_in.html", status=401, message=v.t("bad_key"))
        session_id, _ = await sessions(request).open(caller.key_id, caller.party_id)
        return Redirect("/", status_code=303, cookies=[cookie(SESSION_COOKIE, session_id)])

    @post(f"{PREFIX}/sign-out", status_code=303)
    async def sign_out(self, request: Request) -> Response:
        v = await visit(request)
        if v.session is not None and await v.form() is None:
            return v.page("message.html", status=403, message=v.t("bad_csrf"))
        await sessions(request).close(request.cookies.get(SESSION_COOKIE))
        return Redirect("/", status_code=303, cookies=[cookie(SESSION_COOKIE, "", max_age=0)])

    @post(f"{PREFIX}/language", status_code=303)
    async def switch_language(self, request: Request) -> Response:
        v = await visit(request)
        form = await v.form()
        if form is None:
            return v.page("message.html", status=403, message=v.t("bad_csrf"))
        chosen = language(form.get("lang"))
        return Redirect(back_to(form.get("next")), status_code=303,
                        cookies=[cookie(LANG_COOKIE, chosen, max_age=YEAR)])

    @get(f"{PREFIX}/agreements/{{agreement_id:uuid}}")
    async def agreement(self, request: Request, agreement_id: FromPath[UUID]) -> Template:
        v = await visit(request)
        if v.caller is None:
            return closed(v)
        try:
            page = await views.agreement_page(request.app.state.system, v.caller, agreement_id,
                                              business_today())
        except HIDDEN:
            return v.page("message.html", status=404, message=v.t("not_found"))
        return v.page("agreement.html", p=page, submission=new_submission,
                      done=request.query_params.get("done"))

    @get(f"{PREFIX}/agreements/{{agreement_id:uuid}}/commitments/{{code:str}}")
    async def commitment(self, request: Request, agreement_id: FromPath[UUID],
                         code: FromPath[str]) -> Template:
        v = await visit(request)
        if v.caller is None:
            return closed(v)
        try:
            timeline = await views.timeline(request.app.state.system, v.caller, agreement_id, code)
        except (*HIDDEN, UnknownCommitment):  # unknown or not the caller's: the API answers 404 for both
            return v.page("message.html", status=404, message=v.t("not_found"))
        return v.page("commitment.html", tl=timeline)

    @get(f"{PREFIX}/needs-me")
    async def needs_me(self, request: Request) -> Template:
        v = await visit(request)
        if v.caller is None:
            return closed(v)
        return await needs_me_page(v, done=request.query_params.get("done"))

    @post(f"{PREFIX}/agreements/{{agreement_id:uuid}}/claims/{{claim_id:uuid}}/acknowledgement",
          status_code=303)
    async def acknowledge(self, request: Request, agreement_id: FromPath[UUID],
                  claim_id: FromPath[UUID]) -> Response:
        return await answer(request, agreement_id, claim_id, dispute=False)

    @post(f"{PREFIX}/agreements/{{agreement_id:uuid}}/claims/{{claim_id:uuid}}/dispute", status_code=303)
    async def dispute(self, request: Request, agreement_id: FromPath[UUID],
                  claim_id: FromPath[UUID]) -> Response:
        return await answer(request, agreement_id, claim_id, dispute=True)


async def needs_me_page(v: Visit, status: int = 200, message: str | None = None,
                        done: str | None = None) -> Template:
    assert v.caller is not None
    data = await views.needs_me(v.request.app.state.system, v.caller, business_today())
    return v.page("needs_me.html", status=status, n=data, message=message, submission=new_submission,
                  done=done if done in {"acknowledged", "disputed"} else None)


async def answer(request: Request, agreement_id: UUID, claim_id: UUID, dispute: bool) -> Response:
    """Acknowledge or dispute a claim from a form; any refusal is said on the page, nothing stored."""
    v = await visit(request)
    if v.caller is None:
        return closed(v)
    form = await v.form()
    if form is None:
        return await needs_me_page(v, 403, v.t("bad_csrf"))
    reason = form.get("reason", "").strip()
    if dispute and not reason:
        return await needs_me_page(v, 422, v.t("reason_needed"))
    command = (DisputeCompletion(agreement_id=agreement_id, claim_id=claim_id, reason=reason) if dispute
               else AcknowledgeCompletion(agreement_id=agreement_id, claim_id=claim_id))
    try:
        await send(request.app.state.system, v.caller, command, form.get("submission", ""))
    except Refused as refusal:
        return await needs_me_page(v, refusal.status, v.t("refused", detail=refusal.detail))
    done = "disputed" if dispute else "acknowledged"
    target = back_to(form.get("next") or f"{PREFIX}/agreements/{agreement_id}")
    return Redirect(f"{target}?done={done}", status_code=303)
