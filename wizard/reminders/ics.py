"""A tiny iCalendar (RFC 5545) writer for the deadline: one all-day VEVENT with alarms."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

CRLF = "\r\n"


def ics_escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def ics_fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1)."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return CRLF.join(out)


def deadline_ics(
    *,
    uid: str,
    deadline: date,
    summary: str,
    description: str,
    url: str,
    alarm_text: str,
    stamp: datetime,
) -> str:
    """The calendar text: the deadline as an all-day event on D, alarms at 09:00 on D-1 and D."""
    stamp_utc = stamp.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Refund Wizard//Deadline reminders//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{ics_escape(uid)}",
        f"DTSTAMP:{stamp_utc}",
        f"DTSTART;VALUE=DATE:{deadline:%Y%m%d}",
        f"DTEND;VALUE=DATE:{deadline + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{ics_escape(summary)}",
        f"DESCRIPTION:{ics_escape(description)}",
        f"URL:{url}",
        "TRANSP:TRANSPARENT",
    ]
    # An all-day event starts at 00:00 local: -PT15H is 09:00 the day before,
    # PT9H is 09:00 on the last day.
    for trigger in ("-PT15H", "PT9H"):
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{ics_escape(alarm_text)}",
            f"TRIGGER;RELATED=START:{trigger}",
            "END:VALARM",
        ]
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return CRLF.join(ics_fold(line) for line in lines) + CRLF
