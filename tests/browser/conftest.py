"""The dashboard served for real over the seeded database, and Debian's Chromium driven by Playwright.

Nothing is downloaded at test time: Chromium is the Debian package (.ci/run installs it), axe-core comes
from this folder's lock file (`npm ci`, run here when node_modules is missing).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from uuid import UUID, uuid5

import pytest

from domain.agreement.values import CompletionLevel, Evidence, Health
from domain.indicator import Indicator
from domain.indicator.values import (
    Accumulation,
    Definition,
    MeasureType,
    Observation,
    ObservationNature,
    ReferencePeriod,
    SourceRef,
    reference_date,
)
from domain.party import Party
from domain.quantity import Qualifier, stated
from domain.quantity_text import parse_quantity
from domain.values import LocalizedString, TextKind
from service.seed import ZZJ, agreement_id_for
from service.store.db import create_pool
from service.system import System
from service.usecases.commands import (
    AcknowledgeCompletion,
    ClaimCompletion,
    DefineIndicator,
    RecordObservation,
    ReportProgress,
    ReviseIndicatorDefinition,
)
from service.usecases.context import Caller, Context
from tests.api.served import Served
from tests.conftest import copy_of, test_settings

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
CHROMIUM = Path("/usr/bin/chromium")
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
ARTEFACTS = ROOT / "tmp" / "artefacts" / "browser"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
STARTUP = 120  # seconds for `pactum serve` to answer: the machine is shared, and a start can be slow
PACT = agreement_id_for(ZZJ)
ZH, ZS, JM = (Party.id_for(c) for c in ("ZH-HRSS", "ZS-HRSS", "JM-HRSS"))
NOTICE = Evidence(title="联盟成立通知", url="https://hrss.zhuhai.gov.cn/notice/1")


@pytest.fixture(scope="session")
def chromium() -> Path:
    if not CHROMIUM.exists():
        pytest.fail("Debian's Chromium is missing at /usr/bin/chromium: the browser tests need it "
                    "(`apt-get update && apt-get install -y chromium`; .ci/run does this)", pytrace=False)
    return CHROMIUM


@pytest.fixture(scope="session")
def axe() -> Path:
    """axe-core from the committed lock file."""
    if not AXE.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("npm is missing: the browser tests install axe-core with `npm ci` in tests/browser",
                        pytrace=False)
        done = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=HERE, capture_output=True,
                              text=True)
        if done.returncode != 0 or not AXE.exists():
            pytest.fail(f"npm ci in tests/browser failed:\n{done.stdout}\n{done.stderr}", pytrace=False)
    return AXE


def zh(text: str) -> dict[str, LocalizedString]:
    return {"zh-Hans": LocalizedString(text, TextKind.AUTHENTIC)}


@dataclass
class Dashboard:
    url: str
    system: System
    keys: dict[str, str]
    claims: dict[str, UUID]  # commitment code -> the open claim JM has still to answer
    dsn: str
    served: Served


HENGQIN = "IND-TEST-HENGQIN-MO"  # the browser tests' own indicator: a garbled figure, then a definition break
S003 = SourceRef("S003", "003_0ff110037dad8882.txt", publisher="test fixture")
EXT = SourceRef("EXT", "ext", publisher="test fixture")


def hengqin_definition(note: str) -> Definition:
    name = {"en": LocalizedString("Macao residents living or working in Hengqin", TextKind.UNOFFICIAL)}
    return Definition(name, MeasureType.COUNT, "persons", Accumulation.STOCK, (), (), note)


async def hengqin(system: System) -> UUID:
    """S003's garbled "7400,1270", kept raw and flagged; a revised definition; then a readable figure."""
    admin = Context(caller=Caller(key_id=None, party_id=None, is_admin=True))
    indicator_id = Indicator.id_for(HENGQIN)
    await system.commands.execute(DefineIndicator(code=HENGQIN, definition=hengqin_definition("as reported")),
                                  admin)
    garbled = parse_quantity("more than 7400,1270 Macao residents are currently working, living and residing "
                             "in the Hengqin ...", "persons")
    await system.commands.execute(RecordObservation(
        indicator_id=indicator_id, observation_id=uuid5(indicator_id, "garbled"), observation=Observation(
            garbled, ReferencePeriod(reference_date("2023-11")), ObservationNature.MEDIA_REPORTED, S003,
            {}, (), ())), admin)
    await system.commands.execute(ReviseIndicatorDefinition(
        indicator_id=indicator_id, definition=hengqin_definition("counted at the end of each quarter"),
        reason="quarterly counts"), admin)
    await system.commands.execute(RecordObservation(
        indicator_id=indicator_id, observation_id=uuid5(indicator_id, "quarter"), observation=Observation(
            stated(20818, Qualifier.EXACT, "persons"), ReferencePeriod(reference_date("2024-09")),
            ObservationNature.OFFICIAL_STATISTIC, EXT, {}, (), ())), admin)
    return indicator_id


