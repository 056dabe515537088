"""First syncs through a snapshot, against a real server process on SQLite and PostgreSQL.

Every case ends as the feed tests do: the laptop's cache equals what the platform shares with
its jurisdiction (the oracle), its cursor stands at the platform's head, and the changes applied
after the snapshot are exactly those the feed hands out after the snapshot's position ``S``.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from credit.paths import ROOT
from credit.store.db import CACHE_FILE
from sync import account as account_mod
from sync import snapshot as snapshot_mod
from sync.server.accounts import list_accounts, may
from sync.server.db import record
from sync.server.ingest import DEMO_PASSWORD
from tests.sync.cache_check import cache_info, cache_state, cursor_seq, indexes, search_index_consistent
from tests.sync.conftest import Platform, _platform, token_for
from tests.sync.databases import BACKENDS
from tests.sync.oracle import delivered, expected, head
from tests.sync.proxy import FaultyProxy
from tests.sync.server_proc import ServerProcess
from tests.sync.test_faults import SEED, Laptop, _client_env, _mutate, _Opened

SNAPSHOT_FILES = (snapshot_mod.PART, snapshot_mod.NEW, snapshot_mod.STATE)


def _server_args(tmp: Path, *more: str) -> dict[str, Any]:
    return {"extra_args": ("--snapshot-dir", str(tmp / "snapshots"), "--snapshot-min-changes", "0", *more)}


@pytest.fixture(scope="module", params=BACKENDS)
def snap(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    """A seeded platform whose server offers snapshots for any scope."""
    tmp = tmp_path_factory.mktemp(f"snap-{request.param}")
    yield from _platform(request.param, tmp, **_server_args(tmp))


def _ready(base: str, user: str, timeout: float = 60) -> dict[str, Any]:
    """Ask for the user's snapshot until the platform has built it."""
    token = token_for(base, user)
    deadline = time.monotonic() + timeout
    while True:
        r = requests.get(f"{base}/api/v1/snapshot", headers={"Authorization": f"Bearer {token}"}, timeout=10)
        if r.status_code == 200:
            return dict(r.json())
        assert r.status_code == 202, r.text
        assert int(r.headers["Retry-After"]) >= 1
        assert time.monotonic() < deadline, "snapshot not built in time"
        time.sleep(0.2)


def _server_file(platform: Platform, snapshot_id: str) -> Path:
    found = list((platform.tmp / "snapshots").glob(f"run-*/{snapshot_id}.db"))
    assert len(found) == 1, found
    return found[0]


def _verify(platform: Platform, laptop: Laptop, after_seq: int, label: str) -> None:
    """Cache = oracle, cursor = head, and what was applied since the snapshot = the feed after S."""
    want = expected(platform.engine, laptop.scope)
    got = cache_state(laptop.store)
    missing, extra = set(want) - set(got), set(got) - set(want)
    differ = [k for k in want.keys() & got.keys() if want[k] != got[k]]
    assert not missing and not extra and not differ, (
        f"{label}: missing {len(missing)}, extra {len(extra)}, differ {len(differ)}"
    )
    assert cursor_seq(laptop.store) == head(platform.engine), label
    info = cache_info(laptop.store)
    assert info["sync_bulk"] == "0", label
    assert int(info["sync_applied"]) == delivered(platform.engine, laptop.scope, after_seq), label
    assert search_index_consistent(laptop.store), label
    assert indexes(laptop.store) >= {"ix_entity_active_uscc", "ix_entity_active_pinyin", "ix_entity_division"}
    assert not [n for n in SNAPSHOT_FILES if (laptop.path / n).exists()], f"{label}: leftovers"


def _plaintext_samples(platform: Platform, scope: list[str]) -> list[bytes]:
    """Names, codes and addresses that must never appear in a file on disk."""
    samples = []
    for (kind, _rid), values in sorted(expected(platform.engine, scope).items())[:40]:
        if kind == "entity":
            samples += [values["uscc"].encode(), values["name"].encode()]
            if values.get("address"):
                samples.append(values["address"].encode())
    return samples


def _assert_encrypted(path: Path, samples: list[bytes]) -> None:
    data = path.read_bytes()
    assert len(data) > 4096
    assert not data.startswith(b"SQLite format 3"), path
    leaked = [s.decode() for s in samples if s in data]
    assert not leaked, f"{path.name} holds plaintext: {leaked[:3]}"


