"""The user's file name is kept only as data, made safe to display."""

import pytest

from wizard.evidence.services import NAME_MAX_CHARS, evidence_display_name


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc/passwd.jpg", "passwd.jpg"),
        ("C:\\Users\\me\\IMG_1.HEIC", "IMG_1.HEIC"),
        ("bad\x00name.jpg", "badname.jpg"),
        ("evil\u202egpj.exe", "evilgpj.exe"),
        ("  line\nbreak.png ", "line break.png"),
        ("", "unnamed file"),
        ("..", "unnamed file"),
    ],
)
def test_display_name_drops_paths_and_control_characters(raw, expected):
    assert evidence_display_name(raw) == expected


def test_display_name_caps_very_long_unicode_names_and_keeps_the_extension():
    name = evidence_display_name("破损的包裹" * 100 + ".jpg")
    assert len(name) <= NAME_MAX_CHARS
    assert name.endswith("….jpg")
