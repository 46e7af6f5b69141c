"""A case after its result: each update re-decides it and its reminders follow, exactly once.

Services (wizard.services.case_record_event / case_update_answers) and their
views: the seller's answer, submitted, shipped, refund received (closes the
case: no e-mail of any kind afterwards, through the real send path), changed
answers on the same case and link, double posts and two posts at once.
"""

from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.clock import NOW, TODAY
from tests.integration.reminders.factories import case_with_deadline_in, china, received_facts
from wizard.flow import answers_from_facts
from wizard.models import Case, CaseEvent, CaseEventKind
from wizard.reminders.models import Reminder, ReminderKind, ReminderStatus
from wizard.reminders.services import reminders_send_due
from wizard.rules import ItemCondition, Procedure, Reason, SellerResponse
from wizard.services import (
    CaseClosedError,
    case_decision_day,
    case_record_event,
    case_reopen,
    case_update_answers,
)

pytestmark = pytest.mark.django_db


def statuses(case: Case) -> dict[str, str]:
    return dict(Reminder.objects.filter(case=case).values_list("kind", "status"))


def due(case: Case) -> dict[str, object]:
    return dict(Reminder.objects.filter(case=case).values_list("kind", "due_at"))


@pytest.fixture
def case(pinned_clock) -> Case:
    """Changed mind, signed 3 days before TODAY: return and refund, D = TODAY + 4, e-mail."""
    return case_with_deadline_in(4)


# --- the seller's answer ---------------------------------------------------------


def test_a_refusal_turns_a_valid_claim_into_platform_intervention_with_the_appeal(case):
    assert case.procedure == Procedure.RETURN_AND_REFUND
    reminders_before = due(case)
    update = case_record_event(case=case, kind=CaseEventKind.SELLER_REFUSED, day=TODAY)
    case.refresh_from_db()
    assert case.procedure == Procedure.PLATFORM_INTERVENTION
    assert case.answers["seller_response"] == SellerResponse.REFUSED
    assert case.outcome["messages"]["appeal"]  # the text to send the platform
    assert case.deadline == TODAY + timedelta(days=4)  # D stays: the window is the same
    # The same deadline: every reminder kept as it was, none added twice.
    assert set(update.reminders.kept) == set(reminders_before)
    assert update.reminders.added == update.reminders.cancelled == ()
    assert due(case) == reminders_before
    assert list(case.events.values_list("kind", "day")) == [(CaseEventKind.SELLER_REFUSED, TODAY)]


def test_no_reply_escalates_too_and_agreement_takes_it_back_to_the_seller(case):
    case_record_event(case=case, kind=CaseEventKind.SELLER_NO_REPLY)
    assert case.procedure == Procedure.PLATFORM_INTERVENTION
    case_record_event(case=case, kind=CaseEventKind.SELLER_AGREED)
    case.refresh_from_db()
    assert case.procedure == Procedure.RETURN_AND_REFUND
    assert case.answers["seller_response"] == SellerResponse.AGREED
    assert case.events.count() == 2


def test_a_refusal_of_a_claim_that_is_not_valid_stays_a_negotiation(pinned_clock):
    facts = received_facts(received_on=TODAY - timedelta(days=2), item_condition=ItemCondition.USED)
    from wizard.services import case_create

    case = case_create(
        facts=facts, answers=answers_from_facts(facts), language="zh-hans", email="a@example.com"
    )
    assert case.procedure == Procedure.NEGOTIATE_WITH_SELLER
    case_record_event(case=case, kind=CaseEventKind.SELLER_REFUSED)
    assert case.procedure == Procedure.NEGOTIATE_WITH_SELLER  # domain.md section 5
    assert not Reminder.objects.filter(case=case, status=ReminderStatus.PENDING).exclude(
        kind=ReminderKind.CONFIRMATION
    )


