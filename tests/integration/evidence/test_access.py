"""Evidence is private: only the case token (or the wizard run's flow_id) reaches a file."""

from __future__ import annotations

import uuid

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.integration.evidence.conftest import FLOW_ID, make_case, upload
from tests.unit.evidence import samples
from wizard.evidence.services import evidence_ingest

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_with_photo(evidence_dirs):
    case = make_case()
    return case, evidence_ingest(upload=upload("门口 照片.jpg", samples.jpeg()), case=case)


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_case_token_serves_the_original_privately(client, case_with_photo):
    case, evidence = case_with_photo
    response = client.get(reverse("evidence:case_file", args=[case.token, evidence.id, "original"]))
    assert response.status_code == 200
    assert _body(response) == samples.jpeg()
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''" in response["Content-Disposition"]


def test_the_preview_is_served_inline(client, case_with_photo):
    case, evidence = case_with_photo
    response = client.get(reverse("evidence:case_file", args=[case.token, evidence.id, "preview"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline;")


@pytest.mark.parametrize(
    "who", ["another case", "no token", "guessed id", "not an id", "unknown variant"]
)
def test_anyone_without_the_right_key_gets_a_404(client, case_with_photo, who):
    case, evidence = case_with_photo
    other = make_case()
    url = {
        "another case": f"/evidence/c/{other.token}/{evidence.id}/original/",
        "no token": f"/evidence/c//{evidence.id}/original/",
        "guessed id": f"/evidence/c/{case.token}/{uuid.uuid4()}/original/",
        "not an id": f"/evidence/c/{case.token}/1/original/",
        "unknown variant": f"/evidence/c/{case.token}/{evidence.id}/thumbnail/",
    }[who]
    assert client.get(url).status_code == 404


def test_media_is_not_reachable_by_a_public_url(client, case_with_photo):
    _, evidence = case_with_photo
    assert client.get("/media/" + evidence.original_path).status_code == 404
    assert client.get("/media-not-public/" + evidence.original_path).status_code == 404


def test_drafts_are_served_only_to_their_wizard_run(client, evidence_dirs):
    draft = evidence_ingest(upload=upload("a.jpg", samples.jpeg()), flow_id=FLOW_ID)
    ok = client.get(reverse("evidence:draft_file", args=[FLOW_ID, draft.id, "preview"]))
    assert ok.status_code == 200 and ok["Cache-Control"] == "private, no-store"
    assert (
        client.get(
            reverse("evidence:draft_file", args=["other-flow-000000000000", draft.id, "preview"])
        ).status_code
        == 404
    )


def test_a_claimed_draft_is_no_longer_reachable_through_the_flow_id(client, evidence_dirs):
    draft = evidence_ingest(upload=upload("a.jpg", samples.jpeg()), flow_id=FLOW_ID)
    draft.case = make_case()
    draft.save()
    assert (
        client.get(reverse("evidence:draft_file", args=[FLOW_ID, draft.id, "original"])).status_code
        == 404
    )


def test_another_case_cannot_remove_or_packet_the_evidence(client, case_with_photo):
    case, evidence = case_with_photo
    other = make_case()
    assert client.post(f"/evidence/c/{other.token}/{evidence.id}/remove/").status_code == 404
    assert client.get("/evidence/c/not-a-token/packet.zip").status_code == 404
    assert case.evidence.count() == 1


@override_settings(EVIDENCE_SERVE_MODE="x-accel-redirect")
def test_x_accel_redirect_mode_hands_the_bytes_to_nginx(client, case_with_photo):
    case, evidence = case_with_photo
    response = client.get(reverse("evidence:case_file", args=[case.token, evidence.id, "original"]))
    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Accel-Redirect"] == f"/protected-evidence/{evidence.original_path}"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"].startswith("attachment;")


@override_settings(EVIDENCE_SERVE_MODE="x-accel-redirect")
def test_x_accel_redirect_mode_still_refuses_a_wrong_token(client, case_with_photo):
    _, evidence = case_with_photo
    response = client.get(f"/evidence/c/{make_case().token}/{evidence.id}/original/")
    assert response.status_code == 404 and "X-Accel-Redirect" not in response
