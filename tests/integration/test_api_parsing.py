"""How `POST /api/v1/assessments` reads what arrives: headers, JSON, nulls, dates, languages."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

URL = "/api/v1/assessments"
NOT_SHIPPED = {"order_status": "not_shipped", "reason": "changed_mind", "today": "2026-11-24"}
RECEIVED = {
    "order_status": "received",
    "reason": "changed_mind",
    "received_on": "2026-11-20",
    "item_condition": "unopened",
    "today": "2026-11-24",
}


def post(client: Client, raw: str | bytes, **extra: Any):
    return client.post(URL, data=raw, content_type="application/json", **extra)


@pytest.mark.parametrize(
    "raw",
    ["[" * 5000 + "]" * 5000, '{"a":' * 3000 + "1" + "}" * 3000, "[" * 30000],
    ids=["deep-array", "deep-object", "unclosed"],
)
def test_json_nested_too_deep_is_a_400_for_the_whole_body(client: Client, raw: str) -> None:
    response = post(client, raw, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {"errors": {"__all__": ["The body nests deeper than 32 levels."]}}


def test_a_lone_surrogate_is_not_valid_json(client: Client) -> None:
    raw = '{"order_status": "not_shipped", "reason": "changed_mind", "product_name": "\\ud800"}'
    response = post(client, raw, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {"errors": {"__all__": ["The body is not valid JSON."]}}


@pytest.mark.parametrize("length", ["abc", "-5", "1e3", "١٢"])
def test_a_content_length_that_is_not_a_number_of_bytes_is_a_400(
    client: Client, length: str
) -> None:
    response = post(client, json.dumps(NOT_SHIPPED), CONTENT_LENGTH=length)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["__all__"]


def test_a_declared_length_over_64_kib_is_a_413_before_the_body_is_read(client: Client) -> None:
    response = post(client, json.dumps(NOT_SHIPPED), CONTENT_LENGTH=str(64 * 1024 + 1))
    assert response.status_code == 413


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"received_on": "9999-12-31", "today": "9999-12-31"}, {"received_on", "today"}),
        ({"received_on": "9999-12-30"}, {"received_on"}),
        ({"today": "9999-12-31"}, {"today"}),
        ({"received_on": "0001-01-01", "today": "0001-01-08"}, {"received_on", "today"}),
    ],
)
def test_dates_at_the_ends_of_the_calendar_are_named_not_a_500(
    client: Client, fields: dict, named: set[str]
) -> None:
    response = post(client, json.dumps({**RECEIVED, **fields}), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == named
    assert all(
        m == ["Out of range: use a date between 2000-01-01 and 2099-12-31."]
        for m in errors.values()
    )


@pytest.mark.parametrize(
    "today", ["2026-11-24T00:00:00", "1764000000", "2026-W48-2", "２０２６-１１-２４", 1764000000]
)
def test_only_the_yyyy_mm_dd_form_is_a_date(client: Client, today: object) -> None:
    response = post(client, json.dumps({**NOT_SHIPPED, "today": today}))
    assert response.status_code == 400
    assert response.json()["errors"] == {"today": ["不是有效日期：请使用 YYYY-MM-DD 格式。"]}


def test_an_optional_field_sent_as_null_counts_as_absent(client: Client) -> None:
    nulls = {
        "package_condition": None,
        "item_category": None,
        "seller_response": None,
        "shipping_insurance": None,
        "amount_paid": None,
        "order_number": None,
        "language": None,
        "today": None,
    }
    with_nulls = post(client, json.dumps({**RECEIVED, **nulls, "today": "2026-11-24"}))
    without = post(client, json.dumps(RECEIVED))
    assert with_nulls.status_code == 200, with_nulls.json()
    assert with_nulls.json() == without.json()


def test_a_required_field_sent_as_null_is_missing(client: Client) -> None:
    response = post(client, json.dumps({**NOT_SHIPPED, "reason": None}), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {"errors": {"reason": ["This field is required."]}}


def test_error_messages_follow_the_language_the_body_names(client: Client) -> None:
    body = {**NOT_SHIPPED, "language": "en", "reason": "bored", "amount_paid": True}
    errors = post(client, json.dumps(body), HTTP_ACCEPT_LANGUAGE="zh-hans").json()["errors"]
    assert errors["reason"][0].startswith("Unknown value. Allowed: changed_mind, ")
    assert errors["amount_paid"] == [
        'Not an amount: a positive number of yuan with at most 2 decimals, e.g. "199.00".'
    ]


@pytest.mark.parametrize(
    ("amount", "shown"), [(199, "199.00"), (199.5, "199.50"), ("0.01", "0.01")]
)
def test_amount_paid_may_be_a_json_number_or_a_decimal_string(
    client: Client, amount: object, shown: str
) -> None:
    body = {**RECEIVED, "reason": "quality_issue", "amount_paid": amount}
    response = post(client, json.dumps(body))
    assert response.status_code == 200, response.json()
    assert response.json()["request"]["amount"] == shown


@pytest.mark.parametrize(
    "amount",
    [0.1 + 0.2, 1e300, "1234567890", "NaN", "Infinity", [1], {}]
    + ["1e2", "+5", "-5", " 5 ", "1_000", "5.", ".5", "１９９", "199.0.0", ""],
)
def test_amounts_that_are_not_yuan_with_two_decimals_are_refused(
    client: Client, amount: object
) -> None:
    response = post(client, json.dumps({**NOT_SHIPPED, "amount_paid": amount}))
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"amount_paid"}


def test_every_reference_in_the_openapi_document_resolves(client: Client) -> None:
    document = client.get("/api/v1/openapi.json").json()
    refs: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str):
                refs.append(node["$ref"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)
    assert refs, "the schemas are published as components"
    for ref in refs:
        assert ref.startswith("#/components/schemas/"), ref
        assert ref.rsplit("/", 1)[-1] in document["components"]["schemas"], ref
    body = document["components"]["schemas"]["AssessmentIn"]["properties"]
    assert body["received_on"]["anyOf"][0] == {"format": "date", "type": "string"}
