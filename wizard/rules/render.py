"""Turn a Decision into the api.md response and the ready-to-paste texts.

Kept apart from `engine` so deciding never depends on wording, and apart from
`texts` so the catalogue stays a plain table of strings.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .codes import (
    BAD_PACKAGE,
    EXCLUDED_CATEGORIES,
    Fault,
    ItemCategory,
    ItemCondition,
    Language,
    OrderStatus,
    PackageCondition,
    Procedure,
    Reason,
    SellerResponse,
    ShippingPayer,
    WhyNot,
)
from .texts import (
    LEGAL,
    STEPS,
    WARNINGS,
    Pair,
    format_amount,
    format_date,
    format_money,
    label,
    pick,
)

if TYPE_CHECKING:
    from .facts import Decision


class _Writer:
    """Picks zh-hans or English and fills placeholders for one decision."""

    def __init__(self, decision: Decision, language: Language) -> None:
        self.d = decision
        self.f = decision.facts
        self.lang = language

    def t(self, zh: str, en: str) -> str:
        return pick((zh, en), self.lang)

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
            return self.t(
                "你下单时确认过这件商品不支持七天无理由退货",
                "You confirmed at purchase that this item has no 7-day return",
            )
        if f.item_category in EXCLUDED_CATEGORIES:
            cat = label(f.item_category, self.lang)
            return self.t(f"这件商品属于“{cat}”", f"This item is “{cat}”")
        if d.why_not is WhyNot.NOT_INTACT:
            return self.t(
                "商品已经使用过（或剪了吊牌、弄脏了），不再完好",
                "The item has been used (or its tags cut, or soiled), so it is no longer intact",
            )
        if d.why_not is WhyNot.WINDOW_EXPIRED and d.window_last_day is not None:
            last = format_date(d.window_last_day, self.lang)
            return self.t(
                f"已经超过签收后7天（最后一天是{last}）",
                f"More than 7 days have passed since you signed for it (the last day was {last})",
            )
        return ""

    def context(self) -> dict[str, str]:
        d, f = self.d, self.f
        deadline = format_date(d.deadline, self.lang) if d.deadline else ""
        deadline_clause = ""
        if d.deadline:
            deadline_clause = self.t(
                f"最晚在{deadline}（含当天）提交。", f" File it by {deadline} at the latest."
            )
        compensation_clause = ""
        if d.compensation is not None and f.amount_paid is not None:
            comp = self.money(d.compensation)
            paid = self.money(f.amount_paid)
            compensation_clause = self.t(
                f"按你实付的{paid}计算，赔偿为{comp}。",
                f" On the {paid} you paid, that is {comp}.",
            )
        return {
            "reason_label": label(d.reason, self.lang),
            "payer_label": label(d.return_shipping_paid_by, self.lang),
            "deadline": deadline,
            "days_left": str(d.days_left) if d.days_left is not None else "",
            "deadline_clause": deadline_clause,
            "compensation_clause": compensation_clause,
            "no_right_reason": self.no_right_reason(),
        }

    # -- the request text ------------------------------------------------------

    def id_line(self) -> str:
        f = self.f
        parts: list[str] = []
        if f.order_number:
            parts.append(self.t(f"订单号：{f.order_number}", f"Order number: {f.order_number}"))
        if f.product_name:
            parts.append(self.t(f"商品：{f.product_name}", f"product: {f.product_name}"))
        if f.merchant_name:
            parts.append(self.t(f"商家：{f.merchant_name}", f"seller: {f.merchant_name}"))
        if f.amount_paid is not None:
            money = self.money(f.amount_paid)
            parts.append(self.t(f"实付金额：{money}", f"amount paid: {money}"))
        if not parts:
            return ""
        text = "；".join(parts) + "。" if self.zh else "; ".join(parts) + "."
        return text[0].upper() + text[1:]

    def status_sentence(self) -> str:
        f = self.f
        if f.order_status is OrderStatus.NOT_SHIPPED:
            return self.t("订单目前尚未发货。", "The order has not been shipped yet.")
        if f.order_status is OrderStatus.IN_TRANSIT:
            return self.t(
                "订单已发货，包裹还在运输途中，我没有签收。",
                "The order has been shipped and is still in transit; I have not signed for it.",
            )
        if f.order_status is OrderStatus.OUT_FOR_DELIVERY:
            if f.package_condition in BAD_PACKAGE:
                state: dict[PackageCondition, tuple[str, str]] = {
                    PackageCondition.DAMAGED: ("破损变形", "was torn or crushed"),
                    PackageCondition.WET: ("有明显湿渍", "was visibly wet"),
                    PackageCondition.TAMPERED: (
                        "有被拆开、二次封装的痕迹",
                        "showed signs of being opened and re-sealed",
                    ),
                }
                zh_s, en_s = state[f.package_condition]
                return self.t(
                    f"包裹派送时外包装{zh_s}，我已和快递员一起拍照留证并当面拒收，没有签收。",
                    f"At delivery the parcel {en_s}; I photographed it with the courier and "
                    "refused it without signing.",
                )
            return self.t(
                "包裹派送时我已当面拒收，没有签收。",
                "I refused the parcel at delivery and did not sign for it.",
            )
        assert f.received_on is not None  # assess() guarantees it
        day = format_date(f.received_on, self.lang)
        return self.t(f"我于{day}签收了这笔订单。", f"I signed for the order on {day}.")

    def issue_sentence(self) -> str:
        d, f = self.d, self.f
        reason_label = label(d.reason, self.lang)
        if d.fault is Fault.SELLER:
            if f.order_status is not OrderStatus.RECEIVED:
                return self.t(f"原因：{reason_label}。", f"Reason: {reason_label}.")
            issues: dict[Reason, Pair] = {
                Reason.PACKAGE_DAMAGED: (
                    "包裹在运输途中破损，商品受损。",
                    "The parcel was damaged in transit and the item with it.",
                ),
                Reason.QUALITY_ISSUE: (
                    "收到后发现商品存在质量问题。",
                    "On opening it I found a quality defect.",
                ),
                Reason.NOT_AS_DESCRIBED: (
                    "收到的商品与商品详情页的描述不符。",
                    "The item does not match the description on the product page.",
                ),
                Reason.WRONG_ITEM: (
                    "商家发错了货，收到的商品与我订购的不一致。",
                    "The seller sent the wrong item: it is not what I ordered.",
                ),
                Reason.MISSING_ITEM: (
                    "包裹里的商品少件/漏发。",
                    "Part of the order is missing from the parcel.",
                ),
                Reason.COUNTERFEIT: (
                    "收到的商品疑似假冒商品。",
                    "The item I received appears to be counterfeit.",
                ),
            }
            return pick(issues[d.reason], self.lang)
        if f.order_status is not OrderStatus.RECEIVED:
            return self.t(
                f"因个人原因（{reason_label}）申请退款。",
                f"I am asking for a refund for a personal reason ({reason_label}).",
            )
        condition: dict[ItemCondition | None, Pair] = {
            ItemCondition.UNOPENED: ("未拆封", "is still sealed"),
            ItemCondition.OPENED_INTACT: (
                "仅拆开检查过，未使用",
                "was only opened to check, not used",
            ),
            ItemCondition.USED: ("已使用", "has been used"),
            None: ("完好", "is intact"),
        }
        state = pick(condition[f.item_condition], self.lang)
        if d.seven_day_eligible:
            return self.t(
                f"因{reason_label}，申请七天无理由退货。商品{state}，吊牌、配件、赠品齐全，不影响二次销售。",
                f"I am returning it under the 7-day no-reason rule ({reason_label}). The item "
                f"{state}, with tags, accessories and gifts complete, and can be resold.",
            )
        return self.t(
            f"因{reason_label}，希望退货。商品{state}。",
            f"I would like to return it ({reason_label}). The item {state}.",
        )

    def seller_contact_sentence(self, *, to_seller: bool = False) -> str:
        """What happened with the seller so far, told to the platform or to the seller."""
        response = self.f.seller_response
        if response is SellerResponse.REFUSED:
            if to_seller:
                return self.t(
                    "之前已和您沟通过，但没有得到处理。",
                    "We discussed this before, but it has not been resolved.",
                )
            return self.t(
                "此前我已联系商家，商家拒绝处理。", "I contacted the seller, who refused."
            )
        if response is SellerResponse.NO_RESPONSE:
            if to_seller:
                return self.t(
                    "之前给您发过消息，一直没有收到回复。",
                    "I wrote to you before and have had no reply.",
                )
            return self.t(
                "此前我已联系商家，商家一直没有回复。",
                "I contacted the seller, who has not replied.",
            )
        if response is SellerResponse.AGREED:
            if to_seller:
                return self.t("按我们之前的约定：", "As we agreed:")
            return self.t("已与商家协商一致。", "The seller has agreed to this.")
        return ""

    def evidence_sentence(self) -> str:
        required = [label(code, self.lang) for code, req in self.d.evidence if req]
        if not required:
            return ""
        if not self.zh:
            required = [item[0].lower() + item[1:] for item in required]
        items = self.list_items(required)
        return self.t(f"已附上：{items}。", f"Attached: {items}.")

    def amount_part(self) -> str:
        amount = self.f.amount_paid
        if amount is None:
            return ""
        money = self.money(amount)
        return self.t(f"（{money}）", f" of {money}")

    def shipping_sentence(self) -> str:
        payer = self.d.return_shipping_paid_by
        if payer is ShippingPayer.SELLER:
            return self.t("退回运费应由商家承担。", "Return shipping is the seller's to pay.")
        if payer is ShippingPayer.INSURANCE:
            return self.t("退回运费由运费险承担。", "Return shipping is covered by the insurance.")
        if payer is ShippingPayer.BUYER:
            return self.t("退回运费由我承担。", "I will pay the return shipping.")
        return ""

    def resolution(self) -> str:
        d, amt = self.d, self.amount_part()
        base = d.base_procedure
        if base is Procedure.CANCEL_ORDER:
            return self.t(
                f"请同意取消订单，并原路退还货款{amt}。",
                f"Please cancel the order and refund the payment{amt} to my original method.",
            )
        if base is Procedure.INTERCEPT_OR_REFUSE:
            return self.join(
                [
                    self.t(
                        f"请拦截退回包裹，并为我办理仅退款{amt}；拦截不成功我将拒收。",
                        f"Please have the parcel intercepted and refund me{amt}; if it cannot be "
                        "stopped I will refuse it.",
                    ),
                    self.shipping_sentence(),
                ]
            )
        if base is Procedure.REFUSE_DELIVERY:
            return self.join(
                [
                    self.t(
                        f"请在包裹退回后为我办理仅退款{amt}，原路退回。",
                        f"Please refund me{amt} once the parcel is back with you.",
                    ),
                    self.shipping_sentence(),
                ]
            )
        if base is Procedure.REFUND_ONLY:
            return self.t(
                "请为漏发部分办理退款，或尽快补发漏发的商品。",
                "Please refund the missing part or send it without delay.",
            )
        if base is Procedure.EXCHANGE_OR_REPAIR:
            return self.t(
                "虽已过签收后7天，但质量问题依法应由商家负责，请为我换货或维修，来回运费由商家承担。",
                "Although 7 days have passed since delivery, the seller remains responsible for "
                "the defect: please exchange or repair it, with shipping both ways at the "
                "seller's cost.",
            )
        if base is Procedure.NEGOTIATE_WITH_SELLER:
            if self.f.order_status is OrderStatus.RECEIVED:
                return self.t(
                    f"恳请商家通融，同意退货退款{amt}，退回运费由我承担。",
                    f"I would be grateful if you could accept a return and refund{amt}; I will "
                    "pay the return shipping.",
                )
            return self.t(
                f"恳请商家通融，同意拦截退回并退款{amt}，相关运费由我承担。",
                f"I would be grateful if you could take the parcel back and refund me{amt}; I "
                "will pay the shipping.",
            )
        # return_and_refund
        if d.fault is Fault.SELLER:
            text = self.t(
                f"请同意退货退款，退还全部货款{amt}，来回运费由商家承担。",
                f"Please accept the return and refund the full price{amt}; shipping both ways "
                "is the seller's to pay.",
            )
            if d.reason is Reason.COUNTERFEIT:
                text += self.t(
                    "同时，我保留依据《消费者权益保护法》第五十五条要求三倍赔偿（不足500元按500元）的权利。",
                    " I reserve my right under Art. 55 of the Consumer Rights Protection Law to "
                    "three times the price in compensation (at least 500 yuan).",
                )
            return text
        return self.join(
            [
                self.t(f"请同意退货退款{amt}。", f"Please accept the return and refund me{amt}."),
                self.shipping_sentence(),
            ]
        )

    def facts_block(self, *, to_seller: bool = False) -> str:
        return self.join(
            [
                self.id_line(),
                self.status_sentence(),
                self.issue_sentence(),
                self.seller_contact_sentence(to_seller=to_seller),
            ]
        )

    def description(self) -> str:
        return self.join(
            [
                self.facts_block(),
                self.evidence_sentence(),
                self.resolution(),
                self.t("谢谢！", "Thank you."),
            ]
        )

    # -- the three messages ----------------------------------------------------

    def seller_message(self) -> str:
        closing = ""
        if self.d.escalated or self.d.reason is Reason.COUNTERFEIT:
            closing = self.t(
                "如果仍不处理，我将申请小红书平台介入。",
                "If this is not resolved, I will ask Xiaohongshu to step in.",
            )
        return self.join(
            [
                self.t("您好！", "Hello."),
                self.facts_block(to_seller=True),
                self.evidence_sentence(),
                self.resolution(),
                closing,
                self.t("谢谢！", "Thank you."),
            ]
        )

    def appeal_message(self) -> str | None:
        d = self.d
        if not d.appeal_applies:
            return None
        contact = (
            self.seller_contact_sentence()
            if d.escalated
            else self.t(
                "我已联系商家，但商家拒绝处理或一直没有回复。",
                "I contacted the seller, who refused or did not reply.",
            )
        )
        names = [label(code, self.lang) for code in d.legal_basis]
        laws = "、".join(names) if self.zh else "; ".join(names)
        ground = self.t(f"依据{laws}，", f"Under {laws}: ") if laws else ""
        type_label = label(d.refund_type, self.lang) if d.refund_type else ""
        amt = self.amount_part()
        return self.join(
            [
                self.t(
                    "小红书官方客服您好：我申请平台介入。",
                    "Dear Xiaohongshu customer service, I am asking for platform intervention.",
                ),
                self.join([self.id_line(), self.status_sentence(), self.issue_sentence()]),
                contact,
                self.evidence_sentence(),
                ground
                + self.t(
                    f"请平台支持我的“{type_label}”申请{amt}。谢谢！",
                    f"{'please' if ground else 'Please'} support my “{type_label}” "
                    f"request{amt}. Thank you.",
                ),
            ]
        )

    def followup_message(self, shipped_on: date | None) -> str:
        f = self.f
        when = (
            self.t(
                f"于{format_date(shipped_on, self.lang)}",
                f" on {format_date(shipped_on, self.lang)}",
            )
            if shipped_on
            else ""
        )
        order = (
            self.t(f"订单{f.order_number}", f"order {f.order_number}")
            if f.order_number
            else self.t("这笔订单", "this order")
        )
        amt = self.amount_part()
        return self.t(
            f"您好！我已{when}按要求寄回{order}的商品，退货单号已填写在售后页面。"
            "根据《网络购买商品七日无理由退货暂行办法》第十三条，商家应自收到退回商品之日起7日内退款；"
            "超过15日仍不处理或不退款，属于该办法第三十一条规定的违规行为。"
            f"请尽快为我退款{amt}，否则我将申请小红书平台介入，并向12315投诉。谢谢！",
            f"Hello, I sent back the goods of {order}{when} as agreed; the tracking number is on "
            "the after-sales page. Under Art. 13 of the 7-Day Return Measures the seller must "
            "refund within 7 days of receiving the return, and more than 15 days without "
            "handling or refunding is a violation under Art. 31. Please refund me"
            f"{amt} without delay, or I will ask Xiaohongshu to step in and complain to 12315. "
            "Thank you.",
        )


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
    return {
        "procedure": str(d.procedure),
        "procedure_label": label(d.procedure, language),
        "refund_type": str(d.refund_type) if d.refund_type is not None else None,
        "fault": str(d.fault),
        "fault_label": label(d.fault, language),
        "reason": str(d.reason),
        "refund_reason_label": reason_label,
        "return_shipping_paid_by": str(d.return_shipping_paid_by),
        "return_shipping_label": w.t("退回运费：", "Return shipping: ")
        + label(d.return_shipping_paid_by, language),
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
        },
        "messages": {
            "seller": w.seller_message(),
            "appeal": w.appeal_message(),
            "followup": w.followup_message(None),
        },
    }


def followup_message(
    decision: Decision, language: Language = Language.ZH_HANS, *, shipped_on: date | None = None
) -> str:
    """The "I shipped the return on day S and no refund yet" text (measures Arts. 13, 31)."""
    return _Writer(decision, Language(language)).followup_message(shipped_on)


def request_description(decision: Decision, language: Language = Language.ZH_HANS) -> str:
    """The text to paste into the platform's refund form."""
    return _Writer(decision, Language(language)).description()
