"""The wizard's evidence step. (Filled by the evidence feature.)"""

from __future__ import annotations

from typing import Any

from django import forms


class EvidenceStepForm(forms.Form):
    """Placeholder step: uploads arrive with the evidence feature."""

    def __init__(self, *args: Any, flow_id: str = "", evidence_codes: Any = (), **kwargs: Any):
        self.flow_id = flow_id
        self.evidence_codes = list(evidence_codes)
        super().__init__(*args, **kwargs)
