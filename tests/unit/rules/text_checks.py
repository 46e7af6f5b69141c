"""What the texts pasted in the consumer's name may say (domain.md section 10), as checks.

Shared by the property, length and wording tests of the ready-to-paste texts: each
check takes one text and the facts it was written from, and fails with the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from wizard.rules import Decision, EvidenceCode, Facts, Language, followup_message, label
from wizard.rules.texts import LAW_NAMES

ZH_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")
EN_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
EN_DATE = re.compile(rf"\d{{1,2}} (?:{EN_MONTHS}) \d{{4}}")
ISO_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}")
# A figure written by format_money: "199.00元" / "CNY 199.00" (the law's "500元" has no decimals).
MONEY = re.compile(r"\d+\.\d{2}")
FULL_WIDTH = "，。：；！？（）“”、"
STRAY_SPACE = re.compile(rf"\s[{FULL_WIDTH}]|[{FULL_WIDTH}]\s")


@dataclass(frozen=True)
class Text:
    """One text to paste: which one, in which language, and its words."""

    name: str  # description, seller, appeal, followup
    language: Language
    body: str

    @property
    def zh(self) -> bool:
        return self.language is Language.ZH_HANS


def texts_of(decision: Decision, *, shipped_on: date | None = None) -> list[Text]:
    """Every text the consumer may paste, in both languages, from the API body."""
    found: list[Text] = []
    for language in Language:
        body = decision.to_dict(language)
        found.append(Text("description", language, body["request"]["description"]))
        for name, text in body["messages"].items():
            if text is not None:
                found.append(Text(name, language, text))
        if body["request"]["description_zh"] != body["request"]["description"]:
            assert language is Language.EN
            found.append(Text("description", Language.ZH_HANS, body["request"]["description_zh"]))
        if decision.followup_applies and shipped_on is not None:
            found.append(
                Text(
                    "followup",
                    language,
                    followup_message(decision, language, shipped_on=shipped_on),
                )
            )
    return found


def evidence_label(code: EvidenceCode, language: Language) -> str:
    """The label as the texts write it (lower-case first letter inside an English sentence)."""
    text = label(code, language)
    return text if language is Language.ZH_HANS else text[0].lower() + text[1:]


def named_evidence(text: Text) -> set[EvidenceCode]:
    return {code for code in EvidenceCode if evidence_label(code, text.language) in text.body}


def money_figures(facts: Facts) -> set[str]:
    given = {facts.amount_paid, facts.amount_claimed} - {None}
    return {f"{amount.quantize(Decimal('0.01'))}" for amount in given if amount is not None}


def dates_in(text: Text) -> list[str]:
    return (ZH_DATE if text.zh else EN_DATE).findall(text.body)


def law_counts(text: Text) -> dict[str, int]:
    index = 0 if text.zh else 1
    return {pair[index]: text.body.count(pair[index]) for pair in LAW_NAMES.values()}


def without(text: str, values: list[str]) -> str:
    """The text with the consumer's own values taken out (they are quoted as given)."""
    for value in sorted((v for v in values if v), key=len, reverse=True):
        text = text.replace(value, "")
    return text


def user_values(facts: Facts) -> list[str]:
    return [
        facts.order_number.strip(),
        facts.product_name.strip(),
        facts.merchant_name.strip(),
        facts.problem_description.strip(),
    ]
