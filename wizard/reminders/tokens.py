"""Signed tokens for the links in the e-mails: unforgeable, scoped by salt, expiring.

A token names its case by the case's random `link_id`, never by the row id: the
payload of a signed value is only base64, readable by anyone holding the link,
and a sequential id would tell how many cases there are and which came next.
"""

from __future__ import annotations

import uuid
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


def link_token_make(*, link_id: uuid.UUID, action: LinkAction) -> str:
    return signing.dumps({"l": link_id.hex}, salt=_salt(action), compress=False)


def link_token_read(*, token: str, action: LinkAction) -> uuid.UUID | None:
    """The case's link id in a valid token, or None for a forged, damaged or expired one."""
    max_age = timedelta(days=settings.REMINDERS_LINK_MAX_AGE_DAYS)
    try:
        data = signing.loads(token, salt=_salt(action), max_age=max_age)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    raw = data.get("l") if isinstance(data, dict) else None
    try:
        return uuid.UUID(hex=raw) if isinstance(raw, str) else None
    except ValueError:
        return None
