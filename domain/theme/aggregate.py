"""A canonical theme as one stream: its name, and each assignment with its basis, reviewable as events."""

from __future__ import annotations

from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.errors import Conflict, Invalid, NotFound, ReasonRequired
from domain.theme.values import ThemeCode, ThemeTarget
from domain.values import LocalizedText

THEME_NAMESPACE = UUID("3c8e1f57-9a2d-4b6e-8f10-7d4a2c9b5e31")


class InvalidThemeTarget(Invalid):
    """A theme is assigned to an agreement's area (or one commitment of it) or to an indicator."""


class UnknownThemeTarget(Invalid):
    """A theme is assigned only to an area, commitment or indicator that exists."""


class ThemeAlreadyAssigned(Conflict):
    """The theme is already assigned to this area, commitment or indicator."""


class ThemeNotAssigned(NotFound):
    """The theme is not assigned to this area, commitment or indicator."""


class Theme(Aggregate):
    """One canonical theme and what is assigned to it."""

    class Defined(Aggregate.Created):
        TOPIC = "theme.defined"
        code: ThemeCode
        name: LocalizedText

        def apply(self, theme: Theme) -> None:
            theme.code, theme.name, theme.assigned = self.code, self.name, set()

    class Assigned(Aggregate.Event):
        TOPIC = "theme.assigned"
        target: ThemeTarget
        basis: str
        inferred: bool

        def apply(self, theme: Theme) -> None:
            theme.assigned.add(self.target)

    class Unassigned(Aggregate.Event):
        TOPIC = "theme.unassigned"
        target: ThemeTarget
        reason: str

        def apply(self, theme: Theme) -> None:
            theme.assigned.discard(self.target)

    @staticmethod
    def id_for(code: ThemeCode) -> UUID:
        return uuid5(THEME_NAMESPACE, str(code))

    @classmethod
    def define(cls, code: ThemeCode, name: LocalizedText) -> Theme:
        return cls._create(cls.Defined, id=cls.id_for(code), code=ThemeCode(code), name=name)

    def assign(self, target: ThemeTarget, basis: str, inferred: bool) -> None:
        _check(target)
        if not basis.strip():
            raise ReasonRequired("an assignment states its basis (e.g. inferred from the area's title)")
        if target in self.assigned:
            raise ThemeAlreadyAssigned(f"{self.code} is already assigned to {target.describe()}")
        self.trigger_event(self.Assigned, target=target, basis=basis, inferred=inferred)

    def unassign(self, target: ThemeTarget, reason: str) -> None:
        if target not in self.assigned:
            raise ThemeNotAssigned(f"{self.code} is not assigned to {target.describe()}")
        if not reason.strip():
            raise ReasonRequired("withdrawing an assignment says why")
        self.trigger_event(self.Unassigned, target=target, reason=reason)


def _check(t: ThemeTarget) -> None:
    agreement = t.agreement_id is not None and t.area is not None
    indicator = t.indicator_id is not None
    if agreement == indicator or (indicator and t.commitment is not None) or (
            t.commitment is not None and t.area is None):
        raise InvalidThemeTarget("name an agreement and its area (and optionally a commitment of the "
                                 "area), or an indicator")
