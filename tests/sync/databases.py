"""The platform databases the server tests run on: a SQLite file, and PostgreSQL when available.

PostgreSQL comes from ``CREDITDESK_TEST_PG_URL`` (``make test`` starts a local server through
``tests/postgres.sh`` and exports it). Without it the PostgreSQL cases fail and say how to give
one: they are half of what the platform tests prove, so they never pass by being left out.
Each test gets its own schema, dropped afterwards, so parallel runs cannot see each other.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
import sqlalchemy as sa

PG_ENV = "CREDITDESK_TEST_PG_URL"
BACKENDS = ("sqlite", "postgresql")


def pg_base_url() -> str | None:
    url = os.environ.get(PG_ENV)
    if url and url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url or None


def need_pg() -> str:
    url = pg_base_url()
    if url is None:
        pytest.fail(
            f"PostgreSQL tests need {PG_ENV} (a role that may create schemas): run them with `make test`, "
            f"which starts one (tests/postgres.sh), or export {PG_ENV}=postgresql://USER:PASSWORD@HOST:PORT/DB",
            pytrace=False,
        )
    return url


@contextmanager
def database(backend: str, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty platform database URL for ``backend``."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'platform.db'}"
        return
    base = need_pg()
    schema = f"t_{secrets.token_hex(6)}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        sep = "&" if "?" in base else "?"
        yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        admin.dispose()
