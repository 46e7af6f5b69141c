from datetime import UTC, date, datetime

from wizard.reminders.ics import deadline_ics, ics_escape, ics_fold


def _calendar(**overrides):
    values = dict(
        uid="deadline-1@example.com",
        deadline=date(2026, 11, 27),
        summary="最后一天, 退货; 退款",
        description="line one\nline two",
        url="https://example.com/c/abc/",
        alarm_text="Refund deadline",
        stamp=datetime(2026, 11, 20, 4, 0, tzinfo=UTC),
    )
    values.update(overrides)
    return deadline_ics(**values)


def test_the_deadline_is_an_all_day_event_on_d_with_alarms_and_crlf_lines():
    text = _calendar()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert "DTSTART;VALUE=DATE:20261127\r\n" in text
    assert "DTEND;VALUE=DATE:20261128\r\n" in text
    assert "DTSTAMP:20261120T040000Z\r\n" in text
    assert text.count("BEGIN:VALARM") == 2 and "TRIGGER;RELATED=START:-PT15H" in text


def test_text_values_are_escaped():
    assert ics_escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    assert "SUMMARY:最后一天\\, 退货\\; 退款\r\n" in _calendar()
    assert "DESCRIPTION:line one\\nline two\r\n" in _calendar()


def test_long_lines_fold_at_75_octets_without_breaking_a_character():
    line = "SUMMARY:" + "退款" * 40
    folded = ics_fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line
