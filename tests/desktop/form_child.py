"""Child process for the GUI crash test: the real inspection form, offscreen, typing until killed.

Types bursts of characters into 检查情况 with pauses long enough for the form's own debounced
autosave (through the threaded runner) to fire, and prints ``saved <revision> <length>`` each
time a save has returned, so the parent knows what is on disk when it kills the process.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor

from credit.desk import Desk
from desktop.app import make_application
from desktop.ops import Runner
from desktop.views.inspections.inspection_form import InspectionForm

AUTOSAVE_MS = 250
KEY_MS = 40
BURST = 4


def saved_text(form: InspectionForm) -> str:
    data = form.autosave.saved_data or {}
    return str(data.get("findings") or "")


def main(data_dir: str, draft_id: str) -> int:
    app = make_application()
    desk = Desk.open(Path(data_dir))
    service = desk.inspections
    draft = service.draft(draft_id)
    assert draft is not None
    form = InspectionForm(Runner(), service, draft, service.catalog, autosave_ms=AUTOSAVE_MS)
    form.saved.connect(lambda rev: print(f"saved {rev} {len(saved_text(form))}", flush=True))
    form.show()
    typed = 0

    def key() -> None:
        nonlocal typed
        cursor = form.findings.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText("查")  # like a keystroke: textChanged → the debounce restarts
        typed += 1
        QTimer.singleShot(KEY_MS if typed % BURST else AUTOSAVE_MS * 2, key)

    QTimer.singleShot(0, key)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
