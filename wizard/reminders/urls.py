from django.urls import path

from . import views

app_name = "reminders"

urlpatterns = [
    path("r/<str:token>/stop/", views.link_stop, name="stop"),
    path("r/<str:token>/unsubscribe/", views.link_unsubscribe, name="unsubscribe"),
    path("r/c/<str:token>/submitted/", views.case_submitted, name="submitted"),
    path("r/c/<str:token>/shipped/", views.case_shipped, name="shipped"),
]
