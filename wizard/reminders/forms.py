from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from wizard.clock import china_today
from wizard.validators import validate_email_lengths

# A return shipped longer ago than this is a typo, not a refund still to chase.
SHIPPED_MAX_DAYS_AGO = 90


class ReturnShippedForm(forms.Form):
    shipped_on = forms.DateField(
        label=_("Day the return parcel was shipped"),
        help_text=_("For example 2026-11-24"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Enter the day you shipped the return parcel."),
            "invalid": _("Enter a real date, for example 2026-11-24."),
        },
    )

    def clean_shipped_on(self):
        day = self.cleaned_data["shipped_on"]
        today = china_today()
        if day > today:
            raise forms.ValidationError(
                _("The shipping day cannot be in the future."), code="future"
            )
        if day < today - timedelta(days=SHIPPED_MAX_DAYS_AGO):
            raise forms.ValidationError(
                _("The shipping day must be within the last %(days)d days.")
                % {"days": SHIPPED_MAX_DAYS_AGO},
                code="too_old",
            )
        return day


class CaseReminderEmailForm(forms.Form):
    """The case page's offer of deadline reminders for a case saved without an address."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        validators=[validate_email_lengths],
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter an e-mail address like name@example.com"),
            "invalid": _("Enter an e-mail address like name@example.com"),
        },
    )
