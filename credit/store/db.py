"""Opening the two encrypted databases.

``cache.db`` holds what the platform owns and can always be rebuilt by a pull; ``work.db`` holds
what users create (audit log, later checks, commitments, inspections, the outbox). They are
separate files so a cache rebuild can never touch work, and both are SQLCipher-encrypted.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy.pool import QueuePool

from credit.store import audit, audit_anchor
from credit.store.keys import DbKey, KeyProblem
from credit.store.swap import SWAP_WAIT, CacheGate, replace_file

CACHE_FILE = "cache.db"
WORK_FILE = "work.db"


class WrongKey(KeyProblem):
    """The key or passphrase does not open the files."""


def connect_raw(path: Path, key: DbKey) -> Any:
    """A DB-API connection to an encrypted file, keyed and tuned; fails fast on a wrong key."""
    conn = sqlcipher.connect(str(path), check_same_thread=False, timeout=30)
    conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is reported once, in Chinese
    conn.execute(f"PRAGMA key = {key.pragma_value}")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as exc:
        conn.close()
        raise WrongKey("口令或密钥不正确，无法打开本地数据。") from exc
    for pragma in (
        "journal_mode = WAL",
        "synchronous = NORMAL",
        "foreign_keys = ON",
        "temp_store = MEMORY",
        "cache_size = -65536",
    ):
        conn.execute(f"PRAGMA {pragma}")
    return conn


def make_engine(path: Path, key: DbKey, gate: CacheGate | None = None) -> sa.Engine:
    """An engine on an encrypted file; with a ``gate``, the file can be replaced while it is
    open (:meth:`Store.replace_cache`)."""

    def connect() -> Any:
        return connect_raw(path, key)

    engine = sa.create_engine(
        f"sqlite:///{path}",
        creator=gate.creator(connect) if gate else connect,
        module=sqlcipher,
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=4,
    )
    if gate:
        gate.install(engine)
    return engine


@dataclass
class Store:
    """Both engines of one data directory, plus the single-writer lock.

    Reads may run on any worker thread in parallel; every write takes :attr:`write_lock` so the
    files see one writer at a time, as SQLite prefers.
    """

    data_dir: Path
    key: DbKey
    cache: sa.Engine
    work: sa.Engine
    write_lock: threading.RLock = field(default_factory=threading.RLock)
    cache_gate: CacheGate | None = None

    @classmethod
    def open(cls, data_dir: Path, key: DbKey, *, migrate: bool = True) -> Store:
        from credit.store import schema

        data_dir.mkdir(parents=True, exist_ok=True)
        gate = CacheGate()
        cache = make_engine(data_dir / CACHE_FILE, key, gate)
        work = make_engine(data_dir / WORK_FILE, key)
        store = cls(data_dir, key, cache, work, cache_gate=gate)
        try:
            schema.ensure_cache(store)
            if migrate:
                schema.migrate_work(store)
        except Exception:
            store.close()
            raise
        return store

    @contextmanager
    def write_cache(self) -> Iterator[sa.Connection]:
        with self.write_lock, self.cache.begin() as conn:
            yield conn

    @contextmanager
    def write_work(self) -> Iterator[sa.Connection]:
        """A write transaction on the work database; after it commits, the audit anchor follows.

        The anchor only moves forward along the same chain: when the rows it points at are gone
        or changed, it is left where it is, so :func:`audit.verify` keeps reporting the damage
        instead of the next lookup papering over it.
        """
        with self.write_lock:
            head: tuple[int, str] | None = None
            advance = False
            with self.work.begin() as conn:
                try:
                    yield conn
                finally:
                    head = conn.info.pop(audit.HEAD_KEY, None)
                if head is not None:
                    anchor = audit_anchor.read(self.data_dir, self.key)
                    advance = anchor is None or audit.reaches(conn, anchor)
            if head is not None and advance:  # committed: the transaction did not raise
                audit_anchor.write(self.data_dir, self.key, *head)

    def replace_cache(self, new_file: Path, timeout: float = SWAP_WAIT) -> None:
        """Swap a complete cache file (encrypted with this store's key, on the same filesystem)
        in as ``cache.db``, atomically, while readers may be running; the work database is not
        touched. Raises :class:`~credit.store.swap.CacheBusy` and leaves the old cache in place
        when it cannot be done now."""
        if self.cache_gate is None:
            raise RuntimeError("this store was opened without a cache gate")
        with self.write_lock:
            replace_file(self.cache_gate, self.cache, self.data_dir / CACHE_FILE, new_file, timeout)

    def read_audit_anchor(self) -> audit_anchor.Anchor | None:
        return audit_anchor.read(self.data_dir, self.key)

    def close(self) -> None:
        self.cache.dispose()
        self.work.dispose()
