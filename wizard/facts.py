"""Conversion between stored answers (JSON-safe dicts) and the engine's Facts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from wizard.rules import (
    Facts,
    ItemCategory,
    ItemCondition,
    OrderStatus,
    PackageCondition,
    Reason,
    SellerResponse,
)


def facts_from_answers(answers: dict[str, Any]) -> Facts:
    """Build Facts from the JSON-safe answers saved with a case."""

    def opt(key: str) -> Any:
        value = answers.get(key)
        return None if value in (None, "") else value

    received_on = opt("received_on")
    item_condition = opt("item_condition")
    amount = opt("amount_paid")
    return Facts(
        order_status=OrderStatus(answers["order_status"]),
        reason=Reason(answers["reason"]),
        received_on=date.fromisoformat(received_on) if received_on else None,
        package_condition=PackageCondition(opt("package_condition") or "not_seen"),
        item_category=ItemCategory(opt("item_category") or "standard"),
        item_condition=ItemCondition(item_condition) if item_condition else None,
        shipping_insurance=answers.get("shipping_insurance"),
        seller_response=SellerResponse(opt("seller_response") or "not_contacted"),
        amount_paid=Decimal(str(amount)) if amount else None,
        order_number=answers.get("order_number") or "",
        merchant_name=answers.get("merchant_name") or "",
        product_name=answers.get("product_name") or "",
    )


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
    }
