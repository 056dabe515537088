"""A draft survives the process being killed mid-edit: SIGKILL, reopen, the draft is there."""

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

ROOT = Path(__file__).resolve().parents[3]

#: ``Popen.kill()``: SIGKILL on POSIX, TerminateProcess on Windows; no handler runs either way.
KILLED = -signal.SIGKILL if hasattr(signal, "SIGKILL") else 1


def test_draft_survives_sigkill_mid_edit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir = tmp_path / "data"
    monkeypatch.setenv(PASSPHRASE_ENV, "crash-test-passphrase")  # the child has no shared keyring
    desk = Desk.open(data_dir)
    try:
        sample.fill(desk.store)
        plan = draw_plan(desk.store, desk.operator, sample.config(), sample.roster(), "s", now=sample.NOW)
        draft = records.start_for_task(
            desk.store, desk.operator, sample.task_id(desk.store, plan, sample.code(151))
        )
    finally:
        desk.close()

    child = subprocess.Popen(
        [sys.executable, "-m", "tests.credit.inspections.autosave_child", str(data_dir), draft["id"]],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, PASSPHRASE_ENV: "crash-test-passphrase"},
    )
    last = (0, 0)
    try:
        assert child.stdout is not None
        for line in child.stdout:
            _, revision, length = line.split()
            last = (int(revision), int(length))
            if last[0] >= 40:
                child.kill()  # mid-edit: saves are being written continuously
                break
        else:
            pytest.fail(f"child ended early: {child.stderr.read() if child.stderr else ''}")
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == KILLED

    desk = Desk.open(data_dir)  # "restart"
    try:
        found = desk.inspections.draft(draft["id"])
        assert desk.audit_verify().ok
    finally:
        desk.close()
    assert found is not None
    # Every save the child reported is on disk; at most the one in flight may be newer.
    assert found["revision"] in (last[0], last[0] + 1)
    assert len(found["data"]["findings"]) in (last[1], last[1] + 1)
    assert set(found["data"]["findings"]) == {"改"}
