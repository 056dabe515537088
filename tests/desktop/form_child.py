"""Child process for the GUI crash tests: the real inspection form, offscreen, typing until killed.

Two ways of typing into 检查情况, through the threaded runner and the form's own autosave:

* ``bursts`` — bursts of characters with pauses long enough for the debounce (250 ms here) to
  fire: every pause is a save.
* ``steady`` — one key every 300–400 ms, never pausing, with the form's real timings (a one-second
  debounce that each key restarts, and the maximum wait): only the maximum wait can save. It
  first marks checklist item F01 不符合, as an inspector would before writing the findings.

It prints ``saved <revision> <length>`` each time a save has returned and ``typed <count>``
after every key, so the parent knows what is on disk and what was typed when it kills it.
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
from desktop.views.inspections.autosave import AUTOSAVE_MS
from desktop.views.inspections.inspection_form import InspectionForm

BURST_AUTOSAVE_MS = 250
KEY_MS = 40
BURST = 4
STEADY_KEY_MS = (300, 400)


def saved_text(form: InspectionForm) -> str:
    data = form.autosave.saved_data or {}
    return str(data.get("findings") or "")


def main(data_dir: str, draft_id: str, mode: str = "bursts") -> int:
    app = make_application()
    desk = Desk.open(Path(data_dir))
    service = desk.inspections
    draft = service.draft(draft_id)
    assert draft is not None
    steady = mode == "steady"
    autosave_ms = AUTOSAVE_MS if steady else BURST_AUTOSAVE_MS
    form = InspectionForm(Runner(), service, draft, service.catalog, autosave_ms=autosave_ms)
    form.saved.connect(lambda rev: print(f"saved {rev} {len(saved_text(form))}", flush=True))
    form.show()
    if steady:
        form.rows["F01"].choose("不符合")
    typed = 0

    def key() -> None:
        nonlocal typed
        cursor = form.findings.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText("查")  # like a keystroke: textChanged → the debounce restarts
        typed += 1
        print(f"typed {typed}", flush=True)
        QTimer.singleShot(pause(typed), key)

    def pause(n: int) -> int:
        if steady:
            return STEADY_KEY_MS[n % 2]
        return KEY_MS if n % BURST else BURST_AUTOSAVE_MS * 2

    QTimer.singleShot(0, key)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
