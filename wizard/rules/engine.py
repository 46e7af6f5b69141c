"""The decision: domain.md sections 2-7 and 9 as small, named rules.

`assess` is pure and language independent: it returns codes only. Every rule
below is a function whose name reads as the spec line it implements, so the
decision table of domain.md section 6 can be checked line by line.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import chinese_calendar

from .codes import (
    BAD_PACKAGE,
    BEFORE_RECEIPT_SELLER_FAULT_REASONS,
    ESCALATING_RESPONSES,
    EXCLUDED_CATEGORIES,
    NOT_RECEIVED_STATUSES,
    SELLER_FAULT_REASONS,
    EvidenceCode,
    Fault,
    ItemCategory,
    ItemCondition,
    LegalCode,
    OrderStatus,
    Procedure,
    Reason,
    RefundType,
    SellerResponse,
    ShippingPayer,
    StepCode,
    Urgency,
    WarningCode,
    WhyNot,
)
from .facts import Countdown, Decision, Facts

WINDOW_DAYS = 7
"""Measures Art. 10: counted from the day after signing, so D = signing + 7."""

PROMISED_DAYS_MIN = 8
PROMISED_DAYS_MAX = 365
"""A listing's longer no-reason window (e.g. 15天无理由) binds the seller (CRPL Art. 16)."""

URGENT_DAYS = 2
"""A deadline this many days away or closer is urgent (the last day included)."""

ART55_MULTIPLE = 3
ART55_MINIMUM = Decimal(500)
"""CRPL Art. 55: three times the price, at least 500 yuan."""

REFUSAL_PROCEDURES = frozenset({Procedure.INTERCEPT_OR_REFUSE, Procedure.REFUSE_DELIVERY})
SHIP_BACK_PROCEDURES = frozenset({Procedure.RETURN_AND_REFUND, Procedure.EXCHANGE_OR_REPAIR})
PARCEL_GOES_BACK_PROCEDURES = REFUSAL_PROCEDURES | SHIP_BACK_PROCEDURES
"""Section 8: a parcel goes back to the seller, so the day it left and a follow-up apply."""
# The codes in their declared (statute, checklist) order, as tuples: iterating an Enum
# class builds its members anew on each pass, which the API pays on every request.
EVIDENCE_ORDER = tuple(EvidenceCode)
LEGAL_ORDER = tuple(LegalCode)
LATE_RETURNABLE_REASONS = frozenset({Reason.WRONG_ITEM, Reason.COUNTERFEIT})
LATE_REPAIRABLE_REASONS = frozenset(
    {Reason.QUALITY_ISSUE, Reason.NOT_AS_DESCRIBED, Reason.PACKAGE_DAMAGED}
)


# --- section 2: reason and fault -------------------------------------------


def effective_reason(facts: Facts) -> Reason:
    """The door override: a damaged, wet or tampered parcel is refused as damaged."""
    if (
        facts.order_status is OrderStatus.OUT_FOR_DELIVERY
        and facts.package_condition in BAD_PACKAGE
    ):
        return Reason.PACKAGE_DAMAGED
    return facts.reason


def fault_of(reason: Reason, status: OrderStatus) -> Fault:
    """Section 2; a missed shipping promise is the seller's only until the goods arrive."""
    if reason in SELLER_FAULT_REASONS:
        return Fault.SELLER
    if reason in BEFORE_RECEIPT_SELLER_FAULT_REASONS and status is not OrderStatus.RECEIVED:
        return Fault.SELLER
    return Fault.BUYER


def never_received(facts: Facts) -> bool:
    """The consumer does not hold the goods: before receipt, or `not_received`."""
    return facts.order_status is not OrderStatus.RECEIVED or facts.reason is Reason.NOT_RECEIVED


# --- section 3: the window -------------------------------------------------


def window_days(facts: Facts) -> int:
    """W: 7, or the longer window the listing promised."""
    return facts.promised_return_days or WINDOW_DAYS


