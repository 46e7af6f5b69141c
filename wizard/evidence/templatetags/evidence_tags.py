from typing import Any

from django import template
from django.utils.translation import get_language

from wizard.evidence.forms import evidence_checklist as build_checklist
from wizard.evidence.items import evidence_groups as build_groups
from wizard.evidence.validation import ACCEPT_ATTRIBUTE
from wizard.evidence.validation import accepted_formats as accepted_formats_text
from wizard.rules import Language

register = template.Library()


@register.simple_tag
def evidence_checklist(evidence: Any) -> list[dict[str, Any]]:
    """The wizard's evidence list ({code, label, required}) with a 'why' line per item."""
    return build_checklist(list(evidence or []))


@register.simple_tag
def accept_attribute() -> str:
    """The file input's `accept` value, from the one list of accepted types."""
    return ACCEPT_ATTRIBUTE


@register.simple_tag
def accepted_formats() -> str:
    """The accepted types as users read them, in the active language."""
    return accepted_formats_text()


@register.simple_tag
def evidence_groups(evidence: Any, files: Any) -> list[dict[str, Any]]:
    """The decision's evidence list item by item, each with its files and its state."""
    return build_groups(
        build_checklist(list(evidence or [])),
        list(files or []),
        language=Language.from_code(get_language()),
    )


@register.simple_tag(takes_context=True)
def item_field_name(context: Any, kind: str, key: Any) -> str:
    """The wizard step form's posted name for an item's file input or a file's item select."""
    form = context["form"]
    if kind == "upload":
        return str(form.item_upload_name(str(key)))
    return str(form.item_choice_name(str(key)))
