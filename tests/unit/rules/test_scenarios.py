"""Every public worked case of tests/data/scenarios_public.json against the engine."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from wizard.rules import Language, assess

from .factories import facts_from_request

SCENARIOS_FILE = Path(__file__).resolve().parents[2] / "data" / "scenarios_public.json"
SCENARIOS: list[dict[str, Any]] = json.loads(SCENARIOS_FILE.read_text(encoding="utf-8"))
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
    for key, expected in case["expect"].items():
        if key == "evidence_includes":
            codes = {item["code"] for item in body["evidence"]}
            assert set(expected) <= codes, f"evidence {codes} lacks {expected}"
        else:
            assert body[key] == expected, f"{key}: {body[key]!r} != {expected!r}"
