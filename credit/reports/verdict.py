"""The verdict box: icon and word on the verdict colour, the reason in words right below, and
the verification QR code beside it.

The reason is the point and the colour only a hint (UI.md), so the word, an icon whose shape
differs per verdict, and the reason all survive a black-and-white printer.
"""

from __future__ import annotations

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table, TableStyle

from credit.reports.cjkwrap import CJKParagraph
from credit.reports.fonts import FONT_NAME, register_fonts
from credit.reports.layout import PLAIN, stroked_text
from credit.reports.styles import FRAME_WIDTH, VERDICT_COLOURS, Styles

QR_SIZE = 32 * mm
QR_COLUMN = QR_SIZE + 6 * mm
WORD_SIZE = 20.0
BAND_HEIGHT = 34.0


class VerdictBanner(Flowable):
    """Icon plus verdict word, drawn directly so the icon needs no glyph from the font."""

    def __init__(self, verdict: str, label: str, ink: Color) -> None:
        super().__init__()
        self.verdict, self.label, self.ink = verdict, label, ink

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, BAND_HEIGHT

    def draw(self) -> None:
        c = self.canv
        r = 11.0
        cx, cy = r + 1, BAND_HEIGHT / 2
        c.saveState()
        c.setStrokeColor(self.ink)
        c.setFillColor(self.ink)
        c.setLineWidth(2.2)
        c.setLineCap(1)
        c.setLineJoin(1)
        _icon(c, self.verdict, cx, cy, r)
        c.setFont(register_fonts(), WORD_SIZE)
        with stroked_text(c, self.ink, 0.7):
            c.drawString(cx + r + 9, cy - WORD_SIZE * 0.36, self.label)
        c.restoreState()


def _icon(c: Canvas, verdict: str, cx: float, cy: float, r: float) -> None:
    """✓ in a circle · ! in a triangle · a no-entry bar · a prohibition slash."""
    if verdict == "caution":
        top, base = cy + r, cy - r * 0.85
        path = c.beginPath()
        path.moveTo(cx, top)
        path.lineTo(cx + r * 1.1, base)
        path.lineTo(cx - r * 1.1, base)
        path.close()
        c.drawPath(path, stroke=1, fill=0)
        c.line(cx, cy + r * 0.35, cx, cy - r * 0.25)
        c.circle(cx, cy - r * 0.55, 1.0, stroke=0, fill=1)
        return
    c.circle(cx, cy, r, stroke=1, fill=0)
    if verdict == "pass":
        path = c.beginPath()
        path.moveTo(cx - r * 0.5, cy)
        path.lineTo(cx - r * 0.12, cy - r * 0.4)
        path.lineTo(cx + r * 0.55, cy + r * 0.42)
        c.drawPath(path, stroke=1, fill=0)
    elif verdict == "restricted":
        c.line(cx - r * 0.55, cy, cx + r * 0.55, cy)
    else:  # prohibited
        d = r * 0.7071
        c.line(cx - d, cy + d, cx + d, cy - d)


def qr_drawing(payload: str, size: float = QR_SIZE) -> Drawing:
    widget = QrCodeWidget(payload, barLevel="M", barBorder=2)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.initialFontName = FONT_NAME  # else the renderer selects a non-embedded Helvetica
    drawing.add(widget)
    return drawing


def verdict_box(
    verdict: str,
    label: str,
    reasons: list[str],
    st: Styles,
    *,
    qr_payload: str,
    code: str,
    more: str | None = None,
) -> Table:
    """The box (band + reason) on the left, the QR code with its caption on the right.

    ``reasons`` is Paragraph markup, one item per reason; several are numbered. ``more`` is an
    unnumbered closing line (e.g. how many measures were left out).
    """
    colours = VERDICT_COLOURS[verdict]
    box_width = FRAME_WIDTH - QR_COLUMN
    if len(reasons) == 1:
        reason = [CJKParagraph(reasons[0], st.reason)]
    else:
        reason = [CJKParagraph(t, st.reason_item, bulletText=f"{n}.") for n, t in enumerate(reasons, 1)]
    if more:
        reason.append(CJKParagraph(more, st.reason))
    box = Table(
        [[VerdictBanner(verdict, label, colours.ink)], [reason]],
        colWidths=[box_width],
        style=TableStyle(
            [
                *PLAIN,
                ("BACKGROUND", (0, 0), (0, 0), colours.fill),
                ("BACKGROUND", (0, 1), (0, 1), colours.tint),
                ("BOX", (0, 0), (-1, -1), 1, colours.fill),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (0, 0), 4),
                ("BOTTOMPADDING", (0, 0), (0, 0), 4),
                ("TOPPADDING", (0, 1), (0, 1), 7),
                ("BOTTOMPADDING", (0, 1), (0, 1), 9),
            ]
        ),
    )
    qr = [
        qr_drawing(qr_payload),
        CJKParagraph("扫码核验本报告", st.small_center),
        CJKParagraph(code, st.small_center),
    ]
    outer = Table(
        [[box, qr]],
        colWidths=[box_width, QR_COLUMN],
        style=TableStyle(
            [
                *PLAIN,
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 0), (1, 0), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )
    return outer
