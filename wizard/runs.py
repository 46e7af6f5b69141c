"""Wizard run ids: issued by the server only, each bound to the browser session that started it.

A run id (/w/<run>/) keys a wizard's answers, its draft uploads and, once saved,
the case it made. It is a capability: whoever holds it would reach all three, so
holding the id is not enough. The server issues it (`run_issue`) and records it
in the session that asked; every wizard page and every draft-evidence endpoint
asks `run_owned` first. A run id made up by a client, or one copied from another
browser, is owned by no session that presents it and gets a fresh run or a 404,
never the other run's answers, drafts or case.
"""

from __future__ import annotations

import secrets

from django.http import HttpRequest

# The session key holding the run ids this session started, oldest first.
SESSION_RUNS = "wizard_runs"
# Enough for many tabs and restarts; the oldest run is forgotten first (its
# draft uploads are purged after EVIDENCE_DRAFT_MAX_AGE_HOURS anyway).
MAX_RUNS_PER_SESSION = 50


def new_run_id() -> str:
    """128 random bits, URL-safe: 22 characters (wizard.urls.FlowIdConverter)."""
    return secrets.token_urlsafe(16)


def run_issue(request: HttpRequest) -> str:
    """A fresh run id, recorded as owned by the request's session."""
    run_id = new_run_id()
    run_adopt(request, run_id)
    return run_id


def run_adopt(request: HttpRequest, run_id: str) -> None:
    """Record `run_id` as owned by the request's session (call only for ids it started)."""
    runs = [r for r in request.session.get(SESSION_RUNS, []) if isinstance(r, str)]
    if run_id not in runs:
        runs.append(run_id)
    request.session[SESSION_RUNS] = runs[-MAX_RUNS_PER_SESSION:]


def run_owned(request: HttpRequest, run_id: str) -> bool:
    """Whether the request's session started the run `run_id`."""
    session = getattr(request, "session", None)
    if session is None or not run_id:
        return False
    runs = session.get(SESSION_RUNS, [])
    return isinstance(runs, list) and run_id in runs
