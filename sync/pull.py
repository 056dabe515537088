"""The pull loop: page after page from the cursor, each applied with its cursor in one transaction.

The next page is fetched on a helper thread while the current one is written (network, gzip and
JSON overlap with SQLite); it is only ever applied after the page before it has committed, so
the order — and the one-transaction-per-page rule — is exactly as without the helper. A
cancelled or failed run leaves the cache at the last committed page.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from credit.store.loader import set_info
from credit.store.schema import reset_cache
from sync import apply, protocol, state
from sync.errors import Cancelled, CursorExpired
from sync.transport import Transport

if TYPE_CHECKING:
    from credit.store.db import Store
    from sync.snapshot import Bootstrap, SnapshotUsed

log = logging.getLogger(__name__)

#: Page sizes: a first sync moves many records per request, a routine one fewer.
BULK_PAGE = 5000
PAGE = 5000
#: In a first sync larger than this, payload fields are not re-validated one by one (the shape of
#: every change still is): the platform validated them on ingestion with the same models.
VALIDATE_UP_TO = 200_000

Progress = Callable[[int, int], None]


@dataclass
class PullResult:
    applied: int = 0
    upserts: int = 0
    deletes: int = 0
    pages: int = 0
    full: bool = False  # started from zero (first sync or resync)
    resynced_because: str | None = None
    as_of: str | None = None  # the platform's clock when the last page was read: current as of then
    platform_changed_at: str | None = None  # when the platform's data last changed
    cursor: str | None = None
    clock_skew_seconds: float | None = None
    seconds: float = 0.0
    by_kind: dict[str, int] = field(default_factory=dict)
    #: Where the time went: waiting for pages, checking them, writing them, rebuilding indexes.
    timings: dict[str, float] = field(default_factory=dict)
    #: The first sync came as a snapshot (:mod:`sync.snapshot`), and why earlier files were refused.
    snapshot: SnapshotUsed | None = None
    snapshot_refused: list[str] = field(default_factory=list)

    def timed(self, what: str, since: float) -> float:
        now = time.perf_counter()
        self.timings[what] = self.timings.get(what, 0.0) + now - since
        return now


@dataclass
class _Fetched:
    page: protocol.ChangeRowsPage | None = None
    error: BaseException | None = None


class _Prefetcher:
    """Fetches one page ahead on a daemon thread."""

    def __init__(self, fetch: Callable[[str | None, bool], protocol.ChangeRowsPage]) -> None:
        self.fetch = fetch
        self.slot: queue.Queue[_Fetched] = queue.Queue(maxsize=1)
        self.thread: threading.Thread | None = None

    def start(self, cursor: str | None, count: bool) -> None:
        def run() -> None:
            try:
                self.slot.put(_Fetched(page=self.fetch(cursor, count)))
            except BaseException as exc:  # handed to the consumer
                self.slot.put(_Fetched(error=exc))

        self.thread = threading.Thread(target=run, name="sync-prefetch", daemon=True)
        self.thread.start()

    def take(self) -> protocol.ChangeRowsPage:
        got = self.slot.get()
        if got.error is not None:
            raise got.error
        assert got.page is not None
        return got.page

    def discard(self) -> None:
        """Wait for a fetch in flight to end (it checks cancellation) and drop its page."""
        if self.thread is not None:
            self.thread.join(30)
            while not self.slot.empty():
                self.slot.get_nowait()


def pull(
    store: Store,
    transport: Transport,
    token: str,
    *,
    server: str,
    user: str,
    scope: list[str],
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    page_size: int | None = None,
    bootstrap: Bootstrap | None = None,
) -> PullResult:
    """Bring the cache up to the platform's head for ``scope``; returns what was done. With a
    ``bootstrap``, a first sync starts from the platform's snapshot when it offers one."""
    started = time.perf_counter()
    result = PullResult()
    for attempt in range(2):  # a refused cursor (410) means one resync from zero
        try:
            _pull_once(
                store, transport, token, server, user, scope, progress, cancelled, page_size, result,
                bootstrap,
            )  # fmt: skip
            break
        except CursorExpired as exc:
            if attempt:
                raise
            log.warning("cursor refused (%s): resyncing from zero", exc.code)
            result.resynced_because = exc.reason
            with store.write_cache() as conn:
                set_info(conn, sync_cursor="")
    result.seconds = time.perf_counter() - started
    result.clock_skew_seconds = transport.clock_offset
    return result


