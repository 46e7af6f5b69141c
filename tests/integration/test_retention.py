"""Privacy: cases and their evidence go CASE_RETENTION_DAYS after the deadline."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from wizard import retention
from wizard.models import Case
from wizard.retention import cases_purge_expired
from wizard.rules import Procedure
from wizard.services import case_delete
from wizard.tasks import purge_expired_cases

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 24)
CHINA = ZoneInfo("Asia/Shanghai")


def make_case(*, deadline: date | None = None, created: date | None = None) -> Case:
    case = Case.objects.create(
        procedure=Procedure.RETURN_AND_REFUND.value,
        deadline=deadline,
        decided_on=created or TODAY,
    )
    if created:
        created_at = datetime(created.year, created.month, created.day, 12, tzinfo=CHINA)
        Case.objects.filter(pk=case.pk).update(created_at=created_at)
    return case


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


@pytest.fixture
def deleted(monkeypatch) -> list[int]:
    """Records every case that went through case_delete (the real one still runs)."""
    seen: list[int] = []

    def spy(*, case: Case) -> None:
        seen.append(case.pk)
        case_delete(case=case)

    monkeypatch.setattr(retention, "case_delete", spy)
    return seen


def test_the_retention_period_is_ninety_days_by_default():
    assert settings.CASE_RETENTION_DAYS == 90


def test_a_case_goes_ninety_one_days_after_its_deadline_and_not_before(deleted):
    gone = make_case(deadline=days_ago(91), created=days_ago(100))
    kept = make_case(deadline=days_ago(90), created=days_ago(100))
    assert cases_purge_expired(today=TODAY, retention_days=90) == 1
    assert deleted == [gone.pk]
    assert list(Case.objects.values_list("pk", flat=True)) == [kept.pk]


def test_a_recent_case_with_an_old_creation_date_is_kept_while_its_deadline_is_recent(deleted):
    kept = make_case(deadline=days_ago(10), created=days_ago(400))
    assert cases_purge_expired(today=TODAY, retention_days=90) == 0
    assert Case.objects.filter(pk=kept.pk).exists()


def test_a_case_without_a_deadline_goes_ninety_days_after_it_was_created(deleted):
    gone = make_case(created=days_ago(91))
    kept = make_case(created=days_ago(89))
    assert cases_purge_expired(today=TODAY, retention_days=90) == 1
    assert deleted == [gone.pk]
    assert Case.objects.filter(pk=kept.pk).exists()


def test_every_expired_case_goes_even_across_several_batches(deleted):
    expired = {make_case(deadline=days_ago(200 + n)).pk for n in range(5)}
    kept = make_case(deadline=TODAY)
    assert cases_purge_expired(today=TODAY, retention_days=90, batch_size=2) == 5
    assert set(deleted) == expired
    assert list(Case.objects.values_list("pk", flat=True)) == [kept.pk]


def test_one_case_that_cannot_be_deleted_does_not_keep_the_others(monkeypatch, caplog):
    stuck = make_case(deadline=days_ago(300))
    others = [make_case(deadline=days_ago(300)) for _ in range(3)]

    def flaky(*, case: Case) -> None:
        if case.pk == stuck.pk:
            raise OSError("disk full")
        case_delete(case=case)

    monkeypatch.setattr(retention, "case_delete", flaky)
    assert cases_purge_expired(today=TODAY, retention_days=90, batch_size=2) == 3
    assert list(Case.objects.values_list("pk", flat=True)) == [stuck.pk]
    assert not Case.objects.filter(pk__in=[c.pk for c in others]).exists()
    assert f"id={stuck.pk}" in caplog.text


def test_the_retention_setting_is_honoured(settings, deleted):
    settings.CASE_RETENTION_DAYS = 30
    gone = make_case(deadline=days_ago(31))
    assert cases_purge_expired(today=TODAY) == 1
    assert deleted == [gone.pk]


def test_the_daily_task_purges_through_the_service(deleted):
    import time_machine

    gone = make_case(deadline=date(2020, 1, 1), created=date(2019, 12, 1))
    with time_machine.travel(datetime(2026, 11, 24, 4, 17, tzinfo=CHINA)):
        assert purge_expired_cases.apply().get() == 1
    assert deleted == [gone.pk]


def test_beat_runs_the_purge_once_a_day():
    from celery.schedules import crontab

    entries = [
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == purge_expired_cases.name
    ]
    assert len(entries) == 1
    schedule = entries[0]["schedule"]
    assert isinstance(schedule, crontab)
    assert len(schedule.hour) == 1 and len(schedule.minute) == 1
    assert schedule.day_of_week == set(range(7))


def test_the_daily_task_deletes_expired_sessions_and_keeps_live_ones():
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    from wizard.tasks import clear_expired_sessions

    expired = SessionStore()
    expired["wizard_refund_x"] = {"step": "status"}
    expired.set_expiry(-1)
    expired.create()
    live = SessionStore()
    live["wizard_refund_y"] = {"step": "reason"}
    live.create()
    clear_expired_sessions.apply().get()
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]
    entries = [
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == clear_expired_sessions.name
    ]
    assert len(entries) == 1
