"""The seam between Django and the engine: steps that apply, Facts, the language."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from wizard import flow
from wizard.flow import Step
from wizard.rules import (
    EvidenceCode,
    Facts,
    ItemCategory,
    ItemCondition,
    Language,
    OrderStatus,
    PackageCondition,
    Reason,
    SellerResponse,
)
from wizard.views import FORMS

SIGNED = {
    "order_status": "received",
    "reason": "quality_issue",
    "package_condition": "intact",
    "received_on": date(2026, 11, 20),
    "item_condition": "opened_intact",
    "item_category": "standard",
    "shipping_insurance": "yes",
    "seller_response": "refused",
    "amount_paid": Decimal("199.00"),
    "order_number": " P1 ",
    "merchant_name": "",
    "product_name": "Coat",
}


@pytest.mark.parametrize(
    ("code", "language"),
    [
        ("en", Language.EN),
        ("en-us", Language.EN),
        ("EN-GB", Language.EN),
        ("zh-hans", Language.ZH_HANS),
        ("zh-cn", Language.ZH_HANS),
        ("", Language.ZH_HANS),
        (None, Language.ZH_HANS),
    ],
)
def test_a_language_code_maps_to_the_engines_language(code, language):
    assert Language.from_code(code) is language


def test_the_ui_language_is_the_language_the_request_is_served_in():
    with translation.override("en"):
        assert flow.ui_language() is Language.EN
    with translation.override("zh-hans"):
        assert flow.ui_language() is Language.ZH_HANS


def test_the_wizard_asks_the_steps_of_the_flow_in_order():
    assert [step for step, _form in FORMS] == list(Step)


@pytest.mark.parametrize(
    ("status", "asked"),
    [
        # Not answered yet: nothing is ruled out but what needs a known status.
        (None, {Step.PACKAGE: False, Step.RECEIVED: False, Step.CATEGORY: True}),
        (
            OrderStatus.NOT_SHIPPED,
            {Step.PACKAGE: False, Step.RECEIVED: False, Step.CATEGORY: False},
        ),
        (
            OrderStatus.IN_TRANSIT,
            {Step.PACKAGE: False, Step.RECEIVED: False, Step.CATEGORY: True},
        ),
        (
            OrderStatus.OUT_FOR_DELIVERY,
            {Step.PACKAGE: True, Step.RECEIVED: False, Step.CATEGORY: True},
        ),
        (OrderStatus.RECEIVED, {Step.PACKAGE: True, Step.RECEIVED: True, Step.CATEGORY: True}),
        (flow.MARKED_SIGNED, {Step.PACKAGE: False, Step.RECEIVED: True, Step.CATEGORY: True}),
    ],
)
def test_which_steps_apply_depends_on_the_order_status(status, asked):
    for step, applies in asked.items():
        assert flow.step_applies(step, status) is applies
    # A parcel marked signed but never received is the seller's risk: no 运费险 question.
    insurance = asked[Step.CATEGORY] and status != flow.MARKED_SIGNED
    assert flow.step_applies(Step.INSURANCE, status) is insurance
    assert flow.step_applies(Step.REASON, status) is (status != flow.MARKED_SIGNED)
    received = status in (OrderStatus.RECEIVED, flow.MARKED_SIGNED)
    assert flow.step_applies(Step.CONDITION, status) is (status is OrderStatus.RECEIVED)
    assert flow.step_applies(Step.PROMISED, status) is (status is OrderStatus.RECEIVED)
    assert flow.step_applies(Step.RECEIVED, status) is received


@pytest.mark.parametrize(
    ("status", "reason", "category", "insurance"),
    [
        # A seller's fault before receipt: the refusal is at the seller's cost
        # whatever the goods, so neither the kind of goods nor 运费险 is asked.
        ("in_transit", "counterfeit", False, False),
        ("out_for_delivery", "wrong_item", False, False),
        ("in_transit", "late_shipment", False, False),
        ("in_transit", "changed_mind", True, True),
        # Once received the kind of goods matters (fresh food), 运费险 only to the buyer.
        ("received", "quality_issue", True, False),
        ("received", "late_shipment", True, True),
        ("received", "size_unsuitable", True, True),
    ],
)
def test_the_kind_of_goods_and_insurance_are_asked_only_where_they_can_matter(
    status, reason, category, insurance
):
    known = {"package_condition": "intact", "reason": reason}
    assert flow.step_applies(Step.CATEGORY, status, **known) is category
    assert flow.step_applies(Step.INSURANCE, status, **known) is insurance


class _FakeWizard:
    def __init__(self, status: str | None, package: str | None = None, reason=None) -> None:
        self.answers = {
            Step.STATUS: {"order_status": status} if status else None,
            Step.PACKAGE: {"package_condition": package} if package else None,
            Step.REASON: {"reason": reason} if reason else None,
        }

    def get_cleaned_data_for_step(self, step: str):
        return self.answers.get(Step(step))


def test_the_wizards_conditions_are_the_flows_rules():
    for status in [None, *flow.STATUS_ANSWERS]:
        for package in [None, *PackageCondition]:
            for reason in [None, *Reason]:
                wizard = _FakeWizard(status, package, reason)
                route = flow.route_of_wizard(wizard.get_cleaned_data_for_step)
                for step, condition in flow.CONDITIONS.items():
                    assert condition(wizard) is (Step(step) in flow.asked_steps(route))


@pytest.mark.parametrize("package", ["damaged", "wet", "tampered"])
def test_the_reason_is_not_asked_when_the_door_override_decides_it(package):
    assert not flow.step_applies(
        Step.REASON, OrderStatus.OUT_FOR_DELIVERY, package_condition=package
    )
    assert flow.step_applies(Step.REASON, OrderStatus.OUT_FOR_DELIVERY, package_condition="intact")
    assert flow.step_applies(Step.REASON, OrderStatus.RECEIVED, package_condition=package)
    facts = flow.facts_from_steps(
        {"order_status": "out_for_delivery", "package_condition": package}
    )
    assert facts is not None and facts.reason is Reason.PACKAGE_DAMAGED


@pytest.mark.parametrize(
    ("status", "offered"),
    [
        (OrderStatus.NOT_SHIPPED, False),
        (OrderStatus.IN_TRANSIT, True),
        (OrderStatus.OUT_FOR_DELIVERY, False),
        # Signed and in hand: 未收到货 would contradict it (the MARKED_SIGNED answer).
        (OrderStatus.RECEIVED, False),
    ],
)
def test_not_received_is_offered_only_in_transit(status, offered):
    assert (Reason.NOT_RECEIVED in flow.reasons_for(status)) is offered
    assert Reason.LATE_SHIPMENT in flow.reasons_for(status)
    from wizard.forms import ReasonForm

    choices = {value for value, _label in ReasonForm(order_status=status).fields["reason"].choices}
    assert ("not_received" in choices) is offered
    stale = ReasonForm({"reason": "not_received"}, order_status=status)
    assert stale.is_valid() is offered


def test_a_lost_parcel_is_decidable_without_an_item_condition():
    facts = flow.facts_from_steps(
        {"order_status": flow.MARKED_SIGNED, "received_on": date(2026, 11, 20)}
    )
    assert facts is not None and facts.item_condition is None
    assert facts.order_status is OrderStatus.RECEIVED and facts.reason is Reason.NOT_RECEIVED
    from wizard.forms import ReceivedForm

    with translation.override("en"):
        assert "tracking" in str(ReceivedForm(reason="not_received").title)
    steps = flow.asked_steps(flow.Route.of(flow.MARKED_SIGNED))
    assert Step.REASON not in steps and Step.PACKAGE not in steps
    assert Step.CONDITION not in steps and Step.PROMISED not in steps


def test_marked_signed_is_how_a_saved_lost_parcel_maps_back_to_the_steps():
    answers = {"order_status": "received", "reason": "not_received", "received_on": "2026-11-20"}
    assert flow.step_answers(answers) == {
        Step.STATUS: {"order_status": flow.MARKED_SIGNED},
        Step.RECEIVED: {"received_on": "2026-11-20"},
    }


def test_a_stale_not_received_answer_is_not_decided_at_the_door():
    assert (
        flow.facts_from_steps(
            {
                "order_status": "out_for_delivery",
                "package_condition": "intact",
                "reason": "not_received",
            }
        )
        is None
    )


def test_a_promised_window_reaches_the_facts_and_the_saved_answers():
    data = {
        "order_status": "received",
        "reason": "changed_mind",
        "received_on": date(2026, 11, 20),
        "item_condition": "opened_intact",
        "promised_return_days": 15,
    }
    facts = flow.facts_from_steps(data)
    assert facts is not None and facts.promised_return_days == 15
    answers = flow.answers_from_steps(data)
    assert answers["promised_return_days"] == 15
    assert flow.facts_from_answers(answers) == facts


def test_facts_are_not_decidable_until_the_signing_date_is_known():
    assert flow.facts_from_steps({"order_status": "received", "reason": "counterfeit"}) is None
    assert flow.evidence_codes_for_steps({"order_status": "not_shipped"}) == []
    facts = flow.facts_from_steps({"order_status": "not_shipped", "reason": "changed_mind"})
    assert facts is not None and facts.received_on is None


def test_the_wizards_answers_become_facts():
    assert flow.facts_from_steps(SIGNED) == Facts(
        order_status=OrderStatus.RECEIVED,
        reason=Reason.QUALITY_ISSUE,
        received_on=date(2026, 11, 20),
        package_condition=PackageCondition.INTACT,
        item_category=ItemCategory.STANDARD,
        item_condition=ItemCondition.OPENED_INTACT,
        # Not asked for a seller's fault: the seller pays the way back.
        shipping_insurance=None,
        seller_response=SellerResponse.REFUSED,
        amount_paid=Decimal("199.00"),
        order_number="P1",
        product_name="Coat",
    )


def test_answers_to_steps_that_no_longer_apply_never_reach_the_engine():
    facts = flow.facts_from_steps(
        {**SIGNED, "order_status": "not_shipped", "reason": "ordered_wrong"}
    )
    assert facts is not None
    assert facts.received_on is None
    assert facts.item_condition is None
    assert facts.package_condition is PackageCondition.NOT_SEEN
    assert facts.item_category is ItemCategory.STANDARD
    assert facts.shipping_insurance is None


def test_saved_answers_and_the_api_body_give_the_same_facts():
    facts = flow.facts_from_steps(SIGNED)
    assert facts is not None
    answers = flow.answers_from_facts(facts)
    assert flow.facts_from_answers(answers) == facts
    body = {**answers, "today": "2026-11-24", "language": "en"}
    assert flow.facts_from_api(body) == facts


def test_an_api_body_with_only_the_required_fields_takes_the_engines_defaults():
    assert flow.facts_from_api({"order_status": "in_transit", "reason": "changed_mind"}) == Facts(
        order_status=OrderStatus.IN_TRANSIT, reason=Reason.CHANGED_MIND
    )


def test_the_evidence_asked_for_comes_from_the_engine(pinned_clock):
    codes = flow.evidence_codes_for_steps(SIGNED)
    assert EvidenceCode.DEFECT_PHOTO in codes
    assert EvidenceCode.CHAT_SCREENSHOT in codes  # escalated: the seller refused


def test_incomplete_answers_cannot_be_saved():
    with pytest.raises(ValueError, match="incomplete"):
        flow.answers_from_steps({"order_status": "received"})


def test_each_conditional_step_lists_the_fields_of_its_form():
    forms = dict(FORMS)
    assert set(flow.ANSWERS_OF_CONDITIONAL_STEPS) == set(flow.CONDITIONS)
    for step, keys in flow.ANSWERS_OF_STEPS.items():
        assert set(keys) == set(forms[step].base_fields), step
