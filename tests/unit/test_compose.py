"""The production stack as docker-compose.yml and deploy/nginx.conf describe it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
NGINX = ROOT / "deploy" / "nginx.conf"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


def _command(service: dict) -> str:
    command = service.get("command", "")
    return " ".join(command) if isinstance(command, list) else str(command)


def _scalars(node, path=""):
    """Every (path, scalar string) in the YAML tree."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _scalars(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _scalars(value, f"{path}[{index}]")
    elif node is not None:
        yield path, str(node)


def test_the_stack_has_every_production_service(services):
    assert {"postgres", "redis", "seaweedfs", "web", "worker", "beat", "nginx"} <= set(services)


def test_django_services_wait_for_a_healthy_object_store(services):
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["seaweedfs"]["condition"] == "service_healthy"
    assert "ensure_evidence_bucket" in _command(services["web"])


def test_web_runs_gunicorn(services):
    assert "gunicorn config.wsgi:application" in _command(services["web"])


def test_worker_runs_a_celery_worker(services):
    assert re.search(r"celery -A config worker\b", _command(services["worker"]))


def test_exactly_one_service_runs_celery_beat_and_it_is_never_scaled(services):
    beats = [name for name, svc in services.items() if re.search(r"\bbeat\b", _command(svc))]
    assert beats == ["beat"]
    assert "celery -A config beat" in _command(services["beat"])
    assert services["beat"].get("deploy", {}).get("replicas", 1) == 1
    assert services["beat"].get("scale", 1) == 1
    assert "-B" not in _command(services["worker"]).split()


@pytest.mark.parametrize("name", ["web", "worker", "beat"])
def test_django_services_wait_for_healthy_postgres_and_redis(services, name):
    depends = services[name]["depends_on"]
    assert depends["postgres"]["condition"] == "service_healthy"
    assert depends["redis"]["condition"] == "service_healthy"


def test_nginx_waits_for_a_healthy_web(services):
    assert services["nginx"]["depends_on"]["web"]["condition"] == "service_healthy"


@pytest.mark.parametrize("name", ["postgres", "redis", "web", "nginx"])
def test_service_has_a_health_check(services, name):
    check = services[name].get("healthcheck", {})
    assert check.get("test"), f"{name} has no healthcheck"
    assert not check.get("disable", False)


def test_web_health_check_calls_healthz(services):
    test = services["web"]["healthcheck"]["test"]
    assert "/healthz" in (" ".join(test) if isinstance(test, list) else test)


def test_django_services_use_production_settings(services):
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert env["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
        # Evidence lives in the object store, so every web host sees every upload;
        # its bytes stream through the app, which checks each request.
        assert env["EVIDENCE_S3_BUCKET"]
        assert (
            env["EVIDENCE_S3_ENDPOINT_URL"] == "${EVIDENCE_S3_ENDPOINT_URL:-http://seaweedfs:8333}"
        )
        assert env["EVIDENCE_SERVE_MODE"] == "django"
        assert "MEDIA_ROOT" not in env


SECRET_NAMES = re.compile(r"(PASSWORD|SECRET|KEY|TOKEN|EMAIL_URL|DATABASE_URL)", re.I)


def test_compose_file_holds_no_literal_secret(compose):
    offenders = []
    for path, value in _scalars(compose):
        if not SECRET_NAMES.search(path.rsplit(".", 1)[-1]):
            continue
        if "${" not in value:
            offenders.append((path, value))
        # A password inside a URL must itself be a reference.
        for password in re.findall(r"://[^:/@]+:([^@]+)@", value):
            if not password.startswith("${"):
                offenders.append((path, value))
        # "${VAR:-literal}" would be a literal default for a secret.
        if re.search(r"\$\{[A-Z_]+:-[^}]+\}", value):
            offenders.append((path, value))
    assert offenders == []


def test_no_service_publishes_the_database_or_redis_port(services):
    for name in ("postgres", "redis", "seaweedfs", "web", "worker", "beat"):
        assert not services[name].get("ports"), f"{name} must not be reachable from outside"


@pytest.fixture(scope="module")
def nginx_conf() -> str:
    return NGINX.read_text()


def _location(conf: str, prefix: str) -> str:
    match = re.search(r"location\s+" + re.escape(prefix) + r"\s*\{(?P<body>[^}]*)\}", conf)
    assert match, f"no location {prefix} in nginx.conf"
    return match.group("body")


def test_nginx_serves_evidence_only_through_an_internal_location(nginx_conf):
    body = _location(nginx_conf, "/protected-evidence/")
    assert re.search(r"^\s*internal;", body, re.M)
    assert "alias /srv/media/;" in body


def test_nginx_serves_static_files(nginx_conf, services):
    assert "alias /srv/static/;" in _location(nginx_conf, "/static/")
    mounts = services["nginx"]["volumes"]
    assert any(m.startswith("static:/srv/static") for m in mounts)
    # No host keeps evidence on a volume of its own any more.
    assert not any(
        m.startswith("media:") for name in services for m in services[name].get("volumes", [])
    )


def test_nginx_overwrites_x_forwarded_for_with_the_peer_address(nginx_conf):
    assert re.search(r"proxy_set_header\s+X-Forwarded-For\s+\$remote_addr;", nginx_conf)
    assert "$proxy_add_x_forwarded_for" not in nginx_conf


def test_nginx_buffers_uploads_before_they_reach_gunicorn(nginx_conf):
    assert "proxy_request_buffering off" not in nginx_conf


def test_nginx_access_log_masks_case_tokens_and_drops_the_referer(nginx_conf):
    formats = re.findall(r"log_format\s+masked\s+(.*?);", nginx_conf, re.S)
    assert formats and "$loggable_uri" in formats[0]
    assert "$request_uri" not in formats[0] and "$request " not in formats[0]
    assert "$http_referer" not in formats[0]
    logs = re.findall(r"access_log\s+(\S+)(?:\s+(\S+))?;", nginx_conf)
    assert logs and all(fmt == "masked" or path == "off" for path, fmt in logs)
