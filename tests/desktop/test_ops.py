"""The real threaded runner: work off the GUI thread, results and errors back on it, cancel."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from credit.store.keys import KeyUnavailable
from desktop.errors import ErrorDialog, describe
from desktop.ops import ImmediateRunner, Runner, Task


@pytest.fixture
def runner() -> Iterator[Runner]:
    pool = QThreadPool()
    pool.setMaxThreadCount(2)
    yield Runner(pool)
    pool.waitForDone(5000)


def test_result_is_delivered_on_the_gui_thread(qtbot: QtBot, runner: Runner) -> None:
    gui = threading.current_thread()
    seen: dict[str, object] = {}

    def work(task: Task) -> int:
        seen["worker"] = threading.current_thread()
        return 42

    def done(value: int) -> None:
        seen["value"], seen["callback"] = value, threading.current_thread()

    runner.run(work, on_done=done)
    qtbot.waitUntil(lambda: "value" in seen, timeout=3000)
    assert seen["value"] == 42
    assert seen["worker"] is not gui and seen["callback"] is gui


def test_errors_are_delivered(qtbot: QtBot, runner: Runner) -> None:
    errors: list[BaseException] = []

    def work(task: Task) -> None:
        raise ValueError("boom")

    runner.run(work, on_done=lambda _: pytest.fail("no result expected"), on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=3000)
    assert isinstance(errors[0], ValueError) and errors[0].__traceback__ is not None


def test_progress_and_cancel(qtbot: QtBot, runner: Runner) -> None:
    started, release = threading.Event(), threading.Event()
    progress: list[tuple[int, int]] = []
    outcome: list[str] = []

    def work(task: Task) -> str:
        task.progress(1, 10)
        started.set()
        release.wait(5)
        return "stopped early" if task.cancelled else "finished"

    task = runner.run(
        work,
        on_done=lambda v: outcome.append(f"done {v}"),
        on_progress=lambda d, t: progress.append((d, t)),
        on_cancelled=lambda: outcome.append("cancelled"),
    )
    assert started.wait(5)
    qtbot.waitUntil(lambda: progress == [(1, 10)], timeout=3000)
    task.cancel()
    release.set()
    qtbot.waitUntil(lambda: bool(outcome), timeout=3000)
    assert outcome == ["cancelled"]  # a cancelled result is never delivered as a result
    assert task.finished


def test_newest_wins_when_older_task_is_cancelled(qtbot: QtBot, runner: Runner) -> None:
    gate = threading.Event()
    results: list[str] = []
    old = runner.run(lambda t: gate.wait(5) and "old", on_done=results.append)
    runner.run(lambda t: "new", on_done=results.append)
    old.cancel()
    gate.set()
    qtbot.waitUntil(lambda: old.finished, timeout=3000)
    assert results == ["new"]


def test_immediate_runner_runs_inline() -> None:
    runner = ImmediateRunner()
    got: list[object] = []

    def work(task: Task) -> str:
        task.progress(1, 2)
        return "ok"

    def fail(task: Task) -> None:
        raise RuntimeError("x")

    task = runner.run(work, on_done=got.append, on_progress=lambda *a: got.append(a))
    assert got == [(1, 2), "ok"] and task.finished
    with pytest.raises(RuntimeError):  # no on_error: a test sees the exception itself
        runner.run(fail, on_done=got.append)


def test_error_dialog_says_what_happened_and_hides_the_traceback(qtbot: QtBot) -> None:
    try:
        raise KeyUnavailable("系统钥匙串中找不到本地数据的密钥。")
    except KeyUnavailable as exc:
        dialog = ErrorDialog(exc)
    qtbot.addWidget(dialog)
    assert dialog.message.text() == "系统钥匙串中找不到本地数据的密钥。"
    assert "Traceback" not in dialog.message.text()
    assert not dialog.details.isVisibleTo(dialog)
    assert dialog.details_button.text() == "详情"
    dialog.details_button.click()
    assert dialog.details.isVisibleTo(dialog)
    assert "Traceback" in dialog.details.toPlainText()


def test_unknown_errors_get_a_chinese_message() -> None:
    text = describe(ZeroDivisionError("division by zero"))
    assert "操作未能完成" in text and "division" not in text
