"""One reading of tests/data/scenarios_public.json's `expect` keys, shared by every test of it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SCENARIOS_FILE = Path(__file__).resolve().parent / "data" / "scenarios_public.json"
SCENARIOS: list[dict[str, Any]] = json.loads(SCENARIOS_FILE.read_text(encoding="utf-8"))


def at_path(body: dict[str, Any], path: str) -> Any:
    """`body["request"]["description"]` for "request.description"."""
    value: Any = body
    for key in path.split("."):
        value = value[key]
    return value


def check_body(body: dict[str, Any], expect: dict[str, Any]) -> None:
    """Assert a 200 body meets every expectation of one scenario."""
    for key, expected in expect.items():
        if key == "evidence_includes":
            codes = {item["code"] for item in body["evidence"]}
            assert set(expected) <= codes, f"evidence {codes} lacks {expected}"
        elif key == "evidence_required":
            required = {item["code"] for item in body["evidence"] if item["required"]}
            assert required == set(expected), f"required evidence {required} != {expected}"
        elif key == "warnings_include":
            codes = {item["code"] for item in body["warnings"]}
            assert set(expected) <= codes, f"warnings {codes} lack {expected}"
        elif key == "followup_absent":
            assert "followup" not in body["messages"]
            assert "followup" not in body["messages_zh"]
        elif key == "max_len":
            for path, limit in expected.items():
                assert len(at_path(body, path)) <= limit, f"{path} longer than {limit}"
        elif key == "contains":
            for path, parts in expected.items():
                text = str(at_path(body, path))
                for part in parts:
                    assert part in text, f"{path} lacks {part!r}: {text!r}"
        elif key == "not_contains":
            for path, parts in expected.items():
                text = str(at_path(body, path))
                for part in parts:
                    assert part not in text, f"{path} has {part!r}: {text!r}"
        else:
            assert body[key] == expected, f"{key}: {body[key]!r} != {expected!r}"


def check_response(status: int, body: dict[str, Any], expect: dict[str, Any]) -> None:
    """Assert an HTTP answer meets one scenario: its error fields, or its 200 body."""
    if "status" in expect:
        assert status == expect["status"], body
        assert set(body["errors"]) == set(expect["error_fields"]), body
        return
    assert status == 200, body
    check_body(body, expect)
