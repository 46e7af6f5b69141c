"""Settings for the test suite: fast and isolated.

The database is whatever DATABASE_URL says (SQLite by default, PostgreSQL in CI).
"""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(env("TEST_MEDIA_ROOT", default=tempfile.mkdtemp(prefix="refund-wizard-media-")))
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_EAGER_PROPAGATES = True
if not env("REDIS_URL", default=""):
    # Tests that need a real broker start one explicitly (tests/integration).
    CELERY_BROKER_URL = "memory://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {}

# Rate limits stay on (the middleware runs in every test) but far above what the
# suite sends; tests/integration/test_ratelimit.py overrides them to hit them.
RATELIMIT_RULES = [(rule[0], rule[1], rule[2], 1_000_000, *rule[4:]) for rule in RATELIMIT_RULES]  # noqa: F405

# Two suites at once (scripts/test-clock.sh runs its clock offsets side by side on the
# machine's two cores) need two PostgreSQL test databases; SQLite's is in memory anyway.
_default_db = DATABASES["default"]  # noqa: F405
if (suffix := env("TEST_DATABASE_SUFFIX", default="")) and "postgresql" in _default_db["ENGINE"]:
    _default_db["TEST"] = {"NAME": f"test_{_default_db['NAME']}{suffix}"}
