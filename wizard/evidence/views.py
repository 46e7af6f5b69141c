"""Evidence endpoints: upload/remove drafts, add to a case, serve files, the ZIP packet.

Every file is reached only through its owner's key: the wizard run's flow_id
for drafts, the case token for a case. Anything else is a 404, never a hint.
A run's drafts answer only the browser session that started the run
(wizard.runs): the run id alone, copied to another browser, reaches nothing.
"""

from __future__ import annotations

import re
import tempfile
from typing import Any, TypeVar
from urllib.parse import quote

from django.conf import settings
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.http import (
    content_disposition_header,
    http_date,
    url_has_allowed_host_and_scheme,
)
from django.views.decorators.http import require_GET, require_POST, require_safe

from wizard.evidence import storage
from wizard.evidence.forms import CaseEvidenceForm
from wizard.evidence.items import code_or_none
from wizard.evidence.models import Evidence
from wizard.evidence.ranges import RangeNotSatisfiable, if_range_allows, parse_range
from wizard.evidence.selectors import evidence_get_for_case_token, evidence_get_for_flow
from wizard.evidence.services import (
    EvidenceRefused,
    evidence_ingest_many,
    evidence_move,
    evidence_packet_write,
    evidence_remove,
)
from wizard.models import Case
from wizard.runs import run_owned

FLOW_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")
VARIANTS = {"preview", "original"}


def _check_flow_id(request: HttpRequest, flow_id: str) -> None:
    """404 unless `flow_id` is a run id started by this request's session."""
    if not FLOW_ID.fullmatch(flow_id) or not run_owned(request, flow_id):
        raise Http404


def _case_or_404(token: str) -> Case:
    case = Case.objects.filter(token=token).first() if token else None
    if case is None:
        raise Http404
    return case


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def evidence_item_json(
    evidence: Evidence, *, preview_url: str, remove_url: str, original_url: str, move_url: str
) -> dict[str, Any]:
    return {
        "id": str(evidence.id),
        "name": evidence.original_name,
        "kind": evidence.kind,
        "code": evidence.code or "",
        "size": evidence.size,
        "size_label": filesizeformat(evidence.size),
        "preview_url": preview_url,
        "original_url": original_url,
        "remove_url": remove_url,
        "move_url": move_url,
    }


Response = TypeVar("Response", bound=HttpResponseBase)


def _private_headers(response: Response) -> Response:
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Referrer-Policy"] = "no-referrer"
    return response


# Bytes per read when streaming a range (FileResponse's default is 4 KB; a video
# range can be hundreds of MB).
RANGE_BLOCK_SIZE = 64 * 1024


def _file_response(
    request: HttpRequest, relative: str, content_type: str, *, etag: str | None
) -> HttpResponseBase:
    """The file, whole or the single byte range a GET asks for, streamed in blocks.

    Range is honoured for GET only (RFC 9110 defines it for no other method) and only
    while If-Range, if sent, matches the ETag or Last-Modified. HEAD gets a GET's
    headers without opening the file. From an object store the bytes stream through
    this view (a ranged GET fetches only the range), so the same checks decide.
    """
    try:
        size, mtime = storage.stat(relative)
    except FileNotFoundError:
        raise Http404 from None
    byte_range = None
    response: HttpResponse | FileResponse
    try:
        if request.method == "GET" and if_range_allows(
            request.headers.get("If-Range"), etag=etag, last_modified=mtime
        ):
            byte_range = parse_range(request.headers.get("Range"), size)
    except RangeNotSatisfiable:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    else:
        if request.method == "HEAD":
            response = HttpResponse(content_type=content_type)
            response["Content-Length"] = str(size)
        elif byte_range is None:
            response = FileResponse(storage.open_stream(relative), content_type=content_type)
            response.block_size = RANGE_BLOCK_SIZE
            response["Content-Length"] = str(size)
        else:
            part = storage.open_stream(relative, byte_range)
            response = FileResponse(part, content_type=content_type, status=206)
            response.block_size = RANGE_BLOCK_SIZE
            response["Content-Range"] = byte_range.content_range(size)
            response["Content-Length"] = str(byte_range.length)
    response["Accept-Ranges"] = "bytes"
    response["Last-Modified"] = http_date(mtime)
    if etag:
        response["ETag"] = etag
    return response


