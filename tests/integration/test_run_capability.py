"""Run ids and draft uploads are bound to the browser that started the run.

Two real HTTP sessions (requests against the live server): the owner, and a
stranger who has learnt the owner's run id (a shared screenshot, a link handed
over). The stranger must never reach the owner's answers, drafts or case.
"""

from __future__ import annotations

import re

import pytest
import requests
from django.core.cache import cache
from django.test import Client

from tests.unit.evidence import samples
from wizard.evidence.models import Evidence
from wizard.models import Case

pytestmark = pytest.mark.django_db(transaction=True)

# Answers that do not depend on the date: an order not shipped yet.
NOT_SHIPPED = {
    "status": {"order_status": "not_shipped"},
    "reason": {"reason": "changed_mind"},
    "seller": {"seller_response": "not_contacted"},
    "details": {"order_number": "P1", "merchant_name": "店", "product_name": "大衣"},
    "evidence": {},
    "email": {},
    "confirm": {},
}
RUN_URL = re.compile(r"/w/([A-Za-z0-9_-]{22})/([a-z_]+)/$")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


class Browser:
    """One browser: its own cookie jar, posting forms the way a page does."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.http = requests.Session()

    def get(self, path: str, **kwargs):
        return self.http.get(self.base + path, allow_redirects=False, timeout=10, **kwargs)

    def post(self, path: str, data: dict | None = None, **kwargs):
        if "csrftoken" not in self.http.cookies:
            self.get("/")
        token = self.http.cookies.get("csrftoken", "")
        headers = {"X-CSRFToken": token, "Referer": self.base + path, **kwargs.pop("headers", {})}
        return self.http.post(
            self.base + path,
            data={"csrfmiddlewaretoken": token, **(data or {})},
            headers=headers,
            allow_redirects=False,
            timeout=10,
            **kwargs,
        )

    def start(self) -> str:
        response = self.get("/start/")
        assert response.status_code == 302
        match = RUN_URL.search(response.headers["Location"])
        assert match
        self.get(response.headers["Location"])  # the status page sets the CSRF cookie
        return match.group(1)

    def answer(self, run: str, step: str, data: dict) -> requests.Response:
        payload = {f"{step}-{key}": value for key, value in data.items()}
        payload[f"refund_{run}-current_step"] = step
        return self.post(f"/w/{run}/{step}/", payload)

    def finish(self, run: str, answers: dict) -> str:
        """Answer every step the wizard asks; return the case page's path."""
        step = "status"
        for _ in range(20):
            if step == "done":
                response = self.get(f"/w/{run}/done/")
                assert response.status_code == 302
                return response.headers["Location"]
            response = self.answer(run, step, answers[step])
            assert response.status_code == 302, response.text[:2000]
            step = RUN_URL.search(response.headers["Location"]).group(2)
        raise AssertionError("the wizard never finished")


@pytest.fixture
def owner(live_server) -> Browser:
    return Browser(live_server.url)


@pytest.fixture
def stranger(live_server) -> Browser:
    return Browser(live_server.url)


def _upload(browser: Browser, run: str, name: str = "parcel.jpg"):
    return browser.post(
        f"/evidence/w/{run}/upload/",
        files={"upload": (name, samples.jpeg(), "image/jpeg")},
        headers={"Accept": "application/json"},
    )


def test_a_stranger_finishing_a_saved_run_never_reaches_its_case(owner, stranger):
    run = owner.start()
    case_path = owner.finish(run, NOT_SHIPPED)
    assert case_path.startswith("/c/")
    token = case_path.split("/")[2]

    for attempt in (stranger.get(f"/w/{run}/done/"), stranger.get(f"/w/{run}/confirm/")):
        assert token not in attempt.headers.get("Location", "")
        assert token not in attempt.text
    # Answering every step under the owner's run id from a browser with its own session.
    stranger.start()
    response = stranger.answer(run, "status", NOT_SHIPPED["status"])
    assert response.status_code == 302
    assert f"/w/{run}/" not in response.headers["Location"]
    for step in ("reason", "seller", "details", "evidence", "email", "confirm"):
        response = stranger.answer(run, step, NOT_SHIPPED[step])
        assert token not in response.headers.get("Location", "")
        assert token not in response.text
    assert token not in stranger.get(f"/w/{run}/done/").headers.get("Location", "")
    assert Case.objects.count() == 1


def test_saving_twice_from_the_owners_browser_keeps_one_case(owner):
    run = owner.start()
    for step in ("status", "reason", "seller", "details", "evidence", "email"):
        owner.answer(run, step, NOT_SHIPPED[step])
    # The confirm page posted twice (a reload after a lost response).
    first = owner.answer(run, "confirm", {})
    again = owner.answer(run, "confirm", {})
    assert first.status_code == again.status_code == 302
    case_path = owner.get(first.headers["Location"]).headers["Location"]
    assert case_path.startswith("/c/")
    followed = owner.get(again.headers["Location"]).headers.get("Location", "")
    assert not followed.startswith("/c/") or followed == case_path
    assert Case.objects.count() == 1
    assert owner.get(case_path).status_code == 200


