from typing import Any

from django import template

from wizard.evidence.forms import evidence_checklist as build_checklist

register = template.Library()


@register.simple_tag
def evidence_checklist(evidence: Any) -> list[dict[str, Any]]:
    """The wizard's evidence list ({code, label, required}) with a 'why' line per item."""
    return build_checklist(list(evidence or []))
