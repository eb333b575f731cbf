"""Bad input at the dashboard: a clear message on the page, and nothing stored."""

from __future__ import annotations

from uuid import uuid4

from domain.party import Party
from tests.browser.conftest import PACT, ZS
from tests.browser.pages import checked, sign_in, stored_events

NEEDS_ME = "/dashboard/needs-me"


async def test_an_invalid_key_is_refused_with_a_message_and_no_session(dashboard, page, axe):
    await sign_in(page, dashboard.url, "pk_0123456789abcdef0123456789abcdef_not-a-secret")

    assert await page.get_by_role("alert").inner_text() == "此 API 密钥无效、已过期或已吊销。"
    assert "pactum_session" not in {c["name"] for c in await page.context.cookies()}
    await checked(page, axe, "10-invalid-key")


async def test_a_revoked_key_closes_its_session(dashboard, page):
    issued = await dashboard.system.keys.issue("browser", party_id=ZS)
    await sign_in(page, dashboard.url, issued.token)
    assert await page.get_by_role("heading", level=1).inner_text() == "我的协议"

    await dashboard.system.keys.revoke(issued.key_id)
    response = await page.goto(dashboard.url + NEEDS_ME)

    assert response.status == 401
    assert await page.get_by_role("alert").inner_text() == "此 API 密钥无效、已过期或已吊销。"


async def test_the_session_cookie_is_http_only_and_same_site_strict_and_pages_are_not_kept(dashboard, page):
    await sign_in(page, dashboard.url, dashboard.keys["JM-HRSS"])

    (session,) = [c for c in await page.context.cookies() if c["name"] == "pactum_session"]
    assert (session["httpOnly"], session["sameSite"]) == (True, "Strict")
    assert dashboard.keys["JM-HRSS"] not in page.url
    assert "pactum_session" not in await page.evaluate("document.cookie")
    response = await page.goto(dashboard.url + NEEDS_ME)
    assert response.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


async def test_a_sign_in_without_a_csrf_token_is_refused(dashboard, page):
    await page.goto(dashboard.url + "/")
    await page.evaluate("document.querySelectorAll('form[action$=\"sign-in\"] [name=csrf]')"
                        ".forEach(e => e.remove())")
    await page.get_by_label("本单位的 API 密钥").fill(dashboard.keys["JM-HRSS"])
    await page.get_by_role("button", name="登录").click()

    assert await page.get_by_role("alert").inner_text() == \
        "表单已过期或并非来自本看板，未作任何处理。请重试。"
    assert "pactum_session" not in {c["name"] for c in await page.context.cookies()}


async def test_a_forged_csrf_token_acknowledges_nothing(dashboard, page, axe):
    await sign_in(page, dashboard.url, dashboard.keys["JM-HRSS"])
    await page.goto(dashboard.url + NEEDS_ME)
    before = await stored_events(dashboard.system)
    await page.evaluate("document.querySelectorAll('[name=csrf]').forEach(e => e.value = 'forged')")

    await page.get_by_role("button", name="确认 A1.1").click()

    assert await page.get_by_role("alert").inner_text() == \
        "表单已过期或并非来自本看板，未作任何处理。请重试。"
    assert await stored_events(dashboard.system) == before
    await checked(page, axe, "11-forged-csrf")


async def test_a_dispute_without_a_reason_is_refused_and_nothing_is_stored(dashboard, page, axe):
    await sign_in(page, dashboard.url, dashboard.keys["JM-HRSS"])
    await page.goto(dashboard.url + NEEDS_ME)
    before = await stored_events(dashboard.system)

    await page.get_by_label("异议理由 (A1.2)").fill("   ")
    await page.get_by_role("button", name="提出异议 A1.2").click()

    assert await page.get_by_role("alert").inner_text() == "提出异议须说明理由，未作记录。"
    assert await stored_events(dashboard.system) == before
    assert await page.get_by_role("button", name="提出异议 A1.2").is_visible()
    await checked(page, axe, "12-dispute-without-reason")


async def test_a_claim_of_an_agreement_not_the_partys_is_refused(dashboard, page):
    await sign_in(page, dashboard.url, dashboard.keys["JM-HRSS"])
    await page.goto(dashboard.url + NEEDS_ME)
    before = await stored_events(dashboard.system)
    elsewhere = f"/dashboard/agreements/{uuid4()}/claims/{dashboard.claims['A1.1']}/acknowledgement"
    await page.evaluate(f"document.querySelector('form[action$=\"acknowledgement\"]').action = '{elsewhere}'")

    await page.get_by_role("button", name="确认 A1.1").click()

    assert (await page.get_by_role("alert").inner_text()).startswith("未能办理：")
    assert await stored_events(dashboard.system) == before


