"""In a real browser: what a refused upload says, and the API docs under the site's CSP."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from tests.unit.evidence import samples
from wizard.flow import answers_from_facts
from wizard.rules import Facts, OrderStatus, Reason
from wizard.services import case_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STATUS = "[data-evidence-progress] .evidence-progress__status"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()


@pytest.fixture
def case():
    facts = Facts(order_status=OrderStatus.NOT_SHIPPED, reason=Reason.CHANGED_MIND)
    return case_create(facts=facts, answers=answers_from_facts(facts), language="zh-hans")


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "parcel.jpg"
    path.write_bytes(samples.jpeg((64, 48)))
    return str(path)


def _choose(page, photo: str) -> None:
    page.wait_for_selector("[data-evidence-ready]", state="attached")
    page.locator("input[type=file][data-evidence-input]").set_input_files([photo])


def test_an_upload_refused_by_the_rate_limit_says_so_and_stops_uploading(
    phone, case, photo, settings
):
    settings.RATELIMIT_RULES = [("uploads", ("POST",), ("/evidence/",), 0, 60, "multipart/")]
    page = phone
    page.goto(case.get_absolute_url())
    _choose(page, photo)
    expect(page.locator(STATUS)).to_contain_text("上传次数太多")
    expect(page.locator("[data-evidence-upload][data-busy]")).to_have_count(0)
    assert "正在上传" not in page.locator(STATUS).inner_text()


def test_an_upload_refused_by_csrf_says_the_page_expired_not_the_network(phone, case, photo):
    page = phone
    page.goto(case.get_absolute_url())
    page.context.clear_cookies()
    page.evaluate(
        "document.querySelectorAll('input[name=csrfmiddlewaretoken]')"
        ".forEach(i => { i.value = 'x'.repeat(64); })"
    )
    _choose(page, photo)
    expect(page.locator(STATUS)).to_contain_text("页面已过期")
    assert "网络" not in page.locator(STATUS).inner_text()


def test_add_evidence_with_no_file_says_to_choose_one(new_phone, case):
    page = new_phone(java_script_enabled=False).new_page()
    page.goto(case.get_absolute_url())
    page.locator("[data-evidence-submit]").click()
    expect(page.locator(".errorlist")).to_contain_text("请至少选择一张照片或一段视频")


def test_the_api_docs_render_under_the_sites_csp(phone, live_server):
    page = phone
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    response = page.goto("/api/v1/docs")
    assert response is not None and response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Refund Wizard API")
    expect(page.locator(".opblock-summary-path").first).to_contain_text("/assessments")
    requested_hosts = page.evaluate(
        "performance.getEntriesByType('resource').map(e => new URL(e.name).host)"
    )
    assert set(requested_hosts) <= {live_server.url.split("//", 1)[1]}
    assert violations == []
