"""Reminder writes. (Filled by the reminders feature.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wizard.models import Case


def reminders_schedule_for_case(*, case: Case) -> None:
    """Create the case's reminder rows and queue the confirmation e-mail after commit."""
