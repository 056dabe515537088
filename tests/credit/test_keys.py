"""The database key: keyring mode, passphrase mode, and every way of not getting a key."""

from __future__ import annotations

from pathlib import Path

import keyring
import keyring.backends.null
import keyring.errors
import pytest
import sqlalchemy as sa

from credit.desk import Desk
from credit.store.db import Store, WrongKey
from credit.store.keys import (
    MODE_FILE,
    PASSPHRASE_ENV,
    SERVICE,
    KeyUnavailable,
    NeedPassphrase,
    key_mode,
    resolve_key,
    usable_keyring,
)
from credit.store.tables import cache_info
from tests.conftest import MemoryKeyring

PASSPHRASE = "瑞丰-correct horse 42"


def _all_file_bytes(root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file())


def _write_marker(data_dir: Path, passphrase: str | None = None) -> None:
    st = Store.open(data_dir, resolve_key(data_dir, passphrase))
    try:
        with st.write_cache() as conn:
            conn.execute(cache_info.insert().values(key="marker", value="ok"))
    finally:
        st.close()


def _read_marker(data_dir: Path, passphrase: str | None = None) -> str | None:
    st = Store.open(data_dir, resolve_key(data_dir, passphrase))
    try:
        with st.cache.connect() as conn:
            return conn.execute(
                sa.select(cache_info.c.value).where(cache_info.c.key == "marker")
            ).scalar()
    finally:
        st.close()


# -- keyring mode -------------------------------------------------------------------------


def test_first_run_creates_key_in_keyring(data_dir: Path, memory_keyring: MemoryKeyring) -> None:
    key = resolve_key(data_dir)
    assert key.mode == "keyring"
    assert key_mode(data_dir) == "keyring"
    assert (data_dir / MODE_FILE).read_text(encoding="utf-8").strip() == "keyring"
    [(service, _account)] = memory_keyring.secrets
    assert service == SERVICE
    secret = next(iter(memory_keyring.secrets.values()))
    assert len(bytes.fromhex(secret)) == 32
    assert secret in key.pragma_value
    assert "keyring" in repr(key) and secret not in repr(key)

    _write_marker(data_dir)
    # No key material in any file of the data directory, in hex or raw form.
    blob = _all_file_bytes(data_dir)
    assert secret.encode() not in blob
    assert secret.upper().encode() not in blob
    assert bytes.fromhex(secret) not in blob


def test_second_run_reuses_key(data_dir: Path, memory_keyring: MemoryKeyring) -> None:
    first = resolve_key(data_dir)
    _write_marker(data_dir)
    second = resolve_key(data_dir)
    assert second == first
    assert len(memory_keyring.secrets) == 1
    assert _read_marker(data_dir) == "ok"


