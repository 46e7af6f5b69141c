"""Simultaneous uploads to one wizard run or case: the count limit holds.

Two tabs, or a phone resending, can upload at the same instant. Each thread has
its own database connection and a barrier starts them together; a short sleep
right after the room check (between the count and the insert) widens the window
so that a missing lock shows up on every run, not once in a while.

PostgreSQL (production) runs in this process against the suite's database. The
SQLite case (`make run`) runs in a child process on a database file: the suite's
in-memory SQLite test database cannot show how a file database locks.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.utils import translation

from tests.integration.evidence.conftest import FLOW_ID, files_under, make_case, upload
from tests.unit.evidence import samples
from wizard.evidence import services
from wizard.evidence.models import Evidence, EvidenceKind
from wizard.evidence.services import EvidenceRefused, evidence_ingest

LIMIT = 3
RACERS = 4
WINDOW_SECONDS = 0.3
FULL = f"there are already {LIMIT} photos, the most one case can hold. Remove one first."


def check_room_then_wait(check_room: Callable[..., None]) -> Callable[..., None]:
    def wrapped(**kwargs) -> None:
        check_room(**kwargs)
        time.sleep(WINDOW_SECONDS)  # room seen: the others count before this one inserts

    return wrapped


def owned(owner: dict):
    if "case" in owner:
        return Evidence.objects.filter(case=owner["case"])
    return Evidence.objects.filter(flow_id=owner["flow_id"], case__isnull=True)


def upload_at_once(payloads: list[bytes], owner: dict) -> list[list[str]]:
    """Send each payload from its own thread at the same instant.

    One outcome per upload: ["stored", row id], ["refused", reason] or ["error", exception].
    """
    barrier = threading.Barrier(len(payloads))
    outcomes: list[list[str]] = []

    def send(index: int, data: bytes) -> None:
        try:
            with translation.override("en"):
                barrier.wait(timeout=30)
                try:
                    evidence = evidence_ingest(upload=upload(f"tab{index}.jpg", data), **owner)
                    outcomes.append(["stored", str(evidence.pk)])
                except EvidenceRefused as exc:
                    outcomes.append(["refused", exc.reason])
        except BaseException as exc:  # reported as an outcome: the test names it
            outcomes.append(["error", f"{type(exc).__name__}: {exc}"])
        finally:
            connection.close()

    threads = [
        threading.Thread(target=send, args=(index, data)) for index, data in enumerate(payloads)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not any(thread.is_alive() for thread in threads), "an upload hung"
    return sorted(outcomes)


def fill_then_race(owner: dict) -> list[list[str]]:
    """LIMIT - 1 photos stored one by one, then RACERS other photos uploaded at once."""
    for i in range(LIMIT - 1):
        evidence_ingest(upload=upload(f"kept{i}.jpg", samples.jpeg((40 + i, 30))), **owner)
    return upload_at_once([samples.jpeg((60 + i, 30)) for i in range(RACERS)], owner)


def assert_only_the_rows_files_are_left(media: Path, paths: list[str]) -> None:
    assert set(files_under(media)) == {media / path for path in paths}


# --- PostgreSQL -------------------------------------------------------------------


@pytest.fixture(params=["draft", "case"])
def owner(request, require_postgres, evidence_dirs, settings) -> dict:
    """The upload's owner: a wizard run's drafts, or a saved case (the case page)."""
    settings.EVIDENCE_MAX_PHOTOS = LIMIT
    return {"flow_id": FLOW_ID} if request.param == "draft" else {"case": make_case()}


@pytest.fixture
def wide_race_window(monkeypatch) -> None:
    monkeypatch.setattr(services, "_check_room", check_room_then_wait(services._check_room))


def _row_paths(owner: dict) -> list[str]:
    return [path for row in owned(owner) for path in (row.original_path, row.preview_path)]


@pytest.mark.django_db(transaction=True)
def test_simultaneous_uploads_to_an_owner_one_short_of_the_limit_store_exactly_one(
    owner, evidence_dirs, wide_race_window
):
    outcomes = fill_then_race(owner)

    assert [kind for kind, _ in outcomes] == ["refused"] * (RACERS - 1) + ["stored"], outcomes
    assert [detail for kind, detail in outcomes if kind == "refused"] == [FULL] * (RACERS - 1)
    assert owned(owner).count() == LIMIT
    assert set(owned(owner).values_list("kind", flat=True)) == {EvidenceKind.PHOTO}
    # The refused uploads' copies are gone: on disk, exactly each row's original and preview.
    assert_only_the_rows_files_are_left(evidence_dirs["media"], _row_paths(owner))
    assert files_under(evidence_dirs["temp"]) == []


@pytest.mark.django_db(transaction=True)
def test_the_same_photo_resent_at_the_same_instant_is_kept_once(
    owner, evidence_dirs, wide_race_window
):
    outcomes = upload_at_once([samples.jpeg()] * RACERS, owner)

    row = owned(owner).get()
    assert outcomes == [["stored", str(row.pk)]] * RACERS
    assert_only_the_rows_files_are_left(evidence_dirs["media"], _row_paths(owner))


# --- SQLite, in a child process on a database file -------------------------------

SQLITE_CHILD = """
import json
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
from tests.integration.evidence import test_concurrency as race
from wizard.evidence import services
settings.EVIDENCE_MAX_PHOTOS = race.LIMIT
call_command("migrate", verbosity=0)
services._check_room = race.check_room_then_wait(services._check_room)
owner = {"flow_id": race.FLOW_ID}
outcomes = race.fill_then_race(owner)
kept = [p for row in race.owned(owner) for p in (row.original_path, row.preview_path)]
print(json.dumps({"outcomes": outcomes, "kept": kept}))
"""


def test_on_sqlite_simultaneous_uploads_wait_for_the_write_lock_and_store_exactly_one(
    tmp_path,
):
    media = tmp_path / "media"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "TEST_MEDIA_ROOT": str(media),
    }
    child = subprocess.run(
        [sys.executable, "-c", SQLITE_CHILD],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == 0, child.stderr
    result = json.loads(child.stdout.splitlines()[-1])

    # Without BEGIN IMMEDIATE the losers fail "database is locked" instead of being told why.
    outcomes = result["outcomes"]
    assert [kind for kind, _ in outcomes] == ["refused"] * (RACERS - 1) + ["stored"], outcomes
    assert [detail for _, detail in outcomes][:-1] == [FULL] * (RACERS - 1)
    assert len(result["kept"]) == 2 * LIMIT
    assert_only_the_rows_files_are_left(media, result["kept"])
