"""Browser fixtures shared by every e2e test: one Chromium per session, a phone per test.

Playwright drives Debian's Chromium (/usr/bin/chromium via the chromium_path
fixture) against pytest-django's live_server. Tests mark themselves
`pytest.mark.browser` and take `phone` (a fresh iPhone 13 context with clipboard
permissions) or `new_phone()` for a second, independent context.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.clock import pinned

# Sync Playwright runs an event loop in this thread; Django's ORM refuses to
# run where a loop is running unless told that this is on purpose.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


@pytest.fixture(autouse=True)
def pinned_server_clock() -> Iterator:
    """The live server (a thread of this process) runs at the suite's fixed instant.

    The clock ticks from there, so sessions, rate limits and timeouts behave.
    Cookies carry Max-Age, which the browser counts on its own clock.
    """
    with pinned(tick=True) as now:
        yield now


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance, chromium_path: str) -> Iterator:
    browser = playwright_instance.chromium.launch(
        executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def phone_device(playwright_instance) -> dict:
    device = dict(playwright_instance.devices["iPhone 13"])
    device.pop("default_browser_type", None)
    return device


@pytest.fixture
def new_phone(browser, phone_device: dict, live_server) -> Iterator[Callable]:
    """Factory: a new phone context (own cookies/session) with base_url = live_server."""
    contexts = []

    def make(locale: str = "zh-CN", **overrides):
        """`overrides` go to new_context, e.g. java_script_enabled=False."""
        options = {
            **phone_device,
            "locale": locale,
            "base_url": live_server.url,
            "permissions": ["clipboard-read", "clipboard-write"],
            **overrides,
        }
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def phone(new_phone) -> object:
    """A page in a fresh iPhone 13 context, Chinese locale, at the live server."""
    return new_phone().new_page()


@pytest.fixture
def screenshots_dir(output_dir: Path) -> Path:
    path = output_dir / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path
