"""Reminder writes: schedule, claim and send, cancel.

The schedule is rows in the database; every sender (the beat task, the
management command, the after-commit fast path) goes through
`reminders_send_due`, which claims rows atomically so no reminder is sent twice
by two sweeps. See docs/reminders.md for the state machine and its guarantees.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from wizard.clock import china_date_of

from .models import DAYS_BEFORE_DEADLINE, DEADLINE_KINDS, Reminder, ReminderKind, ReminderStatus
from .selectors import reminder_claimable_q
from .tasks import send_reminder

if TYPE_CHECKING:
    from wizard.models import Case

logger = logging.getLogger(__name__)


def reminder_time_on(*, day: date) -> datetime:
    """09:00 China time on `day`, as an aware datetime."""
    naive = datetime(day.year, day.month, day.day, settings.REMINDERS_SEND_HOUR)
    return timezone.make_aware(naive, timezone.get_default_timezone())


# The fast path runs in the web request that saves the case: with the broker
# down it must give up at once, not retry for broker_connection_timeout (~6 s
# per saved case with kombu's defaults; tests/integration/faults/).
ENQUEUE_CONNECT_TIMEOUT_SECONDS = 1.0


def _enqueue_send(reminder_id: int) -> None:
    """The fast path. If the broker is down the row stays pending and the sweep sends it."""
    try:
        with send_reminder.app.connection_for_write() as connection:
            connection.ensure_connection(
                max_retries=1,
                interval_start=0,
                interval_step=0,
                timeout=ENQUEUE_CONNECT_TIMEOUT_SECONDS,
            )
            send_reminder.apply_async(args=[reminder_id], retry=False, connection=connection)
    except Exception:  # broker down or misconfigured: never the user's problem
        logger.warning("could not queue reminder %s; the sweep will send it", reminder_id)


def reminders_schedule_for_case(*, case: Case, now: datetime | None = None) -> list[Reminder]:
    """Create the case's reminder rows and queue the confirmation e-mail after commit.

    Called by wizard.services.case_create inside its transaction. Nothing is
    scheduled without an e-mail address or a deadline that is still ahead;
    a reminder whose 09:00 has already passed is skipped (the confirmation,
    sent at once, covers it).
    """
    if not case.email or case.deadline is None:
        return []
    now = now or timezone.now()
    if case.deadline < china_date_of(now):
        return []
    created: list[Reminder] = []
    confirmation, _ = Reminder.objects.get_or_create(
        case=case,
        kind=ReminderKind.CONFIRMATION,
        defaults={"due_at": now, "next_attempt_at": now},
    )
    created.append(confirmation)
    for kind in DEADLINE_KINDS:
        due_at = reminder_time_on(day=case.deadline - timedelta(days=DAYS_BEFORE_DEADLINE[kind]))
        if due_at <= now:
            continue
        reminder, _ = Reminder.objects.get_or_create(
            case=case, kind=kind, defaults={"due_at": due_at, "next_attempt_at": due_at}
        )
        created.append(reminder)
    transaction.on_commit(partial(_enqueue_send, confirmation.pk))
    return created


# --- Re-planning after the decision changed -------------------------------


@dataclass(frozen=True)
class ReplanResult:
    """What a re-plan did, kind by kind (for the caller's message and the tests)."""

    cancelled: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    moved: tuple[str, ...] = ()


def reminders_wanted_for_case(
    *, case: Case, followup_applies: bool, now: datetime
) -> dict[str, datetime]:
    """Kind -> due time of every reminder the case's current state asks for.

    No e-mail address, "stop the e-mails" or a closed case: nothing. The
    confirmation and R-3/R-1/R-0 need a deadline that is not past; the deadline
    ones also no "I have submitted" and a 09:00 still ahead. The follow-up needs
    a recorded shipping day S and a decision where a parcel goes back (domain
    section 8); it is due at 09:00 on S + 10, or at once when that has passed.
    """
    if not case.email or case.emails_stopped_at is not None or case.closed_at is not None:
        return {}
    wanted: dict[str, datetime] = {}
    today = china_date_of(now)
    if case.deadline is not None and case.deadline >= today:
        wanted[ReminderKind.CONFIRMATION] = now
        if case.submitted_at is None:
            for kind in DEADLINE_KINDS:
                due_at = reminder_time_on(
                    day=case.deadline - timedelta(days=DAYS_BEFORE_DEADLINE[kind])
                )
                if due_at > now:
                    wanted[kind] = due_at
    if case.return_shipped_on is not None and followup_applies:
        wanted[ReminderKind.FOLLOWUP] = max(
            reminder_time_on(day=case.return_shipped_on + timedelta(days=10)), now
        )
    return wanted


def reminders_replan_for_case(
    *, case: Case, followup_applies: bool, now: datetime | None = None
) -> ReplanResult:
    """Make the case's reminder rows follow its current decision, exactly once.

    Call inside the transaction that changed the case, with the case row locked
    (wizard.services does): the rows are locked too, so two updates at once
    re-plan one after the other. A pending reminder the decision no longer
    wants is cancelled; an identical one is kept; a wanted one that is missing
    is added (one row per case and kind, a unique constraint); a pending one
    whose time changed is moved; a cancelled one wanted again is pending again.
    A reminder already sent (or being sent, or failed for good) is never sent
    again. A confirmation not sent yet is kept while the case's e-mails go out;
    a newly wanted one is queued after commit.
    """
    now = now or timezone.now()
    wanted = reminders_wanted_for_case(case=case, followup_applies=followup_applies, now=now)
    rows = {r.kind: r for r in Reminder.objects.select_for_update().filter(case=case)}
    # A confirmation not yet sent still goes out (it confirms what was saved)
    # unless the case's e-mails stopped altogether.
    emails_go_out = bool(case.email) and case.emails_stopped_at is None and case.closed_at is None
    cancelled: list[str] = []
    kept: list[str] = []
    added: list[str] = []
    moved: list[str] = []
    for kind, row in rows.items():
        if row.status != ReminderStatus.PENDING:
            continue
        if kind not in wanted and not (kind == ReminderKind.CONFIRMATION and emails_go_out):
            row.status = ReminderStatus.CANCELLED
            row.cancelled_at = now
            row.last_error = "no longer wanted by the decision"
            row.save(update_fields=["status", "cancelled_at", "last_error", "updated_at"])
            cancelled.append(kind)
        elif (
            kind == ReminderKind.CONFIRMATION
            or row.due_at == wanted[kind]
            or (row.due_at <= now and wanted[kind] <= now)  # due either way
        ):
            kept.append(kind)
        else:
            row.due_at = row.next_attempt_at = wanted[kind]
            row.save(update_fields=["due_at", "next_attempt_at", "updated_at"])
            moved.append(kind)
    for kind, due_at in wanted.items():
        found = rows.get(kind)
        if found is None:
            row = Reminder.objects.create(
                case=case, kind=kind, due_at=due_at, next_attempt_at=due_at
            )
            added.append(kind)
        elif found.status == ReminderStatus.CANCELLED:
            row = found
            row.status = ReminderStatus.PENDING
            row.due_at = row.next_attempt_at = due_at
            row.attempts = 0
            row.cancelled_at = None
            row.last_error = ""
            row.save()
            added.append(kind)
        else:
            continue
        if kind == ReminderKind.CONFIRMATION:
            transaction.on_commit(partial(_enqueue_send, row.pk))
    return ReplanResult(
        cancelled=tuple(cancelled), kept=tuple(kept), added=tuple(added), moved=tuple(moved)
    )


def reminders_cancel_for_case(
    *, case: Case, kinds: Iterable[str] | None = None, reason: str = ""
) -> int:
    """Cancel the pending reminders (rows stay, status cancelled, for the record)."""
    qs = Reminder.objects.filter(case=case, status=ReminderStatus.PENDING)
    if kinds is not None:
        qs = qs.filter(kind__in=list(kinds))
    now = timezone.now()
    return qs.update(
        status=ReminderStatus.CANCELLED, cancelled_at=now, last_error=reason, updated_at=now
    )


def reminders_record_submitted(*, case: Case) -> int:
    """ "I have submitted my request": remember it and stop the deadline reminders.

    Idempotent: a second call changes nothing and returns 0.
    """
    with transaction.atomic():
        if case.submitted_at is None:
            case.submitted_at = timezone.now()
            case.save(update_fields=["submitted_at", "updated_at"])
        return reminders_cancel_for_case(
            case=case, kinds=DEADLINE_KINDS, reason="request submitted"
        )


def reminders_unsubscribe(*, case: Case) -> int:
    """Stop every e-mail of the case (List-Unsubscribe), now and later. Idempotent.

    Remembered on the case, so nothing scheduled afterwards (the refund follow-up
    after "I shipped the return") goes out either.
    """
    with transaction.atomic():
        if case.emails_stopped_at is None:
            case.emails_stopped_at = timezone.now()
            case.save(update_fields=["emails_stopped_at", "updated_at"])
        return reminders_cancel_for_case(case=case, reason="unsubscribed")


def reminders_record_return_shipped(
    *, case: Case, shipped_on: date, now: datetime | None = None
) -> Reminder | None:
    """Save the day S the return parcel left and schedule the follow-up at 09:00 on S + 10.

    Recording a new day moves a follow-up that has not gone out yet; one that
    was already sent is not sent again. Without an e-mail address only the
    date is saved.
    """
    now = now or timezone.now()
    with transaction.atomic():
        case.return_shipped_on = shipped_on
        case.save(update_fields=["return_shipped_on", "updated_at"])
        if not case.email or case.emails_stopped_at is not None or case.closed_at is not None:
            return None
        due_at = max(reminder_time_on(day=shipped_on + timedelta(days=10)), now)
        reminder, created = Reminder.objects.select_for_update().get_or_create(
            case=case,
            kind=ReminderKind.FOLLOWUP,
            defaults={"due_at": due_at, "next_attempt_at": due_at},
        )
        if not created and reminder.status in (ReminderStatus.PENDING, ReminderStatus.CANCELLED):
            reminder.status = ReminderStatus.PENDING
            reminder.due_at = reminder.next_attempt_at = due_at
            reminder.attempts = 0
            reminder.cancelled_at = None
            reminder.last_error = ""
            reminder.save()
        return reminder


# --- Sending ---------------------------------------------------------------


def _claim(*, now: datetime, limit: int, ids: list[int] | None) -> list[Reminder]:
    """Atomically move up to `limit` claimable rows to sending under a fresh lease.

    select_for_update(skip_locked) lets concurrent sweeps on PostgreSQL pick
    disjoint rows without waiting; the conditional UPDATE (its WHERE is
    re-checked on the locked row) is what makes the claim exclusive on every
    backend, SQLite included.
    """
    token = uuid.uuid4()
    due = reminder_claimable_q(now=now)
    with transaction.atomic():
        qs = Reminder.objects.filter(due)
        if ids is not None:
            qs = qs.filter(pk__in=ids)
        candidates = list(
            qs.select_for_update(skip_locked=True)
            .order_by("next_attempt_at", "pk")
            .values_list("pk", flat=True)[:limit]
        )
        if not candidates:
            return []
        Reminder.objects.filter(due, pk__in=candidates).update(
            status=ReminderStatus.SENDING,
            claim_token=token,
            lease_until=now + timedelta(seconds=settings.REMINDERS_LEASE_SECONDS),
            attempts=F("attempts") + 1,
            updated_at=timezone.now(),
        )
    return list(
        Reminder.objects.filter(claim_token=token, status=ReminderStatus.SENDING)
        .select_related("case")
        .order_by("next_attempt_at", "pk")
    )


def _finish(reminder: Reminder, **fields: object) -> bool:
    """Leave the sending state, but only if our claim still holds."""
    return bool(
        Reminder.objects.filter(
            pk=reminder.pk, claim_token=reminder.claim_token, status=ReminderStatus.SENDING
        ).update(claim_token=None, lease_until=None, updated_at=timezone.now(), **fields)
    )


def _finish_failed(reminder: Reminder, *, now: datetime, error: str) -> None:
    if reminder.attempts >= settings.REMINDERS_MAX_ATTEMPTS:
        logger.error(
            "reminder %s failed for good after %s attempts: %s",
            reminder.pk,
            reminder.attempts,
            error,
        )
        _finish(reminder, status=ReminderStatus.FAILED, last_error=error[:2000])
        return
    delay = min(
        settings.REMINDERS_RETRY_BASE_SECONDS * 2 ** max(reminder.attempts - 1, 0),
        settings.REMINDERS_RETRY_MAX_SECONDS,
    )
    logger.warning(
        "reminder %s attempt %s failed, retry in %ss: %s",
        reminder.pk,
        reminder.attempts,
        delay,
        error,
    )
    _finish(
        reminder,
        status=ReminderStatus.PENDING,
        next_attempt_at=now + timedelta(seconds=delay),
        last_error=error[:2000],
    )


def _obsolete_reason(reminder: Reminder, *, now: datetime) -> str:
    """Why a claimed reminder must not go out any more ("" if it must)."""
    case = reminder.case
    if not case.email:
        return "no e-mail address"
    if case.emails_stopped_at is not None:
        return "unsubscribed"
    if case.closed_at is not None:
        return "case closed"
    if reminder.kind in DEADLINE_KINDS:
        if case.submitted_at is not None:
            return "request submitted"
        if case.deadline is None or case.deadline < china_date_of(now):
            return "deadline passed before it could be sent"
    return ""


def reminders_send_due(
    *, now: datetime | None = None, reminder_ids: list[int] | None = None
) -> int:
    """Send every reminder due at `now` that has not been sent; return how many went out.

    One SMTP connection serves the whole sweep. Each row is marked sent right
    after the server accepted it, so a crash can repeat at most the message in
    flight (docs/reminders.md). An SMTP failure puts the row back with a backoff.
    """
    from .emails import reminder_email_build

    now = now or timezone.now()
    started = time.monotonic()
    sent = 0
    connection = None
    try:
        while time.monotonic() - started < settings.REMINDERS_SWEEP_BUDGET_SECONDS:
            batch = _claim(now=now, limit=settings.REMINDERS_BATCH_SIZE, ids=reminder_ids)
            if not batch:
                break
            smtp_down = False
            for reminder in batch:
                if smtp_down:
                    _finish_failed(reminder, now=now, error="SMTP unavailable")
                    continue
                reason = _obsolete_reason(reminder, now=now)
                if reason:
                    _finish(
                        reminder,
                        status=ReminderStatus.CANCELLED,
                        cancelled_at=now,
                        last_error=reason,
                    )
                    continue
                try:
                    message = reminder_email_build(reminder=reminder, now=now)
                except Exception as exc:  # a bug must not block the other reminders
                    logger.exception("could not build reminder %s", reminder.pk)
                    _finish_failed(reminder, now=now, error=f"build: {exc!r}")
                    continue
                if connection is None:
                    try:
                        connection = get_connection(fail_silently=False)
                        connection.open()
                    except Exception as exc:
                        connection = None
                        _finish_failed(reminder, now=now, error=f"connect: {exc!r}")
                        smtp_down = True
                        continue
                try:
                    if connection.send_messages([message]) != 1:
                        raise RuntimeError("the backend did not accept the message")
                except Exception as exc:
                    # The connection may be in any state now: start a fresh one.
                    _finish_failed(reminder, now=now, error=repr(exc))
                    _connection_close(connection)
                    connection = None
                    continue
                _finish(reminder, status=ReminderStatus.SENT, sent_at=timezone.now(), last_error="")
                sent += 1
            if smtp_down:
                break
    finally:
        _connection_close(connection)
    return sent


def _connection_close(connection: object) -> None:
    if connection is None:
        return
    try:
        connection.close()  # type: ignore[attr-defined]
    except Exception:
        logger.debug("closing the e-mail connection failed", exc_info=True)


def reminders_subscribe_case(*, case: Case, email: str, now: datetime | None = None) -> bool:
    """The case page's "e-mail me before the deadline": save the address, plan the reminders.

    Only for a case saved without an address, whose deadline is still ahead and whose
    request is not marked submitted (the case page offers it only then). Returns False,
    changing nothing, otherwise: an address once given is never replaced from the page,
    so whoever holds the link cannot redirect another person's reminders. Two posts at
    once give one address and one set of reminders (row lock + get_or_create).
    """
    from wizard.models import Case

    now = now or timezone.now()
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if locked.email or locked.submitted_at or locked.emails_stopped_at:
            return False
        if locked.deadline is None or locked.deadline < china_date_of(now):
            return False
        locked.email = email.strip()
        locked.save(update_fields=["email"])
        reminders_schedule_for_case(case=locked, now=now)
    case.email = locked.email
    return True
