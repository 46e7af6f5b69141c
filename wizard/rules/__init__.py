"""The rules engine of Refund Wizard: plain Python, no Django.

Facts in, `assess(facts, today=...)`, a Decision out; `Decision.to_dict(language)`
gives the api.md response. The wizard, the API and the e-mails all call this
package and never re-decide.
"""

from .codes import (
    BAD_PACKAGE,
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
from .engine import assess, countdown
from .facts import Countdown, Decision, Facts
from .render import followup_message, request_description, request_description_translation
from .texts import describe, format_amount, format_date, label

__all__ = [
    "BAD_PACKAGE",
    "Countdown",
    "Decision",
    "EvidenceCode",
    "Facts",
    "Fault",
    "ItemCategory",
    "ItemCondition",
    "Language",
    "LegalCode",
    "OrderStatus",
    "PackageCondition",
    "Procedure",
    "Reason",
    "RefundType",
    "SellerResponse",
    "ShippingPayer",
    "StepCode",
    "Urgency",
    "WarningCode",
    "WhyNot",
    "assess",
    "countdown",
    "describe",
    "followup_message",
    "format_amount",
    "format_date",
    "label",
    "request_description",
    "request_description_translation",
]
