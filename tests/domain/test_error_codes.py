"""Error codes are public API (`urn:pactum:problem:<code>`): each class keeps its published code."""

from __future__ import annotations

from domain import errors
from domain.errors import DomainError
from service.http.problems import domain_status

# Written out from the codes and HTTP statuses as released, so a changed code or status fails here.
PUBLISHED: dict[str, tuple[str, int]] = {
    "DomainError": ("domain-rule-violated", 409),
    "Conflict": ("domain-rule-violated", 409),
    "Invalid": ("domain-rule-violated", 422),
    "StructureFrozen": ("structure-frozen", 409),
    "PartyAlreadyAdded": ("party-already-added", 409),
    "AreaAlreadyDefined": ("area-already-defined", 409),
    "CommitmentAlreadyDefined": ("commitment-already-defined", 409),
    "UnknownArea": ("unknown-area", 422),
    "NoResponsibleParty": ("no-responsible-party", 422),
    "ResponsibleNotAParty": ("responsible-not-a-party", 422),
    "InvalidLeadership": ("invalid-leadership", 422),
    "NotEnoughSignatories": ("not-enough-signatories", 409),
    "NoCommitments": ("no-commitments", 409),
    "NotOpenForSignature": ("not-open-for-signature", 409),
    "NotASignatory": ("not-a-signatory", 409),
    "AlreadySignedByParty": ("already-signed-by-party", 409),
    "DateInFuture": ("date-in-future", 422),
    "TextFrozenBeforeDrafted": ("text-frozen-before-drafted", 409),
    "SignedBeforeTextFrozen": ("signed-before-text-frozen", 409),
    "RetroactiveEntryNotMarked": ("retroactive-entry-not-marked", 409),
    "InferenceWithoutBasis": ("inference-without-basis", 422),
    "NotRetroactive": ("not-retroactive", 422),
    "NotSigned": ("not-signed", 409),
    "AlreadyInForce": ("already-in-force", 409),
    "MissingAuthenticText": ("missing-authentic-text", 422),
    "NotFound": ("domain-rule-violated", 404),
    "UnknownCommitment": ("unknown-commitment", 404),
    "UnknownReport": ("unknown-report", 404),
    "UnknownClaim": ("unknown-claim", 404),
    "UnknownMilestone": ("unknown-milestone", 404),
    "UnknownAmendment": ("unknown-amendment", 404),
    "NotInForce": ("not-in-force", 409),
    "AgreementSuspended": ("agreement-suspended", 409),
    "AgreementEnded": ("agreement-ended", 409),
    "FinalReportWindowClosed": ("final-report-window-closed", 409),
    "InvalidAgreementTransition": ("invalid-agreement-transition", 409),
    "NotAParty": ("not-a-party", 409),
    "NotResponsible": ("not-responsible", 409),
    "NotLeading": ("not-leading", 409),
    "NoDelegation": ("no-delegation", 409),
    "NotACoordinator": ("not-a-coordinator", 409),
    "NoSuchDelegation": ("no-such-delegation", 409),
    "NotAnAssessor": ("not-an-assessor", 409),
    "NotACounterparty": ("not-a-counterparty", 409),
    "OwnClaim": ("own-claim", 409),
    "AlreadyAcknowledged": ("already-acknowledged", 409),
    "NotClaimant": ("not-claimant", 409),
    "NotReportAuthor": ("not-report-author", 409),
    "ReportNotActive": ("report-not-active", 409),
    "ClaimNotOpen": ("claim-not-open", 409),
    "ClaimAlreadyOpen": ("claim-already-open", 409),
    "CommitmentAlreadyCompleted": ("commitment-already-completed", 409),
    "CommitmentClosed": ("commitment-closed", 409),
    "CommitmentOnHold": ("commitment-on-hold", 409),
    "ContinuousCommitment": ("continuous-commitment", 409),
    "InvalidCommitmentTransition": ("invalid-commitment-transition", 409),
    "VerificationPolicyMismatch": ("verification-policy-mismatch", 409),
    "NotYetDeemed": ("not-yet-deemed", 409),
    "MilestoneAlreadyDefined": ("milestone-already-defined", 409),
    "MilestoneAlreadyAchieved": ("milestone-already-achieved", 409),
    "IdAlreadyUsed": ("id-already-used", 409),
    "AmendmentPending": ("amendment-pending", 409),
    "AmendmentNotPending": ("amendment-not-pending", 409),
    "AmendmentAlreadySigned": ("amendment-already-signed", 409),
    "NotTheProposer": ("not-the-proposer", 409),
    "LevelOutsideScale": ("level-outside-scale", 422),
    "HealthOutsideScale": ("health-outside-scale", 422),
    "EvidenceRequired": ("evidence-required", 422),
    "EvidenceNotLocatable": ("evidence-not-locatable", 422),
    "InvalidChecksum": ("invalid-checksum", 422),
    "TextRequired": ("text-required", 422),
    "ReasonRequired": ("reason-required", 422),
    "DisputeWithoutReason": ("dispute-without-reason", 422),
    "DueBeforeStart": ("due-before-start", 422),
    "DateOutOfOrder": ("date-out-of-order", 422),
    "NotAJointCommitment": ("not-a-joint-commitment", 422),
    "InvalidVerificationPolicy": ("invalid-verification-policy", 422),
    "EmptyAmendment": ("empty-amendment", 422),
    "InvalidAmendmentChange": ("invalid-amendment-change", 422),
    "SupersededBySelf": ("superseded-by-self", 422),
    "SelfDelegation": ("self-delegation", 422),
}


def domain_error_classes() -> dict[str, type[DomainError]]:
    return {name: value for name, value in vars(errors).items()
            if isinstance(value, type) and issubclass(value, DomainError)}


def test_every_error_class_keeps_its_published_code():
    classes = domain_error_classes()

    codes = {name: cls.code for name, cls in classes.items()}

    assert codes == {name: code for name, (code, _) in PUBLISHED.items()}


def test_every_error_class_keeps_its_http_status():
    classes = domain_error_classes()

    statuses = {name: domain_status(cls("refused")) for name, cls in classes.items()}

    assert statuses == {name: status for name, (_, status) in PUBLISHED.items()}