def window_deadline(facts: Facts) -> date | None:
    """D = received_on + W; no window runs before the parcel is signed for."""
    if facts.order_status is not OrderStatus.RECEIVED or facts.received_on is None:
        return None
    return facts.received_on + timedelta(days=window_days(facts))


def legal_last_day(deadline: date) -> date:
    """Civil Code Art. 203: a period ending on a statutory rest day ends on the next workday.

    Rest days are the public holidays and the weekends, except the make-up
    workdays (调休); chinese_calendar knows them for the years it has data for.
    For a year it has no data for the plain rule stands: D itself.
    """
    day = deadline
    try:
        while not chinese_calendar.is_workday(day):
            day += timedelta(days=1)
    except NotImplementedError:
        return deadline
    return day


def in_rest_day_gap(deadline: date | None, today: date) -> bool:
    """D has passed, but Art. 203 moved the legal last day to today or later: file at once."""
    return deadline is not None and deadline < today <= legal_last_day(deadline)


def is_within_window(deadline: date | None, today: date) -> bool:
    """The deadline day itself is inside the window (until 24:00 China time)."""
    return deadline is not None and today <= deadline


def seven_day_why_not(facts: Facts, deadline: date | None, today: date) -> WhyNot | None:
    """Section 6: the first reason that applies, or None when the right exists."""
    if never_received(facts):
        return WhyNot.NOT_RECEIVED_YET
    if facts.item_category in EXCLUDED_CATEGORIES:
        return WhyNot.EXCLUDED_CATEGORY
    if facts.item_condition is ItemCondition.USED:
        return WhyNot.NOT_INTACT
    if not is_within_window(deadline, today):
        return WhyNot.WINDOW_EXPIRED
    return None


# --- section 6: the decision table -----------------------------------------


def shipping_for_refusal(fault: Fault) -> ShippingPayer:
    """in_transit / out_for_delivery: the seller if at fault, else the buyer.

    Return-shipping insurance pays for a return shipped after signing; it
    usually does not pay for a refusal or an interception (section 3).
    """
    return ShippingPayer.SELLER if fault is Fault.SELLER else ShippingPayer.BUYER


def buyer_or_insurance(facts: Facts) -> ShippingPayer:
    """Measures Art. 18: the buyer pays, unless the order carries 运费险."""
    return ShippingPayer.INSURANCE if facts.shipping_insurance else ShippingPayer.BUYER


TableRow = tuple[Procedure, RefundType | None, ShippingPayer]

_NEGOTIATE: TableRow = (Procedure.NEGOTIATE_WITH_SELLER, None, ShippingPayer.BUYER)
_REFUND_ONLY: TableRow = (Procedure.REFUND_ONLY, RefundType.REFUND_ONLY, ShippingPayer.NONE)
_CANCEL: TableRow = (Procedure.CANCEL_ORDER, RefundType.REFUND_ONLY, ShippingPayer.NONE)
_RETURN_REFUND = (Procedure.RETURN_AND_REFUND, RefundType.RETURN_AND_REFUND)


def decide_table_row(facts: Facts, reason: Reason, fault: Fault, within_window: bool) -> TableRow:
    """Section 6, first matching row wins (the escalation row is applied later)."""
    status = facts.order_status
    excluded = facts.item_category in EXCLUDED_CATEGORIES
    if status is OrderStatus.NOT_SHIPPED:
        return _CANCEL
    if status is OrderStatus.IN_TRANSIT and reason is Reason.NOT_RECEIVED:
        return _REFUND_ONLY
    if status in (OrderStatus.IN_TRANSIT, OrderStatus.OUT_FOR_DELIVERY):
        if fault is Fault.BUYER and excluded:
            return _NEGOTIATE
        procedure = (
            Procedure.INTERCEPT_OR_REFUSE
            if status is OrderStatus.IN_TRANSIT
            else Procedure.REFUSE_DELIVERY
        )
        return (procedure, RefundType.REFUND_ONLY, shipping_for_refusal(fault))
    # received
    if reason in (Reason.MISSING_ITEM, Reason.NOT_RECEIVED):
        return _REFUND_ONLY
    if fault is Fault.SELLER:
        if facts.item_category is ItemCategory.PERISHABLE:
            return _REFUND_ONLY
        if within_window or reason in LATE_RETURNABLE_REASONS:
            return (*_RETURN_REFUND, ShippingPayer.SELLER)
        if reason in LATE_REPAIRABLE_REASONS:
            return (Procedure.EXCHANGE_OR_REPAIR, RefundType.EXCHANGE, ShippingPayer.SELLER)
        raise AssertionError(f"no table row for seller-fault reason {reason}")  # unreachable
    if excluded or facts.item_condition is ItemCondition.USED or not within_window:
        return _NEGOTIATE
    return (*_RETURN_REFUND, buyer_or_insurance(facts))


