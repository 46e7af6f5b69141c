"""Evidence reads: the files of a wizard run or of a case, each only through its key."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet

from wizard.evidence.models import Evidence


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
