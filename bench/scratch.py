"""Django on a scratch PostgreSQL database, for the in-process benchmarks.

    with django_on_scratch_postgres("bench_profile", pg_user="root"):
        ...  # Django is set up and migrated; the database is dropped afterwards

Settings as in bench/load/run.py: config.settings.local with DEBUG off,
DATABASE_CONN_MAX_AGE 60 (production's value), an in-memory broker; `env`
adds or overrides variables.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def django_on_scratch_postgres(prefix: str, *, pg_user: str, **env: str) -> Iterator[None]:
    dbname = f"{prefix}_{os.getpid()}"
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", pg_user, dbname], check=True)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DJANGO_DEBUG": "false",
            "DATABASE_URL": f"postgres://{pg_user}@127.0.0.1:5432/{dbname}",
            "DATABASE_CONN_MAX_AGE": "60",
            "REDIS_URL": "memory://",
            **env,
        }
    )
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        yield
    finally:
        from django.db import connections

        connections.close_all()
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", pg_user, dbname], check=True)
