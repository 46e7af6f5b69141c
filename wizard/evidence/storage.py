"""Where evidence bytes live: random names under MEDIA_ROOT/evidence/, never public.

Copies stream in 1 MiB chunks and hash on the way, so a 200 MB video never sits
in memory. The original is durable (fsync) before its row is committed; the
preview is not fsync'd (a power cut can cost a thumbnail, never the evidence).
Deletions of files are deferred to after the database commit.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

CHUNK = 1024 * 1024
ROOT = "evidence"


def absolute(relative: str) -> Path:
    root = Path(settings.MEDIA_ROOT).resolve()
    path = (root / relative).resolve()
    if root not in path.parents:
        raise ValueError("evidence path escapes MEDIA_ROOT")
    return path


def new_stem() -> str:
    """A random relative path stem: evidence/ab/<32 hex>. Nothing from the user."""
    token = secrets.token_hex(16)
    return f"{ROOT}/{token[:2]}/{token}"


@contextlib.contextmanager
def local_copy(upload: UploadedFile) -> Iterator[str]:
    """A path on disk holding the upload's bytes (the streamed temp file when there is one)."""
    temp_path = getattr(upload, "temporary_file_path", None)
    if temp_path is not None:
        upload.file.flush()
        yield temp_path()
        return
    fd, path = tempfile.mkstemp(prefix="evidence-", dir=settings.FILE_UPLOAD_TEMP_DIR)
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in upload.chunks(CHUNK):
                out.write(chunk)
        yield path
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


def copy_and_hash(source: str, relative: str) -> tuple[str, int]:
    """Copy `source` to MEDIA_ROOT/relative in one pass, hashing on the way.

    Returns (sha256 hex, size). The copy is written as `.part`, fsync'd, renamed
    into place and its directory fsync'd, so by the time the caller commits the
    Evidence row the original bytes survive a power cut (they are the evidence).
    One reusable 1 MiB buffer: no allocation per chunk, bounded memory for videos.
    """
    target = absolute(relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    digest = hashlib.sha256()
    size = 0
    buffer = bytearray(CHUNK)
    view = memoryview(buffer)
    try:
        with open(source, "rb", buffering=0) as src, open(partial, "xb", buffering=0) as out:
            while count := src.readinto(buffer):
                chunk = view[:count]
                digest.update(chunk)
                written = 0
                while written < count:
                    written += out.write(chunk[written:])
                size += count
            os.fsync(out.fileno())
        os.replace(partial, target)
        _fsync_directory(target.parent)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(partial)
        raise
    return digest.hexdigest(), size


def _fsync_directory(directory: Path) -> None:
    """Make a rename durable (POSIX); a no-op where directories cannot be opened."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_bytes(relative: str, data: bytes) -> None:
    target = absolute(relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def delete_now(paths: Iterable[str]) -> None:
    for relative in paths:
        if not relative:
            continue
        with contextlib.suppress(FileNotFoundError, ValueError):
            path = absolute(relative)
            path.unlink()
            with contextlib.suppress(OSError):
                path.parent.rmdir()  # only when empty


def delete_after_commit(paths: Iterable[str]) -> None:
    """Remove files once the surrounding transaction commits (never if it rolls back)."""
    paths = list(paths)
    transaction.on_commit(lambda: delete_now(paths))
