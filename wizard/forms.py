"""The wizard's questions: one form per page, in plain words.

Choice labels and hints come from the rules engine (`label`/`describe`) so the
wizard, the API and the e-mails use the same words. The forms only validate
input; deciding is the engine's job (`assess`).
"""

from __future__ import annotations

import re
import unicodedata
from calendar import monthrange
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wizard.clock import china_today
from wizard.flow import (
    MARKED_SIGNED,
    Insurance,
    item_in_hand,
    packages_for,
    reasons_for,
    ui_language,
)
from wizard.rules import (
    ItemCategory,
    ItemCondition,
    Language,
    OrderStatus,
    PackageCondition,
    Reason,
    SellerResponse,
    describe,
    label,
)
from wizard.validators import validate_email_lengths

TEXT_MAX_LENGTH = 100
PROBLEM_MAX_LENGTH = 200
PROMISED_DAYS_MIN = 8
PROMISED_DAYS_MAX = 365
OLDEST_RECEIVED_ON = timedelta(days=366)


class EnumChoiceField(forms.ChoiceField):
    """Radio buttons over an enum; labels and hints from the rules engine, in the UI language."""

    widget = forms.RadioSelect

    def __init__(self, enum: type[StrEnum], *, members: list[StrEnum] | None = None, **kwargs):
        self.enum = enum
        self.members = members or list(enum)
        super().__init__(choices=(), **kwargs)

    def localize_choices(self, language: Language) -> None:
        self.choices, self.hints = _localized_choices(self.enum, tuple(self.members), language)

    def limit_to(self, members: tuple[StrEnum, ...], language: Language) -> None:
        """Offer only `members` (in the enum's order), e.g. the reasons of one stage."""
        self.members = [m for m in self.enum if m in members]
        self.localize_choices(language)


# The engine's labels and hints are fixed tables, so each (enum, members, language)
# is built once per process instead of once per form instance: forms are built
# several times per request (conditions, earlier steps re-validated).
_LOCALIZED: dict[tuple[Any, ...], tuple[list[tuple[str, str]], dict[str, str]]] = {}


def _localized_choices(
    enum: type[StrEnum], members: tuple[StrEnum, ...], language: Language
) -> tuple[list[tuple[str, str]], dict[str, str]]:
    key = (enum, members, language)
    cached = _LOCALIZED.get(key)
    if cached is None:
        cached = (
            [(m.value, label(m, language)) for m in members],
            {m.value: describe(m, language) or "" for m in members},
        )
        _LOCALIZED[key] = cached
    return cached


class WizardStepForm(forms.Form):
    """Base of every step: a question (`title`), an optional hint, localized choices."""

    title: Any = ""
    hint: Any = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = ui_language()
        for field in self.fields.values():
            if isinstance(field, EnumChoiceField):
                field.localize_choices(language)

    def answer_rows(self) -> list[tuple[str, str]]:
        """(question, answer) pairs of a valid form, for "check your answers"."""
        rows = []
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if isinstance(field, forms.ChoiceField):
                shown = dict(cast("list[tuple[Any, Any]]", field.choices)).get(value, "")
            elif isinstance(value, date):
                shown = value.isoformat()
            elif isinstance(value, Decimal):
                shown = f"{value:.2f}"
            else:
                shown = str(value or "")
            rows.append((str(field.label), shown))
        return rows


