"""Every event of implementation is stored and read back unchanged by the event store's mapper."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, date, datetime
from uuid import UUID

from domain.agreement.values import (
    DueDate,
    NextStep,
    VerificationKind,
    VerificationPolicy,
    add_commitment,
    cancel_commitment,
    revise_commitment,
    set_policy,
)
from domain.registry import EVENTS
from domain.values import Modality, Nature
from service.store.mapper import EventMetadata, Mapper, StoredEvent
from tests.domain.implementation import EVIDENCE, NARRATIVE, TODAY, report
from tests.domain.scenario import (
    ASSESSOR,
    COORDINATOR,
    JIANGMEN,
    ZHONGSHAN,
    ZHUHAI,
    drafted_pact,
    given,
    in_force_pact,
    lead,
    zh,
)

DUE = DueDate(date(2025, 12, 31))
IDS = iter(range(100, 200))


def uid() -> UUID:
    return UUID(int=next(IDS))


def every_kind_of_event():
    draft = given(*drafted_pact())
    draft.set_verification_policy(VerificationPolicy(VerificationKind.QUORUM, quorum=1), "C1")
    draft.set_due_date("C1", DUE, TODAY)
    a = given(*in_force_pact())
    a.delegate_reporting_right(ZHUHAI, COORDINATOR, TODAY, ("C1",))
    a.start_commitment("C1", COORDINATOR, date(2025, 3, 1), TODAY, on_behalf_of=ZHUHAI)
    a.put_commitment_on_hold("C1", ZHUHAI, "等待", TODAY)
    a.resume_commitment("C1", ZHUHAI, TODAY)
    steps = (NextStep(zh("下一步"), date(2025, 9, 1)),)
    report(a, report_id=(r := uid()), evidence=EVIDENCE, next_steps=steps)
    a.correct_report(
        r, (c := uid()), ZHUHAI, "更正", date(2025, 5, 2), "substantial", "at_risk", NARRATIVE, TODAY
    )
    a.retract_report(c, ZHUHAI, "撤回", TODAY)
    a.set_due_date("C1", DUE, TODAY, ZHUHAI, "延期")
    a.define_milestone("C1", "M1", zh("调研"), DUE, ZHUHAI, TODAY, deliverable=zh("报告"))
    a.reschedule_milestone("C1", "M1", DueDate(date(2026, 1, 1)), "延期", ZHUHAI, TODAY)
    a.achieve_milestone("C1", "M1", ZHUHAI, date(2025, 5, 1), EVIDENCE, TODAY)
    a.claim_completion((claim := uid()), "C1", ZHUHAI, date(2025, 5, 1), EVIDENCE, TODAY, narrative=NARRATIVE)
    a.withdraw_claim(claim, ZHUHAI, TODAY)
    a.claim_completion((claim := uid()), "C1", ZHUHAI, date(2025, 5, 1), EVIDENCE, TODAY)
    a.dispute_completion(claim, JIANGMEN, "不足", TODAY)
    a.claim_completion((claim := uid()), "C1", ZHUHAI, date(2025, 5, 1), EVIDENCE, TODAY)
    a.acknowledge_completion(claim, ZHONGSHAN, TODAY)
    a.acknowledge_completion(claim, JIANGMEN, TODAY)
    a.reopen_commitment("C1", JIANGMEN, "重开", TODAY)
    a.record_assessment(uid(), "C3", ASSESSOR, date(2025, 5, 1), "limited", zh("评估"), TODAY, EVIDENCE)
    a.propose_amendment(
        (amendment := uid()),
        ZHUHAI,
        (
            add_commitment("C4", "A1", zh("新"), Modality.BUILD, Nature.DELIVERABLE, (lead(JIANGMEN),), DUE),
            revise_commitment("C2", text=zh("修订")),
            cancel_commitment("C3", "合并"),
            set_policy(VerificationPolicy(VerificationKind.DEEMED_AFTER_DAYS, days=30)),
        ),
        TODAY,
        summary=zh("修订"),
    )
    for party in (ZHUHAI, ZHONGSHAN, JIANGMEN):
        a.sign_amendment(amendment, party, TODAY, TODAY)
    a.propose_amendment((amendment := uid()), ZHUHAI, (revise_commitment("C2", text=zh("再修订")),), TODAY)
    a.withdraw_amendment(amendment, ZHUHAI, "撤回", TODAY)
    a.revoke_reporting_right(ZHUHAI, COORDINATOR, TODAY)
    a.add_comment(uid(), ZHONGSHAN, zh("说明"), TODAY, "C1")
    a.suspend(date(2025, 4, 1), "暂停", TODAY)
    a.resume(date(2025, 4, 2), TODAY)
    a.end_period(date(2025, 5, 1), date(2025, 7, 1), TODAY)
    a.close_out(date(2025, 5, 31), TODAY)
    b, c = given(*in_force_pact()), given(*in_force_pact())
    b.terminate(date(2025, 5, 1), "终止", TODAY)
    c.supersede(uid(), date(2025, 5, 1), TODAY)
    return [*draft.collect_events(), *a.collect_events(), *b.collect_events(), *c.collect_events()]


def test_every_new_event_round_trips_through_the_mapper():
    mapper, now = Mapper(), datetime(2025, 6, 1, tzinfo=UTC)
    events = every_kind_of_event()
    metadata = mapper.encode_metadata(EventMetadata())

    for domain_event in events:
        [row] = mapper.to_new_events([domain_event], bytes(32), metadata, now, now)
        stored = StoredEvent(
            1,
            1,
            row.stream_id,
            row.stream_type,
            row.version,
            row.event_type,
            row.schema_version,
            row.payload,
            metadata,
            now,
            now,
            row.hash,
        )
        back = mapper.to_domain_event(stored)
        assert type(back) is type(domain_event)
        assert all(
            getattr(back, f.name) == getattr(domain_event, f.name)
            for f in fields(back)
            if f.name not in ("timestamp",)
        ), row.event_type

    covered = {type(e).TOPIC for e in events}
    original = {
        "agreement.drafted",
        "agreement.party_added",
        "agreement.area_defined",
        "agreement.commitment_defined",
        "agreement.opened_for_signature",
        "agreement.signed_by_party",
        "agreement.fully_signed",
        "agreement.entered_into_force",
    }
    assert {t for t in EVENTS if t.startswith("agreement.")} - original <= covered
