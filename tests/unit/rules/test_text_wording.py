"""How the texts to paste are worded (domain.md section 10, issue 14).

The texts to the seller and the platform address them as 您, never 你; the pages speak
to the user as 你. One date style per language, no ISO dates; no space before or after
full-width punctuation; each law named at most once per text.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings

from tests.scenarios import SCENARIOS
from wizard.rules import (
    Decision,
    EvidenceCode,
    ItemCategory,
    ItemCondition,
    Language,
    OrderStatus,
    PackageCondition,
    Reason,
    SellerResponse,
    assess,
)
from wizard.rules.texts import LAW_NAMES, PHRASES, STEPS, WARNINGS, Phrase, cite

from .factories import TODAY, facts, facts_from_request, received
from .test_texts_truthful import told
from .text_checks import (
    EN_DATE,
    ISO_DATE,
    STRAY_SPACE,
    ZH_DATE,
    Text,
    law_counts,
    texts_of,
    user_values,
    without,
)

NAMED: dict[str, Any] = {
    "order_number": "P2026112012345",
    "product_name": "羊毛开衫",
    "merchant_name": "小岛服饰",
    "amount_paid": Decimal("199"),
    "problem_description": "袖口有一大块黄色污渍，洗不掉",
    "evidence_attached": frozenset({EvidenceCode.DEFECT_PHOTO, EvidenceCode.ITEM_PHOTO}),
}
EXAMPLES = {
    "cancellation": facts(**NAMED),
    "interception": facts(order_status=OrderStatus.IN_TRANSIT, **NAMED),
    "refusal": facts(
        order_status=OrderStatus.OUT_FOR_DELIVERY, package_condition=PackageCondition.WET, **NAMED
    ),
    "no_reason_return": received(reason=Reason.SIZE_UNSUITABLE, **NAMED),
    "promised_return": received(promised_return_days=15, **NAMED),
    "quality_return": received(reason=Reason.QUALITY_ISSUE, **NAMED),
    "exchange_escalated": received(
        reason=Reason.NOT_AS_DESCRIBED,
        received_on=date(2026, 11, 1),
        seller_response=SellerResponse.REFUSED,
        **NAMED,
    ),
    "missing_item": received(reason=Reason.MISSING_ITEM, **NAMED),
    "counterfeit": received(
        reason=Reason.COUNTERFEIT, seller_response=SellerResponse.NO_RESPONSE, **NAMED
    ),
    "negotiation": received(item_condition=ItemCondition.USED, **NAMED),
    "not_received": received(reason=Reason.NOT_RECEIVED, item_condition=None, **NAMED),
}


def check_wording(text: Text, decision: Decision) -> None:
    own = without(text.body, user_values(decision.facts))  # the consumer's words are as given
    if text.zh:
        assert "你" not in own, text  # the seller and the platform are 您
        if text.name != "description":
            assert "您" in own, text
        assert not EN_DATE.search(own), text
        assert not STRAY_SPACE.search(own), text
    else:
        assert not ZH_DATE.search(own), text
        assert "您" not in own and "你" not in own, text
    assert not ISO_DATE.search(own), text
    for law, count in law_counts(text).items():
        assert count <= 1, (law, text)


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_the_worked_examples_are_worded_right(name: str) -> None:
    decision = assess(EXAMPLES[name], today=TODAY)
    for text in texts_of(decision, shipped_on=date(2026, 11, 22)):
        check_wording(text, decision)


@settings(max_examples=300, deadline=None, database=None)
@given(told())
def test_every_generated_case_is_worded_right(case: tuple[Any, date, date | None]) -> None:
    answers, today, shipped_on = case
    decision = assess(answers, today=today)
    for text in texts_of(decision, shipped_on=shipped_on):
        check_wording(text, decision)


@pytest.mark.parametrize(
    "case",
    [case for case in SCENARIOS if "status" not in case["expect"]],
    ids=[case["name"].replace(" ", "_") for case in SCENARIOS if "status" not in case["expect"]],
)
def test_every_public_scenario_is_worded_right(case: dict[str, Any]) -> None:
    answers, today = facts_from_request(case["request"])
    decision = assess(answers, today=today)
    for text in texts_of(decision, shipped_on=today):
        check_wording(text, decision)


def test_an_appeal_citing_several_articles_of_one_law_names_the_law_once() -> None:
    decision = assess(EXAMPLES["no_reason_return"], today=TODAY)
    appeal = decision.to_dict()["messages"]["appeal"]
    assert appeal.count("《网络购买商品七日无理由退货暂行办法》") == 1
    assert "第8条、第10条、第13条、第18条" in appeal
    en = decision.to_dict(Language.EN)["messages"]["appeal"]
    assert "7-Day Return Measures, Arts. 8, 10, 13 and 18" in en


def test_cite_groups_articles_by_law_in_the_order_given() -> None:
    from wizard.rules import LegalCode

    codes = (LegalCode.CRPL_24, LegalCode.CIVIL_563, LegalCode.CRPL_55)
    assert cite(codes, Language.ZH_HANS) == "《消费者权益保护法》第24条、第55条、《民法典》第563条"
    assert (
        cite(codes, Language.EN)
        == "Consumer Rights Protection Law, Arts. 24 and 55; Civil Code, Art. 563"
    )
    assert set(LAW_NAMES) == {str(code).rpartition("_")[0] for code in LegalCode}


def test_the_pages_speak_to_the_user_as_ni() -> None:
    """Steps and warnings are read by the user: 你, never 您 (section 10's 您 is for others)."""
    for title, detail in STEPS.values():
        assert "您" not in title[0] and "您" not in detail[0], detail[0]
    for text in WARNINGS.values():
        assert "您" not in text[0], text[0]
    to_user = (
        Phrase.CONFIRMED_NON_RETURNABLE,
        Phrase.EXCLUDED_CATEGORY,
        Phrase.NOT_INTACT,
        Phrase.WINDOW_EXPIRED,
        Phrase.DEADLINE_CLAUSE,
        Phrase.DEADLINE_CLAUSE_DIRECT_RETURN,
        Phrase.COMPENSATION_CLAUSE,
    )
    for key in to_user:
        assert "您" not in PHRASES[key][0], key


def test_the_catalogue_has_no_space_around_full_width_punctuation() -> None:
    pairs = [*PHRASES.values(), *WARNINGS.values()]
    pairs += [pair for step in STEPS.values() for pair in step]
    for zh, _en in pairs:
        assert not STRAY_SPACE.search(zh), zh


@pytest.mark.parametrize(
    ("reason", "name"),
    [
        (Reason.QUALITY_ISSUE, "直接退货的截止日"),
        (Reason.MISSING_ITEM, "签收后直接办理的截止日"),
        (Reason.CHANGED_MIND, "截止日"),
    ],
)
def test_for_a_seller_fault_claim_d_ends_the_simplest_route_never_the_claim(
    reason: Reason, name: str
) -> None:
    body = assess(received(reason=reason), today=TODAY).to_dict()
    shown = [w["text"] for w in body["warnings"]] + [s["detail"] for s in body["steps"]]
    deadline_texts = [text for text in shown if "2026年11月27日" in text]
    assert deadline_texts, shown
    assert any(text.startswith(name) or name in text for text in deadline_texts)
    if reason is not Reason.CHANGED_MIND:
        for text in deadline_texts:
            assert "最晚" not in text, text  # no "at the latest": the claim itself goes on
            assert "商家仍要" in text or "截止日" in text, text


def test_a_negotiation_at_the_door_never_says_the_parcel_was_refused() -> None:
    # agree_before_sending: nothing is refused before the seller agrees (domain.md section 9).
    at_door = facts(
        order_status=OrderStatus.OUT_FOR_DELIVERY, item_category=ItemCategory.CUSTOM_MADE
    )
    decision = assess(at_door, today=TODAY)
    assert decision.procedure == "negotiate_with_seller"
    for text in texts_of(decision):
        assert "拒收" not in text.body and "refused" not in text.body, text
