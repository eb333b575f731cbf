"""Random commands for the property tests: drafting and signing, then implementation once in force."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from hypothesis import strategies as st

from domain.agreement.values import (
    CompletionLevel,
    DatePrecision,
    DueDate,
    Evidence,
    Health,
    VerificationKind,
    VerificationPolicy,
    add_commitment,
    cancel_commitment,
    change_due_date,
    revise_commitment,
    set_policy,
)
from domain.values import EntryIntoForce, Modality, Nature, PartyRole, Responsibility, ResponsibilityRole
from tests.domain.scenario import AGREEMENT, ASSESSOR, COORDINATOR, JIANGMEN, ZHONGSHAN, ZHUHAI, en, zh

OUTSIDER = UUID("00000000-0000-4000-8000-0000000000ff")
TODAY = date(2025, 3, 1)
LATER = date(2025, 9, 1)

parties = st.sampled_from([ZHUHAI, ZHONGSHAN, JIANGMEN, OUTSIDER])
actors = st.sampled_from([*[ZHUHAI, ZHONGSHAN] * 4, JIANGMEN, COORDINATOR, ASSESSOR, OUTSIDER])
behalf = st.sampled_from([*[None] * 6, ZHUHAI, ZHONGSHAN])
texts = st.sampled_from([zh("合作"), zh("共同推进"), zh("互认"), en("cooperate"), zh(" ")])
narratives = st.sampled_from([zh("进展"), en("progress"), zh("进展"), en("progress"), zh(" ")])
mostly_parties = st.sampled_from([ZHUHAI, ZHONGSHAN, ZHUHAI, ZHONGSHAN, JIANGMEN, OUTSIDER])
days = st.sampled_from(
    [date(2025, 1, 16), date(2025, 1, 17), date(2025, 2, 1), date(2025, 2, 20), TODAY, date(2025, 3, 2)]
)
responsibilities = st.lists(
    st.builds(Responsibility, mostly_parties, st.sampled_from(ResponsibilityRole)), min_size=1, max_size=3
).map(tuple)
codes = st.sampled_from(["C1", "C2", "C2", "C3"])
ids = st.sampled_from([UUID(int=n) for n in range(1, 3)])
reasons = st.sampled_from([*["原因"] * 5, " "])
levels = st.sampled_from([*CompletionLevel, *CompletionLevel, "almost"])
evidence = st.sampled_from(
    [(), *[(Evidence("通知", url="https://example.gov.cn/n"),)] * 4, (Evidence("纪要"),)]
)
dues = st.builds(
    DueDate, st.sampled_from([date(2024, 12, 1), date(2025, 6, 30)]), st.sampled_from(DatePrecision)
)
policies = st.sampled_from(
    [
        VerificationPolicy(),
        VerificationPolicy(VerificationKind.QUORUM, quorum=1),
        VerificationPolicy(VerificationKind.LEAD_ONLY),
        VerificationPolicy(VerificationKind.INDEPENDENT_ASSESSOR),
        VerificationPolicy(VerificationKind.DEEMED_AFTER_DAYS, days=30),
        VerificationPolicy(VerificationKind.QUORUM),
    ]
)
changes = st.sampled_from(
    [
        (),
        (
            add_commitment(
                "C3",
                "A1",
                zh("新承诺"),
                Modality.BUILD,
                Nature.DELIVERABLE,
                (Responsibility(JIANGMEN, ResponsibilityRole.LEAD),),
            ),
        ),
        (revise_commitment("C2", nature=Nature.CONTINUOUS),),
        (cancel_commitment("C2", "合并"), change_due_date("C1", DueDate(date(2025, 12, 31)))),
        (set_policy(VerificationPolicy(VerificationKind.LEAD_ONLY), "C2"),),
        (revise_commitment("C1", responsibilities=(Responsibility(ZHONGSHAN, ResponsibilityRole.LEAD),)),),
    ]
)


def command(name: str, **kwargs: st.SearchStrategy) -> st.SearchStrategy:
    return st.tuples(st.just(name), st.fixed_dictionaries(kwargs))


today = st.just(TODAY)
drafting = [
    command(
        "add_party",
        party_id=parties,
        role=st.sampled_from([PartyRole.SIGNATORY, PartyRole.SIGNATORY, *PartyRole]),
    ),
    command("define_area", code=st.sampled_from(["A1", "A2"]), title=texts),
    command(
        "define_commitment",
        code=codes,
        area_code=st.sampled_from(["A1", "A1", "A2", "A9"]),
        text=texts,
        modality=st.sampled_from(Modality),
        nature=st.sampled_from(Nature),
        responsibilities=responsibilities,
    ),
    command("open_for_signature"),
    command("sign", party_id=mostly_parties, signed_on=days, today=today),
    command(
        "enter_into_force",
        today=today,
        entry=st.builds(EntryIntoForce, days, st.booleans(), st.sampled_from([None, "inferred"])),
    ),
    command("set_verification_policy", policy=policies, commitment_code=st.sampled_from([None, "C1", "C9"])),
    command(
        "set_due_date",
        code=codes,
        due=dues,
        today=today,
        party_id=st.sampled_from([None, ZHUHAI]),
        reason=st.sampled_from([None, "延期"]),
    ),
]
implementation = [
    command(
        "start_commitment", code=codes, party_id=actors, started_on=days, today=today, on_behalf_of=behalf
    ),
    command("put_commitment_on_hold", code=codes, party_id=actors, reason=reasons, today=today),
    command("resume_commitment", code=codes, party_id=actors, today=today),
    command(
        "report_progress",
        report_id=ids,
        code=codes,
        party_id=actors,
        as_of=days,
        level=levels,
        health=st.sampled_from([*Health, *Health, "fine"]),
        narrative=narratives,
        today=today,
        evidence=evidence,
        own_share=st.sampled_from([False, False, True]),
        on_behalf_of=behalf,
    ),
    command("retract_report", report_id=ids, party_id=actors, reason=reasons, today=today),
    command(
        "correct_report",
        report_id=ids,
        correction_id=ids,
        party_id=actors,
        reason=reasons,
        as_of=days,
        level=levels,
        health=st.sampled_from(Health),
        narrative=narratives,
        today=today,
    ),
    command(
        "define_milestone",
        code=codes,
        milestone_code=st.sampled_from(["M1", "M2"]),
        title=texts,
        due=dues,
        party_id=actors,
        today=today,
    ),
    command(
        "achieve_milestone",
        code=codes,
        milestone_code=st.sampled_from(["M1", "M2"]),
        party_id=actors,
        achieved_on=days,
        evidence=evidence,
        today=today,
    ),
    command(
        "reschedule_milestone",
        code=codes,
        milestone_code=st.just("M1"),
        new_due=dues,
        reason=reasons,
        party_id=actors,
        today=today,
    ),
    command(
        "claim_completion",
        claim_id=ids,
        code=codes,
        party_id=actors,
        completed_on=days,
        evidence=evidence,
        today=today,
        on_behalf_of=behalf,
    ),
    command("acknowledge_completion", claim_id=ids, party_id=actors, today=today),
    command("dispute_completion", claim_id=ids, party_id=actors, reason=reasons, today=today),
    command("withdraw_claim", claim_id=ids, party_id=actors, today=today),
    command("confirm_deemed_completion", claim_id=ids, today=st.sampled_from([TODAY, LATER])),
    command("reopen_commitment", code=codes, party_id=actors, reason=reasons, today=today),
    command(
        "record_assessment",
        assessment_id=ids,
        code=codes,
        party_id=actors,
        assessed_on=days,
        level=levels,
        findings=narratives,
        today=today,
    ),
    command("propose_amendment", amendment_id=ids, party_id=actors, changes=changes, today=today),
    command("sign_amendment", amendment_id=ids, party_id=actors, signed_on=days, today=today),
    command("withdraw_amendment", amendment_id=ids, party_id=actors, reason=reasons, today=today),
    command(
        "delegate_reporting_right",
        principal_id=actors,
        delegate_id=actors,
        today=today,
        commitment_codes=st.sampled_from([(), ("C1",), ("C2", "C9")]),
    ),
    command("revoke_reporting_right", principal_id=actors, delegate_id=actors, today=today),
    command(
        "add_comment",
        comment_id=ids,
        party_id=actors,
        text=texts,
        today=today,
        commitment_code=st.sampled_from([None, "C1"]),
    ),
]
ending = [  # rarer, or little else would happen after them
    command("suspend", suspended_on=days, reason=reasons, today=today),
    command("resume", resumed_on=days, today=today),
    command(
        "end_period", ended_on=days, final_report_due=st.sampled_from([date(2025, 2, 1), LATER]), today=today
    ),
    command("close_out", closed_on=days, today=today),
    command("terminate", terminated_on=days, reason=reasons, today=today),
    command(
        "supersede", by_agreement_id=st.sampled_from([AGREEMENT, OUTSIDER]), superseded_on=days, today=today
    ),
]
commands = st.sampled_from([*implementation * 6, *drafting, *ending]).flatmap(
    lambda strategy: strategy
)  # weighted

SETUP = [
    ("add_party", {"party_id": ZHUHAI, "role": PartyRole.SIGNATORY}),
    ("add_party", {"party_id": ZHONGSHAN, "role": PartyRole.SIGNATORY}),
    ("add_party", {"party_id": COORDINATOR, "role": PartyRole.COORDINATOR}),
    ("add_party", {"party_id": ASSESSOR, "role": PartyRole.ASSESSOR}),
    ("define_area", {"code": "A1", "title": zh("领域")}),
    (
        "define_commitment",
        {
            "code": "C1",
            "area_code": "A1",
            "text": zh("承诺"),
            "modality": Modality.SHARE,
            "nature": Nature.CONTINUOUS,
            "responsibilities": (Responsibility(ZHUHAI, ResponsibilityRole.LEAD),),
        },
    ),
    (
        "define_commitment",
        {
            "code": "C2",
            "area_code": "A1",
            "text": zh("共建"),
            "modality": Modality.BUILD,
            "nature": Nature.DELIVERABLE,
            "responsibilities": (
                Responsibility(ZHUHAI, ResponsibilityRole.CO_LEAD),
                Responsibility(ZHONGSHAN, ResponsibilityRole.CO_LEAD),
            ),
        },
    ),
    ("open_for_signature", {}),
    ("sign", {"party_id": ZHUHAI, "signed_on": date(2025, 1, 16), "today": TODAY}),
    ("sign", {"party_id": ZHONGSHAN, "signed_on": date(2025, 1, 17), "today": TODAY}),
    ("enter_into_force", {"entry": EntryIntoForce(date(2025, 2, 1), False, None), "today": TODAY}),
]
prefixes = st.sampled_from([*[SETUP] * 6, SETUP[:10], SETUP[:9], SETUP[:8], SETUP[:7], SETUP[:5], []])
