"""Evidence writes: ingest an upload, remove it, hand drafts to a case, purge, delete.

Every upload is checked by its bytes (validation.inspect_file) before anything
is stored; what is stored is the original bytes unchanged, a metadata-free
preview, and one row. A refused file leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import re
import unicodedata
import uuid
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import IO, TYPE_CHECKING

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wizard.evidence import storage
from wizard.evidence.items import code_or_none, fits, wrong_kind_reason
from wizard.evidence.models import Evidence, EvidenceKind
from wizard.evidence.validation import EvidenceRejected, inspect_file
from wizard.rules import EvidenceCode, Language, label

if TYPE_CHECKING:
    from wizard.models import Case

NAME_MAX_CHARS = 100
_PATH_SEPARATORS = re.compile(r"[\\/]")


class EvidenceRefused(Exception):
    """One file refused: `message` names the file and the reason, in the active language."""

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason
        self.message = _("“%(name)s”: %(reason)s") % {"name": name, "reason": reason}
        super().__init__(self.message)


@dataclass
class IngestResult:
    stored: list[Evidence] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def evidence_display_name(raw: str | None) -> str:
    """The user's file name made safe to show: no path, no control characters, bounded."""
    name = unicodedata.normalize("NFC", raw or "")
    name = _PATH_SEPARATORS.split(name)[-1]
    name = re.sub(r"[\t\n\r\v\f]", " ", name)
    name = "".join(ch for ch in name if unicodedata.category(ch) not in {"Cc", "Cf", "Cs", "Co"})
    name = " ".join(name.split()).strip(" .")
    if len(name) > NAME_MAX_CHARS:
        stem, dot, ext = name.rpartition(".")
        if dot and 0 < len(ext) <= 10:
            name = stem[: NAME_MAX_CHARS - len(ext) - 2] + "…." + ext
        else:
            name = name[: NAME_MAX_CHARS - 1] + "…"
    return name or _("unnamed file")


def _owned(*, flow_id: str, case: Case | None):
    if case is not None:
        return Evidence.objects.filter(case=case)
    return Evidence.objects.filter(flow_id=flow_id, case__isnull=True)


def _limit_for(kind: str) -> int:
    return (
        settings.EVIDENCE_MAX_PHOTOS if kind == EvidenceKind.PHOTO else settings.EVIDENCE_MAX_VIDEOS
    )


def _check_room(*, kind: str, flow_id: str, case: Case | None) -> None:
    limit = _limit_for(kind)
    if _owned(flow_id=flow_id, case=case).filter(kind=kind).count() >= limit:
        if kind == EvidenceKind.PHOTO:
            reason = _(
                "there are already %(limit)s photos, the most one case can hold. Remove one first."
            )
        else:
            reason = _(
                "there are already %(limit)s videos, the most one case can hold. Remove one first."
            )
        raise EvidenceRejected(reason % {"limit": limit})


def _owner_lock_key(*, flow_id: str, case: Case | None) -> int:
    """A signed 64-bit key naming the owner, the same in every process (unlike hash())."""
    name = f"evidence:case:{case.pk}" if case is not None else f"evidence:flow:{flow_id}"
    return int.from_bytes(
        hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True
    )


