"""Tombstones of deleted cases: a link to a deleted case answers 410 Gone, an unknown one 404.

The case itself is gone (wizard.services.case_delete); what stays is a keyed
hash (HMAC-SHA256 under SECRET_KEY) of its token and of its e-mail link id.
Only someone holding the link can compute the hash, and the hash cannot be
turned back into the link. The secrets themselves are never stored or logged.
"""

from __future__ import annotations

import uuid

from django.utils.crypto import salted_hmac

from wizard.models import Case, DeletedCase

_SALT = "wizard.tombstones."


def _digest(value: str, *, purpose: str) -> str:
    return salted_hmac(_SALT + purpose, value, algorithm="sha256").hexdigest()


def _token_digest(token: str) -> str:
    return _digest(token, purpose="case-token")


def _link_digest(link_id: uuid.UUID | str) -> str:
    return _digest(uuid.UUID(str(link_id)).hex, purpose="link-id")


def case_tombstone_record(*, case: Case) -> None:
    """Remember that this case existed (call in the transaction that deletes it)."""
    DeletedCase.objects.get_or_create(
        token_hash=_token_digest(case.token), defaults={"link_hash": _link_digest(case.link_id)}
    )


def case_token_was_deleted(*, token: str) -> bool:
    """Did a case with this link exist and get deleted?"""
    return DeletedCase.objects.filter(token_hash=_token_digest(token)).exists()


def case_link_was_deleted(*, link_id: uuid.UUID | str) -> bool:
    """Did the case an e-mail's signed link names exist and get deleted?"""
    return DeletedCase.objects.filter(link_hash=_link_digest(link_id)).exists()
