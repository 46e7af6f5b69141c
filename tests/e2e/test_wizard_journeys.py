"""Real journeys on a phone: Chromium (iPhone 13 context) against the live server."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.clock import TODAY
from wizard.rules import Procedure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONTINUE = "#wizard-form .actions button.button"
PAGE_WEIGHT_LIMIT = 100 * 1024


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    # Four journeys from one address within a minute would trip the save limit.
    settings.RATELIMIT_ENABLED = False


def choose(page, value: str) -> None:
    page.locator(f'label.radio-row:has(input[value="{value}"])').click()
    page.click(CONTINUE)


def next_page(page) -> None:
    page.click(CONTINUE)


def step_name(page) -> str:
    return page.url.rstrip("/").rsplit("/", 1)[-1]


def finish(page) -> None:
    """Details, evidence and e-mail left empty, then check answers -> result."""
    for expected in ("details", "evidence", "email", "confirm"):
        assert step_name(page) == expected
        next_page(page)
    page.wait_for_url("**/c/*/")


def result_procedure(page) -> str:
    return page.locator("h1.result-title").get_attribute("data-procedure")


def screenshot(page, screenshots_dir, name: str) -> None:
    page.screenshot(path=str(screenshots_dir / f"{name}.png"), full_page=True)


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_cancel_before_shipping_and_copy_the_request(phone, screenshots_dir):
    page = phone
    page.goto("/")
    assert no_horizontal_scroll(page)
    page.click("a.button-start")
    choose(page, "not_shipped")
    assert step_name(page) == "reason"
    choose(page, "changed_mind")
    assert step_name(page) == "seller"
    choose(page, "not_contacted")
    finish(page)
    assert result_procedure(page) == Procedure.CANCEL_ORDER
    assert no_horizontal_scroll(page)
    expected = page.input_value("#copy-request")
    assert expected.strip()
    button = page.locator('button[data-copy="copy-request"]')
    before = button.inner_text()
    button.click()
    # The button says so once the text is on the clipboard (a locator wait: the page's
    # CSP forbids the eval a string wait_for_function polls with).
    expect(button).not_to_have_text(before)
    assert page.evaluate("navigator.clipboard.readText()") == expected
    screenshot(page, screenshots_dir, "cancel_order")


def test_refuse_a_damaged_parcel_switching_to_english_mid_way(phone, screenshots_dir):
    page = phone
    page.goto("/start/")
    choose(page, "out_for_delivery")
    assert step_name(page) == "package"
    choose(page, "damaged")
    # The damaged parcel decides the reason (包裹破损) and the seller pays the
    # way back: neither the reason, the kind of goods nor 运费险 is asked.
    assert step_name(page) == "seller"
    # Switch language on the seller page: same place, answers kept.
    page.click(".lang-switch button")
    assert step_name(page) == "seller"
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Have you already asked the seller?" in page.inner_text("h1")
    page.click("button.back-link")
    assert step_name(page) == "package"
    assert page.is_checked('input[value="damaged"]')
    next_page(page)
    choose(page, "not_contacted")
    finish(page)
    assert result_procedure(page) == Procedure.REFUSE_DELIVERY
    assert "Return shipping" in page.inner_text("main")
    screenshot(page, screenshots_dir, "refuse_delivery_en")


def test_return_after_signing_for_a_size_problem_and_reopen_the_link(
    phone, new_phone, screenshots_dir, output_dir
):
    page = phone
    page.goto("/start/")
    choose(page, "received")
    choose(page, "intact")
    choose(page, "size_unsuitable")
    assert step_name(page) == "received"
    signed = TODAY - timedelta(days=2)
    page.fill('input[type="date"]', signed.isoformat())
    next_page(page)
    choose(page, "opened_intact")
    next_page(page)  # no longer window promised
    choose(page, "standard")
    choose(page, "no")
    choose(page, "not_contacted")
    assert step_name(page) == "details"
    page.fill("#id_details-product_name", "羊毛大衣")
    page.fill("#id_details-amount_paid", "¥199")
    next_page(page)
    next_page(page)  # evidence
    next_page(page)  # e-mail
    assert step_name(page) == "confirm"
    assert "羊毛大衣" in page.inner_text("main")
    next_page(page)
    page.wait_for_url("**/c/*/")
    assert result_procedure(page) == Procedure.RETURN_AND_REFUND
    assert "还剩 5 天" in page.inner_text("#deadline")
    assert "199.00" in page.input_value("#copy-request")
    case_url = page.url
    screenshot(page, screenshots_dir, "return_and_refund")

    # A fresh phone (no cookies) opens the saved link: same result, and the
    # page weight of document + CSS + JS is measured on a cold cache.
    other = new_phone().new_page()
    responses = []
    other.on("response", lambda response: responses.append(response))
    other.goto(case_url)
    other.wait_for_load_state("load")
    assert result_procedure(other) == Procedure.RETURN_AND_REFUND
    sizes = {r.url: len(r.body()) for r in responses if r.status == 200}
    total = sum(sizes.values())
    lines = [f"{size:>8} {url.replace(other.url, '<case>')}" for url, size in sizes.items()]
    (output_dir / "page-weight.txt").write_text(
        "Result page, cold cache (bytes of response bodies)\n"
        + "\n".join(lines)
        + f"\n{total:>8} total\n"
    )
    assert {u.rsplit(".", 1)[-1] for u in sizes if "/static/" in u} == {"css", "js"}
    assert total < PAGE_WEIGHT_LIMIT


def test_counterfeit_refused_by_the_seller_goes_to_the_platform(phone, screenshots_dir):
    page = phone
    page.goto("/start/")
    choose(page, "received")
    choose(page, "intact")
    choose(page, "counterfeit")
    page.fill('input[type="date"]', (TODAY - timedelta(days=1)).isoformat())
    next_page(page)
    choose(page, "unopened")
    next_page(page)
    choose(page, "standard")
    choose(page, "refused")
    finish(page)
    assert result_procedure(page) == Procedure.PLATFORM_INTERVENTION
    assert page.input_value("#copy-appeal").strip()
    screenshot(page, screenshots_dir, "platform_intervention")


def test_the_whole_wizard_works_without_javascript(new_phone):
    page = new_phone(java_script_enabled=False).new_page()
    page.goto("/")
    page.click("a.button-start")
    page.click(CONTINUE)  # nothing chosen: errors, no script needed
    assert page.locator(".error-summary a").count() == 1
    choose(page, "in_transit")
    choose(page, "ordered_wrong")
    choose(page, "standard")
    page.click("button.back-link")  # back without JavaScript keeps the answer
    assert step_name(page) == "category"
    page.click("button.back-link")
    assert page.is_checked('input[value="ordered_wrong"]')
    next_page(page)
    next_page(page)
    choose(page, "no")
    choose(page, "no_response")
    finish(page)
    assert result_procedure(page) == Procedure.PLATFORM_INTERVENTION
    # The copy buttons stay hidden; the texts are in plain readonly textareas.
    assert page.locator("button[data-copy]").first.is_hidden()
    assert page.locator("textarea#copy-request[readonly]").count() == 1
