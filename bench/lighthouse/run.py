"""Lighthouse (mobile) on the start page, a question and a result page, served as in production.

    .venv/bin/python bench/lighthouse/run.py [--runs 3]

Needs Node 20 with `npm install lighthouse` done in bench/lighthouse/ (or LIGHTHOUSE=path),
Debian's Chromium (/usr/bin/chromium) and nginx. Does everything:

1. a scratch PostgreSQL database (migrated) and collectstatic (hashed names);
2. gunicorn with config.settings.production (DEBUG off, HTTPS only) behind Debian's
   nginx running deploy/nginx.conf itself, with only what cannot exist outside the stack
   replaced as in tests/unit/test_deploy_tools.py (upstream host, free ports, a
   self-signed certificate, paths): static files gzip'd and cached as in production;
3. walks the wizard over HTTPS once to get a saved case (the result page);
4. runs Lighthouse's default mobile preset (emulated Moto G Power, slow 4G throttling)
   `--runs` times per page, headless Chromium, and prints the median performance and
   accessibility scores (goal >= 95 each).

The 2 cores are shared with the server (and other jobs may run): Lighthouse's simulated
throttling models the network and CPU, but a busy machine still lowers performance.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import requests
import urllib3

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve().parent

from tests.integration.faults.conftest import Phone, free_port  # noqa: E402
from tests.unit.test_deploy_tools import _nginx_version, _testable_copy  # noqa: E402
from wizard.logging import mask_case_tokens  # noqa: E402


def lighthouse_binary() -> str:
    found = os.environ.get("LIGHTHOUSE") or str(HERE / "node_modules" / ".bin" / "lighthouse")
    if not Path(found).exists():
        sys.exit(f"needs Lighthouse: cd {HERE} && npm install lighthouse")
    return found


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=2, verify=False).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def lighthouse(binary: str, url: str, out: Path) -> tuple[float, float, str]:
    subprocess.run(
        [
            binary, url, "--quiet", "--output=json", f"--output-path={out}",
            "--only-categories=performance,accessibility",
            "--chrome-path=/usr/bin/chromium",
            "--chrome-flags=--headless --no-sandbox --disable-gpu --ignore-certificate-errors",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
    )  # fmt: skip
    report = json.loads(out.read_text())
    categories = report["categories"]
    landed = urlsplit(report.get("finalDisplayedUrl") or report["finalUrl"]).path
    return (
        categories["performance"]["score"] * 100,
        categories["accessibility"]["score"] * 100,
        mask_case_tokens(landed),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pg-user", default=os.environ.get("USER", "root"))
    parser.add_argument(
        "--redis", default=os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    )
    args = parser.parse_args()
    binary = lighthouse_binary()
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    urllib3.disable_warnings()

    tmp = Path(tempfile.mkdtemp(prefix="bench-lighthouse-"))
    dbname = f"bench_lighthouse_{os.getpid()}"
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", args.pg_user, dbname], check=True)
    web_port, http_port, https_port = free_port(), free_port(), free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-not-for-production-use-0123456789",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{https_port}",
        "DATABASE_URL": f"postgres://{args.pg_user}@127.0.0.1:5432/{dbname}",
        "CACHE_URL": args.redis,
        "REDIS_URL": "memory://",
        "EMAIL_URL": "smtp://127.0.0.1:9",
        "SITE_URL": f"https://127.0.0.1:{https_port}",
        "RATELIMIT_ENABLED": "false",
        "MEDIA_ROOT": str(tmp / "media"),
        "EVIDENCE_SERVE_MODE": "django",
        "DJANGO_SECURE_HSTS_SECONDS": "0",
    }
    env.pop("CI", None)
    processes: list[subprocess.Popen] = []
    try:
        manage = [str(BIN / "python"), "manage.py"]
        subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run([*manage, "compiletranslations"], cwd=ROOT, env=env, check=True,
                       capture_output=True)  # fmt: skip
        subprocess.run(
            [*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
        )
        log = (tmp / "gunicorn.log").open("wb")
        processes.append(
            subprocess.Popen(
                [
                    str(BIN / "gunicorn"),
                    "config.wsgi:application",
                    "-c",
                    "config/gunicorn.py",
                    "--bind",
                    f"127.0.0.1:{web_port}",
                    "--workers",
                    "2",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
        )
        conf_dir = tmp / "nginx"
        conf_dir.mkdir()
        main_conf = _testable_copy(conf_dir, _nginx_version(nginx))
        site = conf_dir / "site.conf"
        text = site.read_text()
        text = text.replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{web_port};")
        text = text.replace("alias /srv/static/;", f"alias {ROOT / 'staticfiles'}/;")
        text = text.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
        text = text.replace("listen [::]:80;", "")
        text = text.replace("listen 443 ssl", f"listen 127.0.0.1:{https_port} ssl")
        text = text.replace("listen [::]:443 ssl http2;", "").replace("listen [::]:443 ssl;", "")
        site.write_text(text)
        main_conf.write_text(
            main_conf.read_text().replace("http {", "http {\n  include /etc/nginx/mime.types;")
        )
        processes.append(
            subprocess.Popen(
                [nginx, "-p", str(conf_dir), "-c", str(main_conf), "-g", "daemon off;"]
            )
        )
        base = f"https://127.0.0.1:{https_port}"
        wait_for(f"{base}/healthz?light=1")

        phone = Phone(base)
        phone.session.verify = False
        phone.session.trust_env = False  # else REQUESTS_CA_BUNDLE overrides verify=False
        phone.session.headers["Referer"] = base + "/"
        case_path = phone.walk(email="buyer@example.com")
        pages = {
            "start page": f"{base}/",
            # A question belongs to the browser session that started its run: Lighthouse's
            # fresh profile reaches a new run's first question through /start/ (a redirect).
            "a question": f"{base}/start/",
            "a result page": base + case_path,
        }
        version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout
        print(
            f"Lighthouse {version.strip()}, mobile preset, {args.runs} runs per page, medians, "
            f"load average {os.getloadavg()[0]:.1f}"
        )
        for name, url in pages.items():
            scores = [lighthouse(binary, url, tmp / f"report-{i}.json") for i in range(args.runs)]
            perf = statistics.median(s[0] for s in scores)
            a11y = statistics.median(s[1] for s in scores)
            print(f"{name} ({scores[0][2]}): performance {perf:.0f}, accessibility {a11y:.0f} "
                  f"(runs: {', '.join(f'{p:.0f}/{a:.0f}' for p, a, _ in scores)})")  # fmt: skip
    finally:
        for process in reversed(processes):
            process.send_signal(signal.SIGTERM if process.args[0] != nginx else signal.SIGQUIT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", args.pg_user, dbname], check=False)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
