"""The reminder e-mails: HTML + text, in the case's language, with stop links."""

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
from wizard.rules import Language, countdown, followup_message, format_date
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


def _subject(kind: str, days_left: int) -> str:
    if kind == ReminderKind.CONFIRMATION and days_left > 0:
        return ngettext(
            "Reminders are set: %(days)d day left to request your refund",
            "Reminders are set: %(days)d days left to request your refund",
            days_left,
        ) % {"days": days_left}
    if kind == ReminderKind.FOLLOWUP:
        return gettext("Has your refund arrived?")
    if days_left <= 0:
        return gettext("Today is the last day to request your refund")
    return ngettext(
        "%(days)d day left to request your refund",
        "%(days)d days left to request your refund",
        days_left,
    ) % {"days": days_left}


def reminder_email_build(*, reminder: Reminder, now: datetime) -> EmailMultiAlternatives:
    """Build (not send) the e-mail of one reminder, as of `now`."""
    case = reminder.case
    language = Language.from_code(case.language)
    decision = case_decision(case=case)
    outcome = decision.to_dict(language)
    left = countdown(case.deadline, today=china_date_of(now))
    days_left = left.days_left if left is not None else 0
    case_url = _absolute(case.get_absolute_url())
    links = reminder_links(case=case)
    with translation.override(language.value):
        context = {
            "kind": reminder.kind,
            "kinds": ReminderKind,
            "case_url": case_url,
            "deadline": case.deadline,
            "deadline_text": format_date(case.deadline, language) if case.deadline else "",
            "days_left": days_left,
            "procedure_label": outcome["procedure_label"],
            "return_shipping_label": outcome["return_shipping_label"],
            "steps": outcome["steps"],
            "followup_text": followup_message(decision, language, shipped_on=case.return_shipped_on)
            if reminder.kind == ReminderKind.FOLLOWUP
            else "",
            "shipped_on_text": format_date(case.return_shipped_on, language)
            if case.return_shipped_on
            else "",
            **links,
        }
        subject = _subject(reminder.kind, days_left)
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
                summary=gettext("Last day to request your refund (%(procedure)s)")
                % {"procedure": outcome["procedure_label"]},
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