class StatusForm(WizardStepForm):
    title = _("Where is your order now?")
    hint = _("Check the order page in the Xiaohongshu app.")
    order_status = EnumChoiceField(
        OrderStatus,
        label=_("Order status"),
        error_messages={"required": _("Select where your order is now")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The wizard's fifth answer (wizard.flow.MARKED_SIGNED): signed on paper only.
        field = self.fields["order_status"]
        assert isinstance(field, EnumChoiceField)
        field.choices = [
            *cast("list[tuple[str, str]]", field.choices),
            (MARKED_SIGNED, str(_("The tracking says signed, but I don't have it"))),
        ]
        field.hints = {
            **field.hints,
            MARKED_SIGNED: str(
                _(
                    "Signed by someone else, left in a locker or station without your "
                    "consent, or simply not there"
                )
            ),
        }


class PackageForm(WizardStepForm):
    title = _("What does the parcel look like from the outside?")
    hint = _("Look at the box before you sign for it or open it.")
    package_condition = EnumChoiceField(
        PackageCondition,
        label=_("Outer packaging"),
        error_messages={"required": _("Select what the parcel looks like")},
    )

    def __init__(self, *args: Any, order_status: OrderStatus | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["package_condition"]
        assert isinstance(field, EnumChoiceField)
        field.limit_to(packages_for(order_status), ui_language())
        if order_status is OrderStatus.RECEIVED:
            self.title = _("What did the parcel look like when it arrived?")
            self.hint = _("If you did not look closely, choose “Box looks fine”.")


class ReasonForm(WizardStepForm):
    title = _("Why do you want your money back?")
    hint = _("Choose the main reason. It decides who pays the return shipping.")
    reason = EnumChoiceField(
        Reason,
        label=_("Reason"),
        error_messages={"required": _("Select the reason")},
    )

    def __init__(self, *args: Any, order_status: OrderStatus | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # Only the reasons this stage can know (wizard.flow.REASONS_BY_STATUS).
        field = self.fields["reason"]
        assert isinstance(field, EnumChoiceField)
        field.limit_to(reasons_for(order_status), ui_language())


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


# Typed dates are read after NFKC (full-width digits), in these forms.
DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d"]
_DATE_PARTS = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def impossible_date(value: str) -> tuple[int, int, int] | None:
    """(year, month, days in that month) when `value` names a day the month lacks."""
    match = _DATE_PARTS.match(unicodedata.normalize("NFKC", value or ""))
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    if not (1 <= year <= 9999 and 1 <= month <= 12):
        return None
    days = monthrange(year, month)[1]
    return (year, month, days) if day < 1 or day > days else None


class DayField(forms.DateField):
    """A day typed as 2026-11-20, 2026/11/20, 2026年11月20日 or in full-width digits."""

    def to_python(self, value: Any) -> date | None:
        if isinstance(value, str):
            value = unicodedata.normalize("NFKC", value).strip()
            match = _DATE_PARTS.match(value)
            if match:
                value = "-".join(match.groups())
        return super().to_python(value)


# Shortcuts under the signing day: (days before today, label).
DAY_SHORTCUTS = (
    (0, pgettext_lazy("day shortcut", "Today")),
    (1, pgettext_lazy("day shortcut", "Yesterday")),
    (2, pgettext_lazy("day shortcut", "The day before yesterday")),
)


class ReceivedForm(WizardStepForm):
    """The signing day, typed or picked with 今天/昨天/前天 (plain submit buttons, no JS)."""

    title = _("When did you sign for it?")
    hint = _("The 7-day period starts the day after signing (China time).")
    received_on = DayField(
        label=_("Date you signed for it"),
        help_text=_("For example 2026-11-20. Check “signed” in the tracking details."),
        widget=DateInput(),
        input_formats=DATE_FORMATS,
        error_messages={
            "required": _(
                "Enter the date you signed for the parcel. If you typed one, check that "
                "the day exists (February has no 30th)"
            ),
            "invalid": _("Enter a real date, for example 2026-11-20"),
        },
    )

    # The name of the posted shortcut (a button's value: an ISO day) and of the
    # flag the page's script sets when the browser holds a date it cannot read.
    PICK = "pick"
    BAD_INPUT = "bad_input"

    def __init__(self, *args: Any, reason: str | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        today = china_today()
        self.fields["received_on"].widget.attrs.update(
            {"max": today.isoformat(), "min": (today - OLDEST_RECEIVED_ON).isoformat()}
        )
        self.shortcuts = [(today - timedelta(days=back), name) for back, name in DAY_SHORTCUTS]
        if self.is_bound:
            picked = self.data.get(self.add_prefix(self.PICK))
            if picked:
                # The button pressed wins over what the date field held.
                data = cast("Any", self.data).copy()
                data[self.add_prefix("received_on")] = picked
                self.data = data
        if not item_in_hand(reason):
            self.title = _("When does the tracking say it was signed for?")
            self.hint = _("Enter the day the order page shows “已签收”, even if you never got it.")

    def clean_received_on(self) -> date:
        received_on = self.cleaned_data["received_on"]
        today = china_today()
        if received_on > today:
            raise forms.ValidationError(
                _("The date you signed cannot be in the future"), code="future"
            )
        if received_on < today - OLDEST_RECEIVED_ON:
            raise forms.ValidationError(
                _(
                    "That is more than a year ago: check the year. "
                    "Refund rules for orders that old cannot be worked out here."
                ),
                code="too_old",
            )
        return received_on

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        errors = self.errors.get("received_on")
        if not errors:
            return data
        raw = str(self.data.get(self.add_prefix("received_on")) or "")
        impossible = impossible_date(raw)
        if impossible is not None:
            year, month, days = impossible
            message = _(
                "Invalid date: %(year)d-%(month)02d has only %(days)d days. Check the day."
            ) % {"year": year, "month": month, "days": days}
        elif not raw.strip() and self.data.get(self.add_prefix(self.BAD_INPUT)):
            message = str(
                _("Invalid date: that day does not exist. Check the year, month and day.")
            )
        else:
            return data
        self.errors["received_on"] = self.error_class([message])
        return data


class ConditionForm(WizardStepForm):
    title = _("What state is the item in?")
    hint = _("Opening the box only to check it does not count as used.")
    item_condition = EnumChoiceField(
        ItemCondition,
        label=_("Item condition"),
        error_messages={"required": _("Select the condition of the item")},
    )


class DaysField(forms.IntegerField):
    """A number of days typed as 15, １５ or 15天."""

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            value = unicodedata.normalize("NFKC", value).strip().removesuffix("天").strip()
        return super().to_python(value)


class PromisedForm(WizardStepForm):
    title = _("Did the listing promise a longer no-reason return? (optional)")
    hint = _(
        "If the product page or the order says, for example, “15天无理由退货”, enter 15. "
        "Leave blank for the usual 7 days."
    )
    promised_return_days = DaysField(
        label=_("Days of no-reason return promised"),
        required=False,
        min_value=PROMISED_DAYS_MIN,
        max_value=PROMISED_DAYS_MAX,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "invalid": _("Enter a whole number of days, for example 15"),
            "min_value": _("Enter 8 days or more: 7 days is the legal minimum anyway"),
            "max_value": _("Enter at most 365 days"),
        },
    )


# Around an amount people type: the currency sign, the unit, spaces, and
# thousands separators (1,299). NFKC makes ￥ into ¥ and full-width digits ASCII.
_AMOUNT_AFFIXES = re.compile(r"^(?:¥|rmb|cny)?(.*?)(?:元|块钱|块|rmb|cny)?$", re.IGNORECASE)
_AMOUNT = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?$")


class AmountField(forms.DecimalField):
    """Yuan as people type them: 199, 199.00, ¥199, ￥199, 199元, １９９, "¥ 1,299.50".

    Negative amounts, more than 2 decimals and anything else get a clear message.
    """

    default_error_messages = {
        "invalid": _("Enter the amount as a number, for example 199 or 199.00"),
        "negative": _("Enter an amount greater than 0"),
        "max_decimal_places": _("Enter at most 2 decimals (fen), for example 199.50"),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 10)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
        )
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return super().to_python(value)
        text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value)))
        if text.startswith(("-", "−")) or text.startswith(("¥-", "¥−")):
            raise forms.ValidationError(self.error_messages["negative"], code="min")
        match = _AMOUNT_AFFIXES.match(text)
        number = match.group(1) if match else ""
        if not _AMOUNT.match(number):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            amount = Decimal(number.replace(",", ""))
        except InvalidOperation:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        return amount


