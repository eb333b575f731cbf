"""Any sequence of commands keeps the agreement's invariants, and its events replay to the same state."""

from __future__ import annotations

from copy import deepcopy

from hypothesis import event, given, settings
from hypothesis import strategies as st

from domain.agreement import Agreement
from domain.agreement.values import ClaimStatus, CommitmentLifecycle, CompletionLevel
from domain.errors import DomainError
from domain.values import AgreementStatus, InstrumentType, Nature, ResponsibilityRole
from tests.domain.scenario import AGREEMENT, AUTHENTIC, zh
from tests.domain.strategies import TODAY, commands, prefixes

S = AgreementStatus
L = CommitmentLifecycle
ENDED = {S.CLOSED, S.TERMINATED, S.SUPERSEDED}
LEGAL = {(s, s) for s in S} | {
    (S.DRAFT, S.OPEN_FOR_SIGNATURE),
    (S.OPEN_FOR_SIGNATURE, S.SIGNED),
    (S.SIGNED, S.IN_FORCE),
    (S.IN_FORCE, S.SUSPENDED),
    (S.SUSPENDED, S.IN_FORCE),
    (S.IN_FORCE, S.FINALISING),
    (S.FINALISING, S.CLOSED),
    *{
        (s, end)
        for s in (S.SIGNED, S.IN_FORCE, S.SUSPENDED, S.FINALISING)
        for end in (S.TERMINATED, S.SUPERSEDED)
    },
}
REPORTING = {  # commands that speak for a responsible party, taken only in force or finalising
    "start_commitment",
    "put_commitment_on_hold",
    "resume_commitment",
    "report_progress",
    "retract_report",
    "correct_report",
    "define_milestone",
    "achieve_milestone",
    "reschedule_milestone",
    "claim_completion",
    "acknowledge_completion",
    "dispute_completion",
    "withdraw_claim",
    "confirm_deemed_completion",
    "reopen_commitment",
    "record_assessment",
}
STATE = (
    "id",
    "version",
    "code",
    "title",
    "authentic_language",
    "instrument_type",
    "status",
    "parties",
    "areas",
    "commitments",
    "text_digest",
    "signatures",
    "signed_on",
    "entry_into_force",
    "text_version",
    "policy",
    "policy_overrides",
    "progress",
    "reports",
    "claims",
    "amendments",
    "delegations",
    "used_ids",
    "suspended_on",
    "ended_on",
    "final_report_due",
    "closed_on",
    "superseded_by",
)


def state(agreement: Agreement) -> dict:
    return deepcopy({name: getattr(agreement, name) for name in STATE})


def assert_invariants(agreement: Agreement) -> None:
    for commitment in agreement.commitments.values():
        held = [r.party_id for r in commitment.responsibilities]
        roles = [r.role for r in commitment.responsibilities]
        leads, co_leads = roles.count(ResponsibilityRole.LEAD), roles.count(ResponsibilityRole.CO_LEAD)
        assert set(held) <= set(agreement.parties) and len(set(held)) == len(held)
        assert (leads, co_leads) == (1, 0) or (leads == 0 and co_leads >= 2)
        assert commitment.area_code in agreement.areas
    assert set(agreement.signatures) <= agreement.signatories
    assert all(day <= TODAY for day in agreement.signatures.values())
    if agreement.status is not S.DRAFT:
        assert agreement.text_digest == agreement.digest_of_text()
    if agreement.status not in (S.DRAFT, S.OPEN_FOR_SIGNATURE):
        assert set(agreement.signatures) == agreement.signatories
        assert agreement.signed_on == max(agreement.signatures.values())
    if agreement.status in (S.DRAFT, S.OPEN_FOR_SIGNATURE, S.SIGNED):
        assert agreement.entry_into_force is None and not agreement.reports and not agreement.claims
    elif agreement.status in (S.IN_FORCE, S.SUSPENDED, S.FINALISING, S.CLOSED):
        assert agreement.entry_into_force is not None
    assert_progress_invariants(agreement)


