"""Tests for credit.domain.uscc (GB 32100-2015 unified social credit codes)."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credit.domain import uscc
from credit.domain.uscc import (
    ALPHABET,
    USCCFormatError,
    body_check_char,
    category_catalog,
    check_char,
    complete,
    extract_from_qr,
    is_valid,
    looks_like_uscc,
    normalize,
    parse,
    random_code,
)

VALID = [
    "91110000600037341L",
    "91350200MA31E12PXF",
    "524403000987654302",  # position 17: 11 -> "0"
    "1210000040000123XC",  # position 17: 10 -> "X"
]
BAD_CHECK_REAL = "91350203M0001QAY9B"  # real code, wrong position 18

PAIRS = [
    (authority, category)
    for authority, info in category_catalog().items()
    for category in info.categories
]

_FULLWIDTH = {ch: chr(ord(ch) + 0xFEE0) for ch in ALPHABET}


def _to_fullwidth(text: str) -> str:
    return "".join(_FULLWIDTH.get(ch, ch) for ch in text)


# --------------------------------------------------------------------------
# Alphabet and check characters


def test_alphabet() -> None:
    assert len(ALPHABET) == 31
    assert len(set(ALPHABET)) == 31
    assert not set("IOZSV") & set(ALPHABET)


@pytest.mark.parametrize("code", VALID)
def test_valid_examples(code: str) -> None:
    result = parse(code)
    assert result.valid
    assert result.check_ok and result.body_check_ok
    assert result.warnings == []
    assert result.code == code
    assert check_char(code[:17]) == code[17]
    assert body_check_char(code[8:16]) == code[16]
    assert complete(code[:16]) == code
    assert complete(code[:17]) == code
    assert is_valid(code)
    assert looks_like_uscc(code)


def test_body_check_special_values() -> None:
    assert body_check_char("09876543") == "0"
    assert body_check_char("40000123") == "X"
    # GB 11714 bodies may use letters outside the USCC alphabet.
    assert body_check_char("IOZSV000") in "0123456789X"


def test_parts() -> None:
    parts = parse("91350200MA31E12PXF").parts
    assert parts.code == "91350200MA31E12PXF"
    assert parts.authority == "9"
    assert parts.authority_name == "市场监管"
    assert parts.category == "1"
    assert parts.category_name == "企业"
    assert parts.entity_type == "企业"
    assert parts.division == "350200"
    assert parts.body == "MA31E12P"
    assert parts.org_code == "MA31E12PX"

    other = parse("524403000987654302").parts
    assert (other.authority_name, other.category_name) == ("民政", "民办非企业单位")
    assert parse("1210000040000123XC").parts.entity_type == "事业单位"


def test_real_code_with_bad_check_char() -> None:
    result = parse(BAD_CHECK_REAL)
    assert result.body_check_ok
    assert not result.check_ok
    assert not result.valid
    assert result.expected_check == "9"
    assert result.expected_body_check == "9"
    assert result.warnings == [
        (
            "第18位校验码应为“9”，实际为“B”。"
            "部分登记机关的存量代码存在此类错误，请核对原件后可确认使用。"
        )
    ]
    assert not is_valid(BAD_CHECK_REAL)
    assert looks_like_uscc(BAD_CHECK_REAL)


def test_body_check_failure_is_a_warning() -> None:
    code = complete("91110000600037349")  # wrong position 17, right position 18
    result = parse(code)
    assert result.check_ok
    assert not result.body_check_ok
    assert result.expected_body_check == "1"
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith("第17位")
    assert "应为“1”，实际为“9”" in result.warnings[0]


# --------------------------------------------------------------------------
# Format errors


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("9111000060003734", "长度应为18位，实际为16位"),
        ("91110000600037341", "长度应为18位，实际为17位"),
        ("91110000600037341LL", "长度应为18位，实际为19位"),
        ("   ", "统一社会信用代码不能为空"),
        ("9111I000600037341L", "第5位“I”不是合法字符（不使用I、O、Z、S、V）"),
        ("91110000600037341O", "第18位“O”不是合法字符（不使用I、O、Z、S、V）"),
        ("91110000600037341#", "第18位“#”不是合法字符（应为数字或大写字母）"),
        ("B1110000600037341L", "登记管理部门代码“B”无效"),
        (
            "95110000600037341L",
            "机构类别代码“5”无效（登记管理部门“9”（市场监管）下应为1、2、3）",
        ),
        ("911100A0600037341L", "第3–8位行政区划码“1100A0”应为6位数字"),
    ],
)
def test_format_errors(text: str, reason: str) -> None:
    with pytest.raises(USCCFormatError) as info:
        parse(text)
    assert info.value.reason == reason
    assert str(info.value) == reason
    assert isinstance(info.value, ValueError)
    assert not is_valid(text)


def test_format_error_positions() -> None:
    with pytest.raises(USCCFormatError) as info:
        parse("9111I000600037341L")
    assert info.value.position == 5
    with pytest.raises(USCCFormatError) as info:
        parse("B1110000600037341L")
    assert info.value.position == 1


def test_helper_argument_errors() -> None:
    with pytest.raises(USCCFormatError, match="长度应为17位"):
        check_char("9111")
    with pytest.raises(USCCFormatError, match="第3位“Z”"):
        check_char("91Z10000600037341")
    with pytest.raises(USCCFormatError, match="长度应为8位"):
        body_check_char("1234567")
    with pytest.raises(USCCFormatError, match="第10位“a”"):
        body_check_char("6a003734")
    with pytest.raises(USCCFormatError, match="长度应为16或17位"):
        complete("911100006000373")
    with pytest.raises(USCCFormatError, match="登记管理部门代码“B”无效"):
        random_code(random.Random(0), authority="B")
    with pytest.raises(USCCFormatError, match="应为6位数字"):
        random_code(random.Random(0), division="11000")


# --------------------------------------------------------------------------
# Normalisation


@pytest.mark.parametrize(
    "text",
    [
        "91110000600037341L",
        "91110000600037341l",
        " 9111 0000 6000 3734 1L ",
        "9111-0000-6000-3734-1L",
        "\u30009111\u30000000600037341L\u3000",
        "９１１１００００６０００３７３４１Ｌ",
        "９１１１００００６０００３７３４１ｌ",
        "91110000\t600037341L\n",
        "\ufeff91110000600037341L\u200b",
    ],
)
def test_normalize(text: str) -> None:
    assert normalize(text) == "91110000600037341L"
    assert parse(text).code == "91110000600037341L"
    assert is_valid(text)
    assert looks_like_uscc(text)


def test_looks_like_uscc_is_shape_only() -> None:
    assert looks_like_uscc(BAD_CHECK_REAL)
    assert looks_like_uscc("B1110000600037341L")  # unknown authority
    assert not looks_like_uscc("91110000600037341")
    assert not looks_like_uscc("9111I000600037341L")
    assert not looks_like_uscc("")


@given(st.text())
def test_normalize_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(st.sampled_from(VALID), st.data())
def test_fullwidth_and_case_insensitive(code: str, data: st.DataObject) -> None:
    mask = data.draw(st.lists(st.booleans(), min_size=18, max_size=18))
    mixed = "".join(
        _to_fullwidth(ch) if flag else ch.lower() for ch, flag in zip(code, mask, strict=True)
    )
    assert normalize(mixed) == code


# --------------------------------------------------------------------------
# Catalog


def test_catalog_matches_json_and_confirmed_flags() -> None:
    catalog = category_catalog()
    assert category_catalog() is catalog  # cached
    assert set(catalog) == set("123456789ANY")
    confirmed = {code for code, info in catalog.items() if info.confirmed}
    assert confirmed == {"1", "5", "9", "Y"}
    assert dict(catalog["9"].categories) == {
        "1": "企业",
        "2": "个体工商户",
        "3": "农民专业合作社",
    }
    assert catalog["Y"].categories == {"1": "无"}
    path = uscc._CATALOG_PATH
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["standard"] == "GB 32100-2015"
    with pytest.raises(TypeError):
        catalog["9"].categories["4"] = "x"  # type: ignore[index]


# --------------------------------------------------------------------------
# Properties


_BODY = st.text(alphabet=ALPHABET, min_size=8, max_size=8)
_DIVISION = st.text(alphabet="0123456789", min_size=6, max_size=6)


@given(st.integers(min_value=0, max_value=2**32), st.sampled_from(PAIRS), _DIVISION)
def test_random_code_always_valid(
    seed: int, pair: tuple[str, str], division: str
) -> None:
    authority, category = pair
    code = random_code(random.Random(seed), authority, category, division)
    result = parse(code)
    assert result.valid
    assert code[:8] == authority + category + division
    assert all(ch in ALPHABET for ch in code)


def test_random_code_defaults_and_determinism() -> None:
    codes = [random_code(random.Random(seed)) for seed in range(200)]
    assert all(code.startswith("91110000") and is_valid(code) for code in codes)
    assert any(code[8:10] == "MA" for code in codes)
    assert random_code(random.Random(42)) == random_code(random.Random(42))


@given(st.sampled_from(PAIRS), _DIVISION, _BODY)
def test_complete_16_always_valid(
    pair: tuple[str, str], division: str, body: str
) -> None:
    code = complete("".join(pair) + division + body)
    assert len(code) == 18
    assert parse(code).valid


@given(st.text(alphabet=ALPHABET, min_size=17, max_size=17))
def test_complete_17_keeps_position_17(first17: str) -> None:
    code = complete(first17)
    assert code[:17] == first17
    assert check_char(code[:17]) == code[17]


@given(
    st.one_of(
        st.sampled_from(VALID),
        st.builds(complete, st.text(alphabet=ALPHABET, min_size=16, max_size=16)),
    ),
    st.integers(min_value=0, max_value=17),
    st.sampled_from(ALPHABET),
)
def test_single_substitution_detected(code: str, index: int, new: str) -> None:
    if code[index] == new:
        new = ALPHABET[(ALPHABET.index(new) + 1) % len(ALPHABET)]
    mutated = code[:index] + new + code[index + 1 :]
    assert check_char(mutated[:17]) != mutated[17]
    assert not is_valid(mutated)


# --------------------------------------------------------------------------
# QR extraction


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (
            "https://www.gsxt.gov.cn/index.html?uniscid=91110000600037341L&type=1",
            "91110000600037341L",
        ),
        (
            (
                "http://www.gsxt.gov.cn/corp-query-entprise-info-xxx.html"
                "?entityCode=91350200MA31E12PXF"
            ),
            "91350200MA31E12PXF",
        ),
        (
            "https://example.gov.cn/licence/91110000600037341L/detail",
            "91110000600037341L",
        ),
        ("https://example.gov.cn/q?uniscid%3D91110000600037341L", "91110000600037341L"),
        ("https://example.gov.cn/q?uniscid=91110000600037341l", "91110000600037341L"),
        (
            "统一社会信用代码：91110000600037341L 名称：某某有限公司",
            "91110000600037341L",
        ),
        ("统一社会信用代码91110000600037341L名称某某有限公司", "91110000600037341L"),
        ("统一社会信用代码：9111 0000 6000 3734 1L\n名称：某某", "91110000600037341L"),
        (
            "统一社会信用代码：９１１１００００６０００３７３４１Ｌ",
            "91110000600037341L",
        ),
        ("ｕｎｉｓｃｉｄ＝９１３５０２００ｍａ３１ｅ１２ｐｘｆ", "91350200MA31E12PXF"),
        # A candidate passing both checks wins over an earlier one that fails.
        (f"旧码 {BAD_CHECK_REAL} 新码 91110000600037341L", "91110000600037341L"),
        # A real code with a bad check character is still returned.
        (f"统一社会信用代码：{BAD_CHECK_REAL}", BAD_CHECK_REAL),
        # Well-formed but unknown authority is skipped.
        ("B1110000600037341L 91110000600037341L", "91110000600037341L"),
    ],
)
def test_extract_from_qr(payload: str, expected: str) -> None:
    assert extract_from_qr(payload) == expected


@pytest.mark.parametrize(
    "payload",
    [
        "",
        "名称：某某有限公司 法定代表人：张三",
        "https://www.gsxt.gov.cn/index.html",
        # Embedded in a longer alphanumeric run: must not match.
        "https://x.gov.cn/?token=AB91110000600037341L",
        "https://x.gov.cn/?token=91110000600037341LAB",
        "entityCode=0A91110000600037341L0000ffee",
        "91110000600037341",
        "B1110000600037341L",
        "9111I000600037341L",
    ],
)
def test_extract_from_qr_none(payload: str) -> None:
    assert extract_from_qr(payload) is None


@given(st.sampled_from(VALID), st.text(alphabet="0123456789ABCDEFabcdef", min_size=1))
def test_extract_never_splits_a_run(code: str, extra: str) -> None:
    assert extract_from_qr(f"id={code}{extra}&x=1") is None
    assert extract_from_qr(f"id={extra}{code}&x=1") is None
    assert extract_from_qr(f"id={code}&x={extra}") == code
