"""What a simulated phone answers: the wizard's longest path and one real JPEG.

Plain Python (no Locust import, so no gevent monkey-patching): the locustfile
and bench/load/profile_wizard.py share it.
"""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PIL import Image


def _pattern(width: int, height: int) -> Image.Image:
    """A gradient with fine detail (compresses like a photo, not like a flat image)."""
    image = Image.new("RGB", (width, height))
    image.putdata(
        [
            ((x * 7) % 256, (y * 5) % 256, ((x ^ y) * 3) % 256)
            for y in range(height)
            for x in range(width)
        ]
    )
    return image


def _jpeg(image: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=quality)
    return out.getvalue()


def _small_photo() -> bytes:
    """A small real JPEG (640x480), about 70 KB."""
    return _jpeg(_pattern(640, 480), quality=85)


def _phone_photo() -> bytes:
    """What a phone camera sends: 12 megapixels (4032x3024), about 3.9 MB.

    The detailed pattern scaled up, with 15 % sensor-like noise so that it
    compresses like a real photo (a flat image would be a few hundred KB).
    """
    size = (4032, 3024)
    base = _pattern(672, 504).resize(size, Image.Resampling.BICUBIC)
    noise = Image.merge("RGB", [Image.effect_noise(size, 40)] * 3)
    return _jpeg(Image.blend(base, noise, 0.15), quality=90)


def photo(kind: str = "small") -> bytes:
    """The photo a simulated phone uploads: "small" (640x480) or "phone" (12 MP)."""
    if kind == "small":
        return _small_photo()
    if kind == "phone":
        return _phone_photo()
    raise ValueError(f"photo kind must be 'small' or 'phone', not {kind!r}")


PHOTO = _small_photo()


def answers() -> list[tuple[str, dict[str, str]]]:
    """The wizard's steps in order and a valid answer for each (longest path)."""
    received_on = (datetime.now(ZoneInfo("Asia/Shanghai")).date() - timedelta(days=2)).isoformat()
    return [
        ("status", {"order_status": "received"}),
        ("package", {"package_condition": "intact"}),
        ("reason", {"reason": "size_unsuitable"}),
        ("received", {"received_on": received_on}),
        ("condition", {"item_condition": "opened_intact"}),
        ("promised", {}),
        ("category", {"item_category": "standard"}),
        ("insurance", {"shipping_insurance": "yes"}),
        ("seller", {"seller_response": "not_contacted"}),
        (
            "details",
            {
                "order_number": "P7788",
                "merchant_name": "小美服饰",
                "product_name": "羊毛大衣",
                "amount_paid": "199.00",
            },
        ),
        ("evidence", {}),
        ("email", {"email": "buyer@example.com"}),
        ("confirm", {}),
    ]