def assert_progress_invariants(agreement: Agreement) -> None:
    assert set(agreement.progress) == set(agreement.commitments)
    open_claims = {c.claim_id for c in agreement.claims.values() if c.status is ClaimStatus.OPEN}
    assert open_claims == {p.open_claim for p in agreement.progress.values() if p.open_claim}
    for code, progress in agreement.progress.items():
        assert isinstance(progress.level, CompletionLevel)
        assert (progress.open_claim is not None) == (progress.lifecycle is L.COMPLETION_CLAIMED)
        completed = [
            c
            for c in agreement.claims.values()
            if c.commitment_code == code and c.status is ClaimStatus.COMPLETED
        ]
        assert (progress.lifecycle is L.COMPLETED) == (progress.completed_on is not None)
        if progress.lifecycle is L.COMPLETED:
            assert completed and progress.completed_on == completed[-1].completed_on
        if agreement.status is S.CLOSED:
            assert progress.lifecycle in (L.COMPLETED, L.CANCELLED, L.CLOSED_INCOMPLETE)
        assert all(r.commitment_code == code for r in progress.reports)
    for claim in agreement.claims.values():
        assert claim.claimant not in claim.counterparties
        assert set(claim.acknowledged) <= set(claim.counterparties) <= agreement.signatories
    kinds = [set(agreement.reports), set(agreement.claims), set(agreement.amendments)]
    assert sum(map(len, kinds)) == len(set().union(*kinds)) and set().union(*kinds) <= agreement.used_ids
    assert all(agreement.parties.get(d) == "coordinator" for _, d in agreement.delegations)


def assert_step(name: str, kwargs: dict, before: dict, agreement: Agreement) -> None:
    """What a command that succeeded may have done, given the state before it."""
    assert (before["status"], agreement.status) in LEGAL
    if before["status"] in ENDED:
        assert name == "add_comment"
    if name in REPORTING:
        assert before["status"] in (S.IN_FORCE, S.FINALISING)
    if name in ("report_progress", "claim_completion"):
        principal = kwargs.get("on_behalf_of") or kwargs["party_id"]
        commitment = agreement.commitments[kwargs["code"]]
        assert principal in {r.party_id for r in commitment.responsibilities}
    if name == "claim_completion":
        assert agreement.commitments[kwargs["code"]].nature is not Nature.CONTINUOUS
        assert len(agreement.claims[kwargs["claim_id"]].counterparties) >= 1


@settings(max_examples=200, deadline=None)
@given(prefixes, st.lists(commands, min_size=10, max_size=50))
def test_no_sequence_of_commands_breaks_an_invariant_and_events_replay_to_the_same_state(prefix, steps):
    agreement = Agreement.draft(
        AGREEMENT, "ZZJ-2025", zh("珠中江紧密合作框架协议"), AUTHENTIC, InstrumentType.COOPERATION_AGREEMENT
    )
    for name, kwargs in prefix:
        getattr(agreement, name)(**kwargs)
    accepted = 0
    for name, kwargs in steps:
        before, pending = state(agreement), len(agreement.pending_events)
        try:
            getattr(agreement, name)(**kwargs)
        except DomainError:
            assert len(agreement.pending_events) == pending
            assert state(agreement) == before
        else:
            accepted += 1
            event(f"accepted {name}")
            assert_step(name, kwargs, before, agreement)
        assert_invariants(agreement)
    event(f"ends {agreement.status}")
    event(f"accepted {min(accepted, 5)}+ commands")

    recorded = agreement.collect_events()
    replayed = None
    for domain_event in recorded:
        replayed = domain_event.mutate(replayed)

    assert state(replayed) == state(agreement)
    opened = {e.text_digest for e in recorded if isinstance(e, Agreement.OpenedForSignature)}
    assert {e.text_digest for e in recorded if isinstance(e, Agreement.SignedByParty)} <= opened
