"""Rate limits per client: saving cases, uploads and the API get a clear 429."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

from wizard.ratelimit import Rule, client_ip, hit

pytestmark = pytest.mark.django_db

API = "/api/v1/assessments"
BODY = {"order_status": "not_shipped", "reason": "changed_mind"}
# 12:00:45 UTC: 45 s into a one-minute window.
NOON = datetime(2026, 11, 24, 12, 0, 45, tzinfo=UTC)


@pytest.fixture(autouse=True)
def tight_limits(settings):
    settings.RATELIMIT_ENABLED = True
    settings.RATELIMIT_DISABLED_RULES = []
    settings.RATELIMIT_TRUSTED_PROXY = False
    settings.RATELIMIT_RULES = [
        ("saves", ("POST",), ("/w/", "/c/"), 3, 60),
        ("uploads", ("POST",), ("/w/", "/c/", "/evidence/"), 2, 60, "multipart/"),
        ("api", ("GET", "POST"), ("/api/v1/",), 3, 60),
    ]
    cache.clear()
    yield
    cache.clear()


def post_api(client: Client, **extra):
    return client.post(API, BODY, content_type="application/json", **extra)


def test_the_api_answers_429_in_chinese_after_the_limit():
    client = Client()
    with time_machine.travel(NOON, tick=False):
        assert [post_api(client).status_code for _ in range(3)] == [200, 200, 200]
        response = post_api(client)
    assert response.status_code == 429
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"errors": {"__all__": ["请求过于频繁，请稍后再试"]}}
    assert response["Retry-After"] == "15"


def test_the_api_429_speaks_english_to_an_english_client():
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    for _ in range(3):
        post_api(client)
    response = post_api(client)
    assert response.status_code == 429
    assert response.json()["errors"]["__all__"] == [
        "Too many requests, please try again in a minute"
    ]
    assert 1 <= int(response["Retry-After"]) <= 60


def test_saving_too_often_gets_a_429_page_in_the_users_language():
    client = Client()
    for _ in range(3):
        client.post("/c/some-token/no-such-action/", {"action": "x"})
    response = client.post("/c/some-token/no-such-action/", {"action": "x"})
    assert response.status_code == 429
    assert response["Content-Type"].startswith("text/html")
    assert "请求过于频繁，请稍后再试" in response.content.decode()
    assert int(response["Retry-After"]) >= 1
    english = Client(HTTP_ACCEPT_LANGUAGE="en")
    for _ in range(3):
        english.post("/w/x/", REMOTE_ADDR="10.0.0.2")
    page = english.post("/w/x/", REMOTE_ADDR="10.0.0.2").content.decode()
    assert "Too many requests, please try again in a minute" in page
    assert 'lang="en"' in page


def test_reading_pages_is_never_limited():
    client = Client()
    statuses = {client.get("/c/some-token/no-such-action/").status_code for _ in range(6)}
    assert statuses == {404}


def test_uploads_are_limited_separately_and_only_multipart_posts_count():
    client = Client()
    url = "/evidence/no-such-upload/"
    form = "application/x-www-form-urlencoded"
    # Url-encoded POSTs under /evidence/ count against no rule at all ...
    assert {client.post(url, "a=b", content_type=form).status_code for _ in range(4)} == {404}
    # ... multipart ones (file uploads) count against "uploads".
    statuses = [client.post(url, {"file": "x"}).status_code for _ in range(3)]
    assert statuses == [404, 404, 429]


def test_each_client_has_its_own_counter():
    client = Client()
    for _ in range(3):
        post_api(client, REMOTE_ADDR="10.0.0.1")
    assert post_api(client, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert post_api(client, REMOTE_ADDR="10.0.0.9").status_code == 200


def test_x_forwarded_for_is_ignored_unless_behind_a_trusted_proxy(settings):
    client = Client()
    for n in range(3):
        post_api(client, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    # Spoofed headers do not buy a fresh counter.
    assert post_api(client, HTTP_X_FORWARDED_FOR="203.0.113.77").status_code == 429


def test_behind_a_trusted_proxy_the_first_forwarded_hop_is_the_client(settings):
    settings.RATELIMIT_TRUSTED_PROXY = True
    client = Client()
    for _ in range(3):
        post_api(client, HTTP_X_FORWARDED_FOR="203.0.113.5, 10.0.0.1")
    assert post_api(client, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
    assert post_api(client, HTTP_X_FORWARDED_FOR="203.0.113.6, 10.0.0.1").status_code == 200


def test_garbage_in_x_forwarded_for_falls_back_to_the_peer_address(rf, settings):
    settings.RATELIMIT_TRUSTED_PROXY = True
    request = rf.get("/", HTTP_X_FORWARDED_FOR="<script>, 1.2.3.4", REMOTE_ADDR="10.1.1.1")
    assert client_ip(request) == "10.1.1.1"
    request = rf.get("/", HTTP_X_FORWARDED_FOR=" 2001:db8::1 ", REMOTE_ADDR="10.1.1.1")
    assert client_ip(request) == "2001:db8::1"


def test_a_disabled_rule_never_limits(settings):
    settings.RATELIMIT_DISABLED_RULES = ["api"]
    client = Client()
    assert {post_api(client).status_code for _ in range(6)} == {200}


def test_the_whole_limiter_can_be_switched_off(settings):
    settings.RATELIMIT_ENABLED = False
    client = Client()
    assert {post_api(client).status_code for _ in range(6)} == {200}


def test_the_counter_starts_again_in_the_next_window():
    client = Client()
    with time_machine.travel(NOON, tick=False) as traveller:
        for _ in range(3):
            post_api(client)
        assert post_api(client).status_code == 429
        traveller.shift(15)
        assert post_api(client).status_code == 200


def test_counting_is_exact_on_redis(settings, redis_url):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "ratelimit-test",
        }
    }
    cache.clear()
    rule = Rule.from_setting(("t", "POST", "/x/", 5, 60))
    results = [hit(rule=rule, client="192.0.2.1", now=1_000_000.0)[0] for _ in range(7)]
    assert results == [True] * 5 + [False, False]
    assert hit(rule=rule, client="192.0.2.2", now=1_000_000.0)[0] is True
    assert hit(rule=rule, client="192.0.2.1", now=1_000_060.0)[0] is True
    cache.clear()


def test_the_default_rules_cover_saving_uploading_and_the_api():
    import importlib
    import os

    from config.settings import base

    suite = importlib.import_module(os.environ["DJANGO_SETTINGS_MODULE"])

    rules = {rule[0]: Rule.from_setting(rule) for rule in base.RATELIMIT_RULES}
    assert set(rules) == {"saves", "uploads", "api"}
    assert {"/w/", "/c/"} <= set(rules["saves"].prefixes)
    assert rules["uploads"].content_type == "multipart/"
    assert rules["api"].prefixes == ("/api/v1/",)
    # The suite itself must never trip them.
    assert all(rule[3] >= 100_000 for rule in suite.RATELIMIT_RULES)
