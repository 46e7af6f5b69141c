"""The product's own "not found" (404) and "deleted" (410) pages for secret links.

Rendered by the views themselves with the status, not by raising Http404: with
DEBUG=True (make run) Django would answer an Http404 with its English technical
page instead of ours.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from wizard.tombstones import case_link_was_deleted, case_token_was_deleted


def _private(response: HttpResponse) -> HttpResponse:
    """Reached by a secret link: no cache keeps it, no search engine, no referrer onwards."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def case_gone_response(request: HttpRequest) -> HttpResponse:
    """410: the link named a case that was deleted."""
    context = {"retention_days": settings.CASE_RETENTION_DAYS}
    return _private(render(request, "410.html", context, status=410))


def case_not_found_response(request: HttpRequest, *, case_link: bool = True) -> HttpResponse:
    """404 in the site's layout: no case at this link (never was, or the link is cut).

    `case_link=False`: the case is there but the file under it is not.
    """
    return _private(render(request, "404.html", {"case_link": case_link}, status=404))


def case_missing_response(request: HttpRequest, *, token: str) -> HttpResponse:
    """A case link that opens no case: 410 if that case was deleted, else 404."""
    if case_token_was_deleted(token=token):
        return case_gone_response(request)
    return case_not_found_response(request)


def case_link_missing_response(request: HttpRequest, *, link_id: uuid.UUID | str) -> HttpResponse:
    """An e-mail's valid signed link whose case no longer exists: 410 if it was deleted."""
    if case_link_was_deleted(link_id=link_id):
        return case_gone_response(request)
    return case_not_found_response(request)
