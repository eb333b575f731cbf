"""What the browser tests do on a page: sign in, keep a screenshot, run axe-core."""

from __future__ import annotations

from pathlib import Path

from tests.browser.conftest import ARTEFACTS
from tests.browser.screens import MASK, compare

SERIOUS = ("serious", "critical")


async def sign_in(page, url: str, key: str) -> None:
    await page.goto(url + "/")
    await page.get_by_label("本单位的 API 密钥").fill(key)
    await page.get_by_role("button", name="登录").click()


async def shot(page, name: str) -> Path:
    """A full-page screenshot kept as a test artefact (tmp/artefacts/browser) and compared with its baseline
    (tests/browser/screens.py); the times of storing, which each run changes, are masked."""
    path = ARTEFACTS / f"{name}.png"
    await page.screenshot(path=str(path), full_page=True, animations="disabled", caret="hide",
                          mask=[page.locator(".clock")], mask_color=MASK)
    compare(path, name, page.context.browser.version, ARTEFACTS)
    return path


async def serious_violations(page, axe: Path) -> list[str]:
    """axe-core's serious and critical violations on the page, as `rule: target` lines."""
    await page.add_script_tag(path=str(axe))
    result = await page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']}: {n['target']}" for v in result["violations"] if v["impact"] in SERIOUS
            for n in v["nodes"]]


async def checked(page, axe: Path, name: str) -> None:
    """Screenshot the page, then require no serious or critical accessibility violation on it."""
    await shot(page, name)
    assert await serious_violations(page, axe) == [], name


async def stored_events(system) -> int:
    return await system.pool.fetchval("SELECT count(*) FROM events")
