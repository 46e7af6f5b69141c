"""The one seam between Django and the rules engine.

Everything that turns what a person entered into the engine's `Facts`, and
picks the engine's `Language`, lives here: the wizard's step list and which
steps apply (the wizard's conditions), the wizard's cleaned data, the answers
saved with a case and the API's validated body. Nothing else maps them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, Protocol

from django.utils.translation import get_language

from wizard.clock import china_today
from wizard.rules import (
    BAD_PACKAGE,
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


class Step(StrEnum):
    """The wizard's step names, in the order they are asked (also the URL slugs)."""

    STATUS = "status"
    PACKAGE = "package"
    REASON = "reason"
    RECEIVED = "received"
    CATEGORY = "category"
    INSURANCE = "insurance"
    SELLER = "seller"
    DETAILS = "details"
    EVIDENCE = "evidence"
    EMAIL = "email"
    CONFIRM = "confirm"


class Insurance(StrEnum):
    """运费险 on the order, as the wizard asks it: the engine takes True/False/None."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


INSURANCE_VALUES: dict[str, bool | None] = {
    Insurance.YES: True,
    Insurance.NO: False,
    Insurance.UNKNOWN: None,
}


# --- which steps apply ---------------------------------------------------------


def at_the_door(status: OrderStatus | None) -> bool:
    """The parcel's outside only matters once it is at the door or signed for."""
    return status in (OrderStatus.OUT_FOR_DELIVERY, OrderStatus.RECEIVED)


def received(status: OrderStatus | None) -> bool:
    return status is OrderStatus.RECEIVED


def shipped(status: OrderStatus | None) -> bool:
    """Item kind and shipping insurance play no part before the order ships."""
    return status is not None and status is not OrderStatus.NOT_SHIPPED


# The steps asked only for some order statuses; every other step always applies.
APPLIES_WHEN: dict[Step, Callable[[OrderStatus | None], bool]] = {
    Step.PACKAGE: at_the_door,
    Step.RECEIVED: received,
    Step.CATEGORY: shipped,
    Step.INSURANCE: shipped,
}


# The answers each of those steps collects (the names of its form's fields).
ANSWERS_OF_CONDITIONAL_STEPS: dict[Step, tuple[str, ...]] = {
    Step.PACKAGE: ("package_condition",),
    Step.RECEIVED: ("received_on", "item_condition", "promised_return_days"),
    Step.CATEGORY: ("item_category",),
    Step.INSURANCE: ("shipping_insurance",),
}


# --- which reasons, and whether the reason is asked at all --------------------------

# The reasons that make sense at each stage (domain.md section 2): a parcel can be
# "not received" only while on its way or once marked signed, never before it
# ships or while the courier is at the door.
REASONS_BY_STATUS: dict[OrderStatus, tuple[Reason, ...]] = {
    status: tuple(
        reason
        for reason in Reason
        if reason is not Reason.NOT_RECEIVED
        or status in (OrderStatus.IN_TRANSIT, OrderStatus.RECEIVED)
    )
    for status in OrderStatus
}


def reasons_for(status: OrderStatus | None) -> tuple[Reason, ...]:
    """The reason choices offered for an order in `status` (all but not_received if unknown)."""
    if status is None:
        return REASONS_BY_STATUS[OrderStatus.NOT_SHIPPED]
    return REASONS_BY_STATUS[status]


def door_override_decides(status: OrderStatus | None, package: Any) -> bool:
    """At the door with a damaged, wet or tampered parcel the refusal is for 包裹破损.

    The parcel's state decides the reason (domain.md section 2), so it is not asked.
    """
    return status is OrderStatus.OUT_FOR_DELIVERY and package in BAD_PACKAGE


def item_in_hand(reason: Any) -> bool:
    """With `not_received` there is no item whose condition or return window matters."""
    return reason != Reason.NOT_RECEIVED


def step_applies(step: Step, status: OrderStatus | None, *, package_condition: Any = None) -> bool:
    """Whether the wizard asks `step` of an order in `status` (None: not answered yet)."""
    if step is Step.REASON:
        return not door_override_decides(status, package_condition)
    rule = APPLIES_WHEN.get(step)
    return rule is None or rule(status)


