"""domain.md version 2: one named test per section 0 change and per new section 6 row.

Each test name reads as the rule it checks; TODAY is pinned (factories.TODAY).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from wizard.rules import (
    EvidenceCode,
    Facts,
    Fault,
    ItemCategory,
    ItemCondition,
    Language,
    LegalCode,
    OrderStatus,
    PackageCondition,
    Procedure,
    Reason,
    RefundType,
    SellerResponse,
    ShippingPayer,
    StepCode,
    WarningCode,
    WhyNot,
    assess,
)

from .factories import TODAY, facts, received

LATE = {"received_on": date(2026, 11, 10)}  # D = 11-17, TODAY = 11-24


def in_transit(**overrides: Any) -> Facts:
    return facts(order_status=OrderStatus.IN_TRANSIT, **overrides)


def at_door(**overrides: Any) -> Facts:
    return facts(order_status=OrderStatus.OUT_FOR_DELIVERY, **overrides)


def lost_after_signing(**overrides: Any) -> Facts:
    values: dict[str, Any] = {"reason": Reason.NOT_RECEIVED, "item_condition": None}
    values.update(overrides)
    return received(**values)


def spoiled_fruit(**overrides: Any) -> Facts:
    values: dict[str, Any] = {
        "reason": Reason.QUALITY_ISSUE,
        "item_category": ItemCategory.PERISHABLE,
    }
    values.update(overrides)
    return received(**values)


# --- 0.1 not_received ---------------------------------------------------------------


def test_refunds_only_a_parcel_lost_in_transit_and_nothing_goes_back() -> None:
    d = assess(in_transit(reason=Reason.NOT_RECEIVED), today=TODAY)
    assert (d.procedure, d.refund_type, d.return_shipping_paid_by) == (
        Procedure.REFUND_ONLY,
        RefundType.REFUND_ONLY,
        ShippingPayer.NONE,
    )
    assert d.fault is Fault.SELLER
    assert d.deadline is None


def test_never_blames_the_buyer_for_a_lost_parcel() -> None:
    for case in (in_transit(reason=Reason.NOT_RECEIVED), lost_after_signing()):
        d = assess(case, today=TODAY)
        assert d.fault is Fault.SELLER
        assert d.return_shipping_paid_by is ShippingPayer.NONE
        body = d.to_dict(Language.ZH_HANS)
        assert "个人原因" not in body["request"]["description"]


def test_refunds_only_a_parcel_marked_signed_but_never_in_the_buyers_hands() -> None:
    d = assess(lost_after_signing(amount_paid=Decimal("259")), today=TODAY)
    assert d.procedure is Procedure.REFUND_ONLY
    assert d.refund_type is RefundType.REFUND_ONLY
    assert d.return_shipping_paid_by is ShippingPayer.NONE
    assert d.deadline is None and d.days_left is None
    assert d.why_not is WhyNot.NOT_RECEIVED_YET
    assert d.request_amount == Decimal("259")
    assert StepCode.LOCATE_PARCEL in d.steps
    assert StepCode.COMPLAIN_TO_COURIER in d.steps
    assert WarningCode.DO_NOT_CONFIRM_RECEIPT in d.warnings
    assert LegalCode.COURIER_28 in d.legal_basis
    assert {LegalCode.CIVIL_512, LegalCode.CIVIL_604} <= set(d.legal_basis)


def test_a_lost_parcel_needs_the_tracking_screenshot_and_no_photos_of_an_item() -> None:
    d = assess(lost_after_signing(), today=TODAY)
    evidence = dict(d.evidence)
    assert evidence == {EvidenceCode.TRACKING_SCREENSHOT: True}


def test_a_lost_parcel_does_not_say_it_was_signed_for_by_the_buyer() -> None:
    body = assess(lost_after_signing(), today=TODAY).to_dict(Language.ZH_HANS)
    description = body["request"]["description"]
    assert "我于2026年11月20日签收" not in description
    assert "没有收到" in description


def test_a_lost_parcel_ignores_any_item_condition_given() -> None:
    with_condition = assess(lost_after_signing(item_condition=ItemCondition.USED), today=TODAY)
    assert with_condition.procedure is Procedure.REFUND_ONLY
    assert with_condition.why_not is WhyNot.NOT_RECEIVED_YET


@pytest.mark.parametrize("status", [OrderStatus.NOT_SHIPPED, OrderStatus.OUT_FOR_DELIVERY])
def test_not_received_is_refused_before_shipping_and_at_the_door(status: OrderStatus) -> None:
    with pytest.raises(ValueError, match="not_received"):
        assess(facts(order_status=status, reason=Reason.NOT_RECEIVED), today=TODAY)


# --- 0.2 late_shipment --------------------------------------------------------------


def test_a_missed_shipping_promise_is_the_sellers_fault_before_receipt() -> None:
    d = assess(in_transit(reason=Reason.LATE_SHIPMENT, shipping_insurance=True), today=TODAY)
    assert d.procedure is Procedure.INTERCEPT_OR_REFUSE
    assert d.fault is Fault.SELLER
    assert d.return_shipping_paid_by is ShippingPayer.SELLER
    assert {EvidenceCode.TRACKING_SCREENSHOT, EvidenceCode.ORDER_SCREENSHOT} <= set(
        d.evidence_codes
    )
    door = assess(at_door(reason=Reason.LATE_SHIPMENT), today=TODAY)
    assert door.fault is Fault.SELLER and door.return_shipping_paid_by is ShippingPayer.SELLER


def test_a_missed_shipping_promise_is_a_no_reason_return_once_received_with_a_warning() -> None:
    d = assess(received(reason=Reason.LATE_SHIPMENT), today=TODAY)
    assert d.fault is Fault.BUYER
    assert d.procedure is Procedure.RETURN_AND_REFUND
    assert WarningCode.LATE_SHIPMENT_AFTER_RECEIPT in d.warnings


def test_slow_shipping_without_a_promise_stays_a_personal_reason() -> None:
    d = assess(in_transit(reason=Reason.SLOW_SHIPPING), today=TODAY)
    assert d.fault is Fault.BUYER and d.return_shipping_paid_by is ShippingPayer.BUYER


# --- 0.3 fresh food -----------------------------------------------------------------


def test_refunds_only_when_fresh_food_arrives_spoiled() -> None:
    d = assess(spoiled_fruit(), today=TODAY)
    assert (d.procedure, d.refund_type, d.return_shipping_paid_by) == (
        Procedure.REFUND_ONLY,
        RefundType.REFUND_ONLY,
        ShippingPayer.NONE,
    )
    assert StepCode.SHIP_RETURN not in d.steps
    assert StepCode.APPLY_REFUND_SPOILED in d.steps
    assert WarningCode.KEEP_TAGS not in d.warnings
    assert WarningCode.FOOD_SAFETY_CLAIM in d.warnings
    assert LegalCode.FOOD_SAFETY_148 in d.legal_basis
    assert not d.followup_applies


def test_spoiled_fresh_food_is_refunded_only_even_after_the_window() -> None:
    d = assess(spoiled_fruit(**LATE), today=TODAY)
    assert d.procedure is Procedure.REFUND_ONLY


def test_fresh_food_damaged_in_transit_is_refunded_without_the_food_safety_claim() -> None:
    d = assess(spoiled_fruit(reason=Reason.PACKAGE_DAMAGED), today=TODAY)
    assert d.procedure is Procedure.REFUND_ONLY
    assert WarningCode.FOOD_SAFETY_CLAIM not in d.warnings


def test_spoiled_fresh_food_asks_for_photos_label_and_waybill() -> None:
    evidence = dict(assess(spoiled_fruit(), today=TODAY).evidence)
    assert evidence[EvidenceCode.ITEM_PHOTO] and evidence[EvidenceCode.DEFECT_PHOTO]
    assert evidence[EvidenceCode.WAYBILL_PHOTO] is False
    assert evidence[EvidenceCode.UNBOXING_VIDEO] is False


# --- 0.4 a suspected fake -----------------------------------------------------------


@pytest.mark.parametrize("case", [in_transit(), at_door()], ids=["in_transit", "at_the_door"])
def test_warns_that_refusing_a_suspected_fake_loses_the_evidence(case: Facts) -> None:
    d = assess(Facts(**{**case.__dict__, "reason": Reason.COUNTERFEIT}), today=TODAY)
    assert d.procedure in (Procedure.INTERCEPT_OR_REFUSE, Procedure.REFUSE_DELIVERY)
    assert d.return_shipping_paid_by is ShippingPayer.SELLER
    assert WarningCode.COUNTERFEIT_KEEP_FOR_CLAIM in d.warnings


def test_a_fake_at_the_door_with_a_damaged_box_is_refused_as_damaged_without_that_warning() -> None:
    d = assess(
        at_door(reason=Reason.COUNTERFEIT, package_condition=PackageCondition.DAMAGED),
        today=TODAY,
    )
    assert d.reason is Reason.PACKAGE_DAMAGED
    assert WarningCode.COUNTERFEIT_KEEP_FOR_CLAIM not in d.warnings


def test_keeps_a_received_fake_for_authentication_instead_of_shipping_it_to_the_seller() -> None:
    d = assess(received(reason=Reason.COUNTERFEIT), today=TODAY)
    assert d.refund_type is RefundType.RETURN_AND_REFUND
    assert StepCode.SHIP_RETURN not in d.steps
    steps = list(d.steps)
    assert steps.index(StepCode.ARRANGE_AUTHENTICATION) < steps.index(
        StepCode.SHIP_ONLY_WHERE_PLATFORM_SAYS
    )
    assert StepCode.CLAIM_COMPENSATION in d.steps
    assert {LegalCode.CRPL_55, LegalCode.PENALTIES_16} <= set(d.legal_basis)
    assert WarningCode.COUNTERFEIT_KEEP_FOR_CLAIM not in d.warnings


def test_the_art55_claim_must_be_demanded_in_writing() -> None:
    body = assess(received(reason=Reason.COUNTERFEIT), today=TODAY).to_dict(Language.ZH_HANS)
    claim = next(s for s in body["steps"] if s["code"] == StepCode.CLAIM_COMPENSATION)
    assert "书面" in claim["detail"] and "不会自动包含" in claim["detail"]


# --- 0.5 seller fault after the window ----------------------------------------------


def test_never_says_a_defective_item_can_no_longer_be_returned_after_day_7() -> None:
    d = assess(received(reason=Reason.QUALITY_ISSUE, **LATE), today=TODAY)
    assert d.procedure is Procedure.EXCHANGE_OR_REPAIR
    assert {LegalCode.CRPL_24, LegalCode.CIVIL_563, LegalCode.CIVIL_610} <= set(d.legal_basis)
    for language in Language:
        body = d.to_dict(language)
        text = next(w["text"] for w in body["warnings"] if w["code"] == "late_seller_fault")
        assert "不能再直接退货" not in text and "gone" not in text
    zh = next(w["text"] for w in d.to_dict()["warnings"] if w["code"] == "late_seller_fault")
    assert "仍然可以退货" in zh and "三包" in zh and "6个月" in zh


# --- 0.6 insurance and refusals -----------------------------------------------------


@pytest.mark.parametrize("case", [in_transit(), at_door()], ids=["interception", "refusal"])
def test_never_promises_that_insurance_pays_for_a_refusal(case: Facts) -> None:
    insured = Facts(**{**case.__dict__, "shipping_insurance": True})
    d = assess(insured, today=TODAY)
    assert d.return_shipping_paid_by is ShippingPayer.BUYER
    assert WarningCode.INSURANCE_RETURNS_ONLY in d.warnings
    assert WarningCode.CHECK_INSURANCE not in d.warnings


def test_insurance_still_pays_a_no_reason_return_shipped_after_signing() -> None:
    d = assess(received(shipping_insurance=True), today=TODAY)
    assert d.return_shipping_paid_by is ShippingPayer.INSURANCE
    assert WarningCode.INSURANCE_RETURNS_ONLY not in d.warnings


# --- 0.7 a longer promised window ---------------------------------------------------


def test_honours_a_listings_15_day_no_reason_promise() -> None:
    promised = received(promised_return_days=15, received_on=date(2026, 11, 20))
    d = assess(promised, today=date(2026, 12, 2))
    assert d.procedure is Procedure.RETURN_AND_REFUND
    assert d.deadline == date(2026, 12, 5) and d.days_left == 3
    assert d.seven_day_eligible
    assert EvidenceCode.LISTING_SCREENSHOT in d.evidence_codes
    assert LegalCode.CRPL_16 in d.legal_basis
    # D = 12-05 is a Saturday: Civil Code Art. 203 keeps it open until Monday 12-07.
    closed = assess(promised, today=date(2026, 12, 8))
    assert closed.procedure is Procedure.NEGOTIATE_WITH_SELLER
    assert closed.why_not is WhyNot.WINDOW_EXPIRED


def test_without_a_promise_day_12_is_past_the_window() -> None:
    d = assess(received(received_on=date(2026, 11, 20)), today=date(2026, 12, 2))
    assert d.procedure is Procedure.NEGOTIATE_WITH_SELLER


@pytest.mark.parametrize("days", [0, 7, 366])
def test_a_promised_window_outside_8_to_365_days_is_refused(days: int) -> None:
    with pytest.raises(ValueError, match="promised_return_days"):
        assess(received(promised_return_days=days), today=TODAY)


# --- 0.8 / 0.9 what the wizard's questions say ---------------------------------------


def test_a_seller_label_alone_is_not_a_confirmed_exclusion_in_the_choice_text() -> None:
    from wizard.rules import describe

    hint = describe(ItemCategory.CONFIRMED_NON_RETURNABLE)
    assert hint is not None and "不算" in hint and "普通商品" in hint


def test_calls_a_serum_opened_to_try_used_not_still_eligible() -> None:
    from wizard.rules import describe

    hint = describe(ItemCondition.USED)
    assert hint is not None and "精华" in hint and "激活" in hint
    d = assess(received(item_condition=ItemCondition.USED), today=TODAY)
    assert d.procedure is Procedure.NEGOTIATE_WITH_SELLER
    assert d.why_not is WhyNot.NOT_INTACT


def test_a_confirmed_exclusion_cites_the_confirmation_rules() -> None:
    d = assess(received(item_category=ItemCategory.CONFIRMED_NON_RETURNABLE), today=TODAY)
    assert d.procedure is Procedure.NEGOTIATE_WITH_SELLER
    assert {LegalCode.MEASURES_7, LegalCode.MEASURES_20, LegalCode.REGULATIONS_19} <= set(
        d.legal_basis
    )


# --- 0.10 no deadline without a right to claim ---------------------------------------


def test_sets_no_deadline_where_the_buyer_has_no_right_to_claim() -> None:
    custom = assess(received(item_category=ItemCategory.CUSTOM_MADE), today=TODAY)
    used = assess(received(item_condition=ItemCondition.USED), today=TODAY)
    for d in (custom, used):
        assert d.procedure is Procedure.NEGOTIATE_WITH_SELLER
        assert d.deadline is None and d.days_left is None
        assert WarningCode.FILE_BEFORE_DEADLINE not in d.warnings
    assert custom.window_last_day == date(2026, 11, 27)  # still known, just not a deadline


def test_missing_items_keep_the_deadline_of_the_direct_route() -> None:
    d = assess(received(reason=Reason.MISSING_ITEM), today=TODAY)
    assert d.deadline == date(2026, 11, 27)


# --- 0.11 warnings ------------------------------------------------------------------


def test_warns_against_off_platform_refunds_on_every_outcome() -> None:
    for case in (facts(), in_transit(), received(), lost_after_signing(), spoiled_fruit()):
        assert WarningCode.NO_OFF_PLATFORM in assess(case, today=TODAY).warnings
    text = assess(facts(), today=TODAY).to_dict()["warnings"][-1]["text"]
    assert "微信" in text and "验证码" in text and "安全账户" in text


def test_warns_a_custom_order_cancellation_may_owe_the_makers_losses() -> None:
    d = assess(facts(item_category=ItemCategory.CUSTOM_MADE), today=TODAY)
    assert d.procedure is Procedure.CANCEL_ORDER
    assert WarningCode.CUSTOM_CANCEL_COSTS in d.warnings
    assert LegalCode.CIVIL_787 in d.legal_basis
    assert WarningCode.CUSTOM_CANCEL_COSTS not in assess(facts(), today=TODAY).warnings


def test_never_tells_a_negotiating_buyer_to_send_back_before_the_seller_agrees() -> None:
    d = assess(received(**LATE), today=TODAY)
    assert d.procedure is Procedure.NEGOTIATE_WITH_SELLER
    assert WarningCode.AGREE_BEFORE_SENDING in d.warnings
    excluded_in_transit = assess(in_transit(item_category=ItemCategory.PERIODICAL), today=TODAY)
    assert WarningCode.AGREE_BEFORE_SENDING in excluded_in_transit.warnings


def test_keep_the_tags_is_for_no_reason_returns_only_never_a_seller_fault_claim() -> None:
    assert WarningCode.KEEP_TAGS in assess(received(), today=TODAY).warnings
    for reason in (Reason.QUALITY_ISSUE, Reason.WRONG_ITEM, Reason.NOT_AS_DESCRIBED):
        assert WarningCode.KEEP_TAGS not in assess(received(reason=reason), today=TODAY).warnings


# --- 0.12 amounts and evidence in the texts -------------------------------------------


def test_claims_the_missing_parts_amount_never_silently_the_whole_order() -> None:
    missing = received(reason=Reason.MISSING_ITEM, amount_paid=Decimal(300))
    assert assess(missing, today=TODAY).request_amount is None
    part = Facts(**{**missing.__dict__, "amount_claimed": Decimal(45)})
    assert assess(part, today=TODAY).request_amount == Decimal(45)


def test_the_amount_claimed_may_not_exceed_the_amount_paid() -> None:
    with pytest.raises(ValueError, match="amount_claimed"):
        assess(received(amount_paid=Decimal(10), amount_claimed=Decimal(11)), today=TODAY)


def test_the_chinese_texts_come_with_every_answer() -> None:
    body = assess(received(reason=Reason.QUALITY_ISSUE), today=TODAY).to_dict(Language.EN)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["request"]["description_zh"])
    assert set(body["messages_zh"]) == set(body["messages"])
    zh = assess(received(reason=Reason.QUALITY_ISSUE), today=TODAY).to_dict(Language.ZH_HANS)
    assert zh["request"]["description_zh"] == zh["request"]["description"]


# --- 0.13 citations -----------------------------------------------------------------


def test_cites_only_articles_domain_md_names() -> None:
    assert "measures_31" not in {code.value for code in LegalCode}


def test_no_follow_up_where_no_parcel_goes_back() -> None:
    for case in (facts(), lost_after_signing(), received(reason=Reason.MISSING_ITEM)):
        d = assess(case, today=TODAY)
        assert not d.followup_applies
        assert "followup" not in d.to_dict()["messages"]
    assert assess(received(), today=TODAY).to_dict()["messages"]["followup"]
    refused = assess(at_door(seller_response=SellerResponse.REFUSED), today=TODAY).to_dict()[
        "messages"
    ]["followup"]
    assert refused


# --- section 1 and 3 tips ------------------------------------------------------------


def test_offers_the_original_waybill_return_for_a_sealed_no_reason_return_only() -> None:
    sealed = assess(received(item_condition=ItemCondition.UNOPENED), today=TODAY)
    assert WarningCode.ORIGINAL_WAYBILL_RETURN in sealed.warnings
    assert sealed.procedure is Procedure.RETURN_AND_REFUND  # the tip changes no code
    opened = assess(received(), today=TODAY)
    assert WarningCode.ORIGINAL_WAYBILL_RETURN not in opened.warnings
    defect = assess(
        received(reason=Reason.QUALITY_ISSUE, item_condition=ItemCondition.UNOPENED), today=TODAY
    )
    assert WarningCode.ORIGINAL_WAYBILL_RETURN not in defect.warnings


def test_the_deadline_says_a_locker_drop_without_consent_may_start_the_window_later() -> None:
    body = assess(received(), today=TODAY).to_dict(Language.ZH_HANS)
    text = next(w["text"] for w in body["warnings"] if w["code"] == "file_before_deadline")
    assert "未经你同意" in text and "可能更晚" in text
