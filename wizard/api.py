"""`POST /api/v1/assessments`: the rules engine as JSON (see docs/api.md).

django-ninja documents the operation (OpenAPI, the docs page) and lends its error
types and response renderer; a plain Django view serves it (`post_endpoint`). The
view validates the body against `AssessmentIn` itself, in `read_payload`, exactly as
ninja's body parameter would (same parser, same error locations), at an eighth of the
cost (docs/benchmarks.md). What keeps the statuses and the error shape the interface
promises:

- `post_endpoint` answers 405 for other methods, 413/415 from the headers before the
  body is read, and 400 for a body nested too deep, as ninja's dispatch with a view
  decorator did;
- `JsonParser` reads the body with pydantic's own JSON reader, which refuses
  lone surrogates and NaN (the one reader of `read_payload` too);
- the exception handlers turn ninja's `ValidationError` and its 400 for a body
  it cannot parse into `{"errors": {"<field>": ["<message>", ...]}}`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import wraps
from typing import Annotated, Any, get_args

import orjson
import pydantic
import pydantic_core
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotAllowed
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError
from ninja.openapi.schema import REF_TEMPLATE, NinjaGenerateJsonSchema
from ninja.parser import Parser
from ninja.renderers import JSONRenderer
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    model_validator,
)
from pydantic_core import PydanticCustomError

from wizard.clock import china_today
from wizard.flow import facts_from_body
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
# Deeper than any real request (the body is a flat object); pydantic's JSON
# reader and validators recurse per level, so a deep body is refused before either.
MAX_JSON_DEPTH = 32
# The range of dates the engine can add its windows to without leaving
# datetime.date (year 9999 + 7 days overflows): well beyond any real order.
MIN_DATE = date(2000, 1, 1)
MAX_DATE = date(2099, 12, 31)
# A listing's longer no-reason window (domain.md section 3), and the consumer's own words.
PROMISED_DAYS_MIN = 8
PROMISED_DAYS_MAX = 365
PROBLEM_MAX_CHARS = 200
# not_received needs a parcel on its way or one marked signed (domain.md section 2).
NOT_RECEIVED_STATUSES = (OrderStatus.IN_TRANSIT, OrderStatus.RECEIVED)


def json_nesting_too_deep(raw: bytes, *, max_depth: int = MAX_JSON_DEPTH) -> bool:
    """Whether the JSON text nests arrays/objects deeper than `max_depth`.

    One pass over the bytes, skipping string contents, stopping as soon as the
    limit is passed; run before the body is parsed, which recurses once per level.
    """
    if raw.count(b"[") + raw.count(b"{") <= max_depth:
        return False  # cannot nest deeper than it opens: no byte-by-byte pass needed
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


class JsonParser(Parser):
    """The body as pydantic reads JSON: no lone surrogates, no NaN."""

    def parse_body(self, request: HttpRequest) -> Any:
        return pydantic_core.from_json(request.body, allow_inf_nan=False)


class Utf8JSONRenderer(JSONRenderer):
    """Chinese texts as UTF-8 rather than `\\uXXXX` escapes (a third of the bytes)."""

    json_dumps_params = {"ensure_ascii": False}


class _AssessmentsApi(NinjaAPI):
    """ninja's API, whose OpenAPI document also lists the body `read_payload` reads."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        schema["components"]["schemas"].update(_body_schemas())
        return schema


api = _AssessmentsApi(
    title="Refund Wizard API",
    version="1.0.0",
    description="退款向导: the refund rules for Xiaohongshu orders as a stateless JSON API.",
    urls_namespace="api",
    docs_url="/docs",
    parser=JsonParser(),
    renderer=Utf8JSONRenderer(),
)
# What ninja's renderer answers with, for the responses written without it.
JSON_CONTENT_TYPE = f"{api.renderer.media_type}; charset={api.renderer.charset}"


def _iso_day_text(value: Any) -> Any:
    """Only the `YYYY-MM-DD` text form: no timestamps, no datetimes, no week dates."""
    if not (
        isinstance(value, str)
        and len(value) == 10
        and value[4] == value[7] == "-"
        and (value[:4] + value[5:7] + value[8:]).isascii()
        and (value[:4] + value[5:7] + value[8:]).isdigit()
    ):
        raise PydanticCustomError("not_a_date", "not a YYYY-MM-DD date")
    return value


