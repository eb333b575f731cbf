"""The rules an initiative keeps, one error class each, with stable codes from their names."""

from domain.errors import Conflict, Invalid


class InitiativeWithoutContent(Invalid):
    """An initiative states something: a summary or at least one item."""


class AlreadyLinked(Conflict):
    """The initiative is already linked to this agreement."""


class UnknownLinkedAgreement(Invalid):
    """An initiative links only to agreements that exist."""


class DueDateTwice(Invalid):
    """An item's due date is either read (a date) or kept raw (garbled), not both."""
