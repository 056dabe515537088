"""GUI figures: cold start to an interactive window, and keystroke to results painted.

Cold start runs the real launcher in a fresh process (offscreen) and reads the time it reports
once the window is shown with the search box focused; the baseline is a bare PySide6 process
showing an empty window, measured the same way in the same run.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

from tests.bench.common import ROOT, report

RUNS = 5
BARE_QT = """
import os, time
t0 = time.time()
from PySide6.QtWidgets import QApplication, QLineEdit
app = QApplication([])
w = QLineEdit(); w.show(); w.setFocus(); app.processEvents()
print(f"interactive_ms={(time.time() - t0) * 1000:.1f}")
"""


def _interactive_ms(cmd: list[str], env: dict[str, str]) -> float:
    out = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    for line in out.stdout.splitlines():
        if line.startswith("interactive_ms="):
            return float(line.split("=", 1)[1])
    raise RuntimeError(f"no interactive_ms in output: {out.stdout[-500:]} {out.stderr[-2000:]}")


def cold_start(data_dir: Path) -> bool:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CREDITDESK_EXIT_AFTER_SHOWN": "1"}
    env.pop("CREDITDESK_T0", None)
    app = [
        _interactive_ms([sys.executable, "main.py", "--data-dir", str(data_dir)], env) for _ in range(RUNS)
    ]
    bare = [_interactive_ms([sys.executable, "-c", BARE_QT], env) for _ in range(RUNS)]
    print(f"{'cold start: bare PySide6 window':<34} median={statistics.median(bare):7.1f} ms")
    return report("cold start to interactive window", app, 2000.0, bare, "bare Qt")


def run(data_dir: Path) -> bool:
    from tests.bench import bench_batch_table, bench_keystroke

    ok = cold_start(data_dir)
    ok &= bench_keystroke.run(data_dir)
    ok &= bench_batch_table.run()
    return ok
