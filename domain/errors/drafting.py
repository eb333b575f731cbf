"""Rules of drafting, signing and entry into force."""

from domain.errors.base import Conflict, Invalid


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


class InferenceWithoutBasis(Invalid):
    """A fact marked inferred (a date, a responsibility, a missing text) must give its basis."""
