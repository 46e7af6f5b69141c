"""The questions' own input rules: amounts as people type them, dates, shortcuts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from wizard import forms as f


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("199", Decimal("199")),
        ("199.00", Decimal("199.00")),
        ("¥199", Decimal("199")),
        ("￥199", Decimal("199")),
        ("199元", Decimal("199")),
        ("１９９", Decimal("199")),
        ("  ¥ 199.5 ", Decimal("199.5")),
        ("1,299.50", Decimal("1299.50")),
        ("RMB 88", Decimal("88")),
        ("199块", Decimal("199")),
        ("９９．５０", Decimal("99.50")),
        ("199.", Decimal("199")),
    ],
)
def test_amounts_are_read_as_people_type_them(typed, amount):
    form = f.DetailsForm(data={"amount_paid": typed, "amount_claimed": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount_paid"] == amount


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-5", "大于0"),
        ("¥-5", "大于0"),
        ("0", "大于0"),
        ("199.999", "两位小数"),
        ("abc", "金额数字"),
        ("1e5", "金额数字"),
        ("12,34", "金额数字"),
        ("NaN", "金额数字"),
        ("¥", "金额数字"),
    ],
)
def test_bad_amounts_get_a_clear_message_in_the_users_language(typed, message):
    with translation.override("zh-hans"):
        form = f.DetailsForm(data={"amount_paid": typed})
        assert not form.is_valid()
        assert message in form.errors["amount_paid"][0]
    with translation.override("en"):
        form = f.DetailsForm(data={"amount_paid": typed})
        assert not form.is_valid()
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in form.errors["amount_paid"][0])


@pytest.mark.parametrize(
    "typed", ["2026-11-20", "2026/11/20", "2026.11.20", "2026年11月20日", "２０２６－１１－２０"]
)
def test_a_signing_day_is_read_in_the_usual_ways(typed, pinned_clock):
    form = f.ReceivedForm(data={"received_on": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["received_on"] == date(2026, 11, 20)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2026-02-30", "2026年2月只有28天"),
        ("2024-02-30", "2024年2月只有29天"),
        ("2026年4月31日", "2026年4月只有30天"),
    ],
)
def test_an_impossible_day_says_invalid_and_why(typed, message, pinned_clock):
    with translation.override("zh-hans"):
        form = f.ReceivedForm(data={"received_on": typed})
        assert not form.is_valid()
        assert form.errors["received_on"] == [f"日期无效：{message}，请检查日期。"]


def test_an_impossible_day_the_browser_blanked_says_invalid_not_enter_a_date(pinned_clock):
    with translation.override("zh-hans"):
        blanked = f.ReceivedForm(data={"received_on": "", "bad_input": "1"})
        assert not blanked.is_valid()
        assert blanked.errors["received_on"][0].startswith("日期无效")
        empty = f.ReceivedForm(data={"received_on": ""})
        assert not empty.is_valid()
        assert empty.errors["received_on"][0].startswith("请填写签收日期")


def test_the_day_field_has_a_max_of_today_in_china_and_three_shortcuts(pinned_clock):
    form = f.ReceivedForm()
    attrs = form.fields["received_on"].widget.attrs
    assert attrs["max"] == "2026-11-24"
    assert [day for day, _name in form.shortcuts] == [
        date(2026, 11, 24),
        date(2026, 11, 23),
        date(2026, 11, 22),
    ]
    with translation.override("zh-hans"):
        assert [str(name) for _day, name in form.shortcuts] == ["今天", "昨天", "前天"]


def test_a_shortcut_wins_over_what_the_date_field_held(pinned_clock):
    form = f.ReceivedForm(data={"received_on": "2026-11-01", "pick": "2026-11-23"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["received_on"] == date(2026, 11, 23)
    future = f.ReceivedForm(data={"pick": "2026-11-25"})
    assert not future.is_valid()


@pytest.mark.parametrize(("typed", "days"), [("15", 15), ("１５", 15), ("15天", 15), (" 30 ", 30)])
def test_a_promised_window_is_read_with_full_width_digits_or_天(typed, days):
    form = f.PromisedForm(data={"promised_return_days": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["promised_return_days"] == days


def test_the_status_question_offers_marked_signed_but_not_in_hand():
    with translation.override("zh-hans"):
        choices = dict(f.StatusForm().fields["order_status"].choices)
    assert choices["marked_signed"] == "显示已签收，但东西不在我手上"
    assert f.StatusForm(data={"order_status": "marked_signed"}).is_valid()


def test_haven_t_seen_the_parcel_is_not_offered_once_signed_for():
    from wizard.rules import OrderStatus

    signed = dict(
        f.PackageForm(order_status=OrderStatus.RECEIVED).fields["package_condition"].choices
    )
    assert "not_seen" not in signed
    door = dict(
        f.PackageForm(order_status=OrderStatus.OUT_FOR_DELIVERY).fields["package_condition"].choices
    )
    assert "not_seen" in door
