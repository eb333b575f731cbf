"""Domain errors: one class per rule, each with a stable code and the HTTP status it maps to."""


class DomainError(Exception):
    """A command broke a rule; nothing was recorded."""

    code = "domain-rule-violated"
    status = 409

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail

    @classmethod
    def title(cls) -> str:
        return (cls.__doc__ or cls.code).strip()


class Conflict(DomainError):
    """The command does not fit the aggregate's current state."""


class Invalid(DomainError):
    """The command's content is unacceptable whatever the state."""

    status = 422


class StructureFrozen(Conflict):
    """The agreement's text is frozen; its structure changes only through an amendment."""

    code = "structure-frozen"


class PartyAlreadyAdded(Conflict):
    """The party is already a party to the agreement."""

    code = "party-already-added"


class AreaAlreadyDefined(Conflict):
    """An area with this code already exists."""

    code = "area-already-defined"


class CommitmentAlreadyDefined(Conflict):
    """A commitment with this code already exists."""

    code = "commitment-already-defined"


class UnknownArea(Invalid):
    """The agreement has no area with this code."""

    code = "unknown-area"


class NoResponsibleParty(Invalid):
    """Every commitment needs a lead or co-leads."""

    code = "no-responsible-party"


class ResponsibleNotAParty(Invalid):
    """Only parties of the agreement hold responsibilities."""

    code = "responsible-not-a-party"


class InvalidLeadership(Invalid):
    """A commitment has one lead or several co-leads, and names each party once."""

    code = "invalid-leadership"


class NotEnoughSignatories(Conflict):
    """An agreement needs at least two signatory parties."""

    code = "not-enough-signatories"


class NoCommitments(Conflict):
    """An agreement needs a commitment before it opens for signature."""

    code = "no-commitments"


class NotOpenForSignature(Conflict):
    """Signatures are taken only on the frozen text, while it is open for signature."""

    code = "not-open-for-signature"


class NotASignatory(Conflict):
    """Only signatory parties sign."""

    code = "not-a-signatory"


class AlreadySignedByParty(Conflict):
    """The party has already signed."""

    code = "already-signed-by-party"


class DateInFuture(Invalid):
    """A fact cannot be dated after the moment it is recorded."""

    code = "date-in-future"


class NotSigned(Conflict):
    """The agreement must first be signed by every signatory."""

    code = "not-signed"


class AlreadyInForce(Conflict):
    """The agreement has already entered into force."""

    code = "already-in-force"


class MissingAuthenticText(Invalid):
    """The text must be given in the agreement's authentic language."""

    code = "missing-authentic-text"


class NotFound(DomainError):
    """The command names something the aggregate does not hold."""

    status = 404


class UnknownCommitment(NotFound):
    """The agreement has no commitment with this code."""

    code = "unknown-commitment"


class UnknownReport(NotFound):
    """The agreement has no progress report with this id."""

    code = "unknown-report"


class UnknownClaim(NotFound):
    """The agreement has no completion claim with this id."""

    code = "unknown-claim"


class UnknownMilestone(NotFound):
    """The commitment has no milestone with this code."""

    code = "unknown-milestone"


class UnknownAmendment(NotFound):
    """The agreement has no amendment with this id."""

    code = "unknown-amendment"


class NotInForce(Conflict):
    """Reports, claims and assessments are taken only once the agreement is in force."""

    code = "not-in-force"


class AgreementSuspended(Conflict):
    """The agreement is suspended: nothing is reported until it resumes."""

    code = "agreement-suspended"


class AgreementEnded(Conflict):
    """The agreement is closed, terminated or superseded: it accepts nothing but comments."""

    code = "agreement-ended"


class FinalReportWindowClosed(Conflict):
    """The period has ended and its final-report deadline has passed."""

    code = "final-report-window-closed"


class InvalidAgreementTransition(Conflict):
    """The agreement cannot move from its current status to the one asked for."""

    code = "invalid-agreement-transition"


class NotAParty(Conflict):
    """Only parties of the agreement act on it."""

    code = "not-a-party"


class NotResponsible(Conflict):
    """A party reports only on commitments it is responsible for."""

    code = "not-responsible"


class NotLeading(Conflict):
    """Only a commitment's lead or co-leads claim its completion."""

    code = "not-leading"


class NoDelegation(Conflict):
    """Acting for another party needs a reporting right it delegated."""

    code = "no-delegation"


class NotACoordinator(Conflict):
    """Reporting rights are delegated only to coordinator parties."""

    code = "not-a-coordinator"


class NoSuchDelegation(Conflict):
    """The responsible party has not delegated its reporting right to this party."""

    code = "no-such-delegation"


class NotAnAssessor(Conflict):
    """Only a party with the assessor role records independent assessments."""

    code = "not-an-assessor"


class NotACounterparty(Conflict):
    """Only the counterparties of a claim acknowledge or dispute it."""

    code = "not-a-counterparty"


