"""Start-up: unlocking (keyring, passphrase, lost key), demo data, the interactive window."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from credit.desk import Desk
from credit.store.keys import NO_KEYRING_REASON, PASSPHRASE_ENV
from desktop.ops import ImmediateRunner, Runner
from desktop.startup import EXIT_CANCELLED, EXIT_KEY_UNAVAILABLE, Startup
from desktop.windows.passphrase_dialog import PassphraseDialog
from tests.conftest import MemoryKeyring
from tests.desktop import sample

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "correct horse battery"


@pytest.fixture
def started() -> Iterator[list[Startup]]:
    """Close whatever desk a test's start-up opened."""
    made: list[Startup] = []
    yield made
    for s in made:
        if s.window is not None:
            s.window.close()
            s.window.deleteLater()
        if s.desk is not None:
            s.desk.close()


def passphrase_store(path: Path) -> Path:
    desk = Desk.open(path, PASSPHRASE)
    sample.fill(desk.store)
    desk.close()
    return path


def test_no_keyring_dialog_explains_why_and_asks_twice(
    qtbot: QtBot, tmp_path: Path, started: list[Startup]
) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    seen: dict[str, object] = {}

    def fill_in_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PassphraseDialog)
        seen["reason"], seen["confirm"] = dialog.reason.text(), dialog.confirm.isVisible()
        dialog.passphrase.setText(PASSPHRASE)
        dialog.confirm.setText(PASSPHRASE + "x")
        dialog.accept()  # mismatch: the dialog stays and says so
        seen["error"] = dialog.error.text()
        dialog.confirm.setText(PASSPHRASE)
        dialog.accept()

    QTimer.singleShot(0, fill_in_dialog)
    startup = Startup(ImmediateRunner(), tmp_path / "data")
    started.append(startup)
    startup.start()
    assert seen == {
        "reason": NO_KEYRING_REASON,
        "confirm": True,
        "error": "两次输入的口令不一致，请重新输入。",
    }
    assert startup.window is not None and startup.window.isVisible()
    assert startup.desk is not None and startup.desk.store.key.mode == "passphrase"


def test_wrong_passphrase_says_so_and_asks_again(tmp_path: Path, started: list[Startup]) -> None:
    data = passphrase_store(tmp_path / "data")
    asked: list[tuple[str, bool, str | None]] = []
    answers = iter(["not the passphrase", PASSPHRASE])

    def ask(reason: str, new: bool, error: str | None) -> str | None:
        asked.append((reason, new, error))
        return next(answers)

    startup = Startup(ImmediateRunner(), data, ask=ask)
    started.append(startup)
    startup.start()
    reason = "本地数据已用口令加密，请输入口令解锁。"
    assert asked == [(reason, False, None), (reason, False, "口令或密钥不正确，无法打开本地数据。")]
    assert startup.window is not None and startup.window.isVisible()


def test_declining_to_unlock_exits(tmp_path: Path, started: list[Startup]) -> None:
    data = passphrase_store(tmp_path / "data")
    startup = Startup(ImmediateRunner(), data, ask=lambda *a: None)
    started.append(startup)
    startup.start()
    assert startup.exit_code == EXIT_CANCELLED and startup.desk is None


def test_lost_keyring_key_explains_and_exits_non_zero(
    tmp_path: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch, started: list[Startup]
) -> None:
    data = tmp_path / "data"
    Desk.open(data).close()
    memory_keyring.secrets.clear()  # another user, another machine
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    startup = Startup(ImmediateRunner(), data)
    started.append(startup)
    startup.start()
    assert startup.exit_code == EXIT_KEY_UNAVAILABLE
    assert shown and "系统钥匙串中找不到本地数据的密钥" in shown[0]


def test_threaded_start_then_search(qtbot: QtBot, sample_dir: Path, started: list[Startup]) -> None:
    pool = QThreadPool()
    startup = Startup(Runner(pool), sample_dir)
    started.append(startup)
    with qtbot.waitSignal(startup.shown, timeout=10_000):
        startup.start()
    window = startup.window
    assert window is not None
    with qtbot.waitSignal(window.search.resultsShown, timeout=5000):
        window.search.field.setText(sample.RUIFENG)
    assert [h.uscc for h in window.search.model.hits] == [sample.RUIFENG]
    qtbot.waitUntil(lambda: "本地数据 5 户" in window.status_label.text(), timeout=5000)
    pool.waitForDone(5000)


def test_empty_cache_gets_demo_data(tmp_path: Path, started: list[Startup]) -> None:
    startup = Startup(ImmediateRunner(), tmp_path / "data", demo_entities=200)
    started.append(startup)
    startup.start()
    assert startup.desk is not None and startup.desk.stats().entities == 200
    assert startup.window is not None and startup.window.isVisible()


def test_exit_after_shown_reports_interactive_time(tmp_path: Path) -> None:
    """The cold-start benchmark's contract, run as a real process."""
    data = passphrase_store(tmp_path / "data")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "CREDITDESK_EXIT_AFTER_SHOWN": "1",
        PASSPHRASE_ENV: PASSPHRASE,
    }
    env.pop("CREDITDESK_T0", None)
    code = "import sys, pathlib, desktop.app as a; sys.exit(a.run(pathlib.Path(sys.argv[1])))"
    out = subprocess.run(
        [sys.executable, "-c", code, str(data)], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    lines = [line for line in out.stdout.splitlines() if line.startswith("interactive_ms=")]
    assert len(lines) == 1 and 0 < float(lines[0].split("=")[1]) < 60_000


def test_cancelling_the_demo_build_leaves_an_empty_cache_and_says_so(
    qtbot: QtBot, tmp_path: Path, started: list[Startup]
) -> None:
    pool = QThreadPool()
    startup = Startup(Runner(pool), tmp_path / "data", demo_entities=50_000)
    started.append(startup)
    startup.start()
    qtbot.waitUntil(lambda: hasattr(startup, "demo_dialog"), timeout=10_000)
    with qtbot.waitSignal(startup.shown, timeout=20_000):
        startup.demo_dialog.canceled.emit()  # what the 取消 button (or Esc) does
    pool.waitForDone(5000)
    assert startup.desk is not None and startup.desk.stats().entities == 0
    assert startup.window is not None
    assert "演示数据的生成已取消" in startup.window.profile_view.toPlainText()


UNLOCK_THROUGH_DIALOG = """
import sys, pathlib
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog
import desktop.app as app
import desktop.startup as startup

def ask(reason, new, error):
    # A real modal dialog, closed by the user (here: a timer) with a new passphrase.
    dialog = QDialog()
    QTimer.singleShot(50, dialog.accept)
    dialog.exec()
    return "dialog-passphrase"

startup.Startup.__init__.__kwdefaults__["ask"] = ask  # what app.run's Startup will call
sys.exit(app.run(pathlib.Path(sys.argv[1]), demo_entities=50))
"""


def test_closing_the_unlock_dialog_does_not_end_the_application(tmp_path: Path) -> None:
    """Regression: with no window yet, closing the passphrase (or progress) dialog was the last
    window closing, and Qt quit silently with exit code 0 before the main window appeared."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CREDITDESK_EXIT_AFTER_SHOWN": "1"}
    env.pop(PASSPHRASE_ENV, None)
    out = subprocess.run(
        [sys.executable, "-c", UNLOCK_THROUGH_DIALOG, str(tmp_path / "data")],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert any(line.startswith("interactive_ms=") for line in out.stdout.splitlines()), out.stdout