def escalates(procedure: Procedure, facts: Facts) -> bool:
    """The last row: a valid claim the seller refused or ignored goes to the platform."""
    return (
        procedure is not Procedure.NEGOTIATE_WITH_SELLER
        and facts.seller_response in ESCALATING_RESPONSES
    )


# --- steps -----------------------------------------------------------------

_BASE_STEPS: dict[Procedure, tuple[StepCode, ...]] = {
    Procedure.CANCEL_ORDER: (
        StepCode.OPEN_ORDER,
        StepCode.CANCEL_ORDER,
        StepCode.WAIT_CANCEL_REFUND,
    ),
    Procedure.INTERCEPT_OR_REFUSE: (
        StepCode.ASK_SELLER_INTERCEPT,
        StepCode.ASK_COURIER_INTERCEPT,
        StepCode.REFUSE_IF_NOT_INTERCEPTED,
        StepCode.APPLY_REFUND_ONLY,
        StepCode.WAIT_PARCEL_BACK,
    ),
    Procedure.REFUSE_DELIVERY: (
        StepCode.INSPECT_AT_DOOR,
        StepCode.PHOTOGRAPH_WITH_COURIER,
        StepCode.REFUSE_AT_DOOR,
        StepCode.TELL_SELLER_REFUSED,
        StepCode.APPLY_REFUND_ONLY,
        StepCode.WAIT_PARCEL_BACK,
    ),
    Procedure.RETURN_AND_REFUND: (
        StepCode.PHOTOGRAPH_PROBLEM,
        StepCode.CONTACT_SELLER,
        StepCode.OPEN_AFTER_SALES,
        StepCode.APPLY_RETURN,
        StepCode.SHIP_RETURN,
        StepCode.FILL_TRACKING,
        StepCode.WAIT_REFUND,
    ),
    Procedure.REFUND_ONLY: (
        StepCode.PHOTOGRAPH_PROBLEM,
        StepCode.CONTACT_SELLER,
        StepCode.OPEN_AFTER_SALES,
        StepCode.APPLY_PARTIAL_REFUND,
    ),
    Procedure.EXCHANGE_OR_REPAIR: (
        StepCode.PHOTOGRAPH_PROBLEM,
        StepCode.CONTACT_SELLER,
        StepCode.OPEN_AFTER_SALES,
        StepCode.APPLY_EXCHANGE,
        StepCode.SHIP_RETURN,
        StepCode.FILL_TRACKING,
        StepCode.WAIT_REPLACEMENT,
    ),
}

# refund_only for a parcel that never arrived (section 4): find it, then claim it.
_NOT_RECEIVED_STEPS: dict[OrderStatus, tuple[StepCode, ...]] = {
    OrderStatus.IN_TRANSIT: (
        StepCode.ASK_SELLER_TRACE,
        StepCode.OPEN_AFTER_SALES,
        StepCode.APPLY_REFUND_NOT_RECEIVED,
    ),
    OrderStatus.RECEIVED: (
        StepCode.LOCATE_PARCEL,
        StepCode.ASK_SELLER_TRACE,
        StepCode.OPEN_AFTER_SALES,
        StepCode.APPLY_REFUND_NOT_RECEIVED,
        StepCode.COMPLAIN_TO_COURIER,
    ),
}
# refund_only for fresh food with a seller fault: evidence at once, nothing sent back.
_SPOILED_FOOD_STEPS = (
    StepCode.PHOTOGRAPH_PROBLEM,
    StepCode.CONTACT_SELLER,
    StepCode.OPEN_AFTER_SALES,
    StepCode.APPLY_REFUND_SPOILED,
    StepCode.KEEP_FOOD_UNTIL_CLOSED,
)
# A suspected fake is kept for the Art. 55 claim: it goes nowhere but where the platform says.
_COUNTERFEIT_SHIPPING = (StepCode.ARRANGE_AUTHENTICATION, StepCode.SHIP_ONLY_WHERE_PLATFORM_SAYS)

