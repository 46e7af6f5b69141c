"""The refund form's text fits its 200 characters on every path (domain.md section 10).

Every path of the decision table is enumerated (order status x reason x the parcel at the
door x category x condition x seller's answer x inside/after the window x a promised
window x insurance), with the longest values the form and the API accept: a 100-character
order number, product and shop name, 200 characters of the consumer's words, every file
attached and the largest amounts. Every public scenario is run as given and so stretched.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from tests.scenarios import SCENARIOS
from wizard.rules import (
    Facts,
    Language,
    assess,
    label,
    request_description,
)
from wizard.rules.render import DESCRIPTION_MAX_CHARS, MIN_QUOTED_CHARS

from .factories import LONGEST, TODAY, VALUE_SETS, every_path, facts_from_request

LIMIT = 200


def check(description: str, facts: Facts, language: Language) -> None:
    assert len(description) <= LIMIT, (len(description), description)
    # The lead always survives: the platform's reason is named ...
    decision = assess(facts, today=TODAY)
    assert label(decision.reason, language) in description, description
    # ... and the last-resort cut is never needed: the text ends on a full sentence.
    assert not description.endswith("…"), description


def test_the_limit_is_the_platforms_200_characters() -> None:
    assert DESCRIPTION_MAX_CHARS == LIMIT


@pytest.mark.parametrize("values", list(VALUE_SETS), ids=str)
def test_every_path_of_the_decision_table_fits_in_both_languages(values: str) -> None:
    paths = 0
    for facts in every_path(VALUE_SETS[values]):
        decision = assess(facts, today=TODAY)
        for language in Language:
            check(request_description(decision, language), facts, language)
        if values == "realistic":
            # Real values leave room in the Chinese text for the amount and the words.
            zh = request_description(decision, Language.ZH_HANS)
            if decision.request_amount is not None:
                assert f"{decision.request_amount:.2f}元" in zh, zh
            words = facts.problem_description
            shortened = [f"“{words[:n]}…”" for n in range(MIN_QUOTED_CHARS, len(words))]
            assert f"“{words}”" in zh or any(s in zh for s in shortened), zh
        paths += 1
    assert paths > 10_000  # the enumeration really covers the table


@pytest.mark.parametrize("language", list(Language))
@pytest.mark.parametrize(
    "case",
    [case for case in SCENARIOS if "status" not in case["expect"]],
    ids=[case["name"].replace(" ", "_") for case in SCENARIOS if "status" not in case["expect"]],
)
def test_every_public_scenario_fits_as_given_and_with_the_longest_values(
    case: dict[str, Any], language: Language
) -> None:
    facts, today = facts_from_request(case["request"])
    stretched = dataclasses.replace(
        facts,
        **{key: value for key, value in LONGEST.items() if key != "amount_claimed"},
        amount_claimed=facts.amount_claimed,  # at most the scenario's price, below LONGEST's
    )
    for variant in (facts, stretched):
        decision = assess(variant, today=today)
        body = decision.to_dict(language)
        assert len(body["request"]["description"]) <= LIMIT
        assert len(body["request"]["description_zh"]) <= LIMIT
        assert not body["request"]["description_zh"].endswith("…")
        assert label(decision.reason, Language.ZH_HANS) in body["request"]["description_zh"]
    # The seller message and the appeal have no limit: they quote the words whole.
    body = assess(stretched, today=today).to_dict(language)
    words = LONGEST["problem_description"]
    assert words in body["messages_zh"]["seller"]
    if body["messages_zh"]["appeal"] is not None:
        assert words in body["messages_zh"]["appeal"]