def form_kwargs(step: str, cleaned_data_for_step: Callable[[str], Any]) -> dict[str, Any]:
    """What a step's form needs from earlier answers (the wizard's get_form_kwargs).

    The reason step offers the reasons of the order's stage; the signing step
    leaves out the item's condition and the promised window for not_received.
    """
    if step == Step.REASON:
        status = (cleaned_data_for_step(Step.STATUS) or {}).get("order_status")
        return {"order_status": _order_status(status)}
    if step == Step.RECEIVED:
        return {"reason": (cleaned_data_for_step(Step.REASON) or {}).get("reason")}
    return {}


def _order_status(value: Any) -> OrderStatus | None:
    try:
        return OrderStatus(value) if value else None
    except ValueError:
        return None


class _Wizard(Protocol):
    def get_cleaned_data_for_step(self, step: str) -> dict[str, Any] | None: ...


def _condition(step: Step) -> Callable[[_Wizard], bool]:
    def condition(wizard: _Wizard) -> bool:
        status = (wizard.get_cleaned_data_for_step(Step.STATUS) or {}).get("order_status")
        return step_applies(step, _order_status(status))

    condition.__name__ = f"asks_{step.value}"
    return condition


def _asks_reason(wizard: _Wizard) -> bool:
    status = _order_status(
        (wizard.get_cleaned_data_for_step(Step.STATUS) or {}).get("order_status")
    )
    if status is not OrderStatus.OUT_FOR_DELIVERY:
        return True
    package = (wizard.get_cleaned_data_for_step(Step.PACKAGE) or {}).get("package_condition")
    return step_applies(Step.REASON, status, package_condition=package)


CONDITIONS: dict[str, Callable[[_Wizard], bool]] = {
    **{step: _condition(step) for step in APPLIES_WHEN},
    Step.REASON: _asks_reason,
}
"""The wizard's `condition_dict` (django-formtools calls each with the wizard view)."""


# --- the language ---------------------------------------------------------------


def ui_language() -> Language:
    """The engine's Language for the language this request is served in."""
    return Language.from_code(get_language())


# --- Facts ----------------------------------------------------------------------


def _present(value: Any) -> bool:
    return value not in (None, "")


def _text(value: Any) -> str:
    return str(value or "").strip()


def _day(value: date | str | None) -> date | None:
    if not _present(value):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _amount(value: Decimal | str | int | float | None) -> Decimal | None:
    if not _present(value):
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _promised_days(value: Any) -> int | None:
    return int(value) if _present(value) else None


def _evidence(values: Any) -> frozenset[EvidenceCode]:
    return frozenset(EvidenceCode(code) for code in (values or ()))


def _facts(data: Mapping[str, Any]) -> Facts:
    """Facts from a mapping of wire values: absent or blank keys take the engine's defaults."""
    item_condition: Any = data.get("item_condition")
    insurance = data.get("shipping_insurance")
    reason = Reason(data["reason"])
    if reason is Reason.NOT_RECEIVED:
        # There is no item in hand whose condition could matter (domain.md section 2).
        item_condition = None
    return Facts(
        order_status=OrderStatus(data["order_status"]),
        reason=reason,
        received_on=_day(data.get("received_on")),
        package_condition=PackageCondition(
            data.get("package_condition") or PackageCondition.NOT_SEEN
        ),
        item_category=ItemCategory(data.get("item_category") or ItemCategory.STANDARD),
        item_condition=ItemCondition(item_condition) if _present(item_condition) else None,
        shipping_insurance=None if insurance is None else bool(insurance),
        seller_response=SellerResponse(data.get("seller_response") or SellerResponse.NOT_CONTACTED),
        amount_paid=_amount(data.get("amount_paid")),
        order_number=_text(data.get("order_number")),
        merchant_name=_text(data.get("merchant_name")),
        product_name=_text(data.get("product_name")),
        promised_return_days=_promised_days(data.get("promised_return_days")),
        amount_claimed=_amount(data.get("amount_claimed")),
        problem_description=_text(data.get("problem_description")),
        evidence_attached=_evidence(data.get("evidence_attached")),
    )


