"""The result page's plan (wizard.case_page): the sections that apply, Chinese texts to copy."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import translation

from tests.clock import TODAY
from wizard import case_page as cp
from wizard.rules import (
    Facts,
    ItemCategory,
    ItemCondition,
    Language,
    OrderStatus,
    PackageCondition,
    Reason,
    SellerResponse,
    assess,
    countdown,
    request_description_translation,
)

CANCEL = Facts(order_status=OrderStatus.NOT_SHIPPED, reason=Reason.CHANGED_MIND)
INTERCEPT = Facts(order_status=OrderStatus.IN_TRANSIT, reason=Reason.CHANGED_MIND)
DOOR = Facts(
    order_status=OrderStatus.OUT_FOR_DELIVERY,
    reason=Reason.PACKAGE_DAMAGED,
    package_condition=PackageCondition.DAMAGED,
)
NO_REASON = Facts(
    order_status=OrderStatus.RECEIVED,
    reason=Reason.SIZE_UNSUITABLE,
    received_on=TODAY - timedelta(days=2),
    item_condition=ItemCondition.OPENED_INTACT,
)
QUALITY = Facts(
    order_status=OrderStatus.RECEIVED,
    reason=Reason.QUALITY_ISSUE,
    received_on=TODAY - timedelta(days=1),
    item_condition=ItemCondition.OPENED_INTACT,
)
PLATFORM = Facts(
    order_status=OrderStatus.RECEIVED,
    reason=Reason.QUALITY_ISSUE,
    received_on=TODAY - timedelta(days=1),
    item_condition=ItemCondition.OPENED_INTACT,
    seller_response=SellerResponse.REFUSED,
)
TOO_LATE = Facts(
    order_status=OrderStatus.RECEIVED,
    reason=Reason.CHANGED_MIND,
    received_on=TODAY - timedelta(days=20),
    item_condition=ItemCondition.OPENED_INTACT,
)
QUALITY_LATE = Facts(
    order_status=OrderStatus.RECEIVED,
    reason=Reason.QUALITY_ISSUE,
    received_on=TODAY - timedelta(days=20),
    item_condition=ItemCondition.OPENED_INTACT,
)
LOST = Facts(order_status=OrderStatus.IN_TRANSIT, reason=Reason.NOT_RECEIVED)
USED = Facts(
    order_status=OrderStatus.RECEIVED,
    reason=Reason.CHANGED_MIND,
    received_on=TODAY - timedelta(days=2),
    item_condition=ItemCondition.USED,
)
CUSTOM_AT_DOOR = Facts(
    order_status=OrderStatus.IN_TRANSIT,
    reason=Reason.CHANGED_MIND,
    item_category=ItemCategory.CUSTOM_MADE,
)


def outcome(facts: Facts, language: Language = Language.ZH_HANS) -> dict:
    return assess(facts, today=TODAY).to_dict(language)


def plan(facts: Facts, language: Language = Language.ZH_HANS) -> cp.CasePage:
    decision = assess(facts, today=TODAY)
    return cp.case_page(
        decision.to_dict(language),
        language=language,
        has_deadline=decision.deadline is not None,
    )


@pytest.mark.parametrize(
    ("facts", "reason"),
    [
        (CANCEL, cp.NO_DEADLINE_CANCEL),
        (INTERCEPT, cp.NO_DEADLINE_BEFORE_RECEIPT),
        (DOOR, cp.NO_DEADLINE_BEFORE_RECEIPT),
        (LOST, cp.NO_DEADLINE_NOT_RECEIVED),
        (TOO_LATE, cp.NO_DEADLINE_NEGOTIATE),
        (USED, cp.NO_DEADLINE_NEGOTIATE),
        (CUSTOM_AT_DOOR, cp.NO_DEADLINE_NEGOTIATE),
        (QUALITY_LATE, cp.NO_DEADLINE_WINDOW_ENDED),
    ],
)
def test_an_outcome_without_a_deadline_says_why_there_is_none(facts, reason):
    assert assess(facts, today=TODAY).deadline is None
    assert plan(facts).no_deadline_reason == reason


@pytest.mark.parametrize("facts", [NO_REASON, QUALITY, PLATFORM])
def test_an_outcome_with_a_deadline_shows_the_box_and_no_excuse(facts):
    assert assess(facts, today=TODAY).deadline is not None
    assert plan(facts).no_deadline_reason == ""


def test_the_no_deadline_lines_are_translated_into_chinese():
    with translation.override("zh-hans"):
        for line in (
            cp.NO_DEADLINE_CANCEL,
            cp.NO_DEADLINE_BEFORE_RECEIPT,
            cp.NO_DEADLINE_NOT_RECEIVED,
            cp.NO_DEADLINE_NEGOTIATE,
            cp.NO_DEADLINE_WINDOW_ENDED,
            cp.NO_DEADLINE_OTHER,
        ):
            assert any("\u4e00" <= ch <= "\u9fff" for ch in str(line)), line


@pytest.mark.parametrize("facts", [CANCEL, INTERCEPT, DOOR, LOST, QUALITY, PLATFORM, QUALITY_LATE])
def test_the_seven_day_line_is_not_shown_before_receipt_or_on_a_seller_fault(facts):
    assert not plan(facts).seven_day_note


@pytest.mark.parametrize("facts", [TOO_LATE, USED])
def test_the_seven_day_line_explains_a_buyer_without_a_free_return(facts):
    assert plan(facts).seven_day_note


def test_an_eligible_return_has_no_seven_day_line_to_explain():
    assert outcome(NO_REASON)["why_not_label"] is None
    assert not plan(NO_REASON).seven_day_note


@pytest.mark.parametrize("facts", [CANCEL, INTERCEPT, DOOR, NO_REASON, QUALITY, PLATFORM])
def test_a_refund_request_is_the_first_text_to_paste(facts):
    page = plan(facts)
    assert page.request_fields
    assert page.primary_text.id == "copy-request"
    assert page.primary_text.zh == outcome(facts)["request"]["description_zh"]
    assert [t.id for t in page.more_texts] == ["copy-seller", "copy-appeal"]


@pytest.mark.parametrize("facts", [TOO_LATE, USED])
def test_without_a_refund_request_the_seller_message_comes_first(facts):
    page = plan(facts)
    assert not page.request_fields
    assert page.primary_text.id == "copy-seller"
    assert page.primary_text.zh == outcome(facts)["messages_zh"]["seller"]
    assert "copy-seller" not in [t.id for t in page.more_texts]


def test_the_next_step_is_the_first_of_all_steps():
    body = outcome(INTERCEPT)
    page = plan(INTERCEPT)
    assert page.next_step == body["steps"][0]
    assert page.steps and page.warnings and page.evidence and page.legal_basis


def test_sections_without_content_are_left_out():
    body = outcome(CANCEL)
    assert body["evidence"] == [] and body["legal_basis"] == []
    page = plan(CANCEL)
    assert not page.evidence and not page.legal_basis


@pytest.mark.parametrize("facts", [CANCEL, DOOR, NO_REASON, TOO_LATE])
def test_an_english_page_copies_the_chinese_and_shows_the_english_beside_it(facts):
    zh = outcome(facts, Language.ZH_HANS)
    en = outcome(facts, Language.EN)
    page = plan(facts, Language.EN)
    texts = [page.primary_text, *page.more_texts]
    by_id = {t.id: t for t in texts}
    if "copy-request" in by_id:
        assert by_id["copy-request"].zh == zh["request"]["description"]
        assert by_id["copy-request"].english == en["request"]["description"]
    assert by_id["copy-seller"].zh == zh["messages"]["seller"]
    assert by_id["copy-seller"].english == en["messages"]["seller"]
    for text in texts:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text.zh)
        assert text.english and text.english != text.zh


def test_a_chinese_page_has_no_translation_to_show():
    page = plan(NO_REASON, Language.ZH_HANS)
    assert all(t.english == "" for t in [page.primary_text, *page.more_texts])


def test_an_outcome_saved_before_the_chinese_texts_existed_still_has_a_text_to_copy():
    saved = outcome(NO_REASON, Language.ZH_HANS)
    saved["request"].pop("description_zh")
    saved.pop("messages_zh")
    page = cp.case_page(saved, language=Language.ZH_HANS, has_deadline=True)
    assert page.primary_text.zh == saved["request"]["description"]
    assert page.more_texts[0].zh == saved["messages"]["seller"]


def case(**fields):
    values = {"email": "", "submitted_at": None, "emails_stopped_at": None, **fields}
    return SimpleNamespace(**values)


def test_the_reminder_offer_needs_a_deadline_ahead_and_no_address_yet():
    ahead = countdown(TODAY + timedelta(days=3), today=TODAY)
    passed = countdown(TODAY - timedelta(days=3), today=TODAY)
    assert cp.reminder_offer_applies(case(), ahead)
    assert not cp.reminder_offer_applies(case(), None)
    assert not cp.reminder_offer_applies(case(), passed)
    assert not cp.reminder_offer_applies(case(email="a@example.com"), ahead)
    assert not cp.reminder_offer_applies(case(submitted_at=TODAY), ahead)
    assert not cp.reminder_offer_applies(case(emails_stopped_at=TODAY), ahead)


def test_the_qr_code_is_inline_svg_of_the_link_and_fetches_nothing():
    svg = str(cp.link_qr_svg("https://example.com/c/abc/", title="二维码 <x>"))
    assert svg.startswith('<svg role="img" ')
    assert "<title>二维码 &lt;x&gt;</title>" in svg
    assert "href" not in svg and "<image" not in svg and "style=" not in svg
    # Another link, another code.
    assert svg != str(cp.link_qr_svg("https://example.com/c/abd/", title="二维码 <x>"))


def test_the_english_beside_the_chinese_request_says_what_the_chinese_says():
    # English runs longer than Chinese: fitted to 200 characters on its own it drops
    # sentences the Chinese keeps. The translation is the whole request, never fitted.
    facts = Facts(
        order_status=OrderStatus.RECEIVED,
        reason=Reason.SIZE_UNSUITABLE,
        received_on=TODAY - timedelta(days=2),
        item_condition=ItemCondition.OPENED_INTACT,
        product_name="羊毛大衣",
        order_number="P20261122001",
    )
    decision = assess(facts, today=TODAY)
    zh = decision.to_dict(Language.ZH_HANS)["request"]["description"]
    fitted = decision.to_dict(Language.EN)["request"]["description"]
    translation, shortened = request_description_translation(decision, Language.EN)
    assert len(zh) <= 200 and not shortened  # the Chinese keeps every sentence
    assert "2026年11月22日" in zh and "P20261122001" in zh
    assert len(translation) >= len(fitted)  # never fitted: it keeps at least as much
    assert "22 November 2026" in translation and "P20261122001" in translation


def test_a_request_the_chinese_had_to_shorten_is_flagged():
    facts = Facts(
        order_status=OrderStatus.RECEIVED,
        reason=Reason.QUALITY_ISSUE,
        received_on=TODAY - timedelta(days=1),
        item_condition=ItemCondition.OPENED_INTACT,
        product_name="羊毛大衣" * 10,
        merchant_name="某某旗舰店" * 8,
        order_number="P" + "1" * 30,
        seller_response=SellerResponse.REFUSED,
        problem_description="袖口开线，拉链拉不上" * 18,
    )
    decision = assess(facts, today=TODAY)
    zh = decision.to_dict(Language.ZH_HANS)["request"]["description"]
    translation, shortened = request_description_translation(decision, Language.EN)
    assert len(zh) <= 200 and shortened
    assert "P" + "1" * 30 in translation
    page = cp.case_page(
        decision.to_dict(Language.EN),
        language=Language.EN,
        has_deadline=True,
        request_translation=translation,
        request_shortened=shortened,
    )
    assert page.primary_text.shortened and page.primary_text.english == translation


def test_a_short_request_reads_the_same_either_way():
    decision = assess(CANCEL, today=TODAY)
    for language in (Language.EN, Language.ZH_HANS):
        whole, shortened = request_description_translation(decision, language)
        assert whole == decision.to_dict(language)["request"]["description"]
        assert not shortened


def test_the_page_shows_the_whole_translation_when_given():
    body = outcome(NO_REASON, Language.EN)
    page = cp.case_page(body, language=Language.EN, has_deadline=True, request_translation="X")
    assert page.primary_text.english == "X" and not page.primary_text.shortened
    assert page.primary_text.zh == body["request"]["description_zh"]


@pytest.mark.parametrize("template", ["wizard/case.html", "wizard/_copy_text.html"])
def test_every_string_of_the_result_page_has_its_chinese(template):
    import re
    from pathlib import Path

    from django.conf import settings

    source = (Path(settings.BASE_DIR) / "templates" / template).read_text()
    msgids = re.findall(r'\{% translate "([^"]+)"', source)
    msgids += re.findall(r"\{% translate '([^']+)'", source)
    msgids += [
        re.sub(r"\{\{ (\w+) \}\}", r"%(\1)s", m)
        for m in re.findall(r"\{% blocktranslate[^%]*%\}(.*?)\{% endblocktranslate %\}", source)
    ]
    assert msgids
    with translation.override("zh-hans"):
        missing = [m for m in msgids if translation.gettext(m) == m]
    assert missing == []


def test_the_appeal_is_folded_under_when_to_use_it():
    with translation.override("zh-hans"):
        appeal = plan(QUALITY).more_texts[-1]
        assert appeal.id == "copy-appeal"
        assert str(appeal.summary) == "如果商家拒绝：申请平台介入"
        seller = plan(QUALITY).more_texts[0]
        assert seller.summary == seller.label
