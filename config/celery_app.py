"""The Celery application: reminders and housekeeping run here."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("refund_wizard")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
