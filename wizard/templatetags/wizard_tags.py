"""Small template helpers for the wizard's pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.utils import dateformat
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from wizard.rules import Countdown, Urgency

register = template.Library()


@register.filter
def hint(radio: Any, bound_field: Any) -> str:
    """The engine's hint under one radio option (`describe()`), or ""."""
    hints = getattr(bound_field.field, "hints", {}) or {}
    return hints.get(str(radio.data["value"]), "")


# Widgets whose Django template is exactly "django/forms/widgets/input.html".
# The wizard renders them here in Python, with the same markup, instead of
# going through the template engine once per input (a radio group is 3-8 of
# them, on every step).
_INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html" for name in ("text", "email", "date", "number", "hidden")
)


def _attrs_html(attrs: dict[str, Any]) -> str:
    """django/forms/widgets/attrs.html: True -> bare name, False -> left out."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {name}")
        else:
            parts.append(f' {name}="{conditional_escape(value)}"')
    return "".join(parts)


def _input_html(widget: dict[str, Any]) -> str:
    """django/forms/widgets/input.html for a widget context (`get_context()["widget"]`)."""
    value = widget["value"]
    value_html = "" if value is None else f' value="{conditional_escape(value)}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{value_html}{_attrs_html(widget["attrs"])}>'
    )


@register.simple_tag
def widget_html(field: Any) -> SafeString:
    """`{{ field }}` (BoundField.as_widget), rendered without the template engine."""
    widget = field.field.widget
    if widget.template_name not in _INPUT_TEMPLATES or field.field.localize:
        return field.as_widget()
    attrs = field.build_widget_attrs({}, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    return mark_safe(_input_html(context))  # noqa: S308 (every part escaped above)


@register.simple_tag
def hidden_form(form: Any) -> SafeString:
    """`{{ form }}` of a form of hidden fields only (the wizard's management form)."""
    if form.errors or form.visible_fields():
        return form.render()
    return mark_safe("".join(widget_html(field) for field in form.hidden_fields()))  # noqa: S308


_RADIO_ROW = (
    '\n    <label class="radio-row" for="{}">\n      {}\n      <span class="radio-text">'
    '<span class="radio-label">{}</span>{}</span>\n    </label>\n  '
)


@register.simple_tag
def radio_rows(field: Any) -> SafeString:
    """The rows of a radio group: the input, its label and the engine's hint under it."""
    hints = getattr(field.field, "hints", {}) or {}
    template_names = _INPUT_TEMPLATES | {"django/forms/widgets/radio_option.html"}
    rows = []
    for radio in field.subwidgets:
        data = radio.data
        fast = radio.template_name in template_names
        tag = mark_safe(_input_html(data)) if fast else radio.tag()  # noqa: S308 (escaped)
        text = hints.get(str(data["value"]), "")
        hint_html = format_html('<span class="radio-hint">{}</span>', text) if text else ""
        rows.append(format_html(_RADIO_ROW, radio.id_for_label, tag, data["label"], hint_html))
    return mark_safe("".join(rows))  # noqa: S308 (format_html escaped every part)


def short_date(day: date) -> str:
    return dateformat.format(day, pgettext("short deadline date", "j M"))


_DEADLINE_BOX_CLASSES = {Urgency.PASSED: "deadline-past", Urgency.URGENT: "deadline-urgent"}


@register.filter
def deadline_class(countdown: Countdown) -> str:
    """The deadline box's CSS class for the engine's urgency ("" while not urgent)."""
    return _DEADLINE_BOX_CLASSES.get(countdown.urgency, "")


@register.simple_tag
def deadline_text(countdown: Countdown) -> str:
    """The engine's countdown in words: days left and the last day, 24:00 China time."""
    when = short_date(countdown.deadline)
    days_left = countdown.days_left
    if countdown.urgency is Urgency.PASSED:
        return _("The deadline has passed: it was %(date)s 24:00") % {"date": when}
    if days_left == 0:
        return _("Today is the last day, until %(date)s 24:00") % {"date": when}
    return ngettext(
        "%(days)d day left, until %(date)s 24:00",
        "%(days)d days left, until %(date)s 24:00",
        days_left,
    ) % {"days": days_left, "date": when}
