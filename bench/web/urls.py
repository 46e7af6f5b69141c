"""The app's URLs plus the baselines of bench/web/run.py, on the same gunicorn.

/bench/bare-json/  POST: parse a JSON body, answer a small JSON object (no validation,
                   no engine): what any Django JSON endpoint pays.
/bench/bare-page/  GET: render templates/base.html through Django's template engine with
                   a request context (CSRF, language, messages): the framework's
                   ceiling for an HTML page of this site.
"""

import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from config.urls import urlpatterns as app_urlpatterns


@csrf_exempt
def bare_json(request: HttpRequest) -> JsonResponse:
    body = json.loads(request.body or b"{}")
    return JsonResponse({"received": sorted(body)})


def bare_page(request: HttpRequest) -> HttpResponse:
    return render(request, "base.html")


urlpatterns = [
    path("bench/bare-json/", bare_json),
    path("bench/bare-page/", bare_page),
    path("", include(app_urlpatterns)),
]
