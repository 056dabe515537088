"""Entity names as search sees them: NFKC-normalised text, single characters, pinyin initials.

Names and queries are normalised the same way so that full-width and half-width variants
(（）/(), ＡＢＣ/ABC) match each other. Pinyin initials are computed once when a name is loaded,
never per query.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACE = re.compile(r"\s+")


def normalize_name(text: str) -> str:
    """NFKC, trimmed, inner whitespace collapsed to one space."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def spaced_chars(name_norm: str) -> str:
    """One token per character, for the 1–2 character phrase index."""
    return " ".join(ch for ch in name_norm if not ch.isspace())


@lru_cache(maxsize=65536)
def pinyin_initials(text: str) -> str:
    """Lower-case initials: 常州新北 → czxb; Latin letters and digits are kept as they are.

    pypinyin resolves common polyphones from context (重庆 → cq), which is why whole names (or
    whole name parts) are converted rather than single characters.
    """
    from pypinyin import Style, lazy_pinyin  # 0.25 s to import: only writers of the cache need it

    out: list[str] = []
    for piece in lazy_pinyin(normalize_name(text), style=Style.FIRST_LETTER, errors="default"):
        out.extend(ch.lower() for ch in piece if ch.isascii() and ch.isalnum())
    return "".join(out)
