"""Periodic evidence work (thin: the service does it)."""

from celery import shared_task


@shared_task(name="wizard.evidence.tasks.purge_abandoned_uploads")
def purge_abandoned_uploads() -> int:
    """Delete wizard uploads never claimed by a case (older than EVIDENCE_DRAFT_MAX_AGE_HOURS)."""
    from wizard.evidence.services import evidence_purge_abandoned

    return evidence_purge_abandoned()
