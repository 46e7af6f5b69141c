"""Load benchmark: 50 simulated phones walking the wizard against gunicorn + PostgreSQL.

Does everything and prints the figures:

1. creates a scratch PostgreSQL database (createdb on 127.0.0.1:5432) and
   migrates it, starts a private redis-server on a free port (broker and
   cache, as in production), makes a temporary MEDIA_ROOT;
2. for each gunicorn worker count asked for: starts gunicorn on a free port
   (config.settings.local, DJANGO_DEBUG=false, rate limits off), runs Locust
   headless with BareViewUser (`/healthz?light=1`, the baseline) and then
   PhoneUser (bench/load/locustfile.py), same user count, and stops gunicorn;
3. prints completed wizards per second, p50/p95/p99 per step, errors, and the
   wizard's request throughput as a ratio to the bare view's;
4. drops the database, stops Redis, removes the temporary files.

    .venv/bin/python bench/load/run.py [--workers 3 4] [--users 50] [--duration 60]
                                       [--client fast|requests] [--photo small|phone] [--think 0]

Locust runs on the same 2 cores as the server, so absolute numbers are for this
machine only; the ratio against the bare view is the comparable figure.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
PERCENTILES = ("50%", "95%", "99%")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, *, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not answer within {timeout} s")
        time.sleep(0.3)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def read_stats(prefix: Path) -> dict[str, dict[str, str]]:
    with open(f"{prefix}_stats.csv", newline="") as handle:
        return {row["Name"]: row for row in csv.DictReader(handle)}


def read_failures(prefix: Path) -> list[dict[str, str]]:
    path = Path(f"{prefix}_failures.csv")
    if not path.exists():
        return []
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


def locust(
    *,
    user_class: str,
    host: str,
    users: int,
    spawn_rate: int,
    seconds: int,
    prefix: Path,
    env: dict[str, str],
    log: Path,
) -> float:
    """Run Locust headless; return the CPU seconds (user + system) it used."""
    command = [
        str(BIN / "locust"), "-f", str(LOCUSTFILE), "--headless",
        "-u", str(users), "-r", str(spawn_rate), "-t", f"{seconds}s",
        "--host", host, "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
        "--stop-timeout", "10", user_class,
    ]  # fmt: skip
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with log.open("a") as out:
        # Exit code 1 only means "there were failures": they are reported below.
        subprocess.run(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, check=False
        )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_by_process_group(groups: dict[str, Callable[[int, int, str], bool]]) -> dict[str, float]:
    """CPU seconds (user + system, with reaped children) of the processes in each group.

    A group is a predicate over (pid, parent pid, command name). Reaped children
    count through their parent's cutime/cstime, so a gunicorn worker or a
    PostgreSQL backend that exits during the run keeps its share.
    """
    totals = dict.fromkeys(groups, 0.0)
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        comm = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        ppid, ticks = int(fields[1]), sum(int(f) for f in fields[11:15])
        for name, member in groups.items():
            if member(int(entry), ppid, comm):
                totals[name] += ticks / _TICKS
                break
    return totals


def duration_of(row: dict[str, str]) -> float:
    rps = float(row["Requests/s"])
    return int(row["Request Count"]) / rps if rps else 0.0


def run_config(*, workers: int, args: argparse.Namespace, env: dict[str, str], out: Path) -> dict:
    port = free_port()
    host = f"http://127.0.0.1:{port}"
    glog = out / f"gunicorn-{workers}.log"
    gunicorn = subprocess.Popen(
        [
            str(BIN / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
            "--workers", str(workers), "--timeout", "60", "--graceful-timeout", "10",
        ],  # fmt: skip
        cwd=ROOT, env=env, stdout=glog.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        wait_for(f"{host}/healthz?light=1")
        lenv = {
            **env,
            "LOAD_THINK_SECONDS": str(args.think),
            "LOAD_CLIENT": args.client,
            "LOAD_PHOTO": args.photo,
        }
        llog = out / f"locust-{workers}.log"
        base_prefix = out / f"bare-{workers}"
        locust(
            user_class="BareViewUser", host=host, users=args.users, spawn_rate=args.spawn_rate,
            seconds=args.baseline_duration, prefix=base_prefix, env=lenv, log=llog,
        )  # fmt: skip
        wiz_prefix = out / f"wizard-{workers}"
        groups = {
            "gunicorn": lambda pid, ppid, comm: gunicorn.pid in (pid, ppid),
            "PostgreSQL": lambda pid, ppid, comm: comm.startswith("postgres"),
            "Redis": lambda pid, ppid, comm: comm.startswith("redis-server"),
        }
        server_before = cpu_by_process_group(groups)
        locust_cpu = locust(
            user_class="PhoneUser", host=host, users=args.users, spawn_rate=args.spawn_rate,
            seconds=args.duration, prefix=wiz_prefix, env=lenv, log=llog,
        )  # fmt: skip
        server_after = cpu_by_process_group(groups)
    finally:
        stop(gunicorn)
    server_log = glog.read_text(errors="replace")
    return {
        "workers": workers,
        "bare": read_stats(base_prefix),
        "wizard": read_stats(wiz_prefix),
        "failures": read_failures(base_prefix) + read_failures(wiz_prefix),
        "tracebacks": server_log.count("Traceback"),
        "locust_cpu": locust_cpu,
        "server_cpu": {name: server_after[name] - server_before[name] for name in groups},
    }


def report(result: dict, args: argparse.Namespace) -> None:
    bare = result["bare"]["Aggregated"]
    wizard = result["wizard"]
    total = wizard["Aggregated"]
    seconds = duration_of(total)
    case = wizard.get("case GET", {})
    completed = int(case.get("Request Count", 0)) - int(case.get("Failure Count", 0))
    wizard_rps = float(total["Requests/s"])
    bare_rps = float(bare["Requests/s"])
    print(
        f"\n=== gunicorn --workers {result['workers']}, {args.users} users, "
        f"think {args.think}s, CONN_MAX_AGE {args.conn_max_age}, "
        f"client {args.client}, photo {args.photo} ==="
    )
    print(
        f"bare view /healthz?light=1: {bare_rps:.1f} req/s, p50 {bare['50%']} ms, "
        f"p95 {bare['95%']} ms, p99 {bare['99%']} ms, failures {bare['Failure Count']}"
    )
    print(
        f"wizard: {completed} completed in {seconds:.0f} s = {completed / seconds:.2f} wizards/s;"
        f" {wizard_rps:.1f} req/s"
        + (f" = {wizard_rps / bare_rps:.2f} x the bare view" if not args.think else "")
    )
    print(f"{'request':<18}{'count':>7}{'fail':>6}{'p50':>7}{'p95':>7}{'p99':>7}  ms")
    for name, row in wizard.items():
        if name == "Aggregated":
            continue
        print(
            f"{name:<18}{row['Request Count']:>7}{row['Failure Count']:>6}"
            + "".join(f"{row[p]:>7}" for p in PERCENTILES)
        )
    print(
        f"{'all requests':<18}{total['Request Count']:>7}{total['Failure Count']:>6}"
        + "".join(f"{total[p]:>7}" for p in PERCENTILES)
    )
    requests = int(total["Request Count"])
    cpu = result["locust_cpu"]
    print(
        f"load generator: Locust used {cpu:.1f} CPU-s in {seconds:.0f} s "
        f"({cpu / seconds * 100:.0f} % of one core of {os.cpu_count()}), "
        f"{cpu / max(requests, 1) * 1000:.2f} ms per request"
    )
    per_wizard = 1000 / max(completed, 1)
    print(
        "CPU during the wizard phase: "
        + ", ".join(
            f"{name} {used:.1f} s ({used * per_wizard:.0f} ms per completed wizard)"
            for name, used in result["server_cpu"].items()
        )
    )
    print(f"errors: {len(result['failures'])} kinds; server tracebacks: {result['tracebacks']}")
    for failure in result["failures"]:
        error = (failure.get("Error") or "")[:300]
        print(f"  {failure.get('Occurrences')} x {failure.get('Name')}: {error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[3])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument(
        "--client",
        choices=["fast", "requests"],
        default="fast",
        help="Locust's HTTP client: FastHttpUser (default) or HttpUser on python-requests",
    )
    parser.add_argument(
        "--photo",
        choices=["small", "phone"],
        default="small",
        help="the evidence photo: 640x480 (small) or 12 MP, 3.9 MB (phone)",
    )
    parser.add_argument("--spawn-rate", type=int, default=10)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--baseline-duration", type=int, default=30)
    parser.add_argument(
        "--think", type=float, default=0.0, help="seconds between a phone's requests"
    )
    parser.add_argument(
        "--conn-max-age", type=int, default=60, help="DATABASE_CONN_MAX_AGE (production: 60)"
    )
    parser.add_argument("--pg-host", default="127.0.0.1")
    parser.add_argument("--pg-user", default=os.environ.get("PGUSER", "root"))
    parser.add_argument("--keep", action="store_true", help="keep the CSV/log directory")
    args = parser.parse_args()

    out = Path(tempfile.mkdtemp(prefix="load-bench-"))
    media = out / "media"
    media.mkdir()
    dbname = f"bench_load_{os.getpid()}"
    redis_port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DJANGO_DEBUG": "false",
        "DATABASE_URL": f"postgres://{args.pg_user}@{args.pg_host}:5432/{dbname}",
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "CACHE_URL": f"redis://127.0.0.1:{redis_port}/1",
        "MEDIA_ROOT": str(media),
        "RATELIMIT_ENABLED": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONUNBUFFERED": "1",
        "DATABASE_CONN_MAX_AGE": str(args.conn_max_age),
    }
    redis = subprocess.Popen(
        ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--daemonize", "no"],  # fmt: skip
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    subprocess.run(["createdb", "-h", args.pg_host, "-U", args.pg_user, dbname], check=True)
    try:
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
            cwd=ROOT, env=env, check=True,
        )  # fmt: skip
        results = [run_config(workers=w, args=args, env=env, out=out) for w in args.workers]
        print(f"\ncommand: {' '.join([Path(sys.executable).name, *sys.argv])}")
        print(f"machine: {os.cpu_count()} cores; Locust runs on the same machine")
        for result in results:
            report(result, args)
    finally:
        stop(redis)
        with contextlib.suppress(subprocess.CalledProcessError):
            subprocess.run(
                ["dropdb", "--if-exists", "-h", args.pg_host, "-U", args.pg_user, dbname],
                check=True,
            )
        if args.keep:
            print(f"\nCSV files and logs kept in {out}")
        else:
            shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
