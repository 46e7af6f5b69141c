"""Real e-mails for the e-mail tests: cases saved the way the wizard saves them, sent
through the reminder sweep into Django's locmem outbox (shared by the integration and
the browser tests)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import time_machine
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from wizard.flow import answers_from_facts
from wizard.models import Case
from wizard.reminders.services import reminders_record_return_shipped, reminders_send_due
from wizard.rules import Facts, ItemCategory, ItemCondition, OrderStatus, Reason
from wizard.services import case_create

CHINA = ZoneInfo("Asia/Shanghai")
SAVED_AT = datetime(2026, 11, 20, 12, tzinfo=CHINA)  # signed 11-18: deadline 2026-11-25
R3_AT = datetime(2026, 11, 22, 9, tzinfo=CHINA)
SHIPPED_ON = date(2026, 11, 21)
FOLLOWUP_AT = datetime(2026, 12, 1, 9, tzinfo=CHINA)  # S + 10, 09:00


def quality_facts() -> Facts:
    """A seller-fault return: a request description, a seller message, an appeal, a follow-up."""
    return Facts(
        order_status=OrderStatus.RECEIVED,
        reason=Reason.QUALITY_ISSUE,
        received_on=date(2026, 11, 18),
        item_condition=ItemCondition.OPENED_INTACT,
        item_category=ItemCategory.STANDARD,
        amount_paid=Decimal("199.00"),
        order_number="P20261118000123456789",
        merchant_name="小鹿家居旗舰店",
        product_name="北欧风陶瓷马克杯（两只装）",
        problem_description="杯子内壁有一条约3厘米的裂纹，倒热水会渗水",
    )


def save_case(*, language: str, email: str) -> Case:
    with time_machine.travel(SAVED_AT, tick=False):
        facts = quality_facts()
        return case_create(
            facts=facts, answers=answers_from_facts(facts), language=language, email=email
        )


def sent_emails(*, language: str) -> tuple[Case, dict[str, EmailMultiAlternatives]]:
    """Every kind of e-mail one case gets, sent for real into the outbox, by kind."""
    mail.outbox.clear()
    case = save_case(language=language, email=f"{language}@example.com")
    by_kind: dict[str, EmailMultiAlternatives] = {}
    reminders_send_due(now=SAVED_AT)
    by_kind["confirmation"] = mail.outbox[-1]
    reminders_send_due(now=R3_AT)
    by_kind["r3"] = mail.outbox[-1]
    with time_machine.travel(datetime(2026, 11, 22, 15, tzinfo=CHINA), tick=False):
        reminders_record_return_shipped(case=case, shipped_on=SHIPPED_ON)
    reminders_send_due(now=FOLLOWUP_AT)
    by_kind["followup"] = mail.outbox[-1]
    assert len(mail.outbox) == 3, [m.subject for m in mail.outbox]
    case.refresh_from_db()
    return case, by_kind


def html_part(message: EmailMultiAlternatives) -> str:
    (html, mimetype), *_ = message.alternatives
    assert mimetype == "text/html"
    return str(html)
