"""Every public worked case of tests/data/scenarios_public.json against the engine."""

from __future__ import annotations

from typing import Any

import pytest

from tests.scenarios import SCENARIOS, check_body
from wizard.rules import Language, assess

from .factories import facts_from_request

# Cases with an expected "status" are API validation errors, tested with the API.
ENGINE_SCENARIOS = [case for case in SCENARIOS if "status" not in case["expect"]]


def test_the_public_scenarios_are_loaded() -> None:
    assert len(ENGINE_SCENARIOS) >= 10


@pytest.mark.parametrize("language", list(Language))
@pytest.mark.parametrize(
    "case", ENGINE_SCENARIOS, ids=[case["name"].replace(" ", "_") for case in ENGINE_SCENARIOS]
)
def test_scenario_outcome_matches_expectation(case: dict[str, Any], language: Language) -> None:
    facts, today = facts_from_request(case["request"])
    body = assess(facts, today=today).to_dict(language)
    check_body(body, case["expect"])
