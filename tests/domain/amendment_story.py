"""The amendment every amendment test starts from: add C4, revise C1, cancel C3, move C2's due date."""

from __future__ import annotations

from datetime import date

from domain.agreement import Agreement
from domain.agreement.values import (
    DueDate,
    add_commitment,
    cancel_commitment,
    change_due_date,
    revise_commitment,
)
from domain.values import Modality, Nature
from tests.domain.implementation import AMENDMENT
from tests.domain.scenario import JIANGMEN, ZHUHAI, event, lead, zh

DUE = DueDate(date(2026, 6, 30))
ADD_C4 = add_commitment(
    "C4", "A1", zh("共建人才驿站"), Modality.BUILD, Nature.DELIVERABLE, (lead(JIANGMEN),), DUE
)
CHANGES = (
    ADD_C4,
    revise_commitment("C1", text=zh("共建人才交流平台（扩容）")),
    cancel_commitment("C3", "已由C4覆盖"),
    change_due_date("C2", DUE),
)


def proposed(changes=CHANGES, party=ZHUHAI):
    return event(
        Agreement.AmendmentProposed,
        amendment_id=AMENDMENT,
        party_id=party,
        changes=changes,
        summary=None,
        proposed_on=date(2025, 5, 1),
    )


def signed(party, on=date(2025, 5, 2)):
    return event(Agreement.AmendmentSigned, amendment_id=AMENDMENT, party_id=party, signed_on=on)
