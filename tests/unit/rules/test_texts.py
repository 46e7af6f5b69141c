"""The text catalogue: every label in both languages, and the ready-to-paste texts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

import pytest

from wizard.rules import (
    EvidenceCode,
    Fault,
    ItemCategory,
    ItemCondition,
    Language,
    LegalCode,
    OrderStatus,
    PackageCondition,
    Procedure,
    Reason,
    RefundType,
    SellerResponse,
    ShippingPayer,
    StepCode,
    WarningCode,
    WhyNot,
    assess,
    describe,
    followup_message,
    format_amount,
    format_date,
    label,
)
from wizard.rules.texts import LEGAL, PHRASES, STEPS, WARNINGS, Phrase

from .factories import TODAY, facts, received

UI_ENUMS: list[type[StrEnum]] = [
    OrderStatus,
    Reason,
    Fault,
    PackageCondition,
    ItemCategory,
    ItemCondition,
    SellerResponse,
    Procedure,
    RefundType,
    ShippingPayer,
    EvidenceCode,
    WhyNot,
    LegalCode,
    StepCode,
]
MEMBERS = [member for enum in UI_ENUMS for member in enum]

PLATFORM_REASON_LABELS = {  # domain.md table 2, verbatim
    "changed_mind": "不想要了",
    "ordered_wrong": "拍错/拍多/买错规格",
    "found_cheaper": "找到更划算的",
    "slow_shipping": "发货太慢",
    "size_unsuitable": "尺码不合适",
    "style_unliked": "颜色/款式不喜欢",
    "package_damaged": "包裹破损/运输损坏",
    "quality_issue": "质量问题",
    "not_as_described": "与描述不符",
    "wrong_item": "发错货",
    "missing_item": "少件/漏发",
    "counterfeit": "假冒商品",
    "not_received": "未收到货",
    "late_shipment": "商家未按承诺时间发货",
}


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.parametrize("member", MEMBERS, ids=lambda m: f"{type(m).__name__}.{m.value}")
def test_every_label_exists_in_both_languages(member: StrEnum) -> None:
    zh = label(member, Language.ZH_HANS)
    en = label(member, Language.EN)
    assert zh.strip() and en.strip()
    assert has_chinese(zh)
    assert zh != en
    assert len(zh) <= 40, "labels must fit a phone screen"


def test_labels_do_not_collide_across_enums_with_equal_values() -> None:
    # StrEnum members equal their strings: "seller" is both a Fault and a payer.
    assert label(Fault.SELLER) != label(ShippingPayer.SELLER)
    assert label(Procedure.CANCEL_ORDER) == "取消订单"
    assert label(StepCode.CANCEL_ORDER) != label(Procedure.CANCEL_ORDER)


def test_reason_labels_are_the_platforms_refund_reasons() -> None:
    assert {str(r): label(r, Language.ZH_HANS) for r in Reason} == PLATFORM_REASON_LABELS


def test_item_categories_are_explained_with_examples() -> None:
    assert label(ItemCategory.CUSTOM_MADE) == "定制商品（刻字、按尺寸定做）"
    assert "made to order" in label(ItemCategory.CUSTOM_MADE, Language.EN).lower()


def test_describe_gives_hints_and_none_where_the_label_suffices() -> None:
    hint = describe(ItemCondition.OPENED_INTACT)
    assert hint is not None and "七天无理由" in hint
    assert describe(ItemCondition.OPENED_INTACT, Language.EN)
    assert describe(Reason.CHANGED_MIND) is None


@pytest.mark.parametrize("language", list(Language))
def test_step_warning_and_legal_catalogues_are_complete(language: Language) -> None:
    assert set(STEPS) == set(StepCode)
    assert set(WARNINGS) == set(WarningCode)
    assert set(LEGAL) == set(LegalCode)
    assert all(pair[0] and pair[1] for pair in WARNINGS.values())
    assert all(title[0] and detail[1] for title, detail in STEPS.values())


def test_dates_and_amounts_are_formatted_for_people() -> None:
    assert format_date(date(2026, 11, 27)) == "2026年11月27日"
    assert format_date(date(2026, 11, 27), Language.EN) == "27 November 2026"
    assert format_amount(Decimal("199")) == "199.00"
    assert format_amount(Decimal("19.9")) == "19.90"


NAMED = {
    "order_number": "P2026112012345",
    "product_name": "羊毛开衫",
    "merchant_name": "小岛服饰",
    "amount_paid": Decimal("199"),
}


@pytest.mark.parametrize("language", list(Language))
@pytest.mark.parametrize(
    "case",
    [
        pytest.param(facts(**NAMED), id="cancellation"),
        pytest.param(facts(order_status=OrderStatus.IN_TRANSIT, **NAMED), id="interception"),
        pytest.param(
            facts(
                order_status=OrderStatus.OUT_FOR_DELIVERY,
                package_condition=PackageCondition.WET,
                **NAMED,
            ),
            id="refusal",
        ),
        pytest.param(received(reason=Reason.SIZE_UNSUITABLE, **NAMED), id="no_reason_return"),
        pytest.param(received(reason=Reason.QUALITY_ISSUE, **NAMED), id="quality_return"),
        pytest.param(received(reason=Reason.MISSING_ITEM, **NAMED), id="missing_item"),
        pytest.param(received(item_condition=ItemCondition.USED, **NAMED), id="negotiation"),
    ],
)
def test_description_names_order_product_merchant_and_amount(case, language: Language) -> None:
    body = assess(case, today=TODAY).to_dict(language)
    # The Chinese text (the one pasted) has room for everything; the longer English
    # translation keeps the amount and leaves out what does not fit (domain.md section 10).
    description = body["request"]["description_zh"]
    for value in ("P2026112012345", "羊毛开衫", "小岛服饰", "199.00"):
        assert value in description
    if body["request"]["amount"] is not None:
        assert body["request"]["amount"] in body["request"]["description"]
    for value in ("P2026112012345", "羊毛开衫", "小岛服饰", "199.00"):
        assert value in body["messages"]["seller"]
        assert value in body["messages_zh"]["seller"]


@pytest.mark.parametrize("language", list(Language))
def test_description_leaves_out_what_was_not_given(language: Language) -> None:
    description = assess(received(), today=TODAY).to_dict(language)["request"]["description"]
    assert "订单号" not in description and "Order number" not in description
    assert "None" not in description


def test_description_states_facts_evidence_and_resolution() -> None:
    case = received(
        reason=Reason.QUALITY_ISSUE,
        amount_paid=Decimal("59.9"),
        evidence_attached=frozenset({EvidenceCode.DEFECT_PHOTO}),
    )
    body = assess(case, today=TODAY).to_dict(Language.ZH_HANS)
    description = body["request"]["description"]
    assert "2026年11月20日签收" in description
    assert "质量问题" in description
    assert "已附上：问题细节特写" in description  # the evidence really attached is named
    assert "商品照片" not in description  # asked for, required, but not attached
    assert "退货退款" in description and "59.90元" in description
    assert "来回运费由商家承担" in description
    assert body["request"]["amount"] == "59.90"


def test_request_amount_is_left_blank_where_the_form_wants_a_part_or_nothing() -> None:
    missing = assess(received(reason=Reason.MISSING_ITEM, amount_paid=Decimal(80)), today=TODAY)
    assert missing.to_dict()["request"]["amount"] is None
    late = received(
        reason=Reason.QUALITY_ISSUE, received_on=date(2026, 11, 1), amount_paid=Decimal(80)
    )
    assert assess(late, today=TODAY).to_dict()["request"]["amount"] is None


@pytest.mark.parametrize(
    ("amount", "compensation"),
    [(Decimal("100"), "500.00元"), (Decimal("199"), "597.00元")],
)
def test_counterfeit_compensation_is_three_times_at_least_500(
    amount: Decimal, compensation: str
) -> None:
    body = assess(received(reason=Reason.COUNTERFEIT, amount_paid=amount), today=TODAY).to_dict()
    step = next(s for s in body["steps"] if s["code"] == "claim_compensation")
    assert compensation in step["detail"]
    assert "《消费者权益保护法》第55条" in body["request"]["description"]
    assert any(item["code"] == "crpl_55" for item in body["legal_basis"])


def test_followup_cites_crpl_25_and_the_15_day_deliberate_delay_rule_and_12315() -> None:
    decision = assess(received(order_number="A1"), today=TODAY)
    zh = followup_message(decision, Language.ZH_HANS, shipped_on=date(2026, 11, 22))
    assert "《消费者权益保护法》第25条" in zh and "12315" in zh
    assert "《侵害消费者权益行为处罚办法》第9条" in zh and "故意拖延" in zh
    assert "第三十一条" not in zh  # domain.md names no Measures Art. 31
    assert "2026年11月22日" in zh and "A1" in zh
    en = followup_message(decision, Language.EN)
    assert "Art. 25" in en and "Art. 9" in en and "Art. 31" not in en and "12315" in en
    assert decision.to_dict()["messages"]["followup"] == followup_message(decision)


def test_appeal_exists_for_valid_claims_only() -> None:
    escalated = assess(
        received(reason=Reason.QUALITY_ISSUE, seller_response=SellerResponse.REFUSED), today=TODAY
    )
    appeal = escalated.to_dict()["messages"]["appeal"]
    assert appeal is not None and "平台介入" in appeal and "商家拒绝处理" in appeal
    valid = assess(received(), today=TODAY).to_dict()["messages"]["appeal"]
    assert valid is not None
    invalid = assess(received(item_category=ItemCategory.PERISHABLE), today=TODAY)
    assert invalid.to_dict()["messages"]["appeal"] is None


def test_english_output_has_no_chinese_outside_names_and_platform_terms() -> None:
    body = assess(received(reason=Reason.SIZE_UNSUITABLE), today=TODAY).to_dict(Language.EN)
    assert not has_chinese(body["request"]["description"])
    assert not has_chinese(body["refund_reason_label"])
    assert all(
        not has_chinese(w["text"]) for w in body["warnings"] if w["code"] != "check_insurance"
    )


def test_the_rules_package_never_imports_django() -> None:
    import ast
    from pathlib import Path

    import wizard.rules

    package_dir = Path(wizard.rules.__file__).parent
    for source in package_dir.glob("*.py"):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.split(".")[0] == "django" for n in names), source.name


@pytest.mark.parametrize("key", list(Phrase), ids=str)
def test_every_phrase_exists_in_both_languages(key: Phrase) -> None:
    zh, en = PHRASES[key]
    assert zh.strip() and en.strip()
    # Punctuation-only pieces hold no word: "（{money}）", "；", "。", "…".
    punctuation = {Phrase.AMOUNT, Phrase.ID_SEPARATOR, Phrase.ID_END, Phrase.ELLIPSIS}
    assert has_chinese(zh) or key in punctuation
    assert not has_chinese(en)


def test_phrases_leave_no_placeholder_unfilled() -> None:
    # Each sentence is filled with exactly the values render passes for it.
    import string

    for key, pair in PHRASES.items():
        zh_fields = {f for _, f, _, _ in string.Formatter().parse(pair[0]) if f}
        en_fields = {f for _, f, _, _ in string.Formatter().parse(pair[1]) if f}
        assert zh_fields == en_fields, key


def test_the_renderer_holds_no_text_of_its_own() -> None:
    """Every word the engine shows is in texts.py; render.py only puts sentences together."""
    import ast
    import re
    from pathlib import Path

    import wizard.rules.render as render

    tree = ast.parse(Path(render.__file__).read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    words = re.compile(r"[A-Za-z]+ [A-Za-z]+")
    inline = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and (has_chinese(node.value) or words.search(node.value))
    ]
    assert inline == []
