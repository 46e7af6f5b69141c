"""Error reporting: Sentry off by default, token-masked when on; ADMINS from the environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from config.sentry import scrub_event

ROOT = Path(__file__).resolve().parents[2]


def _settings_in_subprocess(code: str, **env: str) -> str:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production"}
    environment.update(
        DJANGO_SECRET_KEY="x", DJANGO_ALLOWED_HOSTS="example.com", DATABASE_URL="sqlite:///x"
    )
    environment.pop("SENTRY_DSN", None)
    environment.pop("ADMINS", None)
    environment.update(env)
    script = "import django; django.setup(); from django.conf import settings; " + code
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_sentry_is_off_without_a_dsn():
    out = _settings_in_subprocess(
        "import sentry_sdk; print(settings.SENTRY_ENABLED, sentry_sdk.get_client().is_active())"
    )
    assert out == "False False"


def test_sentry_starts_with_django_and_celery_and_the_scrubber_when_a_dsn_is_set():
    out = _settings_in_subprocess(
        "import sentry_sdk, json; c = sentry_sdk.get_client(); "
        "print(json.dumps([settings.SENTRY_ENABLED, c.is_active(), sorted(c.integrations), "
        "c.options['before_send'].__name__, c.options['send_default_pii']]))",
        SENTRY_DSN="http://public@127.0.0.1:9/1",
    )
    enabled, active, integrations, before_send, pii = json.loads(out)
    assert enabled and active
    assert {"django", "celery"} <= set(integrations)
    assert before_send == "scrub_event"
    assert pii is False


def test_admins_come_from_the_environment():
    out = _settings_in_subprocess(
        "import json; print(json.dumps(settings.ADMINS))",
        ADMINS="运维 <ops@example.com>, oncall@example.com",
    )
    assert json.loads(out) == [
        ["运维", "ops@example.com"],
        ["oncall@example.com", "oncall@example.com"],
    ]


def test_admins_are_empty_by_default():
    assert _settings_in_subprocess("print(settings.ADMINS)") == "[]"


def test_a_sentry_event_carries_no_case_token_or_run_id():
    event = {
        "request": {"url": "https://refund.example.com/c/SECRETTOKEN123/", "query_string": ""},
        "transaction": "/evidence/w/RUNID1234567890/upload/",
        "exception": {"values": [{"value": "no file at /evidence/c/SECRETTOKEN123/x/original/"}]},
        "breadcrumbs": {"values": [{"message": "GET /r/SIGNED.TOKEN:abc/"}]},
    }
    text = json.dumps(scrub_event(event))
    assert "SECRETTOKEN123" not in text and "RUNID1234567890" not in text
    assert "SIGNED.TOKEN" not in text
    assert "/c/<token>/" in text and "/w/<token>/" in text
