"""Evidence by checklist item: which files each item takes, and the items as a page shows them.

Every stored file carries the item it was added under (`Evidence.code`, a
wizard.rules.EvidenceCode) or none (not sorted yet). The codes of the stored
files are what the consumer really attached: `attached_codes` feeds
Facts.evidence_attached, so the prepared texts name exactly those items.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wizard.evidence.models import Evidence, EvidenceKind
from wizard.evidence.validation.filetypes import ACCEPT_ATTRIBUTE, ACCEPTED_TYPES
from wizard.rules import EvidenceCode, Language, label

PHOTO_ONLY = frozenset({EvidenceKind.PHOTO.value})
VIDEO_ONLY = frozenset({EvidenceKind.VIDEO.value})
PHOTO_OR_VIDEO = PHOTO_ONLY | VIDEO_ONLY

# What each item takes (domain.md section 7): 外包装照片/视频 either, 开箱视频 a video,
# every other item a photo or a screenshot.
ITEM_KINDS: dict[EvidenceCode, frozenset[str]] = {code: PHOTO_ONLY for code in EvidenceCode} | {
    EvidenceCode.PACKAGE_PHOTO: PHOTO_OR_VIDEO,
    EvidenceCode.UNBOXING_VIDEO: VIDEO_ONLY,
}

STATE_ADDED = "added"
STATE_MISSING = "missing"
STATE_OPTIONAL = "optional"


def code_or_none(raw: Any) -> EvidenceCode | None:
    """An EvidenceCode from a posted value; None for blank or anything unknown."""
    try:
        return EvidenceCode(str(raw)) if raw else None
    except ValueError:
        return None


def kinds_for(code: EvidenceCode | str | None) -> frozenset[str]:
    """The file kinds an item takes; a file not sorted yet may be either."""
    item = code_or_none(code)
    return ITEM_KINDS[item] if item is not None else PHOTO_OR_VIDEO


def fits(code: EvidenceCode | str | None, kind: str) -> bool:
    return kind in kinds_for(code)


def accept_for(code: EvidenceCode | str | None) -> str:
    """The file input's `accept` for an item: only the types of the kinds it takes."""
    kinds = kinds_for(code)
    if kinds == PHOTO_OR_VIDEO:
        return ACCEPT_ATTRIBUTE
    return ",".join(t.content_type for t in ACCEPTED_TYPES if t.kind in kinds)


def item_label(code: EvidenceCode | str | None, language: Language) -> str:
    item = code_or_none(code)
    return label(item, language) if item is not None else _("Not sorted yet")


def wrong_kind_reason(code: EvidenceCode) -> str:
    """Why a file cannot go under `code`, in the active language: it takes the other kind."""
    item = label(code, Language.from_code(get_language()))
    if kinds_for(code) == VIDEO_ONLY:
        return _("“%(item)s” takes a video; choose a video for it.") % {"item": item}
    return _("“%(item)s” takes a photo or a screenshot; choose a photo for it.") % {"item": item}


def attached_codes(files: Iterable[Evidence]) -> frozenset[EvidenceCode]:
    """The items that really have a file: what the texts may say is attached."""
    return frozenset(code for e in files if (code := code_or_none(e.code)) is not None)


def evidence_groups(
    checklist: Iterable[Mapping[str, Any]], files: Iterable[Evidence], *, language: Language
) -> list[dict[str, Any]]:
    """The page's evidence, item by item: the decision's list once, each with its files.

    `checklist` is the decision's evidence list ({code, label, required, ...}).
    Files under an item the list does not ask for (the answers changed) keep a
    group of their own after it; the last group (code "") always comes, with
    the files of no item ("not sorted yet") and room for anything else.
    Each group: code, label, required, state (added / missing / optional),
    accept, files; each file is {evidence, move_choices}: the items it may go to.
    """
    files = list(files)
    groups: list[dict[str, Any]] = []
    seen: set[str] = set()
    for entry in checklist:
        code = code_or_none(entry.get("code"))
        if code is None or code.value in seen:
            continue
        seen.add(code.value)
        groups.append({**entry, "code": code.value, "required": bool(entry.get("required"))})
    for e in files:
        code = code_or_none(e.code)
        if code is not None and code.value not in seen:
            seen.add(code.value)
            groups.append({"code": code.value, "label": label(code, language), "required": False})
    by_code: dict[str, list[Evidence]] = {}
    for e in files:
        item = code_or_none(e.code)
        by_code.setdefault(item.value if item is not None else "", []).append(e)
    # Last, always: files with no item, and the control to add something not on the list.
    groups.append({"code": "", "label": item_label(None, language), "required": False})
    for group in groups:
        group["files"] = by_code.get(group["code"], [])
        group["accept"] = accept_for(group["code"])
        group["kinds"] = sorted(kinds_for(group["code"]))
        group["takes_video"] = EvidenceKind.VIDEO.value in group["kinds"]
        group["takes_photo"] = EvidenceKind.PHOTO.value in group["kinds"]
        group["state"] = (
            STATE_ADDED
            if group["files"]
            else STATE_MISSING
            if group["required"]
            else STATE_OPTIONAL
        )
    targets = [g for g in groups if g["code"]]
    for group in groups:
        entries = []
        for e in group["files"]:
            choices = [
                {"code": g["code"], "label": g["label"], "current": g["code"] == group["code"]}
                for g in targets
                if fits(g["code"], e.kind)
            ]
            if not any(not choice["current"] for choice in choices):
                choices = []  # nowhere else to go: no move control
            entries.append({"evidence": e, "move_choices": choices})
        group["files"] = entries
    return groups
