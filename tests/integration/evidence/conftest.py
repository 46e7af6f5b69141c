from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from wizard.models import Case


@pytest.fixture
def evidence_dirs(settings, tmp_path: Path) -> dict[str, Path]:
    """A fresh MEDIA_ROOT and upload temp dir per test, so leftovers can be counted."""
    media, temp = tmp_path / "media", tmp_path / "upload-tmp"
    media.mkdir()
    temp.mkdir()
    settings.MEDIA_ROOT = media
    settings.FILE_UPLOAD_TEMP_DIR = str(temp)
    return {"media": media, "temp": temp}


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def upload(name: str, data: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def make_case(**overrides) -> Case:
    fields = {
        "procedure": "refuse_delivery",
        "decided_on": date(2026, 11, 24),
        "language": "zh-hans",
    }
    fields.update(overrides)
    return Case.objects.create(**fields)


FLOW_ID = "flowflowflowflowflow01"


def own_run(client, flow_id: str = FLOW_ID):
    """Make `client`'s session the owner of the wizard run `flow_id`, as /start/ would."""
    from wizard.runs import SESSION_RUNS

    session = client.session
    session[SESSION_RUNS] = [*session.get(SESSION_RUNS, []), flow_id]
    session.save()
    return client


@pytest.fixture
def client(client):
    """pytest-django's client, in the browser session that started the run FLOW_ID."""
    return own_run(client)
