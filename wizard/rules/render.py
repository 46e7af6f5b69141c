"""Turn a Decision into the api.md response and the ready-to-paste texts.

Kept apart from `engine` so deciding never depends on wording, and apart from
`texts` so the catalogue stays a plain table of strings: every word shown comes
from `texts` (labels, steps, warnings, `Phrase`s); this module only picks the
sentences that apply and joins them (a test keeps inline text out of it).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .codes import (
    BAD_PACKAGE,
    EXCLUDED_CATEGORIES,
    EvidenceCode,
    Fault,
    ItemCategory,
    Language,
    OrderStatus,
    Procedure,
    Reason,
    SellerResponse,
    ShippingPayer,
    WhyNot,
)
from .texts import (
    DOOR_PACKAGE_STATES,
    ITEM_STATES,
    LEGAL,
    SELLER_FAULT_ISSUES,
    STEPS,
    WARNINGS,
    Pair,
    Phrase,
    format_amount,
    format_date,
    format_money,
    label,
    phrase,
    pick,
)

if TYPE_CHECKING:
    from .facts import Decision

# The platform's refund form takes at most 200 characters (api.md).
DESCRIPTION_MAX_CHARS = 200


class _Writer:
    """Picks zh-hans or English and puts the catalogue's sentences together for one decision."""

    def __init__(self, decision: Decision, language: Language) -> None:
        self.d = decision
        self.f = decision.facts
        self.lang = language

    def t(self, key: Phrase, **values: str) -> str:
        return phrase(key, self.lang, **values)

    def pair(self, pair: Pair) -> str:
        return pick(pair, self.lang)

    @property
    def zh(self) -> bool:
        return self.lang is Language.ZH_HANS

    def join(self, parts: list[str]) -> str:
        parts = [p for p in parts if p]
        return "".join(parts) if self.zh else " ".join(parts)

    def list_items(self, items: list[str]) -> str:
        return "、".join(items) if self.zh else ", ".join(items)

    # -- shared values -------------------------------------------------------

    def money(self, amount: Decimal) -> str:
        return format_money(amount, self.lang)

    def no_right_reason(self) -> str:
        """Why the no-reason right does not carry this request, in one clause."""
        f, d = self.f, self.d
        if f.item_category is ItemCategory.CONFIRMED_NON_RETURNABLE:
            return self.t(Phrase.CONFIRMED_NON_RETURNABLE)
        if f.item_category in EXCLUDED_CATEGORIES:
            return self.t(Phrase.EXCLUDED_CATEGORY, category=label(f.item_category, self.lang))
        if d.why_not is WhyNot.NOT_INTACT:
            return self.t(Phrase.NOT_INTACT)
        if d.why_not is WhyNot.WINDOW_EXPIRED and d.window_last_day is not None:
            return self.t(Phrase.WINDOW_EXPIRED, last_day=format_date(d.window_last_day, self.lang))
        return ""

    def context(self) -> dict[str, str]:
        d, f = self.d, self.f
        deadline = format_date(d.deadline, self.lang) if d.deadline else ""
        deadline_clause = self.t(Phrase.DEADLINE_CLAUSE, deadline=deadline) if d.deadline else ""
        compensation_clause = ""
        if d.compensation is not None and f.amount_paid is not None:
            compensation_clause = self.t(
                Phrase.COMPENSATION_CLAUSE,
                paid=self.money(f.amount_paid),
                compensation=self.money(d.compensation),
            )
        return {
            "reason_label": label(d.reason, self.lang),
            "payer_label": label(d.return_shipping_paid_by, self.lang),
            "deadline": deadline,
            "days_left": str(d.days_left) if d.days_left is not None else "",
            "window_last_day": format_date(d.window_last_day, self.lang)
            if d.window_last_day
            else "",
            "legal_last_day": format_date(d.legal_last_day, self.lang) if d.legal_last_day else "",
            "deadline_clause": deadline_clause,
            "compensation_clause": compensation_clause,
            "no_right_reason": self.no_right_reason(),
        }

    # -- the request text ------------------------------------------------------

    def id_line(self) -> str:
        f = self.f
        parts: list[str] = []
        if f.order_number:
            parts.append(self.t(Phrase.ID_ORDER_NUMBER, value=f.order_number))
        if f.product_name:
            parts.append(self.t(Phrase.ID_PRODUCT, value=f.product_name))
        if f.merchant_name:
            parts.append(self.t(Phrase.ID_MERCHANT, value=f.merchant_name))
        if f.amount_paid is not None:
            parts.append(self.t(Phrase.ID_AMOUNT, value=self.money(f.amount_paid)))
        if not parts:
            return ""
        text = "；".join(parts) + "。" if self.zh else "; ".join(parts) + "."
        return text[0].upper() + text[1:]

    def status_sentence(self) -> str:
        f = self.f
        if f.order_status is OrderStatus.NOT_SHIPPED:
            return self.t(Phrase.STATUS_NOT_SHIPPED)
        if f.order_status is OrderStatus.IN_TRANSIT:
            return self.t(Phrase.STATUS_IN_TRANSIT)
        if f.order_status is OrderStatus.OUT_FOR_DELIVERY:
            if f.package_condition in BAD_PACKAGE:
                state = self.pair(DOOR_PACKAGE_STATES[f.package_condition])
                return self.t(Phrase.STATUS_REFUSED_BAD_PACKAGE, state=state)
            return self.t(Phrase.STATUS_REFUSED)
        assert f.received_on is not None  # assess() guarantees it
        if f.reason is Reason.NOT_RECEIVED:
            return self.t(Phrase.STATUS_MARKED_SIGNED, day=format_date(f.received_on, self.lang))
        return self.t(Phrase.STATUS_SIGNED, day=format_date(f.received_on, self.lang))

    def issue_sentence(self) -> str:
        d, f = self.d, self.f
        reason_label = label(d.reason, self.lang)
        if d.fault is Fault.SELLER:
            if f.order_status is not OrderStatus.RECEIVED:
                return self.t(Phrase.ISSUE_REASON, reason=reason_label)
            return self.pair(SELLER_FAULT_ISSUES[d.reason])
        if f.order_status is not OrderStatus.RECEIVED:
            return self.t(Phrase.ISSUE_PERSONAL_BEFORE_DELIVERY, reason=reason_label)
        state = self.pair(ITEM_STATES[f.item_condition])
        if d.seven_day_eligible:
            return self.t(Phrase.ISSUE_SEVEN_DAY_RETURN, reason=reason_label, state=state)
        return self.t(Phrase.ISSUE_GOODWILL_RETURN, reason=reason_label, state=state)

    def seller_contact_sentence(self, *, to_seller: bool = False) -> str:
        """What happened with the seller so far, told to the platform or to the seller."""
        sentences = {
            SellerResponse.REFUSED: (Phrase.CONTACT_REFUSED, Phrase.CONTACT_REFUSED_TO_SELLER),
            SellerResponse.NO_RESPONSE: (
                Phrase.CONTACT_NO_REPLY,
                Phrase.CONTACT_NO_REPLY_TO_SELLER,
            ),
            SellerResponse.AGREED: (Phrase.CONTACT_AGREED, Phrase.CONTACT_AGREED_TO_SELLER),
        }
        told = sentences.get(self.f.seller_response)
        if told is None:
            return ""
        return self.t(told[1] if to_seller else told[0])

    def evidence_sentence(self) -> str:
        """Only the files the consumer really attached: never what we merely asked for."""
        attached = [
            label(code, self.lang) for code in EvidenceCode if code in self.f.evidence_attached
        ]
        if not attached:
            return ""
        if not self.zh:
            attached = [item[0].lower() + item[1:] for item in attached]
        return self.t(Phrase.ATTACHED, items=self.list_items(attached))

    def amount_part(self) -> str:
        amount = self.d.request_amount
        if amount is None:
            return ""
        return self.t(Phrase.AMOUNT, money=self.money(amount))

    def shipping_sentence(self) -> str:
        sentences = {
            ShippingPayer.SELLER: Phrase.SHIPPING_SELLER,
            ShippingPayer.INSURANCE: Phrase.SHIPPING_INSURANCE,
            ShippingPayer.BUYER: Phrase.SHIPPING_BUYER,
        }
        key = sentences.get(self.d.return_shipping_paid_by)
        return self.t(key) if key is not None else ""

    def resolution_names_shipping(self) -> bool:
        base = self.d.base_procedure
        return base in (Procedure.INTERCEPT_OR_REFUSE, Procedure.REFUSE_DELIVERY) or (
            base is Procedure.RETURN_AND_REFUND and self.d.fault is Fault.BUYER
        )

    def resolution(self, *, with_shipping: bool = True) -> str:
        d, amt = self.d, self.amount_part()
        shipping = self.shipping_sentence() if with_shipping else ""
        base = d.base_procedure
        if base is Procedure.CANCEL_ORDER:
            return self.t(Phrase.RESOLVE_CANCEL, amount=amt)
        if base is Procedure.INTERCEPT_OR_REFUSE:
            return self.join([self.t(Phrase.RESOLVE_INTERCEPT, amount=amt), shipping])
        if base is Procedure.REFUSE_DELIVERY:
            return self.join([self.t(Phrase.RESOLVE_REFUSED, amount=amt), shipping])
        if base is Procedure.REFUND_ONLY:
            if d.reason is Reason.NOT_RECEIVED:
                return self.t(Phrase.RESOLVE_NOT_RECEIVED, amount=amt)
            if d.reason is not Reason.MISSING_ITEM:
                return self.t(Phrase.RESOLVE_SPOILED, amount=amt)
            return self.t(Phrase.RESOLVE_MISSING)
        if base is Procedure.EXCHANGE_OR_REPAIR:
            return self.t(Phrase.RESOLVE_EXCHANGE)
        if base is Procedure.NEGOTIATE_WITH_SELLER:
            if self.f.order_status is OrderStatus.RECEIVED:
                return self.t(Phrase.RESOLVE_GOODWILL_RETURN, amount=amt)
            return self.t(Phrase.RESOLVE_GOODWILL_TAKE_BACK, amount=amt)
        # return_and_refund
        if d.fault is Fault.SELLER:
            text = self.t(Phrase.RESOLVE_SELLER_RETURN, amount=amt)
            if d.reason is Reason.COUNTERFEIT:
                text += self.t(Phrase.RESOLVE_RESERVE_ART55)
            return text
        return self.join([self.t(Phrase.RESOLVE_RETURN, amount=amt), shipping])

    def facts_block(self, *, to_seller: bool = False) -> str:
        return self.join(
            [
                self.id_line(),
                self.status_sentence(),
                self.issue_sentence(),
                self.seller_contact_sentence(to_seller=to_seller),
            ]
        )

    def description(self, *, limit: int = DESCRIPTION_MAX_CHARS) -> str:
        """The refund form's text: at most `limit` (200) characters (api.md).

        Sentences are kept in reading order; when they do not all fit, the
        least needed go first (thanks, seller contact, the signing day, the
        evidence, what is wrong, the id line), and as a last resort the text is
        cut with an ellipsis.
        """
        parts = {
            "id": self.id_line(),
            "status": self.status_sentence(),
            "issue": self.issue_sentence(),
            "contact": self.seller_contact_sentence(),
            "evidence": self.evidence_sentence(),
            "resolution": self.resolution(with_shipping=False),
            "shipping": self.shipping_sentence() if self.resolution_names_shipping() else "",
            "thanks": self.t(Phrase.THANKS),
        }
        for dropped in ("thanks", "contact", "status", "shipping", "evidence", "issue", "id"):
            text = self.join(list(parts.values()))
            if len(text) <= limit:
                return text
            parts[dropped] = ""
        text = self.join(list(parts.values()))
        if len(text) <= limit:
            return text
        return text[: limit - 1] + "…"

    # -- the three messages ----------------------------------------------------

    def seller_message(self) -> str:
        closing = ""
        if self.d.escalated or self.d.reason is Reason.COUNTERFEIT:
            closing = self.t(Phrase.SELLER_ESCALATION_NOTICE)
        return self.join(
            [
                self.t(Phrase.GREETING),
                self.facts_block(to_seller=True),
                self.evidence_sentence(),
                self.resolution(),
                closing,
                self.t(Phrase.THANKS),
            ]
        )

    def appeal_message(self) -> str | None:
        d = self.d
        if not d.appeal_applies:
            return None
        contact = self.seller_contact_sentence() if d.escalated else self.t(Phrase.APPEAL_CONTACT)
        names = [label(code, self.lang) for code in d.legal_basis]
        laws = "、".join(names) if self.zh else "; ".join(names)
        type_label = label(d.refund_type, self.lang) if d.refund_type else ""
        request = (
            self.t(
                Phrase.APPEAL_REQUEST_UNDER_LAW,
                laws=laws,
                type_label=type_label,
                amount=self.amount_part(),
            )
            if laws
            else self.t(Phrase.APPEAL_REQUEST, type_label=type_label, amount=self.amount_part())
        )
        return self.join(
            [
                self.t(Phrase.APPEAL_OPENING),
                self.join([self.id_line(), self.status_sentence(), self.issue_sentence()]),
                contact,
                self.evidence_sentence(),
                request,
            ]
        )

    def followup_message(self, shipped_on: date | None) -> str:
        f = self.f
        when = (
            self.t(Phrase.FOLLOWUP_SHIPPED_ON, day=format_date(shipped_on, self.lang))
            if shipped_on
            else ""
        )
        order = (
            self.t(Phrase.FOLLOWUP_ORDER, number=f.order_number)
            if f.order_number
            else self.t(Phrase.FOLLOWUP_THIS_ORDER)
        )
        return self.t(Phrase.FOLLOWUP, shipped_on=when, order=order, amount=self.amount_part())


