"""A case that follows the buyer to the end, in a real browser (iPhone 13, zh-CN).

The four walks of issue 15's "done when": Back after a result shows the
result; a seller who refuses turns the case into platform intervention with a
new reminder plan; "refund received" closes the case and stops every e-mail
(through the real send path); "change my answers" keeps the link.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail

from tests.clock import TODAY
from tests.e2e.test_wizard_accessibility import SMALL_TAP_TARGETS, blocking_violations
from tests.e2e.test_wizard_journeys import CONTINUE, choose, result_procedure, screenshot, step_name
from wizard.models import Case, CaseEventKind
from wizard.reminders.models import Reminder, ReminderKind, ReminderStatus
from wizard.reminders.services import reminders_send_due
from wizard.rules import Procedure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    settings.RATELIMIT_ENABLED = False


def walk_to_a_result(page, *, email: str = "", signed_days_ago: int = 2) -> None:
    """Changed mind about a standard item signed for `signed_days_ago` days ago."""
    page.goto("/start/")
    choose(page, "received")
    choose(page, "intact")
    choose(page, "changed_mind")
    assert step_name(page) == "received"
    page.fill('input[type="date"]', (TODAY - timedelta(days=signed_days_ago)).isoformat())
    page.click(CONTINUE)
    choose(page, "opened_intact")
    page.click(CONTINUE)  # no longer window promised
    choose(page, "standard")
    choose(page, "no")
    choose(page, "not_contacted")
    for expected in ("details", "evidence"):
        assert step_name(page) == expected
        page.click(CONTINUE)
    assert step_name(page) == "email"
    if email:
        page.fill("input[type=email]", email)
    page.click(CONTINUE)
    assert step_name(page) == "confirm"
    page.click(CONTINUE)
    page.wait_for_url("**/c/*/")


def the_case(page) -> Case:
    token = page.url.rstrip("/").rsplit("/", 1)[-1]
    return Case.objects.get(token=token)


def record(page, kind: str) -> None:
    """Tick what happened in the timeline's form (the day defaults to today) and send it."""
    form = page.locator("form.case-event-form")
    form.locator(f'input[value="{kind}"]').check()
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def timeline_kinds(page) -> list[str]:
    return page.locator("ol.timeline li").evaluate_all("els => els.map(e => e.dataset.kind)")


def pending(case: Case) -> dict[str, int]:
    rows = Reminder.objects.filter(case=case, status=ReminderStatus.PENDING)
    kinds = list(rows.values_list("kind", flat=True))
    return {kind: kinds.count(kind) for kind in kinds}


def test_back_after_the_result_shows_the_result(phone, screenshots_dir):
    page = phone
    walk_to_a_result(page)
    case_url = page.url
    assert result_procedure(page) == Procedure.RETURN_AND_REFUND
    page.evaluate("history.back()")
    page.wait_for_load_state()
    page.wait_for_url(case_url)
    # The result again, not a hollow "check your answers" or question 1.
    assert result_procedure(page) == Procedure.RETURN_AND_REFUND
    assert page.locator("h1", has_text="核对你的回答").count() == 0
    assert Case.objects.count() == 1
    page.go_back()
    page.wait_for_url(case_url)
    assert result_procedure(page) == Procedure.RETURN_AND_REFUND


def test_a_refusal_turns_into_platform_intervention_with_a_new_reminder_plan(
    phone, screenshots_dir
):
    page = phone
    walk_to_a_result(page, email="buyer@example.com")
    case = the_case(page)
    assert pending(case).keys() >= {"r3", "r1", "r0"}
    assert page.locator("#copy-appeal").count() == 1  # the "if the seller refuses" text
    assert page.locator("ul.reminders-list li").count() == 3

    record(page, "seller_refused")
    assert result_procedure(page) == Procedure.PLATFORM_INTERVENTION
    assert "商家拒绝了" in page.inner_text("ol.timeline")
    assert "申请平台介入" in page.inner_text("main")
    assert page.locator("#copy-appeal").count() == 1
    # The plan follows the new decision: the deadline reminders kept, once each.
    assert page.locator("ul.reminders-list li").count() == 3
    assert {k: v for k, v in pending(case).items() if k != "confirmation"} == {
        "r3": 1,
        "r1": 1,
        "r0": 1,
    }

    # Filed in the app: the banner says so and what comes next; the countdown is gone.
    page.locator("form.reminders-submitted button").click()
    page.wait_for_load_state()
    status = page.inner_text("#case-status")
    assert "已于" in status and "申请平台介入" in status
    assert page.locator("#deadline").count() == 0
    assert "请在此之前" not in page.inner_text("main")
    assert not pending(case).keys() & {"r3", "r1", "r0"}

    # The parcel goes back: the refund follow-up is added to the plan, once.
    page.fill('form.reminders-shipped input[type="date"]', TODAY.isoformat())
    with page.expect_navigation():
        page.locator("form.reminders-shipped button").click()
    assert pending(case).get("followup") == 1
    assert timeline_kinds(page) == [
        "created",
        CaseEventKind.SELLER_REFUSED,
        CaseEventKind.SUBMITTED,
        CaseEventKind.RETURN_SHIPPED,
    ]
    screenshot(page, screenshots_dir, "case_followthrough_timeline")
    page.locator("#timeline").screenshot(
        path=str(screenshots_dir / "case_followthrough_timeline_section.png")
    )


