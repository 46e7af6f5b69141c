"""Privacy: saved cases do not outlive their usefulness.

A case (answers, e-mail address, photos, videos) is deleted
settings.CASE_RETENTION_DAYS days after its deadline, or after its creation
when it has no deadline. Deletion goes through wizard.services.case_delete so
the evidence files and reminders go with it. Run daily by the beat task
wizard.tasks.purge_expired_cases.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from wizard.clock import china_today
from wizard.models import Case
from wizard.services import case_delete

logger = logging.getLogger(__name__)


def cases_expired(*, today: date, retention_days: int) -> QuerySet[Case]:
    """Cases whose retention period ended before `today` (a China date)."""
    cutoff = today - timedelta(days=retention_days)
    # Created before the start of the cutoff day, China time.
    created_cutoff = timezone.make_aware(datetime.combine(cutoff, time.min))
    return Case.objects.filter(
        Q(deadline__lt=cutoff) | Q(deadline__isnull=True, created_at__lt=created_cutoff)
    )


def cases_purge_expired(
    *,
    today: date | None = None,
    retention_days: int | None = None,
    batch_size: int | None = None,
) -> int:
    """Delete every expired case with its evidence, in batches; returns how many went.

    One case that fails to delete is logged and skipped (it is retried on the
    next run): it must not keep the others alive.
    """
    today = today or china_today()
    retention_days = settings.CASE_RETENTION_DAYS if retention_days is None else retention_days
    batch_size = batch_size or settings.CASE_RETENTION_BATCH_SIZE
    deleted = 0
    failed: set[int] = set()
    while True:
        batch = list(
            cases_expired(today=today, retention_days=retention_days)
            .exclude(pk__in=failed)
            .order_by("pk")[:batch_size]
        )
        if not batch:
            break
        for case in batch:
            try:
                case_delete(case=case)
            except Exception:
                logger.exception("could not delete expired case id=%s", case.pk)
                failed.add(case.pk)
            else:
                deleted += 1
    if deleted or failed:
        logger.info("purged %d expired cases (%d failed)", deleted, len(failed))
    return deleted