def _lock_owner(*, flow_id: str, case: Case | None) -> None:
    """Serialise "count, then insert" per owner until the surrounding transaction ends.

    PostgreSQL: a transaction-level advisory lock on the owner's key, so two
    simultaneous uploads to one run or case re-count one after the other, while
    other owners are not held up. SQLite needs nothing here: its atomic blocks
    begin IMMEDIATE (config/settings/base.py), so the transaction already holds
    the database's only write lock from its first statement.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            key = _owner_lock_key(flow_id=flow_id, case=case)
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def evidence_ingest(
    *,
    upload: UploadedFile,
    flow_id: str = "",
    case: Case | None = None,
    code: EvidenceCode | None = None,
) -> Evidence:
    """Check one upload and store it as a draft of `flow_id` or as evidence of `case`.

    `code` is the checklist item it is added under (None: not sorted yet); a
    file of a kind the item does not take (a photo for 开箱视频) is refused.
    Raises EvidenceRefused (nothing stored) when the file is not accepted. The
    same bytes uploaded again to the same run or case return the earlier row
    (under the item it was first added to).
    """
    if case is None and not flow_id:
        raise ValueError("evidence belongs to a wizard run (flow_id) or to a case")
    name = evidence_display_name(upload.name)
    try:
        with storage.local_copy(upload) as path:
            inspected = inspect_file(path)
            if code is not None and not fits(code, inspected.type.kind):
                raise EvidenceRejected(wrong_kind_reason(code))
            _check_room(kind=inspected.type.kind, flow_id=flow_id, case=case)
            stem = storage.new_stem()
            original = f"{stem}.{inspected.type.extension}"
            preview = f"{stem}.preview.jpg"
            try:
                sha256, size = storage.copy_and_hash(path, original)
                # Phones resend on shaky networks: the same bytes again are the
                # same evidence, so the upload is answered with the file kept before.
                already = _owned(flow_id=flow_id, case=case).filter(sha256=sha256).first()
                if already is not None:
                    storage.delete_now([original])
                    return already
                storage.write_bytes(preview, inspected.preview)
                # Only the re-checks and the insert run under the owner's lock: a
                # simultaneous upload may have taken the last place, or stored the
                # same bytes, since the checks above.
                with transaction.atomic():
                    _lock_owner(flow_id=flow_id, case=case)
                    already = _owned(flow_id=flow_id, case=case).filter(sha256=sha256).first()
                    if already is None:
                        _check_room(kind=inspected.type.kind, flow_id=flow_id, case=case)
                        return Evidence.objects.create(
                            case=case,
                            flow_id=flow_id,
                            code=code.value if code is not None else "",
                            kind=inspected.type.kind,
                            content_type=inspected.type.content_type,
                            original_name=name,
                            original_path=original,
                            preview_path=preview,
                            size=size,
                            sha256=sha256,
                            width=inspected.width,
                            height=inspected.height,
                            duration=inspected.duration,
                            captured_at=inspected.captured_at,
                        )
                storage.delete_now([original, preview])
                return already
            except BaseException:
                storage.delete_now([original, preview])
                raise
    except EvidenceRejected as exc:
        raise EvidenceRefused(name, exc.reason) from None


def evidence_ingest_many(
    *,
    uploads: Iterable[UploadedFile],
    flow_id: str = "",
    case: Case | None = None,
    code: EvidenceCode | None = None,
) -> IngestResult:
    """Ingest each upload on its own: valid files are kept even when others are refused."""
    result = IngestResult()
    owned = _owned(flow_id=flow_id, case=case)
    room = settings.EVIDENCE_MAX_PHOTOS + settings.EVIDENCE_MAX_VIDEOS - owned.count()
    for upload in uploads:
        if room <= 0:
            name = evidence_display_name(upload.name)
            reason = _(
                "too many files: a case holds at most %(photos)s photos and %(videos)s videos."
            ) % {"photos": settings.EVIDENCE_MAX_PHOTOS, "videos": settings.EVIDENCE_MAX_VIDEOS}
            result.errors.append(EvidenceRefused(name, reason).message)
            continue
        try:
            result.stored.append(
                evidence_ingest(upload=upload, flow_id=flow_id, case=case, code=code)
            )
            room -= 1
        except EvidenceRefused as exc:
            result.errors.append(exc.message)
    return result


def evidence_remove(*, evidence: Evidence) -> None:
    """Drop one file (the user changed their mind); its bytes go after the commit."""
    paths = [evidence.original_path, evidence.preview_path]
    with transaction.atomic():
        evidence.delete()
        storage.delete_after_commit(paths)


def evidence_remove_drafts(*, flow_id: str, ids: Iterable[str]) -> int:
    valid_ids = []
    for raw in ids:
        try:
            valid_ids.append(uuid.UUID(str(raw)))
        except ValueError:
            continue  # a tampered or stale value: nothing to remove
    removed = 0
    for evidence in Evidence.objects.filter(flow_id=flow_id, case__isnull=True, id__in=valid_ids):
        evidence_remove(evidence=evidence)
        removed += 1
    return removed


def evidence_move(*, evidence: Evidence, code: EvidenceCode | None) -> Evidence:
    """Put one file under another checklist item (None: not sorted).

    Raises EvidenceRefused when the item does not take the file's kind.
    """
    if code is not None and not fits(code, evidence.kind):
        raise EvidenceRefused(evidence.original_name, wrong_kind_reason(code))
    value = code.value if code is not None else ""
    if evidence.code != value:
        evidence.code = value
        evidence.save(update_fields=["code"])
    return evidence


def evidence_step_apply(
    *,
    flow_id: str,
    uploads: Iterable[UploadedFile] = (),
    remove: Iterable[str] = (),
    uploads_by_code: Mapping[EvidenceCode, Iterable[UploadedFile]] | None = None,
    moves: Mapping[str, str] | None = None,
) -> IngestResult:
    """The wizard's evidence page as posted: drop the ticked drafts, move, then ingest.

    `uploads` are files added without an item (not sorted yet), `uploads_by_code`
    the files chosen under each item, `moves` the item chosen for each stored
    draft ({evidence id: code}; unchanged ones are left alone). The page posts
    without JavaScript too; the wizard view calls this before the step's form
    validates, so the form only reports what was refused.
    """
    result = IngestResult()
    ids = [raw for raw in remove if raw]
    if ids:
        evidence_remove_drafts(flow_id=flow_id, ids=ids)
    for raw_id, raw_code in (moves or {}).items():
        evidence = _draft(flow_id=flow_id, evidence_id=raw_id)
        if evidence is None:
            continue  # removed, or not this run's: nothing to move
        try:
            evidence_move(evidence=evidence, code=code_or_none(raw_code))
        except EvidenceRefused as exc:
            result.errors.append(exc.message)
    batches: list[tuple[EvidenceCode | None, Iterable[UploadedFile]]] = [
        *((code, files) for code, files in (uploads_by_code or {}).items()),
        (None, uploads),
    ]
    for code, files in batches:
        chosen = [upload for upload in files if upload and upload.name is not None]
        if chosen:
            batch = evidence_ingest_many(uploads=chosen, flow_id=flow_id, code=code)
            result.stored += batch.stored
            result.errors += batch.errors
    return result


def _draft(*, flow_id: str, evidence_id: str) -> Evidence | None:
    try:
        pk = uuid.UUID(str(evidence_id))
    except ValueError:
        return None
    return Evidence.objects.filter(flow_id=flow_id, case__isnull=True, pk=pk).first()


def evidence_claim_drafts(*, case: Case, flow_id: str) -> int:
    """Move the wizard run's temporary uploads onto the saved case; returns how many."""
    if not flow_id:
        return 0
    return Evidence.objects.filter(flow_id=flow_id, case__isnull=True).update(case=case)


