"""Chinese line breaking for reportlab paragraphs.

reportlab's CJK wrapping breaks between any two characters and lets at most one closing mark
hang, so "…3号），限制…" can put "，" at the start of a line, and it splits "2028-03-01" or a
USCC anywhere. ``CJKParagraph`` moves such breaks back instead: no closing punctuation at a
line start, no opening bracket at a line end (GB/T 15834 practice), Latin words and numbers
kept whole when they fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from reportlab.lib.textsplit import ALL_CANNOT_END, ALL_CANNOT_START
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.paragraph import (
    Paragraph,
    ParaLines,
    _handleBulletWidth,
    cjkU,
    makeCJKParaLine,
)
from reportlab.rl_config import _FUZZ

CANNOT_START = ALL_CANNOT_START + "，。、：；！？）》〉」』】〕”’…%"
CANNOT_END = ALL_CANNOT_END + "（《〈「『【〔“‘"
#: ASCII characters that belong to a "word" (dates, numbers, codes, case numbers, URLs).
WORD_JOINERS = frozenset("-._/@%+:#,&")


def _is_word(unit: str) -> bool:
    return len(unit) == 1 and ord(unit) < 0x3000 and (unit.isalnum() or unit in WORD_JOINERS)


def _width(unit: Any, max_width: float) -> float:
    w = unit.width
    if hasattr(w, "normalizedValue"):  # percentage widths of inline images
        w._normalizer = max_width
        w = w.normalizedValue(max_width)
    return float(w)


def _break_index(units: Sequence[str], start: int, overflow: int) -> int:
    """Where the next line starts, given that ``units[overflow]`` did not fit.

    Moves the break back past punctuation that may not start (or end) a line and to the start
    of a Latin word or number, but never further than half a line: an over-long word breaks.
    """
    limit = max(start + 1, (start + overflow) // 2)
    b = overflow
    while b > start + 1:
        if units[b] in CANNOT_START or units[b - 1] in CANNOT_END:
            b -= 1
            continue
        if _is_word(units[b]) and _is_word(units[b - 1]):
            word_start = b - 1
            while word_start > start and _is_word(units[word_start - 1]):
                word_start -= 1
            if word_start >= limit:
                b = word_start
                continue
        break
    return b


def split_lines(frags: Sequence[Any], max_widths: Sequence[float], calc_bounds: bool) -> Any:
    """reportlab's ``cjkFragSplit`` with the break rules above (same inputs, same line objects)."""
    units: list[Any] = []
    for frag in frags:
        text = frag.text.decode("utf8") if isinstance(frag.text, bytes) else frag.text
        if text:
            units.extend(cjkU(ch, frag, "utf8") for ch in text)
        else:  # <br/>, inline images: a unit of their own
            units.append(cjkU("", frag, "utf8"))

    lines: list[Any] = []

    def line_width(number: int) -> float:
        return float(max_widths[min(number, len(max_widths) - 1)])

    max_width = line_width(0)
    start = i = 0
    used = 0.0
    while i < len(units):
        unit = units[i]
        w = _width(unit, max_width)
        forced = hasattr(unit.frag, "lineBreak")
        if forced:
            used += w
            end = i + 1
        elif used + w > max_width + _FUZZ and i > start:
            end = _break_index(units, start, i)
            used = sum(_width(u, max_width) for u in units[start:end])
        else:
            used += w
            i += 1
            continue
        lines.append(
            makeCJKParaLine(units[start:end], max_width, used, max_width - used, forced, calc_bounds)
        )
        start = end
        while not forced and start < len(units) and units[start] == " ":  # a break eats the space
            start += 1
        i = start
        used = 0.0
        max_width = line_width(len(lines))
    if start < len(units):
        lines.append(makeCJKParaLine(units[start:], max_width, used, max_width - used, False, calc_bounds))
    return ParaLines(kind=1, lines=lines)


@lru_cache(maxsize=8)
def _char_widths(font: str, size: float) -> dict[str, float]:
    return {}  # filled lazily, one stringWidth call per distinct character


def wrap_plain(text: str, max_width: float, font: str, size: float) -> list[str]:
    """``text`` broken into lines no wider than ``max_width``, by the same rules as
    :class:`CJKParagraph`, for plain one-font table cells: a 10,000-row table is laid out from
    strings in a fraction of the time paragraphs take (each paragraph is re-wrapped on every
    page split)."""
    widths = _char_widths(font, size)
    lines: list[str] = []
    for part in text.split("\n"):
        units = list(part)
        start = i = 0
        used = 0.0
        while i < len(units):
            w = widths.get(units[i])
            if w is None:
                w = widths[units[i]] = stringWidth(units[i], font, size)
            if used + w > max_width + _FUZZ and i > start:
                end = _break_index(units, start, i)
                lines.append("".join(units[start:end]).rstrip())
                start = end
                while start < len(units) and units[start] == " ":
                    start += 1
                i, used = start, 0.0
                continue
            used += w
            i += 1
        lines.append("".join(units[start:]))
    return lines


class CJKParagraph(Paragraph):
    """A Paragraph (use with ``wordWrap='CJK'``) whose lines break by Chinese typesetting rules."""

    def breakLinesCJK(self, maxWidths: Any) -> Any:
        if not isinstance(maxWidths, list | tuple):
            maxWidths = [maxWidths]
        self.height = 0
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara  # the tail of a paragraph split across pages keeps its lines
        style = self.style
        _handleBulletWidth(self.bulletText, style, maxWidths)
        if not self.frags:
            return ParaLines(
                kind=0,
                fontSize=style.fontSize,
                fontName=style.fontName,
                textColor=style.textColor,
                lines=[],
                ascent=style.fontSize,
                descent=-0.2 * style.fontSize,
            )
        auto_leading = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
        return split_lines(self.frags, maxWidths, auto_leading not in ("", "off"))
