"""Every code the rules engine speaks, defined once.

The values are the wire codes of domain.md / api.md: templates, the API, the
e-mails and the tests use these members, never retyped strings.
"""

from __future__ import annotations

from enum import StrEnum


class OrderStatus(StrEnum):
    NOT_SHIPPED = "not_shipped"
    IN_TRANSIT = "in_transit"
    OUT_FOR_DELIVERY = "out_for_delivery"
    RECEIVED = "received"


class Reason(StrEnum):
    CHANGED_MIND = "changed_mind"
    ORDERED_WRONG = "ordered_wrong"
    FOUND_CHEAPER = "found_cheaper"
    SLOW_SHIPPING = "slow_shipping"
    SIZE_UNSUITABLE = "size_unsuitable"
    STYLE_UNLIKED = "style_unliked"
    PACKAGE_DAMAGED = "package_damaged"
    QUALITY_ISSUE = "quality_issue"
    NOT_AS_DESCRIBED = "not_as_described"
    WRONG_ITEM = "wrong_item"
    MISSING_ITEM = "missing_item"
    COUNTERFEIT = "counterfeit"
    NOT_RECEIVED = "not_received"
    LATE_SHIPMENT = "late_shipment"


class Fault(StrEnum):
    BUYER = "buyer"
    SELLER = "seller"


class PackageCondition(StrEnum):
    INTACT = "intact"
    DAMAGED = "damaged"
    WET = "wet"
    TAMPERED = "tampered"
    NOT_SEEN = "not_seen"


class ItemCategory(StrEnum):
    STANDARD = "standard"
    CUSTOM_MADE = "custom_made"
    PERISHABLE = "perishable"
    DIGITAL_UNSEALED = "digital_unsealed"
    PERIODICAL = "periodical"
    CONFIRMED_NON_RETURNABLE = "confirmed_non_returnable"


class ItemCondition(StrEnum):
    UNOPENED = "unopened"
    OPENED_INTACT = "opened_intact"
    USED = "used"


class SellerResponse(StrEnum):
    NOT_CONTACTED = "not_contacted"
    AGREED = "agreed"
    REFUSED = "refused"
    NO_RESPONSE = "no_response"


class Procedure(StrEnum):
    CANCEL_ORDER = "cancel_order"
    INTERCEPT_OR_REFUSE = "intercept_or_refuse"
    REFUSE_DELIVERY = "refuse_delivery"
    RETURN_AND_REFUND = "return_and_refund"
    REFUND_ONLY = "refund_only"
    EXCHANGE_OR_REPAIR = "exchange_or_repair"
    NEGOTIATE_WITH_SELLER = "negotiate_with_seller"
    PLATFORM_INTERVENTION = "platform_intervention"


class RefundType(StrEnum):
    REFUND_ONLY = "refund_only"
    RETURN_AND_REFUND = "return_and_refund"
    EXCHANGE = "exchange"


class ShippingPayer(StrEnum):
    SELLER = "seller"
    BUYER = "buyer"
    INSURANCE = "insurance"
    NONE = "none"


class WhyNot(StrEnum):
    NOT_RECEIVED_YET = "not_received_yet"
    EXCLUDED_CATEGORY = "excluded_category"
    NOT_INTACT = "not_intact"
    WINDOW_EXPIRED = "window_expired"


class EvidenceCode(StrEnum):
    PACKAGE_PHOTO = "package_photo"
    WAYBILL_PHOTO = "waybill_photo"
    ITEM_PHOTO = "item_photo"
    DEFECT_PHOTO = "defect_photo"
    UNBOXING_VIDEO = "unboxing_video"
    LISTING_SCREENSHOT = "listing_screenshot"
    TRACKING_SCREENSHOT = "tracking_screenshot"
    CHAT_SCREENSHOT = "chat_screenshot"
    ORDER_SCREENSHOT = "order_screenshot"


