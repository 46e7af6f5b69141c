"""Facts builders shared by the rules tests: defaults are a plain, valid case."""

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

TODAY = date(2026, 11, 24)


def received(**overrides: Any) -> Facts:
    """A standard item signed for 4 days before TODAY, opened to inspect."""
    values: dict[str, Any] = {
        "order_status": OrderStatus.RECEIVED,
        "reason": Reason.CHANGED_MIND,
        "received_on": date(2026, 11, 20),
        "item_condition": ItemCondition.OPENED_INTACT,
        "item_category": ItemCategory.STANDARD,
    }
    values.update(overrides)
    return Facts(**values)


def facts(**overrides: Any) -> Facts:
    values: dict[str, Any] = {
        "order_status": OrderStatus.NOT_SHIPPED,
        "reason": Reason.CHANGED_MIND,
    }
    values.update(overrides)
    return Facts(**values)


def facts_from_request(request: dict[str, Any]) -> tuple[Facts, date]:
    """The API's JSON body as Facts (the API layer does the same with validation)."""
    enums = {
        "order_status": OrderStatus,
        "reason": Reason,
        "package_condition": PackageCondition,
        "item_category": ItemCategory,
        "item_condition": ItemCondition,
        "seller_response": SellerResponse,
    }
    values: dict[str, Any] = {}
    for key, value in request.items():
        if key in ("today", "language"):
            continue
        if key in enums:
            values[key] = enums[key](value)
        elif key == "received_on":
            values[key] = date.fromisoformat(value)
        elif key == "amount_paid":
            values[key] = Decimal(value)
        else:
            values[key] = value
    return Facts(**values), date.fromisoformat(request["today"])
