"""The result page fits a phone's first screen, and its texts to paste are Chinese in English too.

The six situations are the six of the source article (seed, parts 二 and 三): cancel
before shipping; shipped and in transit (intercept); at the door (a damaged parcel
refused); after signing, a no-reason return; a quality problem (the seller's fault);
the seller refuses, so the platform steps in. For each, on an iPhone 13 screen
(390 x 844 CSS px) in zh-CN and in en-US, the procedure, the deadline (or why there is
none), the request's copy button and the save-link controls end within the first 844 px;
in English, longer, the QR code starts there (its link's copy button ends there).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.clock import TODAY
from tests.e2e.test_wizard_journeys import choose, finish, result_procedure, step_name
from wizard.flow import answers_from_facts
from wizard.rules import (
    Facts,
    ItemCondition,
    OrderStatus,
    PackageCondition,
    Procedure,
    Reason,
    SellerResponse,
)
from wizard.services import case_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST_SCREEN = {"width": 390, "height": 844}

SIX_SITUATIONS = {
    "cancel_before_shipping": (
        Facts(order_status=OrderStatus.NOT_SHIPPED, reason=Reason.CHANGED_MIND),
        Procedure.CANCEL_ORDER,
    ),
    "in_transit_intercept": (
        Facts(
            order_status=OrderStatus.IN_TRANSIT,
            reason=Reason.CHANGED_MIND,
            shipping_insurance=True,
        ),
        Procedure.INTERCEPT_OR_REFUSE,
    ),
    "at_the_door_damaged_parcel_refused": (
        Facts(
            order_status=OrderStatus.OUT_FOR_DELIVERY,
            reason=Reason.PACKAGE_DAMAGED,
            package_condition=PackageCondition.DAMAGED,
        ),
        Procedure.REFUSE_DELIVERY,
    ),
    "after_signing_no_reason_return": (
        Facts(
            order_status=OrderStatus.RECEIVED,
            reason=Reason.SIZE_UNSUITABLE,
            received_on=TODAY - timedelta(days=2),
            item_condition=ItemCondition.OPENED_INTACT,
            shipping_insurance=False,
            product_name="羊毛大衣",
            amount_paid=Decimal("199.00"),
        ),
        Procedure.RETURN_AND_REFUND,
    ),
    "quality_issue_seller_fault": (
        Facts(
            order_status=OrderStatus.RECEIVED,
            reason=Reason.QUALITY_ISSUE,
            received_on=TODAY - timedelta(days=1),
            item_condition=ItemCondition.OPENED_INTACT,
            shipping_insurance=True,
        ),
        Procedure.RETURN_AND_REFUND,
    ),
    "seller_refuses_platform_steps_in": (
        Facts(
            order_status=OrderStatus.RECEIVED,
            reason=Reason.QUALITY_ISSUE,
            received_on=TODAY - timedelta(days=1),
            item_condition=ItemCondition.OPENED_INTACT,
            shipping_insurance=True,
            seller_response=SellerResponse.REFUSED,
        ),
        Procedure.PLATFORM_INTERVENTION,
    ),
}

# What must be on the first screen, by selector.
FIRST_SCREEN_PARTS = {
    "procedure": "h1.result-title",
    "deadline or why none": "#deadline, #no-deadline",
    "request copy button": '#request button[data-copy="copy-request"]',
    "save-link copy button": '#save-link button[data-copy="copy-link"]',
    "save-link QR code": "#save-link svg.case-qr__code",
}


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    settings.RATELIMIT_ENABLED = False


def save_case(facts: Facts, *, language: str = "zh-hans", email: str = ""):
    return case_create(
        facts=facts,
        answers=answers_from_facts(facts),
        language=language,
        email=email,
        today=TODAY,
    )


def bottoms(page) -> dict[str, float]:
    """Each first-screen part's bottom edge, in CSS px from the top of the page."""
    found = {}
    for name, selector in FIRST_SCREEN_PARTS.items():
        box = page.locator(selector).first.bounding_box()
        assert box is not None, f"{name} ({selector}) is not visible"
        found[name] = box["y"] + box["height"]
    return found


