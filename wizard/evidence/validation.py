"""Is this file a photo or video we accept? Decided by its bytes, never its name.

`inspect_file(path)` sniffs the type from the first bytes, checks the size
limit of that kind, checks that the container's own structure accounts for
every byte of the file (no data hidden after the end), fully decodes photos
with Pillow under a pixel budget, and opens videos with PyAV (forced demuxer,
at least one real video stream, bounded duration). It returns what the
service needs to store: the type, dimensions, capture time and a preview JPEG
(display copy of a photo, poster frame of a video) with no metadata.

Every refusal is an `EvidenceRejected` carrying a reason in the active language.
The rules are written down in docs/evidence.md.
"""

from __future__ import annotations

import io
import mmap
import os
import re
import struct
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from datetime import timezone as dt_timezone
from zoneinfo import ZoneInfo

import av
import pillow_heif
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import ExifTags, Image

from wizard.evidence.models import EvidenceKind

pillow_heif.register_heif_opener()


class EvidenceRejected(Exception):
    """The file is not accepted; `reason` is a translated sentence for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class FileType:
    code: str  # jpeg, png, webp, heic, heif, mp4, mov, webm
    content_type: str
    extension: str
    kind: str  # EvidenceKind value


JPEG = FileType("jpeg", "image/jpeg", "jpg", EvidenceKind.PHOTO)
PNG = FileType("png", "image/png", "png", EvidenceKind.PHOTO)
WEBP = FileType("webp", "image/webp", "webp", EvidenceKind.PHOTO)
HEIC = FileType("heic", "image/heic", "heic", EvidenceKind.PHOTO)
HEIF = FileType("heif", "image/heif", "heif", EvidenceKind.PHOTO)
MP4 = FileType("mp4", "video/mp4", "mp4", EvidenceKind.VIDEO)
MOV = FileType("mov", "video/quicktime", "mov", EvidenceKind.VIDEO)
WEBM = FileType("webm", "video/webm", "webm", EvidenceKind.VIDEO)
ACCEPTED_TYPES = (JPEG, PNG, WEBP, HEIC, HEIF, MP4, MOV, WEBM)
# What the file input's accept attribute lists (explicit types, no wildcards).
ACCEPT_ATTRIBUTE = ",".join(
    [
        "image/jpeg",
        "image/png",
        "image/webp",
        "image/heic",
        "image/heif",
        "video/mp4",
        "video/quicktime",
        "video/webm",
    ]
)

_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"heif"}
_HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis"}
_AVIF_BRANDS = {b"avif", b"avis"}
_QT_LEADING_ATOMS = {b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"}
_PILLOW_FORMATS = {"jpeg": ["JPEG", "MPO"], "png": ["PNG"], "webp": ["WEBP"]}
_PILLOW_FORMATS["heic"] = _PILLOW_FORMATS["heif"] = ["HEIF"]

# Recognised but refused, so the message can name what the file is.
_KNOWN_REFUSED: list[tuple[Callable[[bytes], bool], object]] = [
    (lambda h: h.startswith((b"GIF87a", b"GIF89a")), "GIF"),
    (lambda h: h.startswith(b"BM"), "BMP"),
    (lambda h: h.startswith((b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")), "TIFF"),
    (lambda h: h.startswith(b"%PDF"), "PDF"),
    (lambda h: h.startswith((b"PK\x03\x04", b"PK\x05\x06")), "ZIP"),
    (lambda h: h.startswith(b"Rar!"), "RAR"),
    (lambda h: h.startswith(b"7z\xbc\xaf"), "7z"),
    (lambda h: h.startswith(b"\x1f\x8b"), "gzip"),
    (lambda h: h.startswith(b"\x7fELF"), gettext_lazy("program (ELF)")),
    (lambda h: h.startswith(b"MZ"), gettext_lazy("program (EXE)")),
    (lambda h: h[:4] == b"RIFF" and h[8:12] == b"AVI ", "AVI"),
    (lambda h: h[:4] == b"RIFF" and h[8:12] == b"WAVE", "WAV"),
    (lambda h: h.startswith(b"ID3") or h[:2] in (b"\xff\xfb", b"\xff\xf3"), "MP3"),
    (lambda h: h[4:8] == b"ftyp" and h[8:12] in _AVIF_BRANDS, "AVIF"),
    (lambda h: h.startswith(b"\x1aE\xdf\xa3"), "Matroska (MKV)"),
    (lambda h: b"<svg" in h.lower(), "SVG"),
    (
        lambda h: (
            re.match(rb"\s*(<!doctype html|<html|<\?xml|<)", h.lower().lstrip(b"\xef\xbb\xbf"))
            is not None
        ),
        "HTML/XML",
    ),
]


@dataclass(frozen=True)
class Inspected:
    type: FileType
    width: int | None
    height: int | None
    duration: float | None
    captured_at: datetime | None
    preview: bytes  # JPEG, no metadata


def accepted_hint() -> str:
    return _("Send a photo (JPEG, PNG, WebP, HEIC) or a video (MP4, MOV, WebM).")


def _damaged_structure() -> EvidenceRejected:
    return EvidenceRejected(
        _("the file is damaged, incomplete, or carries extra data after its end.")
    )


# --- sniffing ---------------------------------------------------------------


def _ebml_doctype(head: bytes) -> bytes | None:
    at = head.find(b"\x42\x82")
    if at < 0 or at + 3 > len(head):
        return None
    length = head[at + 2] & 0x7F if head[at + 2] & 0x80 else None
    if length is None:
        return None
    return head[at + 3 : at + 3 + length]


def sniff(head: bytes) -> FileType | None:
    """The accepted type these first bytes announce, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[4:8] == b"ftyp":
        major = head[8:12]
        if major in _AVIF_BRANDS:
            return None
        if major in _HEIF_BRANDS:
            return HEIC if major in _HEIC_BRANDS else HEIF
        if major == b"qt  ":
            return MOV
        return MP4
    if head[4:8] in _QT_LEADING_ATOMS:
        return MOV
    if head.startswith(b"\x1aE\xdf\xa3") and _ebml_doctype(head) == b"webm":
        return WEBM
    return None