def _plausible_day(value: date) -> date:
    if not MIN_DATE <= value <= MAX_DATE:
        raise PydanticCustomError("date_out_of_range", "date out of range")
    return value


def _amount_text(value: Any) -> Any:
    """A string amount is plain yuan digits ("199", "199.5", "199.00"): no exponent, sign,
    spaces or digit separators, which Python's Decimal would otherwise read."""
    if isinstance(value, str) and not (
        value.isascii()
        and value.replace(".", "", 1).isdigit()
        and not value.startswith(".")
        and not value.endswith(".")
    ):
        raise PydanticCustomError("decimal_parsing", "not a decimal string")
    return value


IsoDay = Annotated[date, BeforeValidator(_iso_day_text), AfterValidator(_plausible_day)]
# A decimal string or a JSON number; pydantic refuses booleans, NaN and infinities.
Amount = Annotated[
    Decimal, BeforeValidator(_amount_text), Field(gt=0, max_digits=11, decimal_places=2)
]
ShortText = Annotated[StrictStr, Field(max_length=100)]
# A JSON integer only (no "15", no 15.0, no true).
PromisedDays = Annotated[StrictInt, Field(ge=PROMISED_DAYS_MIN, le=PROMISED_DAYS_MAX)]


def _distinct(codes: list[EvidenceCode]) -> list[EvidenceCode]:
    """api.md: duplicates are ignored."""
    return list(dict.fromkeys(codes))


EvidenceList = Annotated[list[EvidenceCode], AfterValidator(_distinct)]


class AssessmentIn(BaseModel):
    """The facts of one order. Unknown keys are ignored (forward compatible).

    A plain pydantic model rather than `ninja.Schema`: a Schema also reads
    attributes off objects, so a JSON `null` body would pass for `{}`.
    """

    model_config = ConfigDict(extra="ignore")

    order_status: OrderStatus
    reason: Reason
    received_on: IsoDay | None = Field(
        None, description="China time; required when received", examples=["2026-11-20"]
    )
    today: IsoDay | None = Field(
        None, description="Defaults to today in Asia/Shanghai", examples=["2026-11-24"]
    )
    package_condition: PackageCondition = PackageCondition.NOT_SEEN
    item_category: ItemCategory = ItemCategory.STANDARD
    item_condition: ItemCondition | None = None
    shipping_insurance: StrictBool | None = None
    seller_response: SellerResponse = SellerResponse.NOT_CONTACTED
    amount_paid: Amount | None = Field(
        None, description="CNY, > 0, at most 2 decimals", examples=["199.00"]
    )
    order_number: ShortText = ""
    merchant_name: ShortText = ""
    product_name: ShortText = ""
    promised_return_days: PromisedDays | None = Field(
        None, description="The no-reason window the listing promised, in days", examples=[15]
    )
    amount_claimed: Amount | None = Field(
        None, description="CNY, the part claimed; not above amount_paid", examples=["45.00"]
    )
    problem_description: Annotated[StrictStr, Field(max_length=PROBLEM_MAX_CHARS)] = Field(
        "", description="The problem in the consumer's own words"
    )
    evidence_attached: EvidenceList = Field(
        default_factory=list, description="Evidence codes really attached; duplicates ignored"
    )
    language: Language | None = None

    @model_validator(mode="before")
    @classmethod
    def _null_is_absent(cls, data: Any) -> Any:
        """api.md: an optional field sent as `null` counts as absent."""
        if isinstance(data, dict):
            return {key: value for key, value in data.items() if value is not None}
        return data


class _Out(BaseModel):
    # Keys the engine adds before this schema lists them still reach the client.
    model_config = ConfigDict(extra="allow")


class ErrorsOut(BaseModel):
    errors: dict[str, list[str]]


class SevenDayOut(_Out):
    eligible: bool
    why_not: str | None


class StepOut(_Out):
    code: str
    title: str
    detail: str


class EvidenceOut(_Out):
    code: str
    label: str
    required: bool


class TextItemOut(_Out):
    code: str
    text: str


class RequestOut(_Out):
    type_label: str | None
    reason_label: str
    amount: str | None
    description: str
    description_zh: str


class MessagesOut(_Out):
    seller: str
    appeal: str | None
    followup: str | None = None


