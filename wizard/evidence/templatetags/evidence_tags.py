from typing import Any

from django import template

from wizard.evidence.forms import evidence_checklist as build_checklist
from wizard.evidence.validation import ACCEPT_ATTRIBUTE
from wizard.evidence.validation import accepted_formats as accepted_formats_text

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
