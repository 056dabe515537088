"""Names as search sees them: NFKC normalisation, one token per character, pinyin initials."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credit.domain.names import normalize_name, pinyin_initials, spaced_chars


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("常州新北瑞丰精密机械有限公司（新北分公司）", "常州新北瑞丰精密机械有限公司(新北分公司)"),
        ("ＡＢＣ科技", "ABC科技"),
        ("  北京\u3000ABC\t\n 有限公司 ", "北京 ABC 有限公司"),
        ("１２３", "123"),
        ("常州", "常州"),
        ("", ""),
    ],
)
def test_normalize_name(raw: str, expected: str) -> None:
    assert normalize_name(raw) == expected


@given(st.text(max_size=30))
def test_normalize_is_idempotent_and_tidy(text: str) -> None:
    once = normalize_name(text)
    assert normalize_name(once) == once
    assert once == once.strip()
    assert "  " not in once
    assert unicodedata.normalize("NFKC", once) == once


def test_full_and_half_width_agree() -> None:
    assert normalize_name("（新北分公司）") == normalize_name("(新北分公司)")


def test_spaced_chars() -> None:
    assert spaced_chars("常州(新北)") == "常 州 ( 新 北 )"
    assert spaced_chars("北京 ABC") == "北 京 A B C"
    assert spaced_chars("") == ""


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        ("常州新北瑞丰精密机械有限公司", "czxbrfjmjxyxgs"),
        ("常州新北瑞丰精密机械有限公司（新北分公司）", "czxbrfjmjxyxgsxbfgs"),
        ("重庆火锅", "cqhg"),
        ("长沙湘江新区", "csxjxq"),
        ("北京ABC科技", "bjabckj"),
        ("ＡＢＣ１２３", "abc123"),
        ("3M中国", "3mzg"),
        ("", ""),
    ],
)
def test_pinyin_initials(name: str, initials: str) -> None:
    assert pinyin_initials(name) == initials


@given(st.text(max_size=20))
def test_pinyin_initials_are_lower_ascii(text: str) -> None:
    result = pinyin_initials(text)
    assert all(ch.isascii() and ch.isalnum() and not ch.isupper() for ch in result)
