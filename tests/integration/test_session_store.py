"""The wizard's session store: Django's database store's behaviour, fewer round trips."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wizard.session_store import SessionStore

# Real autocommit, as in a request: a test wrapped in a transaction would take
# the store's "inside a transaction" path.
pytestmark = pytest.mark.django_db(transaction=True)

ANSWERS = {"step": "reason", "step_data": {"status": {"status-order_status": ["received"]}}}


def _new(store_class=SessionStore, **data):  # noqa: ANN001, ANN202
    store = store_class()
    store.update(data or {"wizard_refund_x": ANSWERS})
    store.create()
    return store


def test_it_is_the_configured_engine():
    assert settings.SESSION_ENGINE == "wizard.session_store"


@pytest.mark.parametrize(
    ("writer", "reader"), [(SessionStore, DjangoStore), (DjangoStore, SessionStore)]
)
def test_rows_are_the_same_as_djangos_both_ways(writer, reader):
    store = _new(writer)
    store["wizard_refund_x"] = {**ANSWERS, "step": "received"}
    store.save()
    loaded = reader(store.session_key)
    assert loaded["wizard_refund_x"] == {**ANSWERS, "step": "received"}
    assert loaded.session_key == store.session_key


def test_a_rewrite_is_one_statement_and_moves_the_expiry():
    store = _new()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() + timedelta(minutes=5)
    )
    store = SessionStore(store.session_key)
    store["wizard_refund_x"] = {**ANSWERS, "step": "category"}
    with CaptureQueriesContext(connection) as queries:
        store.save()
    statements = [q["sql"] for q in queries.captured_queries]
    assert len(statements) == 1 and statements[0].startswith("UPDATE"), statements
    row = Session.objects.get(session_key=store.session_key)
    assert row.expire_date > timezone.now() + timedelta(days=13)
    assert SessionStore(store.session_key)["wizard_refund_x"]["step"] == "category"


def test_a_read_is_one_statement():
    store = _new()
    with CaptureQueriesContext(connection) as queries:
        assert SessionStore(store.session_key)["wizard_refund_x"] == ANSWERS
    assert len(queries.captured_queries) == 1


def test_an_expired_session_is_not_loaded_and_gets_a_new_key():
    store = _new()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    stale = SessionStore(store.session_key)
    assert stale.load() == {}
    assert stale.session_key is None


@pytest.mark.parametrize("key", ["", "short", "x" * 40])
def test_an_unknown_or_malformed_key_loads_nothing(key):
    assert SessionStore(key).load() == {}


def test_a_row_deleted_before_the_rewrite_raises_update_error_like_djangos_store():
    store = _new()
    store = SessionStore(store.session_key)
    store["wizard_refund_x"] = ANSWERS
    Session.objects.filter(session_key=store.session_key).delete()
    with pytest.raises(UpdateError):
        store.save()
    assert not Session.objects.exists()


def test_inside_a_transaction_it_saves_through_djangos_code():
    store = _new()
    store = SessionStore(store.session_key)
    store["wizard_refund_x"] = {**ANSWERS, "step": "seller"}
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        store.save()
    # Django's store: its own savepoint around the UPDATE, so an error cannot
    # break the surrounding transaction.
    assert any("SAVEPOINT" in q["sql"] for q in queries.captured_queries)
    assert SessionStore(store.session_key)["wizard_refund_x"]["step"] == "seller"


def test_a_session_deleted_mid_request_is_a_clear_400_not_a_500(client):
    from django.urls import reverse

    response = client.get(reverse("wizard:start"))
    step_url = response.url
    assert client.get(step_url).status_code == 200
    Session.objects.all().delete()  # e.g. "delete my case" in another tab, or a purge
    response = client.post(step_url, {"status-order_status": "received"})
    assert response.status_code in (302, 400)
    assert response.status_code != 500
