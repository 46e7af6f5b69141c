"""Byte-range requests on evidence files served by Django (iPhone Safari needs them for video)."""

from __future__ import annotations

import pytest
from django.http import FileResponse
from django.test import override_settings
from django.urls import reverse
from django.utils.http import http_date

from tests.integration.evidence.conftest import FLOW_ID, make_case, upload
from tests.unit.evidence import samples
from wizard.evidence.ranges import ByteRange, RangeNotSatisfiable, parse_range
from wizard.evidence.services import evidence_ingest

pytestmark = pytest.mark.django_db

# More than one FileResponse block, so a range can span blocks.
VIDEO = samples.mp4(frames=20, size=(320, 240))
SIZE = len(VIDEO)


@pytest.fixture
def case_with_video(evidence_dirs):
    case = make_case()
    evidence = evidence_ingest(upload=upload("开箱 视频.mp4", VIDEO, "video/mp4"), case=case)
    return case, evidence


def _url(case, evidence, variant: str = "original") -> str:
    return reverse("evidence:case_file", args=[case.token, evidence.id, variant])


def _get(client, case, evidence, variant: str = "original", **headers):
    return client.get(_url(case, evidence, variant), headers=headers)


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _assert_private(response, disposition: str = "attachment;") -> None:
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["Content-Disposition"].startswith(disposition)


def test_the_sample_video_spans_several_blocks():
    assert FileResponse.block_size < SIZE


def test_a_full_get_advertises_byte_ranges_and_its_validators(client, case_with_video):
    case, evidence = case_with_video
    response = _get(client, case, evidence)
    assert response.status_code == 200
    assert _body(response) == VIDEO
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Length"] == str(SIZE)
    assert response["ETag"] == f'"{evidence.sha256}"'
    assert "Last-Modified" in response
    assert "Content-Range" not in response


