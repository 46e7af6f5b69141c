"""Privacy in the browser: no page asks any other site for anything.

A phone walks the whole wizard with a photo upload, reaches the result page and
the delete confirmation, and every request the browser makes goes to the app's
own origin (data: and blob: URLs stay inside the page). The case page also tells
the browser never to send its address (which holds the case token) to other sites.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.unit.evidence import samples

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONTINUE = "#wizard-form .actions button.button"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.RATELIMIT_ENABLED = False


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def step_name(page) -> str:
    return page.url.rstrip("/").rsplit("/", 1)[-1]


def test_every_request_of_every_page_goes_to_the_apps_own_origin(phone, live_server, tmp_path):
    page = phone
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    (tmp_path / "parcel.jpg").write_bytes(samples.jpeg((640, 480)))

    page.goto("/")
    page.goto("/start/")
    page.locator('label.radio-row:has(input[value="received"])').click()
    page.click(CONTINUE)
    while step_name(page) != "details":
        if page.locator("input[type=date]").count():
            page.fill("input[type=date]", "2026-11-20")
        elif page.locator("label.radio-row input").count():
            page.locator("label.radio-row input").first.check()
        page.click(CONTINUE)
    page.click(CONTINUE)
    assert step_name(page) == "evidence"
    page.wait_for_selector("[data-evidence-ready]", state="attached")
    page.locator("#evidence-input-other").set_input_files(str(tmp_path / "parcel.jpg"))
    page.wait_for_selector("[data-evidence-files] img")
    page.click(CONTINUE)
    assert step_name(page) == "email"
    page.fill("input[type=email]", "buyer@example.com")
    page.click(CONTINUE)
    page.click(CONTINUE)  # check your answers -> result
    page.wait_for_url("**/c/*/")
    case_url = page.url
    response = page.request.get(case_url)
    assert response.headers["referrer-policy"] in {"same-origin", "no-referrer", "strict-origin"}
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert page.goto(case_url + "delete/").ok
    page.goto("/no-such-page/")

    own = origin(live_server.url)
    foreign = [
        url
        for url in requested
        if urlsplit(url).scheme not in {"data", "blob"} and origin(url) != own
    ]
    assert len(requested) > 20
    assert foreign == []
