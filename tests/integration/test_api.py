"""`POST /api/v1/assessments` over HTTP: the public scenarios, every error status, the schema."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from django.test import Client
from openapi_spec_validator import validate

from tests.scenarios import SCENARIOS, check_response
from wizard.rules import EvidenceCode, Fault, Procedure, RefundType, ShippingPayer

URL = "/api/v1/assessments"


def post(client: Client, body: object, **extra: str):
    raw = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(URL, data=raw, content_type="application/json", **extra)


check_expectation = check_response


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["name"] for s in SCENARIOS])
def test_public_scenario(client: Client, scenario: dict) -> None:
    response = post(client, scenario["request"])
    check_expectation(response.status_code, response.json(), scenario["expect"])


@pytest.mark.django_db
def test_public_scenarios_against_a_running_server(live_server) -> None:
    """The same cases posted over a real socket to a running server."""
    for scenario in SCENARIOS:
        request = urllib.request.Request(
            live_server.url + URL,
            data=json.dumps(scenario["request"]).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                status, body = response.status, json.load(response)
        except urllib.error.HTTPError as error:
            status, body = error.code, json.load(error)
        check_expectation(status, body, scenario["expect"])


def test_response_has_every_documented_key(client: Client) -> None:
    body = post(
        client,
        {
            "order_status": "received",
            "reason": "size_unsuitable",
            "received_on": "2026-11-20",
            "today": "2026-11-24",
            "item_condition": "opened_intact",
            "amount_paid": "199",
            "order_number": "P20261120",
            "product_name": "连衣裙",
        },
    ).json()
    for key in (
        "procedure",
        "refund_type",
        "fault",
        "reason",
        "refund_reason_label",
        "return_shipping_paid_by",
        "deadline",
        "days_left",
        "seven_day_return",
        "steps",
        "evidence",
        "warnings",
        "legal_basis",
        "request",
    ):
        assert key in body
    assert body["request"]["amount"] == "199.00"
    assert "P20261120" in body["request"]["description"]
    assert "连衣裙" in body["request"]["description"]
    assert body["procedure"] in {p.value for p in Procedure}
    assert body["refund_type"] in {r.value for r in RefundType}
    assert body["fault"] in {f.value for f in Fault}
    assert body["return_shipping_paid_by"] in {s.value for s in ShippingPayer}
    assert all(item["code"] in {e.value for e in EvidenceCode} for item in body["evidence"])


def test_language_field_switches_texts_but_not_codes(client: Client) -> None:
    base = {"order_status": "not_shipped", "reason": "changed_mind", "today": "2026-11-24"}
    zh = post(client, base).json()
    en = post(client, {**base, "language": "en"}).json()
    assert zh["procedure"] == en["procedure"] == "cancel_order"
    assert zh["steps"][0]["title"] != en["steps"][0]["title"]
    assert zh["request"]["type_label"] == "仅退款"


def test_accept_language_is_used_when_the_body_names_no_language(client: Client) -> None:
    base = {"order_status": "not_shipped", "reason": "changed_mind", "today": "2026-11-24"}
    en = post(client, base, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").json()
    assert (
        en["request"]["type_label"]
        == post(client, {**base, "language": "en"}).json()["request"]["type_label"]
    )
    errors = post(client, {"reason": "changed_mind"}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert errors["errors"]["order_status"] == ["This field is required."]


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({}, {"order_status", "reason"}),
        ({"order_status": 3, "reason": "changed_mind"}, {"order_status"}),
        (
            {"order_status": "received", "reason": "changed_mind", "today": "2026-11-24"},
            {"received_on", "item_condition"},
        ),
        (
            {
                "order_status": "received",
                "reason": "changed_mind",
                "received_on": "2026-11-25",
                "item_condition": "unopened",
                "today": "2026-11-24",
            },
            {"received_on"},
        ),
        (
            {
                "order_status": "received",
                "reason": "changed_mind",
                "received_on": "20/11/2026",
                "item_condition": "unopened",
            },
            {"received_on"},
        ),
        (
            {
                "order_status": "received",
                "reason": "changed_mind",
                "received_on": "2026-02-30",
                "item_condition": "unopened",
            },
            {"received_on"},
        ),
        ({"order_status": "not_shipped", "reason": "changed_mind", "today": 20261124}, {"today"}),
        (
            {"order_status": "not_shipped", "reason": "changed_mind", "shipping_insurance": "yes"},
            {"shipping_insurance"},
        ),
        (
            {"order_status": "not_shipped", "reason": "changed_mind", "amount_paid": "-1"},
            {"amount_paid"},
        ),
        (
            {"order_status": "not_shipped", "reason": "changed_mind", "amount_paid": "1.999"},
            {"amount_paid"},
        ),
        (
            {"order_status": "not_shipped", "reason": "changed_mind", "amount_paid": "0"},
            {"amount_paid"},
        ),
        (
            {"order_status": "not_shipped", "reason": "changed_mind", "order_number": "x" * 101},
            {"order_number"},
        ),
        (
            {"order_status": "not_shipped", "reason": "changed_mind", "merchant_name": 5},
            {"merchant_name"},
        ),
        (
            {"order_status": "not_shipped", "reason": "changed_mind", "item_category": "food"},
            {"item_category"},
        ),
        ({"order_status": "not_shipped", "reason": "changed_mind", "language": "fr"}, {"language"}),
        (
            {
                "order_status": "shipped",
                "reason": "bored",
                "package_condition": "ok",
                "seller_response": "maybe",
                "item_condition": "new",
            },
            {"order_status", "reason", "package_condition", "seller_response", "item_condition"},
        ),
    ],
)
def test_bad_fields_are_all_named(client: Client, body: dict, fields: set[str]) -> None:
    response = post(client, body)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == fields
    assert all(isinstance(m, str) and m for messages in errors.values() for m in messages)


@pytest.mark.parametrize("raw", ["{", "null", "[]", '"text"', "3", "\xff", " "])
def test_a_body_that_is_not_a_json_object_is_a_400_for_the_whole_body(client: Client, raw) -> None:
    response = post(client, raw.encode("latin-1") if raw == "\xff" else raw)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["__all__"]


def test_a_body_over_64_kib_is_a_413(client: Client) -> None:
    body = json.dumps({"order_status": "not_shipped", "reason": "changed_mind", "pad": "x" * 66000})
    response = post(client, body)
    assert response.status_code == 413
    assert "__all__" in response.json()["errors"]


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"],
)
def test_a_content_type_other_than_json_is_a_415(client: Client, content_type: str) -> None:
    body = json.dumps({"order_status": "not_shipped", "reason": "changed_mind"})
    response = client.post(URL, data=body, content_type=content_type)
    assert response.status_code == 415


def test_json_with_charset_is_accepted(client: Client) -> None:
    body = json.dumps({"order_status": "not_shipped", "reason": "changed_mind"})
    response = client.post(URL, data=body, content_type="application/json; charset=utf-8")
    assert response.status_code == 200


def test_today_defaults_to_the_china_date(client: Client, settings) -> None:
    import time_machine

    # 2026-11-26 17:30 UTC is already 2026-11-27 01:30 in Shanghai.
    with time_machine.travel("2026-11-26T17:30:00+00:00", tick=False):
        body = post(
            client,
            {
                "order_status": "received",
                "reason": "changed_mind",
                "received_on": "2026-11-20",
                "item_condition": "unopened",
            },
        ).json()
    assert body["deadline"] == "2026-11-27"
    assert body["days_left"] == 0


def test_signing_on_the_china_date_that_is_still_yesterday_in_utc_is_not_in_the_future(client):
    import time_machine

    with time_machine.travel("2026-11-26T16:30:00+00:00", tick=False):  # 00:30 on the 27th in China
        response = post(
            client,
            {
                "order_status": "received",
                "reason": "changed_mind",
                "received_on": "2026-11-27",
                "item_condition": "unopened",
            },
        )
    assert response.status_code == 200
    assert response.json()["days_left"] == 7


def test_the_openapi_document_validates_and_describes_the_endpoint(client: Client) -> None:
    document = client.get("/api/v1/openapi.json").json()
    validate(document)
    operation = document["paths"]["/api/v1/assessments"]["post"]
    assert {"200", "400", "413", "415"} <= set(operation["responses"])
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    if "$ref" in schema:  # "#/components/schemas/<name>"
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    assert {"order_status", "reason"} <= set(schema["required"])
    assert set(schema["properties"]) >= {"order_status", "reason", "received_on", "amount_paid"}
