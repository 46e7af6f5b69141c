"""A case after its result: the timeline, "what happened next" and "change my answers".

The case page's owner (whoever holds the case link) records what happened,
each with its China date: the seller agreed, refused or did not answer, the
refund or the replacement arrived. Each update goes through
wizard.services.case_record_event, which re-decides the case and re-plans its
reminders; a case closed by mistake can be reopened (wizard.services.case_reopen).
"Change my answers" starts a wizard run in edit mode, bound to this browser's
session (wizard.runs), loaded with the saved answers; its end saves back to the
same case and link (wizard.services.case_update_answers).

Views here are thin: forms without JavaScript (POST with CSRF, then a redirect
to the case page); a form error is shown again with what was typed.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from wizard.clock import china_date_of, china_today
from wizard.errors import case_missing_response
from wizard.flow import INSURANCE_VALUES
from wizard.models import CLOSING_EVENT_KINDS, Case, CaseEvent, CaseEventKind
from wizard.rules import Language, Procedure, WarningCode, format_date
from wizard.runs import run_issue, run_owned
from wizard.services import CaseClosedError, case_record_event, case_reopen

# What the owner records with the "what happened" form (the others have their own buttons).
OWNER_EVENT_KINDS = (
    CaseEventKind.SELLER_AGREED,
    CaseEventKind.SELLER_REFUSED,
    CaseEventKind.SELLER_NO_REPLY,
    CaseEventKind.REFUND_RECEIVED,
    CaseEventKind.REPLACEMENT_RECEIVED,
)
# An event older than this is a typo in the year, not a case still followed.
EVENT_MAX_DAYS_AGO = 365


class CaseEventForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What happened?"),
        widget=forms.RadioSelect,
        choices=[(kind.value, kind.label) for kind in OWNER_EVENT_KINDS],
        error_messages={
            "required": _("Select what happened"),
            "invalid_choice": _("Select what happened"),
        },
    )
    day = forms.DateField(
        label=_("On which day?"),
        help_text=_("China date, for example 2026-11-24"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Enter the day it happened."),
            "invalid": _("Enter a real date, for example 2026-11-24."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"day": china_today()})
        super().__init__(*args, **kwargs)

    def clean_day(self) -> date:
        day = self.cleaned_data["day"]
        today = china_today()
        if day > today:
            raise forms.ValidationError(_("The day cannot be in the future."), code="future")
        if day < today - timedelta(days=EVENT_MAX_DAYS_AGO):
            raise forms.ValidationError(
                _("That is more than a year ago: check the year."), code="too_old"
            )
        return day


# --- what the case page shows ------------------------------------------------------


def _answer_labels() -> dict[str, str]:
    """Answer name -> its question, from the wizard's forms (whatever their steps are)."""
    from wizard.forms import WizardStepForm

    labels: dict[str, str] = {}
    pending = list(WizardStepForm.__subclasses__())
    while pending:
        form_class = pending.pop()
        pending += form_class.__subclasses__()
        for name, field in form_class.base_fields.items():
            labels.setdefault(name, str(field.label))
    return labels


def _event_row(event: CaseEvent, language: Language, labels: dict[str, str]) -> dict[str, Any]:
    names = (event.detail or {}).get("answers") or []
    return {
        "kind": event.kind,
        "label": CaseEventKind(event.kind).label,
        "day": event.day,
        "day_text": format_date(event.day, language),
        "changed": [labels.get(name, name) for name in names],
    }


def case_timeline_context(*, case: Case, language: Language) -> dict[str, Any]:
    """The timeline include's context: events oldest first, the form, the case's state."""
    labels = _answer_labels()
    events = [_event_row(e, language, labels) for e in case.events.all()]
    closing = next((e for e in reversed(events) if e["kind"] in CLOSING_EVENT_KINDS), None)
    submitted_text = ""
    if case.submitted_at is not None:
        submitted_text = format_date(china_date_of(case.submitted_at), language)
    return {
        "events": events,
        "closed": case.closed_at is not None,
        "closing_event": closing,
        "submitted_text": submitted_text,
        "escalated": case.procedure == Procedure.PLATFORM_INTERVENTION,
        "form": CaseEventForm(),
    }


def outcome_as_followed(*, case: Case, outcome: dict[str, Any]) -> dict[str, Any]:
    """The outcome as the case page shows it once the request is filed (or the case closed).

    "File before the deadline, N days left" no longer applies to a request that
    is filed: that warning is left out (the status banner says what comes next).
    """
    if case.submitted_at is None and case.closed_at is None:
        return outcome
    warnings = [
        w
        for w in outcome.get("warnings") or []
        if w.get("code") != WarningCode.FILE_BEFORE_DEADLINE
    ]
    return {**outcome, "warnings": warnings}


# --- the owner's updates ----------------------------------------------------------

_DONE_MESSAGES = {
    CaseEventKind.SELLER_AGREED: lambda: _g(
        "Noted: the seller agreed. Follow what was agreed in the platform chat."
    ),
    CaseEventKind.SELLER_REFUSED: lambda: _g("Noted: the seller refused."),
    CaseEventKind.SELLER_NO_REPLY: lambda: _g("Noted: the seller did not answer."),
    CaseEventKind.REFUND_RECEIVED: lambda: _g(
        "Noted: your refund arrived. This case is closed and we send no more e-mails about it."
    ),
    CaseEventKind.REPLACEMENT_RECEIVED: lambda: _g(
        "Noted: your replacement arrived. This case is closed and we send no more e-mails about it."
    ),
}


