"""Rules of an agreement in force: lifecycles, responsibilities, claims, milestones, amendments."""

from domain.errors.base import Conflict, NotFound


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
