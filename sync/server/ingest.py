"""Getting data into the platform: export files (the client's own parser) and demo data.

``creditdesk-server import FILE`` reads exactly what ``creditdesk import`` reads, through
:func:`credit.importer.parse_file`, and merges each record into the current state (fields the
file lacks keep their values, as on the laptop). Records arrive in batches of
:data:`BATCH` rows, each batch one write transaction with its feed rows: re-running an import
after a failure is safe, because unchanged records make no change.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from sync.server import accounts
from sync.server.db import info, record, set_info, write_begin
from sync.server.feed import FeedWriter, WriteStats

BATCH = 5000

#: Demo accounts for the seed jurisdictions (printed by ``make server``); the passwords are public.
DEMO_ACCOUNTS: tuple[dict[str, Any], ...] = (
    {"name": "huaxian", "display_name": "张三", "role": "window_clerk", "unit": "滑县市场监督管理局",
     "jurisdictions": ["410526"]},
    {"name": "ganzhou", "display_name": "李四", "role": "inspector", "unit": "张掖市甘州区市场监督管理局",
     "jurisdictions": ["620702"]},
    {"name": "xinbei", "display_name": "王五", "role": "supervisor", "unit": "常州市新北区市场监督管理局",
     "jurisdictions": ["320411"]},
    {"name": "tongchuan", "display_name": "赵六", "role": "inspector", "unit": "铜川市市场监督管理局",
     "jurisdictions": ["6102"]},
    {"name": "admin", "display_name": "平台管理员", "role": "administrator", "unit": "信用信息共享平台",
     "jurisdictions": ["6102", "620702", "320411", "410526"]},
)  # fmt: skip
DEMO_PASSWORD = "creditdesk-demo"


@dataclass
class ImportOutcome:
    report: Any  # credit.importer.ImportReport
    stats: WriteStats
    entities_created: int


def _write_batches(
    engine: sa.Engine,
    items: Iterable[tuple[str, dict[str, Any], bool]],
    *,
    source: str,
    today: date | None = None,
    stubs: Callable[[sa.Connection, list[tuple[str, dict[str, Any], bool]]], int] | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[WriteStats, int]:
    total, created, done = WriteStats(), 0, 0
    it: Iterator[tuple[str, dict[str, Any], bool]] = iter(items)
    while batch := list(itertools.islice(it, BATCH)):
        with write_begin(engine) as conn:
            writer = FeedWriter(conn, today=today, source=source)
            if stubs is not None:
                created += stubs(conn, batch)
            for kind, values, merge in batch:
                writer.put(kind, values, merge=merge)
            total += writer.finish()
        done += len(batch)
        if progress:
            progress(done)
    return total, created


def import_export(
    engine: sa.Engine,
    path: Path,
    *,
    kind: str | None = None,
    today: date | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportOutcome:
    """Import a platform export (CSV/XLSX) into the platform store; raises ``ImportFileError``."""
    from credit.importer import parse_file

    pending_stubs: dict[str, dict[str, Any]] = {}

    def items() -> Iterator[tuple[str, dict[str, Any], bool]]:
        for rec in parsed.records():
            if rec.stub is not None and rec.stub.get("name"):
                pending_stubs.setdefault(rec.stub["uscc"], rec.stub)
            yield rec.kind, rec.values, True

    def create_stubs(conn: sa.Connection, batch: list[tuple[str, dict[str, Any], bool]]) -> int:
        """Minimal entities for records of unknown entities, so they can be looked up."""
        wanted = {v["uscc"] for k, v, _ in batch if k != "entity" and v.get("uscc") in pending_stubs}
        wanted -= {v["uscc"] for k, v, _ in batch if k == "entity"}
        if not wanted:
            return 0
        known = set(
            conn.execute(
                sa.select(record.c.id).where(record.c.kind == "entity", record.c.id.in_(sorted(wanted)))
            ).scalars()
        )
        missing = sorted(wanted - known)
        for code in missing:
            batch.insert(0, ("entity", pending_stubs[code], True))
        return len(missing)

    with parse_file(path, kind) as parsed:
        stats, created = _write_batches(
            engine, items(), source=f"import:{Path(path).name}", today=today, stubs=create_stubs,
            progress=progress,
        )  # fmt: skip
        report = parsed.report
    report.entities_created = created
    return ImportOutcome(report, stats, created)


def demo_items(n: int, seed: int, start: int = 0) -> Iterator[tuple[str, dict[str, Any], bool]]:
    """The deterministic demo entities (``credit.demo``) with their records, as the platform holds
    them: the same data a laptop's ``demo`` build makes."""
    from credit.demo import DEMO_TODAY, generate

    for i, ent in enumerate(generate(n, seed, DEMO_TODAY)):
        if i < start:  # entity k does not depend on the others: skipping is exact
            continue
        yield "entity", ent.entity, False
        for kind in ("list_entry", "penalty", "licence", "honour", "judicial"):
            for row in getattr(ent, kind):
                yield kind, row, False


def seed_demo(
    engine: sa.Engine,
    n: int,
    seed: int | None = None,
    *,
    today: date | None = None,
    progress: Callable[[int], None] | None = None,
    scrypt_n: int = accounts.SCRYPT_N,
) -> WriteStats:
    """Load ``n`` demo entities and the demo accounts. Idempotent: what an earlier run loaded
    (``platform_info.demo_seeded``) is not loaded again, and re-loading would change nothing."""
    from credit.demo import DEMO_SEED

    seed = DEMO_SEED if seed is None else seed
    with engine.connect() as conn:
        facts = info(conn)
    done = int(facts.get("demo_seeded", "0")) if facts.get("demo_seed") == str(seed) else 0
    stats = WriteStats()
    if done < n:
        items = demo_items(n, seed, start=done)
        stats, _ = _write_batches(engine, items, source="demo", today=today, progress=progress)
        with write_begin(engine) as conn:
            set_info(conn, "demo_seed", str(seed))
            set_info(conn, "demo_seeded", str(n))
    ensure_demo_accounts(engine, scrypt_n=scrypt_n)
    return stats


def ensure_demo_accounts(engine: sa.Engine, *, scrypt_n: int = accounts.SCRYPT_N) -> list[accounts.Account]:
    out = []
    with write_begin(engine) as conn:
        for spec in DEMO_ACCOUNTS:
            acc = accounts.get_account(conn, spec["name"])
            if acc is None:
                acc = accounts.add_account(conn, password=DEMO_PASSWORD, scrypt_n=scrypt_n, **spec)
            out.append(acc)
    return out
