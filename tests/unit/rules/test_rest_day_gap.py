"""domain.md §3, Civil Code Art. 203: a window ending on a statutory rest day.

D stays the deadline (deadline, days_left and the reminders do not move); only
between D and the legal last day does the outcome say "file at once" instead of
"closed". Every date is pinned with an explicit today=.
"""

from __future__ import annotations

from datetime import date

from wizard.rules import (
    Language,
    Procedure,
    Reason,
    Urgency,
    WarningCode,
    WhyNot,
    assess,
    countdown,
)
from wizard.rules.engine import legal_last_day

from .factories import received

SIGNED_BEFORE_SUNDAY = received(received_on=date(2026, 11, 22))  # D = Sunday 2026-11-29
SUNDAY_D = date(2026, 11, 29)
NATIONAL_DAY_D = date(2026, 10, 3)  # inside the 2026 National Day holiday, Oct 1-7
MAKE_UP_SATURDAY_D = date(2026, 10, 10)  # a 调休 Saturday: a workday
SATURDAY_2027_D = date(2027, 1, 9)  # a year chinese_calendar has no data for


def test_a_window_ending_on_sunday_says_file_at_once_on_monday() -> None:
    d = assess(SIGNED_BEFORE_SUNDAY, today=date(2026, 11, 30))
    assert d.window_last_day == SUNDAY_D
    assert d.legal_last_day == date(2026, 11, 30)
    assert d.rest_day_gap
    assert d.procedure is Procedure.RETURN_AND_REFUND
    assert d.seven_day_eligible and d.why_not is None
    assert WarningCode.FILE_AT_ONCE in d.warnings
    assert WarningCode.FILE_BEFORE_DEADLINE not in d.warnings


def test_the_deadline_itself_stays_d_in_the_gap() -> None:
    on_d = assess(SIGNED_BEFORE_SUNDAY, today=SUNDAY_D)
    assert on_d.deadline == SUNDAY_D and on_d.days_left == 0
    assert not on_d.rest_day_gap and WarningCode.FILE_AT_ONCE not in on_d.warnings
    in_gap = assess(SIGNED_BEFORE_SUNDAY, today=date(2026, 11, 30))
    assert in_gap.deadline is None and in_gap.days_left is None


def test_a_window_ending_on_sunday_is_closed_on_tuesday() -> None:
    d = assess(SIGNED_BEFORE_SUNDAY, today=date(2026, 12, 1))
    assert not d.rest_day_gap
    assert d.procedure is Procedure.NEGOTIATE_WITH_SELLER
    assert d.why_not is WhyNot.WINDOW_EXPIRED
    assert WarningCode.FILE_AT_ONCE not in d.warnings


def test_a_window_ending_in_the_national_day_holiday_runs_to_the_first_workday() -> None:
    signed = received(received_on=date(2026, 9, 26))
    assert legal_last_day(NATIONAL_DAY_D) == date(2026, 10, 8)
    for today in (date(2026, 10, 4), date(2026, 10, 7), date(2026, 10, 8)):
        d = assess(signed, today=today)
        assert d.rest_day_gap and WarningCode.FILE_AT_ONCE in d.warnings, today
        assert d.procedure is Procedure.RETURN_AND_REFUND
    closed = assess(signed, today=date(2026, 10, 9))
    assert closed.procedure is Procedure.NEGOTIATE_WITH_SELLER
    assert closed.why_not is WhyNot.WINDOW_EXPIRED


def test_a_window_ending_on_a_make_up_saturday_workday_has_no_gap() -> None:
    assert legal_last_day(MAKE_UP_SATURDAY_D) == MAKE_UP_SATURDAY_D
    d = assess(received(received_on=date(2026, 10, 3)), today=date(2026, 10, 11))
    assert not d.rest_day_gap
    assert d.procedure is Procedure.NEGOTIATE_WITH_SELLER
    assert d.why_not is WhyNot.WINDOW_EXPIRED


def test_a_year_without_calendar_data_keeps_the_plain_rule() -> None:
    assert legal_last_day(SATURDAY_2027_D) == SATURDAY_2027_D
    d = assess(received(received_on=date(2027, 1, 2)), today=date(2027, 1, 10))
    assert not d.rest_day_gap
    assert d.legal_last_day == SATURDAY_2027_D
    assert d.procedure is Procedure.NEGOTIATE_WITH_SELLER
    assert d.why_not is WhyNot.WINDOW_EXPIRED


def test_a_seller_fault_claim_in_the_gap_is_still_a_direct_return() -> None:
    faulty = received(received_on=date(2026, 11, 22), reason=Reason.QUALITY_ISSUE)
    d = assess(faulty, today=date(2026, 11, 30))
    assert d.procedure is Procedure.RETURN_AND_REFUND
    assert WarningCode.FILE_AT_ONCE in d.warnings
    assert WarningCode.LATE_SELLER_FAULT not in d.warnings


def test_the_gap_warning_names_both_days_in_both_languages() -> None:
    d = assess(SIGNED_BEFORE_SUNDAY, today=date(2026, 11, 30))
    zh = {w["code"]: w["text"] for w in d.to_dict(Language.ZH_HANS)["warnings"]}
    en = {w["code"]: w["text"] for w in d.to_dict(Language.EN)["warnings"]}
    assert "马上提交" in zh["file_at_once"] and "第二百零三条" in zh["file_at_once"]
    assert "11月29日" in zh["file_at_once"] and "11月30日" in zh["file_at_once"]
    assert en["file_at_once"].startswith("File at once")
    assert "29" in en["file_at_once"] and "30" in en["file_at_once"]
    for texts in (zh, en):
        assert "closed" not in texts["file_at_once"]


def test_the_countdown_in_the_gap_is_urgent_not_passed() -> None:
    left = countdown(SUNDAY_D, today=date(2026, 11, 30))
    assert left is not None
    assert left.days_left == -1
    assert left.file_at_once and left.file_at_once_until == date(2026, 11, 30)
    assert left.urgency is Urgency.URGENT and not left.passed
    after = countdown(SUNDAY_D, today=date(2026, 12, 1))
    assert after is not None and after.passed and not after.file_at_once
