"""Refuse a request whose framing headers Django cannot read, with a 400 instead of a 500.

Django reads Content-Length with a bare int() when a view or middleware first
touches request.body or request.POST (CSRF, forms, the API): `Content-Length: abc`
would raise ValueError there, a 500. gunicorn refuses such a request itself;
runserver and other servers pass it on. Checked once, up front, for every route.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

API_PREFIX = "/api/"


def content_length_is_valid(raw: str | None) -> bool:
    """An absent or empty header, or a non-negative decimal integer (RFC 9110 §8.6)."""
    if raw is None or raw == "":
        return True
    return raw.isascii() and raw.isdigit()


def bad_request(request: HttpRequest, message: str) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return JsonResponse(
            {"errors": {"__all__": [message]}},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    return HttpResponse(render_to_string("400.html", request=request), status=400)


class MalformedHeadersMiddleware:
    """Place before anything that reads the body (CSRF, rate limits, views)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not content_length_is_valid(request.META.get("CONTENT_LENGTH")):
            return bad_request(request, _("The Content-Length header is not a number of bytes."))
        return self.get_response(request)
