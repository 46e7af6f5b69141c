"""In-process latency of `POST /api/v1/assessments`: an answer (200) and named errors (400).

Run: .venv/bin/python bench/api_assessment.py [--rounds N]
Prints the median and p95 in milliseconds of each, through Django's test client
(the whole middleware stack and ninja's parsing, validation and rendering; no
socket). The endpoint stores nothing, so no database is touched.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"

import django

django.setup()

from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

ANSWER = {
    "order_status": "received",
    "reason": "quality_issue",
    "received_on": "2026-11-20",
    "today": "2026-11-24",
    "item_condition": "used",
    "amount_paid": "199",
    "order_number": "P20261120",
    "product_name": "连衣裙",
}
ERRORS = {"order_status": "shipped", "reason": "bored", "amount_paid": "1.999"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=500)
    rounds = parser.parse_args().rounds
    setup_test_environment()
    client = Client()
    for name, body, status in (("200 answer", ANSWER, 200), ("400 errors", ERRORS, 400)):
        raw = json.dumps(body)
        timings = []
        for index in range(rounds + 50):
            start = time.perf_counter()
            response = client.post("/api/v1/assessments", raw, content_type="application/json")
            elapsed = (time.perf_counter() - start) * 1000
            assert response.status_code == status, response.content
            if index >= 50:  # warm-up rounds are not counted
                timings.append(elapsed)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95)]
        print(f"{name}: median {statistics.median(timings):.2f} ms, p95 {p95:.2f} ms")


if __name__ == "__main__":
    main()
