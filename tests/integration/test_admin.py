"""The admin deletes a case the way the user's own delete does: files and reminders go with it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.clock import TODAY, pinned
from tests.unit.evidence import samples
from wizard.evidence.models import Evidence
from wizard.evidence.services import evidence_ingest
from wizard.flow import answers_from_facts
from wizard.models import Case
from wizard.reminders.models import Reminder
from wizard.rules import Facts, ItemCondition, OrderStatus, Reason
from wizard.services import case_create

pytestmark = pytest.mark.django_db

SIZE_RETURN = Facts(
    order_status=OrderStatus.RECEIVED,
    reason=Reason.SIZE_UNSUITABLE,
    received_on=date(2026, 11, 20),
    item_condition=ItemCondition.OPENED_INTACT,
    amount_paid=Decimal("199.00"),
)


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    return root


@pytest.fixture
def admin_client_logged_in(client: Client) -> Client:
    user = get_user_model().objects.create_superuser("admin", "admin@example.com", "pw")
    client.force_login(user)
    return client


def case_with_a_photo_and_reminders(django_capture_on_commit_callbacks) -> Case:
    # The reminders are scheduled only while the deadline (2026-11-27) is ahead.
    with pinned(), django_capture_on_commit_callbacks(execute=False):
        case = case_create(
            facts=SIZE_RETURN,
            answers=answers_from_facts(SIZE_RETURN),
            language="zh-hans",
            email="buyer@example.com",
            today=TODAY,
        )
    evidence_ingest(
        upload=SimpleUploadedFile("parcel.jpg", samples.jpeg(), content_type="image/jpeg"),
        case=case,
    )
    assert Reminder.objects.filter(case=case).exists()
    return case


def stored_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def test_the_delete_page_asks_for_confirmation_instead_of_refusing(
    admin_client_logged_in, media, django_capture_on_commit_callbacks
) -> None:
    case = case_with_a_photo_and_reminders(django_capture_on_commit_callbacks)
    url = reverse("admin:wizard_case_delete", args=[case.pk])
    response = admin_client_logged_in.get(url)
    assert response.status_code == 200
    assert not response.context["perms_lacking"]


def test_the_admin_deletes_a_case_with_its_files_and_reminders(
    admin_client_logged_in, media, django_capture_on_commit_callbacks
) -> None:
    case = case_with_a_photo_and_reminders(django_capture_on_commit_callbacks)
    assert stored_files(media)
    url = reverse("admin:wizard_case_delete", args=[case.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_logged_in.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Case.objects.filter(pk=case.pk).exists()
    assert not Evidence.objects.exists() and not Reminder.objects.exists()
    assert stored_files(media) == []


def test_the_bulk_delete_action_goes_through_case_delete_too(
    admin_client_logged_in, media, django_capture_on_commit_callbacks
) -> None:
    first = case_with_a_photo_and_reminders(django_capture_on_commit_callbacks)
    second = case_with_a_photo_and_reminders(django_capture_on_commit_callbacks)
    changelist = reverse("admin:wizard_case_changelist")
    chosen = {"action": "delete_selected", "_selected_action": [first.pk, second.pk]}
    confirm = admin_client_logged_in.post(changelist, chosen)
    assert confirm.status_code == 200 and not confirm.context["perms_lacking"]
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_logged_in.post(changelist, {**chosen, "post": "yes"})
    assert response.status_code == 302
    assert not Case.objects.exists() and not Evidence.objects.exists()
    assert not Reminder.objects.exists()
    assert stored_files(media) == []
