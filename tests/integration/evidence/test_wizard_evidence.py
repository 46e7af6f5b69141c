"""Uploads through the wizard's real steps survive back-navigation and the final revalidation."""

from __future__ import annotations

import pytest
import time_machine
from django.core.cache import cache

from tests.integration.evidence.conftest import files_under, upload
from tests.integration.test_wizard_flow import RECEIVED_SIZE, Flow, _step_of
from tests.unit.evidence import samples
from wizard.evidence.models import Evidence
from wizard.models import Case

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_china_morning():
    cache.clear()
    with time_machine.travel("2026-11-24T02:00:00+00:00", tick=False):
        yield


def _walk_to_evidence(flow: Flow) -> None:
    step = "status"
    while step != "evidence":
        step = flow.answer(step, RECEIVED_SIZE[step])


def test_uploads_survive_back_navigation_and_become_the_cases_evidence(client, evidence_dirs):
    flow = Flow(client)
    _walk_to_evidence(flow)
    files = [upload("box.jpg", samples.jpeg()), upload("open.mp4", samples.mp4(), "video/mp4")]
    response = flow.post("evidence", {"upload": files})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _step_of(response.url) == "email"

    # Back to the evidence step, then back again to details and forward.
    page = flow.get("evidence")
    assert "box.jpg" in page.content.decode() and "open.mp4" in page.content.decode()
    back = flow.post("evidence", {}, wizard_goto_step="details")
    assert back.status_code == 302
    assert flow.answer("details", RECEIVED_SIZE["details"]) == "evidence"
    assert "box.jpg" in flow.get("evidence").content.decode()
    assert flow.answer("evidence", {}) == "email"
    assert flow.answer("email", RECEIVED_SIZE["email"]) == "confirm"
    assert flow.answer("confirm", {}) == "done"
    done = client.get(flow.url("done"))
    assert done.status_code == 302

    case = Case.objects.get()
    assert sorted(case.evidence.values_list("original_name", flat=True)) == ["box.jpg", "open.mp4"]
    assert not Evidence.objects.filter(case=None).exists()
    assert len(files_under(evidence_dirs["media"])) == 4
    case_page = client.get(case.get_absolute_url()).content.decode()
    assert "box.jpg" in case_page and "open.mp4" in case_page


def test_a_refused_file_on_the_evidence_step_is_named_and_the_good_one_kept(client, evidence_dirs):
    flow = Flow(client)
    _walk_to_evidence(flow)
    files = [upload("good.jpg", samples.jpeg()), upload("fake.jpg", samples.HTML)]
    response = flow.post("evidence", {"upload": files})
    assert response.status_code == 200
    html = response.content.decode()
    assert "fake.jpg" in html and "good.jpg" in html
    assert Evidence.objects.get().original_name == "good.jpg"
    assert files_under(evidence_dirs["temp"]) == []


def test_removing_a_file_on_the_evidence_step_drops_it_before_the_case(client, evidence_dirs):
    flow = Flow(client)
    _walk_to_evidence(flow)
    flow.post(
        "evidence",
        {"upload": [upload("a.jpg", samples.jpeg()), upload("b.jpg", samples.jpeg((41, 30)))]},
    )
    drop = Evidence.objects.get(original_name="b.jpg")
    assert flow.answer("evidence", {"remove": [str(drop.id)]}) == "email"
    assert list(Evidence.objects.values_list("original_name", flat=True)) == ["a.jpg"]
