"""The result page served: its first-screen parts, the Chinese texts on English pages, the QR
code of the link, and the save-link box's offer of e-mail reminders."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from django.urls import reverse

from tests.clock import NOW, TODAY, pinned
from wizard.flow import answers_from_facts
from wizard.models import Case
from wizard.reminders.models import Reminder, ReminderKind
from wizard.rules import Facts, ItemCondition, OrderStatus, Reason, SellerResponse, assess
from wizard.services import case_create

pytestmark = pytest.mark.django_db

RETURN = Facts(
    order_status=OrderStatus.RECEIVED,
    reason=Reason.SIZE_UNSUITABLE,
    received_on=TODAY - timedelta(days=2),
    item_condition=ItemCondition.OPENED_INTACT,
)
CANCEL = Facts(order_status=OrderStatus.NOT_SHIPPED, reason=Reason.CHANGED_MIND)


@pytest.fixture(autouse=True)
def _today():
    with pinned(NOW, tick=True):
        yield


def save(facts: Facts, *, email: str = "", language: str = "zh-hans") -> Case:
    return case_create(
        facts=facts, answers=answers_from_facts(facts), language=language, email=email, today=TODAY
    )


def textarea(page: str, id_: str) -> str:
    match = re.search(rf'<textarea id="{id_}"[^>]*>(.*?)</textarea>', page, re.S)
    assert match, f"no textarea #{id_}"
    return html.unescape(match.group(1))


def test_the_case_page_draws_the_link_as_a_qr_code_and_stays_private(client):
    case = save(RETURN)
    response = client.get(case.get_absolute_url())
    page = response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<svg role="img" viewBox=' in page and "case-qr__code" in page
    assert f'value="http://testserver{case.get_absolute_url()}"' in page
    # The first screen's parts, in order: procedure, deadline, request, save this link.
    order = [
        page.index(mark)
        for mark in ('class="result-title"', 'id="deadline"', 'id="request"', 'id="save-link"')
    ]
    assert order == sorted(order)


def test_an_english_page_gives_the_chinese_to_copy_and_the_english_to_read(client):
    case = save(RETURN, language="en")
    zh = assess(RETURN, today=TODAY).to_dict("zh-hans")
    en = assess(RETURN, today=TODAY).to_dict("en")
    page = client.get(case.get_absolute_url(), headers={"accept-language": "en"}).content.decode()
    assert '<html lang="en">' in page
    assert textarea(page, "copy-request") == zh["request"]["description"]
    assert textarea(page, "copy-seller") == zh["messages"]["seller"]
    assert textarea(page, "copy-appeal") == zh["messages"]["appeal"]
    assert html.escape(en["request"]["description"]) in page
    assert "English translation (not copied)" in page
    assert "Copy the Chinese" in page


def test_a_chinese_page_shows_no_translation(client):
    case = save(RETURN)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "translation-text" not in page
    assert (
        textarea(page, "copy-request")
        == assess(RETURN, today=TODAY).to_dict()["request"]["description"]
    )


def test_a_case_without_a_deadline_says_why_and_offers_no_reminders(client):
    case = save(CANCEL)
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'id="no-deadline"' in page and "已发货" in page
    assert 'id="email-offer"' not in page
    response = client.post(
        reverse("wizard:case_email", args=[case.token]), {"email": "a@example.com"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.email == "" and not Reminder.objects.filter(case=case).exists()


def test_the_save_link_box_offers_reminders_and_schedules_them(client):
    case = save(RETURN)
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'id="email-offer"' in page and "截止日前发邮件提醒我" in page
    response = client.post(
        reverse("wizard:case_email", args=[case.token]), {"email": " me@example.com "}
    )
    assert response.status_code == 302
    assert response["Location"] == case.get_absolute_url() + "#save-link"
    case.refresh_from_db()
    assert case.email == "me@example.com"
    kinds = set(Reminder.objects.filter(case=case).values_list("kind", flat=True))
    assert ReminderKind.CONFIRMATION in kinds and ReminderKind.R0 in kinds
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'id="email-offer"' not in page and "me@example.com" in page
    assert "已保存。截止日前我们会发邮件提醒你。" in page


def test_a_wrong_address_comes_back_on_the_case_page_as_typed(client):
    case = save(RETURN)
    response = client.post(reverse("wizard:case_email", args=[case.token]), {"email": "me@example"})
    assert response.status_code == 400
    assert response["Cache-Control"] == "private, no-store"
    page = response.content.decode()
    assert (
        'value="me@example"' in page
        and '<details class="email-offer" id="email-offer" open>' in page
    )
    assert "name@example.com" in page  # the error, in Chinese with the example
    assert 'aria-invalid="true"' in page
    case.refresh_from_db()
    assert case.email == ""


def test_an_address_once_given_is_not_replaced_from_the_page(client):
    case = save(RETURN, email="first@example.com")
    before = Reminder.objects.filter(case=case).count()
    client.post(reverse("wizard:case_email", args=[case.token]), {"email": "other@example.com"})
    case.refresh_from_db()
    assert case.email == "first@example.com"
    assert Reminder.objects.filter(case=case).count() == before


def test_posting_twice_plans_one_set_of_reminders(client):
    case = save(RETURN)
    url = reverse("wizard:case_email", args=[case.token])
    client.post(url, {"email": "me@example.com"})
    count = Reminder.objects.filter(case=case).count()
    client.post(url, {"email": "me@example.com"})
    assert Reminder.objects.filter(case=case).count() == count


def test_the_reminder_form_needs_a_post(client):
    case = save(RETURN)
    assert client.get(reverse("wizard:case_email", args=[case.token])).status_code == 405
    assert (
        client.post(
            reverse("wizard:case_email", args=["no-such-case"]), {"email": "a@b.cn"}
        ).status_code
        == 404
    )


def test_an_english_page_says_when_the_chinese_request_had_to_be_shortened(client):
    long = Facts(
        order_status=OrderStatus.RECEIVED,
        reason=Reason.QUALITY_ISSUE,
        received_on=TODAY - timedelta(days=1),
        item_condition=ItemCondition.OPENED_INTACT,
        product_name="羊毛大衣" * 10,
        merchant_name="某某旗舰店" * 8,
        order_number="P" + "1" * 30,
        seller_response=SellerResponse.REFUSED,
        problem_description="袖口开线，拉链拉不上" * 18,
    )
    short_page = client.get(save(RETURN).get_absolute_url(), headers={"accept-language": "en"})
    assert "this is the whole request" not in short_page.content.decode()
    page = client.get(save(long).get_absolute_url(), headers={"accept-language": "en"})
    text = page.content.decode()
    assert "this is the whole request" in text
    assert len(textarea(text, "copy-request")) <= 200
    assert "P" + "1" * 30 in text.split('class="translation-text"')[1]


QUALITY = Facts(
    order_status=OrderStatus.RECEIVED,
    reason=Reason.QUALITY_ISSUE,
    received_on=TODAY - timedelta(days=2),
    item_condition=ItemCondition.USED,
)


def deadline_box(page: str) -> str:
    match = re.search(r'<p class="deadline-text">(.*?)</p>', page, re.S)
    assert match, "no deadline box"
    return html.unescape(match.group(1))


def test_a_seller_fault_deadline_ends_the_direct_return_not_the_claim(client):
    """domain.md §10: the banner says the direct return ends, never the claim."""
    seller_fault = deadline_box(client.get(save(QUALITY).get_absolute_url()).content.decode())
    assert seller_fault.startswith("直接退货还剩 5 天"), seller_fault
    buyer = deadline_box(client.get(save(RETURN).get_absolute_url()).content.decode())
    assert buyer.startswith("还剩 5 天") and "直接退货" not in buyer, buyer


def test_a_passed_direct_return_says_the_seller_still_answers(client):
    case = save(QUALITY)  # the direct return ends on TODAY + 5
    with pinned(NOW + timedelta(days=9)):
        text = deadline_box(client.get(case.get_absolute_url()).content.decode())
    assert text.startswith("直接退货已于") and "商家仍要对商品的问题负责" in text, text
