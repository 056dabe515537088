"""Desktop tests: offscreen Qt and a real encrypted store.

The platform must be chosen before Qt loads. The private in-memory keyring comes from the
root ``tests/conftest.py`` (autouse), so no test touches the developer's real keyring.
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from credit.desk import Desk, Operator
from credit.store.db import Store
from credit.store.keys import resolve_key
from desktop.ops import ImmediateRunner
from desktop.windows.main_window import MainWindow
from tests.desktop import sample


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
    win.show()
    qtbot.waitExposed(win)
    win.search.focus_field()
    return win
