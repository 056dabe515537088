"""Fixtures for the sync tests: platform databases (SQLite and PostgreSQL), a real server process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from sync.server.db import init_db, make_engine
from tests.sync.databases import BACKENDS, database


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def engine(db_url: str) -> Iterator[sa.Engine]:
    eng = make_engine(db_url)
    init_db(eng)
    yield eng
    eng.dispose()
