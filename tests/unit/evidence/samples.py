"""Files made by the tests: real photos and videos, and hostile ones.

Everything is generated in memory or in a temp dir; nothing is committed.
"""

from __future__ import annotations

import io
import struct
import zlib
from datetime import datetime
from fractions import Fraction
from pathlib import Path

import av
import pillow_heif
from PIL import Image, ImageDraw

pillow_heif.register_heif_opener()


def _picture(
    size: tuple[int, int] = (64, 48), color: tuple[int, int, int] = (200, 40, 40)
) -> Image.Image:
    img = Image.new("RGB", size, color)
    draw = ImageDraw.Draw(img)
    # A marker in the top-left corner makes orientation checks possible.
    draw.rectangle([0, 0, size[0] // 4, size[1] // 4], fill=(0, 0, 255))
    return img


def jpeg(
    size: tuple[int, int] = (64, 48),
    *,
    taken: datetime | None = None,
    gps: bool = False,
    orientation: int | None = None,
    quality: int = 90,
) -> bytes:
    img = _picture(size)
    exif = Image.Exif()
    if taken:
        exif.get_ifd(0x8769)[36867] = taken.strftime("%Y:%m:%d %H:%M:%S")
    if gps:
        exif[0x8825] = {
            1: "N",
            2: (Fraction(31), Fraction(14), Fraction(1234, 100)),
            3: "E",
            4: (Fraction(121), Fraction(28), Fraction(5678, 100)),
        }
    if orientation:
        exif[0x0112] = orientation
    out = io.BytesIO()
    img.save(out, "JPEG", quality=quality, exif=exif.tobytes())
    return out.getvalue()


def png(size: tuple[int, int] = (40, 30), *, alpha: bool = False) -> bytes:
    img = _picture(size).convert("RGBA") if alpha else _picture(size)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def webp(size: tuple[int, int] = (40, 30)) -> bytes:
    out = io.BytesIO()
    _picture(size).save(out, "WEBP", quality=80)
    return out.getvalue()


def heic(size: tuple[int, int] = (64, 48), *, taken: datetime | None = None) -> bytes:
    img = _picture(size)
    exif = Image.Exif()
    if taken:
        exif.get_ifd(0x8769)[36867] = taken.strftime("%Y:%m:%d %H:%M:%S")
    out = io.BytesIO()
    img.save(out, "HEIF", quality=60, exif=exif.tobytes())
    return out.getvalue()


def _encode_video(
    container_format: str, codec: str, *, frames: int = 6, size=(64, 48), audio_only=False, pad_to=0
) -> bytes:
    out = io.BytesIO()
    with av.open(out, mode="w", format=container_format) as container:
        if audio_only:
            stream = container.add_stream(
                "libopus" if container_format == "webm" else "aac", rate=48000
            )
            for i in range(5):
                frame = av.AudioFrame(
                    format="s16" if codec != "flt" else "flt", layout="mono", samples=960
                )
                for plane in frame.planes:
                    plane.update(bytes(plane.buffer_size))
                frame.sample_rate = 48000
                frame.pts = i * 960
                for packet in stream.encode(frame):
                    container.mux(packet)
            for packet in stream.encode(None):
                container.mux(packet)
        else:
            stream = container.add_stream(codec, rate=10)
            stream.width, stream.height = size
            stream.pix_fmt = "yuv420p"
            for i in range(frames):
                img = _picture(size, (i * 40 % 255, 100, 100))
                frame = av.VideoFrame.from_image(img)
                for packet in stream.encode(frame):
                    container.mux(packet)
            for packet in stream.encode(None):
                container.mux(packet)
    data = out.getvalue()
    if pad_to and len(data) < pad_to:
        # A top-level 'free' box: valid ISO BMFF padding, fills the file to size.
        free = pad_to - len(data)
        data += struct.pack(">I4s", free, b"free") + bytes(free - 8)
    return data


def mp4(*, frames: int = 6, size=(64, 48), pad_to: int = 0) -> bytes:
    return _encode_video("mp4", "libx264", frames=frames, size=size, pad_to=pad_to)


# Samsung SEF trailer block types (ExifTool's Samsung.pm, %Samsung::Trailer).
SEF_IMAGE_UTC_DATA = 0x0A01
SEF_MCC_DATA = 0x0AA1
SEF_MOTION_PHOTO_DATA = 0x0A30
SEF_MOTION_PHOTO_VERSION = 0x0A31


def sef_block(kind: int, name: bytes, payload: bytes) -> bytes:
    """One SEF data block: 0 and the type (int16 each), the name's length (int32), name, payload."""
    return struct.pack("<HHI", 0, kind, len(name)) + name + payload


def samsung_motion_photo(
    *,
    video: bytes | None = None,
    blocks: list[bytes] | None = None,
    before_directory: bytes = b"",
    version: int = 106,
) -> bytes:
    """A Samsung Galaxy motion photo, laid out as ExifTool's ProcessSamsung reads it.

    The JPEG to its EOI; the data blocks back to back (by default Image_UTC_Data,
    MCC_Data, then MotionPhoto_Data carrying `video`, an MP4 unless given); the "SEFH"
    directory (version, count, then per block: its first 4 bytes, its offset counted
    back from "SEFH" and its length, all little-endian); the directory's length; "SEFT".
    `before_directory` is slipped in just before "SEFH"; the offsets still count back
    from where "SEFH" really is.
    """
    if blocks is None:
        blocks = [
            sef_block(SEF_IMAGE_UTC_DATA, b"Image_UTC_Data", b"1714530600000"),
            sef_block(SEF_MCC_DATA, b"MCC_Data", b"460"),
            sef_block(
                SEF_MOTION_PHOTO_DATA, b"MotionPhoto_Data", mp4() if video is None else video
            ),
        ]
    data = b"".join(blocks) + before_directory
    entries, pos = b"", 0
    for block in blocks:
        entries += block[:4] + struct.pack("<II", len(data) - pos, len(block))
        pos += len(block)
    directory = b"SEFH" + struct.pack("<II", version, len(blocks)) + entries
    return jpeg() + data + directory + struct.pack("<I", len(directory)) + b"SEFT"


def sef_patch_entry(data: bytes, index: int, *, back: int = 0, length: int = 0) -> bytes:
    """`data` (a Samsung trailer) with entry `index`'s offset and length moved by the deltas."""
    (directory_length,) = struct.unpack("<I", data[-8:-4])
    entry = len(data) - 8 - directory_length + 12 + 12 * index
    old_back, old_length = struct.unpack("<II", data[entry + 4 : entry + 12])
    patched = struct.pack("<II", old_back + back, old_length + length)
    return data[: entry + 4] + patched + data[entry + 12 :]


def mov() -> bytes:
    return _encode_video("mov", "libx264")


def webm() -> bytes:
    return _encode_video("webm", "libvpx")


def webm_audio_only() -> bytes:
    return _encode_video("webm", "libopus", audio_only=True)


def mp4_file(path: Path, *, size_bytes: int) -> Path:
    """A valid MP4 of about `size_bytes` (a short H.264 clip padded with a 'free' box)."""
    path.write_bytes(mp4(pad_to=size_bytes))
    return path


def png_bomb(side: int = 30000) -> bytes:
    """A tiny PNG declaring side x side grey pixels of zeros (decompresses to ~side² bytes)."""
    raw_row = b"\x00" + bytes(side)
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(raw_row) for _ in range(64)) + compressor.flush()

    # Only the first rows are present: the header is what a bomb check must catch.
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )


def jpeg_claiming(width: int, height: int) -> bytes:
    """A small JPEG whose SOF header is rewritten to claim width x height pixels."""
    data = bytearray(jpeg((16, 16)))
    at = data.find(b"\xff\xc0")
    struct.pack_into(">HH", data, at + 5, height, width)
    return bytes(data)


def zip_bytes() -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("secret.txt", "hello")
    return out.getvalue()


def other_image(fmt: str) -> bytes:
    out = io.BytesIO()
    _picture((20, 20)).save(out, fmt)
    return out.getvalue()


def pdf() -> bytes:
    out = io.BytesIO()
    _picture((20, 20)).save(out, "PDF")
    return out.getvalue()


ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(56)
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + bytes(120)
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
TEXT = b"just some text pretending to be a photo\n"
