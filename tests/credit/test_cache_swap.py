"""Replacing cache.db under a running store: readers see the old file or the new one, never a
mix, and a swap that cannot be done safely leaves the old file alone."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from credit.store.db import CACHE_FILE, Store, connect_raw
from credit.store.loader import get_info, set_info
from credit.store.swap import CacheBusy, sidecars


def _marked(store: Store, mark: str) -> None:
    with store.write_cache() as conn:
        set_info(conn, which=mark)


def _mark(store: Store) -> str:
    with store.cache.connect() as conn:
        return get_info(conn)["which"]


def _other_cache(store: Store, tmp_path: Path, mark: str) -> Path:
    """A complete cache file with the same key, as a snapshot install prepares it."""
    other = Store.open(tmp_path / f"other-{mark}", store.key, migrate=False)
    try:
        _marked(other, mark)
    finally:
        other.close()
    new = store.data_dir / f"cache.{mark}.new"
    (tmp_path / f"other-{mark}" / CACHE_FILE).rename(new)
    assert not any(p.exists() for p in sidecars(tmp_path / f"other-{mark}" / CACHE_FILE))
    return new


def test_swap_while_readers_run(store: Store, tmp_path: Path) -> None:
    _marked(store, "old")
    new = _other_cache(store, tmp_path, "new")
    seen: list[str] = []
    errors: list[BaseException] = []
    stop = threading.Event()
    swapped = threading.Event()

    def read() -> None:
        while not stop.is_set():
            try:
                got = _mark(store)
                seen.append(got)
                if swapped.is_set():
                    assert got == "new"  # nothing from the old file after the swap
            except BaseException as exc:
                errors.append(exc)
                return

    threads = [threading.Thread(target=read) for _ in range(4)]
    for t in threads:
        t.start()
    try:
        while len(seen) < 50 and not errors:
            time.sleep(0.001)
        store.replace_cache(new)
        swapped.set()
        before = len(seen)
        while len(seen) < before + 50 and not errors:
            time.sleep(0.001)
    finally:
        stop.set()
        for t in threads:
            t.join(10)
    assert not errors, errors
    assert set(seen) == {"old", "new"}
    assert not new.exists()
    with store.cache.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    _marked(store, "written after")  # the writer works on the new file
    assert _mark(store) == "written after"


def test_a_reader_that_holds_on_keeps_the_old_file(store: Store, tmp_path: Path) -> None:
    _marked(store, "old")
    new = _other_cache(store, tmp_path, "new")
    with store.cache.connect() as held:
        held.exec_driver_sql("SELECT 1").scalar()
        with pytest.raises(CacheBusy) as info:
            store.replace_cache(new, timeout=0.3)
        assert "缓存" in info.value.reason
    assert _mark(store) == "old"  # still the old one, and the store still works
    assert new.exists()
    store.replace_cache(new)  # once it is returned, the swap goes through
    assert _mark(store) == "new"


def test_another_program_with_the_file_open_stops_the_swap(store: Store, tmp_path: Path) -> None:
    _marked(store, "old")
    new = _other_cache(store, tmp_path, "new")
    outside = connect_raw(store.data_dir / CACHE_FILE, store.key)  # e.g. a second CreditDesk
    try:
        outside.execute("SELECT count(*) FROM cache_info").fetchone()
        with pytest.raises(CacheBusy):
            store.replace_cache(new, timeout=0.5)
    finally:
        outside.close()
    assert _mark(store) == "old"
    store.replace_cache(new)
    assert _mark(store) == "new"
