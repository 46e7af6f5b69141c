"""Compile every .po catalogue of the project to .mo, without GNU gettext.

Django's `compilemessages` needs the `msgfmt` binary, which a fresh machine
with only Python and make does not have; polib does the same in Python.
"""

from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management.base import BaseCommand

SKIP = {".venv", "node_modules", "var", "media", "staticfiles", ".git"}


class Command(BaseCommand):
    help = "Compile the project's .po translation files to .mo (pure Python)."

    def handle(self, *args: Any, **options: Any) -> None:
        root = Path(settings.BASE_DIR)
        count = 0
        for po_path in sorted(root.rglob("*.po")):
            if SKIP.intersection(po_path.relative_to(root).parts):
                continue
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            count += 1
        self.stdout.write(f"compiled {count} translation catalogue(s)")
