"""Tests for credit.demo: deterministic, valid and plausible demo data, and the cache build."""

from __future__ import annotations

import collections
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from credit import demo
from credit.demo import (
    DEMO_TODAY,
    ENTITY_KEYS,
    DemoCancelled,
    DemoEntity,
    build_demo,
    generate,
    load_divisions,
)
from credit.domain import uscc
from credit.domain.names import normalize_name, pinyin_initials
from credit.domain.publicity import publicity_period, severity_for
from credit.store import tables
from credit.store.db import Store
from credit.store.keys import DbKey
from credit.store.loader import get_info

SEED_JURISDICTIONS = {
    "610202": "王益区",
    "610203": "印台区",
    "610204": "耀州区",
    "610222": "宜君县",
    "620702": "甘州区",
    "320411": "新北区",
    "410526": "滑县",
}
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RECORD_TABLES = ("list_entry", "penalty", "licence", "honour", "judicial")
N = 20_000


@pytest.fixture(scope="module")
def sample() -> list[DemoEntity]:
    return list(generate(N))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    key = DbKey("\"x'" + "ab" * 32 + "'\"", "keyring")
    opened = Store.open(tmp_path, key)
    try:
        yield opened
    finally:
        opened.close()


def records(entities: list[DemoEntity], table: str) -> list[dict[str, object]]:
    return [r for e in entities for r in getattr(e, table)]


def share(entities: list[DemoEntity], pred: object) -> float:
    assert callable(pred)
    return sum(1 for e in entities if pred(e)) / len(entities)


# -- determinism ------------------------------------------------------------------------------


def test_same_seed_gives_identical_data(sample: list[DemoEntity]) -> None:
    assert list(generate(1_000)) == sample[:1_000]


def test_entity_k_does_not_depend_on_n(sample: list[DemoEntity]) -> None:
    assert list(generate(300)) == sample[:300]
    assert list(generate(2_500))[-1] == sample[2_499]


def test_other_seed_gives_other_data() -> None:
    a, b = list(generate(200)), list(generate(200, seed=7))
    assert sum(x.entity["uscc"] == y.entity["uscc"] for x, y in zip(a, b, strict=True)) == 0


def test_size_is_bounded() -> None:
    with pytest.raises(ValueError, match="主体数量"):
        next(generate(demo.MAX_ENTITIES + 1))


# -- identifiers ------------------------------------------------------------------------------


def test_codes_are_valid_unique_and_match_the_entity(sample: list[DemoEntity]) -> None:
    codes = [e.entity["uscc"] for e in sample]
    assert len(set(codes)) == len(codes)
    kinds = {
        "企业": "91", "个体工商户": "92", "农民专业合作社": "93", "事业单位": "12", "民办非企业单位": "52",
    }  # fmt: skip
    for e in sample:
        code = e.entity["uscc"]
        assert uscc.is_valid(code), code
        assert code[:2] == kinds[e.entity["entity_type"]]
        assert code[2:8] == e.entity["division_code"]
    assert {e.entity["entity_type"] for e in sample} == set(kinds)


def test_codes_use_issued_body_styles(sample: list[DemoEntity]) -> None:
    bodies = collections.Counter(
        "MA" if e.entity["uscc"][8:10] == "MA" else "MJ" if e.entity["uscc"][8:10] == "MJ" else "old"
        for e in sample
    )
    assert bodies["MA"] > bodies["old"] > 0 and bodies["MJ"] > 0


def test_legal_representatives_have_valid_resident_ids(sample: list[DemoEntity]) -> None:
    divisions = {d.code for d in load_divisions()}
    for e in sample[:5_000]:
        rep_id = e.entity["legal_rep_id"]
        assert e.entity["legal_rep_id_type"] == "身份证"
        assert re.fullmatch(r"\d{17}[\dX]", rep_id), rep_id
        total = sum(int(c) * w for c, w in zip(rep_id[:17], ID_WEIGHTS, strict=True))
        assert "10X98765432"[total % 11] == rep_id[17]
        assert rep_id[:6] in divisions
        born = date(int(rep_id[6:10]), int(rep_id[10:12]), int(rep_id[12:14]))
        established = date.fromisoformat(e.entity["established"])
        assert (established - born).days > 18 * 365
        assert 2 <= len(e.entity["legal_rep"]) <= 3


