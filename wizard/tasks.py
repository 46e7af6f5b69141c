"""Celery tasks of the wizard core: thin wrappers around services."""

from __future__ import annotations

from importlib import import_module

from celery import shared_task
from django.conf import settings


@shared_task(name="wizard.tasks.purge_expired_cases")
def purge_expired_cases() -> int:
    """Daily (beat): delete cases and their evidence past the retention period."""
    from wizard.retention import cases_purge_expired

    return cases_purge_expired()


@shared_task(name="wizard.tasks.clear_expired_sessions")
def clear_expired_sessions() -> None:
    """Daily (beat): delete expired sessions, which hold unfinished wizards' answers.

    What `manage.py clearsessions` does: the session engine's own clear_expired().
    """
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
