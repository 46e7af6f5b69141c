"""What goes into the engine (Facts) and what comes out (Decision).

Both are frozen so a Decision can be cached, compared in tests and handed to
templates without anyone re-deciding or mutating it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from .codes import (
    EvidenceCode,
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
    Urgency,
    WarningCode,
    WhyNot,
)
from .render import decision_to_dict


@dataclass(frozen=True, kw_only=True)
class Facts:
    """The consumer's answers, already validated by the form or the API."""

    order_status: OrderStatus
    reason: Reason
    received_on: date | None = None
    package_condition: PackageCondition = PackageCondition.NOT_SEEN
    item_category: ItemCategory = ItemCategory.STANDARD
    item_condition: ItemCondition | None = None
    shipping_insurance: bool | None = None
    seller_response: SellerResponse = SellerResponse.NOT_CONTACTED
    amount_paid: Decimal | None = None
    order_number: str = ""
    merchant_name: str = ""
    product_name: str = ""
    # The no-reason window the listing promised (e.g. 15天无理由), 8 to 365 days.
    promised_return_days: int | None = None
    # The part claimed (a missing part, a spoiled share); never above amount_paid.
    amount_claimed: Decimal | None = None
    # The consumer's own words about the problem, at most 200 characters.
    problem_description: str = ""
    # The evidence the consumer really attached (never what we merely asked for).
    evidence_attached: frozenset[EvidenceCode] = frozenset()


@dataclass(frozen=True, kw_only=True)
class Decision:
    """The outcome of `assess`: codes only; texts come from `to_dict`/`texts`."""

    facts: Facts
    today: date
    procedure: Procedure
    refund_type: RefundType | None
    fault: Fault
    reason: Reason
    return_shipping_paid_by: ShippingPayer
    deadline: date | None
    days_left: int | None
    # The 7-day window's last day once the parcel is signed for, also after it
    # has passed (deadline is None then).
    window_last_day: date | None
    # Civil Code Art. 203: the last day the law allows (the first workday on or
    # after D when D is a statutory rest day); None with window_last_day.
    legal_last_day: date | None
    # D < today <= legal_last_day: no deadline runs, but the window is not
    # closed either: the outcome says file at once (warning file_at_once).
    rest_day_gap: bool
    seven_day_eligible: bool
    why_not: WhyNot | None
    steps: tuple[StepCode, ...]
    evidence: tuple[tuple[EvidenceCode, bool], ...]
    warnings: tuple[WarningCode, ...]
    legal_basis: tuple[LegalCode, ...]
    escalated: bool
    # The table row's procedure before the escalation row was applied: the
    # steps and messages still need to know what is being claimed.
    base_procedure: Procedure
    # The amount to enter in the platform's refund form (None: leave it blank).
    request_amount: Decimal | None
    # CRPL Art. 55 compensation the buyer can claim (None: no claim, or no price).
    compensation: Decimal | None
    # Whether asking the platform to step in can help (not for goodwill requests).
    appeal_applies: bool
    # Whether a parcel goes back to the seller, so a refund follow-up applies (section 8).
    followup_applies: bool

    @property
    def evidence_codes(self) -> tuple[EvidenceCode, ...]:
        return tuple(code for code, _required in self.evidence)

    def to_dict(self, language: Language = Language.ZH_HANS) -> dict[str, Any]:
        """The api.md 200 response body, in `language`."""
        return decision_to_dict(
            self, language if isinstance(language, Language) else Language(language)
        )


@dataclass(frozen=True, kw_only=True)
class Countdown:
    """A deadline seen from one day: what the case page and the e-mails show."""

    deadline: date
    today: date
    days_left: int  # negative once the deadline has passed
    urgency: Urgency
    # D has passed but Art. 203 keeps the window open until this day: file at once.
    file_at_once_until: date | None = None

    @property
    def file_at_once(self) -> bool:
        return self.file_at_once_until is not None

    @property
    def passed(self) -> bool:
        return self.urgency is Urgency.PASSED and not self.file_at_once
