"""The app's settings plus two bare views (bench/web/urls.py) for the HTTP baselines."""

from config.settings.local import *  # noqa: F403

ROOT_URLCONF = "bench.web.urls"
