r"""Reminder rows: the schedule lives in the database, Celery only wakes the sweeper.

State machine (see docs/reminders.md):

    pending --claim--> sending(lease) --SMTP ok--> sent
                          |  \--SMTP error--> pending (next_attempt_at = now + backoff)
                          |                   or failed (after REMINDERS_MAX_ATTEMPTS)
                          \--lease expired (worker died)--> claimable again
    pending --consumer stops / deadline passed--> cancelled
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderKind(models.TextChoices):
    CONFIRMATION = "confirmation", _("Confirmation")
    R3 = "r3", _("3 days before the deadline")
    R1 = "r1", _("1 day before the deadline")
    R0 = "r0", _("Last day")
    FOLLOWUP = "followup", _("Refund follow-up")


# The kinds that only make sense before the deadline and stop on "I have submitted".
DEADLINE_KINDS = (ReminderKind.R3, ReminderKind.R1, ReminderKind.R0)
# Days before the deadline D at which each deadline reminder is due (09:00 China time).
DAYS_BEFORE_DEADLINE = {ReminderKind.R3: 3, ReminderKind.R1: 1, ReminderKind.R0: 0}


class ReminderStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class Reminder(models.Model):
    case = models.ForeignKey(
        "wizard.Case", on_delete=models.CASCADE, related_name="reminders", verbose_name=_("case")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ReminderKind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=ReminderStatus.choices, default=ReminderStatus.PENDING
    )
    due_at = models.DateTimeField(_("due at"), help_text=_("When it is scheduled (UTC in DB)"))
    # When the row may next be claimed: due_at at first, later due_at + backoff.
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # A claim is (claim_token, lease_until): only the holder of the token may
    # finish the row, and nobody else may claim it before the lease expires.
    claim_token = models.UUIDField(_("claim"), null=True, blank=True, editable=False)
    lease_until = models.DateTimeField(_("lease until"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["case", "kind"], name="reminders_one_per_case_kind"),
        ]
        indexes = [
            # The sweep's two questions; partial so their size follows the due
            # rows, not every reminder ever sent.
            models.Index(
                fields=["next_attempt_at"],
                name="reminders_pending_due",
                condition=models.Q(status="pending"),
            ),
            models.Index(
                fields=["lease_until"],
                name="reminders_sending_lease",
                condition=models.Q(status="sending"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for case {self.case_id} ({self.status})"
