"""Shared helpers for the benchmarks: the large demo cache and percentile reporting."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from credit.store.keys import usable_keyring

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = Path(os.environ.get("CREDITDESK_BENCH_DIR", ROOT / "var" / "bench-1m"))
BENCH_ENTITIES = int(os.environ.get("CREDITDESK_BENCH_ENTITIES", "1000000"))
BENCH_PASSPHRASE = "bench-passphrase-not-secret"


def ensure_unlockable() -> None:
    """Headless machines have no keyring: the bench then uses a (public) passphrase."""
    if usable_keyring() is None:
        os.environ.setdefault("CREDITDESK_PASSPHRASE", BENCH_PASSPHRASE)


def percentile(values: Sequence[float], pct: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


def timed(fn: Callable[[], object], repeat: int = 1) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def report(
    label: str,
    ms: Sequence[float],
    budget_p95: float | None,
    baseline: Sequence[float] | None = None,
    baseline_label: str = "raw SQL",
) -> bool:
    p50, p95 = statistics.median(ms), percentile(ms, 95)
    line = f"{label:<34} n={len(ms):<4} p50={p50:7.2f} ms  p95={p95:7.2f} ms"
    ok = True
    if budget_p95 is not None:
        ok = p95 <= budget_p95
        line += f"  budget {budget_p95:g} ms {'OK' if ok else 'OVER'}"
    if baseline:
        b95 = percentile(baseline, 95)
        line += f"  | {baseline_label} p95={b95:6.2f} ms  ratio={p95 / b95 if b95 else float('inf'):5.1f}x"
    print(line, flush=True)
    return ok
