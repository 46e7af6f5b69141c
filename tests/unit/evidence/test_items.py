"""The evidence items as a page shows them, and the codes that feed Facts.evidence_attached."""

from __future__ import annotations

from datetime import date

from wizard import flow
from wizard.evidence.items import (
    accept_for,
    attached_codes,
    code_or_none,
    evidence_groups,
    fits,
)
from wizard.evidence.models import Evidence
from wizard.rules import EvidenceCode, Language, OrderStatus, Reason, label

ZH = Language.ZH_HANS
CHECKLIST = [
    {"code": "item_photo", "label": "商品照片", "required": True},
    {"code": "defect_photo", "label": "问题细节特写", "required": True},
    {"code": "unboxing_video", "label": "开箱视频", "required": False},
]


def _file(name: str, kind: str = "photo", code: str = "") -> Evidence:
    return Evidence(original_name=name, kind=kind, code=code)


def test_each_item_once_in_the_decisions_order_with_its_state_and_files():
    files = [
        _file("a.jpg", code="item_photo"),
        _file("b.jpg", code="item_photo"),
        _file("v.mp4", "video", code="unboxing_video"),
    ]
    groups = evidence_groups([*CHECKLIST, CHECKLIST[0]], files, language=ZH)
    assert [(g["code"], g["state"]) for g in groups] == [
        ("item_photo", "added"),
        ("defect_photo", "missing"),
        ("unboxing_video", "added"),
        ("", "optional"),
    ]
    assert [e["evidence"].original_name for e in groups[0]["files"]] == ["a.jpg", "b.jpg"]
    assert groups[3]["files"] == []


def test_an_optional_item_without_files_says_optional():
    groups = evidence_groups(CHECKLIST, [], language=ZH)
    assert groups[2]["state"] == "optional" and groups[1]["state"] == "missing"


def test_files_of_an_item_no_longer_asked_for_and_files_of_no_item_keep_their_groups():
    files = [_file("w.jpg", code="waybill_photo"), _file("old.jpg")]
    groups = evidence_groups(CHECKLIST, files, language=ZH)
    assert [g["code"] for g in groups] == [
        "item_photo",
        "defect_photo",
        "unboxing_video",
        "waybill_photo",
        "",
    ]
    assert groups[3]["label"] == label(EvidenceCode.WAYBILL_PHOTO, ZH)
    assert groups[3]["state"] == "added"
    assert [e["evidence"].original_name for e in groups[4]["files"]] == ["old.jpg"]


def test_a_file_may_move_only_to_items_that_take_its_kind():
    files = [_file("a.jpg", code="item_photo"), _file("v.mp4", "video")]
    groups = evidence_groups(CHECKLIST, files, language=ZH)
    photo_choices = groups[0]["files"][0]["move_choices"]
    assert [(c["code"], c["current"]) for c in photo_choices] == [
        ("item_photo", True),
        ("defect_photo", False),
    ]
    video_choices = groups[-1]["files"][0]["move_choices"]
    assert [c["code"] for c in video_choices] == ["unboxing_video"]


def test_what_each_item_takes():
    assert fits(EvidenceCode.PACKAGE_PHOTO, "video") and fits(EvidenceCode.PACKAGE_PHOTO, "photo")
    assert fits(EvidenceCode.UNBOXING_VIDEO, "video")
    assert not fits(EvidenceCode.UNBOXING_VIDEO, "photo")
    assert not fits(EvidenceCode.CHAT_SCREENSHOT, "video")
    assert fits(None, "video") and fits(None, "photo")
    assert "video/mp4" in accept_for(EvidenceCode.UNBOXING_VIDEO)
    assert "image/" not in accept_for(EvidenceCode.UNBOXING_VIDEO)
    assert "video/" not in accept_for(EvidenceCode.ITEM_PHOTO)
    assert "image/heic" in accept_for(EvidenceCode.ITEM_PHOTO)


def test_only_files_with_an_item_count_as_attached():
    files = [_file("a.jpg", code="item_photo"), _file("b.jpg", code="item_photo"), _file("c.jpg")]
    assert attached_codes(files) == {EvidenceCode.ITEM_PHOTO}
    assert attached_codes([]) == frozenset()
    assert code_or_none("selfie") is None and code_or_none("") is None


def test_the_runs_file_codes_become_facts_evidence_attached():
    steps = {
        "order_status": OrderStatus.RECEIVED.value,
        "package_condition": "intact",
        "reason": Reason.QUALITY_ISSUE.value,
        "received_on": date(2026, 11, 20),
        "item_condition": "opened_intact",
        "item_category": "standard",
        "shipping_insurance": "no",
        "seller_response": "not_contacted",
    }
    attached = {EvidenceCode.ITEM_PHOTO, EvidenceCode.UNBOXING_VIDEO}
    facts = flow.facts_from_steps(steps, evidence_attached=attached)
    assert facts is not None and facts.evidence_attached == attached
    assert flow.facts_from_steps(steps).evidence_attached == frozenset()


def test_a_cases_file_codes_replace_the_saved_answers_list():
    answers = {
        "order_status": "received",
        "reason": "quality_issue",
        "received_on": "2026-11-20",
        "item_condition": "opened_intact",
        "evidence_attached": ["package_photo", "waybill_photo"],
    }
    assert flow.facts_from_answers(answers).evidence_attached == {
        EvidenceCode.PACKAGE_PHOTO,
        EvidenceCode.WAYBILL_PHOTO,
    }
    files = flow.facts_from_answers(answers, evidence_attached={EvidenceCode.DEFECT_PHOTO})
    assert files.evidence_attached == {EvidenceCode.DEFECT_PHOTO}
    assert flow.facts_from_answers(answers, evidence_attached=()).evidence_attached == frozenset()


def test_a_file_with_nowhere_else_to_go_gets_no_move_control():
    groups = evidence_groups(
        CHECKLIST, [_file("v.mp4", "video", code="unboxing_video")], language=ZH
    )
    assert groups[2]["files"][0]["move_choices"] == []
