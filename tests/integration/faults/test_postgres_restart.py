"""PostgreSQL restarted under load: clear errors, whole cases only, then normal service.

A private PostgreSQL cluster (initdb into a temporary directory, run as the
`postgres` OS user on a free port) keeps the suite's own database out of it.
gunicorn serves the app on it; phones walk the wizard from threads; the
cluster is stopped with `pg_ctl stop -m fast` and started again in the middle
(a restart with a window the test can observe).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
import requests

from tests.conftest import skip_or_fail

from .conftest import ROOT, Phone, StepFailed, app_env, free_port, start_gunicorn, wait_until

PHONES = 3
WIZARDS_PER_PHONE = 3
# templates/500.html, and templates/400.html: Django answers 400 when it cannot
# save the session of a request (SessionInterrupted), which is what a database
# outage looks like to a wizard step.
ERROR_PAGES = {500: "出错了，请稍后再试", 400: "请求未完成，请稍后再试"}
ENGLISH = {500: "Sorry, something went wrong", 400: "Your request could not be completed"}


@dataclass
class PrivatePostgres:
    bindir: Path
    base: Path
    port: int

    @property
    def data(self) -> Path:
        return self.base / "data"

    @property
    def url(self) -> str:
        return f"postgres://root@127.0.0.1:{self.port}/wizard"

    def pg_ctl(self, *args: str) -> None:
        subprocess.run(
            ["runuser", "-u", "postgres", "--", str(self.bindir / "pg_ctl"), "-D", str(self.data)]
            + list(args),
            check=True,
            capture_output=True,
            timeout=60,
        )

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c full_page_writes=off -c shared_buffers=16MB"
        )
        self.pg_ctl("-l", str(self.base / "postgres.log"), "-w", "-t", "30", "-o", options, "start")

    def stop(self) -> None:
        self.pg_ctl("-m", "fast", "-w", "-t", "30", "stop")

    def connect(self) -> psycopg.Connection:
        return psycopg.connect(host="127.0.0.1", port=self.port, user="root", dbname="wizard")


@pytest.fixture
def private_postgres() -> Iterator[PrivatePostgres]:
    bindirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    if not bindirs or not shutil.which("runuser"):
        skip_or_fail("needs PostgreSQL server binaries (/usr/lib/postgresql/*/bin) and runuser")
    if os.geteuid() != 0:
        skip_or_fail("needs root to run a private PostgreSQL cluster as the postgres user")
    base = Path(tempfile.mkdtemp(prefix="faults-pg-"))
    shutil.chown(base, "postgres", "postgres")
    cluster = PrivatePostgres(bindir=Path(bindirs[-1]), base=base, port=free_port())
    try:
        subprocess.run(
            ["runuser", "-u", "postgres", "--", str(cluster.bindir / "initdb")]
            + ["-D", str(cluster.data), "-U", "root", "-A", "trust", "-E", "UTF8"]
            + ["--locale=C", "--no-sync"],
            check=True,
            capture_output=True,
            timeout=120,
        )
        cluster.start()
        subprocess.run(
            [str(cluster.bindir / "createdb"), "-h", "127.0.0.1", "-p", str(cluster.port)]
            + ["-U", "root", "wizard"],
            check=True,
            capture_output=True,
            timeout=30,
        )
        yield cluster
    finally:
        subprocess.run(
            ["runuser", "-u", "postgres", "--", str(cluster.bindir / "pg_ctl")]
            + ["-D", str(cluster.data), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(base, ignore_errors=True)


def assert_clear_error(failure: StepFailed) -> None:
    """An outage shows our error page in both languages, never a stack trace."""
    response = failure.response
    assert response is not None, f"{failure.what}: no HTTP answer at all ({failure.error})"
    body = response.text
    assert response.status_code in ERROR_PAGES, (failure.what, response.status_code, body[:500])
    assert ERROR_PAGES[response.status_code] in body, body[:500]
    assert ENGLISH[response.status_code] in body, body[:500]
    assert "Traceback" not in body and 'File "' not in body and "psycopg" not in body


def test_a_postgres_restart_mid_load_fails_clearly_keeps_cases_whole_and_recovers(
    private_postgres, processes, tmp_path
):
    env = app_env(
        # As in production: persistent connections, checked before reuse.
        DATABASE_URL=private_postgres.url + "?conn_max_age=60&conn_health_checks=true",
        MEDIA_ROOT=str(tmp_path / "media"),
        REDIS_URL="memory://",  # the confirmation task goes nowhere; not under test here
        RATELIMIT_SAVES_PER_MINUTE="100000",
        RATELIMIT_UPLOADS_PER_MINUTE="100000",
    )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=120,
    )
    base_url, gunicorn = start_gunicorn(processes, env=env, tmp_path=tmp_path)

    completed: list[str] = []
    failures: list[StepFailed] = []
    crashes: list[BaseException] = []
    lock = threading.Lock()
    give_up = time.monotonic() + 60

    def on_failure(failure: StepFailed) -> bool:
        with lock:
            failures.append(failure)
        return time.monotonic() < give_up  # a user pressing the button again

    def phone(number: int) -> None:
        try:
            for index in range(WIZARDS_PER_PHONE):
                url = Phone(base_url).walk(
                    email=f"phone{number}.{index}@example.com", on_failure=on_failure
                )
                with lock:
                    completed.append(url)
        except BaseException as exc:  # reported by the main thread
            crashes.append(exc)

    threads = [threading.Thread(target=phone, args=(n,), daemon=True) for n in range(PHONES)]
    for thread in threads:
        thread.start()
    wait_until(lambda: len(completed) >= 2 or bool(crashes), timeout=60, what="2 wizards")
    assert not crashes, crashes

    private_postgres.stop()
    try:
        # While it is down: a page that needs the database answers with the error page.
        probe = Phone(base_url)
        with pytest.raises(StepFailed) as raised:
            probe.page(probe.start(), "status")
        assert_clear_error(raised.value)
        health = requests.get(f"{base_url}/healthz", timeout=10)
        assert health.status_code == 503 and health.json()["checks"]["database"] == "failed"
        time.sleep(1.0)  # the phones keep pressing buttons during the outage
    finally:
        private_postgres.start()

    for thread in threads:
        thread.join(timeout=90)
    assert not any(thread.is_alive() for thread in threads), "a phone is stuck"
    assert not crashes, crashes
    assert len(completed) == PHONES * WIZARDS_PER_PHONE  # every phone got to the end
    for failure in failures:
        assert_clear_error(failure)

    # After the restart the app serves normally: a fresh wizard, no retry allowed.
    assert requests.get(f"{base_url}/healthz", timeout=10).status_code == 200
    completed.append(Phone(base_url).walk(email="after@example.com"))
    assert gunicorn.alive()

    # No half-saved case: each has its outcome, its reminders and its photo.
    with private_postgres.connect() as conn:
        cases = conn.execute(
            "SELECT c.token, c.procedure, c.outcome, c.email,"
            " (SELECT count(*) FROM reminders_reminder r WHERE r.case_id = c.id),"
            " (SELECT count(*) FROM reminders_reminder r WHERE r.case_id = c.id"
            "   AND r.kind = 'confirmation'),"
            " (SELECT count(*) FROM evidence_evidence e WHERE e.case_id = c.id)"
            " FROM wizard_case c"
        ).fetchall()
    by_url = {f"/c/{token}/": rest for token, *rest in cases}
    assert set(by_url) == set(completed)  # every completed wizard saved once, nothing else
    for url, (procedure, outcome, email, reminders, confirmations, photos) in by_url.items():
        assert procedure and outcome.get("procedure") == procedure, url
        assert email and confirmations == 1 and reminders >= 1, (url, reminders)
        assert photos == 1, (url, photos)
