"""Evidence by checklist item: each file's item stored, moved, and named by the texts."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import pytest
import time_machine
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse

from tests.integration.evidence.conftest import FLOW_ID, make_case, upload
from tests.integration.test_wizard_flow import RECEIVED_SIZE, Flow, _step_of
from tests.unit.evidence import samples
from wizard.evidence.models import Evidence
from wizard.evidence.selectors import evidence_codes_for_case, evidence_codes_for_flow
from wizard.evidence.services import (
    EvidenceRefused,
    evidence_ingest,
    evidence_move,
    evidence_step_apply,
)
from wizard.models import Case
from wizard.rules import EvidenceCode, Language, label
from wizard.selectors import case_decision

pytestmark = pytest.mark.django_db

ZH = Language.ZH_HANS
QUALITY = {**RECEIVED_SIZE, "reason": {"reason": "quality_issue"}}


@pytest.fixture(autouse=True)
def frozen_china_morning():
    cache.clear()
    with time_machine.travel("2026-11-24T02:00:00+00:00", tick=False):
        yield


def attached_items(text: str) -> list[str]:
    found = re.findall(r"已附上：(.+?)。", text)
    assert len(found) <= 1, text
    return found[0].split("、") if found else []


def _walk_to_evidence(flow: Flow, answers: dict) -> None:
    step = "status"
    while step != "evidence":
        step = flow.answer(step, answers[step])


def _finish(client, flow: Flow) -> Case:
    assert flow.answer("email", QUALITY["email"]) == "confirm"
    assert flow.answer("confirm", {}) == "done"
    assert client.get(flow.url("done")).status_code == 302
    return Case.objects.get()


# --- storing and moving --------------------------------------------------------


def test_a_file_is_stored_with_the_item_it_was_added_under(evidence_dirs):
    stored = evidence_ingest(
        upload=upload("cup.jpg", samples.jpeg()), flow_id=FLOW_ID, code=EvidenceCode.ITEM_PHOTO
    )
    assert Evidence.objects.get(pk=stored.pk).code == EvidenceCode.ITEM_PHOTO
    loose = evidence_ingest(upload=upload("other.jpg", samples.jpeg((40, 30))), flow_id=FLOW_ID)
    assert loose.code == ""  # not sorted yet: the texts do not count it
    assert evidence_codes_for_flow(flow_id=FLOW_ID) == {EvidenceCode.ITEM_PHOTO}


def test_a_photo_under_the_unboxing_video_is_refused_in_the_users_language(evidence_dirs):
    from django.utils import translation

    with translation.override("zh-hans"), pytest.raises(EvidenceRefused) as refused:
        evidence_ingest(
            upload=upload("cup.jpg", samples.jpeg()),
            flow_id=FLOW_ID,
            code=EvidenceCode.UNBOXING_VIDEO,
        )
    assert "cup.jpg" in refused.value.message and "开箱视频" in refused.value.message
    assert "需要视频" in refused.value.message
    assert not Evidence.objects.exists()


def test_the_parcel_item_takes_a_photo_or_a_video(evidence_dirs):
    for name, data in (("box.jpg", samples.jpeg()), ("box.mp4", samples.mp4())):
        evidence_ingest(upload=upload(name, data), flow_id=FLOW_ID, code=EvidenceCode.PACKAGE_PHOTO)
    assert Evidence.objects.filter(code=EvidenceCode.PACKAGE_PHOTO).count() == 2


def test_moving_a_file_changes_its_item_and_a_wrong_kind_stays_put(evidence_dirs):
    photo = evidence_ingest(upload=upload("a.jpg", samples.jpeg()), flow_id=FLOW_ID)
    evidence_move(evidence=photo, code=EvidenceCode.DEFECT_PHOTO)
    assert Evidence.objects.get(pk=photo.pk).code == EvidenceCode.DEFECT_PHOTO
    with pytest.raises(EvidenceRefused):
        evidence_move(evidence=photo, code=EvidenceCode.UNBOXING_VIDEO)
    assert Evidence.objects.get(pk=photo.pk).code == EvidenceCode.DEFECT_PHOTO


def test_the_step_service_stores_per_item_moves_and_reports_refusals(evidence_dirs):
    first = evidence_ingest(upload=upload("a.jpg", samples.jpeg()), flow_id=FLOW_ID)
    result = evidence_step_apply(
        flow_id=FLOW_ID,
        uploads_by_code={
            EvidenceCode.ITEM_PHOTO: [upload("b.jpg", samples.jpeg((41, 30)))],
            EvidenceCode.UNBOXING_VIDEO: [upload("c.jpg", samples.jpeg((42, 30)))],
        },
        moves={str(first.id): EvidenceCode.DEFECT_PHOTO, "not-a-uuid": "item_photo"},
    )
    assert [e.original_name for e in result.stored] == ["b.jpg"]
    assert len(result.errors) == 1 and "c.jpg" in result.errors[0]
    codes = dict(Evidence.objects.values_list("original_name", "code"))
    assert codes == {"a.jpg": EvidenceCode.DEFECT_PHOTO, "b.jpg": EvidenceCode.ITEM_PHOTO}


def test_the_upload_endpoint_stores_the_posted_item_and_the_move_endpoint_moves(
    client, evidence_dirs
):
    response = client.post(
        reverse("evidence:draft_upload", args=[FLOW_ID]),
        {"upload": [upload("a.jpg", samples.jpeg())], "code": "item_photo"},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200
    body = response.json()["stored"][0]
    assert body["code"] == "item_photo"
    assert body["original_url"].endswith("/original/") and body["move_url"].endswith("/move/")
    moved = client.post(
        body["move_url"], {"code": "defect_photo"}, headers={"Accept": "application/json"}
    )
    assert moved.json() == {"moved": body["id"], "code": "defect_photo"}
    refused = client.post(
        body["move_url"], {"code": "unboxing_video"}, headers={"Accept": "application/json"}
    )
    assert refused.status_code == 422 and refused.json()["errors"]
    assert Evidence.objects.get().code == EvidenceCode.DEFECT_PHOTO
    # A run not started by this browser reaches nothing.
    other = client.post(reverse("evidence:draft_move", args=["x" * 22, body["id"]]), {"code": ""})
    assert other.status_code == 404


def test_an_unknown_posted_item_leaves_the_file_not_sorted(client, evidence_dirs):
    client.post(
        reverse("evidence:draft_upload", args=[FLOW_ID]),
        {"upload": [upload("a.jpg", samples.jpeg())], "code": "selfie"},
        headers={"Accept": "application/json"},
    )
    assert Evidence.objects.get().code == ""


def test_the_case_page_adds_under_an_item_and_moves_without_javascript(client, evidence_dirs):
    case = make_case()
    added = client.post(
        reverse("evidence:case_add", args=[case.token]),
        {"upload": [upload("cup.jpg", samples.jpeg())], "code": "item_photo"},
    )
    assert added.status_code == 302 and added.url.endswith("#evidence")
    evidence = case.evidence.get()
    assert evidence.code == EvidenceCode.ITEM_PHOTO
    moved = client.post(
        reverse("evidence:case_move", args=[case.token, evidence.id]), {"code": "defect_photo"}
    )
    assert moved.status_code == 302 and moved.url == case.get_absolute_url() + "#evidence"
    assert case.evidence.get().code == EvidenceCode.DEFECT_PHOTO
    refused = client.post(
        reverse("evidence:case_move", args=[case.token, evidence.id]), {"code": "unboxing_video"}
    )
    assert refused.status_code == 400 and "cup.jpg" in refused.content.decode()
    wrong_case = client.post(
        reverse("evidence:case_move", args=[make_case().token, evidence.id]), {"code": ""}
    )
    assert wrong_case.status_code == 404


# --- the texts name exactly the items with files --------------------------------


def test_the_wizard_stores_files_per_item_and_the_texts_name_exactly_those_items(
    client, evidence_dirs
):
    flow = Flow(client)
    _walk_to_evidence(flow, QUALITY)
    page = flow.get("evidence").content.decode()
    for code in ("item_photo", "defect_photo", "unboxing_video"):
        assert f'name="evidence-upload_{code}"' in page
    response = flow.post(
        "evidence",
        {
            "upload_item_photo": [
                upload("front.jpg", samples.jpeg()),
                upload("side.jpg", samples.jpeg((41, 30))),
            ],
            "upload_unboxing_video": [upload("open.mp4", samples.mp4(), "video/mp4")],
        },
    )
    assert response.status_code == 302 and _step_of(response.url) == "email"
    case = _finish(client, flow)

    expected = [label(EvidenceCode.ITEM_PHOTO, ZH), label(EvidenceCode.UNBOXING_VIDEO, ZH)]
    assert evidence_codes_for_case(case=case) == {
        EvidenceCode.ITEM_PHOTO,
        EvidenceCode.UNBOXING_VIDEO,
    }
    # Saved with the case, and re-derived on the case page.
    assert attached_items(case.outcome["messages"]["seller"]) == expected
    html = client.get(case.get_absolute_url()).content.decode()
    seller = re.search(r'id="copy-seller"[^>]*>([^<]*)<', html).group(1)
    assert attached_items(seller) == expected


def test_with_no_upload_the_texts_claim_nothing_attached(client, evidence_dirs):
    flow = Flow(client)
    _walk_to_evidence(flow, QUALITY)
    assert flow.answer("evidence", {}) == "email"
    case = _finish(client, flow)
    decision = case_decision(case=case).to_dict(ZH)
    for text in (decision["request"]["description"], decision["messages"]["seller"]):
        assert "已附上" not in text


def test_without_javascript_a_move_button_re_shows_the_step_with_the_file_moved(
    client, evidence_dirs
):
    flow = Flow(client)
    _walk_to_evidence(flow, QUALITY)
    flow.post("evidence", {"upload_item_photo": [upload("x.jpg", samples.jpeg())]})
    photo = Evidence.objects.get()
    response = flow.post(
        "evidence",
        {
            f"item_{photo.id}": "defect_photo",
            f"item_{photo.id}-was": "item_photo",
            "upload_defect_photo": [upload("y.jpg", samples.jpeg((41, 30)))],
        },
        wizard_goto_step="evidence",
    )
    assert response.status_code == 302 and _step_of(response.url) == "evidence"  # the same step
    assert Evidence.objects.get(pk=photo.pk).code == EvidenceCode.DEFECT_PHOTO
    assert Evidence.objects.get(original_name="y.jpg").code == EvidenceCode.DEFECT_PHOTO
    page = client.get(response.url).content.decode()
    assert f'name="evidence-item_{photo.id}-was" value="defect_photo"' in page
    section = page[
        page.index('data-code="defect_photo"') : page.index('data-code="unboxing_video"')
    ]
    assert "x.jpg" in section and "y.jpg" in section and "已添加" in section


def test_the_case_pages_texts_follow_its_files_after_a_move_and_a_removal(client, evidence_dirs):
    flow = Flow(client)
    _walk_to_evidence(flow, QUALITY)
    flow.post("evidence", {"upload_item_photo": [upload("x.jpg", samples.jpeg())]})
    case = _finish(client, flow)
    evidence = case.evidence.get()
    client.post(
        reverse("evidence:case_move", args=[case.token, evidence.id]), {"code": "defect_photo"}
    )
    seller = case_decision(case=case).to_dict(ZH)["messages"]["seller"]
    assert attached_items(seller) == [label(EvidenceCode.DEFECT_PHOTO, ZH)]
    client.post(reverse("evidence:case_remove", args=[case.token, evidence.id]))
    assert "已附上" not in case_decision(case=case).to_dict(ZH)["messages"]["seller"]


# --- the case page and the packet show each file's item ---------------------------


def test_the_case_panel_lists_files_under_their_items_with_state_and_links(
    client, evidence_dirs, rf
):
    case = make_case()
    photo = evidence_ingest(
        upload=upload("cup.jpg", samples.jpeg()), case=case, code=EvidenceCode.ITEM_PHOTO
    )
    loose = evidence_ingest(upload=upload("old.jpg", samples.jpeg((41, 30))), case=case)
    outcome = {
        "evidence": [
            {"code": "item_photo", "label": "商品照片", "required": True},
            {"code": "defect_photo", "label": "问题细节特写", "required": True},
            {"code": "unboxing_video", "label": "开箱视频", "required": False},
        ]
    }
    from django.utils import translation

    with translation.override("zh-hans"):
        html = render_to_string(
            "evidence/_case_panel.html", {"case": case, "outcome": outcome}, request=rf.get("/")
        )
    order = [m for m in re.findall(r'data-evidence-group data-code="([a-z_]*)"', html)]
    assert order == ["item_photo", "defect_photo", "unboxing_video", ""]
    item = html[html.index('data-code="item_photo"') : html.index('data-code="defect_photo"')]
    assert "cup.jpg" in item and "已添加" in item
    defect = html[html.index('data-code="defect_photo"') : html.index('data-code="unboxing_video"')]
    assert "还缺" in defect
    video = html[html.index('data-code="unboxing_video"') : html.rindex('data-code=""')]
    assert "可选" in video and 'accept="video/' in video
    other = html[html.rindex('data-code=""') :]
    assert "old.jpg" in other and "请选择它拍的是哪一项" in other
    # The thumbnail opens the display copy; the original is its own download link.
    preview = reverse("evidence:case_file", args=[case.token, photo.id, "preview"])
    original = reverse("evidence:case_file", args=[case.token, photo.id, "original"])
    assert re.search(rf'<a class="evidence-file__open" href="{re.escape(preview)}"', item)
    assert re.search(
        rf'<a class="evidence-file__original" href="{re.escape(original)}" download>', item
    )
    assert loose.code == ""


def test_the_display_copy_opens_in_the_browser_and_the_original_downloads(client, evidence_dirs):
    case = make_case()
    photo = evidence_ingest(upload=upload("cup.jpg", samples.jpeg()), case=case)
    preview = client.get(reverse("evidence:case_file", args=[case.token, photo.id, "preview"]))
    assert preview["Content-Type"] == "image/jpeg"
    assert preview["Content-Disposition"].startswith("inline")
    original = client.get(reverse("evidence:case_file", args=[case.token, photo.id, "original"]))
    assert original["Content-Disposition"].startswith("attachment")


def test_the_packet_manifest_names_each_files_item(client, evidence_dirs):
    case = make_case()
    evidence_ingest(
        upload=upload("cup.jpg", samples.jpeg()), case=case, code=EvidenceCode.ITEM_PHOTO
    )
    evidence_ingest(upload=upload("old.jpg", samples.jpeg((41, 30))), case=case)
    response = client.get(reverse("evidence:case_packet", args=[case.token]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    rows = json.loads(archive.read("manifest.json"))["files"]
    rows.sort(key=lambda r: r["original_name"])  # uploaded in the same frozen instant
    assert [(r["original_name"], r["evidence_code"], r["evidence_item"]) for r in rows] == [
        ("cup.jpg", "item_photo", "商品照片"),
        ("old.jpg", "", ""),
    ]
    table = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig"))))
    assert sorted((r["original_name"], r["evidence_code"], r["evidence_item"]) for r in table) == [
        ("cup.jpg", "item_photo", "商品照片"),
        ("old.jpg", "", ""),
    ]


def test_a_stale_page_does_not_undo_a_move_made_since(client, evidence_dirs):
    flow = Flow(client)
    _walk_to_evidence(flow, QUALITY)
    flow.post("evidence", {"upload_item_photo": [upload("x.jpg", samples.jpeg())]})
    photo = Evidence.objects.get()
    evidence_move(evidence=photo, code=EvidenceCode.DEFECT_PHOTO)  # in another tab
    # This tab still shows the photo under item_photo, unchanged: nothing moves back.
    stale = {f"item_{photo.id}": "item_photo", f"item_{photo.id}-was": "item_photo"}
    assert flow.answer("evidence", stale) == "email"
    assert Evidence.objects.get().code == EvidenceCode.DEFECT_PHOTO
