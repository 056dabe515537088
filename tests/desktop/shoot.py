"""Screenshots for the docs, taken from the real start-up path (threaded runner, real store).

Types the query key by key like a user (so search-as-you-type and repaint all happen), opens the
best hit, then opens a second entity and scrolls to its penalties and lists::

    xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python -m tests.desktop.shoot \\
        var/demo docs/screenshots 兴达 91320411MAP2135K30
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from desktop.app import make_application
from desktop.ops import Runner
from desktop.startup import Startup


def wait(signal: object | None = None, ms: int = 5000) -> None:
    loop = QEventLoop()
    if signal is not None:
        signal.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def key(widget: QWidget, code: Qt.Key | int, text: str = "") -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier, text))


def shoot(data_dir: Path, out: Path, query: str, second: str) -> None:
    app = make_application()
    startup = Startup(Runner(), data_dir)
    QTimer.singleShot(0, startup.start)
    wait(startup.shown, 60_000)
    window = startup.window
    assert window is not None
    window.resize(1360, 860)
    wait(ms=300)  # status bar statistics
    field = window.search.field
    for ch in query:
        key(field, 0, ch)
        app.processEvents()
        wait(ms=40)
    wait(window.search.resultsShown, 2000)
    key(field, Qt.Key.Key_Down)
    key(field, Qt.Key.Key_Return)
    wait(window.profileShown, 2000)
    wait(ms=200)
    out.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out / "main-window.png"))

    field.selectAll()
    for ch in second:
        key(field, 0, ch)
    key(field, Qt.Key.Key_Return)
    wait(window.profileShown, 2000)
    window.profile_view.scrollToAnchor("penalties")
    wait(ms=200)
    window.grab().save(str(out / "profile-penalties.png"))
    window.close()
    startup.runner.wait()  # type: ignore[attr-defined]
    if startup.desk is not None:
        startup.desk.close()


if __name__ == "__main__":
    shoot(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4])