# After these steps the request exists on the platform; intervention goes next.
_FILING_STEPS = frozenset(
    {
        StepCode.CANCEL_ORDER,
        StepCode.APPLY_REFUND_ONLY,
        StepCode.APPLY_RETURN,
        StepCode.APPLY_EXCHANGE,
        StepCode.APPLY_PARTIAL_REFUND,
        StepCode.APPLY_REFUND_SPOILED,
        StepCode.APPLY_REFUND_NOT_RECEIVED,
    }
)
# Talking to the seller again is pointless once they refused or went silent.
_SELLER_CONTACT_STEPS = frozenset(
    {StepCode.CONTACT_SELLER, StepCode.ASK_SELLER_INTERCEPT, StepCode.ASK_SELLER_TRACE}
)


def base_steps(base: Procedure, facts: Facts, reason: Reason) -> list[StepCode]:
    """The table row's steps before the escalation row reshapes them."""
    if base is Procedure.REFUND_ONLY and reason is Reason.NOT_RECEIVED:
        return list(_NOT_RECEIVED_STEPS[facts.order_status])
    if (
        base is Procedure.REFUND_ONLY
        and reason is not Reason.MISSING_ITEM
        and facts.item_category is ItemCategory.PERISHABLE
    ):
        return list(_SPOILED_FOOD_STEPS)
    steps = list(_BASE_STEPS[base])
    if reason is Reason.COUNTERFEIT and base is Procedure.RETURN_AND_REFUND:
        at = steps.index(StepCode.SHIP_RETURN)
        steps[at : at + 1] = _COUNTERFEIT_SHIPPING
    return steps


def plan_steps(
    base: Procedure, facts: Facts, fault: Fault, reason: Reason, escalated: bool
) -> tuple[StepCode, ...]:
    """The numbered procedure for the consumer, in the order they do it."""
    if base is Procedure.NEGOTIATE_WITH_SELLER:
        if facts.seller_response is SellerResponse.AGREED:
            return (StepCode.FOLLOW_SELLER_AGREEMENT,)
        return (StepCode.ASK_SELLER_GOODWILL, StepCode.CONSIDER_ALTERNATIVES)

    steps = base_steps(base, facts, reason)
    if fault is Fault.BUYER:
        steps = [StepCode.PHOTOGRAPH_ITEM if s is StepCode.PHOTOGRAPH_PROBLEM else s for s in steps]
    if reason is Reason.COUNTERFEIT and facts.order_status is OrderStatus.RECEIVED:
        steps.append(StepCode.CLAIM_COMPENSATION)
    if not escalated:
        return tuple(steps)

    escalated_steps: list[StepCode] = []
    for step in steps:
        if step in _SELLER_CONTACT_STEPS:
            continue
        escalated_steps.append(step)
        if step in _FILING_STEPS:
            escalated_steps.append(StepCode.REQUEST_PLATFORM_INTERVENTION)
    if facts.order_status is OrderStatus.RECEIVED:
        escalated_steps.append(StepCode.COMPLAIN_12315)
    return tuple(escalated_steps)


# --- section 7: evidence ---------------------------------------------------