class AssessmentOut(_Out):
    procedure: str
    procedure_label: str
    refund_type: str | None
    fault: str
    fault_label: str | None = None
    reason: str
    refund_reason_label: str
    return_shipping_paid_by: str
    return_shipping_label: str
    deadline: str | None
    days_left: int | None
    seven_day_return: SevenDayOut
    why_not_label: str | None = None
    escalated: bool | None = None
    steps: list[StepOut]
    evidence: list[EvidenceOut]
    warnings: list[TextItemOut]
    legal_basis: list[TextItemOut]
    request: RequestOut
    messages: MessagesOut
    messages_zh: MessagesOut


def _allowed_codes(field: str) -> list[str]:
    """The codes of the enum a field of `AssessmentIn` takes (empty for other fields)."""
    info = AssessmentIn.model_fields.get(field)
    annotation = info.annotation if info is not None else None
    candidates = [annotation, *get_args(annotation)]
    # list[EvidenceCode] (inside Annotated): the enum of its items.
    candidates += [inner for c in list(candidates) for inner in get_args(c)]
    candidates += [inner for c in list(candidates) for inner in get_args(c)]
    for candidate in candidates:
        if isinstance(candidate, type) and issubclass(candidate, Enum):
            return [str(member.value) for member in candidate]
    return []


_AMOUNT_ERRORS = {"decimal_parsing", "decimal_type", "greater_than", "finite_number"}


def _message(kind: str, field: str, ctx: dict[str, Any] | None = None) -> str:
    """One error message in the active language, for a pydantic error type."""
    if kind == "missing":
        return _("This field is required.")
    if kind == "required_when_received":
        return _("Required when the order has been received (signed for).")
    if kind == "not_received_too_early":
        return _(
            "“Not received” applies only to a parcel in transit or one shown as signed for; "
            "before shipping cancel the order, at the door refuse it."
        )
    if kind == "claimed_above_paid":
        return _("The amount claimed cannot be more than the amount paid.")
    if kind == "list_type":
        return _("Must be a list of evidence codes.")
    if field == "promised_return_days":
        if kind in {"greater_than_equal", "less_than_equal"}:
            return _("Must be a whole number of days from %(first)d to %(last)d.") % {
                "first": PROMISED_DAYS_MIN,
                "last": PROMISED_DAYS_MAX,
            }
        return _("Must be a whole number (a JSON integer).")
    if allowed := _allowed_codes(field):
        return _("Unknown value. Allowed: %(allowed)s.") % {"allowed": ", ".join(allowed)}
    if kind == "not_a_date" or kind.startswith("date_from") or kind == "date_parsing":
        return _("Not a date: use YYYY-MM-DD.")
    if kind == "date_out_of_range":
        return _("Out of range: use a date between %(first)s and %(last)s.") % {
            "first": MIN_DATE.isoformat(),
            "last": MAX_DATE.isoformat(),
        }
    if kind == "future_date":
        return _("This date is in the future.")
    if kind in _AMOUNT_ERRORS or kind.startswith("decimal_"):
        return _('Not an amount: a positive number of yuan with at most 2 decimals, e.g. "199.00".')
    if kind == "string_too_long":
        limit = (ctx or {}).get("max_length", 100)
        if limit == 100:
            return _("At most 100 characters.")
        return _("At most %(limit)d characters.") % {"limit": limit}
    if kind == "bool_type":
        return _("Must be true, false or null.")
    if kind == "string_type":
        return _("Must be a string.")
    return _("Invalid value.")


