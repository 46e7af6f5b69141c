"""Every user-facing text of the rules engine, zh-hans first, then English.

One catalogue keyed by the enums of `codes`, so the wizard, the API and the
e-mails show the same words. Texts may hold `{placeholders}`; `render` fills
them from one context, and the tests check none is left over.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from .codes import (
    EvidenceCode,
    Fault,
    ItemCategory,
    ItemCondition,
    Language,
    LegalCode,
    OrderStatus,
    PackageCondition,
    Procedure,
    Reason,
    RefundType,
    SellerResponse,
    ShippingPayer,
    StepCode,
    WarningCode,
    WhyNot,
)

Pair = tuple[str, str]
"""(zh-hans, en)."""


# Compared with on every text picked. Bound once: on Python 3.11 an Enum member read off
# its class goes through EnumType.__getattr__'s slot, about 0.2 us each (3.12 dropped it).
ENGLISH = Language.EN


def pick(pair: Pair, language: Language | str) -> str:
    # Language is a StrEnum: "en" and Language.EN compare equal, no conversion needed.
    return pair[1] if language == ENGLISH else pair[0]


# --- labels: short enough for a phone screen ---------------------------------

LABELS: dict[type[StrEnum], dict[Any, Pair]] = {
    OrderStatus: {
        OrderStatus.NOT_SHIPPED: ("待发货（还没发货）", "Not shipped yet"),
        OrderStatus.IN_TRANSIT: ("已发货，运输中", "Shipped, on the way"),
        OrderStatus.OUT_FOR_DELIVERY: (
            "派送中（快递到门口或在快递柜，还没签收）",
            "Out for delivery (at the door or in a locker, not signed)",
        ),
        OrderStatus.RECEIVED: ("已签收", "Signed for, in my hands"),
    },
    Reason: {
        # Reason labels are the platform's 退款原因 (domain.md table 2).
        Reason.CHANGED_MIND: ("不想要了", "Don't want it any more"),
        Reason.ORDERED_WRONG: ("拍错/拍多/买错规格", "Ordered by mistake / wrong size or quantity"),
        Reason.FOUND_CHEAPER: ("找到更划算的", "Found a better deal"),
        Reason.SLOW_SHIPPING: ("发货太慢", "Shipping too slow"),
        Reason.SIZE_UNSUITABLE: ("尺码不合适", "Size doesn't fit"),
        Reason.STYLE_UNLIKED: ("颜色/款式不喜欢", "Don't like the colour or style"),
        Reason.PACKAGE_DAMAGED: ("包裹破损/运输损坏", "Parcel damaged in transit"),
        Reason.QUALITY_ISSUE: ("质量问题", "Quality problem"),
        Reason.NOT_AS_DESCRIBED: ("与描述不符", "Not as described"),
        Reason.WRONG_ITEM: ("发错货", "Wrong item sent"),
        Reason.MISSING_ITEM: ("少件/漏发", "Item(s) missing"),
        Reason.COUNTERFEIT: ("假冒商品", "Counterfeit"),
        Reason.NOT_RECEIVED: ("未收到货", "Parcel never reached me"),
        Reason.LATE_SHIPMENT: ("商家未按承诺时间发货", "Seller missed the promised shipping time"),
    },
    Fault: {
        Fault.BUYER: ("个人原因", "Personal reason"),
        Fault.SELLER: ("商家责任", "Seller's responsibility"),
    },
    PackageCondition: {
        PackageCondition.INTACT: ("外包装完好", "Box looks fine"),
        PackageCondition.DAMAGED: ("破损、压坏、变形", "Torn, crushed or dented"),
        PackageCondition.WET: ("有湿渍、被水泡过", "Wet or water-stained"),
        PackageCondition.TAMPERED: ("被拆过或二次封装", "Opened or re-sealed"),
        PackageCondition.NOT_SEEN: ("还没看到包裹", "Haven't seen the parcel"),
    },
    ItemCategory: {
        ItemCategory.STANDARD: (
            "普通商品（衣服、日用品、数码等）",
            "Ordinary item (clothes, homeware…)",
        ),
        ItemCategory.CUSTOM_MADE: (
            "定制商品（刻字、按尺寸定做）",
            "Made to order (engraved, made to measure)",
        ),
        ItemCategory.PERISHABLE: (
            "生鲜易腐（水果、鲜花、蛋糕）",
            "Fresh or perishable (fruit, flowers, cake)",
        ),
        ItemCategory.DIGITAL_UNSEALED: (
            "已下载或已拆封的数字商品（软件、激活码、光盘）",
            "Digital goods downloaded or unsealed (software, codes, discs)",
        ),
        ItemCategory.PERIODICAL: ("报纸、杂志期刊", "Newspapers and magazines"),
        ItemCategory.CONFIRMED_NON_RETURNABLE: (
            "下单时确认过“不支持七天无理由”",
            "I confirmed “no 7-day return” when ordering",
        ),
    },
    ItemCondition: {
        ItemCondition.UNOPENED: ("没拆封", "Still sealed"),
        ItemCondition.OPENED_INTACT: ("拆开检查过，没使用", "Opened to check, not used"),
        ItemCondition.USED: (
            "用过了／剪了吊牌／拆了卫生封口／已激活",
            "Used, tags cut, hygiene seal broken or activated",
        ),
    },
    SellerResponse: {
        SellerResponse.NOT_CONTACTED: ("还没联系商家", "Haven't contacted the seller"),
        SellerResponse.AGREED: ("商家同意了", "The seller agreed"),
        SellerResponse.REFUSED: ("商家拒绝了", "The seller refused"),
        SellerResponse.NO_RESPONSE: ("商家不回复", "The seller doesn't reply"),
    },
    Procedure: {
        Procedure.CANCEL_ORDER: ("取消订单", "Cancel the order"),
        Procedure.INTERCEPT_OR_REFUSE: (
            "拦截包裹，不成就拒收",
            "Intercept the parcel, or refuse it",
        ),
        Procedure.REFUSE_DELIVERY: ("当面拒收", "Refuse the delivery"),
        Procedure.RETURN_AND_REFUND: ("退货退款", "Return for a refund"),
        Procedure.REFUND_ONLY: ("仅退款", "Refund only"),
        Procedure.EXCHANGE_OR_REPAIR: ("换货或维修", "Exchange or repair"),
        Procedure.NEGOTIATE_WITH_SELLER: ("与商家协商", "Negotiate with the seller"),
        Procedure.PLATFORM_INTERVENTION: ("申请小红书平台介入", "Ask Xiaohongshu to step in"),
    },
    RefundType: {
        RefundType.REFUND_ONLY: ("仅退款", "Refund only"),
        RefundType.RETURN_AND_REFUND: ("退货退款", "Return and refund"),
        RefundType.EXCHANGE: ("换货", "Exchange"),
    },
    ShippingPayer: {
        ShippingPayer.SELLER: ("商家承担", "The seller pays"),
        ShippingPayer.BUYER: ("你自己承担", "You pay"),
        ShippingPayer.INSURANCE: ("运费险赔付", "Shipping insurance pays"),
        ShippingPayer.NONE: ("无需寄回，没有运费", "Nothing to send back"),
    },
    EvidenceCode: {
        EvidenceCode.PACKAGE_PHOTO: ("外包装照片/视频", "Photos or video of the parcel"),
        EvidenceCode.WAYBILL_PHOTO: ("快递面单（单号）", "Shipping label (tracking number)"),
        EvidenceCode.ITEM_PHOTO: ("商品照片", "Photos of the item"),
        EvidenceCode.DEFECT_PHOTO: ("问题细节特写", "Close-ups of the problem"),
        EvidenceCode.UNBOXING_VIDEO: ("开箱视频", "Unboxing video"),
        EvidenceCode.LISTING_SCREENSHOT: ("商品详情页截图", "Screenshot of the product page"),
        EvidenceCode.TRACKING_SCREENSHOT: ("物流详情截图", "Screenshot of the tracking details"),
        EvidenceCode.CHAT_SCREENSHOT: (
            "与卖家沟通记录截图",
            "Screenshots of the chat with the seller",
        ),
        EvidenceCode.ORDER_SCREENSHOT: ("订单详情截图", "Screenshot of the order details"),
    },
    WhyNot: {
        WhyNot.NOT_RECEIVED_YET: (
            "还没签收，七天还没开始算",
            "Not received yet: the 7 days haven't started",
        ),
        WhyNot.EXCLUDED_CATEGORY: (
            "这类商品依法不适用七天无理由退货",
            "This kind of item is excluded from 7-day returns by law",
        ),
        WhyNot.NOT_INTACT: (
            "商品已使用，不再完好",
            "The item has been used, it is no longer intact",
        ),
        WhyNot.WINDOW_EXPIRED: ("已超过签收后7天", "More than 7 days since you signed for it"),
    },
    Language: {
        Language.ZH_HANS: ("简体中文", "简体中文"),
        Language.EN: ("English", "English"),
    },
    LegalCode: {
        LegalCode.CRPL_16: (
            "《消费者权益保护法》第16条",
            "Consumer Rights Protection Law, Art. 16",
        ),
        LegalCode.CRPL_23: (
            "《消费者权益保护法》第23条",
            "Consumer Rights Protection Law, Art. 23",
        ),
        LegalCode.CRPL_24: (
            "《消费者权益保护法》第24条",
            "Consumer Rights Protection Law, Art. 24",
        ),
        LegalCode.CRPL_25: (
            "《消费者权益保护法》第25条",
            "Consumer Rights Protection Law, Art. 25",
        ),
        LegalCode.CRPL_26: (
            "《消费者权益保护法》第26条",
            "Consumer Rights Protection Law, Art. 26",
        ),
        LegalCode.CRPL_44: (
            "《消费者权益保护法》第44条",
            "Consumer Rights Protection Law, Art. 44",
        ),
        LegalCode.CRPL_55: (
            "《消费者权益保护法》第55条",
            "Consumer Rights Protection Law, Art. 55",
        ),
        LegalCode.MEASURES_6: (
            "《网络购买商品七日无理由退货暂行办法》第6条",
            "7-Day Return Measures, Art. 6",
        ),
        LegalCode.MEASURES_7: (
            "《网络购买商品七日无理由退货暂行办法》第7条",
            "7-Day Return Measures, Art. 7",
        ),
        LegalCode.MEASURES_8: (
            "《网络购买商品七日无理由退货暂行办法》第8条",
            "7-Day Return Measures, Art. 8",
        ),
        LegalCode.MEASURES_9: (
            "《网络购买商品七日无理由退货暂行办法》第9条",
            "7-Day Return Measures, Art. 9",
        ),
        LegalCode.MEASURES_10: (
            "《网络购买商品七日无理由退货暂行办法》第10条",
            "7-Day Return Measures, Art. 10",
        ),
        LegalCode.MEASURES_13: (
            "《网络购买商品七日无理由退货暂行办法》第13条",
            "7-Day Return Measures, Art. 13",
        ),
        LegalCode.MEASURES_18: (
            "《网络购买商品七日无理由退货暂行办法》第18条",
            "7-Day Return Measures, Art. 18",
        ),
        LegalCode.MEASURES_20: (
            "《网络购买商品七日无理由退货暂行办法》第20条",
            "7-Day Return Measures, Art. 20",
        ),
        LegalCode.ECL_20: ("《电子商务法》第20条", "E-Commerce Law, Art. 20"),
        LegalCode.ECL_51: ("《电子商务法》第51条", "E-Commerce Law, Art. 51"),
        LegalCode.REGULATIONS_19: (
            "《消费者权益保护法实施条例》第19条",
            "Consumer Rights Protection Regulations, Art. 19",
        ),
        LegalCode.CIVIL_512: ("《民法典》第512条", "Civil Code, Art. 512"),
        LegalCode.CIVIL_563: ("《民法典》第563条", "Civil Code, Art. 563"),
        LegalCode.CIVIL_604: ("《民法典》第604条", "Civil Code, Art. 604"),
        LegalCode.CIVIL_610: ("《民法典》第610条", "Civil Code, Art. 610"),
        LegalCode.CIVIL_787: ("《民法典》第787条", "Civil Code, Art. 787"),
        LegalCode.FOOD_SAFETY_148: ("《食品安全法》第148条", "Food Safety Law, Art. 148"),
        LegalCode.PENALTIES_9: (
            "《侵害消费者权益行为处罚办法》第9条",
            "Measures on Penalties for Infringing Consumer Rights, Art. 9",
        ),
        LegalCode.PENALTIES_16: (
            "《侵害消费者权益行为处罚办法》第16条",
            "Measures on Penalties for Infringing Consumer Rights, Art. 16",
        ),
        LegalCode.COURIER_28: (
            "《快递市场管理办法》第28条",
            "Express Delivery Market Measures, Art. 28",
        ),
    },
}

DESCRIPTIONS: dict[type[StrEnum], dict[Any, Pair]] = {
    OrderStatus: {
        OrderStatus.NOT_SHIPPED: ("订单页显示“待发货”", "The order page says “awaiting shipment”"),
        OrderStatus.IN_TRANSIT: (
            "已显示“已发货”，包裹还在路上",
            "It shows “shipped” and is on its way",
        ),
        OrderStatus.OUT_FOR_DELIVERY: (
            "快递员在门口，或包裹在快递柜里，你还没签收、没取件",
            "The courier is at the door or it is in a locker; you haven't signed or collected it",
        ),
        OrderStatus.RECEIVED: (
            "你或别人已签收、已从快递柜取件",
            "You (or someone for you) signed for it or took it from the locker",
        ),
    },
    Reason: {
        Reason.SLOW_SHIPPING: (
            "平台按个人原因处理，退回运费通常由你承担",
            "The platform treats this as a personal reason: you usually pay return shipping",
        ),
        Reason.PACKAGE_DAMAGED: (
            "运输途中的风险由商家承担，运费由商家出",
            "The seller bears the risk in transit and pays the shipping",
        ),
        Reason.NOT_AS_DESCRIBED: (
            "颜色、材质、尺寸等和详情页写的明显不一样",
            "Colour, material or size clearly differ from the product page",
        ),
        Reason.COUNTERFEIT: (
            "可主张退一赔三（至少500元）：先别拒收、别寄回，东西是证据",
            "You may claim three times the price (at least 500 yuan): keep it, it is the evidence",
        ),
        Reason.NOT_RECEIVED: (
            "物流停了、丢了，或显示已签收但东西不在你手上（别人代签、没经你同意放快递柜或驿站）",
            "Tracking stalled or lost, or marked signed but not in your hands (signed by someone "
            "else, left in a locker or station without your consent)",
        ),
        Reason.LATE_SHIPMENT: (
            "详情页或订单上承诺了发货时间（如48小时内发货），商家没做到",
            "The listing or order promised a shipping time (e.g. within 48 hours) and the seller "
            "missed it",
        ),
    },
    PackageCondition: {
        PackageCondition.TAMPERED: (
            "胶带被重新粘过、有拆封痕迹，可能是二次销售",
            "Re-taped or signs of opening: it may be a resold item",
        ),
        PackageCondition.NOT_SEEN: (
            "包裹还没到你手上，或你没注意外包装",
            "The parcel hasn't reached you, or you didn't look at the box",
        ),
    },
    ItemCategory: {
        ItemCategory.STANDARD: (
            "支持七天无理由退货的大多数商品",
            "Most goods: the 7-day no-reason return applies",
        ),
        ItemCategory.CUSTOM_MADE: (
            "按你的要求专门做的，依法不适用七天无理由",
            "Made specially for you: excluded from 7-day returns by law",
        ),
        ItemCategory.PERISHABLE: (
            "容易坏的东西，依法不适用七天无理由",
            "Goods that spoil: excluded from 7-day returns by law",
        ),
        ItemCategory.DIGITAL_UNSEALED: (
            "已经下载、激活或拆开封装的数字商品",
            "Digital goods already downloaded, activated or unsealed",
        ),
        ItemCategory.CONFIRMED_NON_RETURNABLE: (
            "两样都要有：商品属于拆封后影响安全健康或品质、激活试用后明显贬值、标明临期或有瑕疵的一类，"
            "而且你下单时在醒目位置点过确认。只是详情页写着“不支持七天无理由”不算，请选“普通商品”",
            "Both are needed: goods of a kind the law lets sellers exclude (unsafe or spoilt once "
            "unsealed, losing much value once activated or tried, sold as near expiry or flawed) "
            "AND your explicit confirmation at checkout. A “no 7-day return” label alone counts "
            "for nothing: choose “Ordinary item”",
        ),
    },
    ItemCondition: {
        ItemCondition.UNOPENED: ("包装完整，没拆开", "Packaging complete, never opened"),
        ItemCondition.OPENED_INTACT: (
            "为了检查拆开包装、试穿试用看合不合适，吊牌还在、没弄脏：仍可七天无理由退货",
            "Opened to inspect or briefly tried on, tags on, clean: still returnable in 7 days",
        ),
        ItemCondition.USED: (
            "超出检查需要的使用；剪了吊牌、弄脏弄坏；食品、化妆品（如精华试用）、医疗器械等拆了一次性封口；"
            "电子产品已激活、授权或留下个人资料。只开机检查不算",
            "Used beyond checking; tags cut, soiled or damaged; the one-time seal of food, "
            "cosmetics (a serum opened to try it counts) or medical devices broken; electronics "
            "activated, authorised or holding your data. Switching on to test does not count",
        ),
    },
    SellerResponse: {
        SellerResponse.NO_RESPONSE: (
            "发了消息，商家长时间（一般超过24小时）没有答复",
            "You wrote and got no answer for a long time (usually over 24 hours)",
        ),
    },
    ShippingPayer: {
        ShippingPayer.INSURANCE: (
            "订单带“运费险”：签收后寄回的退货按保单赔付一个固定金额，可能少于实际运费",
            "The order carries return-shipping insurance (运费险): it pays a fixed amount on a "
            "return shipped after signing, which may be less than the real cost",
        ),
    },
    Procedure: {
        Procedure.PLATFORM_INTERVENTION: (
            "商家拒绝或不理，由小红书官方客服根据证据裁决",
            "The seller refused or ignored you: Xiaohongshu decides on the evidence",
        ),
        Procedure.NEGOTIATE_WITH_SELLER: (
            "法律和平台规则不支持这个要求，只能请商家通融",
            "Neither the law nor the platform backs this request: only the seller's goodwill",
        ),
    },
}


def label(member: StrEnum, language: Language = Language.ZH_HANS) -> str:
    """The short text a UI shows for a code (choices, badges, summaries)."""
    return _LABEL_TEXTS[language == ENGLISH][type(member)][member]


def describe(member: StrEnum, language: Language = Language.ZH_HANS) -> str | None:
    """A short hint under a choice, or None when the label says it all."""
    pair = DESCRIPTIONS.get(type(member), {}).get(member)
    return pick(pair, language) if pair else None


# --- steps: (title, detail) -------------------------------------------------

STEPS: dict[StepCode, tuple[Pair, Pair]] = {
    StepCode.OPEN_ORDER: (
        ("打开订单", "Open the order"),
        (
            "打开小红书App，点右下角“我”→“订单”，找到这笔订单，确认状态是“待发货”。",
            "Open the Xiaohongshu app, tap “Me” (我) → “Orders” (订单), find this order and "
            "check it still says “awaiting shipment” (待发货).",
        ),
    ),
    StepCode.CANCEL_ORDER: (
        ("点“取消订单”", "Tap “Cancel order”"),
        (
            "点“取消订单”（或“申请退款”），取消原因选“{reason_label}”，提交。"
            "一旦显示“已发货”就不能这样取消了，越快越好。",
            "Tap “Cancel order” (取消订单) or “Request refund”, pick the reason "
            "“{reason_label}” and submit. Once it shows “shipped” this button is gone, "
            "so be quick.",
        ),
    ),
    StepCode.WAIT_CANCEL_REFUND: (
        ("等待原路退款", "Wait for the refund"),
        (
            "商家确认后订单关闭，钱原路退回你的支付账户，一般很快到账。",
            "Once the seller confirms, the order closes and the money goes back to the way you "
            "paid, usually quickly.",
        ),
    ),
    StepCode.ASK_SELLER_INTERCEPT: (
        ("请商家拦截包裹", "Ask the seller to intercept the parcel"),
        (
            "在订单页点“联系商家”，说明不要了（原因：{reason_label}），请商家联系快递拦截退回。"
            "可以直接发送下面准备好的“给商家的消息”。",
            "On the order page tap “Contact seller”, say you no longer want it (reason: "
            "{reason_label}) and ask them to have the courier stop and return it. You can send the "
            "ready-made message below.",
        ),
    ),
    StepCode.ASK_COURIER_INTERCEPT: (
        ("自己联系快递拦截", "Ask the courier to intercept it"),
        (
            "在订单详情里复制快递单号，打快递公司客服电话或在快递App里申请“拦截/退回”。"
            "拦截可能有少量费用；退回运费：{payer_label}。",
            "Copy the tracking number from the order details and ask the courier company (phone "
            "or its app) to intercept and return it. This may cost a little; return shipping: "
            "{payer_label}.",
        ),
    ),
    StepCode.REFUSE_IF_NOT_INTERCEPTED: (
        ("拦不下来就拒收", "If it can't be stopped, refuse it"),
        (
            "拦截不成功的话，等派送时当面拒收：不签字、不点“已签收”、不从快递柜取件，"
            "并和快递员一起给包裹和面单拍照。",
            "If the interception fails, refuse it at delivery: don't sign, don't tap “received”, "
            "don't take it from the locker, and photograph the parcel and label with the courier.",
        ),
    ),
    StepCode.INSPECT_AT_DOOR: (
        ("当面检查外包装", "Check the parcel in front of the courier"),
        (
            "快递员送到时（或在快递柜取件前），先看外包装有没有破损、湿渍、变形或二次封装的痕迹。",
            "When the courier arrives (or before you open the locker), look for tears, water "
            "stains, dents or signs it was opened and re-sealed.",
        ),
    ),
    StepCode.PHOTOGRAPH_WITH_COURIER: (
        ("和快递员一起拍照", "Take photos with the courier present"),
        (
            "把包裹整体、异常处和快递面单（单号）拍清楚，最好录一段视频，让快递员也在画面里。",
            "Photograph the whole parcel, anything wrong with it and the shipping label "
            "(tracking number); a short video with the courier in the frame is best.",
        ),
    ),
    StepCode.REFUSE_AT_DOOR: (
        ("明确拒收，不要签字", "Refuse it clearly, never sign"),
        (
            "告诉快递员你拒收，理由是“{reason_label}”。不要在面单上签字，不要点“已签收”；"
            "快递柜里的件不要取，联系快递员办理拒收退回。",
            "Tell the courier you refuse it because of “{reason_label}”. Don't sign the label or "
            "tap “received”; if it is in a locker, leave it there and ask the courier to "
            "return it.",
        ),
    ),
    StepCode.TELL_SELLER_REFUSED: (
        ("告诉商家你已拒收", "Tell the seller you refused it"),
        (
            "在小红书App里点“联系商家”，说明已拒收和原因，附上照片或视频。",
            "In the Xiaohongshu app tap “Contact seller”, say you refused the parcel and why, "
            "and attach the photos or video.",
        ),
    ),
    StepCode.APPLY_REFUND_ONLY: (
        ("申请“仅退款”", "Request “Refund only”"),
        (
            "我→订单→这笔订单→“申请售后/退款”，类型选“仅退款”，原因选“{reason_label}”，"
            "上传证据，把下面准备好的说明粘贴进去，提交。",
            "Me → Orders → this order → “After-sales / Refund”: choose “Refund only” (仅退款), "
            "reason “{reason_label}”, upload your evidence, paste the text prepared below, submit.",
        ),
    ),
    StepCode.WAIT_PARCEL_BACK: (
        ("等包裹退回、退款到账", "Wait for the parcel to go back and the refund"),
        (
            "包裹退回商家后，商家确认即退款，原路退回。这要几天，请留意物流和售后进度。",
            "Once the parcel is back with the seller they confirm and refund to the way you paid. "
            "It takes a few days: keep an eye on tracking and the after-sales page.",
        ),
    ),
    StepCode.PHOTOGRAPH_PROBLEM: (
        ("马上拍照、录像", "Photograph the problem now"),
        (
            "签收后尽快（最好24小时内）拍下商品全貌、问题细节和快递面单；有开箱视频一起保存。",
            "As soon as possible (ideally within 24 hours of signing) photograph the whole item, "
            "close-ups of the problem and the shipping label; keep any unboxing video.",
        ),
    ),
    StepCode.PHOTOGRAPH_ITEM: (
        ("给商品拍照", "Photograph the item"),
        (
            "拍下商品、吊牌、配件和原包装，证明商品完好、不影响二次销售。",
            "Photograph the item, its tags, accessories and original packaging to show it is "
            "intact and can be resold.",
        ),
    ),
    StepCode.CONTACT_SELLER: (
        ("联系商家", "Contact the seller"),
        (
            "在订单页点“联系商家”，说明情况并发送照片，可以直接用下面准备好的“给商家的消息”。"
            "聊天记录以后就是证据。",
            "On the order page tap “Contact seller”, explain and send the photos; you can use "
            "the ready-made message below. The chat is your evidence later.",
        ),
    ),
    StepCode.OPEN_AFTER_SALES: (
        ("进入售后申请", "Open the after-sales request"),
        (
            "打开小红书App：我→订单→找到这笔订单→“申请售后”（或“申请退款/退货”）。",
            "In the Xiaohongshu app: Me → Orders → this order → “After-sales” (申请售后, or "
            "“Refund/return”).",
        ),
    ),
    StepCode.APPLY_RETURN: (
        ("选“退货退款”并提交", "Choose “Return and refund” and submit"),
        (
            "类型选“退货退款”，原因选“{reason_label}”（原因决定谁付运费，要选最贴近事实的），"
            "上传证据，粘贴下面准备好的说明，提交。{deadline_clause}",
            "Choose “Return and refund” (退货退款), reason “{reason_label}” (the reason "
            "decides who pays shipping, so pick the true one), upload evidence, paste the text "
            "below, submit."
            "{deadline_clause}",
        ),
    ),
    StepCode.APPLY_EXCHANGE: (
        ("选“换货”并提交", "Choose “Exchange” and submit"),
        (
            "类型选“换货”（要维修的在说明里写明），原因选“{reason_label}”，上传证据和下面的说明，"
            "提交。来回运费由商家承担。",
            "Choose “Exchange” (换货; if you want a repair, say so in the text), reason "
            "“{reason_label}”, upload evidence and the text below, submit. The seller pays "
            "shipping both ways.",
        ),
    ),
    StepCode.APPLY_PARTIAL_REFUND: (
        ("选“仅退款”，退漏发部分", "Choose “Refund only” for the missing part"),
        (
            "类型选“仅退款”，原因选“{reason_label}”，金额填漏发部分对应的金额（也可以和商家约定补发），"
            "上传开箱视频、面单和商品照片。不用寄回任何东西。{deadline_clause}",
            "Choose “Refund only” (仅退款), reason “{reason_label}”, enter the value of what is "
            "missing (or agree a re-shipment with the seller), upload the unboxing video, label "
            "and photos. Nothing goes back.{deadline_clause}",
        ),
    ),
    StepCode.SHIP_RETURN: (
        ("商家同意后寄回", "Send it back once approved"),
        (
            "按售后页上商家给的地址寄回，用原包装或更结实的包装；赠品、配件一起寄回（缺了赠品，"
            "商家可能按标价扣款）。一定用有单号可查的快递，保留寄件凭证。退回运费：{payer_label}。",
            "Send it to the address the seller gives on the after-sales page, in the original or "
            "sturdier packaging, with any gifts and accessories (a missing gift may be charged "
            "at its marked price), with a tracked courier; keep the receipt. Return shipping: "
            "{payer_label}.",
        ),
    ),
    StepCode.FILL_TRACKING: (
        ("填写退货单号", "Enter the tracking number"),
        (
            "寄出后回到售后页，填写快递公司和退货单号，并记下寄出的日期。",
            "After posting, go back to the after-sales page, enter the courier and tracking "
            "number, and note the date you sent it.",
        ),
    ),
    StepCode.WAIT_REFUND: (
        ("等待退款", "Wait for the refund"),
        (
            "商家收到退货后应在7天内原路退款；超过7天没退，就申请平台介入。"
            "超过15天不给退货地址或不退款的，视为故意拖延，可以向12315投诉。",
            "The seller must refund within 7 days of receiving the return; past those 7 days, "
            "ask the platform to step in. No return address or no refund within 15 days counts "
            "as deliberate delay: grounds to complain to 12315.",
        ),
    ),
    StepCode.WAIT_REPLACEMENT: (
        ("等待换货或维修", "Wait for the replacement or repair"),
        (
            "商家收到后寄出新品或修好的商品；到货后当面检查。商家拖着不办的，申请平台介入。",
            "The seller sends a new or repaired item once they get yours; check it on arrival. "
            "If they drag their feet, ask the platform to step in.",
        ),
    ),
    StepCode.CLAIM_COMPENSATION: (
        ("书面主张“退一赔三”", "Claim three times the price, in writing"),
        (
            "经鉴定或商家承认是假货的，除退款外还可要求赔偿价款的三倍，不足500元的按500元算。"
            "这笔赔偿要另外明确地书面提出，平台退款不会自动包含。{compensation_clause}"
            "商家无法联系或身份不明的，可以要求平台承担责任。",
            "If it is confirmed fake, you may claim, on top of the refund, three times the price, "
            "at least 500 yuan. Demand it expressly and in writing: a platform refund never "
            "includes it.{compensation_clause} If the seller cannot be identified, the platform "
            "answers for it.",
        ),
    ),
    StepCode.ARRANGE_AUTHENTICATION: (
        ("先鉴定，东西留在手里", "Get it authenticated; keep it"),
        (
            "先别把商品寄给商家：它是索赔“退一赔三”的证据。问小红书平台能否安排鉴定；"
            "不能的话，找品牌方出具书面意见或找有资质的鉴定机构。",
            "Do not send the item to the seller: it is your evidence for the three-times claim. "
            "Ask Xiaohongshu whether it can arrange authentication; otherwise get a written "
            "opinion from the brand owner or a qualified appraiser.",
        ),
    ),
    StepCode.SHIP_ONLY_WHERE_PLATFORM_SAYS: (
        ("只寄到平台指定的地址", "Ship only where the platform says"),
        (
            "需要寄出时，只寄到平台指定的地址（如鉴定机构），用有单号可查的快递，寄前拍照留存。"
            "商家不配合就立即申请平台介入。",
            "If it must be sent, send it only to an address the platform designates (such as an "
            "appraiser), tracked, with photos taken first. If the seller resists, ask the "
            "platform to step in at once.",
        ),
    ),
    StepCode.APPLY_REFUND_SPOILED: (
        ("申请“仅退款”，不用寄回", "Request “Refund only”: nothing goes back"),
        (
            "类型选“仅退款”，原因选“{reason_label}”：可以退全部、只退坏掉的部分，或和商家约定补发。"
            "上传照片、视频、称重、标签（日期、批次）和面单。除非商家要求并承担运费，不用寄回。"
            "生鲜越快提出越好（通常一两天内）。",
            "Choose “Refund only” (仅退款), reason “{reason_label}”: the whole order, only the "
            "spoiled part, or a re-shipment agreed with the seller. Upload the photos, video, "
            "weight, label (date, batch) and shipping label. Send nothing back unless the seller "
            "asks and pays for it. With fresh food, the sooner the better (usually within a day "
            "or two).",
        ),
    ),
    StepCode.KEEP_FOOD_UNTIL_CLOSED: (
        ("留着东西和包装到结案", "Keep the goods and packaging until it is closed"),
        (
            "售后完成之前，不要扔掉商品和包装：商家或平台可能要求补充证据。",
            "Until the case is closed, do not throw the goods or packaging away: the seller or "
            "the platform may ask for more evidence.",
        ),
    ),
    StepCode.LOCATE_PARCEL: (
        ("先找一找包裹", "Look for the parcel first"),
        (
            "问问家人、同事、门卫，查快递柜和驿站，再联系快递员，请他提供签收凭证（签收人、照片、位置）。",
            "Ask your household, colleagues or the front desk, check the locker and the "
            "collection station, then ask the courier for the proof of delivery (who signed, "
            "photo, place).",
        ),
    ),
    StepCode.ASK_SELLER_TRACE: (
        ("请商家查件", "Ask the seller to trace it"),
        (
            "在订单页点“联系商家”，说明没收到货，请商家向快递公司查件。可以直接发送下面准备好的“给商家的消息”。",
            "On the order page tap “Contact seller”, say the parcel never reached you and ask "
            "them to trace it with the courier. You can send the ready-made message below.",
        ),
    ),
    StepCode.APPLY_REFUND_NOT_RECEIVED: (
        ("申请“仅退款”，原因选“未收到货”", "Request “Refund only” for “Not received”"),
        (
            "类型选“仅退款”，原因选“{reason_label}”，上传物流详情截图，粘贴下面的说明，提交；"
            "也可以和商家约定补发。要在订单自动确认收货的倒计时结束前提交，千万不要点“确认收货”。"
            "之后包裹又到了的话，拒收或退回给商家。",
            "Choose “Refund only” (仅退款), reason “{reason_label}”, upload the tracking "
            "screenshot, paste the text below and submit; or agree a re-shipment with the "
            "seller. File before the order's automatic-confirmation countdown ends and never tap "
            "“Confirm receipt”. If the parcel turns up after the refund, refuse it or send it "
            "back.",
        ),
    ),
    StepCode.COMPLAIN_TO_COURIER: (
        ("投诉快递，再找邮政管理部门", "Complain to the courier, then the postal regulator"),
        (
            "如果你没同意代签或放快递柜、驿站，快递员这样做违反《快递市场管理办法》第28条："
            "先向快递公司投诉；7天内没有满意答复，向国家邮政局申诉网站、12305（或当地已合并的12345）申诉。",
            "If you did not agree to it, a courier who signed in your name or left the parcel in a "
            "locker or station breaks Art. 28 of the Express Delivery Market Measures: complain "
            "to the courier company first; with no satisfactory answer within 7 days, appeal to "
            "the postal regulator (the State Post Bureau's complaint website, 12305, or 12345 "
            "where merged).",
        ),
    ),
    StepCode.ASK_SELLER_GOODWILL: (
        ("礼貌地请商家通融", "Ask the seller politely for a favour"),
        (
            "{no_right_reason}，不适用七天无理由退货，平台一般也不会支持。可以用下面的“给商家的消息”"
            "礼貌地问问商家能否通融退货或换货，运费主动由你承担，成功率更高。",
            "{no_right_reason}, so the 7-day no-reason return does not apply and the platform "
            "will usually not back you. Use the message below to ask the seller politely for a "
            "return or exchange; offering to pay the shipping helps.",
        ),
    ),
    StepCode.FOLLOW_SELLER_AGREEMENT: (
        ("按和商家的约定办理", "Do what you agreed with the seller"),
        (
            "商家已同意：先把聊天记录截图保存，再按约定在订单页申请售后（或拦截、拒收），"
            "说明里写上“已与商家协商一致”。",
            "The seller agreed: screenshot the chat first, then file the request (or intercept or "
            "refuse the parcel) as agreed, writing “agreed with the seller” in the text.",
        ),
    ),
    StepCode.CONSIDER_ALTERNATIVES: (
        ("商家不同意怎么办", "If the seller says no"),
        (
            "可以考虑自用、送人或二手转卖。以后下单前先看清详情页的退换货说明。",
            "You could keep it, give it away or resell it. Next time, read the return policy on "
            "the product page before ordering.",
        ),
    ),
    StepCode.REQUEST_PLATFORM_INTERVENTION: (
        ("申请小红书平台介入", "Ask Xiaohongshu to step in"),
        (
            "商家拒绝或不回复：在售后详情页点“申请平台介入”（还没有售后单的，在订单页联系小红书官方客服），"
            "上传聊天记录截图、订单截图和其他证据，粘贴下面准备好的“申诉说明”。",
            "The seller refused or went silent: on the after-sales page tap “Platform "
            "intervention” (申请平台介入; with no request yet, contact Xiaohongshu customer "
            "service from the order page), upload the chat and order screenshots and your other "
            "evidence, and paste the appeal text below.",
        ),
    ),
    StepCode.COMPLAIN_12315: (
        ("最后一步：12315", "Last resort: 12315"),
        (
            "平台处理后仍不解决的，拨打12315或在全国12315平台（12315.cn）投诉，附上订单和沟通记录。",
            "If the platform still does not resolve it, call 12315 or file at 12315.cn (the "
            "market regulator), attaching the order and the chat records.",
        ),
    ),
}


# `label`'s tables, one per language (index 0 zh-hans, 1 English, as `pick`): the
# codes' labels and the steps' titles, each class apart (StrEnum members of two
# classes with the same value are equal).
_LABEL_TEXTS: tuple[dict[type[StrEnum], dict[Any, str]], ...] = tuple(
    {
        **{kind: {m: pair[side] for m, pair in pairs.items()} for kind, pairs in LABELS.items()},
        StepCode: {code: pair[0][side] for code, pair in STEPS.items()},
    }
    for side in (0, 1)
)


# --- warnings (domain.md section 9 and the seed) ------------------------------

WARNINGS: dict[WarningCode, Pair] = {
    WarningCode.CANCEL_EARLY: (
        "越早取消越好：订单一旦显示“已发货”，就不能直接取消，只能拦截或拒收。",
        "Cancel as early as you can: once the order shows “shipped”, cancelling is gone and "
        "only interception or refusal remain.",
    ),
    WarningCode.NEVER_SIGN: (
        "想拒收就千万不要签收：不签字、不点“已签收”、不取快递柜的件；拒收时和快递员一起给包裹和面单拍照。",
        "Never sign for a parcel you mean to refuse: no signature, no “received” tap, no "
        "locker pick-up; photograph the parcel and label with the courier.",
    ),
    WarningCode.KEEP_TAGS: (
        "保持商品完好、能二次销售：别剪吊牌，配件、赠品和原包装都留着，不要使用。",
        "Keep the item complete and resellable: leave the tags on, keep accessories, gifts and "
        "the original packaging, and don't use it.",
    ),
    WarningCode.TRACKED_COURIER: (
        "寄回时用有单号可查的快递，在平台填写退货单号，寄件凭证留到退款到账。",
        "Send returns with a tracked courier, enter the tracking number on the platform and "
        "keep the receipt until the money is back.",
    ),
    WarningCode.ACCOUNT_CREDIT: (
        "频繁拒收或退货可能影响你在小红书的账号信用，甚至被平台限制。",
        "Frequent refusals or returns can lower your account's credit on Xiaohongshu, or get "
        "it restricted.",
    ),
    WarningCode.ACT_WITHIN_24H: (
        "有问题要趁早：最好签收后24小时内拍照取证并提出。{deadline_name}是{deadline}；"
        "过了这天，商家仍要为商品的问题负责。",
        "Act fast: ideally report it with photos within 24 hours of signing. {deadline_name} "
        "is {deadline}; after that the seller still answers for the problem.",
    ),
    WarningCode.FILE_BEFORE_DEADLINE: (
        "{deadline_name}是{deadline}（含当天，北京时间24:00前），还剩{days_left}天：在这之前提交申请即可，"
        "包裹不必在这之前寄到商家。最好在订单页的售后倒计时结束前就提交，别拖到最后一晚。"
        "这里按平台显示的签收日计算，最稳妥；如果快递未经你同意放进快递柜或驿站、你当天并没拿到，"
        "法定起算日可能更晚。",
        "{deadline_name} is {deadline} (until midnight China time), {days_left} day(s) left: the "
        "request must be filed by then; the parcel need not reach the seller by then. File "
        "before the countdown on the order page ends, not on the last evening. This counts "
        "from the platform's signing day, the safe choice; if the parcel was left in a locker "
        "or station without your consent and you got it later, the legal start may be later.",
    ),
    WarningCode.FILE_AT_ONCE: (
        "马上提交申请：七天无理由的最后一天{window_last_day}是法定节假日或周末，"
        "依《民法典》第二百零三条，期限顺延到节后第一个工作日{legal_last_day}（北京时间24:00前）。"
        "平台的售后倒计时可能已经结束；申请不了时，请联系平台客服并说明这一点。",
        "File at once: the last day of the no-reason window, {window_last_day}, was a public "
        "holiday or a weekend, so under Civil Code Art. 203 the period runs until the first "
        "workday after it, {legal_last_day} (until midnight China time). The platform's "
        "countdown may already have ended; if the app no longer lets you file, contact "
        "platform customer service and point this out.",
    ),
    WarningCode.CHECK_INSURANCE: (
        "看看订单有没有“运费险”：有的话，签收后寄回的退货按保单赔付一个固定金额，可能少于实际运费；"
        "以订单页的保单说明为准。",
        "Check whether the order carries return-shipping insurance (运费险): if it does, it "
        "pays a fixed amount on a return shipped after signing, which may be less than the "
        "real cost; check the policy on the order page.",
    ),
    WarningCode.KEEP_ALL_EVIDENCE: (
        "怀疑假货：商品、包装、吊牌、物流信息、聊天记录全部保留，什么都别丢；商家不配合就立即申请平台介入。",
        "Suspected fake: keep the item, packaging, tags, tracking and chats, throw nothing "
        "away; if the seller resists, ask the platform to step in at once.",
    ),
    WarningCode.REFUND_TIMELINE: (
        "商家收到退货后应在7天内退款，超过7天没退就申请平台介入；超过15天不给退货地址或不退款的，"
        "视为故意拖延，可以向12315投诉。",
        "The seller must refund within 7 days of getting the return; past those 7 days, ask "
        "the platform to step in. No return address or no refund within 15 days counts as "
        "deliberate delay: grounds to complain to 12315.",
    ),
    WarningCode.PLATFORM_WILL_NOT_SIDE: (
        "实话实说：{no_right_reason}，法律不支持无理由退货，申请平台介入一般也不会判你赢，只能靠和商家协商。",
        "To be honest: {no_right_reason}, so the law gives no right to a no-reason return and "
        "the platform will usually not side with you; only the seller's goodwill can help.",
    ),
    WarningCode.LATE_SELLER_FAULT: (
        "已过无理由退货期，商家仍要为问题负责：可以要求换货或维修，运输等必要费用由商家承担。"
        "问题严重到买来没法用的（符合法定解除合同条件），仍然可以退货；"
        "属于“三包”的商品按三包规定办；与描述不符的，也常见部分退款。"
        "电脑、电视、家电等耐用品签收后6个月内发现的问题，由商家证明不是商品本身的问题。",
        "Past the no-reason window the seller still answers for the problem: ask for an "
        "exchange or repair, with transport and other necessary costs paid by the seller. If "
        "the defect defeats the purpose of the purchase (the legal conditions to terminate the "
        "contract), a return is still open; goods under the 三包 rules follow those rules; for "
        "“not as described”, a partial refund is the other usual remedy. For durable goods "
        "(computers, TVs, appliances), a defect found within 6 months of receipt must be "
        "disproved by the seller.",
    ),
    WarningCode.ORIGINAL_WAYBILL_RETURN: (
        "还没拆封、快递员还联系得上的话，可以请快递员按原单退回（原单退回），但快递员可能拒绝。"
        "先在平台提交“退货退款”申请，并填上这个原运单号：没有申请就寄回的包裹，可能拿不到退款。",
        "Still sealed and the courier still reachable? You may ask the courier to send it back "
        "on the original waybill (原单退回); couriers may refuse. First open a “Return and "
        "refund” request on the platform and enter that waybill number: a parcel sent back "
        "without a request may never be refunded.",
    ),
    WarningCode.NO_OFF_PLATFORM: (
        "常见骗局：退款只走平台的售后申请，原路退回。不要应“商家”要求关闭或取消售后申请；"
        "不要信“先确认收货，再退钱给你”；不要到微信、QQ或对方发来的链接里退款；"
        "不要把验证码告诉任何人，不要共享屏幕、装App、视频通话、转账到“安全账户”或为别人刷脸。"
        "自称客服打电话说“理赔/退款”的，几乎都是诈骗。所有承诺都留在平台聊天里。",
        "Common scam: every refund goes through the platform's after-sales request, back to "
        "the way you paid. Never close or cancel the request because the seller asks; never "
        "“confirm receipt first, we'll pay you back”; never move to WeChat, QQ or a link the "
        "seller sends to be refunded; never give a verification code, share your screen, "
        "install an app, join a video call, transfer money to a “safe account” or do face "
        "verification for anyone. A caller claiming to be customer service offering a "
        "“compensation/refund” is almost always a fraud. Keep every promise in the platform chat.",
    ),
    WarningCode.CUSTOM_CANCEL_COSTS: (
        "定制商品：商家还没做完时取消，可能要赔商家已经产生的损失；已经做好的，取消要商家同意。"
        "只是标着“定制”的标准商品，不算定做。",
        "Made to order: cancelling before the maker has finished may mean paying the maker's "
        "losses; once it is finished, cancelling needs the seller's agreement. A “定制” label "
        "on a standard product does not make it made to order.",
    ),
    WarningCode.INSURANCE_RETURNS_ONLY: (
        "运费险通常只赔签收后寄回的退货，一般不赔拒收或拦截的运费；以订单页的保单说明为准。",
        "Shipping insurance usually pays only for a return shipped after signing, not for a "
        "refusal or an interception; check the policy on the order page.",
    ),
    WarningCode.AGREE_BEFORE_SENDING: (
        "商家在平台聊天里同意之前，不要拒收、拦截或寄回商品，否则可能钱货两空；"
        "平台的售后申请按钮会在订单页显示的日期关闭。",
        "Do not refuse, intercept or ship back the goods before the seller has agreed in the "
        "platform chat, or you may lose both the goods and the money; the platform's request "
        "button closes on the date shown on the order page.",
    ),
    WarningCode.COUNTERFEIT_KEEP_FOR_CLAIM: (
        "拒收能拿回货款、运费由商家出，但“退一赔三”要有商品作证据：想索赔的话，签收包裹、"
        "全程录开箱视频，所有东西都留着。",
        "Refusing gets your money back at the seller's cost, but the three-times compensation "
        "needs the item as evidence: to claim it, accept the parcel, film the unboxing and "
        "keep everything.",
    ),
    WarningCode.FOOD_SAFETY_CLAIM: (
        "如果食品不符合食品安全标准（过期、发霉、出售时已变质），可以向商家或生产者要求赔偿损失，"
        "先被找的一方先赔；生产者生产的、或商家明知还卖（卖过期的也算），还可能要求价款十倍或损失三倍的赔偿，"
        "增加的部分至少1000元。不影响安全又不误导的标签瑕疵除外；运输途中变质的，通常是退款，不是十倍赔偿。"
        "能不能成立要看具体情况。",
        "If the food fails safety standards (expired, mouldy, spoiled as sold), you may claim "
        "your loss from the seller or the producer, whichever you ask pays first; where the "
        "producer made it or the seller knowingly sold it (selling past the shelf life counts), "
        "possibly also ten times the price or three times the loss, the extra at least 1,000 "
        "yuan. Label flaws that neither affect safety nor mislead are excluded; spoilage in "
        "transit normally gives a refund, not the ten-fold claim. Whether it holds depends on "
        "the facts.",
    ),
    WarningCode.LATE_SHIPMENT_AFTER_RECEIPT: (
        "商家没按承诺时间发货：可以要求商家承担退货运费，并保留订单页上显示承诺发货时间的截图。",
        "The seller broke its shipping promise: ask it to bear the return shipping, and keep "
        "the order page showing the promise.",
    ),
    WarningCode.DO_NOT_CONFIRM_RECEIPT: (
        "东西到手之前，千万不要点“确认收货”；在订单自动确认收货的倒计时结束前提交售后申请。",
        "Until the parcel is in your hands, never tap “Confirm receipt”, and file before the "
        "order's automatic-confirmation countdown ends.",
    ),
}

# --- legal basis: one line each ----------------------------------------------

LEGAL: dict[LegalCode, Pair] = {
    LegalCode.CRPL_16: (
        "《消费者权益保护法》第16条：经营者和消费者有约定的，应当按照约定履行义务（详情页承诺的发货时间、"
        "更长的无理由退货期都算约定）。",
        "Consumer Rights Protection Law Art. 16: a seller must keep what it agreed with the "
        "buyer (a promised shipping time or a longer no-reason window on the listing counts).",
    ),
    LegalCode.CRPL_23: (
        "《消费者权益保护法》第23条：商品应当与宣传、说明表明的质量状况相符。",
        "Consumer Rights Protection Law Art. 23: goods must match the quality shown in the "
        "listing and its descriptions.",
    ),
    LegalCode.CRPL_24: (
        "《消费者权益保护法》第24条：商品不符合质量要求的，消费者可以要求退货、更换或修理，"
        "运输等必要费用由经营者承担。",
        "Consumer Rights Protection Law Art. 24: goods that fail quality requirements may be "
        "returned, exchanged or repaired; the seller pays transport and other necessary costs.",
    ),
    LegalCode.CRPL_25: (
        "《消费者权益保护法》第25条：网购商品自收到之日起七日内可以无理由退货（定做、鲜活易腐、"
        "拆封的数字商品、报纸期刊等除外）；经营者应自收到退回商品之日起七日内退款，"
        "退回运费由消费者承担，另有约定的按约定。",
        "Consumer Rights Protection Law Art. 25: goods bought online may be returned without "
        "reason within 7 days of receipt (except made-to-order, perishable, unsealed digital "
        "goods, periodicals and the like); the seller refunds within 7 days of getting them "
        "back, and the buyer pays return shipping unless agreed otherwise.",
    ),
    LegalCode.CRPL_26: (
        "《消费者权益保护法》第26条：经营者不得以格式条款排除或限制消费者的权利，“概不退换”之类的条款无效。",
        "Consumer Rights Protection Law Art. 26: a seller's standard terms cannot exclude or "
        "limit the buyer's rights; a “no returns, no exchanges” term is void.",
    ),
    LegalCode.CRPL_44: (
        "《消费者权益保护法》第44条：平台不能提供销售者真实名称、地址和有效联系方式的，消费者可以要求平台赔偿。",
        "Consumer Rights Protection Law Art. 44: if the platform cannot identify the seller, the "
        "buyer may claim from the platform.",
    ),
    LegalCode.CRPL_55: (
        "《消费者权益保护法》第55条：经营者欺诈的，应按消费者要求增加赔偿，金额为价款的三倍，"
        "不足500元的为500元；这笔赔偿要消费者明确提出。",
        "Consumer Rights Protection Law Art. 55: for fraud the seller must, at the buyer's "
        "express demand, add compensation of three times the price, at least 500 yuan.",
    ),
    LegalCode.MEASURES_6: (
        "《网络购买商品七日无理由退货暂行办法》第6条：定作、鲜活易腐、已下载或拆封的数字化商品、"
        "报纸期刊，不适用七日无理由退货。",
        "7-Day Return Measures Art. 6: made-to-order, perishable, downloaded or unsealed digital "
        "goods and newspapers/periodicals are excluded.",
    ),
    LegalCode.MEASURES_7: (
        "《网络购买商品七日无理由退货暂行办法》第7条：其他因性质不宜退货的商品，须经消费者在购买时确认，"
        "才不适用七日无理由退货。",
        "7-Day Return Measures Art. 7: other goods unsuitable for return by nature are excluded "
        "only if the buyer confirmed it when buying.",
    ),
    LegalCode.MEASURES_8: (
        "《网络购买商品七日无理由退货暂行办法》第8条：退货商品应当完好；为检查而拆开包装、合理调试，"
        "不影响商品完好。",
        "7-Day Return Measures Art. 8: returned goods must be intact; opening the packaging to "
        "inspect or reasonable testing does not breach that.",
    ),
    LegalCode.MEASURES_9: (
        "《网络购买商品七日无理由退货暂行办法》第9条：超出查验所需的使用、剪吊牌、污损、破坏食品化妆品"
        "卫生封条、激活电子产品等，视为商品不完好。",
        "7-Day Return Measures Art. 9: use beyond inspection, cut tags, soiling, a broken "
        "hygiene seal or activated electronics make goods not intact.",
    ),
    LegalCode.MEASURES_10: (
        "《网络购买商品七日无理由退货暂行办法》第10条：七日期间自签收商品的次日开始起算。",
        "7-Day Return Measures Art. 10: the 7 days run from the day after you sign for the goods.",
    ),
    LegalCode.MEASURES_13: (
        "《网络购买商品七日无理由退货暂行办法》第13条：商家应自收到退回商品之日起七日内退款。",
        "7-Day Return Measures Art. 13: the seller must refund within 7 days of receiving the "
        "returned goods.",
    ),
    LegalCode.MEASURES_18: (
        "《网络购买商品七日无理由退货暂行办法》第18条：七日无理由退货的退回运费由消费者承担，"
        "另有约定（如运费险）的除外。",
        "7-Day Return Measures Art. 18: the buyer pays return shipping for a no-reason return "
        "unless agreed otherwise (e.g. shipping insurance).",
    ),
    LegalCode.MEASURES_20: (
        "《网络购买商品七日无理由退货暂行办法》第20条：不适用七日无理由退货的商品，须在购买流程的醒目位置"
        "提示消费者确认。",
        "7-Day Return Measures Art. 20: goods excluded from 7-day returns must be shown for "
        "the buyer to confirm at a prominent step of the purchase.",
    ),
    LegalCode.ECL_20: (
        "《电子商务法》第20条：商品运输中的风险和责任由卖家承担（消费者另选快递的除外）。",
        "E-Commerce Law Art. 20: the seller bears the risk and liability while the goods are in "
        "transit (unless the buyer chose the courier).",
    ),
    LegalCode.ECL_51: (
        "《电子商务法》第51条：快递物流交付时间以签收时间为准；快递应当交给收货人本人或其同意的代收人。",
        "E-Commerce Law Art. 51: delivery is when the recipient signs for it; the goods go to "
        "the recipient or someone they agreed to.",
    ),
    LegalCode.CIVIL_512: (
        "《民法典》第512条：网购商品的交付时间为收货人的签收时间。",
        "Civil Code Art. 512: goods bought online are delivered when the recipient signs for them.",
    ),
    LegalCode.CIVIL_563: (
        "《民法典》第563条：违约致使不能实现合同目的的，当事人可以解除合同。",
        "Civil Code Art. 563: a party may terminate the contract when a breach defeats its "
        "purpose.",
    ),
    LegalCode.CIVIL_604: (
        "《民法典》第604条：标的物毁损、灭失的风险，在交付之前由出卖人承担。",
        "Civil Code Art. 604: the seller bears the risk of loss or damage until delivery.",
    ),
    LegalCode.CIVIL_610: (
        "《民法典》第610条：质量不符合要求致使不能实现合同目的的，买受人可以拒绝接受或者解除合同。",
        "Civil Code Art. 610: when a quality defect defeats the purpose of the contract, the "
        "buyer may refuse the goods or terminate the contract.",
    ),
    LegalCode.CIVIL_787: (
        "《民法典》第787条：定作人在承揽人完成工作前可以随时解除合同，造成损失的应当赔偿。",
        "Civil Code Art. 787: the customer may cancel a made-to-order job before it is "
        "finished, paying the maker's losses.",
    ),
    LegalCode.FOOD_SAFETY_148: (
        "《食品安全法》第148条：不符合食品安全标准的食品，可向经营者或生产者要求赔偿损失；"
        "生产不合格食品或明知而销售的，还可要求价款十倍或损失三倍的赔偿，增加的部分不足1000元的为1000元。",
        "Food Safety Law Art. 148: for food failing safety standards the buyer may claim the "
        "loss from the seller or producer; where it was produced so or knowingly sold, also "
        "ten times the price or three times the loss, the extra at least 1,000 yuan.",
    ),
    LegalCode.PENALTIES_9: (
        "《侵害消费者权益行为处罚办法》第9条：无理由退货中，不提供退货地址或收到退货后超过15日不退款的，"
        "视为故意拖延或无理拒绝。",
        "Measures on Penalties for Infringing Consumer Rights Art. 9: no return address, or no "
        "refund within 15 days of getting the return, counts as deliberate delay.",
    ),
    LegalCode.PENALTIES_16: (
        "《侵害消费者权益行为处罚办法》第16条：销售假冒商品等行为属于欺诈消费者。",
        "Measures on Penalties for Infringing Consumer Rights Art. 16: selling fakes counts as "
        "defrauding the consumer.",
    ),
    LegalCode.COURIER_28: (
        "《快递市场管理办法》第28条：未经收件人同意，快递不得代签收或擅自放快递柜、驿站（2024年3月1日起施行）。",
        "Express Delivery Market Measures Art. 28 (in force 1 March 2024): without the "
        "recipient's consent, a courier may not sign for them or leave the parcel in a locker "
        "or station.",
    ),
    LegalCode.REGULATIONS_19: (
        "《消费者权益保护法实施条例》第19条：不宜退货的商品须在购买时经消费者确认；未经确认，"
        "商家不得拒绝七日无理由退货。",
        "Consumer Rights Protection Regulations Art. 19: goods unsuitable for return need the "
        "buyer's confirmation at purchase; without it the seller may not refuse a 7-day return.",
    ),
}

# --- formatting ---------------------------------------------------------------

_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_date(day: date, language: Language = Language.ZH_HANS) -> str:
    """Dates as people write them: 2026年11月27日 / 27 November 2026."""
    if language == ENGLISH:
        return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"


def format_amount(amount: Decimal) -> str:
    """Two decimals, as the refund form and api.md's `request.amount` expect."""
    return str(amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def format_money(amount: Decimal, language: Language = Language.ZH_HANS) -> str:
    if language == ENGLISH:
        return f"CNY {format_amount(amount)}"
    return f"{format_amount(amount)}元"


# --- the ready-to-paste texts: sentences `render` puts together -----------------
#
# Placeholders are filled by `render` with values already formatted for the
# language (dates, money, labels). Chinese sentences end in full-width
# punctuation and hold no spaces around it; English sentences are joined with
# one space, and a text starting with a space joins the word before it.
#
# domain.md section 10: these texts go to the seller and the platform in the
# consumer's name. They say only what the consumer told us, address the reader
# as 您 (never 你), name each law once, and write dates one way per language.


class Phrase(StrEnum):
    """One sentence or clause of the request, the messages or the outcome."""

    # why the no-reason right does not carry the request (step texts, to the user)
    CONFIRMED_NON_RETURNABLE = "confirmed_non_returnable"
    EXCLUDED_CATEGORY = "excluded_category"
    NOT_INTACT = "not_intact"
    WINDOW_EXPIRED = "window_expired"
    # clauses inside the step and warning texts (to the user)
    DEADLINE_CLAUSE = "deadline_clause"
    DEADLINE_CLAUSE_DIRECT_RETURN = "deadline_clause_direct_return"
    DEADLINE_NAME = "deadline_name"
    DEADLINE_NAME_DIRECT_RETURN = "deadline_name_direct_return"
    DEADLINE_NAME_SIMPLE_ROUTE = "deadline_name_simple_route"
    COMPENSATION_CLAUSE = "compensation_clause"
    # the line naming the order
    ID_ORDER_NUMBER = "id_order_number"
    ID_PRODUCT = "id_product"
    ID_MERCHANT = "id_merchant"
    ID_AMOUNT = "id_amount"
    ID_SEPARATOR = "id_separator"
    ID_END = "id_end"
    # where the order is
    STATUS_NOT_SHIPPED = "status_not_shipped"
    STATUS_IN_TRANSIT = "status_in_transit"
    STATUS_NOT_ARRIVING = "status_not_arriving"
    STATUS_REFUSED_BAD_PACKAGE = "status_refused_bad_package"
    STATUS_REFUSED = "status_refused"
    STATUS_AT_THE_DOOR = "status_at_the_door"
    STATUS_SIGNED = "status_signed"
    STATUS_MARKED_SIGNED = "status_marked_signed"
    # what is wrong
    ISSUE_REASON = "issue_reason"
    ISSUE_PERSONAL_BEFORE_DELIVERY = "issue_personal_before_delivery"
    ISSUE_SEVEN_DAY_RETURN = "issue_seven_day_return"
    ISSUE_PROMISED_RETURN = "issue_promised_return"
    ISSUE_GOODWILL_RETURN = "issue_goodwill_return"
    ITEM_STATE = "item_state"
    # the problem in the consumer's own words (domain.md section 10)
    PROBLEM_WORDS = "problem_words"
    # the request text's lead: what is asked, for which reason
    DESCRIPTION_REASON = "description_reason"
    DESCRIPTION_AMOUNT = "description_amount"
    DESCRIPTION_SEVEN_DAY_GROUND = "description_seven_day_ground"
    DESCRIPTION_PROMISED_GROUND = "description_promised_ground"
    # what happened with the seller so far (to the platform / to the seller)
    CONTACT_REFUSED = "contact_refused"
    CONTACT_REFUSED_TO_SELLER = "contact_refused_to_seller"
    CONTACT_NO_REPLY = "contact_no_reply"
    CONTACT_NO_REPLY_TO_SELLER = "contact_no_reply_to_seller"
    CONTACT_AGREED = "contact_agreed"
    CONTACT_AGREED_TO_SELLER = "contact_agreed_to_seller"
    # evidence, amount, shipping
    ATTACHED = "attached"
    AMOUNT = "amount"
    AMOUNT_MISSING_PART = "amount_missing_part"
    SHIPPING_SELLER = "shipping_seller"
    SHIPPING_INSURANCE = "shipping_insurance"
    SHIPPING_BUYER = "shipping_buyer"
    RETURN_SHIPPING_LABEL = "return_shipping_label"
    # what the buyer asks for
    RESOLVE_CANCEL = "resolve_cancel"
    RESOLVE_INTERCEPT = "resolve_intercept"
    RESOLVE_REFUSED = "resolve_refused"
    RESOLVE_MISSING = "resolve_missing"
    RESOLVE_NOT_RECEIVED = "resolve_not_received"
    RESOLVE_SPOILED = "resolve_spoiled"
    RESOLVE_SPOILED_PART = "resolve_spoiled_part"
    RESOLVE_EXCHANGE = "resolve_exchange"
    RESOLVE_GOODWILL_RETURN = "resolve_goodwill_return"
    RESOLVE_GOODWILL_TAKE_BACK = "resolve_goodwill_take_back"
    RESOLVE_SELLER_RETURN = "resolve_seller_return"
    RESOLVE_RESERVE_ART55 = "resolve_reserve_art55"
    RESOLVE_RETURN = "resolve_return"
    # greetings and closings
    GREETING = "greeting"
    THANKS = "thanks"
    SELLER_ESCALATION_NOTICE = "seller_escalation_notice"
    # the appeal to the platform
    APPEAL_OPENING = "appeal_opening"
    APPEAL_REQUEST = "appeal_request"
    APPEAL_REQUEST_UNDER_LAW = "appeal_request_under_law"
    # the follow-up once a parcel went back (domain.md section 8)
    FOLLOWUP_RETURN = "followup_return"
    FOLLOWUP_SELLER_FAULT_RETURN = "followup_seller_fault_return"
    FOLLOWUP_EXCHANGE = "followup_exchange"
    FOLLOWUP_REFUSED = "followup_refused"
    FOLLOWUP_INTERCEPTED = "followup_intercepted"
    FOLLOWUP_SHIPPED_ON = "followup_shipped_on"
    FOLLOWUP_ORDER = "followup_order"
    FOLLOWUP_THIS_ORDER = "followup_this_order"
    # how a text that does not fit is shortened
    ELLIPSIS = "ellipsis"


PHRASES: dict[Phrase, Pair] = {
    Phrase.CONFIRMED_NON_RETURNABLE: (
        "你下单时确认过这件商品不支持七天无理由退货",
        "You confirmed at purchase that this item has no 7-day return",
    ),
    Phrase.EXCLUDED_CATEGORY: ("这件商品属于“{category}”", "This item is “{category}”"),
    Phrase.NOT_INTACT: (
        "商品已经使用过（或剪了吊牌、弄脏了），不再完好",
        "The item has been used (or its tags cut, or soiled), so it is no longer intact",
    ),
    Phrase.WINDOW_EXPIRED: (
        "已经超过签收后{days}天（最后一天是{last_day}）",
        "More than {days} days have passed since you signed for it (the last day was {last_day})",
    ),
    Phrase.DEADLINE_CLAUSE: (
        "最晚在{deadline}（含当天）提交。",
        " File it by {deadline} at the latest.",
    ),
    # A seller-fault claim does not end on D: only its simplest route does (section 10).
    Phrase.DEADLINE_CLAUSE_DIRECT_RETURN: (
        "最好在{deadline}（含当天）前提交：过了这天商家仍要负责，只是办法不同。",
        " Best file it by {deadline}: after that the seller still answers, by other means.",
    ),
    Phrase.DEADLINE_NAME: ("截止日", "The last day"),
    Phrase.DEADLINE_NAME_DIRECT_RETURN: (
        "直接退货的截止日",
        "The last day of the direct return",
    ),
    Phrase.DEADLINE_NAME_SIMPLE_ROUTE: (
        "签收后直接办理的截止日",
        "The last day to settle it directly after signing",
    ),
    Phrase.COMPENSATION_CLAUSE: (
        "按你实付的{paid}计算，赔偿为{compensation}。",
        " On the {paid} you paid, that is {compensation}.",
    ),
    Phrase.ID_ORDER_NUMBER: ("订单号：{value}", "Order number: {value}"),
    Phrase.ID_PRODUCT: ("商品：{value}", "product: {value}"),
    Phrase.ID_MERCHANT: ("商家：{value}", "seller: {value}"),
    Phrase.ID_AMOUNT: ("实付金额：{value}", "amount paid: {value}"),
    Phrase.ID_SEPARATOR: ("；", "; "),
    Phrase.ID_END: ("。", "."),
    Phrase.STATUS_NOT_SHIPPED: ("订单目前尚未发货。", "The order has not been shipped yet."),
    Phrase.STATUS_IN_TRANSIT: (
        "订单已发货，包裹还在运输途中，我没有签收。",
        "The order has been shipped and is still in transit; I have not signed for it.",
    ),
    # not_received in transit: stalled or lost, as the consumer said, not "on its way".
    Phrase.STATUS_NOT_ARRIVING: (
        "订单已发货，但包裹一直没有送到，我没有签收。",
        "The order was shipped but the parcel never arrived; I have not signed for it.",
    ),
    Phrase.STATUS_REFUSED_BAD_PACKAGE: (
        "包裹派送时外包装{state}，我当面拒收，没有签收。",
        "At delivery the parcel {state}; I refused it without signing.",
    ),
    Phrase.STATUS_REFUSED: (
        "包裹派送时我当面拒收，没有签收。",
        "I refused the parcel at delivery and did not sign for it.",
    ),
    # A negotiation at the door: nothing is refused before the seller agrees (section 9).
    Phrase.STATUS_AT_THE_DOOR: (
        "包裹正在派送，我还没有签收。",
        "The parcel is out for delivery; I have not signed for it.",
    ),
    Phrase.STATUS_SIGNED: ("我于{day}签收了这笔订单。", "I signed for the order on {day}."),
    Phrase.STATUS_MARKED_SIGNED: (
        "物流显示{day}已签收，但我本人没有收到这个包裹。",
        "Tracking shows the parcel signed for on {day}, but it never reached me.",
    ),
    Phrase.ISSUE_REASON: ("原因：{reason}。", "Reason: {reason}."),
    Phrase.ISSUE_PERSONAL_BEFORE_DELIVERY: (
        "因个人原因（{reason}）申请退款。",
        "I am asking for a refund for a personal reason ({reason}).",
    ),
    # Only what the consumer told us: no "吊牌、配件、赠品齐全" nobody confirmed (section 10).
    Phrase.ISSUE_SEVEN_DAY_RETURN: (
        "因{reason}，申请七天无理由退货。",
        "I am returning it under the 7-day no-reason rule ({reason}).",
    ),
    Phrase.ISSUE_PROMISED_RETURN: (
        "因{reason}，按商品页承诺的{days}天无理由退货申请退货。",
        "I am returning it under the {days}-day no-reason return the listing promised ({reason}).",
    ),
    Phrase.ISSUE_GOODWILL_RETURN: (
        "因{reason}，希望退货。",
        "I would like to return it ({reason}).",
    ),
    Phrase.ITEM_STATE: ("商品{state}。", "The item {state}."),
    Phrase.PROBLEM_WORDS: ("具体情况：“{words}”。", "In my words: “{words}”."),
    Phrase.DESCRIPTION_REASON: ("退款原因：{reason}。", "Reason: {reason}."),
    Phrase.DESCRIPTION_AMOUNT: ("申请金额：{money}。", "Amount: {money}."),
    # The no-reason ground in the request text, whose lead already names the reason.
    Phrase.DESCRIPTION_SEVEN_DAY_GROUND: (
        "申请七天无理由退货。",
        "Under the 7-day no-reason rule.",
    ),
    Phrase.DESCRIPTION_PROMISED_GROUND: (
        "按商品页承诺的{days}天无理由退货申请。",
        "Under the {days}-day no-reason return the listing promised.",
    ),
    Phrase.CONTACT_REFUSED: (
        "此前我已联系商家，商家拒绝处理。",
        "I contacted the seller, who refused.",
    ),
    Phrase.CONTACT_REFUSED_TO_SELLER: (
        "之前已和您沟通过，但没有得到处理。",
        "We discussed this before, but it has not been resolved.",
    ),
    Phrase.CONTACT_NO_REPLY: (
        "此前我已联系商家，商家一直没有回复。",
        "I contacted the seller, who has not replied.",
    ),
    Phrase.CONTACT_NO_REPLY_TO_SELLER: (
        "之前给您发过消息，一直没有收到回复。",
        "I wrote to you before and have had no reply.",
    ),
    Phrase.CONTACT_AGREED: ("已与商家协商一致。", "The seller has agreed to this."),
    Phrase.CONTACT_AGREED_TO_SELLER: ("我们之前已协商一致。", "We agreed on this before."),
    Phrase.ATTACHED: ("已附上：{items}。", "Attached: {items}."),
    Phrase.AMOUNT: ("（{money}）", " ({money})"),
    Phrase.AMOUNT_MISSING_PART: ("（漏发部分对应的金额）", " (the missing part's value)"),
    Phrase.SHIPPING_SELLER: ("退回运费应由商家承担。", "Return shipping is the seller's to pay."),
    Phrase.SHIPPING_INSURANCE: (
        "退回运费由运费险承担。",
        "Return shipping is covered by the insurance.",
    ),
    Phrase.SHIPPING_BUYER: ("退回运费由我承担。", "I will pay the return shipping."),
    Phrase.RETURN_SHIPPING_LABEL: ("退回运费：{payer}", "Return shipping: {payer}"),
    Phrase.RESOLVE_CANCEL: (
        "请同意取消订单，并原路退还货款{amount}。",
        "Please cancel the order and refund the payment{amount} to my original method.",
    ),
    Phrase.RESOLVE_INTERCEPT: (
        "请拦截退回包裹，并为我办理仅退款{amount}；拦截不成功我将拒收。",
        "Please have the parcel intercepted and refund me{amount}; if it cannot be "
        "stopped I will refuse it.",
    ),
    Phrase.RESOLVE_REFUSED: (
        "请在包裹退回后为我办理仅退款{amount}，原路退回。",
        "Please refund me{amount} once the parcel is back with you.",
    ),
    Phrase.RESOLVE_MISSING: (
        "请为漏发部分办理退款{amount}，或尽快补发漏发的商品。",
        "Please refund the missing part{amount} or send it without delay.",
    ),
    Phrase.RESOLVE_NOT_RECEIVED: (
        "请为我办理仅退款{amount}，或尽快补发。",
        "Please refund me{amount}, or send the order again without delay.",
    ),
    Phrase.RESOLVE_SPOILED: (
        "请为我办理仅退款{amount}，或只退坏掉部分的金额，或补发。",
        "Please refund me{amount}, or refund the spoiled part, or send a replacement.",
    ),
    Phrase.RESOLVE_SPOILED_PART: (
        "请为坏掉的部分办理仅退款{amount}，或补发。",
        "Please refund the spoiled part{amount}, or send a replacement.",
    ),
    # Row 10: the window of W days has passed. "The problem", never 质量问题: a
    # not_as_described claim is not called a quality problem (domain.md section 2).
    Phrase.RESOLVE_EXCHANGE: (
        "虽已过签收后{days}天，但商品的问题依法仍应由商家负责，请为我换货或维修，来回运费由商家承担。",
        "{days} days have passed since delivery, but the seller still answers for the problem: "
        "please exchange or repair it, with shipping both ways at the seller's cost.",
    ),
    Phrase.RESOLVE_GOODWILL_RETURN: (
        "恳请您通融，同意退货退款{amount}，退回运费由我承担。",
        "I would be grateful if you could accept a return and refund{amount}; I will "
        "pay the return shipping.",
    ),
    Phrase.RESOLVE_GOODWILL_TAKE_BACK: (
        "恳请您通融，同意拦截退回并退款{amount}，相关运费由我承担。",
        "I would be grateful if you could take the parcel back and refund me{amount}; I "
        "will pay the shipping.",
    ),
    Phrase.RESOLVE_SELLER_RETURN: (
        "请同意退货退款{amount}，来回运费由商家承担。",
        "Please accept the return and refund me{amount}; the seller pays shipping both ways.",
    ),
    Phrase.RESOLVE_RESERVE_ART55: (
        "同时，我保留依据{law}要求三倍赔偿（不足500元按500元）的权利。",
        "I reserve my claim under {law} to three times the price (at least 500 yuan).",
    ),
    Phrase.RESOLVE_RETURN: (
        "请同意退货退款{amount}。",
        "Please accept the return and refund me{amount}.",
    ),
    Phrase.GREETING: ("您好！", "Hello."),
    Phrase.THANKS: ("谢谢！", "Thank you."),
    Phrase.SELLER_ESCALATION_NOTICE: (
        "如果仍不处理，我将申请小红书平台介入。",
        "If this is not resolved, I will ask Xiaohongshu to step in.",
    ),
    Phrase.APPEAL_OPENING: (
        "小红书官方客服您好：我申请平台介入。",
        "Dear Xiaohongshu customer service, I am asking for platform intervention.",
    ),
    Phrase.APPEAL_REQUEST: (
        "请平台支持我的“{type_label}”申请{amount}。谢谢！",
        "Please support my “{type_label}” request{amount}. Thank you.",
    ),
    Phrase.APPEAL_REQUEST_UNDER_LAW: (
        "依据{laws}，请平台支持我的“{type_label}”申请{amount}。谢谢！",
        "Under {laws}: please support my “{type_label}” request{amount}. Thank you.",
    ),
    # A no-reason return: CRPL Art. 25 para 3 (refund in 7 days), Penalties Art. 9 (15 days).
    Phrase.FOLLOWUP_RETURN: (
        "您好！我已{shipped_on}按要求寄回{order}的商品，退货单号已填写在售后页面。"
        "根据《消费者权益保护法》第25条，商家应自收到退回商品之日起7日内退款；"
        "超过15日仍不退款的，依《侵害消费者权益行为处罚办法》第9条视为故意拖延。"
        "请尽快为我退款{amount}，否则我将申请小红书平台介入，并向12315投诉。谢谢！",
        "Hello, I sent back the goods of {order}{shipped_on} as the after-sales request "
        "asked; the tracking number is on the after-sales page. Under Consumer Rights "
        "Protection Law Art. 25 the seller must refund within 7 days of receiving the "
        "return; no refund within 15 days counts as "
        "deliberate delay under Measures on Penalties for Infringing Consumer Rights Art. 9. "
        "Please refund me{amount} without delay, or I will ask Xiaohongshu to step in and "
        "complain to 12315. Thank you.",
    ),
    # A seller-fault return: Penalties Art. 8 (domain.md section 3: "for seller-fault claims").
    Phrase.FOLLOWUP_SELLER_FAULT_RETURN: (
        "您好！我已{shipped_on}按要求寄回{order}的商品，退货单号已填写在售后页面。"
        "超过15日仍不退款的，依《侵害消费者权益行为处罚办法》第8条视为故意拖延。"
        "请尽快为我退款{amount}，否则我将申请小红书平台介入，并向12315投诉。谢谢！",
        "Hello, I sent back the goods of {order}{shipped_on} as the after-sales request "
        "asked; the tracking number is on the after-sales page. No refund within 15 days "
        "counts as deliberate delay under Measures on Penalties for Infringing Consumer "
        "Rights Art. 8. Please refund me{amount} without delay, or I will ask Xiaohongshu "
        "to step in and complain to 12315. Thank you.",
    ),
    Phrase.FOLLOWUP_EXCHANGE: (
        "您好！我已{shipped_on}按要求寄回{order}的商品以便换货或维修，单号已填写在售后页面。"
        "超过15日仍不处理的，依《侵害消费者权益行为处罚办法》第8条视为故意拖延。"
        "请尽快寄出换货或修好的商品，否则我将申请小红书平台介入，并向12315投诉。谢谢！",
        "Hello, I sent back the goods of {order}{shipped_on} for an exchange or repair as "
        "the after-sales request asked; the tracking number is on the after-sales page. Not "
        "dealing with it within 15 days counts as deliberate delay under Measures on "
        "Penalties for Infringing Consumer Rights Art. 8. Please send the replacement or the "
        "repaired item without delay, or I will ask Xiaohongshu to step in and complain to "
        "12315. Thank you.",
    ),
    Phrase.FOLLOWUP_REFUSED: (
        "您好！{order}的包裹我已当面拒收，包裹已{shipped_on}退回。"
        "请尽快为我退款{amount}，否则我将申请小红书平台介入。谢谢！",
        "Hello, I refused the parcel of {order} at delivery and it went back{shipped_on}. "
        "Please refund me{amount} without delay, or I will ask Xiaohongshu to step in. "
        "Thank you.",
    ),
    Phrase.FOLLOWUP_INTERCEPTED: (
        "您好！{order}的包裹已经拦截或由我拒收，包裹已{shipped_on}退回。"
        "请尽快为我退款{amount}，否则我将申请小红书平台介入。谢谢！",
        "Hello, the parcel of {order} was intercepted or refused by me, and it went "
        "back{shipped_on}. Please refund me{amount} without delay, or I will ask Xiaohongshu "
        "to step in. Thank you.",
    ),
    Phrase.FOLLOWUP_SHIPPED_ON: ("于{day}", " on {day}"),
    Phrase.FOLLOWUP_ORDER: ("订单{number}", "order {number}"),
    Phrase.FOLLOWUP_THIS_ORDER: ("这笔订单", "this order"),
    Phrase.ELLIPSIS: ("…", "…"),
}

# How the parcel looked at the door, inside STATUS_REFUSED_BAD_PACKAGE.
DOOR_PACKAGE_STATES: dict[PackageCondition, Pair] = {
    PackageCondition.DAMAGED: ("破损变形", "was torn or crushed"),
    PackageCondition.WET: ("有明显湿渍", "was visibly wet"),
    PackageCondition.TAMPERED: (
        "有被拆开、二次封装的痕迹",
        "showed signs of being opened and re-sealed",
    ),
}

# What is wrong with a signed-for order the seller is responsible for.
SELLER_FAULT_ISSUES: dict[Reason, Pair] = {
    Reason.PACKAGE_DAMAGED: (
        "包裹在运输途中破损，商品受损。",
        "The parcel was damaged in transit and the item with it.",
    ),
    Reason.QUALITY_ISSUE: (
        "收到后发现商品有质量问题。",
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
    Reason.NOT_RECEIVED: ("我没有收到货。", "I have not received the goods."),
    Reason.LATE_SHIPMENT: (
        "商家没有按承诺的时间发货。",
        "The seller did not ship within the time it promised.",
    ),
}

# The item's state as the consumer answered it, inside ITEM_STATE. No answer, no sentence:
# "intact" is never said in the consumer's name unless they chose it.
ITEM_STATES: dict[ItemCondition, Pair] = {
    ItemCondition.UNOPENED: ("未拆封", "is still sealed"),
    ItemCondition.OPENED_INTACT: ("仅拆开检查过，未使用", "was only opened to check, not used"),
    ItemCondition.USED: ("已使用", "has been used"),
}


def phrase(key: Phrase, language: Language, **values: str) -> str:
    """One catalogue sentence in `language`, its placeholders filled from `values`."""
    return pick(PHRASES[key], language).format_map(values)


# --- citations: each law named once per text (domain.md section 10) ------------

# The law each LegalCode belongs to, and its article: the labels above spell out one article;
# `cite` names several articles of one law under its name once.
LAW_NAMES: dict[str, Pair] = {
    "crpl": ("《消费者权益保护法》", "Consumer Rights Protection Law"),
    "measures": ("《网络购买商品七日无理由退货暂行办法》", "7-Day Return Measures"),
    "ecl": ("《电子商务法》", "E-Commerce Law"),
    "regulations": (
        "《消费者权益保护法实施条例》",
        "Consumer Rights Protection Regulations",
    ),
    "civil": ("《民法典》", "Civil Code"),
    "food_safety": ("《食品安全法》", "Food Safety Law"),
    "penalties": (
        "《侵害消费者权益行为处罚办法》",
        "Measures on Penalties for Infringing Consumer Rights",
    ),
    "courier": ("《快递市场管理办法》", "Express Delivery Market Measures"),
}


def law_and_article(code: LegalCode) -> tuple[str, str]:
    """("crpl", "16") for crpl_16: the code's law and its article number."""
    law, _, article = str(code).rpartition("_")
    return law, article


def cite(codes: list[LegalCode] | tuple[LegalCode, ...], language: Language) -> str:
    """The articles, grouped by law in the order given, each law named once.

    《消费者权益保护法》第24条、第55条、《民法典》第563条 /
    Consumer Rights Protection Law, Arts. 24 and 55; Civil Code, Art. 563
    """
    articles: dict[str, list[str]] = {}
    for code in codes:
        law, article = law_and_article(code)
        articles.setdefault(law, []).append(article)
    zh = language != ENGLISH
    parts = []
    for law, numbers in articles.items():
        name = pick(LAW_NAMES[law], language)
        if zh:
            parts.append(name + "、".join(f"第{n}条" for n in numbers))
        elif len(numbers) == 1:
            parts.append(f"{name}, Art. {numbers[0]}")
        else:
            parts.append(f"{name}, Arts. {', '.join(numbers[:-1])} and {numbers[-1]}")
    return "、".join(parts) if zh else "; ".join(parts)
