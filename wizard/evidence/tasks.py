"""Periodic evidence work (thin: the service does it)."""

from celery import shared_task

from wizard.evidence.services import evidence_purge_abandoned


@shared_task(name="wizard.evidence.tasks.purge_abandoned_uploads")
def purge_abandoned_uploads() -> int:
    """Delete wizard uploads never claimed by a case (older than EVIDENCE_DRAFT_MAX_AGE_HOURS)."""
    return evidence_purge_abandoned()
