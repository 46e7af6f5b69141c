"""The smaller leaks and silences around the secret links.

The case page's caching and indexing headers, the packet's spreadsheet-safe
manifest, the e-mail length limit, no e-mail after unsubscribing, the pixel
limit in Chinese units.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import translation

from tests.integration.evidence.conftest import FLOW_ID, make_case, upload
from tests.integration.reminders.factories import case_with_deadline_in, china
from tests.unit.evidence import samples
from wizard import forms as f
from wizard.evidence.services import evidence_ingest
from wizard.reminders.emails import reminder_links
from wizard.reminders.models import Reminder, ReminderKind, ReminderStatus
from wizard.reminders.services import reminders_send_due

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["wizard:case", "wizard:case_delete"])
def test_the_case_pages_are_neither_cached_nor_indexed(client, page):
    case = make_case(answers={}, outcome={})
    response = client.get(reverse(page, kwargs={"token": case.token}))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "noindex" in response["X-Robots-Tag"]


@pytest.mark.parametrize(
    "name", ["=1+2.jpg", "+SUM(A1).jpg", "-2+3.png", "@cmd.jpg", "\tx.jpg", "＝1+2.jpg"]
)
def test_the_packet_manifest_csv_holds_no_formula(client, evidence_dirs, name):
    case = make_case()
    evidence_ingest(upload=upload(name, samples.jpeg()), case=case)
    response = client.get(reverse("evidence:case_packet", args=[case.token]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig"))))
    stored = json.loads(archive.read("manifest.json"))["files"][0]["original_name"]
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "＝")), cell
    # Shown as text, nothing lost: the CSV only adds the leading quote.
    assert rows[0]["original_name"].removeprefix("'") == stored


def test_a_plain_name_is_left_alone_in_the_manifest(client, evidence_dirs):
    case = make_case()
    evidence_ingest(upload=upload("门口.jpg", samples.jpeg()), case=case)
    response = client.get(reverse("evidence:case_packet", args=[case.token]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig"))))
    assert rows[0]["original_name"] == "门口.jpg"


@pytest.mark.parametrize(
    ("address", "valid"),
    [
        ("a" * 64 + "@example.com", True),
        ("a" * 65 + "@example.com", False),
        ("a" * 245 + "@example.com", False),
        ("buyer@" + "d" * 63 + "." + "e" * 63 + "." + "f" * 63 + ".com", True),
    ],
)
def test_an_email_address_longer_than_rfc_5321_allows_is_refused(address, valid):
    with translation.override("zh-hans"):
        form = f.EmailForm(data={"email": address})
        assert form.is_valid() is valid, form.errors
        if not valid:
            assert "64" in form.errors["email"][0]
            assert "太长" in form.errors["email"][0]


def test_no_follow_up_after_unsubscribing_from_the_case(client):
    with time_machine.travel(china(2026, 11, 20, 12), tick=False):
        case = case_with_deadline_in(7)
    unsubscribe = re_path(reminder_links(case=case)["unsubscribe_url"])
    with time_machine.travel(china(2026, 11, 21, 10), tick=False):
        assert client.post(unsubscribe, {"List-Unsubscribe": "One-Click"}).status_code == 200
    with time_machine.travel(china(2026, 11, 25, 15), tick=False):
        response = client.post(
            reverse("reminders:shipped", kwargs={"token": case.token}),
            {"shipped_on": "2026-11-25"},
        )
        assert response.status_code == 302
        page = client.get(response["Location"]).content.decode()
        assert "10 天" not in page  # no promise of a reminder
    mail.outbox.clear()
    assert reminders_send_due(now=china(2026, 12, 5, 9)) == 0
    assert mail.outbox == []
    assert not Reminder.objects.filter(
        case=case, kind=ReminderKind.FOLLOWUP, status=ReminderStatus.PENDING
    ).exists()


def test_a_follow_up_scheduled_before_unsubscribing_does_not_go_out(client):
    with time_machine.travel(china(2026, 11, 20, 12), tick=False):
        case = case_with_deadline_in(7)
    with time_machine.travel(china(2026, 11, 25, 15), tick=False):
        client.post(
            reverse("reminders:shipped", kwargs={"token": case.token}),
            {"shipped_on": "2026-11-25"},
        )
        client.post(re_path(reminder_links(case=case)["unsubscribe_url"]))
    # Recording the day again (a corrected date) must not bring it back.
    with time_machine.travel(china(2026, 11, 26, 15), tick=False):
        client.post(
            reverse("reminders:shipped", kwargs={"token": case.token}),
            {"shipped_on": "2026-11-26"},
        )
    mail.outbox.clear()
    assert reminders_send_due(now=china(2026, 12, 6, 9)) == 0
    assert mail.outbox == []


def re_path(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_the_pixel_limit_reads_in_chinese_units(client, evidence_dirs, settings):
    settings.EVIDENCE_MAX_IMAGE_PIXELS = 50_000_000
    response = client.post(
        reverse("evidence:draft_upload", args=[FLOW_ID]),
        {"upload": upload("bomb.png", samples.png_bomb(30000), "image/png")},
        HTTP_ACCEPT="application/json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert "5000 万像素" in error
    assert "百万" not in error
