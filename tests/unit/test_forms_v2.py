"""The wizard's version 2 questions: the part claimed and the problem in the buyer's words."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import translation

from wizard import flow
from wizard.forms import DetailsForm, PromisedForm


def test_the_part_claimed_may_not_exceed_what_was_paid_and_the_entry_is_kept():
    with translation.override("zh-hans"):
        form = DetailsForm({"amount_paid": "50", "amount_claimed": "60"})
        assert not form.is_valid()
        assert form.errors["amount_claimed"] == ["申请的金额不能超过实付金额"]
        assert form["amount_claimed"].value() == "60"  # what was typed is kept


def test_the_problem_text_is_at_most_200_characters():
    assert not DetailsForm({"problem_description": "坏" * 201}).is_valid()
    assert DetailsForm({"problem_description": "坏" * 200}).is_valid()


def test_a_promised_window_outside_8_to_365_days_is_explained():
    with translation.override("zh-hans"):
        form = PromisedForm({"promised_return_days": "7"})
        assert not form.is_valid()
        assert "8天" in form.errors["promised_return_days"][0]


def test_the_part_claimed_and_the_problem_reach_the_facts_and_the_request():
    data = {
        "order_status": "received",
        "reason": "missing_item",
        "received_on": date(2026, 11, 20),
        "item_condition": "opened_intact",
        "amount_paid": Decimal("300"),
        "amount_claimed": Decimal("45"),
        "problem_description": "少了一只杯盖",
    }
    facts = flow.facts_from_steps(data)
    assert facts is not None
    assert facts.amount_claimed == Decimal("45") and facts.problem_description == "少了一只杯盖"
    decision = flow.decision_for_steps(data, today=date(2026, 11, 24))
    assert decision is not None and decision.request_amount == Decimal("45")
    assert flow.facts_from_answers(flow.answers_from_steps(data)) == facts
