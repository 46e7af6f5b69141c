"""Redis (the broker) down when a case is saved: nothing is lost, nothing is doubled."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
import time_machine
from django.core import mail

from config.celery_app import app as celery_app
from wizard.reminders.models import Reminder, ReminderStatus
from wizard.reminders.services import reminders_send_due

from .conftest import free_port
from .factories import case_with_deadline_in, china


@contextlib.contextmanager
def celery_broker(url: str) -> Iterator[None]:
    """Point this process's Celery producer at `url` (fresh pools), then back."""

    def reset() -> None:
        if celery_app._pool is not None:
            celery_app._pool.force_close_all()
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    old = celery_app.conf.broker_url
    reset()
    celery_app.conf.broker_url = url
    try:
        yield
    finally:
        reset()
        celery_app.conf.broker_url = old


@pytest.mark.django_db(transaction=True)
def test_redis_down_when_a_case_is_saved_loses_nothing(redis_url, caplog):
    closed = f"redis://127.0.0.1:{free_port()}/15"
    with celery_broker(closed), time_machine.travel(china(2026, 11, 20, 12), tick=True):
        case = case_with_deadline_in(7)  # does not raise although the fast path failed
    assert "could not queue reminder" in caplog.text
    assert Reminder.objects.filter(case=case, status=ReminderStatus.PENDING).count() == 4
    # Redis is back: the sweep sends the confirmation, then each reminder on its day, once.
    assert reminders_send_due(now=china(2026, 11, 20, 12, 5)) == 1
    assert reminders_send_due(now=china(2026, 11, 24, 9)) == 1
    assert reminders_send_due(now=china(2026, 11, 24, 9)) == 0
    assert [m.to for m in mail.outbox] == [[case.email]] * 2
