"""The wizard's pages: a thin list of forms and conditions, the case page, delete.

Deciding is the rules engine's job (`wizard.rules.assess` via the services);
these views only collect answers and render the Decision.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from formtools.wizard.views import NamedUrlSessionWizardView

from wizard import flow
from wizard import forms as f
from wizard.case_page import case_page, link_qr_svg, reminder_offer_applies
from wizard.clock import china_today
from wizard.errors import case_missing_response
from wizard.evidence.forms import EvidenceStepForm, posted_moves, posted_uploads_by_item
from wizard.evidence.selectors import evidence_codes_for_flow, evidence_list_for_flow
from wizard.evidence.services import evidence_step_apply
from wizard.followthrough import (
    case_timeline_context,
    edit_case_for_run,
    edit_case_to_load,
    edit_mark_loaded,
    outcome_as_followed,
    step_values_from_case,
)
from wizard.models import Case
from wizard.reminders.forms import CaseReminderEmailForm
from wizard.reminders.services import reminders_subscribe_case
from wizard.reminders.views import case_panel_context
from wizard.rules import (
    BAD_PACKAGE,
    Language,
    PackageCondition,
    countdown,
    label,
    request_description_translation,
)
from wizard.runs import run_adopt, run_issue, run_owned
from wizard.selectors import case_decision, case_for_run
from wizard.services import CaseClosedError, case_create, case_delete, case_update_answers
from wizard.wizard_storage import saved_when_changed

Step = flow.Step

FORMS = [
    (Step.STATUS, f.StatusForm),
    (Step.PACKAGE, f.PackageForm),
    (Step.REASON, f.ReasonForm),
    (Step.RECEIVED, f.ReceivedForm),
    (Step.CONDITION, f.ConditionForm),
    (Step.PROMISED, f.PromisedForm),
    (Step.CATEGORY, f.CategoryForm),
    (Step.INSURANCE, f.InsuranceForm),
    (Step.SELLER, f.SellerForm),
    (Step.DETAILS, f.DetailsForm),
    (Step.EVIDENCE, EvidenceStepForm),
    (Step.EMAIL, f.EmailForm),
    (Step.CONFIRM, f.ConfirmForm),
]

# Set once "check your answers" has been seen: after a change the wizard jumps
# straight back there, past steps that are still validly answered.
REVIEWING = "reviewing"


def start(request: HttpRequest) -> HttpResponse:
    """Every wizard run gets its own id, so two tabs never mix their answers.

    The id is issued here only, and bound to this browser's session (wizard.runs).
    """
    return redirect("wizard:step", flow_id=run_issue(request), step=Step.STATUS)


def _foreign_run(request: HttpRequest) -> HttpResponse:
    """A run id this session did not start: a fresh run, never the other one's answers.

    A browser that sent no session cookie may not keep one (cookies blocked):
    redirecting it to a fresh run would loop, so it gets a page that explains.
    """
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        response = render(request, "wizard/foreign_run.html", status=404)
        response["Cache-Control"] = "no-store"
        return response
    messages.info(
        request,
        _(
            "That wizard link was started in another browser or has expired, "
            "so a new one has been started for you."
        ),
    )
    return redirect("wizard:step", flow_id=run_issue(request), step=Step.STATUS)


class WizardView(NamedUrlSessionWizardView):
    storage_name = "wizard.wizard_storage.WizardSessionStorage"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        key = f"wizard_{self.get_prefix(request, *args, **kwargs)}"
        if not run_owned(request, kwargs["flow_id"]):
            if key not in request.session:
                return _foreign_run(request)
            # Answers under this id in this very session: a run started before ids
            # were bound to sessions. Only this session could have stored them.
            run_adopt(request, kwargs["flow_id"])
        # A finished run shows its result: a reload of /done/ after a lost response,
        # the phone's Back from the case page. Only the session that owns the run
        # gets here, so the case link goes to no one else. Saving resets the run's
        # answers, so a run that still holds answers has no case to look up.
        if not (request.session.get(key) or {}).get("step_data"):
            saved = case_for_run(flow_id=kwargs["flow_id"]) or edit_case_for_run(
                request, kwargs["flow_id"]
            )
            if saved is not None:
                return HttpResponseRedirect(saved.get_absolute_url())
        with saved_when_changed(request, key):
            response = super().dispatch(request, *args, **kwargs)
        # A wizard page is never shown from a cache or the back-forward cache: Back
        # after the result asks the server again, which shows the case.
        response.setdefault("Cache-Control", "private, no-store")
        return response

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # "Change my answers": the first page of an edit run loads the saved answers.
        case = edit_case_to_load(request, kwargs["flow_id"])
        if case is not None:
            self._load_saved_answers(step_values_from_case(case))
            edit_mark_loaded(request, kwargs["flow_id"])
            return HttpResponseRedirect(self.get_step_url(self.steps.current))
        return super().get(request, *args, **kwargs)

    @staticmethod
    def prefix_for(flow_id: str) -> str:
        return f"refund_{flow_id}"

    def get_prefix(self, request: HttpRequest, *args: Any, **kwargs: Any) -> str:
        return self.prefix_for(kwargs["flow_id"])

    def get_step_url(self, step: str) -> str:
        return reverse(self.url_name, kwargs={"flow_id": self.kwargs["flow_id"], "step": step})

    def get_template_names(self) -> list[str]:
        return [f"wizard/steps/{self.steps.current}.html", "wizard/step.html"]

    def get_form_kwargs(self, step: str | None = None) -> dict[str, Any]:
        if step == Step.EVIDENCE:
            return {
                # Only the form bound to this post reports what this post refused.
                "refused": self.__dict__.pop("_evidence_refused", ()),
                "flow_id": self.kwargs["flow_id"],
                "evidence_codes": flow.evidence_codes_for_steps(
                    self._answers_before(Step.EVIDENCE)
                ),
            }
        return flow.form_kwargs(step or self.steps.current, self.get_cleaned_data_for_step)

    def process_step_files(self, form: Any) -> dict:
        # The evidence app stores uploads itself, keyed by flow_id.
        if self.steps.current == Step.EVIDENCE:
            return {}
        return super().process_step_files(form)

    def get_context_data(self, form: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(form=form, **kwargs)
        context["flow_id"] = self.kwargs["flow_id"]
        context["prev_step"] = self.steps.prev
        context["evidence_step"] = Step.EVIDENCE
        current = Step(self.steps.current)
        context["progress"] = flow.progress(
            flow.route_of_wizard(self._active_cleaned_data, before=current), current
        )
        if self.steps.current == Step.EVIDENCE:
            facts = flow.facts_from_steps(self._answers_before(Step.EVIDENCE))
            context["evidence"] = (
                self._decision_dict(facts)["evidence"] if facts is not None else []
            )
        if self.steps.current == Step.CONFIRM:
            self.storage.extra_data = {**self.storage.extra_data, REVIEWING: True}
            context["answer_sections"] = self._answer_sections()
            context["evidence_count"] = evidence_list_for_flow(
                flow_id=self.kwargs["flow_id"]
            ).count()
        return context

    def post(self, *args: Any, **kwargs: Any) -> HttpResponse:
        goto = self.request.POST.get("wizard_goto_step")
        if goto:
            self._keep_current_input(goto)
        # Files are stored when the page is sent on; "remove" ticks count on "back" too.
        self._store_posted_evidence(with_uploads=not goto)
        if goto and goto in self.get_form_list():
            self._forget_steps_that_no_longer_apply()
            return self.render_goto_step(goto)
        response = super().post(*args, **kwargs)
        self._forget_steps_that_no_longer_apply()
        return response

    def render_next_step(self, form: Any, **kwargs: Any) -> HttpResponse:
        if self.storage.extra_data.get(REVIEWING):
            steps = list(self.get_form_list())
            for step in steps[steps.index(self.steps.current) + 1 :]:
                if not self._validly_answered(step):
                    return self.render_goto_step(step)
        return super().render_next_step(form, **kwargs)

    def done(self, form_list: Any, form_dict: Any = None, **kwargs: Any) -> HttpResponse:
        # The forms formtools has just re-validated, one per step that applies.
        data: dict[str, Any] = {}
        for form in form_list:
            data.update(form.cleaned_data)
        attached = evidence_codes_for_flow(flow_id=self.kwargs["flow_id"])
        facts = flow.facts_from_steps(data, evidence_attached=attached)
        if facts is None:  # every page valid, yet no decision: ask again from the start
            return self.render_goto_step(Step.STATUS)
        edited = edit_case_for_run(self.request, self.kwargs["flow_id"])
        if edited is not None:
            return self._save_edit(edited, facts, data)
        case = case_create(
            facts=facts,
            answers=flow.answers_from_steps(data),
            language=flow.ui_language().value,
            email=data.get("email") or "",
            flow_id=self.kwargs["flow_id"],
        )
        return HttpResponseRedirect(case.get_absolute_url())

    # --- helpers ------------------------------------------------------------

    def _save_edit(self, case: Case, facts: Any, data: dict[str, Any]) -> HttpResponse:
        """The end of "change my answers": the same case, the same link, re-decided."""
        try:
            update = case_update_answers(
                case=case,
                facts=facts,
                answers=flow.answers_from_steps(data),
                email=data.get("email") or "",
                flow_id=self.kwargs["flow_id"],
            )
        except CaseClosedError:
            messages.info(
                self.request, _("This case is closed: its answers can no longer be changed.")
            )
        else:
            if update.repeated:
                messages.info(self.request, _("Nothing changed in your answers."))
            else:
                messages.success(
                    self.request, _("Your answers were saved and your result updated.")
                )
        return HttpResponseRedirect(case.get_absolute_url())

    def _load_saved_answers(self, values: dict[str, Any]) -> None:
        """Fill every step of the wizard with a saved case's answers, then show the last step.

        Generic over the step list: each step's form gets the values named as its
        fields. Steps that do not apply to the loaded answers, and steps the
        values do not answer validly, are left unanswered (the wizard asks them).
        """
        values = flow.wizard_values(values)
        for step, form_class in self.form_list.items():
            prefix = self.get_form_prefix(step, form_class)
            data: dict[str, list[str]] = {}
            for name in form_class.base_fields:
                value = values.get(name)
                if value in (None, "", []):
                    continue
                items = value if isinstance(value, list | tuple) else [value]
                data[f"{prefix}-{name}"] = [str(item) for item in items]
            self.storage.set_step_data(step, data)
        step_data = self.storage.data[self.storage.step_data_key]
        for _round in range(len(self.form_list)):
            self._forget_cached_steps()
            active = self.get_form_list()
            stale = [
                step
                for step in list(step_data)
                if step not in active or self.get_cleaned_data_for_step(step) is None
            ]
            if not stale:
                break
            for step in stale:
                del step_data[step]
        self._forget_cached_steps()
        self.storage.extra_data = {**self.storage.extra_data, REVIEWING: True}
        self.storage.current_step = self.steps.last

    def _forget_cached_steps(self) -> None:
        """formtools keeps the step list and each step's cleaned data per request."""
        for name in list(self.__dict__):
            if name.startswith("_cleaned_data_cache_") or name in (
                "_resolved_form_list",
                "_cache_signature",
            ):
                del self.__dict__[name]

    def _store_posted_evidence(self, *, with_uploads: bool) -> None:
        """The evidence page's files become drafts of this run before its form validates."""
        posted_step = self.request.POST.get(f"{self.prefix}-current_step")
        if posted_step != Step.EVIDENCE or Step.EVIDENCE not in self.get_form_list():
            return
        prefix = self.get_form_prefix(Step.EVIDENCE, EvidenceStepForm)
        # An item's "upload" or "move" button without JavaScript re-shows this page.
        with_uploads = with_uploads or self.request.POST.get("wizard_goto_step") == Step.EVIDENCE
        files = self.request.FILES if with_uploads else MultiValueDict()
        result = evidence_step_apply(
            flow_id=self.kwargs["flow_id"],
            uploads=files.getlist(f"{prefix}-upload"),
            uploads_by_code=posted_uploads_by_item(files, prefix=prefix),
            remove=self.request.POST.getlist(f"{prefix}-remove"),
            moves=posted_moves(self.request.POST, prefix=prefix),
        )
        self._evidence_refused = result.errors

    def _keep_current_input(self, goto: str) -> None:
        """Store the current page's input, valid or not, when the user goes back.

        formtools drops it on "back": this keeps it, so it is shown again when
        the user returns. It is stored before anything reads the answers, so the
        step list formtools works out (and keeps for the request) already sees it.
        """
        current = self.storage.current_step
        posted = self.request.POST.get(f"{self.prefix}-current_step")
        if goto in self.form_list and current is not None and posted == current:
            self.storage.set_step_data(current, self.request.POST)

    def _active_cleaned_data(self, step: str) -> dict[str, Any] | None:
        """A step's answers if the step is asked on the answers stored, else None."""
        if step not in self.get_form_list():
            return None
        return self.get_cleaned_data_for_step(step)

    def _answers_before(self, step: str) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for name in self.get_form_list():
            if name == step:
                break
            data.update(self.get_cleaned_data_for_step(name) or {})
        return data

    def _decision_dict(self, facts: Any) -> dict[str, Any]:
        from wizard.rules import assess

        return assess(facts, today=china_today()).to_dict(flow.ui_language())

    def _validly_answered(self, step: str) -> bool:
        if step == Step.CONFIRM:
            return False
        return self.get_cleaned_data_for_step(step) is not None

    def _forget_steps_that_no_longer_apply(self) -> None:
        """A changed answer re-routes the wizard: stale answers must not survive.

        Call it once the step list reflects the new answers: formtools' post()
        works it out again after storing a valid page, and a "back" stores the
        page before the step list is first worked out.
        """
        active = self.get_form_list()
        step_data = self.storage.data[self.storage.step_data_key]
        stale = [step for step in step_data if step not in active]
        for step in stale:
            del step_data[step]
        if stale:
            self.storage.request.session.modified = True

    def _answer_sections(self) -> list[dict[str, Any]]:
        sections = []
        for step in self.get_form_list():
            if step in (Step.CONFIRM, Step.EVIDENCE):
                continue
            form = self.get_form(
                step=step,
                data=self.storage.get_step_data(step),
                files=self.storage.get_step_files(step),
            )
            if form.is_valid():
                sections.append({"step": step, "rows": form.answer_rows()})
        return sections


