"""What a simulated phone answers: the wizard's longest path and one small real JPEG.

Plain Python (no Locust import, so no gevent monkey-patching): the locustfile
and bench/load/profile_wizard.py share it.
"""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PIL import Image


def _photo() -> bytes:
    """A small real JPEG (640x480, a gradient with detail), made once per process."""
    image = Image.new("RGB", (640, 480))
    image.putdata(
        [
            ((x * 7) % 256, (y * 5) % 256, ((x ^ y) * 3) % 256)
            for y in range(480)
            for x in range(640)
        ]
    )
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


PHOTO = _photo()


def answers() -> list[tuple[str, dict[str, str]]]:
    """The wizard's steps in order and a valid answer for each (longest path)."""
    received_on = (datetime.now(ZoneInfo("Asia/Shanghai")).date() - timedelta(days=2)).isoformat()
    return [
        ("status", {"order_status": "received"}),
        ("package", {"package_condition": "intact"}),
        ("reason", {"reason": "size_unsuitable"}),
        ("received", {"received_on": received_on, "item_condition": "opened_intact"}),
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