def test_the_owner_reloading_or_going_back_after_saving_sees_the_case(owner, stranger):
    """A lost response after the save, a reload of /done/, the phone's Back: the result."""
    run = owner.start()
    case_path = owner.finish(run, NOT_SHIPPED)
    for step in ("done", "confirm", "status"):
        response = owner.get(f"/w/{run}/{step}/")
        assert response.status_code == 302
        assert response.headers["Location"] == case_path
    again = owner.answer(run, "confirm", {})
    assert again.headers["Location"] == case_path
    assert Case.objects.count() == 1
    # The run's case stays the owner's: a stranger with the run id still gets nothing.
    assert case_path not in stranger.get(f"/w/{run}/done/").headers.get("Location", "")


def test_a_run_id_made_up_by_the_client_is_not_adopted(owner, stranger):
    made_up = "AttackerChosenFlowId01"
    # A browser with no session yet: a page that explains, no wizard under that id.
    response = stranger.get(f"/w/{made_up}/status/")
    assert response.status_code == 404
    assert "无法在这里打开" in response.text
    assert "current_step" not in response.text
    # A browser with a session (a victim handed the link) gets a fresh run of its own.
    owners_run = owner.start()
    victim = owner.get(f"/w/{made_up}/status/")
    assert victim.status_code == 302
    fresh = RUN_URL.search(victim.headers["Location"]).group(1)
    assert fresh not in (made_up, owners_run)
    page = owner.get(victim.headers["Location"])
    assert page.status_code == 200
    assert "另一个浏览器" in page.text  # the notice saying why a new wizard started
    # The attacker's made-up id never becomes anyone's run.
    stranger.start()
    assert stranger.get(f"/w/{made_up}/status/").status_code == 302
    assert owner.get(f"/w/{made_up}/status/").status_code == 302


def test_a_browser_that_keeps_no_cookie_gets_a_page_not_a_redirect_loop(live_server):
    base = live_server.url
    location = requests.get(base + "/start/", allow_redirects=False, timeout=10).headers["Location"]
    response = requests.get(base + location, allow_redirects=False, timeout=10)
    assert response.status_code == 404
    assert "Cookie" in response.text
    assert "/start/" in response.text


def test_a_strangers_answers_never_show_up_in_the_owners_run(owner, stranger):
    run = owner.start()
    owner.answer(run, "status", NOT_SHIPPED["status"])
    stranger.start()
    stranger.answer(run, "status", {"order_status": "received"})
    page = owner.get(f"/w/{run}/reason/")
    assert page.status_code == 200  # still not shipped: the reason step, not the package one


def test_draft_photos_answer_only_the_browser_that_started_the_run(owner, stranger):
    run = owner.start()
    stored = _upload(owner, run)
    assert stored.status_code == 200, stored.text
    item = stored.json()["stored"][0]
    assert owner.get(item["preview_url"]).status_code == 200

    stranger.start()
    evidence_page = stranger.get(f"/w/{run}/evidence/")
    assert item["name"] not in evidence_page.text
    assert item["preview_url"] not in evidence_page.text
    assert stranger.get(item["preview_url"]).status_code == 404
    original = item["preview_url"].replace("/preview/", "/original/")
    assert stranger.get(original).status_code == 404
    removal = stranger.post(item["remove_url"], headers={"Accept": "application/json"})
    assert removal.status_code == 404
    assert _upload(stranger, run, "planted.jpg").status_code == 404

    assert list(Evidence.objects.values_list("original_name", flat=True)) == ["parcel.jpg"]
    assert owner.get(original).status_code == 200
    case_path = owner.finish(run, NOT_SHIPPED)
    case = Case.objects.get(token=case_path.split("/")[2])
    assert [e.original_name for e in case.evidence.all()] == ["parcel.jpg"]


def test_a_run_with_answers_in_this_very_session_is_kept_across_the_upgrade(client):
    """A wizard started before run ids were bound: its answers are in this session only."""
    run = "LegacyRunStartedBefore"
    session = client.session
    session[f"wizard_refund_{run}"] = {
        "step": "reason",
        "step_data": {"status": {"status-order_status": ["not_shipped"]}},
        "step_files": {},
        "extra_data": {},
    }
    session.save()
    response = client.get(f"/w/{run}/reason/")
    assert response.status_code == 200
    assert client.get(f"/w/{run}/seller/").status_code in (200, 302)
    # A browser without those answers is not let in under the same id.
    other = Client()
    other.get("/start/")  # a session of its own
    refused = other.get(f"/w/{run}/reason/")
    assert refused.status_code == 302
    assert run not in refused["Location"]


def test_every_run_a_session_starts_stays_its_own(client):
    first = RUN_URL.search(client.get("/start/")["Location"]).group(1)
    second = RUN_URL.search(client.get("/start/")["Location"]).group(1)
    assert first != second
    assert client.get(f"/w/{first}/status/").status_code == 200
    assert client.get(f"/w/{second}/status/").status_code == 200
