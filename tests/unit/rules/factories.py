"""Facts builders shared by the rules tests: defaults are a plain, valid case."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from wizard.flow import facts_from_api
from wizard.rules import (
    EvidenceCode,
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
    """The API's JSON body as Facts, through the same mapping the API uses."""
    return facts_from_api(request), date.fromisoformat(request["today"])


ALL_EVIDENCE = frozenset(EvidenceCode)

# The longest values each field takes (forms.TEXT_MAX_LENGTH, PROBLEM_MAX_LENGTH).
LONGEST: dict[str, Any] = {
    "order_number": "P" + "8" * 99,
    "product_name": "加厚羊毛混纺圆领长袖开衫毛衣外套" * 6 + "女款秋冬",
    "merchant_name": "小岛服饰旗舰店" * 14 + "官方店",
    "problem_description": "袖口和前襟有一大块黄色污渍，用清水和洗衣液都洗不掉，" * 8,
    "amount_paid": Decimal("99999.99"),
    "amount_claimed": Decimal("88888.88"),
    "evidence_attached": ALL_EVIDENCE,
}
# Long, but what a real order has: the words fit only shortened next to the rest.
REALISTIC: dict[str, Any] = {
    "order_number": "P20261120123456789012",
    "product_name": "加厚羊毛混纺圆领长袖开衫毛衣外套女款秋冬新款",
    "merchant_name": "小岛服饰旗舰店",
    "problem_description": "袖口有一大块黄色污渍，洗不掉，领口还有开线，和详情页的图片完全不一样"
    * 2,
    "amount_paid": Decimal("1299.00"),
    "evidence_attached": frozenset({EvidenceCode.ITEM_PHOTO, EvidenceCode.DEFECT_PHOTO}),
}
VALUE_SETS = {"longest": LONGEST, "realistic": REALISTIC}


def every_path(values: dict[str, Any]) -> Iterator[Facts]:
    """One Facts per combination of the inputs the decision table reads."""
    for status in OrderStatus:
        reasons = [
            r
            for r in Reason
            if r is not Reason.NOT_RECEIVED
            or status in (OrderStatus.IN_TRANSIT, OrderStatus.RECEIVED)
        ]
        packages = (
            list(PackageCondition)
            if status is OrderStatus.OUT_FOR_DELIVERY
            else [PackageCondition.NOT_SEEN]
        )
        received = status is OrderStatus.RECEIVED
        signed = [TODAY - timedelta(days=2), TODAY - timedelta(days=30)] if received else [None]
        promised = [None, 15] if received else [None]
        for reason, package, category, response, received_on, days, insured in itertools.product(
            reasons,
            packages,
            ItemCategory,
            SellerResponse,
            signed,
            promised,
            (True, None),
        ):
            conditions: list[ItemCondition | None] = [None]
            if received and reason is not Reason.NOT_RECEIVED:
                conditions = [None, *ItemCondition]
            for condition in conditions:
                yield Facts(
                    order_status=status,
                    reason=reason,
                    received_on=received_on,
                    package_condition=package,
                    item_category=category,
                    item_condition=condition,
                    shipping_insurance=insured,
                    seller_response=response,
                    promised_return_days=days,
                    **values,
                )
