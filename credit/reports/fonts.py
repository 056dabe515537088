"""The bundled CJK font, registered with reportlab once and embedded in every PDF.

A PDF that names a font without embedding it shows boxes (or nothing) on a machine without that
font, so every document uses WenQuanYi Micro Hei from ``resources/fonts`` and nothing else.
The face has no bold: "bold" maps to the same face and headings are emboldened by stroking
(see ``layout.Emboldened``).
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from credit.paths import resource

FONT_NAME = "WenQuanYiMicroHei"
FONT_FILE = ("fonts", "wqy-microhei.ttc")
_lock = threading.Lock()


class FontMissingError(RuntimeError):
    """The bundled font is missing or unreadable: the installation is damaged."""


def font_path() -> Path:
    return resource(*FONT_FILE)


def register_fonts() -> str:
    """Register the CJK font (idempotent, thread-safe) and return its reportlab name."""
    with _lock:
        if FONT_NAME in pdfmetrics.getRegisteredFontNames():
            return FONT_NAME
        path = font_path()
        if not path.is_file():
            raise FontMissingError(
                f"找不到报告所需的中文字体文件：{path}。请重新安装 CreditDesk 以恢复该文件。"
            )
        try:
            font = TTFont(FONT_NAME, str(path), subfontIndex=0)
        except Exception as exc:  # reportlab raises TTFError, OSError … for a damaged file
            raise FontMissingError(
                f"中文字体文件无法读取：{path}（{exc}）。请重新安装 CreditDesk 以恢复该文件。"
            ) from exc
        pdfmetrics.registerFont(font)
        for bold in (0, 1):  # <b>/<i> in a Paragraph must resolve to a registered, embeddable face
            for italic in (0, 1):
                addMapping(FONT_NAME, bold, italic, FONT_NAME)
        return FONT_NAME


def unsupported_chars(text: str) -> set[str]:
    """Characters of ``text`` the font has no glyph for (they would print as blank boxes)."""
    font = pdfmetrics.getFont(register_fonts())
    cmap = font.face.charToGlyph
    return {ch for ch in set(text) if ch.isprintable() and not ch.isspace() and ord(ch) not in cmap}
