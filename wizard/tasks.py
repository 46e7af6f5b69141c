"""Celery tasks of the wizard core: thin wrappers around services."""

from __future__ import annotations

from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone

from wizard.retention import cases_purge_expired


@shared_task(name="wizard.tasks.purge_expired_cases")
def purge_expired_cases() -> int:
    """Daily (beat): delete cases and their evidence past the retention period."""
    return cases_purge_expired()


@shared_task(name="wizard.tasks.clear_expired_sessions")
def clear_expired_sessions() -> int:
    """Daily (beat): delete expired sessions, which hold unfinished wizards' answers.

    What `manage.py clearsessions` does for the database backend, returning the
    number of rows deleted.
    """
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
