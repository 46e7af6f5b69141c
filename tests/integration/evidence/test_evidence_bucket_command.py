"""`manage.py ensure_evidence_bucket` against a real S3 server (SeaweedFS)."""

from __future__ import annotations

import secrets
from io import StringIO

import pytest
from django.core.management import call_command


def test_it_creates_a_missing_bucket_once(s3_server, settings):
    name = f"evidence-{secrets.token_hex(6)}"
    settings.STORAGES = {**settings.STORAGES, "evidence": s3_server.storage_settings(name)}
    try:
        out = StringIO()
        call_command("ensure_evidence_bucket", stdout=out)
        assert "created" in out.getvalue()
        s3_server.client().head_bucket(Bucket=name)
        again = StringIO()
        call_command("ensure_evidence_bucket", stdout=again)
        assert "exists" in again.getvalue()
    finally:
        s3_server.delete_bucket(name)


def test_it_does_nothing_for_the_filesystem(settings):
    out = StringIO()
    call_command("ensure_evidence_bucket", stdout=out)
    assert "filesystem" in out.getvalue()


def test_an_unreachable_store_is_a_clear_error(settings):
    from django.core.management import CommandError

    from config.settings.base import evidence_s3_storage

    store = evidence_s3_storage(
        bucket="evidence", endpoint_url="http://127.0.0.1:9", access_key="a", secret_key="b",
        region="us-east-1", addressing_style="path",
    )  # fmt: skip
    store["OPTIONS"]["client_config"] = store["OPTIONS"]["client_config"].merge(
        __import__("botocore.config").config.Config(retries={"max_attempts": 1}, connect_timeout=1)
    )
    settings.STORAGES = {**settings.STORAGES, "evidence": store}
    with pytest.raises(CommandError, match="cannot reach"):
        call_command("ensure_evidence_bucket")
