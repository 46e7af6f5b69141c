"""Container walkers: every byte of the file belongs to its container's own structure.

A file that decodes but carries data after its end (a ZIP glued to a JPEG, say)
is refused here, before any decoder sees it. The rules are in docs/evidence.md.
"""

from __future__ import annotations

import mmap
import re
import struct

from wizard.evidence.validation.filetypes import damaged_structure as _damaged_structure

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


def check_jpeg(buf: mmap.mmap, *, is_mpo: bool) -> None:
    end = _jpeg_stream_end(buf, 0)
    # MPO (multi-picture JPEG) is several complete JPEG streams back to back.
    while is_mpo and buf[end : end + 2] == b"\xff\xd8":
        end = _jpeg_stream_end(buf, end)
    # A motion photo (Android: Google's MicroVideo / MotionPhoto) is a JPEG with a
    # short MP4 after it. Accepted only when that MP4's boxes tile the rest exactly.
    if buf[end + 4 : end + 8] == b"ftyp":
        check_bmff(buf, start=end)
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
            check_bmff(buf, start=payload, end=begin + length)
        elif kind not in _SEF_METADATA_TYPES or length > _SEF_METADATA_MAX_BYTES:
            raise _damaged_structure()


def _check_only_padding(buf: mmap.mmap, end: int) -> None:
    if end < len(buf) and _NON_ZERO.search(buf, end) is not None:
        raise _damaged_structure()


def check_png(buf: mmap.mmap) -> None:
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


def check_riff(buf: mmap.mmap) -> None:
    (riff_size,) = struct.unpack("<I", buf[4:8])
    end = 8 + riff_size + (riff_size & 1)
    if end > len(buf) + (riff_size & 1):
        raise _damaged_structure()
    _check_only_padding(buf, min(end, len(buf)))


def check_bmff(buf: mmap.mmap, *, start: int = 0, end: int | None = None) -> None:
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


def check_ebml(buf: mmap.mmap) -> None:
    pos, size = 0, len(buf)
    while pos < size:
        _id, id_len, _ = _read_vint(buf, pos, keep_marker=True)
        data_size, size_len, unknown = _read_vint(buf, pos + id_len, keep_marker=False)
        if unknown:  # live-recorded WebM: the segment runs to the end of the file
            return
        pos += id_len + size_len + data_size
        if pos > size:
            raise _damaged_structure()
