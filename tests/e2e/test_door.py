"""The door first: with the courier waiting, "don't sign" within 2 taps of the first page.

iPhone 13 context, zh-CN, against the live server. A tap is a click on a link or
button; each test counts them from the home page.
"""

from __future__ import annotations

import pytest

from tests.e2e.test_wizard_journeys import (
    CONTINUE,
    finish,
    no_horizontal_scroll,
    result_procedure,
    step_name,
)
from wizard.rules import Procedure, WarningCode

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOOR_BUTTON = "a[href='/door/']"


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    settings.RATELIMIT_ENABLED = False


def in_first_screen(page, selector: str) -> bool:
    """Whether the element is visible without scrolling (inside the phone's first screen)."""
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["y"] + box["height"] <= page.viewport_size["height"]


def test_dont_sign_is_on_the_page_one_tap_from_home_then_the_wizard_knows_the_parcel(
    phone, screenshots_dir
):
    page = phone
    page.goto("/")
    assert in_first_screen(page, DOOR_BUTTON)
    page.screenshot(path=str(screenshots_dir / "home_with_door.png"))
    taps = 0
    page.click(DOOR_BUTTON)
    taps += 1
    assert page.url.endswith("/door/")
    # The first guidance, at once and without scrolling: don't sign.
    assert "不要签收" in page.inner_text(".door-stop")
    assert in_first_screen(page, ".door-stop")
    assert taps <= 2
    main = page.inner_text("main")
    # The three parcel states, each with what to do.
    for words in (
        "包裹破损、有湿渍或被拆过",
        "拍照或录视频",
        "拒收",
        "包裹完好，但不想要了",
        "七天无理由",
        "怀疑是假货",
        "开箱视频",
    ):
        assert words in main, words
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(screenshots_dir / "door.png"), full_page=True)
    page.screenshot(path=str(screenshots_dir / "door_first_screen.png"))

    # One button per parcel state goes on with what the page already knows:
    # out for delivery, parcel damaged, so the refusal is for 包裹破损 and the seller
    # pays. Status, parcel, reason, kind of goods and 运费险 are not asked.
    page.click("button[name=parcel][value=damaged]")
    assert step_name(page) == "seller"
    assert "第 3 题，共 7 题" in page.inner_text(".progress")
    page.locator('label.radio-row:has(input[value="not_contacted"])').click()
    page.click(CONTINUE)
    finish(page)
    assert result_procedure(page) == Procedure.REFUSE_DELIVERY
    assert WarningCode.NEVER_SIGN in set(
        page.locator("ul.warnings li").evaluate_all("els => els.map(e => e.dataset.code)")
    )
    assert "包裹破损" in page.input_value("#copy-request")


def test_a_suspected_fake_from_the_door_is_refused_with_the_evidence_warning(phone):
    page = phone
    page.goto("/")
    page.click(DOOR_BUTTON)
    page.click("button[name=parcel][value=suspected_fake]")
    assert step_name(page) == "seller"
    page.locator('label.radio-row:has(input[value="not_contacted"])').click()
    page.click(CONTINUE)
    finish(page)
    assert result_procedure(page) == Procedure.REFUSE_DELIVERY
    codes = set(page.locator("ul.warnings li").evaluate_all("els => els.map(e => e.dataset.code)"))
    assert WarningCode.COUNTERFEIT_KEEP_FOR_CLAIM in codes


def test_a_fine_parcel_from_the_door_asks_only_the_reasons_knowable_at_the_door(phone):
    page = phone
    page.goto("/door/")
    page.click("button[name=parcel][value=unwanted]")
    assert step_name(page) == "reason"
    offered = set(
        page.locator("input[name='reason-reason']").evaluate_all("els => els.map(e => e.value)")
    )
    assert "changed_mind" in offered and "counterfeit" in offered
    # Nothing that needs the item in hand, and no 未收到货 with the parcel right there.
    assert not offered & {"size_unsuitable", "quality_issue", "missing_item", "not_received"}
    # Back goes to the parcel question, answered as the door page said.
    page.click("button.back-link")
    assert step_name(page) == "package"
    assert page.is_checked('input[value="intact"]')


def test_the_door_works_without_javascript(new_phone):
    page = new_phone(java_script_enabled=False).new_page()
    page.goto("/")
    page.click(DOOR_BUTTON)
    assert "不要签收" in page.inner_text(".door-stop")
    page.click("button[name=parcel][value=wet]")
    assert step_name(page) == "seller"


def test_the_day_shortcuts_work_without_javascript_and_the_date_has_a_max(
    new_phone, screenshots_dir
):
    page = new_phone(java_script_enabled=False).new_page()
    page.goto("/start/")
    for value in ("received", "intact", "size_unsuitable"):
        page.locator(f'label.radio-row:has(input[value="{value}"])').click()
        page.click(CONTINUE)
    assert step_name(page) == "received"
    today = page.locator('input[type="date"]').get_attribute("max")
    assert today == "2026-11-24"
    page.screenshot(path=str(screenshots_dir / "signing_day.png"))
    labels = page.locator("button.day-shortcut").all_inner_texts()
    assert [label.split()[0] for label in labels] == ["今天", "昨天", "前天"]
    page.click("button.day-shortcut >> nth=1")
    assert step_name(page) == "condition"
    page.click("button.back-link")
    assert page.input_value('input[type="date"]') == "2026-11-23"


def test_an_impossible_typed_date_says_the_date_is_invalid(phone):
    page = phone
    page.goto("/start/")
    for value in ("received", "intact", "size_unsuitable"):
        page.locator(f'label.radio-row:has(input[value="{value}"])').click()
        page.click(CONTINUE)
    field = page.locator('input[type="date"]')
    # 2026-02-30 does not exist: the browser then sends an empty value and the
    # page's script flags what happened. The field's order of year, month and day
    # follows the browser's own locale (headless Chromium: mm/dd/yyyy).
    for order in (("02", "30", "2026"), ("2026", "02", "30"), ("30", "02", "2026")):
        field.fill("")
        field.focus()
        for part in order:
            page.keyboard.type(part)
        if page.evaluate("document.querySelector('input[type=date]').validity.badInput"):
            break
    assert page.evaluate("document.querySelector('input[type=date]').validity.badInput")
    page.click(CONTINUE)
    assert step_name(page) == "received"
    error = page.inner_text(".error-message")
    assert "日期无效" in error, error
