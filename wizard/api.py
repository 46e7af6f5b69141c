"""`POST /api/v1/assessments`: the rules engine as JSON (see docs/api.md).

The body is parsed by hand before pydantic sees it so that every failure mode
named by the interface gets its own status: 413 for a body over 64 KiB, 415 for
a content type other than JSON, 400 with every bad field named otherwise.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from wizard.clock import china_today
from wizard.flow import facts_from_api
from wizard.rules import (
    EvidenceCode,
    ItemCategory,
    ItemCondition,
    Language,
    OrderStatus,
    PackageCondition,
    Reason,
    SellerResponse,
    assess,
)

MAX_BODY_BYTES = 64 * 1024
# Deeper than any real request (the body is a flat object); json.loads and
# pydantic recurse per level, so a deep body must be refused before either.
MAX_JSON_DEPTH = 32
# The range of dates the engine can add its windows to without leaving
# datetime.date (year 9999 + 7 days overflows): well beyond any real order.
MIN_DATE = date(2000, 1, 1)
MAX_DATE = date(2099, 12, 31)
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_AMOUNT_RE = re.compile(r"^\d{1,9}(\.\d{1,2})?$")
PROMISED_DAYS_MIN = 8
PROMISED_DAYS_MAX = 365
PROBLEM_MAX_CHARS = 200
# not_received needs a parcel on its way or one marked signed (domain.md section 2).
NOT_RECEIVED_STATUSES = (OrderStatus.IN_TRANSIT, OrderStatus.RECEIVED)

api = NinjaAPI(
    title="Refund Wizard API",
    version="1.0.0",
    description="退款向导: the refund rules for Xiaohongshu orders as a stateless JSON API.",
    urls_namespace="api",
    docs_url="/docs",
)


class AssessmentIn(BaseModel):
    """The facts of one order. Unknown keys are ignored (forward compatible)."""

    model_config = ConfigDict(extra="ignore", strict=True)

    order_status: OrderStatus
    reason: Reason
    received_on: str | None = Field(
        None, description="YYYY-MM-DD, China time; required when received"
    )
    today: str | None = Field(None, description="YYYY-MM-DD; defaults to today in Asia/Shanghai")
    package_condition: PackageCondition = PackageCondition.NOT_SEEN
    item_category: ItemCategory = ItemCategory.STANDARD
    item_condition: ItemCondition | None = None
    shipping_insurance: bool | None = None
    seller_response: SellerResponse = SellerResponse.NOT_CONTACTED
    amount_paid: str | int | float | None = Field(None, description="CNY, > 0, at most 2 decimals")
    order_number: str = Field("", max_length=100)
    merchant_name: str = Field("", max_length=100)
    product_name: str = Field("", max_length=100)
    promised_return_days: int | None = Field(
        None, description="8-365: the no-reason window the listing promised (a JSON integer)"
    )
    amount_claimed: str | int | float | None = Field(
        None, description="CNY, > 0, at most 2 decimals, not above amount_paid: the part claimed"
    )
    problem_description: str | None = Field(
        None, max_length=PROBLEM_MAX_CHARS, description="the problem in the consumer's own words"
    )
    evidence_attached: list[EvidenceCode] | None = Field(
        None, description="evidence codes really attached; duplicates ignored"
    )
    language: Language | None = None

    @field_validator("received_on", "today")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        if value is None:
            return None
        return _bounded_iso_date(value)

    @field_validator("promised_return_days")
    @classmethod
    def _promised_days(cls, value: int | None) -> int | None:
        if value is not None and not PROMISED_DAYS_MIN <= value <= PROMISED_DAYS_MAX:
            raise ValueError("promised_days_range")
        return value

    @field_validator("evidence_attached")
    @classmethod
    def _unique_evidence(cls, value: list[EvidenceCode] | None) -> list[EvidenceCode]:
        return list(dict.fromkeys(value or []))

    @field_validator("amount_paid", "amount_claimed")
    @classmethod
    def _amount(cls, value: str | int | float | None) -> str | None:
        if value is None:
            return None
        if isinstance(value, bool):
            raise ValueError("invalid_amount")
        text = str(value) if not isinstance(value, float) else repr(value)
        if isinstance(value, float) and text.endswith(".0"):
            text = text[:-2]
        if not _AMOUNT_RE.match(text):
            raise ValueError("invalid_amount")
        try:
            amount = Decimal(text)
        except InvalidOperation as exc:
            raise ValueError("invalid_amount") from exc
        if amount <= 0:
            raise ValueError("invalid_amount")
        return f"{amount:.2f}"


def _bounded_iso_date(value: str) -> str:
    """`value` if it is a YYYY-MM-DD date between MIN_DATE and MAX_DATE (ValueError if not)."""
    if not _DATE_RE.match(value):
        raise ValueError("not_a_date")
    try:
        day = date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError("not_a_date") from exc
    if not MIN_DATE <= day <= MAX_DATE:
        raise ValueError("date_out_of_range")
    return value


def json_nesting_too_deep(raw: bytes, *, max_depth: int = MAX_JSON_DEPTH) -> bool:
    """Whether the JSON text nests arrays/objects deeper than `max_depth`.

    One pass over the bytes, skipping string contents, stopping as soon as the
    limit is passed; run before json.loads, which would recurse once per level
    (20,000 nested arrays fit in 40 KB and end in a RecursionError).
    """
    depth = 0
    in_string = escaped = False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # closing quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > max_depth:
                return True
        elif byte in (0x5D, 0x7D):  # ] }
            depth -= 1
    return False


class ErrorsOut(BaseModel):
    errors: dict[str, list[str]]


class SevenDayOut(BaseModel):
    eligible: bool
    why_not: str | None


class StepOut(BaseModel):
    code: str
    title: str
    detail: str


class EvidenceOut(BaseModel):
    code: str
    label: str
    required: bool


class TextItemOut(BaseModel):
    code: str
    text: str


class RequestOut(BaseModel):
    type_label: str | None
    reason_label: str
    amount: str | None
    description: str
    description_zh: str


class MessagesOut(BaseModel):
    seller: str
    appeal: str | None
    followup: str | None = Field(description="present where a parcel goes back (domain.md §8)")


class AssessmentOut(BaseModel):
    procedure: str
    procedure_label: str
    refund_type: str | None
    fault: str
    reason: str
    refund_reason_label: str
    return_shipping_paid_by: str
    return_shipping_label: str
    deadline: str | None
    days_left: int | None
    seven_day_return: SevenDayOut
    steps: list[StepOut]
    evidence: list[EvidenceOut]
    warnings: list[TextItemOut]
    legal_basis: list[TextItemOut]
    request: RequestOut
    messages: MessagesOut
    messages_zh: MessagesOut


def _message(kind: str, field: str, ctx: dict[str, Any] | None = None) -> str:
    """One error message in the active language, named by its kind."""
    if kind == "missing":
        return _("This field is required.")
    if kind == "required_when_received":
        return _("Required when the order has been received (signed for).")
    if kind in {"enum", "literal_error"}:
        allowed = ", ".join((ctx or {}).get("allowed", []))
        return _("Unknown value. Allowed: %(allowed)s.") % {"allowed": allowed}
    if kind == "not_a_date":
        return _("Not a date: use YYYY-MM-DD.")
    if kind == "date_out_of_range":
        return _("Out of range: use a date between %(first)s and %(last)s.") % {
            "first": MIN_DATE.isoformat(),
            "last": MAX_DATE.isoformat(),
        }
    if kind == "future_date":
        return _("This date is in the future.")
    if kind == "invalid_amount":
        return _('Not an amount: a positive number of yuan with at most 2 decimals, e.g. "199.00".')
    if kind == "string_too_long":
        limit = (ctx or {}).get("max_length", 100)
        if limit == 100:
            return _("At most 100 characters.")
        return _("At most %(limit)d characters.") % {"limit": limit}
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return _("Must be a whole number (a JSON integer).")
    if kind == "promised_days_range":
        return _("Must be a whole number of days from %(first)d to %(last)d.") % {
            "first": PROMISED_DAYS_MIN,
            "last": PROMISED_DAYS_MAX,
        }
    if kind == "list_type":
        return _("Must be a list of evidence codes.")
    if kind == "not_received_too_early":
        return _(
            "“Not received” applies only to a parcel in transit or one shown as signed for; "
            "before shipping cancel the order, at the door refuse it."
        )
    if kind == "claimed_above_paid":
        return _("The amount claimed cannot be more than the amount paid.")
    if kind == "bool_type":
        return _("Must be true, false or null.")
    if kind == "string_type":
        return _("Must be a string.")
    return _("Invalid value.")


_ALLOWED: dict[str, list[str]] = {
    "order_status": [c.value for c in OrderStatus],
    "reason": [c.value for c in Reason],
    "package_condition": [c.value for c in PackageCondition],
    "item_category": [c.value for c in ItemCategory],
    "item_condition": [c.value for c in ItemCondition],
    "seller_response": [c.value for c in SellerResponse],
    "evidence_attached": [c.value for c in EvidenceCode],
    "language": [c.value for c in Language],
}


def _errors_from(exc: ValidationError) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for err in exc.errors():
        field = str(err["loc"][0]) if err["loc"] else "__all__"
        kind = err["type"]
        if kind == "value_error":
            kind = str(err.get("ctx", {}).get("error", ""))
        elif kind in {"enum", "literal_error"} or (
            field in _ALLOWED and kind not in {"missing", "list_type"}
        ):
            kind = "enum"
        ctx = {**err.get("ctx", {}), "allowed": _ALLOWED.get(field, [])}
        message = _message(kind, field, ctx)
        # A union type reports one error per member: keep one message per field.
        if message not in errors.setdefault(field, []):
            errors[field].append(message)
    return errors


def _error(status: int, errors: dict[str, list[str]]) -> JsonResponse:
    return JsonResponse(
        {"errors": errors}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def _language_for(request: HttpRequest, data: Any) -> str:
    if isinstance(data, dict) and data.get("language") in _ALLOWED["language"]:
        return str(data["language"])
    return translation.get_language_from_request(request, check_path=False) or "zh-hans"


def _inline_refs(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema with its `#/$defs/...` references inlined.

    Placed inside the OpenAPI document, pydantic's `#/$defs/X` references would
    resolve against the document root, where there is no `$defs`.
    """
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                rest = {k: v for k, v in node.items() if k != "$ref"}
                return {**inline(defs[ref.removeprefix("#/$defs/")]), **inline(rest)}
            return {key: inline(value) for key, value in node.items()}
        if isinstance(node, list):
            return [inline(item) for item in node]
        return node

    return inline(schema)


