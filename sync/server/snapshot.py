"""Snapshots: a scope's data as a ready client cache file, for the first sync of a large scope.

A first sync through the feed makes the laptop insert every record and rebuild its indexes; a
snapshot does that once on the platform. :func:`build` reads the scope's shared records and the
feed head ``S`` in **one read transaction** (PostgreSQL: ``REPEATABLE READ``), so the file holds
exactly what a client that had applied the feed up to ``S`` would hold, and writes them with the
client's own store code (:mod:`credit.store.schema`, :mod:`sync.apply`: the same tables, FTS
indexes and ``CACHE_SCHEMA_VERSION``) into a SQLCipher file under a fresh random one-time key.

:class:`SnapshotManager` (inside ``serve``) builds at most one file per scope at a time, in a
child process (``python -m sync.server.snapshot build``), so the feed is never blocked and the
server's own threads are not starved; it keeps the file while it is fresh — at most
``max_age`` old and at most ``max_changes`` feed changes in the scope behind the head — and
answers "building" meanwhile. The one-time keys live in the server's memory only: a restarted
platform deletes its old files and builds anew. Scopes whose feed from zero is shorter than
``min_changes`` are not offered a snapshot: the feed is quicker for them. With
``serve --prepare-snapshots`` the manager builds each account's scope before anyone asks and its
successor once the current file is half-way to stale, so no laptop waits for a build.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import secrets
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from credit.paths import ROOT
from sync import protocol
from sync.server.db import change, info, iso, now_utc, placement, record
from sync.server.feed import head_of, scope_filter

log = logging.getLogger(__name__)

#: Records per batch written into the file (one ``executemany`` per kind and batch).
BATCH = 5000
#: Defaults of ``serve``; documented in docs/sync-protocol.md.
DEFAULT_DIR = ROOT / "var" / "server" / "snapshots"
MAX_AGE = timedelta(hours=24)
MAX_CHANGES = 100_000
MIN_CHANGES = 20_000
#: A superseded file stays downloadable this long, so a download in flight can finish.
GRACE = timedelta(minutes=10)
#: After a failed build, clients use the feed for this long before a build is tried again.
RETRY_FAILED = timedelta(minutes=1)
BUILD_TIMEOUT = 3 * 3600
#: ``--prepare-snapshots`` builds a file's successor once it has used this share of its age or changes.
RENEW_AT = 0.5


@dataclass
class Built:
    """What a build reports (everything but the key, which the child never prints)."""

    id: str
    scope: list[str]
    seq: int
    feed_id: str
    generation: int
    cursor: str
    counts: dict[str, int]
    size: int
    sha256: str
    schema_version: str
    built_at: str
    as_of: str | None
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)


def _raw_key(hex_key: str) -> Any:
    from credit.store.keys import DbKey

    return DbKey(f"\"x'{hex_key}'\"", "snapshot")


def _read_transaction(conn: sa.Connection) -> sa.Connection:
    """One snapshot for every read of the build: REPEATABLE READ on PostgreSQL; SQLite's read
    transaction in WAL mode is a snapshot already."""
    if conn.dialect.name == "postgresql":
        return conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
    return conn


def scope_records(conn: sa.Connection, scope: Sequence[str]) -> Iterator[tuple[str, str, str]]:
    """(kind, id, payload JSON) of every record shared with a division of ``scope``, streamed."""
    shared = sa.exists().where(
        placement.c.kind == record.c.kind,
        placement.c.id == record.c.id,
        scope_filter(placement.c.division_code, scope),
    )
    rows = conn.execution_options(stream_results=True, yield_per=BATCH).execute(
        sa.select(record.c.kind, record.c.id, record.c.payload).where(shared)
    )
    for r in rows:
        yield r.kind, r.id, r.payload


def build(engine: sa.Engine, scope: Sequence[str], out: Path, key_hex: str, snapshot_id: str) -> Built:
    """Write the scope's snapshot to ``out`` (encrypted with ``key_hex``); see the module text."""
    from credit.store.db import CACHE_FILE, Store
    from credit.store.loader import set_info
    from credit.store.schema import CACHE_SCHEMA_VERSION
    from sync import apply

    started = time.perf_counter()
    timings: dict[str, float] = {}
    scope = sorted(set(scope))
    work = out.with_name(out.name + ".build")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    store = Store.open(work, _raw_key(key_hex), migrate=False)  # the client's own cache schema
    counts: dict[str, int] = dict.fromkeys(protocol.PULL_KINDS, 0)
    try:
        with store.cache.connect() as cconn:
            raw = cconn.connection.dbapi_connection
            assert raw is not None
            # a file being built is thrown away on any failure: no journal needed
            for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -131072"):
                raw.execute(f"PRAGMA {pragma}")
            with engine.connect() as pconn, _read_transaction(pconn).begin():
                seq, as_of = head_of(pconn)
                facts = info(pconn)
                built_at = iso(now_utc())
                feed_id, generation = facts["feed_id"], int(facts.get("compaction_gen", "0"))
                with cconn.begin():
                    apply.begin_bulk(cconn)
                    buckets: dict[str, list[list[Any]]] = {k: [] for k in protocol.PULL_KINDS}
                    t = time.perf_counter()
                    for kind, _rid, payload in scope_records(pconn, scope):
                        values = json.loads(payload)
                        bucket = buckets[kind]
                        bucket.append([values.get(c) for c in apply.COLUMNS[kind]])
                        if len(bucket) >= BATCH:
                            counts[kind] += _write(cconn, kind, bucket)
                    for kind, bucket in buckets.items():
                        counts[kind] += _write(cconn, kind, bucket)
                    timings["read_write"] = time.perf_counter() - t
            t = time.perf_counter()
            with cconn.begin():
                apply.finish_bulk(cconn)
                set_info(
                    cconn, snapshot_id=snapshot_id, snapshot_seq=str(seq), snapshot_scope=json.dumps(scope),
                    snapshot_built_at=built_at,
                )  # fmt: skip
            timings["index"] = time.perf_counter() - t
            raw.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    finally:
        store.close()
    built = work / CACHE_FILE
    t = time.perf_counter()
    with built.open("rb+") as f:
        os.fsync(f.fileno())
    digest, size = file_digest(built)
    timings["hash"] = time.perf_counter() - t
    os.replace(built, out)
    shutil.rmtree(work, ignore_errors=True)
    return Built(
        id=snapshot_id, scope=scope, seq=seq, feed_id=feed_id, generation=generation,
        cursor=protocol.encode_cursor(feed_id, seq, scope, generation), counts=counts, size=size,
        sha256=digest, schema_version=CACHE_SCHEMA_VERSION, built_at=built_at, as_of=as_of,
        seconds=time.perf_counter() - started, timings=timings,
    )  # fmt: skip


