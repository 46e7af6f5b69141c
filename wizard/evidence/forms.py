"""The wizard's evidence step, and the "add more evidence" form of a saved case.

django-formtools keeps one file per field (its issue #98), so this form does
not hand uploads to formtools: the wizard view stores every posted file as a
draft of the wizard run (`flow_id`, `evidence_step_apply`) before the form
validates, and hands the form what was refused (`refused`). The form only
validates and reports; it empties `self.files` so the wizard stores only the
POST data. The drafts are the truth; the form re-validates from them with
files={} at the end of the wizard.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from wizard.evidence.selectors import evidence_list_for_flow
from wizard.evidence.validation import ACCEPT_ATTRIBUTE, accepted_formats
from wizard.rules import EvidenceCode

# Why each piece of evidence matters: shown under the wizard's label for it.
EVIDENCE_WHY = {
    EvidenceCode.PACKAGE_PHOTO: _(
        "All sides of the parcel before opening, dents and tears close up: it shows the damage "
        "happened in transit."
    ),
    EvidenceCode.WAYBILL_PHOTO: _(
        "The shipping label with the tracking number readable: it ties the parcel to your order."
    ),
    EvidenceCode.ITEM_PHOTO: _(
        "The whole item in good light, with its tags and accessories: it shows what you received."
    ),
    EvidenceCode.DEFECT_PHOTO: _(
        "Close-ups of the problem, with something for scale: the platform decides on these."
    ),
    EvidenceCode.UNBOXING_VIDEO: _(
        "One uncut video from the sealed parcel to the item: "
        "the strongest proof of what was inside."
    ),
    EvidenceCode.LISTING_SCREENSHOT: _(
        "The product page as the seller describes it: proves the item is not as described."
    ),
    EvidenceCode.TRACKING_SCREENSHOT: _(
        "The tracking details with every scan and its time: shows where the parcel stopped, "
        "or who signed for it and when."
    ),
    EvidenceCode.CHAT_SCREENSHOT: _(
        "Your chat with the seller, dates visible: shows you asked first and what they answered."
    ),
    EvidenceCode.ORDER_SCREENSHOT: _(
        "The order details page: the order number, the amount and the dates."
    ),
}


def evidence_checklist(evidence: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """The wizard's evidence list with a 'why' hint per item (unknown codes keep no hint)."""
    items = []
    for entry in evidence or []:
        code = entry.get("code", "")
        known = code in {member.value for member in EvidenceCode}
        why = EVIDENCE_WHY.get(EvidenceCode(code)) if known else None
        items.append({**entry, "why": why})
    return items


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True
    template_name = "django/forms/widgets/file.html"


class MultipleUploadField(forms.Field):
    """Several files from one `<input type=file multiple>`.

    Deliberately not a forms.FileField: formtools would then insist on storing
    the files itself, one per field.
    """

    widget = MultipleFileInput

    def clean(self, value: Any) -> list:
        files = value if isinstance(value, list | tuple) else [value] if value else []
        files = [f for f in files if f and getattr(f, "name", None) is not None]
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return files


class LenientMultipleChoiceField(forms.MultipleChoiceField):
    """Remove ids: an id already gone (another tab, a re-post) is simply ignored."""

    def valid_value(self, value: str) -> bool:
        return True


def upload_help_text() -> str:
    return _(
        "Up to %(photos)s photos (%(photo_size)s each) and %(videos)s videos (%(video_size)s "
        "each, at most %(minutes)s minutes). %(formats)s"
    ) % {
        "formats": accepted_formats(),
        "photos": settings.EVIDENCE_MAX_PHOTOS,
        "photo_size": filesizeformat(settings.EVIDENCE_MAX_PHOTO_BYTES),
        "videos": settings.EVIDENCE_MAX_VIDEOS,
        "video_size": filesizeformat(settings.EVIDENCE_MAX_VIDEO_BYTES),
        "minutes": settings.EVIDENCE_MAX_VIDEO_SECONDS // 60,
    }


def _file_input_attrs() -> dict[str, Any]:
    return {"accept": ACCEPT_ATTRIBUTE, "multiple": True, "data-evidence-input": ""}


class EvidenceStepForm(forms.Form):
    upload = MultipleUploadField(required=False, label=_("Add photos or videos"))
    remove = LenientMultipleChoiceField(
        required=False, label=_("Remove"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self,
        *args: Any,
        flow_id: str = "",
        evidence_codes: Any = (),
        refused: Iterable[str] = (),
        **kwargs: Any,
    ):
        self.flow_id = flow_id
        self.evidence_codes = list(evidence_codes)
        self.refused = list(refused)  # evidence_step_apply's messages for this post
        super().__init__(*args, **kwargs)
        self.fields["upload"].widget.attrs.update(_file_input_attrs())
        self.fields["upload"].help_text = upload_help_text()

    @property
    def stored_uploads(self) -> list:
        """The files already uploaded in this wizard run (thumbnails, remove control)."""
        return list(evidence_list_for_flow(flow_id=self.flow_id))

    def item_upload_name(self, code: str) -> str:
        """The posted name of the file input of checklist item `code`."""
        return self.add_prefix(f"upload_{code}")

    def item_choice_name(self, evidence_id: str) -> str:
        """The posted name of the "which item" select of one stored file."""
        return self.add_prefix(f"item_{evidence_id}")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("upload") and not self.flow_id:
            self.add_error("upload", _("This page has expired; start again to upload files."))
        for message in self.refused:
            self.add_error("upload", message)
        # Stored (or refused) by the view already: nothing is left for formtools to store.
        self.files = MultiValueDict()
        cleaned["upload"] = []
        cleaned["remove"] = []
        cleaned["uploads"] = [str(e.id) for e in evidence_list_for_flow(flow_id=self.flow_id)]
        return cleaned


def posted_uploads_by_item(files: MultiValueDict, *, prefix: str) -> dict[EvidenceCode, list]:
    """The files chosen under each item of the evidence step (`<prefix>-upload_<code>`)."""
    return {code: files.getlist(f"{prefix}-upload_{code}") for code in EvidenceCode}


def posted_moves(data: Mapping[str, Any], *, prefix: str) -> dict[str, str]:
    """{evidence id: item} for each file whose item select was changed on this page.

    Each select (`<prefix>-item_<id>`) posts with the item the page showed
    (`...-was`): only a changed one moves, so a stale tab never undoes a move
    made since in another.
    """
    start = f"{prefix}-item_"
    return {
        key.removeprefix(start): str(value)
        for key, value in data.items()
        if key.startswith(start) and not key.endswith("-was") and value != data.get(f"{key}-was")
    }


class CaseEvidenceForm(forms.Form):
    """'Add more evidence' on a saved case: the same checks, onto the case directly.

    `code` names the checklist item the files are added under (blank or
    unknown: not sorted yet).
    """

    upload = MultipleUploadField(required=True, label=_("Add more evidence"))
    code = forms.CharField(required=False, max_length=32)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["upload"].widget.attrs.update(_file_input_attrs())
        self.fields["upload"].help_text = upload_help_text()
        self.fields["upload"].error_messages["required"] = _("Choose at least one photo or video.")
