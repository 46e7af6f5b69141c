"""Settings shared by every environment.

Everything configurable comes from the environment (django-environ) and has a
working embedded default: SQLite, Celery's filesystem transport and e-mails
written to files, all under ``var/``.
"""

import email.utils
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from config.sentry import init_sentry

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
env.read_env(BASE_DIR / ".env", overwrite=False) if (BASE_DIR / ".env").exists() else None

# --- Core -------------------------------------------------------------------
SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-local-only-key-change-me-in-production")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "formtools",
    # Serves the API docs' Swagger UI from our own static files (the default
    # pulls it from a CDN with an inline script, which the CSP blocks).
    "ninja",
    "wizard",
    "wizard.evidence",
    "wizard.reminders",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A malformed Content-Length is a 400 before anything reads the body.
    "wizard.http.MalformedHeadersMiddleware",
    "wizard.ratelimit.RateLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
# https://django-environ.readthedocs.io/en/latest/types.html#environ-env-db-url
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=0))
if DATABASES["default"].get("ENGINE") == "django.db.backends.sqlite3":
    # BEGIN IMMEDIATE: every atomic block takes SQLite's write lock at its start, so
    # a "count, then insert" (the evidence limits) cannot act on a stale count, and
    # a read-then-write transaction waits for the lock instead of failing "locked".
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("transaction_mode", "IMMEDIATE")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------
CACHES = {
    "default": env.cache_url("CACHE_URL", default="locmemcache://"),
}

# --- Sessions ---------------------------------------------------------------
# Django's database sessions, as they come: formtools keeps the wizard's answers
# there. Measured against cached_db and formtools' CookieStorage in
# docs/benchmarks.md ("Stock parts").
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Wizard answers live in the session until the case is saved; two weeks after
# the last visit is enough to come back after the parcel arrives.
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Internationalisation ---------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
# Every deadline is a China date: Asia/Shanghai is the project's clock.
TIME_ZONE = "Asia/Shanghai"
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static and media -------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# Evidence is private: it lives under MEDIA_ROOT but is never served from a
# public URL, only through views that check the case token.
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/media-not-public/"

# --- Uploads ----------------------------------------------------------------
# Stream every upload to a temporary file: a 200 MB video never sits in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 0
FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.TemporaryFileUploadHandler"]
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
EVIDENCE_MAX_PHOTO_BYTES = env.int("EVIDENCE_MAX_PHOTO_BYTES", default=20 * 1024 * 1024)
EVIDENCE_MAX_VIDEO_BYTES = env.int("EVIDENCE_MAX_VIDEO_BYTES", default=200 * 1024 * 1024)
EVIDENCE_MAX_PHOTOS = env.int("EVIDENCE_MAX_PHOTOS", default=9)
EVIDENCE_MAX_VIDEOS = env.int("EVIDENCE_MAX_VIDEOS", default=3)
# "x-accel-redirect" in production (nginx serves the bytes), "django" elsewhere.
# Evidence in an object store always streams through Django (wizard.evidence.views).
EVIDENCE_SERVE_MODE = env("EVIDENCE_SERVE_MODE", default="django")

# Where evidence bytes live (wizard/evidence/storage.py): MEDIA_ROOT on this host by
# default; an S3-compatible object store (AWS S3, Aliyun OSS, Tencent COS, MinIO,
# SeaweedFS) when EVIDENCE_S3_BUCKET is set, so every web host sees every upload.
EVIDENCE_S3_BUCKET = env("EVIDENCE_S3_BUCKET", default="")


def evidence_s3_storage(
    *,
    bucket: str,
    endpoint_url: str = "",
    access_key: str = "",
    secret_key: str = "",
    region: str = "",
    addressing_style: str = "",
    checksums: str = "when_required",
) -> dict:
    """The STORAGES entry of an S3 evidence bucket (django-storages' S3 backend).

    Objects stay private (no ACL, no public URL); file_overwrite=True because every
    name is random (wizard.evidence.storage.new_stem), which spares a HEAD per save.
    Checksums only where the API requires them: boto3 1.36+ adds CRC32 headers to
    every PUT by default, which several S3-compatible stores refuse.
    """
    from botocore.config import Config

    client_config = Config(
        s3={"addressing_style": addressing_style or None},
        signature_version="s3v4",
        request_checksum_calculation=checksums,
        response_checksum_validation=checksums,
        connect_timeout=5,
        read_timeout=60,
        retries={"max_attempts": 3, "mode": "standard"},
    )
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url or None,
            "access_key": access_key or None,
            "secret_key": secret_key or None,
            "region_name": region or None,
            "client_config": client_config,
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 60,
            "file_overwrite": True,
        },
    }


STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "evidence": (
        evidence_s3_storage(
            bucket=EVIDENCE_S3_BUCKET,
            endpoint_url=env("EVIDENCE_S3_ENDPOINT_URL", default=""),
            access_key=env("EVIDENCE_S3_ACCESS_KEY_ID", default=""),
            secret_key=env("EVIDENCE_S3_SECRET_ACCESS_KEY", default=""),
            region=env("EVIDENCE_S3_REGION", default=""),
            addressing_style=env("EVIDENCE_S3_ADDRESSING_STYLE", default=""),
            # "when_supported" for AWS S3's own integrity checks.
            checksums=env("EVIDENCE_S3_CHECKSUMS", default="when_required"),
        )
        if EVIDENCE_S3_BUCKET
        # No location: it follows MEDIA_ROOT, also when a test changes it.
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
}

# --- E-mail -----------------------------------------------------------------
# EMAIL_URL=smtp://user:pass@host:587 (smtp+tls://, smtps://); without it the
# e-mails are written to var/mail/ as files.
if env("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="退款向导 <reminders@refund-wizard.local>")
REMINDER_REPLY_TO = env.list("REMINDER_REPLY_TO", default=["help@refund-wizard.local"])
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)

# --- Celery -----------------------------------------------------------------
# https://docs.celeryq.dev/en/stable/userguide/configuration.html
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS: dict = {"visibility_timeout": 3600}
else:
    # Embedded default: kombu's filesystem transport, no broker to install.
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(VAR_DIR / "celery" / "queue"),
        "data_folder_out": str(VAR_DIR / "celery" / "queue"),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Periodic work is database-driven: beat only wakes the sweepers up.
CELERY_BEAT_SCHEDULE: dict = {
    "send-due-reminders": {
        "task": "wizard.reminders.tasks.send_due_reminders",
        "schedule": 5 * 60,
    },
    "purge-abandoned-uploads": {
        "task": "wizard.evidence.tasks.purge_abandoned_uploads",
        "schedule": 60 * 60,
    },
}

# --- Reminders --------------------------------------------------------------
# Deadline reminders (docs/reminders.md): rows in the database, swept by beat.
REMINDERS_SEND_HOUR = 9  # 09:00 China time
REMINDERS_SWEEP_SECONDS = env.float("REMINDERS_SWEEP_SECONDS", default=5 * 60)
CELERY_BEAT_SCHEDULE["send-due-reminders"]["schedule"] = REMINDERS_SWEEP_SECONDS
# A claim older than this is presumed dead (worker killed) and claimable again;
# longer than the task's hard time limit, so a live sweep never loses its claim.
REMINDERS_LEASE_SECONDS = env.int("REMINDERS_LEASE_SECONDS", default=15 * 60)
REMINDERS_BATCH_SIZE = env.int("REMINDERS_BATCH_SIZE", default=50)
REMINDERS_MAX_ATTEMPTS = env.int("REMINDERS_MAX_ATTEMPTS", default=8)
REMINDERS_RETRY_BASE_SECONDS = env.int("REMINDERS_RETRY_BASE_SECONDS", default=60)
REMINDERS_RETRY_MAX_SECONDS = env.int("REMINDERS_RETRY_MAX_SECONDS", default=2 * 60 * 60)
# A sweep stops claiming after this long (below CELERY_TASK_SOFT_TIME_LIMIT).
REMINDERS_SWEEP_BUDGET_SECONDS = env.int("REMINDERS_SWEEP_BUDGET_SECONDS", default=3 * 60)
# How long the stop/unsubscribe links in the e-mails stay valid.
REMINDERS_LINK_MAX_AGE_DAYS = env.int("REMINDERS_LINK_MAX_AGE_DAYS", default=365)

# --- Evidence ---------------------------------------------------------------
# Rules in docs/evidence.md. Photos: a pixel budget checked before decoding
# (an iPhone 48 MP photo fits), a longest side, a display copy size.
EVIDENCE_MAX_IMAGE_PIXELS = env.int("EVIDENCE_MAX_IMAGE_PIXELS", default=50_000_000)
EVIDENCE_MAX_IMAGE_SIDE = env.int("EVIDENCE_MAX_IMAGE_SIDE", default=12_000)
EVIDENCE_DISPLAY_SIDE = env.int("EVIDENCE_DISPLAY_SIDE", default=1600)
EVIDENCE_MAX_VIDEO_SECONDS = env.int("EVIDENCE_MAX_VIDEO_SECONDS", default=10 * 60)
# Wizard uploads never claimed by a case are purged after this many hours.
EVIDENCE_DRAFT_MAX_AGE_HOURS = env.int("EVIDENCE_DRAFT_MAX_AGE_HOURS", default=24)


# --- Content-Security-Policy ----------------------------------------------
# https://django-csp.readthedocs.io/en/latest/configuration.html (django-csp 4.x)
# No inline script, no inline style, nothing from another origin: every page is
# served with this header in every environment, so tests see what users get.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "media-src": ["'self'", "blob:"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    },
}
# Case pages (/c/<token>/) must never leak their URL to other sites.
SECURE_REFERRER_POLICY = "same-origin"

