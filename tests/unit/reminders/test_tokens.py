import pytest
import time_machine
from django.core import signing

from wizard.reminders.tokens import LinkAction, link_token_make, link_token_read


def test_a_token_reads_back_its_case_for_its_own_action_only():
    token = link_token_make(case_id=42, action=LinkAction.UNSUBSCRIBE)
    assert link_token_read(token=token, action=LinkAction.UNSUBSCRIBE) == 42
    assert link_token_read(token=token, action=LinkAction.SUBMITTED) is None


@pytest.mark.parametrize(
    "token", ["", "abc", "eyJjIjo0Mn0:1vabc:forged", signing.dumps({"c": 42}, salt="other")]
)
def test_a_forged_or_damaged_token_reads_as_nothing(token):
    assert link_token_read(token=token, action=LinkAction.SUBMITTED) is None


def test_a_token_expires(settings):
    settings.REMINDERS_LINK_MAX_AGE_DAYS = 30
    with time_machine.travel("2026-01-01T00:00Z"):
        token = link_token_make(case_id=7, action=LinkAction.SUBMITTED)
    with time_machine.travel("2026-03-01T00:00Z"):
        assert link_token_read(token=token, action=LinkAction.SUBMITTED) is None
