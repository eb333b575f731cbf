"""Per-request plumbing of the dashboard: who is signed in, the form's CSRF check, rendering a page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from litestar import Request
from litestar.datastructures import Cookie
from litestar.response import Template

from service.http.dashboard.i18n import LANG_COOKIE, LANGUAGES, Words, language, pick
from service.http.dashboard.sessions import CSRF_COOKIE, SESSION_COOKIE, Session, new_token, same, sessions
from service.usecases.context import Caller

PREFIX = "/dashboard"
# Pages name a party's claims: never cached (the back button after sign-out shows nothing), never framed,
# forms only to this app, no script at all.
PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def cookie(name: str, value: str, max_age: int | None = None) -> Cookie:
    """Cookies the dashboard sets: never readable by scripts, never sent by another site's page."""
    return Cookie(key=name, value=value, path="/", httponly=True, samesite="strict", max_age=max_age)


@dataclass
class Visit:
    """One request to the dashboard: its language, and the session and caller behind it, if any."""

    request: Request
    lang: str
    session: Session | None = None
    caller: Caller | None = None
    revoked: bool = False
    party_label: str | None = None
    anonymous_csrf: str | None = None

    @property
    def t(self) -> Words:
        return Words(self.lang)

    @property
    def csrf(self) -> str:
        if self.session is not None:
            return self.session.csrf
        if self.anonymous_csrf is None:
            self.anonymous_csrf = self.request.cookies.get(CSRF_COOKIE) or new_token()
        return self.anonymous_csrf

    async def form(self) -> dict[str, str] | None:
        """The posted form if it carries this visit's CSRF token; None when the token is missing or wrong."""
        form = await self.request.form()
        values = {k: v for k, v in form.items() if isinstance(v, str)}
        expected = self.session.csrf if self.session else self.request.cookies.get(CSRF_COOKIE)
        return values if same(values.get("csrf"), expected) else None

    def page(self, template: str, status: int = 200, **context: Any) -> Template:
        cookies = []
        if self.session is None and self.request.cookies.get(CSRF_COOKIE) != self.csrf:
            cookies.append(cookie(CSRF_COOKIE, self.csrf))
        return Template(template_name=template, status_code=status, cookies=cookies, headers=PAGE_HEADERS,
                        context={
            "t": self.t, "lang": self.lang, "languages": LANGUAGES, "csrf": self.csrf, "caller": self.caller,
            "party_label": self.party_label,
            "path": self.request.url.path, "prefix": PREFIX, "pick": lambda text: pick(text, self.lang),
            **context,
        })


def closed(v: Visit, message: str = "closed", status: int = 401) -> Template:
    """The sign-in page, in place of a page that needs a session."""
    return v.page("sign_in.html", status=status, message=v.t("bad_key" if v.revoked else message))


async def visit(request: Request) -> Visit:
    """The request's language and, when its session cookie names a live session, the caller as its key
    stands now: a revoked or expired key closes the session at once."""
    lang = language(request.cookies.get(LANG_COOKIE))
    session = await sessions(request).find(request.cookies.get(SESSION_COOKIE))
    if session is None:
        return Visit(request, lang)
    if not session.live:
        return Visit(request, lang, revoked=True)
    caller = Caller(key_id=session.key_id, party_id=session.party_id, is_admin=session.is_admin)
    request.state.caller = caller  # for the access log
    label = None
    if caller.party_id is not None:
        label = (await request.app.state.system.queries.party(caller.party_id)).code
    return Visit(request, lang, session, caller, party_label=label)