class Language(StrEnum):
    ZH_HANS = "zh-hans"
    EN = "en"

    @classmethod
    def from_code(cls, code: str | None) -> Language:
        """The engine's language for a language code ("en", "en-us", "zh-hans", ...).

        English for any English code; zh-hans, the product's first language,
        for everything else (including no code at all).
        """
        return cls.EN if (code or "").strip().lower().startswith("en") else cls.ZH_HANS


class Urgency(StrEnum):
    """How pressing a deadline is on a given day (the case page's colour)."""

    OPEN = "open"
    URGENT = "urgent"  # a couple of days left at most, the last day included
    PASSED = "passed"


class StepCode(StrEnum):
    """One numbered step of a procedure, in the order the consumer does them."""

    # cancel_order
    OPEN_ORDER = "open_order"
    CANCEL_ORDER = "cancel_order"
    WAIT_CANCEL_REFUND = "wait_cancel_refund"
    # intercept_or_refuse
    ASK_SELLER_INTERCEPT = "ask_seller_intercept"
    ASK_COURIER_INTERCEPT = "ask_courier_intercept"
    REFUSE_IF_NOT_INTERCEPTED = "refuse_if_not_intercepted"
    # refuse_delivery
    INSPECT_AT_DOOR = "inspect_at_door"
    PHOTOGRAPH_WITH_COURIER = "photograph_with_courier"
    REFUSE_AT_DOOR = "refuse_at_door"
    TELL_SELLER_REFUSED = "tell_seller_refused"
    WAIT_PARCEL_BACK = "wait_parcel_back"
    # after signing
    PHOTOGRAPH_PROBLEM = "photograph_problem"
    PHOTOGRAPH_ITEM = "photograph_item"
    CONTACT_SELLER = "contact_seller"
    OPEN_AFTER_SALES = "open_after_sales"
    APPLY_REFUND_ONLY = "apply_refund_only"
    APPLY_RETURN = "apply_return"
    APPLY_EXCHANGE = "apply_exchange"
    APPLY_PARTIAL_REFUND = "apply_partial_refund"
    SHIP_RETURN = "ship_return"
    FILL_TRACKING = "fill_tracking"
    WAIT_REFUND = "wait_refund"
    WAIT_REPLACEMENT = "wait_replacement"
    CLAIM_COMPENSATION = "claim_compensation"
    # a suspected fake after receipt: keep it, have it authenticated
    ARRANGE_AUTHENTICATION = "arrange_authentication"
    SHIP_ONLY_WHERE_PLATFORM_SAYS = "ship_only_where_platform_says"
    # fresh food with a seller fault
    APPLY_REFUND_SPOILED = "apply_refund_spoiled"
    KEEP_FOOD_UNTIL_CLOSED = "keep_food_until_closed"
    # a parcel that never reached the consumer
    LOCATE_PARCEL = "locate_parcel"
    ASK_SELLER_TRACE = "ask_seller_trace"
    APPLY_REFUND_NOT_RECEIVED = "apply_refund_not_received"
    COMPLAIN_TO_COURIER = "complain_to_courier"
    # negotiate_with_seller
    ASK_SELLER_GOODWILL = "ask_seller_goodwill"
    FOLLOW_SELLER_AGREEMENT = "follow_seller_agreement"
    CONSIDER_ALTERNATIVES = "consider_alternatives"
    # platform_intervention
    REQUEST_PLATFORM_INTERVENTION = "request_platform_intervention"
    COMPLAIN_12315 = "complain_12315"