def describe_refused(head: bytes) -> str | None:
    for test, name in _KNOWN_REFUSED:
        if test(head):
            return str(name)
    return None


# --- structure: every byte belongs to the container -------------------------

_JPEG_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")
_NON_ZERO = re.compile(rb"[^\x00]")


def _jpeg_stream_end(buf: mmap.mmap, pos: int) -> int:
    """Offset just past the EOI of the JPEG stream starting at `pos` (its SOI)."""
    size = len(buf)
    if buf[pos : pos + 2] != b"\xff\xd8":
        raise _damaged_structure()
    pos += 2
    while True:
        # Skip fill bytes before a marker.
        while pos < size and buf[pos] == 0xFF and pos + 1 < size and buf[pos + 1] == 0xFF:
            pos += 1
        if pos + 2 > size or buf[pos] != 0xFF:
            raise _damaged_structure()
        marker = buf[pos + 1]
        if marker == 0xD9:  # EOI
            return pos + 2
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:  # standalone markers
            pos += 2
            continue
        if pos + 4 > size:
            raise _damaged_structure()
        (length,) = struct.unpack(">H", buf[pos + 2 : pos + 4])
        if length < 2:
            raise _damaged_structure()
        pos += 2 + length
        if pos > size:
            raise _damaged_structure()
        if marker == 0xDA:  # SOS: entropy-coded data runs to the next real marker
            found = _JPEG_MARKER.search(buf, pos)
            if found is None:
                raise _damaged_structure()
            pos = found.start()


