"""An officer of Jiangmen in Chromium: signs in, reads, answers claims, switches language, signs out."""

from __future__ import annotations

from tests.browser.conftest import JM, PACT
from tests.browser.pages import checked, shot, sign_in, stored_events

GRID = "/dashboard/agreements/" + str(PACT)


async def test_an_officer_reads_the_grid_answers_claims_switches_language_and_signs_out(dashboard, page, axe):
    url = dashboard.url
    await page.goto(url + "/")
    await page.keyboard.press("Tab")  # the keyboard reaches the skip link first
    assert await page.evaluate("document.activeElement.textContent") == "跳到正文"
    await checked(page, axe, "01-sign-in")
    await sign_in(page, url, dashboard.keys["JM-HRSS"])

    # My agreements: the ZZJ pact, with the two claims awaiting Jiangmen.
    row = page.get_by_role("row").filter(has_text="ZZJ-HRSS-2025")
    assert await page.get_by_role("heading", level=1).inner_text() == "我的协议"
    assert (await row.get_by_role("cell").all_inner_texts())[-1] == "2"
    await checked(page, axe, "02-my-agreements")

    # The grid: A1.1 substantial, awaiting Jiangmen only.
    await page.get_by_role("link", name="ZZJ-HRSS-2025").click()
    a11 = page.locator('li.cell[data-code="A1.1"]')
    assert await a11.get_attribute("data-level") == "substantial"
    assert "待确认单位: JM-HRSS" in await a11.inner_text()
    assert await page.get_by_text("尚无修订提案。").is_visible()
    await checked(page, axe, "03-agreement-grid")
    await page.emulate_media(media="print")  # printed: the page without its forms and navigation
    assert not await page.get_by_role("button", name="退出").is_visible()
    assert await a11.is_visible()
    await shot(page, "03-agreement-printed")
    await page.emulate_media(media="screen")

    # What needs me: acknowledge A1.1, which completes it, and the grid shows it.
    await page.get_by_role("link", name="待我处理").click()
    await checked(page, axe, "04-needs-me")
    form = page.locator("form").filter(has=page.get_by_role("button", name="确认 A1.1"))
    sent = await form.evaluate("f => ({action: f.action, fields: Object.fromEntries(new FormData(f))})")
    await page.get_by_role("button", name="确认 A1.1").click()
    assert page.url == f"{url}{GRID}?done=acknowledged"
    assert await page.get_by_role("status").inner_text() == "已确认，协议进展已更新。"
    assert await a11.get_attribute("data-level") == "complete"
    assert "待确认单位" not in await a11.inner_text()
    before = await stored_events(dashboard.system)  # the same form sent again is the same command
    again = await page.request.post(sent["action"], form=sent["fields"])
    assert again.url == f"{url}{GRID}?done=acknowledged"
    assert await stored_events(dashboard.system) == before

    # Dispute A1.2 with a reason: it is stored, and the claim is no longer awaiting.
    await page.get_by_role("link", name="待我处理").click()
    await page.get_by_label("异议理由 (A1.2)").fill("证据不足：缺少会议纪要")
    await page.get_by_role("button", name="提出异议 A1.2").click()
    assert await page.get_by_role("status").inner_text() == "异议已记录。"
    assert await page.get_by_text("没有待您确认的完成声明。").is_visible()
    reason = await dashboard.system.pool.fetchval(
        "SELECT payload->>'reason' FROM events WHERE stream_id = $1 AND event_type = $2",
        PACT, "agreement.completion_disputed")
    assert reason == "证据不足：缺少会议纪要"
    await checked(page, axe, "05-needs-me-after")

    # The commitment's timeline tells the dispute, with its actor.
    await page.goto(f"{url}{GRID}/commitments/A1.2")
    dispute = page.locator("tr.entry-dispute")
    assert "证据不足：缺少会议纪要" in await dispute.inner_text()
    assert "JM-HRSS" in await dispute.inner_text()
    await checked(page, axe, "06-commitment-timeline")

    # Languages: English, then Traditional Chinese (converted text marked), remembered across pages.
    await page.get_by_label("语言").select_option("en")
    await page.get_by_role("button", name="切换").click()
    assert await page.get_by_role("heading", level=1).inner_text() == "A1.2 Timeline"
    await page.goto(url + GRID)
    assert await page.get_by_role("heading", name="Areas and commitments").is_visible()
    await page.get_by_label("Language").select_option("zh-Hant")
    await page.get_by_role("button", name="Switch").click()
    assert await page.get_by_role("heading", name="領域與承諾").is_visible()
    assert await page.locator("th.area small.converted").first.inner_text() == "(轉換)"
    assert await page.locator("h1 small.converted").inner_text() == "(非正式譯文)"
    await checked(page, axe, "07-agreement-zh-hant")

    # Signed out, the pages are closed.
    await page.get_by_role("button", name="登出").click()
    assert await page.get_by_role("heading", name="登入").is_visible()
    response = await page.goto(url + GRID)
    assert response.status == 401
    assert await page.get_by_role("alert").inner_text() == "請先登入。"
    assert await page.locator("li.cell").count() == 0
    assert str(JM) not in await page.content()
