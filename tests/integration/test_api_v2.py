"""`POST /api/v1/assessments`: the optional inputs of domain.md version 2 and their 400s."""

from __future__ import annotations

import json

import pytest
from django.test import Client

URL = "/api/v1/assessments"
RECEIVED = {
    "order_status": "received",
    "reason": "changed_mind",
    "received_on": "2026-11-20",
    "item_condition": "opened_intact",
    "today": "2026-11-24",
}


def post(client: Client, body: object, **extra: str):
    return client.post(URL, data=json.dumps(body), content_type="application/json", **extra)


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        pytest.param({"promised_return_days": 7}, "promised_return_days", id="seven_days_promised"),
        pytest.param({"promised_return_days": 366}, "promised_return_days", id="over_a_year"),
        pytest.param({"promised_return_days": "15"}, "promised_return_days", id="days_as_text"),
        pytest.param({"promised_return_days": 15.5}, "promised_return_days", id="days_fraction"),
        pytest.param({"promised_return_days": True}, "promised_return_days", id="days_as_bool"),
        pytest.param({"amount_claimed": "0"}, "amount_claimed", id="zero_claimed"),
        pytest.param({"amount_claimed": "1.234"}, "amount_claimed", id="three_decimals"),
        pytest.param(
            {"amount_claimed": "20.01", "amount_paid": "20"}, "amount_claimed", id="above_paid"
        ),
        pytest.param({"problem_description": "坏" * 201}, "problem_description", id="too_long"),
        pytest.param({"problem_description": 5}, "problem_description", id="not_a_string"),
        pytest.param({"evidence_attached": "item_photo"}, "evidence_attached", id="not_a_list"),
        pytest.param({"evidence_attached": ["selfie"]}, "evidence_attached", id="unknown_code"),
        pytest.param({"evidence_attached": [1]}, "evidence_attached", id="code_not_a_string"),
    ],
)
def test_bad_v2_inputs_get_a_400_naming_the_field(client: Client, extra: dict, field: str) -> None:
    response = post(client, {**RECEIVED, **extra})
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    assert set(errors) == {field}
    assert all(message.strip() for message in errors[field])


@pytest.mark.parametrize("status", ["not_shipped", "out_for_delivery"])
def test_not_received_before_shipping_or_at_the_door_is_a_400_naming_reason(
    client: Client, status: str
) -> None:
    response = post(
        client,
        {
            "order_status": status,
            "reason": "not_received",
            "package_condition": "damaged",  # checked before the door override
            "today": "2026-11-24",
        },
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"reason"}
    assert "未收到货" in errors["reason"][0] or "运输" in errors["reason"][0]


def test_the_error_messages_are_in_english_when_asked(client: Client) -> None:
    response = post(client, {**RECEIVED, "promised_return_days": 3, "language": "en"})
    assert response.json()["errors"]["promised_return_days"] == [
        "Must be a whole number of days from 8 to 365."
    ]
    zh = post(client, {**RECEIVED, "promised_return_days": 3})
    assert zh.json()["errors"]["promised_return_days"] == ["必须是8到365之间的整数天数。"]


def test_not_received_once_signed_needs_no_item_condition(client: Client) -> None:
    body = {**RECEIVED, "reason": "not_received"}
    del body["item_condition"]
    response = post(client, body)
    assert response.status_code == 200, response.content
    assert response.json()["procedure"] == "refund_only"


def test_the_v2_inputs_reach_the_decision(client: Client) -> None:
    response = post(
        client,
        {
            **RECEIVED,
            "today": "2026-12-02",
            "promised_return_days": 15,
            "amount_paid": 300,
            "amount_claimed": "45.5",
            "problem_description": "  袖口开线  ",
            "evidence_attached": ["item_photo", "item_photo", "listing_screenshot", None][:3],
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["deadline"] == "2026-12-05"
    assert body["request"]["amount"] == "45.50"
    assert "已附上：商品照片、商品详情页截图" in body["request"]["description"]
    assert body["request"]["description_zh"] == body["request"]["description"]
    assert set(body["messages_zh"]) == set(body["messages"]) == {"seller", "appeal", "followup"}


def test_null_v2_inputs_count_as_absent(client: Client) -> None:
    nulls = dict.fromkeys(
        ("promised_return_days", "amount_claimed", "problem_description", "evidence_attached")
    )
    response = post(client, {**RECEIVED, **nulls})
    assert response.status_code == 200, response.content
    assert response.json()["deadline"] == "2026-11-27"
