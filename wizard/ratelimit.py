"""Per-client rate limits on saving cases, uploads and the API.

Fixed-window counters in the default cache: the first request of a window
creates the counter with ``cache.add`` and every request bumps it with
``cache.incr`` (both atomic on Redis and in locmem), so concurrent workers
never lose a count. The rules live in settings.RATELIMIT_RULES:

    (name, methods, path prefixes, limit, window seconds[, content type prefix])

A request counts against every rule it matches and gets a 429 with a
Retry-After header as soon as one of them is over its limit. Rules named in
RATELIMIT_DISABLED_RULES are skipped; RATELIMIT_ENABLED=False turns it all off.
If the cache itself fails (Redis down), requests pass unlimited and a warning is
logged: the limits must never take the site down with them.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

API_PREFIX = "/api/"

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rule:
    name: str
    methods: frozenset[str]
    prefixes: tuple[str, ...]
    limit: int
    window: int
    content_type: str = ""

    @classmethod
    def from_setting(cls, entry: Sequence) -> Rule:
        name, methods, prefixes, limit, window, *rest = entry
        if isinstance(prefixes, str):
            prefixes = (prefixes,)
        if isinstance(methods, str):
            methods = (methods,)
        return cls(
            name=str(name),
            methods=frozenset(m.upper() for m in methods),
            prefixes=tuple(prefixes),
            limit=int(limit),
            window=int(window),
            content_type=str(rest[0]).lower() if rest else "",
        )

    def matches(self, request: HttpRequest) -> bool:
        if request.method not in self.methods:
            return False
        if not request.path.startswith(self.prefixes):
            return False
        if self.content_type:
            return request.META.get("CONTENT_TYPE", "").lower().startswith(self.content_type)
        return True


def active_rules() -> list[Rule]:
    disabled = set(getattr(settings, "RATELIMIT_DISABLED_RULES", ()))
    return [
        rule
        for rule in map(Rule.from_setting, getattr(settings, "RATELIMIT_RULES", ()))
        if rule.name not in disabled
    ]


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the first X-Forwarded-For hop behind our proxy."""
    if getattr(settings, "RATELIMIT_TRUSTED_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        first = forwarded.split(",", 1)[0].strip()
        if first:
            try:
                return str(ipaddress.ip_address(first))
            except ValueError:
                pass  # garbage in the header: fall back to the peer address
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(*, rule: Rule, client: str, now: float | None = None) -> tuple[bool, int]:
    """Count one request; returns (allowed, seconds until the window resets)."""
    now = time.time() if now is None else now
    window_index = int(now // rule.window)
    retry_after = max(1, math.ceil((window_index + 1) * rule.window - now))
    key = f"ratelimit:{rule.name}:{client}:{window_index}"
    # The counter outlives its window by a little so incr never races expiry.
    cache.add(key, 0, timeout=rule.window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr: start again
        cache.add(key, 1, timeout=rule.window + 5)
        count = 1
    return count <= rule.limit, retry_after


def too_many_requests(request: HttpRequest, retry_after: int) -> HttpResponse:
    message = _("Too many requests, please try again in a minute")
    wants_json = request.path.startswith(API_PREFIX) or "application/json" in request.META.get(
        "HTTP_ACCEPT", ""
    )
    if wants_json:
        response: HttpResponse = JsonResponse(
            {"errors": {"__all__": [message]}},
            status=429,
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        html = render_to_string("429.html", {"message": message}, request=request)
        response = HttpResponse(html, status=429)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


class RateLimitMiddleware:
    """Place after LocaleMiddleware so the 429 speaks the user's language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if getattr(settings, "RATELIMIT_ENABLED", True):
            rules = [rule for rule in active_rules() if rule.matches(request)]
            if rules:
                client = client_ip(request)
                for rule in rules:
                    try:
                        allowed, retry_after = hit(rule=rule, client=client)
                    except Exception as exc:
                        # The cache (Redis in production) is down: fail open. Losing the
                        # limits for a while is better than refusing every save and upload.
                        logger.warning("rate limits not checked, the cache failed: %r", exc)
                        break
                    if not allowed:
                        return too_many_requests(request, retry_after)
        return self.get_response(request)


# --- Admin login ------------------------------------------------------------
# Failed admin logins are counted per client address and per username in the
# same cache as the limits above (fixed windows, atomic add/incr). Once either
# count reaches its limit, the login form answers 429 until the window ends, for
# the right password too: a guesser learns nothing from a lucky try. The
# per-username count also stops a guesser who rotates addresses; its price is
# that such a guesser can keep an admin out for a window (docs/operations.md).
# A well-kept library (django-axes) would do the same with its own tables,
# middleware and authentication backend; this limiter is already here, tested,
# and fails open the same way when the cache is down.


def _admin_login_keys(request: HttpRequest, username: str, window: int) -> list[tuple[str, int]]:
    index = int(time.time() // window)
    who = hashlib.sha256(username.strip().lower().encode()).hexdigest()[:32]
    return [
        (
            f"adminlogin:client:{client_ip(request)}:{index}",
            settings.ADMIN_LOGIN_FAILURES_PER_CLIENT,
        ),
        (f"adminlogin:user:{who}:{index}", settings.ADMIN_LOGIN_FAILURES_PER_USERNAME),
    ]


def _admin_login_blocked(keys: list[tuple[str, int]]) -> bool:
    return any((cache.get(key) or 0) >= limit for key, limit in keys)


def _admin_login_failed(keys: list[tuple[str, int]], window: int) -> None:
    for key, _limit in keys:
        cache.add(key, 0, timeout=window + 5)
        try:
            cache.incr(key)
        except ValueError:  # evicted between add and incr
            cache.add(key, 1, timeout=window + 5)


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin site's login view, throttled per client and per username."""
    from django.contrib import admin

    if request.method != "POST":
        return admin.site.login(request)
    window = settings.ADMIN_LOGIN_WINDOW_SECONDS
    try:
        keys = _admin_login_keys(request, str(request.POST.get("username", ""))[:150], window)
        blocked = _admin_login_blocked(keys)
    except Exception as exc:  # the cache is down: fail open, as the other limits do
        logger.warning("admin login throttle not checked, the cache failed: %r", exc)
        return admin.site.login(request)
    if blocked:
        retry_after = max(1, math.ceil((int(time.time() // window) + 1) * window - time.time()))
        return too_many_requests(request, retry_after)
    response = admin.site.login(request)
    # A wrong password re-renders the form (200); a good one redirects; a CSRF
    # failure is a 403 and no guess.
    if response.status_code == 200:
        try:
            _admin_login_failed(keys, window)
        except Exception as exc:
            logger.warning("admin login failure not counted, the cache failed: %r", exc)
    return response
