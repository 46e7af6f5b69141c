"""Which type a file's first bytes announce: one we accept, one we name to refuse, or neither."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils.translation import gettext_lazy

from wizard.evidence.validation.filetypes import (
    HEIC,
    HEIF,
    JPEG,
    MOV,
    MP4,
    PNG,
    WEBM,
    WEBP,
    FileType,
)

_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"heif"}
_HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis"}
_AVIF_BRANDS = {b"avif", b"avis"}
_QT_LEADING_ATOMS = {b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"}

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
