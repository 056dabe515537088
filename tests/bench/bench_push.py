"""Push benchmark over loopback: 10,000 records from a laptop's outbox to the reference platform.

The platform (``var/bench-push/platform.db``, SQLite, seeded once with 12,000 demo entities and a
window-clerk account for every province) runs as a subprocess. The laptop pulls, runs a batch
credit check of 10,000 distinct entities — 10,000 real check records in the outbox, each with the
report content the platform verifies — and pushes them. Printed: the push time (budget 10 s),
the platform's own ingest time (summed from its answers), and, as the machine-independent
baseline, a raw SQLite ``executemany`` of the same 10,000 payloads into one table. A second push
of the same rows (all answered ``duplicate``) shows what the idempotency check costs.

    python -m tests.bench.bench_push
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sqlite3
import sys
import time
from pathlib import Path

import sqlalchemy as sa

from tests.bench.common import BENCH_PASSPHRASE, ROOT

BENCH_DIR = Path(os.environ.get("CREDITDESK_BENCH_PUSH_DIR", ROOT / "var" / "bench-push"))
PUSH_BUDGET_S = 10.0
RECORDS = 10_000
PLATFORM_ENTITIES = 12_000
USER, PASSWORD, UNIT = "pushbench", "push-bench-password", "基准测试市场监督管理局"


def _provinces() -> list[str]:
    from credit.demo import load_divisions

    return sorted({d.code[:2] for d in load_divisions()})


def ensure_platform() -> str:
    from sync.server import accounts
    from sync.server.db import init_db, make_engine, write_begin
    from sync.server.ingest import seed_demo

    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{BENCH_DIR / 'platform.db'}"
    engine = make_engine(url)
    init_db(engine)
    seed_demo(engine, PLATFORM_ENTITIES)
    with write_begin(engine) as conn:
        if accounts.get_account(conn, USER) is None:
            accounts.add_account(
                conn, USER, PASSWORD, display_name="上传基准", role="window_clerk", unit=UNIT,
                jurisdictions=_provinces(),
            )  # fmt: skip
    engine.dispose()
    return url


def _baseline(payloads: list[str]) -> float:
    """Seconds for a plain SQLite insert of the same payloads: what storing them costs at least."""
    path = BENCH_DIR / "baseline.db"
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE pushed (kind TEXT, id TEXT, payload TEXT, PRIMARY KEY (kind, id))")
        started = time.perf_counter()
        conn.executemany(
            "INSERT INTO pushed VALUES ('check_record', ?, ?)", [(json.loads(p)["id"], p) for p in payloads]
        )
        conn.commit()
        return time.perf_counter() - started
    finally:
        conn.close()
        path.unlink(missing_ok=True)


def run() -> bool:
    from credit.batch_check import run_batch
    from credit.desk import Desk
    from credit.store.tables import entity
    from credit.store.tables import outbox as outbox_table
    from sync.client import SyncClient
    from tests.sync.server_proc import ServerProcess

    url = ensure_platform()
    laptop = BENCH_DIR / "laptop"
    shutil.rmtree(laptop, ignore_errors=True)
    server = ServerProcess(url, BENCH_DIR, rate_limit=50).start()
    os.environ.setdefault("CREDITDESK_PASSPHRASE", BENCH_PASSPHRASE)
    ok = True
    try:
        client = SyncClient(laptop)
        client.login(server.url, USER, PASSWORD, device="bench-push")
        desk = Desk.open(laptop)
        try:
            client.pull(desk.store)
            with desk.store.cache.connect() as conn:
                codes = list(
                    conn.execute(sa.select(entity.c.uscc).order_by(entity.c.uscc).limit(RECORDS)).scalars()
                )
            listing = BENCH_DIR / "codes.csv"
            with listing.open("w", newline="", encoding="utf-8") as fh:
                writer = csv.writer(fh)
                writer.writerow(["统一社会信用代码"])
                writer.writerows([c] for c in codes)
            started = time.perf_counter()
            run_batch(desk.store, desk.operator, listing, "GOV_PROCUREMENT")
            made = time.perf_counter() - started
            with desk.store.work.connect() as conn:
                payloads = list(conn.execute(sa.select(outbox_table.c.payload)).scalars())
            first = client.push(desk.store)
            assert first.accepted == len(payloads), (first.accepted, first.rejected, first.conflict)
            with desk.store.write_work() as conn:  # every answer "lost": all sent again
                conn.execute(outbox_table.update().values(status="pending"))
            again = client.push(desk.store)
            assert again.duplicate == len(payloads)
        finally:
            desk.close()
        base = _baseline(payloads)
        n = len(payloads)
        print(f"push: {n:,} check records ({made:.1f} s to make them with a batch check), "
              f"{first.batches} batches of up to 500", flush=True)  # fmt: skip
        for label, r in ((f"push of {n:,} records", first), (f"push of {n:,} again (all duplicates)", again)):
            fits = r.seconds <= PUSH_BUDGET_S
            ok &= fits
            server_s = r.server_ms / 1000
            print(
                f"{label:<44} {r.seconds:7.1f} s  budget {PUSH_BUDGET_S:g} s {'OK' if fits else 'OVER'}"
                f"  | platform ingest {server_s:5.2f} s, client and wire {r.seconds - server_s:5.2f} s"
                f"  | raw SQLite insert of the payloads {base:5.2f} s  ratio {r.seconds / base:5.1f}x",
                flush=True,
            )
    finally:
        server.stop()
    return ok


if __name__ == "__main__":
    from tests.bench.common import ensure_unlockable

    ensure_unlockable()
    sys.exit(0 if run() else 1)
