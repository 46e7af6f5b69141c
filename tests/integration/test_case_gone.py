"""A deleted case's links answer 410 Gone, an unknown case link 404, both in the product's
own page and language, with DEBUG on (make run) as well as off.

Issue 15: under `make run` a deleted case's link showed Django's English technical 404.
"""

from __future__ import annotations

import io
import logging
from datetime import date

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from tests.emails import sent_emails
from wizard.models import Case, DeletedCase
from wizard.reminders.tokens import LinkAction, link_token_make
from wizard.retention import cases_purge_expired
from wizard.rules import Facts, OrderStatus, Reason
from wizard.services import case_create, case_delete
from wizard.tombstones import case_link_was_deleted, case_token_was_deleted

pytestmark = pytest.mark.django_db

TECHNICAL_404 = ("Using the URLconf", "Raised by:", "technical_404", "Django tried these")


def _case(language: str = "zh-hans", email: str = "buyer@example.com") -> Case:
    facts = Facts(order_status=OrderStatus.NOT_SHIPPED, reason=Reason.CHANGED_MIND)
    return case_create(
        facts=facts, answers={}, language=language, email=email, today=date(2026, 11, 20)
    )


def _case_urls(token: str) -> dict[str, tuple[str, str]]:
    """Every route that opens a case by its token: (method, url)."""
    return {
        "page": ("get", reverse("wizard:case", kwargs={"token": token})),
        "delete page": ("get", reverse("wizard:case_delete", kwargs={"token": token})),
        "delete again": ("post", reverse("wizard:case_delete", kwargs={"token": token})),
        "submitted": ("post", reverse("reminders:submitted", kwargs={"token": token})),
        "shipped": ("post", reverse("reminders:shipped", kwargs={"token": token})),
        "event": ("post", reverse("wizard:case_event", kwargs={"token": token})),
        "edit": ("post", reverse("wizard:case_edit", kwargs={"token": token})),
        "e-mail offer": ("post", reverse("wizard:case_email", kwargs={"token": token})),
        "evidence add": ("post", reverse("evidence:case_add", kwargs={"token": token})),
        "evidence packet": ("get", reverse("evidence:case_packet", kwargs={"token": token})),
        "evidence file": ("get", _file_url(token, "display")),
        "evidence original": ("get", _file_url(token, "original")),
        "evidence move": ("post", reverse("evidence:case_move", kwargs=_file_kwargs(token))),
        "evidence remove": ("post", reverse("evidence:case_remove", kwargs=_file_kwargs(token))),
    }


def _file_kwargs(token: str) -> dict[str, str]:
    return {"token": token, "evidence_id": "0" * 32}


def _file_url(token: str, variant: str) -> str:
    return reverse("evidence:case_file", kwargs={**_file_kwargs(token), "variant": variant})


def _assert_own_page(response, *, status: int, texts: list[str]) -> str:
    assert response.status_code == status
    page = response.content.decode()
    assert 'class="site-header"' in page and "img/favicon.svg" in page
    for marker in TECHNICAL_404:
        assert marker not in page
    for text in texts:
        assert text in page, text
    assert response["Cache-Control"] == "private, no-store"
    assert "noindex" in response["X-Robots-Tag"]
    return page


@pytest.mark.parametrize("debug", [False, True])
def test_every_link_of_a_deleted_case_answers_410_in_the_products_page(client, debug):
    case = _case()
    token = case.token
    case_delete(case=case)
    with override_settings(DEBUG=debug):
        for name, (method, url) in _case_urls(token).items():
            response = getattr(client, method)(url, {"shipped_on": "2026-11-21"})
            page = _assert_own_page(response, status=410, texts=["这个案例已删除"])
            assert "90 天后自动删除" in page, name
            assert reverse("wizard:start") in page


@pytest.mark.parametrize("debug", [False, True])
def test_an_unknown_case_link_answers_404_in_the_products_page(client, debug):
    token = _case().token[:-4] + "AAAA"
    with override_settings(DEBUG=debug):
        for _name, (method, url) in _case_urls(token).items():
            response = getattr(client, method)(url)
            _assert_own_page(response, status=404, texts=["找不到这个页面", "这个链接下没有案例"])