def test_a_request_filed_in_time_stays_in_time_when_the_seller_refuses_after_the_deadline(
    case,
):
    deadline = case.deadline
    case_record_event(case=case, kind=CaseEventKind.SUBMITTED)  # on TODAY, inside the window
    with time_machine.travel(NOW + timedelta(days=10), tick=False):
        case_record_event(case=case, kind=CaseEventKind.SELLER_REFUSED)
    case.refresh_from_db()
    assert case_decision_day(case=case, today=TODAY + timedelta(days=10)) == TODAY
    assert case.procedure == Procedure.PLATFORM_INTERVENTION  # not "window closed"
    assert case.deadline == deadline


# --- submitted, shipped, closed ----------------------------------------------------


def test_submitted_stops_the_deadline_reminders_and_keeps_the_outcome(case):
    outcome = case.outcome
    update = case_record_event(case=case, kind=CaseEventKind.SUBMITTED)
    assert case.submitted_at is not None and case.outcome == outcome
    assert set(update.reminders.cancelled) == {"r3", "r1", "r0"}
    assert statuses(case)[ReminderKind.CONFIRMATION] == ReminderStatus.PENDING
    # A second "submitted" (double tap, the e-mail link) records nothing more.
    assert case_record_event(case=case, kind=CaseEventKind.SUBMITTED).repeated
    assert case.events.filter(kind=CaseEventKind.SUBMITTED).count() == 1


def test_the_same_update_posted_twice_is_recorded_and_planned_once(case):
    first = case_record_event(case=case, kind=CaseEventKind.RETURN_SHIPPED, day=TODAY)
    second = case_record_event(case=case, kind=CaseEventKind.RETURN_SHIPPED, day=TODAY)
    assert first.reminders.added == ("followup",) and second.repeated
    assert case.events.count() == 1
    assert Reminder.objects.filter(case=case, kind=ReminderKind.FOLLOWUP).count() == 1
    # A corrected day moves the follow-up; it is still one row.
    moved = case_record_event(
        case=case, kind=CaseEventKind.RETURN_SHIPPED, day=TODAY - timedelta(days=1)
    )
    assert moved.reminders.moved == ("followup",)
    assert due(case)[ReminderKind.FOLLOWUP] == china(2026, 12, 3, 9)
    assert case.return_shipped_on == TODAY - timedelta(days=1)


