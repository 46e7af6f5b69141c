"""Pages around the wizard: errors, admin, the case page's parts."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_500_page_renders_without_a_request_and_in_both_languages():
    html = render_to_string("500.html")
    assert "出错了" in html and "Something went wrong" in html
    assert "<script" not in html


def test_404_page_uses_the_site_layout_in_the_users_language(client):
    response = client.get("/no-such-page/", headers={"accept-language": "en"})
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page and 'href="/"' in page


def test_no_inline_script_or_style_in_the_wizard_pages(client):
    start = client.get(reverse("wizard:start"))
    for url in ("/", start.url):
        page = client.get(url).content.decode()
        assert "style=" not in page and "onclick" not in page
        assert "<script>" not in page and "<style" not in page


def test_admin_lists_cases_without_showing_tokens(client):
    from wizard.models import Case

    case = Case.objects.create(procedure="cancel_order", decided_on="2026-11-24", answers={})
    admin = get_user_model().objects.create_superuser("admin", "a@example.com", "pw")
    client.force_login(admin)
    page = client.get(reverse("admin:wizard_case_changelist") + "?has_email=no").content.decode()
    assert "cancel_order" in page
    assert case.token not in page


def test_case_with_unreadable_answers_still_shows_the_saved_outcome(client):
    from wizard.models import Case

    case = Case.objects.create(
        procedure="cancel_order",
        decided_on="2026-11-24",
        answers={"order_status": "teleported"},
        outcome={"procedure": "cancel_order", "procedure_label": "取消订单", "steps": []},
    )
    response = client.get(case.get_absolute_url())
    assert response.status_code == 200
    assert "取消订单" in response.content.decode()
