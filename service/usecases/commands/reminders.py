"""The scheduler's command: record the deadline reminders an agreement has reached today."""

from __future__ import annotations

from dataclasses import dataclass

from service.usecases.commands.base import AgreementCommand


@dataclass(frozen=True, kw_only=True)
class SendReminders(AgreementCommand):
    """Sent by the system, never by a party: what it records follows from the agreement and the date."""
