"""Writes on cases. Views and the API call these; none of them re-decides the rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from wizard.clock import china_date_of, china_today
from wizard.evidence.selectors import evidence_codes_for_case
from wizard.evidence.services import evidence_claim_drafts, evidence_delete_for_case
from wizard.flow import facts_from_answers
from wizard.models import CLOSING_EVENT_KINDS, Case, CaseEvent, CaseEventKind
from wizard.reminders.services import (
    ReplanResult,
    reminders_replan_for_case,
    reminders_schedule_for_case,
)
from wizard.rules import Decision, Facts, Language, SellerResponse, assess
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


# --- after the result: what happened next -------------------------------------

# The events that are a fact for the engine: the seller's answer (domain.md section 5).
SELLER_RESPONSE_OF_EVENT: dict[str, SellerResponse] = {
    CaseEventKind.SELLER_AGREED: SellerResponse.AGREED,
    CaseEventKind.SELLER_REFUSED: SellerResponse.REFUSED,
    CaseEventKind.SELLER_NO_REPLY: SellerResponse.NO_RESPONSE,
}
# The events recorded by their own service, not by case_record_event.
_OWN_SERVICE_KINDS = (CaseEventKind.ANSWERS_CHANGED, CaseEventKind.REOPENED)


class CaseClosedError(Exception):
    """The case is closed (refund or replacement received): nothing more is recorded."""


@dataclass(frozen=True)
class CaseUpdate:
    """What one update did: the event recorded (None for a repeat) and the re-plan."""

    event: CaseEvent | None
    decision: Decision | None = None
    reminders: ReplanResult = field(default_factory=ReplanResult)

    @property
    def repeated(self) -> bool:
        return self.event is None


def case_decision_day(*, case: Case, today: date) -> date:
    """The China date a case is re-decided on (docs/rules.md, "A case after its result").

    What the consumer did in time stays in time: the claim is judged on the
    earliest day the consumer acted on it, the day the request was submitted or
    the day the seller answered, and otherwise on `today`.
    """
    days = [today]
    if case.submitted_at is not None:
        days.append(china_date_of(case.submitted_at))
    seller_days = [
        event.day for event in case.events.all() if event.kind in SELLER_RESPONSE_OF_EVENT
    ]
    if seller_days:
        days += seller_days
    elif case.answers.get("seller_response") not in (None, "", SellerResponse.NOT_CONTACTED):
        # The wizard was told the seller had already answered: it asked before saving.
        days.append(china_date_of(case.created_at))
    return min(days)


def _redecide(*, case: Case, today: date, facts_changed: bool) -> Decision:
    """Run the engine on the case's answers again and store what it decides.

    An update that changes no fact of the engine (submitted, shipped, closed)
    re-decides on the day the case was last decided, so it cannot move the
    outcome; a changed fact is judged on `case_decision_day`.
    """
    # What the case's files really are (their checklist items), as the case page decides.
    facts = facts_from_answers(case.answers, evidence_attached=evidence_codes_for_case(case=case))
    day = case_decision_day(case=case, today=today) if facts_changed else case.decided_on
    try:
        decision = assess(facts, today=day)
    except ValueError:
        # The acting day is before a corrected signing date: judge it as of today.
        day = today
        decision = assess(facts, today=day)
    case.outcome = decision.to_dict(Language(case.language))
    case.procedure = decision.procedure.value
    case.deadline = decision.deadline
    case.decided_on = day
    return decision


def _redecide_and_replan(
    *, case: Case, today: date, facts_changed: bool, now: datetime
) -> tuple[Decision, ReplanResult]:
    """`_redecide`, save the locked case, and make its reminders follow the new decision."""
    decision = _redecide(case=case, today=today, facts_changed=facts_changed)
    case.save()
    replan = reminders_replan_for_case(
        case=case, followup_applies=decision.followup_applies, now=now
    )
    return decision, replan


def _is_repeat(case: Case, kind: str, day: date, detail: dict[str, Any]) -> bool:
    """The same update posted twice (a double tap, a resent form): recorded once."""
    if kind == CaseEventKind.SUBMITTED and case.submitted_at is not None:
        return True
    last = case.events.order_by("-created_at", "-pk").first()
    return last is not None and last.kind == kind and last.day == day and last.detail == detail


def case_record_event(
    *,
    case: Case,
    kind: str,
    day: date | None = None,
    detail: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> CaseUpdate:
    """Record what happened to a case, re-decide it and make its reminders follow.

    One transaction with the case row locked (SELECT ... FOR UPDATE), so a
    double tap or two posts at once record one event and re-plan once. The
    seller's answer becomes the case's `seller_response` (a refusal or no reply
    on a valid claim turns it into platform intervention); "submitted" sets
    `submitted_at`, "return shipped" `return_shipped_on`; a refund or
    replacement received closes the case: every pending reminder is cancelled
    and no e-mail of any kind is sent afterwards (until `case_reopen`). Raises
    CaseClosedError on a closed case, ValueError for an unknown kind. `case` is
    updated in place.
    """
    if kind not in CaseEventKind.values or kind in _OWN_SERVICE_KINDS:
        raise ValueError(f"not an event the owner records: {kind}")
    now = now or timezone.now()
    today = china_date_of(now)
    day = day or today
    detail = detail or {}
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if locked.closed_at is not None:
            raise CaseClosedError
        if _is_repeat(locked, kind, day, detail):
            _copy_state(locked, case)
            return CaseUpdate(event=None)
        if kind in SELLER_RESPONSE_OF_EVENT:
            locked.answers = {**locked.answers, "seller_response": SELLER_RESPONSE_OF_EVENT[kind]}
        elif kind == CaseEventKind.SUBMITTED:
            locked.submitted_at = now
        elif kind == CaseEventKind.RETURN_SHIPPED:
            locked.return_shipped_on = day
        elif kind in CLOSING_EVENT_KINDS:
            locked.closed_at = now
        event = CaseEvent.objects.create(case=locked, kind=kind, day=day, detail=detail)
        decision, replan = _redecide_and_replan(
            case=locked, today=today, facts_changed=kind in SELLER_RESPONSE_OF_EVENT, now=now
        )
    _copy_state(locked, case)
    return CaseUpdate(event=event, decision=decision, reminders=replan)


def case_reopen(*, case: Case, now: datetime | None = None) -> CaseUpdate:
    """Reopen a case closed by mistake ("refund received" tapped too early).

    The same locked transaction as any update: `closed_at` is cleared, `reopened`
    joins the timeline, the case is re-decided on the day it was last decided (a
    close changes no fact) and the reminders follow again: the ones the close
    cancelled and still wanted are pending again. A deadline reminder whose 09:00
    passed while the case was closed is not sent late (the next one is); a
    follow-up whose day passed is due at once; one already sent is never sent
    again. Reopening an open case records nothing.
    """
    now = now or timezone.now()
    today = china_date_of(now)
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if locked.closed_at is None:
            _copy_state(locked, case)
            return CaseUpdate(event=None)
        locked.closed_at = None
        event = CaseEvent.objects.create(case=locked, kind=CaseEventKind.REOPENED, day=today)
        decision, replan = _redecide_and_replan(
            case=locked, today=today, facts_changed=False, now=now
        )
    _copy_state(locked, case)
    return CaseUpdate(event=event, decision=decision, reminders=replan)


def case_update_answers(
    *,
    case: Case,
    facts: Facts,
    answers: dict[str, Any],
    email: str,
    flow_id: str = "",
    now: datetime | None = None,
) -> CaseUpdate:
    """Save changed answers back to the same case (same token, same link).

    Records `answers_changed` with the names of the answers that changed (never
    their values), re-decides and re-plans the reminders like any other update,
    and takes over the evidence uploaded during the edit run `flow_id`. Saving
    the same unchanged answers again records nothing. Evidence recorded on the
    case (`evidence_attached`) is kept.
    """
    now = now or timezone.now()
    today = china_date_of(now)
    email = email.strip()
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if locked.closed_at is not None:
            raise CaseClosedError
        kept = set(locked.answers.get("evidence_attached") or ())
        answers = {
            **answers,
            "evidence_attached": sorted(kept | set(answers.get("evidence_attached") or ())),
        }
        changed = sorted(
            key
            for key in set(answers) | set(locked.answers)
            if answers.get(key) != locked.answers.get(key)
        )
        if email != locked.email:
            changed.append("email")
        if flow_id:
            evidence_claim_drafts(case=locked, flow_id=flow_id)
        if not changed:
            _copy_state(locked, case)
            return CaseUpdate(event=None)
        locked.answers = answers
        locked.email = email
        event = CaseEvent.objects.create(
            case=locked, kind=CaseEventKind.ANSWERS_CHANGED, day=today, detail={"answers": changed}
        )
        decision, replan = _redecide_and_replan(
            case=locked, today=today, facts_changed=True, now=now
        )
    _copy_state(locked, case)
    return CaseUpdate(event=event, decision=decision, reminders=replan)


_STATE_FIELDS = (
    "answers",
    "outcome",
    "procedure",
    "deadline",
    "decided_on",
    "email",
    "submitted_at",
    "return_shipped_on",
    "closed_at",
    "emails_stopped_at",
    "updated_at",
)


def _copy_state(source: Case, target: Case) -> None:
    """The caller's Case object shows what the locked row now holds."""
    if source is not target:
        for name in _STATE_FIELDS:
            setattr(target, name, getattr(source, name))
