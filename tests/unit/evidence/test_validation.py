"""Files are judged by their bytes: real phone formats pass, hostile files are refused."""

from __future__ import annotations

import io
import struct
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image, JpegImagePlugin

from tests.unit.evidence import samples
from wizard.evidence.validation import EvidenceRejected, inspect_file, photo, sniff, structure

TAKEN = datetime(2024, 5, 1, 10, 30, 0)


def _inspect(tmp_path: Path, data: bytes, name: str = "upload.bin"):
    path = tmp_path / name
    path.write_bytes(data)
    return inspect_file(path)


@pytest.mark.parametrize(
    ("make", "code", "kind"),
    [
        (lambda: samples.jpeg(), "jpeg", "photo"),
        (lambda: samples.png(alpha=True), "png", "photo"),
        (lambda: samples.webp(), "webp", "photo"),
        (lambda: samples.heic(), "heic", "photo"),
        (lambda: samples.mp4(), "mp4", "video"),
        (lambda: samples.mov(), "mov", "video"),
        (lambda: samples.webm(), "webm", "video"),
    ],
)
def test_accepts_phone_photo_and_video_formats_by_their_bytes(tmp_path, make, code, kind):
    result = _inspect(tmp_path, make(), "renamed.txt")
    assert result.type.code == code
    assert result.type.kind == kind
    preview = Image.open(io.BytesIO(result.preview))
    assert preview.format == "JPEG"


def test_an_android_motion_photo_is_accepted_as_a_photo(tmp_path):
    """Google's motion photos are a JPEG with a short MP4 after it: a whole, valid file."""
    result = _inspect(tmp_path, samples.jpeg((64, 48)) + samples.mp4(), "PXL_20261120.MP.jpg")
    assert result.type.code == "jpeg"
    assert result.type.kind == "photo"


MOTION_PHOTO_VERSION = samples.sef_block(
    samples.SEF_MOTION_PHOTO_VERSION, b"MotionPhoto_Version", b"mpv3"
)


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: samples.samsung_motion_photo(), id="utc-mcc-video"),
        pytest.param(
            lambda: samples.samsung_motion_photo(
                blocks=[
                    samples.sef_block(
                        samples.SEF_MOTION_PHOTO_DATA, b"MotionPhoto_Data", samples.mp4()
                    ),
                    MOTION_PHOTO_VERSION,
                ],
                version=107,
            ),
            id="video-then-version",
        ),
    ],
)
def test_a_samsung_motion_photo_is_accepted_as_a_photo(tmp_path, make):
    """Galaxy phones put the MP4 in a block of an SEF trailer that lists every byte."""
    result = _inspect(tmp_path, make(), "20240501_103000.jpg")
    assert (result.type.code, result.type.kind) == ("jpeg", "photo")
    assert result.type.content_type == "image/jpeg"
    preview = Image.open(io.BytesIO(result.preview))
    assert preview.format == "JPEG"
    assert preview.size == (64, 48)


def test_a_samsung_photo_whose_trailer_holds_only_small_metadata_is_accepted(tmp_path):
    """Motion photo off: the trailer still carries the capture time and country code."""
    data = samples.samsung_motion_photo(
        blocks=[
            samples.sef_block(samples.SEF_IMAGE_UTC_DATA, b"Image_UTC_Data", b"1714530600000"),
            samples.sef_block(samples.SEF_MCC_DATA, b"MCC_Data", b"460"),
            samples.sef_block(0x0C61, b"Camera_Capture_Mode_Info", b"1"),
        ]
    )
    assert _inspect(tmp_path, data).type.code == "jpeg"


def test_a_video_renamed_jpg_is_judged_a_video_by_its_bytes(tmp_path):
    assert _inspect(tmp_path, samples.mp4(), "IMG_0001.jpg").type.code == "mp4"


def test_reads_the_capture_time_from_exif_in_china_time(tmp_path):
    result = _inspect(tmp_path, samples.jpeg(taken=TAKEN))
    assert result.captured_at.isoformat() == "2024-05-01T10:30:00+08:00"


def test_reads_the_capture_time_of_an_iphone_heic(tmp_path):
    result = _inspect(tmp_path, samples.heic(taken=TAKEN))
    assert result.type.content_type == "image/heic"
    assert result.captured_at.isoformat() == "2024-05-01T10:30:00+08:00"


