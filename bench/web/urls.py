"""The app's URLs plus the baselines of bench/web/run.py, on the same gunicorn.

/bench/bare-json/  POST: parse a JSON body, answer a small JSON object (no validation,
                   no engine): what any Django JSON endpoint pays.
/bench/floor/assessments  POST: the API's own path without its work: `post_endpoint` (the
                   method and transport checks, the error handlers) and `read_payload`,
                   answering a small fixed object (no engine, no texts): the ceiling the
                   engine and the texts lower.
/bench/bare-page/  GET: render templates/base.html through Django's template engine with
                   a request context (CSRF, language, messages): the framework's
                   ceiling for an HTML page of this site.
"""

import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from config.urls import urlpatterns as app_urlpatterns
from wizard.api import JSON_CONTENT_TYPE, post_endpoint, read_payload


@post_endpoint
def floor(request: HttpRequest) -> HttpResponse:
    payload = read_payload(request)
    return HttpResponse(
        json.dumps({"received": sorted(payload.model_fields_set)}), content_type=JSON_CONTENT_TYPE
    )


@csrf_exempt
def bare_json(request: HttpRequest) -> JsonResponse:
    body = json.loads(request.body or b"{}")
    return JsonResponse({"received": sorted(body)})


def bare_page(request: HttpRequest) -> HttpResponse:
    return render(request, "base.html")


urlpatterns = [
    path("bench/bare-json/", bare_json),
    path("bench/bare-page/", bare_page),
    path("bench/floor/assessments", floor),
    # The app's own patterns, not under an extra include: each route resolves as in
    # production (config.urls), after the three short bench prefixes.
    *app_urlpatterns,
]
