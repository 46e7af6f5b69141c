"""What the e-mails say: the ready texts with the case link, in both parts, phone-friendly HTML.

Issue 14: the confirmation promised "下面准备好的消息" without containing them, and
its HTML had no viewport or styling.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from html.parser import HTMLParser

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from tests.emails import (
    CHINA,
    FOLLOWUP_AT,
    R3_AT,
    SHIPPED_ON,
    html_part,
    save_case,
    sent_emails,
)
from tests.scenarios import SCENARIOS
from wizard.flow import answers_from_facts, facts_from_api
from wizard.models import Case
from wizard.reminders.emails import reminder_email_build
from wizard.reminders.models import Reminder, ReminderKind
from wizard.rules import Language, followup_message
from wizard.selectors import case_decision
from wizard.services import case_create

pytestmark = pytest.mark.django_db

KINDS = ["confirmation", "r3", "followup"]


def _expected_texts(case, kind: str) -> dict[str, str]:
    """The Chinese texts each e-mail must carry, straight from the engine."""
    decision = case_decision(case=case)
    zh = decision.to_dict(Language.ZH_HANS)
    if kind == "followup":
        return {
            "followup": followup_message(
                decision, Language.ZH_HANS, shipped_on=case.return_shipped_on
            ),
            "appeal": zh["messages_zh"]["appeal"],
        }
    return {
        "request": zh["request"]["description_zh"],
        "seller": zh["messages_zh"]["seller"],
        "appeal": zh["messages_zh"]["appeal"],
    }


def _english_texts(case, kind: str) -> dict[str, str]:
    decision = case_decision(case=case)
    en = decision.to_dict(Language.EN)
    if kind == "followup":
        return {
            "followup": followup_message(decision, Language.EN, shipped_on=case.return_shipped_on)
        }
    return {"seller": en["messages"]["seller"], "appeal": en["messages"]["appeal"]}


def _html_text(html: str) -> str:
    """The HTML's readable text (tags out, <br> as newline, entities decoded)."""

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []

        def handle_starttag(self, tag, attrs):
            if tag == "br":
                self.parts.append("\n")

        def handle_data(self, data):
            self.parts.append(data)

    parser = Text()
    parser.feed(html)
    return "".join(parser.parts)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_email_carries_its_ready_texts_in_chinese_in_both_parts(language):
    case, by_kind = sent_emails(language=language)
    for kind in KINDS:
        message = by_kind[kind]
        html_text = _html_text(html_part(message))
        for key, text in _expected_texts(case, kind).items():
            assert text, (kind, key)
            assert text in message.body, f"{language} {kind}: {key} missing from the text part"
            assert text in html_text, f"{language} {kind}: {key} missing from the HTML part"


def test_the_english_emails_show_the_english_beside_the_chinese():
    case, by_kind = sent_emails(language="en")
    for kind in KINDS:
        message = by_kind[kind]
        html_text = _html_text(html_part(message))
        for key, english in _english_texts(case, kind).items():
            assert english in message.body and english in html_text, (kind, key)
        assert "Chinese text to paste:" in message.body
        assert "In English, for you (do not paste):" in html_text


def test_the_chinese_emails_have_no_english_translation_boxes():
    case, by_kind = sent_emails(language="zh-hans")
    for kind in KINDS:
        html = html_part(by_kind[kind])
        assert 'lang="en"' not in html
        assert "准备好的文字" in html and "要粘贴的中文" not in html


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_both_parts_link_the_case_and_the_stop_links(language):
    case, by_kind = sent_emails(language=language)
    case_url = settings.SITE_URL + case.get_absolute_url()
    for kind in KINDS:
        message = by_kind[kind]
        html = html_part(message)
        assert case_url in message.body, kind
        assert f'href="{case_url}"' in html, kind
        unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
        assert unsubscribe in message.body and f'href="{unsubscribe}"' in html, kind
        if kind != "followup":
            stop = re.search(r"https?://\S+/stop/", message.body)
            assert stop and f'href="{stop.group(0)}"' in html, kind


def test_a_promise_of_texts_below_comes_with_the_texts():
    """The steps say "下面准备好的…": whatever they promise follows them in the e-mail."""
    case, by_kind = sent_emails(language="zh-hans")
    for kind in ("confirmation", "r3"):
        body = by_kind[kind].body
        promise = max(body.rfind("下面准备好的"), body.rfind("粘贴下面"))
        assert promise >= 0, "the engine's steps no longer promise a text below"
        for text in _expected_texts(case, kind).values():
            assert body.find(text) > promise


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_html_is_built_for_a_phone_with_inline_styles_only(language):
    _, by_kind = sent_emails(language=language)
    for kind in KINDS:
        html = html_part(by_kind[kind])
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
        assert "<style" not in html and "<link" not in html and "<script" not in html
        body = re.search(r"<body style=\"([^\"]+)\"", html)
        assert body, "the body carries its font inline"
        assert "PingFang SC" in body.group(1) and "Microsoft YaHei" in body.group(1)
        assert re.search(r"font-family:[^;\"]*sans-serif", body.group(1))
        assert "font-size:16px" in body.group(1)
        assert "max-width:600px" in html
        assert len(html.encode()) < 102_000  # Gmail cuts longer messages off ("[Message clipped]")
        # Every ready text sits in its own styled box, marked for the browser test.
        boxes = re.findall(r'<div lang="zh-Hans" data-ready-text="(\w+)" style="([^"]+)"', html)
        assert boxes and all("border:1px solid" in style for _, style in boxes)
        # No fixed width wider than a phone anywhere.
        widths = [int(w) for w in re.findall(r'width[=:]"?(\d+)(?:px)?', html)]
        assert all(w <= 600 for w in widths)