# The page's language -> the phone's locale.
LOCALES = {"zh-hans": "zh-CN", "en": "en-US"}


@pytest.mark.parametrize("language", list(LOCALES))
@pytest.mark.parametrize("situation", list(SIX_SITUATIONS))
def test_each_situation_shows_what_matters_within_the_first_screen(
    situation, language, new_phone, live_server, screenshots_dir, output_dir
):
    facts, procedure = SIX_SITUATIONS[situation]
    case = save_case(facts, language=language, email="buyer@example.com")
    page = new_phone(locale=LOCALES[language], viewport=FIRST_SCREEN).new_page()
    page.goto(case.get_absolute_url())
    assert result_procedure(page) == procedure
    measured = bottoms(page)
    with (output_dir / "result-first-screen.txt").open("a") as out:
        out.write(
            f"{situation} ({language}): "
            + ", ".join(f"{k}={v:.0f}" for k, v in measured.items())
            + "\n"
        )
    shot = situation if language == "zh-hans" else f"{situation}_{language}"
    page.screenshot(path=str(screenshots_dir / f"result_{shot}.png"))
    page.screenshot(path=str(screenshots_dir / f"result_{shot}_full.png"), full_page=True)
    height = FIRST_SCREEN["height"]
    # English is longer: there the QR code (a second way to the same link, whose copy
    # button is on the screen) has to start on the first screen, not end on it.
    qr_may_cross = language == "en"
    too_low = {
        name: bottom
        for name, bottom in measured.items()
        if bottom > height and not (qr_may_cross and name == "save-link QR code")
    }
    assert too_low == {}
    qr_top = page.locator(FIRST_SCREEN_PARTS["save-link QR code"]).first.bounding_box()["y"]
    assert qr_top < height - 40
    # The QR code is the link, drawn in the page: no image is fetched for it.
    assert page.locator("#save-link img").count() == 0
    assert page.input_value("#copy-link") == live_server.url + case.get_absolute_url()


def test_sections_that_do_not_apply_are_not_on_the_page(new_phone):
    page = new_phone(viewport=FIRST_SCREEN).new_page()
    cancel = save_case(SIX_SITUATIONS["cancel_before_shipping"][0])
    page.goto(cancel.get_absolute_url())
    # Nothing goes back on a cancellation: no "shipped on day S" form; no 7-day line before receipt.
    assert page.locator("form.reminders-shipped").count() == 0
    assert page.locator(".seven-day-note").count() == 0
    assert page.locator("#no-deadline").is_visible()

    door = save_case(SIX_SITUATIONS["at_the_door_damaged_parcel_refused"][0])
    page.goto(door.get_absolute_url())
    assert page.locator(".seven-day-note").count() == 0
    assert "七天无理由" not in page.inner_text(".result-summary")

    expired = save_case(
        Facts(
            order_status=OrderStatus.RECEIVED,
            reason=Reason.CHANGED_MIND,
            received_on=TODAY - timedelta(days=20),
            item_condition=ItemCondition.OPENED_INTACT,
        )
    )
    page.goto(expired.get_absolute_url())
    assert result_procedure(page) == Procedure.NEGOTIATE_WITH_SELLER
    # No refund request here: the text to paste first is the message to the seller.
    assert page.locator("#copy-request").count() == 0
    assert page.locator('#request button[data-copy="copy-seller"]').is_visible()
    assert page.locator(".seven-day-note").is_visible()


def test_the_sections_below_open_and_close_without_javascript(new_phone):
    case = save_case(SIX_SITUATIONS["seller_refuses_platform_steps_in"][0])
    page = new_phone(java_script_enabled=False, viewport=FIRST_SCREEN).new_page()
    page.goto(case.get_absolute_url())
    steps = page.locator("details#steps")
    assert not steps.locator("ol.steps").is_visible()
    steps.locator("summary").click()
    assert steps.locator("ol.steps").is_visible()
    assert page.locator("details#copy-appeal-section").count() == 1
    # Without JavaScript the copy buttons stay hidden and the hint says how to copy.
    assert page.locator('button[data-copy="copy-request"]').is_hidden()
    assert page.locator("#request .no-js-hint").is_visible()


