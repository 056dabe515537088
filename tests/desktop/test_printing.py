"""Printing every PDF: saved, then the print dialog; the chosen pages rendered and printed.

The stand-in dialog (tests/desktop/conftest.py) accepts by printing to a PDF file with Qt's own
PDF printer, so what reached the "printer" is read back: how many pages, and which.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageStat
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from desktop import printing
from desktop.ops import ImmediateRunner, Runner
from tests.credit.reports import pdftools
from tests.desktop.conftest import PrintDialogStandIn

GREYS = (0.15, 0.5, 0.85)  # page k is filled with this grey, so a printed page says which it was


def three_pages(path: Path) -> Path:
    canvas = Canvas(str(path), pagesize=A4)
    for grey in GREYS:
        canvas.setFillGray(grey)
        canvas.rect(0, 0, *A4, fill=1, stroke=0)
        canvas.showPage()
    canvas.save()
    return path


def printed_greys(pdf: Path, tmp_path: Path) -> list[float]:
    """The mean grey (0–1) of each printed page, rendered back with poppler."""
    import subprocess

    subprocess.run(["pdftoppm", "-r", "10", "-gray", "-png", str(pdf), str(tmp_path / "back")], check=True)
    pages = sorted(tmp_path.glob("back-*.png"))
    return [ImageStat.Stat(Image.open(p)).mean[0] / 255 for p in pages]


@pytest.fixture
def status(qtbot: QtBot) -> QLabel:
    label = QLabel()
    qtbot.addWidget(label)
    return label


def test_the_chosen_pages_reach_the_printer_in_order(
    status: QLabel, print_dialog: PrintDialogStandIn, tmp_path: Path
) -> None:
    pdf = three_pages(tmp_path / "doc.pdf")
    printed = tmp_path / "printed.pdf"
    print_dialog.print_to(printed, page_range=(2, 3))
    printing.offer_print(status, ImmediateRunner(), pdf, status.setText)  # type: ignore[arg-type]
    assert print_dialog.offers == [("doc", 3)]  # the dialog knew the page count
    assert pdftools.page_count(printed) == 2 and pdftools.image_count(printed) == 2
    assert printed_greys(printed, tmp_path) == pytest.approx(list(GREYS[1:]), abs=0.03)
    assert status.text().startswith("已发送到打印机") and "2 页" in status.text()


def test_closing_the_dialog_prints_nothing_and_says_the_pdf_is_saved(
    status: QLabel, print_dialog: PrintDialogStandIn, tmp_path: Path
) -> None:
    pdf = three_pages(tmp_path / "doc.pdf")
    printing.offer_print(status, ImmediateRunner(), pdf, status.setText)  # type: ignore[arg-type]
    assert print_dialog.offers == [("doc", 3)] and status.text() == "未打印（PDF 已保存）。"
    assert not printing.RUNNING


def test_without_a_renderer_the_viewer_opens_and_says_to_print_there(
    status: QLabel, print_dialog: PrintDialogStandIn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from credit.reports import raster

    opened: list[QUrl] = []
    monkeypatch.setattr(raster, "available", lambda: False)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    pdf = three_pages(tmp_path / "doc.pdf")
    printing.offer_print(status, ImmediateRunner(), pdf, status.setText)  # type: ignore[arg-type]
    assert [u.toLocalFile() for u in opened] == [str(pdf)] and not print_dialog.offers
    assert "已在 PDF 查看器中打开，请从查看器打印" in status.text()


def test_pages_are_rendered_on_the_worker_while_the_window_stays_responsive(
    qtbot: QtBot, status: QLabel, print_dialog: PrintDialogStandIn, tmp_path: Path
) -> None:
    pdf = three_pages(tmp_path / "doc.pdf")
    printed = tmp_path / "printed.pdf"
    print_dialog.print_to(printed)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    runner = Runner()
    printing.offer_print(status, runner, pdf, status.setText)
    qtbot.waitUntil(lambda: status.text().startswith("已发送到打印机"), timeout=30_000)
    timer.stop()
    runner.wait()
    assert pdftools.page_count(printed) == 3 and ticks  # the event loop ran between the pages
