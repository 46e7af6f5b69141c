"""E-mails per second to a local SMTP server (aiosmtpd), one connection reused.

Builds N real reminder e-mails (HTML + text) and sends them with one Django
SMTP connection (send_messages), as a sweep does; prints messages per second
(goal: >= 100). For comparison it also times a connection per message.

    .venv/bin/python bench/reminders_smtp.py [--count 2000]
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class Sink:
    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=2000)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    import logging

    logging.getLogger("mail.log").setLevel(logging.WARNING)
    from aiosmtpd.controller import Controller
    from django.core.mail import EmailMultiAlternatives, get_connection
    from django.template.loader import render_to_string

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    context = {
        "kind": "r3",
        "kinds": __import__("wizard.reminders.models", fromlist=["x"]).ReminderKind,
        "subject": "还剩 3 天申请退款",
        "deadline_text": "2026年11月27日",
        "days_left": 3,
        "procedure_label": "退货退款",
        "return_shipping_label": "退回运费：商家承担",
        "steps": [{"title": f"步骤 {i}", "detail": "说明" * 40} for i in range(7)],
        "case_url": "http://127.0.0.1:8000/c/x/",
        "submitted_url": "http://127.0.0.1:8000/r/t/stop/",
        "unsubscribe_url": "http://127.0.0.1:8000/r/t/unsubscribe/",
    }
    text = render_to_string("reminders/email/reminder.txt", context)
    html = render_to_string("reminders/email/reminder.html", context)

    def messages(n: int) -> list[EmailMultiAlternatives]:
        out = []
        for i in range(n):
            m = EmailMultiAlternatives(
                context["subject"], text, "reminders@example.com", [f"buyer{i}@example.com"]
            )
            m.attach_alternative(html, "text/html")
            out.append(m)
        return out

    kwargs = dict(
        backend="django.core.mail.backends.smtp.EmailBackend",
        host="127.0.0.1",
        port=port,
        use_tls=False,
        use_ssl=False,
        username="",
        password="",
        timeout=10,
    )
    batch = messages(args.count)
    started = time.perf_counter()
    with get_connection(**kwargs) as connection:
        for message in batch:  # one at a time, as the sweep does, on one connection
            connection.send_messages([message])
    reused = args.count / (time.perf_counter() - started)

    few = messages(min(args.count, 300))
    started = time.perf_counter()
    for message in few:
        with get_connection(**kwargs) as connection:
            connection.send_messages([message])
    fresh = len(few) / (time.perf_counter() - started)
    controller.stop()
    assert sink.count == args.count + len(few), sink.count
    print(f"one connection reused: {reused:.0f} e-mails/s ({args.count} e-mails, goal >= 100)")
    print(f"a connection each:     {fresh:.0f} e-mails/s ({len(few)} e-mails)")
    print(f"ratio reused/fresh:    {reused / fresh:.2f}")


if __name__ == "__main__":
    main()