def _check_jpeg_structure(buf: mmap.mmap, *, is_mpo: bool) -> None:
    end = _jpeg_stream_end(buf, 0)
    # MPO (multi-picture JPEG) is several complete JPEG streams back to back.
    while is_mpo and buf[end : end + 2] == b"\xff\xd8":
        end = _jpeg_stream_end(buf, end)
    # A motion photo (Android: Google's MicroVideo / MotionPhoto) is a JPEG with a
    # short MP4 after it. Accepted only when that MP4's boxes tile the rest exactly.
    if buf[end + 4 : end + 8] == b"ftyp":
        _check_bmff_structure(buf, start=end)
        return
    # Samsung Galaxy phones append an SEF trailer instead (the motion photo's MP4
    # sits in one of its blocks). Accepted only when the trailer parses exactly.
    if end < len(buf) and buf[len(buf) - 4 :] == b"SEFT":
        _check_samsung_trailer(buf, start=end)
        return
    _check_only_padding(buf, end)


# Samsung's SEF trailer, as ExifTool's Samsung.pm (ProcessSamsung) and Samsung's own
# SEFParser read it, all integers little-endian:
#   data blocks | "SEFH" version count entries[count] | directory length | "SEFT"
# An entry is (0 (int16), type (int16), offset back from "SEFH" (int32), length (int32));
# the block it points to repeats the entry's first 4 bytes, then a name length (int32),
# the name ("MotionPhoto_Data", "Image_UTC_Data"...) and the payload.
_SEF_MOTION_PHOTO = 0x0A30
# Block types Samsung cameras write as small metadata (names as seen by ExifTool and in
# the FotoForensics survey quoted in ExifTool's Samsung.pm). Images, depth maps, audio,
# bitmaps and edit backups are not in this list: we do not parse them, so they are refused.
_SEF_METADATA_TYPES = frozenset(
    {
        0x08C0,  # Auto_Enhance_Info
        0x08E0,  # Panorama_Shot_Info
        0x0910,  # Front_Cam_Selfie_Info
        0x09E0,  # Burst_Shot_Info
        0x09E1,  # BurstShot_Best_Photo_Info
        0x09F0,  # Pro_Mode_Info
        0x0A01,  # Image_UTC_Data
        0x0A31,  # MotionPhoto_Version ("mpv2", "mpv3")
        0x0AA1,  # MCC_Data
        0x0AB0,  # DualShot_Meta_Info
        0x0AB3,  # DualShot_Extra_Info
        0x0AB4,  # DualShot_Core_Info
        0x0AC0,  # ZoomInOut_Info
        0x0B30,  # Camera_Sticker_Info
        0x0B40,  # SingleShot_Meta_Info
        0x0B90,  # Document_Scan_Info
        0x0BA2,  # Copy_Available_Edit_Info
        0x0BC0,  # Single_Relighting_Bokeh_Info
        0x0BD0,  # Dual_Relighting_Bokeh_Info
        0x0BE0,  # Livefocus_JDM_Info
        0x0BF0,  # Remaster_Info
        0x0C21,  # Portrait_Effect_Info
        0x0C51,  # Samsung_Capture_Info
        0x0C61,  # Camera_Capture_Mode_Info
        0x0C71,  # Pro_White_Balance_Info
        0x0C81,  # Watermark_Info
        0x0CC1,  # Color_Display_P3
        0x0CD2,  # Photo_HDR_Info
        0x0CE1,  # Gallery_DC_Data
        0x0D01,  # Camera_Scene_Info
        0x0D11,  # Video_Snapshot_Info
        0x0D21,  # Camera_Scene_Info
        0x0D31,  # Food_Blur_Effect_Info
        0x0D91,  # PEg_Info
        0x0DA1,  # Captured_App_Info
    }
)
_SEF_METADATA_MAX_BYTES = 64 * 1024  # per block, like one JPEG segment


