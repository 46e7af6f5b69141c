"""Evidence: one uploaded photo or video, first a draft of a wizard run, then a case's.

One model serves both stages: while the wizard runs, a row has a `flow_id` and
no case (a draft); `evidence_claim_drafts` attaches it to the saved case. The
files never move on claim, so a claim is a single UPDATE inside case_create's
transaction.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from wizard.rules import EvidenceCode


class EvidenceKind(models.TextChoices):
    PHOTO = "photo", _("photo")
    VIDEO = "video", _("video")


class Evidence(models.Model):
    # A random public id: file URLs carry it, so it must not be guessable or sequential.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(
        "wizard.Case",
        on_delete=models.CASCADE,
        related_name="evidence",
        null=True,
        blank=True,
        verbose_name=_("case"),
    )
    flow_id = models.CharField(_("wizard run"), max_length=64, blank=True, db_index=True)
    # The checklist item (wizard.rules.EvidenceCode) the file shows; "": not sorted yet
    # (files stored before items existed, or added without naming one).
    code = models.CharField(
        _("evidence item"),
        max_length=32,
        choices=[(code.value, code.value) for code in EvidenceCode],
        blank=True,
        default="",
    )
    kind = models.CharField(_("kind"), max_length=8, choices=EvidenceKind.choices)
    content_type = models.CharField(_("content type"), max_length=40)
    original_name = models.CharField(_("file name"), max_length=120)
    # Paths relative to MEDIA_ROOT, random names, never derived from user input.
    original_path = models.CharField(max_length=200, unique=True)
    preview_path = models.CharField(max_length=200)
    size = models.BigIntegerField(_("size in bytes"))
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    width = models.PositiveIntegerField(_("width"), null=True, blank=True)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True)
    duration = models.FloatField(_("duration in seconds"), null=True, blank=True)
    captured_at = models.DateTimeField(_("captured at"), null=True, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    # When the draft was created: the purge of abandoned uploads keys on it.
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return f"{self.kind} {self.original_name}"

    @property
    def extension(self) -> str:
        return self.original_path.rsplit(".", 1)[-1]
