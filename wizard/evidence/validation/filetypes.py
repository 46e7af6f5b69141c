"""The photo and video types we accept: one list for the checks, the file input and the texts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from wizard.evidence.models import EvidenceKind


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
    label: str  # the name users know it by
    # Photos: the Pillow formats allowed to open it; videos: the ffmpeg demuxer forced on it.
    decoders: tuple[str, ...]


JPEG = FileType("jpeg", "image/jpeg", "jpg", EvidenceKind.PHOTO, "JPEG", ("JPEG", "MPO"))
PNG = FileType("png", "image/png", "png", EvidenceKind.PHOTO, "PNG", ("PNG",))
WEBP = FileType("webp", "image/webp", "webp", EvidenceKind.PHOTO, "WebP", ("WEBP",))
HEIC = FileType("heic", "image/heic", "heic", EvidenceKind.PHOTO, "HEIC", ("HEIF",))
HEIF = FileType("heif", "image/heif", "heif", EvidenceKind.PHOTO, "HEIF", ("HEIF",))
MP4 = FileType("mp4", "video/mp4", "mp4", EvidenceKind.VIDEO, "MP4", ("mov",))
MOV = FileType("mov", "video/quicktime", "mov", EvidenceKind.VIDEO, "MOV", ("mov",))
WEBM = FileType("webm", "video/webm", "webm", EvidenceKind.VIDEO, "WebM", ("matroska",))
ACCEPTED_TYPES = (JPEG, PNG, WEBP, HEIC, HEIF, MP4, MOV, WEBM)
# What the file input's accept attribute lists (explicit types, no wildcards).
ACCEPT_ATTRIBUTE = ",".join(t.content_type for t in ACCEPTED_TYPES)


def _labels(kind: str) -> str:
    return pgettext("list separator", ", ").join(t.label for t in ACCEPTED_TYPES if t.kind == kind)


def accepted_formats() -> str:
    """The accepted types as users read them: "JPEG, PNG, … photos; MP4, … videos."."""
    return _("%(photos)s photos; %(videos)s videos.") % {
        "photos": _labels(EvidenceKind.PHOTO),
        "videos": _labels(EvidenceKind.VIDEO),
    }


def accepted_hint() -> str:
    return _("Send a photo (%(photos)s) or a video (%(videos)s).") % {
        "photos": _labels(EvidenceKind.PHOTO),
        "videos": _labels(EvidenceKind.VIDEO),
    }


@dataclass(frozen=True)
class Inspected:
    type: FileType
    width: int | None
    height: int | None
    duration: float | None
    captured_at: datetime | None
    preview: bytes  # JPEG, no metadata


def damaged_structure() -> EvidenceRejected:
    return EvidenceRejected(
        _("the file is damaged, incomplete, or carries extra data after its end.")
    )
