"""The platform's snapshot build: one consistent read at a feed head S, while writers commit.

The file must hold exactly what a client that applied the feed up to S holds — not a record
committed after S, none missing from before — although writers keep committing throughout the
build (SQLite: one read transaction; PostgreSQL: REPEATABLE READ).
"""

from __future__ import annotations

import json
import random
import secrets
import shutil
import threading
from pathlib import Path

import sqlalchemy as sa

from credit.store.db import CACHE_FILE, Store
from credit.store.keys import DbKey
from credit.store.schema import CACHE_SCHEMA_VERSION
from sync import protocol
from sync.server import snapshot
from sync.server.db import record, write_begin
from sync.server.feed import FeedWriter, read_page
from sync.server.ingest import seed_demo
from tests.sync.cache_check import cache_info, cache_state, search_index_consistent
from tests.sync.conftest import FAST_SCRYPT, SMALL
from tests.sync.oracle import State, head

SCOPE = ["410526", "6102"]


def _state_at(engine: sa.Engine, scope: list[str], seq: int) -> State:
    """The feed from zero replayed up to ``seq`` and no further, as a client would hold it."""
    state: State = {}
    after = 0
    while True:
        with engine.connect() as conn, conn.begin():
            page = read_page(conn, scope, after, 50)
        for text in page.changes:
            s, kind, rid, op, _version, payload = json.loads(text)
            if s > seq:
                return state
            if op == "delete":
                state.pop((kind, rid), None)
            else:
                state[(kind, rid)] = dict(zip(protocol.PAYLOAD_FIELDS[kind], payload, strict=True))
        after = page.next_seq
        if not page.has_more:
            return state


def _writer(engine: sa.Engine, stop: threading.Event, commits: list[int]) -> None:
    """Renames, grades and listings in the scope, one small transaction after another."""
    rng = random.Random(5)
    with engine.connect() as conn:
        codes = list(
            conn.execute(
                sa.select(record.c.id).where(
                    record.c.kind == "entity", record.c.division_code.in_(["410526", "610202", "610204"])
                )
            ).scalars()
        )
    i = 0
    while not stop.is_set():
        i += 1
        with write_begin(engine) as conn:
            w = FeedWriter(conn, source="concurrent")
            code = rng.choice(codes)
            if i % 3 == 0:
                w.put("list_entry", {"id": f"c-{i}", "uscc": code, "list_type": "abnormal",
                                     "category": "经营异常名录", "listed_on": "2026-11-03"})  # fmt: skip
            else:
                values = {"uscc": code, "name": f"并发更名{i}有限公司", "grade": rng.choice("ABCD")}
                w.put("entity", values, merge=True)
            w.finish(delay_before_commit=0.002)
        commits.append(head(engine))


def test_build_reads_one_consistent_state_while_writers_commit(engine: sa.Engine, tmp_path: Path) -> None:
    seed_demo(engine, SMALL, scrypt_n=FAST_SCRYPT)
    stop = threading.Event()
    commits: list[int] = []
    writer = threading.Thread(target=_writer, args=(engine, stop, commits))
    writer.start()
    try:
        while len(commits) < 3:  # writers are under way before the build starts
            threading.Event().wait(0.01)
        key = secrets.token_hex(32)
        out = tmp_path / "snap.db"
        built = snapshot.build(engine, SCOPE, out, key, "ab" * 16)
        during = [c for c in commits if c > built.seq]
    finally:
        stop.set()
        writer.join(30)
    assert during, "writers committed while the build ran"
    assert head(engine) > built.seq
    assert built.schema_version == CACHE_SCHEMA_VERSION and built.size == out.stat().st_size
    assert built.sha256 == snapshot.file_digest(out)[0]
    assert protocol.decode_cursor(built.cursor)[1] == built.seq

    client_dir = tmp_path / "client"
    client_dir.mkdir()
    shutil.copy(out, client_dir / CACHE_FILE)
    store = Store.open(client_dir, DbKey(f"\"x'{key}'\"", "snapshot"), migrate=False)
    try:
        got = cache_state(store)
        want = _state_at(engine, SCOPE, built.seq)
        missing, extra = set(want) - set(got), set(got) - set(want)
        differ = [k for k in want.keys() & got.keys() if want[k] != got[k]]
        assert not missing and not extra and not differ, (len(missing), len(extra), len(differ))
        assert built.counts == {k: sum(1 for kk, _ in got if kk == k) for k in protocol.PULL_KINDS}
        assert search_index_consistent(store)
        info = cache_info(store)
        assert info["schema_version"] == CACHE_SCHEMA_VERSION and info["snapshot_seq"] == str(built.seq)
        assert info["sync_bulk"] == "0"
    finally:
        store.close()
