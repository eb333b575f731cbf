"""Every command endpoint x every persona: let through, refused with 403, or (to a non-party) not found.

The expected answers are written out below, by hand, from the rules of the agreement: who may draft, sign,
report, claim, answer claims, assess and govern. Each case builds its own agreement (a few dozen
milliseconds) and the state the command needs, so an allowed call is accepted (201) unless `refused` names
the domain's refusal.
"""

from __future__ import annotations

import msgspec
import pytest

from service.http.app import create_app
from service.usecases.handlers import HANDLERS
from tests.api.helpers import stored_rows
from tests.api.matrix_cases import COMMANDS, Case, resolved
from tests.api.world import report

PERSONAS = (
    "lead", "co_lead", "supporting", "other_signatory", "coordinator", "assessor", "observer", "admin",
    "outsider",
)
FORBIDDEN = "urn:pactum:problem:forbidden"
NOT_FOUND = "urn:pactum:problem:not-found"

# One column per persona, in the order of PERSONAS:
#   lead, co_lead, supporting, other_signatory | coordinator, assessor, observer, admin | outsider
# + let through (201, or the domain refusal the command names), - 403 forbidden, 4 404 not found.
EXPECTED: dict[str, str] = {
    "add_party":                 "++++ +--+ 4",
    "define_area":               "++++ +--+ 4",
    "define_commitment":         "++++ +--+ 4",
    "open_for_signature":        "++++ +--+ 4",
    "sign":                      "++++ ---- 4",
    "enter_into_force":          "++++ ---+ 4",
    "start_commitment":          "+++- +--- 4",
    "put_commitment_on_hold":    "+++- +--- 4",
    "resume_commitment":         "+++- +--- 4",
    "report_progress":           "+++- +--- 4",
    "retract_report":            "+++- +--- 4",
    "correct_report":            "+++- +--- 4",
    "define_milestone":          "+++- +--- 4",
    "achieve_milestone":         "+++- +--- 4",
    "reschedule_milestone":      "+++- +--- 4",
    "set_due_date":              "++-- ---+ 4",
    "claim_completion":          "++-- +--- 4",
    "withdraw_claim":            "++-- +--- 4",
    "reopen_commitment":         "++-- +--- 4",
    "acknowledge_completion":    "++++ ---- 4",
    "dispute_completion":        "++++ ---- 4",
    "confirm_deemed_completion": "++++ ---+ 4",
    "record_assessment":         "---- -+-- 4",
    "set_verification_policy":   "++++ ---+ 4",
    "suspend":                   "++++ ---+ 4",
    "resume":                    "++++ ---+ 4",
    "end_period":                "++++ ---+ 4",
    "close_out":                 "++++ ---+ 4",
    "terminate":                 "++++ ---+ 4",
    "supersede":                 "++++ ---+ 4",
    "propose_amendment":         "++++ ---- 4",
    "sign_amendment":            "++++ ---- 4",
    "withdraw_amendment":        "++++ ---- 4",
    "delegate_reporting_right":  "+++- ---- 4",
    "revoke_reporting_right":    "+++- ---- 4",
    "add_comment":               "++++ ++++ 4",
}


def expected(name: str, persona: str) -> str:
    return EXPECTED[name].replace(" ", "")[PERSONAS.index(persona)]


CASES = [pytest.param(name, persona, id=f"{name}-{persona}") for name in COMMANDS for persona in PERSONAS]


@pytest.mark.parametrize(("name", "persona"), CASES)
async def test_a_command_is_let_through_refused_or_not_found_as_the_expected_table_says(world, name, persona):
    spec = COMMANDS[name]
    agreement = await world.agreement(spec.state, policy=spec.policy)
    suffix, body = await spec.arrange(Case(agreement, persona, spec.on_behalf))
    problem = dict(spec.refused).get(persona)
    before = await stored_rows(world.system.pool)

    response = await agreement.post(suffix, resolved(body, world.ids), who=persona,
                                    **{"Idempotency-Key": f"matrix-{name}-{persona}-{agreement.id}"})

    answer = expected(name, persona)
    if answer == "4":
        assert response.status_code == 404, response.text
        assert response.json()["type"] == NOT_FOUND
        assert "etag" not in response.headers
        assert await stored_rows(world.system.pool) == before
    elif answer == "-":
        assert response.status_code == 403, response.text
        assert response.json()["type"] == FORBIDDEN
        assert response.json()["detail"].startswith(f"{name} needs one of the roles ")
        assert await stored_rows(world.system.pool) == before
    elif problem is None:
        assert response.status_code == 201, response.text
    else:
        assert response.status_code != 403 and response.json()["type"].endswith(problem), response.text


def test_the_matrix_covers_every_command_and_every_command_endpoint():
    spec = msgspec.json.decode(msgspec.json.encode(create_app().openapi_schema.to_schema()))
    endpoints = {
        op["operationId"]
        for path, item in spec["paths"].items() if path.startswith("/agreements/{agreementId}/")
        for method, op in item.items() if method == "post"
    }
    scheduled = {"send_reminders"}  # sent by the system's reminder scheduler, through no endpoint
    assert set(COMMANDS) == set(EXPECTED) == {rule.name for rule in HANDLERS.values()} - scheduled
    assert {c.operation for c in COMMANDS.values()} == endpoints
    assert all(len(row.replace(" ", "")) == len(PERSONAS) for row in EXPECTED.values())


async def test_a_coordinator_without_a_delegation_cannot_report(world):
    agreement = await world.agreement(delegation=False)
    before = await stored_rows(world.system.pool)

    for body in (report(), report(onBehalfOf=world.ids["lead"])):
        refused = await agreement.post("/commitments/A1.1/progress-reports", body, who="coordinator")

        assert refused.status_code == 403, refused.text
        assert refused.json()["type"] == FORBIDDEN
    assert await stored_rows(world.system.pool) == before


async def test_a_delegated_report_records_the_coordinator_and_the_party_it_reports_for(world):
    agreement = await world.agreement()

    rid = await agreement.report("A1.1", who="coordinator", onBehalfOf=world.ids["lead"])

    row = await world.system.pool.fetchrow(
        "SELECT payload::text, metadata::text FROM events WHERE event_type = 'agreement.progress_reported' "
        "AND stream_id = $1", agreement.id)
    payload, metadata = msgspec.json.decode(row[0]), msgspec.json.decode(row[1])
    assert payload["report_id"] == rid
    assert payload["party_id"] == world.ids["coordinator"]
    assert payload["on_behalf_of"] == world.ids["lead"]
    assert metadata["actor_party"] == world.ids["coordinator"]
    assert metadata["on_behalf_of"] == world.ids["lead"]


async def test_a_revoked_delegation_no_longer_lets_the_coordinator_report(world):
    agreement = await world.agreement()
    await agreement.ok(f"/delegations/{world.ids['coordinator']}/revocation")
    before = await stored_rows(world.system.pool)

    refused = await agreement.post(
        "/commitments/A1.1/progress-reports", report(onBehalfOf=world.ids["lead"]), who="coordinator")

    assert refused.status_code == 403
    assert await stored_rows(world.system.pool) == before
