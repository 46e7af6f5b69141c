"""gunicorn settings (`gunicorn -c config/gunicorn.py config.wsgi:application`).

gunicorn sets up its own loggers before Django is loaded: this gives its access
and error logs the same token mask as every Django log line (wizard/logging.py),
so a case link, signed e-mail link or run id in a request line or a Referer
never reaches the log.
"""

bind = "0.0.0.0:8000"
workers = 3
timeout = 120
forwarded_allow_ips = "*"
accesslog = "-"

logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_case_tokens": {"()": "wizard.logging.MaskCaseTokensFilter"}},
    "formatters": {
        "generic": {
            "format": "%(asctime)s [%(process)d] [%(levelname)s] %(message)s",
            "datefmt": "[%Y-%m-%d %H:%M:%S %z]",
        },
        "access": {"format": "%(message)s"},
    },
    "handlers": {
        "error_console": {
            "class": "logging.StreamHandler",
            "formatter": "generic",
            "stream": "ext://sys.stderr",
            "filters": ["mask_case_tokens"],
        },
        "access_console": {
            "class": "logging.StreamHandler",
            "formatter": "access",
            "stream": "ext://sys.stdout",
            "filters": ["mask_case_tokens"],
        },
    },
    "root": {"level": "INFO", "handlers": ["error_console"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["access_console"], "propagate": False},
    },
}