def evidence_delete_for_case(*, case: Case) -> None:
    """Remove every stored file of the case after the commit (rows go with the case's cascade)."""
    paths: list[str] = []
    for original, preview in Evidence.objects.filter(case=case).values_list(
        "original_path", "preview_path"
    ):
        paths += [original, preview]
    storage.delete_after_commit(paths)


def evidence_purge_abandoned(*, now: datetime | None = None) -> int:
    """Delete drafts of wizard runs that never became a case; returns how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(hours=settings.EVIDENCE_DRAFT_MAX_AGE_HOURS)
    purged = 0
    stale = Evidence.objects.filter(case__isnull=True, created_at__lt=cutoff)
    for evidence in stale.iterator():
        evidence_remove(evidence=evidence)
        purged += 1
    return purged


def _packet_name(index: int, evidence: Evidence) -> str:
    stem = (
        evidence.original_name.rsplit(".", 1)[0]
        if "." in evidence.original_name
        else evidence.original_name
    )
    stem = re.sub(r"[^\w\-. ]+", "_", stem).strip() or "file"
    return f"{index:02d}-{stem[:60]}.{evidence.extension}"


def _iso(moment: datetime | None) -> str:
    return timezone.localtime(moment).isoformat() if moment else ""


# A cell starting with one of these is a formula to Excel, Numbers, LibreOffice
# and Google Sheets ("=1+2.jpg", "@SUM(...)", "+cmd|..."): OWASP's CSV injection.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(value: object) -> object:
    """`value` safe for a spreadsheet: text that would start a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _manifest_item(evidence: Evidence, case: Case) -> str:
    """The item's name in the case's language ("" for a file not sorted yet)."""
    code = code_or_none(evidence.code)
    return label(code, Language.from_code(case.language)) if code is not None else ""


def evidence_packet_write(*, case: Case, out: IO[bytes]) -> int:
    """Write the case's evidence packet (originals + manifest.csv + manifest.json) as a ZIP.

    Originals are copied into the archive in chunks (ZIP_STORED: photos and
    videos are already compressed); returns the number of files.
    """
    rows = []
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
        items = list(Evidence.objects.filter(case=case).order_by("uploaded_at", "id"))
        for index, evidence in enumerate(items, start=1):
            arcname = f"evidence/{_packet_name(index, evidence)}"
            info = zipfile.ZipInfo(
                arcname, date_time=timezone.localtime(evidence.uploaded_at).timetuple()[:6]
            )
            info.compress_type = zipfile.ZIP_STORED
            info.file_size = evidence.size
            with (
                contextlib.closing(storage.open_stream(evidence.original_path)) as src,
                archive.open(info, "w", force_zip64=evidence.size > 2**31) as dest,
            ):
                while chunk := src.read(storage.CHUNK):
                    dest.write(chunk)
            rows.append(
                {
                    "file": arcname,
                    "original_name": evidence.original_name,
                    "sha256": evidence.sha256,
                    "size": evidence.size,
                    "type": evidence.content_type,
                    "kind": evidence.kind,
                    "evidence_code": evidence.code or "",
                    "evidence_item": _manifest_item(evidence, case),
                    "captured_at": _iso(evidence.captured_at),
                    "uploaded_at": _iso(evidence.uploaded_at),
                }
            )
        text = io.StringIO()
        writer = csv.DictWriter(
            text,
            fieldnames=[
                "file",
                "original_name",
                "sha256",
                "size",
                "type",
                "kind",
                "evidence_code",
                "evidence_item",
                "captured_at",
                "uploaded_at",
            ],
        )
        writer.writeheader()
        # manifest.json keeps the names exactly; the CSV is what a spreadsheet opens.
        writer.writerows({key: csv_cell(value) for key, value in row.items()} for row in rows)
        # BOM so spreadsheet apps open the Chinese file names correctly.
        archive.writestr("manifest.csv", "\ufeff" + text.getvalue())
        manifest = {
            "case_created_at": _iso(case.created_at),
            "procedure": case.procedure,
            "generated_at": _iso(timezone.now()),
            "files": rows,
        }
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    return len(rows)