def _check_samsung_trailer(buf: mmap.mmap, *, start: int) -> None:
    """The bytes from `start` (just past the JPEG's EOI) to the end are one SEF trailer.

    Every byte must belong to a block the directory lists, to the directory or to its
    8-byte tail: the blocks lie back to back from `start` to "SEFH", with no gap (not
    even zero padding: neither ExifTool's reader nor Samsung's knows of any) and no
    overlap. A MotionPhoto_Data block must carry an MP4 whose boxes tile it exactly;
    every other block must be one of the small metadata kinds above, and its contents
    are never decoded.
    """
    size = len(buf)
    (directory_length,) = struct.unpack("<I", buf[size - 8 : size - 4])
    directory = size - 8 - directory_length
    # ExifTool also insists on a length under 64 KiB ("\0\0SEFT").
    if not 24 <= directory_length < 0x10000 or directory < start:
        raise _damaged_structure()
    magic, _version, count = struct.unpack("<4sII", buf[directory : directory + 12])
    if magic != b"SEFH" or directory_length != 12 + 12 * count:
        raise _damaged_structure()
    blocks = []
    for index in range(count):
        entry = directory + 12 + 12 * index
        kind, back, length = struct.unpack("<HII", buf[entry + 2 : entry + 12])
        begin = directory - back
        if length < 8:
            raise _damaged_structure()
        blocks.append((begin, length, kind, buf[entry : entry + 4]))
    # Back to back from the EOI to "SEFH": no gap, no overlap, nothing unlisted (so
    # every block also lies between the EOI and "SEFH").
    blocks.sort()
    pos = start
    for begin, length, _kind, _head in blocks:
        if begin != pos:
            raise _damaged_structure()
        pos += length
    if pos != directory:
        raise _damaged_structure()
    videos = 0
    for begin, length, kind, head in blocks:
        (name_length,) = struct.unpack("<I", buf[begin + 4 : begin + 8])
        payload = begin + 8 + name_length
        if buf[begin : begin + 4] != head or payload > begin + length:
            raise _damaged_structure()
        if kind == _SEF_MOTION_PHOTO and buf[begin + 8 : payload] == b"MotionPhoto_Data":
            videos += 1
            if videos > 1 or buf[payload + 4 : payload + 8] != b"ftyp":
                raise _damaged_structure()
            _check_bmff_structure(buf, start=payload, end=begin + length)
        elif kind not in _SEF_METADATA_TYPES or length > _SEF_METADATA_MAX_BYTES:
            raise _damaged_structure()


def _check_only_padding(buf: mmap.mmap, end: int) -> None:
    if end < len(buf) and _NON_ZERO.search(buf, end) is not None:
        raise _damaged_structure()


def _check_png_structure(buf: mmap.mmap) -> None:
    pos, size = 8, len(buf)
    while True:
        if pos + 12 > size:
            raise _damaged_structure()
        length, ctype = struct.unpack(">I4s", buf[pos : pos + 8])
        pos += 12 + length
        if pos > size:
            raise _damaged_structure()
        if ctype == b"IEND":
            _check_only_padding(buf, pos)
            return


def _check_riff_structure(buf: mmap.mmap) -> None:
    (riff_size,) = struct.unpack("<I", buf[4:8])
    end = 8 + riff_size + (riff_size & 1)
    if end > len(buf) + (riff_size & 1):
        raise _damaged_structure()
    _check_only_padding(buf, min(end, len(buf)))


def _check_bmff_structure(buf: mmap.mmap, *, start: int = 0, end: int | None = None) -> None:
    """ISO base media (HEIF, MP4, MOV): top-level boxes must tile the file exactly.

    With `end`, the boxes must tile `start`..`end` exactly (an MP4 inside a block).
    """
    pos, size = start, len(buf) if end is None else end
    while pos < size:
        if pos + 8 > size:
            raise _damaged_structure()
        box_size, box_type = struct.unpack(">I4s", buf[pos : pos + 8])
        if not re.fullmatch(rb"[\x20-\x7e]{4}", box_type):
            raise _damaged_structure()
        if box_size == 1:
            if pos + 16 > size:
                raise _damaged_structure()
            (box_size,) = struct.unpack(">Q", buf[pos + 8 : pos + 16])
        elif box_size == 0:  # runs to the end of the file (of the block)
            return
        if box_size < 8 or pos + box_size > size:
            raise _damaged_structure()
        pos += box_size


