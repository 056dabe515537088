"""Randomised fault trials: a pull survives cut connections, a killed server and a killed client.

Every trial ends the same way: the laptop's cache equals what the platform shares with its
jurisdiction, its cursor stands at the platform's head, and the count of applied changes equals
what the feed handed out — so nothing was skipped and nothing applied twice. Between trials the
platform changes (renames, moves to another division, listings added and removed, penalties
repaired, entities struck out), so incremental pulls with deletions are tried as well as first
syncs. The seed is fixed and printed (``CREDITDESK_FAULT_SEED`` replays another).

* **proxy** — the client talks through :class:`tests.sync.proxy.FaultyProxy`: connections
  dropped, reset, truncated mid-answer, delayed past the read timeout, 503/429 with Retry-After;
* **server** — the server process is SIGKILLed at a random moment of the pull and restarted;
* **client** — ``creditdesk sync`` runs as its own process and is SIGKILLed at a random moment,
  then run again to completion.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from credit.paths import ROOT
from credit.store.db import Store
from credit.store.keys import resolve_key
from sync import account as account_mod
from sync.client import SyncClient
from sync.server.db import record, write_begin
from sync.server.feed import FeedWriter
from sync.server.ingest import DEMO_PASSWORD
from sync.transport import RetryPolicy, Transport
from tests.sync.cache_check import cache_info, cache_state, cursor_seq, search_index_consistent
from tests.sync.conftest import Platform, _platform
from tests.sync.databases import BACKENDS
from tests.sync.oracle import delivered, expected, head
from tests.sync.proxy import FaultyProxy

SEED = int(os.environ.get("CREDITDESK_FAULT_SEED", "20261201"))
#: Trials per backend: SQLite alone makes more than 50; PostgreSQL adds its own.
TRIALS = {
    "sqlite": {"proxy": 30, "server": 8, "client": 14},
    "postgresql": {"proxy": 8, "server": 3, "client": 4},
}
PASSPHRASE = "fault-trials-passphrase"
FAST_RETRY = RetryPolicy(attempts=60, base=0.02, cap=0.25, max_retry_after=1.0)
USERS = ("huaxian", "tongchuan", "admin", "xinbei", "ganzhou")


def _transport(base: str, *, ca_bundle: str | None = None) -> Transport:
    return Transport(base, ca_bundle=ca_bundle, timeout=(2.0, 2.0), retry=FAST_RETRY, rng=random.Random(SEED))


class Laptop:
    """A data directory with its store, signed in as one of the demo users."""

    def __init__(self, path: Path, platform: Platform, user: str, base: str | None = None) -> None:
        self.path = path
        self.user = user
        self.store = Store.open(path, resolve_key(path, PASSPHRASE))
        self.client = SyncClient(path, transport_factory=_transport)
        self.client.login(base or platform.base, user, DEMO_PASSWORD, device="fault-trials")

    @property
    def scope(self) -> list[str]:
        return list(self.client.account.jurisdictions)

    def close(self) -> None:
        self.store.close()


def _mutate(engine: sa.Engine, rng: random.Random, n: int = 6) -> Counter[str]:
    """Platform-side edits in the seed jurisdictions, as imports and repairs make them."""
    done: Counter[str] = Counter()
    with engine.connect() as conn:
        ents = conn.execute(
            sa.select(record.c.id, record.c.payload).where(record.c.kind == "entity", record.c.deleted == 0)
        ).all()
        lists = conn.execute(
            sa.select(record.c.id).where(
                record.c.kind == "list_entry", record.c.withdrawn == 0, record.c.deleted == 0
            )
        ).all()
        pens = conn.execute(
            sa.select(record.c.id).where(
                record.c.kind == "penalty", record.c.withdrawn == 0, record.c.deleted == 0
            )
        ).all()
    divisions = ["410526", "620702", "320411", "610202", "610204", "110105"]
    with write_begin(engine) as conn:
        w = FeedWriter(conn, source="fault-trial")
        for _ in range(n):
            action = rng.choice(("rename", "move", "grade", "list_add", "list_remove", "repair", "delete"))
            row = rng.choice(ents)
            payload = json.loads(row.payload)
            if action == "rename":
                w.put(
                    "entity", {"uscc": row.id, "name": payload["name"] + rng.choice("甲乙丙丁")}, merge=True
                )
            elif action == "move":
                w.put("entity", {"uscc": row.id, "division_code": rng.choice(divisions)}, merge=True)
            elif action == "grade":
                w.put("entity", {"uscc": row.id, "grade": rng.choice("ABCD")}, merge=True)
            elif action == "list_add":
                w.put(
                    "list_entry",
                    {
                        "id": f"trial-{rng.getrandbits(40):x}", "uscc": row.id, "list_type": "abnormal",
                        "category": "经营异常名录", "listed_on": "2026-11-01", "reason": "住所无法联系",
                    },
                )  # fmt: skip
            elif action == "list_remove" and lists:
                w.put("list_entry", {"id": rng.choice(lists).id, "removed_on": "2026-11-30"}, merge=True)
            elif action == "repair" and pens:
                w.put("penalty", {"id": rng.choice(pens).id, "repaired_on": "2026-11-28"}, merge=True)
            elif action == "delete":
                w.delete("entity", row.id)
            else:
                continue
            done[action] += 1
        w.finish()
    return done


def _verify(platform: Platform, laptop: Laptop, applied_before: int, cursor_before: int, label: str) -> None:
    scope = laptop.scope
    state = cache_state(laptop.store)
    want = expected(platform.engine, scope)
    missing, extra = set(want) - set(state), set(state) - set(want)
    differ = [k for k in want.keys() & state.keys() if want[k] != state[k]]
    assert not missing and not extra and not differ, (
        f"{label}: missing {len(missing)}, extra {len(extra)}, differ {len(differ)}"
    )
    assert cursor_seq(laptop.store) == head(platform.engine), label
    info = cache_info(laptop.store)
    assert info.get("sync_bulk") == "0", label
    applied = int(info["sync_applied"])
    if applied < applied_before:  # a resync from zero started over
        applied_before, cursor_before = 0, 0
    assert applied - applied_before == delivered(platform.engine, scope, cursor_before), (
        f"{label}: applied twice or skipped"
    )
    assert search_index_consistent(laptop.store), label


def _before(laptop: Laptop) -> tuple[int, int]:
    info = cache_info(laptop.store)
    return int(info.get("sync_applied") or 0), cursor_seq(laptop.store)


@pytest.fixture(scope="module", params=BACKENDS)
def faulty(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    yield from _platform(request.param, tmp_path_factory.mktemp(f"faults-{request.param}"))


@pytest.mark.timeout(240)
def test_pull_through_a_faulty_network(faulty: Platform, tmp_path: Path) -> None:
    n = TRIALS[faulty.backend]["proxy"]
    rng = random.Random(SEED)
    print(f"\nproxy fault trials on {faulty.backend}: seed={SEED}, trials={n}")
    proxy = FaultyProxy(faulty.server.port, seed=SEED, fault_rate=0.6, max_delay=2.3)
    laptops: dict[str, Laptop] = {}
    mutations: Counter[str] = Counter()
    try:
        for trial in range(n):
            user = rng.choice(USERS)
            fresh = user not in laptops or rng.random() < 0.25
            if fresh:
                if user in laptops:
                    laptops.pop(user).close()
                proxy.enabled = False  # sign-in itself is tried under faults in the server trials
                laptops[user] = Laptop(tmp_path / f"p{trial}-{user}", faulty, user, base=proxy.url)
                proxy.enabled = True
            else:
                mutations += _mutate(faulty.engine, rng)
            laptop = laptops[user]
            applied, cursor = _before(laptop)
            laptop.client.pull(laptop.store, page_size=rng.choice((9, 25, 60)))
            _verify(
                faulty,
                laptop,
                applied,
                cursor,
                f"proxy trial {trial} ({user}, {'first' if fresh else 'incremental'})",
            )
    finally:
        proxy.close()
        for lt in laptops.values():
            lt.close()
    print(f"  faults injected: {dict(proxy.counts)}; platform edits: {dict(mutations)}")
    faults = {k: v for k, v in proxy.counts.items() if k != "pass"}
    assert sum(faults.values()) >= n // 2 and len(faults) >= min(5, n // 2), (
        "the proxy broke connections, in many ways"
    )


@pytest.mark.timeout(240)
def test_pull_survives_the_server_being_killed(faulty: Platform, tmp_path: Path) -> None:
    n = TRIALS[faulty.backend]["server"]
    rng = random.Random(SEED + 1)
    print(f"\nserver kill trials on {faulty.backend}: seed={SEED + 1}, trials={n}")
    laptop: Laptop | None = None
    kills_during_pull = 0
    try:
        for trial in range(n):
            user = rng.choice(USERS)
            if laptop is None or laptop.user != user or rng.random() < 0.3:
                if laptop is not None:
                    laptop.close()
                laptop = Laptop(tmp_path / f"s{trial}-{user}", faulty, user)
            else:
                _mutate(faulty.engine, rng)
            applied, cursor = _before(laptop)
            errors: list[BaseException] = []
            done = threading.Event()

            def run(
                lt: Laptop = laptop, errors: list[BaseException] = errors, done: threading.Event = done
            ) -> None:
                try:
                    lt.client.pull(lt.store, page_size=rng.choice((4, 7)))
                except BaseException as exc:
                    errors.append(exc)
                finally:
                    done.set()

            worker = threading.Thread(target=run)
            worker.start()
            time.sleep(rng.uniform(0.0, 0.4))
            kills_during_pull += not done.is_set()
            faulty.server.kill()
            time.sleep(rng.uniform(0.0, 0.8))
            faulty.server.start()
            worker.join(120)
            assert not errors, errors
            _verify(faulty, laptop, applied, cursor, f"server trial {trial} ({user})")
    finally:
        if laptop is not None:
            laptop.close()
        if faulty.server.proc is None or faulty.server.proc.poll() is not None:
            faulty.server.start()
    print(f"  server killed while the pull was running in {kills_during_pull} of {n} trials")
    assert kills_during_pull >= 1


def _client_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PYTHONPATH=str(ROOT),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",  # no keyring: token in memory only
        CREDITDESK_PASSPHRASE=PASSPHRASE,
        CREDITDESK_SYNC_PASSWORD=DEMO_PASSWORD,
    )
    return env


@pytest.mark.timeout(300)
def test_client_killed_during_apply_resumes_exactly(faulty: Platform, tmp_path: Path) -> None:
    n = TRIALS[faulty.backend]["client"]
    rng = random.Random(SEED + 2)
    print(f"\nclient SIGKILL trials on {faulty.backend}: seed={SEED + 2}, trials={n}")
    env = _client_env()
    cmd = partial(
        lambda d, page: [
            sys.executable,
            str(ROOT / "main.py"),
            "--data-dir",
            str(d),
            "sync",
            "--page-size",
            str(page),
        ]
    )
    laptops: dict[str, Path] = {}
    outcomes: Counter[str] = Counter()
    for trial in range(n):
        user = rng.choice(USERS)
        fresh = user not in laptops or rng.random() < 0.4
        if fresh:
            path = tmp_path / f"c{trial}-{user}"
            Laptop(path, faulty, user).close()  # signs in: writes sync.json (the token stays here)
            account_mod._MEMORY.clear()
            laptops[user] = path
        else:
            _mutate(faulty.engine, rng, n=10)
        path = laptops[user]
        laptop = _Opened(path)
        applied, cursor = _before(laptop)  # type: ignore[arg-type]
        laptop.close()
        proc = subprocess.Popen(
            cmd(path, rng.choice((3, 5, 8))), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        time.sleep(rng.uniform(0.5, 1.6))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            outcomes["killed"] += 1
        else:
            outcomes["finished before the kill"] += 1
        proc.wait(30)
        mid = _Opened(path)
        info = cache_info(mid.store)
        if info.get("sync_bulk") == "1":
            outcomes["killed inside a first sync"] += 1
        mid.close()
        again = subprocess.run(cmd(path, 50), env=env, capture_output=True, timeout=120)
        assert again.returncode == 0, again.stderr.decode()
        opened = _Opened(path, faulty, user)
        try:
            _verify(
                faulty,
                opened,
                applied,
                cursor,
                f"client trial {trial} ({user}, {'first' if fresh else 'incremental'})",
            )  # type: ignore[arg-type]
        finally:
            opened.close()
    print(f"  outcomes: {dict(outcomes)}")
    assert outcomes["killed"] >= n // 2


class _Opened:
    """A laptop's store opened for checking, with the account it belongs to."""

    def __init__(self, path: Path, platform: Any = None, user: str | None = None) -> None:
        self.path = path
        self.user = user
        self.store = Store.open(path, resolve_key(path, PASSPHRASE))
        self.client = SyncClient(path)

    @property
    def scope(self) -> list[str]:
        return list(self.client.account.jurisdictions)

    def close(self) -> None:
        self.store.close()
