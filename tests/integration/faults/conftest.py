"""Plumbing for the fault tests: private services, real subprocesses, a phone.

Every service a fault test breaks is its own (a private PostgreSQL cluster, a
private redis-server, an in-process SMTP sink), started on a free port and
removed by a fixture finalizer even when the test fails, so the suite's own
database and Redis are never touched.
"""

from __future__ import annotations

import asyncio
import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import requests
from aiosmtpd.controller import Controller
from PIL import Image

from tests.conftest import skip_or_fail

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent
FLOW_URL = re.compile(r"/w/([A-Za-z0-9_-]{22})/status/$")

FAULTS_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The fault tests run real servers (a private PostgreSQL cluster, redis-server,
    gunicorn, Celery) as child processes and break them on real time limits:
    redis-server aborts under libfaketime, and the private PostgreSQL keeps its own
    clock. They are left out of `make test-clock` (marker real_clock); their dates
    are relative to the clock those processes share."""
    for item in items:
        if FAULTS_DIR in item.path.parents:
            item.add_marker(pytest.mark.real_clock)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate: Callable[[], bool], *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.1)


# --- subprocesses ------------------------------------------------------------


class Process:
    """A subprocess with its output in a log file; stop() is idempotent."""

    def __init__(self, name: str, command: list[str], *, env: dict, log: Path) -> None:
        self.name = name
        self.log_path = log
        self._log = log.open("ab")
        self.proc = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT
        )

    def output(self) -> str:
        self._log.flush()
        return self.log_path.read_text(errors="replace")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        """SIGKILL: no cleanup, no goodbye (what the OOM killer does)."""
        if self.alive():
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.alive():
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self._log.close()


@pytest.fixture
def processes() -> Iterator[list[Process]]:
    """Append every Process started by a test: all are stopped afterwards, in reverse."""
    started: list[Process] = []
    yield started
    for process in reversed(started):
        process.stop()


def app_env(**overrides: str) -> dict[str, str]:
    """The environment of the app's subprocesses (gunicorn, celery): like `make run`."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DJANGO_DEBUG": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("CI", None)  # only meaningful to pytest, not to the app
    env.update(overrides)
    return env


