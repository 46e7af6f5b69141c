"""Keep case links, signed e-mail links and wizard run ids out of the logs.

A case page's URL (/c/<token>/), the signed links in reminder e-mails
(/r/<token>/) and a wizard run's id (/w/<run>/, /evidence/w/<run>/) are the only
keys to a user's case, its e-mail settings and a run's draft uploads: whoever
reads them can use them. The filter below sits on every handler in
settings.LOGGING (and on gunicorn's handlers in config/gunicorn.py, on Celery's in
config/celery_app.py), so every line of every logger is masked before it is
formatted or shipped: Django's request and security loggers (a CSRF failure
prints the path), gunicorn's access log, Celery's task log. The message, its
arguments, a traceback and stack info are all masked.
"""

from __future__ import annotations

import logging
import re
import traceback

MASK = "<token>"
# /c/<token>, /r/<signed token>, /r/c/<token>, /w/<flow id> (a wizard run's draft
# evidence), also inside longer paths such as /evidence/c/<token>/ and full URLs.
_TOKEN_PATHS = re.compile(r"(/(?:r/c|[cwr])/)[^/\s?#\"'<>]+")
# The same paths percent-encoded (a ?next= parameter, a Referer in a query string).
_ENCODED_TOKEN_PATHS = re.compile(r"(%2F(?:r%2Fc|[cwr])%2F)(?:(?!%2F)[^/\s?#&\"'<>])+", re.I)


def mask_case_tokens(text: str) -> str:
    """`text` with every case, reminder and wizard-run token in a path masked."""
    text = _TOKEN_PATHS.sub(lambda m: m.group(1) + MASK, text)
    return _ENCODED_TOKEN_PATHS.sub(lambda m: m.group(1) + MASK, text)


class MaskCaseTokensFilter(logging.Filter):
    """Rewrites the record's message, traceback and stack with tokens masked.

    Attach it to handlers: a filter on a logger does not see the records its
    child loggers propagate (django.security.csrf past django.request's).
    """

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
        if record.exc_info and not record.exc_text:
            # Formatters reuse exc_text when set: render the traceback once, masked.
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        if record.exc_text:
            record.exc_text = mask_case_tokens(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_case_tokens(record.stack_info)
        return True


def mask_handlers(logger: logging.Logger) -> None:
    """Put the mask filter on every handler of `logger` (loggers set up outside LOGGING)."""
    for handler in logger.handlers:
        if not any(isinstance(f, MaskCaseTokensFilter) for f in handler.filters):
            handler.addFilter(MaskCaseTokensFilter())
