"""`GET /healthz`: is this instance able to serve? For the load balancer and compose.

Checks the database (SELECT 1), the cache (a set/get round trip) and the Celery
broker (a connection with a short timeout). 200 with every check "ok", or 503
naming what failed. No session, no CSRF, no rate limit, no auth: it touches
nothing but the three services. `?light=1` answers without touching anything
(process liveness, and the baseline of the load benchmark).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from kombu import Connection

logger = logging.getLogger(__name__)

BROKER_TIMEOUT_SECONDS = 2.0


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise DatabaseError("SELECT 1 did not return 1")


def check_cache() -> None:
    key = f"healthz:{secrets.token_hex(8)}"
    value = secrets.token_hex(8)
    cache.set(key, value, timeout=10)
    try:
        if cache.get(key) != value:
            raise RuntimeError("the cache did not return what was stored")
    finally:
        cache.delete(key)


def check_broker() -> None:
    with Connection(
        settings.CELERY_BROKER_URL,
        transport_options=getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", None) or {},
        connect_timeout=BROKER_TIMEOUT_SECONDS,
    ) as conn:
        conn.ensure_connection(
            max_retries=1, interval_start=0, interval_step=0, timeout=BROKER_TIMEOUT_SECONDS
        )


CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
}


@csrf_exempt
@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    if request.GET.get("light"):
        return JsonResponse({"status": "ok", "checks": {}})
    checks: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as exc:
            logger.warning("health check %s failed: %s", name, exc)
            checks[name] = "failed"
        else:
            checks[name] = "ok"
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "failed", "checks": checks},
        status=200 if healthy else 503,
    )
