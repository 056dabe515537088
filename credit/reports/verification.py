"""Verification codes that tie a printed report to its stored check record.

The code is a digest of the report's canonical content, so the platform can recompute it from
the check record it holds and tell whether a printed report is genuine and unaltered: change any
covered field and the code no longer matches. It is not a secret or a signature (anyone holding
the content can compute it); authenticity comes from the platform holding the record.

Recipe (kept simple so any language can reproduce it): JSON with sorted keys, no whitespace,
non-ASCII kept as UTF-8 → SHA-256 → first 80 bits → 16 Crockford base32 characters → 4-4-4-4.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
CODE_CHARS = 16
QR_SCHEME = "creditdesk:verify"
#: What people (and OCR) type for Crockford's excluded letters.
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def canonical_json(content: Mapping[str, Any]) -> bytes:
    """The exact bytes the code is computed over; only JSON types are accepted, never str()-ed."""
    return json.dumps(
        content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


def verification_code(content: Mapping[str, Any]) -> str:
    """16 Crockford base32 characters from the first 80 bits of SHA-256, as 4-4-4-4."""
    digest = hashlib.sha256(canonical_json(content)).digest()
    bits = int.from_bytes(digest[:10], "big")  # 80 bits = exactly 16 characters of 5 bits
    chars = "".join(ALPHABET[(bits >> shift) & 31] for shift in range(75, -5, -5))
    return "-".join(chars[i : i + 4] for i in range(0, CODE_CHARS, 4))


def normalize_code(code: str) -> str | None:
    """A code as typed (any case, spaces, O for 0 …) in its printed form, or None if malformed."""
    chars = "".join(ch for ch in code.upper() if ch not in " -\t").translate(_READ_AS)
    if len(chars) != CODE_CHARS or any(ch not in ALPHABET for ch in chars):
        return None
    return "-".join(chars[i : i + 4] for i in range(0, CODE_CHARS, 4))


def verify(content: Mapping[str, Any], code: str) -> bool:
    """Whether ``code`` (as printed or as typed) belongs to exactly this content."""
    typed = normalize_code(code)
    return typed is not None and hmac.compare_digest(typed, verification_code(content))


def qr_payload(code: str, check_id: str) -> str:
    """The text in the report's QR code: creditdesk:verify?id=<uuid>&code=<code>."""
    return f"{QR_SCHEME}?id={quote(check_id, safe='-')}&code={quote(code, safe='-')}"
