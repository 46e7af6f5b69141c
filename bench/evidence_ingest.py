"""Ingest of a 12-megapixel JPEG vs Pillow's plain open + load + thumbnail, same run.

Run: .venv/bin/python bench/evidence_ingest.py [--rounds N]
Prints the median of each side and the ratio (ours / baseline); the goal is <= 1.0.

"Ours" is the real service call a request makes, `evidence_ingest`: sniff,
structure walk to EOI, full decode under the pixel budget (JPEG draft mode),
display copy, SHA-256 while copying the original (fsync'd), preview written,
and the Evidence row committed (a throwaway SQLite database in a temp dir).
The upload is handed over as Django's TemporaryUploadedFile, as the upload
handler leaves it; writing that temp file is the upload, not the ingest, and is
outside the timing. Rounds are interleaved so background load hits both sides.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
_TMP = Path(tempfile.mkdtemp(prefix="bench-evidence-ingest-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{_TMP / 'db.sqlite3'}"
os.environ["TEST_MEDIA_ROOT"] = str(_TMP / "media")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.files.uploadedfile import TemporaryUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from PIL import Image  # noqa: E402

from wizard.evidence.services import evidence_ingest, evidence_remove  # noqa: E402


def make_photo(path: Path) -> None:
    noise = Image.effect_noise((4000, 3000), 40).convert("RGB")
    gradient = Image.linear_gradient("L").resize((4000, 3000)).convert("RGB")
    Image.blend(noise, gradient, 0.5).save(path, "JPEG", quality=92)


def baseline(path: Path) -> None:
    with Image.open(path) as img:
        img.load()
        img.thumbnail((1600, 1600))


def prepared_upload(path: Path) -> TemporaryUploadedFile:
    upload = TemporaryUploadedFile("IMG_0001.JPG", "image/jpeg", path.stat().st_size, None)
    with open(path, "rb") as src:
        shutil.copyfileobj(src, upload.file, 1024 * 1024)
    upload.file.flush()
    upload.seek(0)
    return upload


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=9)
    rounds = parser.parse_args().rounds
    try:
        call_command("migrate", verbosity=0)
        settings.FILE_UPLOAD_TEMP_DIR = str(_TMP)
        photo = _TMP / "photo.jpg"
        make_photo(photo)
        with Image.open(photo) as img:
            megapixels = img.width * img.height / 1e6
        base, mine = [], []
        for index in range(rounds + 1):
            upload = prepared_upload(photo)
            t = time.perf_counter()
            baseline(photo)
            b = time.perf_counter() - t
            t = time.perf_counter()
            evidence = evidence_ingest(upload=upload, flow_id=f"bench{index:017d}")
            m = time.perf_counter() - t
            upload.close()
            evidence_remove(evidence=evidence)
            if index:  # the first round warms caches and imports
                base.append(b)
                mine.append(m)
        b, m = statistics.median(base), statistics.median(mine)
        size = photo.stat().st_size / 1e6
        cores = os.cpu_count()
        print(f"{megapixels:.0f} MP JPEG ({size:.1f} MB), {rounds} rounds, medians, {cores} cores")
        print(f"baseline Pillow open+load+thumbnail: {b * 1000:.0f} ms")
        print(f"evidence_ingest (check, decode, hash+copy, display copy, row): {m * 1000:.0f} ms")
        print(f"ratio ingest/baseline: {m / b:.2f} (goal <= 1.0)")
    finally:
        shutil.rmtree(_TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
