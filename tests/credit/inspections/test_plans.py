"""Plans drawn from a real encrypted store: recorded with outbox and audit, verified, changes named."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from credit.domain.inspection_catalog import load_inspection_catalog
from credit.inspections import InspectionError
from credit.inspections.config import load_config, parse_config
from credit.inspections.plan_file import with_digest
from credit.inspections.plans import draw_plan, plans, verify_plan
from credit.operator import Operator
from credit.store import audit
from credit.store.db import Store
from credit.store.loader import upsert_entities
from credit.store.tables import inspection_plan, inspection_task, outbox
from tests.credit.inspections import sample


@pytest.fixture
def filled(store: Store) -> Store:
    sample.fill(store)
    return store


def _draw(store: Store, operator: Operator, seed: str = "20261120", **config: object) -> dict:
    return draw_plan(store, operator, sample.config(**config), sample.roster(), seed, now=sample.NOW)


def test_draw_records_plan_tasks_outbox_and_audit(filled: Store, operator: Operator) -> None:
    doc = _draw(filled, operator)
    groups = {g["group"]: g for g in doc["groups"]}
    # 巴彦淖尔 2022 ratios: A 2 % of 50 = 1, B 5 % of 100 = 5, C and D 100 %, ungraded like B: 5 % of 20 = 1
    assert {g: s["drawn"] for g, s in groups.items()} == {"A": 1, "B": 5, "C": 12, "D": 4, "ungraded": 1}
    assert doc["pool"]["size"] == 186  # other division, deregistered and non-food entities left out
    assert len(doc["tasks"]) == 23 and not doc["unassigned"]
    by_code = {t["uscc"]: t for t in doc["tasks"]}
    assert "豫A001" not in [i["cert_no"] for i in by_code[sample.code(151)]["inspectors"]]
    assert "豫A003" not in [i["cert_no"] for i in by_code[sample.code(152)]["inspectors"]]
    assert all("豫A006" not in [i["cert_no"] for i in t["inspectors"]] for t in doc["tasks"])  # inactive
    with filled.work.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(inspection_task)).scalar() == 23
        stored = conn.execute(sa.select(inspection_plan)).one()
        box = conn.execute(sa.select(outbox).where(outbox.c.kind == "inspection_plan")).one()
        assert audit.verify(conn).ok
        last = audit.recent(conn, 1)[0]
    assert json.loads(stored.document) == doc and stored.seed == "20261120"
    assert box.record_id == doc["id"]
    assert (
        last["action"] == "plan_draw" and json.loads(last["detail"])["result_sha256"] == doc["result_sha256"]
    )
    assert plans(filled)[0]["plan_no"] == doc["plan_no"]


def test_the_plan_file_holds_no_id_numbers_and_no_conflict_reasons(filled: Store, operator: Operator) -> None:
    """The file is handed to anyone who wants to verify the draw: it needs who was excluded where
    (the pool snapshot), not why, nor whose ID number."""
    doc = _draw(filled, operator)
    text = json.dumps(doc, ensure_ascii=False)
    assert sample.REP_ID not in text and "4105**********1232" not in text
    assert "配偶经营" not in text and "亲属" not in text and '"reason"' not in text
    by_code = {t["uscc"]: t for t in doc["tasks"]}
    assert by_code[sample.code(152)]  # the conflict by legal representative still applied …
    pool = {row[0]: row for row in doc["pool"]["entries"]["FOOD"]}
    assert pool[sample.code(152)][3] == ["豫A003"]  # … and recorded, as the draw needs it
    assert verify_plan(filled, doc, roster=sample.roster()).identical
    assert verify_plan(filled, doc).identical


def test_verify_says_identical_then_names_each_change(filled: Store, operator: Operator) -> None:
    doc = _draw(filled, operator)
    report = verify_plan(filled, doc, roster=sample.roster())
    assert report.identical and "一致" in report.lines()[0]
    with filled.write_cache() as conn:
        upsert_entities(conn, [sample.entity(60, "D"), sample.entity(700, "C")])  # regraded, new
    report = verify_plan(filled, doc, roster=sample.roster())
    assert not report.identical and report.consistent
    assert report.pool.regraded == [("FOOD", sample.code(60), "B", "D")]
    assert report.pool.entered == [("FOOD", sample.code(700))]
    assert sample.code(700) in report.result.added  # C: 100 %, so the new entity would be drawn
    text = "\n".join(report.lines())
    assert sample.code(700) in text and "B → D" in text


def test_verify_without_roster_keeps_recorded_conflicts(filled: Store, operator: Operator) -> None:
    doc = _draw(filled, operator)
    report = verify_plan(filled, doc)
    assert report.identical and any("未提供执法人员名录" in n for n in report.notes)


def test_a_tampered_plan_file_is_not_consistent(filled: Store, operator: Operator) -> None:
    doc = _draw(filled, operator)
    forged = json.loads(json.dumps(doc))
    forged["tasks"][0]["inspectors"] = forged["tasks"][1]["inspectors"]  # swap in another pair
    if forged["tasks"][0]["inspectors"] == doc["tasks"][0]["inspectors"]:
        forged["tasks"][0]["inspectors"] = forged["tasks"][2]["inspectors"]
    report = verify_plan(filled, forged, roster=sample.roster())
    assert not report.consistent and "文件可能被改动" in "\n".join(report.lines())
    forged = json.loads(json.dumps(doc))
    forged["pool"]["entries"]["FOOD"][0][1] = "A" if forged["pool"]["entries"]["FOOD"][0][1] != "A" else "B"
    assert not verify_plan(filled, forged).consistent


def test_visits_before_the_draw_count_for_the_annual_maximum(filled: Store, operator: Operator) -> None:
    """Records finalised before a draw make entities ineligible; later ones do not change it."""
    first = _draw(filled, operator)
    a_task = next(t for t in first["tasks"] if t["grade"] == "A")
    sample.finalised_for(filled, operator, first, a_task["uscc"], sample.NOW + timedelta(hours=2))
    again = draw_plan(
        filled, operator, sample.config(), sample.roster(), "20261120", now=sample.NOW + timedelta(days=1)
    )
    a_group = next(g for g in again["groups"] if g["group"] == "A")
    assert a_group["capped"] == 1 and a_task["uscc"] not in {t["uscc"] for t in again["tasks"]}
    assert verify_plan(filled, first, roster=sample.roster()).identical  # visits are counted as of its draw


def test_config_file_is_checked_and_its_roster_loaded(tmp_path: Path) -> None:
    catalog = load_inspection_catalog()
    (tmp_path / "roster.json").write_text(json.dumps(sample.ROSTER, ensure_ascii=False), encoding="utf-8")
    good = {
        "name": "测试",
        "year": 2026,
        "divisions": ["410526"],
        "sectors": ["FOOD"],
        "roster": "roster.json",
        "matrix": {"FOOD": {"A": {"ratio": 0.1}}},
    }
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(good, ensure_ascii=False), encoding="utf-8")
    config, roster = load_config(path, catalog)
    assert config.unit == "滑县市场监督管理局" and len(roster.active) == 5
    bad = {
        **good,
        "divisions": ["41052"],
        "sectors": ["FOOD", "NOPE"],
        "year": "2026",
        "due": "2025-12-31",
        "matrix": {"PRICE": {}},
        "roster": "missing.json",
        "colour": "red",
    }
    with pytest.raises(InspectionError) as info:
        parse_config(bad, catalog, base_dir=tmp_path)
    text = info.value.reason
    for expected in (
        "“41052”应为 2、4 或 6 位数字",
        "“NOPE”无效",
        "“year”应为四位年份",
        "未知的字段“colour”",
        "“PRICE”不是本计划的检查领域",
        "missing.json",
    ):
        assert expected in text, expected


def test_config_problems_with_the_ratios_come_with_the_others(tmp_path: Path) -> None:
    catalog = load_inspection_catalog()
    (tmp_path / "roster.json").write_text(json.dumps(sample.ROSTER, ensure_ascii=False), encoding="utf-8")
    bad = {
        "name": "测试",
        "year": 2026,
        "divisions": ["410526"],
        "sectors": ["FOOD", "NOPE"],
        "roster": "roster.json",
        "unit": "",  # blank optional field: the roster's unit, not an error
        "matrix": {"FOOD": {"A": {"ratio": 2}}, "*": {"Z": {}}},
    }
    with pytest.raises(InspectionError) as info:
        parse_config(bad, catalog, base_dir=tmp_path)
    text = info.value.reason
    assert "“NOPE”无效" in text and "matrix.FOOD.A：“ratio”：比例 2 应在 0 到 1 之间" in text
    assert "未知的等级组“Z”" in text and "unit" not in text


def test_an_empty_pool_is_refused(filled: Store, operator: Operator) -> None:
    with pytest.raises(InspectionError, match="没有可抽取的主体"):
        _draw(filled, operator, divisions=("110105",))
    with pytest.raises(InspectionError, match="随机种子"):
        _draw(filled, operator, seed="  ")


# -- what verification must catch ----------------------------------------------------------


def test_a_plan_redrawn_with_another_seed_under_the_same_number_is_caught(
    filled: Store, operator: Operator, tmp_path: Path
) -> None:
    """The forger keeps id and plan_no, picks a seed that suits, recomputes tasks and every hash
    (on another machine with the same data): the file is self-consistent, but not what was drawn."""
    doc = _draw(filled, operator)
    elsewhere = Store.open(tmp_path / "elsewhere", filled.key)
    try:
        sample.fill(elsewhere)
        forged = draw_plan(elsewhere, operator, sample.config(), sample.roster(), "suits-me", now=sample.NOW)
    finally:
        elsewhere.close()
    assert forged["result_sha256"] != doc["result_sha256"]
    for key in ("id", "plan_no", "drawn_at", "drawn_utc"):
        forged[key] = doc[key]
    with_digest(forged)
    report = verify_plan(filled, forged, roster=sample.roster())
    assert report.consistent and report.pool.same and report.result.same  # nothing else gives it away
    assert not report.identical and report.recorded_here
    text = "\n".join(report.lines())
    assert "与本机记录的这次抽取不符" in text
    assert "随机种子：审计日志为“20261120”，文件为“suits-me”" in text
    assert "抽取结果 SHA-256" in text and "一致（identical）" not in text
    genuine = verify_plan(filled, doc, roster=sample.roster())
    assert genuine.identical and "与本机的抽取记录一致" in genuine.lines()[0]


def test_a_forgery_is_caught_by_the_audit_row_even_when_the_plan_row_was_rewritten(
    filled: Store, operator: Operator
) -> None:
    doc = _draw(filled, operator)
    with filled.write_work() as conn:  # the plan table is insert-only; go around the trigger
        conn.exec_driver_sql("DROP TRIGGER inspection_plan_no_update")
        conn.execute(sa.update(inspection_plan).values(seed="suits-me"))
    forged = {**json.loads(json.dumps(doc)), "seed": "suits-me"}
    report = verify_plan(filled, forged, roster=sample.roster())
    assert any("随机种子：审计日志为“20261120”" in x for x in report.record)


def test_a_plan_drawn_elsewhere_is_checked_on_its_own_and_says_so(
    filled: Store, operator: Operator, tmp_path: Path
) -> None:
    doc = _draw(filled, operator)
    other = Store.open(tmp_path / "other", filled.key)
    try:
        sample.fill(other)
        report = verify_plan(other, doc, roster=sample.roster())
    finally:
        other.close()
    assert report.identical and not report.recorded_here
    assert any("本机没有这份计划的抽取记录" in n for n in report.notes)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda d: d["groups"][0].update(size=d["groups"][0]["size"] * 10), "分级统计 [FOOD] A 记为 500 户"),
        (lambda d: d["groups"][1].update(wanted=d["groups"][1]["wanted"] + 4), "分级统计 [FOOD] B"),
        (lambda d: d["tasks"][0].update(name="另一家公司"), "计划中的名称“另一家公司”"),
        (lambda d: d["tasks"][0]["inspectors"][0].update(name="张冒名"), "执法人员“张冒名”"),
        (lambda d: d.update(name="改过的计划名称"), "content_sha256"),
    ],
)
def test_published_fields_the_draw_does_not_rederive_are_checked(
    filled: Store, operator: Operator, edit: Any, expected: str
) -> None:
    doc = _draw(filled, operator)
    edited = json.loads(json.dumps(doc))
    edit(edited)
    report = verify_plan(filled, edited, roster=sample.roster())
    assert not report.identical
    assert expected in "\n".join(report.lines())
    with_digest(edited)  # recomputing the digest hides the edit from the digest, not from the rest
    again = verify_plan(filled, edited, roster=sample.roster())
    assert not again.identical and any("文件内容摘要" in x for x in again.record)


def _without(doc: dict[str, Any], path: tuple[Any, ...]) -> dict[str, Any]:
    out = json.loads(json.dumps(doc))
    node = out
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    return out


@pytest.mark.parametrize(
    ("mangle", "named"),
    [
        (lambda d: _without(d, ("seed",)), "缺少“seed”"),
        (lambda d: (d["pool"]["entries"]["FOOD"][0].pop(), d)[1], "“pool.entries.FOOD”第 1 行"),
        (lambda d: _without(d, ("config", "sectors")), "“config.sectors”"),
        (lambda d: _without(d, ("matrix", "FOOD", "B", "ratio")), "“matrix.FOOD.B”"),
        (lambda d: d["tasks"][2].update(inspectors="王芳") or d, "“tasks”第 3 项的 “inspectors”"),
        (lambda d: d.update(pool=[]) or d, "“pool”应为对象"),
    ],
)
def test_a_malformed_plan_file_is_named_field_by_field(
    filled: Store, operator: Operator, mangle: Any, named: str
) -> None:
    doc = mangle(json.loads(json.dumps(_draw(filled, operator))))
    with pytest.raises(InspectionError) as info:
        verify_plan(filled, doc)
    assert named in info.value.reason and "无法核验" in info.value.reason


def _mutations(doc: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into the document's dicts and lists (the places a value can go missing)."""
    out: list[tuple[Any, ...]] = [path] if path else []
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += _mutations(v, (*path, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc[:2]):
            out += _mutations(v, (*path, i))
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_broken_plan_file_gives_a_traceback(
    filled: Store, operator: Operator, data: st.DataObject
) -> None:
    """Drop any value or replace it with another JSON value: a Chinese error or a report, never a crash."""
    if not hasattr(filled, "_plan_for_fuzz"):
        filled._plan_for_fuzz = _draw(filled, operator)  # type: ignore[attr-defined]
    doc = json.loads(json.dumps(filled._plan_for_fuzz))  # type: ignore[attr-defined]
    path = data.draw(st.sampled_from(_mutations(doc)))
    node = doc
    for key in path[:-1]:
        node = node[key]
    if data.draw(st.booleans()):
        del node[path[-1]]
    else:
        node[path[-1]] = data.draw(st.one_of(st.none(), st.integers(-2, 3), st.text(max_size=3), st.just([])))
    try:
        report = verify_plan(filled, doc)
    except InspectionError as exc:
        assert exc.reason
    else:
        assert report.lines()


def test_a_second_plan_of_the_year_counts_the_first_ones_open_tasks(
    filled: Store, operator: Operator
) -> None:
    """B may be inspected once a year: an entity in an unfinished task of plan 1 is not drawn again."""
    first = _draw(filled, operator)
    first_b = {t["uscc"] for t in first["tasks"] if t["grade"] == "B"}
    assert len(first_b) == 5
    all_b = {"*": {"B": {"ratio": 1}}}
    second = draw_plan(
        filled, operator, sample.config(matrix_overrides=all_b), sample.roster(), "second",
        now=sample.NOW + timedelta(days=2),
    )  # fmt: skip
    drawn_b = {t["uscc"] for t in second["tasks"] if t["grade"] == "B"}
    assert len(drawn_b) == 95 and not (drawn_b & first_b)
    b_group = next(g for g in second["groups"] if g["group"] == "B")
    assert b_group["capped"] == 5
    visits = {row[0]: row[2] for row in second["pool"]["entries"]["FOOD"]}
    assert all(visits[u] == 1 for u in first_b)  # recorded in the snapshot as planned visits
    assert verify_plan(filled, second, roster=sample.roster()).identical
    assert verify_plan(filled, first, roster=sample.roster()).identical  # later plans never count back


def test_less_than_once_a_year_leaves_an_a_entity_inspected_last_year_alone(
    filled: Store, operator: Operator
) -> None:
    """A: 1 visit in 2 years; B: 1 a year. Both inspected in 2025: B is drawn again in 2026, A is not."""
    from credit.inspections import drafts, records

    a, b = sample.code(3), sample.code(60)
    last_year = datetime(2025, 6, 10, 2, 0, tzinfo=UTC)
    for uscc in (a, b):
        draft = records.start_ad_hoc(filled, operator, uscc, "SC_FOOD_OPERATION", "专项检查")
        drafts.save(filled, draft["id"], sample.fill_draft(draft["data"], last_year))
        records.finalise(filled, operator, draft["id"], now=last_year + timedelta(hours=2))
    everything = {"*": {"A": {"ratio": 1}, "B": {"ratio": 1}}}
    doc = _draw(filled, operator, matrix_overrides=everything)
    drawn = {t["uscc"] for t in doc["tasks"]}
    assert b in drawn and a not in drawn
    groups = {g["group"]: g for g in doc["groups"]}
    assert (groups["A"]["capped"], groups["A"]["drawn"]) == (1, 49)
    assert (groups["B"]["capped"], groups["B"]["drawn"]) == (0, 100)
    assert verify_plan(filled, doc, roster=sample.roster()).identical