def collect_evidence(
    facts: Facts, reason: Reason, fault: Fault, base: Procedure, escalated: bool
) -> tuple[tuple[EvidenceCode, bool], ...]:
    """Section 7; `required` means the claim is weak without it (see docs/rules.md)."""
    wanted: dict[EvidenceCode, bool] = {}

    def ask(code: EvidenceCode, *, required: bool) -> None:
        wanted[code] = wanted.get(code, False) or required

    # Item photos and videos need an item in hand: after receipt, never for not_received.
    in_hand = not never_received(facts)
    refusal = base in REFUSAL_PROCEDURES
    if base is not Procedure.CANCEL_ORDER:
        if reason is Reason.PACKAGE_DAMAGED:
            ask(EvidenceCode.PACKAGE_PHOTO, required=True)
        elif facts.package_condition in BAD_PACKAGE:
            ask(EvidenceCode.PACKAGE_PHOTO, required=False)
        if refusal:
            ask(EvidenceCode.WAYBILL_PHOTO, required=reason is Reason.PACKAGE_DAMAGED)
        if reason in (Reason.WRONG_ITEM, Reason.MISSING_ITEM):
            # Section 7: asked for, but required only for a refusal for damage.
            ask(EvidenceCode.WAYBILL_PHOTO, required=False)
        if in_hand and fault is Fault.SELLER and facts.item_category is ItemCategory.PERISHABLE:
            ask(EvidenceCode.WAYBILL_PHOTO, required=False)
        if in_hand:
            ask(EvidenceCode.ITEM_PHOTO, required=fault is Fault.SELLER)
            if reason in (Reason.QUALITY_ISSUE, Reason.PACKAGE_DAMAGED):
                ask(EvidenceCode.DEFECT_PHOTO, required=True)
            if reason is Reason.MISSING_ITEM:
                ask(EvidenceCode.UNBOXING_VIDEO, required=True)
            elif fault is Fault.SELLER:
                ask(EvidenceCode.UNBOXING_VIDEO, required=False)
        if reason in (Reason.NOT_AS_DESCRIBED, Reason.WRONG_ITEM, Reason.COUNTERFEIT):
            ask(EvidenceCode.LISTING_SCREENSHOT, required=reason is Reason.NOT_AS_DESCRIBED)
        if facts.promised_return_days is not None and in_hand:
            ask(EvidenceCode.LISTING_SCREENSHOT, required=False)
        if reason is Reason.NOT_RECEIVED:
            ask(EvidenceCode.TRACKING_SCREENSHOT, required=True)
        if reason is Reason.LATE_SHIPMENT:
            ask(EvidenceCode.TRACKING_SCREENSHOT, required=False)
            ask(EvidenceCode.ORDER_SCREENSHOT, required=False)
        if reason is Reason.COUNTERFEIT:
            ask(EvidenceCode.CHAT_SCREENSHOT, required=False)
            ask(EvidenceCode.ORDER_SCREENSHOT, required=False)
    if escalated:
        ask(EvidenceCode.CHAT_SCREENSHOT, required=True)
        ask(EvidenceCode.ORDER_SCREENSHOT, required=True)
    return tuple((code, wanted[code]) for code in EVIDENCE_ORDER if code in wanted)


# --- section 9: warnings ---------------------------------------------------

# Refusals and returns the buyer causes, which weigh on the account's standing (account_credit).
_CREDITED_PROCEDURES = REFUSAL_PROCEDURES | {Procedure.RETURN_AND_REFUND}


