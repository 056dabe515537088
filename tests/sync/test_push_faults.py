"""Randomised fault trials of the push: whatever breaks, every record reaches the platform exactly once.

Each trial makes new field work on a laptop (window checks, commitments and fulfilments; or
inspections with photos and a signature, rectification orders and interviews), pushes it while
something goes wrong, and then checks the oracle: every record of the laptop is on the platform
once, with the content the laptop wrote (a commitment with its last fulfilment); the platform holds
no record of that device the laptop did not make; each (record, version) was accepted once; every
attachment arrived whole; and nothing accepted is left in the outbox. The seed is fixed and
printed (``CREDITDESK_FAULT_SEED`` replays another).

* **network** — through :class:`tests.sync.proxy.FaultyProxy`: connections dropped, reset, cut
  mid-answer, delayed past the read timeout, 500/503/429 answers, and answers *lost after the
  server committed* (the classic duplicate);
* **server** — the server (``--push-hold``: each batch held a moment before its commit and again
  after it) is SIGKILLed either before a batch commits or after it committed but before it
  answered, and restarted on the same socket;
* **client** — ``creditdesk sync --push-only`` runs as its own process and is SIGKILLed at a random
  moment (often with a batch sent and its answer not yet stored); the next push delivers the rest.
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
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

import sync.push
from credit import commitments
from credit.paths import ROOT
from credit.store.db import Store
from credit.store.keys import resolve_key
from sync import account as account_mod
from sync.client import SyncClient
from sync.server.db import attachment, pushed_record, receipt
from sync.server.ingest import DEMO_PASSWORD
from sync.transport import RetryPolicy, Transport
from tests.sync import fieldwork as fw
from tests.sync.conftest import Platform, _platform
from tests.sync.databases import BACKENDS
from tests.sync.proxy import FAULTS, FaultyProxy

SEED = int(os.environ.get("CREDITDESK_FAULT_SEED", "20261202"))
#: Trials per backend: 86 on SQLite and 22 on PostgreSQL (which CI always runs), 108 in all.
TRIALS = {
    "sqlite": {"network": 60, "server": 16, "client": 10},
    "postgresql": {"network": 14, "server": 5, "client": 3},
}
RETRY = RetryPolicy(attempts=80, base=0.02, cap=0.2, max_retry_after=0.2)
USERS = ("huaxian", "tongchuan")  # a window clerk and an inspector


def _transport(base: str, *, ca_bundle: str | None = None) -> Transport:
    return Transport(base, ca_bundle=ca_bundle, timeout=(2.0, 1.5), retry=RETRY, rng=random.Random(SEED))


@pytest.fixture(autouse=True)
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Attachments in 16 KiB parts, so an upload is several requests a fault can fall between."""
    monkeypatch.setattr(sync.push, "PART", 16 * 1024)


def _laptop(path: Path, base: str, user: str) -> fw.Laptop:
    store = Store.open(path, resolve_key(path, fw.PASSPHRASE))
    client = SyncClient(path, transport_factory=_transport)
    client.login(base, user, DEMO_PASSWORD, device=f"{user}-{path.name}")
    lt = fw.Laptop(path, store, client, user)
    client.pull(store)
    return lt


def _work(lt: fw.Laptop, rng: random.Random) -> None:
    """New field work for this trial, and now and then a late fulfilment of an older commitment."""
    if lt.user == "huaxian":
        fw.window_work(lt, rng, rng.randint(2, 6))
        with lt.store.work.connect() as conn:
            open_ones = conn.execute(
                sa.text("SELECT code, version FROM commitment WHERE fulfilment IS NULL")
            ).all()
        if open_ones and rng.random() < 0.5:
            code, version = rng.choice(open_ones)
            commitments.record_fulfilment(
                lt.store, lt.operator, code, fulfilment="全部履行", determined_on=date.today(),
                determining_unit=lt.operator.unit, base_version=version,
            )  # fmt: skip
    else:
        fw.inspection_work(lt, rng, rng.randint(1, 2), photos=rng.choice((1, 2)))


