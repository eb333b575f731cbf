"""Progress against an indicator's targets: the latest readable observation in the target's unit."""

from __future__ import annotations

from domain.indicator.progress import progress
from domain.quantity import Quantity
from service.reads.indicator_views import (
    FigureView,
    IndicatorView,
    SeriesObservationView,
    TargetProgressView,
)


def quantity(f: FigureView) -> Quantity:
    return Quantity(f.value, f.qualifier, f.lower, f.upper, f.unit, f.raw, f.resolution, f.flag)


def target_progress(indicator: IndicatorView,
                    points: list[SeriesObservationView]) -> list[TargetProgressView]:
    out = []
    for target in indicator.definition.targets:
        aim = quantity(target.quantity)
        latest = next((p for p in reversed(points)
                       if p.quantity.value is not None and p.quantity.unit == aim.unit), None)
        found = progress(aim, quantity(latest.quantity)) if latest else None
        if latest is None or found is None:
            out.append(TargetProgressView(target=target, observation_id=None, bound_used=None, relation=None,
                                          percent=None, reached=None,
                                          basis="no readable observation in the target's unit yet"))
            continue
        out.append(TargetProgressView(target=target, observation_id=latest.id, bound_used=found.bound_used,
                                      relation=found.relation, percent=found.percent, reached=found.reached,
                                      basis=found.basis))
    return out
