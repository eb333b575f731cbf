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

