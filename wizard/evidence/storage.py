"""Where evidence bytes live: random names under evidence/, never public.

The bytes go to the Django storage named "evidence" (settings.STORAGES): the
local filesystem under MEDIA_ROOT by default (`make run`), or an S3-compatible
object store (django-storages' S3 backend: AWS S3, Aliyun OSS, Tencent COS,
MinIO, SeaweedFS) when EVIDENCE_S3_BUCKET is set, so every web host sees every
upload. Names are the same relative keys in both.

Copies stream in 1 MiB chunks and hash on the way, so a 200 MB video never sits
in memory. On the filesystem the original is durable (fsync) before its row is
committed; in an object store it is durable once the PUT (multipart for large
files) has been answered, which also happens before the row is committed. The
preview is not fsync'd (a power cut can cost a thumbnail, never the evidence).
Deletions of files are deferred to after the database commit.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import secrets
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from wizard.evidence.ranges import ByteRange, RangeFile

logger = logging.getLogger(__name__)

CHUNK = 1024 * 1024
ROOT = "evidence"


STORAGE_ALIAS = "evidence"


def backend() -> Storage:
    """The configured evidence storage (settings.STORAGES["evidence"])."""
    return storages[STORAGE_ALIAS]


def is_local() -> bool:
    """Whether evidence lives on this host's filesystem (under MEDIA_ROOT)."""
    return isinstance(backend(), FileSystemStorage)


def _s3_object(relative: str):
    """The boto3 Object of `relative` in the evidence bucket (S3 storage only)."""
    store: Any = backend()  # django-storages' S3Storage (untyped)
    return store.bucket.Object(store._normalize_name(relative))


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
        if upload.file is not None:
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
    In an object store the file is hashed, then uploaded (boto3 switches to a
    multipart upload for large files), and stored under exactly `relative`.
    """
    if not is_local():
        return _upload_and_hash(source, relative)
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


def _upload_and_hash(source: str, relative: str) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with open(source, "rb") as src:
        while chunk := src.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
        src.seek(0)
        _save(relative, File(src))
    return digest.hexdigest(), size


def _save(relative: str, content: File) -> None:
    saved = backend().save(relative, content)
    if saved != relative:  # file_overwrite=False or a name rewrite: the row would point elsewhere
        backend().delete(saved)
        raise RuntimeError("the evidence storage renamed an object; set file_overwrite=True")


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
    if not is_local():
        _save(relative, ContentFile(data))
        return
    target = absolute(relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def delete_now(paths: Iterable[str]) -> None:
    if not is_local():
        from botocore.exceptions import BotoCoreError, ClientError

        store = backend()
        for relative in paths:
            if not relative:
                continue
            try:
                store.delete(relative)  # S3 answers a missing key with success too
            except (BotoCoreError, ClientError):
                # The rows are gone already (this runs after the commit): the user's
                # request must not fail for it. The orphan is logged to be removed.
                logger.exception("could not delete evidence object %s", relative)
        return
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


def stat(relative: str) -> tuple[int, int]:
    """(size in bytes, last modified as epoch seconds); FileNotFoundError when absent."""
    if is_local():
        result = absolute(relative).stat()
        return result.st_size, int(result.st_mtime)
    from botocore.exceptions import ClientError

    obj = _s3_object(relative)
    try:
        obj.load()  # one HEAD request
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in {"404", "NoSuchKey", "NotFound"}:
            raise FileNotFoundError(relative) from None
        raise
    return obj.content_length, int(obj.last_modified.timestamp())


class _Body:
    """A read()/close() window on an object store's streaming answer (no fileno, no seek)."""

    def __init__(self, body) -> None:
        self._body = body

    def read(self, size: int = -1) -> bytes:
        return self._body.read(None if size is None or size < 0 else size)

    def close(self) -> None:
        self._body.close()


def open_stream(relative: str, byte_range: ByteRange | None = None):
    """A binary file-like with read() and close(): the whole file, or bytes [start, end].

    From an object store only the asked-for bytes are fetched (a ranged GET), so
    serving a range of a 200 MB video never downloads the rest of it.
    """
    if is_local():
        handle = open(absolute(relative), "rb")  # noqa: SIM115 - the caller closes it
        return handle if byte_range is None else RangeFile(handle, byte_range)
    obj = _s3_object(relative)
    if byte_range is None:
        answer = obj.get()
    else:
        answer = obj.get(Range=f"bytes={byte_range.start}-{byte_range.end}")
    return _Body(answer["Body"])
