"""Sweep cost follows the due reminders, not the table size.

Creates a scratch PostgreSQL database (createdb), runs the sweep once over
10,000 cases all due (baseline) and once over 1,000,000 cases of which 10,000
reminders are due, prints both times and the ratio (goal: <= 1.5), drops the
database. E-mails go to Django's locmem backend.

    .venv/bin/python bench/reminders_sweep.py [--big 1000000] [--due 10000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--big", type=int, default=1_000_000)
    parser.add_argument("--due", type=int, default=10_000)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--user", default=os.environ.get("PGUSER", "root"))
    args = parser.parse_args()
    dbname = f"bench_reminders_{os.getpid()}"
    subprocess.run(["createdb", "-h", args.host, "-U", args.user, dbname], check=True)
    try:
        os.environ["DATABASE_URL"] = f"postgres://{args.user}@{args.host}:5432/{dbname}"
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
        import django

        django.setup()
        from django.conf import settings

        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        settings.REMINDERS_SWEEP_BUDGET_SECONDS = 3600
        from django.core import mail
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        baseline = run(total=args.due, due=args.due)
        mail.outbox.clear()
        big = run(total=args.big, due=args.due)
        print(f"baseline: {args.due:>9,} cases, {args.due:,} due: {baseline:.2f} s")
        print(f"big:      {args.big:>9,} cases, {args.due:,} due: {big:.2f} s")
        print(f"ratio big/baseline: {big / baseline:.2f} (goal <= 1.5)")
    finally:
        from django.db import connections

        connections.close_all()
        subprocess.run(["dropdb", "-h", args.host, "-U", args.user, dbname], check=True)


def run(*, total: int, due: int) -> float:
    """Load `total` cases (one reminder each; `due` of them due now), sweep, time it."""

    from django.db import connection
    from django.utils import timezone

    from wizard.flow import answers_from_facts
    from wizard.reminders.models import Reminder
    from wizard.reminders.services import reminders_send_due
    from wizard.rules import Facts, ItemCondition, OrderStatus, Reason, assess

    today = timezone.localdate()
    facts = Facts(
        order_status=OrderStatus.RECEIVED,
        reason=Reason.CHANGED_MIND,
        received_on=today,
        item_condition=ItemCondition.OPENED_INTACT,
    )
    decision = assess(facts, today=today)
    answers = json.dumps(answers_from_facts(facts))
    outcome = "{}"  # not read by the sweep; a real one would only make loading slow
    with connection.cursor() as cur:
        cur.execute("TRUNCATE reminders_reminder, wizard_case RESTART IDENTITY CASCADE")
        cur.execute(
            """
            INSERT INTO wizard_case (token, language, answers, outcome, procedure, deadline,
                decided_on, email, created_at, updated_at)
            SELECT 'tok' || g, 'zh-hans', %s::jsonb, %s::jsonb, %s, %s::date, %s::date,
                   'buyer' || g || '@example.com', now(), now()
            FROM generate_series(1, %s) AS g
            """,
            [answers, outcome, decision.procedure.value, decision.deadline, today, total],
        )
        # Due: the first `due` cases. The rest: a mix of sent long ago and pending later.
        cur.execute(
            """
            INSERT INTO reminders_reminder (case_id, kind, status, due_at, next_attempt_at,
                attempts, last_error, created_at, updated_at, sent_at)
            SELECT c.id, 'r3',
                   CASE WHEN c.id <= %(due)s THEN 'pending'
                        WHEN c.id %% 2 = 0 THEN 'sent' ELSE 'pending' END,
                   ts, ts, 0, '', now(), now(),
                   CASE WHEN c.id > %(due)s AND c.id %% 2 = 0 THEN ts END
            FROM wizard_case c,
                 LATERAL (SELECT CASE WHEN c.id <= %(due)s THEN now() - interval '1 minute'
                                      WHEN c.id %% 2 = 0 THEN now() - interval '30 days'
                                      ELSE now() + interval '2 days' END AS ts) t
            """,
            {"due": due},
        )
        cur.execute("ANALYZE reminders_reminder")
        cur.execute("ANALYZE wizard_case")
    assert (
        Reminder.objects.filter(status="pending", next_attempt_at__lte=timezone.now()).count()
        == due
    )
    started = time.perf_counter()
    sent = reminders_send_due(now=timezone.now())
    elapsed = time.perf_counter() - started
    assert sent == due, (sent, due)
    return elapsed


if __name__ == "__main__":
    main()
