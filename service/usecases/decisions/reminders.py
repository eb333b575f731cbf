"""The handler of the scheduler's command."""

from __future__ import annotations

from domain.agreement import Agreement
from service.usecases.commands import SendReminders
from service.usecases.context import Decision


def send_reminders(a: Agreement, c: SendReminders, d: Decision) -> None:
    a.remind(d.today)
