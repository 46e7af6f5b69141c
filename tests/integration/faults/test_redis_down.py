"""Redis (broker, cache and rate-limit counters) stopped while people save their cases.

As in production, one private redis-server is both the Celery broker
(REDIS_URL) and the Django cache (CACHE_URL); gunicorn, a Celery worker and
beat run as subprocesses on the suite's (committed) PostgreSQL test database;
an aiosmtpd sink receives the e-mails.
"""

from __future__ import annotations

import time
from collections import Counter

import pytest
import requests

from wizard.models import Case
from wizard.reminders.models import Reminder, ReminderKind, ReminderStatus

from .conftest import (
    Phone,
    app_env,
    start_celery_beat,
    start_celery_worker,
    start_gunicorn,
    test_database_url,
    wait_for_worker,
    wait_until,
)

pytestmark = pytest.mark.django_db(transaction=True)

CASES = 3


def test_b_cases_saved_while_redis_is_down_show_no_error_and_get_one_confirmation_each(
    require_postgres, private_redis, smtp_sink, processes, settings, tmp_path
):
    smtp = smtp_sink()
    env = app_env(
        DATABASE_URL=test_database_url(settings),
        REDIS_URL=private_redis.url,
        CACHE_URL=private_redis.cache_url,
        EMAIL_URL=smtp.email_url,
        REMINDERS_SWEEP_SECONDS="1",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    worker = start_celery_worker(processes, env=env, log=tmp_path / "worker.log", wait=False)
    start_celery_beat(processes, env=env, tmp_path=tmp_path)
    base_url, _ = start_gunicorn(processes, env=env, tmp_path=tmp_path)
    wait_for_worker(worker)
    assert requests.get(f"{base_url}/healthz", timeout=10).status_code == 200

    private_redis.stop()
    health = requests.get(f"{base_url}/healthz", timeout=15)
    assert health.status_code == 503
    assert health.json()["checks"] == {"database": "ok", "cache": "failed", "broker": "failed"}

    # The whole wizard, photo and e-mail included: no error for the user.
    emails = [f"buyer{n}@example.com" for n in range(CASES)]
    case_urls = [Phone(base_url).walk(email=email) for email in emails]
    assert sorted(Case.objects.values_list("email", flat=True)) == emails
    assert {case.get_absolute_url() for case in Case.objects.all()} == set(case_urls)
    confirmations = Reminder.objects.filter(kind=ReminderKind.CONFIRMATION)
    assert confirmations.filter(status=ReminderStatus.PENDING).count() == CASES

    # Redis is back: beat's sweep sends every confirmation, each exactly once.
    private_redis.start()
    wait_until(lambda: smtp.count() >= CASES, timeout=60, what="the confirmations")
    time.sleep(3)  # a few more sweeps (every second): nothing may arrive twice
    logs = worker.output()[-2000:]
    assert smtp.count() == CASES, logs
    assert sorted(str(m["To"]) for m in smtp.received) == emails
    expected_ids = {f"reminder-{r.pk}.confirmation" for r in confirmations}
    counts = Counter(mid.strip("<>").split("@")[0] for mid in smtp.message_ids())
    assert set(counts) == expected_ids and set(counts.values()) == {1}
    assert set(confirmations.values_list("status", flat=True)) == {ReminderStatus.SENT}
    assert requests.get(f"{base_url}/healthz", timeout=10).status_code == 200