def collect_warnings(
    facts: Facts,
    *,
    reason: Reason,
    fault: Fault,
    base: Procedure,
    payer: ShippingPayer,
    deadline: date | None,
    rest_day_gap: bool = False,
) -> tuple[WarningCode, ...]:
    """Only the warnings that matter for this case, most urgent first."""
    status = facts.order_status
    received = status is OrderStatus.RECEIVED
    negotiate = base is Procedure.NEGOTIATE_WITH_SELLER
    buyer = fault is Fault.BUYER
    counterfeit_kept = reason is Reason.COUNTERFEIT and received
    warnings: list[WarningCode] = []
    if status is OrderStatus.NOT_SHIPPED:
        warnings.append(WarningCode.CANCEL_EARLY)
    if reason is Reason.NOT_RECEIVED:
        warnings.append(WarningCode.DO_NOT_CONFIRM_RECEIPT)
    if base in REFUSAL_PROCEDURES:
        warnings.append(WarningCode.NEVER_SIGN)
    if reason is Reason.COUNTERFEIT and not received:
        warnings.append(WarningCode.COUNTERFEIT_KEEP_FOR_CLAIM)
    if negotiate:
        warnings.append(WarningCode.AGREE_BEFORE_SENDING)
    if buyer and not received and facts.item_category is ItemCategory.CUSTOM_MADE:
        warnings.append(WarningCode.CUSTOM_CANCEL_COSTS)
    if (
        received
        and reason is Reason.QUALITY_ISSUE
        and facts.item_category is ItemCategory.PERISHABLE
    ):
        warnings.append(WarningCode.FOOD_SAFETY_CLAIM)
    if received and fault is Fault.SELLER and deadline is not None:
        warnings.append(WarningCode.ACT_WITHIN_24H)
    if deadline is not None and not negotiate:
        warnings.append(WarningCode.FILE_BEFORE_DEADLINE)
    if rest_day_gap and not negotiate and reason is not Reason.NOT_RECEIVED:
        warnings.append(WarningCode.FILE_AT_ONCE)
    if base is Procedure.EXCHANGE_OR_REPAIR:
        warnings.append(WarningCode.LATE_SELLER_FAULT)
    if received and reason is Reason.LATE_SHIPMENT:
        warnings.append(WarningCode.LATE_SHIPMENT_AFTER_RECEIPT)
    if negotiate:
        warnings.append(WarningCode.PLATFORM_WILL_NOT_SIDE)
    if reason is Reason.COUNTERFEIT:
        warnings.append(WarningCode.KEEP_ALL_EVIDENCE)
    if (
        buyer
        and received
        and (base in SHIP_BACK_PROCEDURES or negotiate)
        and facts.item_condition is not ItemCondition.USED
    ):
        warnings.append(WarningCode.KEEP_TAGS)
    if base in SHIP_BACK_PROCEDURES and not counterfeit_kept:
        warnings.append(WarningCode.TRACKED_COURIER)
    # Section 1's tip: signed but still sealed, a buyer-fault return.
    if (
        buyer
        and base is Procedure.RETURN_AND_REFUND
        and facts.item_condition is ItemCondition.UNOPENED
    ):
        warnings.append(WarningCode.ORIGINAL_WAYBILL_RETURN)
    if buyer and base in REFUSAL_PROCEDURES and facts.shipping_insurance is True:
        warnings.append(WarningCode.INSURANCE_RETURNS_ONLY)
    if (
        payer is ShippingPayer.BUYER
        and facts.shipping_insurance is None
        and base is Procedure.RETURN_AND_REFUND
    ):
        warnings.append(WarningCode.CHECK_INSURANCE)
    if base is Procedure.RETURN_AND_REFUND:
        warnings.append(WarningCode.REFUND_TIMELINE)
    if buyer and base in _CREDITED_PROCEDURES:
        warnings.append(WarningCode.ACCOUNT_CREDIT)
    warnings.append(WarningCode.NO_OFF_PLATFORM)
    return tuple(warnings)


# --- legal basis -----------------------------------------------------------


