"""The texts pasted in the consumer's name state only what the answers hold (domain.md §10).

A property test over generated answers (the `cases` strategy of test_properties) crossed
with every attachment set and the consumer's own words: the request text, the seller
message, the appeal and the follow-up, in both languages.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from wizard.rules import (
    EvidenceCode,
    Facts,
    Language,
    OrderStatus,
    Procedure,
    Reason,
    SellerResponse,
    assess,
    format_date,
)
from wizard.rules.texts import PHRASES, Phrase

from .test_properties import cases
from .text_checks import (
    MONEY,
    Text,
    dates_in,
    evidence_label,
    money_figures,
    named_evidence,
    texts_of,
    without,
)

# The consumer's words: Chinese and Latin letters, digits and punctuation, never the labels
# of the evidence or the sentences the texts use (so finding one proves the text wrote it).
WORDS = st.text(alphabet="袖口污渍开线颜色偏差味道很大破了个洞abcXYZ 0123456789，。!", max_size=200)

CENT = Decimal("0.01")
CONTACT_TO_PLATFORM = {
    SellerResponse.REFUSED: Phrase.CONTACT_REFUSED,
    SellerResponse.NO_RESPONSE: Phrase.CONTACT_NO_REPLY,
    SellerResponse.AGREED: Phrase.CONTACT_AGREED,
}
CONTACT_TO_SELLER = {
    SellerResponse.REFUSED: Phrase.CONTACT_REFUSED_TO_SELLER,
    SellerResponse.NO_RESPONSE: Phrase.CONTACT_NO_REPLY_TO_SELLER,
    SellerResponse.AGREED: Phrase.CONTACT_AGREED_TO_SELLER,
}
CLAIMS_NOBODY_MADE = {
    Language.ZH_HANS: ("齐全", "完好", "不影响二次销售", "全部货款", "拍照留证"),
    Language.EN: ("complete", "intact", "resold", "full price", "photographed"),
}


@st.composite
def told(draw: st.DrawFn) -> tuple[Facts, date, date | None]:
    """Answers, the files really attached, the consumer's words and a day S the return left."""
    facts, today = draw(cases())
    if facts.received_on is not None:
        # Mostly inside or just after the window, where the no-reason texts are written.
        days_ago = draw(
            st.integers(min_value=0, max_value=20) | st.integers(min_value=0, max_value=400)
        )
        facts = dataclasses.replace(facts, received_on=today - timedelta(days=days_ago))
    facts = dataclasses.replace(
        facts,
        evidence_attached=frozenset(draw(st.sets(st.sampled_from(EvidenceCode)))),
        problem_description=draw(WORDS),
    )
    shipped_on = draw(st.none() | st.just(today - timedelta(days=10)))
    return facts, today, shipped_on


def phrase_text(key: Phrase, language: Language) -> str:
    return PHRASES[key][0 if language is Language.ZH_HANS else 1]


def check_evidence(text: Text, facts: Facts) -> None:
    named = named_evidence(text)
    assert named <= facts.evidence_attached, (named - facts.evidence_attached, text)
    if text.name in ("seller", "appeal"):
        # No limit there: every file really attached is named.
        assert named == facts.evidence_attached, text
    if text.name == "followup":
        assert not named, text
    if not facts.evidence_attached:
        assert "已附上" not in text.body and "Attached" not in text.body, text


def check_contact(text: Text, facts: Facts) -> None:
    to_seller = text.name == "seller"
    table = CONTACT_TO_SELLER if to_seller else CONTACT_TO_PLATFORM
    for response, key in table.items():
        said = phrase_text(key, text.language) in text.body
        if response is not facts.seller_response:
            assert not said, text
        elif text.name in ("seller", "appeal"):
            assert said, text
    if facts.seller_response is SellerResponse.NOT_CONTACTED:
        labels = [evidence_label(code, text.language) for code in EvidenceCode]
        body = without(text.body, labels)  # "与卖家沟通记录截图" names a file, not a contact
        for words in ("联系商家", "沟通", "回复", "contacted", "reply", "agreed", "discussed"):
            assert words not in body, (words, text)


def check_figures_and_days(text: Text, facts: Facts, shipped_on: date | None) -> None:
    for figure in MONEY.findall(text.body):
        assert figure in money_figures(facts), (figure, text)
    days = {format_date(day, text.language) for day in (facts.received_on, shipped_on) if day}
    for day in dates_in(text):
        assert day in days, (day, text)
    if facts.order_status is not OrderStatus.RECEIVED:
        assert "签收了" not in text.body and "I signed for" not in text.body, text


def check_words(text: Text, facts: Facts) -> None:
    words = facts.problem_description.strip()
    if not words:
        assert "具体情况" not in text.body and "In my words" not in text.body, text
        return
    if text.name in ("seller", "appeal"):
        assert f"“{words}”" in text.body, text  # quoted whole, as given
    elif text.name == "description":
        quoted = f"“{words}”" in text.body
        shortened = any(text.body.count(f"“{words[:n].rstrip()}…”") for n in range(1, len(words)))
        # The Chinese text always has room for the words, whole or shortened with "…".
        assert quoted or shortened or not text.zh, text


@settings(max_examples=300, deadline=None, database=None)
@given(told())
def test_the_texts_state_only_what_the_answers_hold(case: tuple[Facts, date, date | None]) -> None:
    facts, today, shipped_on = case
    decision = assess(facts, today=today)
    for text in texts_of(decision, shipped_on=shipped_on):
        check_evidence(text, facts)
        check_contact(text, facts)
        check_figures_and_days(text, facts, shipped_on)
        check_words(text, facts)
        for claim in CLAIMS_NOBODY_MADE[text.language]:
            assert claim not in text.body, (claim, text)


@settings(max_examples=300, deadline=None, database=None)
@given(told())
def test_the_amount_asked_is_the_part_claimed_and_never_the_whole_for_a_missing_part(
    case: tuple[Facts, date, date | None],
) -> None:
    facts, today, _ = case
    decision = assess(facts, today=today)
    body = decision.to_dict(Language.ZH_HANS)
    if decision.reason is Reason.MISSING_ITEM and facts.amount_claimed is None:
        assert body["request"]["amount"] is None
        for text in (body["request"]["description"], body["messages"]["seller"]):
            assert "申请金额" not in text
            if facts.amount_paid is not None:
                figure = f"{facts.amount_paid.quantize(CENT)}元"
                # The price paid appears only as the order's price, never as the amount asked.
                assert text.count(figure) == text.count(f"实付金额：{figure}"), text
        appeal = body["messages"]["appeal"]
        assert appeal is not None and "漏发部分" in appeal
    if decision.refund_type == "exchange":
        assert body["request"]["amount"] is None
        assert "申请金额" not in body["request"]["description"]


@settings(max_examples=300, deadline=None, database=None)
@given(told())
def test_the_followup_says_what_went_back(case: tuple[Facts, date, date | None]) -> None:
    facts, today, shipped_on = case
    decision = assess(facts, today=today)
    zh = decision.to_dict(Language.ZH_HANS)["messages"]
    if not decision.followup_applies:
        assert "followup" not in zh
        return
    text = zh["followup"]
    base = decision.base_procedure
    if base is Procedure.REFUSE_DELIVERY:
        assert "拒收" in text and "寄回" not in text
    elif base is Procedure.INTERCEPT_OR_REFUSE:
        assert "拦截" in text and "寄回" not in text
    elif base is Procedure.EXCHANGE_OR_REPAIR:
        assert "寄回" in text and "换货" in text and "退款" not in text
    else:
        assert "寄回" in text and "退款" in text