class WarningCode(StrEnum):
    CANCEL_EARLY = "cancel_early"
    NEVER_SIGN = "never_sign"
    KEEP_TAGS = "keep_tags"
    TRACKED_COURIER = "tracked_courier"
    ACCOUNT_CREDIT = "account_credit"
    ACT_WITHIN_24H = "act_within_24h"
    FILE_BEFORE_DEADLINE = "file_before_deadline"
    # Our own extension (domain.md §9 has none): D fell on a statutory rest day
    # and Civil Code Art. 203 keeps the window open until legal_last_day.
    FILE_AT_ONCE = "file_at_once"
    CHECK_INSURANCE = "check_insurance"
    KEEP_ALL_EVIDENCE = "keep_all_evidence"
    REFUND_TIMELINE = "refund_timeline"
    PLATFORM_WILL_NOT_SIDE = "platform_will_not_side"
    LATE_SELLER_FAULT = "late_seller_fault"
    NO_OFF_PLATFORM = "no_off_platform"
    CUSTOM_CANCEL_COSTS = "custom_cancel_costs"
    INSURANCE_RETURNS_ONLY = "insurance_returns_only"
    AGREE_BEFORE_SENDING = "agree_before_sending"
    COUNTERFEIT_KEEP_FOR_CLAIM = "counterfeit_keep_for_claim"
    FOOD_SAFETY_CLAIM = "food_safety_claim"
    LATE_SHIPMENT_AFTER_RECEIPT = "late_shipment_after_receipt"
    DO_NOT_CONFIRM_RECEIPT = "do_not_confirm_receipt"
    ORIGINAL_WAYBILL_RETURN = "original_waybill_return"


class LegalCode(StrEnum):
    """Only the articles domain.md names (its section 3: cite nothing else)."""

    CRPL_16 = "crpl_16"
    CRPL_23 = "crpl_23"
    CRPL_24 = "crpl_24"
    CRPL_25 = "crpl_25"
    CRPL_26 = "crpl_26"
    CRPL_44 = "crpl_44"
    CRPL_55 = "crpl_55"
    MEASURES_6 = "measures_6"
    MEASURES_7 = "measures_7"
    MEASURES_8 = "measures_8"
    MEASURES_9 = "measures_9"
    MEASURES_10 = "measures_10"
    MEASURES_13 = "measures_13"
    MEASURES_18 = "measures_18"
    MEASURES_20 = "measures_20"
    ECL_20 = "ecl_20"
    ECL_51 = "ecl_51"
    REGULATIONS_19 = "regulations_19"
    CIVIL_512 = "civil_512"
    CIVIL_563 = "civil_563"
    CIVIL_604 = "civil_604"
    CIVIL_610 = "civil_610"
    CIVIL_787 = "civil_787"
    FOOD_SAFETY_148 = "food_safety_148"
    PENALTIES_9 = "penalties_9"
    PENALTIES_16 = "penalties_16"
    COURIER_28 = "courier_28"


SELLER_FAULT_REASONS: frozenset[Reason] = frozenset(
    {
        Reason.PACKAGE_DAMAGED,
        Reason.QUALITY_ISSUE,
        Reason.NOT_AS_DESCRIBED,
        Reason.WRONG_ITEM,
        Reason.MISSING_ITEM,
        Reason.COUNTERFEIT,
        Reason.NOT_RECEIVED,
    }
)
"""Seller fault at every stage; `late_shipment` is the seller's only before receipt."""

BEFORE_RECEIPT_SELLER_FAULT_REASONS: frozenset[Reason] = frozenset({Reason.LATE_SHIPMENT})

NOT_RECEIVED_STATUSES: frozenset[OrderStatus] = frozenset(
    {OrderStatus.IN_TRANSIT, OrderStatus.RECEIVED}
)
"""`not_received` is valid only here: tracking stalled or lost, or marked signed (section 2)."""

EXCLUDED_CATEGORIES: frozenset[ItemCategory] = frozenset(
    set(ItemCategory) - {ItemCategory.STANDARD}
)

BAD_PACKAGE: frozenset[PackageCondition] = frozenset(
    {PackageCondition.DAMAGED, PackageCondition.WET, PackageCondition.TAMPERED}
)

ESCALATING_RESPONSES: frozenset[SellerResponse] = frozenset(
    {SellerResponse.REFUSED, SellerResponse.NO_RESPONSE}
)
