"""Simulated phones walking the refund wizard to the end, and a bare-view baseline.

Run by bench/load/run.py (which starts gunicorn, PostgreSQL and Redis for it);
by hand: `.venv/bin/locust -f bench/load/locustfile.py --headless -u 50 -r 10
-t 60s --host http://127.0.0.1:PORT PhoneUser` (or `BareViewUser`).

A phone does what a browser does: GET /start/ (302 to the first step), then for
every step GET the page and POST the answers with the CSRF token and the
formtools management field ``refund_<flow_id>-current_step``; the evidence step
posts one real JPEG; after "confirm" it follows /w/<flow>/done/ to the
case page. Each request is named by its step ("status GET", "status POST"...),
so Locust reports latency per step. Answers follow the longest path (a parcel
received two days ago: all thirteen steps) with an e-mail, so each case also
schedules its reminders.

Environment: LOAD_THINK_SECONDS (default 0: back-to-back, to measure capacity)
pauses that long before each of a phone's pages (reading the question).
LOAD_CLIENT picks Locust's HTTP client: "fast" (default, FastHttpUser on
geventhttpclient, which Locust suggests when the load generator is CPU-bound: it leaves more of
the shared CPU to the server) or "requests" (HttpUser on python-requests,
about twice the client CPU per request: 1.24 vs 0.54 ms measured).
LOAD_PHOTO is the photo uploaded on the evidence step: "small" (default,
640x480, ~70 KB) or "phone" (12 MP, ~3.9 MB, what a phone camera sends).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import gevent
from locust import FastHttpUser, HttpUser, constant, task

sys.path.insert(0, str(Path(__file__).resolve().parent))
from phone import answers, photo

THINK_SECONDS = float(os.environ.get("LOAD_THINK_SECONDS", "0"))
CLIENT = os.environ.get("LOAD_CLIENT", "fast")
if CLIENT not in ("fast", "requests"):
    raise SystemExit(f"LOAD_CLIENT must be 'fast' or 'requests', not {CLIENT!r}")
PHOTO = photo(os.environ.get("LOAD_PHOTO", "small"))
BaseUser = FastHttpUser if CLIENT == "fast" else HttpUser
FLOW_URL = re.compile(r"/w/([A-Za-z0-9_-]{22})/([a-z_]+)/$")


def _lists_one_photo(page: str) -> bool:
    """The case page lists the uploaded photo, once (the upload really landed)."""
    return page.count("data-evidence-item") == 1 and "parcel.jpg" in page


class PhoneUser(BaseUser):
    """One phone = one wizard run after another, each in a fresh browser session."""

    wait_time = constant(0)

    def _think(self) -> None:
        if THINK_SECONDS:
            gevent.sleep(THINK_SECONDS)

    def _new_visitor(self) -> None:
        """Forget every cookie: a new session and a new CSRF cookie."""
        if CLIENT == "fast":
            self.client.cookiejar.clear()
        else:
            self.client.cookies.clear()

    def _csrf_token(self) -> str:
        jar = self.client.cookiejar if CLIENT == "fast" else self.client.cookies
        return next((cookie.value for cookie in jar if cookie.name == "csrftoken"), "")

    def _fail(self, response, why: str) -> None:
        response.failure(f"{why}: HTTP {response.status_code} {response.text[:200]!r}")

    @task
    def walk_the_wizard(self) -> None:
        self._new_visitor()
        with self.client.get(
            "/start/", name="start", allow_redirects=False, catch_response=True
        ) as response:
            match = FLOW_URL.search(response.headers.get("Location", ""))
            if response.status_code != 302 or not match:
                self._fail(response, "start did not redirect to a step")
                return
        flow_id = match.group(1)
        prefix = f"refund_{flow_id}"
        steps = answers()
        for index, (step, data) in enumerate(steps):
            url = f"/w/{flow_id}/{step}/"
            self._think()
            with self.client.get(url, name=f"{step} GET", catch_response=True) as response:
                if response.status_code != 200:
                    self._fail(response, f"{step} page")
                    return
            token = self._csrf_token()
            payload = {f"{step}-{key}": value for key, value in data.items()}
            payload[f"{prefix}-current_step"] = step
            payload["csrfmiddlewaretoken"] = token
            files = (
                {"evidence-upload": ("parcel.jpg", PHOTO, "image/jpeg")}
                if step == "evidence"
                else None
            )
            following = steps[index + 1][0] if index + 1 < len(steps) else "done"
            with self.client.post(
                url,
                data=payload,
                files=files,
                headers={"Referer": self.host + url},
                name=f"{step} POST",
                allow_redirects=False,
                catch_response=True,
            ) as response:
                location = response.headers.get("Location", "")
                if response.status_code != 302 or not location.endswith(f"/{following}/"):
                    self._fail(response, f"{step} answer not accepted (expected {following})")
                    return
        self._think()
        with self.client.get(
            f"/w/{flow_id}/done/", name="done GET", allow_redirects=False, catch_response=True
        ) as response:
            case_url = response.headers.get("Location", "")
            if response.status_code != 302 or not case_url.startswith("/c/"):
                self._fail(response, "the case was not saved")
                return
        with self.client.get(case_url, name="case GET", catch_response=True) as response:
            if response.status_code != 200:
                self._fail(response, "case page")
            elif not _lists_one_photo(response.text):
                self._fail(response, "the case page does not list the uploaded photo")


class BareViewUser(BaseUser):
    """The baseline: Django's cheapest view on the same server (`/healthz?light=1`)."""

    wait_time = constant(THINK_SECONDS)

    @task
    def light_health(self) -> None:
        self.client.get("/healthz?light=1", name="healthz light")
