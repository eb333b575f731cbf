"""Sessions kept in the database: a restart keeps the officer signed in, another process knows the session,
and revoking the key closes it."""

from __future__ import annotations

from tests.api.served import Served
from tests.browser.conftest import STARTUP, ZS
from tests.browser.pages import sign_in

NEEDS_ME = "/dashboard/needs-me"


async def test_a_session_survives_a_restart_and_is_known_to_another_process(dashboard, page):
    await sign_in(page, dashboard.url, dashboard.keys["ZS-HRSS"])

    dashboard.served.stop()
    dashboard.served.start(STARTUP)  # a new app on the same database and port
    after_restart = await page.goto(dashboard.url + NEEDS_ME)

    assert after_restart.status == 200
    assert await page.get_by_role("heading", level=1).inner_text() == "待我处理"
    assert await page.get_by_text("当前单位：ZS-HRSS").is_visible()
    other = Served(dashboard.dsn).start(STARTUP)  # a second process: cookies go by host, not by port
    try:
        elsewhere = await page.goto(other.url + NEEDS_ME)
        assert elsewhere.status == 200
        assert await page.get_by_text("当前单位：ZS-HRSS").is_visible()
    finally:
        other.stop()


async def test_revoking_the_key_closes_its_session_after_a_restart_too(dashboard, page):
    issued = await dashboard.system.keys.issue("browser", party_id=ZS)
    await sign_in(page, dashboard.url, issued.token)
    assert await page.get_by_role("heading", level=1).inner_text() == "我的协议"
    dashboard.served.stop()
    dashboard.served.start(STARTUP)

    await dashboard.system.keys.revoke(issued.key_id)
    revoked = await page.goto(dashboard.url + NEEDS_ME)

    assert revoked.status == 401
    assert await page.get_by_role("alert").inner_text() == "此 API 密钥无效、已过期或已吊销。"
    assert await dashboard.system.pool.fetchval(
        "SELECT count(*) FROM dashboard_sessions WHERE key_id = $1", issued.key_id) == 0
    again = await page.goto(dashboard.url + NEEDS_ME)
    assert again.status == 401
    assert await page.get_by_role("alert").inner_text() == "请先登录。"


async def test_signing_out_ends_the_session_in_the_database(dashboard, page):
    issued = await dashboard.system.keys.issue("browser", party_id=ZS)
    await sign_in(page, dashboard.url, issued.token)
    count = "SELECT count(*) FROM dashboard_sessions WHERE key_id = $1"
    assert await dashboard.system.pool.fetchval(count, issued.key_id) == 1

    await page.get_by_role("button", name="退出").click()

    assert await dashboard.system.pool.fetchval(count, issued.key_id) == 0
    assert (await page.goto(dashboard.url + NEEDS_ME)).status == 401
