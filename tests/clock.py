"""The fixed "today" of the test suite.

Every test whose result depends on the date runs at a pinned instant (with
time-machine) or passes `today=` explicitly; none reads the wall clock for a
date it then asserts about. `make test-clock` runs the suite with the machine's
clock moved (libfaketime) to prove it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine

CHINA = ZoneInfo("Asia/Shanghai")

# A Tuesday morning in China, a few days after a typical signing date of the tests.
TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=CHINA)


@contextmanager
def pinned(at: datetime = NOW, *, tick: bool = False) -> Iterator[datetime]:
    """Travel to `at` (China time by default) for the block."""
    with time_machine.travel(at, tick=tick):
        yield at
