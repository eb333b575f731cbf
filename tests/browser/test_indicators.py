"""Indicator charts in Chromium: bounds and qualifiers drawn as stated, breaks as breaks, garbled figures as
their raw text with their flag, and the same figures in a table beside each chart."""

from __future__ import annotations

from domain.indicator import Indicator
from tests.browser.conftest import HENGQIN, PACT
from tests.browser.pages import checked, sign_in

INDICATORS = "/dashboard/indicators"
S000 = "S000 · Foreign Affairs Office of the People's Government of Guangdong Province (source line: " \
    "newsgd.com) · 2021-11-11"
S001 = "S001 · not stated (photo credit XINHUA)"


def page_of(code: str) -> str:
    return f"{INDICATORS}/{Indicator.id_for(code)}"


async def in_english(page, url: str) -> None:
    await page.context.add_cookies([{"name": "pactum_lang", "value": "en", "url": url}])


async def rows(page) -> list[tuple[str, str]]:
    """Each chart row's kind and its words."""
    found = page.locator("svg.chart g.row")
    return [(await row.get_attribute("data-kind"), await row.locator("text").nth(1).text_content())
            for row in await found.all()]


async def table(page) -> list[list[str]]:
    body = page.locator("table.figures tbody tr")
    return [[c.strip() for c in await body.nth(i).locator("th, td").all_inner_texts()]
            for i in range(await body.count())]


async def test_the_indicators_are_reached_from_the_navigation_and_from_an_agreement(dashboard, page, axe):
    await sign_in(page, dashboard.url, dashboard.keys["JM-HRSS"])

    await page.get_by_role("navigation").get_by_role("link", name="指标").click()

    assert await page.get_by_role("heading", level=1).inner_text() == "指标"
    row = page.get_by_role("row").filter(has_text="IND-SS-INSURED")
    assert (await row.get_by_role("cell").all_inner_texts())[1:] == ["persons", "2"]
    await checked(page, axe, "20-indicators")
    await page.goto(f"{dashboard.url}/dashboard/agreements/{PACT}")
    await page.get_by_role("main").get_by_role("link", name="指标").click()
    assert page.url == dashboard.url + INDICATORS


async def test_more_than_300000_is_an_open_ended_bar_after_a_break_of_scope(dashboard, page, axe):
    await sign_in(page, dashboard.url, dashboard.keys["JM-HRSS"])
    await in_english(page, dashboard.url)

    await page.goto(dashboard.url + page_of("IND-SS-INSURED"))

    assert await rows(page) == [("exact", "62,700 persons"), ("open", "more than 300,000 persons")]
    assert await page.locator("svg.chart g.break text").all_text_contents() == [
        "Break — scope changed: dimensions population=MO -> population=HK+MO"]
    assert await page.locator("svg.chart g.axis").count() == 2  # a scale for each side of the break
    open_end = page.locator('svg.chart g.row[data-kind="open"] rect.open-end')
    assert float(await open_end.get_attribute("width")) > 100
    assert await page.locator("svg.chart > title").text_content() == "IND-SS-INSURED · Series"
    assert await page.locator("svg.chart > desc").text_content() == (
        "2021-11: 62,700 persons; Break — scope changed: dimensions population=MO -> population=HK+MO; "
        "2023-02: more than 300,000 persons")
    assert await page.get_by_role("img", name="IND-SS-INSURED · Series").is_visible()
    assert await table(page) == [
        ["2021-11*", "62,700 persons", "62,700", "62,700", "population: MO", S000, "", "first figure"],
        ["2023-02*", "more than 300,000 persons\nSource text: “more than 300,000 people have benefited”",
         "300,000", "—", "population: HK+MO", S001, "",
         "Break — scope changed: dimensions population=MO -> population=HK+MO"],
    ]
    await checked(page, axe, "21-indicator-open-ended")


async def test_nearly_4000_is_drawn_as_an_upper_bound(dashboard, page):
    await sign_in(page, dashboard.url, dashboard.keys["JM-HRSS"])

    await page.goto(dashboard.url + page_of("IND-INCUB-PROJECTS"))

    assert await rows(page) == [("exact", "2,394 projects"), ("upper", "近 4,000 projects")]
    assert await page.locator("svg.chart g.break").count() == 0
    assert await page.locator('svg.chart g.row[data-kind="upper"] line.upper-bound').count() == 1
    assert [r[2:4] for r in await table(page)] == [["2,394", "2,394"], ["—", "4,000"]]


async def test_a_garbled_figure_is_its_raw_text_with_its_flag_never_a_number(dashboard, page, axe):
    await sign_in(page, dashboard.url, dashboard.keys["JM-HRSS"])
    await in_english(page, dashboard.url)

    await page.goto(dashboard.url + page_of(HENGQIN))

    (garbled, _), readable = await rows(page)
    assert garbled == "unreadable"
    assert readable == ("exact", "20,818 persons")
    unreadable = page.locator('svg.chart g.row[data-kind="unreadable"]')
    assert await unreadable.locator("rect").count() == 0
    assert await unreadable.locator("text").all_text_contents() == [
        "2023-11", "“more than 7400,1270 Macao residents are currently working, …”"
        " — garbled number", "no bar: the figure cannot be read as a number"]
    assert await page.locator("svg.chart g.break text").all_text_contents() == [
        "Break — definition changed: definition version 1 -> 2"]
    first, _ = await table(page)
    assert first == ["2023-11", "“more than 7400,1270 Macao residents are currently working, living and "
                     "residing in the Hengqin ...” garbled number", "—", "—", "", "S003 · test fixture",
                     "", "first figure"]
    content = await page.content()
    assert "74,001,270" not in content and "7,400" not in content
    assert await page.locator("svg.chart g.axis").count() == 1  # only the readable figure has a scale
    await checked(page, axe, "22-indicator-garbled")


async def test_a_bundle_of_counts_breaks_at_each_change_of_unit_each_part_on_its_own_scale(dashboard, page):
    await sign_in(page, dashboard.url, dashboard.keys["JM-HRSS"])
    await in_english(page, dashboard.url)

    await page.goto(dashboard.url + page_of("IND-HETAO-RESEARCH"))

    assert [kind for kind, _ in await rows(page)] == ["exact", "exact", "exact"]
    assert await page.locator("svg.chart g.break text").all_text_contents() == [
        "Break — unit changed: unit lists_released -> unveiled_projects_implemented",
        "Break — unit changed: unit unveiled_projects_implemented -> pilot_projects"]
    axes = await page.locator("svg.chart g.axis").all()
    units = [await a.locator("text").last.text_content() for a in axes]
    assert units == ["20 lists_released", "5 unveiled_projects_implemented", "5 pilot_projects"]
    assert (await table(page))[0][6] == \
        "mistranslation: “released 12 rankings” (12 lists (榜单) of research challenges)"


async def test_indicator_pages_are_closed_without_a_session_and_an_unknown_one_is_not_found(dashboard, page):
    closed = await page.goto(dashboard.url + page_of("IND-SS-INSURED"))
    assert closed.status == 401
    assert await page.locator("svg.chart").count() == 0

    await sign_in(page, dashboard.url, dashboard.keys["JM-HRSS"])
    missing = await page.goto(f"{dashboard.url}{INDICATORS}/00000000-0000-4000-8000-000000000000")
    assert missing.status == 404
    assert await page.get_by_role("alert").inner_text() == "页面不存在或您无权查看。"
