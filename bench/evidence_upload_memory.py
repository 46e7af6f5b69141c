"""Peak memory of the server while a ~200 MB video is uploaded, against its idle baseline.

Run: .venv/bin/python bench/evidence_upload_memory.py [--mb 200] [--server gunicorn|runserver]

What it does, all in a temp dir that is removed at the end:
1. migrates a throwaway SQLite database (config.settings.local, DATABASE_URL and
   MEDIA_ROOT pointed at the temp dir) and creates a case through
   wizard.services.case_create (`manage.py shell -c`);
2. writes a valid MP4 of --mb megabytes: 720p random-noise frames encoded
   losslessly with H.264 by PyAV (incompressible, so the bytes are real video
   data), topped up to the exact size by a trailing top-level `free` box;
3. starts the app as a subprocess (gunicorn, one sync worker; or runserver
   --noreload), warms it up with GETs of the case page (which also gives the
   CSRF cookie) and measures the idle baseline: VmRSS of the server process
   tree (gunicorn master + worker) sampled for one second, median;
4. posts the video to the real "add more evidence" endpoint of the case
   (/evidence/c/<token>/add/) streamed from disk in 1 MiB chunks with
   http.client, while a thread samples VmRSS of every process of the tree every
   20 ms; the kernel's own high-water mark (VmHWM, reset via clear_refs after
   the baseline) is read at the end as a cross-check of the sampling;
5. checks that the upload was accepted (the measurement must be of an accepted
   upload), prints baseline, peak and peak minus baseline. Goal: < 64 MB.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import tempfile
import threading
import time
from fractions import Fraction
from pathlib import Path

import av

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
MB = 1_000_000
MIB = 1024 * 1024
GOAL_MB = 64

CREATE_CASE = """
from datetime import date
from wizard.flow import answers_from_facts
from wizard.rules import Facts, OrderStatus, Reason, PackageCondition
from wizard.services import case_create
facts = Facts(order_status=OrderStatus.OUT_FOR_DELIVERY, reason=Reason.PACKAGE_DAMAGED,
              package_condition=PackageCondition.DAMAGED)
case = case_create(facts=facts, answers=answers_from_facts(facts), language="en")
print("TOKEN=" + case.token)
"""


# --- the video --------------------------------------------------------------


def make_video(path: Path, size_bytes: int) -> dict:
    """A valid H.264 MP4 of exactly `size_bytes`: lossless noise, then a `free` box."""
    width, height, fps = 1280, 720, 30
    video_budget = size_bytes - 12 * MIB  # room for frames still in the encoder, moov, top-up
    written = frames = 0
    with av.open(str(path), mode="w", format="mp4") as container:
        stream = container.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.options = {"preset": "ultrafast", "tune": "zerolatency", "qp": "0"}
        stream.codec_context.time_base = Fraction(1, fps)
        while written < video_budget:
            frame = av.VideoFrame(width, height, "yuv420p")
            for plane in frame.planes:
                plane.update(os.urandom(plane.buffer_size))
            frame.pts = frames
            frames += 1
            for packet in stream.encode(frame):
                written += packet.size
                container.mux(packet)
        for packet in stream.encode(None):
            written += packet.size
            container.mux(packet)
    video_size = path.stat().st_size
    if video_size > size_bytes - 8:
        raise SystemExit(f"the encoded video ({video_size} bytes) overshot the target size")
    # A top-level 'free' box after moov: valid ISO BMFF padding, no offsets move.
    free = size_bytes - video_size
    with open(path, "ab") as out:
        out.write(struct.pack(">I4s", free, b"free"))
        remaining = free - 8
        while remaining:
            step = min(remaining, MIB)
            out.write(bytes(step))
            remaining -= step
    return {"frames": frames, "fps": fps, "video_bytes": video_size, "free_bytes": free}


# --- the server -------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def status(pid: int) -> dict[str, int]:
    """VmRSS, VmHWM, RssAnon, RssFile of a process in bytes ({} once it is gone)."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return {}
    values = {}
    for key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
        match = re.search(rf"^{key}:\s+(\d+) kB", text, re.MULTILINE)
        if match:
            values[key] = int(match[1]) * 1024
    return values


