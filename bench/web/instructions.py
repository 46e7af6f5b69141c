"""Instructions per request of the API, its floor and the bare JSON view, counted by callgrind.

    apt-get install valgrind
    .venv/bin/python bench/web/instructions.py [--requests 300]

A count that does not move with the machine's load: requests/s on a shared machine swing
by a fifth between rounds of bench/web/run.py, an instruction count not at all. Each view
is called in-process through Django's WSGI handler (bench/web/settings.py, the app's whole
middleware stack, DEBUG off), under `valgrind --tool=callgrind` twice: after 50 warm-up
requests with none counted, then with `--requests` more; the difference divided by that
number is one request's instructions, start-up and warm-up cancelling out. No gunicorn and
no network: what it counts is the Python side of one request, which is where the API and
the bare view differ. It takes about a minute per view.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BODY = json.dumps({"order_status": "not_shipped", "reason": "changed_mind"}).encode()
PATHS = {
    "bare JSON view": "/bench/bare-json/",
    "API floor (no engine, no texts)": "/bench/floor/assessments",
    "POST /api/v1/assessments": "/api/v1/assessments",
}
WARM_UP = 50


def serve(path: str, requests: int) -> None:
    """The child: `requests` + WARM_UP requests to `path` through the WSGI handler."""
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    handler = WSGIHandler()
    statuses: list[str] = []

    def start_response(status: str, headers: list, exc_info: object = None) -> None:
        statuses.append(status)

    for _ in range(requests + WARM_UP):
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": path,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "HTTP_HOST": "127.0.0.1:8000",
            "REMOTE_ADDR": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "CONTENT_TYPE": "application/json",
            "CONTENT_LENGTH": str(len(BODY)),
            "wsgi.input": io.BytesIO(BODY),
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
        }
        response = handler(environ, start_response)
        b"".join(response)
        response.close()
        if not statuses[-1].startswith("200"):
            sys.exit(f"{path} answered {statuses[-1]}")


def counted(path: str, requests: int, env: dict[str, str]) -> int:
    """Instructions callgrind counted for one child run."""
    out = subprocess.run(
        [
            "valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
            sys.executable, __file__, "--child", path, "--requests", str(requests),
        ],
        env=env, capture_output=True, text=True, check=True,
    ).stderr  # fmt: skip
    return int(re.search(r"Collected : (\d+)", out).group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        serve(args.child, args.requests)
        return
    if shutil.which("valgrind") is None:
        sys.exit("needs valgrind: apt-get install valgrind")
    tmp = Path(tempfile.mkdtemp(prefix="bench-instructions-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.web.settings",
        "DJANGO_DEBUG": "false",
        # None of the three views reads the database or the cache.
        "DATABASE_URL": f"sqlite:///{tmp / 'unused.sqlite3'}",
        "REDIS_URL": "memory://",
        "RATELIMIT_ENABLED": "false",
        "MEDIA_ROOT": str(tmp / "media"),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("CI", None)
    try:
        per_request = {
            name: (counted(path, args.requests, env) - counted(path, 0, env)) / args.requests
            for name, path in PATHS.items()
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    bare = per_request["bare JSON view"]
    print(f"instructions per request (callgrind, {args.requests} requests after {WARM_UP})")
    for name, count in per_request.items():
        print(f"{name}: {count:,.0f} (bare / this: {bare / count:.3f})")


if __name__ == "__main__":
    main()
