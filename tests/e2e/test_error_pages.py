"""The product's own 404 and 410 pages for case links, on a phone, with the favicon.

Issue 15: a deleted case's link showed Django's English technical 404 under make run.
Screenshots: test-output/screenshots/case-gone-*.png, case-not-found-*.png.
"""

from __future__ import annotations

from datetime import date

import pytest

from wizard.rules import Facts, OrderStatus, Reason
from wizard.services import case_create, case_delete

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def deleted_token() -> str:
    facts = Facts(order_status=OrderStatus.NOT_SHIPPED, reason=Reason.CHANGED_MIND)
    case = case_create(facts=facts, answers={}, language="zh-hans", today=date(2026, 11, 20))
    token = case.token
    case_delete(case=case)
    return token


@pytest.mark.parametrize(
    ("locale", "gone_title"), [("zh-CN", "这个案例已删除"), ("en-US", "This case was deleted")]
)
def test_deleted_and_unknown_case_links_on_a_phone(
    new_phone, screenshots_dir, settings, deleted_token, locale, gone_title
):
    settings.DEBUG = True  # as under make run: still the product's pages, not Django's
    page = new_phone(locale=locale).new_page()
    short = "zh" if locale.startswith("zh") else "en"

    response = page.goto(f"/c/{deleted_token}/")
    assert response is not None and response.status == 410
    assert page.locator("h1").inner_text() == gone_title
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    icon = page.evaluate(
        "fetch(document.querySelector('link[rel=icon]').href)"
        ".then(r => [r.status, r.headers.get('content-type')])"
    )
    assert icon[0] == 200 and icon[1].startswith("image/svg+xml")
    page.screenshot(path=str(screenshots_dir / f"case-gone-{short}.png"), full_page=True)
    page.locator("a.button").click()
    assert "/w/" in page.url  # "Start a new case" starts a run

    response = page.goto(f"/c/{'A' * 43}/")
    assert response is not None and response.status == 404
    assert "Using the URLconf" not in page.content()
    assert page.locator(".site-header").count() == 1
    page.screenshot(path=str(screenshots_dir / f"case-not-found-{short}.png"), full_page=True)