def test_first_sync_from_a_snapshot_then_the_feed_after_it(snap: Platform, tmp_path: Path) -> None:
    meta = _ready(snap.base, "huaxian")
    server_file = _server_file(snap, meta["id"])
    assert meta["size"] == server_file.stat().st_size and meta["seq"] == head(snap.engine)
    assert meta["schema_version"] and meta["format"] == "creditdesk-cache/sqlcipher4"
    samples = _plaintext_samples(snap, ["410526"])
    _assert_encrypted(server_file, samples)
    edits = _mutate(snap.engine, random.Random(7), n=12)  # after S: the feed brings them
    assert sum(edits.values()) > 0

    laptop = Laptop(tmp_path / "laptop", snap, "huaxian")
    try:
        result = laptop.client.pull(laptop.store)
        assert result.snapshot is not None and result.snapshot.id == meta["id"], result.snapshot_refused
        assert result.full and result.snapshot.seq == meta["seq"]
        assert result.applied == delivered(snap.engine, laptop.scope, meta["seq"]) > 0
        _verify(snap, laptop, meta["seq"], "snapshot + feed")
        info = cache_info(laptop.store)
        assert info["sync_snapshot"] == meta["id"] and info["sync_user"] == "huaxian"
        _assert_encrypted(laptop.path / CACHE_FILE, samples)

        _mutate(snap.engine, random.Random(8), n=10)  # and the next sync is incremental
        again = laptop.client.pull(laptop.store)
        assert again.snapshot is None and not again.full
        _verify(snap, laptop, meta["seq"], "incremental after the snapshot")
    finally:
        laptop.close()


def test_download_resumes_across_cut_connections(snap: Platform, tmp_path: Path) -> None:
    meta = _ready(snap.base, "admin")
    proxy = FaultyProxy(snap.server.port, seed=11, fault_rate=1.0, faults=("truncate",))
    try:
        proxy.enabled = False
        laptop = Laptop(tmp_path / "cut", snap, "admin", base=proxy.url)
        proxy.enabled = True
        # every connection is cut after at most ~60 KB: only Range requests get the file across
        assert meta["size"] > 4 * 60_200
        try:
            result = laptop.client.pull(laptop.store)
            assert result.snapshot is not None and result.snapshot.fetches >= 5
            _verify(snap, laptop, meta["seq"], "cut download")
        finally:
            laptop.close()
    finally:
        proxy.close()
    assert proxy.counts["truncate"] >= 4


