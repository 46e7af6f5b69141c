"""The case page's buttons and the one-tap links in the e-mails."""

from __future__ import annotations

import re
import uuid

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from wizard.reminders.emails import reminder_links
from wizard.reminders.models import Reminder, ReminderKind, ReminderStatus
from wizard.reminders.services import reminders_send_due
from wizard.reminders.tokens import LinkAction, link_token_make

from .factories import case_with_deadline_in, china

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    with time_machine.travel(china(2026, 11, 20, 12), tick=False):
        return case_with_deadline_in(7)


def _path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def _statuses(case) -> dict[str, str]:
    return dict(Reminder.objects.filter(case=case).values_list("kind", "status"))


def test_the_stop_link_asks_on_get_and_acts_only_on_post(client, case):
    url = _path(reminder_links(case=case)["submitted_url"])
    page = client.get(url)
    assert page.status_code == 200 and "我已提交申请" in page.content.decode()
    assert _statuses(case)[ReminderKind.R0] == ReminderStatus.PENDING  # a GET changed nothing
    done = client.post(url)
    assert done.status_code == 200
    case.refresh_from_db()
    assert case.submitted_at is not None
    assert _statuses(case)[ReminderKind.R0] == ReminderStatus.CANCELLED
    assert client.post(url).status_code == 200  # reused: same neutral page, no effect
    assert reminders_send_due(now=china(2026, 11, 27, 9)) == 1  # the confirmation only


def test_one_click_unsubscribe_works_without_csrf_and_is_idempotent(case):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    url = _path(reminder_links(case=case)["unsubscribe_url"])
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert set(_statuses(case).values()) == {ReminderStatus.CANCELLED}
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert Reminder.objects.filter(case=case).count() == 4  # rows kept for the record


@pytest.mark.parametrize("name", ["reminders:stop", "reminders:unsubscribe"])
def test_a_forged_token_has_no_effect_and_leaks_nothing(client, case, name):
    genuine = link_token_make(link_id=case.link_id, action=LinkAction.UNSUBSCRIBE)
    for token in [
        "forged",
        genuine[:-2] + "xx",
        link_token_make(link_id=uuid.uuid4(), action=LinkAction.SUBMITTED),
    ]:
        url = reverse(name, kwargs={"token": token})
        for response in (client.get(url), client.post(url)):
            assert response.status_code in (400, 404)
            body = response.content.decode()
            assert "Traceback" not in body and str(case.token) not in body
    assert set(_statuses(case).values()) == {ReminderStatus.PENDING}


def test_a_stop_token_cannot_unsubscribe(client, case):
    stop = link_token_make(link_id=case.link_id, action=LinkAction.SUBMITTED)
    response = client.post(reverse("reminders:unsubscribe", kwargs={"token": stop}))
    assert response.status_code == 400
    assert set(_statuses(case).values()) == {ReminderStatus.PENDING}


def test_the_case_page_button_marks_the_request_submitted(client, case):
    response = client.post(reverse("reminders:submitted", kwargs={"token": case.token}))
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    assert _statuses(case)[ReminderKind.R1] == ReminderStatus.CANCELLED
    assert (
        client.get(reverse("reminders:submitted", kwargs={"token": case.token})).status_code == 405
    )


def test_recording_the_shipping_day_schedules_the_followup_at_nine_on_s_plus_10(client, case):
    with time_machine.travel(china(2026, 11, 25, 15), tick=False):
        response = client.post(
            reverse("reminders:shipped", kwargs={"token": case.token}),
            {"shipped_on": "2026-11-25"},
        )
    assert response.status_code == 302
    followup = Reminder.objects.get(case=case, kind=ReminderKind.FOLLOWUP)
    assert followup.due_at == china(2026, 12, 5, 9)
    assert reminders_send_due(now=china(2026, 12, 5, 9)) >= 1
    message = mail.outbox[-1]
    assert message.subject == "退款到账了吗？"
    assert "第25条" in message.body and "2026年11月25日" in message.body


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("", "请填写退货包裹的寄出日期"),
        ("2026-02-30", "有效的日期"),
        ("2026-11-30", "不能晚于今天"),
    ],
)
def test_a_bad_shipping_day_is_explained_and_kept(client, case, value, error):
    with time_machine.travel(china(2026, 11, 25, 15), tick=False):
        response = client.post(
            reverse("reminders:shipped", kwargs={"token": case.token}),
            {"shipped_on": value},
            HTTP_ACCEPT_LANGUAGE="zh-hans",
        )
    assert response.status_code == 400
    body = response.content.decode()
    assert error in body and f'value="{value}"' in body if value else error in body
    assert not Reminder.objects.filter(case=case, kind=ReminderKind.FOLLOWUP).exists()


def test_the_case_panel_renders_the_buttons(client, case):
    from django.template.loader import render_to_string

    # The panel reads the decision (outcome) for whether a parcel goes back.
    html = render_to_string("reminders/_case_panel.html", {"case": case, "outcome": case.outcome})
    assert reverse("reminders:submitted", kwargs={"token": case.token}) in html
    assert reverse("reminders:shipped", kwargs={"token": case.token}) in html
    assert "style=" not in html and "<script" not in html


def test_the_case_page_shows_the_panel(client, case):
    body = client.get(case.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "我已提交申请" in body
    assert reverse("reminders:shipped", kwargs={"token": case.token}) in body