def collect_legal_basis(
    facts: Facts, *, reason: Reason, fault: Fault, base: Procedure, why_not: WhyNot | None
) -> tuple[LegalCode, ...]:
    """One-line citations that carry this decision, in statute order."""
    codes: set[LegalCode] = set()
    status = facts.order_status
    received = status is OrderStatus.RECEIVED
    if reason is Reason.NOT_RECEIVED:
        # Risk passes on delivery, and delivery is the recipient's own signing.
        codes |= {LegalCode.CIVIL_512, LegalCode.CIVIL_604, LegalCode.ECL_20, LegalCode.ECL_51}
        if received:
            codes.add(LegalCode.COURIER_28)
    elif reason is Reason.LATE_SHIPMENT and fault is Fault.SELLER:
        # The promised shipping time is part of the contract the seller must keep.
        codes.add(LegalCode.CRPL_16)
    elif fault is Fault.SELLER:
        if reason is Reason.PACKAGE_DAMAGED:
            codes.add(LegalCode.ECL_20)
        if received or reason is not Reason.PACKAGE_DAMAGED:
            codes.add(LegalCode.CRPL_24)
        if reason is Reason.NOT_AS_DESCRIBED and received:
            codes.add(LegalCode.CRPL_23)
        if reason is Reason.COUNTERFEIT:
            codes |= {LegalCode.CRPL_55, LegalCode.PENALTIES_16}
        if received and base is Procedure.RETURN_AND_REFUND:
            codes.add(LegalCode.MEASURES_10)
        if base is Procedure.EXCHANGE_OR_REPAIR:
            codes |= {LegalCode.CIVIL_563, LegalCode.CIVIL_610}
        if received and facts.item_category is ItemCategory.PERISHABLE:
            codes.add(LegalCode.CRPL_26)
            if reason is Reason.QUALITY_ISSUE:
                codes.add(LegalCode.FOOD_SAFETY_148)
    elif base is not Procedure.CANCEL_ORDER:
        codes.add(LegalCode.CRPL_25)
        excluded = facts.item_category in EXCLUDED_CATEGORIES
        if excluded:
            if facts.item_category is ItemCategory.CONFIRMED_NON_RETURNABLE:
                codes |= {LegalCode.MEASURES_7, LegalCode.MEASURES_20, LegalCode.REGULATIONS_19}
            else:
                codes.add(LegalCode.MEASURES_6)
        elif status is OrderStatus.RECEIVED:
            if why_not is WhyNot.NOT_INTACT:
                codes |= {LegalCode.MEASURES_8, LegalCode.MEASURES_9}
            elif why_not is WhyNot.WINDOW_EXPIRED:
                codes.add(LegalCode.MEASURES_10)
            else:
                codes |= {LegalCode.MEASURES_10, LegalCode.MEASURES_13, LegalCode.MEASURES_18}
                if facts.item_condition is ItemCondition.OPENED_INTACT:
                    codes.add(LegalCode.MEASURES_8)
        else:
            codes.add(LegalCode.MEASURES_18)
    if facts.promised_return_days is not None and fault is Fault.BUYER and received:
        codes.add(LegalCode.CRPL_16)
    if fault is Fault.BUYER and not received and facts.item_category is ItemCategory.CUSTOM_MADE:
        codes.add(LegalCode.CIVIL_787)
    return tuple(code for code in LEGAL_ORDER if code in codes)


# --- amounts ---------------------------------------------------------------


def art55_compensation(amount: Decimal) -> Decimal:
    """CRPL Art. 55: three times the price, at least 500 yuan."""
    return max(amount * ART55_MULTIPLE, ART55_MINIMUM)


def compensation_claim(facts: Facts, steps: tuple[StepCode, ...]) -> Decimal | None:
    """The Art. 55 amount, when the steps include claiming it and the price is known."""
    if StepCode.CLAIM_COMPENSATION not in steps or facts.amount_paid is None:
        return None
    return art55_compensation(facts.amount_paid)


def request_amount(facts: Facts, reason: Reason, refund_type: RefundType | None) -> Decimal | None:
    """The refund form's amount: the part claimed, else the price paid.

    Blank for an exchange, and for missing items without the missing part's
    amount: the whole order is never claimed for a missing part.
    """
    if refund_type is RefundType.EXCHANGE:
        return None
    if facts.amount_claimed is not None:
        return facts.amount_claimed
    if reason is Reason.MISSING_ITEM:
        return None
    return facts.amount_paid


def followup_applies(base: Procedure) -> bool:
    """Section 8: only where a parcel goes back to the seller."""
    return base in PARCEL_GOES_BACK_PROCEDURES


def appeal_applies(base: Procedure) -> bool:
    """The platform only steps in for a claim; a goodwill request has nothing to appeal."""
    return base is not Procedure.NEGOTIATE_WITH_SELLER


# --- a deadline seen from a day ---------------------------------------------