class OwnClaim(Conflict):
    """A party never acknowledges or disputes its own claim."""

    code = "own-claim"


class AlreadyAcknowledged(Conflict):
    """Each counterparty acknowledges a claim once."""

    code = "already-acknowledged"


class NotClaimant(Conflict):
    """Only the party that claimed completion withdraws the claim."""

    code = "not-claimant"


class NotReportAuthor(Conflict):
    """Only the party a report speaks for retracts or corrects it."""

    code = "not-report-author"


class ReportNotActive(Conflict):
    """The report has already been retracted or corrected."""

    code = "report-not-active"


class ClaimNotOpen(Conflict):
    """The claim is no longer open: it was completed, disputed, withdrawn or has lapsed."""

    code = "claim-not-open"


class ClaimAlreadyOpen(Conflict):
    """The commitment already has an open completion claim."""

    code = "claim-already-open"


class CommitmentAlreadyCompleted(Conflict):
    """The commitment is completed; reopen it first."""

    code = "commitment-already-completed"


class CommitmentClosed(Conflict):
    """The commitment is cancelled, superseded or closed incomplete: it accepts nothing but comments."""

    code = "commitment-closed"


class CommitmentOnHold(Conflict):
    """The commitment is on hold; resume it first."""

    code = "commitment-on-hold"


class ContinuousCommitment(Conflict):
    """Continuous commitments never claim completion; they are assessed periodically."""

    code = "continuous-commitment"


class InvalidCommitmentTransition(Conflict):
    """The commitment cannot move from its current lifecycle to the one asked for."""

    code = "invalid-commitment-transition"


class VerificationPolicyMismatch(Conflict):
    """The claim's verification policy does not complete it this way."""

    code = "verification-policy-mismatch"


class NotYetDeemed(Conflict):
    """The claim is deemed accepted only once its days without dispute have passed."""

    code = "not-yet-deemed"


class MilestoneAlreadyDefined(Conflict):
    """The commitment already has a milestone with this code."""

    code = "milestone-already-defined"


class MilestoneAlreadyAchieved(Conflict):
    """The milestone has already been achieved."""

    code = "milestone-already-achieved"


class IdAlreadyUsed(Conflict):
    """The agreement already holds a record with this id."""

    code = "id-already-used"


class AmendmentPending(Conflict):
    """Another amendment is awaiting signatures; one amendment at a time."""

    code = "amendment-pending"


class AmendmentNotPending(Conflict):
    """The amendment has already been applied or withdrawn."""

    code = "amendment-not-pending"


class AmendmentAlreadySigned(Conflict):
    """The party has already signed this amendment."""

    code = "amendment-already-signed"


class NotTheProposer(Conflict):
    """Only the party that proposed an amendment withdraws it."""

    code = "not-the-proposer"


class LevelOutsideScale(Invalid):
    """A completion level is one of no_evidence, not_started, limited, substantial, complete."""

    code = "level-outside-scale"


class HealthOutsideScale(Invalid):
    """Health is one of on_track, at_risk, off_track."""

    code = "health-outside-scale"


class EvidenceRequired(Invalid):
    """A completion claim or an achieved milestone needs at least one piece of evidence."""

    code = "evidence-required"


class EvidenceNotLocatable(Invalid):
    """Evidence needs a URL or a document id."""

    code = "evidence-not-locatable"


class InvalidChecksum(Invalid):
    """A checksum is a SHA-256: 64 hexadecimal digits."""

    code = "invalid-checksum"


class TextRequired(Invalid):
    """The text (narrative, title, findings or comment) must not be empty."""

    code = "text-required"


class ReasonRequired(Invalid):
    """This change needs a reason."""

    code = "reason-required"


class DisputeWithoutReason(ReasonRequired):
    """A dispute needs a reason."""

    code = "dispute-without-reason"


class DueBeforeStart(Invalid):
    """A due date cannot fall before the agreement starts."""

    code = "due-before-start"


class DateOutOfOrder(Invalid):
    """The date comes before the fact it follows."""

    code = "date-out-of-order"


class NotAJointCommitment(Invalid):
    """Only co-leads of a joint commitment report their own share."""

    code = "not-a-joint-commitment"


class InvalidVerificationPolicy(Invalid):
    """A quorum policy names its quorum and a deemed policy its days (both positive); no other policy names
    either.
    """

    code = "invalid-verification-policy"


class EmptyAmendment(Invalid):
    """An amendment makes at least one change."""

    code = "empty-amendment"


class InvalidAmendmentChange(Invalid):
    """An amendment change gives the fields its kind needs."""

    code = "invalid-amendment-change"


class SupersededBySelf(Invalid):
    """An agreement is superseded by another agreement."""

    code = "superseded-by-self"


class SelfDelegation(Invalid):
    """A party does not delegate its reporting right to itself."""

    code = "self-delegation"