def _read_vint(buf: mmap.mmap, pos: int, *, keep_marker: bool) -> tuple[int, int, bool]:
    """An EBML variable-length integer: (value, its length, is the all-ones 'unknown')."""
    if pos >= len(buf):
        raise _damaged_structure()
    first = buf[pos]
    length = 1
    while length <= 8 and not first & (0x80 >> (length - 1)):
        length += 1
    if length > 8 or pos + length > len(buf):
        raise _damaged_structure()
    value = first if keep_marker else first & (0xFF >> length)
    for byte in buf[pos + 1 : pos + length]:
        value = (value << 8) | byte
    unknown = not keep_marker and value == (1 << (7 * length)) - 1
    return value, length, unknown


def _check_ebml_structure(buf: mmap.mmap) -> None:
    pos, size = 0, len(buf)
    while pos < size:
        _id, id_len, _ = _read_vint(buf, pos, keep_marker=True)
        data_size, size_len, unknown = _read_vint(buf, pos + id_len, keep_marker=False)
        if unknown:  # live-recorded WebM: the segment runs to the end of the file
            return
        pos += id_len + size_len + data_size
        if pos > size:
            raise _damaged_structure()


# --- photos -----------------------------------------------------------------


def _exif_datetime(exif: Image.Exif) -> datetime | None:
    try:
        sub = exif.get_ifd(ExifTags.IFD.Exif)
        raw = sub.get(ExifTags.Base.DateTimeOriginal)
        offset = sub.get(ExifTags.Base.OffsetTimeOriginal)
    except Exception:  # noqa: BLE001 - broken EXIF is not a reason to refuse the photo
        return None
    return _parse_capture_time(raw, offset)


