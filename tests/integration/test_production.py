"""Production hardening: deploy checks, Content-Security-Policy, referrer, log masking."""

from __future__ import annotations

import logging
import os
import re
import secrets
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from wizard.flow import answers_from_facts
from wizard.logging import MaskCaseTokensFilter, mask_case_tokens
from wizard.rules import Facts, ItemCondition, OrderStatus, Reason
from wizard.services import case_create

ROOT = Path(__file__).resolve().parents[2]

EXPECTED_CSP = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:", "blob:"],
    "media-src": ["'self'", "blob:"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
}


def _csp(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.fixture
def case(db):
    facts = Facts(
        order_status=OrderStatus.RECEIVED,
        reason=Reason.SIZE_UNSUITABLE,
        received_on=date(2026, 11, 20),
        item_condition=ItemCondition.OPENED_INTACT,
    )
    return case_create(
        facts=facts, answers=answers_from_facts(facts), language="zh-hans", today=date(2026, 11, 24)
    )


def test_production_settings_pass_the_deploy_checklist_without_a_warning(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "CACHE_URL", "REDIS_URL"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy-check.sqlite3'}",
        DJANGO_ALLOWED_HOSTS="example.com",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output
    assert not re.search(r"\((security|csp|[a-z_]+)\.[WE]\d+\)", output), output


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}",
        DJANGO_ALLOWED_HOSTS="example.com",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_every_response_carries_the_content_security_policy(client, case):
    for url in ["/", case.get_absolute_url(), "/healthz", "/no-such-page/"]:
        response = client.get(url)
        assert _csp(response["Content-Security-Policy"]) == EXPECTED_CSP, url


def test_the_policy_allows_no_inline_script_or_style(client):
    policy = _csp(client.get("/")["Content-Security-Policy"])
    for directive in ("default-src", "script-src", "style-src"):
        assert "'unsafe-inline'" not in policy[directive]
        assert "'unsafe-eval'" not in policy[directive]
        assert not any(v.startswith(("'nonce-", "'sha")) for v in policy[directive])


def test_a_case_page_never_sends_its_url_to_other_sites(client, case):
    response = client.get(case.get_absolute_url())
    assert response.status_code == 200
    # same-origin: browsers send no Referer at all on cross-origin requests.
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


INLINE = [
    (re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>\s*\S", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"\sstyle\s*=", re.I), "style= attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "on*= handler"),
    (re.compile(r"href\s*=\s*[\"']?\s*javascript:", re.I), "javascript: URL"),
    (re.compile(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.I), "third-party resource"),
]


def test_pages_need_nothing_the_policy_blocks(client, case):
    """No inline script or style and no third-party resource on the main pages."""
    pages = {"/": client.get("/", follow=True), "case": client.get(case.get_absolute_url())}
    start = client.get("/start/", follow=True)
    if start.status_code == 200:
        pages["wizard"] = start
    problems = []
    for name, response in pages.items():
        html = response.content.decode()
        for pattern, what in INLINE:
            for match in pattern.finditer(html):
                problems.append(f"{name}: {what}: {html[match.start() : match.start() + 80]!r}")
    assert problems == []


def test_a_404_on_a_case_link_is_logged_without_the_token(client, caplog):
    token = secrets.token_urlsafe(32)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(f"/c/{token}/no-such-action/")
    assert response.status_code == 404
    messages = [r.getMessage() for r in caplog.records if r.name == "django.request"]
    assert messages, "the 404 was not logged"
    assert all(token not in message for message in messages)
    assert any("/c/<token>/no-such-action/" in message for message in messages)
    assert token not in caplog.text


def test_request_log_lines_are_masked_whatever_the_logger_formats():
    token = secrets.token_urlsafe(32)
    signed = "eyJjIjoxfQ:1vX2aB:" + secrets.token_urlsafe(20)
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        (f"GET /c/{token}/ HTTP/1.1", "200", "512"),
        None,
    )
    assert MaskCaseTokensFilter().filter(record) is True
    assert record.getMessage() == '"GET /c/<token>/ HTTP/1.1" 200 512'
    # gunicorn's access logger passes its atoms as a dict
    record = logging.LogRecord(
        "gunicorn.access",
        logging.INFO,
        __file__,
        1,
        "%(r)s %(s)s",
        ({"r": f"POST /r/{signed}/unsubscribe/ HTTP/1.1", "s": "200"},),
        None,
    )
    MaskCaseTokensFilter().filter(record)
    assert record.getMessage() == "POST /r/<token>/unsubscribe/ HTTP/1.1 200"


@pytest.mark.parametrize(
    ("path", "masked"),
    [
        ("/c/abc_DEF-123/", "/c/<token>/"),
        ("/r/c/abc/submitted/", "/r/c/<token>/submitted/"),
        ("/evidence/c/abc/12/thumb/", "/evidence/c/<token>/12/thumb/"),
        ("https://example.com/c/abc?x=1", "https://example.com/c/<token>?x=1"),
        ("/static/css/app.css", "/static/css/app.css"),
        ("/api/v1/assessments", "/api/v1/assessments"),
    ],
)
def test_masking_keeps_everything_but_the_token(path, masked):
    assert mask_case_tokens(path) == masked


def test_every_log_handler_carries_the_mask(settings):
    # On the handlers, so records propagated from any logger are masked too.
    for name, handler in settings.LOGGING["handlers"].items():
        assert "mask_case_tokens" in handler.get("filters", []), name
    for name in ("", "django.request", "django.security.csrf", "gunicorn.access", "celery"):
        logger = logging.getLogger(name)
        while logger is not None and not logger.handlers:
            logger = logger.parent if logger.propagate else None
        assert logger is not None, name
        for handler in logger.handlers:
            if handler.__class__.__module__.startswith("_pytest"):
                continue  # pytest's own capture handlers
            if isinstance(handler, logging.NullHandler):
                continue  # writes nothing (celery's placeholder outside a worker)
            assert any(isinstance(f, MaskCaseTokensFilter) for f in handler.filters), name


def test_a_session_cookie_never_goes_out_over_plain_http_in_production(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}",
        DJANGO_ALLOWED_HOSTS="example.com",
    )
    code = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE,"
        " s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER, s.CACHES['default']['BACKEND'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "True",
        "True",
        "True",
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
        "django.core.cache.backends.redis.RedisCache",
    ]
