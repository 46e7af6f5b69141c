"""`manage.py ensure_evidence_bucket`: create the evidence bucket if it is missing.

Run before the web hosts start (docker-compose.yml's web command). Idempotent:
an existing bucket is left as it is; with the filesystem storage it does nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from wizard.evidence import storage


class Command(BaseCommand):
    help = "Create the S3 evidence bucket (EVIDENCE_S3_BUCKET) if it does not exist yet."

    def handle(self, *args, **options) -> None:
        if storage.is_local():
            self.stdout.write("Evidence is on the filesystem (MEDIA_ROOT): no bucket to create.")
            return
        from botocore.exceptions import BotoCoreError, ClientError

        store: Any = storage.backend()  # django-storages' S3Storage (untyped)
        client = store.connection.meta.client
        name = store.bucket_name
        try:
            client.head_bucket(Bucket=name)
            self.stdout.write(f"Evidence bucket {name} exists.")
            return
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") not in {"404", "NoSuchBucket"}:
                raise CommandError(f"cannot reach the evidence bucket {name}: {exc}") from exc
        except BotoCoreError as exc:
            raise CommandError(f"cannot reach the object store: {exc}") from exc
        client.create_bucket(Bucket=name)
        self.stdout.write(f"Evidence bucket {name} created.")
