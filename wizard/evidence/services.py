"""Evidence writes. (Filled by the evidence feature: uploads, checks, storage.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wizard.models import Case


def evidence_claim_drafts(*, case: Case, flow_id: str) -> int:
    """Move the wizard run's temporary uploads onto the saved case; returns how many."""
    return 0


def evidence_delete_for_case(*, case: Case) -> None:
    """Remove every stored file of the case (rows go with the case's cascade)."""
