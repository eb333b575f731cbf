"""Any sequence of commands keeps the agreement's invariants, and its events replay to the same state."""

from __future__ import annotations

from copy import deepcopy
from datetime import date
from uuid import UUID

from hypothesis import event, given, settings
from hypothesis import strategies as st

from domain.agreement import Agreement
from domain.errors import DomainError
from domain.values import (
    AgreementStatus,
    EntryIntoForce,
    InstrumentType,
    Modality,
    Nature,
    PartyRole,
    Responsibility,
    ResponsibilityRole,
)
from tests.domain.scenario import AGREEMENT, AUTHENTIC, JIANGMEN, ZHONGSHAN, ZHUHAI, en, zh

OUTSIDER = UUID("00000000-0000-4000-8000-0000000000ff")
TODAY = date(2025, 3, 1)
S = AgreementStatus
LEGAL = {(s, s) for s in S} | {
    (S.DRAFT, S.OPEN_FOR_SIGNATURE),
    (S.OPEN_FOR_SIGNATURE, S.SIGNED),
    (S.SIGNED, S.IN_FORCE),
}

parties = st.sampled_from([ZHUHAI, ZHONGSHAN, JIANGMEN, OUTSIDER])
texts = st.sampled_from([zh("合作"), zh("共同推进"), zh("互认"), en("cooperate"), zh(" ")])
mostly_parties = st.sampled_from([ZHUHAI, ZHONGSHAN, ZHUHAI, ZHONGSHAN, JIANGMEN, OUTSIDER])
days = st.sampled_from([date(2025, 1, 16), date(2025, 1, 17), date(2025, 2, 1), TODAY, date(2025, 3, 2)])
responsibilities = st.lists(
    st.builds(Responsibility, mostly_parties, st.sampled_from(ResponsibilityRole)), min_size=1, max_size=3
).map(tuple)


def command(name: str, **kwargs: st.SearchStrategy) -> st.SearchStrategy:
    return st.tuples(st.just(name), st.fixed_dictionaries(kwargs))


commands = st.one_of(  # commands that need a particular state are listed twice to get more tries
    command(
        "add_party",
        party_id=parties,
        role=st.sampled_from([PartyRole.SIGNATORY, PartyRole.SIGNATORY, *PartyRole]),
    ),
    command("define_area", code=st.sampled_from(["A1", "A2"]), title=texts),
    *[
        command(
            "define_commitment",
            code=st.sampled_from(["C1", "C2", "C3"]),
            area_code=st.sampled_from(["A1", "A1", "A2", "A9"]),
            text=texts,
            modality=st.sampled_from(Modality),
            nature=st.sampled_from(Nature),
            responsibilities=responsibilities,
        )
    ]
    * 2,
    command("open_for_signature"),
    *[command("sign", party_id=mostly_parties, signed_on=days, today=st.just(TODAY))] * 2,
    command(
        "enter_into_force",
        today=st.just(TODAY),
        entry=st.builds(EntryIntoForce, days, st.booleans(), st.sampled_from([None, "inferred"])),
    ),
)
SETUP = [
    ("add_party", {"party_id": ZHUHAI, "role": PartyRole.SIGNATORY}),
    ("add_party", {"party_id": ZHONGSHAN, "role": PartyRole.SIGNATORY}),
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
    ("open_for_signature", {}),
    ("sign", {"party_id": ZHUHAI, "signed_on": date(2025, 1, 16), "today": TODAY}),
    ("sign", {"party_id": ZHONGSHAN, "signed_on": date(2025, 1, 17), "today": TODAY}),
]
prefixes = st.sampled_from([[], SETUP[:3], SETUP[:3], SETUP[:4], SETUP[:5], SETUP[:6], SETUP])


def state(agreement: Agreement) -> dict:
    names = (
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
    )
    return deepcopy({name: getattr(agreement, name) for name in names})


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
    if agreement.status in (S.SIGNED, S.IN_FORCE):
        assert set(agreement.signatures) == agreement.signatories
        assert agreement.signed_on == max(agreement.signatures.values())
    assert (agreement.entry_into_force is not None) == (agreement.status is S.IN_FORCE)


@settings(max_examples=100, deadline=None)
@given(prefixes, st.lists(commands, max_size=25))
def test_no_sequence_of_commands_breaks_an_invariant_and_events_replay_to_the_same_state(prefix, steps):
    agreement = Agreement.draft(
        AGREEMENT, "ZZJ-2025", zh("珠中江紧密合作框架协议"), AUTHENTIC, InstrumentType.COOPERATION_AGREEMENT
    )
    for name, kwargs in [*prefix, *steps]:
        before, pending = state(agreement), len(agreement.pending_events)
        try:
            getattr(agreement, name)(**kwargs)
        except DomainError:
            assert len(agreement.pending_events) == pending
            assert state(agreement) == before
        assert (before["status"], agreement.status) in LEGAL
        assert_invariants(agreement)
    event(f"ends {agreement.status}")

    recorded = agreement.collect_events()
    replayed = None
    for domain_event in recorded:
        replayed = domain_event.mutate(replayed)

    assert state(replayed) == state(agreement)
    signed_texts = {e.text_digest for e in recorded if isinstance(e, Agreement.SignedByParty)}
    assert signed_texts <= {agreement.text_digest}