def _parse_capture_time(raw: object, offset: object = None) -> datetime | None:
    if isinstance(raw, bytes):
        raw = raw.decode("ascii", "replace")
    if not isinstance(raw, str):
        return None
    try:
        naive = datetime.strptime(raw.strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    tz = ZoneInfo(settings.TIME_ZONE)
    if isinstance(offset, str):
        match = re.fullmatch(r"([+-])(\d\d):(\d\d)", offset.strip("\x00 "))
        if match:
            delta = timedelta(hours=int(match[2]), minutes=int(match[3]))
            tz = dt_timezone(delta if match[1] == "+" else -delta)
    return _plausible(naive.replace(tzinfo=tz))


def _plausible(moment: datetime) -> datetime | None:
    """Cameras with a flat clock battery write 1970 or 2099: not a capture time."""
    if moment.year < 2000 or moment > timezone.now() + timedelta(days=2):
        return None
    return moment


_TRANSPOSE_FOR_ORIENTATION = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def _fit(size: tuple[int, int], side: int) -> tuple[int, int]:
    """`size` scaled down (never up) to fit a side × side box, aspect kept."""
    width, height = size
    scale = min(1.0, side / width, side / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _jpeg_draft_request(size: tuple[int, int], side: int) -> tuple[int, int]:
    """The size to ask JPEG draft mode for, so the display copy needs little or no resampling.

    libjpeg decodes at 1/1, 1/2, 1/4 or 1/8 scale. When one of those scales lands the
    longest side between half the display side and the display side, it *is* the
    display copy: no resampling at all (a 4032×3024 phone photo decodes straight to
    1008×756). Otherwise the smallest scale that still covers the display box is
    decoded and shrunk, as before. Draft mode picks the largest scale whose result is
    at least the size asked for, so floor division asks for exactly that scale.
    """
    width, height = size
    if max(width, height) <= side:
        return size  # already fits: decoded at full size, never shrunk
    for scale in (2, 4, 8):
        longest = -(-max(width, height) // scale)  # libjpeg rounds scaled sizes up
        if side // 2 <= longest <= side:
            return max(1, width // scale), max(1, height // scale)
    return _fit(size, side)


def _display_jpeg(img: Image.Image, side: int, *, orientation: int = 1) -> bytes:
    """A metadata-free JPEG of `img`, at most side × side, EXIF orientation applied.

    The image is shrunk first and turned afterwards: the box is square, so the
    result is the same as turning first, without copying the full-size picture.
    `img` is consumed (thumbnail works in place).
    """
    frame = img
    if frame.mode in ("RGBA", "LA", "PA") or (frame.mode == "P" and "transparency" in frame.info):
        rgba = frame.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        frame = flat
    elif frame.mode != "RGB":
        frame = frame.convert("RGB")
    frame.thumbnail((side, side), Image.Resampling.BICUBIC)
    # A fresh image carries no info dict: no EXIF, no GPS, no XMP, no ICC.
    clean = Image.new("RGB", frame.size)
    clean.paste(frame)
    method = _TRANSPOSE_FOR_ORIENTATION.get(orientation)
    if method is not None:
        clean = clean.transpose(method)
    out = io.BytesIO()
    clean.save(out, "JPEG", quality=82)
    return out.getvalue()


def _inspect_photo(path: str, buf: mmap.mmap, ftype: FileType) -> Inspected:
    budget = settings.EVIDENCE_MAX_IMAGE_PIXELS
    max_side = settings.EVIDENCE_MAX_IMAGE_SIDE
    display_side = settings.EVIDENCE_DISPLAY_SIDE
    too_many_pixels = EvidenceRejected(
        _("the photo has too many pixels (the limit is %(limit)s megapixels).")
        # Chinese counts in 万 (10,000): 50 MP reads 5000 万像素.
        % {"limit": budget // 1_000_000, "limit_wan": budget // 10_000}
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(path, formats=_PILLOW_FORMATS[ftype.code]) as img:
                width, height = img.size
                if width * height > budget:
                    raise too_many_pixels
                if max(width, height) > max_side:
                    raise EvidenceRejected(
                        _(
                            "the photo is too large (%(width)s × %(height)s pixels); "
                            "the longest side may be %(limit)s pixels."
                        )
                        % {"width": width, "height": height, "limit": max_side}
                    )
                if ftype is JPEG:
                    _check_jpeg_structure(buf, is_mpo=img.format == "MPO")
                    # Decode at a reduced DCT scale (1/2, 1/4, 1/8), never below the
                    # display size: libjpeg still Huffman-decodes every entropy-coded
                    # block to the end of the scan, so a file cut short is refused
                    # exactly as by a full-size decode (see docs/evidence.md).
                    img.draft("RGB", _jpeg_draft_request((width, height), display_side))
                elif ftype is PNG:
                    _check_png_structure(buf)
                elif ftype is WEBP:
                    _check_riff_structure(buf)
                else:
                    _check_bmff_structure(buf)
                exif = img.getexif()  # also reads an XMP orientation, like exif_transpose
                img.load()
                captured_at = _exif_datetime(exif)
                orientation = exif.get(ExifTags.Base.Orientation, 1)
                preview = _display_jpeg(img, display_side, orientation=orientation)
        except EvidenceRejected:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_many_pixels from None
        except Exception:  # noqa: BLE001 - any decoder failure means a damaged photo
            raise EvidenceRejected(
                _("the photo is damaged or incomplete and cannot be opened.")
            ) from None
    return Inspected(ftype, width, height, None, captured_at, preview)


# --- videos -----------------------------------------------------------------

_DEMUXER = {"mp4": "mov", "mov": "mov", "webm": "matroska"}
_POSTER_MAX_PACKETS = 300


def _video_capture_time(metadata: dict) -> datetime | None:
    for key in ("com.apple.quicktime.creationdate", "creation_time", "DATE_RECORDED"):
        raw = metadata.get(key)
        if not raw:
            continue
        try:
            moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        if moment.year > 1970:  # 1904/1970 epochs mean "not set"
            return _plausible(moment)
    return None


def _inspect_video(path: str, buf: mmap.mmap, ftype: FileType) -> Inspected:
    if ftype is WEBM:
        _check_ebml_structure(buf)
    else:
        _check_bmff_structure(buf)
    max_seconds = settings.EVIDENCE_MAX_VIDEO_SECONDS
    damaged = EvidenceRejected(_("the video is damaged or incomplete and cannot be played."))
    try:
        # A forced demuxer: ffmpeg never guesses (no playlists, no other formats).
        with av.open(path, mode="r", format=_DEMUXER[ftype.code]) as container:
            streams = [
                s
                for s in container.streams.video
                if not s.disposition & av.stream.Disposition.attached_pic
            ]
            if not streams:
                raise EvidenceRejected(_("the file has no video picture (only sound?)."))
            stream = streams[0]
            duration = _duration(container, stream)
            if duration is None:
                raise damaged
            if duration > max_seconds:
                raise EvidenceRejected(
                    _("the video is longer than %(minutes)s minutes.")
                    % {"minutes": max_seconds // 60}
                )
            poster = None
            for count, packet in enumerate(container.demux(stream)):
                if count > _POSTER_MAX_PACKETS:
                    break
                frames = packet.decode()
                if frames:
                    poster = frames[0]
                    break
            if poster is None:
                raise damaged
            image = poster.to_image()
            rotation = getattr(poster, "rotation", 0) or 0
            if rotation:
                image = image.rotate(rotation, expand=True)
            preview = _display_jpeg(image, settings.EVIDENCE_DISPLAY_SIDE)
            captured_at = _video_capture_time(dict(container.metadata))
            width, height = image.size
    except EvidenceRejected:
        raise
    except Exception:  # noqa: BLE001 - ffmpeg refusing the file means a damaged video
        raise damaged from None
    return Inspected(ftype, width, height, round(duration, 3), captured_at, preview)


def _duration(container: av.container.InputContainer, stream: av.VideoStream) -> float | None:
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    if container.duration:
        return container.duration / av.time_base
    # Live-recorded WebM often has no duration: read packet times (no decoding).
    last = None
    for packet in container.demux(stream):
        if packet.pts is not None and packet.time_base:
            last = max(last or 0.0, float(packet.pts * packet.time_base))
    container.seek(0)
    return last


# --- entry point ------------------------------------------------------------


def inspect_file(path: str | os.PathLike[str]) -> Inspected:
    """Check the file at `path`; raise EvidenceRejected with the reason, or describe it."""
    path = os.fspath(path)
    size = os.path.getsize(path)
    if size == 0:
        raise EvidenceRejected(_("the file is empty."))
    with open(path, "rb") as fh:
        head = fh.read(64)
        ftype = sniff(head)
        if ftype is None:
            refused = describe_refused(head)
            if refused:
                raise EvidenceRejected(
                    _("%(type)s files are not accepted. %(hint)s")
                    % {"type": refused, "hint": accepted_hint()}
                )
            raise EvidenceRejected(
                _("this is not a photo or video we can check. %(hint)s") % {"hint": accepted_hint()}
            )
        limit = (
            settings.EVIDENCE_MAX_PHOTO_BYTES
            if ftype.kind == EvidenceKind.PHOTO
            else settings.EVIDENCE_MAX_VIDEO_BYTES
        )
        if size > limit:
            message = (
                _("the photo is larger than %(limit)s.")
                if ftype.kind == EvidenceKind.PHOTO
                else _("the video is larger than %(limit)s.")
            )
            raise EvidenceRejected(message % {"limit": filesizeformat(limit)})
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as buf:
            if ftype.kind == EvidenceKind.PHOTO:
                return _inspect_photo(path, buf, ftype)
            return _inspect_video(path, buf, ftype)
