"""Celery tasks of the wizard core: thin wrappers around services."""

from __future__ import annotations

from celery import shared_task

from wizard.retention import cases_purge_expired


@shared_task(name="wizard.tasks.purge_expired_cases")
def purge_expired_cases() -> int:
    """Daily (beat): delete cases and their evidence past the retention period."""
    return cases_purge_expired()
