"""The wizard's session store against Django's database store, same run, same rows.

Run: .venv/bin/python bench/session_store.py [--rounds 5] [--n 2000]
Creates a scratch PostgreSQL database (createdb on 127.0.0.1:5432, dropped at
the end), stores one session holding a wizard's answers as in a real run, then
times, interleaved over several rounds, N reads (a new store object loading the
row, as every request does) and N rewrites (load, change an answer, save, as
every answered step does) with each store. Prints the medians in microseconds
and the ratio ours / Django's (lower is better).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scratch import django_on_scratch_postgres  # noqa: E402

ANSWERS = {
    "step": "details",
    "step_data": {
        "status": {"status-order_status": ["received"]},
        "package": {"package-package_condition": ["intact"]},
        "reason": {"reason-reason": ["size_unsuitable"]},
        "received": {"received-received_on": ["2026-11-24"]},
        "category": {"category-item_category": ["ordinary"]},
        "insurance": {"insurance-insured": ["unknown"]},
    },
    "step_files": {},
    "extra_data": {},
}


def timed(n: int, action) -> float:  # noqa: ANN001
    started = time.perf_counter()
    for _ in range(n):
        action()
    return (time.perf_counter() - started) / n * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--pg-user", default=os.environ.get("PGUSER", "root"))
    args = parser.parse_args()
    with django_on_scratch_postgres("bench_session", pg_user=args.pg_user):
        from django.contrib.sessions.backends.db import SessionStore as DjangoStore

        from wizard.session_store import SessionStore as OurStore

        stores = {"django": DjangoStore, "ours": OurStore}
        keys = {}
        for name, store_class in stores.items():
            store = store_class()
            store["wizard_refund_bench"] = ANSWERS
            store.create()
            keys[name] = store.session_key

        def read(name: str):  # noqa: ANN202
            store_class, key = stores[name], keys[name]
            return lambda: store_class(key).load()

        def rewrite(name: str):  # noqa: ANN202
            store_class, key = stores[name], keys[name]

            def action() -> None:
                store = store_class(key)
                data = store["wizard_refund_bench"]
                data["step"] = "seller" if data["step"] == "details" else "details"
                store["wizard_refund_bench"] = data
                store.save()

            return action

        results = {(op, name): [] for op in ("read", "rewrite") for name in stores}
        for name in stores:  # warm-up
            timed(50, read(name))
            timed(50, rewrite(name))
        for _ in range(args.rounds):
            for op, make in (("read", read), ("rewrite", rewrite)):
                for name in stores:
                    results[(op, name)].append(timed(args.n, make(name)))
        print(f"PostgreSQL 127.0.0.1, {args.rounds} rounds x {args.n}, medians")
        for op in ("read", "rewrite"):
            django_us = statistics.median(results[(op, "django")])
            ours_us = statistics.median(results[(op, "ours")])
            print(
                f"{op:8s} Django's db store {django_us:6.0f} us, ours {ours_us:6.0f} us, "
                f"ratio ours/Django {ours_us / django_us:.2f}"
            )


if __name__ == "__main__":
    main()
