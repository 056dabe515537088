"""Building blocks shared by the documents: page-numbered canvases, fake bold, output handling.

"第 N 页 共 M 页" needs the page count while drawing page N, so pages are kept until the end
and footers are drawn on save (the usual reportlab "numbered canvas"). The font has no bold
face, so headings are emboldened by filling *and* stroking the glyphs, which keeps them text
(searchable, copyable) rather than outlines.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Table, TableStyle

from credit.reports.cjkwrap import CJKParagraph
from credit.reports.fonts import FONT_NAME, register_fonts
from credit.reports.styles import (
    BORDER,
    FRAME_WIDTH,
    LABEL_BG,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE,
    Styles,
)

#: Every table: string cells (even "") would otherwise be set in non-embedded Helvetica.
PLAIN: list[tuple[Any, ...]] = [("FONTNAME", (0, 0), (-1, -1), FONT_NAME)]
#: Thin rules and compact padding for every ruled table.
GRID: list[tuple[Any, ...]] = [
    *PLAIN,
    ("GRID", (0, 0), (-1, -1), 0.5, BORDER),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 5),
    ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ("TOPPADDING", (0, 0), (-1, -1), 3),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
]


#: Draws the furniture of one page: (canvas, page number, page count).
PageDecorator = Callable[[Canvas, int, int], None]


class PdfCancelled(Exception):
    """The document was cancelled while being laid out; nothing was written."""


class Emboldened(Flowable):
    """A Paragraph drawn with stroked glyphs: a readable bold from a font that has none."""

    def __init__(self, para: CJKParagraph, weight: float = 0.035) -> None:
        super().__init__()
        self.para = para
        self.weight = weight

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = self.para.wrap(availWidth, availHeight)
        return self.width, self.height

    def getSpaceBefore(self) -> float:
        return float(self.para.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.para.getSpaceAfter())

    def draw(self) -> None:
        style = self.para.style
        with stroked_text(self.canv, style.textColor, style.fontSize * self.weight):
            self.para.drawOn(self.canv, 0, 0)


@contextlib.contextmanager
def stroked_text(canv: Canvas, colour: Color, width: float) -> Iterator[None]:
    """Text drawn inside is filled and stroked (PDF text render mode 2)."""
    canv.saveState()
    canv.setStrokeColor(colour)
    canv.setLineWidth(width)
    canv._code.append("2 Tr")  # the Paragraph's own BT/ET blocks inherit it
    try:
        yield
    finally:
        canv._code.append("0 Tr")
        canv.restoreState()


def bold(text: str, style: ParagraphStyle) -> Emboldened:
    return Emboldened(CJKParagraph(text, style))


def numbered_canvas(decorate: PageDecorator) -> type[Canvas]:
    """A Canvas class that holds pages back and decorates each with its number and the total."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for number, state in enumerate(self._held, start=1):
                self.__dict__.update(state)
                decorate(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def ellipsize(text: str, max_width: float, size: float) -> str:
    """``text`` cut to ``max_width`` with an ellipsis (footer lines must never run off the page)."""
    font = register_fonts()
    if stringWidth(text, font, size) <= max_width:
        return text
    while len(text) > 1 and stringWidth(text + "…", font, size) > max_width:
        text = text[:-1]
    return text + "…"


def fit_string(
    canv: Canvas, x: float, y: float, text: str, max_width: float, size: float, *, right: bool = False
) -> None:
    """One header or footer line, cut with an ellipsis if it is too long."""
    canv.setFont(register_fonts(), size)
    text = ellipsize(text, max_width, size)
    if right:
        canv.drawRightString(x, y, text)
    else:
        canv.drawString(x, y, text)


def label_table(
    pairs: Sequence[tuple[str, str]],
    st: Styles,
    *,
    label_width: float,
    value_style: ParagraphStyle | None = None,
) -> Table:
    """Label/value rows (Paragraph markup) as a small ruled table; long values wrap and may
    split across pages."""
    value_style = value_style or st.cell
    data = [[CJKParagraph(label, st.label), CJKParagraph(value, value_style)] for label, value in pairs]
    table = Table(data, colWidths=[label_width, FRAME_WIDTH - label_width], splitInRow=1, hAlign="LEFT")
    table.setStyle(TableStyle([*GRID, ("BACKGROUND", (0, 0), (0, -1), LABEL_BG)]))
    return table


def build_pdf(
    story: list[Flowable],
    out: Path | BinaryIO,
    *,
    decorate: PageDecorator,
    title: str,
    author: str,
    subject: str,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> None:
    """Lay out ``story`` on A4 and write it to a path (atomically) or a binary stream.

    ``progress(done, total)`` follows the layout flowable by flowable; ``cancelled()`` is asked
    as often, and when it turns true :class:`PdfCancelled` is raised before anything is written.
    """
    font = register_fonts()
    buffer = io.BytesIO()
    frame = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        FRAME_WIDTH,
        PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0,  # tables are sized to FRAME_WIDTH: no hidden 6 pt padding
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc = BaseDocTemplate(
        buffer,
        pagesize=PAGE,
        pageTemplates=[PageTemplate("page", frames=[frame])],
        title=title,
        author=author,
        subject=subject,
        creator="CreditDesk",
        initialFontName=font,  # else every page references a non-embedded Helvetica
        lang="zh-CN",
        displayDocTitle=True,
    )
    total = len(story)

    def on_progress(kind: str, value: int) -> None:
        nonlocal total
        if cancelled is not None and cancelled():
            raise PdfCancelled
        if kind == "SIZE_EST":
            total = value
        elif kind == "PROGRESS" and progress is not None:
            progress(value, total)

    if progress is not None or cancelled is not None:
        doc.setProgressCallBack(on_progress)
    doc.build(story, canvasmaker=numbered_canvas(decorate))
    data = buffer.getvalue()
    if isinstance(out, str | os.PathLike):
        _write_atomically(Path(out), data)
    else:
        out.write(data)


def _write_atomically(path: Path, data: bytes) -> None:
    """A reader (or the print dialog) never sees half a PDF, and a failure leaves no debris."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