def _errors_from(exc: ValidationError) -> dict[str, list[str]]:
    """ninja's error list as `{field: [message, ...]}`, one message per kind and field."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        # ninja locates body errors as ("body", "<parameter>", "<field>", ...).
        loc = tuple(error.get("loc", ()))[2:]
        field = str(loc[0]) if loc else "__all__"
        kind = str(error.get("type", ""))
        if field == "__all__":
            message = (
                _("The body is not valid JSON.")
                if kind == "missing"  # ninja reports an empty body as a missing one
                else _("The body must be a JSON object.")
            )
        else:
            message = _message(kind, field, error.get("ctx"))
        if message not in errors.setdefault(field, []):
            errors[field].append(message)
    return errors


def _header_language(request: HttpRequest) -> str:
    """The language the request asks for (cookie, then `Accept-Language`).

    LocaleMiddleware has already read it with the same function (the site has no
    language-prefixed URLs) and kept it as `request.LANGUAGE_CODE`: read once.
    """
    chosen = getattr(request, "LANGUAGE_CODE", None)
    return chosen or translation.get_language_from_request(request, check_path=False) or "zh-hans"


def _request_language(request: HttpRequest) -> str:
    """The body's `language` when it names a known one, else the `Accept-Language` header."""
    try:
        data = pydantic_core.from_json(request.body, allow_inf_nan=False)
    except ValueError:
        data = None
    if isinstance(data, dict) and data.get("language") in _allowed_codes("language"):
        return str(data["language"])
    return _header_language(request)


def _errors_response(
    request: HttpRequest, status: int, errors: dict[str, list[str]]
) -> HttpResponse:
    return api.create_response(request, {"errors": errors}, status=status)


