"""``make bench``: build (once) the large demo cache and print every performance figure.

Figures are printed, not asserted by unit tests: a timing depends on the machine, so each one
is shown beside a baseline measured in the same run. The exit code is non-zero when a budget
is exceeded, so the numbers cannot silently regress unnoticed.
"""

from __future__ import annotations

import sys
import time

from tests.bench.common import BENCH_DIR, BENCH_ENTITIES, ensure_unlockable


def main() -> int:
    ensure_unlockable()
    from credit.demo import build_demo
    from credit.desk import Desk

    print(f"CreditDesk benchmarks — cache {BENCH_DIR} ({BENCH_ENTITIES:,} entities)", flush=True)
    desk = Desk.open(BENCH_DIR)
    try:
        have = desk.stats().entities
        if have != BENCH_ENTITIES:
            from credit.store.schema import reset_cache

            reset_cache(desk.store)
            started = time.perf_counter()
            build_demo(desk.store, BENCH_ENTITIES)
            print(f"built demo cache: {BENCH_ENTITIES:,} entities in {time.perf_counter() - started:.1f} s")
        from tests.bench import bench_check, bench_search

        ok = bench_search.run(desk)
        ok &= bench_check.run(desk)
    finally:
        desk.close()
    from tests.bench import bench_gui

    ok &= bench_gui.run(BENCH_DIR)
    from tests.bench import bench_sync

    ok &= bench_sync.run(BENCH_ENTITIES)
    from tests.bench import bench_push

    ok &= bench_push.run()
    print("all budgets met" if ok else "SOME BUDGETS EXCEEDED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
