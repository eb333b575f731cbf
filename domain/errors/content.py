"""Rules on what a command says, whatever the state: scales, evidence, texts, dates, policies."""

from domain.errors.base import Invalid


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