def _escalation_message() -> str:
    return _g(
        "Your case is now a request for the platform to step in: "
        "the text to send the platform is on this page."
    )


@require_POST
def case_event_add(request: HttpRequest, token: str) -> HttpResponse:
    """POST "what happened": record it, re-decide, redirect to the case page."""
    case = Case.objects.filter(token=token).first()
    if case is None:
        return case_missing_response(request, token=token)
    form = CaseEventForm(request.POST)
    if not form.is_valid():
        response = render(
            request,
            "wizard/case_event.html",
            {"case": case, "form": form, "case_url": case.get_absolute_url()},
            status=400,
        )
        response["Cache-Control"] = "private, no-store"
        return response
    before = case.procedure
    kind = form.cleaned_data["kind"]
    try:
        update = case_record_event(case=case, kind=kind, day=form.cleaned_data["day"])
    except CaseClosedError:
        messages.info(request, _g("This case is closed: nothing more is recorded."))
        return HttpResponseRedirect(case.get_absolute_url())
    if not update.repeated:
        messages.success(request, _DONE_MESSAGES[CaseEventKind(kind)]())
        if case.procedure != before and case.procedure == Procedure.PLATFORM_INTERVENTION:
            messages.info(request, _escalation_message())
    return HttpResponseRedirect(case.get_absolute_url())


@require_POST
def case_reopen_view(request: HttpRequest, token: str) -> HttpResponse:
    """POST "closed by mistake": reopen the case, its reminders follow again; redirect."""
    case = Case.objects.filter(token=token).first()
    if case is None:
        return case_missing_response(request, token=token)
    update = case_reopen(case=case)
    if not update.repeated:
        messages.success(
            request,
            _g(
                "The case is open again: record what happens next, and the reminders "
                "follow its deadline again."
            ),
        )
    return HttpResponseRedirect(case.get_absolute_url())


# --- "change my answers": a wizard run in edit mode --------------------------------

# The session key holding the edit runs of this session: run id -> {"case": pk, "loaded": bool}.
SESSION_EDITS = "wizard_edits"
MAX_EDITS_PER_SESSION = 20


def _edits(request: HttpRequest) -> dict[str, dict[str, Any]]:
    edits = request.session.get(SESSION_EDITS)
    return edits if isinstance(edits, dict) else {}


def _case_of(entry: dict[str, Any]) -> Case | None:
    case_pk = entry.get("case")
    return Case.objects.filter(pk=case_pk).first() if isinstance(case_pk, int) else None


def edit_run_start(request: HttpRequest, case: Case) -> str:
    """A new run of this session that will edit `case` (run id is a secret, like any run)."""
    run_id = run_issue(request)
    edits = _edits(request)
    edits[run_id] = {"case": case.pk, "loaded": False}
    request.session[SESSION_EDITS] = dict(list(edits.items())[-MAX_EDITS_PER_SESSION:])
    return run_id


def edit_case_to_load(request: HttpRequest, run_id: str) -> Case | None:
    """The case an edit run of this session is to be loaded with (None once loaded)."""
    entry = _edits(request).get(run_id)
    if not entry or entry.get("loaded") or not run_owned(request, run_id):
        return None
    return _case_of(entry)


def edit_mark_loaded(request: HttpRequest, run_id: str) -> None:
    edits = _edits(request)
    if run_id in edits:
        edits[run_id] = {**edits[run_id], "loaded": True}
        request.session[SESSION_EDITS] = edits


def edit_case_for_run(request: HttpRequest, run_id: str) -> Case | None:
    """The case a loaded edit run of this session saves back to (None for a normal run)."""
    entry = _edits(request).get(run_id)
    if not entry or not entry.get("loaded") or not run_owned(request, run_id):
        return None
    return _case_of(entry)


def step_values_from_case(case: Case) -> dict[str, Any]:
    """The wizard's field values for a saved case's answers, by field name.

    The saved answers use the wizard's field names (wizard.flow.answers_from_facts);
    only the insurance answer is stored as True/False/None and asked as a choice.
    """
    insurance_choice = {value: choice for choice, value in INSURANCE_VALUES.items()}
    values = dict(case.answers)
    values["shipping_insurance"] = insurance_choice.get(values.get("shipping_insurance"))
    values["email"] = case.email
    return values


@require_POST
def case_edit(request: HttpRequest, token: str) -> HttpResponse:
    """POST "change my answers": open the wizard in edit mode on the saved answers."""
    case = Case.objects.filter(token=token).first()
    if case is None:
        return case_missing_response(request, token=token)
    if case.closed_at is not None:
        messages.info(request, _g("This case is closed: its answers can no longer be changed."))
        return HttpResponseRedirect(case.get_absolute_url())
    run_id = edit_run_start(request, case)
    return HttpResponseRedirect(reverse("wizard:flow", kwargs={"flow_id": run_id}))