def tree(pid: int) -> list[int]:
    """The process and its descendants (gunicorn master and its worker)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        with contextlib.suppress(FileNotFoundError):
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                todo += [int(child) for child in children]
    return found


class Sampler(threading.Thread):
    def __init__(self, pid: int, every: float = 0.02) -> None:
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.samples: list[tuple[float, dict[int, dict[str, int]]]] = []
        self.stop_event = threading.Event()

    def run(self) -> None:
        while not self.stop_event.is_set():
            snapshot = {p: status(p) for p in tree(self.pid)}
            self.samples.append((time.monotonic(), snapshot))
            self.stop_event.wait(self.every)

    def stop(self) -> None:
        self.stop_event.set()
        self.join()


def total(snapshot: dict[int, dict[str, int]], key: str = "VmRSS") -> int:
    return sum(values.get(key, 0) for values in snapshot.values())


def request(port: int, method: str, path: str, headers=None, body=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=900)
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response, data


def post_file_streaming(
    port: int, path: str, field: str, file_path: Path, filename: str, headers: dict
) -> tuple[int, bytes]:
    boundary = "----bench" + secrets.token_hex(12)
    head = (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
        "Content-Type: video/mp4\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    length = len(head) + file_path.stat().st_size + len(tail)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=900)
    conn.putrequest("POST", path)
    for key, value in {
        **headers,
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Content-Length": str(length),
    }.items():
        conn.putheader(key, value)
    conn.endheaders()
    conn.send(head)
    with open(file_path, "rb") as src:
        while chunk := src.read(MIB):
            conn.send(chunk)
    conn.send(tail)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, data


def start_server(kind: str, port: int, env: dict, log: Path) -> subprocess.Popen:
    if kind == "gunicorn":
        args = [
            GUNICORN,
            "config.wsgi:application",
            "--workers=1",
            "--worker-class=sync",
            f"--bind=127.0.0.1:{port}",
            "--timeout=900",
        ]
    else:
        args = [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
    return subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT
    )


def wait_ready(port: int, path: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server exited:\n" + log.read_text()[-3000:])
        with contextlib.suppress(OSError):
            response, _ = request(port, "GET", path)
            if response.status == 200:
                return
        time.sleep(0.2)
    raise SystemExit("the server did not answer within 60 s:\n" + log.read_text()[-3000:])


def mb(value: float) -> str:
    return f"{value / MB:7.1f} MB"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=200, help="video size in MB (10^6 bytes)")
    parser.add_argument("--server", choices=["gunicorn", "runserver"], default="gunicorn")
    options = parser.parse_args()
    size_bytes = int(options.mb * MB)

    tmp = Path(tempfile.mkdtemp(prefix="bench-evidence-memory-"))
    server = None
    try:
        (tmp / "media").mkdir()
        (tmp / "upload-tmp").mkdir()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
            "MEDIA_ROOT": str(tmp / "media"),
            "TMPDIR": str(tmp / "upload-tmp"),  # where the upload handler streams the body
            "DJANGO_DEBUG": "false",
            "RATELIMIT_ENABLED": "false",
            "PYTHONUNBUFFERED": "1",
        }
        env.pop("REDIS_URL", None)
        subprocess.run(
            [PYTHON, "manage.py", "migrate", "--verbosity=0"], cwd=ROOT, env=env, check=True
        )
        made = subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", CREATE_CASE],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        token = re.search(r"TOKEN=(\S+)", made.stdout)[1]

        video = tmp / "unboxing.mp4"
        t = time.perf_counter()
        info = make_video(video, size_bytes)
        print(
            f"video: {video.stat().st_size:,} bytes ({info['frames']} frames 720p H.264 lossless "
            f"noise = {info['video_bytes']:,} bytes + free box {info['free_bytes']:,}), "
            f"made in {time.perf_counter() - t:.1f} s"
        )

        port = free_port()
        log = tmp / "server.log"
        server = start_server(options.server, port, env, log)
        case_path = f"/c/{token}/"
        wait_ready(port, case_path, server, log)
        for _ in range(3):  # warm-up: URLconf, templates, imports of the evidence views
            response, _ = request(port, "GET", case_path)
        cookie = response.getheader("Set-Cookie") or ""
        csrf = re.search(r"csrftoken=([^;]+)", cookie)
        if not csrf:
            raise SystemExit("no CSRF cookie from the case page")
        time.sleep(1.0)

        pids = tree(server.pid)
        for pid in pids:  # reset VmHWM to the current RSS (Linux clear_refs "5")
            with contextlib.suppress(OSError):
                Path(f"/proc/{pid}/clear_refs").write_text("5")
        idle = Sampler(server.pid)
        idle.start()
        time.sleep(1.0)
        idle.stop()
        baseline = statistics.median(total(s) for _, s in idle.samples)
        baseline_by_pid = {
            pid: statistics.median(s.get(pid, {}).get("VmRSS", 0) for _, s in idle.samples)
            for pid in pids
        }
        idle_last = idle.samples[-1][1]

        sampler = Sampler(server.pid)
        sampler.start()
        t = time.perf_counter()
        code, body = post_file_streaming(
            port,
            f"/evidence/c/{token}/add/",
            "upload",
            video,
            "unboxing.mp4",
            {
                "Accept": "application/json",
                "Cookie": f"csrftoken={csrf[1]}",
                "X-CSRFToken": csrf[1],
                "Referer": f"http://127.0.0.1:{port}{case_path}",
            },
        )
        elapsed = time.perf_counter() - t
        time.sleep(0.3)
        sampler.stop()
        hwm = {pid: status(pid).get("VmHWM", 0) for pid in pids}

        try:
            answer = json.loads(body)
        except ValueError:
            answer = {"raw": body[:500].decode("utf-8", "replace")}
        stored = answer.get("stored") or []
        if code != 200 or len(stored) != 1 or stored[0]["size"] != size_bytes:
            raise SystemExit(f"the upload was not accepted ({code}): {answer}")

        peak_at, peak = max(((at, total(s)) for at, s in sampler.samples), key=lambda x: x[1])
        peak_snapshot = dict(sampler.samples)[peak_at]
        print(
            f"server: {options.server}, {len(pids)} process(es), "
            f"{os.cpu_count()} cores; upload+ingest took {elapsed:.1f} s, "
            f"{len(sampler.samples)} samples every 20 ms"
        )
        for pid in pids:
            values = peak_snapshot.get(pid, {})
            role = "master" if pid == server.pid else "worker"
            before = idle_last.get(pid, {})
            print(
                f"  pid {pid} ({role}): idle {mb(baseline_by_pid[pid])} "
                f"(anon {mb(before.get('RssAnon', 0))}, file {mb(before.get('RssFile', 0))}), "
                f"at peak {mb(values.get('VmRSS', 0))} "
                f"(anon {mb(values.get('RssAnon', 0))}, file {mb(values.get('RssFile', 0))}), "
                f"VmHWM since baseline {mb(hwm[pid])} "
                f"(+{(hwm[pid] - baseline_by_pid[pid]) / MB:.1f} MB)"
            )
        delta = peak - baseline
        print(f"idle baseline (RSS, whole server): {mb(baseline)}")
        print(f"peak during the upload (RSS):      {mb(peak)}")
        # Kernel high-water marks: exact per process, summed they bound the tree's peak.
        hwm_delta = sum(hwm.values()) - baseline
        worst = max(delta, hwm_delta)
        verdict = "OK" if worst < GOAL_MB * MB else "OVER"
        print(f"peak - baseline (sampled every 20 ms): {delta / MB:.1f} MB")
        print(f"peak - baseline (sum of VmHWM, upper bound): {hwm_delta / MB:.1f} MB")
        print(f"goal < {GOAL_MB} MB above baseline: {verdict}")
    finally:
        if server is not None and server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
