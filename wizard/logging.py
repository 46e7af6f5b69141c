"""Keep case links out of the logs.

A case page's URL (/c/<token>/) and the signed links in reminder e-mails
(/r/<token>/) are the only keys to a user's case (and /w/<flow id>/ to a wizard
run's draft uploads): whoever reads them can open
it. Request loggers (django.request, django.server, gunicorn.access) are given
this filter in settings.LOGGING so the tokens are masked before any handler
formats or ships the line.
"""

from __future__ import annotations

import logging
import re

MASK = "<token>"
# /c/<token>, /r/<signed token>, /r/c/<token>, /w/<flow id> (a wizard run's draft
# evidence), also inside longer paths such as /evidence/c/<token>/.
_TOKEN_PATHS = re.compile(r"(/(?:r/c|[cwr])/)[^/\s?#\"'<>]+")


def mask_case_tokens(text: str) -> str:
    """`text` with every case, reminder and wizard-run token in a path masked."""
    return _TOKEN_PATHS.sub(lambda m: m.group(1) + MASK, text)


class MaskCaseTokensFilter(logging.Filter):
    """Rewrites the record's message (and request path, if any) with tokens masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: leave it to the handler
            return True
        masked = mask_case_tokens(message)
        if masked != message:
            # Freeze the formatted message: the args may hold the raw path.
            record.msg = masked
            record.args = None
        return True
