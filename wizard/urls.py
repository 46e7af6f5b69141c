from django.http import HttpRequest, HttpResponse
from django.urls import path

app_name = "wizard"


def _home(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Refund Wizard")


def _case(request: HttpRequest, token: str) -> HttpResponse:
    return HttpResponse("case")


urlpatterns = [
    path("", _home, name="home"),
    path("c/<str:token>/", _case, name="case"),
]
