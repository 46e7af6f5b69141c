"""URL routes. The wizard's own routes live in wizard/urls.py."""

from django.contrib import admin
from django.urls import include, path

from wizard.api import api, assessments
from wizard.health import healthz
from wizard.ratelimit import admin_login

urlpatterns = [
    # Served by a plain Django view, documented by ninja (wizard/api.py, `post_endpoint`);
    # before `api.urls`, whose own route for it is therefore never reached.
    path("api/v1/assessments", assessments, name="api_assessments"),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # Before the admin's own routes: its login form, throttled (wizard/ratelimit.py).
    path("admin/login/", admin_login, name="admin_login_throttled"),
    path("admin/", admin.site.urls),
    path("", include("wizard.evidence.urls")),
    path("", include("wizard.reminders.urls")),
    path("healthz", healthz, name="healthz"),
    path("", include("wizard.urls")),
]
