"""The one tuning seam over formtools: a wizard page view that changes nothing writes nothing.

formtools' `SessionStorage` marks the session modified on every read of its data
(its writers mutate nested dicts in place), so every wizard request, even a GET
that only shows a page, rewrote and committed the session row. Measured with the
load benchmark (docs/benchmarks.md, "Stock parts"), that write on every page view
put p95 over the 300 ms goal at 50 back-to-back phones.

Here reads do not mark the session; `saved_when_changed` compares the wizard's
data before and after the request instead and marks the session only when it
changed. The first request of each China day also saves it (`SESSION_SEEN_ON`),
so the session's expiry (SESSION_COOKIE_AGE from its last save) keeps moving
while someone keeps coming back to an unfinished wizard.

It relies on two things of django-formtools (pinned `>=2.6,<3` in pyproject.toml):
`SessionStorage._set_data` and the storage keeping its data under
`request.session[storage.prefix]`; tests/integration/test_session_store.py fails if
either changes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.http import HttpRequest
from formtools.wizard.storage.session import SessionStorage

from wizard.clock import china_today

# The China date of the last request that saved the session.
SESSION_SEEN_ON = "wizard_seen_on"


class WizardSessionStorage(SessionStorage):
    """formtools' session storage, minus "every read marks the session modified"."""

    def _get_data(self) -> dict[str, Any]:
        return self.request.session[self.prefix]

    data = property(_get_data, SessionStorage._set_data)


def _snapshot(data: Any) -> str:
    """The wizard's session data as text (the session is stored as JSON)."""
    return json.dumps(data, default=repr, sort_keys=True)


@contextmanager
def saved_when_changed(request: HttpRequest, key: str) -> Iterator[None]:
    """Mark the session modified if the request changed `request.session[key]`."""
    before = _snapshot(request.session.get(key))
    try:
        yield
    finally:
        if _snapshot(request.session.get(key)) != before:
            request.session.modified = True
        today = china_today().isoformat()
        if request.session.get(SESSION_SEEN_ON) != today:
            request.session[SESSION_SEEN_ON] = today  # marks the session modified