def test_an_english_journey_copies_the_chinese_request(new_phone, screenshots_dir):
    page = new_phone(locale="en-US", viewport=FIRST_SCREEN).new_page()
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.click("a.button-start")
    choose(page, "not_shipped")
    assert step_name(page) == "reason"
    choose(page, "changed_mind")
    choose(page, "not_contacted")
    finish(page)
    assert result_procedure(page) == Procedure.CANCEL_ORDER
    assert page.locator("html").get_attribute("lang") == "en"

    copied = page.input_value("#copy-request")
    assert "取消订单" in copied
    assert page.get_attribute("#copy-request", "lang") == "zh-Hans"
    assert page.inner_text('button[data-copy="copy-request"]') == "Copy the Chinese"
    page.click('button[data-copy="copy-request"]')
    expect(page.locator('button[data-copy="copy-request"]')).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == copied

    # The English beside it is for reading: labelled, and never what is copied.
    translation = page.locator("#request details.translation")
    assert "English translation" in translation.locator("summary").inner_text()
    translation.locator("summary").click()
    english = translation.locator(".translation-text").inner_text()
    assert "cancel" in english.lower()
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in english)

    # The seller message below is Chinese too, with its English.
    page.click("details#copy-seller-section > summary")
    seller = page.input_value("#copy-seller")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in seller)
    page.click('button[data-copy="copy-seller"]')
    expect(page.locator('button[data-copy="copy-seller"]')).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == seller
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(screenshots_dir / "result_english.png"))
    page.screenshot(path=str(screenshots_dir / "result_english_full.png"), full_page=True)


def test_an_english_return_shows_the_whole_request_beside_the_chinese(new_phone, screenshots_dir):
    facts, _procedure = SIX_SITUATIONS["after_signing_no_reason_return"]
    case = save_case(facts, language="en")
    page = new_phone(locale="en-US", viewport=FIRST_SCREEN).new_page()
    page.goto(case.get_absolute_url())
    page.click("#request details.translation > summary")
    english = page.inner_text("#request .translation-text")
    assert "7-day" in english and "2026" in english  # the no-reason ground and the signing day
    copied = page.input_value("#copy-request")
    assert "七天无理由" in copied
    page.click('button[data-copy="copy-request"]')
    expect(page.locator('button[data-copy="copy-request"]')).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == copied
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(screenshots_dir / "result_english_return.png"))


def test_the_save_link_box_takes_an_address_for_reminders(new_phone, screenshots_dir):
    facts, _procedure = SIX_SITUATIONS["after_signing_no_reason_return"]
    case = save_case(facts)  # saved without an address
    page = new_phone(viewport=FIRST_SCREEN).new_page()
    page.goto(case.get_absolute_url())
    offer = page.locator("#email-offer")
    assert offer.locator("summary").bounding_box()["y"] < FIRST_SCREEN["height"]
    offer.locator("summary").click()
    page.fill("#email-offer input[type=email]", "me@example")
    page.click("#email-offer button[type=submit]")
    # A wrong address comes back on the case page, open, as typed, with the error.
    assert page.locator("#email-offer[open]").count() == 1
    assert page.input_value("#email-offer input[type=email]") == "me@example"
    assert page.locator("#email-offer .error-message").is_visible()
    page.fill("#email-offer input[type=email]", "me@example.com")
    page.click("#email-offer button[type=submit]")
    page.wait_for_url(f"**{case.get_absolute_url()}#save-link")
    assert "me@example.com" in page.inner_text("#save-link")
    assert page.locator("#email-offer").count() == 0
    case.refresh_from_db()
    assert case.email == "me@example.com"


def test_the_result_page_with_every_section_open_has_no_serious_accessibility_violation(
    new_phone,
):
    from axe_playwright_python.sync_playwright import Axe

    facts, _procedure = SIX_SITUATIONS["seller_refuses_platform_steps_in"]
    case = save_case(facts, language="en")
    page = new_phone(locale="en-US", viewport=FIRST_SCREEN).new_page()
    page.goto(case.get_absolute_url())
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    results = Axe().run(page)
    blocking = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v.get("impact") in {"serious", "critical"}
    ]
    assert blocking == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
