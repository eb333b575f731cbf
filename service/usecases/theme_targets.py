"""A theme is assigned only to what exists: the agreement's area (and commitment), or the indicator."""

from __future__ import annotations

from domain.agreement import Agreement
from domain.indicator import Indicator
from domain.theme import ThemeTarget
from domain.theme.aggregate import UnknownThemeTarget
from service.store.repository import Repository
from service.usecases.errors import UnknownAgreement


async def check_target(repo: Repository, target: ThemeTarget) -> None:
    if target.indicator_id is not None:
        if not await repo.exists(Indicator, target.indicator_id):
            raise UnknownThemeTarget(f"no indicator {target.indicator_id}")
        return
    if target.agreement_id is None or not await repo.exists(Agreement, target.agreement_id):
        raise UnknownAgreement(target.agreement_id)  # type: ignore[arg-type]
    agreement = await repo.current(Agreement, target.agreement_id)
    try:
        if target.area not in agreement.areas:
            raise UnknownThemeTarget(f"the agreement has no area {target.area}")
        held = agreement.commitments.get(target.commitment) if target.commitment else None
        if target.commitment and (held is None or held.area_code != target.area):
            raise UnknownThemeTarget(f"area {target.area} has no commitment {target.commitment}")
    finally:
        repo.give_back(agreement)
