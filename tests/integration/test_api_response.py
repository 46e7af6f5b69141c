"""The assessment's 200: written by orjson, the same JSON ninja would write, and every path
of the decision table answers what `AssessmentOut` documents (it is not checked per request)."""

from __future__ import annotations

import json
from typing import Any

import orjson
import pytest
from django.test import Client

from tests.scenarios import SCENARIOS
from tests.unit.rules.factories import TODAY, VALUE_SETS, every_path
from wizard.api import AssessmentIn, AssessmentOut, _json_response, api
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


@pytest.mark.parametrize("values", ["plain", *VALUE_SETS], ids=str)
def test_every_path_of_the_decision_table_answers_the_documented_schema(values: str) -> None:
    """What the run-time check used to catch, for every answer the engine can give."""
    paths = 0
    for facts in every_path(VALUE_SETS.get(values, {})):
        decision = assess(facts, today=TODAY)
        for language in Language:
            body = decision.to_dict(language)
            written = _json_response(body).content
            # Validates: the types, the required keys and nothing ninja would drop.
            checked = AssessmentOut.model_validate_json(written)
            assert orjson.loads(written) == checked.model_dump(mode="json", exclude_unset=True)
        paths += 1
    assert paths > 10_000


def test_a_body_orjson_cannot_write_fails_loudly() -> None:
    with pytest.raises(TypeError):
        _json_response({"procedure": object()})


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
