"""domain.md v2 section 8: no deadline, no reminders, where there is no right to claim
(negotiate_with_seller) or nothing was received; no follow-up where nothing goes back."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from wizard.flow import answers_from_facts
from wizard.reminders.models import Reminder, ReminderKind
from wizard.rules import ItemCategory, ItemCondition, Procedure, Reason
from wizard.services import case_create

from .factories import china, received_facts

pytestmark = pytest.mark.django_db
SAVED_AT = china(2026, 11, 24, 8)
DEADLINE_KINDS = (ReminderKind.R3, ReminderKind.R1, ReminderKind.R0)


def save(**overrides: Any):
    facts = received_facts(received_on=SAVED_AT.date() - timedelta(days=2), **overrides)
    with time_machine.travel(SAVED_AT, tick=False):
        return case_create(
            facts=facts, answers=answers_from_facts(facts), language="zh-hans", email="a@b.cn"
        )


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"item_category": ItemCategory.CUSTOM_MADE}, id="custom_made_changed_mind"),
        pytest.param({"item_condition": ItemCondition.USED}, id="used_item_changed_mind"),
        pytest.param(
            {"reason": Reason.NOT_RECEIVED, "item_condition": None}, id="parcel_never_received"
        ),
    ],
)
def test_no_deadline_reminders_where_the_buyer_has_no_right_to_file_by_a_day(overrides):
    case = save(**overrides)
    assert case.deadline is None
    assert not Reminder.objects.filter(case=case, kind__in=DEADLINE_KINDS).exists()


def test_a_no_reason_return_still_gets_its_reminders():
    case = save()
    assert case.deadline is not None
    assert set(
        Reminder.objects.filter(case=case, kind__in=DEADLINE_KINDS).values_list("kind", flat=True)
    ) == set(DEADLINE_KINDS)


@settings(max_examples=30, deadline=None, database=None)
@given(
    reason=st.sampled_from(list(Reason)),
    category=st.sampled_from(list(ItemCategory)),
    condition=st.sampled_from(list(ItemCondition)),
    days_ago=st.integers(min_value=0, max_value=20),
)
def test_a_case_with_no_deadline_gets_no_reminder(reason, category, condition, days_ago):
    facts = received_facts(
        received_on=SAVED_AT.date() - timedelta(days=days_ago),
        reason=reason,
        item_category=category,
        item_condition=condition,
    )
    with time_machine.travel(SAVED_AT, tick=False):
        case = case_create(
            facts=facts, answers=answers_from_facts(facts), language="en", email="a@b.cn"
        )
    kinds = set(Reminder.objects.filter(case=case).values_list("kind", flat=True))
    if case.deadline is None:
        assert not kinds & set(DEADLINE_KINDS)
    if case.procedure == Procedure.NEGOTIATE_WITH_SELLER:
        assert case.deadline is None
    case.delete()


@pytest.mark.parametrize(
    ("overrides", "control"),
    [
        pytest.param({}, True, id="no_reason_return_offers_the_shipping_day"),
        pytest.param({"reason": Reason.MISSING_ITEM}, False, id="refund_only_does_not"),
        pytest.param({"item_condition": ItemCondition.USED}, False, id="negotiation_does_not"),
    ],
)
def test_the_shipping_day_control_only_where_a_parcel_goes_back(client: Client, overrides, control):
    case = save(**overrides)
    with time_machine.travel(SAVED_AT, tick=False):
        html = client.get(case.get_absolute_url()).content.decode()
    assert ('class="reminders-shipped"' in html) is control
