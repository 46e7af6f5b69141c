"""Uploads through the real endpoints: hostile files refused by name, valid ones kept."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import pytest
import time_machine
from django.urls import reverse
from PIL import Image

from tests.integration.evidence.conftest import FLOW_ID, files_under, make_case, upload
from tests.unit.evidence import samples
from tests.unit.evidence.test_validation import HOSTILE
from wizard.evidence.forms import EvidenceStepForm
from wizard.evidence.models import Evidence
from wizard.evidence.services import (
    evidence_claim_drafts,
    evidence_delete_for_case,
    evidence_ingest,
    evidence_step_apply,
)
from wizard.evidence.tasks import purge_abandoned_uploads

pytestmark = pytest.mark.django_db


def _post_draft(client, files, flow_id=FLOW_ID, **headers):
    return client.post(
        reverse("evidence:draft_upload", args=[flow_id]),
        {"upload": files},
        headers={"Accept": "application/json", **headers},
    )


def test_hostile_files_are_refused_by_name_and_valid_ones_in_the_same_upload_kept(
    client, evidence_dirs
):
    hostile = [
        upload(f"{label.replace(' ', '_')}.jpg", make()) for label, (make, _) in HOSTILE.items()
    ]
    valid = [
        upload("parcel.jpg", samples.jpeg()),
        upload("unboxing.mp4", samples.mp4(), "video/mp4"),
    ]
    response = _post_draft(client, [valid[0], *hostile, valid[1]])

    assert response.status_code == 422
    body = response.json()
    assert len(body["errors"]) == len(HOSTILE) >= 25
    for label in HOSTILE:
        assert any(label.replace(" ", "_") in error for error in body["errors"]), label
    assert [item["name"] for item in body["stored"]] == ["parcel.jpg", "unboxing.mp4"]
    # Two originals and two previews; nothing of the refused files, nothing in temp.
    assert len(files_under(evidence_dirs["media"])) == 4
    assert files_under(evidence_dirs["temp"]) == []


def test_refused_files_are_named_in_chinese_for_a_chinese_user(client, evidence_dirs):
    response = _post_draft(
        client, [upload("notes.jpg", samples.TEXT)], **{"Accept-Language": "zh-hans"}
    )
    error = response.json()["errors"][0]
    assert "notes.jpg" in error
    assert "不是" in error or "照片" in error


def test_a_path_in_the_file_name_is_kept_only_as_a_harmless_display_name(client, evidence_dirs):
    response = _post_draft(client, [upload("../../../etc/evil.jpg", samples.jpeg())])
    assert response.status_code == 200
    evidence = Evidence.objects.get()
    assert evidence.original_name == "evil.jpg"
    assert evidence.original_path.startswith("evidence/") and "evil" not in evidence.original_path


def test_a_nul_and_a_very_long_unicode_name_are_sanitised(evidence_dirs):
    evidence = evidence_ingest(
        upload=upload("包裹\x00" * 80 + ".jpg", samples.jpeg()), flow_id=FLOW_ID
    )
    assert "\x00" not in evidence.original_name
    assert len(evidence.original_name) <= 100 and evidence.original_name.endswith(".jpg")


def test_too_many_photos_keeps_the_first_and_refuses_the_rest(client, evidence_dirs, settings):
    settings.EVIDENCE_MAX_PHOTOS = 2
    response = _post_draft(
        client, [upload(f"p{i}.jpg", samples.jpeg((40 + i, 30))) for i in range(3)]
    )
    body = response.json()
    assert [s["name"] for s in body["stored"]] == ["p0.jpg", "p1.jpg"]
    assert "p2.jpg" in body["errors"][0] and "2" in body["errors"][0]
    assert len(files_under(evidence_dirs["media"])) == 4


def test_a_video_one_byte_over_the_limit_stores_nothing(client, evidence_dirs, settings):
    data = samples.mp4()
    settings.EVIDENCE_MAX_VIDEO_BYTES = len(data) - 1
    body = _post_draft(client, [upload("big.mp4", data, "video/mp4")]).json()
    assert body["stored"] == [] and "big.mp4" in body["errors"][0]
    assert files_under(evidence_dirs["media"]) == []
    assert files_under(evidence_dirs["temp"]) == []


def test_the_original_bytes_are_stored_unchanged_with_their_hash(evidence_dirs):
    data = samples.jpeg(gps=True)
    evidence = evidence_ingest(upload=upload("a.jpg", data), flow_id=FLOW_ID)
    stored = (evidence_dirs["media"] / evidence.original_path).read_bytes()
    assert stored == data
    assert evidence.sha256 == hashlib.sha256(data).hexdigest()
    assert evidence.size == len(data) and evidence.content_type == "image/jpeg"


def test_the_same_photo_sent_twice_is_kept_once(client, evidence_dirs):
    """A phone that resends after a timeout must not leave two copies of one photo."""
    photo = samples.jpeg()
    first = evidence_ingest(upload=upload("parcel.jpg", photo), flow_id=FLOW_ID)
    again = evidence_ingest(upload=upload("parcel (1).jpg", photo), flow_id=FLOW_ID)
    assert again.pk == first.pk
    assert Evidence.objects.filter(flow_id=FLOW_ID).count() == 1
    assert len(files_under(evidence_dirs["media"])) == 2  # one original, one preview
    other = evidence_ingest(upload=upload("parcel.jpg", photo), flow_id=FLOW_ID[:-1] + "2")
    assert other.pk != first.pk  # another wizard run keeps its own copy


def test_a_real_heic_photo_and_a_real_mp4_are_stored_with_previews(evidence_dirs):
    photo = evidence_ingest(
        upload=upload("IMG_0001.HEIC", samples.heic(), "image/heic"), flow_id=FLOW_ID
    )
    video = evidence_ingest(
        upload=upload("IMG_0002.MOV", samples.mp4(), "video/quicktime"), flow_id=FLOW_ID
    )
    assert (photo.kind, photo.content_type) == ("photo", "image/heic")
    assert (video.kind, video.content_type, video.duration) == (
        "video",
        "video/mp4",
        pytest.approx(0.6, abs=0.15),
    )
    for evidence in (photo, video):
        preview = Image.open(evidence_dirs["media"] / evidence.preview_path)
        assert preview.format == "JPEG"


# --- the wizard's step form ---------------------------------------------------


def test_the_step_service_keeps_valid_files_and_the_form_reports_refused_ones(evidence_dirs):
    from django.utils.datastructures import MultiValueDict

    result = evidence_step_apply(
        flow_id=FLOW_ID,
        uploads=[upload("ok.jpg", samples.jpeg()), upload("bad.jpg", samples.HTML)],
        remove=[],
    )
    assert [e.original_name for e in result.stored] == ["ok.jpg"]
    assert len(result.errors) == 1 and "bad.jpg" in result.errors[0]
    files = MultiValueDict({"evidence-upload": [upload("ok.jpg", samples.jpeg())]})
    form = EvidenceStepForm(
        {},
        files,
        prefix="evidence",
        flow_id=FLOW_ID,
        evidence_codes=["package_photo"],
        refused=result.errors,
    )
    assert not form.is_valid()
    assert form.errors["upload"] == result.errors
    assert [e.original_name for e in form.stored_uploads] == ["ok.jpg"]
    assert not form.files  # formtools must not try to store the uploads


def test_the_step_form_only_validates_it_stores_nothing(evidence_dirs):
    from django.utils.datastructures import MultiValueDict

    keep = evidence_ingest(upload=upload("keep.jpg", samples.jpeg()), flow_id=FLOW_ID)
    files = MultiValueDict({"evidence-upload": [upload("new.jpg", samples.jpeg((41, 30)))]})
    data = {"evidence-remove": [str(keep.id)]}
    form = EvidenceStepForm(data, files, prefix="evidence", flow_id=FLOW_ID, evidence_codes=[])
    assert form.is_valid(), form.errors
    assert form.cleaned_data["uploads"] == [str(keep.id)]
    assert list(Evidence.objects.values_list("original_name", flat=True)) == ["keep.jpg"]
    assert (evidence_dirs["media"] / keep.original_path).exists()


def test_step_form_revalidates_from_stored_uploads_without_files(evidence_dirs):
    evidence_step_apply(
        flow_id=FLOW_ID,
        uploads=[upload("a.jpg", samples.jpeg()), upload("b.mp4", samples.mp4())],
        remove=[],
    )
    posted = {"evidence-remove": []}
    again = EvidenceStepForm(posted, {}, prefix="evidence", flow_id=FLOW_ID, evidence_codes=[])
    assert again.is_valid()
    assert len(again.cleaned_data["uploads"]) == 2
    assert Evidence.objects.filter(flow_id=FLOW_ID, case=None).count() == 2


def test_the_step_service_removes_the_ticked_files_only(
    evidence_dirs, django_capture_on_commit_callbacks
):
    keep = evidence_ingest(upload=upload("keep.jpg", samples.jpeg()), flow_id=FLOW_ID)
    drop = evidence_ingest(upload=upload("drop.jpg", samples.jpeg((41, 30))), flow_id=FLOW_ID)
    other_flow = evidence_ingest(
        upload=upload("x.jpg", samples.jpeg()), flow_id="another-flow-0000000001"
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = evidence_step_apply(
            flow_id=FLOW_ID, uploads=[], remove=[str(drop.id), str(other_flow.id), "not-a-uuid"]
        )
    assert result.errors == [] and result.stored == []
    form = EvidenceStepForm({}, {}, prefix="evidence", flow_id=FLOW_ID, evidence_codes=[])
    assert form.is_valid(), form.errors
    assert form.cleaned_data["uploads"] == [str(keep.id)]
    assert Evidence.objects.filter(pk=other_flow.pk).exists()
    assert not (evidence_dirs["media"] / drop.original_path).exists()


def test_the_wizards_evidence_page_stores_files_posted_without_javascript(
    client, evidence_dirs, django_capture_on_commit_callbacks, pinned_clock
):
    from tests.integration.test_wizard_flow import RECEIVED_SIZE, Flow

    flow = Flow(client)
    step = "status"
    while step != "evidence":
        step = flow.answer(step, RECEIVED_SIZE[step])
    evidence_ingest(upload=upload("keep.jpg", samples.jpeg()), flow_id=flow.flow_id)
    drop = evidence_ingest(upload=upload("drop.jpg", samples.jpeg((41, 30))), flow_id=flow.flow_id)
    payload = {
        f"{flow.prefix}-current_step": "evidence",
        "evidence-upload": [
            upload("parcel.jpg", samples.jpeg((50, 40))),
            upload("bad.jpg", samples.HTML),
        ],
        "evidence-remove": [str(drop.id)],
    }
    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(flow.url("evidence"), payload)
    assert refused.status_code == 200  # the same page again, naming the refused file
    assert any("bad.jpg" in e for e in refused.context["form"].errors["upload"])
    names = set(
        Evidence.objects.filter(flow_id=flow.flow_id).values_list("original_name", flat=True)
    )
    assert names == {"keep.jpg", "parcel.jpg"}
    assert not (evidence_dirs["media"] / drop.original_path).exists()

    accepted = client.post(
        flow.url("evidence"),
        {
            f"{flow.prefix}-current_step": "evidence",
            "evidence-upload": [upload("label.jpg", samples.jpeg((60, 30)))],
        },
    )
    assert accepted.status_code == 302 and accepted.url.endswith("/email/")
    assert Evidence.objects.filter(flow_id=flow.flow_id).count() == 3
    # Re-validating the stored page (the final check) stores nothing twice.
    assert flow.answer("email", {}) == "confirm"
    assert Evidence.objects.filter(flow_id=flow.flow_id).count() == 3
    assert flow.answer("confirm", {}) == "done"
    done = client.get(flow.url("done"))
    assert done.status_code == 302 and done.url.startswith("/c/")
    assert Evidence.objects.filter(case__isnull=False).count() == 3


def test_files_ticked_for_removal_go_when_the_user_goes_back(
    client, evidence_dirs, django_capture_on_commit_callbacks, pinned_clock
):
    from tests.integration.test_wizard_flow import RECEIVED_SIZE, Flow

    flow = Flow(client)
    step = "status"
    while step != "evidence":
        step = flow.answer(step, RECEIVED_SIZE[step])
    keep = evidence_ingest(upload=upload("keep.jpg", samples.jpeg()), flow_id=flow.flow_id)
    drop = evidence_ingest(upload=upload("drop.jpg", samples.jpeg((41, 30))), flow_id=flow.flow_id)
    with django_capture_on_commit_callbacks(execute=True):
        back = client.post(
            flow.url("evidence"),
            {
                f"{flow.prefix}-current_step": "evidence",
                "wizard_goto_step": "details",
                "evidence-remove": [str(drop.id)],
            },
        )
    assert back.status_code == 302 and back.url.endswith("/details/")
    assert list(Evidence.objects.filter(flow_id=flow.flow_id)) == [keep]
    assert not (evidence_dirs["media"] / drop.original_path).exists()


def test_upload_widget_lists_checklist_input_and_uploaded_files(evidence_dirs, rf):
    from django.template.loader import render_to_string

    evidence_ingest(upload=upload("waybill.jpg", samples.jpeg()), flow_id=FLOW_ID)
    form = EvidenceStepForm(prefix="evidence", flow_id=FLOW_ID, evidence_codes=["waybill_photo"])
    html = render_to_string(
        "evidence/_upload_widget.html",
        {
            "form": form,
            "flow_id": FLOW_ID,
            "evidence": [{"code": "waybill_photo", "label": "面单", "required": True}],
        },
    )
    assert 'type="file"' in html and "multiple" in html and "capture" not in html
    assert (
        'accept="image/jpeg,image/png,image/webp,image/heic,image/heif,video/mp4,video/quicktime,video/webm"'
        in html
    )
    assert "面单" in html and "waybill.jpg" in html and 'name="evidence-remove"' in html
    assert "style=" not in html and "onclick" not in html


# --- claim, delete, purge ---------------------------------------------------------


def test_claiming_moves_the_flows_drafts_onto_the_case(evidence_dirs):
    mine = evidence_ingest(upload=upload("a.jpg", samples.jpeg()), flow_id=FLOW_ID)
    theirs = evidence_ingest(
        upload=upload("b.jpg", samples.jpeg()), flow_id="someone-else-000000000"
    )
    case = make_case()
    assert evidence_claim_drafts(case=case, flow_id=FLOW_ID) == 1
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.case == case and theirs.case is None


def test_case_create_claims_the_drafts_of_its_wizard_run(evidence_dirs):
    from tests.unit.rules.factories import facts as make_facts
    from wizard.flow import answers_from_facts
    from wizard.services import case_create

    evidence_ingest(upload=upload("a.jpg", samples.jpeg()), flow_id=FLOW_ID)
    facts = make_facts()
    case = case_create(
        facts=facts, answers=answers_from_facts(facts), language="zh-hans", flow_id=FLOW_ID
    )
    assert case.evidence.count() == 1
    assert not Evidence.objects.filter(case=None).exists()


def test_deleting_a_case_deletes_its_files_after_commit(
    evidence_dirs, django_capture_on_commit_callbacks
):
    from wizard.services import case_delete

    case = make_case()
    evidence = evidence_ingest(upload=upload("a.mp4", samples.mp4()), case=case)
    with django_capture_on_commit_callbacks(execute=True):
        case_delete(case=case)
    assert not Evidence.objects.filter(pk=evidence.pk).exists()
    assert files_under(evidence_dirs["media"]) == []


def test_delete_for_case_keeps_files_when_the_transaction_rolls_back(evidence_dirs):
    from django.db import transaction

    case = make_case()
    evidence_ingest(upload=upload("a.jpg", samples.jpeg()), case=case)
    with pytest.raises(RuntimeError), transaction.atomic():
        evidence_delete_for_case(case=case)
        raise RuntimeError("rollback")
    assert len(files_under(evidence_dirs["media"])) == 2


def test_purge_removes_drafts_abandoned_for_a_day_and_nothing_else(
    evidence_dirs, django_capture_on_commit_callbacks
):
    with time_machine.travel("2026-11-20T02:00:00+00:00", tick=False):
        old = evidence_ingest(upload=upload("old.jpg", samples.jpeg()), flow_id=FLOW_ID)
        claimed = evidence_ingest(upload=upload("kept.jpg", samples.jpeg()), case=make_case())
    with time_machine.travel("2026-11-20T03:00:00+00:00", tick=False):
        fresh = evidence_ingest(
            upload=upload("fresh.jpg", samples.jpeg()), flow_id="fresh-flow-00000000000"
        )
    with (
        time_machine.travel("2026-11-21T02:30:00+00:00", tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert purge_abandoned_uploads() == 1
    assert set(Evidence.objects.values_list("pk", flat=True)) == {claimed.pk, fresh.pk}
    assert not (evidence_dirs["media"] / old.original_path).exists()
    assert len(files_under(evidence_dirs["media"])) == 4


# --- the case page: add more, packet ---------------------------------------------


def test_add_more_evidence_on_the_case_page(client, evidence_dirs):
    case = make_case()
    response = client.post(
        reverse("evidence:case_add", args=[case.token]),
        {"upload": [upload("more.jpg", samples.jpeg())]},
    )
    assert response.status_code == 302 and response.url.endswith("#evidence")
    assert case.evidence.get().original_name == "more.jpg"


def test_add_more_evidence_shows_refused_files_and_keeps_the_rest(client, evidence_dirs):
    case = make_case()
    files = [upload("good.jpg", samples.jpeg()), upload("bad.gif", samples.other_image("GIF"))]
    response = client.post(reverse("evidence:case_add", args=[case.token]), {"upload": files})
    assert response.status_code == 400
    assert "bad.gif" in response.content.decode() and "GIF" in response.content.decode()
    assert case.evidence.get().original_name == "good.jpg"


def test_add_more_evidence_to_an_unknown_case_is_a_404(client, evidence_dirs):
    response = client.post(
        reverse("evidence:case_add", args=["nope"]), {"upload": [upload("a.jpg", samples.jpeg())]}
    )
    assert response.status_code == 404
    assert files_under(evidence_dirs["media"]) == []


def test_case_panel_shows_files_and_the_packet_link(client, evidence_dirs, rf, pinned_clock):
    from django.template.loader import render_to_string

    case = make_case()
    evidence_ingest(
        upload=upload(
            "crushed.jpg", samples.jpeg(taken=__import__("datetime").datetime(2026, 11, 20, 9, 0))
        ),
        case=case,
    )
    html = render_to_string("evidence/_case_panel.html", {"case": case}, request=rf.get("/"))
    assert "crushed.jpg" in html and "2026-11-20 09:00" in html
    assert reverse("evidence:case_packet", args=[case.token]) in html
    assert "style=" not in html and "onclick" not in html


def test_the_packet_holds_the_originals_and_a_manifest_of_their_hashes(client, evidence_dirs):
    case = make_case()
    photo = samples.jpeg()
    video = samples.mp4()
    evidence_ingest(upload=upload("门口.jpg", photo), case=case)
    evidence_ingest(upload=upload("clip.mp4", video, "video/mp4"), case=case)
    response = client.get(reverse("evidence:case_packet", args=[case.token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Cache-Control"] == "private, no-store"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    manifest = json.loads(archive.read("manifest.json"))
    assert [row["sha256"] for row in manifest["files"]] == [
        hashlib.sha256(photo).hexdigest(),
        hashlib.sha256(video).hexdigest(),
    ]
    for row in manifest["files"]:
        assert hashlib.sha256(archive.read(row["file"])).hexdigest() == row["sha256"]
    assert "门口.jpg" in archive.read("manifest.csv").decode("utf-8-sig")


def test_one_list_of_accepted_types_feeds_both_file_inputs_and_their_hints(evidence_dirs, rf):
    from django.template.loader import render_to_string
    from django.utils import translation

    from wizard.evidence.validation import ACCEPTED_TYPES, accepted_hint

    case = make_case()
    form = EvidenceStepForm(flow_id=FLOW_ID)
    with translation.override("zh-hans"):
        panel = render_to_string("evidence/_case_panel.html", {"case": case}, request=rf.get("/"))
        widget = render_to_string(
            "evidence/_upload_widget.html", {"form": form, "flow_id": FLOW_ID, "evidence": []}
        )
        hint = accepted_hint()
    accept = 'accept="' + ",".join(t.content_type for t in ACCEPTED_TYPES) + '"'
    assert accept in panel and accept in widget
    formats = "照片支持 JPEG、PNG、WebP、HEIC、HEIF；视频支持 MP4、MOV、WebM。"
    assert formats in panel and formats in widget
    assert hint == "请上传照片（JPEG、PNG、WebP、HEIC、HEIF）或视频（MP4、MOV、WebM）。"