class CategoryForm(WizardStepForm):
    title = _("What kind of item is it?")
    hint = _(
        "Some goods are excluded from the 7-day no-reason return by law. "
        "If none of these fits, choose the first option."
    )
    item_category = EnumChoiceField(
        ItemCategory,
        label=_("Kind of item"),
        error_messages={"required": _("Select the kind of item")},
    )


class InsuranceForm(WizardStepForm):
    title = _("Does the order have return shipping insurance (运费险)?")
    hint = _("The order page shows “运费险” or “退货包运费” when it has.")
    shipping_insurance = forms.ChoiceField(
        label=_("Return shipping insurance"),
        widget=forms.RadioSelect,
        choices=[
            (Insurance.YES, _("Yes")),
            (Insurance.NO, _("No")),
            (Insurance.UNKNOWN, _("I don't know")),
        ],
        error_messages={"required": _("Select whether the order has shipping insurance")},
    )


class SellerForm(WizardStepForm):
    title = _("Have you already asked the seller?")
    hint = _("If the seller refused or did not answer, the platform can step in.")
    seller_response = EnumChoiceField(
        SellerResponse,
        label=_("Seller's answer"),
        error_messages={"required": _("Select whether you have asked the seller")},
    )


class DetailsForm(WizardStepForm):
    title = _("Order details (optional)")
    hint = _("They make the ready-made texts complete. Leave blank what you don't have to hand.")
    order_number = forms.CharField(
        label=_("Order number"), max_length=TEXT_MAX_LENGTH, required=False
    )
    merchant_name = forms.CharField(
        label=_("Shop name"), max_length=TEXT_MAX_LENGTH, required=False
    )
    product_name = forms.CharField(label=_("Product"), max_length=TEXT_MAX_LENGTH, required=False)
    amount_paid = AmountField(label=_("Amount paid (yuan)"), required=False)
    amount_claimed = AmountField(
        label=_("Amount you claim, if only a part (yuan)"),
        help_text=_("For example the missing or spoiled part. Leave blank to claim what you paid."),
        required=False,
    )
    problem_description = forms.CharField(
        label=_("The problem in your own words"),
        help_text=_("At most 200 characters, for example “袖口开线，拉链拉不上”."),
        max_length=PROBLEM_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_amount_paid(self) -> Decimal | None:
        amount = self.cleaned_data.get("amount_paid")
        if amount is not None and amount <= 0:
            raise forms.ValidationError(_("Enter an amount greater than 0"), code="min")
        return amount

    def clean_amount_claimed(self) -> Decimal | None:
        amount = self.cleaned_data.get("amount_claimed")
        if amount is not None and amount <= 0:
            raise forms.ValidationError(_("Enter an amount greater than 0"), code="min")
        return amount

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        paid, claimed = data.get("amount_paid"), data.get("amount_claimed")
        if paid is not None and claimed is not None and claimed > paid:
            self.add_error(
                "amount_claimed",
                forms.ValidationError(
                    _("The amount you claim cannot be more than the amount you paid"),
                    code="above_paid",
                ),
            )
        return data


class EmailForm(WizardStepForm):
    title = _("Do you want a reminder before the deadline? (optional)")
    hint = _("We send an e-mail before the last day to file. Leave blank for no reminders.")
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        max_length=254,
        validators=[validate_email_lengths],
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"invalid": _("Enter an e-mail address like name@example.com")},
    )