def test_each_data_dir_has_its_own_key(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    a, b = resolve_key(tmp_path / "a"), resolve_key(tmp_path / "b")
    assert a.pragma_value != b.pragma_value
    assert len(memory_keyring.secrets) == 2


def test_lost_mode_file_reuses_keyring_key(data_dir: Path, memory_keyring: MemoryKeyring) -> None:
    """Regression: a missing keymode file used to overwrite the keyring entry with a new key,
    making the existing work database unrecoverable."""
    first = resolve_key(data_dir)
    _write_marker(data_dir)
    (data_dir / MODE_FILE).unlink()
    again = resolve_key(data_dir)
    assert again == first
    assert key_mode(data_dir) == "keyring"
    assert _read_marker(data_dir) == "ok"


def test_no_keyring_asks_for_new_passphrase(data_dir: Path, no_keyring: None) -> None:
    assert usable_keyring() is None
    with pytest.raises(NeedPassphrase) as info:
        resolve_key(data_dir)
    assert info.value.new is True
    assert "钥匙串" in info.value.reason and "口令" in info.value.reason
    assert key_mode(data_dir) is None  # nothing decided, nothing written
    assert list(data_dir.iterdir()) == []


class PlaintextKeyring(MemoryKeyring):
    """Stands in for keyrings.alt's PlaintextKeyring (not installed): secrets in a file."""


class Chainer(MemoryKeyring):
    """Shaped like keyring's ChainerBackend: a ``backends`` list it may write to."""

    def __init__(self, *backends: object) -> None:
        super().__init__()
        self.backends = list(backends)


@pytest.mark.parametrize(
    "backend",
    [
        PlaintextKeyring(),
        keyring.backends.null.Keyring(),
        Chainer(),
        Chainer(MemoryKeyring(), PlaintextKeyring()),
    ],
    ids=["plaintext", "null", "empty-chainer", "chainer-with-plaintext"],
)
def test_untrustworthy_keyrings_are_refused(data_dir: Path, backend: object) -> None:
    keyring.set_keyring(backend)  # type: ignore[arg-type]
    assert usable_keyring() is None
    with pytest.raises(NeedPassphrase) as info:
        resolve_key(data_dir)
    assert info.value.new is True
    assert "钥匙串" in info.value.reason
    if isinstance(backend, MemoryKeyring):
        assert backend.secrets == {}  # never written to


def test_memory_keyring_counts_as_usable(memory_keyring: MemoryKeyring) -> None:
    assert usable_keyring() is memory_keyring


def test_chainer_of_trustworthy_keyrings_is_usable() -> None:
    chainer = Chainer(MemoryKeyring(), MemoryKeyring())
    keyring.set_keyring(chainer)
    assert usable_keyring() is chainer


def test_keyring_lost_the_key(data_dir: Path, memory_keyring: MemoryKeyring) -> None:
    resolve_key(data_dir)
    memory_keyring.secrets.clear()
    with pytest.raises(KeyUnavailable) as info:
        resolve_key(data_dir)
    assert "钥匙串" in info.value.reason


def test_keyring_read_error_is_key_unavailable(
    data_dir: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    resolve_key(data_dir)

    def broken(service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("locked")

    monkeypatch.setattr(memory_keyring, "get_password", broken)
    with pytest.raises(KeyUnavailable) as info:
        resolve_key(data_dir)
    assert "钥匙串" in info.value.reason


def test_keyring_write_error_asks_for_passphrase(
    data_dir: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("denied")

    monkeypatch.setattr(memory_keyring, "set_password", broken)
    with pytest.raises(NeedPassphrase) as info:
        resolve_key(data_dir)
    assert info.value.new is True
    assert "denied" in info.value.reason
    assert key_mode(data_dir) is None


def test_keyring_that_drops_writes_asks_for_passphrase(
    data_dir: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(memory_keyring, "set_password", lambda s, u, p: None)
    with pytest.raises(NeedPassphrase) as info:
        resolve_key(data_dir)
    assert info.value.new is True
    assert key_mode(data_dir) is None


# -- passphrase mode ----------------------------------------------------------------------


def test_passphrase_mode_round_trip(data_dir: Path, no_keyring: None) -> None:
    key = resolve_key(data_dir, PASSPHRASE)
    assert key.mode == "passphrase"
    assert key_mode(data_dir) == "passphrase"
    _write_marker(data_dir, PASSPHRASE)
    assert PASSPHRASE.encode() not in _all_file_bytes(data_dir)

    with pytest.raises(NeedPassphrase) as info:
        resolve_key(data_dir)
    assert info.value.new is False
    assert "口令" in info.value.reason

    assert _read_marker(data_dir, PASSPHRASE) == "ok"


def test_wrong_passphrase_is_wrong_key(data_dir: Path, no_keyring: None) -> None:
    _write_marker(data_dir, PASSPHRASE)
    key = resolve_key(data_dir, "not the passphrase")  # cannot be checked without the files
    with pytest.raises(WrongKey) as info:
        Store.open(data_dir, key)
    assert "不正确" in info.value.reason
    assert _read_marker(data_dir, PASSPHRASE) == "ok"  # a failed attempt harms nothing


def test_passphrase_chosen_even_with_a_keyring(data_dir: Path, memory_keyring: MemoryKeyring) -> None:
    key = resolve_key(data_dir, PASSPHRASE)
    assert key.mode == "passphrase"
    assert memory_keyring.secrets == {}


@pytest.mark.parametrize("short", ["1234567", "短口令", "a"])
def test_short_passphrase_refused(data_dir: Path, no_keyring: None, short: str) -> None:
    with pytest.raises(NeedPassphrase) as info:
        resolve_key(data_dir, short)
    assert info.value.new is True
    assert "8" in info.value.reason
    assert key_mode(data_dir) is None


def test_passphrase_with_quotes(data_dir: Path, no_keyring: None) -> None:
    tricky = "it's \"quoted\"; --"
    _write_marker(data_dir, tricky)
    assert _read_marker(data_dir, tricky) == "ok"


def test_passphrase_from_environment(
    data_dir: Path, no_keyring: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    key = resolve_key(data_dir)
    assert key.mode == "passphrase"
    _write_marker(data_dir)
    desk = Desk.open(data_dir)
    try:
        assert desk.stats().key_mode == "passphrase"
    finally:
        desk.close()
    monkeypatch.delenv(PASSPHRASE_ENV)
    with pytest.raises(NeedPassphrase):
        resolve_key(data_dir)
    monkeypatch.setenv(PASSPHRASE_ENV, "wrong passphrase")
    with pytest.raises(WrongKey):
        Desk.open(data_dir)
