"""Ingest of a 12-megapixel JPEG vs Pillow's plain open + load + thumbnail, same run.

Run: DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/evidence_ingest.py
Prints the ratio (ours / baseline); the goal is <= 1.0.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from PIL import Image  # noqa: E402

from wizard.evidence import storage  # noqa: E402
from wizard.evidence.validation import inspect_file  # noqa: E402


def make_photo(path: Path) -> None:
    noise = Image.effect_noise((4000, 3000), 40).convert("RGB")
    gradient = Image.linear_gradient("L").resize((4000, 3000)).convert("RGB")
    Image.blend(noise, gradient, 0.5).save(path, "JPEG", quality=92)


def baseline(path: Path) -> None:
    with Image.open(path) as img:
        img.load()
        img.thumbnail((1600, 1600))


def ours(path: Path, media: Path) -> None:
    result = inspect_file(path)
    rel = storage.new_stem() + ".jpg"
    storage.copy_and_hash(str(path), rel)
    storage.write_bytes(rel + ".preview.jpg", result.preview)


def main() -> None:
    from django.conf import settings

    with tempfile.TemporaryDirectory() as tmp:
        settings.MEDIA_ROOT = Path(tmp) / "media"
        photo = Path(tmp) / "photo.jpg"
        make_photo(photo)
        rounds = 7
        base, mine = [], []
        for _ in range(rounds):  # interleaved so background load hits both alike
            t = time.perf_counter()
            baseline(photo)
            base.append(time.perf_counter() - t)
            t = time.perf_counter()
            ours(photo, settings.MEDIA_ROOT)
            mine.append(time.perf_counter() - t)
        b, m = statistics.median(base), statistics.median(mine)
        size = photo.stat().st_size / 1e6
        print(f"12 MP JPEG ({size:.1f} MB), {rounds} rounds, medians")
        print(f"baseline open+load+thumbnail: {b * 1000:.0f} ms")
        print(f"ingest (check, hash+copy, display copy): {m * 1000:.0f} ms")
        print(f"ratio ingest/baseline: {m / b:.2f} (goal <= 1.0)")


if __name__ == "__main__":
    main()
