"""Small template helpers for the wizard's pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from wizard.clock import china_today

register = template.Library()


@register.filter
def hint(radio: Any, bound_field: Any) -> str:
    """The engine's hint under one radio option (`describe()`), or ""."""
    hints = getattr(bound_field.field, "hints", {}) or {}
    return hints.get(str(radio.data["value"]), "")


def short_date(day: date) -> str:
    return dateformat.format(day, pgettext("short deadline date", "j M"))


@register.simple_tag
def deadline_text(deadline: date | str | None, today: date | None = None) -> str:
    """Days left counted against today's China date, so a reopened case stays right."""
    if not deadline:
        return ""
    if isinstance(deadline, str):
        deadline = date.fromisoformat(deadline)
    today = today or china_today()
    days_left = (deadline - today).days
    when = short_date(deadline)
    if days_left < 0:
        return _("The deadline has passed: it was %(date)s 24:00") % {"date": when}
    if days_left == 0:
        return _("Today is the last day, until %(date)s 24:00") % {"date": when}
    return ngettext(
        "%(days)d day left, until %(date)s 24:00",
        "%(days)d days left, until %(date)s 24:00",
        days_left,
    ) % {"days": days_left, "date": when}


@register.simple_tag
def days_left(deadline: date | str | None, today: date | None = None) -> int | None:
    if not deadline:
        return None
    if isinstance(deadline, str):
        deadline = date.fromisoformat(deadline)
    return (deadline - (today or china_today())).days
