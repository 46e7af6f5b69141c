"""Where evidence bytes live: random names under MEDIA_ROOT/evidence/, never public.

Copies stream in 1 MiB chunks and hash on the way, so a 200 MB video never sits
in memory. Deletions of files are deferred to after the database commit.
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
    """Copy `source` to MEDIA_ROOT/relative chunk by chunk; return (sha256 hex, size)."""
    target = absolute(relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    digest = hashlib.sha256()
    size = 0
    try:
        with open(source, "rb") as src, open(partial, "xb") as out:
            while chunk := src.read(CHUNK):
                digest.update(chunk)
                out.write(chunk)
                size += len(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(partial)
        raise
    return digest.hexdigest(), size


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
