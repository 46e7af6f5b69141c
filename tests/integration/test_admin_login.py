"""Admin login is throttled per client address and per username."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client

from tests.clock import pinned

pytestmark = pytest.mark.django_db

URL = "/admin/login/"


@pytest.fixture(autouse=True)
def _fresh_counters(settings):
    cache.clear()
    settings.ADMIN_LOGIN_FAILURES_PER_CLIENT = 20
    settings.ADMIN_LOGIN_FAILURES_PER_USERNAME = 5
    # A frozen clock: the counters' window cannot roll over in the middle of a test.
    with pinned():
        yield
    cache.clear()


@pytest.fixture
def admin_user():
    return get_user_model().objects.create_superuser("boss", "boss@example.com", "right-pw-123")


def _try(client: Client, username: str, password: str, ip: str = "198.51.100.1"):
    return client.post(
        URL, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=ip
    )


def test_65_wrong_passwords_are_not_all_answered(admin_user):
    client = Client()
    statuses = [_try(client, "boss", f"guess-{i}").status_code for i in range(65)]
    assert statuses[:5] == [200] * 5
    assert set(statuses[5:]) == {429}
    # Locked for this username: even the right password gets no answer about it.
    assert _try(client, "boss", "right-pw-123").status_code == 429
    blocked = _try(client, "boss", "x")
    assert blocked["Retry-After"]
    assert "请求过于频繁" in blocked.content.decode()


def test_a_guesser_rotating_addresses_is_still_stopped_per_username(admin_user):
    statuses = [
        _try(Client(), "boss", f"guess-{i}", ip=f"203.0.113.{i}").status_code for i in range(8)
    ]
    assert statuses == [200] * 5 + [429] * 3


def test_one_client_trying_many_usernames_is_stopped_per_client(admin_user):
    client = Client()
    statuses = [_try(client, f"user{i}", "pw").status_code for i in range(25)]
    assert statuses == [200] * 20 + [429] * 5
    # Another client address is not affected, and logs in.
    response = _try(Client(), "boss", "right-pw-123", ip="192.0.2.9")
    assert response.status_code == 302


def test_a_few_mistakes_then_the_right_password_logs_in(admin_user):
    client = Client()
    for i in range(3):
        assert _try(client, "boss", f"typo-{i}").status_code == 200
    response = _try(client, "boss", "right-pw-123")
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