def test_some_legal_representatives_run_several_entities(sample: list[DemoEntity]) -> None:
    counts = collections.Counter(e.entity["legal_rep_id"] for e in sample)
    assert sum(1 for c in counts.values() if c > 1) > 50


# -- divisions and names ----------------------------------------------------------------------


def test_division_catalog_is_complete() -> None:
    divisions = load_divisions()
    by_code = {d.code: d for d in divisions}
    assert len(by_code) == len(divisions) >= 30
    for code, name in SEED_JURISDICTIONS.items():
        assert by_code[code].name == name
    assert by_code["320411"].city == "常州市" and by_code["320411"].short == "常州新北"
    assert by_code["320411"].local == "常州市新北区" and by_code["410526"].local == "滑县"
    for d in divisions:
        assert re.fullmatch(r"\d{6}", d.code) and d.code[4:] != "00"
        assert d.full.endswith(d.name) and d.city in d.full


def test_seed_jurisdictions_make_up_most_entities(sample: list[DemoEntity]) -> None:
    per_division = collections.Counter(e.entity["division_code"] for e in sample)
    assert all(per_division[code] > 200 for code in SEED_JURISDICTIONS)
    assert sum(per_division[c] for c in SEED_JURISDICTIONS) / N > 0.6
    for e in sample[:2_000]:
        assert e.entity["address"].startswith(e.entity["division_name"])


def test_names_look_like_registered_names(sample: list[DemoEntity]) -> None:
    names = [e.entity["name"] for e in sample]
    assert len(set(names)) / len(names) > 0.97
    by_type = collections.defaultdict(list)
    for e in sample:
        by_type[e.entity["entity_type"]].append(e.entity["name"])
    forms = ("公司", "厂", "经营部", "商行", "（有限合伙）", "分公司）")
    assert all(n.endswith(forms) for n in by_type["企业"])
    assert all(n.endswith("合作社") for n in by_type["农民专业合作社"])
    assert any(n.startswith("常州新北") for n in names)
    assert any(re.fullmatch(r"\w+（\w+分公司）", n) for n in names)
    assert any(re.fullmatch(r"滑县老\w家常菜馆|甘州区\w记面馆", n) for n in names)


def test_pinyin_is_precomputed_initials(sample: list[DemoEntity]) -> None:
    for e in sample[:300]:
        assert e.entity["pinyin"] == pinyin_initials(e.entity["name"]), e.entity["name"]
    assert sum(e.entity["pinyin"].startswith("czxb") for e in sample) > 100


def test_entity_rows_carry_the_documented_keys(sample: list[DemoEntity]) -> None:
    for e in sample[:1_000]:
        assert tuple(e.entity) == ENTITY_KEYS
        for table in RECORD_TABLES:
            cols = [c.name for c in getattr(tables, table).columns]
            assert all(list(r) == cols for r in getattr(e, table))


# -- distributions ----------------------------------------------------------------------------


def test_grades_and_statuses_are_plausible(sample: list[DemoEntity]) -> None:
    graded = [e.entity["grade"] for e in sample if e.entity["grade"]]
    grades = collections.Counter(graded)
    for grade, expected in {"A": 0.15, "B": 0.65, "C": 0.15, "D": 0.05}.items():
        assert abs(grades[grade] / len(graded) - expected) < 0.02, grade
    statuses = collections.Counter(e.entity["status"] for e in sample)
    assert (statuses["存续"] + statuses["在业"]) / N > 0.85
    assert 0.03 < statuses["注销"] / N < 0.1 and 0.01 < statuses["吊销"] / N < 0.04
    first = date.fromisoformat(min(e.entity["established"] for e in sample))
    assert first.year == 1995 and max(e.entity["established"] for e in sample) < DEMO_TODAY.isoformat()
    for e in sample:
        if e.entity["grade"]:
            assert 0 <= (DEMO_TODAY - date.fromisoformat(e.entity["grade_date"])).days <= 366
            assert e.entity["grade_unit"].endswith("市场监督管理局")


def test_record_shares_are_plausible(sample: list[DemoEntity]) -> None:
    assert 0.06 < share(sample, lambda e: e.penalty) < 0.11
    assert 0.25 < share(sample, lambda e: e.licence) < 0.36
    assert 0.02 < share(sample, lambda e: e.honour) < 0.04
    assert 0.01 < share(sample, lambda e: e.judicial) < 0.03
    types = collections.Counter(r["list_type"] for r in records(sample, "list_entry"))
    assert set(types) == {"abnormal", "serious", "watch", "judgment_debtor"}


