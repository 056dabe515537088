"""Shared fixtures for the core tests: a private in-memory keyring and real encrypted stores.

No test may touch the developer's real OS keyring or the real data directory, so every test
runs with :class:`MemoryKeyring` installed (autouse) and ``CREDITDESK_PASSPHRASE`` cleared.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from keyring.backend import KeyringBackend

from credit.desk import Desk, Operator
from credit.store.db import Store
from credit.store.keys import PASSPHRASE_ENV, DbKey, resolve_key


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps secrets in a dict: trustworthy as far as the code can tell."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    """Install a fresh in-memory keyring for every test and restore the previous one after."""
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def no_keyring(memory_keyring: MemoryKeyring) -> Iterator[None]:
    """A machine without any keyring: the ``fail`` backend keyring falls back to."""
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield  # memory_keyring's teardown restores the original backend


def raw_key() -> DbKey:
    """A random raw key, as the keyring mode would hand it over (no KDF: fast)."""
    return DbKey(f"\"x'{secrets.token_hex(32)}'\"", "keyring")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    """A real, SQLCipher-encrypted store whose key lives in the (memory) keyring."""
    st = Store.open(data_dir, resolve_key(data_dir))
    try:
        yield st
    finally:
        st.close()


@pytest.fixture
def operator() -> Operator:
    return Operator(user="张三", unit="常州市新北区市场监督管理局", device="laptop-07")


@pytest.fixture
def desk(store: Store, operator: Operator) -> Desk:
    return Desk(store, operator)
