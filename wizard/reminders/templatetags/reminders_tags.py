from __future__ import annotations

from typing import Any

from django import template

from wizard.rules import Language, format_date

from ..forms import ReturnShippedForm
from ..models import ReminderKind, ReminderStatus
from ..selectors import reminders_for_case, reminders_upcoming_for_case

register = template.Library()


@register.simple_tag
def reminders_panel_state(case: Any, language: str = "zh-hans") -> dict[str, Any]:
    """What the case page's reminder panel shows."""
    lang = Language.from_code(language)
    upcoming = list(reminders_upcoming_for_case(case=case)) if case.pk else []
    followup = (
        reminders_for_case(case=case).filter(kind=ReminderKind.FOLLOWUP).first()
        if case.pk
        else None
    )
    return {
        "upcoming": upcoming,
        "followup": followup,
        "followup_pending": followup is not None and followup.status == ReminderStatus.PENDING,
        "shipped_on_text": format_date(case.return_shipped_on, lang)
        if case.return_shipped_on
        else "",
        "form": ReturnShippedForm(
            initial={"shipped_on": case.return_shipped_on} if case.return_shipped_on else None
        ),
    }
