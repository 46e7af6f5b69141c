"""Reads on cases (HackSoft: selectors read, services write)."""

from __future__ import annotations

from wizard.evidence.selectors import evidence_codes_for_case
from wizard.flow import facts_from_answers
from wizard.models import Case
from wizard.rules import Decision, assess


def case_decision(*, case: Case) -> Decision:
    """The case's outcome re-derived as it was decided (same facts, same day).

    The evidence attached is what the case's files are now (their checklist
    items), so the texts name exactly the items that have files.
    """
    attached = evidence_codes_for_case(case=case)
    return assess(
        facts_from_answers(case.answers, evidence_attached=attached), today=case.decided_on
    )


def case_for_run(*, flow_id: str) -> Case | None:
    """The case a wizard run saved, if it has (callers check the run is the session's)."""
    return Case.objects.filter(flow_id=flow_id).first()
