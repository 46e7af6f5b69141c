"""Where unfinished wizards live: Django's own database sessions (wizard.wizard_storage decides
when the wizard writes to them)."""

from __future__ import annotations

from datetime import timedelta
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from tests.clock import NOW, pinned

# Real autocommit, as in a request.
pytestmark = pytest.mark.django_db(transaction=True)

ANSWERS = {"step": "reason", "step_data": {"status": {"status-order_status": ["received"]}}}


def _store(session_key: str | None = None):
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key)


def _start(client) -> tuple[str, str]:
    step_url = client.get(reverse("wizard:start")).url
    return step_url, f"refund_{step_url.split('/')[2]}"


def test_it_is_djangos_database_session_engine():
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_an_answer_is_in_the_session_table_and_survives_a_cache_flush(client):
    step_url, prefix = _start(client)
    response = client.post(
        step_url, {"status-order_status": "received", f"{prefix}-current_step": "status"}
    )
    assert response.status_code == 302 and response.url.endswith("/package/")
    cache.clear()  # e.g. Redis restarted without its data
    row = Session.objects.get(session_key=client.session.session_key)
    assert row.get_decoded()[f"wizard_{prefix}"]["step_data"]["status"]
    page = client.get(response.url)
    assert page.status_code == 200
    assert 'value="received"' in client.get(step_url).content.decode()


def test_the_first_wizard_request_of_a_day_moves_the_expiry_two_weeks_on(client):
    with pinned(NOW):
        step_url, _ = _start(client)
        assert client.get(step_url).status_code == 200
        Session.objects.update(expire_date=timezone.now() + timedelta(days=2))
        assert client.get(step_url).status_code == 200  # same day: nothing rewritten
        row = Session.objects.get(session_key=client.session.session_key)
        assert row.expire_date < timezone.now() + timedelta(days=3)
    with pinned(NOW + timedelta(days=1)):
        assert client.get(step_url).status_code == 200
        row = Session.objects.get(session_key=client.session.session_key)
        assert row.expire_date > timezone.now() + timedelta(days=13)


def test_a_page_view_that_changes_nothing_writes_no_session_row(client):
    """wizard.wizard_storage: formtools would mark the session modified on every read."""
    with pinned(NOW):
        step_url, prefix = _start(client)
        client.get(step_url)
        before = Session.objects.get(session_key=client.session.session_key).session_data
        for _ in range(3):
            assert client.get(step_url).status_code == 200
        after = Session.objects.get(session_key=client.session.session_key)
        assert after.session_data == before
        # An answer is a change, and is saved.
        response = client.post(
            step_url, {"status-order_status": "received", f"{prefix}-current_step": "status"}
        )
        assert response.status_code == 302
        saved = Session.objects.get(session_key=client.session.session_key).get_decoded()
        assert saved[f"wizard_{prefix}"]["step_data"]["status"]


def test_an_expired_session_is_not_loaded_and_gets_a_new_key():
    store = _store()
    store.update({"wizard_refund_x": ANSWERS})
    store.create()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    stale = _store(store.session_key)
    assert stale.load() == {}
    assert stale.session_key is None


@pytest.mark.parametrize("key", ["", "short", "x" * 40])
def test_an_unknown_or_malformed_key_loads_nothing(key):
    assert _store(key).load() == {}


def test_a_session_deleted_mid_request_is_a_clear_400_not_a_500(client):
    step_url, _ = _start(client)
    assert client.get(step_url).status_code == 200
    Session.objects.all().delete()  # e.g. "delete my case" in another tab, or a purge
    response = client.post(step_url, {"status-order_status": "received"})
    assert response.status_code in (302, 400)
    assert response.status_code != 500
