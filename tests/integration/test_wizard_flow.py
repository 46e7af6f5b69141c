"""The wizard end to end on the server: real step payloads, every branch."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from wizard.flow import Step
from wizard.models import Case
from wizard.rules import OrderStatus, Procedure

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 24)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    # The rate-limit counters live in the cache and the clock is frozen here.
    cache.clear()


@pytest.fixture(autouse=True)
def china_clock():
    # 10:00 in Shanghai on TODAY.
    with time_machine.travel("2026-11-24T02:00:00+00:00", tick=False):
        yield


class Flow:
    """One wizard run driven through the test client, as a browser would post it."""

    def __init__(self, client):
        self.client = client
        response = client.get(reverse("wizard:start"))
        assert response.status_code == 302
        match = re.match(r"^/w/([A-Za-z0-9_-]{22})/status/$", response.url)
        assert match, response.url
        self.flow_id = match.group(1)
        self.prefix = f"refund_{self.flow_id}"
        self.visited: list[str] = []

    def url(self, step: str) -> str:
        return reverse("wizard:step", kwargs={"flow_id": self.flow_id, "step": step})

    def get(self, step: str):
        return self.client.get(self.url(step))

    def post(self, step: str, data: dict | None = None, **extra):
        payload = {f"{step}-{k}": v for k, v in (data or {}).items()}
        payload[f"{self.prefix}-current_step"] = step
        payload.update(extra)
        self.visited.append(step)
        return self.client.post(self.url(step), payload)

    def answer(self, step: str, data: dict | None = None) -> str:
        """Post a valid answer, return the step the wizard goes to next."""
        response = self.post(step, data)
        assert response.status_code == 302, _errors(response)
        return _step_of(response.url)

    def walk(self, answers: dict[str, dict]) -> str:
        """Answer whatever step the wizard asks, from `answers`, until the case page."""
        return self.walk_from(Step.STATUS.value, answers)

    def walk_from(self, step: str, answers: dict[str, dict]) -> str:
        """`walk` from `step`; the optional last steps are answered empty if not given."""
        answers = {**OPTIONAL_STEPS_LEFT_EMPTY, **answers}
        while True:
            if step == "done":
                response = self.client.get(self.url("done"))
                assert response.status_code == 302
                return response.url
            assert step in answers, f"unexpected step {step}"
            step = self.answer(step, answers[step])


def _step_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def _errors(response) -> str:
    return response.content.decode()[:3000] if hasattr(response, "content") else ""


# The last four steps all accept an empty answer.
OPTIONAL_STEPS_LEFT_EMPTY = {"details": {}, "evidence": {}, "email": {}, "confirm": {}}

RECEIVED_SIZE = {
    "status": {"order_status": "received"},
    "package": {"package_condition": "intact"},
    "reason": {"reason": "size_unsuitable"},
    "received": {"received_on": "2026-11-20"},
    "condition": {"item_condition": "opened_intact"},
    "promised": {},
    "category": {"item_category": "standard"},
    "insurance": {"shipping_insurance": "yes"},
    "seller": {"seller_response": "not_contacted"},
    "details": {
        "order_number": "P7788",
        "merchant_name": "小美服饰",
        "product_name": "羊毛大衣",
        "amount_paid": "199.00",
    },
    "evidence": {},
    "email": {"email": "buyer@example.com"},
    "confirm": {},
}


def test_received_order_walks_every_step_in_order_and_saves_the_case(client):
    flow = Flow(client)
    case_url = flow.walk(RECEIVED_SIZE)
    assert flow.visited == [
        "status",
        "package",
        "reason",
        "received",
        "condition",
        "promised",
        "category",
        "insurance",
        "seller",
        "details",
        "evidence",
        "email",
        "confirm",
    ]
    case = Case.objects.get()
    assert case_url == case.get_absolute_url()
    assert case.procedure == Procedure.RETURN_AND_REFUND
    assert case.deadline == date(2026, 11, 27)
    assert case.email == "buyer@example.com"
    assert case.language == "zh-hans"
    assert case.answers["received_on"] == "2026-11-20"
    assert case.answers["amount_paid"] == "199.00"
    assert case.answers["shipping_insurance"] is True
    assert case.outcome["return_shipping_paid_by"] == "insurance"


def test_not_shipped_order_skips_parcel_signing_category_and_insurance(client):
    flow = Flow(client)
    flow.walk(
        {
            "status": {"order_status": "not_shipped"},
            "reason": {"reason": "changed_mind"},
            "seller": {"seller_response": "not_contacted"},
            **OPTIONAL_STEPS_LEFT_EMPTY,
        }
    )
    assert flow.visited == ["status", "reason", "seller", "details", "evidence", "email", "confirm"]
    case = Case.objects.get()
    assert case.procedure == Procedure.CANCEL_ORDER
    assert case.deadline is None
    assert case.email == ""


def test_in_transit_order_does_not_ask_about_the_parcel(client):
    flow = Flow(client)
    flow.walk(
        {
            "status": {"order_status": "in_transit"},
            "reason": {"reason": "found_cheaper"},
            "category": {"item_category": "standard"},
            "insurance": {"shipping_insurance": "no"},
            "seller": {"seller_response": "not_contacted"},
            **OPTIONAL_STEPS_LEFT_EMPTY,
        }
    )
    assert "package" not in flow.visited and "received" not in flow.visited
    assert Case.objects.get().procedure == Procedure.INTERCEPT_OR_REFUSE


def test_damaged_parcel_at_the_door_is_refused_at_the_sellers_cost(client):
    flow = Flow(client)
    flow.walk(
        {
            "status": {"order_status": "out_for_delivery"},
            "package": {"package_condition": "damaged"},
            "seller": {"seller_response": "not_contacted"},
            **OPTIONAL_STEPS_LEFT_EMPTY,
        }
    )
    # The parcel's state decides the reason, and the seller pays: nothing else to ask.
    assert flow.visited == ["status", "package", "seller", *OPTIONAL_STEPS_LEFT_EMPTY]
    case = Case.objects.get()
    assert case.procedure == Procedure.REFUSE_DELIVERY
    assert case.outcome["return_shipping_paid_by"] == "seller"
    assert case.answers["shipping_insurance"] is None


def test_counterfeit_refused_by_the_seller_goes_to_the_platform(client):
    flow = Flow(client)
    answers = dict(RECEIVED_SIZE)
    answers["reason"] = {"reason": "counterfeit"}
    answers["seller"] = {"seller_response": "refused"}
    flow.walk(answers)
    case = Case.objects.get()
    assert case.procedure == Procedure.PLATFORM_INTERVENTION
    assert case.outcome["messages"]["appeal"]


def test_back_keeps_what_was_typed_on_the_current_page_even_if_invalid(client):
    flow = Flow(client)
    for step in (
        "status",
        "package",
        "reason",
        "received",
        "condition",
        "promised",
        "category",
        "insurance",
        "seller",
    ):
        flow.answer(step, RECEIVED_SIZE[step])
    response = flow.post(
        "details",
        {"order_number": "X1", "amount_paid": "12.345"},
        wizard_goto_step="seller",
    )
    assert response.status_code == 302 and _step_of(response.url) == "seller"
    page = flow.get("details").content.decode()
    assert 'value="X1"' in page
    assert 'value="12.345"' in page
    # Back on the seller page, its answer is still selected.
    seller_page = flow.get("seller").content.decode()
    assert re.search(r'value="not_contacted"[^>]*checked', seller_page)


def test_back_from_a_radio_page_keeps_the_choice(client):
    flow = Flow(client)
    flow.answer("status", {"order_status": "received"})
    response = flow.post("package", {"package_condition": "wet"}, wizard_goto_step="status")
    assert _step_of(response.url) == "status"
    page = flow.get("package").content.decode()
    assert re.search(r'value="wet"[^>]*checked', page)


def test_switching_from_received_to_not_shipped_drops_the_signing_answers(client):
    flow = Flow(client)
    for step in ("status", "package", "reason", "received", "condition", "category", "insurance"):
        flow.answer(step, RECEIVED_SIZE[step])
    # Change the first answer: the order was not shipped after all. The size
    # cannot be known before the item arrives, so the reason is asked again.
    assert flow.answer("status", {"order_status": "not_shipped"}) == "reason"
    session = client.session[f"wizard_{flow.prefix}"]
    assert set(session["step_data"]) == {"status", "reason"}
    flow.walk(
        {
            "status": {"order_status": "not_shipped"},
            "reason": {"reason": "ordered_wrong"},
            "seller": {"seller_response": "not_contacted"},
            **OPTIONAL_STEPS_LEFT_EMPTY,
        }
    )
    case = Case.objects.get()
    assert case.answers["received_on"] is None
    assert case.answers["item_condition"] is None
    assert case.procedure == Procedure.CANCEL_ORDER


def test_change_link_from_check_answers_returns_there_after_the_change(client):
    flow = Flow(client)
    for step in list(RECEIVED_SIZE)[:-1]:
        flow.answer(step, RECEIVED_SIZE[step])
    page = flow.get("confirm").content.decode()
    assert flow.url("reason") in page  # a change link per answer
    assert "P7788" in page and "buyer@example.com" in page
    assert flow.answer("reason", {"reason": "quality_issue"}) == "confirm"
    flow.answer("confirm")
    flow.client.get(flow.url("done"))
    assert Case.objects.get().answers["reason"] == "quality_issue"


def test_two_flows_in_one_session_do_not_mix(client):
    first, second = Flow(client), Flow(client)
    assert first.flow_id != second.flow_id
    first.answer("status", {"order_status": "received"})
    second.answer("status", {"order_status": "not_shipped"})
    assert re.search(r'value="received"[^>]*checked', first.get("status").content.decode())
    assert re.search(r'value="not_shipped"[^>]*checked', second.get("status").content.decode())
    assert second.answer("reason", {"reason": "changed_mind"}) == "seller"
    assert first.answer("package", {"package_condition": "intact"}) == "reason"


@pytest.mark.parametrize(
    ("received_on", "message"),
    [
        ("2026-11-25", "future"),
        ("2025-10-01", "more than a year ago"),
        ("2026-02-30", "Invalid date: 2026-02 has only 28 days"),
        ("2026-04-31", "Invalid date: 2026-04 has only 30 days"),
        ("2026-13-01", "real date"),
        ("", "Enter the date"),
    ],
)
def test_bad_signing_dates_are_rejected_with_a_clear_message(client, received_on, message):
    client.cookies["django_language"] = "en"
    flow = Flow(client)
    flow.answer("status", {"order_status": "received"})
    flow.answer("package", {"package_condition": "intact"})
    flow.answer("reason", {"reason": "size_unsuitable"})
    response = flow.post("received", {"received_on": received_on})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'href="#id_received-received_on"' in page
    assert message in page


def test_errors_are_in_chinese_by_default(client):
    flow = Flow(client)
    response = flow.post("status", {})
    assert response.status_code == 200
    page = response.content.decode()
    assert "出现问题" in page
    assert 'href="#id_status-order_status_0"' in page


@pytest.mark.parametrize("amount", ["0", "-5", "1.001", "abc", "NaN", "1e400"])
def test_bad_amounts_are_rejected(client, amount):
    flow = Flow(client)
    flow.answer("status", {"order_status": "not_shipped"})
    flow.answer("reason", {"reason": "changed_mind"})
    flow.answer("seller", {"seller_response": "not_contacted"})
    response = flow.post("details", {"amount_paid": amount})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()


def test_long_text_and_bad_email_are_rejected(client):
    flow = Flow(client)
    flow.answer("status", {"order_status": "not_shipped"})
    flow.answer("reason", {"reason": "changed_mind"})
    flow.answer("seller", {"seller_response": "not_contacted"})
    response = flow.post("details", {"product_name": "x" * 101})
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    flow.answer("details", {"product_name": "x" * 100})
    flow.answer("evidence", {})
    response = flow.post("email", {"email": "not-an-address"})
    assert response.status_code == 200 and "error-summary" in response.content.decode()


def test_evidence_step_is_multipart_and_gets_the_flow_id(client):
    flow = Flow(client)
    for step in (
        "status",
        "package",
        "reason",
        "received",
        "condition",
        "promised",
        "category",
        "insurance",
        "seller",
        "details",
    ):
        flow.answer(step, RECEIVED_SIZE[step])
    response = flow.get("evidence")
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.content.decode()
    form = response.context["form"]
    assert form.flow_id == flow.flow_id
    assert form.evidence_codes  # the engine asks for evidence on a return
    assert response.context["evidence"][0]["label"]


def test_case_page_shows_days_left_counted_from_today(client):
    flow = Flow(client)
    case_url = flow.walk(RECEIVED_SIZE)
    page = client.get(case_url).content.decode()
    assert "还剩 3 天，截止 11月27日 24:00" in page
    with time_machine.travel("2026-11-26T02:00:00+00:00", tick=False):
        page = client.get(case_url).content.decode()
        assert "还剩 1 天，截止 11月27日 24:00" in page
    with time_machine.travel("2026-11-29T02:00:00+00:00", tick=False):
        page = client.get(case_url, headers={"accept-language": "en"}).content.decode()
        assert "已过" in page or "passed" in page


def _deadline_box_class(page: str) -> str:
    match = re.search(r'<div class="([^"]*)" id="deadline">', page)
    assert match, "the case page has no deadline box"
    return match.group(1)


def test_case_page_colours_the_deadline_by_the_engines_urgency(client):
    flow = Flow(client)
    case_url = flow.walk(RECEIVED_SIZE)
    assert _deadline_box_class(client.get(case_url).content.decode()) == "deadline-box"
    with time_machine.travel("2026-11-25T02:00:00+00:00", tick=False):  # 2 days left
        page = client.get(case_url).content.decode()
        assert _deadline_box_class(page) == "deadline-box deadline-urgent"
        assert 'class="deadline-note"' in page
    with time_machine.travel("2026-11-27T15:00:00+00:00", tick=False):  # 23:00, the last day
        page = client.get(case_url).content.decode()
        assert _deadline_box_class(page) == "deadline-box deadline-urgent"
    with time_machine.travel("2026-11-27T16:00:00+00:00", tick=False):  # 00:00 the day after
        page = client.get(case_url).content.decode()
        assert _deadline_box_class(page) == "deadline-box deadline-past"
        assert 'class="deadline-note"' not in page


def test_case_page_says_file_at_once_not_closed_when_the_last_day_was_a_sunday(client):
    # Signed 11-22: D = Sunday 11-29; Civil Code Art. 203 moves the end to Monday 11-30.
    answers = {**RECEIVED_SIZE, "received": {**RECEIVED_SIZE["received"]}}
    answers["received"]["received_on"] = "2026-11-22"
    case_url = Flow(client).walk(answers)
    assert Case.objects.get().deadline == date(2026, 11, 29)
    with time_machine.travel("2026-11-30T02:00:00+00:00", tick=False):  # Monday in China
        page = client.get(case_url).content.decode()
        assert "请马上提交申请" in page and "11月30日 24:00" in page
        assert "已过截止时间" not in page
        assert _deadline_box_class(page) == "deadline-box deadline-urgent"
        page = client.get(case_url, headers={"accept-language": "en"}).content.decode()
        assert "File at once" in page and "passed" not in page
    with time_machine.travel("2026-12-01T02:00:00+00:00", tick=False):  # Tuesday: closed
        page = client.get(case_url).content.decode()
        assert "已过截止时间" in page and "请马上提交申请" not in page
        assert _deadline_box_class(page) == "deadline-box deadline-past"


def test_case_page_follows_the_chosen_language_with_the_same_outcome(client):
    flow = Flow(client)
    case_url = flow.walk(RECEIVED_SIZE)
    client.post(reverse("set_language"), {"language": "en", "next": case_url})
    page = client.get(case_url).content.decode()
    assert "3 days left, until 27 Nov 24:00" in page
    assert f'data-procedure="{Procedure.RETURN_AND_REFUND}"' in page
    assert "Return and refund" in page or "return" in page.lower()


def test_case_is_saved_in_the_language_it_was_made_in(client):
    client.cookies["django_language"] = "en"
    Flow(client).walk(RECEIVED_SIZE)
    assert Case.objects.get().language == "en"


def test_delete_asks_first_then_deletes_and_the_link_is_gone(client):
    case_url = Flow(client).walk(RECEIVED_SIZE)
    case = Case.objects.get()
    delete_url = reverse("wizard:case_delete", kwargs={"token": case.token})
    assert delete_url in client.get(case_url).content.decode()
    assert client.get(delete_url).status_code == 200
    assert Case.objects.exists()
    response = client.post(delete_url)
    assert response.status_code == 302
    assert not Case.objects.exists()
    assert client.get(case_url).status_code == 404


def test_unknown_case_token_is_404(client):
    response = client.get(reverse("wizard:case", kwargs={"token": "x" * 43}))
    assert response.status_code == 404
    assert "Refund" in response.content.decode() or "退款" in response.content.decode()


def test_unknown_step_sends_back_to_the_first_question(client):
    flow = Flow(client)
    response = flow.get("nonsense")
    assert response.status_code == 302 and _step_of(response.url) == "status"


def test_language_switch_keeps_the_place_and_the_answers(client):
    flow = Flow(client)
    flow.answer("status", {"order_status": "received"})
    page = flow.get("package").content.decode()
    assert f'name="next" value="{flow.url("package")}"' in page
    response = client.post(reverse("set_language"), {"language": "en", "next": flow.url("package")})
    assert response.url == flow.url("package")
    assert "What did the parcel look like when it arrived?" in flow.get("package").content.decode()
    assert re.search(r'value="received"[^>]*checked', flow.get("status").content.decode())


def test_received_order_for_an_in_transit_status_is_not_asked_for_a_date(client):
    # Guard against a stale step: the done() must use only the active steps.
    flow = Flow(client)
    assert flow.answer("status", {"order_status": OrderStatus.IN_TRANSIT}) == "reason"


def test_landing_page_has_a_start_button(client):
    page = client.get("/").content.decode()
    assert reverse("wizard:start") in page


_ = timedelta


def test_every_aria_reference_on_an_invalid_page_points_at_an_element(client):
    """Screen readers read the hint and the error of a field through aria-describedby."""
    flow = Flow(client)
    step = "status"
    while step != "details":
        step = flow.answer(step, RECEIVED_SIZE[step])
    page = flow.post("details", {"amount_paid": "12.345", "order_number": "x" * 101})
    html = page.content.decode()
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    references = re.findall(r'aria-describedby="([^"]+)"', html)
    assert references, "the invalid fields should be described"
    for reference in references:
        for target in reference.split():
            assert target in ids, target


def _session_row(client):
    from django.contrib.sessions.models import Session

    return Session.objects.get(session_key=client.session.session_key)


def test_looking_at_a_page_changes_nothing_stored_and_keeps_the_session_alive_later(client):
    flow = Flow(client)
    assert flow.answer("status", {"order_status": OrderStatus.RECEIVED}) == "package"
    row = _session_row(client)

    # Same day: reading pages changes neither the answers nor the expiry.
    assert flow.get("status").status_code == 200
    assert flow.get("package").status_code == 200
    assert _session_row(client).expire_date == row.expire_date
    assert _session_row(client).session_data == row.session_data

    # Ten days later the user opens the page again without changing anything: the
    # session is saved once more, so it expires 14 days from now, not from then.
    with time_machine.travel("2026-12-04T02:00:00+00:00", tick=False):
        assert flow.get("package").status_code == 200
        later = _session_row(client)
        assert later.expire_date - row.expire_date == timedelta(days=10)
        assert flow.get("package").status_code == 200
        assert _session_row(client).session_data == later.session_data
    session = client.session[f"wizard_{flow.prefix}"]
    assert set(session["step_data"]) == {"status"}  # the answers are untouched
