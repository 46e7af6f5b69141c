"""What the result (case) page shows for one outcome: which sections apply, in which order.

The page's first screen answers four questions (what to do, by when, who pays,
what to paste); everything below it is shown only where it applies to this
outcome. Deciding that here, from the outcome dict the engine produced, keeps
the template a plain layout (domain.md §6, §8, §10; docs/rules.md "Result page").

The texts to paste are always the Chinese ones (domain.md §10): they go to a
Chinese platform and seller. On an English page each one carries its English
translation, to be shown beside it and never copied.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import segno
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from wizard.rules import Countdown, Fault, Language, Procedure, Reason, WhyNot

if TYPE_CHECKING:
    from wizard.models import Case

# Why a case has no deadline box, most specific first (domain.md §6 "deadline").
NO_DEADLINE_NEGOTIATE = _(
    "No deadline: there is no right to claim here, only what the seller agrees to. "
    "Ask soon: the platform's request button closes on the date shown on the order page."
)
NO_DEADLINE_NOT_RECEIVED = _(
    "No 7-day deadline: nothing reached you. Apply before the order's automatic "
    "confirmation countdown ends, and do not confirm receipt."
)
NO_DEADLINE_CANCEL = _(
    "No deadline date, but act now: once the order shows “shipped” (已发货), "
    "cancelling is no longer possible."
)
NO_DEADLINE_BEFORE_RECEIPT = _(
    "No deadline: the parcel has not reached you. "
    "Act now: the sooner it is stopped or refused, the simpler."
)
NO_DEADLINE_WINDOW_ENDED = _(
    "The 7-day direct return has ended. The seller is still answerable for the fault: "
    "there is no deadline for this request, but file it soon."
)
NO_DEADLINE_OTHER = _("No deadline applies to this outcome. File the request soon.")


@dataclass(frozen=True)
class CopyText:
    """One text to paste: the Chinese to copy, and the English to read on an English page."""

    id: str
    label: str | Promise
    zh: str
    english: str = ""
    # The heading of its folded section below the first screen.
    summary: str | Promise = ""
    # The Chinese was shortened to fit the platform's form; the English shows it all.
    shortened: bool = False


@dataclass(frozen=True)
class CasePage:
    next_step: Mapping[str, str] | None
    # "" when the deadline box is shown; else the one line that says why there is none.
    no_deadline_reason: str | Promise
    # The "7-day no-reason return: …" line: only where it explains a buyer's missing right.
    seven_day_note: bool
    # The request's type/reason/amount fields: only where a refund request is filed.
    request_fields: bool
    # The first screen's text (the refund request, or the message to the seller).
    primary_text: CopyText
    # Below the first screen: the other texts that apply, in the order they are used.
    more_texts: list[CopyText] = field(default_factory=list)
    steps: bool = False
    warnings: bool = False
    evidence: bool = False
    legal_basis: bool = False
    # A seller-fault claim's deadline ends the direct return only (domain.md §10).
    direct_return: bool = False


def no_deadline_reason(outcome: Mapping[str, Any]) -> str | Promise:
    """Why the outcome has no deadline, in one line (shown where the deadline box would be)."""
    procedure = outcome.get("procedure")
    why_not = (outcome.get("seven_day_return") or {}).get("why_not")
    if procedure == Procedure.NEGOTIATE_WITH_SELLER:
        return NO_DEADLINE_NEGOTIATE
    if outcome.get("reason") == Reason.NOT_RECEIVED:
        return NO_DEADLINE_NOT_RECEIVED
    if procedure == Procedure.CANCEL_ORDER:
        return NO_DEADLINE_CANCEL
    if why_not == WhyNot.NOT_RECEIVED_YET:
        return NO_DEADLINE_BEFORE_RECEIPT
    if why_not == WhyNot.WINDOW_EXPIRED:
        return NO_DEADLINE_WINDOW_ENDED
    return NO_DEADLINE_OTHER


def seven_day_note_applies(outcome: Mapping[str, Any]) -> bool:
    """The 7-day line explains why a buyer has no free return; it says nothing before receipt.

    Before receipt ("not received yet") and on a seller-fault claim, whose remedies do
    not depend on the no-reason window, the line would only confuse.
    """
    why_not = (outcome.get("seven_day_return") or {}).get("why_not")
    if not why_not or why_not == WhyNot.NOT_RECEIVED_YET:
        return False
    return outcome.get("fault") != Fault.SELLER


def _texts(
    outcome: Mapping[str, Any], language: Language, request_translation: str = ""
) -> dict[str, CopyText]:
    """Every text to paste that the outcome has, Chinese first, keyed by its role."""
    english = language is not Language.ZH_HANS
    request = outcome.get("request") or {}
    messages = outcome.get("messages") or {}
    messages_zh = outcome.get("messages_zh") or messages

    def text(
        id_: str,
        label: str | Promise,
        zh: str | None,
        shown: str | None,
        summary: str | Promise = "",
    ) -> CopyText:
        zh = zh or shown or ""
        translation = (shown or "") if english and shown != zh else ""
        return CopyText(id=id_, label=label, zh=zh, english=translation, summary=summary or label)

    found: dict[str, CopyText] = {}
    if outcome.get("refund_type"):
        description = request.get("description")
        found["request"] = text(
            "copy-request",
            _("Description"),
            request.get("description_zh") or description,
            request_translation or description,
        )
    if messages.get("seller") or messages_zh.get("seller"):
        found["seller"] = text(
            "copy-seller",
            _("Message to the seller"),
            messages_zh.get("seller"),
            messages.get("seller"),
        )
    if messages.get("appeal") or messages_zh.get("appeal"):
        found["appeal"] = text(
            "copy-appeal",
            _("Appeal to the platform"),
            messages_zh.get("appeal"),
            messages.get("appeal"),
            summary=_("If the seller refuses: ask the platform to step in"),
        )
    return found


def case_page(
    outcome: Mapping[str, Any],
    *,
    language: Language,
    has_deadline: bool,
    request_translation: str = "",
    request_shortened: bool = False,
) -> CasePage:
    """The result page's plan for this outcome (`has_deadline`: a countdown box is shown).

    `request_translation` is the whole request text in the page's language, not fitted
    to the platform's 200 characters (rules.request_description_translation), and
    `request_shortened` says the Chinese had to be; without it the page's own
    `request.description` stands in.
    """
    texts = _texts(outcome, language, request_translation)
    if request_shortened and "request" in texts and texts["request"].english:
        texts["request"] = replace(texts["request"], shortened=True)
    primary_role = "request" if "request" in texts else "seller"
    primary = texts.pop(primary_role, None) or CopyText(
        id="copy-seller", label=_("Message to the seller"), zh=""
    )
    steps = list(outcome.get("steps") or [])
    return CasePage(
        next_step=steps[0] if steps else None,
        no_deadline_reason="" if has_deadline else no_deadline_reason(outcome),
        seven_day_note=seven_day_note_applies(outcome),
        request_fields=primary_role == "request",
        primary_text=primary,
        more_texts=[texts[role] for role in ("seller", "appeal") if role in texts],
        steps=len(steps) > 1,
        warnings=bool(outcome.get("warnings")),
        evidence=bool(outcome.get("evidence")),
        legal_basis=bool(outcome.get("legal_basis")),
        direct_return=has_deadline and outcome.get("fault") == Fault.SELLER,
    )


def link_qr_svg(url: str, *, title: str) -> SafeString:
    """The case link as a QR code in inline SVG: drawn in the page, nothing fetched.

    The link is a secret, so it never goes to a QR service or into an image file;
    the page that carries it is private and not stored (views._private_page).
    Sized by CSS (no width/height), with a light quiet zone for dark screens.
    """
    code = segno.make(url, error="m")
    svg = code.svg_inline(
        scale=1,
        border=2,
        omitsize=True,
        title=title,
        svgclass="case-qr__code",
        lineclass=None,
        dark="#0b0c0c",
        light="#fff",
    )
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308 (segno escapes)


def reminder_offer_applies(case: Case, countdown: Countdown | None) -> bool:
    """Offer "e-mail me before the deadline" in the save-link box?

    Only where a reminder can still help: a deadline ahead, no address yet, the request
    not marked submitted and the e-mails not stopped by the consumer.
    """
    if countdown is None or countdown.passed:
        return False
    return not (case.email or case.submitted_at or case.emails_stopped_at)
