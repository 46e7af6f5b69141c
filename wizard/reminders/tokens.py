"""Signed tokens for the links in the e-mails: unforgeable, scoped by salt, expiring."""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum

from django.conf import settings
from django.core import signing


class LinkAction(StrEnum):
    """What a link in an e-mail does; each has its own salt so tokens do not cross over."""

    SUBMITTED = "submitted"  # "I have submitted my request": stop the deadline reminders
    UNSUBSCRIBE = "unsubscribe"  # List-Unsubscribe: stop every reminder of the case


def _salt(action: LinkAction) -> str:
    return f"wizard.reminders.link.{action.value}"


def link_token_make(*, case_id: int, action: LinkAction) -> str:
    return signing.dumps({"c": case_id}, salt=_salt(action), compress=False)


def link_token_read(*, token: str, action: LinkAction) -> int | None:
    """The case id in a valid token, or None for a forged, damaged or expired one."""
    max_age = timedelta(days=settings.REMINDERS_LINK_MAX_AGE_DAYS)
    try:
        data = signing.loads(token, salt=_salt(action), max_age=max_age)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    case_id = data.get("c") if isinstance(data, dict) else None
    return case_id if isinstance(case_id, int) else None
