"""To a caller who is not a party, an agreement does not exist: every command on it is 404, whatever its
headers and whatever the agreement's state, before If-Match, roles or the domain are consulted."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from tests.api.helpers import stored_rows, text
from tests.api.world import Agreement, World, report

NOT_FOUND = "urn:pactum:problem:not-found"
UNKNOWN = "9b2f3c1e-0000-4000-8000-000000000000"

Arrange = Callable[[Agreement], Awaitable[tuple[str, Any]]]


async def _report(a: Agreement) -> tuple[str, Any]:
    return "/commitments/A1.1/progress-reports", report()


async def _sign(a: Agreement) -> tuple[str, Any]:
    return "/signatures", {"signedOn": "2024-12-20"}  # in force already: a party would get 409


async def _acknowledge(a: Agreement) -> tuple[str, Any]:
    return f"/completion-claims/{await a.claim('A1.1', who='lead')}/acknowledgements", None


async def _acknowledge_unknown(a: Agreement) -> tuple[str, Any]:
    return f"/completion-claims/{UNKNOWN}/acknowledgements", None  # a party would get unknown-claim


async def _suspend(a: Agreement) -> tuple[str, Any]:
    return "/suspension", {"suspendedOn": "2025-06-01", "reason": "机构调整"}


async def _comment(a: Agreement) -> tuple[str, Any]:
    return "/comments", {"text": text("请补充数据")}


COMMANDS: dict[str, Arrange] = {
    "report_progress": _report,
    "sign": _sign,
    "acknowledge_completion": _acknowledge,
    "acknowledge_unknown_claim": _acknowledge_unknown,
    "suspend": _suspend,
    "add_comment": _comment,
}
HEADERS = ("none", "stale If-Match", "fresh If-Match", "Idempotency-Key")


async def version_of(a: Agreement) -> int:
    """The agreement's current version, from a command a party sends (the read model may lag)."""
    return (await a.ok("/comments", {"text": text("版本")}, who="observer"))["version"]


async def headers_for(kind: str, a: Agreement) -> dict[str, str]:
    current = await version_of(a)
    return {
        "none": {},
        "stale If-Match": {"If-Match": '"1"'},
        "fresh If-Match": {"If-Match": f'"{current}"'},
        "Idempotency-Key": {"Idempotency-Key": f"outsider-{a.id}"},
    }[kind]


def assert_not_found(response, agreement_id: str) -> None:
    assert response.status_code == 404, response.text
    assert "etag" not in response.headers
    problem = response.json()
    assert (problem["type"], problem["title"], problem["status"]) == (NOT_FOUND, "Not Found", 404)
    assert problem["detail"] == f"no agreement {agreement_id}"
    assert problem["errors"] == []


@pytest.mark.parametrize("headers", HEADERS)
@pytest.mark.parametrize("name", COMMANDS)
async def test_a_non_party_gets_not_found_whatever_it_sends(world: World, name: str, headers: str):
    agreement = await world.agreement()
    suffix, body = await COMMANDS[name](agreement)
    sent = await headers_for(headers, agreement)
    before = await stored_rows(world.system.pool)

    response = await agreement.post(suffix, body, who="outsider", **sent)

    assert_not_found(response, agreement.id)
    assert await stored_rows(world.system.pool) == before


async def test_a_non_party_gets_the_answer_an_unknown_agreement_gets(world: World):
    agreement = await world.agreement()

    body = {"suspendedOn": "2025-06-01", "reason": "机构调整"}

    known = await agreement.post("/suspension", body, who="outsider")
    unknown = await world.post(f"/agreements/{UNKNOWN}/suspension", body, who="outsider")

    assert_not_found(known, agreement.id)
    assert_not_found(unknown, UNKNOWN)
    assert set(known.headers) == set(unknown.headers)


async def test_a_party_without_the_role_is_forbidden_with_the_rule_it_lacks(world: World):
    agreement = await world.agreement()
    before = await stored_rows(world.system.pool)

    refused = await agreement.post("/commitments/A1.1/progress-reports", report(), who="observer")

    assert refused.status_code == 403, refused.text
    assert refused.json()["type"] == "urn:pactum:problem:forbidden"
    assert refused.json()["detail"] == (
        "report_progress needs one of the roles co_lead, coordinator_with_delegation, lead, supporting; "
        "the caller holds observer"
    )
    assert await stored_rows(world.system.pool) == before


async def test_a_party_with_a_stale_if_match_gets_the_current_etag_before_its_roles_are_checked(world: World):
    agreement = await world.agreement()
    current = await version_of(agreement)

    stale = await agreement.post("/commitments/A1.1/progress-reports", report(), who="observer",
                                 **{"If-Match": '"1"'})

    assert stale.status_code == 412, stale.text
    assert stale.headers["etag"] == f'"{current}"'


async def test_a_key_a_caller_used_where_it_is_a_party_does_not_answer_where_it_is_not(world: World):
    mine = await world.ok("/agreements", {
        "code": "T-NEWCOMER", "title": text("新协议"), "authenticLanguage": "zh-Hans"}, who="newcomer")
    theirs = await world.agreement()
    key = {"Idempotency-Key": f"newcomer-{theirs.id}"}
    first = await world.post(f"/agreements/{mine['id']}/areas", {"code": "A1", "title": text("就业")},
                             who="newcomer", **key)
    assert first.status_code == 201, first.text

    again = await theirs.post("/areas", {"code": "A1", "title": text("就业")}, who="newcomer", **key)
    other = await theirs.post("/comments", {"text": text("请补充数据")}, who="newcomer", **key)

    assert_not_found(again, theirs.id)
    assert_not_found(other, theirs.id)


async def test_a_stored_result_is_replayed_only_to_the_scope_that_stored_it(world: World):
    agreement = await world.agreement()
    key = {"Idempotency-Key": f"shared-{agreement.id}"}
    body = report()

    lead = await agreement.post("/commitments/A1.1/progress-reports", body, who="lead", **key)
    replay = await agreement.post("/commitments/A1.1/progress-reports", body, who="lead", **key)
    supporting = await agreement.post("/commitments/A1.1/progress-reports", body, who="supporting", **key)
    outsider = await agreement.post("/commitments/A1.1/progress-reports", body, who="outsider", **key)

    assert lead.status_code == replay.status_code == supporting.status_code == 201
    assert replay.json() == lead.json()
    assert supporting.json()["resourceId"] != lead.json()["resourceId"]
    assert supporting.json()["version"] == lead.json()["version"] + 1
    assert_not_found(outsider, agreement.id)