def start_gunicorn(processes: list[Process], *, env: dict, tmp_path: Path, workers: int = 2):
    port = free_port()
    process = Process(
        "gunicorn",
        [
            str(BIN / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "30",
            "--graceful-timeout",
            "5",
        ],
        env=env,
        log=tmp_path / "gunicorn.log",
    )
    processes.append(process)
    base_url = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        assert process.alive(), process.output()[-3000:]
        try:
            return requests.get(f"{base_url}/healthz?light=1", timeout=2).status_code == 200
        except requests.RequestException:
            return False

    wait_until(answers, timeout=40, what="gunicorn to answer")
    return base_url, process


def celery_process(
    name: str, args: list[str], *, env: dict, log: Path, processes: list[Process]
) -> Process:
    process = Process(name, [str(BIN / "celery"), "-A", "config", *args], env=env, log=log)
    processes.append(process)
    return process


def start_celery_worker(
    processes: list[Process], *, env: dict, log: Path, name: str = "worker", wait: bool = True
) -> Process:
    """A real worker, one task at a time in its main process (so SIGKILL kills the sender)."""
    args = ["worker", "--pool=solo", "--concurrency=1", "--without-gossip", "--without-mingle"]
    args += ["--without-heartbeat", f"--hostname={name}@%h", "--loglevel=INFO"]
    process = celery_process(name, args, env=env, log=log, processes=processes)
    if wait:
        wait_for_worker(process)
    return process


def start_celery_beat(processes: list[Process], *, env: dict, tmp_path: Path) -> Process:
    """A real beat with its schedule file in the test's folder."""
    schedule = f"--schedule={tmp_path / 'beat-schedule'}"
    return celery_process(
        "beat",
        ["beat", "--loglevel=INFO", schedule],
        env=env,
        log=tmp_path / "beat.log",
        processes=processes,
    )


def wait_for_worker(process: Process) -> None:
    def ready() -> bool:
        assert process.alive(), process.output()[-3000:]
        return " ready." in process.output()

    wait_until(ready, timeout=40, what=f"celery {process.name} to be ready")


# --- a private redis-server --------------------------------------------------


def real_clock_env() -> dict[str, str]:
    """This environment without libfaketime: redis-server aborts under it.

    `make test-clock` runs the suite with the clock moved; Redis keeps no dates
    these tests assert about, so it may run on the real clock.
    """
    return {
        key: value
        for key, value in os.environ.items()
        if key != "LD_PRELOAD" and not key.startswith("FAKETIME")
    }


class PrivateRedis:
    def __init__(self, tmp_path: Path) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.cache_url = f"redis://127.0.0.1:{self.port}/1"
        self._log = tmp_path / "redis.log"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        with self._log.open("ab") as log:
            self.proc = subprocess.Popen(
                [
                    "redis-server",
                    "--port",
                    str(self.port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--daemonize",
                    "no",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=real_clock_env(),
            )
        wait_until(self._answers, timeout=15, what="redis-server to answer")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False


@pytest.fixture
def private_redis(tmp_path) -> Iterator[PrivateRedis]:
    if not shutil.which("redis-server"):
        skip_or_fail("needs redis-server on PATH (apt-get install redis-server)")
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    server.stop()


# --- an SMTP sink --------------------------------------------------------------


class SmtpSink:
    """aiosmtpd, recording a message only when it answers 250 for it.

    `delay` slows every message down (a slow provider). With `stall_on=n` the
    n-th DATA is held *before* its reply: `stalled` is set, and the handler
    waits for `release` and then answers 451 without recording anything, so a
    client killed during the stall has not delivered that message.
    """

    def __init__(self, *, delay: float = 0.0, stall_on: int | None = None) -> None:
        self.port = free_port()
        self.delay = delay
        self.stall_on = stall_on
        self.stalled = threading.Event()
        self.release = threading.Event()
        self.received: list[EmailMessage] = []
        self.data_commands = 0
        self._lock = threading.Lock()
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self.data_commands += 1
            number = self.data_commands
        if number == self.stall_on:
            self.stalled.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            return "451 4.3.0 stalled by the test, not delivered"
        if self.delay:
            await asyncio.sleep(self.delay)
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self._lock:
            self.received.append(message)
        return "250 OK"

    def start(self) -> None:
        self._controller.start()

    def stop(self) -> None:
        self.release.set()
        self._controller.stop()

    def count(self) -> int:
        with self._lock:
            return len(self.received)

    @property
    def email_url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def message_ids(self) -> list[str]:
        with self._lock:
            return [str(message["Message-ID"]) for message in self.received]


@pytest.fixture
def smtp_sink() -> Iterator[Callable[..., SmtpSink]]:
    """make(delay=, stall_on=) -> a started SmtpSink, stopped after the test."""
    sinks: list[SmtpSink] = []

    def make(**options: object) -> SmtpSink:
        sink = SmtpSink(**options)  # type: ignore[arg-type]
        sink.start()
        sinks.append(sink)
        return sink

    yield make
    for sink in sinks:
        sink.stop()


# --- the pytest database, shared with subprocesses ----------------------------


def test_database_url(settings) -> str:
    """The (committed, transaction=True) test database, for gunicorn and celery subprocesses."""
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


test_database_url.__test__ = False  # a helper, not a test


# --- a phone -------------------------------------------------------------------


def _photo() -> bytes:
    """A small real JPEG, as a phone would send (made once per test session)."""
    image = Image.linear_gradient("L").resize((480, 360)).convert("RGB")
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


PHOTO = _photo()


def wizard_answers(*, email: str) -> list[tuple[str, dict[str, str]]]:
    """The longest path (received two days ago, China time): all thirteen steps."""
    received_on = datetime.now(ZoneInfo("Asia/Shanghai")).date() - timedelta(days=2)
    return [
        ("status", {"order_status": "received"}),
        ("package", {"package_condition": "intact"}),
        ("reason", {"reason": "size_unsuitable"}),
        ("received", {"received_on": received_on.isoformat()}),
        ("condition", {"item_condition": "opened_intact"}),
        ("promised", {}),
        ("category", {"item_category": "standard"}),
        ("insurance", {"shipping_insurance": "yes"}),
        ("seller", {"seller_response": "not_contacted"}),
        ("details", {"order_number": "P7788", "product_name": "羊毛大衣"}),
        ("evidence", {}),
        ("email", {"email": email}),
        ("confirm", {}),
    ]


class StepFailed(Exception):
    def __init__(self, what: str, response: requests.Response | None, error: str = "") -> None:
        self.what = what
        self.response = response
        self.error = error
        status = response.status_code if response is not None else error
        super().__init__(f"{what}: {status}")


class Phone:
    """A browser walking the wizard over real HTTP: GET each page, POST it with CSRF."""

    def __init__(self, base_url: str, *, photo: bool = True) -> None:
        self.base_url = base_url
        self.photo = photo
        self.session = requests.Session()

    def _send(self, what: str, method: str, path: str, **kwargs) -> requests.Response:
        try:
            return self.session.request(
                method, self.base_url + path, allow_redirects=False, timeout=20, **kwargs
            )
        except requests.RequestException as exc:
            raise StepFailed(what, None, repr(exc)) from exc

    def start(self) -> str:
        response = self._send("start", "GET", "/start/")
        match = FLOW_URL.search(response.headers.get("Location", ""))
        if response.status_code != 302 or not match:
            raise StepFailed("start", response)
        return match.group(1)

    def page(self, flow_id: str, step: str) -> None:
        response = self._send(f"{step} GET", "GET", f"/w/{flow_id}/{step}/")
        if response.status_code != 200:
            raise StepFailed(f"{step} GET", response)

    def answer(self, flow_id: str, step: str, data: dict[str, str], following: str) -> None:
        payload = {f"{step}-{key}": value for key, value in data.items()}
        payload[f"refund_{flow_id}-current_step"] = step
        payload["csrfmiddlewaretoken"] = self.session.cookies.get("csrftoken", "")
        files = None
        if step == "evidence" and self.photo:
            files = {"evidence-upload": ("parcel.jpg", PHOTO, "image/jpeg")}
        response = self._send(
            f"{step} POST", "POST", f"/w/{flow_id}/{step}/", data=payload, files=files
        )
        if response.status_code != 302 or not response.headers.get("Location", "").endswith(
            f"/{following}/"
        ):
            raise StepFailed(f"{step} POST", response)

    def finish(self, flow_id: str) -> str:
        response = self._send("done GET", "GET", f"/w/{flow_id}/done/")
        location = response.headers.get("Location", "")
        if response.status_code != 302 or not location.startswith("/c/"):
            raise StepFailed("done GET", response)
        case = self._send("case GET", "GET", location)
        if case.status_code != 200:
            raise StepFailed("case GET", case)
        return location

    def walk(self, *, email: str, on_failure: Callable[[StepFailed], bool] | None = None) -> str:
        """Complete one wizard; returns the case URL.

        Without `on_failure` the first failure raises. With it, a failed request is
        reported to `on_failure` and repeated (as a user presses the button again)
        for as long as it returns True.
        """

        def attempt(action: Callable[[], object]) -> object:
            while True:
                try:
                    return action()
                except StepFailed as failure:
                    if on_failure is None or not on_failure(failure):
                        raise
                    time.sleep(0.2)

        flow_id = attempt(self.start)
        steps = wizard_answers(email=email)
        for index, (step, data) in enumerate(steps):
            following = steps[index + 1][0] if index + 1 < len(steps) else "done"
            attempt(lambda step=step: self.page(flow_id, step))
            attempt(lambda step=step, data=data, f=following: self.answer(flow_id, step, data, f))
        return attempt(lambda: self.finish(flow_id))
