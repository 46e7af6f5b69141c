"""Every word of the e-mails has its Chinese: the e-mail is in the case's language."""

from __future__ import annotations

import re
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[3]
TEMPLATES = ROOT / "wizard" / "reminders" / "templates" / "reminders" / "email"
CATALOGUES = [
    ROOT / "wizard" / "reminders" / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po",
    ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po",
]


def _chinese() -> dict[str, str]:
    entries: dict[str, str] = {}
    for path in CATALOGUES:
        for entry in polib.pofile(str(path)):
            if entry.translated() and not entry.obsolete:
                entries.setdefault(entry.msgid, entry.msgstr or entry.msgstr_plural.get(0, ""))
    return entries


def test_the_reminders_catalogue_is_complete():
    po = polib.pofile(str(CATALOGUES[0]))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


def test_every_string_of_the_email_templates_and_builder_has_its_chinese():
    zh = _chinese()
    msgids: set[str] = set()
    for template in TEMPLATES.iterdir():
        text = template.read_text()
        msgids |= set(re.findall(r'{% translate "([^"]+)" %}', text))
        for block in re.findall(
            r"{% blocktranslate with \w+=\w+ %}(.*?){% endblocktranslate %}", text
        ):
            msgids.add(re.sub(r"{{ (\w+) }}", r"%(\1)s", block))
    source = (ROOT / "wizard" / "reminders" / "emails.py").read_text()
    for call in re.findall(r"gettext\(\s*((?:\"[^\"]*\"\s*)+)\)", source):
        msgids.add("".join(re.findall(r'"([^"]*)"', call)))
    assert len(msgids) > 25
    missing = sorted(m for m in msgids if not re.search(r"[\u4e00-\u9fff]", zh.get(m, "")))
    assert missing == []
