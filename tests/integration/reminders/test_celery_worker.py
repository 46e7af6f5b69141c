"""A real Celery worker and beat, Redis, PostgreSQL and an SMTP server: each e-mail once."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.utils import timezone

from wizard.reminders.models import Reminder, ReminderKind, ReminderStatus

from .factories import case_with_deadline_in
from .test_broker import celery_broker

ROOT = Path(__file__).resolve().parents[3]
CELERY = str(Path(sys.executable).with_name("celery"))


def _database_url() -> str:
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_worker_and_beat_send_every_email_once(require_postgres, redis_url, smtp_server, tmp_path):
    redis.Redis.from_url(redis_url).flushdb()  # only the test db (TEST_REDIS_URL)
    smtp_server.start()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": redis_url,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_server.port}",
        "REMINDERS_SWEEP_SECONDS": "1",
        "PYTHONUNBUFFERED": "1",
    }
    log = (tmp_path / "celery.log").open("w")
    procs = [
        subprocess.Popen(
            [
                CELERY,
                "-A",
                "config",
                "worker",
                "--concurrency=1",
                "--pool=solo",
                "--without-gossip",
                "--without-mingle",
                "--loglevel=INFO",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        ),
        subprocess.Popen(
            [
                CELERY,
                "-A",
                "config",
                "beat",
                "--loglevel=INFO",
                f"--schedule={tmp_path / 'beat-schedule'}",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        ),
    ]
    try:
        with celery_broker(redis_url):
            case = case_with_deadline_in(7)  # the confirmation takes the after-commit fast path
            other = case_with_deadline_in(5, email="other@example.com", language="en")
        # Bring every deadline reminder due now: beat's next sweep sends them.
        Reminder.objects.filter(kind__in=["r3", "r1", "r0"]).update(
            next_attempt_at=timezone.now(), due_at=timezone.now()
        )
        deadline = time.monotonic() + 45
        while time.monotonic() < deadline and len(smtp_server.messages) < 8:
            time.sleep(0.5)
        time.sleep(3)  # a few more sweeps: nothing may arrive twice
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
        log.close()
    output = (tmp_path / "celery.log").read_text()
    received = sorted((m["To"], m["Message-ID"]) for m in smtp_server.messages)
    assert len(received) == 8, output[-3000:]
    assert len(set(received)) == 8  # each reminder once
    assert {to for to, _ in received} == {case.email, other.email}
    assert set(Reminder.objects.values_list("status", flat=True)) == {ReminderStatus.SENT}
    subjects = [m["Subject"] for m in smtp_server.messages if m["To"] == other.email]
    assert sum("5 days left" in s for s in subjects) == 4  # confirmation, R-3, R-1, R-0
    assert "wizard.reminders.tasks.send_reminder" in output  # the fast path ran
    assert "wizard.reminders.tasks.send_due_reminders" in output  # and beat's sweep
    assert Reminder.objects.filter(kind=ReminderKind.CONFIRMATION).count() == 2