def _is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )


def _cross_field_errors(payload: AssessmentIn, today: date) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    received = payload.order_status == OrderStatus.RECEIVED
    not_received = payload.reason == Reason.NOT_RECEIVED
    if not_received and payload.order_status not in NOT_RECEIVED_STATUSES:
        errors["reason"] = [_message("not_received_too_early", "reason")]
    if received and payload.received_on is None:
        errors["received_on"] = [_message("required_when_received", "received_on")]
    if received and payload.item_condition is None and not not_received:
        errors["item_condition"] = [_message("required_when_received", "item_condition")]
    if (
        payload.amount_claimed is not None
        and payload.amount_paid is not None
        and Decimal(payload.amount_claimed) > Decimal(payload.amount_paid)
    ):
        errors["amount_claimed"] = [_message("claimed_above_paid", "amount_claimed")]
    if payload.received_on and date.fromisoformat(payload.received_on) > today:
        errors["received_on"] = [_message("future_date", "received_on")]
    return errors


@api.post(
    "/assessments",
    response={200: AssessmentOut, 400: ErrorsOut, 413: ErrorsOut, 415: ErrorsOut},
    summary="Assess an order: which procedure, who pays the return shipping, by which day",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": _inline_refs(AssessmentIn)}},
        }
    },
)
def create_assessment(request: HttpRequest) -> JsonResponse:
    """Stateless: decides and answers, stores nothing."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    with translation.override(_language_for(request, None)):
        if declared > MAX_BODY_BYTES:
            return _error(413, {"__all__": [_("The request body is larger than 64 KiB.")]})
        if not _is_json(request.META.get("CONTENT_TYPE", "")):
            return _error(415, {"__all__": [_("Send the body as application/json.")]})
        raw = request.body
        if len(raw) > MAX_BODY_BYTES:
            return _error(413, {"__all__": [_("The request body is larger than 64 KiB.")]})
        if json_nesting_too_deep(raw):
            return _error(
                400,
                {
                    "__all__": [
                        _("The body nests deeper than %(depth)d levels.")
                        % {"depth": MAX_JSON_DEPTH}
                    ]
                },
            )
        try:
            data = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            return _error(400, {"__all__": [_("The body is not valid JSON.")]})
        if not isinstance(data, dict):
            return _error(400, {"__all__": [_("The body must be a JSON object.")]})

    language = _language_for(request, data)
    with translation.override(language):
        try:
            payload = AssessmentIn.model_validate_json(raw)
        except ValidationError as exc:
            return _error(400, _errors_from(exc))
        today = date.fromisoformat(payload.today) if payload.today else china_today()
        errors = _cross_field_errors(payload, today)
        if errors:
            return _error(400, errors)
        decision = assess(facts_from_api(payload.model_dump()), today=today)
        body = decision.to_dict(Language.from_code(language))
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})
