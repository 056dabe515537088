"""Fixtures for the sync tests: platform databases (SQLite and PostgreSQL), a real server process."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa

from sync.server.db import init_db, make_engine
from sync.server.ingest import DEMO_PASSWORD, seed_demo
from tests.sync.databases import BACKENDS, database
from tests.sync.server_proc import ServerProcess


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


#: Demo entities on the test platform: small, so every test and fault trial stays fast.
SMALL = 400
FAST_SCRYPT = 2**10


@dataclass
class Platform:
    backend: str
    url: str
    engine: sa.Engine
    server: ServerProcess
    tmp: Path

    @property
    def base(self) -> str:
        return self.server.url


def _platform(backend: str, tmp: Path, **server_args: object) -> Iterator[Platform]:
    with database(backend, tmp) as url:
        eng = make_engine(url)
        init_db(eng)
        seed_demo(eng, SMALL, scrypt_n=FAST_SCRYPT)
        server = ServerProcess(url, tmp, **server_args).start()  # type: ignore[arg-type]
        try:
            yield Platform(backend, url, eng, server, tmp)
        finally:
            server.stop()
            eng.dispose()


@pytest.fixture(scope="module", params=BACKENDS)
def platform(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    """A seeded reference server (subprocess) per backend, shared by a module's tests."""
    yield from _platform(request.param, tmp_path_factory.mktemp(f"platform-{request.param}"))


def token_for(base: str, user: str = "huaxian", password: str = DEMO_PASSWORD) -> str:
    r = requests.post(
        f"{base}/api/v1/auth/token", json={"user": user, "password": password, "device": "pytest"}, timeout=10
    )
    r.raise_for_status()
    return str(r.json()["token"])
