"""Page geometry, colours and paragraph styles shared by every printed document.

Colours follow docs/UI.md (verdicts 通过 green, 提示关注 amber, 限制办理 orange-red, 禁止办理 red),
with the same fills as the desktop badges so a verdict looks the same on screen and on paper.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from credit.reports.fonts import register_fonts

PAGE = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 16 * mm
MARGIN_BOTTOM = 24 * mm  # room for the two-line footer
FRAME_WIDTH = PAGE[0] - 2 * MARGIN_X

TEXT = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#666666")
FADED = colors.HexColor("#9a9a9a")
BORDER = colors.HexColor("#c8c8c8")
LABEL_BG = colors.HexColor("#f3f3f3")
AMBER_TINT = colors.HexColor("#fff6d6")
AMBER = colors.HexColor("#f2b200")


@dataclass(frozen=True)
class VerdictColours:
    fill: colors.Color  # the band with the verdict word
    ink: colors.Color  # text and icon on the band
    tint: colors.Color  # light background for the reason below


VERDICT_COLOURS: dict[str, VerdictColours] = {
    "pass": VerdictColours(colors.HexColor("#2e7d32"), colors.white, colors.HexColor("#e8f3e9")),
    "caution": VerdictColours(AMBER, TEXT, AMBER_TINT),
    "restricted": VerdictColours(colors.HexColor("#d84315"), colors.white, colors.HexColor("#fbe9e3")),
    "prohibited": VerdictColours(colors.HexColor("#c62828"), colors.white, colors.HexColor("#fbe7e7")),
}


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    section: ParagraphStyle
    body: ParagraphStyle
    note: ParagraphStyle
    lead: ParagraphStyle
    label: ParagraphStyle
    cell: ParagraphStyle
    cell_faded: ParagraphStyle
    head_cell: ParagraphStyle
    reason: ParagraphStyle
    reason_item: ParagraphStyle
    small_center: ParagraphStyle


@cache
def styles() -> Styles:
    """Paragraph styles in the embedded CJK font, wrapping per character (see ``cjkwrap``)."""
    font = register_fonts()
    base = ParagraphStyle(
        "base",
        fontName=font,
        bulletFontName=font,
        fontSize=9.5,
        leading=14,
        textColor=TEXT,
        wordWrap="CJK",
        alignment=TA_LEFT,
    )

    def derive(name: str, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    cell = derive("cell", fontSize=8.5, leading=12)
    return Styles(
        title=derive("title", fontSize=20, leading=26, alignment=TA_CENTER, spaceAfter=2),
        subtitle=derive("subtitle", fontSize=8.5, leading=12, textColor=MUTED, alignment=TA_CENTER),
        heading=derive("heading", fontSize=13, leading=18, spaceBefore=10, spaceAfter=4),
        section=derive("section", fontSize=11, leading=16, spaceBefore=9, spaceAfter=3),
        body=base,
        note=derive("note", fontSize=8.5, leading=12, textColor=MUTED, spaceAfter=3),
        lead=derive("lead", fontSize=9, leading=13, spaceBefore=5, spaceAfter=2),
        label=ParagraphStyle("label", parent=cell, textColor=MUTED),
        cell=cell,
        cell_faded=ParagraphStyle("cell_faded", parent=cell, textColor=FADED),
        head_cell=ParagraphStyle("head_cell", parent=cell, textColor=MUTED),
        reason=derive("reason", fontSize=10, leading=15),
        reason_item=derive(
            "reason_item", fontSize=10, leading=15, leftIndent=13, bulletIndent=0, spaceAfter=2
        ),
        small_center=derive("small_center", fontSize=7.5, leading=10, textColor=MUTED, alignment=TA_CENTER),
    )
