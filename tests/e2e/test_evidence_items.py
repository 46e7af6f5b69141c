"""On a phone: evidence added item by item, and the texts name exactly the items with files."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.clock import TODAY
from tests.unit.evidence import samples
from wizard.evidence.models import Evidence
from wizard.rules import EvidenceCode, Language, label

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONTINUE = "#wizard-form .actions button.button"
ZH = Language.ZH_HANS


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.RATELIMIT_ENABLED = False


def choose(page, value: str) -> None:
    page.locator(f'label.radio-row:has(input[value="{value}"])').click()
    page.click(CONTINUE)


def step_name(page) -> str:
    return page.url.rstrip("/").rsplit("/", 1)[-1]


def walk_to_evidence_for_a_quality_problem(page) -> None:
    """Signed for, the item is faulty: the list asks for item photo, close-up and unboxing video."""
    page.goto("/start/")
    choose(page, "received")
    choose(page, "intact")
    choose(page, "quality_issue")
    page.fill('input[type="date"]', (TODAY - timedelta(days=2)).isoformat())
    page.click(CONTINUE)
    choose(page, "opened_intact")
    page.click(CONTINUE)  # no longer window promised
    choose(page, "standard")
    # A seller's fault: 运费险 is not asked.
    choose(page, "not_contacted")
    assert step_name(page) == "details"
    page.fill("#id_details-product_name", "保温杯")
    page.fill("#id_details-amount_paid", "89.00")
    page.click(CONTINUE)
    assert step_name(page) == "evidence"


def item(page, code: EvidenceCode):
    return page.locator(f'[data-evidence-group][data-code="{code}"]')


def attached_items(text: str) -> list[str]:
    """The items a prepared Chinese text says are attached ([] when it says none)."""
    found = re.findall(r"已附上：(.+?)。", text)
    assert len(found) <= 1, text
    return found[0].split("、") if found else []


def test_two_photos_to_one_item_and_a_video_to_another_are_exactly_what_the_texts_name(
    phone, tmp_path, screenshots_dir
):
    page = phone
    (tmp_path / "cup-front.jpg").write_bytes(samples.jpeg((640, 480)))
    (tmp_path / "cup-side.jpg").write_bytes(samples.jpeg((480, 640)))
    (tmp_path / "unboxing.mp4").write_bytes(samples.mp4(frames=12))
    walk_to_evidence_for_a_quality_problem(page)
    page.wait_for_selector("[data-evidence-ready]", state="attached")

    # The decision's list once, each item with its state and its own add control.
    codes = page.locator("[data-evidence-group]").evaluate_all(
        "groups => groups.map(g => g.dataset.code)"
    )
    assert codes == [
        EvidenceCode.ITEM_PHOTO,
        EvidenceCode.DEFECT_PHOTO,
        EvidenceCode.UNBOXING_VIDEO,
        "",  # other photos or videos
    ]
    assert page.locator("h3", has_text=label(EvidenceCode.ITEM_PHOTO, ZH)).count() == 1
    expect(item(page, EvidenceCode.ITEM_PHOTO).locator("[data-evidence-state]")).to_have_text(
        "还缺"
    )
    expect(item(page, EvidenceCode.UNBOXING_VIDEO).locator("[data-evidence-state]")).to_have_text(
        "可选"
    )
    photo_input = item(page, EvidenceCode.ITEM_PHOTO).locator("input[type=file]")
    video_input = item(page, EvidenceCode.UNBOXING_VIDEO).locator("input[type=file]")
    # The album stays possible: no forced camera.
    assert photo_input.get_attribute("capture") is None
    assert video_input.get_attribute("capture") is None
    assert "video/" not in photo_input.get_attribute("accept")
    assert "image/" not in video_input.get_attribute("accept")
    page.screenshot(path=str(screenshots_dir / "evidence_items_empty.png"), full_page=True)

    photo_input.set_input_files([str(tmp_path / "cup-front.jpg"), str(tmp_path / "cup-side.jpg")])
    expect(item(page, EvidenceCode.ITEM_PHOTO).locator("[data-evidence-item]")).to_have_count(2)
    video_input.set_input_files(str(tmp_path / "unboxing.mp4"))
    expect(item(page, EvidenceCode.UNBOXING_VIDEO).locator("[data-evidence-item]")).to_have_count(1)
    expect(page.locator("[data-evidence-upload][data-busy]")).to_have_count(0)
    expect(page.locator("[data-evidence-progress] li")).to_have_count(0)  # nothing refused
    expect(item(page, EvidenceCode.ITEM_PHOTO).locator("[data-evidence-state]")).to_have_text(
        "已添加"
    )
    expect(item(page, EvidenceCode.DEFECT_PHOTO).locator("[data-evidence-state]")).to_have_text(
        "还缺"
    )
    expect(item(page, EvidenceCode.UNBOXING_VIDEO).locator("[data-evidence-state]")).to_have_text(
        "已添加"
    )
    assert sorted(Evidence.objects.values_list("code", flat=True)) == sorted(
        [EvidenceCode.ITEM_PHOTO, EvidenceCode.ITEM_PHOTO, EvidenceCode.UNBOXING_VIDEO]
    )
    thumbs = page.locator("[data-evidence-files] img")
    expect(thumbs).to_have_count(3)
    for index in range(3):
        expect(thumbs.nth(index)).to_have_js_property("complete", True)
    page.reload()  # the server renders the same items, states and files
    expect(item(page, EvidenceCode.ITEM_PHOTO).locator("[data-evidence-item]")).to_have_count(2)
    page.screenshot(path=str(screenshots_dir / "evidence_items_added.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.click(CONTINUE)  # evidence -> email
    assert step_name(page) == "email"
    page.click(CONTINUE)
    page.click(CONTINUE)  # check your answers -> result
    page.wait_for_url("**/c/*/")

    expected = [label(EvidenceCode.ITEM_PHOTO, ZH), label(EvidenceCode.UNBOXING_VIDEO, ZH)]
    seller = page.input_value("#copy-seller")
    assert attached_items(seller) == expected, seller
    # The refund form's 200 characters may leave the evidence out, never name other items.
    request = page.input_value("#copy-request")
    assert attached_items(request) in ([], expected), request
    for text in (seller, request):
        assert label(EvidenceCode.DEFECT_PHOTO, ZH) not in text
    panel = page.locator("#evidence")
    expect(panel.locator('[data-code="item_photo"] [data-evidence-item]')).to_have_count(2)
    expect(panel.locator('[data-code="unboxing_video"] [data-evidence-item]')).to_have_count(1)
    panel.scroll_into_view_if_needed()
    panel_thumbs = panel.locator("img.evidence-file__thumb")
    for index in range(panel_thumbs.count()):
        panel_thumbs.nth(index).scroll_into_view_if_needed()
        expect(panel_thumbs.nth(index)).to_have_js_property("complete", True)
    panel.screenshot(path=str(screenshots_dir / "evidence_items_case_panel.png"))

    # A thumbnail opens the display copy in the browser; the original is a download.
    thumb_link = panel.locator('[data-code="item_photo"] a.evidence-file__open').first
    preview = page.request.get(thumb_link.get_attribute("href"))
    assert preview.headers["content-type"] == "image/jpeg"
    assert preview.headers["content-disposition"].startswith("inline")
    original_link = panel.locator('[data-code="item_photo"] a.evidence-file__original').first
    assert original_link.get_attribute("download") is not None
    original = page.request.get(original_link.get_attribute("href"))
    assert original.headers["content-disposition"].startswith("attachment")

    # The video has nowhere else to go (the other items take photos): no move control;
    # moving one photo to the close-up item changes the texts on the case page.
    video_row = panel.locator('[data-code="unboxing_video"] [data-evidence-item]')
    assert video_row.locator("select").count() == 0
    photo_row = panel.locator('[data-code="item_photo"] [data-evidence-item]').first
    with page.expect_navigation():
        photo_row.locator("select").select_option(EvidenceCode.DEFECT_PHOTO)
    expect(panel.locator('[data-code="defect_photo"] [data-evidence-item]')).to_have_count(1)
    moved = [
        label(EvidenceCode.ITEM_PHOTO, ZH),
        label(EvidenceCode.DEFECT_PHOTO, ZH),
        label(EvidenceCode.UNBOXING_VIDEO, ZH),
    ]
    assert attached_items(page.input_value("#copy-seller")) == moved


def test_without_javascript_files_go_under_their_item_and_move(
    new_phone, tmp_path, screenshots_dir
):
    page = new_phone(java_script_enabled=False).new_page()
    (tmp_path / "close-up.jpg").write_bytes(samples.jpeg((320, 240)))
    walk_to_evidence_for_a_quality_problem(page)

    item(page, EvidenceCode.ITEM_PHOTO).locator("input[type=file]").set_input_files(
        str(tmp_path / "close-up.jpg")
    )
    item(page, EvidenceCode.ITEM_PHOTO).locator("button[data-evidence-submit]").click()
    assert step_name(page) == "evidence"
    rows = item(page, EvidenceCode.ITEM_PHOTO).locator("[data-evidence-item]")
    expect(rows).to_have_count(1)
    assert item(page, EvidenceCode.ITEM_PHOTO).locator("[data-evidence-state]").inner_text() == (
        "已添加"
    )
    rows.first.locator("select").select_option(EvidenceCode.DEFECT_PHOTO)
    rows.first.locator("button[data-evidence-move-submit]").click()
    assert step_name(page) == "evidence"
    expect(item(page, EvidenceCode.DEFECT_PHOTO).locator("[data-evidence-item]")).to_have_count(1)
    expect(item(page, EvidenceCode.ITEM_PHOTO).locator("[data-evidence-item]")).to_have_count(0)
    page.screenshot(path=str(screenshots_dir / "evidence_items_no_js.png"), full_page=True)

    page.click(CONTINUE)
    page.click(CONTINUE)
    page.click(CONTINUE)
    page.wait_for_url("**/c/*/")
    seller = page.locator("#copy-seller").input_value()
    assert attached_items(seller) == [label(EvidenceCode.DEFECT_PHOTO, ZH)]


def test_with_javascript_a_file_moves_to_another_item_at_once(phone, tmp_path):
    page = phone
    (tmp_path / "crack.jpg").write_bytes(samples.jpeg((320, 240)))
    walk_to_evidence_for_a_quality_problem(page)
    page.wait_for_selector("[data-evidence-ready]", state="attached")
    item(page, EvidenceCode.ITEM_PHOTO).locator("input[type=file]").set_input_files(
        str(tmp_path / "crack.jpg")
    )
    row = item(page, EvidenceCode.ITEM_PHOTO).locator("[data-evidence-item]")
    expect(row).to_have_count(1)
    assert row.locator("button[data-evidence-move-submit]").count() == 0  # JS needs no button
    row.locator("select").select_option(EvidenceCode.DEFECT_PHOTO)
    expect(item(page, EvidenceCode.DEFECT_PHOTO).locator("[data-evidence-item]")).to_have_count(1)
    expect(item(page, EvidenceCode.ITEM_PHOTO).locator("[data-evidence-item]")).to_have_count(0)
    expect(item(page, EvidenceCode.DEFECT_PHOTO).locator("[data-evidence-state]")).to_have_text(
        "已添加"
    )
    expect(item(page, EvidenceCode.ITEM_PHOTO).locator("[data-evidence-state]")).to_have_text(
        "还缺"
    )
    page.reload()  # stored: the server shows it under its new item
    expect(item(page, EvidenceCode.DEFECT_PHOTO).locator("[data-evidence-item]")).to_have_count(1)
    assert Evidence.objects.get().code == EvidenceCode.DEFECT_PHOTO
    # Sent on with Continue, the page's selects (now showing the new item) move nothing back.
    page.click(CONTINUE)
    assert step_name(page) == "email"
    assert Evidence.objects.get().code == EvidenceCode.DEFECT_PHOTO
