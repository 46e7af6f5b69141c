"""No case token, signed e-mail link or run id in any log line, from any logger.

The log is captured where it leaves the process: the handler settings.LOGGING
puts on the root logger (and, for gunicorn, the handlers config/gunicorn.py
configures), while real requests fail CSRF, miss (404) and are refused (400).
"""

from __future__ import annotations

import io
import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from django.core.cache import cache

from config.celery_app import app as celery_app
from wizard.logging import MaskCaseTokensFilter
from wizard.reminders.tokens import LinkAction, link_token_make
from wizard.rules import Facts, OrderStatus, Reason
from wizard.runs import new_run_id
from wizard.services import case_create

ROOT = Path(__file__).resolve().parent.parent.parent

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def log_output():
    """What the root logger's configured handlers write, for the test's duration."""
    handlers = [
        h
        for h in logging.getLogger().handlers
        if isinstance(h, logging.StreamHandler) and not h.__class__.__module__.startswith("_pytest")
    ]
    assert handlers, "settings.LOGGING configures no stream handler on the root logger"
    buffer = io.StringIO()
    previous = [h.setStream(buffer) for h in handlers]
    try:
        yield buffer
    finally:
        for handler, stream in zip(handlers, previous, strict=True):
            handler.setStream(stream)


def _case():
    facts = Facts(order_status=OrderStatus.NOT_SHIPPED, reason=Reason.CHANGED_MIND)
    return case_create(facts=facts, answers={}, language="zh-hans")


def test_csrf_404_and_400_lines_of_real_requests_carry_no_secret(live_server, log_output):
    case = _case()
    run = new_run_id()
    signed = {a: link_token_make(link_id=case.link_id, action=a) for a in LinkAction}
    secrets_ = [case.token, run, *signed.values()]
    base = live_server.url
    stranger = requests.Session()
    referer = {"Referer": f"{base}/c/{case.token}/"}

    def post(path: str) -> int:
        return stranger.post(base + path, data={"x": "1"}, headers=referer, timeout=10).status_code

    # CSRF failures (django.security.csrf): no cookie, no token.
    assert post(f"/c/{case.token}/delete/") == 403
    assert post(f"/evidence/c/{case.token}/add/") == 403
    assert post(f"/evidence/w/{run}/upload/") == 403
    assert post(f"/w/{run}/status/") == 403
    assert post(f"/r/{signed[LinkAction.SUBMITTED]}/stop/") == 403
    assert post(f"/r/c/{case.token}/submitted/") == 403
    # 404s (django.request): unknown case, a foreign run's draft.
    missing = case.token[:-4] + "AAAA"
    secrets_.append(missing)
    assert stranger.get(f"{base}/c/{missing}/", timeout=10).status_code == 404
    assert stranger.get(f"{base}/evidence/w/{run}/x/preview/", timeout=10).status_code == 404
    # 400 (django.request): a damaged signed link.
    damaged = signed[LinkAction.UNSUBSCRIBE][:-3] + "xyz"
    secrets_.append(damaged)
    assert stranger.get(f"{base}/r/{damaged}/unsubscribe/", timeout=10).status_code == 400

    log = log_output.getvalue()
    lines = [line for line in log.splitlines() if line.strip()]
    assert sum("Forbidden" in line for line in lines) >= 6, log
    assert sum("Not Found" in line for line in lines) >= 2, log
    assert sum("Bad Request" in line for line in lines) >= 1, log
    assert "<token>" in log
    for secret in secrets_:
        assert secret not in log


def test_a_traceback_is_masked_too(log_output):
    try:
        raise ValueError("/c/SeCrEtCaseToken/ and /w/RunRunRunRunRunRunRun01/")
    except ValueError:
        logging.getLogger("wizard.anything").exception("failed on %s", "/r/SiGnEd:tok/stop/")
    log = log_output.getvalue()
    assert "Traceback" in log
    for secret in ("SeCrEtCaseToken", "RunRunRunRunRunRunRun01", "SiGnEd:tok"):
        assert secret not in log


GUNICORN_PROBE = """
import runpy, sys
from datetime import timedelta
from types import SimpleNamespace
from gunicorn.config import Config
from gunicorn.glogging import Logger

cfg = Config()
for key, value in runpy.run_path("config/gunicorn.py").items():
    if key in cfg.settings:
        cfg.set(key, value)
log = Logger(cfg)
environ = {
    "REQUEST_METHOD": "GET", "RAW_URI": "/c/CaseTokenSecret1/?next=%2Fw%2FRunIdSecret000000001%2F",
    "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "203.0.113.7",
    "HTTP_REFERER": "https://example.com/r/Signed:Link:Secret/stop/",
}
resp = SimpleNamespace(status="200 OK", headers=[], sent=10)
log.access(resp, SimpleNamespace(headers=[]), environ, timedelta(milliseconds=5))
log.error("Error handling request /evidence/w/RunIdSecret000000002/upload/")
sys.stdout.flush()
"""


def test_gunicorn_access_and_error_lines_are_masked():
    result = subprocess.run(
        [sys.executable, "-c", GUNICORN_PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout + result.stderr
    assert "203.0.113.7" in out  # the access line was written
    assert "Error handling request" in out
    for secret in (
        "CaseTokenSecret1",
        "RunIdSecret000000001",
        "Signed:Link:Secret",
        "Secret000000002",
    ):
        assert secret not in out, out


def test_celerys_own_log_handlers_get_the_mask():
    logger = logging.getLogger("celery.test-probe")
    handler = logging.StreamHandler(io.StringIO())
    logger.addHandler(handler)
    try:
        from celery import signals

        signals.after_setup_logger.send(
            sender=None,
            logger=logger,
            loglevel=logging.INFO,
            logfile=None,
            format="",
            colorize=False,
        )
        assert any(isinstance(f, MaskCaseTokensFilter) for f in handler.filters)
        logger.warning("Task failed: %s", json.dumps({"url": "/c/CeleryCaseToken/"}))
        assert "CeleryCaseToken" not in handler.stream.getvalue()
    finally:
        logger.removeHandler(handler)
    assert celery_app.main == "refund_wizard"
