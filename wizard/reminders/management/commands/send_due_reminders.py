"""`python manage.py send_due_reminders [--now ISO-8601]` (api.md section 2)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from wizard.reminders.services import reminders_send_due


def parse_now(value: str) -> datetime:
    """ISO 8601; a time without offset is China time (Asia/Shanghai)."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"Invalid --now {value!r}: expected an ISO 8601 date-time such as "
            "2026-11-24T09:00:00+08:00"
        ) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_default_timezone())
    return moment


class Command(BaseCommand):
    help = "Send every reminder due at --now (default: now) that has not been sent yet."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now",
            help="ISO 8601 date-time to send as of (without offset: China time). Default: now.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now = parse_now(options["now"]) if options.get("now") else timezone.now()
        sent = reminders_send_due(now=now)
        self.stdout.write(f"sent {sent} reminders")
