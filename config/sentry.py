"""Error reporting to Sentry (sentry-sdk), off unless SENTRY_DSN is set.

Django and Celery integrations: a 500 in a view and a failed task are both
reported. Case links, signed e-mail links and wizard run ids are secrets, so
every event passes through wizard.logging.mask_case_tokens before it leaves
(request URL, transaction name, breadcrumbs, exception messages, frames), and
no personal data is sent (send_default_pii=False: no cookies, no user, no body).
"""

from __future__ import annotations

import json
from typing import Any, cast

from wizard.logging import mask_case_tokens


def scrub_event(event: dict[str, Any], hint: dict[str, Any] | None = None) -> dict[str, Any]:
    """`event` with every token-bearing path masked, wherever in the event it sits."""
    text = json.dumps(event, default=str, ensure_ascii=False)
    return json.loads(mask_case_tokens(text))


def init_sentry(
    dsn: str, *, environment: str = "", release: str = "", traces_sample_rate: float = 0.0
) -> bool:
    """Start sentry-sdk when `dsn` is set; returns whether it was started."""
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment or None,
        release=release or None,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        traces_sample_rate=traces_sample_rate,
        # sentry-sdk types events as a TypedDict; the scrubber walks plain dicts.
        before_send=cast(Any, scrub_event),
        before_send_transaction=cast(Any, scrub_event),
        before_breadcrumb=lambda crumb, hint: scrub_event(crumb),
    )
    return True
