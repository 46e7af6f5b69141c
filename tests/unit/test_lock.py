"""The Docker image installs exactly what requirements.lock pins, with hashes.

`make lock` regenerates the lock from pyproject.toml (pip-compile); these tests
fail when a dependency is added to pyproject.toml without relocking.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements.lock"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)", re.M)


def _pins() -> dict[str, Version]:
    return {canonicalize_name(name): Version(v) for name, v in PIN.findall(LOCK.read_text())}


def _runtime_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [Requirement(line) for line in project["dependencies"]]


def test_every_runtime_dependency_is_pinned_within_its_range() -> None:
    pins = _pins()
    for requirement in _runtime_requirements():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not in requirements.lock: run `make lock`"
        assert pins[name] in requirement.specifier, (
            f"{requirement.name}=={pins[name]} is outside {requirement.specifier}: run `make lock`"
        )


def test_every_pin_carries_a_hash_and_the_lock_names_no_local_index() -> None:
    text = LOCK.read_text()
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
    pinned = [block for block in blocks if PIN.match(block)]
    assert pinned and all("--hash=sha256:" in block for block in pinned)
    assert "--index-url" not in text and "--find-links" not in text and "file://" not in text


def test_the_lock_holds_no_development_tool() -> None:
    pins = _pins()
    for tool in ("pytest", "playwright", "locust", "mypy", "ruff", "hypothesis"):
        assert tool not in pins


def test_the_image_installs_the_lock_with_hashes_required() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "COPY requirements.lock" in dockerfile
    assert re.search(r"pip install [^\n]*--require-hashes[^\n]*-r requirements\.lock", dockerfile)
