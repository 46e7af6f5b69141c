"""Every figure a page, an e-mail or a text shows is decided by the engine."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from wizard.rules import (
    ItemCondition,
    Language,
    OrderStatus,
    PackageCondition,
    Procedure,
    Reason,
    SellerResponse,
    StepCode,
    Urgency,
    assess,
    countdown,
)

from .factories import TODAY, facts, received

DEADLINE = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("today", "days_left", "urgency"),
    [
        (date(2026, 11, 20), 7, Urgency.OPEN),
        (date(2026, 11, 24), 3, Urgency.OPEN),
        (date(2026, 11, 25), 2, Urgency.URGENT),
        (date(2026, 11, 26), 1, Urgency.URGENT),
        (date(2026, 11, 27), 0, Urgency.URGENT),
        (date(2026, 11, 28), -1, Urgency.PASSED),
    ],
)
def test_a_deadline_is_counted_down_on_the_day_it_is_seen(today, days_left, urgency):
    left = countdown(DEADLINE, today=today)
    assert left is not None
    assert (left.deadline, left.today, left.days_left, left.urgency) == (
        DEADLINE,
        today,
        days_left,
        urgency,
    )
    assert left.passed is (urgency is Urgency.PASSED)


def test_no_deadline_has_no_countdown():
    assert countdown(None, today=TODAY) is None


def test_the_countdown_on_the_decision_day_matches_the_decision():
    decision = assess(received(), today=TODAY)
    left = countdown(decision.deadline, today=TODAY)
    assert left is not None and left.days_left == decision.days_left


@pytest.mark.parametrize(
    ("paid", "compensation"),
    [("100.00", "500"), ("166.66", "500"), ("166.67", "500.01"), ("300.00", "900.00")],
)
def test_art55_compensation_is_three_times_the_price_at_least_500_yuan(paid, compensation):
    decision = assess(received(reason=Reason.COUNTERFEIT, amount_paid=Decimal(paid)), today=TODAY)
    assert StepCode.CLAIM_COMPENSATION in decision.steps
    assert decision.compensation == Decimal(compensation)


def test_the_compensation_clause_shows_the_engines_amount():
    decision = assess(
        received(reason=Reason.COUNTERFEIT, amount_paid=Decimal("300.00")), today=TODAY
    )
    step = next(
        s for s in decision.to_dict(Language.EN)["steps"] if s["code"] == "claim_compensation"
    )
    assert "CNY 900.00" in step["detail"]


@pytest.mark.parametrize(
    "case",
    [
        received(reason=Reason.COUNTERFEIT),  # no price given
        received(reason=Reason.QUALITY_ISSUE, amount_paid=Decimal("300.00")),
        facts(reason=Reason.COUNTERFEIT, amount_paid=Decimal("300.00")),  # not received yet
    ],
)
def test_no_compensation_without_a_claim_and_a_price(case):
    assert assess(case, today=TODAY).compensation is None


@pytest.mark.parametrize(
    ("case", "amount"),
    [
        (received(amount_paid=Decimal("199.00")), Decimal("199.00")),
        (received(amount_paid=None), None),
        (received(reason=Reason.MISSING_ITEM, amount_paid=Decimal("199.00")), None),
        (
            # a defect found after the window: exchange or repair, no money back
            received(
                reason=Reason.QUALITY_ISSUE,
                received_on=TODAY - timedelta(days=20),
                amount_paid=Decimal("199.00"),
            ),
            None,
        ),
    ],
)
def test_the_request_amount_is_left_blank_where_no_money_is_asked_back(case, amount):
    decision = assess(case, today=TODAY)
    assert decision.request_amount == amount
    shown = decision.to_dict()["request"]["amount"]
    assert shown == (f"{amount:.2f}" if amount is not None else None)


@pytest.mark.parametrize(
    ("case", "applies"),
    [
        (received(), True),
        (received(item_condition=ItemCondition.USED), False),  # goodwill only
        (received(item_condition=ItemCondition.USED, seller_response=SellerResponse.AGREED), False),
        (facts(order_status=OrderStatus.IN_TRANSIT, reason=Reason.QUALITY_ISSUE), True),
        (
            facts(
                order_status=OrderStatus.OUT_FOR_DELIVERY,
                package_condition=PackageCondition.WET,
                reason=Reason.CHANGED_MIND,
            ),
            True,
        ),
    ],
)
def test_an_appeal_applies_only_to_a_claim(case, applies):
    decision = assess(case, today=TODAY)
    assert decision.appeal_applies is applies
    assert (decision.base_procedure is not Procedure.NEGOTIATE_WITH_SELLER) is applies
    assert (decision.to_dict()["messages"]["appeal"] is not None) is applies


def test_the_window_keeps_its_last_day_after_it_closed():
    signed = date(2026, 11, 1)
    decision = assess(received(received_on=signed), today=TODAY)
    assert decision.deadline is None
    assert decision.window_last_day == date(2026, 11, 8)
    goodwill = decision.to_dict(Language.EN)["steps"][0]
    assert goodwill["code"] == StepCode.ASK_SELLER_GOODWILL
    assert "(the last day was 8 November 2026)" in goodwill["detail"]


def test_no_window_before_the_parcel_is_signed_for():
    assert assess(facts(), today=TODAY).window_last_day is None
