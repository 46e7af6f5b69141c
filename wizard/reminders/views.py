"""Thin views: the case page's buttons and the one-tap links in the e-mails.

The links never act on GET (mail scanners prefetch links): GET shows a confirm
button, POST acts. A forged, damaged or expired token gets a neutral page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from wizard.models import Case, CaseEventKind
from wizard.rules import Language, format_date
from wizard.services import CaseClosedError, case_record_event

from .forms import ReturnShippedForm
from .models import ReminderStatus
from .selectors import reminder_followup_for_case, reminders_upcoming_for_case
from .services import reminders_unsubscribe
from .tokens import LinkAction, link_token_read


def case_panel_context(*, case: Case, language: Language) -> dict[str, Any]:
    """What the case page's reminder panel shows (read here, so the template only formats)."""
    followup = reminder_followup_for_case(case=case)
    return {
        "upcoming": list(reminders_upcoming_for_case(case=case)),
        "followup": followup,
        "followup_pending": followup is not None and followup.status == ReminderStatus.PENDING,
        "shipped_on_text": format_date(case.return_shipped_on, language)
        if case.return_shipped_on
        else "",
        "form": ReturnShippedForm(
            initial={"shipped_on": case.return_shipped_on} if case.return_shipped_on else None
        ),
    }


@require_POST
def case_submitted(request: HttpRequest, token: str) -> HttpResponse:
    case = get_object_or_404(Case, token=token)
    if not _record(case, CaseEventKind.SUBMITTED):
        messages.info(request, _("This case is closed: nothing more is recorded."))
    else:
        messages.success(
            request, _("Noted: you submitted your request. The deadline reminders are stopped.")
        )
    return HttpResponseRedirect(case.get_absolute_url())


def _record(case: Case, kind: str, **kwargs: Any) -> bool:
    """Record an update through the case service (re-decides, re-plans); False if closed."""
    try:
        case_record_event(case=case, kind=kind, **kwargs)
    except CaseClosedError:
        return False
    return True


@require_http_methods(["GET", "POST"])
def case_shipped(request: HttpRequest, token: str) -> HttpResponse:
    case = get_object_or_404(Case, token=token)
    if request.method == "GET":
        return HttpResponseRedirect(case.get_absolute_url())
    form = ReturnShippedForm(request.POST)
    if not form.is_valid():
        # Shown on its own page with what was typed, so nothing is lost.
        return render(
            request,
            "reminders/page.html",
            {
                "title": _("Return parcel shipped"),
                "form": form,
                "form_action": request.path,
                "case_url": case.get_absolute_url(),
            },
            status=400,
        )
    if not _record(case, CaseEventKind.RETURN_SHIPPED, day=form.cleaned_data["shipped_on"]):
        messages.info(request, _("This case is closed: nothing more is recorded."))
    elif case.email and case.emails_stopped_at is None:
        messages.success(
            request,
            _("Saved. We will remind you 10 days after the shipping day to check the refund."),
        )
    else:
        messages.success(request, _("Saved the shipping day."))
    return HttpResponseRedirect(case.get_absolute_url())


def _invalid_link(request: HttpRequest, status: int = 400) -> HttpResponse:
    return render(
        request,
        "reminders/page.html",
        {
            "title": _("This link does not work"),
            "paragraphs": [
                _(
                    "The link is incomplete, was changed or has expired. Open your case from the "
                    "newest e-mail, or stop the reminders on the case page."
                )
            ],
        },
        status=status,
    )


_TEXTS = {
    LinkAction.SUBMITTED: {
        "title": lambda: _("Have you submitted your refund request?"),
        "ask": lambda: _("Confirm, and we stop the deadline reminders for this case."),
        "button": lambda: _("Yes, I have submitted my request"),
        "done": lambda: _("Done: the deadline reminders for this case are stopped."),
    },
    LinkAction.UNSUBSCRIBE: {
        "title": lambda: _("Stop the e-mails about this case?"),
        "ask": lambda: _("Confirm, and we send no more e-mails about this case."),
        "button": lambda: _("Stop the e-mails"),
        "done": lambda: _("Done: we send no more e-mails about this case."),
    },
}


def _link(request: HttpRequest, token: str, action: LinkAction) -> HttpResponse:
    link_id = link_token_read(token=token, action=action)
    if link_id is None:
        return _invalid_link(request)
    case = Case.objects.filter(link_id=link_id).first()
    if case is None:
        return _invalid_link(request, status=404)
    texts = _TEXTS[action]
    with translation.override(case.language):
        if request.method == "POST":
            # Idempotent: a second POST (or a reused link) changes nothing.
            if action is LinkAction.SUBMITTED:
                _record(case, CaseEventKind.SUBMITTED)
            else:
                reminders_unsubscribe(case=case)
            context: dict[str, object] = {
                "title": texts["done"](),
                "case_url": case.get_absolute_url(),
            }
        else:
            context = {
                "title": texts["title"](),
                "paragraphs": [texts["ask"]()],
                "confirm_label": texts["button"](),
                "case_url": case.get_absolute_url(),
            }
        response = render(request, "reminders/page.html", context)
    response["Referrer-Policy"] = "no-referrer"  # the token must not leak onwards
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "POST"])
def link_stop(request: HttpRequest, token: str) -> HttpResponse:
    return _link(request, token, LinkAction.SUBMITTED)


@csrf_exempt  # RFC 8058: one-click POSTs come from mail providers, with no cookie or token
@require_http_methods(["GET", "POST"])
def link_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    return _link(request, token, LinkAction.UNSUBSCRIBE)
