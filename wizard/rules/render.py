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
    LegalCode,
    OrderStatus,
    Procedure,
    Reason,
    SellerResponse,
    ShippingPayer,
    WhyNot,
)
from .texts import (
    DOOR_PACKAGE_STATES,
    ENGLISH,
    ITEM_STATES,
    LEGAL,
    PHRASES,
    SELLER_FAULT_ISSUES,
    STEPS,
    WARNINGS,
    Pair,
    Phrase,
    cite,
    format_amount,
    format_date,
    format_money,
    label,
    pick,
)

if TYPE_CHECKING:
    from .facts import Decision

# The platform's refund form takes at most 200 characters (api.md).
DESCRIPTION_MAX_CHARS = 200
# Fewer of the consumer's words than this say nothing: the quote is left out instead.
MIN_QUOTED_CHARS = 10

# What happened with the seller: (told to the platform, told to the seller).
_CONTACT_SENTENCES: dict[SellerResponse, tuple[Phrase, Phrase]] = {
    SellerResponse.REFUSED: (Phrase.CONTACT_REFUSED, Phrase.CONTACT_REFUSED_TO_SELLER),
    SellerResponse.NO_RESPONSE: (Phrase.CONTACT_NO_REPLY, Phrase.CONTACT_NO_REPLY_TO_SELLER),
    SellerResponse.AGREED: (Phrase.CONTACT_AGREED, Phrase.CONTACT_AGREED_TO_SELLER),
}
_SHIPPING_SENTENCES: dict[ShippingPayer, Phrase] = {
    ShippingPayer.SELLER: Phrase.SHIPPING_SELLER,
    ShippingPayer.INSURANCE: Phrase.SHIPPING_INSURANCE,
    ShippingPayer.BUYER: Phrase.SHIPPING_BUYER,
}


