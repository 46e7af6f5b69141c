"""`read_payload` answers every body exactly as ninja's own `payload: AssessmentIn` would.

The reference is a second NinjaAPI built here the stock way: the same parser, the same
exception handlers, a view that declares the body parameter. Both see the same bodies
(valid, malformed, the wrong shapes, every field wrong in turn, in both languages) and
must answer the same status and the same JSON; their OpenAPI documents must describe
the same request body with the same schemas.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from hypothesis import given, settings
from hypothesis import strategies as st
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from tests.scenarios import SCENARIOS
from wizard import api as wizard_api
from wizard.api import AssessmentIn, create_assessment, read_payload

TODAY = "2026-11-24"


def stock_api(namespace: str) -> NinjaAPI:
    """A NinjaAPI with the API's parser, renderer and exception handlers, built the stock way."""
    reference = NinjaAPI(
        urls_namespace=namespace,
        parser=wizard_api.JsonParser(),
        renderer=wizard_api.Utf8JSONRenderer(),
    )
    reference.add_exception_handler(ValidationError, wizard_api._invalid_fields)
    reference.add_exception_handler(HttpError, wizard_api._unreadable_body)
    return reference


def _reference_api() -> tuple[NinjaAPI, Any]:
    reference = stock_api("reference_api")

    @reference.post("/assessments", response={200: wizard_api.AssessmentOut})
    def declared(request: HttpRequest, payload: AssessmentIn) -> HttpResponse:
        return HttpResponse(payload.model_dump_json(), content_type="application/json")

    view = next(p.callback for p in reference.urls[0] if str(p.pattern) == "assessments")
    return reference, view


REFERENCE, REFERENCE_VIEW = _reference_api()


def _request(raw: bytes, language: str) -> HttpRequest:
    request = RequestFactory().post(
        "/api/v1/assessments", data=raw, content_type="application/json"
    )
    request.LANGUAGE_CODE = language
    return request


def _answers(raw: bytes, language: str) -> tuple[tuple[int, Any], tuple[int, Any]]:
    """(status, JSON) from ours, read by `read_payload` only, and from the reference."""
    mine = _request(raw, language)
    try:
        payload = read_payload(mine)
    except (ValidationError, HttpError) as exc:
        response = wizard_api.api.on_exception(mine, exc)
        ours = (response.status_code, json.loads(response.content))
    else:
        ours = (200, json.loads(payload.model_dump_json()))
    reference = REFERENCE_VIEW(_request(raw, language))
    return ours, (reference.status_code, json.loads(reference.content))


VALID = {"order_status": "not_shipped", "reason": "changed_mind", "today": TODAY}
WRONG_VALUES: dict[str, list[Any]] = {
    "order_status": ["shipped", 1, None, ""],
    "reason": ["bored", [], None],
    "received_on": ["2026-13-01", "2026-11-20T10:00", 20261120, "1999-12-31"],
    "today": ["yesterday", "2100-01-01", True],
    "package_condition": ["wet", 3],
    "item_category": ["food", {}],
    "item_condition": ["new", 0],
    "shipping_insurance": ["yes", 1, "true"],
    "seller_response": ["maybe"],
    "amount_paid": ["1e2", "+5", "1_000", -1, 0, "199.999", True, "abc", 1e30],
    "amount_claimed": ["0", "x"],
    "order_number": [1, "8" * 101],
    "merchant_name": [["a"]],
    "product_name": ["p" * 101],
    "promised_return_days": ["15", 15.0, 7, 366, True],
    "problem_description": ["字" * 201, 5],
    "evidence_attached": ["item_photo", ["item_photo", "selfie"], [1]],
    "language": ["fr", 1],
}
RAW_BODIES = [
    b"",
    b"null",
    b"[]",
    b'"text"',
    b"1",
    b"{",
    b"{}",
    b'{"order_status": "not_shipped", "reason": "changed_mind", "amount_paid": NaN}',
    b'{"order_status": "not_shipped", "reason": "changed_mind", "product_name": "\\ud800"}',
    b"\xff\xfe",
    json.dumps({"order_status": "received", "reason": "changed_mind"}).encode(),
    json.dumps({**VALID, "unknown_key": 1, "language": None}).encode(),
]
BODIES = [
    *RAW_BODIES,
    *(
        json.dumps({**VALID, field: value}).encode()
        for field, values in WRONG_VALUES.items()
        for value in values
    ),
    *(json.dumps({"today": TODAY, **s["request"]}).encode() for s in SCENARIOS),
]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("raw", BODIES, ids=lambda raw: raw[:60].decode(errors="replace"))
def test_every_body_gets_the_answer_ninjas_body_parameter_gives(raw: bytes, language: str) -> None:
    ours, reference = _answers(raw, language)
    assert ours == reference


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(sorted(WRONG_VALUES)), json_values | st.sampled_from(["", "2026-11-20"])
    )
)
def test_any_json_object_gets_the_answer_ninjas_body_parameter_gives(
    body: dict[str, Any],
) -> None:
    raw = json.dumps(body).encode()
    for language in ("zh-hans", "en"):
        ours, reference = _answers(raw, language)
        assert ours == reference


def test_the_openapi_document_describes_the_body_as_ninja_does() -> None:
    ours = wizard_api.api.get_openapi_schema()
    reference = REFERENCE.get_openapi_schema(path_prefix="/api/v1/")
    ours_op = ours["paths"]["/api/v1/assessments"]["post"]
    reference_op = reference["paths"]["/api/v1/assessments"]["post"]
    assert ours_op["requestBody"] == reference_op["requestBody"]
    assert ours_op["parameters"] == reference_op["parameters"] == []
    reference_schemas = reference["components"]["schemas"]
    for name, schema in reference_schemas.items():
        assert ours["components"]["schemas"][name] == schema, name


def test_the_view_reads_the_body_through_read_payload() -> None:
    """The ninja signature declares no parameter: the body is read by `read_payload` alone."""
    import inspect

    assert list(inspect.signature(create_assessment).parameters) == ["request"]
