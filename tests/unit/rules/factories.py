"""Facts builders shared by the rules tests: defaults are a plain, valid case."""

from __future__ import annotations

from datetime import date
from typing import Any

from wizard.flow import facts_from_api
from wizard.rules import Facts, ItemCategory, ItemCondition, OrderStatus, Reason

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
    """The API's JSON body as Facts, through the same mapping the API uses."""
    return facts_from_api(request), date.fromisoformat(request["today"])