wizard_view = WizardView.as_view(
    FORMS, condition_dict=flow.CONDITIONS, url_name="wizard:step", done_step_name="done"
)


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "wizard/home.html")


def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers fetch unasked: the static icon (hashed name in production)."""
    response = HttpResponseRedirect(static("img/favicon.ico"))
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_http_methods(["GET", "POST"])
def door(request: HttpRequest) -> HttpResponse:
    """The parcel is in front of them: what to do at once, then the wizard, already told.

    A button starts a run whose first answers (out for delivery, the parcel's
    looks) are stored as if the consumer had given them on those pages.
    """
    if request.method == "POST":
        start = flow.door_start(request.POST.get("parcel", ""))
        if start is not None:
            prefilled, first = start
            flow_id = run_issue(request)
            request.session[f"wizard_{WizardView.prefix_for(flow_id)}"] = {
                "step": first.value,
                "step_data": {
                    step.value: {f"{step.value}-{key}": [str(value)] for key, value in data.items()}
                    for step, data in prefilled.items()
                },
                "step_files": {},
                "extra_data": {},
            }
            return redirect("wizard:step", flow_id=flow_id, step=first)
    language = flow.ui_language()
    bad_parcels = [(p.value, label(p, language)) for p in PackageCondition if p in BAD_PACKAGE]
    return render(request, "wizard/door.html", {"bad_parcels": bad_parcels})


def _private_page(response: HttpResponse) -> HttpResponse:
    """A page reached by a secret link: kept by no cache and no search engine."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _case_page_context(
    request: HttpRequest, case: Case, *, email_form: CaseReminderEmailForm | None = None
) -> dict[str, Any]:
    language = flow.ui_language()
    translation, shortened = "", False
    try:
        decision = case_decision(case=case)
        outcome = decision.to_dict(language)
        if language is not Language.ZH_HANS:
            translation, shortened = request_description_translation(decision, language)
    except (KeyError, ValueError, TypeError):
        # Answers the engine can no longer read: show the outcome as saved.
        outcome = case.outcome
    outcome = outcome_as_followed(case=case, outcome=outcome)
    # Once filed (or closed) there is nothing left to count down to.
    case_countdown = (
        None
        if case.submitted_at or case.closed_at
        else countdown(case.deadline, today=china_today())
    )
    # The link itself is the key to the case: built here, shown and drawn only on this page.
    case_link = request.build_absolute_uri(case.get_absolute_url())
    offer = reminder_offer_applies(case, case_countdown)
    return {
        "case": case,
        "outcome": outcome,
        "page": case_page(
            outcome,
            language=language,
            has_deadline=case_countdown is not None,
            request_translation=translation,
            request_shortened=shortened,
        ),
        "countdown": case_countdown,
        "case_link": case_link,
        "case_link_qr": link_qr_svg(case_link, title=_("QR code of the link to this case")),
        "reminder_offer": offer,
        "email_form": (email_form or CaseReminderEmailForm()) if offer else None,
        "reminders_panel": case_panel_context(case=case, language=language),
        "answer_rows": f.case_answer_rows(case.answers, language),
        "timeline": case_timeline_context(case=case, language=language),
        "current_language": get_language(),
    }


