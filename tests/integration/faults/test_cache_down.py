"""The cache (Redis in production) down: the rate limits step aside, the wizard goes on."""

from __future__ import annotations

import logging

import pytest
from django.urls import reverse

from .conftest import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def unreachable_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/1",  # nothing listens there
        }
    }


def test_a_wizard_answer_is_saved_when_the_rate_limit_cache_is_down(
    client, unreachable_cache, caplog
):
    start = client.get(reverse("wizard:start"))
    flow_id = start.url.split("/")[2]
    with caplog.at_level(logging.WARNING, logger="wizard.ratelimit"):
        response = client.post(
            start.url,
            {"status-order_status": "not_shipped", f"refund_{flow_id}-current_step": "status"},
        )
    assert response.status_code == 302
    assert response.url.endswith("/reason/")
    assert "rate limits not checked, the cache failed" in caplog.text