class ConfirmForm(WizardStepForm):
    title = _("Check your answers")


def case_answer_rows(answers: dict[str, Any], language: Language) -> list[tuple[str, str]]:
    """(question, answer) pairs of a saved case's answers, in `language`."""
    from django.utils.translation import gettext as _g

    enums: list[tuple[str, type[StrEnum], Any]] = [
        ("order_status", OrderStatus, _("Order status")),
        ("package_condition", PackageCondition, _("Outer packaging")),
        ("reason", Reason, _("Reason")),
        ("item_condition", ItemCondition, _("Item condition")),
        ("item_category", ItemCategory, _("Kind of item")),
        ("seller_response", SellerResponse, _("Seller's answer")),
    ]
    rows: list[tuple[str, str]] = []
    for key, enum, question in enums:
        value = answers.get(key)
        if not value or (key == "package_condition" and value == PackageCondition.NOT_SEEN):
            continue
        try:
            shown = label(enum(value), language)
        except ValueError:  # a code no longer known: show it as stored
            shown = str(value)
        rows.append((str(question), shown))
    if answers.get("received_on"):
        rows.insert(3, (str(_("Date you signed for it")), answers["received_on"]))
    insurance = answers.get("shipping_insurance")
    if insurance is not None:
        rows.append((str(_("Return shipping insurance")), _g("Yes") if insurance else _g("No")))
    if answers.get("promised_return_days"):
        rows.append(
            (
                str(_("Did the listing promise a longer no-reason return? (optional)")),
                str(answers["promised_return_days"]),
            )
        )
    for key, question in (
        ("order_number", _("Order number")),
        ("merchant_name", _("Shop name")),
        ("product_name", _("Product")),
        ("amount_paid", _("Amount paid (yuan)")),
        ("amount_claimed", _("Amount you claim, if only a part (yuan)")),
        ("problem_description", _("The problem in your own words")),
    ):
        if answers.get(key):
            rows.append((str(question), str(answers[key])))
    return rows