def test_the_first_hundred_bytes_get_206_with_exactly_those_bytes(client, case_with_video):
    case, evidence = case_with_video
    response = _get(client, case, evidence, Range="bytes=0-99")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 0-99/{SIZE}"
    assert response["Content-Length"] == "100"
    assert response["Content-Type"] == "video/mp4"
    assert response["Accept-Ranges"] == "bytes"
    assert _body(response) == VIDEO[:100]


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("bytes=100-", 100, SIZE - 1),  # open-ended
        ("bytes=-100", SIZE - 100, SIZE - 1),  # suffix
        (f"bytes=-{SIZE + 50}", 0, SIZE - 1),  # suffix longer than the file
        ("bytes=100-99999999", 100, SIZE - 1),  # end clamped
        (f"bytes=10-{SIZE - 1}", 10, SIZE - 1),  # exactly to the end
        ("bytes=7-7", 7, 7),  # one byte
        ("bytes=4000-4200", 4000, 4200),  # across a block boundary
        ("BYTES = 5-9", 5, 9),  # the unit is case-insensitive
        ("bytes=5-9, ,", 5, 9),  # empty list elements are not ranges
    ],
)
def test_a_single_range_gets_206_with_those_bytes(client, case_with_video, header, start, end):
    case, evidence = case_with_video
    response = _get(client, case, evidence, Range=header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{end}/{SIZE}"
    assert response["Content-Length"] == str(end - start + 1)
    assert _body(response) == VIDEO[start : end + 1]


def test_a_range_is_streamed_in_blocks_not_read_whole(client, case_with_video, monkeypatch):
    from wizard.evidence import views

    monkeypatch.setattr(views, "RANGE_BLOCK_SIZE", 1024)  # the sample is a few KB
    case, evidence = case_with_video
    response = _get(client, case, evidence, Range="bytes=1-")
    assert response.streaming
    chunks = list(response.streaming_content)
    assert len(chunks) > 1
    assert max(len(c) for c in chunks) <= 1024
    assert b"".join(chunks) == VIDEO[1:]


@pytest.mark.parametrize(
    "header", [f"bytes={SIZE}-", f"bytes={SIZE + 5}-{SIZE + 10}", "bytes=-0", "bytes=-000"]
)
def test_an_unsatisfiable_range_gets_416(client, case_with_video, header):
    case, evidence = case_with_video
    response = _get(client, case, evidence, Range=header)
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{SIZE}"
    assert _body(response) == b""
    _assert_private(response)


@pytest.mark.parametrize(
    "header",
    [
        "bytes=abc",
        "bytes=",
        "bytes=-",
        "bytes=9-5",  # last before first
        "bytes=0-9,20-29",  # several ranges
        "bytes=0-9, -5",
        "items=0-99",  # another unit
        "0-99",  # no unit
        "bytes=+1-5",
        "bytes=1.5-9",
        "bytes=\u0661-\u0669",  # non-ASCII digits
        "bytes=" + "9" * 5000 + "-",  # more digits than int() takes
    ],
)
def test_a_malformed_or_multiple_range_is_ignored(client, case_with_video, header):
    case, evidence = case_with_video
    response = _get(client, case, evidence, Range=header)
    assert response.status_code == 200
    assert "Content-Range" not in response
    assert _body(response) == VIDEO


def test_private_headers_are_kept_on_206(client, case_with_video):
    case, evidence = case_with_video
    response = _get(client, case, evidence, Range="bytes=0-9")
    assert response.status_code == 206
    _assert_private(response)
    assert "filename*=utf-8''" in response["Content-Disposition"]


def test_the_preview_honours_ranges_inline(client, case_with_video):
    case, evidence = case_with_video
    whole = _body(_get(client, case, evidence, "preview"))
    response = _get(client, case, evidence, "preview", Range="bytes=2-11")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 2-11/{len(whole)}"
    assert _body(response) == whole[2:12]
    assert "ETag" not in response
    _assert_private(response, "inline;")


def test_if_range_with_the_current_etag_or_date_honours_the_range(client, case_with_video):
    case, evidence = case_with_video
    full = _get(client, case, evidence)
    for validator in (full["ETag"], full["Last-Modified"]):
        response = _get(client, case, evidence, Range="bytes=0-9", **{"If-Range": validator})
        assert response.status_code == 206, validator
        assert _body(response) == VIDEO[:10]


@pytest.mark.parametrize("which", ["other etag", "weak etag", "older date", "garbage", "empty"])
def test_if_range_that_does_not_match_gets_the_whole_file(client, case_with_video, which):
    case, evidence = case_with_video
    full = _get(client, case, evidence)
    if_range = {
        "other etag": '"' + "0" * 64 + '"',
        "weak etag": "W/" + full["ETag"],
        "older date": http_date(0),
        "garbage": "yesterday",
        "empty": "",
    }[which]
    response = _get(client, case, evidence, Range="bytes=0-9", **{"If-Range": if_range})
    assert response.status_code == 200
    assert "Content-Range" not in response
    assert _body(response) == VIDEO


def test_if_range_does_not_turn_a_mismatch_into_416(client, case_with_video):
    case, evidence = case_with_video
    response = _get(client, case, evidence, Range=f"bytes={SIZE}-", **{"If-Range": '"stale"'})
    assert response.status_code == 200 and _body(response) == VIDEO


def test_head_answers_like_get_without_a_body(client, case_with_video):
    case, evidence = case_with_video
    response = client.head(_url(case, evidence), headers={"Range": "bytes=0-9"})
    assert response.status_code == 200  # Range is defined for GET only
    assert response["Content-Length"] == str(SIZE)
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "video/mp4"
    assert "Content-Range" not in response
    assert _body(response) == b""
    _assert_private(response)


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_other_methods_are_still_refused(client, case_with_video, method):
    case, evidence = case_with_video
    assert getattr(client, method)(_url(case, evidence)).status_code == 405


def test_another_cases_token_with_a_range_is_still_a_404(client, case_with_video):
    _, evidence = case_with_video
    other = make_case()
    for method in (client.get, client.head):
        response = method(_url(other, evidence), headers={"Range": "bytes=0-99"})
        assert response.status_code == 404
        assert "Content-Range" not in response and "Accept-Ranges" not in response


def test_a_draft_with_a_range_is_served_only_to_its_wizard_run(client, evidence_dirs):
    draft = evidence_ingest(upload=upload("a.mp4", VIDEO, "video/mp4"), flow_id=FLOW_ID)
    ok = client.get(
        reverse("evidence:draft_file", args=[FLOW_ID, draft.id, "original"]),
        headers={"Range": "bytes=0-99"},
    )
    assert ok.status_code == 206 and _body(ok) == VIDEO[:100]
    other = reverse("evidence:draft_file", args=["other-flow-000000000000", draft.id, "original"])
    assert client.get(other, headers={"Range": "bytes=0-99"}).status_code == 404


@override_settings(EVIDENCE_SERVE_MODE="x-accel-redirect")
def test_x_accel_redirect_mode_leaves_ranges_to_nginx(client, case_with_video):
    case, evidence = case_with_video
    response = _get(client, case, evidence, Range="bytes=0-99")
    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Accel-Redirect"] == f"/protected-evidence/{evidence.original_path}"
    assert "Content-Range" not in response and "Accept-Ranges" not in response


@pytest.mark.parametrize(
    ("header", "size", "expected"),
    [
        (None, 10, None),
        ("bytes=0-0", 10, ByteRange(0, 0)),
        ("bytes=0-", 1, ByteRange(0, 0)),
        ("bytes=-5", 3, ByteRange(0, 2)),
        ("bytes=-5", 0, None),  # an empty file is served whole
        ("bytes=3-1", 10, None),
    ],
)
def test_parse_range_edge_cases(header, size, expected):
    assert parse_range(header, size) == expected


@pytest.mark.parametrize(("header", "size"), [("bytes=0-", 0), ("bytes=10-", 10), ("bytes=-0", 5)])
def test_parse_range_refuses_what_selects_no_byte(header, size):
    with pytest.raises(RangeNotSatisfiable):
        parse_range(header, size)