def serve_evidence(request: HttpRequest, evidence: Evidence, variant: str) -> HttpResponseBase:
    if variant not in VARIANTS:
        raise Http404
    if variant == "preview":
        relative, content_type, attachment = evidence.preview_path, "image/jpeg", False
        stem = evidence.original_name.rsplit(".", 1)[0]
        filename = f"{stem}-preview.jpg"
        etag = None
    else:
        relative, content_type, attachment = evidence.original_path, evidence.content_type, True
        filename = evidence.original_name
        # The original is stored byte for byte, so its SHA-256 is a strong validator.
        etag = f'"{evidence.sha256}"' if evidence.sha256 else None
    response: HttpResponseBase
    if settings.EVIDENCE_SERVE_MODE == "x-accel-redirect" and storage.is_local():
        # nginx streams the bytes from its internal location (and answers Range);
        # Python never reads them. An object store is not nginx's disk: those
        # bytes stream through the app below.
        response = HttpResponse(b"", content_type=content_type)
        response["X-Accel-Redirect"] = "/protected-evidence/" + quote(relative)
    else:
        response = _file_response(request, relative, content_type, etag=etag)
    response["Content-Disposition"] = content_disposition_header(attachment, filename) or ""
    return _private_headers(response)


# --- drafts (wizard run) ----------------------------------------------------


def _draft_urls(flow_id: str, evidence: Evidence) -> dict[str, str]:
    return {
        "preview_url": reverse("evidence:draft_file", args=[flow_id, evidence.id, "preview"]),
        "original_url": reverse("evidence:draft_file", args=[flow_id, evidence.id, "original"]),
        "remove_url": reverse("evidence:draft_remove", args=[flow_id, evidence.id]),
        "move_url": reverse("evidence:draft_move", args=[flow_id, evidence.id]),
    }


@require_POST
def draft_upload(request: HttpRequest, flow_id: str) -> JsonResponse:
    """One or more files of the wizard's evidence step, sent by upload.js with progress."""
    _check_flow_id(request, flow_id)
    uploads = [f for key in request.FILES for f in request.FILES.getlist(key)]
    code = code_or_none(request.POST.get("code"))
    result = evidence_ingest_many(uploads=uploads, flow_id=flow_id, code=code)
    body = {
        "stored": [evidence_item_json(e, **_draft_urls(flow_id, e)) for e in result.stored],
        "errors": result.errors,
    }
    return JsonResponse(body, status=422 if result.errors else 200)


@require_POST
def draft_remove(request: HttpRequest, flow_id: str, evidence_id: str) -> HttpResponse:
    _check_flow_id(request, flow_id)
    evidence = evidence_get_for_flow(flow_id=flow_id, evidence_id=evidence_id)
    if evidence is None:
        raise Http404
    evidence_remove(evidence=evidence)
    if _wants_json(request):
        return JsonResponse({"removed": str(evidence_id)})
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = "/"
    return HttpResponseRedirect(back)


def _moved(request: HttpRequest, evidence: Evidence, back: str) -> HttpResponse:
    """Move `evidence` to the posted item; JSON for upload.js, else back to the page."""
    try:
        evidence_move(evidence=evidence, code=code_or_none(request.POST.get("code")))
    except EvidenceRefused as exc:
        if _wants_json(request):
            return JsonResponse({"errors": [exc.message]}, status=422)
        context = {"errors": [exc.message], "back_url": back}
        return render(request, "evidence/add_result.html", context, status=400)
    if _wants_json(request):
        return JsonResponse({"moved": str(evidence.id), "code": evidence.code or ""})
    return HttpResponseRedirect(back)