# --- Rate limits ------------------------------------------------------------
# Fixed-window counters per client IP in the default cache (wizard/ratelimit.py).
# Each rule: (name, methods, path prefixes, limit, window seconds[, content type
# prefix]). A request counts against every rule it matches.
RATELIMIT_ENABLED = env.bool("RATELIMIT_ENABLED", default=True)
RATELIMIT_DISABLED_RULES = env.list("RATELIMIT_DISABLED_RULES", default=[])
# Behind nginx (which overwrites X-Forwarded-For with the peer address) the
# client is the first X-Forwarded-For hop; otherwise REMOTE_ADDR.
RATELIMIT_TRUSTED_PROXY = env.bool("RATELIMIT_TRUSTED_PROXY", default=False)
RATELIMIT_SAVE_PREFIXES = env.list(
    "RATELIMIT_SAVE_PREFIXES", default=["/w/", "/c/", "/r/c/", "/evidence/c/"]
)
RATELIMIT_UPLOAD_PREFIXES = env.list(
    "RATELIMIT_UPLOAD_PREFIXES", default=["/w/", "/c/", "/evidence/"]
)
RATELIMIT_RULES = [
    (
        "saves",
        ("POST",),
        tuple(RATELIMIT_SAVE_PREFIXES),
        env.int("RATELIMIT_SAVES_PER_MINUTE", default=60),
        60,
    ),
    (
        "uploads",
        ("POST", "PUT"),
        tuple(RATELIMIT_UPLOAD_PREFIXES),
        env.int("RATELIMIT_UPLOADS_PER_MINUTE", default=30),
        60,
        "multipart/",
    ),
    (
        "api",
        ("GET", "POST"),
        ("/api/v1/",),
        env.int("RATELIMIT_API_PER_MINUTE", default=120),
        60,
    ),
]

# Failed admin logins (wizard.ratelimit.admin_login): per client address and per
# username, counted in fixed windows; at the limit the login form answers 429.
ADMIN_LOGIN_FAILURES_PER_CLIENT = env.int("ADMIN_LOGIN_FAILURES_PER_CLIENT", default=20)
ADMIN_LOGIN_FAILURES_PER_USERNAME = env.int("ADMIN_LOGIN_FAILURES_PER_USERNAME", default=5)
ADMIN_LOGIN_WINDOW_SECONDS = env.int("ADMIN_LOGIN_WINDOW_SECONDS", default=15 * 60)

# --- Retention --------------------------------------------------------------
# Cases and their evidence are deleted this many days after the deadline (after
# creation when there is no deadline): wizard/retention.py, run daily by beat.
CASE_RETENTION_DAYS = env.int("CASE_RETENTION_DAYS", default=90)
CASE_RETENTION_BATCH_SIZE = env.int("CASE_RETENTION_BATCH_SIZE", default=100)
CELERY_BEAT_SCHEDULE["purge-expired-cases"] = {
    "task": "wizard.tasks.purge_expired_cases",
    "schedule": crontab(hour=4, minute=17),  # daily, China time (CELERY_TIMEZONE)
}
# Unfinished wizards' answers live in the session table: expired rows go daily.
CELERY_BEAT_SCHEDULE["clear-expired-sessions"] = {
    "task": "wizard.tasks.clear_expired_sessions",
    "schedule": crontab(hour=4, minute=47),
}

# --- Logging ---------------------------------------------------------------
# Case links, signed e-mail links and run ids are secrets: the mask_case_tokens
# filter sits on the handler, so it rewrites every line of every logger
# (django.security.csrf, django.request, gunicorn, celery, ...) before it is
# formatted. A handler added here must carry it too.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_case_tokens": {"()": "wizard.logging.MaskCaseTokensFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["mask_case_tokens"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Replaces Django's default handlers for its loggers (a console one without
        # the mask under DEBUG, mail_admins with the whole request).
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# --- Error reporting ----------------------------------------------------------
# ADMINS="Ops <ops@example.com>, oncall@example.com" (Django's mail_admins()).
ADMINS = [
    (name or address, address)
    for name, address in (
        email.utils.parseaddr(entry) for entry in env.list("ADMINS", default=[]) if entry.strip()
    )
    if address
]
MANAGERS = ADMINS
# Sentry (config/sentry.py): off unless SENTRY_DSN is set; events are token-masked.
SENTRY_DSN = env("SENTRY_DSN", default="")
SENTRY_ENABLED = init_sentry(
    SENTRY_DSN,
    environment=env("SENTRY_ENVIRONMENT", default=""),
    release=env("SENTRY_RELEASE", default=""),
    traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
)