def test_a_corrupted_download_is_refused_and_the_feed_used(snap: Platform, tmp_path: Path) -> None:
    meta = _ready(snap.base, "xinbei")
    server_file = _server_file(snap, meta["id"])
    original = server_file.read_bytes()
    damaged = bytearray(original)
    damaged[len(damaged) // 2] ^= 0xFF  # one flipped bit pattern deep inside a page
    server_file.write_bytes(bytes(damaged))
    laptop = Laptop(tmp_path / "corrupt", snap, "xinbei")
    try:
        result = laptop.client.pull(laptop.store)
        assert result.snapshot is None and result.full
        assert len(result.snapshot_refused) == 2 and all("SHA-256" in r for r in result.snapshot_refused)
        _verify(snap, laptop, 0, "feed after a refused snapshot")
        assert "sync_snapshot" not in cache_info(laptop.store)
    finally:
        laptop.close()
        server_file.write_bytes(original)


def test_scope_outside_the_jurisdiction_is_refused(snap: Platform) -> None:
    token = token_for(snap.base, "huaxian")
    auth = {"Authorization": f"Bearer {token}"}
    r = requests.get(f"{snap.base}/api/v1/snapshot", params={"scope": "620702"}, headers=auth, timeout=10)
    assert r.status_code == 403 and r.json()["code"] == "forbidden_scope"
    assert r.headers["content-type"].startswith("application/problem+json")
    other = _ready(snap.base, "ganzhou")  # 甘州区's file: not for a 滑县 account
    r = requests.get(f"{snap.base}/api/v1/snapshot/{other['id']}", headers=auth, timeout=10)
    assert r.status_code == 403 and r.json()["code"] == "forbidden_scope"
    r = requests.get(f"{snap.base}/api/v1/snapshot/{other['id']}", timeout=10)
    assert r.status_code == 401


def test_ranges_and_the_announcement(snap: Platform) -> None:
    meta = _ready(snap.base, "ganzhou")
    auth = {"Authorization": f"Bearer {token_for(snap.base, 'ganzhou')}", "Accept-Encoding": "gzip"}
    url = f"{snap.base}/api/v1/snapshot/{meta['id']}"
    whole = _server_file(snap, meta["id"]).read_bytes()
    r = requests.get(url, headers={**auth, "Range": "bytes=1000-"}, timeout=10)
    assert r.status_code == 206 and r.headers["Content-Range"] == f"bytes 1000-{len(whole) - 1}/{len(whole)}"
    assert "content-encoding" not in r.headers and r.content == whole[1000:]  # never gzipped
    r = requests.get(url, headers={**auth, "Range": "bytes=10-19"}, timeout=10)
    assert r.status_code == 206 and r.content == whole[10:20]
    r = requests.get(url, headers={**auth, "Range": f"bytes={len(whole)}-"}, timeout=10)
    assert r.status_code == 416 and r.json()["code"] == "range_not_satisfiable"
    assert r.headers["Content-Range"] == f"bytes */{len(whole)}"
    r = requests.get(url, headers=auth, timeout=10)
    assert r.status_code == 200 and r.content == whole and r.headers["ETag"] == f'"{meta["sha256"]}"'
    r = requests.get(f"{snap.base}/api/v1/snapshot", headers=auth, timeout=10)
    assert r.headers["Cache-Control"] == "no-store"  # it carries the one-time key
    assert r.json()["id"] == meta["id"]  # built once per scope, not per request
    gone = f"{snap.base}/api/v1/snapshot/{'0' * 32}"
    assert requests.get(gone, headers=auth, timeout=10).json()["code"] == "snapshot_unavailable"


def test_schema_versions_differ_so_the_feed_is_used(
    snap: Platform, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop = Laptop(tmp_path / "schema", snap, "huaxian")
    try:
        monkeypatch.setattr("credit.store.schema.CACHE_SCHEMA_VERSION", "client-of-another-version")
        result = laptop.client.pull(laptop.store)
        assert result.snapshot is None and result.full and result.applied > 0
    finally:
        monkeypatch.undo()
        _verify(snap, laptop, 0, "feed instead of a snapshot of another schema")
        laptop.close()


def test_a_platform_without_snapshots_gets_the_feed(snap: Platform, tmp_path: Path) -> None:
    plain = ServerProcess(snap.url, snap.tmp, extra_args=("--no-snapshots",)).start()
    try:
        r = requests.get(
            f"{plain.url}/api/v1/snapshot",
            headers={"Authorization": f"Bearer {token_for(plain.url, 'tongchuan')}"},
            timeout=10,
        )
        assert r.status_code == 404 and r.json()["code"] == "snapshot_unavailable"
        laptop = Laptop(tmp_path / "plain", snap, "tongchuan", base=plain.url)
        try:
            result = laptop.client.pull(laptop.store)
            assert result.snapshot is None and result.full and result.applied > 0
            _verify(snap, laptop, 0, "bulk feed")
        finally:
            laptop.close()
    finally:
        plain.stop()


def test_a_snapshot_too_far_behind_is_rebuilt(snap: Platform, tmp_path: Path) -> None:
    eager = ServerProcess(snap.url, snap.tmp, **_server_args(snap.tmp, "--snapshot-max-changes", "3")).start()
    try:
        first = _ready(eager.url, "admin")
        _mutate(snap.engine, random.Random(21), n=12)
        second = _ready(eager.url, "admin")
        assert second["id"] != first["id"] and second["seq"] > first["seq"]
    finally:
        eager.stop()


# -- the client killed during the install ---------------------------------------------------

POINTS = ("download", "copy", "prepare", "swap", "swapped")


def _sync_cmd(path: Path) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), "--data-dir", str(path), "sync"]


