"""The rules an indicator's observations keep, one error class each, with stable codes from their names."""

from domain.errors import Conflict, Invalid, NotFound


class UnitDiffersFromIndicator(Invalid):
    """An observation is in its indicator's unit (persons and person-times are different units)."""


class UnitRequired(Invalid):
    """An indicator without a unit of its own takes observations that name theirs."""


class PercentageOutOfRange(Invalid):
    """A percentage lies between 0 and 100."""


class NegativeCount(Invalid):
    """A count is never negative."""


class BoundsContradictQualifier(Invalid):
    """The bounds must be those the qualifier implies ("more than 300,000" is a lower bound of 300,000)."""


class UnknownDimension(Invalid):
    """An observation names only the dimensions its indicator defines."""


class DuplicateObservation(Conflict):
    """The indicator already holds an observation for these dimensions, period, unit and source."""


class ObservationIdUsed(Conflict):
    """The indicator already holds an observation with this id."""


class ObservationNotActive(Conflict):
    """The observation has been retracted."""


class UnknownObservation(NotFound):
    """The indicator has no observation with this id."""