def urgency_of(days_left: int) -> Urgency:
    if days_left < 0:
        return Urgency.PASSED
    if days_left <= URGENT_DAYS:
        return Urgency.URGENT
    return Urgency.OPEN


def countdown(deadline: date | None, *, today: date) -> Countdown | None:
    """Days left to `deadline` counted on `today` (China time), and how urgent that is.

    A saved case is shown and e-mailed on later days than it was decided on:
    this recounts its deadline on the day it is seen.
    """
    if deadline is None:
        return None
    days_left = (deadline - today).days
    gap = in_rest_day_gap(deadline, today)
    return Countdown(
        deadline=deadline,
        today=today,
        days_left=days_left,
        # In Art. 203's gap the deadline has passed but the window is not closed.
        urgency=Urgency.URGENT if gap else urgency_of(days_left),
        file_at_once_until=legal_last_day(deadline) if gap else None,
    )


# --- the entry point -------------------------------------------------------


def assess(facts: Facts, *, today: date) -> Decision:
    """Decide what the consumer should do; `today` is the date in Asia/Shanghai.

    Raises ValueError for facts the form and the API must already reject: a
    received order without a signing date, or one signed after `today`.
    """
    if facts.order_status is OrderStatus.RECEIVED:
        if facts.received_on is None:
            raise ValueError("received_on is required when order_status is received")
        if facts.received_on > today:
            raise ValueError("received_on cannot be after today")
    if facts.reason is Reason.NOT_RECEIVED and facts.order_status not in NOT_RECEIVED_STATUSES:
        raise ValueError("not_received applies only in transit or once marked signed")
    if facts.promised_return_days is not None and not (
        PROMISED_DAYS_MIN <= facts.promised_return_days <= PROMISED_DAYS_MAX
    ):
        raise ValueError("promised_return_days must be between 8 and 365")
    if (
        facts.amount_claimed is not None
        and facts.amount_paid is not None
        and facts.amount_claimed > facts.amount_paid
    ):
        raise ValueError("amount_claimed cannot be above amount_paid")

    reason = effective_reason(facts)
    fault = fault_of(reason, facts.order_status)
    window_end = window_deadline(facts)
    within = is_within_window(window_end, today)
    # Art. 203's gap: D stays the deadline, but the window is not closed yet.
    gap = in_rest_day_gap(window_end, today)
    legal_end = legal_last_day(window_end) if window_end is not None else None
    base, refund_type, payer = decide_table_row(facts, reason, fault, within or gap)
    escalated = escalates(base, facts)
    procedure = Procedure.PLATFORM_INTERVENTION if escalated else base
    # No right to file by D (negotiate), or nothing received: no deadline, no reminders.
    has_deadline = within and base is not Procedure.NEGOTIATE_WITH_SELLER
    deadline = window_end if has_deadline and reason is not Reason.NOT_RECEIVED else None
    why_not = seven_day_why_not(facts, legal_end, today)
    steps = plan_steps(base, facts, fault, reason, escalated)

    return Decision(
        facts=facts,
        today=today,
        procedure=procedure,
        refund_type=refund_type,
        fault=fault,
        reason=reason,
        return_shipping_paid_by=payer,
        deadline=deadline,
        days_left=(deadline - today).days if deadline is not None else None,
        window_last_day=window_end,
        legal_last_day=legal_end,
        rest_day_gap=gap,
        seven_day_eligible=why_not is None,
        why_not=why_not,
        steps=steps,
        evidence=collect_evidence(facts, reason, fault, base, escalated),
        warnings=collect_warnings(
            facts,
            reason=reason,
            fault=fault,
            base=base,
            payer=payer,
            deadline=deadline,
            rest_day_gap=gap,
        ),
        legal_basis=collect_legal_basis(
            facts, reason=reason, fault=fault, base=base, why_not=why_not
        ),
        escalated=escalated,
        base_procedure=base,
        request_amount=request_amount(facts, reason, refund_type),
        compensation=compensation_claim(facts, steps),
        appeal_applies=appeal_applies(base),
        followup_applies=followup_applies(base),
    )