class _Writer:
    """Picks zh-hans or English and puts the catalogue's sentences together for one decision.

    domain.md section 10: the request text and the messages go to the platform and the
    seller in the consumer's name, so each sentence here states only what the answers
    hold: the order fields, the consumer's own words, the evidence really attached.
    """

    def __init__(self, decision: Decision, language: Language) -> None:
        self.d = decision
        self.f = decision.facts
        self.lang = language
        self.side = 1 if language == ENGLISH else 0  # the half of a Pair, as `pick`
        self.zh = self.side == 0
        # Values the consumer typed, without stray spaces next to the full-width punctuation.
        self.order_number = self.f.order_number.strip()
        self.product_name = self.f.product_name.strip()
        self.merchant_name = self.f.merchant_name.strip()
        self.words = self.f.problem_description.strip()

    def t(self, key: Phrase, **values: str) -> str:
        # `phrase()` inlined, with the language's half of each pair chosen once.
        return PHRASES[key][self.side].format_map(values)

    def pair(self, pair: Pair) -> str:
        return pick(pair, self.lang)

    def join(self, parts: list[str]) -> str:
        parts = [p for p in parts if p]
        return "".join(parts) if self.zh else " ".join(parts)

    def list_items(self, items: list[str]) -> str:
        return "、".join(items) if self.zh else ", ".join(items)

    # -- shared values -------------------------------------------------------

    def money(self, amount: Decimal) -> str:
        return format_money(amount, self.lang)

    def window_days(self) -> int:
        """W of domain.md section 3: 7, or the longer window the listing promised."""
        d, f = self.d, self.f
        if d.window_last_day is None or f.received_on is None:
            return 7
        return (d.window_last_day - f.received_on).days

    @property
    def seller_fault_received(self) -> bool:
        return self.d.fault is Fault.SELLER and self.f.order_status is OrderStatus.RECEIVED

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
            return self.t(
                Phrase.WINDOW_EXPIRED,
                days=str(self.window_days()),
                last_day=format_date(d.window_last_day, self.lang),
            )
        return ""

    def deadline_name(self) -> Phrase:
        """What ends on D: the no-reason window, or a seller-fault claim's simplest route only."""
        if self.d.fault is not Fault.SELLER:
            return Phrase.DEADLINE_NAME
        if self.d.base_procedure is Procedure.RETURN_AND_REFUND:
            return Phrase.DEADLINE_NAME_DIRECT_RETURN
        return Phrase.DEADLINE_NAME_SIMPLE_ROUTE

    def context(self) -> dict[str, str]:
        d, f = self.d, self.f
        deadline = format_date(d.deadline, self.lang) if d.deadline else ""
        # For a seller-fault claim D ends the direct return, never the claim (section 10).
        direct = d.fault is Fault.SELLER
        deadline_clause = ""
        if d.deadline:
            clause = Phrase.DEADLINE_CLAUSE_DIRECT_RETURN if direct else Phrase.DEADLINE_CLAUSE
            deadline_clause = self.t(clause, deadline=deadline)
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
            "deadline_name": self.t(self.deadline_name()),
            "days_left": str(d.days_left) if d.days_left is not None else "",
            "window_last_day": format_date(d.window_last_day, self.lang)
            if d.window_last_day
            else "",
            "legal_last_day": format_date(d.legal_last_day, self.lang) if d.legal_last_day else "",
            "deadline_clause": deadline_clause,
            "compensation_clause": compensation_clause,
            "no_right_reason": self.no_right_reason(),
        }

    # -- the sentences ---------------------------------------------------------

    def id_parts(self, *, with_paid: bool = True) -> list[str]:
        f = self.f
        parts: list[str] = []
        if self.order_number:
            parts.append(self.t(Phrase.ID_ORDER_NUMBER, value=self.order_number))
        if self.product_name:
            parts.append(self.t(Phrase.ID_PRODUCT, value=self.product_name))
        if self.merchant_name:
            parts.append(self.t(Phrase.ID_MERCHANT, value=self.merchant_name))
        if with_paid and f.amount_paid is not None:
            parts.append(self.t(Phrase.ID_AMOUNT, value=self.money(f.amount_paid)))
        return parts

    def id_line(self, parts: list[str] | None = None) -> str:
        parts = self.id_parts() if parts is None else [p for p in parts if p]
        if not parts:
            return ""
        text = self.t(Phrase.ID_SEPARATOR).join(parts) + self.t(Phrase.ID_END)
        return text[0].upper() + text[1:]

    def status_sentence(self) -> str:
        f = self.f
        if f.order_status is OrderStatus.NOT_SHIPPED:
            return self.t(Phrase.STATUS_NOT_SHIPPED)
        if f.order_status is OrderStatus.IN_TRANSIT:
            if f.reason is Reason.NOT_RECEIVED:
                return self.t(Phrase.STATUS_NOT_ARRIVING)
            return self.t(Phrase.STATUS_IN_TRANSIT)
        if f.order_status is OrderStatus.OUT_FOR_DELIVERY:
            if self.d.base_procedure is Procedure.NEGOTIATE_WITH_SELLER:
                return self.t(Phrase.STATUS_AT_THE_DOOR)  # agree_before_sending: not refused
            if f.package_condition in BAD_PACKAGE:
                state = self.pair(DOOR_PACKAGE_STATES[f.package_condition])
                return self.t(Phrase.STATUS_REFUSED_BAD_PACKAGE, state=state)
            return self.t(Phrase.STATUS_REFUSED)
        assert f.received_on is not None  # assess() guarantees it
        if f.reason is Reason.NOT_RECEIVED:
            return self.t(Phrase.STATUS_MARKED_SIGNED, day=format_date(f.received_on, self.lang))
        return self.t(Phrase.STATUS_SIGNED, day=format_date(f.received_on, self.lang))

    def issue_sentence(self) -> str:
        """What is wrong, as the answers say it (never more: no "complete", no "intact")."""
        d, f = self.d, self.f
        reason_label = label(d.reason, self.lang)
        if d.fault is Fault.SELLER:
            if f.order_status is not OrderStatus.RECEIVED:
                return self.t(Phrase.ISSUE_REASON, reason=reason_label)
            if d.reason is Reason.NOT_RECEIVED:
                return ""  # the status sentence already says it never arrived
            return self.pair(SELLER_FAULT_ISSUES[d.reason])
        if f.order_status is not OrderStatus.RECEIVED:
            return self.t(Phrase.ISSUE_PERSONAL_BEFORE_DELIVERY, reason=reason_label)
        if not d.seven_day_eligible:
            ground = self.t(Phrase.ISSUE_GOODWILL_RETURN, reason=reason_label)
        elif f.promised_return_days is not None:
            ground = self.t(
                Phrase.ISSUE_PROMISED_RETURN, reason=reason_label, days=str(self.window_days())
            )
        else:
            ground = self.t(Phrase.ISSUE_SEVEN_DAY_RETURN, reason=reason_label)
        return self.join([ground, self.item_state()])

    def item_state(self) -> str:
        condition = self.f.item_condition
        if condition is None:
            return ""
        return self.t(Phrase.ITEM_STATE, state=self.pair(ITEM_STATES[condition]))

    def description_issue(self) -> str:
        """What adds to the lead's reason: the no-reason ground and the item's state."""
        d, f = self.d, self.f
        if d.fault is not Fault.BUYER or f.order_status is not OrderStatus.RECEIVED:
            return ""
        ground = ""
        if d.seven_day_eligible and f.promised_return_days is not None:
            ground = self.t(Phrase.DESCRIPTION_PROMISED_GROUND, days=str(self.window_days()))
        elif d.seven_day_eligible:
            ground = self.t(Phrase.DESCRIPTION_SEVEN_DAY_GROUND)
        return self.join([ground, self.item_state()])

    def problem_sentence(self, words: str | None = None) -> str:
        """The consumer's own words, quoted as given (shortened only in the request text)."""
        words = self.words if words is None else words
        return self.t(Phrase.PROBLEM_WORDS, words=words) if words else ""

    def seller_contact_sentence(self, *, to_seller: bool = False) -> str:
        """What happened with the seller so far, told to the platform or to the seller."""
        told = _CONTACT_SENTENCES.get(self.f.seller_response)
        if told is None:
            return ""
        return self.t(told[1] if to_seller else told[0])

    def evidence_sentence(self) -> str:
        """Only the files the consumer really attached: never what we merely asked for."""
        if not self.f.evidence_attached:
            return ""
        attached = [
            label(code, self.lang) for code in EvidenceCode if code in self.f.evidence_attached
        ]
        if not attached:
            return ""
        if not self.zh:
            attached = [item[0].lower() + item[1:] for item in attached]
        return self.t(Phrase.ATTACHED, items=self.list_items(attached))

    def missing_part_unpriced(self) -> bool:
        """A missing part without its amount: asked for without a figure (section 10)."""
        return self.d.reason is Reason.MISSING_ITEM and self.d.request_amount is None

    def amount_part(self, *, name_missing_part: bool = False) -> str:
        amount = self.d.request_amount
        if amount is None:
            if name_missing_part and self.missing_part_unpriced():
                return self.t(Phrase.AMOUNT_MISSING_PART)
            return ""
        return self.t(Phrase.AMOUNT, money=self.money(amount))

    def shipping_sentence(self) -> str:
        key = _SHIPPING_SENTENCES.get(self.d.return_shipping_paid_by)
        return self.t(key) if key is not None else ""

    def resolution(
        self, *, with_shipping: bool = True, with_amount: bool = True, with_reserve: bool = True
    ) -> str:
        d = self.d
        amt = self.amount_part() if with_amount else ""
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
            if d.reason is Reason.MISSING_ITEM:
                return self.t(Phrase.RESOLVE_MISSING, amount=amt)
            if self.f.amount_claimed is not None:
                return self.t(Phrase.RESOLVE_SPOILED_PART, amount=amt)
            return self.t(Phrase.RESOLVE_SPOILED, amount=amt)
        if base is Procedure.EXCHANGE_OR_REPAIR:
            return self.t(
                Phrase.RESOLVE_EXCHANGE,
                days=str(self.window_days()),
                reason=label(d.reason, self.lang),
            )
        if base is Procedure.NEGOTIATE_WITH_SELLER:
            if self.f.order_status is OrderStatus.RECEIVED:
                return self.t(Phrase.RESOLVE_GOODWILL_RETURN, amount=amt)
            return self.t(Phrase.RESOLVE_GOODWILL_TAKE_BACK, amount=amt)
        # return_and_refund
        if d.fault is Fault.SELLER:
            return self.join(
                [
                    self.t(Phrase.RESOLVE_SELLER_RETURN, amount=amt),
                    self.reserve_sentence() if with_reserve else "",
                ]
            )
        return self.join([self.t(Phrase.RESOLVE_RETURN, amount=amt), shipping])

    def reserve_sentence(self) -> str:
        """A fake: the refund does not include CRPL Art. 55's compensation, so reserve it."""
        d = self.d
        if d.reason is not Reason.COUNTERFEIT:
            return ""
        if d.base_procedure is not Procedure.RETURN_AND_REFUND:
            return ""
        return self.t(Phrase.RESOLVE_RESERVE_ART55, law=cite([LegalCode.CRPL_55], self.lang))

    def resolution_names_shipping(self) -> bool:
        base = self.d.base_procedure
        return base in (Procedure.INTERCEPT_OR_REFUSE, Procedure.REFUSE_DELIVERY) or (
            base is Procedure.RETURN_AND_REFUND and self.d.fault is Fault.BUYER
        )

    def facts_block(self, *, to_seller: bool = False) -> str:
        return self.join(
            [
                self.id_line(),
                self.status_sentence(),
                self.issue_sentence(),
                self.problem_sentence(),
                self.seller_contact_sentence(to_seller=to_seller),
            ]
        )

    # -- the request text ------------------------------------------------------

    def description(self, *, limit: int = DESCRIPTION_MAX_CHARS) -> str:
        """The refund form's text: at most `limit` (200) characters (domain.md section 10).

        In the order section 10 gives: the resolution asked and the reason; the key
        fact (the signing day, the consumer's own words); the amount; the evidence
        attached; the order and product. When it does not all fit, the least needed
        go first (thanks, the price paid, the merchant, the seller contact, the
        no-reason ground, the product, the order number, the evidence); then the
        consumer's words are shortened with an ellipsis to the room left (or left
        out below MIN_QUOTED_CHARS), then the signing day, the Art. 55 reservation
        and the amount go; a last-resort cut keeps the limit whatever the input.
        """
        d, f = self.d, self.f
        amount = ""
        if d.request_amount is not None:
            amount = self.t(Phrase.DESCRIPTION_AMOUNT, money=self.money(d.request_amount))
        order_number, product, merchant, paid = "", "", "", ""
        if self.order_number:
            order_number = self.t(Phrase.ID_ORDER_NUMBER, value=self.order_number)
        if self.product_name:
            product = self.t(Phrase.ID_PRODUCT, value=self.product_name)
        if self.merchant_name:
            merchant = self.t(Phrase.ID_MERCHANT, value=self.merchant_name)
        # The price paid only where the amount asked does not already say it.
        if f.amount_paid is not None and d.request_amount != f.amount_paid:
            paid = self.t(Phrase.ID_AMOUNT, value=self.money(f.amount_paid))
        parts = {
            "lead": self.join(
                [
                    self.t(Phrase.DESCRIPTION_REASON, reason=label(d.reason, self.lang)),
                    self.resolution(
                        with_shipping=self.resolution_names_shipping(),
                        with_amount=False,
                        with_reserve=False,
                    ),
                ]
            ),
            "reserve": self.reserve_sentence(),
            "status": self.status_sentence(),
            "issue": self.description_issue(),
            "words": self.problem_sentence(),
            "contact": self.seller_contact_sentence(),
            "amount": amount,
            "evidence": self.evidence_sentence(),
            "order_number": order_number,
            "product": product,
            "merchant": merchant,
            "paid": paid,
            "thanks": self.t(Phrase.THANKS),
        }

        def render() -> str:
            ids = [parts[key] for key in ("order_number", "product", "merchant", "paid")]
            return self.join(
                [
                    parts["lead"],
                    parts["reserve"],
                    parts["status"],
                    parts["issue"],
                    parts["words"],
                    parts["contact"],
                    parts["amount"],
                    parts["evidence"],
                    self.id_line(ids),
                    parts["thanks"],
                ]
            )

        drop_order = (
            "thanks",
            "paid",
            "merchant",
            "contact",
            "issue",
            "product",
            "order_number",
            "evidence",
        )
        for dropped in drop_order:
            text = render()
            if len(text) <= limit:
                return text
            parts[dropped] = ""
        text = render()
        if len(text) <= limit:
            return text
        ellipsis = self.t(Phrase.ELLIPSIS)

        def fit_words() -> None:
            """The consumer's words whole if they fit, else shortened with "…" to the room left."""
            if not self.words:
                return
            parts["words"] = self.problem_sentence()
            if len(render()) <= limit:
                return
            parts["words"] = ""
            room = limit - len(render())
            space = 0 if self.zh else 1
            keep = room - len(self.problem_sentence(ellipsis)) - space
            if keep >= MIN_QUOTED_CHARS:
                parts["words"] = self.problem_sentence(self.words[:keep].rstrip() + ellipsis)

        # Last resorts, least needed first; a cut at the very end keeps the limit whatever.
        for dropped in ("", "status", "reserve", "amount"):
            if dropped:
                parts[dropped] = ""
            fit_words()
            text = render()
            if len(text) <= limit:
                return text
        return text[: limit - len(ellipsis)] + ellipsis

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
        laws = cite(d.legal_basis, self.lang)
        type_label = label(d.refund_type, self.lang) if d.refund_type else ""
        amount = self.amount_part(name_missing_part=True)
        request = (
            self.t(Phrase.APPEAL_REQUEST_UNDER_LAW, laws=laws, type_label=type_label, amount=amount)
            if laws
            else self.t(Phrase.APPEAL_REQUEST, type_label=type_label, amount=amount)
        )
        # What happened with the seller only as the consumer told it: nothing when not asked.
        return self.join(
            [
                self.t(Phrase.APPEAL_OPENING),
                self.id_line(),
                self.status_sentence(),
                self.issue_sentence(),
                self.problem_sentence(),
                self.seller_contact_sentence(),
                self.evidence_sentence(),
                request,
            ]
        )

    def followup_message(self, shipped_on: date | None) -> str:
        """What went back (the return, the refused parcel) and what is still owed (section 8)."""
        d = self.d
        when = (
            self.t(Phrase.FOLLOWUP_SHIPPED_ON, day=format_date(shipped_on, self.lang))
            if shipped_on
            else ""
        )
        order = (
            self.t(Phrase.FOLLOWUP_ORDER, number=self.order_number)
            if self.order_number
            else self.t(Phrase.FOLLOWUP_THIS_ORDER)
        )
        base = d.base_procedure
        if base is Procedure.EXCHANGE_OR_REPAIR:
            key = Phrase.FOLLOWUP_EXCHANGE
        elif base is Procedure.REFUSE_DELIVERY:
            key = Phrase.FOLLOWUP_REFUSED
        elif base is Procedure.INTERCEPT_OR_REFUSE:
            key = Phrase.FOLLOWUP_INTERCEPTED
        elif d.fault is Fault.SELLER:
            key = Phrase.FOLLOWUP_SELLER_FAULT_RETURN
        else:
            key = Phrase.FOLLOWUP_RETURN
        text = self.t(key, shipped_on=when, order=order, amount=self.amount_part())
        return text[0].upper() + text[1:]


