"""The benchmark's client process: sign in, pull, report time and peak memory as JSON.

Run as its own process so its peak RSS is the client's alone (the benchmark's parent holds the
baseline's rows and the platform's writes)::

    python -m tests.bench.sync_client DATA_DIR SERVER USER
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from dataclasses import asdict
from pathlib import Path


def main(argv: list[str]) -> int:
    data_dir, server, user = Path(argv[0]), argv[1], argv[2]
    from credit.store.db import Store
    from credit.store.keys import resolve_key
    from sync.account import PASSWORD_ENV
    from sync.client import SyncClient

    peak = _RssWatch()
    store = Store.open(data_dir, resolve_key(data_dir))
    try:
        client = SyncClient(data_dir)
        if not client.account.configured:
            client.login(server, user, os.environ[PASSWORD_ENV], device="bench")
        client.ensure_token()  # signing in is not part of the pull's time
        started = time.perf_counter()
        peak.start(started)
        result = client.pull(store)
        seconds = time.perf_counter() - started
    finally:
        store.close()
    peak_mb = _peak_rss_mb()
    print(
        json.dumps(
            {
                "seconds": seconds,
                "applied": result.applied,
                "upserts": result.upserts,
                "deletes": result.deletes,
                "pages": result.pages,
                "full": result.full,
                "peak_rss_mb": peak_mb,
                "peak_rss_at_s": peak.at,  # seconds into the pull when RSS was highest (sampled)
                "sampled_peak_mb": peak.peak / 2**20,
                "by_kind": result.by_kind,
                "timings": result.timings,
                "snapshot": asdict(result.snapshot) if result.snapshot else None,
                "snapshot_refused": result.snapshot_refused,
            }
        ),
        flush=True,
    )
    return 0


def _peak_rss_mb() -> float:
    """This program's peak RSS. Linux: ``VmHWM``, the high-water mark of this address space;
    ``ru_maxrss`` would not do: it survives ``fork``/``exec``, so a child started by the
    benchmark (holding the 1,000,000-entity cache by then) reports its parent's size."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux, bytes on macOS


class _RssWatch:
    """Samples this process's RSS a few times a second: when the peak happens (which phase)."""

    def __init__(self) -> None:
        self.peak = 0
        self.at: float | None = None

    def start(self, since: float) -> None:
        import threading

        def run() -> None:
            page = os.sysconf("SC_PAGE_SIZE")
            while True:
                try:
                    with open("/proc/self/statm") as f:
                        rss = int(f.read().split()[1]) * page
                except OSError:
                    return
                if rss > self.peak:
                    self.peak, self.at = rss, round(time.perf_counter() - since, 1)
                time.sleep(0.05)

        threading.Thread(target=run, daemon=True).start()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
