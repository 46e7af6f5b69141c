"""Any body or header gets a 2xx or 4xx, never a 5xx: the API and the pages.

Property tests (hypothesis) over nesting depth, extreme dates and malformed
framing headers, plus the exact requests that used to answer 500, one of them
as raw bytes over a socket (no client library to tidy the header up).
"""

from __future__ import annotations

import json
import socket
from datetime import date
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wizard.api import MAX_JSON_DEPTH, json_nesting_too_deep

pytestmark = pytest.mark.django_db

URL = "/api/v1/assessments"
PROPERTY = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
VALID = {"order_status": "received", "reason": "size_unsuitable", "item_condition": "unopened"}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def _post_json(body: bytes | str, **extra):
    return Client().post(URL, data=body, content_type="application/json", **extra)


def nested(depth: int, kinds: str) -> str:
    """`depth` levels of arrays and objects, in the order `kinds` repeats ("[" or "{")."""
    opening, closing = [], []
    for level in range(depth):
        if kinds[level % len(kinds)] == "[":
            opening.append("[")
            closing.append("]")
        else:
            opening.append('{"a":')
            closing.append("}")
    return "".join(opening) + "1" + "".join(reversed(closing))


@pytest.mark.parametrize(
    "body",
    [
        "[" * 20_000 + "]" * 20_000,  # 40 KB
        nested(6_000, "{"),
        '{"order_status": "received", "x": ' + nested(5_000, "[{") + "}",
    ],
)
def test_the_deep_bodies_that_crashed_are_a_400(body):
    assert len(body.encode()) <= 64 * 1024
    response = _post_json(body)
    assert response.status_code == 400
    assert response.json()["errors"]["__all__"]


@PROPERTY
@given(depth=st.integers(1, 25_000), kinds=st.sampled_from(["[", "{", "[{", "{[", "[[{"]))
def test_any_nesting_depth_gets_a_4xx_or_an_answer(depth, kinds):
    cache.clear()
    body = (
        '{"order_status": "not_shipped", "reason": "changed_mind", "x": '
        + nested(depth, kinds)
        + "}"
    )
    response = _post_json(body)
    assert response.status_code < 500
    if len(body) <= 64 * 1024:
        expected = 200 if depth + 1 <= MAX_JSON_DEPTH else 400
        assert response.status_code == expected, response.content[:300]


@given(text=st.text(alphabet='[]{}"\\ab,:', max_size=200))
def test_the_depth_scan_never_counts_brackets_inside_strings(text):
    body = json.dumps({"s": text}).encode()
    assert not json_nesting_too_deep(body, max_depth=1)


@pytest.mark.parametrize(
    ("received_on", "today"), [("9999-12-24", "9999-12-31"), ("2026-11-20", "9999-12-31")]
)
def test_year_9999_is_a_400_naming_the_field(received_on, today):
    body = {**VALID, "received_on": received_on, "today": today}
    response = _post_json(json.dumps(body), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "today" in errors
    assert ("received_on" in errors) == received_on.startswith("9999")
    assert "2099-12-31" in errors["today"][0]


@PROPERTY
@given(received=st.dates(), today=st.dates() | st.none())
def test_any_date_gets_a_200_or_a_400(received, today):
    cache.clear()
    body = {**VALID, "received_on": received.isoformat()}
    if today is not None:
        body["today"] = today.isoformat()
    response = _post_json(json.dumps(body))
    assert response.status_code in (200, 400), response.content[:300]
    in_range = date(2000, 1, 1) <= received <= date(2099, 12, 31)
    if not in_range:
        assert "received_on" in response.json()["errors"]


PAGES = ["/", "/start/", URL, "/c/nosuchtoken/delete/", "/evidence/c/nosuchtoken/add/"]


@PROPERTY
@given(
    path=st.sampled_from(PAGES),
    length=st.text(max_size=12),
    content_type=st.text(max_size=60)
    | st.sampled_from(["application/json", "multipart/form-data; boundary=", "text/plain"]),
)
def test_malformed_framing_headers_never_make_a_5xx(path, length, content_type):
    cache.clear()
    client = Client(raise_request_exception=False)
    response = client.post(
        path,
        data=b'{"order_status": "received"}',
        content_type=content_type,
        CONTENT_LENGTH=length,
    )
    assert response.status_code < 500, (path, length, content_type)


@pytest.mark.parametrize("path", [URL, "/c/nosuchtoken/delete/", "/start/"])
def test_content_length_abc_is_a_400_in_plain_client_terms(path):
    response = Client(raise_request_exception=False).post(
        path, data=b"{}", content_type="application/json", CONTENT_LENGTH="abc"
    )
    assert response.status_code == 400


def test_a_raw_request_with_content_length_abc_is_a_400(live_server):
    host, port = urlsplit(live_server.url).hostname, urlsplit(live_server.url).port
    request = (
        f"POST {URL} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
        "Content-Length: abc\r\nConnection: close\r\n\r\n{}"
    ).encode()
    with socket.create_connection((host, port), timeout=10) as conn:
        conn.sendall(request)
        reply = b""
        while chunk := conn.recv(65536):
            reply += chunk
    status_line = reply.split(b"\r\n", 1)[0]
    assert status_line.split()[1] == b"400", reply[:500]
    assert "Content-Length" in json.loads(reply.split(b"\r\n\r\n", 1)[1])["errors"]["__all__"][0]


HEADER_NAMES = [
    "HTTP_ACCEPT_LANGUAGE",
    "HTTP_ACCEPT",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_RANGE",
    "HTTP_IF_RANGE",
    "HTTP_COOKIE",
    "HTTP_REFERER",
]


@PROPERTY
@given(
    path=st.sampled_from(["/", "/start/", "/api/v1/openapi.json", "/c/nosuchtoken/", "/healthz"]),
    headers=st.dictionaries(
        st.sampled_from(HEADER_NAMES),
        # A WSGI server hands header bytes over decoded as latin-1 (PEP 3333).
        st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0xFF), max_size=80),
        max_size=4,
    ),
    trusted_proxy=st.booleans(),
)
def test_any_header_value_on_a_page_never_makes_a_5xx(path, headers, trusted_proxy, settings):
    cache.clear()
    settings.RATELIMIT_TRUSTED_PROXY = trusted_proxy
    response = Client(raise_request_exception=False).get(path, **headers)
    assert response.status_code < 500, (path, headers)
