"""A first sync from a snapshot: the platform's ready cache file instead of the feed from zero.

The steps, each resumable after a crash, a cut connection or a cancel; the state file
``cache.snapshot.json`` (next to ``cache.db``; it holds no key) says how far it got:

1. ``download`` — ``GET /snapshot`` names the file, its SHA-256, its one-time key and the cursor
   ``S`` it stands for; the file is fetched into ``cache.snapshot.part`` with ``Range`` from
   where the last attempt stopped, hashed on the way, refused (deleted) when the digest differs;
2. ``copy`` — the file is re-encrypted page by page from the one-time key to the store's own
   key into ``cache.snapshot.new`` (SQLCipher's backup API: C speed, and the downloaded file is
   only read, so a crash here just starts the copy again);
3. ``prepare`` — the copy's schema version and row counts are checked against what the platform
   announced, and the cursor ``S`` and the sync owner are written into it;
4. ``swap`` — :meth:`credit.store.db.Store.replace_cache` renames it over ``cache.db``.

Until the swap the old cache is untouched and in use; after it the new one is complete: never a
mix. Both files on disk are always encrypted — the download under the one-time key, which lives
only in memory (asked for again after a restart), the copy under the store's key. The pull then
continues from ``S`` with the ordinary incremental feed.

When the platform offers no snapshot (an older platform, a small scope, a failed build), its
cache schema differs from ours, or a file is refused twice, the caller falls back to the feed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import requests
import urllib3
from pydantic import TypeAdapter

from sync import protocol, state
from sync.errors import Cancelled, ProtocolViolation, ServerRefused, SyncError
from sync.transport import Transport, _problem, _retry_after, _tls_words

if TYPE_CHECKING:
    from credit.store.db import Store
    from sync.pull import PullResult

log = logging.getLogger(__name__)

PART = "cache.snapshot.part"
NEW = "cache.snapshot.new"
STATE = "cache.snapshot.json"
#: How long a first sync waits for the platform to finish building a snapshot before it
#: takes the feed instead.
BUILD_WAIT = 15 * 60.0
#: Bytes per read of the download, and pages per step of the re-encryption (cancel checks).
CHUNK = 1 << 18
COPY_PAGES = 8192
#: Answers meaning "this platform has no snapshot for you": use the feed.
NO_SNAPSHOT = frozenset(
    {"snapshot_unavailable", "not_found", "method_not_allowed", "http_404", "http_405", "http_501"}
)

#: Fault-injection hook for the crash tests: ``CREDITDESK_SNAPSHOT_PAUSE=<point>`` stops the
#: install at that point for a minute, after creating ``snapshot-paused-<point>`` in the data
#: directory, so a test can SIGKILL the process exactly there. Points: ``download`` (half the
#: file received; ``download:0.3`` for another share), ``copy`` (part of the pages
#: re-encrypted), ``prepare`` (cursor written, not yet committed), ``swap`` (just before the
#: rename) and ``swapped`` (just after it).
PAUSE_ENV = "CREDITDESK_SNAPSHOT_PAUSE"

_ANSWER: TypeAdapter[protocol.SnapshotReady | protocol.SnapshotPending] = TypeAdapter(protocol.SnapshotAnswer)
Progress = Callable[[int, int], None]
#: The stages reported to ``on_stage`` (the GUI words its progress text by them): the platform is
#: building the file, it is being downloaded, it is being re-encrypted, checked and swapped in.
STAGES = ("snapshot_wait", "snapshot_download", "snapshot_install")
Cancel = Callable[[], bool] | None


class SnapshotRefused(SyncError):
    """A snapshot file failed a check (digest, schema, counts); it has been deleted."""


@dataclass
class SnapshotUsed:
    """What a snapshot install did, for the sync's result and the benchmark."""

    id: str
    seq: int
    size: int
    counts: dict[str, int]
    resumed_at: int = 0  # bytes already on disk when this run started downloading
    fetches: int = 0  # requests for the file (more than one: the download was resumed)
    refused: list[str] = field(default_factory=list)  # reasons of refused attempts


@dataclass
class _State:
    """``cache.snapshot.json``: the announced snapshot minus its key, and the phase reached."""

    id: str
    sha256: str
    size: int
    seq: int
    cursor: str
    scope: list[str]
    counts: dict[str, int]
    built_at: str
    as_of: str | None
    server: str
    user: str
    phase: str = "download"  # download → copy → prepare → swap


