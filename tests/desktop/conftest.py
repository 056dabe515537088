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
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog

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


class PrintDialogStandIn:
    """The system print dialog as an offscreen test can drive it (a real one would wait for a
    click forever). It records each offer; by default the user closes it without printing.
    ``print_to(path, pages)`` makes it accept, printing to a PDF file (Qt's own PDF printer)."""

    def __init__(self) -> None:
        self.offers: list[tuple[str, int]] = []  # (document name, page count)
        self.output: Path | None = None
        self.page_range: tuple[int, int] | None = None
        self.printer: QPrinter | None = None

    def print_to(self, path: Path, page_range: tuple[int, int] | None = None) -> None:
        self.output, self.page_range = path, page_range

    def __call__(self, printer: QPrinter, parent: object, pages: int) -> PrintDialogStandIn:
        self.offers.append((printer.docName(), pages))
        self.printer = printer
        return self

    def exec(self) -> int:
        if self.output is None or self.printer is None:
            return int(QDialog.DialogCode.Rejected)
        self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        self.printer.setOutputFileName(str(self.output))
        if self.page_range:
            self.printer.setPrintRange(QPrinter.PrintRange.PageRange)
            self.printer.setFromTo(*self.page_range)
        return int(QDialog.DialogCode.Accepted)


@pytest.fixture(autouse=True)
def print_dialog(monkeypatch: pytest.MonkeyPatch) -> PrintDialogStandIn:
    """Every desktop test gets the stand-in instead of the system print dialog."""
    from desktop import printing

    stand_in = PrintDialogStandIn()
    monkeypatch.setattr(printing, "make_dialog", stand_in)
    return stand_in


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


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """The shipped English translation installed, as ``CREDITDESK_LANG=en`` does at start-up;
    widgets built after this fixture are in English. Removed again afterwards."""
    from desktop.app import install_translations

    translators = install_translations(qapp, "en")
    assert translators, "resources/i18n/creditdesk_en.qm did not load"
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