def facts_from_api(data: Mapping[str, Any]) -> Facts:
    """Facts from the API's body once validated (api.md): wire codes, ISO dates, yuan.

    `today` and `language` are not facts of the order and are ignored here.
    """
    return _facts(data)


def facts_from_answers(
    answers: Mapping[str, Any], *, evidence_attached: Iterable[EvidenceCode] | None = None
) -> Facts:
    """Facts from the JSON-safe answers saved with a case (see `answers_from_facts`).

    `evidence_attached`, when given, is what the case's files really are
    (their checklist items) and replaces the answers' own list.
    Raises KeyError or ValueError for answers the engine cannot read.
    """
    if evidence_attached is not None:
        answers = {**answers, "evidence_attached": evidence_attached}
    return _facts(answers)


def answers_from_facts(facts: Facts) -> dict[str, Any]:
    """The JSON-safe form of Facts, as stored in Case.answers."""
    return {
        "order_status": facts.order_status.value,
        "reason": facts.reason.value,
        "received_on": facts.received_on.isoformat() if facts.received_on else None,
        "package_condition": facts.package_condition.value,
        "item_category": facts.item_category.value,
        "item_condition": facts.item_condition.value if facts.item_condition else None,
        "shipping_insurance": facts.shipping_insurance,
        "seller_response": facts.seller_response.value,
        "amount_paid": f"{facts.amount_paid:.2f}" if facts.amount_paid is not None else None,
        "order_number": facts.order_number,
        "merchant_name": facts.merchant_name,
        "product_name": facts.product_name,
        "promised_return_days": facts.promised_return_days,
        "amount_claimed": (
            f"{facts.amount_claimed:.2f}" if facts.amount_claimed is not None else None
        ),
        "problem_description": facts.problem_description,
        "evidence_attached": sorted(code.value for code in facts.evidence_attached),
    }


def facts_from_steps(
    data: Mapping[str, Any], *, evidence_attached: Iterable[EvidenceCode] = ()
) -> Facts | None:
    """Facts from the wizard's cleaned data so far, or None while not yet decidable.

    An answer to a step that does not apply to the order's status is ignored,
    so an answer left over from an earlier route never reaches the engine.
    `evidence_attached` is the checklist items the run's uploaded files are under.
    """
    status = _order_status(data.get("order_status"))
    values = {**data, "evidence_attached": evidence_attached}
    package = data.get("package_condition") if step_applies(Step.PACKAGE, status) else None
    if status is not None and door_override_decides(status, package):
        values["reason"] = Reason.PACKAGE_DAMAGED.value
    reason = values.get("reason")
    if status is None or not reason or reason not in reasons_for(status):
        return None
    if step_applies(Step.RECEIVED, status) and not (
        data.get("received_on") and (data.get("item_condition") or not item_in_hand(reason))
    ):
        return None

    for step, keys in ANSWERS_OF_CONDITIONAL_STEPS.items():
        if not step_applies(step, status):
            values.update(dict.fromkeys(keys))
    values["shipping_insurance"] = INSURANCE_VALUES.get(values.get("shipping_insurance") or "")
    return _facts(values)


def answers_from_steps(data: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON-safe answers saved with a case (raises ValueError when incomplete)."""
    facts = facts_from_steps(data)
    if facts is None:
        raise ValueError("the wizard's answers are incomplete")
    return answers_from_facts(facts)


def decision_for_steps(data: Mapping[str, Any], *, today: date) -> Decision | None:
    """The engine's decision on the wizard's answers so far (None while not decidable)."""
    facts = facts_from_steps(data)
    return assess(facts, today=today) if facts is not None else None


def evidence_codes_for_steps(data: Mapping[str, Any]) -> list[EvidenceCode]:
    """What evidence the engine asks for on the answers so far ([] when not decidable)."""
    decision = decision_for_steps(data, today=china_today())
    return list(decision.evidence_codes) if decision is not None else []
