"""Saving and deleting cases: the service layer under the wizard."""

from __future__ import annotations

import base64
from datetime import date
from decimal import Decimal

import pytest

from wizard.flow import answers_from_facts, facts_from_answers
from wizard.models import Case
from wizard.rules import Facts, ItemCondition, OrderStatus, Procedure, Reason
from wizard.selectors import case_decision
from wizard.services import case_create, case_delete

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pinned_clock")]

SIZE_RETURN = Facts(
    order_status=OrderStatus.RECEIVED,
    reason=Reason.SIZE_UNSUITABLE,
    received_on=date(2026, 11, 20),
    item_condition=ItemCondition.OPENED_INTACT,
    amount_paid=Decimal("199.00"),
    order_number="P1",
)


def test_saving_a_case_stores_the_outcome_as_decided_that_day() -> None:
    case = case_create(
        facts=SIZE_RETURN,
        answers=answers_from_facts(SIZE_RETURN),
        language="en",
        today=date(2026, 11, 24),
    )
    case.refresh_from_db()
    assert case.procedure == Procedure.RETURN_AND_REFUND
    assert case.deadline == date(2026, 11, 27)
    assert case.decided_on == date(2026, 11, 24)
    assert case.outcome["days_left"] == 3
    assert case.outcome["request"]["type_label"] == "Return and refund"
    assert case_decision(case=case).deadline == date(2026, 11, 27)


def test_a_case_token_carries_at_least_128_random_bits() -> None:
    tokens = {
        case_create(
            facts=SIZE_RETURN, answers=answers_from_facts(SIZE_RETURN), language="zh-hans"
        ).token
        for _ in range(20)
    }
    assert len(tokens) == 20
    for token in tokens:
        assert len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))) * 8 >= 128


def test_answers_round_trip_through_json() -> None:
    assert facts_from_answers(answers_from_facts(SIZE_RETURN)) == SIZE_RETURN


def test_deleting_a_case_removes_it() -> None:
    case = case_create(
        facts=SIZE_RETURN, answers=answers_from_facts(SIZE_RETURN), language="zh-hans"
    )
    case_delete(case=case)
    assert not Case.objects.filter(pk=case.pk).exists()


def test_the_case_string_never_shows_the_token() -> None:
    case = case_create(
        facts=SIZE_RETURN, answers=answers_from_facts(SIZE_RETURN), language="zh-hans"
    )
    assert case.token not in str(case)


def test_saving_the_same_wizard_run_twice_keeps_one_case() -> None:
    """A reload of the last step after a failed response must not make a second case."""
    first = case_create(
        facts=SIZE_RETURN,
        answers=answers_from_facts(SIZE_RETURN),
        language="zh-hans",
        email="buyer@example.com",
        flow_id="run-1",
    )
    again = case_create(
        facts=SIZE_RETURN,
        answers=answers_from_facts(SIZE_RETURN),
        language="zh-hans",
        email="buyer@example.com",
        flow_id="run-1",
    )
    assert again.pk == first.pk
    assert Case.objects.count() == 1
    assert first.reminders.filter(kind="confirmation").count() == 1
    other = case_create(facts=SIZE_RETURN, answers=answers_from_facts(SIZE_RETURN), language="en")
    assert other.pk != first.pk
