"""Unified social credit code (统一社会信用代码, GB 32100-2015) handling.

Layout of the 18 characters (1-based positions):

* 1      registration authority (登记管理部门代码)
* 2      entity category (机构类别代码), meaningful only per authority
* 3–8    administrative division of the registering office (GB/T 2260)
* 9–17   body identifier: a GB 11714 organisation code whose own check
         character sits at position 17
* 18     check character over positions 1–17

Checksum failures are deliberately *not* exceptions: some registration
offices issued codes with wrong check characters that are still legally in
use, so the UI must let an officer confirm them against the original licence.
Only input that cannot be a code at all raises :class:`USCCFormatError`.

This module is pure Python (no Qt) so that it can be used by the core and by
command-line tools alike.
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import unquote

__all__ = [
    "ALPHABET",
    "AuthorityInfo",
    "USCCCheck",
    "USCCFormatError",
    "USCCParts",
    "body_check_char",
    "category_catalog",
    "check_char",
    "complete",
    "extract_from_qr",
    "is_valid",
    "looks_like_uscc",
    "normalize",
    "parse",
    "random_code",
]

#: The 31 code symbols; a symbol's value is its index.  I, O, Z, S, V are
#: excluded because they are easily confused with 1, 0, 2, 5, U.
ALPHABET: str = "0123456789ABCDEFGHJKLMNPQRTUWXY"

LENGTH = 18

_VALUES: dict[str, int] = {ch: i for i, ch in enumerate(ALPHABET)}
_WEIGHTS: tuple[int, ...] = (
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
)  # fmt: skip
_MODULUS = 31

# GB 11714 organisation code check (position 17 over positions 9–16).
_BODY_WEIGHTS: tuple[int, ...] = (3, 7, 9, 10, 5, 8, 4, 2)
_BODY_MODULUS = 11
_LATIN = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_BODY_VALUES: dict[str, int] = {ch: i for i, ch in enumerate(_LATIN)}

_EXCLUDED = "IOZSV"
_EXCLUDED_TEXT = "、".join(_EXCLUDED)

# Dash-like characters people type (or OCR produces) inside codes.
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
# Invisible characters that survive copy/paste but are not ``isspace()``.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_STRIP = frozenset(_DASHES + _INVISIBLE)

_CONFIRM_HINT = "部分登记机关的存量代码存在此类错误，请核对原件后可确认使用。"

_RESOURCES_DIR = Path(__file__).resolve().parents[2] / "resources"
_CATALOG_PATH = _RESOURCES_DIR / "catalogs" / "uscc_categories.json"


class USCCFormatError(ValueError):
    """Input cannot be a unified social credit code at all.

    ``reason`` is a complete Chinese sentence meant to be shown to the user
    as-is; ``position`` (1-based, optional) lets a UI highlight the culprit.
    """

    def __init__(self, reason: str, position: int | None = None) -> None:
        super().__init__(reason)
        self.reason: str = reason
        self.position: int | None = position


@dataclass(frozen=True)
class AuthorityInfo:
    """One registration authority from the category catalog.

    ``confirmed`` is False where the category list comes from secondary
    sources and has not been checked against the standard text.
    """

    code: str
    name: str
    confirmed: bool
    categories: Mapping[str, str]


@dataclass(frozen=True)
class USCCParts:
    """The fields of a well-formed code, with catalog names resolved."""

    code: str
    authority: str
    authority_name: str
    category: str
    category_name: str
    division: str
    #: Positions 9–16: the organisation-code body without its check char.
    body: str
    #: Positions 9–17 raw (no GB 11714 ``XXXXXXXX-X`` hyphen).
    org_code: str
    #: Chinese entity type for display; equal to ``category_name``.
    entity_type: str


@dataclass(frozen=True)
class USCCCheck:
    """Result of :func:`parse`: a well-formed code plus its checksum status."""

    code: str
    parts: USCCParts
    body_check_ok: bool
    check_ok: bool
    expected_body_check: str
    expected_check: str

    @property
    def valid(self) -> bool:
        """True when both the position-17 and position-18 checks pass."""
        return self.body_check_ok and self.check_ok

    @property
    def warnings(self) -> list[str]:
        """User-facing Chinese warnings, one per failed check (empty if valid)."""
        result: list[str] = []
        if not self.body_check_ok:
            result.append(
                f"第17位（组织机构代码校验码）应为“{self.expected_body_check}”，"
                f"实际为“{self.code[16]}”。{_CONFIRM_HINT}"
            )
        if not self.check_ok:
            result.append(
                f"第18位校验码应为“{self.expected_check}”，"
                f"实际为“{self.code[17]}”。{_CONFIRM_HINT}"
            )
        return result


# --------------------------------------------------------------------------
# Catalog


def _require_str(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError(f"{_CATALOG_PATH}: {what} must be a non-empty string")
    return value


@lru_cache(maxsize=1)
def category_catalog() -> Mapping[str, AuthorityInfo]:
    """Authority → categories table from ``uscc_categories.json``.

    Kept as data so that corrections to the unconfirmed entries need no code
    change; cached because every :func:`parse` consults it.  The result is
    read-only because it is shared between callers.
    """
    raw: Any = json.loads(_CATALOG_PATH.read_text(encoding="utf-8"))
    authorities: Any = raw.get("authorities") if isinstance(raw, dict) else None
    if not isinstance(authorities, dict):
        raise TypeError(f"{_CATALOG_PATH}: missing 'authorities' object")
    result: dict[str, AuthorityInfo] = {}
    for code, entry in authorities.items():
        if code not in _VALUES or not isinstance(entry, dict):
            raise ValueError(f"{_CATALOG_PATH}: bad authority entry {code!r}")
        cats: Any = entry.get("categories")
        if not isinstance(cats, dict) or not cats:
            raise ValueError(f"{_CATALOG_PATH}: authority {code} has no categories")
        categories: dict[str, str] = {}
        for cat_code, cat_name in cats.items():
            if cat_code not in _VALUES:
                raise ValueError(f"{_CATALOG_PATH}: bad category {code}{cat_code!r}")
            categories[cat_code] = _require_str(cat_name, f"category {code}{cat_code}")
        result[code] = AuthorityInfo(
            code=code,
            name=_require_str(entry.get("name"), f"authority {code} name"),
            confirmed=entry.get("confirmed") is True,
            categories=MappingProxyType(categories),
        )
    return MappingProxyType(result)


# --------------------------------------------------------------------------
# Normalisation and check characters


def normalize(text: str) -> str:
    """Canonical form for comparison and storage.

    NFKC folds full-width digits/letters (common with Chinese IMEs) to ASCII;
    all whitespace (including U+3000), dashes and zero-width characters are
    removed because users paste codes grouped or copied from PDFs; the result
    is upper-cased since codes are case-insensitive in practice.
    """
    result = text
    # Iterate because stripping combining-mark neighbours or upper-casing can
    # leave a string that NFKC changes again; idempotence keeps stored values
    # comparable.  Real input converges after one or two rounds.
    for _ in range(4):
        folded = unicodedata.normalize("NFKC", result)
        stripped = "".join(
            ch for ch in folded if not ch.isspace() and ch not in _STRIP
        ).upper()
        if stripped == result:
            break
        result = stripped
    return result


def _char_error(ch: str, position: int, allowed: str = "") -> USCCFormatError:
    excluded = ch in _EXCLUDED and ch not in allowed
    detail = f"不使用{_EXCLUDED_TEXT}" if excluded else "应为数字或大写字母"
    return USCCFormatError(f"第{position}位“{ch}”不是合法字符（{detail}）", position)


def _require_alphabet(text: str, first_position: int = 1) -> None:
    for i, ch in enumerate(text):
        if ch not in _VALUES:
            raise _char_error(ch, first_position + i)


def _length_error(expected: str, actual: int) -> USCCFormatError:
    return USCCFormatError(f"长度应为{expected}位，实际为{actual}位")


def _check_char(first17: str) -> str:
    total = sum(_VALUES[ch] * w for ch, w in zip(first17, _WEIGHTS, strict=True))
    return ALPHABET[(_MODULUS - total % _MODULUS) % _MODULUS]


def _body_check_char(body8: str) -> str:
    total = sum(
        _BODY_VALUES[ch] * w for ch, w in zip(body8, _BODY_WEIGHTS, strict=True)
    )
    c = _BODY_MODULUS - total % _BODY_MODULUS
    if c == 10:
        return "X"
    if c == 11:
        return "0"
    return str(c)


def check_char(first17: str) -> str:
    """Position-18 check character (mod 31) for code positions 1–17.

    Input must already be normalised; raises :class:`USCCFormatError` for a
    wrong length or a character outside :data:`ALPHABET`.
    """
    if len(first17) != LENGTH - 1:
        raise _length_error("17", len(first17))
    _require_alphabet(first17)
    return _check_char(first17)


def body_check_char(body8: str) -> str:
    """Position-17 check character (GB 11714, mod 11) for positions 9–16.

    GB 11714 predates the USCC alphabet, so any digit or uppercase latin
    letter is accepted here.  Returns ``"0"``–``"9"`` or ``"X"``.
    """
    if len(body8) != 8:
        raise _length_error("8", len(body8))
    for i, ch in enumerate(body8):
        if ch not in _BODY_VALUES:
            raise _char_error(ch, 9 + i, allowed=_EXCLUDED)
    return _body_check_char(body8)


def complete(first16_or_17: str) -> str:
    """Append the missing check character(s) to a code prefix.

    With 16 characters both position 17 and 18 are computed; with 17 the
    given position 17 is kept as-is and only position 18 is appended.  Used
    to build demo and test data, so input must already be normalised.
    """
    prefix = first16_or_17
    if len(prefix) not in (16, 17):
        raise _length_error("16或17", len(prefix))
    _require_alphabet(prefix)
    if len(prefix) == 16:
        prefix += _body_check_char(prefix[8:16])
    return prefix + _check_char(prefix)


# --------------------------------------------------------------------------
# Parsing


def _parts(code: str) -> USCCParts:
    authority, category = code[0], code[1]
    info = category_catalog().get(authority)
    if info is None:
        raise USCCFormatError(f"登记管理部门代码“{authority}”无效", 1)
    category_name = info.categories.get(category)
    if category_name is None:
        allowed = "、".join(info.categories)
        raise USCCFormatError(
            f"机构类别代码“{category}”无效（登记管理部门“{authority}”"
            f"（{info.name}）下应为{allowed}）",
            2,
        )
    division = code[2:8]
    if not division.isdigit():
        position = 3 + next(i for i, ch in enumerate(division) if not ch.isdigit())
        raise USCCFormatError(f"第3–8位行政区划码“{division}”应为6位数字", position)
    return USCCParts(
        code=code,
        authority=authority,
        authority_name=info.name,
        category=category,
        category_name=category_name,
        division=division,
        body=code[8:16],
        org_code=code[8:17],
        entity_type=category_name,
    )


def parse(text: str) -> USCCCheck:
    """Normalise and decompose a code, reporting (not raising) checksum errors.

    Raises :class:`USCCFormatError` when the input is empty, not 18
    characters, contains symbols outside :data:`ALPHABET`, has an unknown
    authority/category pair or a non-numeric division.
    """
    code = normalize(text)
    if not code:
        raise USCCFormatError("统一社会信用代码不能为空")
    if len(code) != LENGTH:
        raise _length_error("18", len(code))
    _require_alphabet(code)
    parts = _parts(code)
    expected_body = _body_check_char(code[8:16])
    expected = _check_char(code[:17])
    return USCCCheck(
        code=code,
        parts=parts,
        body_check_ok=code[16] == expected_body,
        check_ok=code[17] == expected,
        expected_body_check=expected_body,
        expected_check=expected,
    )


def is_valid(text: str) -> bool:
    """True for a well-formed code passing both checks; never raises."""
    try:
        return parse(text).valid
    except USCCFormatError:
        return False


def looks_like_uscc(text: str) -> bool:
    """Cheap shape test (18 alphabet symbols after normalising).

    Useful for routing search input; says nothing about checksums or the
    authority/category catalog.
    """
    code = normalize(text)
    return len(code) == LENGTH and all(ch in _VALUES for ch in code)


# --------------------------------------------------------------------------
# QR payloads

# An 18-character alphanumeric run not embedded in a longer one.  Explicit
# ASCII look-arounds because ``\b`` treats CJK characters as word characters.
_TOKEN_RE = re.compile(r"(?<![0-9A-Za-z])[0-9A-Za-z]{18}(?![0-9A-Za-z])")
# Labels after which a code may be written grouped with spaces or dashes.
_LABEL_RE = re.compile(
    r"(?:统一社会信用代码|社会信用代码|信用代码|USCC)\s*[:：]?", re.IGNORECASE
)
_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _labelled_candidate(text: str, start: int) -> str | None:
    """Code written after a label, tolerating separators inside it."""
    chars: list[str] = []
    for ch in text[start : start + 3 * LENGTH]:
        if ch in _ALNUM:
            chars.append(ch)
            if len(chars) > LENGTH:
                return None
        elif ch.isspace() or ch in _STRIP:
            if len(chars) == LENGTH:
                break
        else:
            break
    return "".join(chars).upper() if len(chars) == LENGTH else None


def _candidates(payload: str) -> Iterator[str]:
    text = unquote(unicodedata.normalize("NFKC", payload))
    for match in _LABEL_RE.finditer(text):
        labelled = _labelled_candidate(text, match.end())
        if labelled is not None:
            yield labelled
    for match in _TOKEN_RE.finditer(text):
        yield match.group().upper()


def extract_from_qr(payload: str) -> str | None:
    """Find the code in scanned business-licence QR content.

    Payloads are URLs (``uniscid=``/``entityCode=`` parameters or path
    segments) or labelled free text.  A candidate passing both checks wins;
    otherwise the first well-formed one is returned, since legacy codes with
    bad check characters are still printed on valid licences.
    """
    fallback: str | None = None
    seen: set[str] = set()
    for candidate in _candidates(payload):
        if candidate in seen:
            continue
        seen.add(candidate)
        try:
            result = parse(candidate)
        except USCCFormatError:
            continue
        if result.valid:
            return result.code
        if fallback is None:
            fallback = result.code
    return fallback


# --------------------------------------------------------------------------
# Demo data

_DIGITS = "0123456789"


def random_code(
    rng: random.Random,
    authority: str = "9",
    category: str = "1",
    division: str = "110000",
) -> str:
    """A valid code with a random body, for demo data and property tests.

    Market-regulation codes get the ``MA`` prefix (newly issued bodies) half
    of the time, like real data; other bodies are drawn from the alphabet so
    that letters are exercised too.
    """
    if len(division) != 6 or not division.isdigit():
        raise USCCFormatError(f"第3–8位行政区划码“{division}”应为6位数字", 3)
    prefix = authority + category + division
    _require_alphabet(prefix)
    _parts(prefix + "0" * 10)  # validates the authority/category pair
    if authority == "9" and rng.random() < 0.5:
        body = "MA" + "".join(rng.choice(ALPHABET) for _ in range(6))
    elif rng.random() < 0.5:
        body = "".join(rng.choice(_DIGITS) for _ in range(8))
    else:
        body = "".join(rng.choice(ALPHABET) for _ in range(8))
    return complete(prefix + body)
