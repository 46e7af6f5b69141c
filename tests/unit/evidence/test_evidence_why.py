"""Every evidence code the engine can ask for has a "why it matters" hint, in both languages."""

from __future__ import annotations

from django.utils import translation

from wizard.evidence.forms import EVIDENCE_WHY, evidence_checklist
from wizard.rules import EvidenceCode


def test_every_evidence_code_has_a_why_hint():
    assert set(EVIDENCE_WHY) == set(EvidenceCode)


def test_the_tracking_screenshot_hint_is_translated():
    checklist = evidence_checklist([{"code": "tracking_screenshot", "required": True}])
    with translation.override("zh-hans"):
        assert "物流详情" in str(checklist[0]["why"])
    with translation.override("en"):
        assert "tracking details" in str(checklist[0]["why"])
