"""The audit log records settled lookups and opened profiles, never each keystroke."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from credit.desk import Desk
from desktop.windows.main_window import MainWindow
from tests.desktop import sample
from tests.desktop.test_search import type_text


def actions(desk: Desk) -> Counter[str]:
    return Counter(row["action"] for row in desk.audit_recent(1000))


def test_keystrokes_are_not_logged_but_a_settled_lookup_is_once(
    qtbot: QtBot, window: MainWindow, gui_desk: Desk
) -> None:
    pane = window.search
    searches: list[str] = []
    pane.searchStarted.connect(searches.append)
    for ch in "瑞丰精密":
        type_text(pane.field, ch)
        qtbot.waitUntil(lambda: pane.result is not None and pane.result.query == pane.field.text())
    assert len(searches) == 4  # one search per keystroke …
    assert actions(gui_desk)["search"] == 0  # … and none of them written down
    pane.settle.setInterval(20)
    with qtbot.waitSignal(pane.searchRecorded, timeout=2000):
        pane.settle.start()
    assert actions(gui_desk)["search"] == 1
    assert gui_desk.audit_recent(1)[0]["query"] == "瑞丰精密"
    qtbot.wait(60)
    assert actions(gui_desk)["search"] == 1


def test_each_profile_opening_is_one_row(qtbot: QtBot, window: MainWindow, gui_desk: Desk) -> None:
    pane = window.search
    with qtbot.waitSignal(pane.resultsShown, timeout=2000):
        type_text(pane.field, "瑞丰精密")
    for _ in range(2):
        with qtbot.waitSignal(window.profileShown, timeout=2000):
            qtbot.keyClick(pane.field, Qt.Key.Key_Return)
    counts = actions(gui_desk)
    assert counts["open_profile"] == 2 and counts["search"] == 0
    rows = [r for r in gui_desk.audit_recent(10) if r["action"] == "open_profile"]
    assert {r["uscc"] for r in rows} == {sample.RUIFENG}
    assert {r["query"] for r in rows} == {"瑞丰精密"}
    assert not pane.settle.isActive()  # the opening was the record; no idle record follows
    assert gui_desk.audit_verify().ok


def test_enter_on_a_code_not_in_the_local_data_is_recorded(
    qtbot: QtBot, window: MainWindow, gui_desk: Desk
) -> None:
    """Nothing to open, but the check itself ("not in the local data") is accountable."""
    pane = window.search
    unknown = sample.complete("91320411MA99TE7T")
    with qtbot.waitSignal(pane.searchRecorded, timeout=2000):
        type_text(pane.field, unknown)
        qtbot.keyClick(pane.field, Qt.Key.Key_Return)
    rows = gui_desk.audit_recent(10)
    assert [(r["action"], r["uscc"]) for r in rows] == [("search", unknown)]