async def test_the_claimant_cannot_acknowledge_its_own_claim(dashboard, page):
    await sign_in(page, dashboard.url, dashboard.keys["ZH-HRSS"])
    await page.goto(dashboard.url + NEEDS_ME)
    before = await stored_events(dashboard.system)
    assert await page.get_by_text("没有待您确认的完成声明。").is_visible()
    await page.evaluate(
        "f => { const form = document.createElement('form'); form.method = 'post'; form.action = f.action;"
        " for (const [k, v] of Object.entries(f.fields)) { const i = document.createElement('input');"
        " i.type = 'hidden'; i.name = k; i.value = v; form.appendChild(i); }"
        " document.body.appendChild(form); form.submit(); }",
        {"action": f"/dashboard/agreements/{PACT}/claims/{dashboard.claims['A1.2']}/acknowledgement",
         "fields": {"csrf": await page.locator('[name=csrf]').first.input_value(),
                    "submission": uuid4().hex}})
    await page.wait_for_load_state()

    assert (await page.get_by_role("alert").inner_text()).startswith("未能办理：")
    assert await stored_events(dashboard.system) == before


async def test_a_revoked_key_cannot_sign_in(dashboard, page):
    issued = await dashboard.system.keys.issue("browser", party_id=ZS)
    await dashboard.system.keys.revoke(issued.key_id)

    await sign_in(page, dashboard.url, issued.token)

    assert await page.get_by_role("alert").inner_text() == "此 API 密钥无效、已过期或已吊销。"
    assert "pactum_session" not in {c["name"] for c in await page.context.cookies()}
    assert await dashboard.system.pool.fetchval(
        "SELECT count(*) FROM dashboard_sessions WHERE key_id = $1", issued.key_id) == 0


async def test_no_form_of_a_session_does_anything_without_its_csrf_token(dashboard, page):
    await sign_in(page, dashboard.url, dashboard.keys["JM-HRSS"])
    token = await page.locator("[name=csrf]").first.input_value()
    before = await stored_events(dashboard.system)
    claim = f"/dashboard/agreements/{PACT}/claims/{dashboard.claims['A1.2']}"
    forms = [
        (f"{claim}/acknowledgement", {"submission": uuid4().hex}),  # no token at all
        (f"{claim}/dispute", {"csrf": token[:-1] + "x", "submission": uuid4().hex, "reason": "证据不足"}),
        ("/dashboard/sign-out", {"csrf": "forged"}),
        ("/dashboard/language", {"csrf": "", "lang": "en", "next": NEEDS_ME}),
    ]

    for action, fields in forms:
        answered = await page.request.post(dashboard.url + action, form=fields, max_redirects=0)
        assert answered.status == 403, action
        assert "表单已过期或并非来自本看板，未作任何处理。请重试。" in await answered.text(), action

    assert await stored_events(dashboard.system) == before
    still = await page.goto(dashboard.url + NEEDS_ME)  # still signed in, still in Simplified Chinese
    assert still.status == 200
    assert await page.get_by_role("heading", level=1).inner_text() == "待我处理"


async def test_a_party_outside_the_agreement_cannot_answer_its_claims(dashboard, page):
    outsider = await dashboard.system.keys.issue("browser", party_id=Party.id_for("GD-HRSS"))
    await sign_in(page, dashboard.url, outsider.token)
    token = await page.locator("[name=csrf]").first.input_value()
    before = await stored_events(dashboard.system)
    claim = f"/dashboard/agreements/{PACT}/claims/{dashboard.claims['A1.2']}"

    acknowledged = await page.request.post(f"{dashboard.url}{claim}/acknowledgement", max_redirects=0,
                                           form={"csrf": token, "submission": uuid4().hex})
    disputed = await page.request.post(f"{dashboard.url}{claim}/dispute", max_redirects=0,
                                       form={"csrf": token, "submission": uuid4().hex, "reason": "不同意"})

    for answered in (acknowledged, disputed):
        assert answered.status == 404
        assert '<p class="message" role="alert">未能办理：' in await answered.text()
    assert await stored_events(dashboard.system) == before
    grid = await page.goto(f"{dashboard.url}/dashboard/agreements/{PACT}")
    assert grid.status == 404  # nor can it see the agreement
