"""Reminder reads."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from .models import DEADLINE_KINDS, Reminder, ReminderKind, ReminderStatus

if TYPE_CHECKING:
    from wizard.models import Case


def reminder_claimable_q(*, now: datetime) -> Q:
    """Due and pending, or claimed by a sweep whose lease has run out (it died)."""
    return Q(status=ReminderStatus.PENDING, next_attempt_at__lte=now) | Q(
        status=ReminderStatus.SENDING, lease_until__lte=now
    )


def reminders_for_case(*, case: Case) -> QuerySet[Reminder]:
    return Reminder.objects.filter(case=case).order_by("due_at", "pk")


def reminders_upcoming_for_case(*, case: Case) -> QuerySet[Reminder]:
    """The deadline reminders that will still go out (shown on the case page)."""
    return reminders_for_case(case=case).filter(
        kind__in=DEADLINE_KINDS, status__in=[ReminderStatus.PENDING, ReminderStatus.SENDING]
    )


def reminder_followup_for_case(*, case: Case) -> Reminder | None:
    """The refund follow-up of the case, if one was ever scheduled."""
    return reminders_for_case(case=case).filter(kind=ReminderKind.FOLLOWUP).first()
