"""On a phone: the damaged-parcel-at-the-door journey uploads two photos and a video."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.unit.evidence import samples

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONTINUE = "#wizard-form .actions button.button"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.RATELIMIT_ENABLED = False


def choose(page, value: str) -> None:
    page.locator(f'label.radio-row:has(input[value="{value}"])').click()
    page.click(CONTINUE)


def step_name(page) -> str:
    return page.url.rstrip("/").rsplit("/", 1)[-1]


def test_damaged_parcel_photos_and_video_reach_the_result_page(phone, tmp_path):
    page = phone
    (tmp_path / "box.jpg").write_bytes(samples.jpeg((640, 480)))
    (tmp_path / "waybill.heic").write_bytes(samples.heic((320, 240)))
    (tmp_path / "door.mp4").write_bytes(samples.mp4(frames=12))

    page.goto("/start/")
    choose(page, "out_for_delivery")
    choose(page, "damaged")  # the damaged parcel decides the reason: not asked
    while step_name(page) != "details":
        page.locator("label.radio-row input").first.check()
        page.click(CONTINUE)
    page.click(CONTINUE)
    assert step_name(page) == "evidence"
    # 外包装照片/视频 takes photos and videos alike.
    file_input = page.locator('[data-code="package_photo"] input[type=file][data-evidence-input]')
    assert file_input.get_attribute("capture") is None
    assert "video/quicktime" in file_input.get_attribute("accept")
    page.wait_for_selector("[data-evidence-ready]", state="attached")

    file_input.set_input_files([str(tmp_path / n) for n in ("box.jpg", "waybill.heic", "door.mp4")])
    expect(page.locator("[data-evidence-files] [data-evidence-item]")).to_have_count(3)
    expect(page.locator("[data-evidence-upload][data-busy]")).to_have_count(0)
    expect(page.locator("[data-evidence-progress] li")).to_have_count(0)  # no errors left
    thumbs = page.locator("[data-evidence-files] img")
    for index in range(3):
        expect(thumbs.nth(index)).to_have_js_property("complete", True)
    widths = thumbs.evaluate_all("imgs => imgs.map(i => i.naturalWidth)")
    assert all(w > 0 for w in widths), widths

    page.click(CONTINUE)  # evidence -> email
    assert step_name(page) == "email"
    page.click(CONTINUE)
    page.click(CONTINUE)  # check your answers -> result
    page.wait_for_url("**/c/*/")
    panel = page.locator("#evidence")
    for name in ("box.jpg", "waybill.heic", "door.mp4"):
        assert panel.get_by_text(name).count() == 1
    assert panel.locator("a.evidence-packet").count() == 1
