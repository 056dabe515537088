"""Desktop tests: offscreen Qt, a private in-memory keyring, a real encrypted store.

The platform must be chosen before Qt loads; the keyring must never be the developer's real one.
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtWidgets import QApplication

from credit.desk import Desk, Operator
from credit.store.db import Store
from credit.store.keys import PASSPHRASE_ENV, resolve_key
from desktop.ops import ImmediateRunner
from desktop.windows.main_window import MainWindow
from tests.desktop import sample


class DictKeyring(KeyringBackend):
    """Secrets in a dict; a real, usable keyring as far as the code can tell."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.data.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.data[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.data.pop((service, username), None)


@pytest.fixture(autouse=True)
def dict_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[DictKeyring]:
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    previous = keyring.get_keyring()
    backend = DictKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(scope="session", autouse=True)
def app_font(qapp: QApplication) -> None:
    """Render with the bundled font, as the application does."""
    from desktop.app import install_font

    install_font(qapp)


@pytest.fixture
def sample_dir(tmp_path: Path) -> Path:
    """A data directory holding an encrypted store filled with :mod:`tests.desktop.sample`."""
    path = tmp_path / "data"
    store = Store.open(path, resolve_key(path))
    try:
        sample.fill(store)
    finally:
        store.close()
    return path


@pytest.fixture
def gui_desk(sample_dir: Path) -> Iterator[Desk]:
    desk = Desk(Store.open(sample_dir, resolve_key(sample_dir)), Operator("张三", "滑县市场监管局", "pc-01"))
    yield desk
    desk.close()


@pytest.fixture
def window(qtbot, gui_desk: Desk) -> MainWindow:  # type: ignore[no-untyped-def]
    """The main window on the sample store, every call run at once on the GUI thread."""
    win = MainWindow(ImmediateRunner(), gui_desk)
    qtbot.addWidget(win)
    win.search.debounce.setInterval(0)
    win.show()
    qtbot.waitExposed(win)
    win.search.focus_field()
    return win