class Paths:
    def __init__(self, data_dir: Path) -> None:
        self.dir = data_dir
        self.part = data_dir / PART
        self.new = data_dir / NEW
        self.state = data_dir / STATE

    def load(self) -> _State | None:
        try:
            return _State(**json.loads(self.state.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None

    def save(self, st: _State) -> None:
        tmp = self.state.with_name(self.state.name + ".tmp")
        with tmp.open("w", encoding="utf-8") as f:
            json.dump(asdict(st), f, ensure_ascii=False)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.state)

    def discard(self) -> None:
        """Remove every trace of a snapshot install (the cache itself is not touched)."""
        from credit.store.swap import sidecars

        for path in (self.state, self.part, self.new, *sidecars(self.part), *sidecars(self.new)):
            path.unlink(missing_ok=True)

    def leftovers(self) -> bool:
        return any(p.exists() for p in (self.state, self.part, self.new))


class Bootstrap:
    """The snapshot path of one pull (see the module docstring); :mod:`sync.pull` calls
    :meth:`install` where a first sync would start from zero, and :meth:`tidy` otherwise."""

    def __init__(self, store: Store, transport: Transport, token: str, *, server: str, user: str,
                 scope: list[str], build_wait: float = BUILD_WAIT,
                 on_stage: Callable[[str | None], None] | None = None) -> None:  # fmt: skip
        self.store = store
        self._on_stage = on_stage
        self.transport = transport
        self.token = token
        self.server = server
        self.user = user
        self.scope = sorted(set(scope))
        self.build_wait = build_wait
        self.paths = Paths(store.data_dir)

    def tidy(self) -> None:
        """The cache is in sync already: what a finished or abandoned install left is of no use."""
        if self.paths.leftovers():
            self.paths.discard()

    def install(self, result: PullResult, progress: Progress | None, cancelled: Cancel) -> bool:
        """Put a snapshot in place as the cache, with its cursor; False: use the feed."""
        try:
            return self._install_or_refuse(result, progress, cancelled)
        except OSError as exc:  # the disk, not the network (those are SyncErrors already)
            raise SyncError(
                f"写入本机数据快照失败（{exc.strerror or exc}）。请检查数据目录所在磁盘的可用空间后重新同步；"
                "已下载的部分已保存。",
                code="disk",
            ) from exc
        finally:
            if self._on_stage is not None:
                self._on_stage(None)

    def _install_or_refuse(self, result: PullResult, progress: Progress | None, cancelled: Cancel) -> bool:
        refused: list[str] = []
        for _attempt in range(2):
            try:
                used = self._install(result, progress, cancelled)
            except SnapshotRefused as exc:
                log.warning("snapshot refused: %s", exc.reason)
                refused.append(exc.reason)
                self.paths.discard()
                continue
            if used is None:
                result.snapshot_refused = refused
                return False
            used.refused = refused
            result.snapshot = used
            return True
        result.snapshot_refused = refused
        return False

    # -- the steps ------------------------------------------------------------------------

    def _install(
        self, result: PullResult, progress: Progress | None, cancelled: Cancel
    ) -> SnapshotUsed | None:
        from credit.store.schema import CACHE_SCHEMA_VERSION

        st = self.paths.load()
        if st is not None and (st.server, st.user, st.scope) != (self.server, self.user, self.scope):
            self.paths.discard()  # another account's or scope's download
            st = None
        meta: protocol.SnapshotReady | None = None
        if st is None or st.phase in ("download", "copy"):  # these steps need the file or its key
            t = time.perf_counter()
            meta = self._announced(progress, cancelled)
            result.timed("snapshot_wait", t)
            if meta is None:
                self.paths.discard()
                return None
            if meta.schema_version != CACHE_SCHEMA_VERSION or meta.format != protocol.SNAPSHOT_FORMAT:
                log.info("snapshot schema %s/%s, ours %s: using the feed", meta.format, meta.schema_version,
                         CACHE_SCHEMA_VERSION)  # fmt: skip
                self.paths.discard()
                return None
            if meta.scope != self.scope:
                raise ProtocolViolation("平台返回的数据快照范围与请求不符。")
            if st is None or st.id != meta.id:  # none yet, or the platform has built a newer one
                self.paths.discard()
                st = _State(
                    id=meta.id, sha256=meta.sha256, size=meta.size, seq=meta.seq, cursor=meta.cursor,
                    scope=self.scope, counts=meta.counts, built_at=meta.built_at.isoformat(),
                    as_of=meta.as_of.isoformat() if meta.as_of else None, server=self.server, user=self.user,
                )  # fmt: skip
                self.paths.save(st)
        if st is None or (st.phase == "copy" and not self.paths.part.exists()) or (
            st.phase in ("prepare", "swap") and not self.paths.new.exists()
        ):  # a file it needs is gone (removed by hand): start over
            self.paths.discard()
            return self._install(result, progress, cancelled)
        if st.phase == "download" and not self._room_for(st.size):
            result.snapshot_refused.append(
                f"本机磁盘可用空间不足（数据快照需约 {2 * st.size / 2**30:.1f} GB），改为按变更同步。"
            )
            self.paths.discard()
            return None
        used = SnapshotUsed(st.id, st.seq, st.size, st.counts)
        records = max(1, sum(st.counts.values()))
        if st.phase == "download":
            assert meta is not None
            self._stage("snapshot_download", progress, 0, records)
            t = time.perf_counter()
            used.resumed_at, used.fetches = self._download(meta, progress, records, cancelled)
            result.timed("download", t)
            st.phase = "copy"
            self.paths.save(st)
        self._stage("snapshot_install", progress, records, records)
        if st.phase == "copy":
            assert meta is not None
            t = time.perf_counter()
            self._copy(meta.key, cancelled)
            result.timed("reencrypt", t)
            st.phase = "prepare"
            self.paths.save(st)
            self.paths.part.unlink(missing_ok=True)
        if st.phase == "prepare":
            t = time.perf_counter()
            self._prepare(st)
            result.timed("check", t)
            st.phase = "swap"
            self.paths.save(st)
        if cancelled and cancelled():
            raise Cancelled()
        t = time.perf_counter()
        from credit.store.swap import CacheBusy

        self._pause("swap")
        try:
            self.store.replace_cache(self.paths.new)
        except CacheBusy as exc:
            raise SyncError(exc.reason, code="cache_busy") from exc
        self._pause("swapped")
        self.paths.discard()
        result.timed("swap", t)
        self._stage(None, progress, records, records)
        return used

    def _announced(self, progress: Progress | None, cancelled: Cancel) -> protocol.SnapshotReady | None:
        """The ready snapshot of our scope, waiting while the platform builds it; None: none."""
        deadline = time.monotonic() + self.build_wait
        params = [("scope", s) for s in self.scope]
        while True:
            try:
                got = self.transport.request(
                    "GET", "/snapshot", token=self.token, params=params, cancelled=cancelled,
                    parse=_ANSWER.validate_json,
                )  # fmt: skip
            except ServerRefused as exc:
                if exc.code in NO_SNAPSHOT:
                    log.info("no snapshot (%s): using the feed", exc.code)
                    return None
                raise
            if isinstance(got, protocol.SnapshotReady):
                return got
            self._stage("snapshot_wait", progress, 0, 0)
            if time.monotonic() + got.retry_after > deadline:
                log.info("snapshot still building after %.0f s: using the feed", self.build_wait)
                return None
            self.transport._wait(max(0.2, float(got.retry_after)), cancelled)

    def _download(
        self, meta: protocol.SnapshotReady, progress: Progress | None, records: int,
        cancelled: Cancel,
    ) -> tuple[int, int]:  # fmt: skip
        """Fetch the file into ``cache.snapshot.part`` from where it stopped; verify its digest.
        Returns how many bytes were there already, and how many requests it took."""
        part = self.paths.part
        have = part.stat().st_size if part.exists() else 0
        if have > meta.size:
            part.unlink()
            have = 0
        resumed_at = have
        digest = hashlib.sha256()
        if have:
            with part.open("rb") as f:
                while chunk := f.read(CHUNK):
                    digest.update(chunk)
        url = f"{self.transport.base_url}{protocol.API_PREFIX}/snapshot/{meta.id}"
        policy = self.transport.retry
        attempt = fetches = 0
        last = "未知原因"
        while have < meta.size:
            if cancelled and cancelled():
                raise Cancelled()
            wait: float | None = None
            fetches += 1
            try:
                have, digest = self._fetch(url, meta, have, digest, progress, records, cancelled)
                attempt = 0  # progress was made: a new cut gets the full number of retries
                continue
            except _Again as exc:
                last, wait = exc.why, exc.wait
            attempt += 1
            if attempt >= policy.attempts:
                from sync.errors import Offline

                raise Offline(f"多次重试后仍无法下载数据快照（{last}）。已下载的部分已保存，下次同步会继续。")
            backoff = self.transport.rng.uniform(0, min(policy.cap, policy.base * 2 ** (attempt - 1)))
            self.transport.retries += 1
            self.transport._wait(max(backoff, min(wait or 0.0, policy.max_retry_after)), cancelled)
        with part.open("rb+") as f:
            os.fsync(f.fileno())
        if digest.hexdigest() != meta.sha256:
            part.unlink()
            raise SnapshotRefused("下载的数据快照校验失败（SHA-256 不符），已丢弃。", code="snapshot_digest")
        return resumed_at, fetches

    def _fetch(
        self, url: str, meta: protocol.SnapshotReady, have: int, digest: Any, progress: Progress | None,
        records: int, cancelled: Cancel,
    ) -> tuple[int, Any]:  # fmt: skip
        """One request from byte ``have``; returns how far it got (a cut connection after some
        bytes is simply continued by the next request). Raises :class:`_Again` when it got
        nothing and another try is worth it."""
        start = have
        headers = {
            "Authorization": f"Bearer {self.token}",
            "Accept-Encoding": "identity",  # encrypted bytes do not compress
            "Range": f"bytes={have}-",
        }
        try:
            t = self.transport
            r = t.session.get(url, headers=headers, stream=True, timeout=t.timeout, verify=t.verify)
        except requests.exceptions.SSLError as exc:
            from sync.errors import CertificateProblem

            raise CertificateProblem(_tls_words(exc), code="certificate") from exc
        except requests.exceptions.RequestException as exc:
            raise _Again("无法连接到共享平台") from exc
        with r:
            self.transport._note_clock(r)
            if r.status_code in (429, 503):
                raise _Again(f"平台繁忙（{r.status_code}）", _retry_after(r))
            if r.status_code >= 500:
                raise _Again(f"平台内部错误（{r.status_code}）")
            if r.status_code >= 400:
                err = _problem(r)
                if err.code == "snapshot_unavailable":  # superseded meanwhile: start again
                    raise SnapshotRefused(err.reason, code=err.code)
                raise err
            if r.status_code == 200:  # the whole file, from the start
                have, digest = 0, hashlib.sha256()
                mode = "wb"
            elif r.status_code == 206 and r.headers.get("Content-Range", "").startswith(f"bytes {have}-"):
                mode = "ab"
            else:
                raise ProtocolViolation(f"平台对数据快照的分段请求答复不正确（HTTP {r.status_code}）。")
            if r.headers.get("ETag", '"' + meta.sha256 + '"').strip('"') != meta.sha256:
                raise SnapshotRefused("平台返回的快照文件与所宣布的不符。", code="snapshot_digest")
            point, _, share = os.environ.get(PAUSE_ENV, "").partition(":")
            half = int(meta.size * float(share or 0.5)) if point == "download" else -1
            with self.paths.part.open(mode, buffering=CHUNK) as f:
                while True:
                    try:  # read1: whatever has arrived, so a cut connection loses nothing received
                        chunk = r.raw.read1(CHUNK)
                    except _CUT as exc:
                        if have > start:
                            break
                        raise _Again("数据传输中断") from exc
                    if not chunk:
                        break
                    if cancelled and cancelled():
                        raise Cancelled()
                    if have + len(chunk) > meta.size:
                        raise SnapshotRefused("平台返回的快照文件比所宣布的大。", code="snapshot_size")
                    if have < half <= have + len(chunk):  # the crash tests stop half-way
                        head, chunk = chunk[: half - have], chunk[half - have :]
                        f.write(head)
                        digest.update(head)
                        have += len(head)
                        f.flush()
                        self._pause("download")
                    f.write(chunk)
                    digest.update(chunk)
                    have += len(chunk)
                    if progress:
                        progress(records * have // meta.size, records)
        if have == start:
            raise _Again("数据传输中断")
        return have, digest

    def _copy(self, one_time_key: str, cancelled: Cancel) -> None:
        """Re-encrypt the download under the store's own key into ``cache.snapshot.new``."""
        import sqlcipher3.dbapi2 as sqlcipher

        from credit.store.keys import DbKey

        new = self.paths.new
        for p in (new, *_sidecars(new)):
            p.unlink(missing_ok=True)
        try:
            src = connect_raw_readonly(self.paths.part, DbKey(f"\"x'{one_time_key}'\"", "snapshot"))
        except sqlcipher.DatabaseError as exc:
            raise SnapshotRefused("数据快照无法用平台给出的密钥打开，已丢弃。", code="snapshot_key") from exc
        try:
            dst = sqlcipher.connect(str(new), check_same_thread=False)
            try:
                dst.execute("PRAGMA cipher_log_level = NONE")
                dst.execute(f"PRAGMA key = {self.store.key.pragma_value}")
                dst.execute("PRAGMA journal_mode = OFF")  # a fresh file: a crash means copy again

                pausing = os.environ.get(PAUSE_ENV) == "copy"
                steps = 0

                def step(_status: int, remaining: int, _total: int) -> None:
                    nonlocal steps
                    steps += 1
                    if cancelled and cancelled():
                        raise Cancelled()
                    if steps == 2 and remaining:
                        self._pause("copy")

                src.backup(dst, pages=16 if pausing else COPY_PAGES, progress=step)
            finally:
                dst.close()
        except sqlcipher.DatabaseError as exc:
            raise SnapshotRefused(f"数据快照文件已损坏（{exc}），已丢弃。", code="snapshot_corrupt") from exc
        finally:
            src.close()
        with new.open("rb+") as f:
            os.fsync(f.fileno())

    def _prepare(self, st: _State) -> None:
        """Check the copy against what was announced and give it the cursor and the owner."""
        import sqlalchemy as sa

        from credit.store.db import make_engine
        from credit.store.loader import get_info, set_info
        from credit.store.schema import CACHE_SCHEMA_VERSION
        from sync.apply import TABLES

        engine = make_engine(self.paths.new, self.store.key)
        try:
            with engine.begin() as conn:
                facts = get_info(conn)
                if facts.get("schema_version") != CACHE_SCHEMA_VERSION or facts.get("snapshot_id") != st.id:
                    raise SnapshotRefused(
                        "数据快照的结构版本或编号与平台所宣布的不符，已丢弃。", code="snapshot_schema"
                    )
                for kind, table in TABLES.items():
                    n = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
                    if n != st.counts.get(kind, 0):
                        want = st.counts.get(kind, 0)
                        raise SnapshotRefused(
                            f"数据快照中的 {kind} 记录数（{n}）与平台所宣布的（{want}）不符，已丢弃。",
                            code="snapshot_counts",
                        )
                state.write_owner(conn, self.server, self.user, self.scope)
                set_info(
                    conn, sync_cursor=st.cursor, sync_applied="0", sync_bulk="0", sync_snapshot=st.id,
                    as_of=_local(st.built_at), platform_changed_at=_local(st.as_of) if st.as_of else "",
                )  # fmt: skip
                self._pause("prepare")
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA journal_mode = DELETE")  # one self-contained file again
        finally:
            engine.dispose()
        if any(p.exists() for p in _sidecars(self.paths.new)):
            raise SyncError("数据快照尚未写完整，请重新同步。", code="snapshot_busy")


    def _room_for(self, size: int) -> bool:
        """The download and its re-encrypted copy sit beside the old cache until the swap."""
        import shutil

        have = self.paths.part.stat().st_size if self.paths.part.exists() else 0
        return shutil.disk_usage(self.paths.dir).free >= 2 * size - have + (64 << 20)

    def _stage(self, stage: str | None, progress: Progress | None, done: int, total: int) -> None:
        if self._on_stage is not None:
            self._on_stage(stage)
        if progress:
            progress(done, total)

    def _pause(self, point: str) -> None:
        if os.environ.get(PAUSE_ENV, "").partition(":")[0] == point:
            (self.store.data_dir / f"snapshot-paused-{point}").touch()
            time.sleep(60)


#: What reading a cut or reset download raises.
_CUT = (requests.exceptions.RequestException, urllib3.exceptions.HTTPError, OSError)


class _Again(Exception):
    def __init__(self, why: str, wait: float | None = None) -> None:
        super().__init__(why)
        self.why = why
        self.wait = wait


def connect_raw_readonly(path: Path, key: Any) -> Any:
    """The downloaded file, opened read-only with its one-time key (it is never modified, so an
    interrupted copy can always start again from it)."""
    import sqlcipher3.dbapi2 as sqlcipher

    conn = sqlcipher.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = {key.pragma_value}")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError:
        conn.close()
        raise
    return conn


def _sidecars(path: Path) -> list[Path]:
    from credit.store.swap import sidecars

    return sidecars(path)


def _local(moment: str) -> str:
    """An announced time as the status bar shows the cache's as-of (local time)."""
    from datetime import datetime

    from sync.pull import _as_of_text

    return _as_of_text(datetime.fromisoformat(moment)) or ""


__all__ = ["Bootstrap", "Paths", "SnapshotRefused", "SnapshotUsed"]
