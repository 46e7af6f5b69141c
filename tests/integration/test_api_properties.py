"""Whatever JSON arrives, the API answers 200 or a 4xx with named errors, never a 500."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wizard.rules import (
    EvidenceCode,
    Fault,
    ItemCategory,
    ItemCondition,
    OrderStatus,
    PackageCondition,
    Procedure,
    Reason,
    RefundType,
    SellerResponse,
    ShippingPayer,
    WhyNot,
)

API = "/api/v1/assessments"
PROPERTY = settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


def codes(enum) -> st.SearchStrategy:
    return st.sampled_from([member.value for member in enum])


FIELDS = {
    "order_status": codes(OrderStatus),
    "reason": codes(Reason),
    "package_condition": codes(PackageCondition),
    "item_category": codes(ItemCategory),
    "item_condition": codes(ItemCondition),
    "seller_response": codes(SellerResponse),
    "received_on": st.dates().map(str),
    "today": st.dates().map(str),
    "shipping_insurance": st.booleans() | st.none(),
    "amount_paid": st.decimals(allow_nan=False, allow_infinity=False, places=2).map(str),
    "order_number": st.text(max_size=120),
    "merchant_name": st.text(max_size=120),
    "product_name": st.text(max_size=120),
    "language": st.sampled_from(["zh-hans", "en", "fr", ""]),
}

# Plausible bodies: the real fields, each either a sensible value or any JSON at all.
plausible_bodies = st.fixed_dictionaries(
    {},
    optional={name: strategy | json_values for name, strategy in FIELDS.items()},
)


def check(response) -> None:
    assert response.status_code < 500
    assert response.status_code == 200 or 400 <= response.status_code < 500
    body = response.json()
    if response.status_code == 200:
        # Every code is one of domain.md's, whatever the texts say.
        assert body["procedure"] in set(Procedure)
        assert body["refund_type"] in {*RefundType, None}
        assert body["fault"] in set(Fault)
        assert body["reason"] in set(Reason)
        assert body["return_shipping_paid_by"] in set(ShippingPayer)
        assert body["seven_day_return"]["why_not"] in {*WhyNot, None}
        assert {item["code"] for item in body["evidence"]} <= set(EvidenceCode)
        # The seller pays the return shipping exactly when at fault (unless nothing is paid).
        if body["return_shipping_paid_by"] != ShippingPayer.NONE:
            assert (body["return_shipping_paid_by"] == ShippingPayer.SELLER) == (
                body["fault"] == Fault.SELLER
            )
    else:
        assert body["errors"] and all(
            isinstance(messages, list) and messages and all(isinstance(m, str) for m in messages)
            for messages in body["errors"].values()
        )


@pytest.fixture(scope="module")
def api_client() -> Client:
    return Client()


@PROPERTY
@given(body=plausible_bodies)
def test_any_mix_of_real_fields_gets_an_answer_or_named_errors(api_client, body):
    check(api_client.post(API, body, content_type="application/json"))


@PROPERTY
@given(body=json_values)
def test_any_json_document_gets_an_answer_or_named_errors(api_client, body):
    check(api_client.post(API, json.dumps(body), content_type="application/json"))


@PROPERTY
@given(
    raw=st.binary(max_size=200),
    content_type=st.sampled_from(
        [
            "application/json",
            "application/json; charset=utf-8",
            "text/plain",
            "",
            "application/x+json",
        ]
    ),
)
def test_any_bytes_with_any_content_type_get_a_4xx_or_an_answer(api_client, raw, content_type):
    check(api_client.post(API, raw, content_type=content_type))
