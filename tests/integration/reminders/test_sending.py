"""Sending due reminders: once each, retried on SMTP failure, the command's contract."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command

from wizard.reminders.models import Reminder, ReminderKind, ReminderStatus
from wizard.reminders.services import _claim, reminders_record_submitted, reminders_send_due

from .factories import case_with_deadline_in, china

pytestmark = pytest.mark.django_db

SAVED_AT = china(2026, 11, 20, 12)  # deadline 2026-11-27: R-3 on the 24th, R-1 26th, R-0 27th


@pytest.fixture
def case():
    with time_machine.travel(SAVED_AT, tick=False):
        return case_with_deadline_in(7)


def _command(now: str) -> str:
    out = StringIO()
    call_command("send_due_reminders", "--now", now, stdout=out)
    return out.getvalue()


def test_the_command_sends_what_is_due_and_prints_one_line(case):
    assert _command("2026-11-24T09:00:00+08:00") == "sent 2 reminders\n"  # confirmation + R-3
    subjects = [m.subject for m in mail.outbox]
    assert "还剩 3 天" in subjects[1]
    assert Reminder.objects.get(case=case, kind=ReminderKind.R3).status == ReminderStatus.SENT


def test_the_command_twice_with_the_same_now_sends_nothing_the_second_time(case):
    assert _command("2026-11-26T09:00:00+08:00") == "sent 3 reminders\n"
    assert _command("2026-11-26T09:00:00+08:00") == "sent 0 reminders\n"
    assert len(mail.outbox) == 3


def test_a_naive_now_is_china_time(case):
    assert _command("2026-11-24T08:59") == "sent 1 reminders\n"  # only the confirmation
    assert _command("2026-11-24T09:00") == "sent 1 reminders\n"


def test_an_invalid_now_is_a_clear_command_error(case):
    with pytest.raises(CommandError, match="Invalid --now 'tomorrow'.*ISO 8601"):
        call_command("send_due_reminders", "--now", "tomorrow", stdout=StringIO())
    assert not mail.outbox
    assert not Reminder.objects.filter(status=ReminderStatus.SENT).exists()


def test_the_last_day_email_says_so_and_the_english_one_counts_days(case):
    with time_machine.travel(SAVED_AT, tick=False):
        english = case_with_deadline_in(7, language="en", email="en@example.com")
    reminders_send_due(now=china(2026, 11, 26, 9))
    by_kind = {(m.to[0], i): m.subject for i, m in enumerate(mail.outbox)}
    assert any("1 day left" in s for (to, _), s in by_kind.items() if to == "en@example.com")
    mail.outbox.clear()
    reminders_send_due(now=china(2026, 11, 27, 9))
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "今天是最后一天" in subjects["buyer@example.com"]
    assert "Today is the last day" in subjects[english.email]


def test_a_reminder_email_has_html_text_links_and_headers(case, settings):
    reminders_send_due(now=china(2026, 11, 24, 9))
    message = next(m for m in mail.outbox if "还剩 3 天" in m.subject)
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.reply_to == settings.REMINDER_REPLY_TO
    case_url = settings.SITE_URL + case.get_absolute_url()
    assert case_url in message.body
    assert "2026年11月27日" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and case_url in html
    assert "联系商家" in message.body or "售后" in message.body  # the engine's steps, in Chinese
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith(f"<{settings.SITE_URL}/r/") and unsubscribe.endswith(
        "/unsubscribe/>"
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_confirmation_carries_an_ics_of_the_deadline(case):
    reminders_send_due(now=SAVED_AT)
    (message,) = mail.outbox
    calendar = next(
        part for part in message.message().walk() if part.get_content_type() == "text/calendar"
    )
    text = calendar.get_payload(decode=True).decode()
    assert "DTSTART;VALUE=DATE:20261127\r\n" in text
    assert "BEGIN:VALARM\r\n" in text
    assert calendar.get_filename() == "deadline.ics"


def test_submitting_the_request_cancels_the_rest_but_keeps_the_rows(case):
    reminders_send_due(now=china(2026, 11, 24, 9))
    reminders_record_submitted(case=case)
    assert reminders_send_due(now=china(2026, 11, 28)) == 0
    statuses = dict(Reminder.objects.filter(case=case).values_list("kind", "status"))
    assert statuses[ReminderKind.R3] == ReminderStatus.SENT
    assert statuses[ReminderKind.R1] == statuses[ReminderKind.R0] == ReminderStatus.CANCELLED


def test_a_claim_whose_worker_died_is_sent_after_its_lease_expires(case, settings):
    now = china(2026, 11, 24, 9)
    claimed = _claim(now=now, limit=10, ids=None)  # a worker claims, then dies
    assert {r.kind for r in claimed} == {ReminderKind.CONFIRMATION, ReminderKind.R3}
    assert reminders_send_due(now=now + timedelta(minutes=1)) == 0  # lease still held
    later = now + timedelta(seconds=settings.REMINDERS_LEASE_SECONDS + 1)
    assert reminders_send_due(now=later) == 2
    assert reminders_send_due(now=later) == 0  # and never twice
    assert len(mail.outbox) == 2


def test_a_deadline_reminder_not_sent_before_the_deadline_passed_is_cancelled(case):
    assert reminders_send_due(now=china(2026, 11, 28, 9)) == 1  # only the confirmation
    statuses = set(
        Reminder.objects.filter(case=case, kind__in=["r3", "r1", "r0"]).values_list(
            "status", flat=True
        )
    )
    assert statuses == {ReminderStatus.CANCELLED}


def test_smtp_down_then_up_every_reminder_arrives_exactly_once(case, smtp_settings, smtp_server):
    now = china(2026, 11, 24, 9)
    assert reminders_send_due(now=now) == 0  # nobody listening
    rows = Reminder.objects.filter(case=case, kind__in=["confirmation", "r3"])
    assert {(r.status, r.attempts) for r in rows} == {(ReminderStatus.PENDING, 1)}
    assert all(r.next_attempt_at > now and r.last_error for r in rows)
    assert reminders_send_due(now=now) == 0  # backoff: not yet
    smtp_server.start()
    assert reminders_send_due(now=now + timedelta(hours=1)) == 2
    assert reminders_send_due(now=now + timedelta(hours=2)) == 0
    subjects = sorted(m["Subject"] for m in smtp_server.messages)
    assert len(subjects) == 2 and any("还剩 3 天" in s for s in subjects)
    assert all(
        m["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click" for m in smtp_server.messages
    )


def test_a_reminder_failing_every_time_ends_failed_after_the_last_attempt(case, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    settings.REMINDERS_MAX_ATTEMPTS = 3
    now = SAVED_AT
    for _ in range(5):
        reminders_send_due(now=now)
        now += timedelta(days=1)
    confirmation = Reminder.objects.get(case=case, kind=ReminderKind.CONFIRMATION)
    assert confirmation.status == ReminderStatus.FAILED
    assert confirmation.attempts == 3
