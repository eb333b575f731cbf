"""The Python client a partner generates from the committed spec builds without a warning and drives an
agreement from draft to entry into force against a live server."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from uuid import UUID, uuid4

import pytest

from domain.party import Party
from tests.api.helpers import stored_rows
from tests.contract.conftest import SPEC

BIN = Path(sys.executable).parent

UTC8 = timezone(timedelta(hours=8))


@pytest.fixture(scope="module")
def sdk(tmp_path_factory) -> Iterator[Path]:
    """`openapi-python-client generate` as the README tells partners, with ruff on PATH to format."""
    out = tmp_path_factory.mktemp("python-sdk")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    cmd = [
        str(BIN / "openapi-python-client"),
        "generate",
        "--path",
        str(SPEC),
        "--meta",
        "none",
        "--output-path",
        str(out / "pactum_client"),
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=out, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "warning" not in output.lower(), output
    sys.path.insert(0, str(out))
    yield out
    sys.path.remove(str(out))
    for name in [m for m in sys.modules if m == "pactum_client" or m.startswith("pactum_client.")]:
        del sys.modules[name]


def test_the_generated_client_has_one_module_per_tag_and_typed_problems(sdk: Path):
    package = sdk / "pactum_client"
    assert {p.name for p in (package / "api").iterdir() if p.is_dir()} >= {
        "agreements",
        "drafting",
        "signing",
    }
    assert (package / "models" / "problem.py").exists()
    assert (package / "models" / "localized_text_in.py").exists()


async def test_a_partner_drives_an_agreement_through_the_python_sdk(sdk: Path, live):
    from pactum_client import AuthenticatedClient
    from pactum_client.api.agreements import draft_agreement, get_agreement
    from pactum_client.api.drafting import add_party, define_area, define_commitment
    from pactum_client.api.parties import register_party
    from pactum_client.api.signing import enter_into_force, open_for_signature, sign_agreement
    from pactum_client.models import (
        AddPartyRequest,
        AgreementStatus,
        AgreementView,
        CommandAccepted,
        DefineAreaRequest,
        DefineCommitmentRequest,
        DraftAgreementRequest,
        EnterIntoForceRequest,
        LocalizedTextIn,
        Modality,
        PartyRole,
        Problem,
        RegisterPartyRequest,
        ResponsibilityIn,
        ResponsibilityRole,
        SignRequest,
        TextFreezeRequest,
    )

    def client(who: str) -> AuthenticatedClient:
        return AuthenticatedClient(base_url=live.url, token=live.keys[who], raise_on_unexpected_status=True)

    def text(zh: str) -> LocalizedTextIn:
        return LocalizedTextIn.from_dict({"zh-Hans": {"text": zh, "kind": "authentic"}})

    def accepted(response) -> CommandAccepted:
        assert response.status_code == 201 and isinstance(response.parsed, CommandAccepted), response.content
        assert response.headers["etag"] == f'"{response.parsed.version}"'
        assert int(response.headers["pactum-position"]) == response.parsed.position
        return response.parsed

    admin, zh, zs, jm = client("admin"), client("ZH-HRSS"), client("ZS-HRSS"), client("JM-HRSS")
    ZS, JM = Party.id_for("ZS-HRSS"), Party.id_for("JM-HRSS")

    # the admin registers a new party; a signatory drafts an agreement and builds it up
    registered = accepted(
        await register_party.asyncio_detailed(
            client=admin,
            body=RegisterPartyRequest(
                code="TEST-OBS",
                names=LocalizedTextIn.from_dict({"en": {"text": "An observer", "kind": "authentic"}}),
            ),
        )
    )
    drafted = accepted(
        await draft_agreement.asyncio_detailed(
            client=zh,
            body=DraftAgreementRequest(
                code="SDK-1",
                title=text("软件开发工具包协议"),
                authentic_language="zh-Hans",
                occurred_at=datetime(2025, 1, 2, 10, tzinfo=UTC8),
            ),
        )
    )
    agreement = drafted.id
    for party, role in (
        (ZS, PartyRole.SIGNATORY),
        (JM, PartyRole.SIGNATORY),
        (registered.id, PartyRole.OBSERVER),
    ):
        accepted(
            await add_party.asyncio_detailed(
                agreement, client=zh, body=AddPartyRequest(party_id=party, role=role)
            )
        )
    area = accepted(
        await define_area.asyncio_detailed(
            agreement, client=zh, body=DefineAreaRequest(code="A1", title=text("就业"))
        )
    )

    # a stale If-Match is a typed 412 problem naming the current version; the current one is accepted
    stale = await define_area.asyncio_detailed(
        agreement, client=zh, body=DefineAreaRequest(code="A2", title=text("社保")), if_match='"1"'
    )
    assert stale.status_code == 412 and isinstance(stale.parsed, Problem)
    assert stale.parsed.type_ == "urn:pactum:problem:version-mismatch"
    assert stale.headers["etag"] == f'"{area.version}"'
    accepted(
        await define_area.asyncio_detailed(
            agreement,
            client=zh,
            body=DefineAreaRequest(code="A2", title=text("社保")),
            if_match=f'"{area.version}"',
        )
    )

    # a repeated Idempotency-Key returns the first response and stores nothing new
    commitment = DefineCommitmentRequest(
        code="A1.1",
        area_code="A1",
        text=text("成立联盟"),
        modality=Modality.ESTABLISH,
        responsibilities=[
            ResponsibilityIn(party_id=p, role=ResponsibilityRole.CO_LEAD)
            for p in (Party.id_for("ZH-HRSS"), ZS, JM)
        ],
    )
    first = accepted(
        await define_commitment.asyncio_detailed(
            agreement, client=zh, body=commitment, idempotency_key="commitment-a1.1"
        )
    )
    before = await stored_rows(live.system.pool)
    again = accepted(
        await define_commitment.asyncio_detailed(
            agreement, client=zh, body=commitment, idempotency_key="commitment-a1.1"
        )
    )
    assert again == first
    assert await stored_rows(live.system.pool) == before

    # freeze, every signatory signs, and the agreement enters into force
    frozen_at = TextFreezeRequest(occurred_at=datetime(2025, 1, 10, 10, tzinfo=UTC8))
    accepted(await open_for_signature.asyncio_detailed(agreement, client=zh, body=frozen_at))
    for party in (zh, zs, jm):
        accepted(
            await sign_agreement.asyncio_detailed(
                agreement, client=party, body=SignRequest(signed_on=date(2025, 1, 16), place="中山")
            )
        )
    entered = accepted(
        await enter_into_force.asyncio_detailed(
            agreement, client=jm, body=EnterIntoForceRequest(effective_on=date(2025, 2, 1))
        )
    )

    # the detail, once the read model has the last event, with its ETag
    read = await get_agreement.asyncio_detailed(agreement, client=zs, min_position=entered.position)
    assert read.status_code == 200 and isinstance(read.parsed, AgreementView), read.content
    view = read.parsed
    assert read.headers["etag"] == f'"{entered.version}"' == f'"{view.version}"'
    assert view.status == AgreementStatus.IN_FORCE
    assert [p.party_id for p in view.parties] == [Party.id_for("ZH-HRSS"), ZS, JM, registered.id]
    assert [a.code for a in view.areas] == ["A1", "A2"] and view.commitments[0].code == "A1.1"
    assert len(view.signatures) == 3 and view.entry_into_force.effective_on == date(2025, 2, 1)
    assert view.title["zh-Hans"].text == "软件开发工具包协议"

    # an unknown agreement is a typed 404 problem, not an exception
    missing = await get_agreement.asyncio_detailed(uuid4(), client=zh)
    assert missing.status_code == 404 and isinstance(missing.parsed, Problem)
    assert missing.parsed.type_ == "urn:pactum:problem:not-found" and missing.parsed.status == 404
    assert isinstance(agreement, UUID)

    # an auditor reads the signatures back as typed events, and the agreement as it stood before force
    from pactum_client.api.audit import list_agreement_events
    from pactum_client.models import (
        AgreementSignedByPartyPayload,
        AuditAgreementSignedByPartyEvent,
        AuditEventPage,
    )

    signed = await list_agreement_events.asyncio_detailed(
        agreement, client=zs, types=["agreement.signed_by_party"]
    )
    assert signed.status_code == 200 and isinstance(signed.parsed, AuditEventPage), signed.content
    assert [type(e) for e in signed.parsed.items] == [AuditAgreementSignedByPartyEvent] * 3
    assert [type(e.payload) for e in signed.parsed.items] == [AgreementSignedByPartyPayload] * 3
    assert [e.payload.party_id for e in signed.parsed.items] == [Party.id_for("ZH-HRSS"), ZS, JM]
    assert signed.parsed.items[0].payload.place == "中山" and len(signed.parsed.items[0].hash_) == 64
    before = await get_agreement.asyncio_detailed(agreement, client=zs, version=entered.version - 1)
    assert isinstance(before.parsed, AgreementView) and before.parsed.status == AgreementStatus.SIGNED
    hidden = await list_agreement_events.asyncio_detailed(agreement, client=client("GD-HRSS"))
    assert hidden.status_code == 404 and isinstance(hidden.parsed, Problem)


async def test_a_partner_follows_the_feed_through_the_python_sdk(sdk: Path, live):
    """As the README shows it: pages of typed events, each decoded into its own class."""
    import asyncio

    import httpx
    from pactum_client import AuthenticatedClient
    from pactum_client.api.events import list_events
    from pactum_client.models import AgreementDraftedEvent, EventPage, PartyRegisteredEvent

    total = await live.system.pool.fetchval("SELECT count(*) FROM events")
    for _ in range(200):  # the live server's sequencer numbers the seed data
        if await live.system.pool.fetchval("SELECT seq FROM sequencer_tracking") == total:
            break
        await asyncio.sleep(0.05)
    client = AuthenticatedClient(base_url=live.url, token=live.keys["admin"], timeout=httpx.Timeout(40))
    after, items = 0, []
    while True:
        page = await list_events.asyncio(client=client, after=after, limit=25, wait=1)
        assert isinstance(page, EventPage), page
        items += page.items
        if page.next_after == page.head:
            break
        after = page.next_after
    assert [e.seq for e in items] == list(range(1, total + 1))
    assert all(type(e).__name__ == "".join(w.title() for w in e.type_.replace(".", "_").split("_")) + "Event"
               for e in items)
    registered = next(e for e in items if isinstance(e, PartyRegisteredEvent))
    assert registered.payload.code and registered.stream_type == "party"
    drafted = next(e for e in items if isinstance(e, AgreementDraftedEvent))
    assert drafted.version == 1 and drafted.payload.authentic_language == "zh-Hans"
