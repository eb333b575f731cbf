"""Reporting rights delegated by a responsible party to a coordinator, and reports on its behalf."""

from __future__ import annotations

from datetime import date

import pytest

from domain.agreement import Agreement
from domain.errors import (
    NoDelegation,
    NoSuchDelegation,
    NotACoordinator,
    NotACounterparty,
    NotResponsible,
    SelfDelegation,
    UnknownCommitment,
)
from tests.domain.implementation import (
    CLAIM,
    EVIDENCE,
    REPORT,
    TODAY,
    claimed,
    delegated,
    report,
    reported,
    started,
)
from tests.domain.scenario import (
    ASSESSOR,
    COORDINATOR,
    JIANGMEN,
    ZHONGSHAN,
    ZHUHAI,
    event,
    given,
    in_force_pact,
    new_events,
)


def test_a_responsible_party_delegates_its_reporting_right_to_a_coordinator():
    agreement = given(*in_force_pact())

    agreement.delegate_reporting_right(ZHUHAI, COORDINATOR, TODAY, commitment_codes=("C1",))

    assert new_events(agreement) == [
        (
            "agreement.reporting_right_delegated",
            {
                "principal_id": ZHUHAI,
                "delegate_id": COORDINATOR,
                "commitment_codes": ("C1",),
                "delegated_on": TODAY,
            },
        )
    ]
    assert agreement.holds_delegation(COORDINATOR, ZHUHAI, "C1")
    assert not agreement.holds_delegation(COORDINATOR, ZHUHAI, "C2")


@pytest.mark.parametrize(
    "principal, delegate, codes, error",
    [
        (ZHUHAI, ZHONGSHAN, (), NotACoordinator),
        (ZHUHAI, ASSESSOR, (), NotACoordinator),
        (JIANGMEN, COORDINATOR, ("C1",), NotResponsible),
        (ZHUHAI, COORDINATOR, ("C9",), UnknownCommitment),
        (COORDINATOR, COORDINATOR, (), SelfDelegation),
        (ASSESSOR, COORDINATOR, (), NotResponsible),
    ],
    ids=[
        "to-a-signatory",
        "to-an-assessor",
        "not-responsible",
        "unknown-commitment",
        "to-itself",
        "responsible-for-nothing",
    ],
)
def test_only_a_responsible_party_delegates_and_only_to_a_coordinator(principal, delegate, codes, error):
    agreement = given(*in_force_pact())

    with pytest.raises(error):
        agreement.delegate_reporting_right(principal, delegate, TODAY, commitment_codes=codes)

    assert new_events(agreement) == []


def test_a_coordinator_reports_on_behalf_of_the_party_that_delegated_to_it():
    agreement = given(*in_force_pact(), delegated(ZHUHAI, COORDINATOR))

    report(agreement, party=COORDINATOR, on_behalf_of=ZHUHAI)

    [(_, payload)] = new_events(agreement)
    assert (payload["party_id"], payload["on_behalf_of"]) == (COORDINATOR, ZHUHAI)
    assert agreement.reports[REPORT].party_id == ZHUHAI


def test_a_report_on_behalf_is_retracted_by_the_principal_itself():
    agreement = given(
        *in_force_pact(),
        delegated(ZHUHAI, COORDINATOR),
        reported(REPORT, party=COORDINATOR, on_behalf_of=ZHUHAI),
    )

    agreement.retract_report(REPORT, ZHUHAI, "误报", TODAY)

    assert [topic for topic, _ in new_events(agreement)] == ["agreement.report_retracted"]


def test_a_coordinator_claims_completion_for_the_lead_and_counterparties_exclude_the_lead():
    agreement = given(*in_force_pact(), delegated(ZHUHAI, COORDINATOR), started())

    agreement.claim_completion(
        CLAIM, "C1", COORDINATOR, date(2025, 4, 30), EVIDENCE, TODAY, on_behalf_of=ZHUHAI
    )

    [(_, payload)] = new_events(agreement)
    assert (payload["party_id"], payload["on_behalf_of"]) == (COORDINATOR, ZHUHAI)
    assert payload["counterparties"] == (ZHONGSHAN, JIANGMEN)
    assert agreement.claims[CLAIM].claimant == ZHUHAI


@pytest.mark.parametrize(
    "events",
    [
        in_force_pact(),
        (*in_force_pact(), delegated(ZHUHAI, COORDINATOR, ("C2",))),
        (*in_force_pact(), delegated(ZHONGSHAN, COORDINATOR)),
        (
            *in_force_pact(),
            delegated(ZHUHAI, COORDINATOR),
            event(
                Agreement.ReportingRightRevoked,
                principal_id=ZHUHAI,
                delegate_id=COORDINATOR,
                revoked_on=TODAY,
            ),
        ),
    ],
    ids=["never-delegated", "other-commitment", "other-principal", "revoked"],
)
def test_acting_on_behalf_needs_a_delegation_for_that_commitment(events):
    agreement = given(*events)

    with pytest.raises(NoDelegation):
        report(agreement, party=COORDINATOR, on_behalf_of=ZHUHAI)

    assert new_events(agreement) == []


def test_a_delegate_does_not_report_for_a_principal_that_is_not_responsible():
    agreement = given(*in_force_pact(), delegated(JIANGMEN, COORDINATOR))

    with pytest.raises(NotResponsible):
        report(agreement, party=COORDINATOR, on_behalf_of=JIANGMEN)

    assert new_events(agreement) == []


def test_a_delegation_is_revoked_once():
    agreement = given(*in_force_pact(), delegated(ZHUHAI, COORDINATOR))

    agreement.revoke_reporting_right(ZHUHAI, COORDINATOR, TODAY)
    with pytest.raises(NoSuchDelegation):
        agreement.revoke_reporting_right(ZHUHAI, COORDINATOR, TODAY)

    assert new_events(agreement) == [
        (
            "agreement.reporting_right_revoked",
            {"principal_id": ZHUHAI, "delegate_id": COORDINATOR, "revoked_on": TODAY},
        )
    ]
    assert not agreement.holds_delegation(COORDINATOR, ZHUHAI, "C1")


def test_acknowledging_a_claim_is_not_delegated():
    agreement = given(*in_force_pact(), delegated(ZHONGSHAN, COORDINATOR), started(), claimed())

    with pytest.raises(NotACounterparty):
        agreement.acknowledge_completion(CLAIM, COORDINATOR, TODAY)

    assert new_events(agreement) == []
