"""axe-core on every page type of the wizard: no serious or critical violation.

The same walk checks the phone basics: tap targets of 44 px, no horizontal scrolling.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.clock import TODAY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONTINUE = "#wizard-form .actions button.button"
BLOCKING = {"serious", "critical"}
# The wizard's own controls (the evidence widget checks its own).
TAP_TARGETS = (
    ".actions button, .radio-row, a.button, .lang-switch button, summary, "
    ".copy-button, .summary-action a, input[type=text], input[type=email], input[type=date], "
    ".day-shortcut, .door-buttons button, input[type=number]"
)
SMALL_TAP_TARGETS = f"""
Array.from(document.querySelectorAll({TAP_TARGETS!r}))
  .filter(e => e.offsetParent && e.getBoundingClientRect().height < 44)
  .map(e => e.outerHTML.slice(0, 80))
"""


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    settings.RATELIMIT_ENABLED = False


def blocking_violations(page, axe: Axe) -> list[str]:
    results = axe.run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v.get("impact") in BLOCKING
    ]


def test_every_page_type_has_no_serious_accessibility_violations(phone):
    page, axe = phone, Axe()
    found: dict[str, list[str]] = {}

    def scan(name: str) -> None:
        found[name] = blocking_violations(page, axe)
        found[name] += [f"tap target < 44px: {e}" for e in page.evaluate(SMALL_TAP_TARGETS)]
        if not page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"):
            found[name].append("scrolls horizontally")

    def choose(value: str) -> None:
        page.locator(f'label.radio-row:has(input[value="{value}"])').click()
        page.click(CONTINUE)

    page.goto("/")
    scan("landing")
    page.goto("/door/")
    scan("door")
    page.goto("/start/")
    scan("radio question")
    page.click(CONTINUE)  # nothing chosen: the error summary
    scan("radio question with errors")
    choose("received")
    choose("intact")
    choose("quality_issue")
    scan("received: date + day shortcuts")
    page.click(CONTINUE)  # no date: the error
    scan("received: date with an error")
    page.fill('input[type="date"]', (TODAY - timedelta(days=1)).isoformat())
    page.click(CONTINUE)
    choose("opened_intact")
    scan("promised: a number input")
    page.click(CONTINUE)
    choose("standard")
    choose("not_contacted")
    page.fill("#id_details-amount_paid", "-1")
    page.click(CONTINUE)
    scan("details: text inputs with an error")
    page.fill("#id_details-amount_paid", "88.50")
    page.click(CONTINUE)
    scan("evidence")
    page.click(CONTINUE)
    scan("email with privacy notice")
    page.click(CONTINUE)
    scan("check your answers")
    page.click(CONTINUE)
    page.wait_for_url("**/c/*/")
    scan("result / case page")
    page.click("a.button-secondary[href$='/delete/']")
    scan("delete confirmation")
    page.goto("/c/this-case-does-not-exist/")
    scan("404")

    assert {name: v for name, v in found.items() if v} == {}
