"""Every POST route refuses a request without a CSRF token (403).

The test walks the URL resolver instead of listing routes, so a route added
later is covered the day it is added. Each pattern's converters or regex groups
are filled with the simplest value that matches (hypothesis finds it), and the
request is POSTed with CSRF checks enforced. The documented exemptions:
"""

from __future__ import annotations

import re
from functools import cache

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from hypothesis import HealthCheck, find, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

# The JSON API (stateless, no cookies: nothing to forge), the health check
# (GET only) and the RFC 8058 one-click unsubscribe, which mail providers POST
# from their own servers without any cookie.
EXEMPT_PREFIXES = ("api/v1/",)
EXEMPT_URL_NAMES = {"healthz", "reminders:unsubscribe"}


def _walk(patterns, prefix: str = ""):
    for entry in patterns:
        regex = _bare(entry.pattern.regex.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + regex)
        elif isinstance(entry, URLPattern):
            yield prefix + regex, entry


def _bare(regex: str) -> str:
    regex = regex.removeprefix("^")
    for end in (r"\Z", "$"):
        regex = regex.removesuffix(end)
    return regex


# The simplest value for the group bodies Django and we use; anything else is
# left to hypothesis (slower, but still deterministic: find() shrinks).
SIMPLE = {
    "[^/]+": "0",
    ".+": "0",
    ".*": "",
    "[0-9]+": "1",
    r"\d+": "1",
    "[-a-zA-Z0-9_]+": "0",
    "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}": (
        "00000000-0000-0000-0000-000000000000"
    ),
}
GROUP = re.compile(r"\(\?P<\w+>((?:[^()]|\([^()]*\))*)\)")


def _group_value(body: str) -> str | None:
    if body in SIMPLE:
        return SIMPLE[body]
    literal = re.fullmatch(r"\w+(?:\|\w+)*", body)
    if literal:
        return body.split("|")[0]
    counted = re.fullmatch(r"(\[[^\]]+\])\{(\d+)\}", body)
    if counted and re.fullmatch(counted.group(1), "0"):
        return "0" * int(counted.group(2))
    return None


@cache
def _example(regex: str) -> str:
    values = [_group_value(m.group(1)) for m in GROUP.finditer(regex)]
    if None not in values:
        it = iter(values)
        candidate = GROUP.sub(lambda _: next(it), regex).replace("\\", "")
        if re.fullmatch(regex, candidate):
            return candidate
    return find(
        st.from_regex(regex, fullmatch=True, alphabet=st.characters(codec="ascii")),
        lambda path: "//" not in path and "?" not in path and "#" not in path,
        settings=settings(database=None, suppress_health_check=list(HealthCheck)),
    )


def _routes():
    routes = []
    for regex, entry in _walk(get_resolver().url_patterns):
        path = "/" + _example(regex)
        routes.append(pytest.param(path, entry, id=f"{entry.name or entry.callback.__name__}"))
    return routes


def _url_name(match) -> str:
    return (
        ":".join([*match.namespaces, match.url_name or ""])
        if match.namespaces
        else (match.url_name or "")
    )


def _exempt(path: str) -> bool:
    match = resolve(path)
    return path.lstrip("/").startswith(EXEMPT_PREFIXES) or _url_name(match) in EXEMPT_URL_NAMES


def test_the_walk_finds_the_routes_that_matter():
    paths = [path for path, _ in (p.values for p in _routes())]
    names = {_url_name(resolve(path)) for path in paths}
    assert {"wizard:case", "healthz", "set_language", "admin_login_throttled"} <= names
    assert len(paths) > 20


def _checked_routes():
    """Every route but the documented exemptions (those are listed, not skipped)."""
    checked = []
    for param in _routes():
        path, entry = param.values
        try:
            exempt = _exempt(path)
        except Resolver404:
            exempt = False  # the test below reports the unresolvable path
        if not exempt:
            checked.append(param)
    return checked


@pytest.mark.parametrize(("path", "entry"), _checked_routes())
def test_posting_without_a_csrf_token_is_refused(path, entry):
    try:
        resolve(path)
    except Resolver404:
        pytest.fail(f"generated {path!r} for {entry} but it does not resolve")
    response = Client(enforce_csrf_checks=True).post(path, {"x": "1"})
    assert response.status_code == 403, f"POST {path} -> {response.status_code}"


def test_the_exemptions_are_the_documented_ones_and_they_exist():
    names = {_url_name(resolve(path)) for path, _ in (p.values for p in _routes())}
    assert names >= EXEMPT_URL_NAMES, EXEMPT_URL_NAMES - names
    assert any(re.match(r"/api/v1/", path) for path, _ in (p.values for p in _routes()))
