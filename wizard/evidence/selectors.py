"""Evidence reads: the files of a wizard run or of a case, each only through its key."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from wizard.evidence.items import attached_codes
from wizard.evidence.models import Evidence
from wizard.rules import EvidenceCode

if TYPE_CHECKING:
    from wizard.models import Case


def evidence_list_for_flow(*, flow_id: str) -> QuerySet[Evidence]:
    if not flow_id:
        return Evidence.objects.none()
    return Evidence.objects.filter(flow_id=flow_id, case__isnull=True)


def _as_uuid(raw: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(raw))
    except ValueError:
        return None


def evidence_get_for_flow(*, flow_id: str, evidence_id: str) -> Evidence | None:
    pk = _as_uuid(evidence_id)
    if pk is None or not flow_id:
        return None
    return evidence_list_for_flow(flow_id=flow_id).filter(pk=pk).first()


def evidence_get_for_case_token(*, token: str, evidence_id: str) -> Evidence | None:
    pk = _as_uuid(evidence_id)
    if pk is None or not token:
        return None
    return Evidence.objects.filter(pk=pk, case__token=token).select_related("case").first()


def evidence_codes_for_flow(*, flow_id: str) -> frozenset[EvidenceCode]:
    """The checklist items this wizard run's uploads are under: Facts.evidence_attached."""
    return attached_codes(evidence_list_for_flow(flow_id=flow_id).only("code"))


def evidence_codes_for_case(*, case: Case) -> frozenset[EvidenceCode]:
    """The checklist items the case's files are under: Facts.evidence_attached."""
    return attached_codes(Evidence.objects.filter(case=case).only("code"))
