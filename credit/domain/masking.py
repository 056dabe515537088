"""Masking personal identifiers for display: 110101199003071234 → 1101**********1234."""

from __future__ import annotations


def mask_id(number: str | None, keep_head: int = 4, keep_tail: int = 4) -> str:
    """Mask all but the first and last few characters; short values are masked whole."""
    if not number:
        return ""
    value = number.strip()
    if len(value) <= keep_head + keep_tail:
        return "*" * len(value)
    return value[:keep_head] + "*" * (len(value) - keep_head - keep_tail) + value[-keep_tail:]
