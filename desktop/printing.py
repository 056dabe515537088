"""Printing: one action writes the PDF (saved, its path shown) and then offers the print dialog.

Every document the program prints goes through :func:`offer_print` once its PDF is on disk:
the page count is read on the worker, the system print dialog opens (page range, copies,
printer), and the chosen pages are rendered on the worker one at a time
(:mod:`credit.reports.raster`) and painted onto the printer on the GUI thread between them, so
the window stays responsive through a long batch. Where pages cannot be rendered the PDF opens
in the system viewer instead, and the message says to print from there. The dialog is made by
:data:`make_dialog`, which tests replace (an offscreen test cannot click a system dialog).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from desktop.ops import RunnerLike, Task
from desktop.views.saved_file import open_file

if TYPE_CHECKING:
    from credit.reports.raster import PageImage

Report = Callable[[str], None]  # a plain-text status for the widget's status line
#: Print jobs under way (each holds its printer and painter until its last page).
RUNNING: set[PrintJob] = set()


class PrintDialogLike(Protocol):
    def exec(self) -> int: ...


def _system_dialog(printer: QPrinter, parent: QWidget | None, pages: int) -> PrintDialogLike:
    dialog = QPrintDialog(printer, parent)
    dialog.setMinMax(1, pages)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setWindowTitle(QCoreApplication.translate("Printing", "打印"))
    return dialog


#: (printer, parent, page count) → a dialog whose ``exec()`` says whether to print.
make_dialog: Callable[[QPrinter, QWidget | None, int], PrintDialogLike] = _system_dialog


def offer_print(parent: QWidget, runner: RunnerLike, pdf: Path, tell: Report) -> None:
    """After ``pdf`` was written: the print dialog, then the pages to the printer.

    ``tell`` gets each status in plain text; it is not called once ``parent`` is gone (a
    form closed while its pages print: the printing goes on, nobody is told).
    """

    def report(text: str) -> None:
        if shiboken6.isValid(parent):
            tell(text)

    def counted(pages: int | None) -> None:
        if not shiboken6.isValid(parent):
            return
        if pages is None:  # nothing can render the pages here: the viewer prints them
            if open_file(pdf):
                report(
                    QCoreApplication.translate(
                        "Printing",
                        "本机无法直接打印（缺少 PDF 渲染组件），已在 PDF 查看器中打开，请从查看器打印。",
                    )
                )
            else:
                report(
                    QCoreApplication.translate(
                        "Printing", "本机无法直接打印，也未能打开 PDF 查看器：请在文件夹中打开 PDF 后打印。"
                    )
                )
            return
        _ask_and_print(parent, runner, pdf, pages, report)

    def count(task: Task) -> int | None:
        from credit.reports import raster

        return raster.page_count(pdf) if raster.available() else None

    runner.run(
        count,
        on_done=counted,
        on_error=lambda exc: report(QCoreApplication.translate("Printing", "未能读取 PDF：{0}").format(exc)),
    )


def _ask_and_print(parent: QWidget, runner: RunnerLike, pdf: Path, pages: int, report: Report) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)  # the PDF page is the whole sheet: its margins are in the page
    printer.setDocName(pdf.stem)
    printer.setFromTo(1, pages)
    if make_dialog(printer, parent, pages).exec() != QDialog.DialogCode.Accepted:
        report(QCoreApplication.translate("Printing", "未打印（PDF 已保存）。"))
        return
    ranged = printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0
    first, last = (printer.fromPage(), printer.toPage()) if ranged else (1, pages)
    chosen = list(range(max(first, 1) - 1, min(last or pages, pages)))
    copies = printer.copyCount()
    if copies > 1 and not printer.supportsMultipleCopies():  # the driver will not: send them all
        chosen = chosen * copies
    PrintJob(runner, printer, pdf, chosen, report).start()


class PrintJob(QObject):
    """Render page k on the worker, paint it, then page k + 1: one page in memory at a time."""

    def __init__(
        self,
        runner: RunnerLike,
        printer: QPrinter,
        pdf: Path,
        pages: list[int],
        report: Report,
    ) -> None:
        super().__init__()
        self.runner, self.printer, self.pdf, self.pages, self.report = runner, printer, pdf, pages, report
        self.painter: QPainter | None = None
        self.done = 0
        self.finished = False

    def start(self) -> None:
        RUNNING.add(self)  # alive until the last page, even if the window that asked is closed
        self._next()

    def _next(self) -> None:
        if self.done == len(self.pages):
            self._finish(None)
            return
        index, dpi, pdf = self.pages[self.done], self.printer.resolution(), self.pdf

        def render(task: Task) -> PageImage:
            from credit.reports.raster import render_page

            return render_page(pdf, index, dpi)

        self.report(
            QCoreApplication.translate("Printing", "正在打印第 {0}/{1} 页…").format(
                self.done + 1, len(self.pages)
            )
        )
        self.runner.run(render, on_done=self._paint, on_error=lambda exc: self._finish(exc))

    def _paint(self, page: PageImage) -> None:
        if self.painter is None:
            self.painter = QPainter()
            if not self.painter.begin(self.printer):
                self.painter = None
                self._finish(RuntimeError(QCoreApplication.translate("Printing", "打印机无法开始打印")))
                return
        elif not self.printer.newPage():
            self._finish(RuntimeError(QCoreApplication.translate("Printing", "打印机无法换页")))
            return
        image = QImage(page.rgb, page.width, page.height, page.width * 3, QImage.Format.Format_RGB888)
        area = self.painter.viewport()
        size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
        self.painter.drawImage(QRect(area.topLeft(), size), image)
        self.done += 1
        self._next()

    def _finish(self, error: BaseException | None) -> None:
        if self.finished:
            return
        self.finished = True
        if self.painter is not None:
            self.painter.end()
        if error is not None:
            self.report(
                QCoreApplication.translate(
                    "Printing", "打印未完成：{0}（PDF 已保存，可在文件夹中打开后打印）"
                ).format(error)
            )
        else:
            name = self.printer.printerName() or self.printer.outputFileName()
            self.report(
                QCoreApplication.translate("Printing", "已发送到打印机“{0}”（{1} 页）。").format(
                    name, self.done
                )
            )
        RUNNING.discard(self)
