"""PDF pages as images, for printing: the documents are PDFs, printers want pixels.

PySide6-Essentials ships QtPrintSupport but not QtPdf, so Qt cannot draw a PDF page onto a
printer. PDFium (``pypdfium2``, a wheel with the library inside, on every platform the program
installs on) renders one page at a time at the printer's resolution; the GUI paints it. Pages
are rendered one by one so a 300-page batch PDF never sits in memory as 300 bitmaps.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: Enough for 8-point CJK text on any office printer; more only makes the spool file bigger.
MAX_DPI = 300


@dataclass(frozen=True)
class PageImage:
    """One rendered page: 8-bit RGB rows, ``width * 3`` bytes each."""

    width: int
    height: int
    rgb: bytes


def available() -> bool:
    """Whether pages can be rendered here (the wheel may be missing from a broken install)."""
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        return False
    return True


def page_count(pdf: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def render_page(pdf: Path, index: int, dpi: int) -> PageImage:
    """Page ``index`` (0-based) of ``pdf`` at ``dpi`` (at most :data:`MAX_DPI`), white background."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        page = doc[index]
        try:
            image = page.render(scale=min(dpi, MAX_DPI) / 72).to_pil().convert("RGB")
        finally:
            page.close()
    finally:
        doc.close()
    return PageImage(image.width, image.height, image.tobytes())