def test_bad_grades_carry_more_records(sample: list[DemoEntity]) -> None:
    def burden(grade: str) -> float:
        group = [e for e in sample if e.entity["grade"] == grade]
        return sum(len(e.penalty) + len(e.list_entry) for e in group) / len(group)

    assert burden("D") > 2 * burden("C") and burden("C") > 2 * burden("B") > 0
    assert burden("B") > burden("A")
    serious = [e for e in sample if any(r["list_type"] == "serious" for r in e.list_entry)]
    assert serious and all(e.entity["grade"] in ("C", "D") for e in serious)


def test_penalties_follow_the_publicity_rules(sample: list[DemoEntity]) -> None:
    penalties = records(sample, "penalty")
    last_event = DEMO_TODAY - timedelta(days=1)
    for r in penalties:
        decided = date.fromisoformat(str(r["decision_date"]))
        assert DEMO_TODAY - timedelta(days=4 * 366) <= decided <= last_event
        assert r["severity"] == severity_for(str(r["penalty_type"]), r["fine_wan"])  # type: ignore[arg-type]
        period = publicity_period(decided, str(r["severity"]), str(r["penalty_type"]))
        assert r["publicity_end"] == (period.end.isoformat() if period.end else None)
        assert re.fullmatch(r".+〔20\d\d〕(第)?\d+号", str(r["decision_no"])), r["decision_no"]
        for field in ("violation_type", "facts", "basis", "content", "authority", "authority_uscc"):
            assert r[field], field
        assert uscc.is_valid(str(r["authority_uscc"]))
        assert str(r["basis"]).startswith("《")
    assert {r["severity"] for r in penalties} == {"轻微", "一般", "严重"}
    assert any(r["repaired_on"] for r in penalties)
    assert any(r["publicity_end"] is None for r in penalties)
    assert any(str(r["decision_no"]).startswith("常新市监处罚〔") for r in penalties)


def test_lists_and_licences_are_well_formed(sample: list[DemoEntity]) -> None:
    lists = records(sample, "list_entry")
    legal_reps = {e.entity["legal_rep_id"]: e.entity["legal_rep"] for e in sample}
    for r in lists:
        assert r["listed_on"] and r["deciding_unit"] and r["basis"]
        if r["uscc"] is None:  # a legal representative listed in person
            assert legal_reps[r["person_id"]] == r["person_name"]
        if r["removed_on"]:
            assert r["removal_reason"] and str(r["removed_on"]) >= str(r["listed_on"])
    debtors = [r for r in lists if r["list_type"] == "judgment_debtor"]
    case_no = re.compile(r"（20\d\d）[苏豫陕甘京沪粤浙川鄂]\d{4}执\d+号")
    assert all(case_no.fullmatch(str(r["doc_no"])) for r in debtors)
    assert any(r["uscc"] is None for r in debtors)
    assert any(r["removed_on"] for r in lists if r["list_type"] == "abnormal")
    categories = {r["category"] for r in lists if r["list_type"] == "serious"}
    assert "市场监督管理严重违法失信名单" in categories and len(categories) == 3
    licences = records(sample, "licence")
    assert {r["status"] for r in licences} == {"有效", "过期", "注销"}
    food = [r for r in licences if r["cert_name"] == "食品经营许可证"]
    assert food and all(re.fullmatch(r"JY\d{14}", str(r["cert_no"])) for r in food)
    assert all(str(r["valid_from"]) < str(r["valid_to"]) for r in licences)


def test_record_ids_are_unique(sample: list[DemoEntity]) -> None:
    for table in RECORD_TABLES:
        ids = [r["id"] for r in records(sample, table)]
        assert len(ids) == len(set(ids)), table


# -- building the cache -----------------------------------------------------------------------


def dump(engine: sa.Engine) -> dict[str, list[tuple[object, ...]]]:
    out = {}
    with engine.connect() as conn:
        for name in ("entity", *RECORD_TABLES):
            out[name] = [tuple(r) for r in conn.execute(sa.text(f"SELECT * FROM {name} ORDER BY 1, 2"))]
    return out


