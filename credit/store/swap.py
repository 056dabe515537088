"""Replacing ``cache.db`` with another file while the store stays open (a sync's snapshot).

Readers take cache connections from the engine's pool on any worker thread without a lock, so
the file cannot simply be renamed over: a connection still open on the old file keeps its
``-wal``/``-shm`` alive, and a later connection to the new file would pick those up. The gate
makes the swap a short, exclusive moment instead:

* new checkouts stop (a pooled connection checked out meanwhile is dropped, and opening a new
  one waits until the swap is over);
* the swap waits for the connections in use to come back, then closes every pooled one — the
  last close checkpoints and removes the old file's WAL;
* the new file is renamed over the old (atomic on one filesystem), and every connection opened
  from then on sees it. Connections from before are refused at their next checkout.

A process that cannot get every connection back in time, or finds the cache still opened by
another program (its WAL is still there), gives up and leaves the old file in place: never a mix.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event, exc

#: How long a swap waits for the connections in use to be returned.
SWAP_WAIT = 60.0
#: How long it waits, once they are closed, for the old file's WAL to be checkpointed and removed.
SIDECAR_WAIT = 10.0


class CacheBusy(Exception):
    """The cache could not be replaced now; ``reason`` says why, in Chinese."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class CacheGate:
    """Counts the cache connections in use and holds new ones back while the file is swapped."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._swapping = False
        self._generation = 0
        self._busy = 0  # connections checked out and in use
        self._opening = 0  # connections being opened right now
        self._opened_at: dict[int, int] = {}  # id(dbapi connection) → generation when opened
        self._live: dict[int, Any] = {}  # id(pool record) → record, while its connection is open

    def creator(self, connect: Callable[[], Any]) -> Callable[[], Any]:
        """Wrap an engine's ``creator``: no new connection is opened during a swap."""

        def create() -> Any:
            with self._cond:
                while self._swapping:
                    self._cond.wait()
                self._opening += 1
                generation = self._generation
            try:
                conn = connect()
                with self._cond:
                    self._opened_at[id(conn)] = generation
                return conn
            finally:
                with self._cond:
                    self._opening -= 1
                    self._cond.notify_all()

        return create

    def install(self, engine: sa.Engine) -> None:
        @event.listens_for(engine, "connect")
        def _connected(dbapi: Any, record: Any) -> None:
            with self._cond:
                record.info["cache_gen"] = self._opened_at.pop(id(dbapi), -1)
                self._live[id(record)] = record

        @event.listens_for(engine, "close")
        def _closing(_dbapi: Any, record: Any) -> None:
            with self._cond:
                self._live.pop(id(record), None)

        @event.listens_for(engine, "checkout")
        def _checkout(_dbapi: Any, record: Any, _proxy: Any) -> None:
            with self._cond:
                if self._swapping or record.info.get("cache_gen") != self._generation:
                    # the pool reconnects this record through :meth:`creator`, which waits
                    raise exc.DisconnectionError("cache file being replaced")
                self._busy += 1
                record.info["cache_busy"] = True

        @event.listens_for(engine, "checkin")
        def _checkin(_dbapi: Any, record: Any) -> None:
            if record.info.pop("cache_busy", False):
                with self._cond:
                    self._busy -= 1
                    self._cond.notify_all()

        @event.listens_for(engine, "invalidate")
        def _invalidated(_dbapi: Any, record: Any, _exc: Any) -> None:
            _checkin(_dbapi, record)

    @contextmanager
    def closed(self, engine: sa.Engine, timeout: float = SWAP_WAIT) -> Iterator[None]:
        """Stop new checkouts, wait for the ones in use, close every pooled connection; the body
        replaces the file. Raises :class:`CacheBusy` (nothing replaced) when readers hold on."""
        deadline = time.monotonic() + timeout
        with self._cond:
            self._swapping = True
            while self._busy > 0 or self._opening > 0:
                left = deadline - time.monotonic()
                if left <= 0:
                    self._swapping = False
                    self._cond.notify_all()
                    raise CacheBusy("本机缓存正在被查询使用，暂时无法替换；下次同步时会继续。")
                self._cond.wait(min(left, 0.5))
        try:
            engine.dispose()  # closes the idle connections: the last close removes the WAL
            with self._cond:
                # one returned in the instant the swap began lands in the old pool: close it too
                strays = list(self._live.values())
            for record in strays:
                record.invalidate()
            yield
        finally:
            with self._cond:
                self._generation += 1
                self._swapping = False
                self._cond.notify_all()


def sidecars(path: Path) -> list[Path]:
    """The files SQLite keeps beside a database while it is open or after a crash."""
    return [path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal")]


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (POSIX; a no-op where directories cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _sidecars_gone(target: Path, timeout: float) -> bool:
    """Wait for the last close to finish: it checkpoints the WAL and then deletes it."""
    deadline = time.monotonic() + timeout
    while any(p.exists() for p in sidecars(target)):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def replace_file(
    gate: CacheGate, engine: sa.Engine, target: Path, new_file: Path, timeout: float = SWAP_WAIT
) -> None:
    """Swap ``new_file`` in as ``target`` (see the module docstring)."""
    with gate.closed(engine, timeout):
        if not _sidecars_gone(target, min(SIDECAR_WAIT, timeout)):  # another process has the old file open
            raise CacheBusy(
                "本机缓存正被另一个程序打开（如另一个 CreditDesk 窗口或命令），暂时无法替换；"
                "请关闭后重新同步。"
            )
        try:
            os.replace(new_file, target)
        except PermissionError as e:  # Windows: a file still open elsewhere cannot be replaced
            raise CacheBusy("本机缓存正被另一个程序使用，暂时无法替换；请关闭后重新同步。") from e
        fsync_dir(target.parent)
