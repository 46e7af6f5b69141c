"""The route of `POST /api/v1/assessments`: a plain Django view that answers as ninja's dispatch.

`post_endpoint` replaced ninja's per-request dispatch (its URL resolver, operation and
`decorate_view` hook) for speed. The reference here is that stock path, built again: a
NinjaAPI with the same parser, renderer and exception handlers, the same view function
and the transport checks as a `decorate_view` decorator. Every method, every transport
problem and a spread of bodies must get the same status, headers and bytes from both.

`flow.facts_from_body` replaced dumping the validated body and converting it back
(`wizard.flow.facts_from_api`): both must give the same facts for every body.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

import pytest
from django.http import HttpRequest, HttpResponseBase
from django.test import Client, RequestFactory
from django.urls import resolve
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st
from ninja.decorators import decorate_view

from tests.integration.test_api_payload import stock_api
from tests.scenarios import SCENARIOS
from tests.unit.rules.factories import REALISTIC, TODAY, every_path
from wizard import api as wizard_api
from wizard.api import AssessmentIn, assessments, create_assessment
from wizard.flow import answers_from_facts, facts_from_api, facts_from_body
from wizard.rules import (
    EvidenceCode,
    ItemCategory,
    ItemCondition,
    OrderStatus,
    PackageCondition,
    Reason,
    SellerResponse,
)

URL = "/api/v1/assessments"


def _stock_transport_checks(
    run: Callable[..., HttpResponseBase],
) -> Callable[..., HttpResponseBase]:
    """The checks as the ninja view decorator they were."""

    @wraps(run)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        problem = wizard_api._transport_problem(request)
        if problem is None:
            return run(request, *args, **kwargs)
        status, kind = problem
        with translation.override(wizard_api._header_language(request)):
            return wizard_api._errors_response(
                request, status, {"__all__": [wizard_api._transport_message(kind)]}
            )

    return checked


def _reference_view() -> Callable[..., HttpResponseBase]:
    reference = stock_api("reference_dispatch")

    @reference.post("/assessments")
    @decorate_view(_stock_transport_checks)
    def stock(request: HttpRequest) -> HttpResponseBase:
        return create_assessment(request)

    return next(p.callback for p in reference.urls[0] if str(p.pattern) == "assessments")


REFERENCE_VIEW = _reference_view()
VALID = {"order_status": "not_shipped", "reason": "changed_mind", "today": "2026-11-24"}
DEEP = b'{"order_status": "not_shipped", "reason": "changed_mind", "x": ' + b"[" * 40 + b"]" * 40
CASES: list[tuple[str, str, bytes, str | None]] = [
    # (name, method, body, content type)
    ("valid", "post", json.dumps(VALID).encode(), "application/json"),
    ("valid +json", "post", json.dumps(VALID).encode(), "application/problem+json"),
    ("not json", "post", json.dumps(VALID).encode(), "text/plain"),
    ("form", "post", b"order_status=not_shipped", "application/x-www-form-urlencoded"),
    ("no type, no body", "post", b"", None),
    ("empty json", "post", b"", "application/json"),
    ("too large", "post", b'{"a": "' + b"x" * (64 * 1024) + b'"}', "application/json"),
    ("too deep", "post", DEEP + b"}", "application/json"),
    ("malformed", "post", b"{", "application/json"),
    ("not an object", "post", b"[]", "application/json"),
    (
        "invalid field",
        "post",
        json.dumps({**VALID, "reason": "bored"}).encode(),
        "application/json",
    ),
    (
        "cross-field",
        "post",
        json.dumps({**VALID, "order_status": "received", "reason": "changed_mind"}).encode(),
        "application/json",
    ),
    *(
        (method, method, json.dumps(VALID).encode(), "application/json")
        for method in ("get", "put", "patch", "delete", "head", "options")
    ),
]


def _request(method: str, body: bytes, content_type: str | None, language: str) -> HttpRequest:
    extra = {"CONTENT_TYPE": content_type} if content_type is not None else {}
    request = RequestFactory().generic(method.upper(), URL, data=body, **extra)
    if content_type is None:
        request.META.pop("CONTENT_TYPE", None)
    request.LANGUAGE_CODE = language
    return request


def _answer(response: HttpResponseBase) -> tuple[int, dict[str, str], bytes]:
    headers = {k: v for k, v in response.items() if k in ("Content-Type", "Allow")}
    return response.status_code, headers, response.content  # type: ignore[attr-defined]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("case", CASES, ids=lambda case: case[0])
def test_the_view_answers_as_ninjas_dispatch(
    case: tuple[str, str, bytes, str | None], language: str
) -> None:
    _name, method, body, content_type = case
    ours = assessments(_request(method, body, content_type, language))
    reference = REFERENCE_VIEW(_request(method, body, content_type, language))
    assert _answer(ours) == _answer(reference)


def test_the_route_is_the_plain_view_and_ninja_documents_it() -> None:
    assert resolve(URL).func is assessments
    document = wizard_api.api.get_openapi_schema()
    assert list(document["paths"][URL]) == ["post"]
    assert resolve("/api/v1/openapi.json").url_name is not None


def test_a_post_without_a_csrf_token_is_answered(db: None) -> None:
    """As every ninja view: exempt from CSRF (the API takes no cookie-borne credentials)."""
    client = Client(enforce_csrf_checks=True)
    response = client.post(URL, data=json.dumps(VALID), content_type="application/json")
    assert response.status_code == 200


def test_a_get_through_the_whole_stack_is_a_405_naming_post(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 405
    assert response["Allow"] == "POST"


# --- facts_from_body ------------------------------------------------------------------


def _both(body: dict[str, Any]) -> None:
    payload = AssessmentIn.model_validate(body)
    assert facts_from_body(payload) == facts_from_api(payload.model_dump())


ANSWERED = [s for s in SCENARIOS if s["expect"].get("status", 200) == 200]


@pytest.mark.parametrize("scenario", ANSWERED, ids=lambda s: s["name"][:50])
def test_facts_from_body_equals_the_dumped_body_converted_for_every_public_scenario(
    scenario: dict[str, Any],
) -> None:
    _both({"today": "2026-11-24", **scenario["request"]})


# LONGEST holds the web form's longest texts, longer than the API takes.
@pytest.mark.parametrize("values", [{}, REALISTIC], ids=["plain", "realistic"])
def test_facts_from_body_equals_the_dumped_body_converted_on_every_path(
    values: dict[str, Any],
) -> None:
    paths = 0
    for facts in every_path(values):
        body = {**answers_from_facts(facts), "today": TODAY.isoformat()}
        _both(body)
        paths += 1
    assert paths > 10_000


padded = st.text(alphabet=" 　\t\n订单号ab1", max_size=20)


@settings(max_examples=300, deadline=None)
@given(
    st.fixed_dictionaries(
        {
            "order_status": st.sampled_from([s.value for s in OrderStatus]),
            "reason": st.sampled_from([r.value for r in Reason]),
        },
        optional={
            "received_on": st.none() | st.sampled_from(["2026-11-20", "2026-11-01"]),
            "package_condition": st.none() | st.sampled_from([p.value for p in PackageCondition]),
            "item_category": st.none() | st.sampled_from([c.value for c in ItemCategory]),
            "item_condition": st.none() | st.sampled_from([c.value for c in ItemCondition]),
            "shipping_insurance": st.none() | st.booleans(),
            "seller_response": st.none() | st.sampled_from([r.value for r in SellerResponse]),
            "amount_paid": st.none() | st.sampled_from(["199", "199.5", 12, 0.5]),
            "amount_claimed": st.none() | st.sampled_from(["1.00", 3]),
            "order_number": padded,
            "merchant_name": padded,
            "product_name": padded,
            "promised_return_days": st.none() | st.integers(8, 365),
            "problem_description": padded,
            "evidence_attached": st.lists(st.sampled_from([e.value for e in EvidenceCode])),
            "language": st.none() | st.sampled_from(["zh-hans", "en"]),
        },
    )
)
def test_facts_from_body_equals_the_dumped_body_converted_for_any_valid_body(
    body: dict[str, Any],
) -> None:
    _both(body)
