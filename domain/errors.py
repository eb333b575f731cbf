"""Domain errors: one class per rule, each with a stable code, in families: conflict, invalid, not found."""

import re


def _kebab(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


class DomainError(Exception):
    """A command broke a rule; nothing was recorded."""

    code = "domain-rule-violated"

    def __init_subclass__(cls, **kwargs: object) -> None:
        """Each error's code is its class name in kebab case (`NotASignatory`: `not-a-signatory`)."""
        super().__init_subclass__(**kwargs)
        if "code" not in vars(cls):
            cls.code = _kebab(cls.__name__)

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail

    @classmethod
    def title(cls) -> str:
        return (cls.__doc__ or cls.code).strip()


class Conflict(DomainError):
    """The command does not fit the aggregate's current state."""

    code = DomainError.code  # the families were published with the base code, not their own names


class Invalid(DomainError):
    """The command's content is unacceptable whatever the state."""

    code = DomainError.code


class StructureFrozen(Conflict):
    """The agreement's text is frozen; its structure changes only through an amendment."""


class PartyAlreadyAdded(Conflict):
    """The party is already a party to the agreement."""


class AreaAlreadyDefined(Conflict):
    """An area with this code already exists."""


class CommitmentAlreadyDefined(Conflict):
    """A commitment with this code already exists."""


class UnknownArea(Invalid):
    """The agreement has no area with this code."""


class NoResponsibleParty(Invalid):
    """Every commitment needs a lead or co-leads."""


class ResponsibleNotAParty(Invalid):
    """Only parties of the agreement hold responsibilities."""


class InvalidLeadership(Invalid):
    """A commitment has one lead or several co-leads, and names each party once."""


class NotEnoughSignatories(Conflict):
    """An agreement needs at least two signatory parties."""


class NoCommitments(Conflict):
    """An agreement needs a commitment before it opens for signature."""


class NotOpenForSignature(Conflict):
    """Signatures are taken only on the frozen text, while it is open for signature."""


class NotASignatory(Conflict):
    """Only signatory parties sign."""


class AlreadySignedByParty(Conflict):
    """The party has already signed."""


class DateInFuture(Invalid):
    """A fact cannot be dated after the moment it is recorded."""


class TextFrozenBeforeDrafted(Conflict):
    """The text cannot be frozen before the agreement was drafted."""


class SignedBeforeTextFrozen(Conflict):
    """A signature cannot be dated before the text was frozen and opened for signature."""


class RetroactiveEntryNotMarked(Conflict):
    """An entry into force before the last signature must be marked retroactive, with its basis."""


class NotRetroactive(Invalid):
    """An entry into force marked retroactive must take effect before the last signature."""


class NotSigned(Conflict):
    """The agreement must first be signed by every signatory."""


class AlreadyInForce(Conflict):
    """The agreement has already entered into force."""


class MissingAuthenticText(Invalid):
    """The text must be given in the agreement's authentic language."""


class NotFound(DomainError):
    """The command names something the aggregate does not hold."""

    code = DomainError.code


class UnknownCommitment(NotFound):
    """The agreement has no commitment with this code."""


class UnknownReport(NotFound):
    """The agreement has no progress report with this id."""


class UnknownClaim(NotFound):
    """The agreement has no completion claim with this id."""


class UnknownMilestone(NotFound):
    """The commitment has no milestone with this code."""


class UnknownAmendment(NotFound):
    """The agreement has no amendment with this id."""


class NotInForce(Conflict):
    """Reports, claims and assessments are taken only once the agreement is in force."""


class AgreementSuspended(Conflict):
    """The agreement is suspended: nothing is reported until it resumes."""


class AgreementEnded(Conflict):
    """The agreement is closed, terminated or superseded: it accepts nothing but comments."""


class FinalReportWindowClosed(Conflict):
    """The period has ended and its final-report deadline has passed."""


class InvalidAgreementTransition(Conflict):
    """The agreement cannot move from its current status to the one asked for."""


class NotAParty(Conflict):
    """Only parties of the agreement act on it."""


class NotResponsible(Conflict):
    """A party reports only on commitments it is responsible for."""


class NotLeading(Conflict):
    """Only a commitment's lead or co-leads claim its completion."""


class NoDelegation(Conflict):
    """Acting for another party needs a reporting right it delegated."""


class NotACoordinator(Conflict):
    """Reporting rights are delegated only to coordinator parties."""


class NoSuchDelegation(Conflict):
    """The responsible party has not delegated its reporting right to this party."""


class NotAnAssessor(Conflict):
    """Only a party with the assessor role records independent assessments."""


class NotACounterparty(Conflict):
    """Only the counterparties of a claim acknowledge or dispute it."""


class OwnClaim(Conflict):
    """A party never acknowledges or disputes its own claim."""


class AlreadyAcknowledged(Conflict):
    """Each counterparty acknowledges a claim once."""


class NotClaimant(Conflict):
    """Only the party that claimed completion withdraws the claim."""


class NotReportAuthor(Conflict):
    """Only the party a report speaks for retracts or corrects it."""


class ReportNotActive(Conflict):
    """The report has already been retracted or corrected."""


class ClaimNotOpen(Conflict):
    """The claim is no longer open: it was completed, disputed, withdrawn or has lapsed."""


class ClaimAlreadyOpen(Conflict):
    """The commitment already has an open completion claim."""


class CommitmentAlreadyCompleted(Conflict):
    """The commitment is completed; reopen it first."""


class CommitmentClosed(Conflict):
    """The commitment is cancelled, superseded or closed incomplete: it accepts nothing but comments."""


class CommitmentOnHold(Conflict):
    """The commitment is on hold; resume it first."""


class ContinuousCommitment(Conflict):
    """Continuous commitments never claim completion; they are assessed periodically."""


class InvalidCommitmentTransition(Conflict):
    """The commitment cannot move from its current lifecycle to the one asked for."""


class VerificationPolicyMismatch(Conflict):
    """The claim's verification policy does not complete it this way."""


class NotYetDeemed(Conflict):
    """The claim is deemed accepted only once its days without dispute have passed."""


class MilestoneAlreadyDefined(Conflict):
    """The commitment already has a milestone with this code."""


class MilestoneAlreadyAchieved(Conflict):
    """The milestone has already been achieved."""


class IdAlreadyUsed(Conflict):
    """The agreement already holds a record with this id."""


class AmendmentPending(Conflict):
    """Another amendment is awaiting signatures; one amendment at a time."""


class AmendmentNotPending(Conflict):
    """The amendment has already been applied or withdrawn."""


class AmendmentAlreadySigned(Conflict):
    """The party has already signed this amendment."""


class NotTheProposer(Conflict):
    """Only the party that proposed an amendment withdraws it."""


class LevelOutsideScale(Invalid):
    """A completion level is one of no_evidence, not_started, limited, substantial, complete."""


class HealthOutsideScale(Invalid):
    """Health is one of on_track, at_risk, off_track."""


class EvidenceRequired(Invalid):
    """A completion claim or an achieved milestone needs at least one piece of evidence."""


class EvidenceNotLocatable(Invalid):
    """Evidence needs a URL or a document id."""


class InvalidChecksum(Invalid):
    """A checksum is a SHA-256: 64 hexadecimal digits."""


class TextRequired(Invalid):
    """The text (narrative, title, findings or comment) must not be empty."""


class ReasonRequired(Invalid):
    """This change needs a reason."""


class DisputeWithoutReason(ReasonRequired):
    """A dispute needs a reason."""


class DueBeforeStart(Invalid):
    """A due date cannot fall before the agreement starts."""


class DateOutOfOrder(Invalid):
    """The date comes before the fact it follows."""


class NotAJointCommitment(Invalid):
    """Only co-leads of a joint commitment report their own share."""


class InvalidVerificationPolicy(Invalid):
    """A quorum policy names its quorum and a deemed policy its days (both positive); no other policy names
    either.
    """


class EmptyAmendment(Invalid):
    """An amendment makes at least one change."""


class InvalidAmendmentChange(Invalid):
    """An amendment change gives the fields its kind needs."""


class SupersededBySelf(Invalid):
    """An agreement is superseded by another agreement."""


class SelfDelegation(Invalid):
    """A party does not delegate its reporting right to itself."""