def verify(platform: Platform, lt: fw.Laptop, label: str) -> None:
    """The oracle: the laptop's records on the platform exactly once, content unchanged."""
    rows = fw.outbox_rows(lt.store)
    left = [
        (r["seq"], r["kind"], r["status"], r["reason"], r["last_error"])
        for r in rows
        if r["status"] != "done"
    ]
    assert not left, f"{label}: not delivered {left[:3]}"
    want = fw.expected_on_platform(rows)
    device = lt.client.account.device
    p, rc, at = pushed_record.c, receipt.c, attachment.c
    with platform.engine.connect() as conn:
        found = conn.execute(sa.select(p.kind, p.id, p.version, p.payload).where(p.device == device))
        have = {(r.kind, r.id): (r.version, json.loads(r.payload)) for r in found}
        ids = sorted({rid for _, rid in want})
        keys = conn.execute(sa.select(rc.kind, rc.id, rc.version).where(rc.device == device))
        accepted = Counter((r.kind, r.id, r.version) for r in keys)
        shas = sorted({r["record_id"] for r in rows if r["kind"] == "attachment"})
        whole = set(conn.execute(sa.select(at.sha256).where(at.sha256.in_(shas), at.complete == 1)).scalars())
    assert set(have) == set(want), f"{label}: missing {set(want) - set(have)}, extra {set(have) - set(want)}"
    for key, payload in want.items():
        version, stored = have[key]
        if key[0] == "commitment":
            same = all(
                stored.get(k) == payload.get(k) for k in ("code", "committer_code", "fulfilment", "version")
            )
            assert same and version == payload["version"], f"{label}: {key} differs"
        else:
            assert stored == payload, f"{label}: {key} differs"
    sent = {
        (
            r["kind"],
            r["record_id"],
            json.loads(r["payload"]).get("version", 1) if r["kind"].startswith("commit") else 1,
        )
        for r in rows
        if r["kind"] != "attachment"
    }
    assert set(accepted) == sent and all(n == 1 for n in accepted.values()), f"{label}: accepted twice"
    assert whole == set(shas), f"{label}: attachments incomplete"
    assert len(ids) == len(want)


