"""The project's clock: every deadline is counted in China time (Asia/Shanghai)."""

from datetime import date, datetime

from django.utils import timezone


def china_today() -> date:
    """Today's date in Asia/Shanghai (TIME_ZONE), never the UTC date.

    Read in the default time zone itself, not the request's current one (which
    nothing here activates): the same date, without the per-request lookup.
    """
    return datetime.now(timezone.get_default_timezone()).date()


def china_date_of(moment: datetime) -> date:
    """The Asia/Shanghai calendar date of an aware datetime (never the UTC date)."""
    return timezone.localdate(moment, timezone.get_default_timezone())