def test_display_copy_drops_gps_and_every_other_metadata(tmp_path):
    original = samples.jpeg(taken=TAKEN, gps=True)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the sample has GPS
    preview = _inspect(tmp_path, original).preview
    img = Image.open(io.BytesIO(preview))
    assert len(img.getexif()) == 0
    assert "exif" not in img.info and "icc_profile" not in img.info
    assert b"Exif" not in preview and b"GPS" not in preview


def test_display_copy_applies_exif_orientation(tmp_path):
    # Orientation 6: stored landscape 64x48, shown portrait 48x64.
    result = _inspect(tmp_path, samples.jpeg((64, 48), orientation=6))
    img = Image.open(io.BytesIO(result.preview))
    assert img.size == (48, 64)
    # The blue marker (top-left when stored) ends up top-right after a 90° clockwise turn.
    r, g, b = img.convert("RGB").getpixel((img.width - 3, 3))
    assert b > 150 and r < 100


def test_display_copy_is_at_most_the_display_side(tmp_path, settings):
    settings.EVIDENCE_DISPLAY_SIDE = 100
    img = Image.open(io.BytesIO(_inspect(tmp_path, samples.jpeg((400, 300))).preview))
    assert max(img.size) == 100


def _noise_jpeg(size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.effect_noise(size, 60).convert("RGB").save(out, "JPEG", quality=90)
    return out.getvalue()


@pytest.fixture
def draft_scales(monkeypatch):
    """The DCT scale of every JPEG decode (1 = full size, 8 = one eighth)."""
    scales = []
    original = JpegImagePlugin.JpegImageFile.draft

    def spy(self, mode, size):
        answer = original(self, mode, size)
        scales.append(self.decoderconfig[0] if self.decoderconfig else 1)
        return answer

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", spy)
    return scales


def test_a_large_jpeg_is_decoded_at_a_reduced_scale_never_below_the_display_size(
    tmp_path, settings, draft_scales
):
    settings.EVIDENCE_DISPLAY_SIDE = 100
    result = _inspect(tmp_path, _noise_jpeg((960, 640)))
    assert set(draft_scales) == {8}  # 120 x 80 decoded: still covers the 100 x 67 display copy
    assert Image.open(io.BytesIO(result.preview)).size == (100, 67)


def test_a_phone_photo_decodes_straight_to_its_display_copy_without_resampling(
    tmp_path, settings, draft_scales, monkeypatch
):
    # 4032 x 3024 (a 12 MP phone photo) at one quarter is 1008 x 756: inside the
    # 1600 box and over half of it, so the DCT scale is the whole downscale.
    settings.EVIDENCE_DISPLAY_SIDE = 1600
    original = samples.jpeg((4032, 3024))

    def no_resampling(*args, **kwargs):
        raise AssertionError("the display copy was resampled")

    monkeypatch.setattr(Image.Image, "resize", no_resampling)
    result = _inspect(tmp_path, original)
    assert set(draft_scales) == {4}
    assert Image.open(io.BytesIO(result.preview)).size == (1008, 756)
    assert (result.width, result.height) == (4032, 3024)  # the original's size is recorded


def test_a_photo_that_already_fits_the_display_side_is_not_shrunk(tmp_path, settings, draft_scales):
    settings.EVIDENCE_DISPLAY_SIDE = 1600
    result = _inspect(tmp_path, samples.jpeg((1600, 1200)))
    assert set(draft_scales) == {1}
    assert Image.open(io.BytesIO(result.preview)).size == (1600, 1200)


@pytest.mark.parametrize(
    ("size", "decoded"),
    [
        ((4032, 3024), (1008, 756)),  # 12 MP: 1/4
        ((3024, 4032), (756, 1008)),  # portrait
        ((8064, 6048), (1008, 756)),  # 48 MP: 1/8
        ((5712, 4284), (1428, 1071)),  # 24 MP: 1/4
        ((4031, 3023), (1008, 756)),  # odd sizes: libjpeg rounds up, still 1/4
        ((3264, 2448), (816, 612)),  # 8 MP: 1/4, just over half the box
        ((3100, 2000), (1550, 1000)),  # 1/2 lands inside the box
        ((1601, 1201), (801, 601)),
        ((1600, 1200), (1600, 1200)),  # fits: never shrunk
        ((800, 600), (800, 600)),
    ],
)
def test_jpeg_draft_decodes_at_the_scale_the_display_copy_needs(size, decoded):
    out = io.BytesIO()
    Image.new("RGB", size).save(out, "JPEG")
    img = Image.open(out)
    img.draft("RGB", photo._jpeg_draft_request(size, 1600))
    assert img.size == decoded
    assert max(img.size) <= 1600


@pytest.mark.parametrize("cut", [0.5, 0.98])
def test_the_reduced_scale_decode_on_its_own_refuses_a_jpeg_cut_mid_scan(
    tmp_path, settings, monkeypatch, draft_scales, cut
):
    # The marker walk would refuse it first; switch it off to prove the decoder
    # still reads every entropy-coded block when it scales the picture down.
    settings.EVIDENCE_DISPLAY_SIDE = 100
    monkeypatch.setattr(structure, "check_jpeg", lambda buf, *, is_mpo: None)
    data = _noise_jpeg((960, 640))
    with pytest.raises(EvidenceRejected, match="damaged or incomplete"):
        _inspect(tmp_path, data[: int(len(data) * cut)])
    assert set(draft_scales) == {8}


def test_display_copy_of_a_downscaled_photo_applies_exif_orientation(tmp_path, settings):
    settings.EVIDENCE_DISPLAY_SIDE = 100
    img = Image.open(
        io.BytesIO(_inspect(tmp_path, samples.jpeg((400, 300), orientation=6)).preview)
    )
    assert img.size == (75, 100)
    r, g, b = img.convert("RGB").getpixel((img.width - 3, 3))
    assert b > 150 and r < 100


def test_video_has_a_poster_frame_and_duration(tmp_path):
    result = _inspect(tmp_path, samples.mp4(frames=10))
    assert result.duration == pytest.approx(1.0, abs=0.15)
    assert Image.open(io.BytesIO(result.preview)).size == (64, 48)


def test_refuses_a_video_longer_than_the_limit(tmp_path, settings):
    settings.EVIDENCE_MAX_VIDEO_SECONDS = 0
    with pytest.raises(EvidenceRejected, match="longer than"):
        _inspect(tmp_path, samples.mp4())


def test_refuses_a_photo_one_byte_over_the_limit_before_decoding(tmp_path, settings):
    data = samples.jpeg()
    settings.EVIDENCE_MAX_PHOTO_BYTES = len(data) - 1
    with pytest.raises(EvidenceRejected, match="larger than"):
        _inspect(tmp_path, data)
    settings.EVIDENCE_MAX_PHOTO_BYTES = len(data)
    assert _inspect(tmp_path, data).type.code == "jpeg"


def test_refuses_a_photo_with_a_side_over_the_limit(tmp_path, settings):
    settings.EVIDENCE_MAX_IMAGE_SIDE = 50
    with pytest.raises(EvidenceRejected, match="longest side"):
        _inspect(tmp_path, samples.jpeg((64, 48)))


HOSTILE = {
    "zero bytes": (lambda: b"", "empty"),
    "truncated jpeg": (lambda: samples.jpeg((200, 200))[:600], "damaged"),
    "jpeg cut before its end marker": (lambda: samples.jpeg((200, 200))[:-2], "damaged"),
    "text renamed jpg": (lambda: samples.TEXT, "not a photo or video"),
    "html renamed jpg": (lambda: samples.HTML, "HTML"),
    "svg with script": (lambda: samples.SVG, "SVG"),
    "png decompression bomb": (lambda: samples.png_bomb(30000), "too many pixels"),
    "png claiming 100000x100000": (lambda: samples.png_bomb(100000), "too many pixels"),
    "jpeg claiming 65000x65000": (lambda: samples.jpeg_claiming(65000, 65000), "too many pixels"),
    "jpeg zip polyglot": (lambda: samples.jpeg() + samples.zip_bytes(), "extra data"),
    "jpeg with a cut-short mp4 appended": (
        lambda: samples.jpeg() + samples.mp4()[:400],
        "extra data",
    ),
    "png with data after IEND": (lambda: samples.png() + b"<?php echo 1; ?>", "extra data"),
    "webp with data appended": (lambda: samples.webp() + b"MZ" + bytes(100), "extra data"),
    "heic with zip appended": (lambda: samples.heic() + samples.zip_bytes(), "extra data"),
    "mp4 with a broken header": (lambda: b"\x00\x00\x00\x18ftypisom" + b"\xff" * 500, "extra data"),
    "mp4 cut short": (lambda: samples.mp4()[:400], "extra data"),
    "mp4 whose boxes are garbage": (
        lambda: b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + bytes(64),
        "damaged",
    ),
    "webm with no video stream": (lambda: samples.webm_audio_only(), "no video"),
    "gif": (lambda: samples.other_image("GIF"), "GIF"),
    "bmp": (lambda: samples.other_image("BMP"), "BMP"),
    "tiff": (lambda: samples.other_image("TIFF"), "TIFF"),
    "pdf": (lambda: samples.pdf(), "PDF"),
    "elf program": (lambda: samples.ELF, "ELF"),
    "exe program": (lambda: samples.EXE, "EXE"),
    "zip": (lambda: samples.zip_bytes(), "ZIP"),
    "random bytes with a jpeg magic": (
        lambda: b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4,
        "damaged",
    ),
    # Samsung motion photos: the SEF trailer must account for every byte after the EOI.
    "samsung motion photo with a garbage byte before SEFH": (
        lambda: samples.samsung_motion_photo(before_directory=b"\x01"),
        "extra data",
    ),
    "samsung motion photo with zero padding before SEFH": (
        lambda: samples.samsung_motion_photo(before_directory=bytes(4)),
        "extra data",
    ),
    "samsung entry pointing back into the jpeg": (
        lambda: samples.sef_patch_entry(samples.samsung_motion_photo(), 0, back=200),
        "extra data",
    ),
    "samsung entry running past SEFH": (
        lambda: samples.sef_patch_entry(samples.samsung_motion_photo(), 2, back=-8),
        "extra data",
    ),
    "samsung entries overlapping": (
        lambda: samples.sef_patch_entry(samples.samsung_motion_photo(), 1, length=4),
        "extra data",
    ),
    "samsung wrong SEFH length": (
        lambda: _with_directory_length(samples.samsung_motion_photo(), +12),
        "extra data",
    ),
    "samsung SEFH length that is not a whole directory": (
        lambda: _with_directory_length(samples.samsung_motion_photo(), +1),
        "extra data",
    ),
    "samsung block whose header is not its entry's": (
        lambda: samples.samsung_motion_photo().replace(
            b"\x00\x00\xa1\x0a\x08\x00\x00\x00MCC_Data", b"\x00\x00\x01\x0a\x08\x00\x00\x00MCC_Data"
        ),
        "extra data",
    ),
    "samsung motion photo carrying a zip instead of an mp4": (
        lambda: samples.samsung_motion_photo(video=samples.zip_bytes()),
        "extra data",
    ),
    "samsung motion photo carrying html instead of an mp4": (
        lambda: samples.samsung_motion_photo(video=samples.HTML),
        "extra data",
    ),
    "samsung motion photo with a cut-short mp4": (
        lambda: samples.samsung_motion_photo(video=samples.mp4()[:400]),
        "extra data",
    ),
    "samsung motion photo with a zip after SEFT": (
        lambda: samples.samsung_motion_photo() + samples.zip_bytes(),
        "extra data",
    ),
    "samsung trailer with an embedded image block": (
        lambda: samples.samsung_motion_photo(
            blocks=[samples.sef_block(0x0001, b"DualShot_1", samples.jpeg() + samples.zip_bytes())]
        ),
        "extra data",
    ),
    "samsung metadata block over 64 KiB": (
        lambda: samples.samsung_motion_photo(
            blocks=[samples.sef_block(samples.SEF_MCC_DATA, b"MCC_Data", bytes(64 * 1024))]
        ),
        "extra data",
    ),
    "samsung trailer with two videos": (
        lambda: samples.samsung_motion_photo(
            blocks=[
                samples.sef_block(samples.SEF_MOTION_PHOTO_DATA, b"MotionPhoto_Data", samples.mp4())
            ]
            * 2
        ),
        "extra data",
    ),
}


def _with_directory_length(data: bytes, delta: int) -> bytes:
    """A Samsung trailer whose tail announces a SEFH directory `delta` bytes longer."""
    (length,) = struct.unpack("<I", data[-8:-4])
    return data[:-8] + struct.pack("<I", length + delta) + b"SEFT"


@pytest.mark.parametrize("label", list(HOSTILE))
def test_refuses_hostile_file(tmp_path, label):
    make, reason = HOSTILE[label]
    with pytest.raises(EvidenceRejected) as refused:
        _inspect(tmp_path, make(), "evidence.jpg")
    assert reason in refused.value.reason


def test_sniffing_ignores_names_and_announced_types():
    assert sniff(samples.jpeg()[:64]).code == "jpeg"
    assert sniff(samples.TEXT[:64]) is None
