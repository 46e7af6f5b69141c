"""The one seam between Django and the rules engine.

Everything that turns what a person entered into the engine's `Facts`, and
picks the engine's `Language`, lives here: the wizard's step list and which
steps apply (the wizard's conditions), the wizard's cleaned data, the answers
saved with a case and the API's validated body. Nothing else maps them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

from django.utils.translation import get_language

from wizard.clock import china_today
from wizard.rules import (
    BAD_PACKAGE,
    Decision,
    EvidenceCode,
    Facts,
    Fault,
    ItemCategory,
    ItemCondition,
    Language,
    OrderStatus,
    PackageCondition,
    Reason,
    SellerResponse,
    assess,
)
from wizard.rules.engine import fault_of

if TYPE_CHECKING:
    from wizard.api import AssessmentIn


class Step(StrEnum):
    """The wizard's step names, in the order they are asked (also the URL slugs).

    One question per page: the signing day, the item's state and a promised
    longer window are three steps.
    """

    STATUS = "status"
    PACKAGE = "package"
    REASON = "reason"
    RECEIVED = "received"
    CONDITION = "condition"
    PROMISED = "promised"
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

# The wizard's own answer to "where is your order now?" next to the four order
# statuses: the tracking says signed, but the consumer does not have the parcel.
# It is order_status `received` with reason `not_received` (domain.md section 2),
# so the plain 已签收 answer means "in my hands" and never offers 未收到货.
MARKED_SIGNED = "marked_signed"

STATUS_ANSWERS: tuple[str, ...] = (*(s.value for s in OrderStatus), MARKED_SIGNED)


# --- which reasons each stage can know ------------------------------------------

# Reasons a consumer can know before holding the goods: a change of mind, a
# mistake, a better deal, slow or late shipping (domain.md section 2).
_BEFORE_RECEIPT: tuple[Reason, ...] = (
    Reason.CHANGED_MIND,
    Reason.ORDERED_WRONG,
    Reason.FOUND_CHEAPER,
    Reason.SLOW_SHIPPING,
    Reason.LATE_SHIPMENT,
)

# The reasons offered at each stage (docs/rules.md, "The wizard's questions").
# Before shipping only the consumer's own reasons (cancelling is free anyway);
# in transit also a suspected fake (section 4) and a lost or stalled parcel; at
# the door also a waybill that names another item (seed part 二.2); the size,
# the style, a defect, a missing part or a description mismatch need the item in
# hand, so they are offered once it is signed for. `not_received` once signed is
# the status answer MARKED_SIGNED, never a reason under "signed, in my hands".
REASONS_BY_STATUS: dict[OrderStatus, tuple[Reason, ...]] = {
    OrderStatus.NOT_SHIPPED: _BEFORE_RECEIPT,
    OrderStatus.IN_TRANSIT: (*_BEFORE_RECEIPT, Reason.COUNTERFEIT, Reason.NOT_RECEIVED),
    OrderStatus.OUT_FOR_DELIVERY: (*_BEFORE_RECEIPT, Reason.WRONG_ITEM, Reason.COUNTERFEIT),
    OrderStatus.RECEIVED: tuple(r for r in Reason if r is not Reason.NOT_RECEIVED),
}


def reasons_for(status: OrderStatus | None) -> tuple[Reason, ...]:
    """The reason choices offered for an order in `status` (in the enum's order)."""
    offered = REASONS_BY_STATUS[status or OrderStatus.NOT_SHIPPED]
    return tuple(reason for reason in Reason if reason in offered)


def packages_for(status: OrderStatus | None) -> tuple[PackageCondition, ...]:
    """The parcel's looks offered: "haven't seen it" only while it is not signed for."""
    if status is OrderStatus.RECEIVED:
        return tuple(p for p in PackageCondition if p is not PackageCondition.NOT_SEEN)
    return tuple(PackageCondition)


def door_override_decides(status: OrderStatus | None, package: Any) -> bool:
    """At the door with a damaged, wet or tampered parcel the refusal is for 包裹破损.

    The parcel's state decides the reason (domain.md section 2), so it is not asked.
    """
    return status is OrderStatus.OUT_FOR_DELIVERY and package in BAD_PACKAGE


def item_in_hand(reason: Any) -> bool:
    """With `not_received` there is no item whose condition or return window matters."""
    return reason != Reason.NOT_RECEIVED


# --- the route: the answers that decide which steps are asked --------------------


def _order_status(value: Any) -> OrderStatus | None:
    if value == MARKED_SIGNED:
        return OrderStatus.RECEIVED
    try:
        return OrderStatus(value) if value else None
    except ValueError:
        return None


def _member(enum: Any, value: Any) -> Any:
    try:
        return enum(value) if value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Route:
    """What is known of the three answers that shape the wizard (None: not known yet).

    `package` and `reason` hold only answers the wizard would ask for the
    status (and the package) given: an answer left from another route is not
    part of it. A reason the wizard decides itself (the door override, a parcel
    marked signed but never received) is `decided_reason`, not `reason`.
    """

    status_answer: str | None = None
    package: PackageCondition | None = None
    reason: Reason | None = None

    @property
    def status(self) -> OrderStatus | None:
        return _order_status(self.status_answer)

    @property
    def decided_reason(self) -> Reason | None:
        if self.status_answer == MARKED_SIGNED:
            return Reason.NOT_RECEIVED
        if door_override_decides(self.status, self.package):
            return Reason.PACKAGE_DAMAGED
        return None

    @property
    def effective_reason(self) -> Reason | None:
        return self.decided_reason or self.reason

    @classmethod
    def of(cls, status: Any = None, package: Any = None, reason: Any = None) -> Route:
        """The route of raw answers: unknown codes and answers off the route dropped."""
        answer = status if status in STATUS_ANSWERS else None
        route = cls(status_answer=answer)
        if _applies(Step.PACKAGE, route):
            member = _member(PackageCondition, package)
            route = cls(answer, member if member in packages_for(route.status) else None)
        if _applies(Step.REASON, route):
            member = _member(Reason, reason)
            if member in reasons_for(route.status):
                route = cls(route.status_answer, route.package, member)
        return route


def _seller_fault(reason: Reason | None, status: OrderStatus | None) -> bool:
    """Whether the fault is the seller's (False while the reason or status is unknown)."""
    if reason is None or status is None:
        return False
    return fault_of(reason, status) is Fault.SELLER


def _applies(step: Step, route: Route) -> bool:
    """Whether `step` is asked on `route`; an unknown answer never rules a step out."""
    status, reason = route.status, route.effective_reason
    if step is Step.PACKAGE:
        # The parcel's outside matters at the door and once signed for in hand.
        return status is OrderStatus.OUT_FOR_DELIVERY or (
            status is OrderStatus.RECEIVED and route.status_answer != MARKED_SIGNED
        )
    if step is Step.REASON:
        return route.decided_reason is None
    if step is Step.RECEIVED:
        return status is OrderStatus.RECEIVED
    if step in (Step.CONDITION, Step.PROMISED):
        # A parcel that never arrived has no condition and no return window.
        return status is OrderStatus.RECEIVED and item_in_hand(reason)
    if step is Step.CATEGORY:
        # Before receipt the kind of goods matters only for the buyer's own reasons
        # (the exclusions, a made-to-order cancellation): not for a seller's fault.
        if status in (None, OrderStatus.NOT_SHIPPED):
            return status is None
        return status is OrderStatus.RECEIVED or not _seller_fault(reason, status)
    if step is Step.INSURANCE:
        # 运费险 can only matter where the buyer pays the way back.
        if status in (None, OrderStatus.NOT_SHIPPED):
            return status is None
        return not _seller_fault(reason, status)
    return True


def asked_steps(route: Route) -> list[Step]:
    """The steps the wizard asks on `route`, in order (unknown answers rule nothing out)."""
    return [step for step in Step if _applies(step, route)]


def step_applies(step: Step, status: OrderStatus | str | None, **answers: Any) -> bool:
    """Whether the wizard asks `step` of an order in `status` (None: not answered yet).

    `package_condition` and `reason` may be given as far as they are known.
    """
    return _applies(
        step,
        Route.of(
            status.value if isinstance(status, OrderStatus) else status,
            answers.get("package_condition"),
            answers.get("reason"),
        ),
    )


# The answers each step collects (the names of its form's fields); the steps
# after the seller's answer always apply.
ANSWERS_OF_STEPS: dict[Step, tuple[str, ...]] = {
    Step.STATUS: ("order_status",),
    Step.PACKAGE: ("package_condition",),
    Step.REASON: ("reason",),
    Step.RECEIVED: ("received_on",),
    Step.CONDITION: ("item_condition",),
    Step.PROMISED: ("promised_return_days",),
    Step.CATEGORY: ("item_category",),
    Step.INSURANCE: ("shipping_insurance",),
}

# The steps some answers leave out, and what they collect.
ANSWERS_OF_CONDITIONAL_STEPS: dict[Step, tuple[str, ...]] = {
    step: keys for step, keys in ANSWERS_OF_STEPS.items() if step is not Step.STATUS
}


# --- the progress line ------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """ "Question n of m": m is the most questions any answers still to come can ask.

    As answers come, the routes still possible only narrow, so m never goes up;
    `exact` once every possible route asks the same number of questions.
    """

    number: int
    total: int
    exact: bool


def _completions(known: Route) -> list[Route]:
    """Every route the answers still to come can take from `known`."""
    statuses = [known.status_answer] if known.status_answer else list(STATUS_ANSWERS)
    routes: list[Route] = []
    for status in statuses:
        base = Route(status_answer=status)
        packages: list[Any] = [None]
        if _applies(Step.PACKAGE, base):
            packages = [known.package] if known.package else list(packages_for(base.status))
        for package in packages:
            with_package = Route(status, package)
            reasons: list[Any] = [None]
            if _applies(Step.REASON, with_package):
                reasons = [known.reason] if known.reason else list(reasons_for(base.status))
            routes.extend(Route(status, package, reason) for reason in reasons)
    return routes


@cache
def progress(known: Route, current: Step) -> Progress | None:
    """The progress line on `current`, from the answers given before it (`known`).

    Pure, and its inputs are a few hundred (status x parcel x reason x step), while
    each call walks every route still possible: kept per process once computed.
    """
    steps = asked_steps(known)
    if current not in steps:
        return None
    counts = {len(asked_steps(route)) for route in _completions(known)}
    return Progress(number=steps.index(current) + 1, total=max(counts), exact=len(counts) == 1)


# --- the wizard's conditions ------------------------------------------------------


class _Wizard(Protocol):
    def get_cleaned_data_for_step(self, step: str) -> dict[str, Any] | None: ...


def route_of_wizard(
    cleaned_data_for_step: Callable[[str], Any], *, before: Step | None = None
) -> Route:
    """The route of the wizard's stored answers (only those asked before `before`)."""
    order = list(Step)

    def answer(step: Step, key: str) -> Any:
        if before is not None and order.index(step) >= order.index(before):
            return None
        return (cleaned_data_for_step(step) or {}).get(key)

    status = answer(Step.STATUS, "order_status")
    if status is None:
        return Route()
    return Route.of(
        status,
        answer(Step.PACKAGE, "package_condition"),
        answer(Step.REASON, "reason"),
    )


def _condition(step: Step) -> Callable[[_Wizard], bool]:
    def condition(wizard: _Wizard) -> bool:
        return _applies(step, route_of_wizard(wizard.get_cleaned_data_for_step, before=step))

    condition.__name__ = f"asks_{step.value}"
    return condition


CONDITIONS: dict[str, Callable[[_Wizard], bool]] = {
    step: _condition(step) for step in ANSWERS_OF_CONDITIONAL_STEPS
}
"""The wizard's `condition_dict` (django-formtools calls each with the wizard view)."""


def form_kwargs(step: str, cleaned_data_for_step: Callable[[str], Any]) -> dict[str, Any]:
    """What a step's form needs from earlier answers (the wizard's get_form_kwargs).

    The package step offers the looks of the order's stage, the reason step the
    reasons of the stage; the signing step asks a lost parcel's tracking day.
    """
    if step not in (Step.PACKAGE, Step.REASON, Step.RECEIVED):
        return {}
    status = (cleaned_data_for_step(Step.STATUS) or {}).get("order_status")
    if step == Step.PACKAGE:
        return {"order_status": _order_status(status)}
    if step == Step.REASON:
        return {"order_status": _order_status(status)}
    return {"reason": Reason.NOT_RECEIVED if status == MARKED_SIGNED else None}


def wizard_values(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Saved answers as the wizard's fields take them: a parcel marked signed but never
    received is the status answer MARKED_SIGNED (its reason is not asked)."""
    values = dict(answers)
    if values.get("order_status") == OrderStatus.RECEIVED and (
        values.get("reason") == Reason.NOT_RECEIVED
    ):
        values["order_status"] = MARKED_SIGNED
    return values


def step_answers(answers: Mapping[str, Any]) -> dict[Step, dict[str, Any]]:
    """The answers of each step asked, from answers by field name (e.g. Case.answers).

    Where the wizard decides the reason itself (a parcel marked signed but never
    received, a bad parcel at the door) the reason step is not asked.
    """
    status = answers.get("order_status")
    if status == OrderStatus.RECEIVED and answers.get("reason") == Reason.NOT_RECEIVED:
        status = MARKED_SIGNED
    route = Route.of(status, answers.get("package_condition"), answers.get("reason"))
    result: dict[Step, dict[str, Any]] = {}
    for step in asked_steps(route):
        keys = ANSWERS_OF_STEPS.get(step, ())
        values = {key: answers[key] for key in keys if _present(answers.get(key))}
        if step is Step.STATUS and route.status_answer:
            values = {"order_status": route.status_answer}
        if values:
            result[step] = values
    return result


# --- the door: a parcel in front of the consumer -----------------------------------

# What each button of the door page (/door/) already answers: the courier is at
# the door or the parcel waits in a locker or station, so the order status is
# out_for_delivery; the parcel's looks (and for a suspected fake, the reason).
DOOR_ANSWERS: dict[str, dict[str, str]] = {
    PackageCondition.DAMAGED: {"package_condition": PackageCondition.DAMAGED},
    PackageCondition.WET: {"package_condition": PackageCondition.WET},
    PackageCondition.TAMPERED: {"package_condition": PackageCondition.TAMPERED},
    "unwanted": {"package_condition": PackageCondition.INTACT},
    "suspected_fake": {
        "package_condition": PackageCondition.INTACT,
        "reason": Reason.COUNTERFEIT,
    },
}


def door_start(choice: str) -> tuple[dict[Step, dict[str, Any]], Step] | None:
    """The answers of the steps a door button answers, and the first step left to ask.

    None for a choice the door page does not offer.
    """
    answers = DOOR_ANSWERS.get(choice)
    if answers is None:
        return None
    answers = {"order_status": OrderStatus.OUT_FOR_DELIVERY.value, **answers}
    prefilled = step_answers(answers)
    steps = asked_steps(
        Route.of(answers["order_status"], answers["package_condition"], answers.get("reason"))
    )
    first = next(step for step in steps if step not in prefilled)
    return prefilled, first


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


def _in_hand(reason: Reason, condition: ItemCondition | None) -> ItemCondition | None:
    """Not received: there is no item in hand whose condition could matter (domain.md §2)."""
    return None if reason is Reason.NOT_RECEIVED else condition


def _facts(data: Mapping[str, Any]) -> Facts:
    """Facts from a mapping of wire values: absent or blank keys take the engine's defaults."""
    item_condition: Any = data.get("item_condition")
    insurance = data.get("shipping_insurance")
    reason = Reason(data["reason"])
    return Facts(
        order_status=OrderStatus(data["order_status"]),
        reason=reason,
        received_on=_day(data.get("received_on")),
        package_condition=PackageCondition(
            data.get("package_condition") or PackageCondition.NOT_SEEN
        ),
        item_category=ItemCategory(data.get("item_category") or ItemCategory.STANDARD),
        item_condition=_in_hand(
            reason, ItemCondition(item_condition) if _present(item_condition) else None
        ),
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
    """Facts from the API's body once validated (api.md) as a mapping: wire codes, ISO
    dates, yuan. The API itself reads them off its validated model (`facts_from_body`).

    `today` and `language` are not facts of the order and are ignored here.
    """
    return _facts(data)


def facts_from_body(body: AssessmentIn) -> Facts:
    """Facts read straight off the API's validated body (wizard.api.AssessmentIn).

    Its fields already hold the engine's types (enum members, dates, Decimals): nothing is
    dumped to a mapping and converted back. The same facts as `facts_from_api` of the
    dumped body, over every public scenario, every path of the decision table and random
    bodies (tests/integration/test_api_endpoint.py).
    """
    return Facts(
        order_status=body.order_status,
        reason=body.reason,
        received_on=body.received_on,
        package_condition=body.package_condition,
        item_category=body.item_category,
        item_condition=_in_hand(body.reason, body.item_condition),
        shipping_insurance=body.shipping_insurance,
        seller_response=body.seller_response,
        amount_paid=body.amount_paid,
        order_number=body.order_number.strip(),
        merchant_name=body.merchant_name.strip(),
        product_name=body.product_name.strip(),
        promised_return_days=body.promised_return_days,
        amount_claimed=body.amount_claimed,
        problem_description=body.problem_description.strip(),
        evidence_attached=frozenset(body.evidence_attached),
    )


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

    An answer to a step that does not apply to the route is ignored, so an
    answer left over from an earlier route never reaches the engine.
    `evidence_attached` is the checklist items the run's uploaded files are under.
    """
    route = Route.of(data.get("order_status"), data.get("package_condition"), data.get("reason"))
    status, reason = route.status, route.effective_reason
    if status is None or reason is None:
        return None
    steps = asked_steps(route)
    if Step.RECEIVED in steps and not data.get("received_on"):
        return None
    if Step.CONDITION in steps and not data.get("item_condition"):
        return None

    values = {**data, "evidence_attached": evidence_attached}
    values["order_status"] = status.value
    values["reason"] = reason.value
    for step, keys in ANSWERS_OF_CONDITIONAL_STEPS.items():
        if step not in steps and step is not Step.REASON:
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
