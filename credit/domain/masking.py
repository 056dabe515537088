"""Masking personal identifiers for display: 110101199003071234 → 1101**********1234."""

from __future__ import annotations


def mask_id(number: str | None, keep_head: int = 4, keep_tail: int = 4) -> str:
    """Mask all but the first and last few characters; short values are masked whole."""
    if not number:
        return ""
    value = number.strip()
    if len(value) <= keep_head + keep_tail:
        return "*" * len(value)
    tail = value[len(value) - keep_tail :]  # not value[-keep_tail:], which is everything for 0
    return value[:keep_head] + "*" * (len(value) - keep_head - keep_tail) + tail