def _fill(template: str, context: dict[str, str]) -> str:
    return template.format_map(context)


def decision_to_dict(decision: Decision, language: Language) -> dict[str, Any]:
    """The api.md 200 body plus our extension keys (labels and messages)."""
    w = _Writer(decision, language)
    ctx = w.context()
    d = decision
    side = w.side  # the language's half of each (zh-hans, en) pair, as `pick`
    type_label = (
        label(d.refund_type, language)
        if d.refund_type is not None
        else label(Procedure.NEGOTIATE_WITH_SELLER, language)
    )
    request_amount = format_amount(d.request_amount) if d.request_amount is not None else None
    reason_label = label(d.reason, language)
    description = w.description()
    messages = _messages(w)
    if w.zh:
        # The Chinese texts are the ones just written: not written twice.
        description_zh, messages_zh = description, dict(messages)
    else:
        zh = _Writer(decision, Language.ZH_HANS)
        description_zh, messages_zh = zh.description(), _messages(zh)
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
                "title": STEPS[code][0][side],
                "detail": _fill(STEPS[code][1][side], ctx),
            }
            for code in d.steps
        ],
        "evidence": [
            {"code": str(code), "label": label(code, language), "required": required}
            for code, required in d.evidence
        ],
        "warnings": [
            {"code": str(code), "text": _fill(WARNINGS[code][side], ctx)} for code in d.warnings
        ],
        "legal_basis": [{"code": str(code), "text": LEGAL[code][side]} for code in d.legal_basis],
        "request": {
            "type_label": type_label,
            "reason_label": reason_label,
            "amount": request_amount,
            "description": description,
            "description_zh": description_zh,
        },
        "messages": messages,
        "messages_zh": messages_zh,
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