@require_POST
def draft_move(request: HttpRequest, flow_id: str, evidence_id: str) -> HttpResponse:
    """Put one of the run's files under another checklist item (upload.js)."""
    _check_flow_id(request, flow_id)
    evidence = evidence_get_for_flow(flow_id=flow_id, evidence_id=evidence_id)
    if evidence is None:
        raise Http404
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = "/"
    return _moved(request, evidence, back)


@require_safe
def draft_file(
    request: HttpRequest, flow_id: str, evidence_id: str, variant: str
) -> HttpResponseBase:
    _check_flow_id(request, flow_id)
    evidence = evidence_get_for_flow(flow_id=flow_id, evidence_id=evidence_id)
    if evidence is None:
        raise Http404
    return serve_evidence(request, evidence, variant)


# --- a saved case -----------------------------------------------------------


def _case_urls(token: str, evidence: Evidence) -> dict[str, str]:
    return {
        "preview_url": reverse("evidence:case_file", args=[token, evidence.id, "preview"]),
        "original_url": reverse("evidence:case_file", args=[token, evidence.id, "original"]),
        "remove_url": reverse("evidence:case_remove", args=[token, evidence.id]),
        "move_url": reverse("evidence:case_move", args=[token, evidence.id]),
    }


@require_POST
def case_add(request: HttpRequest, token: str) -> HttpResponse:
    """'Add more evidence' on the case page (plain form post, or upload.js with progress)."""
    case = _case_or_404(token)
    form = CaseEvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = [str(error) for error in form.errors.get("upload") or []]
        if _wants_json(request):
            return JsonResponse({"stored": [], "errors": list(errors)}, status=422)
        return render(
            request, "evidence/add_result.html", {"case": case, "errors": errors}, status=400
        )
    result = evidence_ingest_many(
        uploads=form.cleaned_data["upload"], case=case, code=code_or_none(form.cleaned_data["code"])
    )
    if _wants_json(request):
        body = {
            "stored": [evidence_item_json(e, **_case_urls(token, e)) for e in result.stored],
            "errors": result.errors,
        }
        return JsonResponse(body, status=422 if result.errors else 200)
    if result.errors:
        context = {"case": case, "errors": result.errors, "stored": result.stored}
        return render(request, "evidence/add_result.html", context, status=400)
    return HttpResponseRedirect(case.get_absolute_url() + "#evidence")


@require_POST
def case_remove(request: HttpRequest, token: str, evidence_id: str) -> HttpResponse:
    evidence = evidence_get_for_case_token(token=token, evidence_id=evidence_id)
    if evidence is None:
        raise Http404
    case = evidence.case
    if case is None:  # a draft: never found by a case token
        raise Http404
    evidence_remove(evidence=evidence)
    if _wants_json(request):
        return JsonResponse({"removed": str(evidence_id)})
    return HttpResponseRedirect(case.get_absolute_url() + "#evidence")


@require_POST
def case_move(request: HttpRequest, token: str, evidence_id: str) -> HttpResponse:
    """The case page's "move to another item" form (a select and a button)."""
    evidence = evidence_get_for_case_token(token=token, evidence_id=evidence_id)
    if evidence is None or evidence.case is None:
        raise Http404
    return _moved(request, evidence, evidence.case.get_absolute_url() + "#evidence")


@require_safe
def case_file(request: HttpRequest, token: str, evidence_id: str, variant: str) -> HttpResponseBase:
    evidence = evidence_get_for_case_token(token=token, evidence_id=evidence_id)
    if evidence is None:
        raise Http404
    return serve_evidence(request, evidence, variant)


@require_GET
def case_packet(request: HttpRequest, token: str) -> FileResponse:
    """The evidence packet: originals + manifest, written to a temp file, then streamed."""
    case = _case_or_404(token)
    spool = tempfile.TemporaryFile(dir=settings.FILE_UPLOAD_TEMP_DIR)  # noqa: SIM115 - FileResponse closes it
    try:
        evidence_packet_write(case=case, out=spool)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    stamp = timezone.localdate().isoformat()
    response = FileResponse(
        spool,
        as_attachment=True,
        filename=f"evidence-packet-{stamp}.zip",
        content_type="application/zip",
    )
    return _private_headers(response)