@pytest.fixture(scope="module", params=BACKENDS)
def quick(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    yield from _platform(request.param, tmp_path_factory.mktemp(f"push-net-{request.param}"))


@pytest.fixture(scope="module", params=BACKENDS)
def holding(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    """A platform that holds each pushed batch 0.2 s before and after its commit."""
    yield from _platform(
        request.param,
        tmp_path_factory.mktemp(f"push-kill-{request.param}"),
        extra_args=("--push-hold", "0.2"),
    )


@pytest.mark.timeout(300)
def test_push_through_a_faulty_network(quick: Platform, tmp_path: Path) -> None:
    n = TRIALS[quick.backend]["network"]
    rng = random.Random(SEED)
    print(f"\npush network trials on {quick.backend}: seed={SEED}, trials={n}")
    proxy = FaultyProxy(quick.server.port, seed=SEED, fault_rate=0.5, faults=FAULTS[1:], max_delay=1.8)
    laptops: dict[str, fw.Laptop] = {}
    outcomes: Counter[str] = Counter()
    try:
        for trial in range(n):
            user = rng.choice(USERS)
            if user not in laptops or rng.random() < 0.15:
                if user in laptops:
                    laptops.pop(user).close()
                proxy.enabled = False  # sign-in and the first pull are the pull trials' business
                laptops[user] = _laptop(tmp_path / f"n{trial}-{user}", proxy.url, user)
                proxy.enabled = True
            lt = laptops[user]
            _work(lt, rng)
            result = lt.client.push(lt.store, batch_size=rng.choice((1, 2, 3, 5, 50)))
            outcomes.update(
                accepted=result.accepted, duplicate=result.duplicate, attachments=result.attachments
            )
            verify(quick, lt, f"network trial {trial} ({user})")
    finally:
        proxy.close()
        for lt in laptops.values():
            lt.close()
    print(f"  faults injected: {dict(proxy.counts)}; answers: {dict(outcomes)}")
    faults = {k: v for k, v in proxy.counts.items() if k != "pass"}
    assert sum(faults.values()) >= n // 2, faults
    if n >= 30:  # enough trials that every kind of fault has come up
        assert proxy.counts["lose"] >= 1 and outcomes["duplicate"] >= 1, "lost answers, resent as duplicates"
        assert len(faults) >= 7, faults


@pytest.mark.timeout(300)
def test_push_survives_the_server_being_killed_before_and_after_commit(
    holding: Platform, tmp_path: Path
) -> None:
    n = TRIALS[holding.backend]["server"]
    rng = random.Random(SEED + 1)
    print(f"\npush server-kill trials on {holding.backend}: seed={SEED + 1}, trials={n}")
    phases: Counter[str] = Counter()
    lt: fw.Laptop | None = None
    try:
        for trial in range(n):
            user = rng.choice(USERS)
            if lt is None or lt.user != user:
                if lt is not None:
                    lt.close()
                lt = _laptop(tmp_path / f"k{trial}-{user}", holding.base, user)
            _work(lt, rng)
            device = lt.client.account.device
            before = _accepted(holding, device)
            errors: list[BaseException] = []
            done = threading.Event()

            def run(
                lt: fw.Laptop = lt, errors: list[BaseException] = errors, done: threading.Event = done
            ) -> None:
                try:
                    lt.client.push(lt.store, batch_size=rng.choice((2, 3, 5)))
                except BaseException as exc:
                    errors.append(exc)
                finally:
                    done.set()

            worker = threading.Thread(target=run)
            worker.start()
            phase = rng.choice(("before", "after"))
            if phase == "after":  # wait for a batch to commit, then kill before it answers
                deadline = time.monotonic() + 20
                while (
                    _accepted(holding, device) == before and not done.is_set() and time.monotonic() < deadline
                ):
                    time.sleep(0.02)
            else:
                time.sleep(rng.uniform(0.02, 0.18))
            committed = _accepted(holding, device) > before
            holding.server.kill()
            phases[f"{phase}: {'a batch committed' if committed else 'nothing committed'}"] += 1
            time.sleep(rng.uniform(0.0, 0.4))
            holding.server.start()
            worker.join(120)
            assert not errors, errors
            verify(holding, lt, f"server trial {trial} ({user}, killed {phase})")
    finally:
        if lt is not None:
            lt.close()
        if holding.server.proc is None or holding.server.proc.poll() is not None:
            holding.server.start()
    print(f"  kills: {dict(phases)}")
    if n >= 8:  # enough trials that both moments have come up
        assert any(k.startswith("after: a batch") for k in phases), phases
        assert any(k.endswith("nothing committed") for k in phases), phases


def _accepted(platform: Platform, device: str) -> int:
    with platform.engine.connect() as conn:
        return int(
            conn.execute(
                sa.select(sa.func.count()).select_from(receipt).where(receipt.c.device == device)
            ).scalar_one()
        )


def _client_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PYTHONPATH=str(ROOT),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",  # no keyring: token in memory only
        CREDITDESK_PASSPHRASE=fw.PASSPHRASE,
        CREDITDESK_SYNC_PASSWORD=DEMO_PASSWORD,
    )
    return env


@pytest.mark.timeout(300)
def test_client_killed_mid_push_delivers_everything_once(quick: Platform, tmp_path: Path) -> None:
    n = TRIALS[quick.backend]["client"]
    rng = random.Random(SEED + 2)
    print(f"\npush client-kill trials on {quick.backend}: seed={SEED + 2}, trials={n}")
    env = _client_env()
    outcomes: Counter[str] = Counter()
    paths: dict[str, Path] = {}
    for trial in range(n):
        user = rng.choice(USERS)
        if user not in paths:
            paths[user] = tmp_path / f"c{trial}-{user}"
            _laptop(paths[user], quick.base, user).close()
            account_mod._MEMORY.clear()
        path = paths[user]
        lt = fw.Laptop(path, Store.open(path, resolve_key(path, fw.PASSPHRASE)), SyncClient(path), user)
        try:
            _work(lt, rng)
            _work(lt, rng)
        finally:
            lt.close()
        cmd = [sys.executable, str(ROOT / "main.py"), "--data-dir", str(path), "sync", "--push-only"]
        proc = subprocess.Popen(
            [*cmd, "--batch-size", str(rng.choice((1, 2, 3)))], env=env, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )  # fmt: skip
        device = f"{user}-{path.name}"
        before = _accepted(quick, device)
        if rng.random() < 0.3:  # at any moment, perhaps before the push has begun
            time.sleep(rng.uniform(0.3, 1.5))
        else:  # once a batch has been committed: mid-push, often before its answer is stored
            deadline = time.monotonic() + 20
            while _accepted(quick, device) == before and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(rng.uniform(0.0, 0.12))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            outcomes["killed"] += 1
        else:
            outcomes["finished before the kill"] += 1
        proc.wait(30)
        mid = Store.open(path, resolve_key(path, fw.PASSPHRASE))
        try:
            states = {r["status"] for r in fw.outbox_rows(mid)}
        finally:
            mid.close()
        if "done" in states and states - {"done"}:
            outcomes["killed mid-push"] += 1
        # the next sync (here in-process, the same code as the command) delivers the rest
        lt = fw.Laptop(path, Store.open(path, resolve_key(path, fw.PASSPHRASE)), SyncClient(path), user)
        try:
            lt.client.push(lt.store, password=DEMO_PASSWORD)
            verify(quick, lt, f"client trial {trial} ({user})")
        finally:
            lt.close()
    print(f"  outcomes: {dict(outcomes)}")
    assert outcomes["killed"] + outcomes["finished before the kill"] == n
    if n >= 8:  # enough trials that some kills fell in the middle of a push
        assert outcomes["killed"] >= n // 3 and outcomes["killed mid-push"] >= 1, outcomes
