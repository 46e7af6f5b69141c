"""Two sweeps at the same moment on PostgreSQL, each with its own connection."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from wizard.reminders.models import Reminder, ReminderStatus
from wizard.reminders.services import reminders_send_due

from .factories import case_with_deadline_in, china


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_sweeps_never_send_a_reminder_twice(
    require_postgres, settings, pinned_clock
):
    settings.REMINDERS_BATCH_SIZE = 3  # many small claims: the sweeps interleave
    for i in range(30):
        case_with_deadline_in(7, email=f"buyer{i}@example.com")
    Reminder.objects.update(next_attempt_at=china(2020, 1, 1))  # everything due
    total = Reminder.objects.count()
    now = timezone.now()
    barrier = threading.Barrier(2)
    counts: list[int] = []
    errors: list[BaseException] = []

    def sweep() -> None:
        try:
            barrier.wait()
            counts.append(reminders_send_due(now=now))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    sent_ids = Counter(m.extra_headers["Message-ID"] for m in mail.outbox)
    assert len(sent_ids) == sum(counts) == len(mail.outbox)
    assert max(sent_ids.values()) == 1
    assert sum(counts) == total
    assert set(Reminder.objects.values_list("status", flat=True)) == {ReminderStatus.SENT}