def test_the_text_part_says_what_the_html_says():
    _, by_kind = sent_emails(language="en")
    for kind in KINDS:
        message = by_kind[kind]
        html_text = _html_text(html_part(message))
        for heading in ("Ready texts to copy", "Watch out", "Stop all e-mails about this case"):
            assert heading in html_text and heading in message.body, (kind, heading)
        assert message.subject in html_text and message.subject in message.body


def test_the_emails_leave_out_the_saving_days_countdown_warning():
    """The outcome's "N days left" warning is as of the saving day; the e-mails count themselves."""
    _, by_kind = sent_emails(language="zh-hans")
    r3 = by_kind["r3"]
    assert "还剩 3 天" in r3.subject
    assert "还剩5天" not in r3.body and "还剩5天" not in html_part(r3)


def test_a_seller_fault_case_counts_down_the_direct_return_not_the_claim():
    """domain.md §10: for a seller-fault claim D ends the direct return, never the claim."""
    _, zh = sent_emails(language="zh-hans")
    assert zh["confirmation"].subject == "提醒已设置：直接退货还剩 5 天"
    assert zh["r3"].subject == "直接退货还剩 3 天"
    for kind in ("confirmation", "r3"):
        body = zh[kind].body
        assert "直接退货的最后一天：2026年11月25日" in body and "商家仍要为问题负责" in body
        assert "申请退款截止日期" not in body and "申请退款截止日期" not in html_part(zh[kind])
    _, en = sent_emails(language="en")
    assert en["r3"].subject == "3 days left for the direct return"
    assert "Last day of the direct return: 25 November 2026" in html_part(en["r3"])


EMAIL_SCENARIOS = [
    s for s in SCENARIOS if "status" not in s["expect"] and s["expect"].get("deadline")
]


@pytest.mark.parametrize(
    "scenario", EMAIL_SCENARIOS, ids=[s["name"].replace(" ", "_") for s in EMAIL_SCENARIOS]
)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_each_public_scenarios_confirmation_carries_every_text_the_engine_prepared(
    scenario, language
):
    request = scenario["request"]
    today = date.fromisoformat(request["today"])
    facts = facts_from_api(request)
    with time_machine.travel(datetime(today.year, today.month, today.day, 12, tzinfo=CHINA)):
        case = case_create(
            facts=facts,
            answers=answers_from_facts(facts),
            language=language,
            email="buyer@example.com",
            today=today,
        )
        reminder = Reminder.objects.get(case=case, kind=ReminderKind.CONFIRMATION)
        message = reminder_email_build(reminder=reminder, now=timezone.now())
    outcome = case_decision(case=case).to_dict(Language(language))
    expected = [outcome["messages_zh"]["seller"], outcome["messages_zh"]["appeal"]]
    if outcome["refund_type"]:
        expected.append(outcome["request"]["description_zh"])
    html_text = _html_text(html_part(message))
    for text in filter(None, expected):
        assert text in message.body and text in html_text
    assert "None" not in message.body and "{" not in message.body
    if language == "en":
        for text in filter(None, (outcome["messages"][k] for k in ("seller", "appeal"))):
            assert text in message.body


@pytest.mark.parametrize("kind", [ReminderKind.R1, ReminderKind.FOLLOWUP])
def test_a_case_whose_answers_the_engine_cannot_read_still_mails_the_saved_texts(kind):
    """Like the case page: the outcome as saved, not a failed reminder."""
    saved = save_case(language="zh-hans", email="old@example.com")
    outcome = dict(saved.outcome)
    Case.objects.filter(pk=saved.pk).update(
        answers={"order_status": "teleported"}, return_shipped_on=SHIPPED_ON
    )
    case = Case.objects.get(pk=saved.pk)
    reminder = Reminder.objects.filter(case=case, kind=kind).first() or Reminder.objects.create(
        case=case, kind=kind, due_at=FOLLOWUP_AT, next_attempt_at=FOLLOWUP_AT
    )
    message = reminder_email_build(reminder=reminder, now=R3_AT)
    assert outcome["messages_zh"]["appeal"] in message.body
    if kind == ReminderKind.FOLLOWUP:
        assert outcome["messages_zh"]["followup"] in message.body
    else:
        assert outcome["messages_zh"]["seller"] in message.body
        assert outcome["request"]["description_zh"] in html_part(message)
        assert "直接退货还剩 3 天" in message.subject
