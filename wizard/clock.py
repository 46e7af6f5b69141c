"""The project's clock: every deadline is counted in China time (Asia/Shanghai)."""

from datetime import date

from django.utils import timezone


def china_today() -> date:
    """Today's date in Asia/Shanghai (TIME_ZONE), never the UTC date."""
    return timezone.localdate()