def test_build_fills_the_encrypted_cache(store: Store) -> None:
    seen: list[tuple[int, int]] = []
    assert build_demo(store, 2_000, progress=lambda done, total: seen.append((done, total))) == 2_000
    assert seen[-1] == (2_000, 2_000)
    expected = list(generate(2_000))
    with store.cache.connect() as conn:
        info = get_info(conn)
        assert info["as_of"] == "2026-11-21 00:00" and info["source"] == "demo"
        assert info["demo_seed"] == "20261122" and info["entity_count"] == "2000"
        for table in RECORD_TABLES:
            count = conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()
            assert count == len(records(expected, table)), table
        row = conn.execute(sa.select(tables.entity).where(tables.entity.c.id == 1)).one()
        assert row.uscc == expected[0].entity["uscc"] and row.pinyin == expected[0].entity["pinyin"]
        hits = conn.exec_driver_sql(
            "SELECT count(*) FROM entity WHERE active = 1 AND pinyin >= 'czxb' AND pinyin < 'czxc'"
        ).scalar_one()
        assert hits > 10
        k, name = next((k, e.entity["name"]) for k, e in enumerate(expected) if "（" in e.entity["name"])
        term = normalize_name(name)[-8:]  # the trigram index holds NFKC names: (安阳), not （安阳）
        found = conn.exec_driver_sql(
            "SELECT rowid FROM entity_tri WHERE entity_tri MATCH ?", (f'"{term}"',)
        ).scalars()
        assert k + 1 in set(found)
        inactive = conn.exec_driver_sql("SELECT count(*) FROM entity WHERE active = 0").scalar_one()
        assert inactive == sum(e.entity["status"] in ("注销", "吊销", "迁出", "撤销") for e in expected)


def test_build_refuses_a_cache_with_entities(store: Store) -> None:
    build_demo(store, 50)
    with pytest.raises(ValueError, match="已有主体数据"):
        build_demo(store, 50)


def test_cancel_rolls_everything_back(store: Store) -> None:
    answers = iter([False, True])
    with pytest.raises(DemoCancelled):
        build_demo(store, demo.BATCH + 10, parallel=False, cancelled=lambda: next(answers))
    with store.cache.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM entity")).scalar_one() == 0
        assert conn.execute(sa.text("SELECT count(*) FROM entity_tri")).scalar_one() == 0
        assert "source" not in get_info(conn)
    assert build_demo(store, 100) == 100


def test_helper_process_builds_the_same_cache(tmp_path: Path) -> None:
    key = DbKey("\"x'" + "ab" * 32 + "'\"", "keyring")
    stores = [Store.open(tmp_path / name, key) for name in ("local", "process")]
    try:
        n = demo.BATCH + 100  # two batches across the pipe
        build_demo(stores[0], n, parallel=False)
        build_demo(stores[1], n, parallel=True)
        assert dump(stores[0].cache) == dump(stores[1].cache)
    finally:
        for s in stores:
            s.close()


def test_cancelling_a_process_build_rolls_back(store: Store) -> None:
    with pytest.raises(DemoCancelled):
        build_demo(store, demo.BATCH * 3, parallel=True, cancelled=lambda: True)
    with store.cache.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM entity")).scalar_one() == 0


def test_helper_process_errors_are_reported() -> None:
    with pytest.raises(RuntimeError, match="种子"):
        list(demo._process_batches(5, -1, DEMO_TODAY))


def test_every_measure_of_the_catalog_fires_somewhere(sample: list[DemoEntity], store: Store) -> None:
    """The demo is for trying the window check: each measure must have entities it applies to."""
    from credit.domain.catalogs import load_catalog
    from credit.domain.check import evaluate
    from credit.store.check_input import load_check_input
    from credit.store.loader import bulk_insert_entities, upsert_records
    from credit.store.tables import list_entry, penalty

    on_record = [e for e in sample if e.penalty or e.list_entry]
    with store.write_cache() as conn:
        bulk_insert_entities(conn, [e.entity for e in on_record])
        upsert_records(conn, penalty, records(on_record, "penalty"))
        upsert_records(conn, list_entry, records(on_record, "list_entry"))
    catalog = load_catalog()
    fired: set[str] = set()
    with store.cache.connect() as conn:
        for e in on_record:
            data = load_check_input(conn, e.entity["uscc"])
            assert data is not None
            for matter in catalog.matters:
                fired |= {f.code for f in evaluate(matter, data, demo.DEMO_TODAY).fired}
    assert set(catalog.measures) - fired == set()
