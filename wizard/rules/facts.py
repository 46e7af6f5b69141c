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
    WarningCode,
    WhyNot,
)


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

    @property
    def evidence_codes(self) -> tuple[EvidenceCode, ...]:
        return tuple(code for code, _required in self.evidence)

    def to_dict(self, language: Language = Language.ZH_HANS) -> dict[str, Any]:
        """The api.md 200 response body, in `language`."""
        from .render import decision_to_dict  # late: render imports this module

        return decision_to_dict(self, Language(language))
