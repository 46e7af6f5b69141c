"""Photos: a full decode with Pillow under a pixel budget, the capture time from EXIF,
and a metadata-free display copy that the video check reuses for its poster frame."""

from __future__ import annotations

import io
import mmap
import re
import warnings
from datetime import datetime, timedelta, tzinfo
from datetime import timezone as dt_timezone
from zoneinfo import ZoneInfo

import pillow_heif
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import ExifTags, Image

import wizard.evidence.validation.structure as structure
from wizard.evidence.validation.filetypes import (
    JPEG,
    PNG,
    WEBP,
    EvidenceRejected,
    FileType,
    Inspected,
)

pillow_heif.register_heif_opener()


def _exif_datetime(exif: Image.Exif) -> datetime | None:
    try:
        sub = exif.get_ifd(ExifTags.IFD.Exif)
        raw = sub.get(ExifTags.Base.DateTimeOriginal)
        offset = sub.get(ExifTags.Base.OffsetTimeOriginal)
    except Exception:  # broken EXIF is not a reason to refuse the photo
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
    tz: tzinfo = ZoneInfo(settings.TIME_ZONE)
    if isinstance(offset, str):
        match = re.fullmatch(r"([+-])(\d\d):(\d\d)", offset.strip("\x00 "))
        if match:
            delta = timedelta(hours=int(match[2]), minutes=int(match[3]))
            tz = dt_timezone(delta if match[1] == "+" else -delta)
    return plausible_capture_time(naive.replace(tzinfo=tz))


def plausible_capture_time(moment: datetime) -> datetime | None:
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


def display_jpeg(img: Image.Image, side: int, *, orientation: int = 1) -> bytes:
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


def inspect_photo(path: str, buf: mmap.mmap, ftype: FileType) -> Inspected:
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
            with Image.open(path, formats=list(ftype.decoders)) as img:
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
                    structure.check_jpeg(buf, is_mpo=img.format == "MPO")
                    # Decode at a reduced DCT scale (1/2, 1/4, 1/8), never below the
                    # display size: libjpeg still Huffman-decodes every entropy-coded
                    # block to the end of the scan, so a file cut short is refused
                    # exactly as by a full-size decode (see docs/evidence.md).
                    img.draft("RGB", _jpeg_draft_request((width, height), display_side))
                elif ftype is PNG:
                    structure.check_png(buf)
                elif ftype is WEBP:
                    structure.check_riff(buf)
                else:
                    structure.check_bmff(buf)
                exif = img.getexif()  # also reads an XMP orientation, like exif_transpose
                img.load()
                captured_at = _exif_datetime(exif)
                orientation = exif.get(ExifTags.Base.Orientation, 1)
                preview = display_jpeg(img, display_side, orientation=orientation)
        except EvidenceRejected:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_many_pixels from None
        except Exception:  # any decoder failure means a damaged photo
            raise EvidenceRejected(
                _("the photo is damaged or incomplete and cannot be opened.")
            ) from None
    return Inspected(ftype, width, height, None, captured_at, preview)
