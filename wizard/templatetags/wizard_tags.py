"""Small template helpers for the wizard's pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from wizard.rules import Countdown, Urgency

register = template.Library()


@register.filter
def hint(radio: Any, bound_field: Any) -> str:
    """The engine's hint under one radio option (`describe()`), or ""."""
    hints = getattr(bound_field.field, "hints", {}) or {}
    return hints.get(str(radio.data["value"]), "")


def short_date(day: date) -> str:
    return dateformat.format(day, pgettext("short deadline date", "j M"))


_DEADLINE_BOX_CLASSES = {Urgency.PASSED: "deadline-past", Urgency.URGENT: "deadline-urgent"}


@register.filter
def deadline_class(countdown: Countdown) -> str:
    """The deadline box's CSS class for the engine's urgency ("" while not urgent)."""
    return _DEADLINE_BOX_CLASSES.get(countdown.urgency, "")


@register.simple_tag
def deadline_text(countdown: Countdown, direct_return: bool = False) -> str:
    """The engine's countdown in words: days left and the last day, 24:00 China time.

    `direct_return`: a seller-fault claim, whose D ends only the direct return, never
    the claim (domain.md §10), so the words say so.
    """
    when = short_date(countdown.deadline)
    days_left = countdown.days_left
    if countdown.file_at_once_until is not None:
        return _(
            "File at once: the last day, %(date)s, was a public holiday or a weekend, "
            "so the law extends it until %(until)s 24:00"
        ) % {"date": when, "until": short_date(countdown.file_at_once_until)}
    if countdown.urgency is Urgency.PASSED:
        if direct_return:
            return _(
                "The direct return ended %(date)s 24:00; the seller still answers for the problem"
            ) % {"date": when}
        return _("The deadline has passed: it was %(date)s 24:00") % {"date": when}
    if days_left == 0:
        if direct_return:
            return _("Today is the direct return's last day, until %(date)s 24:00") % {"date": when}
        return _("Today is the last day, until %(date)s 24:00") % {"date": when}
    if direct_return:
        return ngettext(
            "The direct return: %(days)d day left, until %(date)s 24:00",
            "The direct return: %(days)d days left, until %(date)s 24:00",
            days_left,
        ) % {"days": days_left, "date": when}
    return ngettext(
        "%(days)d day left, until %(date)s 24:00",
        "%(days)d days left, until %(date)s 24:00",
        days_left,
    ) % {"days": days_left, "date": when}
