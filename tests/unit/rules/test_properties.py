"""Invariants over every combination of Facts (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from wizard.rules import (
    Decision,
    EvidenceCode,
    Facts,
    ItemCategory,
    ItemCondition,
    Language,
    OrderStatus,
    PackageCondition,
    Reason,
    SellerResponse,
    assess,
)

# The codes exactly as domain.md spells them (not taken from the enums on purpose).
PROCEDURES = {
    "cancel_order",
    "intercept_or_refuse",
    "refuse_delivery",
    "return_and_refund",
    "refund_only",
    "exchange_or_repair",
    "negotiate_with_seller",
    "platform_intervention",
}
REFUND_TYPES = {"refund_only", "return_and_refund", "exchange", None}
FAULTS = {"buyer", "seller"}
PAYERS = {"seller", "buyer", "insurance", "none"}
WHY_NOT = {"not_received_yet", "excluded_category", "not_intact", "window_expired", None}
EVIDENCE = {
    "package_photo",
    "waybill_photo",
    "item_photo",
    "defect_photo",
    "unboxing_video",
    "listing_screenshot",
    "tracking_screenshot",
    "chat_screenshot",
    "order_screenshot",
}
REASONS = {
    "changed_mind",
    "ordered_wrong",
    "found_cheaper",
    "slow_shipping",
    "size_unsuitable",
    "style_unliked",
    "package_damaged",
    "quality_issue",
    "not_as_described",
    "wrong_item",
    "missing_item",
    "counterfeit",
    "not_received",
    "late_shipment",
}
TOP_KEYS = {
    "procedure",
    "refund_type",
    "fault",
    "reason",
    "refund_reason_label",
    "return_shipping_paid_by",
    "deadline",
    "days_left",
    "seven_day_return",
    "steps",
    "evidence",
    "warnings",
    "legal_basis",
    "request",
    "procedure_label",
    "return_shipping_label",
    "messages",
    "messages_zh",
}

texts = st.text(alphabet="abc订单号-0123456789", max_size=12)


@st.composite
def cases(draw: st.DrawFn) -> tuple[Facts, date]:
    today = draw(st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)))
    status = draw(st.sampled_from(OrderStatus))
    received_on = None
    if status is OrderStatus.RECEIVED:
        received_on = today - timedelta(days=draw(st.integers(min_value=0, max_value=400)))
    reasons = list(Reason)
    if status not in (OrderStatus.IN_TRANSIT, OrderStatus.RECEIVED):
        reasons.remove(Reason.NOT_RECEIVED)  # a 400 at the API, a ValueError here
    amount_paid = draw(
        st.none() | st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999"), places=2)
    )
    amount_claimed = draw(
        st.none()
        | st.decimals(
            min_value=Decimal("0.01"), max_value=amount_paid or Decimal("99999"), places=2
        )
    )
    facts = Facts(
        order_status=status,
        reason=draw(st.sampled_from(reasons)),
        received_on=received_on,
        package_condition=draw(st.sampled_from(PackageCondition)),
        item_category=draw(st.sampled_from(ItemCategory)),
        item_condition=draw(st.none() | st.sampled_from(ItemCondition)),
        shipping_insurance=draw(st.none() | st.booleans()),
        seller_response=draw(st.sampled_from(SellerResponse)),
        amount_paid=amount_paid,
        order_number=draw(texts),
        merchant_name=draw(texts),
        product_name=draw(texts),
        promised_return_days=draw(st.none() | st.integers(min_value=8, max_value=365)),
        amount_claimed=amount_claimed,
        evidence_attached=frozenset(draw(st.sets(st.sampled_from(EvidenceCode)))),
    )
    return facts, today


def all_strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in all_strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in all_strings(item)]
    return []


@settings(max_examples=400, deadline=None, database=None)
@given(cases())
def test_every_code_is_one_of_domain_md(case: tuple[Facts, date]) -> None:
    facts, today = case
    body = assess(facts, today=today).to_dict(Language.ZH_HANS)
    assert body["procedure"] in PROCEDURES
    assert body["refund_type"] in REFUND_TYPES
    assert body["fault"] in FAULTS
    assert body["reason"] in REASONS
    assert body["return_shipping_paid_by"] in PAYERS
    assert body["seven_day_return"]["why_not"] in WHY_NOT
    assert {item["code"] for item in body["evidence"]} <= EVIDENCE


@settings(max_examples=400, deadline=None, database=None)
@given(cases())
def test_seller_pays_exactly_when_at_fault(case: tuple[Facts, date]) -> None:
    facts, today = case
    decision = assess(facts, today=today)
    payer = decision.return_shipping_paid_by
    if payer != "none":
        assert (payer == "seller") == (decision.fault == "seller")


@settings(max_examples=400, deadline=None, database=None)
@given(cases())
def test_refund_type_is_null_only_for_negotiation(case: tuple[Facts, date]) -> None:
    facts, today = case
    decision = assess(facts, today=today)
    assert (decision.refund_type is None) == (decision.procedure == "negotiate_with_seller")


@settings(max_examples=400, deadline=None, database=None)
@given(cases())
def test_window_fields_agree(case: tuple[Facts, date]) -> None:
    facts, today = case
    d = assess(facts, today=today)
    assert (d.deadline is None) == (d.days_left is None)
    if d.deadline is not None:
        assert facts.received_on is not None
        window = facts.promised_return_days or 7
        assert d.deadline == facts.received_on + timedelta(days=window)
        assert 0 <= d.days_left == (d.deadline - today).days <= window  # type: ignore[operator]
    assert d.seven_day_eligible == (d.why_not is None)
    if d.seven_day_eligible:
        assert d.deadline is not None


@settings(max_examples=400, deadline=None, database=None)
@given(cases())
def test_escalation_only_on_top_of_a_valid_claim(case: tuple[Facts, date]) -> None:
    facts, today = case
    d = assess(facts, today=today)
    assert d.escalated == (d.procedure == "platform_intervention")
    if d.escalated:
        assert facts.seller_response in ("refused", "no_response")
        evidence = dict(d.evidence)
        assert evidence["chat_screenshot"] and evidence["order_screenshot"]
    elif facts.seller_response in ("refused", "no_response"):
        assert d.procedure == "negotiate_with_seller"


@settings(max_examples=300, deadline=None, database=None)
@given(cases())
def test_door_override(case: tuple[Facts, date]) -> None:
    facts, today = case
    d = assess(facts, today=today)
    if facts.order_status == "out_for_delivery" and facts.package_condition in (
        "damaged",
        "wet",
        "tampered",
    ):
        assert d.reason == "package_damaged"
        assert d.fault == "seller"
        assert d.return_shipping_paid_by == "seller"
    else:
        assert d.reason == facts.reason


def _check_body(decision: Decision, language: Language) -> dict[str, Any]:
    body = decision.to_dict(language)
    assert set(body) >= TOP_KEYS
    assert set(body["seven_day_return"]) == {"eligible", "why_not"}
    assert set(body["request"]) == {
        "type_label",
        "reason_label",
        "amount",
        "description",
        "description_zh",
    }
    expected = {"seller", "appeal"} | ({"followup"} if decision.followup_applies else set())
    assert set(body["messages"]) == set(body["messages_zh"]) == expected
    assert len(body["request"]["description"]) <= 200
    assert len(body["request"]["description_zh"]) <= 200
    for step in body["steps"]:
        assert set(step) == {"code", "title", "detail"}
    for item in body["evidence"]:
        assert set(item) == {"code", "label", "required"}
        assert isinstance(item["required"], bool)
    for key in ("warnings", "legal_basis"):
        for item in body[key]:
            assert set(item) == {"code", "text"}
    assert body["steps"], "every procedure has steps"
    for text in all_strings(body):
        if text in (body["deadline"],):
            continue
        assert text.strip(), "no empty text"
        assert "{" not in text and "}" not in text, f"leftover placeholder in {text!r}"
    amount = body["request"]["amount"]
    if amount is not None:
        assert Decimal(amount).as_tuple().exponent == -2
    appeal = body["messages"]["appeal"]
    assert (appeal is None) == (decision.base_procedure == "negotiate_with_seller")
    return body


@settings(max_examples=300, deadline=None, database=None)
@given(cases())
def test_to_dict_works_in_both_languages_with_the_same_codes(case: tuple[Facts, date]) -> None:
    facts, today = case
    decision = assess(facts, today=today)
    zh = _check_body(decision, Language.ZH_HANS)
    en = _check_body(decision, Language.EN)
    for key in (
        "procedure",
        "refund_type",
        "fault",
        "reason",
        "return_shipping_paid_by",
        "deadline",
        "days_left",
        "seven_day_return",
    ):
        assert zh[key] == en[key]
    for key in ("steps", "evidence", "warnings", "legal_basis"):
        assert [i["code"] for i in zh[key]] == [i["code"] for i in en[key]]
    if zh["steps"] and zh["steps"][0]["detail"] != en["steps"][0]["detail"]:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh["steps"][0]["detail"])


@settings(max_examples=200, deadline=None, database=None)
@given(cases())
def test_assess_is_pure(case: tuple[Facts, date]) -> None:
    facts, today = case
    assert assess(facts, today=today) == assess(facts, today=today)


# --- version 2 invariants (domain.md sections 0, 6, 8 and 9) --------------------------------


@settings(max_examples=400, deadline=None, database=None)
@given(cases())
def test_no_deadline_on_a_negotiate_with_seller_outcome(case: tuple[Facts, date]) -> None:
    facts, today = case
    d = assess(facts, today=today)
    if d.procedure == "negotiate_with_seller":
        assert d.deadline is None and d.days_left is None


@settings(max_examples=400, deadline=None, database=None)
@given(cases())
def test_no_deadline_when_nothing_was_received(case: tuple[Facts, date]) -> None:
    facts, today = case
    d = assess(facts, today=today)
    if facts.reason == "not_received" or facts.order_status != "received":
        assert d.deadline is None


@settings(max_examples=400, deadline=None, database=None)
@given(cases())
def test_never_insurance_before_receipt(case: tuple[Facts, date]) -> None:
    facts, today = case
    d = assess(facts, today=today)
    if facts.order_status != "received":
        assert d.return_shipping_paid_by != "insurance"


@settings(max_examples=400, deadline=None, database=None)
@given(cases())
def test_no_off_platform_warning_on_every_outcome(case: tuple[Facts, date]) -> None:
    facts, today = case
    assert "no_off_platform" in assess(facts, today=today).warnings


@settings(max_examples=400, deadline=None, database=None)
@given(cases())
def test_follow_up_exactly_where_a_parcel_goes_back(case: tuple[Facts, date]) -> None:
    facts, today = case
    d = assess(facts, today=today)
    goes_back = {
        "return_and_refund",
        "exchange_or_repair",
        "refuse_delivery",
        "intercept_or_refuse",
    }
    assert d.followup_applies == (d.base_procedure in goes_back)


@settings(max_examples=400, deadline=None, database=None)
@given(cases())
def test_item_evidence_only_with_an_item_in_hand(case: tuple[Facts, date]) -> None:
    facts, today = case
    codes = set(assess(facts, today=today).evidence_codes)
    if facts.order_status != "received" or facts.reason == "not_received":
        assert not codes & {"item_photo", "defect_photo", "unboxing_video"}


@settings(max_examples=400, deadline=None, database=None)
@given(cases())
def test_the_request_never_asks_more_than_the_part_claimed(case: tuple[Facts, date]) -> None:
    facts, today = case
    d = assess(facts, today=today)
    if d.request_amount is not None:
        assert d.request_amount in (facts.amount_claimed, facts.amount_paid)
        if facts.amount_claimed is not None:
            assert d.request_amount == facts.amount_claimed
    # The reason after the door override: a damaged parcel at the door is refused for
    # package_damaged, whatever was given, and the whole order is then claimed.
    if d.reason == "missing_item" and facts.amount_claimed is None:
        assert d.request_amount is None


@settings(max_examples=300, deadline=None, database=None)
@given(cases())
def test_texts_claim_only_the_evidence_attached(case: tuple[Facts, date]) -> None:
    facts, today = case
    body = assess(facts, today=today).to_dict(Language.ZH_HANS)
    if not facts.evidence_attached:
        for text in (body["request"]["description"], body["messages"]["seller"]):
            assert "已附上" not in text
