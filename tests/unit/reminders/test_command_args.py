from datetime import UTC, datetime

import pytest
from django.core.management import CommandError

from wizard.reminders.management.commands.send_due_reminders import parse_now


def test_now_with_an_offset_is_kept():
    assert parse_now("2026-11-24T09:00:00+08:00") == datetime(2026, 11, 24, 1, tzinfo=UTC)


def test_now_without_an_offset_is_china_time():
    assert parse_now("2026-11-24T09:00") == datetime(2026, 11, 24, 1, tzinfo=UTC)


@pytest.mark.parametrize("value", ["tomorrow", "2026-13-01", "24/11/2026 09:00"])
def test_an_invalid_now_is_a_command_error_that_says_what_is_expected(value):
    with pytest.raises(CommandError, match="ISO 8601"):
        parse_now(value)
