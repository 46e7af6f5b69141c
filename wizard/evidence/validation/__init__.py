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

One module per job: `filetypes` (the accepted types, the one list),
`sniff` (first bytes), `structure` (container walkers), `photo` (Pillow, EXIF)
and `video` (PyAV). This module is the entry point and re-exports the names
callers import from `wizard.evidence.validation`.
"""

from __future__ import annotations

import mmap
import os

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from wizard.evidence.models import EvidenceKind
from wizard.evidence.validation.filetypes import (
    ACCEPT_ATTRIBUTE,
    ACCEPTED_TYPES,
    HEIC,
    HEIF,
    JPEG,
    MOV,
    MP4,
    PNG,
    WEBM,
    WEBP,
    EvidenceRejected,
    FileType,
    Inspected,
    accepted_formats,
    accepted_hint,
)
from wizard.evidence.validation.photo import inspect_photo
from wizard.evidence.validation.sniff import describe_refused, sniff
from wizard.evidence.validation.video import inspect_video

__all__ = [
    "ACCEPTED_TYPES",
    "ACCEPT_ATTRIBUTE",
    "HEIC",
    "HEIF",
    "JPEG",
    "MOV",
    "MP4",
    "PNG",
    "WEBM",
    "WEBP",
    "EvidenceRejected",
    "FileType",
    "Inspected",
    "accepted_formats",
    "accepted_hint",
    "describe_refused",
    "inspect_file",
    "sniff",
]


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
                return inspect_photo(path, buf, ftype)
            return inspect_video(path, buf, ftype)
