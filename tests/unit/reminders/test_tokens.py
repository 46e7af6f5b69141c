import base64
import json
import uuid

import pytest
import time_machine
from django.core import signing

from wizard.reminders.tokens import LinkAction, link_token_make, link_token_read

LINK_ID = uuid.UUID("0b6f3c1e-5d0c-4a43-9e0e-3f1c5e8a9b21")


def test_a_token_reads_back_its_case_for_its_own_action_only():
    token = link_token_make(link_id=LINK_ID, action=LinkAction.UNSUBSCRIBE)
    assert link_token_read(token=token, action=LinkAction.UNSUBSCRIBE) == LINK_ID
    assert link_token_read(token=token, action=LinkAction.SUBMITTED) is None


def test_a_token_carries_the_random_link_id_and_no_row_id():
    token = link_token_make(link_id=LINK_ID, action=LinkAction.SUBMITTED)
    payload = token.split(":", 1)[0]
    decoded = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert decoded == {"l": LINK_ID.hex}


@pytest.mark.parametrize(
    "token",
    [
        "",
        "abc",
        "eyJjIjo0Mn0:1vabc:forged",
        signing.dumps({"c": 42}, salt="other"),
        signing.dumps({"c": 42}, salt="wizard.reminders.link.submitted"),
        signing.dumps({"l": "not-a-uuid"}, salt="wizard.reminders.link.submitted"),
    ],
)
def test_a_forged_or_damaged_token_reads_as_nothing(token):
    assert link_token_read(token=token, action=LinkAction.SUBMITTED) is None


def test_a_token_expires(settings):
    settings.REMINDERS_LINK_MAX_AGE_DAYS = 30
    with time_machine.travel("2026-01-01T00:00Z"):
        token = link_token_make(link_id=LINK_ID, action=LinkAction.SUBMITTED)
    with time_machine.travel("2026-03-01T00:00Z"):
        assert link_token_read(token=token, action=LinkAction.SUBMITTED) is None
