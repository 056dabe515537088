"""The real inspection form in a child process is SIGKILLed while typing: the draft survives.

What the form's autosave reported as saved is on disk after the kill (a restart reopens it).
In bursts, what was typed in the last debounce interval may be lost, by design, and nothing
else; typing steadily (a key every 300–400 ms, so the one-second debounce never fires), the
maximum wait still saves, and at most its 2.5 s of typing is lost.
"""

from __future__ import annotations

import math
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from credit.desk import Desk
from credit.inspections import records
from credit.inspections.plans import draw_plan
from credit.store.keys import PASSPHRASE_ENV
from desktop.views.inspections.autosave import AUTOSAVE_MS, MAX_WAIT_MS
from tests.credit.inspections import sample
from tests.desktop.form_child import STEADY_KEY_MS

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "gui-crash-test-passphrase"
#: What a save may take on a loaded machine, on top of the maximum wait (generous on purpose).
SAVE_SLACK_MS = 1500

#: ``Popen.kill()``: SIGKILL on POSIX, TerminateProcess on Windows; no handler runs either way.
KILLED = -signal.SIGKILL if hasattr(signal, "SIGKILL") else 1


def _draft(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    desk = Desk.open(data_dir)
    try:
        sample.fill(desk.store)
        plan = draw_plan(desk.store, desk.operator, sample.config(), sample.roster(), "s", now=sample.NOW)
        task = sample.task_id(desk.store, plan, sample.code(151))
        draft = records.start_for_task(desk.store, desk.operator, task)
    finally:
        desk.close()
    return task, draft["id"]


def _type_then_kill(
    data_dir: Path, draft_id: str, mode: str, enough: int
) -> tuple[list[tuple[int, int]], int]:
    """Run the child until ``enough`` saves (bursts) or keys (steady), SIGKILL it mid-typing;
    returns the saves reported (revision, length) and the keys typed before the kill."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.desktop.form_child", str(data_dir), draft_id, mode],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, PASSPHRASE_ENV: PASSPHRASE},
    )
    saves: list[tuple[int, int]] = []
    typed = 0
    try:
        assert child.stdout is not None
        for line in child.stdout:
            word, *rest = line.split()
            if word == "saved":
                saves.append((int(rest[0]), int(rest[1])))
            elif word == "typed":
                typed = int(rest[0])
            if (len(saves) if mode == "bursts" else typed) >= enough:
                child.kill()  # typing goes on: killed mid-edit
                break
        else:
            pytest.fail(f"the form process ended early: {child.stderr.read() if child.stderr else ''}")
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == KILLED
    return saves, typed


def _reopened(data_dir: Path, task: str, draft_id: str) -> dict:
    desk = Desk.open(data_dir)
    try:
        found = desk.inspections.draft(draft_id)
        again = records.start_for_task(desk.store, desk.operator, task)  # what reopening the task shows
    finally:
        desk.close()
    assert found is not None and again["id"] == draft_id
    return found


def test_form_draft_survives_sigkill_while_typing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir = tmp_path / "data"
    task, draft_id = _draft(data_dir, monkeypatch)
    saves, _ = _type_then_kill(data_dir, draft_id, "bursts", enough=4)
    found = _reopened(data_dir, task, draft_id)
    revision, length = saves[-1]
    assert found["revision"] >= revision
    text = found["data"]["findings"]
    assert set(text) == {"查"} and len(text) >= length  # nothing reported as saved was lost


def test_steady_typing_is_saved_by_the_maximum_wait(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A key every 300–400 ms for about seven seconds, then SIGKILL: the one-second debounce never
    fired, yet the draft holds the checklist choice and all but the last seconds of typing."""
    assert max(STEADY_KEY_MS) < AUTOSAVE_MS  # the debounce really is restarted by every key
    data_dir = tmp_path / "data"
    task, draft_id = _draft(data_dir, monkeypatch)
    keys = 20  # ≈ 7 s of typing: at least two maximum waits
    saves, typed = _type_then_kill(data_dir, draft_id, "steady", enough=keys)
    assert typed >= keys and len(saves) >= 2, f"saves while typing steadily: {saves}"
    found = _reopened(data_dir, task, draft_id)
    assert found["data"]["answers"]["F01"]["answer"] == "不符合"  # chosen first, never lost
    text = found["data"]["findings"]
    assert set(text) == {"查"} and len(text) >= saves[-1][1]
    lost_at_most = math.ceil((MAX_WAIT_MS + SAVE_SLACK_MS) / min(STEADY_KEY_MS))
    assert typed - len(text) <= lost_at_most, (typed, len(text))
