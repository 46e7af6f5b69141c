"""Where a wizard request spends its time: cProfile over whole wizards, in-process.

Creates a scratch PostgreSQL database (createdb on 127.0.0.1:5432), walks the
wizard N times with Django's test client exactly as bench/load/locustfile.py
does over HTTP (same answers, same photo), prints the functions by cumulative
time and drops the database.

    .venv/bin/python bench/load/profile_wizard.py [-n 10] [--sort tottime] [--top 60]
                                                  [--photo small|phone]
    .venv/bin/python bench/load/profile_wizard.py --timing [-n 30] [--rounds 5]

`--timing` runs without the profiler and prints, per round of N wizards, the
process CPU time and wall time per wizard, then the medians. CPU time counts
only this process (Django and the database driver, not PostgreSQL itself), so
it moves much less than wall time when other jobs share the machine.

Settings as in bench/load/run.py: config.settings.local, DEBUG off, rate
limits off, DATABASE_CONN_MAX_AGE 60 (production's value).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT), str(HERE)]

from bench.scratch import django_on_scratch_postgres  # noqa: E402


def walk(client, photo: bytes) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from phone import answers

    flow_id = re.search(r"/w/([^/]+)/", client.get("/start/")["Location"]).group(1)
    steps = answers()
    for step, data in steps:
        url = f"/w/{flow_id}/{step}/"
        assert client.get(url).status_code == 200, step
        payload = {f"{step}-{key}": value for key, value in data.items()}
        payload[f"refund_{flow_id}-current_step"] = step
        if step == "evidence":
            payload["evidence-upload"] = SimpleUploadedFile("p.jpg", photo, "image/jpeg")
        assert client.post(url, payload).status_code == 302, step
    done = client.get(f"/w/{flow_id}/done/")
    assert done.status_code == 302
    assert client.get(done["Location"]).status_code == 200


def timing(n: int, rounds: int, jpeg: bytes) -> None:
    from django.test import Client

    cpu, wall = [], []
    for number in range(1, rounds + 1):
        cpu_started, wall_started = time.process_time(), time.perf_counter()
        for _ in range(n):
            walk(Client(HTTP_HOST="127.0.0.1"), jpeg)
        cpu.append((time.process_time() - cpu_started) / n * 1000)
        wall.append((time.perf_counter() - wall_started) / n * 1000)
        print(f"round {number}: CPU {cpu[-1]:.1f} ms, wall {wall[-1]:.1f} ms per wizard")
    print(
        f"median of {rounds} rounds: CPU {statistics.median(cpu):.1f} ms per wizard "
        f"(min {min(cpu):.1f}, max {max(cpu):.1f}), wall {statistics.median(wall):.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=10, help="wizards to profile")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument(
        "--photo", choices=["small", "phone"], default="small", help="as bench/load/run.py"
    )
    parser.add_argument("--top", type=int, default=60)
    parser.add_argument("--timing", action="store_true", help="CPU and wall time, no profiler")
    parser.add_argument("--rounds", type=int, default=5, help="with --timing")
    parser.add_argument("--pg-user", default=os.environ.get("PGUSER", "root"))
    args = parser.parse_args()
    media = tempfile.mkdtemp(prefix="load-profile-media-")
    with django_on_scratch_postgres(
        "bench_profile", pg_user=args.pg_user, RATELIMIT_ENABLED="false", MEDIA_ROOT=media
    ):
        from django.test import Client
        from phone import photo

        jpeg = photo(args.photo)
        walk(Client(HTTP_HOST="127.0.0.1"), jpeg)  # warm-up
        if args.timing:
            timing(args.n, args.rounds, jpeg)
            return
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        for _ in range(args.n):
            walk(Client(HTTP_HOST="127.0.0.1"), jpeg)
        profiler.disable()
        elapsed = time.perf_counter() - started
        requests = args.n * (1 + 2 * 11 + 2)
        print(f"{args.n} wizards, {requests} requests in {elapsed:.2f} s under cProfile")
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
