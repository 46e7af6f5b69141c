"""The reminder e-mails: HTML + text, in the case's language, with stop links.

Every e-mail carries the ready texts the case page offers (the request
description, the messages to the seller and the platform, the follow-up):
always in Chinese, since they go to a Chinese platform and seller, with the
English beside them on an English e-mail (domain.md §10). The HTML part is
styled inline only, for mail clients that drop <style>; the text part says
the same.
"""

from __future__ import annotations

from datetime import datetime
from email.mime.text import MIMEText
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from wizard.clock import china_date_of
from wizard.models import Case
from wizard.rules import (
    Decision,
    Fault,
    Language,
    WarningCode,
    countdown,
    followup_message,
    format_date,
)
from wizard.selectors import case_decision

from .ics import deadline_ics
from .models import Reminder, ReminderKind
from .tokens import LinkAction, link_token_make


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _mail_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "refund-wizard.local"


def reminder_links(*, case: Case) -> dict[str, str]:
    """The signed one-tap links: "I have submitted" (stop) and unsubscribe."""
    stop = link_token_make(link_id=case.link_id, action=LinkAction.SUBMITTED)
    unsubscribe = link_token_make(link_id=case.link_id, action=LinkAction.UNSUBSCRIBE)
    return {
        "submitted_url": _absolute(reverse("reminders:stop", kwargs={"token": stop})),
        "unsubscribe_url": _absolute(
            reverse("reminders:unsubscribe", kwargs={"token": unsubscribe})
        ),
    }


def _subject(kind: str, days_left: int, *, seller_fault: bool = False) -> str:
    """The subject line; for a seller-fault claim the day counted ends the direct return only.

    (domain.md §10: the reminders say "the direct return ends", never "the claim ends".)
    """
    if kind == ReminderKind.FOLLOWUP:
        return gettext("Has your refund arrived?")
    if seller_fault:
        if kind == ReminderKind.CONFIRMATION and days_left > 0:
            return ngettext(
                "Reminders are set: %(days)d day left for the direct return",
                "Reminders are set: %(days)d days left for the direct return",
                days_left,
            ) % {"days": days_left}
        if days_left <= 0:
            return gettext("Today is the last day of the direct return")
        return ngettext(
            "%(days)d day left for the direct return",
            "%(days)d days left for the direct return",
            days_left,
        ) % {"days": days_left}
    if kind == ReminderKind.CONFIRMATION and days_left > 0:
        return ngettext(
            "Reminders are set: %(days)d day left to request your refund",
            "Reminders are set: %(days)d days left to request your refund",
            days_left,
        ) % {"days": days_left}
    if days_left <= 0:
        return gettext("Today is the last day to request your refund")
    return ngettext(
        "%(days)d day left to request your refund",
        "%(days)d days left to request your refund",
        days_left,
    ) % {"days": days_left}


# The outcome is decided as of the day the case was saved: a warning that counts
# the days left from then would contradict the e-mail's own countdown.
_WARNINGS_LEFT_OUT = frozenset({WarningCode.FILE_BEFORE_DEADLINE.value})


def email_warnings(outcome: dict) -> list[dict[str, str]]:
    """The outcome's warnings an e-mail repeats: all but the ones dated by the saving day."""
    return [w for w in outcome.get("warnings") or [] if w.get("code") not in _WARNINGS_LEFT_OUT]


def _ready_text(
    *,
    key: str,
    title: str,
    zh: str | None,
    own: str | None,
    language: Language,
    intro: str = "",
) -> dict[str, str] | None:
    """One text to paste: the Chinese, and the e-mail's language where that is not Chinese."""
    if not zh:
        return None
    translation_text = own if language is not Language.ZH_HANS and own and own != zh else ""
    return {"key": key, "title": title, "intro": intro, "zh": zh, "translation": translation_text}


