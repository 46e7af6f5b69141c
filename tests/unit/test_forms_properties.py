"""Any input to any wizard form validates to True or False with messages, never raises."""

from __future__ import annotations

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from wizard import forms as f

STEP_FORMS = [
    f.StatusForm,
    f.PackageForm,
    f.ReasonForm,
    f.ReceivedForm,
    f.CategoryForm,
    f.InsuranceForm,
    f.SellerForm,
    f.DetailsForm,
    f.EmailForm,
]

any_text = st.text(max_size=150) | st.sampled_from(
    ["", " ", "NaN", "1e400", "-0", "0.001", "9999-12-31", "0001-01-01", "2026-02-30", "\x00"]
)


@pytest.mark.parametrize("form_class", STEP_FORMS, ids=lambda c: c.__name__)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_any_posted_strings_give_valid_or_errors_never_an_exception(form_class, data):
    values = {name: data.draw(any_text, label=name) for name in form_class.base_fields}
    with translation.override(data.draw(st.sampled_from(["zh-hans", "en"]))):
        form = form_class(data=values)
        if not form.is_valid():
            assert form.errors
            assert all(str(m) for messages in form.errors.values() for m in messages)


@pytest.mark.parametrize(
    ("amount", "valid"),
    [
        ("199", True),
        ("199.00", True),
        ("0.01", True),
        ("0", False),
        ("-3", False),
        ("1.005", False),
        ("abc", False),
        ("Infinity", False),
    ],
)
def test_amount_must_be_positive_with_at_most_two_decimals(amount, valid):
    assert f.DetailsForm(data={"amount_paid": amount}).is_valid() is valid


def test_choice_labels_come_from_the_rules_engine_in_the_ui_language():
    with translation.override("en"):
        labels = dict(f.StatusForm().fields["order_status"].choices)
    assert labels["received"] == "Signed for, in my hands"
    with translation.override("zh-hans"):
        labels = dict(f.StatusForm().fields["order_status"].choices)
    assert labels["received"] == "已签收"
