"""Window check and batch check timings over the large cache, each beside its bare evaluation.

One check with its PDF is what a clerk waits for at the window; the baseline is the same
evaluation (cache read plus rules) with neither the record nor the report. The batch of 10,000
codes is what a bidder list costs, from the CSV read to the XLSX written (the budget's "CSV/XLSX
in, XLSX out"); its baseline is the bare ``load_check_input`` + ``evaluate`` loop over the same
codes, without parsing the file, recording or exporting.
"""

from __future__ import annotations

import csv
import random
import tempfile
import time
from datetime import date
from functools import partial
from pathlib import Path

import sqlalchemy as sa

from credit.batch_check import export_pdf, export_xlsx, run_batch
from credit.desk import Desk
from credit.domain.check import evaluate
from credit.domain.uscc import complete
from credit.store.check_input import load_check_input
from credit.store.tables import entity
from tests.bench.common import report, timed

MATTER = "GOV_PROCUREMENT"
SINGLE_RUNS = 20
BATCH_SIZE = 10_000
SINGLE_BUDGET_MS = 300.0
BATCH_BUDGET_MS = 10_000.0
#: Flagged rows mixed into the list: malformed, failing the check character, not in the cache.
BAD_CODES = ["91320411MA1MXK3", "9132O411MA1MXK3Q1X", "91350203M0001QAY9B", complete("91990000MA00000X")]


def _entities(conn: sa.Connection, n: int, rng: random.Random) -> list[tuple[str, str]]:
    """``n`` random (code, name) pairs of the cache."""
    max_id = conn.execute(sa.select(sa.func.max(entity.c.id))).scalar_one()
    ids = rng.sample(range(1, max_id + 1), min(max_id, n * 2))
    found: list[tuple[str, str]] = []
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        rows = conn.execute(sa.select(entity.c.uscc, entity.c.name).where(entity.c.id.in_(chunk)))
        found += [(r.uscc, r.name) for r in rows]
        if len(found) >= n:
            break
    return found[:n]


def _write_list(path: Path, entries: list[tuple[str, str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["序号", "投标人名称", "统一社会信用代码"])
        for n, (code, name) in enumerate(entries, 1):
            out.writerow([n, name, code])


def _bare(desk: Desk, codes: list[str]) -> None:
    today = date.today()
    with desk.store.cache.connect() as conn:
        for code in codes:
            data = load_check_input(conn, code)
            if data is not None:
                evaluate(MATTER, data, today)


def _check_with_pdf(desk: Desk, code: str, out: Path) -> None:
    desk.check(code, MATTER).write_pdf(out)


def run(desk: Desk) -> bool:
    rng = random.Random(11)
    ok = True
    with desk.store.cache.connect() as conn:
        entries = _entities(conn, BATCH_SIZE, rng)
    codes = [code for code, _ in entries]
    with tempfile.TemporaryDirectory(prefix="creditdesk-bench-") as tmp:
        tmpdir = Path(tmp)
        pdf = tmpdir / "check.pdf"
        singles = codes[:SINGLE_RUNS]
        _check_with_pdf(desk, singles[0], pdf)  # warm: font, catalog, page cache
        ours: list[float] = []
        base: list[float] = []
        for code in singles:
            ours += timed(partial(_check_with_pdf, desk, code, pdf))
            base += timed(partial(_bare, desk, [code]))
        ok &= report("check: one check + PDF", ours, SINGLE_BUDGET_MS, base, "bare evaluate()")

        # 2 repeated rows and the bad codes replace the list's tail: BATCH_SIZE rows in all
        keep = BATCH_SIZE - len(BAD_CODES) - 2
        listing_rows = entries[:keep] + [(c, "名单中的错误代码") for c in BAD_CODES] + entries[:2]
        listing = tmpdir / "bidders.csv"
        _write_list(listing, listing_rows)
        marks: list[float] = []
        started = time.perf_counter()
        result = run_batch(
            desk.store,
            desk.operator,
            listing,
            MATTER,
            progress=lambda d, t: marks.append(time.perf_counter()),
        )
        recorded = time.perf_counter()
        export_xlsx(result, tmpdir / "b.xlsx")
        batch_ms = (time.perf_counter() - started) * 1000
        evaluated_ms = (marks[-2] - started) * 1000 if len(marks) > 1 else batch_ms
        recording_ms = (recorded - started) * 1000 - evaluated_ms
        bare_ms = timed(partial(_bare, desk, [c for c, _ in listing_rows]))
        label = f"check: batch of {len(listing_rows):,} codes + XLSX"
        ok &= report(label, [batch_ms], BATCH_BUDGET_MS, bare_ms, "bare loop")
        print(
            f"{'  of which evaluating, recording, XLSX':<34} {evaluated_ms:7.0f} ms, {recording_ms:7.0f} ms, "
            f"{batch_ms - evaluated_ms - recording_ms:7.0f} ms ({len(result.checked):,} checks recorded)"
        )
        expected = len(BAD_CODES) + 2
        if len(result.flagged) != expected:
            print(f"  batch flagged {len(result.flagged)} rows, expected {expected}")
            ok = False
        report("check: batch export XLSX", timed(partial(export_xlsx, result, tmpdir / "b.xlsx")), None)
        report("check: batch export PDF", timed(partial(export_pdf, result, tmpdir / "b.pdf")), None)
    return ok
