"""Writes on cases. Views and the API call these; none of them re-decides the rules."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction

from wizard.clock import china_today
from wizard.evidence.services import evidence_claim_drafts, evidence_delete_for_case
from wizard.models import Case
from wizard.reminders.services import reminders_schedule_for_case
from wizard.rules import Facts, Language, assess
from wizard.tombstones import case_tombstone_record


def case_create(
    *,
    facts: Facts,
    answers: dict[str, Any],
    language: str,
    email: str = "",
    flow_id: str = "",
    today: date | None = None,
) -> Case:
    """Decide once, save the case with the outcome as decided now, schedule reminders.

    `answers` is the JSON-safe form of the wizard's answers (shown again on the
    case page); `flow_id` names the wizard run whose uploaded evidence the case
    takes over. Saving the same run again returns the case it already saved, so
    the caller must have checked that the run is the requester's own: a run id is
    a capability, and the wizard passes it only for a run its session started
    (wizard.runs.run_owned); nothing else passes one.
    """
    if flow_id and (existing := Case.objects.filter(flow_id=flow_id).first()):
        return existing
    today = today or china_today()
    decision = assess(facts, today=today)
    try:
        with transaction.atomic():
            case = Case.objects.create(
                language=language,
                answers=answers,
                outcome=decision.to_dict(Language(language)),
                procedure=decision.procedure.value,
                deadline=decision.deadline,
                decided_on=today,
                email=email.strip(),
                flow_id=flow_id,
            )
            if flow_id:
                evidence_claim_drafts(case=case, flow_id=flow_id)
            reminders_schedule_for_case(case=case)
    except IntegrityError:
        # The same run saved at the same moment by a second request: one case wins.
        if flow_id and (existing := Case.objects.filter(flow_id=flow_id).first()):
            return existing
        raise
    return case


def case_delete(*, case: Case) -> None:
    """Delete the case and everything hanging off it: evidence files, reminders."""
    with transaction.atomic():
        evidence_delete_for_case(case=case)
        case_tombstone_record(case=case)  # its link then answers 410 Gone, not 404
        case.delete()
