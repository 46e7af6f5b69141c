"""Cases for the reminder tests, made the way the wizard makes them (case_create)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from wizard.clock import china_today
from wizard.flow import answers_from_facts
from wizard.models import Case
from wizard.rules import Facts, ItemCategory, ItemCondition, OrderStatus, PackageCondition, Reason
from wizard.services import case_create

CHINA = ZoneInfo("Asia/Shanghai")


def china(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=CHINA)


def received_facts(*, received_on: date, **overrides: Any) -> Facts:
    """A standard item signed for on `received_on`: 7-day return, deadline received_on + 7."""
    values: dict[str, Any] = {
        "order_status": OrderStatus.RECEIVED,
        "reason": Reason.CHANGED_MIND,
        "received_on": received_on,
        # As the wizard saves it: once signed for in hand, the box was looked at.
        "package_condition": PackageCondition.INTACT,
        "item_condition": ItemCondition.OPENED_INTACT,
        "item_category": ItemCategory.STANDARD,
        "order_number": "P12345",
    }
    values.update(overrides)
    return Facts(**values)


def case_with_deadline_in(
    days: int, *, email: str = "buyer@example.com", language: str = "zh-hans"
) -> Case:
    """A case saved today (China time) whose deadline is `days` days ahead.

    "Today" is the clock the caller pinned (time_machine) or, for the tests whose
    worker runs in a child process, the clock that process shares.
    """
    today = china_today()
    facts = received_facts(received_on=today - timedelta(days=7 - days))
    case = case_create(
        facts=facts, answers=answers_from_facts(facts), language=language, email=email
    )
    assert case.deadline == today + timedelta(days=days)
    return case
