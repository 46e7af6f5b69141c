from django.urls import path, register_converter

from wizard import followthrough, views


class FlowIdConverter:
    """secrets.token_urlsafe(16): 22 URL-safe characters."""

    regex = r"[A-Za-z0-9_-]{22}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FlowIdConverter, "flow")

app_name = "wizard"

urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("start/", views.start, name="start"),
    path("door/", views.door, name="door"),
    path("w/<flow:flow_id>/", views.wizard_view, name="flow"),
    path("w/<flow:flow_id>/<str:step>/", views.wizard_view, name="step"),
    path("c/<str:token>/", views.case_detail, name="case"),
    path("c/<str:token>/delete/", views.case_delete_confirm, name="case_delete"),
    path("c/<str:token>/email/", views.case_email, name="case_email"),
    path("c/<str:token>/events/", followthrough.case_event_add, name="case_event"),
    path("c/<str:token>/edit/", followthrough.case_edit, name="case_edit"),
    path("c/<str:token>/reopen/", followthrough.case_reopen_view, name="case_reopen"),
]
