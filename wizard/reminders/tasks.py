"""Thin Celery tasks: ids in, the service does the work.

No ETA/countdown tasks: the schedule is the database, beat only wakes the sweep.
"""

from __future__ import annotations

from celery import shared_task

# Each task imports its service when it runs (HackSoft Django-Styleguide): the
# services queue these tasks, so a module-level import would be a cycle.


@shared_task(name="wizard.reminders.tasks.send_due_reminders", ignore_result=True)
def send_due_reminders() -> int:
    """Beat, every REMINDERS_SWEEP_SECONDS: send what is due."""
    from .services import reminders_send_due

    return reminders_send_due()


@shared_task(name="wizard.reminders.tasks.send_reminder", ignore_result=True)
def send_reminder(reminder_id: int) -> int:
    """The after-commit fast path for one reminder (the confirmation); the sweep is the backstop."""
    from .services import reminders_send_due

    return reminders_send_due(reminder_ids=[reminder_id])
