"""The project-level catalogues must be complete: no untranslated or fuzzy entry."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"


@pytest.mark.parametrize("language", ["zh_Hans", "en"])
def test_every_project_catalogue_entry_is_translated_and_not_fuzzy(language):
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"missing catalogue {path}"
    po = polib.pofile(str(path))
    assert len(po) > 100
    assert not po.metadata_is_fuzzy
    untranslated = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == [], f"untranslated in {language}: {untranslated}"
    assert fuzzy == [], f"fuzzy in {language}: {fuzzy}"


def test_chinese_catalogue_really_is_chinese():
    po = polib.pofile(str(LOCALE / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    english_only = [
        e.msgid
        for e in po.translated_entries()
        if e.msgstr == e.msgid
        and not any("\u4e00" <= ch <= "\u9fff" for ch in e.msgid)
        and e.msgid not in {"English"}
    ]
    assert english_only == []
