"""A saved case: the answers, the outcome as decided then, and its secret link."""

import secrets
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from wizard.rules import Procedure


def new_case_token() -> str:
    """256 random bits, URL-safe: the only key to a case, so it must be unguessable."""
    return secrets.token_urlsafe(32)


class Case(models.Model):
    token = models.CharField(max_length=64, unique=True, default=new_case_token, editable=False)
    language = models.CharField(_("language"), max_length=10, default="zh-hans")
    answers = models.JSONField(_("answers"), default=dict)
    outcome = models.JSONField(_("outcome"), default=dict)
    procedure = models.CharField(
        _("procedure"),
        max_length=32,
        choices=[(p.value, p.value) for p in Procedure],
        db_index=True,
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True, db_index=True)
    decided_on = models.DateField(
        _("decided on"), help_text=_("China date the outcome was decided")
    )
    email = models.EmailField(_("reminder e-mail"), blank=True)
    # The wizard run that saved the case: saving the same run twice (a reload
    # after a failed response) must find this case, not make a second one.
    flow_id = models.CharField(_("wizard run"), max_length=64, blank=True, editable=False)
    # Names the case in the signed links of its e-mails: random, so a link tells
    # nothing about the case's row id or how many cases there are.
    link_id = models.UUIDField(_("e-mail link id"), default=uuid.uuid4, unique=True, editable=False)
    # "Stop the e-mails about this case": no reminder of any kind is sent after it.
    emails_stopped_at = models.DateTimeField(_("e-mails stopped at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("request submitted at"), null=True, blank=True)
    return_shipped_on = models.DateField(_("return shipped on"), null=True, blank=True)
    # The refund or the replacement arrived: the case is over, no e-mail of any
    # kind goes out afterwards (wizard.services.case_record_event).
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["flow_id"],
                condition=~models.Q(flow_id=""),
                name="case_unique_flow_id",
            )
        ]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return f"Case {self.pk} ({self.procedure})"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("wizard:case", kwargs={"token": self.token})


class CaseEventKind(models.TextChoices):
    """What happened to a case after its result, as the owner records it."""

    SELLER_AGREED = "seller_agreed", _("The seller agreed")
    SELLER_REFUSED = "seller_refused", _("The seller refused")
    SELLER_NO_REPLY = "seller_no_reply", _("The seller did not answer")
    SUBMITTED = "submitted", _("Request submitted in the app")
    RETURN_SHIPPED = "return_shipped", _("Return parcel shipped")
    REFUND_RECEIVED = "refund_received", _("Refund received")
    REPLACEMENT_RECEIVED = "replacement_received", _("Replacement received")
    ANSWERS_CHANGED = "answers_changed", _("Answers changed")
    REOPENED = "reopened", _("Case reopened (closed by mistake)")


# The events that end a case: no more reminders, no more e-mails.
CLOSING_EVENT_KINDS = (CaseEventKind.REFUND_RECEIVED, CaseEventKind.REPLACEMENT_RECEIVED)


class CaseEvent(models.Model):
    """One line of a case's timeline: what happened and on which China date."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="events", verbose_name=_("case")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=CaseEventKind.choices)
    day = models.DateField(_("day"), help_text=_("China date it happened"))
    # e.g. {"answers": ["reason", "received_on"]} for answers_changed: names, never values.
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["day", "created_at", "pk"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")

    def __str__(self) -> str:
        return f"{self.kind} on {self.day} for case {self.case_id}"


class DeletedCase(models.Model):
    """What is left of a deleted case: keyed hashes of its two secret keys, nothing else.

    The case link (token) and the e-mail links' id (link_id) are kept only as
    HMAC-SHA256 digests under SECRET_KEY (wizard.tombstones), so a link to a
    deleted case gets "this case was deleted" (410) instead of "not found" (404),
    while nothing here can be turned back into a working link or tells what the
    case was.
    """

    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    link_hash = models.CharField(max_length=64, unique=True, editable=False)
    deleted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("deleted case")
        verbose_name_plural = _("deleted cases")

    def __str__(self) -> str:
        return f"Deleted case ({self.deleted_at:%Y-%m-%d})"
