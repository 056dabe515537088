"""Scrolling the 10,000-row batch result table: one frame per scroll step, painted synchronously.

The results of a bidder list live in one table model (no widget per row, fixed row height), so
a frame should cost what the visible rows cost, whatever the list's length. The figure is the
paint time of one scroll step (a page, or a wheel notch) over 10,000 rows; the baseline is the
same view holding 50 rows, scrolled the same way, in the same run. Budget: one 60 Hz frame.

Runs without the large cache (the rows are built in memory)::

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.bench.bench_batch_table
"""

from __future__ import annotations

import os
import random
import time
from datetime import datetime

from tests.bench.common import report, timed

ROWS = 10_000
STEPS = 120
FRAME_BUDGET_MS = 16.7
REASONS = [
    "严重失信主体名单作为审查行政许可、资质资格的重要考量因素："
    "列入市场监督管理严重违法失信名单（被列入经营异常名录届满3年仍未履行相关义务）",
    "列入重点关注名单，提示关注：列入重点关注名单（食品安全抽检不合格，2026-09-01 列入）",
    "失信被执行人、重大税收违法失信主体拒绝参与政府采购活动：列入失信被执行人（违反限制消费令）",
]
VERDICTS = [("caution", "提示关注"), ("restricted", "限制办理"), ("prohibited", "禁止办理")]


def _result(n: int):  # type: ignore[no-untyped-def]
    from credit.batch_check import BatchResult, BatchRow
    from credit.domain.uscc import complete

    rng = random.Random(7)
    rows = []
    for k in range(n):
        code = complete(f"91410526{k:08d}")
        x = rng.random()
        if x < 0.8:
            rows.append(BatchRow(k + 2, code, f"滑县测试单位{k}有限公司", code, "ok", "", "pass", "通过"))
        elif x < 0.95:
            verdict, label = rng.choice(VERDICTS)
            row = BatchRow(k + 2, code, f"滑县测试单位{k}有限公司", code, "ok", "", verdict, label)
            row.reasons = [rng.choice(REASONS)]
            rows.append(row)
        else:
            why = "本地数据中没有代码为该代码的主体。"
            rows.append(BatchRow(k + 2, code, f"外地单位{k}", code, "unknown", why))
    return BatchResult(
        source="投标人名单.csv",
        matter_code="GOV_PROCUREMENT",
        matter_name="政府采购供应商资格审查",
        operator="张三",
        unit="滑县市场监督管理局",
        checked_at=datetime(2026, 11, 23, 9, 30).astimezone(),
        as_of="2026-11-21T18:02:00+08:00",
        code_column="统一社会信用代码",
        name_column="投标人名称",
        rows=rows,
    )


def _frames(n: int) -> tuple[list[float], float]:
    """Per-step paint times scrolling a view of ``n`` rows, and the time to show the result."""
    from PySide6.QtWidgets import QApplication

    from desktop.ops import ImmediateRunner
    from desktop.views.batch_view import BatchCheckView

    app = QApplication.instance()
    assert app is not None
    view = BatchCheckView(ImmediateRunner())
    view.resize(1240, 760)
    view.show()
    app.processEvents()
    result = _result(n)
    started = time.perf_counter()
    view.show_result(result)
    view.table.viewport().repaint()
    shown = (time.perf_counter() - started) * 1000
    bar = view.table.verticalScrollBar()
    viewport = view.table.viewport()
    frames: list[float] = []
    for step in range(STEPS):
        # Alternate page jumps and wheel-sized steps, down then back up.
        delta = bar.pageStep() if step % 2 else bar.singleStep() * 3
        target = bar.value() + delta if step < STEPS // 2 else bar.value() - delta
        frames += timed(lambda t=target: (bar.setValue(t), viewport.repaint()))  # type: ignore[func-returns-value]
    view.close()
    view.deleteLater()
    app.processEvents()
    return frames, shown


def run() -> bool:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop.app import install_font

    app = QApplication.instance() or QApplication([])
    install_font(app)  # type: ignore[arg-type]
    big, shown = _frames(ROWS)
    small, _ = _frames(50)
    print(f"{'batch table: show 10,000 rows':<34} {shown:7.1f} ms (model reset and first paint)")
    return report("batch table: scroll step, 10k rows", big, FRAME_BUDGET_MS, small, "50 rows")


if __name__ == "__main__":
    raise SystemExit(0 if run() else 1)