@pytest.mark.timeout(300)
def test_client_killed_at_each_step_of_the_install_resumes(snap: Platform, tmp_path: Path) -> None:
    """SIGKILL during the download, the re-encryption, the check, and around the rename; the next
    sync finishes from where it stopped (the download continues with Range), the old cache
    stays whole until the rename, and no file ever holds plaintext."""
    samples = _plaintext_samples(snap, ["6102"])
    rng = random.Random(SEED)
    for trial, point in enumerate(POINTS):
        meta = _ready(snap.base, "tongchuan")
        path = tmp_path / f"k{trial}-{point}"
        Laptop(path, snap, "tongchuan").close()  # signs in: sync.json (the token stays here)
        account_mod._MEMORY.clear()
        where = f"{point}:{rng.uniform(0.05, 0.95):.2f}" if point == "download" else point
        env = {**_client_env(), snapshot_mod.PAUSE_ENV: where}
        proc = subprocess.Popen(_sync_cmd(path), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        marker = path / f"snapshot-paused-{point}"
        deadline = time.monotonic() + 90
        while not marker.exists():
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            assert time.monotonic() < deadline, f"never reached {point}"
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        marker.unlink()
        for name in (snapshot_mod.PART, snapshot_mod.NEW):  # what the kill left: never plaintext
            if (path / name).exists() and (path / name).stat().st_size > 4096:
                _assert_encrypted(path / name, samples)
        state_file = path / snapshot_mod.STATE
        phase = json.loads(state_file.read_text())["phase"] if state_file.exists() else None
        laptop = _Opened(path, snap, "tongchuan")
        try:
            info = cache_info(laptop.store)
            if point == "swapped":
                assert info.get("sync_snapshot") == meta["id"], "the rename had happened"
            else:  # the old (here: empty) cache is untouched until the rename
                assert "sync_snapshot" not in info and not info.get("sync_cursor"), point
                assert phase == point, (point, phase)
            result = laptop.client.pull(laptop.store, password=DEMO_PASSWORD)
            if point == "download":
                assert result.snapshot is not None and 0 < result.snapshot.resumed_at < meta["size"]
            if point == "swapped":
                assert result.snapshot is None and not result.full  # the cache was complete already
            _verify(snap, laptop, meta["seq"], f"killed at {point}")
            _assert_encrypted(path / CACHE_FILE, samples)
        finally:
            laptop.close()


def test_a_cancelled_download_continues_where_it_stopped(snap: Platform, tmp_path: Path) -> None:
    meta = _ready(snap.base, "admin")
    laptop = Laptop(tmp_path / "cancel", snap, "admin")
    try:
        seen: list[int] = []

        def progress(done: int, total: int) -> None:
            seen.append(done)

        stop = lambda: any(seen)  # noqa: E731  (the user presses 取消 once bytes are arriving)
        from sync.errors import Cancelled

        with pytest.raises(Cancelled):
            laptop.client.pull(laptop.store, progress=progress, cancelled=stop)
        got = (laptop.path / snapshot_mod.PART).stat().st_size
        assert 0 < got < meta["size"], (got, meta["size"])
        assert not cache_info(laptop.store).get("sync_cursor")  # nothing half-installed
        result = laptop.client.pull(laptop.store)
        assert result.snapshot is not None and result.snapshot.resumed_at == got
        _verify(snap, laptop, meta["seq"], "after a cancel")
    finally:
        laptop.close()


def test_entities_of_the_scope_only(snap: Platform, tmp_path: Path) -> None:
    """The file holds the scope and nothing else (a 滑县 laptop gets no 甘州区 entity)."""
    laptop = Laptop(tmp_path / "only", snap, "huaxian")
    try:
        laptop.client.pull(laptop.store)
        with laptop.store.cache.connect() as conn:
            divisions = set(conn.exec_driver_sql("SELECT DISTINCT division_code FROM entity").scalars())
        with snap.engine.connect() as conn:
            total = conn.execute(
                sa.select(sa.func.count()).select_from(record).where(record.c.kind == "entity")
            ).scalar_one()
        assert divisions == {"410526"} and len(cache_state(laptop.store)) < total
    finally:
        laptop.close()


# -- prepared ahead of need -----------------------------------------------------------------


def _answer(base: str, token: str) -> requests.Response:
    return requests.get(f"{base}/api/v1/snapshot", headers={"Authorization": f"Bearer {token}"}, timeout=10)


def test_prepared_snapshots_are_ready_before_anyone_asks_and_renewed_before_stale(snap: Platform) -> None:
    """``--prepare-snapshots``: every account's first request is answered with a ready file, and
    once half the allowed changes have come in, the successor is built while the current file is
    still handed out: no laptop is ever told to wait."""
    with snap.engine.connect() as conn:
        accounts = [a for a in list_accounts(conn) if not a.disabled and may(a, "pull")]
    base = snap.tmp / "snapshots"
    runs_before = set(base.glob("run-*"))
    args = ("--prepare-snapshots", "--snapshot-check-seconds", "0.3", "--snapshot-max-changes", "100")
    keeper = ServerProcess(snap.url, snap.tmp, **_server_args(snap.tmp, *args)).start()
    try:
        deadline = time.monotonic() + 120
        scopes = {a.jurisdictions for a in accounts}
        while True:
            runs = set(base.glob("run-*")) - runs_before
            if runs and len(list(next(iter(runs)).glob("*.db"))) >= len(scopes):  # named once handed out
                break
            assert time.monotonic() < deadline, "snapshots not prepared in time"
            time.sleep(0.2)
        tokens = {a.name: token_for(keeper.url, a.name) for a in accounts}
        for name, token in tokens.items():
            r = _answer(keeper.url, token)
            assert r.status_code == 200, f"{name}: {r.status_code} {r.text[:200]}"
        admin = next(a for a in accounts if a.name == "admin")
        first = _answer(keeper.url, tokens["admin"]).json()
        rng = random.Random(22)
        while delivered(snap.engine, admin.jurisdictions, first["seq"]) < 50:
            _mutate(snap.engine, rng, n=5)
        assert delivered(snap.engine, admin.jurisdictions, first["seq"]) <= 100, "mutated past stale"
        deadline = time.monotonic() + 120
        while True:
            r = _answer(keeper.url, tokens["admin"])
            assert r.status_code == 200, f"told to wait: {r.status_code} {r.text[:200]}"
            if r.json()["id"] != first["id"]:
                break
            assert time.monotonic() < deadline, "no successor built"
            time.sleep(0.2)
        assert r.json()["seq"] > first["seq"]
    finally:
        keeper.stop()
