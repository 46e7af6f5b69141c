"""The door page and the questions through the test client: prefilled runs, the
progress line, the reasons of each stage, amounts and the day shortcuts."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from tests.integration.test_wizard_flow import OPTIONAL_STEPS_LEFT_EMPTY, Flow, _step_of
from wizard import flow as wizard_flow
from wizard.models import Case
from wizard.rules import Procedure

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


@pytest.fixture(autouse=True)
def china_clock():
    with time_machine.travel("2026-11-24T02:00:00+00:00", tick=False):
        yield


PROGRESS = re.compile(r'<p class="progress">第 (\d+) 题，(共|最多) (\d+) 题</p>')


def progress_of(page: str) -> tuple[int, int, bool]:
    match = PROGRESS.search(page)
    assert match, "no progress line"
    return int(match.group(1)), int(match.group(3)), match.group(2) == "共"


class DoorFlow(Flow):
    """A run started from a door button instead of /start/."""

    def __init__(self, client, parcel: str):
        self.client = client
        response = client.post(reverse("wizard:door"), {"parcel": parcel})
        assert response.status_code == 302, response.content[:500]
        match = re.match(r"^/w/([A-Za-z0-9_-]{22})/([a-z]+)/$", response.url)
        assert match, response.url
        self.flow_id, self.first_step = match.group(1), match.group(2)
        self.prefix = f"refund_{self.flow_id}"
        self.visited = []


def test_the_door_page_says_dont_sign_at_once_and_needs_no_run(client):
    home = client.get("/").content.decode()
    assert reverse("wizard:door") in home
    assert "快递员在门口 / 包裹在驿站或快递柜" in home
    response = client.get(reverse("wizard:door"))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("不要签收") < page.index('name="parcel"')
    assert not client.session.get("wizard_runs")  # reading the page starts nothing
    for value in ("damaged", "wet", "tampered", "unwanted", "suspected_fake"):
        assert f'name="parcel" value="{value}"' in page


def test_the_door_page_in_english(client):
    client.cookies["django_language"] = "en"
    page = client.get(reverse("wizard:door")).content.decode()
    assert "Don&#x27;t sign for it yet." in page or "Don't sign for it yet." in page


@pytest.mark.parametrize("parcel", ["damaged", "wet", "tampered"])
def test_a_bad_parcel_at_the_door_goes_straight_to_the_seller_question(client, parcel):
    run = DoorFlow(client, parcel)
    assert run.first_step == "seller"
    page = run.get("seller").content.decode()
    assert progress_of(page) == (3, 7, True)
    run.walk_from("seller", {"seller": {"seller_response": "not_contacted"}})
    case = Case.objects.get()
    assert case.procedure == Procedure.REFUSE_DELIVERY
    assert case.answers["package_condition"] == parcel
    assert case.answers["reason"] == "package_damaged"
    assert case.outcome["return_shipping_paid_by"] == "seller"
    assert run.visited == ["seller", *OPTIONAL_STEPS_LEFT_EMPTY]


def test_a_fine_parcel_at_the_door_asks_the_reason_of_the_door_only(client):
    run = DoorFlow(client, "unwanted")
    assert run.first_step == "reason"
    page = run.get("reason").content.decode()
    offered = set(re.findall(r'name="reason-reason" value="([a-z_]+)"', page))
    assert offered == {
        r.value for r in wizard_flow.reasons_for(wizard_flow.OrderStatus.OUT_FOR_DELIVERY)
    }
    assert "size_unsuitable" not in offered and "not_received" not in offered
    run.walk_from(
        "reason",
        {
            "reason": {"reason": "changed_mind"},
            "category": {"item_category": "standard"},
            "insurance": {"shipping_insurance": "yes"},
            "seller": {"seller_response": "not_contacted"},
        },
    )
    case = Case.objects.get()
    assert case.procedure == Procedure.REFUSE_DELIVERY
    assert "insurance_returns_only" in {w["code"] for w in case.outcome["warnings"]}


def test_a_suspected_fake_at_the_door_keeps_the_evidence_warning(client):
    run = DoorFlow(client, "suspected_fake")
    assert run.first_step == "seller"
    run.walk_from("seller", {"seller": {"seller_response": "not_contacted"}})
    case = Case.objects.get()
    assert case.answers["reason"] == "counterfeit"
    assert "counterfeit_keep_for_claim" in {w["code"] for w in case.outcome["warnings"]}


def test_an_unknown_door_button_shows_the_door_page_again_and_starts_nothing(client):
    response = client.post(reverse("wizard:door"), {"parcel": "on_fire"})
    assert response.status_code == 200
    assert "不要签收" in response.content.decode()
    assert not client.session.get("wizard_runs")


def test_the_progress_line_never_goes_up_on_a_real_walk(client):
    run = Flow(client)
    answers = {
        "status": {"order_status": "received"},
        "package": {"package_condition": "intact"},
        "reason": {"reason": "size_unsuitable"},
        "received": {"received_on": "2026-11-20"},
        "condition": {"item_condition": "opened_intact"},
        "promised": {},
        "category": {"item_category": "standard"},
        "insurance": {"shipping_insurance": "no"},
        "seller": {"seller_response": "not_contacted"},
        **OPTIONAL_STEPS_LEFT_EMPTY,
    }
    step, seen = "status", []
    while step != "done":
        seen.append(progress_of(run.get(step).content.decode()))
        step = run.answer(step, answers[step])
    numbers = [n for n, _total, _exact in seen]
    totals = [total for _n, total, _exact in seen]
    assert numbers == list(range(1, len(seen) + 1))
    assert totals == sorted(totals, reverse=True)
    assert seen[-1] == (len(seen), len(seen), True)


def test_a_parcel_marked_signed_but_not_received_asks_only_the_tracking_day(client):
    run = Flow(client)
    run.walk(
        {
            "status": {"order_status": "marked_signed"},
            "received": {"received_on": "2026-11-20"},
            "category": {"item_category": "standard"},
            "seller": {"seller_response": "not_contacted"},
            **OPTIONAL_STEPS_LEFT_EMPTY,
        }
    )
    assert run.visited[:3] == ["status", "received", "category"]
    case = Case.objects.get()
    assert case.answers["order_status"] == "received"
    assert case.answers["reason"] == "not_received"
    assert case.answers["item_condition"] is None
    assert case.procedure == Procedure.REFUND_ONLY


def test_signed_for_in_hand_offers_neither_not_received_nor_havent_seen_it(client):
    run = Flow(client)
    run.answer("status", {"order_status": "received"})
    package_page = run.get("package").content.decode()
    assert 'value="not_seen"' not in package_page
    run.answer("package", {"package_condition": "intact"})
    reason_page = run.get("reason").content.decode()
    assert 'value="not_received"' not in reason_page
    assert 'value="size_unsuitable"' in reason_page


def test_reasons_that_need_the_item_are_not_offered_in_transit(client):
    run = Flow(client)
    run.answer("status", {"order_status": "in_transit"})
    page = run.get("reason").content.decode()
    offered = set(re.findall(r'name="reason-reason" value="([a-z_]+)"', page))
    assert {"changed_mind", "counterfeit", "not_received", "late_shipment"} <= offered
    assert not offered & {"size_unsuitable", "style_unliked", "quality_issue", "missing_item"}
    response = run.post("reason", {"reason": "quality_issue"})
    assert response.status_code == 200 and "error-summary" in response.content.decode()


def test_a_day_shortcut_answers_the_signing_day_and_shows_it_on_return(client):
    run = Flow(client)
    for step, data in (
        ("status", {"order_status": "received"}),
        ("package", {"package_condition": "intact"}),
        ("reason", {"reason": "size_unsuitable"}),
    ):
        run.answer(step, data)
    page = run.get("received").content.decode()
    assert 'max="2026-11-24"' in page
    for label, day in (("今天", "2026-11-24"), ("昨天", "2026-11-23"), ("前天", "2026-11-22")):
        assert re.search(rf'name="received-pick" value="{day}">{label}', page), label
    response = run.post("received", {"received_on": "", "pick": "2026-11-23"})
    assert response.status_code == 302 and _step_of(response.url) == "condition"
    assert 'value="2026-11-23"' in run.get("received").content.decode()


def test_an_impossible_date_typed_in_a_browser_says_invalid(client):
    run = Flow(client)
    for step, data in (
        ("status", {"order_status": "received"}),
        ("package", {"package_condition": "intact"}),
        ("reason", {"reason": "size_unsuitable"}),
    ):
        run.answer(step, data)
    # The browser sends "" for 2026-02-30; the page's script sets the flag.
    response = run.post("received", {"received_on": "", "bad_input": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "日期无效" in page and "请填写签收日期" not in page
    response = run.post("received", {"received_on": "2026-02-30"})
    assert "日期无效：2026年2月只有28天" in response.content.decode()


def test_amounts_as_the_app_shows_them_are_saved_as_yuan(client):
    run = Flow(client)
    run.walk(
        {
            "status": {"order_status": "not_shipped"},
            "reason": {"reason": "changed_mind"},
            "seller": {"seller_response": "not_contacted"},
            "details": {"amount_paid": "¥199", "amount_claimed": "１９９元"},
            "evidence": {},
            "email": {},
            "confirm": {},
        }
    )
    case = Case.objects.get()
    assert case.answers["amount_paid"] == "199.00"
    assert case.answers["amount_claimed"] == "199.00"


def test_changing_a_lost_parcels_saved_answers_starts_from_marked_signed():
    answers = {"order_status": "received", "reason": "not_received", "received_on": "2026-11-20"}
    values = wizard_flow.wizard_values(answers)
    assert values["order_status"] == wizard_flow.MARKED_SIGNED
    assert wizard_flow.facts_from_steps(values) == wizard_flow.facts_from_answers(
        {**answers, "item_condition": None}
    )
