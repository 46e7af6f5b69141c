"""Which reminder rows a saved case gets, at China-time day boundaries."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from wizard.flow import answers_from_facts
from wizard.reminders.models import Reminder, ReminderKind, ReminderStatus
from wizard.rules import OrderStatus, Reason
from wizard.services import case_create

from .factories import CHINA, case_with_deadline_in, china, received_facts

pytestmark = pytest.mark.django_db


def _schedule(case) -> dict[str, object]:
    return {
        r.kind: r.due_at.astimezone(CHINA)
        for r in Reminder.objects.filter(case=case).order_by("due_at")
    }


def test_a_case_signed_at_2330_china_time_counts_from_the_china_date():
    # 23:30 in Shanghai is 15:30 UTC the same day; the deadline is 3 days ahead.
    with time_machine.travel(china(2026, 11, 24, 23, 30), tick=False):
        case = case_with_deadline_in(3)
        schedule = _schedule(case)
    assert case.deadline.isoformat() == "2026-11-27"
    assert ReminderKind.R3 not in schedule  # 09:00 on the 24th has passed
    assert schedule[ReminderKind.R1] == china(2026, 11, 26, 9)
    assert schedule[ReminderKind.R0] == china(2026, 11, 27, 9)
    assert ReminderKind.CONFIRMATION in schedule


def test_a_case_signed_at_0030_china_time_is_on_the_new_day_not_the_utc_day():
    # 00:30 on the 25th in Shanghai is still the 24th in UTC.
    with time_machine.travel(china(2026, 11, 25, 0, 30), tick=False):
        case = case_with_deadline_in(4)
        schedule = _schedule(case)
    assert case.deadline.isoformat() == "2026-11-29"
    assert schedule[ReminderKind.R3] == china(2026, 11, 26, 9)
    assert schedule[ReminderKind.R1] == china(2026, 11, 28, 9)
    assert schedule[ReminderKind.R0] == china(2026, 11, 29, 9)
    assert schedule[ReminderKind.CONFIRMATION] == china(2026, 11, 25, 0, 30)


def test_a_case_saved_after_r3_time_skips_r3():
    with time_machine.travel(china(2026, 11, 24, 9, 1), tick=False):
        case = case_with_deadline_in(3)
    kinds = set(Reminder.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds == {ReminderKind.CONFIRMATION, ReminderKind.R1, ReminderKind.R0}


def test_a_case_saved_before_nine_on_the_last_day_gets_only_r0():
    with time_machine.travel(china(2026, 11, 27, 8, 59), tick=False):
        case = case_with_deadline_in(0)
    kinds = set(Reminder.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds == {ReminderKind.CONFIRMATION, ReminderKind.R0}


def test_a_case_saved_after_nine_on_the_last_day_gets_no_reminder_only_the_confirmation():
    with time_machine.travel(china(2026, 11, 27, 9, 0), tick=False):
        case = case_with_deadline_in(0)
    kinds = set(Reminder.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds == {ReminderKind.CONFIRMATION}


def test_a_case_without_email_gets_no_rows():
    with time_machine.travel(china(2026, 11, 24, 8), tick=False):
        case = case_with_deadline_in(3, email="")
    assert not Reminder.objects.filter(case=case).exists()


def test_a_case_without_deadline_gets_no_rows():
    facts = received_facts(
        received_on=china(2026, 11, 24).date(),
        order_status=OrderStatus.NOT_SHIPPED,
        reason=Reason.CHANGED_MIND,
        item_condition=None,
    )
    with time_machine.travel(china(2026, 11, 24, 8), tick=False):
        case = case_create(
            facts=facts, answers=answers_from_facts(facts), language="en", email="a@example.com"
        )
    if case.deadline is not None:  # pragma: no cover - engine changed its mind
        pytest.fail(f"expected a case without deadline, got {case.deadline}")
    assert not Reminder.objects.filter(case=case).exists()


def test_rows_are_stored_pending_and_aware_in_utc():
    with time_machine.travel(china(2026, 11, 20, 12), tick=False):
        case = case_with_deadline_in(7)
    r0 = Reminder.objects.get(case=case, kind=ReminderKind.R0)
    assert r0.status == ReminderStatus.PENDING
    assert r0.due_at == r0.next_attempt_at
    assert r0.due_at.utcoffset() == timedelta(0)
    assert r0.due_at.hour == 1  # 09:00 in Shanghai is 01:00 UTC
