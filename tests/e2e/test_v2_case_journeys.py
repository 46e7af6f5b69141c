"""A saved case of each kind domain.md version 2 added, walked through in a real browser.

Each journey answers the wizard as a buyer would, saves the case and checks the
outcome its case page shows: lost parcel, rotten fruit, fake at the door and a
listing's 15-day promise.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.clock import TODAY
from tests.e2e.test_wizard_journeys import choose, finish, result_procedure, screenshot, step_name
from wizard.rules import Procedure, WarningCode

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    settings.RATELIMIT_ENABLED = False


def warning_codes(page) -> set[str]:
    return set(page.locator("ul.warnings li").evaluate_all("els => els.map(e => e.dataset.code)"))


def test_a_lost_parcel_marked_signed_is_refunded_only_with_no_deadline(phone, screenshots_dir):
    page = phone
    page.goto("/start/")
    choose(page, "marked_signed")
    # No parcel in hand: neither its looks nor the reason (未收到货) are asked.
    assert step_name(page) == "received"
    page.fill('input[type="date"]', (TODAY - timedelta(days=3)).isoformat())
    page.click("#wizard-form .actions button.button")
    # Nor the item's condition or a longer window.
    choose(page, "standard")
    choose(page, "not_contacted")
    finish(page)
    assert result_procedure(page) == Procedure.REFUND_ONLY
    assert page.locator("#deadline").count() == 0  # nothing received: no deadline
    codes = warning_codes(page)
    assert {WarningCode.DO_NOT_CONFIRM_RECEIPT, WarningCode.NO_OFF_PLATFORM} <= codes
    assert "未收到货" in page.inner_text("main")
    assert page.locator("form.reminders-shipped").count() == 0  # nothing goes back
    screenshot(page, screenshots_dir, "v2_lost_parcel")


def test_rotten_fruit_is_refunded_only_and_nothing_is_sent_back(phone, screenshots_dir):
    page = phone
    page.goto("/start/")
    choose(page, "received")
    choose(page, "intact")
    choose(page, "quality_issue")
    page.click("button.day-shortcut >> nth=1")  # 昨天
    choose(page, "opened_intact")
    page.click("#wizard-form .actions button.button")  # no longer window promised
    choose(page, "perishable")
    choose(page, "not_contacted")
    finish(page)
    assert result_procedure(page) == Procedure.REFUND_ONLY
    codes = warning_codes(page)
    assert WarningCode.FOOD_SAFETY_CLAIM in codes
    assert WarningCode.KEEP_TAGS not in codes
    main = page.inner_text("main")
    assert "仅退款" in main and "商家同意后寄回" not in main
    screenshot(page, screenshots_dir, "v2_rotten_fruit")


def test_a_fake_at_the_door_is_refused_with_the_warning_that_the_evidence_goes_with_it(
    phone, screenshots_dir
):
    page = phone
    page.goto("/start/")
    choose(page, "out_for_delivery")
    choose(page, "intact")
    assert step_name(page) == "reason"
    choose(page, "counterfeit")
    # A seller's fault at the door: neither the kind of goods nor 运费险 matters.
    choose(page, "not_contacted")
    finish(page)
    assert result_procedure(page) == Procedure.REFUSE_DELIVERY
    assert WarningCode.COUNTERFEIT_KEEP_FOR_CLAIM in warning_codes(page)
    page.click("details#warnings > summary")  # the warnings sit below the first screen, folded
    assert "开箱视频" in page.inner_text("ul.warnings")
    screenshot(page, screenshots_dir, "v2_fake_at_the_door")


def test_a_15_day_promise_keeps_the_return_open_on_day_10(phone, screenshots_dir):
    page = phone
    page.goto("/start/")
    choose(page, "received")
    choose(page, "intact")
    choose(page, "changed_mind")
    page.fill('input[type="date"]', (TODAY - timedelta(days=10)).isoformat())
    page.click("#wizard-form .actions button.button")
    choose(page, "opened_intact")
    page.fill('input[name="promised-promised_return_days"]', "15")
    page.click("#wizard-form .actions button.button")
    choose(page, "standard")
    choose(page, "no")
    choose(page, "not_contacted")
    finish(page)
    assert result_procedure(page) == Procedure.RETURN_AND_REFUND
    assert "还剩 5 天" in page.inner_text("#deadline")
    screenshot(page, screenshots_dir, "v2_15_day_promise")