def test_refund_received_stops_every_email(phone, screenshots_dir):
    page = phone
    walk_to_a_result(page, email="buyer@example.com")
    case = the_case(page)
    page.fill('form.reminders-shipped input[type="date"]', TODAY.isoformat())
    with page.expect_navigation():
        page.locator("form.reminders-shipped button").click()
    assert pending(case).keys() >= {"r3", "r1", "r0", "followup"}

    record(page, "refund_received")
    status = page.inner_text("#case-status")
    assert "已结案" in status and "退款已到账" in status
    assert page.locator("form.case-event-form").count() == 0
    assert page.locator("form.reminders-shipped").count() == 0
    assert page.locator("form.reminders-submitted").count() == 0
    assert pending(case) == {}

    # The real send path, long after every reminder would have been due: nothing goes out.
    mail.outbox.clear()
    Reminder.objects.filter(case=case).update(status=ReminderStatus.PENDING)  # even if revived
    far = Reminder.objects.filter(case=case).order_by("-due_at").first().due_at + timedelta(days=1)
    assert reminders_send_due(now=far) == 0
    assert [m for m in mail.outbox if case.email in m.to] == []
    assert set(Reminder.objects.filter(case=case).values_list("status", flat=True)) == {
        ReminderStatus.CANCELLED
    }
    assert Reminder.objects.filter(case=case, kind=ReminderKind.FOLLOWUP).count() == 1
    screenshot(page, screenshots_dir, "case_followthrough_closed")


def test_a_close_tapped_by_mistake_is_reopened_with_its_reminders(phone, screenshots_dir):
    page = phone
    walk_to_a_result(page, email="buyer@example.com")
    case = the_case(page)
    before = pending(case)
    assert before.keys() >= {"r3", "r1", "r0"}
    record(page, "refund_received")
    assert pending(case) == {}
    assert blocking_violations(page, Axe()) == []
    assert page.evaluate(SMALL_TAP_TARGETS) == []
    screenshot(page, screenshots_dir, "case_followthrough_reopen_offer")

    with page.expect_navigation():
        page.get_by_role("button", name="重新打开案件").click()
    assert "已结案" not in page.inner_text("main")
    assert timeline_kinds(page)[-2:] == ["refund_received", "reopened"]
    assert page.locator("form.case-event-form").count() == 1
    assert pending(case) == before
    screenshot(page, screenshots_dir, "case_followthrough_reopened")


def test_change_my_answers_keeps_the_link(phone, screenshots_dir):
    page = phone
    walk_to_a_result(page, signed_days_ago=2)
    case_url = page.url
    case = the_case(page)
    assert "还剩 5 天" in page.inner_text("#deadline")

    with page.expect_navigation():
        page.locator("form.case-edit-form button").click()
    page.wait_for_url("**/confirm/")
    summary = page.inner_text("dl.summary-list")
    assert (TODAY - timedelta(days=2)).isoformat() in summary  # the saved answers are there
    assert "七天无理由" in summary or "不想要了" in summary
    # Change the signing day from "check your answers".
    page.locator('.summary-action a[href$="/received/"]').first.click()
    assert step_name(page) == "received"
    assert page.input_value('input[type="date"]') == (TODAY - timedelta(days=2)).isoformat()
    page.fill('input[type="date"]', (TODAY - timedelta(days=4)).isoformat())
    page.click(CONTINUE)
    assert step_name(page) == "confirm"
    page.click(CONTINUE)
    page.wait_for_url(case_url)  # the same case, the same link

    assert page.url == case_url
    assert "还剩 3 天" in page.inner_text("#deadline")
    assert "修改了回答" in page.inner_text("ol.timeline")
    assert Case.objects.count() == 1
    case.refresh_from_db()
    assert case.answers["received_on"] == (TODAY - timedelta(days=4)).isoformat()
    # Back from the saved result: the result, not the edit run's pages.
    page.evaluate("history.back()")
    page.wait_for_url(case_url)
    assert "还剩 3 天" in page.inner_text("#deadline")
    screenshot(page, screenshots_dir, "case_followthrough_changed_answers")
