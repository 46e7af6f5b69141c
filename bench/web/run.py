"""Requests per second of real endpoints against bare Django views on the same gunicorn.

    .venv/bin/python bench/web/run.py [--duration 10] [--rounds 3] [--connections 8]
                                      [--only api|step]

1. creates a scratch PostgreSQL database and migrates it;
2. starts gunicorn (2 sync workers, config/gunicorn.py's worker class, production-like
   settings: DEBUG off, PostgreSQL sessions, rate limits off) with bench/web/settings.py,
   which adds the two bare views of bench/web/urls.py to the app's URLs;
3. with wrk (apt-get install wrk), in interleaved rounds of `--duration` seconds:
   - POST /api/v1/assessments (a valid body, answered 200) against POST /bench/bare-json/
     (the same body, parsed and answered);
   - POST /bench/floor/assessments (the API's routing, checks and body reading, without
     the engine or the texts) against the same bare view: the ceiling of the first ratio;
   - GET of a wizard step (/w/<run>/status/, in the browser session that started the run)
     against GET /bench/bare-page/ (templates/base.html through Django's template engine);
4. prints the median requests/s of each, their ratio and the median of the rounds' own
   ratios (each bare run paired with the real run right after it), then drops the database.

wrk runs on the same 2 cores as gunicorn (and other jobs may): the ratios, measured in
one run with the baseline interleaved, are the comparable figures.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
BODY = {"order_status": "not_shipped", "reason": "changed_mind"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def wrk(url: str, *, duration: int, connections: int, script: Path | None, headers: dict) -> float:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    if script is not None:
        command += ["-s", str(script)]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    if re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        raise RuntimeError(f"{url}: some answers were not 2xx:\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def post_script(tmp: Path, body: dict) -> Path:
    script = tmp / "post.lua"
    payload = json.dumps(body).replace("\\", "\\\\").replace('"', '\\"')
    script.write_text(
        'wrk.method = "POST"\n'
        f'wrk.body = "{payload}"\n'
        'wrk.headers["Content-Type"] = "application/json"\n'
    )
    return script


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--only", choices=["api", "step"], help="measure one pair only (api or step)"
    )
    parser.add_argument("--pg-user", default=os.environ.get("USER", "root"))
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("needs wrk: apt-get install wrk")

    dbname = f"bench_http_{os.getpid()}"
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", args.pg_user, dbname], check=True)
    tmp = Path(tempfile.mkdtemp(prefix="bench-http-"))
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.web.settings",
        "DJANGO_DEBUG": "false",
        "DATABASE_URL": f"postgres://{args.pg_user}@127.0.0.1:5432/{dbname}",
        "DATABASE_CONN_MAX_AGE": "60",
        "REDIS_URL": "memory://",
        "RATELIMIT_ENABLED": "false",
        "MEDIA_ROOT": str(tmp / "media"),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("CI", None)
    subprocess.run(
        [str(BIN / "python"), "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True
    )
    log = (tmp / "gunicorn.log").open("wb")
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"), "config.wsgi:application", "-c", "config/gunicorn.py",
            "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
            "--access-logfile", "/dev/null",
        ],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/healthz?light=1")
        # A browser session that started a wizard run, for the step page.
        browser = requests.Session()
        start = browser.get(f"{base}/start/", allow_redirects=False, timeout=10)
        step_path = start.headers["Location"]
        step_url = base + step_path
        assert browser.get(step_url, timeout=10).status_code == 200
        cookie = "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
        api = requests.post(f"{base}/api/v1/assessments", json=BODY, timeout=10)
        assert api.status_code == 200, api.text
        script = post_script(tmp, BODY)
        pairs = {
            "POST /api/v1/assessments": (
                (f"{base}/bench/bare-json/", script, {}),
                (f"{base}/api/v1/assessments", script, {}),
            ),
            "POST API floor (no engine, no texts)": (
                (f"{base}/bench/bare-json/", script, {}),
                (f"{base}/bench/floor/assessments", script, {}),
            ),
            "GET wizard step": (
                (f"{base}/bench/bare-page/", None, {}),
                (step_url, None, {"Cookie": cookie}),
            ),
        }
        if args.only is not None:
            wanted = {
                "api": ["POST /api/v1/assessments", "POST API floor (no engine, no texts)"],
                "step": ["GET wizard step"],
            }[args.only]
            pairs = {name: pairs[name] for name in wanted}
        results: dict[str, tuple[list[float], list[float]]] = {k: ([], []) for k in pairs}
        for name, ((bare_url, s1, h1), (real_url, s2, h2)) in pairs.items():
            # Warm-up: every worker imports and caches what it needs.
            wrk(bare_url, duration=2, connections=args.connections, script=s1, headers=h1)
            wrk(real_url, duration=2, connections=args.connections, script=s2, headers=h2)
            for _ in range(args.rounds):
                results[name][0].append(
                    wrk(
                        bare_url,
                        duration=args.duration,
                        connections=args.connections,
                        script=s1,
                        headers=h1,
                    )
                )
                results[name][1].append(
                    wrk(
                        real_url,
                        duration=args.duration,
                        connections=args.connections,
                        script=s2,
                        headers=h2,
                    )
                )
        print(f"gunicorn {args.workers} sync workers, wrk -t2 -c{args.connections}, "
              f"{args.rounds} interleaved rounds of {args.duration} s, load average "
              f"{os.getloadavg()[0]:.1f}")  # fmt: skip
        for name, (bare, real) in results.items():
            b, r = statistics.median(bare), statistics.median(real)
            rounds = [x / y for x, y in zip(real, bare, strict=True)]
            # Each round's ratio pairs two runs seconds apart: the median of those is the
            # figure least moved by the machine speeding up or slowing down during the run.
            print(
                f"{name}: {r:,.0f} req/s vs bare {b:,.0f} req/s: ratio {r / b:.2f}, "
                f"median of the rounds {statistics.median(rounds):.2f} "
                f"(rounds: {', '.join(f'{x:.2f}' for x in rounds)})"
            )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
        log.close()
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", args.pg_user, dbname], check=False)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
