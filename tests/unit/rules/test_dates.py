"""The 7-day window: D = signing day + 7, D itself inside, closed the day after."""

from __future__ import annotations

from datetime import date

import pytest

from wizard.rules import (
    OrderStatus,
    Reason,
    WhyNot,
    assess,
)

from .factories import facts, received


def test_signed_today_leaves_seven_days() -> None:
    decision = assess(received(received_on=date(2026, 11, 20)), today=date(2026, 11, 20))
    assert decision.deadline == date(2026, 11, 27)
    assert decision.days_left == 7
    assert decision.seven_day_eligible


def test_last_day_is_still_inside_the_window() -> None:
    decision = assess(received(received_on=date(2026, 11, 20)), today=date(2026, 11, 27))
    assert decision.deadline == date(2026, 11, 27)
    assert decision.days_left == 0
    assert decision.seven_day_eligible
    assert decision.to_dict()["deadline"] == "2026-11-27"


def test_day_after_the_deadline_closes_the_window() -> None:
    decision = assess(received(received_on=date(2026, 11, 20)), today=date(2026, 11, 28))
    assert decision.deadline is None
    assert decision.days_left is None
    assert not decision.seven_day_eligible
    assert decision.why_not is WhyNot.WINDOW_EXPIRED
    body = decision.to_dict()
    assert body["deadline"] is None
    assert body["days_left"] is None


@pytest.mark.parametrize(
    ("signed", "deadline"),
    [
        pytest.param(date(2026, 1, 28), date(2026, 2, 4), id="month_end_jan_28_to_feb_4"),
        pytest.param(date(2026, 4, 30), date(2026, 5, 7), id="thirty_day_month_end"),
        pytest.param(date(2026, 12, 28), date(2027, 1, 4), id="year_end_dec_28_to_jan_4"),
        pytest.param(date(2028, 2, 25), date(2028, 3, 3), id="leap_year_counts_feb_29"),
        pytest.param(date(2028, 2, 29), date(2028, 3, 7), id="signed_on_leap_day"),
        pytest.param(date(2027, 2, 25), date(2027, 3, 4), id="common_year_february"),
    ],
)
def test_deadline_crosses_calendar_boundaries(signed: date, deadline: date) -> None:
    decision = assess(received(received_on=signed), today=signed)
    assert decision.deadline == deadline
    assert decision.days_left == 7
    on_last_day = assess(received(received_on=signed), today=deadline)
    assert on_last_day.days_left == 0


def test_days_left_counts_down_to_zero() -> None:
    signed = date(2026, 11, 20)
    left = [
        assess(received(received_on=signed), today=date(2026, 11, day)).days_left
        for day in range(20, 28)
    ]
    assert left == [7, 6, 5, 4, 3, 2, 1, 0]


def test_seller_fault_claim_shares_the_same_deadline() -> None:
    decision = assess(
        received(reason=Reason.QUALITY_ISSUE, received_on=date(2026, 11, 20)),
        today=date(2026, 11, 21),
    )
    assert decision.deadline == date(2026, 11, 27)
    assert decision.days_left == 6


@pytest.mark.parametrize(
    "status", [OrderStatus.NOT_SHIPPED, OrderStatus.IN_TRANSIT, OrderStatus.OUT_FOR_DELIVERY]
)
def test_no_window_runs_before_receipt(status: OrderStatus) -> None:
    decision = assess(
        facts(order_status=status, received_on=date(2026, 11, 20)), today=date(2026, 11, 21)
    )
    assert decision.deadline is None
    assert decision.days_left is None
    assert decision.why_not is WhyNot.NOT_RECEIVED_YET


def test_received_without_a_date_is_rejected() -> None:
    with pytest.raises(ValueError, match="received_on"):
        assess(received(received_on=None), today=date(2026, 11, 24))


def test_signing_date_in_the_future_is_rejected() -> None:
    with pytest.raises(ValueError, match="received_on"):
        assess(received(received_on=date(2026, 11, 25)), today=date(2026, 11, 24))
