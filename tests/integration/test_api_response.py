"""The assessment's 200 is written by pydantic against AssessmentOut, as ninja would write it."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from pydantic import ValidationError

from tests.scenarios import SCENARIOS
from wizard.api import AssessmentIn, AssessmentOut, _validated_json, api
from wizard.flow import facts_from_api
from wizard.rules import assess
from wizard.rules.codes import Language

URL = "/api/v1/assessments"
ANSWERED = [s for s in SCENARIOS if s["expect"].get("status", 200) == 200]


def through_ninja(body: dict[str, Any], language: Language) -> Any:
    """What ninja's own path makes of the engine's dict: model dump, then its renderer."""
    payload = AssessmentIn.model_validate(body)
    decided = assess(facts_from_api(payload.model_dump()), today=payload.today).to_dict(language)
    dumped = AssessmentOut.model_validate(decided).model_dump(exclude_unset=True)
    return json.loads(api.renderer.render(None, dumped, response_status=200))  # type: ignore[arg-type]


@pytest.mark.parametrize("scenario", ANSWERED, ids=lambda s: s["name"][:50])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_public_scenario_answers_what_ninja_would(
    client: Client, scenario: dict[str, Any], language: str
) -> None:
    body = {"today": "2026-11-24", **scenario["request"], "language": language}
    response = client.post(URL, data=json.dumps(body), content_type="application/json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == through_ninja(body, Language.from_code(language))


def test_the_body_is_utf8_not_escapes(client: Client) -> None:
    body = {"order_status": "not_shipped", "reason": "changed_mind", "today": "2026-11-24"}
    response = client.post(URL, data=json.dumps(body), content_type="application/json")
    assert "取消".encode() in response.content
    assert b"\\u" not in response.content


def test_an_answer_that_breaks_the_schema_is_not_sent() -> None:
    with pytest.raises(ValidationError):
        _validated_json(AssessmentOut, {"procedure": "cancel_order"})


def test_the_api_reads_the_language_locale_middleware_read() -> None:
    """`_header_language` takes LocaleMiddleware's choice: right only without prefixed URLs."""
    from django.conf import settings
    from django.conf.urls.i18n import is_language_prefix_patterns_used

    assert is_language_prefix_patterns_used(settings.ROOT_URLCONF) == (False, False)


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}, "en"),
        ({"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9"}, "zh-hans"),
        ({}, "zh-hans"),
    ],
)
def test_without_a_language_field_the_header_decides(
    client: Client, extra: dict[str, str], expected: str
) -> None:
    body = {"order_status": "not_shipped", "reason": "changed_mind", "today": "2026-11-24"}
    response = client.post(URL, data=json.dumps(body), content_type="application/json", **extra)
    assert response.json() == through_ninja({**body, "language": expected}, Language(expected))


def test_the_language_cookie_decides_over_the_header(client: Client) -> None:
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = {"order_status": "not_shipped", "reason": "changed_mind", "today": "2026-11-24"}
    response = client.post(
        URL, data=json.dumps(body), content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-CN"
    )
    assert (
        response.json()["procedure_label"]
        == through_ninja({**body, "language": "en"}, Language.EN)["procedure_label"]
    )