@pytest.mark.parametrize("debug", [False, True])
def test_the_pages_speak_english_to_an_english_browser(client, debug):
    case = _case()
    token = case.token
    case_delete(case=case)
    english = {"accept-language": "en"}
    with override_settings(DEBUG=debug):
        gone = client.get(reverse("wizard:case", kwargs={"token": token}), headers=english)
        _assert_own_page(
            gone,
            status=410,
            texts=["This case was deleted", "automatically 90 days after its deadline"],
        )
        unknown = client.get(reverse("wizard:case", kwargs={"token": "x" * 43}), headers=english)
        _assert_own_page(unknown, status=404, texts=["There is no case at this link"])


def test_deleting_from_the_case_page_then_reopening_the_link_says_deleted(client):
    case = _case()
    url = case.get_absolute_url()
    assert client.get(url).status_code == 200
    response = client.post(reverse("wizard:case_delete", kwargs={"token": case.token}))
    assert response.status_code == 302
    assert client.get(url).status_code == 410


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("action", list(LinkAction))
def test_the_signed_email_links_of_a_deleted_case_answer_410(client, debug, action):
    case = _case()
    signed = link_token_make(link_id=case.link_id, action=action)
    view = "reminders:stop" if action is LinkAction.SUBMITTED else "reminders:unsubscribe"
    url = reverse(view, kwargs={"token": signed})
    assert client.get(url).status_code == 200
    case_delete(case=case)
    with override_settings(DEBUG=debug):
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            _assert_own_page(response, status=410, texts=["这个案例已删除"])
            assert response["Referrer-Policy"] == "no-referrer"


def test_the_links_in_a_real_sent_email_answer_410_after_the_case_goes(client):
    case, by_kind = sent_emails(language="en")
    message = by_kind["confirmation"]
    links = [
        word.rstrip(".,)")
        for word in message.body.split()
        if word.startswith("http") and ("/c/" in word or "/r/" in word)
    ]
    assert len(links) == 3  # the case, "I have submitted", "stop all e-mails"
    case_delete(case=case)
    for link in links:
        path = link.split("://", 1)[1].split("/", 1)[1]
        assert client.get("/" + path).status_code == 410, path
    assert len(mail.outbox) == 3


def test_a_case_removed_by_the_retention_purge_answers_410_too(client):
    case = _case()
    Case.objects.filter(pk=case.pk).update(created_at="2026-01-01T00:00:00Z")
    assert cases_purge_expired(today=date(2026, 11, 20), retention_days=90) == 1
    assert client.get(case.get_absolute_url()).status_code == 410


def test_the_tombstone_keeps_no_secret_and_needs_the_secret_key():
    case = _case()
    token, link_id = case.token, case.link_id
    case_delete(case=case)
    (stone,) = DeletedCase.objects.values()
    stored = " ".join(str(v) for v in stone.values())
    assert token not in stored and str(link_id) not in stored and link_id.hex not in stored
    assert len(stone["token_hash"]) == len(stone["link_hash"]) == 64
    assert stone["token_hash"] != stone["link_hash"]
    assert case_token_was_deleted(token=token) and case_link_was_deleted(link_id=link_id)
    assert not case_token_was_deleted(token=token[:-1])
    with override_settings(SECRET_KEY="another-key-another-key-another-key-another-key"):
        # A keyed hash: without the key the links cannot be checked against it.
        assert not case_token_was_deleted(token=token)


def test_deleting_twice_keeps_one_tombstone():
    """A token is never reused, but a second delete of the same link must not fail."""
    case = _case()
    token = case.token
    case_delete(case=case)
    again = Case.objects.create(token=token, procedure="cancel_order", decided_on="2026-11-20")
    case_delete(case=again)
    assert DeletedCase.objects.count() == 1


def test_the_410_log_line_does_not_carry_the_token(client):
    handlers = [
        h
        for h in logging.getLogger().handlers
        if isinstance(h, logging.StreamHandler) and not h.__class__.__module__.startswith("_pytest")
    ]
    assert handlers
    buffer = io.StringIO()
    previous = [h.setStream(buffer) for h in handlers]
    try:
        case = _case()
        token = case.token
        case_delete(case=case)
        assert client.get(f"/c/{token}/").status_code == 410
    finally:
        for handler, stream in zip(handlers, previous, strict=True):
            handler.setStream(stream)
    log = buffer.getvalue()
    assert "Gone" in log and "/c/<token>/" in log
    assert token not in log


@pytest.mark.parametrize("debug", [False, True])
def test_a_missing_file_under_a_live_case_answers_the_sites_404(client, debug):
    token = _case().token
    with override_settings(DEBUG=debug):
        response = client.get(_file_url(token, "display"))
    page = _assert_own_page(response, status=404, texts=["找不到这个页面"])
    assert "这个链接下没有案例" not in page
