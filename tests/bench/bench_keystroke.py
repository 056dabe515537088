"""Keystroke to results painted, in the real main window with the real threaded runner.

Each keystroke is a key event sent to the search field; the clock stops when the pane emits
``resultsShown`` (model updated and viewport repainted synchronously). The pane has no
deliberate pause (a keystroke searches at once when no search is running), so this is the path
a user sees. The baseline is the core search alone for the same query in the same run.
"""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import sqlalchemy as sa

from tests.bench.common import report

QUERIES = 60


def run(data_dir: Path) -> bool:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QEventLoop, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from credit.desk import Desk
    from credit.store.search import search
    from credit.store.tables import entity
    from desktop.app import install_font
    from desktop.ops import Runner
    from desktop.windows.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    install_font(app)  # type: ignore[arg-type]
    desk = Desk.open(data_dir)
    window = MainWindow(Runner(), desk)
    window.show()
    pane = window.search
    pane.settle.setInterval(3_600_000)  # keep the audit log out of the measurement
    rng = random.Random(11)
    with desk.store.cache.connect() as conn:
        top = conn.execute(sa.select(sa.func.max(entity.c.id))).scalar_one()
        names = [
            conn.execute(sa.select(entity.c.name_norm).where(entity.c.id == rng.randint(1, top))).scalar_one()
            for _ in range(QUERIES)
        ]
    typed: list[str] = []
    for name in names:  # a fragment of a name as a clerk would type it, 1 to 4 characters
        start = rng.randint(0, max(0, len(name) - 4))
        typed.append(name[start : start + rng.randint(1, 4)])

    def wait_shown(query: str) -> None:
        loop = QEventLoop()
        done = lambda q: loop.quit() if q == query else None  # noqa: E731
        pane.resultsShown.connect(done)
        QTimer.singleShot(5000, loop.quit)
        if not (pane.result is not None and pane.result.query == query):
            loop.exec()
        pane.resultsShown.disconnect(done)

    ours: list[float] = []
    base: list[float] = []
    for fragment in typed:
        pane.field.clear()
        app.processEvents()
        for ch in fragment:
            started = time.perf_counter()
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(pane.field, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
            wait_shown(pane.field.text())
            ours.append((time.perf_counter() - started) * 1000)
            with desk.store.cache.connect() as conn:
                t = time.perf_counter()
                search(conn, pane.field.text())
                base.append((time.perf_counter() - t) * 1000)
    window.close()
    desk.close()
    return report("keystroke to results painted", ours, 50.0, base, "core search")
