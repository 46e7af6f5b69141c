"""domain.md section 6, one parametrized row (or more) per table row.

Each case names the facts and the expected (procedure, refund_type, payer);
ids read as sentences so a failure says which rule broke.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from wizard.rules import (
    Facts,
    Fault,
    ItemCategory,
    ItemCondition,
    OrderStatus,
    PackageCondition,
    Procedure,
    Reason,
    RefundType,
    SellerResponse,
    ShippingPayer,
    assess,
)

from .factories import TODAY, facts, received

P = Procedure
R = RefundType
S = ShippingPayer
LATE = {"received_on": date(2026, 11, 10)}  # D = 11-17, TODAY = 11-24
REFUSED = {"seller_response": SellerResponse.REFUSED}
SILENT = {"seller_response": SellerResponse.NO_RESPONSE}


def in_transit(**overrides: Any) -> Facts:
    return facts(order_status=OrderStatus.IN_TRANSIT, **overrides)


def at_door(**overrides: Any) -> Facts:
    return facts(order_status=OrderStatus.OUT_FOR_DELIVERY, **overrides)


ROWS: list[Any] = [
    # row 1: not_shipped
    pytest.param(
        facts(), (P.CANCEL_ORDER, R.REFUND_ONLY, S.NONE), id="cancels_order_when_not_shipped_yet"
    ),
    pytest.param(
        facts(reason=Reason.SLOW_SHIPPING, item_category=ItemCategory.CUSTOM_MADE),
        (P.CANCEL_ORDER, R.REFUND_ONLY, S.NONE),
        id="cancels_even_custom_made_order_before_shipping",
    ),
    # row 2: in_transit / out_for_delivery, buyer fault, excluded category
    pytest.param(
        in_transit(item_category=ItemCategory.CUSTOM_MADE),
        (P.NEGOTIATE_WITH_SELLER, None, S.BUYER),
        id="negotiates_when_custom_made_item_in_transit_is_unwanted",
    ),
    pytest.param(
        at_door(item_category=ItemCategory.PERISHABLE, package_condition=PackageCondition.INTACT),
        (P.NEGOTIATE_WITH_SELLER, None, S.BUYER),
        id="negotiates_when_intact_perishable_parcel_at_door_is_unwanted",
    ),
    pytest.param(
        at_door(item_category=ItemCategory.CONFIRMED_NON_RETURNABLE),
        (P.NEGOTIATE_WITH_SELLER, None, S.BUYER),
        id="negotiates_when_buyer_confirmed_non_returnable_at_purchase",
    ),
    # row 3: in_transit
    pytest.param(
        in_transit(shipping_insurance=False),
        (P.INTERCEPT_OR_REFUSE, R.REFUND_ONLY, S.BUYER),
        id="intercepts_when_shipped_and_buyer_changed_mind",
    ),
    pytest.param(
        in_transit(shipping_insurance=True),
        (P.INTERCEPT_OR_REFUSE, R.REFUND_ONLY, S.BUYER),
        id="buyer_pays_interception_even_when_insured_as_insurance_covers_returns_only",
    ),
    pytest.param(
        in_transit(shipping_insurance=None),
        (P.INTERCEPT_OR_REFUSE, R.REFUND_ONLY, S.BUYER),
        id="buyer_pays_interception_when_insurance_is_unknown",
    ),
    pytest.param(
        in_transit(reason=Reason.NOT_AS_DESCRIBED, shipping_insurance=True),
        (P.INTERCEPT_OR_REFUSE, R.REFUND_ONLY, S.SELLER),
        id="seller_pays_interception_for_seller_fault_even_if_insured",
    ),
    pytest.param(
        in_transit(reason=Reason.PACKAGE_DAMAGED, item_category=ItemCategory.CUSTOM_MADE),
        (P.INTERCEPT_OR_REFUSE, R.REFUND_ONLY, S.SELLER),
        id="intercepts_damaged_custom_made_parcel_because_seller_fault_beats_exclusion",
    ),
    # row 4: out_for_delivery
    pytest.param(
        at_door(package_condition=PackageCondition.INTACT),
        (P.REFUSE_DELIVERY, R.REFUND_ONLY, S.BUYER),
        id="refuses_delivery_when_buyer_changed_mind_and_parcel_is_fine",
    ),
    pytest.param(
        at_door(shipping_insurance=True),
        (P.REFUSE_DELIVERY, R.REFUND_ONLY, S.BUYER),
        id="buyer_pays_refused_delivery_even_when_insured",
    ),
    pytest.param(
        at_door(reason=Reason.WRONG_ITEM),
        (P.REFUSE_DELIVERY, R.REFUND_ONLY, S.SELLER),
        id="refuses_delivery_at_sellers_cost_when_waybill_shows_wrong_item",
    ),
    # the door override
    pytest.param(
        at_door(package_condition=PackageCondition.DAMAGED),
        (P.REFUSE_DELIVERY, R.REFUND_ONLY, S.SELLER, Reason.PACKAGE_DAMAGED),
        id="refuses_delivery_when_parcel_is_damaged",
    ),
    pytest.param(
        at_door(package_condition=PackageCondition.WET, reason=Reason.FOUND_CHEAPER),
        (P.REFUSE_DELIVERY, R.REFUND_ONLY, S.SELLER, Reason.PACKAGE_DAMAGED),
        id="refuses_delivery_when_parcel_is_wet",
    ),
    pytest.param(
        at_door(
            package_condition=PackageCondition.TAMPERED,
            reason=Reason.SIZE_UNSUITABLE,
            shipping_insurance=True,
        ),
        (P.REFUSE_DELIVERY, R.REFUND_ONLY, S.SELLER, Reason.PACKAGE_DAMAGED),
        id="refuses_delivery_when_parcel_is_tampered_and_seller_pays_not_insurance",
    ),
    pytest.param(
        at_door(package_condition=PackageCondition.WET, item_category=ItemCategory.PERISHABLE),
        (P.REFUSE_DELIVERY, R.REFUND_ONLY, S.SELLER, Reason.PACKAGE_DAMAGED),
        id="refuses_wet_perishable_parcel_because_override_precedes_exclusion",
    ),
    pytest.param(
        in_transit(package_condition=PackageCondition.DAMAGED),
        (P.INTERCEPT_OR_REFUSE, R.REFUND_ONLY, S.BUYER, Reason.CHANGED_MIND),
        id="keeps_given_reason_in_transit_because_override_is_only_at_the_door",
    ),
    pytest.param(
        received(package_condition=PackageCondition.DAMAGED),
        (P.RETURN_AND_REFUND, R.RETURN_AND_REFUND, S.BUYER, Reason.CHANGED_MIND),
        id="keeps_given_reason_after_signing_because_override_is_only_at_the_door",
    ),
    # row 5: received, missing_item
    pytest.param(
        received(reason=Reason.MISSING_ITEM),
        (P.REFUND_ONLY, R.REFUND_ONLY, S.NONE),
        id="refunds_only_when_an_item_is_missing",
    ),
    pytest.param(
        received(reason=Reason.MISSING_ITEM, **LATE),
        (P.REFUND_ONLY, R.REFUND_ONLY, S.NONE),
        id="refunds_only_for_missing_item_even_after_seven_days",
    ),
    # row 6: received, seller fault, today <= D
    pytest.param(
        received(reason=Reason.QUALITY_ISSUE),
        (P.RETURN_AND_REFUND, R.RETURN_AND_REFUND, S.SELLER),
        id="returns_at_sellers_cost_for_quality_issue_within_seven_days",
    ),
    pytest.param(
        received(reason=Reason.NOT_AS_DESCRIBED, received_on=date(2026, 11, 17)),
        (P.RETURN_AND_REFUND, R.RETURN_AND_REFUND, S.SELLER),
        id="returns_not_as_described_item_on_the_last_day",
    ),
    pytest.param(
        received(reason=Reason.PACKAGE_DAMAGED, shipping_insurance=True),
        (P.RETURN_AND_REFUND, R.RETURN_AND_REFUND, S.SELLER),
        id="seller_not_insurance_pays_for_transit_damage_found_after_signing",
    ),
    pytest.param(
        received(
            reason=Reason.QUALITY_ISSUE,
            item_condition=ItemCondition.USED,
            item_category=ItemCategory.CUSTOM_MADE,
        ),
        (P.RETURN_AND_REFUND, R.RETURN_AND_REFUND, S.SELLER),
        id="returns_defective_used_custom_item_because_seller_fault_beats_exclusions",
    ),
    # row 7: received, wrong_item / counterfeit, today > D
    pytest.param(
        received(reason=Reason.WRONG_ITEM, **LATE),
        (P.RETURN_AND_REFUND, R.RETURN_AND_REFUND, S.SELLER),
        id="returns_wrong_item_even_after_seven_days",
    ),
    pytest.param(
        received(reason=Reason.COUNTERFEIT, **LATE),
        (P.RETURN_AND_REFUND, R.RETURN_AND_REFUND, S.SELLER),
        id="returns_counterfeit_even_after_seven_days",
    ),
    # row 8: received, quality / not_as_described / package_damaged, today > D
    pytest.param(
        received(reason=Reason.QUALITY_ISSUE, **LATE),
        (P.EXCHANGE_OR_REPAIR, R.EXCHANGE, S.SELLER),
        id="exchanges_or_repairs_quality_issue_after_seven_days",
    ),
    pytest.param(
        received(reason=Reason.NOT_AS_DESCRIBED, received_on=date(2026, 11, 16)),
        (P.EXCHANGE_OR_REPAIR, R.EXCHANGE, S.SELLER),
        id="exchanges_not_as_described_item_the_day_after_the_deadline",
    ),
    pytest.param(
        received(reason=Reason.PACKAGE_DAMAGED, **LATE),
        (P.EXCHANGE_OR_REPAIR, R.EXCHANGE, S.SELLER),
        id="exchanges_transit_damaged_item_after_seven_days",
    ),
    # row 9: received, buyer fault, excluded category
    *[
        pytest.param(
            received(item_category=category),
            (P.NEGOTIATE_WITH_SELLER, None, S.BUYER),
            id=f"negotiates_when_buyer_changed_mind_about_{category}_item",
        )
        for category in ItemCategory
        if category is not ItemCategory.STANDARD
    ],
    # row 10: received, buyer fault, used
    pytest.param(
        received(item_condition=ItemCondition.USED, reason=Reason.SIZE_UNSUITABLE),
        (P.NEGOTIATE_WITH_SELLER, None, S.BUYER),
        id="negotiates_when_used_item_does_not_fit",
    ),
    # row 11: received, buyer fault, today > D
    pytest.param(
        received(**LATE),
        (P.NEGOTIATE_WITH_SELLER, None, S.BUYER),
        id="negotiates_when_seven_days_have_passed",
    ),
    # row 12: received, buyer fault, otherwise
    pytest.param(
        received(reason=Reason.SIZE_UNSUITABLE),
        (P.RETURN_AND_REFUND, R.RETURN_AND_REFUND, S.BUYER),
        id="returns_at_buyers_cost_when_size_does_not_fit",
    ),
    pytest.param(
        received(
            reason=Reason.STYLE_UNLIKED,
            shipping_insurance=True,
            item_condition=ItemCondition.UNOPENED,
        ),
        (P.RETURN_AND_REFUND, R.RETURN_AND_REFUND, S.INSURANCE),
        id="insurance_pays_no_reason_return_when_insured",
    ),
    pytest.param(
        received(reason=Reason.SLOW_SHIPPING),
        (P.RETURN_AND_REFUND, R.RETURN_AND_REFUND, S.BUYER),
        id="treats_slow_shipping_as_a_personal_reason",
    ),
    pytest.param(
        received(item_condition=None),
        (P.RETURN_AND_REFUND, R.RETURN_AND_REFUND, S.BUYER),
        id="returns_when_item_condition_is_not_stated",
    ),
    # last row: escalation on top of the valid claims
    pytest.param(
        facts(**REFUSED),
        (P.PLATFORM_INTERVENTION, R.REFUND_ONLY, S.NONE),
        id="escalates_cancellation_the_seller_refused",
    ),
    pytest.param(
        in_transit(**SILENT),
        (P.PLATFORM_INTERVENTION, R.REFUND_ONLY, S.BUYER),
        id="escalates_interception_the_seller_ignored",
    ),
    pytest.param(
        at_door(package_condition=PackageCondition.WET, **REFUSED),
        (P.PLATFORM_INTERVENTION, R.REFUND_ONLY, S.SELLER, Reason.PACKAGE_DAMAGED),
        id="escalates_refused_wet_parcel_claim",
    ),
    pytest.param(
        received(reason=Reason.MISSING_ITEM, **SILENT),
        (P.PLATFORM_INTERVENTION, R.REFUND_ONLY, S.NONE),
        id="escalates_missing_item_claim_the_seller_ignored",
    ),
    pytest.param(
        received(reason=Reason.QUALITY_ISSUE, **REFUSED),
        (P.PLATFORM_INTERVENTION, R.RETURN_AND_REFUND, S.SELLER),
        id="escalates_quality_return_the_seller_refused",
    ),
    pytest.param(
        received(reason=Reason.COUNTERFEIT, **LATE, **SILENT),
        (P.PLATFORM_INTERVENTION, R.RETURN_AND_REFUND, S.SELLER),
        id="escalates_late_counterfeit_claim_the_seller_ignored",
    ),
    pytest.param(
        received(reason=Reason.QUALITY_ISSUE, **LATE, **REFUSED),
        (P.PLATFORM_INTERVENTION, R.EXCHANGE, S.SELLER),
        id="escalates_late_exchange_the_seller_refused",
    ),
    pytest.param(
        received(reason=Reason.SIZE_UNSUITABLE, shipping_insurance=True, **REFUSED),
        (P.PLATFORM_INTERVENTION, R.RETURN_AND_REFUND, S.INSURANCE),
        id="escalates_eligible_no_reason_return_the_seller_refused",
    ),
    # ... but never on top of an invalid claim
    pytest.param(
        received(item_category=ItemCategory.CUSTOM_MADE, **REFUSED),
        (P.NEGOTIATE_WITH_SELLER, None, S.BUYER),
        id="does_not_escalate_refused_return_of_custom_made_item",
    ),
    pytest.param(
        received(item_condition=ItemCondition.USED, **SILENT),
        (P.NEGOTIATE_WITH_SELLER, None, S.BUYER),
        id="does_not_escalate_ignored_return_of_used_item",
    ),
    pytest.param(
        received(**LATE, **REFUSED),
        (P.NEGOTIATE_WITH_SELLER, None, S.BUYER),
        id="does_not_escalate_refused_return_after_the_window",
    ),
    pytest.param(
        in_transit(item_category=ItemCategory.PERIODICAL, **REFUSED),
        (P.NEGOTIATE_WITH_SELLER, None, S.BUYER),
        id="does_not_escalate_refused_interception_of_excluded_item",
    ),
    pytest.param(
        received(reason=Reason.QUALITY_ISSUE, seller_response=SellerResponse.AGREED),
        (P.RETURN_AND_REFUND, R.RETURN_AND_REFUND, S.SELLER),
        id="does_not_escalate_when_the_seller_agreed",
    ),
]


@pytest.mark.parametrize(("case", "expected"), ROWS)
def test_decision_table_row(case: Facts, expected: tuple[Any, ...]) -> None:
    decision = assess(case, today=TODAY)
    procedure, refund_type, payer, *rest = expected
    assert decision.procedure is procedure
    assert decision.refund_type is refund_type
    assert decision.return_shipping_paid_by is payer
    if rest:
        assert decision.reason is rest[0]
    assert decision.escalated is (procedure is P.PLATFORM_INTERVENTION)


@pytest.mark.parametrize(
    ("case", "fault"),
    [
        pytest.param(received(reason=reason), fault, id=f"{reason}_is_{fault}_fault")
        for reason, fault in [
            (Reason.CHANGED_MIND, Fault.BUYER),
            (Reason.ORDERED_WRONG, Fault.BUYER),
            (Reason.FOUND_CHEAPER, Fault.BUYER),
            (Reason.SLOW_SHIPPING, Fault.BUYER),
            (Reason.SIZE_UNSUITABLE, Fault.BUYER),
            (Reason.STYLE_UNLIKED, Fault.BUYER),
            (Reason.PACKAGE_DAMAGED, Fault.SELLER),
            (Reason.QUALITY_ISSUE, Fault.SELLER),
            (Reason.NOT_AS_DESCRIBED, Fault.SELLER),
            (Reason.WRONG_ITEM, Fault.SELLER),
            (Reason.MISSING_ITEM, Fault.SELLER),
            (Reason.COUNTERFEIT, Fault.SELLER),
        ]
    ],
)
def test_fault_table(case: Facts, fault: Fault) -> None:
    assert assess(case, today=TODAY).fault is fault


def test_platform_intervention_keeps_the_underlying_steps_and_adds_the_appeal() -> None:
    decision = assess(received(reason=Reason.QUALITY_ISSUE, **REFUSED), today=TODAY)
    codes = [str(step) for step in decision.steps]
    assert "apply_return" in codes
    assert codes.index("request_platform_intervention") == codes.index("apply_return") + 1
    assert "contact_seller" not in codes  # they already did; it failed
    assert codes[-1] == "complain_12315"


def test_seller_fault_within_window_warns_to_act_within_24_hours() -> None:
    decision = assess(received(reason=Reason.QUALITY_ISSUE), today=TODAY)
    assert "act_within_24h" in decision.warnings
    late = assess(received(reason=Reason.QUALITY_ISSUE, **LATE), today=TODAY)
    assert "act_within_24h" not in late.warnings


def test_negotiation_says_honestly_that_the_platform_will_not_side() -> None:
    decision = assess(received(item_condition=ItemCondition.USED, **REFUSED), today=TODAY)
    assert "platform_will_not_side" in decision.warnings
    body = decision.to_dict()
    assert body["messages"]["appeal"] is None
    assert "平台" in body["warnings"][0]["text"] or any(
        "平台" in w["text"] for w in body["warnings"]
    )


def test_counterfeit_cites_article_55() -> None:
    decision = assess(received(reason=Reason.COUNTERFEIT), today=TODAY)
    assert "crpl_55" in decision.legal_basis
    assert "claim_compensation" in decision.steps
    assert "keep_all_evidence" in decision.warnings


@pytest.mark.parametrize(
    ("case", "required"),
    [
        pytest.param(
            received(reason=Reason.QUALITY_ISSUE),
            {"item_photo": True, "defect_photo": True, "unboxing_video": False},
            id="quality_issue_needs_defect_closeups_and_recommends_unboxing_video",
        ),
        pytest.param(
            received(reason=Reason.MISSING_ITEM),
            {"waybill_photo": False, "unboxing_video": True, "item_photo": True},
            id="missing_item_needs_the_unboxing_video_and_recommends_the_waybill",
        ),
        pytest.param(
            received(reason=Reason.SIZE_UNSUITABLE),
            {"item_photo": False},
            id="no_reason_return_recommends_item_photos",
        ),
        pytest.param(
            at_door(package_condition=PackageCondition.DAMAGED),
            {"package_photo": True, "waybill_photo": True},
            id="damaged_parcel_refusal_needs_parcel_and_waybill_photos",
        ),
        pytest.param(
            at_door(package_condition=PackageCondition.INTACT),
            {"waybill_photo": False},
            id="plain_refusal_recommends_a_waybill_photo",
        ),
        pytest.param(
            received(reason=Reason.NOT_AS_DESCRIBED, **SILENT),
            {
                "listing_screenshot": True,
                "chat_screenshot": True,
                "order_screenshot": True,
                "item_photo": True,
                "unboxing_video": False,
            },
            id="escalated_not_as_described_needs_listing_chat_and_order_screenshots",
        ),
        pytest.param(facts(), {}, id="cancellation_needs_no_evidence"),
    ],
)
def test_evidence_list(case: Facts, required: dict[str, bool]) -> None:
    evidence = {str(code): req for code, req in assess(case, today=TODAY).evidence}
    assert evidence == required
