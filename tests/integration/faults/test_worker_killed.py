"""A Celery worker SIGKILLed in the middle of a sweep: every reminder arrives exactly once.

Why this is deterministic (docs/reminders.md, "The residual window"): the
sweep marks each reminder `sent` right after the SMTP server's 250 for it and
only then starts the next message. The one place where a kill could produce a
duplicate is after a 250 and before that commit. The SMTP sink here (aiosmtpd,
a little slow per message) records a message only when it answers 250, and on
the STALL_ON-th message it stalls *before* answering: the test SIGKILLs the
worker during that stall, then lets the sink answer 451 to nobody, so that
message is not delivered. At the kill the database must therefore show exactly
STALL_ON - 1 reminders sent and the rest `sending` under the dead worker's
lease (REMINDERS_LEASE_SECONDS, 3 s here). A new worker's sweeps pick those up
once the lease has expired and send each of them once; messages sent before
the kill are never repeated. The kill can never land in the residual window,
so "exactly once" is asserted, not "at least once".
"""

from __future__ import annotations

import time
from collections import Counter

import pytest
from django.utils import timezone

from config.celery_app import app as celery_app
from tests.integration.reminders.factories import case_with_deadline_in
from tests.integration.reminders.test_broker import celery_broker
from wizard.reminders.models import Reminder, ReminderStatus

from .conftest import app_env, start_celery_worker, test_database_url, wait_until

pytestmark = pytest.mark.django_db(transaction=True)

CASES = 10  # 4 reminders each (confirmation, R-3, R-1, R-0), all made due now
STALL_ON = 8
SWEEP = "wizard.reminders.tasks.send_due_reminders"


def test_c_a_worker_killed_mid_sweep_leaves_each_reminder_sent_exactly_once(
    require_postgres, private_redis, smtp_sink, processes, settings, tmp_path
):
    with celery_broker("memory://"):  # the after-commit fast path is not under test here
        for n in range(CASES):
            case_with_deadline_in(5, email=f"buyer{n}@example.com")
    now = timezone.now()
    Reminder.objects.update(due_at=now, next_attempt_at=now)
    expected = {f"reminder-{r.pk}.{r.kind}" for r in Reminder.objects.all()}
    total = len(expected)
    assert total == CASES * 4

    smtp = smtp_sink(delay=0.02, stall_on=STALL_ON)
    env = app_env(
        DATABASE_URL=test_database_url(settings),
        REDIS_URL=private_redis.url,
        EMAIL_URL=smtp.email_url,
        REMINDERS_LEASE_SECONDS="3",
        REMINDERS_BATCH_SIZE=str(total),  # one batch: everything claimed by the first sweep
    )

    def sweep() -> None:
        """What beat does: queue one sweep (own connection, this process's pools untouched)."""
        with celery_app.connection_for_write(private_redis.url) as connection:
            celery_app.send_task(SWEEP, connection=connection)

    first = start_celery_worker(processes, env=env, log=tmp_path / "first.log", name="first")
    sweep()
    assert smtp.stalled.wait(timeout=40), first.output()[-3000:]
    first.kill()  # SIGKILL while the SMTP server holds the reply to message STALL_ON
    smtp.release.set()

    statuses = Counter(Reminder.objects.values_list("status", flat=True))
    assert statuses == {
        ReminderStatus.SENT: STALL_ON - 1,
        ReminderStatus.SENDING: total - (STALL_ON - 1),
    }
    assert smtp.count() == STALL_ON - 1

    second = start_celery_worker(processes, env=env, log=tmp_path / "second.log", name="second")

    def all_sent() -> bool:
        if Reminder.objects.filter(status=ReminderStatus.SENT).count() == total:
            return True
        sweep()  # like beat: the sweep is retried until the dead worker's lease expires
        time.sleep(1)
        return False

    wait_until(all_sent, timeout=60, what="the second worker to send the rest")
    sweep()
    time.sleep(1.5)  # one more sweep: nothing may go out again
    counts = Counter(mid.strip("<>").split("@")[0] for mid in smtp.message_ids())
    assert smtp.count() == total, second.output()[-3000:]
    assert set(counts) == expected
    assert set(counts.values()) == {1}
    assert set(Reminder.objects.values_list("status", flat=True)) == {ReminderStatus.SENT}