def _fill(template: str, context: dict[str, str]) -> str:
    return template.format_map(context)


def decision_to_dict(decision: Decision, language: Language) -> dict[str, Any]:
    """The api.md 200 body plus our extension keys (labels and messages)."""
    w = _Writer(decision, language)
    ctx = w.context()
    d = decision
    type_label = (
        label(d.refund_type, language)
        if d.refund_type is not None
        else label(Procedure.NEGOTIATE_WITH_SELLER, language)
    )
    request_amount = format_amount(d.request_amount) if d.request_amount is not None else None
    reason_label = label(d.reason, language)
    zh = w if language is Language.ZH_HANS else _Writer(decision, Language.ZH_HANS)
    return {
        "procedure": str(d.procedure),
        "procedure_label": label(d.procedure, language),
        "refund_type": str(d.refund_type) if d.refund_type is not None else None,
        "fault": str(d.fault),
        "fault_label": label(d.fault, language),
        "reason": str(d.reason),
        "refund_reason_label": reason_label,
        "return_shipping_paid_by": str(d.return_shipping_paid_by),
        "return_shipping_label": w.t(
            Phrase.RETURN_SHIPPING_LABEL, payer=label(d.return_shipping_paid_by, language)
        ),
        "deadline": d.deadline.isoformat() if d.deadline is not None else None,
        "days_left": d.days_left,
        "seven_day_return": {
            "eligible": d.seven_day_eligible,
            "why_not": str(d.why_not) if d.why_not is not None else None,
        },
        "why_not_label": label(d.why_not, language) if d.why_not is not None else None,
        "escalated": d.escalated,
        "steps": [
            {
                "code": str(code),
                "title": pick(STEPS[code][0], language),
                "detail": _fill(pick(STEPS[code][1], language), ctx),
            }
            for code in d.steps
        ],
        "evidence": [
            {"code": str(code), "label": label(code, language), "required": required}
            for code, required in d.evidence
        ],
        "warnings": [
            {"code": str(code), "text": _fill(pick(WARNINGS[code], language), ctx)}
            for code in d.warnings
        ],
        "legal_basis": [
            {"code": str(code), "text": pick(LEGAL[code], language)} for code in d.legal_basis
        ],
        "request": {
            "type_label": type_label,
            "reason_label": reason_label,
            "amount": request_amount,
            "description": w.description(),
            "description_zh": zh.description(),
        },
        "messages": _messages(w),
        "messages_zh": _messages(zh),
    }


