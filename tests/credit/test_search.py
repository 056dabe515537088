"""Entity search over a real encrypted cache, checked against a brute-force filter.

A fixed set of about thirty entities (valid codes from a seeded generator) covers every query
class; the oracle re-implements the documented semantics over the same rows in plain Python:

* names (3+ characters after removing spaces): case-insensitive substring of the NFKC name;
* names (1–2 characters): the same, with spaces ignored on both sides;
* several words (spaces between): each word occurs in the name, spaces in the name ignored;
* letters only: pinyin-initials prefix, plus name substrings from three letters on;
* letters and digits with a digit: USCC prefix; an 18-character code: exact lookup.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from credit.domain.names import normalize_name, pinyin_initials
from credit.domain.uscc import ALPHABET, complete, random_code
from credit.store.db import Store
from credit.store.loader import INACTIVE_STATUSES, upsert_entities, upsert_records
from credit.store.search import Hit, SearchResult, classify, search
from credit.store.tables import list_entry
from tests.conftest import raw_key

# (name, status, authority+category, division)
ENTITIES: list[tuple[str, str, str, str]] = [
    ("常州新北瑞丰精密机械有限公司", "存续", "91", "320411"),
    ("常州新北瑞丰精密机械有限公司（新北分公司）", "存续", "91", "320411"),
    ("常州新北瑞丰五金店", "注销", "92", "320411"),
    ("常州新北区薛家镇瑞丰小吃店", "吊销", "92", "320411"),
    ("常州市武进区新北路建材有限公司", "存续", "91", "320412"),
    ("北京瑞丰科技有限公司", "存续", "91", "110108"),
    ("北京ABC信息技术有限公司", "存续", "91", "110108"),
    ("上海abc贸易商行", "注销", "92", "310115"),
    ("重庆火锅餐饮管理有限公司", "存续", "91", "500103"),
    ("重庆瑞丰火锅店", "注销", "92", "500103"),
    ("苏州工业园区新北电子有限公司", "存续", "91", "320571"),
    ("新北五金", "存续", "92", "320411"),
    ("瑞丰商店", "注销", "92", "320411"),
    ("南京(新北分公司)物流有限公司", "存续", "91", "320106"),
    ("无锡新北精工有限公司（筹）", "撤销", "91", "320211"),
    ("杭州西湖龙井茶叶有限公司", "存续", "91", "330106"),
    ("广州白云山制药股份有限公司", "存续", "91", "440111"),
    ("深圳市腾讯计算机系统有限公司", "存续", "91", "440305"),
    ("成都天府软件园有限公司", "迁出", "91", "510107"),
    ("武汉东湖高新技术开发区光谷公司", "存续", "91", "420111"),
    ("常州新北万达广场商业管理有限公司", "存续", "91", "320411"),
    ("常州新北万达广场商业管理有限公司（分公司）", "注销", "91", "320411"),
    ("天津滨海新区泰达投资控股有限公司", "存续", "91", "120116"),
    ("青岛啤酒股份有限公司", "存续", "91", "370202"),
    ("哈尔滨 冰雪 大世界有限公司", "存续", "91", "230102"),
    ("张家港市金港镇瑞丰纺织厂", "吊销未注销", "92", "320582"),
    ("长沙湘江新区新北村合作社", "存续", "93", "430104"),
    ("厦门ＡＢＣ电子有限公司", "存续", "91", "350203"),
    ("合肥“瑞丰”食品有限公司", "存续", "91", "340104"),
    ("AND NEAR 科技有限公司", "存续", "91", "440305"),
    ("李*记面馆", "存续", "92", "320411"),
]
BAD_CHECK_NAME = "常州新北老代码五金厂"


@dataclass(frozen=True)
class Ent:
    uscc: str
    name: str
    status: str
    name_norm: str
    pinyin: str

    @property
    def active(self) -> bool:
        return self.status not in INACTIVE_STATUSES


def _bad_check(code: str) -> str:
    wrong = next(ch for ch in ALPHABET if ch != code[-1])
    return code[:-1] + wrong


def _build() -> list[Ent]:
    rng = random.Random(20260401)
    out: list[Ent] = []
    for name, status, prefix, division in ENTITIES:
        code = random_code(rng, prefix[0], prefix[1], division)
        out.append(Ent(code, name, status, normalize_name(name), pinyin_initials(name)))
    # A legacy code whose check character is wrong, still in use (and so in the cache).
    legacy = _bad_check(complete("91320411" + "12345678"))
    out.append(Ent(legacy, BAD_CHECK_NAME, "存续", BAD_CHECK_NAME, pinyin_initials(BAD_CHECK_NAME)))
    assert len({e.uscc for e in out}) == len(out)
    return out


ENTS = _build()
BY_NAME = {e.name: e for e in ENTS}
BY_CODE = {e.uscc: e for e in ENTS}
MAIN = BY_NAME["常州新北瑞丰精密机械有限公司"]
LEGACY = BY_NAME[BAD_CHECK_NAME]


def _rows() -> list[dict[str, str]]:
    return [{"uscc": e.uscc, "name": e.name, "status": e.status} for e in ENTS]


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sa.Connection]:
    """One read connection on a store holding ENTS (shared: the searches only read)."""
    st = Store.open(tmp_path_factory.mktemp("search"), raw_key())
    with st.write_cache() as conn:
        upsert_entities(conn, _rows())
        upsert_records(
            conn,
            list_entry,
            [
                {"id": "l1", "uscc": MAIN.uscc, "list_type": "abnormal", "category": "经营异常名录"},
                {"id": "l2", "uscc": MAIN.uscc, "list_type": "serious", "category": "严重失信",
                 "removed_on": "2025-01-01"},
                {"id": "l3", "uscc": MAIN.uscc, "list_type": "watch", "category": "重点关注",
                 "valid_until": "2000-01-01"},
                {"id": "l4", "uscc": MAIN.uscc, "list_type": "judgment_debtor", "category": "失信被执行人",
                 "valid_until": "2999-12-31"},
            ],
        )
    with st.cache.connect() as conn:
        yield conn
    st.close()


# -- the oracle ----------------------------------------------------------------------------


def oracle(query: str) -> set[str]:
    """USCCs a query should find, by brute force over ENTS."""
    kind, term = classify(query)
    if kind in ("uscc", "qr"):
        return {e.uscc for e in ENTS if e.uscc == term}
    if kind == "uscc_prefix":
        return {e.uscc for e in ENTS if e.uscc.startswith(term)}
    found: set[str] = set()
    if kind == "pinyin":
        found |= {e.uscc for e in ENTS if e.pinyin.startswith(term)}
        if len(term) < 3:
            return found
    words = term.split()
    if kind == "name" and len(words) > 1:
        if any(ch.isalnum() for ch in term):
            found |= {
                e.uscc for e in ENTS if all(w.lower() in e.name_norm.replace(" ", "").lower() for w in words)
            }
    elif kind in ("pinyin", "name"):
        compact = term.replace(" ", "")
        if len(compact) >= 3:
            found |= {e.uscc for e in ENTS if term.lower() in e.name_norm.lower()}
        elif any(ch.isalnum() for ch in compact):
            found |= {e.uscc for e in ENTS if compact.lower() in e.name_norm.replace(" ", "").lower()}
    return found


def check(result: SearchResult, query: str) -> None:
    """The result finds exactly what the oracle finds, once each, living entities first."""
    codes = [h.uscc for h in result.hits]
    assert len(codes) == len(set(codes)), "duplicate hits"
    assert set(codes) == oracle(query), query
    assert_living_first(result.hits)
    for hit in result.hits:
        ent = BY_CODE[hit.uscc]
        assert (hit.name, hit.status, hit.active) == (ent.name, ent.status, ent.active)
    if result.kind == "name":
        assert_name_ranking(result.hits, classify(query)[1])


def assert_living_first(hits: list[Hit]) -> None:
    flags = [h.active for h in hits]
    assert flags == sorted(flags, reverse=True), [(h.name, h.status) for h in hits]


def assert_name_ranking(hits: list[Hit], term: str) -> None:
    def key(h: Hit) -> tuple[int, int, int]:
        name = normalize_name(h.name).lower()
        closeness = 0 if name == term.lower() else 1 if name.startswith(term.lower()) else 2
        return (0 if h.active else 1, closeness, len(name))

    assert [key(h) for h in hits] == sorted(key(h) for h in hits)


def names(result: SearchResult) -> list[str]:
    return [h.name for h in result.hits]


# -- classification ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("新", "name"),
        ("新北", "name"),
        ("瑞丰精密", "name"),
        ("czxb", "pinyin"),
        ("CZXB", "pinyin"),
        ("9132", "uscc_prefix"),
        ("91320411ma", "uscc_prefix"),
        (MAIN.uscc, "uscc"),
        (MAIN.uscc.lower(), "uscc"),
        (" ".join(MAIN.uscc[i : i + 4] for i in range(0, 18, 4)), "uscc"),
        (f"https://www.gsxt.gov.cn/index.html?uniscid={MAIN.uscc}&type=1", "qr"),
        (f"营业执照 统一社会信用代码：{MAIN.uscc} 名称：常州新北", "qr"),
        ("（新北分公司）", "name"),
        ("!!!", "name"),
    ],
)
def test_classify(query: str, kind: str) -> None:
    assert classify(query)[0] == kind


def test_classify_normalises_terms() -> None:
    assert classify("CZXB") == ("pinyin", "czxb")
    assert classify("91320411ma") == ("uscc_prefix", "91320411MA")
    assert classify(MAIN.uscc.lower()) == ("uscc", MAIN.uscc)
    assert classify("（新北分公司）") == ("name", "(新北分公司)")
    assert classify("ＡＢＣ科技") == ("name", "ABC科技")


# -- name substrings -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        # one character
        "新", "丰", "店", "司", "A", "a", "*",
        # two characters, including ones spanning punctuation and spaces in names
        "新北", "瑞丰", "火锅", "五金", "司(", "(新", "）", "AB", "滨冰", "滨 冰", "宾冰",
        # three and more: beginnings, middles, ends
        "常州新北", "瑞丰精密", "精密机械", "有限公司", "五金店", "分公司)", "新北村", "冰雪 大",
        "ABC", "abc信息", "贸易商行", "李*记", "“瑞丰”", "瑞丰”食品",
        # several words, in any order, spaces in names ignored
        "常州 新北", "新北 常州", "瑞丰 五金", "冰雪 大世界", "哈尔滨冰雪 大", "瑞丰 -", "新 (", "ABC 有限",
    ],
)
def test_name_queries_match_oracle(cache: sa.Connection, query: str) -> None:
    result = search(cache, query, limit=100)
    check(result, query)
    assert result.elapsed_ms >= 0


def test_one_char_finds_middle_and_end(cache: sa.Connection) -> None:
    result = search(cache, "店", limit=100)
    assert result.kind == "name"
    assert set(names(result)) == {
        "常州新北瑞丰五金店", "常州新北区薛家镇瑞丰小吃店", "重庆瑞丰火锅店", "瑞丰商店",
    }
    assert all(not h.active for h in result.hits)


def test_two_chars_rank_exact_and_prefix_first(cache: sa.Connection) -> None:
    result = search(cache, "新北", limit=100)
    check(result, "新北")
    assert names(result)[0] == "新北五金"  # a name starting with the query, shortest
    assert {"常州市武进区新北路建材有限公司", "长沙湘江新区新北村合作社"} <= set(names(result))


def test_exact_name_ranks_first(cache: sa.Connection) -> None:
    result = search(cache, "常州新北瑞丰精密机械有限公司", limit=100)
    assert names(result) == [
        "常州新北瑞丰精密机械有限公司",
        "常州新北瑞丰精密机械有限公司（新北分公司）",
    ]


def test_three_chars_in_middle_and_end(cache: sa.Connection) -> None:
    assert set(names(search(cache, "精密机械"))) == {
        "常州新北瑞丰精密机械有限公司",
        "常州新北瑞丰精密机械有限公司（新北分公司）",
    }
    assert set(names(search(cache, "纺织厂"))) == {"张家港市金港镇瑞丰纺织厂"}


@pytest.mark.parametrize("query", ["（新北分公司）", "(新北分公司)", "（新北分公司)", "新北分公司）"])
def test_brackets_full_and_half_width_match_both(cache: sa.Connection, query: str) -> None:
    result = search(cache, query, limit=100)
    check(result, query)
    assert {"常州新北瑞丰精密机械有限公司（新北分公司）", "南京(新北分公司)物流有限公司"} <= set(
        names(result)
    )


def test_full_width_letters_match_half_width(cache: sa.Connection) -> None:
    result = search(cache, "ＡＢＣ电子", limit=100)
    assert names(result) == ["厦门ＡＢＣ电子有限公司"]
    assert set(names(search(cache, "abc电子"))) == {"厦门ＡＢＣ电子有限公司"}


def test_deregistered_rank_after_living_names(cache: sa.Connection) -> None:
    result = search(cache, "瑞丰", limit=100)
    check(result, "瑞丰")
    statuses = [h.status for h in result.hits]
    living = [s for s in statuses if s not in INACTIVE_STATUSES]
    assert statuses[: len(living)] == living
    assert "瑞丰商店" in names(result)[len(living) :]  # exact-ish, but deregistered


# -- pinyin initials -----------------------------------------------------------------------


def test_pinyin_initials_prefix(cache: sa.Connection) -> None:
    result = search(cache, "czxb", limit=100)
    assert result.kind == "pinyin"
    check(result, "czxb")
    assert result.best is not None and result.best.name.startswith("常州新北")
    assert "常州新北瑞丰五金店" in names(result)
    assert names(result)[-1] in {
        "常州新北瑞丰五金店", "常州新北区薛家镇瑞丰小吃店", "常州新北万达广场商业管理有限公司（分公司）",
    }


@pytest.mark.parametrize("query", ["czxbrf", "CZXB", "cq", "cqhg", "cs", "bj", "b", "abc", "and", "xyz"])
def test_pinyin_queries_match_oracle(cache: sa.Connection, query: str) -> None:
    check(search(cache, query, limit=100), query)


def test_pinyin_polyphones(cache: sa.Connection) -> None:
    assert "重庆火锅餐饮管理有限公司" in names(search(cache, "cqhg"))
    assert "长沙湘江新区新北村合作社" in names(search(cache, "csxj"))


def test_letters_also_search_names(cache: sa.Connection) -> None:
    # "abc" is nobody's initials prefix, but three letters also search names (any case).
    result = search(cache, "abc", limit=100)
    assert set(names(result)) == {"北京ABC信息技术有限公司", "上海abc贸易商行", "厦门ＡＢＣ电子有限公司"}
    assert names(result)[-1] == "上海abc贸易商行"  # deregistered last


# -- codes ---------------------------------------------------------------------------------


def test_uscc_exact(cache: sa.Connection) -> None:
    result = search(cache, MAIN.uscc)
    assert (result.kind, result.code, names(result), result.notes) == ("uscc", MAIN.uscc, [MAIN.name], [])


@pytest.mark.parametrize(
    "variant",
    [
        MAIN.uscc.lower(),
        " ".join(MAIN.uscc[i : i + 4] for i in range(0, 18, 4)),
        f"  {MAIN.uscc}\t",
        "-".join(MAIN.uscc[i : i + 6] for i in range(0, 18, 6)),
        MAIN.uscc.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    ],
    ids=["lower", "spaced", "padded", "dashed", "full-width"],
)
def test_uscc_variants(cache: sa.Connection, variant: str) -> None:
    result = search(cache, variant)
    assert (result.kind, result.code, names(result)) == ("uscc", MAIN.uscc, [MAIN.name])


@pytest.mark.parametrize(
    "payload",
    [
        "https://www.gsxt.gov.cn/index.html?uniscid={code}&type=1",
        "http://gsxt.gov.cn/%7B{code}%7D",
        "营业执照\n统一社会信用代码：{code}\n名称：常州新北瑞丰精密机械有限公司",
        "统一社会信用代码 {spaced}",
    ],
)
def test_licence_qr(cache: sa.Connection, payload: str) -> None:
    spaced = " ".join(MAIN.uscc[i : i + 6] for i in range(0, 18, 6))
    result = search(cache, payload.format(code=MAIN.uscc, spaced=spaced))
    assert (result.kind, result.code, names(result)) == ("qr", MAIN.uscc, [MAIN.name])
    assert any("已从扫描内容中识别出" in n for n in result.notes)


def test_checksum_failure_warns_but_finds_legacy_code(cache: sa.Connection) -> None:
    result = search(cache, LEGACY.uscc)
    assert names(result) == [BAD_CHECK_NAME]
    assert any("第18位校验码应为" in n for n in result.notes)
    assert not any("本地数据中没有" in n for n in result.notes)


def test_checksum_failure_of_unknown_code(cache: sa.Connection) -> None:
    typo = _bad_check(MAIN.uscc)
    result = search(cache, typo)
    assert result.hits == []
    assert any("第18位校验码应为" in n for n in result.notes)
    assert any("本地数据中没有" in n and typo in n for n in result.notes)


def test_unknown_valid_code(cache: sa.Connection) -> None:
    code = complete("9132041187654321")
    assert code not in BY_CODE
    result = search(cache, code)
    assert result.hits == []
    assert result.notes == [f"本地数据中没有代码为 {code} 的主体。"]


def test_words_in_any_order_find_names_written_without_spaces(cache: sa.Connection) -> None:
    found = set(names(search(cache, "常州 新北", limit=100)))
    assert {"常州新北瑞丰精密机械有限公司", "常州市武进区新北路建材有限公司"} <= found
    assert "苏州工业园区新北电子有限公司" not in found


def test_bounded_scan_says_it_may_have_missed_some(
    cache: sa.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    from credit.store import search as search_mod

    assert not search(cache, "店)").notes  # every candidate was checked: nothing to say
    monkeypatch.setattr(search_mod, "SCAN_LIMIT", 2)  # fewer than the names holding 店
    result = search(cache, "店)")
    assert result.hits == [] and any("部分候选" in n for n in result.notes)


def test_letter_o_for_zero_in_a_code_gets_the_reason(cache: sa.Connection) -> None:
    typo = MAIN.uscc[:4] + "O" + MAIN.uscc[5:]  # O is not in the code alphabet
    result = search(cache, typo)
    assert result.hits == [] and result.notes
    assert any("第5位“O”不是合法字符" in n for n in result.notes), result.notes


def test_malformed_code_gets_a_reason(cache: sa.Connection) -> None:
    # 18 alphabet characters but an unknown authority: a note, no exception.
    result = search(cache, "B" + MAIN.uscc[1:])
    assert result.kind == "uscc" and result.hits == []
    assert any("登记管理部门代码" in n for n in result.notes)


@pytest.mark.parametrize("prefix", ["9", "91", "92", "9132", "91320411", "MAIN8", "91320411ma", "93"])
def test_uscc_prefix(cache: sa.Connection, prefix: str) -> None:
    if prefix == "MAIN8":
        prefix = MAIN.uscc[:8]
    result = search(cache, prefix, limit=100)
    assert result.kind == "uscc_prefix"
    check(result, prefix)
    for group in (True, False):  # each half in code order
        codes = [h.uscc for h in result.hits if h.active is group]
        assert codes == sorted(codes)


def test_uscc_prefix_deregistered_last(cache: sa.Connection) -> None:
    result = search(cache, "92320411", limit=100)
    assert [h.active for h in result.hits].count(False) >= 2
    assert result.hits[0].active


# -- limits, odd input ---------------------------------------------------------------------


@pytest.mark.parametrize("query", ["有限公司", "新", "czxb", "9", "瑞丰", "9132"])
def test_limit_is_honoured(cache: sa.Connection, query: str) -> None:
    full = search(cache, query, limit=100).hits
    assert len(full) > 3
    for limit in (1, 3):
        top = search(cache, query, limit=limit).hits
        assert len(top) == limit
        if classify(query)[0] != "pinyin":  # pinyin keeps index order within a group
            assert top == full[:limit]
        else:
            assert all(h.active for h in top) == all(h.active for h in full[:limit])


@pytest.mark.parametrize("query", ["（）", "()", "——", "。", "!!!", "“”", "·", "、", "-", "--", "《》"])
def test_punctuation_only_finds_nothing(cache: sa.Connection, query: str) -> None:
    result = search(cache, query)
    assert result.hits == []


@pytest.mark.parametrize(
    "query",
    [
        '"', '""', '"瑞丰', '瑞丰"', "'", "*", "瑞丰*", "a*", "-瑞丰", "瑞丰-精密", "AND", "OR", "NOT",
        "NEAR", "NEAR(瑞丰 精密)", "瑞丰 AND 精密", "瑞丰 OR", "name:瑞丰", "chars:新", "^瑞丰", "{瑞丰}",
        "(", ")", "瑞丰 NOT 精密", '"AND"', "+", "\\", "%", "_", "瑞%", "新_",
    ],
)
def test_fts_syntax_is_literal(cache: sa.Connection, query: str) -> None:
    check(search(cache, query, limit=100), query)


def test_empty_query(cache: sa.Connection) -> None:
    result = search(cache, "  ")
    assert (result.kind, result.hits, result.notes, result.best) == ("empty", [], [], None)


def test_flags_on_hits(cache: sa.Connection) -> None:
    [hit] = search(cache, MAIN.uscc).hits
    # abnormal in effect, judgment debtor valid in future; serious removed, watch expired
    assert hit.flags == ("经营异常", "失信被执行人")
    other = search(cache, "北京瑞丰科技有限公司").hits[0]
    assert other.flags == ()


# -- property: any substring of any stored name ------------------------------------------


@st.composite
def name_substrings(draw: st.DrawFn) -> str:
    ent = draw(st.sampled_from(ENTS))
    start = draw(st.integers(0, len(ent.name) - 1))
    end = draw(st.integers(start + 1, len(ent.name)))
    return ent.name[start:end]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(query=name_substrings())
def test_any_name_substring_matches_oracle(cache: sa.Connection, query: str) -> None:
    result = search(cache, query, limit=100)
    check(result, query)
    kind, term = classify(query)
    if kind == "name" and any(ch.isalnum() for ch in term):
        # the name the substring came from is always found
        assert any(query in h.name or normalize_name(query) in normalize_name(h.name) for h in result.hits)


@settings(max_examples=150, deadline=None)
@given(query=st.text(alphabet=st.sampled_from('新北瑞丰公司ABCabc(（)）" *-:^'), max_size=6))
def test_arbitrary_short_text_matches_oracle(cache: sa.Connection, query: str) -> None:
    check(search(cache, query, limit=100), query)


# -- updates keep the index in step --------------------------------------------------------


@pytest.fixture
def small(tmp_path: Path) -> Iterator[Store]:
    st_ = Store.open(tmp_path / "small", raw_key())
    with st_.write_cache() as conn:
        upsert_entities(conn, _rows())
    try:
        yield st_
    finally:
        st_.close()


def _find(st_: Store, query: str) -> list[str]:
    with st_.cache.connect() as conn:
        return [h.uscc for h in search(conn, query, limit=100).hits]


def test_rename_updates_index(small: Store) -> None:
    target = BY_NAME["青岛啤酒股份有限公司"]
    assert target.uscc in _find(small, "青岛啤酒")
    new_name = "青岛崂山矿泉水有限公司"
    with small.write_cache() as conn:
        stats = upsert_entities(conn, [{"uscc": target.uscc, "name": new_name, "status": "存续"}])
    assert (stats.inserted, stats.updated, stats.unchanged) == (0, 1, 0)
    for old in ("青岛啤酒", "啤酒", "啤", "qdpj"):
        assert target.uscc not in _find(small, old), old
    for new in ("崂山矿泉水", "矿泉", "崂", "qdls", new_name):
        assert _find(small, new).count(target.uscc) == 1, new
    assert _find(small, "青岛") == [target.uscc]


def test_unchanged_reupsert_is_a_no_op(small: Store) -> None:
    with small.write_cache() as conn:
        stats = upsert_entities(conn, _rows())
        again = upsert_entities(conn, [{**r, "updated_at": "2030-01-01"} for r in _rows()])
    assert (stats.inserted, stats.updated, stats.unchanged) == (0, 0, len(ENTS))
    assert again.unchanged == len(ENTS)  # updated_at alone is not a change
    assert _find(small, "瑞丰精密").count(MAIN.uscc) == 1


def test_status_change_reranks_without_duplicates(small: Store) -> None:
    with small.write_cache() as conn:
        stats = upsert_entities(conn, [{"uscc": MAIN.uscc, "name": MAIN.name, "status": "注销"}])
        assert stats.updated == 1
        result = search(conn, "瑞丰精密", limit=100)
    assert [h.uscc for h in result.hits].count(MAIN.uscc) == 1
    assert result.hits[-1].uscc == MAIN.uscc and not result.hits[-1].active


def test_upsert_inserts_new_and_indexes_it(small: Store) -> None:
    code = complete("9132041199999999")
    with small.write_cache() as conn:
        stats = upsert_entities(
            conn, [{"uscc": code, "name": "常州新北新开张有限公司"}, {"uscc": MAIN.uscc, "name": MAIN.name}]
        )
    assert (stats.inserted, stats.updated, stats.unchanged) == (1, 0, 1)
    assert _find(small, "新开张") == [code]
    assert _find(small, "开张") == [code]
    assert code in _find(small, "czxbxkz")
