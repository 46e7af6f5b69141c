"""Django's database session store, with the two statements a wizard step needs made cheaper.

django-formtools keeps the wizard's answers in the session, so every wizard
request reads the session row and every answer rewrites it. Django's store does
both through the ORM: a model `get()` per read, and per rewrite a model `save()`
inside its own transaction (BEGIN, UPDATE, COMMIT). This store sends the same
SELECT and the same UPDATE straight through the connection: the UPDATE alone
in autocommit (one statement is atomic by itself), three round trips fewer.
Measured on PostgreSQL here (`.venv/bin/python bench/session_store.py`): about
2.5x faster per read and per rewrite; see docs/benchmarks.md.

Same table, same encoding, same expiry rule and same errors: a row that vanished
before the rewrite raises UpdateError (the middleware answers SessionInterrupted),
exactly as Django's store does. Creating a session, and a rewrite inside an
open transaction, go through Django's code unchanged.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def _table(self, connection) -> str:  # noqa: ANN001
        return connection.ops.quote_name(self.model._meta.db_table)

    def _get_session_from_db(self) -> SimpleNamespace | None:
        if self.session_key is None:  # no cookie, or not a well-formed key
            return None
        connection = connections[router.db_for_read(self.model)]
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT session_data FROM {self._table(connection)} "  # noqa: S608 - quoted model table
                "WHERE session_key = %s AND expire_date > %s",
                [self.session_key, now],
            )
            row = cursor.fetchone()
        if row is None:  # unknown or expired: a new session, as in Django's store
            self._session_key = None
            return None
        return SimpleNamespace(session_data=row[0])

    def save(self, must_create: bool = False) -> None:
        if must_create or self.session_key is None:
            return super().save(must_create=must_create)
        connection = connections[router.db_for_write(self.model)]
        if connection.in_atomic_block:
            return super().save(must_create=must_create)
        session_data = self.encode(self._get_session())
        expire_date = connection.ops.adapt_datetimefield_value(self.get_expiry_date())
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {self._table(connection)} SET session_data = %s, expire_date = %s "  # noqa: S608
                "WHERE session_key = %s",
                [session_data, expire_date, self.session_key],
            )
            updated = cursor.rowcount
        if updated != 1:
            raise UpdateError
        return None
