"""Plans drawn from a real encrypted store: recorded with outbox and audit, verified, changes named."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from credit.domain.inspection_catalog import load_inspection_catalog
from credit.inspections import InspectionError
from credit.inspections.config import load_config, parse_config
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


def test_an_empty_pool_is_refused(filled: Store, operator: Operator) -> None:
    with pytest.raises(InspectionError, match="没有可抽取的主体"):
        _draw(filled, operator, divisions=("110105",))
    with pytest.raises(InspectionError, match="随机种子"):
        _draw(filled, operator, seed="  ")
