"""Evidence in a real S3 server (SeaweedFS): ingest, serve, ranges, packet, delete, purge.

The same code paths as on the filesystem, with settings.STORAGES["evidence"] set to
django-storages' S3 backend on a fresh bucket of the session's SeaweedFS. Nothing
may land in MEDIA_ROOT; every object must go when its case, draft or file goes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tests.integration.evidence.conftest import FLOW_ID, files_under, make_case, upload
from tests.unit.evidence import samples
from wizard.evidence import storage
from wizard.evidence.models import Evidence
from wizard.evidence.services import evidence_ingest, evidence_purge_abandoned
from wizard.retention import cases_purge_expired
from wizard.services import case_delete

pytestmark = pytest.mark.django_db

VIDEO = samples.mp4(frames=20, size=(320, 240))
PHOTO = samples.jpeg()


@pytest.fixture
def bucket(s3_bucket, evidence_dirs) -> str:
    return s3_bucket


def _keys(s3_server, bucket: str) -> list[str]:
    return s3_server.keys(bucket)


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _file_url(case, evidence, variant: str = "original") -> str:
    return reverse("evidence:case_file", args=[case.token, evidence.id, variant])


def test_the_evidence_storage_is_the_bucket(bucket):
    assert not storage.is_local()
    assert storage.backend().bucket_name == bucket


def test_an_upload_puts_its_original_and_preview_in_the_bucket_and_nothing_on_disk(
    s3_server, bucket, evidence_dirs
):
    case = make_case()
    evidence = evidence_ingest(upload=upload("开箱.jpg", PHOTO), case=case)
    assert _keys(s3_server, bucket) == sorted([evidence.original_path, evidence.preview_path])
    stored = s3_server.client().get_object(Bucket=bucket, Key=evidence.original_path)
    assert stored["Body"].read() == PHOTO
    assert evidence.size == len(PHOTO)
    assert files_under(evidence_dirs["media"]) == []


def test_the_same_bytes_again_leave_one_copy_in_the_bucket(s3_server, bucket):
    case = make_case()
    first = evidence_ingest(upload=upload("a.jpg", PHOTO), case=case)
    again = evidence_ingest(upload=upload("b.jpg", PHOTO), case=case)
    assert again.pk == first.pk
    assert len(_keys(s3_server, bucket)) == 2


def test_a_refused_upload_leaves_nothing_in_the_bucket(client, s3_server, bucket):
    case = make_case()
    response = client.post(
        f"/evidence/c/{case.token}/add/",
        {"upload": upload("notes.jpg", b"not a picture")},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 422 and response.json()["errors"]
    assert _keys(s3_server, bucket) == []


def test_the_case_token_serves_the_original_and_the_preview(client, bucket):
    case = make_case()
    evidence = evidence_ingest(upload=upload("开箱.jpg", PHOTO), case=case)
    original = client.get(_file_url(case, evidence))
    assert original.status_code == 200
    assert _body(original) == PHOTO
    assert original["Content-Length"] == str(len(PHOTO))
    assert original["ETag"] == f'"{evidence.sha256}"'
    assert original["Cache-Control"] == "private, no-store"
    assert original["Content-Disposition"].startswith("attachment;")
    preview = client.get(_file_url(case, evidence, "preview"))
    assert preview.status_code == 200 and _body(preview)[:3] == b"\xff\xd8\xff"


def test_a_wrong_token_reaches_nothing_in_the_bucket(client, bucket):
    case = make_case()
    evidence = evidence_ingest(upload=upload("a.jpg", PHOTO), case=case)
    other = make_case()
    assert client.get(_file_url(other, evidence)).status_code == 404


def test_drafts_answer_only_the_session_that_owns_the_run(client, bucket):
    from django.test import Client

    draft = evidence_ingest(upload=upload("a.jpg", PHOTO), flow_id=FLOW_ID)
    url = reverse("evidence:draft_file", args=[FLOW_ID, draft.id, "original"])
    assert _body(client.get(url)) == PHOTO
    assert Client().get(url).status_code == 404


def test_ranges_are_fetched_from_the_bucket(client, bucket):
    case = make_case()
    evidence = evidence_ingest(upload=upload("开箱.mp4", VIDEO, "video/mp4"), case=case)
    size = len(VIDEO)
    part = client.get(_file_url(case, evidence), headers={"Range": "bytes=100-1099"})
    assert part.status_code == 206
    assert _body(part) == VIDEO[100:1100]
    assert part["Content-Range"] == f"bytes 100-1099/{size}"
    assert part["Content-Length"] == "1000"
    # Safari's first probe, and a suffix range (the moov atom at the end).
    probe = client.get(_file_url(case, evidence), headers={"Range": "bytes=0-1"})
    assert probe.status_code == 206 and _body(probe) == VIDEO[:2]
    tail = client.get(_file_url(case, evidence), headers={"Range": "bytes=-500"})
    assert _body(tail) == VIDEO[-500:]
    assert tail["Content-Range"] == f"bytes {size - 500}-{size - 1}/{size}"
    beyond = client.get(_file_url(case, evidence), headers={"Range": f"bytes={size}-"})
    assert beyond.status_code == 416 and beyond["Content-Range"] == f"bytes */{size}"
    stale = client.get(
        _file_url(case, evidence), headers={"Range": "bytes=0-1", "If-Range": '"other"'}
    )
    assert stale.status_code == 200 and _body(stale) == VIDEO
    head = client.head(_file_url(case, evidence))
    assert head.status_code == 200 and head["Content-Length"] == str(size)


@override_settings(EVIDENCE_SERVE_MODE="x-accel-redirect")
def test_x_accel_mode_streams_objects_through_the_app(client, bucket):
    # nginx's internal location is a directory on its own disk: an object store is not.
    case = make_case()
    evidence = evidence_ingest(upload=upload("a.jpg", PHOTO), case=case)
    response = client.get(_file_url(case, evidence))
    assert "X-Accel-Redirect" not in response
    assert _body(response) == PHOTO


def test_an_object_gone_from_the_bucket_is_a_404(client, s3_server, bucket):
    case = make_case()
    evidence = evidence_ingest(upload=upload("a.jpg", PHOTO), case=case)
    s3_server.client().delete_object(Bucket=bucket, Key=evidence.original_path)
    assert client.get(_file_url(case, evidence)).status_code == 404


def test_the_packet_holds_the_originals_from_the_bucket(client, bucket):
    case = make_case()
    photo = evidence_ingest(upload=upload("开箱.jpg", PHOTO), case=case)
    video = evidence_ingest(upload=upload("视频.mp4", VIDEO, "video/mp4"), case=case)
    response = client.get(f"/evidence/c/{case.token}/packet.zip")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(_body(response)))
    names = archive.namelist()
    contents = {archive.read(n) for n in names if n.startswith("evidence/")}
    assert contents == {PHOTO, VIDEO}
    assert {"manifest.csv", "manifest.json"} <= set(names)
    assert photo.sha256 in archive.read("manifest.json").decode()
    assert video.sha256 in archive.read("manifest.json").decode()


def test_removing_one_file_deletes_its_objects(
    client, s3_server, bucket, django_capture_on_commit_callbacks
):
    case = make_case()
    keep = evidence_ingest(upload=upload("a.jpg", PHOTO), case=case)
    drop = evidence_ingest(upload=upload("b.mp4", VIDEO, "video/mp4"), case=case)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/evidence/c/{case.token}/{drop.id}/remove/")
    assert response.status_code == 302
    assert _keys(s3_server, bucket) == sorted([keep.original_path, keep.preview_path])


def test_deleting_a_case_deletes_its_objects(s3_server, bucket, django_capture_on_commit_callbacks):
    case = make_case()
    other = make_case()
    evidence_ingest(upload=upload("a.jpg", PHOTO), case=case)
    evidence_ingest(upload=upload("b.mp4", VIDEO, "video/mp4"), case=case)
    kept = evidence_ingest(upload=upload("c.jpg", PHOTO), case=other)
    assert len(_keys(s3_server, bucket)) == 6
    with django_capture_on_commit_callbacks(execute=True):
        case_delete(case=case)
    assert _keys(s3_server, bucket) == sorted([kept.original_path, kept.preview_path])


def test_the_retention_purge_deletes_the_objects_of_expired_cases(
    s3_server, bucket, django_capture_on_commit_callbacks
):
    today = date(2026, 11, 24)
    old = make_case(deadline=today - timedelta(days=400))
    fresh = make_case(deadline=today + timedelta(days=3))
    evidence_ingest(upload=upload("a.jpg", PHOTO), case=old)
    kept = evidence_ingest(upload=upload("b.jpg", PHOTO), case=fresh)
    with django_capture_on_commit_callbacks(execute=True):
        assert cases_purge_expired(today=today, retention_days=30) == 1
    assert _keys(s3_server, bucket) == sorted([kept.original_path, kept.preview_path])


def test_the_abandoned_draft_purge_deletes_their_objects(
    s3_server, bucket, settings, django_capture_on_commit_callbacks
):
    stale = evidence_ingest(upload=upload("a.jpg", PHOTO), flow_id=FLOW_ID)
    recent = evidence_ingest(upload=upload("b.mp4", VIDEO, "video/mp4"), flow_id="another-run-0001")
    hours = settings.EVIDENCE_DRAFT_MAX_AGE_HOURS
    Evidence.objects.filter(pk=stale.pk).update(
        created_at=timezone.now() - timedelta(hours=hours + 1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert evidence_purge_abandoned() == 1
    assert _keys(s3_server, bucket) == sorted([recent.original_path, recent.preview_path])


def test_the_client_adds_checksums_only_where_the_api_requires_them(bucket):
    # boto3 1.36+ would add CRC32 headers to every PUT, which several S3-compatible
    # stores refuse; the path-style addressing self-hosted stores need is kept too.
    config = storage.backend().connection.meta.client.meta.config
    assert config.request_checksum_calculation == "when_required"
    assert config.response_checksum_validation == "when_required"
    assert config.s3["addressing_style"] == "path"


def test_an_unreachable_store_at_delete_time_is_logged_not_raised(settings, caplog):
    # Deletions run after the commit: the user's request has succeeded by then.
    from config.settings.base import evidence_s3_storage

    store = evidence_s3_storage(
        bucket="evidence", endpoint_url="http://127.0.0.1:9", access_key="a", secret_key="b",
        region="us-east-1", addressing_style="path",
    )  # fmt: skip
    store["OPTIONS"]["client_config"] = store["OPTIONS"]["client_config"].merge(
        __import__("botocore.config").config.Config(retries={"max_attempts": 1}, connect_timeout=1)
    )
    settings.STORAGES = {**settings.STORAGES, "evidence": store}
    storage.delete_now(["evidence/ab/abcdef.jpg"])
    assert "could not delete evidence object evidence/ab/abcdef.jpg" in caplog.text