def _messages(w: _Writer) -> dict[str, str | None]:
    """The texts to send; `followup` is present only where a parcel goes back (api.md, §8)."""
    messages = {"seller": w.seller_message(), "appeal": w.appeal_message()}
    if w.d.followup_applies:
        messages["followup"] = w.followup_message(None)
    return messages


def followup_message(
    decision: Decision, language: Language = Language.ZH_HANS, *, shipped_on: date | None = None
) -> str:
    """The "I shipped the return on day S and no refund yet" text (measures Arts. 13, 31)."""
    return _Writer(decision, Language(language)).followup_message(shipped_on)


def request_description(decision: Decision, language: Language = Language.ZH_HANS) -> str:
    """The text to paste into the platform's refund form."""
    return _Writer(decision, Language(language)).description()


def request_description_translation(decision: Decision, language: Language) -> tuple[str, bool]:
    """The request text in `language` for reading beside the Chinese one, and whether the
    Chinese was shortened to fit the platform's 200 characters.

    The English `description` is fitted to 200 characters on its own and, English being
    longer, may leave out sentences the Chinese keeps: it is no translation. This one is
    never fitted (it is read, not pasted); where the Chinese itself had to leave something
    out, the flag lets the page say so (domain.md section 10).
    """
    unfitted = 10**6
    whole_zh = _Writer(decision, Language.ZH_HANS).description(limit=unfitted)
    whole = _Writer(decision, Language(language)).description(limit=unfitted)
    return whole, len(whole_zh) > DESCRIPTION_MAX_CHARS
