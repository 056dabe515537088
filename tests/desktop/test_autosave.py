"""The autosaver's two timers with pytest-qt (scaled down): the debounce, and the maximum wait
that still saves while edits never pause long enough for the debounce."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from desktop.ops import ImmediateRunner
from desktop.views.inspections.autosave import Autosaver


class Drafts:
    """Stands in for the service's draft table: records what each save wrote."""

    def __init__(self) -> None:
        self.saved: list[dict[str, Any]] = []

    def save_draft(self, draft_id: str, data: dict[str, Any]) -> int:
        self.saved.append(data)
        return len(self.saved) + 1


def _saver(qtbot: QtBot, state: dict[str, Any], **timing: int) -> tuple[Autosaver, Drafts]:
    drafts = Drafts()
    saver = Autosaver(ImmediateRunner(), drafts, "d1", lambda: dict(state))  # type: ignore[arg-type]
    for key, value in timing.items():
        getattr(saver, key).setInterval(value)
    return saver, drafts


def test_edits_that_never_pause_are_still_saved_within_the_maximum_wait(qtbot: QtBot) -> None:
    state = {"text": ""}
    saver, drafts = _saver(qtbot, state, timer=200, deadline=500)
    for n in range(1, 21):  # an edit every 60 ms for 1.2 s: the 200 ms debounce never fires
        state["text"] = "查" * n
        saver.edited()
        qtbot.wait(60)
    assert len(drafts.saved) >= 2, drafts.saved
    assert 0 < len(drafts.saved[0]["text"]) < 20  # written while the typing went on
    qtbot.waitUntil(lambda: not saver.pending, timeout=2000)
    assert drafts.saved[-1]["text"] == "查" * 20  # and the last edit once it stopped


def test_a_pause_saves_once_after_the_debounce(qtbot: QtBot) -> None:
    state = {"text": "a"}
    saver, drafts = _saver(qtbot, state, timer=100, deadline=400)
    saver.edited()
    qtbot.waitUntil(lambda: len(drafts.saved) == 1, timeout=2000)
    qtbot.wait(500)  # the maximum wait was stopped by that save: no second, empty save
    assert len(drafts.saved) == 1 and not saver.pending