async def claim(system: System, code: str, acknowledged_by: tuple[UUID, ...] = ()) -> UUID:
    """Zhuhai reports `code` substantial and claims it complete; the named parties acknowledge."""
    zh_ctx = Context(caller=Caller(key_id=None, party_id=ZH))
    await system.commands.execute(ReportProgress(
        agreement_id=PACT, code=code, as_of=date(2025, 3, 31), level=CompletionLevel.SUBSTANTIAL,
        health=Health.ON_TRACK, narrative=zh("进展说明"), evidence=(NOTICE,)), zh_ctx)
    outcome = await system.commands.execute(ClaimCompletion(
        agreement_id=PACT, code=code, completed_on=date(2025, 4, 15), evidence=(NOTICE,)), zh_ctx)
    for party in acknowledged_by:
        await system.commands.execute(AcknowledgeCompletion(agreement_id=PACT, claim_id=outcome.record_id),
                                      Context(caller=Caller(key_id=None, party_id=party)))
    return outcome.record_id


@pytest.fixture(scope="module")
async def dashboard(server_dsn: str, seeded_template: str, chromium: Path) -> AsyncIterator[Dashboard]:
    """`pactum serve` over a copy of the seed with two claims by Zhuhai that Jiangmen has to answer: A1.1
    (Zhongshan has acknowledged it already, so Jiangmen's acknowledgement completes it) and A1.2.
    One per test module: starting a server costs more than most of its tests."""
    async with copy_of(server_dsn, seeded_template, "browser_") as dsn:
        settings = test_settings()
        pool = await create_pool(dsn, settings, size=4)
        try:
            system = System(pool, settings)
            await hengqin(system)
            claims = {"A1.1": await claim(system, "A1.1", acknowledged_by=(ZS,)),
                      "A1.2": await claim(system, "A1.2")}
            keys = {code: (await system.keys.issue("browser", party_id=Party.id_for(code))).token
                    for code in ("ZH-HRSS", "ZS-HRSS", "JM-HRSS")}
            await system.runner.catch_up()  # the pages read the read models from the first request on
            served = Served(dsn).start(timeout=STARTUP)
            try:
                yield Dashboard(served.url, system, keys, claims, dsn, served)
            finally:
                served.stop()
        finally:
            await pool.close()


@pytest.fixture
async def page(chromium: Path):
    from playwright.async_api import async_playwright

    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=str(chromium), args=ARGS)
        context = await browser.new_context(  # fixed, so that screenshots repeat (tests/browser/screens.py)
            viewport={"width": 1280, "height": 900}, device_scale_factor=1, locale="zh-CN",
            timezone_id="Asia/Shanghai", color_scheme="light", reduced_motion="reduce",
            bypass_csp=True)  # axe-core is injected as an inline script
        try:
            yield await context.new_page()
        finally:
            await context.close()
            await browser.close()