def case_detail(request: HttpRequest, token: str) -> HttpResponse:
    case = Case.objects.filter(token=token).first()
    if case is None:
        return case_missing_response(request, token=token)
    return _private_page(render(request, "wizard/case.html", _case_page_context(request, case)))


@require_POST
def case_email(request: HttpRequest, token: str) -> HttpResponse:
    """The save-link box's "e-mail me before the deadline" (a case saved without an address)."""
    case = Case.objects.filter(token=token).first()
    if case is None:
        return case_missing_response(request, token=token)
    form = CaseReminderEmailForm(request.POST)
    if not form.is_valid():
        # The case page again, with the address as typed and the error beside it.
        context = _case_page_context(request, case, email_form=form)
        return _private_page(render(request, "wizard/case.html", context, status=400))
    if reminders_subscribe_case(case=case, email=form.cleaned_data["email"]):
        messages.success(request, _("Saved. We will e-mail you before the deadline."))
    return HttpResponseRedirect(case.get_absolute_url() + "#save-link")


@require_http_methods(["GET", "POST"])
def case_delete_confirm(request: HttpRequest, token: str) -> HttpResponse:
    case = Case.objects.filter(token=token).first()
    if case is None:
        return case_missing_response(request, token=token)
    if request.method == "POST":
        case_delete(case=case)
        messages.success(request, _("Your case and everything uploaded with it were deleted."))
        return redirect("wizard:home")
    return _private_page(render(request, "wizard/case_delete.html", {"case": case}))
