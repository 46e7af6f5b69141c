"""`/healthz`: 200 when the database, cache and broker answer, 503 naming what does not."""

from __future__ import annotations

import socket

import pytest
from django.test import Client

from wizard import health

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_healthy_instance_answers_200_with_every_check_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": "ok"},
    }


def test_an_unreachable_broker_makes_it_503_and_names_the_broker(client, settings):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{_closed_port()}/0"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "failed",
        "checks": {"database": "ok", "cache": "ok", "broker": "failed"},
    }


def test_an_unreachable_cache_makes_it_503_and_names_the_cache(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{_closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }
    settings.RATELIMIT_ENABLED = False  # the limiter would hit the dead cache first
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "failed", "broker": "ok"}


def test_a_failing_database_makes_it_503_and_names_the_database(client, monkeypatch):
    class BrokenConnection:
        def cursor(self):
            raise health.DatabaseError("connection refused")

    monkeypatch.setattr(health, "connection", BrokenConnection())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "failed"
    assert response.json()["status"] == "failed"


def test_it_works_against_real_redis_broker_and_cache(client, settings, redis_url):
    settings.CELERY_BROKER_URL = redis_url
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    }
    response = client.get("/healthz")
    assert response.status_code == 200, response.content
    assert set(response.json()["checks"].values()) == {"ok"}


def test_it_sets_no_cookie_and_is_never_cached(client):
    response = client.get("/healthz")
    assert list(response.cookies) == []
    assert "no-cache" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


def test_it_needs_no_csrf_token_and_only_answers_get_and_head():
    strict = Client(enforce_csrf_checks=True)
    assert strict.get("/healthz").status_code == 200
    assert strict.head("/healthz").status_code == 200
    assert strict.post("/healthz").status_code == 405


def test_it_is_not_rate_limited(client, settings):
    settings.RATELIMIT_RULES = [
        (name, methods, prefixes, 1, 60) for name, methods, prefixes, *_ in settings.RATELIMIT_RULES
    ]
    statuses = {client.get("/healthz").status_code for _ in range(5)}
    assert statuses == {200}


def test_light_mode_answers_without_touching_any_service(client, monkeypatch):
    def boom():
        raise AssertionError("light mode must not run the checks")

    monkeypatch.setitem(health.CHECKS, "database", boom)
    response = client.get("/healthz?light=1")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {}}
