from django.urls import path

from wizard.evidence import views

app_name = "evidence"

urlpatterns = [
    path("evidence/w/<str:flow_id>/upload/", views.draft_upload, name="draft_upload"),
    path(
        "evidence/w/<str:flow_id>/<str:evidence_id>/remove/",
        views.draft_remove,
        name="draft_remove",
    ),
    path(
        "evidence/w/<str:flow_id>/<str:evidence_id>/move/",
        views.draft_move,
        name="draft_move",
    ),
    path(
        "evidence/w/<str:flow_id>/<str:evidence_id>/<str:variant>/",
        views.draft_file,
        name="draft_file",
    ),
    path("evidence/c/<str:token>/add/", views.case_add, name="case_add"),
    path("evidence/c/<str:token>/packet.zip", views.case_packet, name="case_packet"),
    path(
        "evidence/c/<str:token>/<str:evidence_id>/remove/",
        views.case_remove,
        name="case_remove",
    ),
    path(
        "evidence/c/<str:token>/<str:evidence_id>/move/",
        views.case_move,
        name="case_move",
    ),
    path(
        "evidence/c/<str:token>/<str:evidence_id>/<str:variant>/",
        views.case_file,
        name="case_file",
    ),
]
