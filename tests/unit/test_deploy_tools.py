"""The deployment files checked by the tools that read them.

`nginx -t` parses deploy/nginx.conf with Debian's nginx (CI installs nginx-light);
`docker compose config` validates docker-compose.yml where the compose CLI exists
(CI has none: that check skips there, with its reason).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
COMPOSE = ROOT / "docker-compose.yml"


def _nginx() -> str:
    found = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if found is None:
        skip_or_fail("needs nginx for `nginx -t` (apt-get install nginx-light)")
    return found


def _nginx_version(binary: str) -> tuple[int, ...]:
    out = subprocess.run([binary, "-v"], capture_output=True, text=True, check=True).stderr
    return tuple(int(n) for n in out.strip().rsplit("/", 1)[-1].split(".")[:3])


def _testable_copy(tmp_path: Path, version: tuple[int, ...]) -> Path:
    """deploy/nginx.conf inside an http {} block, with this machine's stand-ins.

    Only what cannot exist outside the stack is replaced: the compose service name
    `web` (nginx resolves upstream hosts while it parses), the certificate files
    (a self-signed pair made here) and the log directory. nginx older than 1.25.1
    (Debian 12's 1.22) spells `http2 on;` as a listen parameter.
    """
    certs = tmp_path / "certs"
    certs.mkdir()
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=localhost",
            "-keyout", str(certs / "privkey.pem"), "-out", str(certs / "fullchain.pem"),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    conf = NGINX_CONF.read_text()
    conf = conf.replace("server web:8000;", "server 127.0.0.1:8000;")
    conf = conf.replace("/etc/nginx/certs/", f"{certs}/")
    conf = conf.replace("/var/log/nginx/", f"{tmp_path}/")
    if version < (1, 25, 1):
        assert "http2 on;" in conf
        conf = conf.replace("http2 on;\n", "").replace("listen 443 ssl;", "listen 443 ssl http2;")
        conf = conf.replace("listen [::]:443 ssl;", "listen [::]:443 ssl http2;")
    site = tmp_path / "site.conf"
    site.write_text(conf)
    main = tmp_path / "nginx.conf"
    main.write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        f"events {{}}\nhttp {{\n  access_log {tmp_path}/access.log;\n  include {site};\n}}\n"
    )
    return main


def test_nginx_accepts_the_deployed_configuration(tmp_path):
    binary = _nginx()
    main = _testable_copy(tmp_path, _nginx_version(binary))
    result = subprocess.run(
        [binary, "-t", "-q", "-p", str(tmp_path), "-c", str(main)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_nginx_refuses_a_broken_configuration(tmp_path):
    # The check above can fail: a typo in a directive is reported.
    binary = _nginx()
    main = _testable_copy(tmp_path, _nginx_version(binary))
    site = tmp_path / "site.conf"
    site.write_text(site.read_text().replace("client_max_body_size", "client_max_bodysize"))
    result = subprocess.run(
        [binary, "-t", "-q", "-p", str(tmp_path), "-c", str(main)], capture_output=True, text=True
    )
    assert result.returncode != 0 and "client_max_bodysize" in result.stderr


def test_docker_compose_accepts_the_stack():
    docker = shutil.which("docker")
    if docker is None:
        pytest.skip("no docker CLI on this machine: `docker compose config` not run")
    probe = subprocess.run([docker, "compose", "version"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip("the docker CLI has no compose plugin here: `docker compose config` not run")
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": "x",
        "DJANGO_ALLOWED_HOSTS": "refund.example.com",
        "SITE_URL": "https://refund.example.com",
        "POSTGRES_PASSWORD": "x",
        "EMAIL_URL": "smtp://mail.example.com:25",
        "TLS_CERT_DIR": "/tmp",
        "EVIDENCE_S3_ACCESS_KEY_ID": "x",
        "EVIDENCE_S3_SECRET_ACCESS_KEY": "x",
    }
    result = subprocess.run(
        [docker, "compose", "-f", str(COMPOSE), "config", "--quiet"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