def _write(conn: sa.Connection, kind: str, rows: list[list[Any]]) -> int:
    from sync import apply

    if not rows:
        return 0
    n = len(rows)
    apply.apply_bulk(conn, apply.Decoded({kind: list(rows)}, {}, n))
    rows.clear()
    return n


def file_digest(path: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


# -- the manager inside ``serve`` -----------------------------------------------------------


@dataclass
class Snapshot:
    built: Built
    path: Path
    key: str = field(repr=False)
    expires_at: datetime

    def answer(self) -> protocol.SnapshotReady:
        b = self.built
        return protocol.SnapshotReady(
            id=b.id, scope=b.scope, cursor=b.cursor, seq=b.seq, size=b.size, sha256=b.sha256,
            schema_version=b.schema_version, format=protocol.SNAPSHOT_FORMAT, key=self.key,
            counts=b.counts, built_at=datetime.fromisoformat(b.built_at),
            as_of=datetime.fromisoformat(b.as_of) if b.as_of else None, expires_at=self.expires_at,
            server_time=now_utc(),
        )  # fmt: skip


@dataclass
class Pending:
    started_at: datetime
    retry_after: int

    def answer(self, scope: list[str]) -> protocol.SnapshotPending:
        return protocol.SnapshotPending(
            scope=scope, started_at=self.started_at, retry_after=self.retry_after, server_time=now_utc()
        )


@dataclass
class SnapshotSettings:
    directory: Path
    max_age: timedelta = MAX_AGE
    max_changes: int = MAX_CHANGES
    min_changes: int = MIN_CHANGES


class SnapshotManager:
    """Per scope: the current file, or its build in progress; see the module docstring."""

    def __init__(self, database_url: str, settings: SnapshotSettings) -> None:
        self.database_url = database_url
        self.settings = settings
        base = settings.directory
        base.mkdir(parents=True, exist_ok=True)
        _remove_orphans(base)
        self.directory = base / f"run-{os.getpid()}-{secrets.token_hex(4)}"
        self.directory.mkdir()
        self._lock = threading.Lock()
        self._ready: dict[tuple[str, ...], Snapshot] = {}
        self._building: dict[tuple[str, ...], Pending] = {}
        self._failed: dict[tuple[str, ...], datetime] = {}
        self._small: dict[tuple[str, ...], int] = {}  # scope → head when found small
        self._retired: list[tuple[datetime, Snapshot]] = []
        self._children: set[subprocess.Popen[str]] = set()
        self.builds: list[Built] = []  # for the benchmark's and the tests' reports

    # -- answering ------------------------------------------------------------------------

    def lookup(self, conn: sa.Connection, scope: Sequence[str]) -> Snapshot | Pending | None:
        """The scope's fresh snapshot, a build in progress (started now if need be), or None:
        no snapshot for this scope (small, or its last build failed) — use the feed."""
        key = tuple(sorted(set(scope)))
        self._tidy()
        with self._lock:
            snap = self._ready.get(key)
            pending = self._building.get(key)
        if snap is not None:
            if self._fresh(conn, snap):
                return snap
            self._retire(key, snap)
        if pending is not None:
            return pending
        with self._lock:
            failed = self._failed.get(key)
        if failed is not None and now_utc() - failed < RETRY_FAILED:
            return None
        head, _ = head_of(conn)
        small_at = self._small.get(key)
        if small_at is not None and head - small_at < self.settings.min_changes:
            return None
        if self.settings.min_changes and _count(conn, scope, 0, head, self.settings.min_changes) < (
            self.settings.min_changes
        ):
            self._small[key] = head
            return None
        return self._start(key)

    def prepare(self, conn: sa.Connection, scopes: Iterable[Sequence[str]]) -> list[tuple[str, ...]]:
        """Build ahead of need: each scope with no snapshot, or whose snapshot is half-way to stale
        (it is still handed out meanwhile), starts a build now. Returns the scopes started."""
        started = []
        for scope in scopes:
            key = tuple(sorted(set(scope)))
            with self._lock:
                snap = self._ready.get(key)
                building = key in self._building
            if building:
                continue
            if snap is not None and self._fresh(conn, snap):
                if self._ripe(conn, snap):
                    self._start(key)
                    started.append(key)
            elif isinstance(self.lookup(conn, key), Pending):
                started.append(key)
        return started

    def file(self, snapshot_id: str) -> Snapshot | None:
        """A snapshot by id: the current one of its scope, or one superseded a moment ago."""
        with self._lock:
            for snap in [*self._ready.values(), *(s for _, s in self._retired)]:
                if snap.built.id == snapshot_id and snap.path.exists():
                    return snap
        return None

    def _fresh(self, conn: sa.Connection, snap: Snapshot) -> bool:
        b = self.built_facts(conn)
        if now_utc() >= snap.expires_at or b["feed_id"] != snap.built.feed_id:
            return False
        if b["generation"] > snap.built.generation and snap.built.seq < b["expired_through"]:
            return False  # compaction dropped a deletion after it: its cursor would be refused
        head, _ = head_of(conn)
        behind = _count(conn, snap.built.scope, snap.built.seq, head, self.settings.max_changes + 1)
        return behind <= self.settings.max_changes

    def _ripe(self, conn: sa.Connection, snap: Snapshot) -> bool:
        """Whether a fresh snapshot has used ``RENEW_AT`` of its age or of its changes."""
        s = self.settings
        if now_utc() - datetime.fromisoformat(snap.built.built_at) >= s.max_age * RENEW_AT:
            return True
        head, _ = head_of(conn)
        limit = max(1, int(s.max_changes * RENEW_AT))
        return _count(conn, snap.built.scope, snap.built.seq, head, limit) >= limit

    @staticmethod
    def built_facts(conn: sa.Connection) -> dict[str, Any]:
        facts = info(conn)
        return {
            "feed_id": facts["feed_id"],
            "generation": int(facts.get("compaction_gen", "0")),
            "expired_through": int(facts.get("expired_through", "0")),
        }

    # -- building -------------------------------------------------------------------------

    def _start(self, key: tuple[str, ...]) -> Pending:
        with self._lock:
            if key in self._building:
                return self._building[key]
            pending = Pending(now_utc(), retry_after=2)
            self._building[key] = pending
        threading.Thread(target=self._build, args=(key,), name="snapshot-build", daemon=True).start()
        return pending

    def _build(self, key: tuple[str, ...]) -> None:
        snapshot_id = secrets.token_hex(16)
        key_hex = secrets.token_hex(32)
        out = self.directory / f"{snapshot_id}.db"
        staged = out.with_name(out.name + ".done")  # renamed to ``out`` as it is registered
        cmd = [
            sys.executable, "-m", "sync.server.snapshot", "build", "--out", str(staged),
            "--id", snapshot_id, *(a for s in key for a in ("--scope", s)),
        ]  # fmt: skip
        env = dict(os.environ, DATABASE_URL=self.database_url)
        try:
            child = subprocess.Popen(
                cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
            )
            with self._lock:
                self._children.add(child)
            try:
                stdout, stderr = child.communicate(key_hex + "\n", timeout=BUILD_TIMEOUT)
            finally:
                with self._lock:
                    self._children.discard(child)
            if child.returncode != 0:
                raise RuntimeError(stderr.strip()[-2000:] or f"exit status {child.returncode}")
            built = Built(**json.loads(stdout.strip().splitlines()[-1]))
        except Exception:
            log.exception("snapshot build for %s failed", ",".join(key))
            shutil.rmtree(staged.with_name(staged.name + ".build"), ignore_errors=True)
            staged.unlink(missing_ok=True)
            with self._lock:
                self._building.pop(key, None)
                self._failed[key] = now_utc()
            return
        snap = Snapshot(built, out, key_hex, datetime.fromisoformat(built.built_at) + self.settings.max_age)
        log.info("snapshot %s of %s: seq %d, %d bytes, %.1f s", built.id, ",".join(key), built.seq,
                 built.size, built.seconds)  # fmt: skip
        with self._lock:  # a file under its final name is one the platform hands out
            os.replace(staged, out)
            old = self._ready.get(key)
            self._ready[key] = snap
            self._building.pop(key, None)
            self._failed.pop(key, None)
            self.builds.append(built)
            if old is not None:
                self._retired.append((now_utc(), old))

    def _retire(self, key: tuple[str, ...], snap: Snapshot) -> None:
        with self._lock:
            if self._ready.get(key) is snap:
                del self._ready[key]
                self._retired.append((now_utc(), snap))

    def _tidy(self) -> None:
        with self._lock:
            keep: list[tuple[datetime, Snapshot]] = []
            drop: list[tuple[datetime, Snapshot]] = []
            for at, snap in self._retired:
                (drop if now_utc() - at > GRACE else keep).append((at, snap))
            self._retired = keep
        for _, snap in drop:
            snap.path.unlink(missing_ok=True)

    def close(self) -> None:
        """Stop builds in progress and delete this process's files (their keys die with it)."""
        with self._lock:
            children = list(self._children)
        for child in children:
            child.kill()
            child.wait(10)
        shutil.rmtree(self.directory, ignore_errors=True)


def _count(conn: sa.Connection, scope: Sequence[str], after: int, head: int, limit: int) -> int:
    """Feed changes in ``scope`` within ``(after, head]``, counting no further than ``limit``."""
    inner = (
        sa.select(change.c.seq)
        .where(change.c.seq > after, change.c.seq <= head, scope_filter(change.c.division_code, scope))
        .limit(limit)
        .subquery()
    )
    return int(conn.execute(sa.select(sa.func.count()).select_from(inner)).scalar_one())


def _remove_orphans(base: Path) -> None:
    """Delete the files of platform processes that are gone (their keys went with them)."""
    for run in base.glob("run-*"):
        try:
            pid = int(run.name.split("-")[1])
        except (IndexError, ValueError):
            continue
        if not _alive(pid):
            shutil.rmtree(run, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# -- the build child ------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m sync.server.snapshot build --out F --id ID --scope P…``; the one-time key is
    read from standard input (never from the command line, which other users can see)."""
    from sync.server.db import database_url, make_engine

    parser = argparse.ArgumentParser(prog="python -m sync.server.snapshot")
    parser.add_argument("command", choices=("build",))
    parser.add_argument("--out", required=True)
    parser.add_argument("--id", required=True)
    parser.add_argument("--scope", action="append", required=True)
    args = parser.parse_args(argv)
    key_hex = sys.stdin.readline().strip()
    if len(key_hex) != 64:
        print("the one-time key (64 hex digits) is expected on standard input", file=sys.stderr)
        return 2
    engine = make_engine(database_url())
    try:
        built = build(engine, args.scope, Path(args.out), key_hex, args.id)
    finally:
        engine.dispose()
    print(json.dumps(asdict(built)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