def ready_texts(
    *, kind: str, decision: Decision | None, outcome: dict, language: Language, case: Case
) -> list[dict[str, str]]:
    """The texts to paste that this e-mail carries, in the order the consumer needs them.

    Called inside the e-mail's translation.override, so the titles are in its language.
    """
    messages_zh = outcome.get("messages_zh") or {}
    messages = outcome.get("messages") or {}
    request = outcome.get("request") or {}
    texts: list[dict[str, str] | None] = []
    if kind == ReminderKind.FOLLOWUP:
        shipped_on = case.return_shipped_on
        texts.append(
            _ready_text(
                key="followup",
                title=gettext("Follow-up message to the seller"),
                zh=followup_message(decision, Language.ZH_HANS, shipped_on=shipped_on)
                if decision is not None
                else messages_zh.get("followup"),
                own=followup_message(decision, language, shipped_on=shipped_on)
                if decision is not None
                else messages.get("followup"),
                language=language,
            )
        )
    else:
        if outcome.get("refund_type"):
            texts.append(
                _ready_text(
                    key="request",
                    title=gettext("Description for the refund request in the app"),
                    zh=request.get("description_zh"),
                    own=request.get("description"),
                    language=language,
                )
            )
        texts.append(
            _ready_text(
                key="seller",
                title=gettext("Message to the seller"),
                zh=messages_zh.get("seller"),
                own=messages.get("seller"),
                language=language,
            )
        )
    texts.append(
        _ready_text(
            key="appeal",
            title=gettext("If the seller refuses: appeal to the platform"),
            zh=messages_zh.get("appeal"),
            own=messages.get("appeal"),
            language=language,
            intro=gettext(
                "If the seller still does not refund, ask Xiaohongshu to step in from the "
                "after-sales page."
            )
            if kind == ReminderKind.FOLLOWUP
            else "",
        )
    )
    return [text for text in texts if text is not None]


def reminder_email_build(*, reminder: Reminder, now: datetime) -> EmailMultiAlternatives:
    """Build (not send) the e-mail of one reminder, as of `now`."""
    case = reminder.case
    language = Language.from_code(case.language)
    decision: Decision | None
    try:
        decision = case_decision(case=case)
        outcome = decision.to_dict(language)
    except (KeyError, ValueError, TypeError):
        # Answers the engine can no longer read: the outcome as saved (as the case page does).
        decision, outcome = None, case.outcome
    left = countdown(case.deadline, today=china_date_of(now))
    days_left = left.days_left if left is not None else 0
    case_url = _absolute(case.get_absolute_url())
    seller_fault = outcome.get("fault") == Fault.SELLER.value
    links = reminder_links(case=case)
    with translation.override(language.value):
        context = {
            "kind": reminder.kind,
            "kinds": ReminderKind,
            "case_url": case_url,
            "deadline": case.deadline,
            "deadline_text": format_date(case.deadline, language) if case.deadline else "",
            "days_left": days_left,
            "procedure_label": outcome.get("procedure_label", ""),
            "return_shipping_label": outcome.get("return_shipping_label", ""),
            "steps": outcome.get("steps") or [],
            "warnings": email_warnings(outcome),
            "request_fields": outcome.get("request") if outcome.get("refund_type") else None,
            "ready_texts": ready_texts(
                kind=reminder.kind,
                decision=decision,
                outcome=outcome,
                language=language,
                case=case,
            ),
            "english": language is Language.EN,
            "seller_fault": seller_fault,
            "shipped_on_text": format_date(case.return_shipped_on, language)
            if case.return_shipped_on
            else "",
            **links,
        }
        subject = _subject(reminder.kind, days_left, seller_fault=seller_fault)
        context["subject"] = subject
        text = render_to_string("reminders/email/reminder.txt", context)
        html = render_to_string("reminders/email/reminder.html", context)
        message = EmailMultiAlternatives(
            subject=subject,
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[case.email],
            reply_to=settings.REMINDER_REPLY_TO,
            headers={
                # Stable per reminder: if a crash ever makes us send it twice,
                # mail systems can tell it is the same message.
                "Message-ID": f"<reminder-{reminder.pk}.{reminder.kind}@{_mail_domain()}>",
                "List-Unsubscribe": f"<{links['unsubscribe_url']}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Auto-Submitted": "auto-generated",
            },
        )
        message.attach_alternative(html, "text/html")
        if reminder.kind == ReminderKind.CONFIRMATION and case.deadline:
            ics = deadline_ics(
                uid=f"deadline-{case.pk}-{case.token[:12]}@{_mail_domain()}",
                deadline=case.deadline,
                summary=(
                    gettext("Last day of the direct return (%(procedure)s)")
                    if seller_fault
                    else gettext("Last day to request your refund (%(procedure)s)")
                )
                % {"procedure": outcome.get("procedure_label", "")},
                description=gettext("Open your case: %(url)s") % {"url": case_url},
                url=case_url,
                alarm_text=gettext("Refund deadline: %(date)s")
                % {"date": context["deadline_text"]},
                stamp=now,
            )
            part = MIMEText(ics, "calendar", "utf-8")  # base64: the CRLFs survive transport
            part.set_param("method", "PUBLISH")
            part.add_header("Content-Disposition", "attachment", filename="deadline.ics")
            message.attach(part)
    return message
