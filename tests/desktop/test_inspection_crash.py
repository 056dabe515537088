"""The real inspection form in a child process is SIGKILLed while typing: the draft survives.

What the form's autosave reported as saved is on disk after the kill (a restart reopens it);
what was typed in the last debounce interval may be lost, by design, and nothing else.
"""

from __future__ import annotations

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
from tests.credit.inspections import sample

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "gui-crash-test-passphrase"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_form_draft_survives_sigkill_while_typing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir = tmp_path / "data"
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    desk = Desk.open(data_dir)
    try:
        sample.fill(desk.store)
        plan = draw_plan(desk.store, desk.operator, sample.config(), sample.roster(), "s", now=sample.NOW)
        task = sample.task_id(desk.store, plan, sample.code(151))
        draft = records.start_for_task(desk.store, desk.operator, task)
    finally:
        desk.close()

    child = subprocess.Popen(
        [sys.executable, "-m", "tests.desktop.form_child", str(data_dir), draft["id"]],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, PASSPHRASE_ENV: PASSPHRASE},
    )
    saves: list[tuple[int, int]] = []
    try:
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith("saved "):
                _, revision, length = line.split()
                saves.append((int(revision), int(length)))
                if len(saves) >= 4:
                    child.send_signal(signal.SIGKILL)  # typing goes on: killed mid-edit
                    break
        else:
            pytest.fail(f"the form process ended early: {child.stderr.read() if child.stderr else ''}")
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    desk = Desk.open(data_dir)
    try:
        found = desk.inspections.draft(draft["id"])
        again = records.start_for_task(desk.store, desk.operator, task)  # what reopening the task shows
    finally:
        desk.close()
    assert found is not None and again["id"] == draft["id"]
    revision, length = saves[-1]
    assert found["revision"] >= revision
    text = found["data"]["findings"]
    assert set(text) == {"查"} and len(text) >= length  # nothing reported as saved was lost
