"""The command endpoints of the authorization matrix: for each, the state it needs and the request a persona
sends, arranged on a fresh agreement."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from tests.api.helpers import text
from tests.api.world import START, TODAY, Agreement, commitment, decided_at, evidence, report

SIGNATORIES = ("lead", "co_lead", "supporting", "other_signatory")
RESPONSIBLE = ("lead", "co_lead", "supporting")  # for the commitment each acts on (see Case.code)


@dataclass
class Case:
    """One persona calling one command on agreement `a`."""

    a: Agreement
    persona: str
    on_behalf: bool

    @property
    def code(self) -> str:
        """Where the persona holds its role: the co-lead co-leads A1.2; everyone else acts on A1.1."""
        return "A1.2" if self.persona == "co_lead" else "A1.1"

    @property
    def actor(self) -> str:
        """Who creates what the persona acts on: itself if responsible, else the lead (the principal)."""
        return self.persona if self.persona in RESPONSIBLE else "lead"

    @property
    def claimant(self) -> str:
        return self.persona if self.persona in ("lead", "co_lead") else "lead"

    @property
    def signer(self) -> str:
        return self.persona if self.persona in SIGNATORIES else "lead"

    def behalf(self, **body: Any) -> dict[str, Any]:
        if self.on_behalf and self.persona == "coordinator":
            body["onBehalfOf"] = self.a.world.ids["lead"]
        return body

    async def started(self) -> None:
        await self.a.ok(f"/commitments/{self.code}/start", {"startedOn": "2025-02-01"}, who=self.actor)


Arrange = Callable[[Case], Awaitable[tuple[str, Any]]]


@dataclass(frozen=True)
class Command:
    operation: str
    arrange: Arrange
    state: str = "in_force"
    on_behalf: bool = False  # a coordinator acts for the lead, whose reporting right it holds
    policy: dict | None = None
    refused: tuple[tuple[str, str], ...] = ()  # (persona, problem): allowed here, refused by the domain


def command(operation: str, **options: Any) -> Callable[[Arrange], Command]:
    return lambda arrange: Command(operation, arrange, **options)


async def _hold(c: Case) -> tuple[str, Any]:
    await c.started()
    return f"/commitments/{c.code}/hold", c.behalf(reason="资金未到位")


async def _resume_commitment(c: Case) -> tuple[str, Any]:
    await c.started()
    await c.a.ok(f"/commitments/{c.code}/hold", {"reason": "资金未到位"}, who=c.actor)
    return f"/commitments/{c.code}/resumption", c.behalf()


async def _retract(c: Case) -> tuple[str, Any]:
    rid = await c.a.report(c.code, who=c.actor)
    return f"/progress-reports/{rid}/retraction", c.behalf(reason="数据有误")


async def _correct(c: Case) -> tuple[str, Any]:
    rid = await c.a.report(c.code, who=c.actor)
    return f"/progress-reports/{rid}/correction", c.behalf(reason="数据有误", **report(level="substantial"))


async def _achieve(c: Case) -> tuple[str, Any]:
    milestone = await c.a.milestone(c.code, who=c.actor)
    body = c.behalf(achievedOn="2025-05-01", evidence=evidence())
    return f"/commitments/{c.code}/milestones/{milestone}/achievement", body


async def _reschedule(c: Case) -> tuple[str, Any]:
    milestone = await c.a.milestone(c.code, who=c.actor)
    body = c.behalf(due={"on": "2025-09-30"}, reason="场地未落实")
    return f"/commitments/{c.code}/milestones/{milestone}/rescheduling", body


async def _withdraw_claim(c: Case) -> tuple[str, Any]:
    claim = await c.a.claim(c.code, who=c.claimant)
    return f"/completion-claims/{claim}/withdrawal", c.behalf(reason="补充材料")


async def _reopen(c: Case) -> tuple[str, Any]:
    await c.a.claim(c.code, who=c.claimant)  # lead_only: completed at once
    return f"/commitments/{c.code}/reopening", c.behalf(reason="发现新问题")


async def _others_claim(c: Case) -> str:
    """A claim the persona did not make: the co-lead's on A1.2 for the lead, the lead's on A1.1 for others."""
    return await (c.a.claim("A1.2", who="co_lead") if c.persona == "lead" else c.a.claim("A1.1", who="lead"))


async def _acknowledge(c: Case) -> tuple[str, Any]:
    return f"/completion-claims/{await _others_claim(c)}/acknowledgements", None


async def _dispute(c: Case) -> tuple[str, Any]:
    return f"/completion-claims/{await _others_claim(c)}/disputes", {"reason": "证据不足"}


async def _confirm_deemed(c: Case) -> tuple[str, Any]:
    with decided_at(datetime.now(UTC) - timedelta(days=30)):
        claim = await c.a.claim("A1.1", who="lead")
    return f"/completion-claims/{claim}/deemed-completion", None


async def _resume(c: Case) -> tuple[str, Any]:
    await c.a.ok("/suspension", {"suspendedOn": "2025-06-01", "reason": "机构调整"})
    return "/resumption", {"resumedOn": "2025-07-01"}


async def _close_out(c: Case) -> tuple[str, Any]:
    await c.a.ok("/period-end", {"endedOn": "2025-12-31", "finalReportDue": "2026-03-31"})
    return "/close-out", {"closedOn": "2026-04-01"}


async def _supersede(c: Case) -> tuple[str, Any]:
    successor = await c.a.world.agreement("draft")
    return "/supersession", {"byAgreementId": successor.id, "supersededOn": "2025-06-01"}


async def _sign_amendment(c: Case) -> tuple[str, Any]:
    return f"/amendments/{await c.a.amendment()}/signatures", {"signedOn": TODAY}


async def _withdraw_amendment(c: Case) -> tuple[str, Any]:
    return f"/amendments/{await c.a.amendment(who=c.signer)}/withdrawal", {"reason": "另行协商"}


async def _revoke(c: Case) -> tuple[str, Any]:
    coordinator = c.a.world.ids["coordinator"]
    if c.persona in ("co_lead", "supporting"):  # the lead's delegation comes with the agreement
        await c.a.ok("/delegations", {"delegateId": coordinator}, who=c.persona)
    return f"/delegations/{coordinator}/revocation", None


def fixed(suffix: str, body: Any = None) -> Arrange:
    async def arrange(c: Case) -> tuple[str, Any]:
        return suffix, body

    return arrange


def on_commitment(action: str, **body: Any) -> Arrange:
    async def arrange(c: Case) -> tuple[str, Any]:
        return f"/commitments/{c.code}/{action}", c.behalf(**body)

    return arrange


W = {"on_behalf": True}  # work on a commitment, by its responsible parties or their delegate
COMMANDS: dict[str, Command] = {
    "add_party": Command("addParty", fixed("/parties", {"partyId": None, "role": "observer"}), "structured"),
    "define_area": Command("defineArea", fixed("/areas", {"code": "A9", "title": text("九")}), "structured"),
    "define_commitment": Command(
        "defineCommitment", fixed("/commitments", commitment("A1.9", [])), "structured"),
    "open_for_signature": Command("openForSignature", fixed("/text-freeze"), "structured"),
    "sign": Command("signAgreement", fixed("/signatures", {"signedOn": "2024-12-20"}), "open"),
    "enter_into_force": Command(
        "enterIntoForce", fixed("/entry-into-force", {"effectiveOn": START}), "signed"),
    "start_commitment": Command("startCommitment", on_commitment("start", startedOn="2025-02-01"), **W),
    "put_commitment_on_hold": Command("putCommitmentOnHold", _hold, **W),
    "resume_commitment": Command("resumeCommitment", _resume_commitment, **W),
    "report_progress": Command("reportProgress", on_commitment("progress-reports", **report()), **W),
    "retract_report": Command("retractReport", _retract, **W),
    "correct_report": Command("correctReport", _correct, **W),
    "define_milestone": Command("defineMilestone", on_commitment(
        "milestones", code="M1", title=text("首次联席会议"), due={"on": "2025-06-30"}), **W),
    "achieve_milestone": Command("achieveMilestone", _achieve, **W),
    "reschedule_milestone": Command("rescheduleMilestone", _reschedule, **W),
    "set_due_date": Command(
        "setDueDate", on_commitment("due-date", due={"on": "2025-12-31", "precision": "month"}),
        "structured"),
    "claim_completion": Command("claimCompletion", on_commitment(
        "completion-claims", completedOn="2025-03-01", evidence=evidence()), **W),
    "withdraw_claim": Command("withdrawClaim", _withdraw_claim, **W),
    "reopen_commitment": Command("reopenCommitment", _reopen, policy={"kind": "lead_only"}, **W),
    "acknowledge_completion": Command("acknowledgeCompletion", _acknowledge),
    "dispute_completion": Command("disputeCompletion", _dispute),
    "confirm_deemed_completion": Command(
        "confirmDeemedCompletion", _confirm_deemed, policy={"kind": "deemed_after_days", "days": 10}),
    "record_assessment": Command("recordAssessment", on_commitment(
        "assessments", assessedOn="2025-04-01", level="substantial", findings=text("基本完成"))),
    "set_verification_policy": Command(
        "setVerificationPolicy", fixed("/verification-policy", {"policy": {"kind": "quorum", "quorum": 2}}),
        "structured"),
    "suspend": Command(
        "suspendAgreement", fixed("/suspension", {"suspendedOn": "2025-06-01", "reason": "机构调整"})),
    "resume": Command("resumeAgreement", _resume),
    "end_period": Command(
        "endPeriod", fixed("/period-end", {"endedOn": "2025-12-31", "finalReportDue": "2026-03-31"})),
    "close_out": Command("closeOutAgreement", _close_out),
    "terminate": Command(
        "terminateAgreement", fixed("/termination", {"terminatedOn": "2025-06-01", "reason": "目标已变"})),
    "supersede": Command("supersedeAgreement", _supersede),
    "propose_amendment": Command("proposeAmendment", fixed("/amendments", {"changes": [
        {"type": "change_due_date", "commitmentCode": "A1.1", "due": {"on": "2026-12-31"}}]})),
    "sign_amendment": Command("signAmendment", _sign_amendment),
    "withdraw_amendment": Command("withdrawAmendment", _withdraw_amendment),
    "delegate_reporting_right": Command(
        "delegateReportingRight", fixed("/delegations", {"delegateId": "coordinator"})),
    "revoke_reporting_right": Command("revokeReportingRight", _revoke),
    # a party-less admin key passes the table but has no party to speak for
    "add_comment": Command("addComment", fixed("/comments", {"text": text("请补充数据")}),
                           refused=(("admin", "not-a-party"),)),
}


def resolved(body: Any, ids: dict[str, str]) -> Any:
    """Party placeholders in a fixed body: the newcomer to add, the coordinator to delegate to."""
    if isinstance(body, dict):
        if "partyId" in body and body["partyId"] is None:
            return {**body, "partyId": ids["newcomer"]}
        if body.get("delegateId") == "coordinator":
            return {**body, "delegateId": ids["coordinator"]}
        if body.get("responsibilities") == []:
            return {**body, "responsibilities": [{"partyId": ids["lead"], "role": "lead"}]}
    return body