def test_refund_received_closes_the_case_and_no_email_of_any_kind_goes_out_afterwards(
    case, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    case_record_event(case=case, kind=CaseEventKind.RETURN_SHIPPED, day=TODAY)
    assert statuses(case)[ReminderKind.FOLLOWUP] == ReminderStatus.PENDING
    update = case_record_event(case=case, kind=CaseEventKind.REFUND_RECEIVED)
    assert case.closed_at is not None
    assert set(update.reminders.cancelled) == {"confirmation", "r3", "r1", "r0", "followup"}
    assert set(statuses(case).values()) == {ReminderStatus.CANCELLED}
    # Even a row put back by hand is refused by the real send path.
    Reminder.objects.filter(case=case).update(status=ReminderStatus.PENDING)
    mail.outbox.clear()
    assert reminders_send_due(now=china(2027, 1, 1, 9)) == 0
    assert mail.outbox == []
    assert set(statuses(case).values()) == {ReminderStatus.CANCELLED}
    with pytest.raises(CaseClosedError):
        case_record_event(case=case, kind=CaseEventKind.SELLER_REFUSED)
    with pytest.raises(CaseClosedError):
        case_record_event(case=case, kind=CaseEventKind.RETURN_SHIPPED, day=TODAY)


def test_a_case_closed_by_mistake_reopens_with_its_reminders_and_its_updates(case, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    planned = due(case)
    case_record_event(case=case, kind=CaseEventKind.REFUND_RECEIVED)
    assert set(statuses(case).values()) == {ReminderStatus.CANCELLED}
    outcome = case.outcome

    update = case_reopen(case=case)
    assert case.closed_at is None
    assert update.event is not None and update.event.kind == CaseEventKind.REOPENED
    # The reminders the close cancelled are pending again, at the same times.
    assert {"r3", "r1", "r0"} <= set(update.reminders.added)
    assert {kind: statuses(case)[kind] for kind in ("r3", "r1", "r0")} == dict.fromkeys(
        ("r3", "r1", "r0"), ReminderStatus.PENDING
    )
    assert {kind: due(case)[kind] for kind in ("r3", "r1", "r0")} == {
        kind: planned[kind] for kind in ("r3", "r1", "r0")
    }
    # A close changes no fact: the outcome is the one before it.
    assert case.outcome == outcome
    assert list(case.events.values_list("kind", flat=True)) == [
        CaseEventKind.REFUND_RECEIVED,
        CaseEventKind.REOPENED,
    ]
    # Updates are recorded again, and the deadline reminder really goes out.
    case_record_event(case=case, kind=CaseEventKind.SELLER_NO_REPLY, day=TODAY)
    mail.outbox.clear()
    assert reminders_send_due(now=planned["r0"] + timedelta(minutes=1)) >= 1
    assert any(case.get_absolute_url() in message.body for message in mail.outbox)


def test_a_deadline_reminder_whose_time_passed_while_closed_is_not_sent_late(case):
    planned = due(case)
    case_record_event(case=case, kind=CaseEventKind.REFUND_RECEIVED)
    with time_machine.travel(planned["r3"] + timedelta(hours=1), tick=False):
        update = case_reopen(case=case)
    assert "r3" not in update.reminders.added
    pending = {k for k, v in statuses(case).items() if v == ReminderStatus.PENDING}
    assert {"r1", "r0"} <= pending and "r3" not in pending


def test_reopening_an_open_case_records_nothing(case):
    update = case_reopen(case=case)
    assert update.repeated
    assert not case.events.exists()


def test_reopened_is_recorded_by_its_own_service_only(case):
    with pytest.raises(ValueError):
        case_record_event(case=case, kind=CaseEventKind.REOPENED)


# --- changed answers ---------------------------------------------------------------


def _changed(case: Case, **overrides) -> tuple:
    facts = received_facts(**{"received_on": TODAY - timedelta(days=3), **overrides})
    return facts, answers_from_facts(facts)


def test_changed_answers_save_to_the_same_case_and_move_the_reminders(case):
    token, link_id = case.token, case.link_id
    facts, answers = _changed(case, received_on=TODAY - timedelta(days=1))
    update = case_update_answers(case=case, facts=facts, answers=answers, email=case.email)
    case.refresh_from_db()
    assert (case.token, case.link_id) == (token, link_id)
    assert Case.objects.count() == 1
    assert case.deadline == TODAY + timedelta(days=6)
    assert set(update.reminders.moved) == {"r3", "r1", "r0"}
    assert due(case)[ReminderKind.R0] == china(2026, 11, 30, 9)
    event = case.events.get()
    assert event.kind == CaseEventKind.ANSWERS_CHANGED
    assert event.detail == {"answers": ["received_on"]}  # names, never the values
    # Saving the same answers again changes nothing and records nothing.
    assert case_update_answers(case=case, facts=facts, answers=answers, email=case.email).repeated
    assert case.events.count() == 1


def test_an_answer_that_takes_the_right_away_cancels_and_one_that_gives_it_back_re_adds(case):
    facts, answers = _changed(case, item_condition=ItemCondition.USED)
    gone = case_update_answers(case=case, facts=facts, answers=answers, email=case.email)
    assert case.procedure == Procedure.NEGOTIATE_WITH_SELLER and case.deadline is None
    assert set(gone.reminders.cancelled) == {"r3", "r1", "r0"}
    facts, answers = _changed(case)
    back = case_update_answers(case=case, facts=facts, answers=answers, email=case.email)
    assert case.procedure == Procedure.RETURN_AND_REFUND
    assert set(back.reminders.added) == {"r3", "r1", "r0"}
    assert Reminder.objects.filter(case=case).count() == 4  # one row per kind, ever
    assert case.events.count() == 2


def test_an_email_added_by_changing_the_answers_gets_the_confirmation_and_reminders(
    pinned_clock,
):
    case = case_with_deadline_in(4, email="")
    assert not Reminder.objects.filter(case=case).exists()
    facts, answers = _changed(case)
    update = case_update_answers(case=case, facts=facts, answers=answers, email="b@example.com")
    assert set(update.reminders.added) == {"confirmation", "r3", "r1", "r0"}
    assert case.events.get().detail == {"answers": ["email"]}


# --- two posts at once (PostgreSQL) --------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_posts_of_the_same_update_record_it_once(require_postgres):
    with time_machine.travel(NOW, tick=False):
        case = case_with_deadline_in(4)
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def post() -> None:
        try:
            with time_machine.travel(NOW, tick=False):
                barrier.wait()
                case_record_event(
                    case=Case.objects.get(pk=case.pk), kind=CaseEventKind.SELLER_REFUSED
                )
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    assert CaseEvent.objects.filter(case=case).count() == 1
    kinds = list(Reminder.objects.filter(case=case).values_list("kind", flat=True))
    assert sorted(kinds) == sorted(set(kinds)) == ["confirmation", "r0", "r1", "r3"]
    case.refresh_from_db()
    assert case.procedure == Procedure.PLATFORM_INTERVENTION


@pytest.mark.django_db(transaction=True)
def test_refund_received_and_a_shipping_day_at_once_leave_no_pending_reminder(
    require_postgres,
):
    with time_machine.travel(NOW, tick=False):
        case = case_with_deadline_in(4)
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def post(kind: str) -> None:
        try:
            with time_machine.travel(NOW, tick=False):
                barrier.wait()
                case_record_event(case=Case.objects.get(pk=case.pk), kind=kind, day=TODAY)
        except CaseClosedError:
            pass  # the shipping day came second: refused on a closed case
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    kinds = (CaseEventKind.REFUND_RECEIVED, CaseEventKind.RETURN_SHIPPED)
    threads = [threading.Thread(target=post, args=(kind,)) for kind in kinds]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    assert not Reminder.objects.filter(case=case, status=ReminderStatus.PENDING).exists()


# --- the views ---------------------------------------------------------------------


def test_the_event_form_records_with_a_redirect_and_the_page_shows_the_timeline(client, case):
    url = reverse("wizard:case_event", kwargs={"token": case.token})
    response = client.post(url, {"kind": "seller_refused", "day": TODAY.isoformat()})
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    page = client.get(case.get_absolute_url()).content.decode()
    assert "进展记录" in page and "商家拒绝了" in page
    assert 'data-procedure="platform_intervention"' in page


def test_a_bad_event_post_says_what_is_wrong_in_chinese_and_keeps_the_day(client, case):
    url = reverse("wizard:case_event", kwargs={"token": case.token})
    response = client.post(url, {"day": TODAY.isoformat()})
    assert response.status_code == 400
    body = response.content.decode()
    assert "请选择发生了什么" in body and TODAY.isoformat() in body
    future = client.post(url, {"kind": "seller_agreed", "day": "2099-01-01"})
    assert future.status_code == 400 and "日期不能晚于今天" in future.content.decode()
    assert not CaseEvent.objects.exists()


def test_the_event_form_needs_the_csrf_token(case):
    client = Client(enforce_csrf_checks=True)
    url = reverse("wizard:case_event", kwargs={"token": case.token})
    assert client.post(url, {"kind": "seller_refused", "day": TODAY.isoformat()}).status_code == 403
    assert not CaseEvent.objects.exists()


def test_an_unknown_case_link_gets_a_404_and_records_nothing(client, case):
    url = reverse("wizard:case_event", kwargs={"token": "x" * 43})
    assert client.post(url, {"kind": "seller_refused", "day": TODAY.isoformat()}).status_code == 404
    assert not CaseEvent.objects.exists()


def test_after_submitted_the_banner_says_filed_not_file_before(client, case):
    page = client.get(case.get_absolute_url()).content.decode()
    assert "请在此之前在App里提交申请" in page
    client.post(reverse("reminders:submitted", kwargs={"token": case.token}))
    page = client.get(case.get_absolute_url()).content.decode()
    assert "请在此之前在App里提交申请" not in page and "还剩" not in page
    assert "在 App 里提交申请" in page and "等商家在 App 里处理你的申请" in page
    assert case.events.get().kind == CaseEventKind.SUBMITTED


def test_a_closed_case_page_says_so_and_offers_no_more_updates(client, case):
    client.post(
        reverse("wizard:case_event", kwargs={"token": case.token}),
        {"kind": "refund_received", "day": TODAY.isoformat()},
    )
    page = client.get(case.get_absolute_url()).content.decode()
    assert "已结案" in page
    assert reverse("wizard:case_event", kwargs={"token": case.token}) not in page
    assert reverse("reminders:shipped", kwargs={"token": case.token}) not in page
    assert reverse("wizard:case_edit", kwargs={"token": case.token}) not in page


def test_a_closed_case_page_offers_to_reopen_and_the_page_follows_again(client, case):
    client.post(
        reverse("wizard:case_event", kwargs={"token": case.token}),
        {"kind": "refund_received", "day": TODAY.isoformat()},
    )
    reopen = reverse("wizard:case_reopen", kwargs={"token": case.token})
    page = client.get(case.get_absolute_url()).content.decode()
    assert reopen in page and "重新打开案件" in page
    response = client.post(reopen)
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    page = client.get(case.get_absolute_url()).content.decode()
    assert "已结案" not in page and reopen not in page
    assert "案件已重新打开：" in page  # the message after the redirect
    assert "案件已重新打开（之前误点了结案）" in page  # the timeline
    assert reverse("wizard:case_event", kwargs={"token": case.token}) in page
    # Posted again (a double tap): nothing more.
    client.post(reopen)
    assert case.events.filter(kind=CaseEventKind.REOPENED).count() == 1


def test_reopen_needs_a_post_the_csrf_token_and_a_known_link(client, case):
    case_record_event(case=case, kind=CaseEventKind.REFUND_RECEIVED)
    reopen = reverse("wizard:case_reopen", kwargs={"token": case.token})
    assert client.get(reopen).status_code == 405
    assert Client(enforce_csrf_checks=True).post(reopen).status_code == 403
    unknown = reverse("wizard:case_reopen", kwargs={"token": "x" * 43})
    assert client.post(unknown).status_code == 404
    case.refresh_from_db()
    assert case.closed_at is not None


# --- "change my answers" through the wizard ----------------------------------------


def _run_path(response) -> str:
    return re.sub(r"^https?://[^/]+", "", response["Location"])


def test_change_my_answers_reopens_the_wizard_loaded_and_saves_to_the_same_link(client, case):
    start = client.post(reverse("wizard:case_edit", kwargs={"token": case.token}))
    assert start.status_code == 302
    loaded = client.get(_run_path(start))
    assert loaded.status_code == 302 and loaded["Location"].endswith("/confirm/")
    confirm_url = _run_path(loaded)
    page = client.get(confirm_url).content.decode()
    assert "核对" in page and "P12345" in page and case.answers["received_on"] in page
    run = confirm_url.split("/")[2]
    # Change one answer: the seller refused (the seller step is found by its field name).
    seller = client.get(f"/w/{run}/seller/")
    assert seller.status_code == 200
    posted = client.post(
        f"/w/{run}/seller/",
        {"seller-seller_response": "refused", f"refund_{run}-current_step": "seller"},
    )
    assert posted.status_code == 302 and posted["Location"].endswith("/confirm/")
    to_done = client.post(confirm_url, {f"refund_{run}-current_step": "confirm"})
    assert to_done.status_code == 302 and to_done["Location"].endswith("/done/")
    done = client.get(_run_path(to_done))
    assert done.status_code == 302 and done["Location"] == case.get_absolute_url()
    case.refresh_from_db()
    assert Case.objects.count() == 1
    assert case.procedure == Procedure.PLATFORM_INTERVENTION
    assert case.events.get().detail == {"answers": ["seller_response"]}
    # Back to the edit run's pages after saving: the case, not question 1.
    again = client.get(confirm_url)
    assert again.status_code == 302 and again["Location"] == case.get_absolute_url()


def test_an_edit_run_is_bound_to_the_session_that_started_it(client, case):
    start = client.post(reverse("wizard:case_edit", kwargs={"token": case.token}))
    run_url = _run_path(client.get(_run_path(start)))
    other = Client()
    other.get("/")  # a session of its own
    response = other.get(run_url)
    assert response.status_code in (302, 404)
    if response.status_code == 302:
        assert "/confirm/" not in response["Location"]  # a fresh run, not the edit
    assert "P12345" not in other.get(response.get("Location", run_url)).content.decode()


def test_change_my_answers_needs_a_post(client, case):
    assert client.get(reverse("wizard:case_edit", kwargs={"token": case.token})).status_code == 405


def test_a_reason_change_re_decides_through_the_engine(case):
    facts, answers = _changed(case, reason=Reason.QUALITY_ISSUE)
    case_update_answers(case=case, facts=facts, answers=answers, email=case.email)
    assert case.outcome["return_shipping_paid_by"] == "seller"


def test_the_reminders_after_a_refusal_tell_the_new_decision(case, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    case_record_event(case=case, kind=CaseEventKind.SELLER_REFUSED)
    mail.outbox.clear()
    r3 = Reminder.objects.get(case=case, kind=ReminderKind.R3)
    assert reminders_send_due(now=r3.due_at, reminder_ids=[r3.pk]) == 1
    (message,) = mail.outbox
    assert "申请小红书平台介入" in message.body


def test_the_timeline_reads_in_english_on_an_english_page(client, case):
    client.post(
        reverse("wizard:case_event", kwargs={"token": case.token}),
        {"kind": "seller_no_reply", "day": TODAY.isoformat()},
    )
    facts, answers = _changed(case, received_on=TODAY - timedelta(days=1))
    case_update_answers(case=case, facts=facts, answers=answers, email=case.email)
    client.cookies["django_language"] = "en"
    page = client.get(case.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    timeline = page[
        page.index('<ol class="timeline">') : page.index(
            "</ol>", page.index('<ol class="timeline">')
        )
    ]
    assert "What happened" in page and "The seller did not answer" in timeline
    assert "Answers changed" in timeline and "Date you signed for it" in timeline
    assert "Change my answers" in page


def test_wizard_pages_are_never_kept_by_a_cache_so_back_asks_the_server(client):
    start = client.get(reverse("wizard:start"))
    page = client.get(start["Location"])
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"


ROUND_TRIPS = {
    "not shipped": dict(order_status="not_shipped", reason="ordered_wrong"),
    "refused at the door, damaged": dict(
        order_status="out_for_delivery", reason="package_damaged", package_condition="damaged"
    ),
    "lost parcel marked signed": dict(
        order_status="received", reason="not_received", received_on=TODAY - timedelta(days=2)
    ),
    "15-day promise, insured, details": dict(
        order_status="received",
        package_condition="intact",  # once signed for, "haven't seen it" is no answer
        reason="size_unsuitable",
        received_on=TODAY - timedelta(days=9),
        item_condition="opened_intact",
        promised_return_days=15,
        shipping_insurance=True,
        merchant_name="小店",
        amount_paid="199.00",
        problem_description="太小了",
        seller_response="no_response",
    ),
}


@pytest.mark.parametrize("values", ROUND_TRIPS.values(), ids=ROUND_TRIPS.keys())
def test_change_my_answers_loads_every_answer_back_unchanged(client, pinned_clock, values):
    """Open "change my answers" and save at once: every answer came back, nothing changed."""
    from wizard.flow import facts_from_api
    from wizard.services import case_create

    facts = facts_from_api(values)
    case = case_create(
        facts=facts, answers=answers_from_facts(facts), language="zh-hans", email="c@example.com"
    )
    saved = dict(case.answers)
    start = client.post(reverse("wizard:case_edit", kwargs={"token": case.token}))
    confirm_url = _run_path(client.get(_run_path(start)))
    assert confirm_url.endswith("/confirm/")
    run = confirm_url.split("/")[2]
    to_done = client.post(confirm_url, {f"refund_{run}-current_step": "confirm"})
    assert to_done["Location"].endswith("/done/"), "a step was left unanswered"
    done = client.get(_run_path(to_done))
    assert done["Location"] == case.get_absolute_url()
    case.refresh_from_db()
    assert case.answers == saved and case.email == "c@example.com"
    assert not case.events.exists()  # nothing changed, nothing recorded