def _pull_once(
    store: Store,
    transport: Transport,
    token: str,
    server: str,
    user: str,
    scope: list[str],
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
    page_size: int | None,
    result: PullResult,
    bootstrap: Bootstrap | None = None,
) -> None:
    with store.cache.connect() as conn:
        current = state.read_state(conn)
    if current.cursor is None or not current.matches(server, user, scope):
        if bootstrap is None or not bootstrap.install(result, progress, cancelled):
            _start_from_zero(store, server, user, scope)
        result.full = True
        with store.cache.connect() as conn:
            current = state.read_state(conn)
    elif bootstrap is not None:
        bootstrap.tidy()
    bulk = current.bulk
    result.full = result.full or bulk
    limit = page_size or (BULK_PAGE if bulk else PAGE)

    def fetch(cursor: str | None, count: bool) -> protocol.ChangeRowsPage:
        params: list[tuple[str, Any]] = [("limit", limit), *(("scope", s) for s in scope)]
        if cursor:
            params.append(("after", cursor))
        if count:
            params.append(("count", "true"))
        return transport.request(
            "GET", "/changes", token=token, params=params, cancelled=cancelled, parse=apply.validate_page
        )

    prefetch = _Prefetcher(fetch)
    prefetch.start(current.cursor, True)
    total: int | None = None
    done = 0
    validate = True
    try:
        while True:
            t = time.perf_counter()
            page = prefetch.take()
            if page.has_more:
                prefetch.start(page.next_cursor, False)
            t = result.timed("wait", t)
            if total is None:
                total = len(page.changes) + (page.remaining or 0)
                validate = not bulk or total <= VALIDATE_UP_TO
            decoded = apply.decode(page, validate_fields=validate)
            t = result.timed("decode", t)
            if cancelled and cancelled():
                raise Cancelled()
            with store.write_cache() as conn:
                apply_page = apply.apply_bulk if bulk else apply.apply_incremental
                stats = apply_page(conn, decoded, cancelled)
                _commit_page(conn, page, decoded.count, current.applied + result.applied)
            result.timed("write", t)
            result.applied += decoded.count
            result.upserts += stats.upserts
            result.deletes += stats.deletes
            result.pages += 1
            for k, n in stats.by_kind.items():
                result.by_kind[k] = result.by_kind.get(k, 0) + n
            result.as_of = _as_of_text(page.server_time)
            result.platform_changed_at = _as_of_text(page.as_of)
            result.cursor = page.next_cursor
            done += decoded.count
            if progress:
                progress(done, max(total, done))
            if not page.has_more:
                break
    finally:
        prefetch.discard()
    if bulk:
        if cancelled and cancelled():
            raise Cancelled()
        t = time.perf_counter()
        with store.write_cache() as conn:
            apply.finish_bulk(conn)
        t = result.timed("index", t)
        _checkpoint(store)  # the first sync's pages into the file now, not at the next small sync
        result.timed("checkpoint", t)


def _checkpoint(store: Store) -> None:
    with store.write_lock, store.cache.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def _commit_page(conn: Any, page: protocol.ChangeRowsPage, count: int, applied_before: int) -> None:
    values = {"sync_cursor": page.next_cursor, "sync_applied": str(applied_before + count)}
    # The cache holds everything the platform had when this page was read: that is its as-of
    # (status bar, check reports, the staleness warning), not the time of the last change.
    values["as_of"] = _as_of_text(page.server_time) or ""
    changed = _as_of_text(page.as_of)
    if changed:
        values["platform_changed_at"] = changed
    set_info(conn, **values)


def _as_of_text(moment: datetime | None) -> str | None:
    """The platform's as-of in local time, as the status bar and the reports show it."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().isoformat(timespec="seconds")


def _start_from_zero(store: Store, server: str, user: str, scope: list[str]) -> None:
    """Empty the cache (never the work database) and enter bulk mode for a first sync."""
    reset_cache(store)
    with store.write_cache() as conn:
        apply.begin_bulk(conn)
        state.write_owner(conn, server, user, scope)
        set_info(conn, sync_cursor="", sync_applied="0")
