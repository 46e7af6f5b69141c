"""Validators shared by the wizard's forms."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# RFC 5321 §4.5.3.1: a local part of at most 64 octets, a domain of at most 255;
# with the path's brackets, an address of at most 254 (RFC 3696 erratum 1690).
MAX_LOCAL_PART = 64
MAX_DOMAIN = 255
MAX_ADDRESS = 254


def validate_email_lengths(value: str) -> None:
    """Refuse an address no mail server has to accept: Django checks only its shape."""
    local, _at, domain = value.rpartition("@")
    too_long = (
        len(value.encode()) > MAX_ADDRESS
        or len(local.encode()) > MAX_LOCAL_PART
        or len(domain.encode()) > MAX_DOMAIN
    )
    if too_long:
        raise ValidationError(
            _(
                "This e-mail address is too long: at most 64 characters before the @ "
                "and 254 in all."
            ),
            code="max_length",
        )