@api.exception_handler(ValidationError)
def _invalid_fields(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    with translation.override(_request_language(request)):
        return _errors_response(request, 400, _errors_from(exc))


@api.exception_handler(HttpError)
def _unreadable_body(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """ninja's 400 for a body its parser refused: malformed JSON, in our error shape."""
    with translation.override(_header_language(request)):
        message = _("The body is not valid JSON.") if exc.status_code == 400 else str(exc)
        return _errors_response(request, exc.status_code, {"__all__": [message]})


def _is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )


def _transport_problem(request: HttpRequest) -> tuple[int, str] | None:
    """What `transport_checks` refuses, as (status, kind), or None; checked in this order.

    A Content-Length that is not a number never gets here: wizard.http answers it
    with a 400 for every route.
    """
    if int(request.META.get("CONTENT_LENGTH") or "0") > MAX_BODY_BYTES:
        return 413, "too_large"  # before the body is read
    if not _is_json(request.META.get("CONTENT_TYPE", "")):
        return 415, "not_json"
    if len(request.body) > MAX_BODY_BYTES:
        return 413, "too_large"
    if json_nesting_too_deep(request.body):
        return 400, "too_deep"
    return None


def _transport_message(kind: str) -> str:
    if kind == "too_large":
        return _("The request body is larger than 64 KiB.")
    if kind == "not_json":
        return _("Send the body as application/json.")
    return _("The body nests deeper than %(depth)d levels.") % {"depth": MAX_JSON_DEPTH}


def post_endpoint(view: Callable[[HttpRequest], HttpResponse]) -> Callable[..., HttpResponseBase]:
    """`view` as the Django view of a POST route of this API, doing what ninja's dispatch did.

    - 405 for any other method, as ninja answers (`Allow: POST`, "Method not allowed");
    - exempt from CSRF, as every ninja view (the API takes no cookie-borne credentials);
    - 413/415 from the headers before the body is read, 400 for a body nested too deep
      (`_transport_problem`), worded in the header's language (the body is not read for
      its `language`);
    - ninja's `ValidationError` and `HttpError`, raised by `read_payload` and the view,
      answered by the API's exception handlers; any other exception goes to Django, as
      ninja lets it outside DEBUG.

    ninja still documents the operation (`api`, its OpenAPI document and docs page); its
    per-request dispatch (a second URL resolver, a response object made and thrown away
    for each request, the operation wrappers) cost about 25 us a request for one route
    and two handlers (docs/benchmarks.md).
    """

    @csrf_exempt
    @wraps(view)
    def endpoint(request: HttpRequest) -> HttpResponseBase:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"], content=b"Method not allowed")
        problem = _transport_problem(request)
        if problem is not None:
            status, kind = problem
            with translation.override(_header_language(request)):
                return _errors_response(request, status, {"__all__": [_transport_message(kind)]})
        try:
            return view(request)
        except ValidationError as exc:
            return _invalid_fields(request, exc)
        except HttpError as exc:
            return _unreadable_body(request, exc)

    return endpoint


def _cross_field_errors(payload: AssessmentIn, today: date) -> list[dict[str, Any]]:
    """What one field cannot say alone, as ninja-style errors for the same handler."""
    problems: list[tuple[str, str]] = []
    not_received = payload.reason == Reason.NOT_RECEIVED
    # Checked before the door override (domain.md section 2).
    if not_received and payload.order_status not in NOT_RECEIVED_STATUSES:
        problems.append(("reason", "not_received_too_early"))
    if payload.order_status == OrderStatus.RECEIVED:
        if payload.received_on is None:
            problems.append(("received_on", "required_when_received"))
        if payload.item_condition is None and not not_received:
            problems.append(("item_condition", "required_when_received"))
    if (
        payload.amount_claimed is not None
        and payload.amount_paid is not None
        and payload.amount_claimed > payload.amount_paid
    ):
        problems.append(("amount_claimed", "claimed_above_paid"))
    if payload.received_on is not None and payload.received_on > today:
        problems.append(("received_on", "future_date"))
    return [{"loc": ("body", "payload", field), "type": kind} for field, kind in problems]


def _body_schemas() -> dict[str, Any]:
    """`AssessmentIn` and the enums it names, as ninja lists a body parameter's schemas."""
    schema = AssessmentIn.model_json_schema(
        ref_template=REF_TEMPLATE, schema_generator=NinjaGenerateJsonSchema
    )
    return {**schema.pop("$defs", {}), "AssessmentIn": schema}


# The request body as ninja documents a required `payload: AssessmentIn` parameter.
BODY_DOCUMENT = {
    "content": {
        "application/json": {"schema": {"$ref": REF_TEMPLATE.format(model="AssessmentIn")}}
    },
    "required": True,
}


def read_payload(request: HttpRequest) -> AssessmentIn:
    """The body as `AssessmentIn`, with the errors ninja's body parameter would raise.

    ninja's parameter path wraps the body in a `{"payload": ...}` model and reads it
    back through its getters: about 18 us a request for what pydantic does in 2
    (docs/benchmarks.md). Its contract, kept here and pinned by
    tests/integration/test_api_payload.py: an empty body is the missing
    `("body", "payload")`; a body the parser refuses is an `HttpError(400)`; every
    validation error is located under `("body", "payload", ...)` without its input.
    """
    if not request.body:
        raise ValidationError([{"loc": ("body", "payload"), "type": "missing", "msg": "missing"}])
    try:
        data = api.parser.parse_body(request)
    except Exception as exc:  # as ninja: any parser error is a 400
        raise HttpError(400, "Cannot parse request body") from exc
    try:
        return AssessmentIn.model_validate(data, context={"request": request})
    except pydantic.ValidationError as exc:
        errors = []
        for error in exc.errors(include_url=False):
            error.pop("input", None)  # type: ignore[misc]
            errors.append({**error, "loc": ("body", "payload", *error["loc"])})
        raise ValidationError(errors) from exc


@api.post(
    "/assessments",
    response={200: AssessmentOut, 400: ErrorsOut, 413: ErrorsOut, 415: ErrorsOut},
    summary="Assess an order: which procedure, who pays the return shipping, by which day",
    exclude_unset=True,
    openapi_extra={"requestBody": BODY_DOCUMENT},
)
def create_assessment(request: HttpRequest) -> HttpResponse:
    """Stateless: decides and answers, stores nothing.

    Documented by ninja, served by `assessments` (config/urls.py lists it before
    `api.urls`, whose own route for it is never reached).
    """
    payload = read_payload(request)
    today = payload.today or china_today()
    if errors := _cross_field_errors(payload, today):
        raise ValidationError(errors)
    language = Language.from_code(payload.language or _header_language(request))
    body = assess(facts_from_body(payload), today=today).to_dict(language)
    return _json_response(body)


def _json_response(body: dict[str, Any]) -> HttpResponse:
    """The engine's answer as UTF-8 JSON, written by orjson.

    ninja would validate a returned dict through a wrapper `Schema` that reads every
    nested field through its attribute getter, then write it with the json module:
    more than the engine and the texts together (docs/benchmarks.md). The engine's
    answer is a pure function of the decision table, whose every path is checked
    against `AssessmentOut` by the tests (tests/integration/test_api_response.py),
    so it is not checked again on each request; ninja passes a returned HttpResponse
    through unchanged and still documents `response=`.
    """
    return HttpResponse(orjson.dumps(body), content_type=JSON_CONTENT_TYPE)


# The route of `POST /api/v1/assessments` (config/urls.py).
assessments = post_endpoint(create_assessment)
