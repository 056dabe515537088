"""The window credit check: each trigger fires, ended records do not, the worst restriction wins.

Most cases are derived from the shipped catalog itself (every trigger of every measure gets a
record built to satisfy it, and the same record aged out), so an administrator's new measure is
covered without a new test; the explicit tables pin the statutory periods.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from credit.domain.catalogs import (
    CommitmentTrigger,
    GradeTrigger,
    ListTrigger,
    Measure,
    PenaltyTrigger,
    Trigger,
    UnknownMatter,
    load_catalog,
)
from credit.domain.check import (
    VERDICT_LABELS,
    VERDICTS,
    BreachedCommitment,
    CheckInput,
    CheckOutcome,
    ListRecord,
    PenaltyRecord,
    _years_in_text,
    evaluate,
    fire,
)
from credit.domain.uscc import complete
from credit.store.check_input import load_check_input
from credit.store.db import Store
from credit.store.keys import DbKey
from credit.store.loader import bulk_insert_entities, upsert_records
from credit.store.tables import list_entry, penalty

TODAY = date(2026, 6, 15)
D = date.fromisoformat
CODE = "91110000600037341L"
REP_ID = "320411198807120015"
BASE = CheckInput(uscc=CODE, name="常州新北瑞丰精密机械有限公司", legal_rep="王瑞丰", legal_rep_id=REP_ID)
CATALOG = load_catalog()


def _listing(list_type: str, category: str, rid: str = "L1", **kw: Any) -> ListRecord:
    values: dict[str, Any] = {
        "listed_on": D("2025-01-10"),
        "valid_until": D("2028-01-09"),
        "deciding_unit": "常州市新北区人民法院",
        "reason": "拒不履行",
    }
    return ListRecord(id=rid, list_type=list_type, category=category, **{**values, **kw})


def _penalty(rid: str = "P1", **kw: Any) -> PenaltyRecord:
    values: dict[str, Any] = {
        "decision_date": D("2026-01-10"),
        "severity": "一般",
        "penalty_type": "罚款",
        "publicity_end": D("2027-01-10"),
        "authority": "常州市新北区市场监督管理局",
    }
    return PenaltyRecord(id=rid, decision_no=f"常新市监处罚〔2026〕{rid}号", **{**values, **kw})


def _rep_debtor(**kw: Any) -> ListRecord:
    return _listing("judgment_debtor", "失信被执行人", "LP", person_name="王瑞丰", person_id=REP_ID, **kw)


def _codes(outcome: CheckOutcome) -> list[str]:
    return [f.code for f in outcome.fired]


# --- derived from the catalog: every trigger fires on a record built for it --------------------


def _satisfying(t: Trigger) -> CheckInput:
    """A check input with one record that meets ``t`` and is in effect on TODAY."""
    match t:
        case ListTrigger():
            category = t.categories[0] if t.categories else "某类名单"
            if t.subject == "legal_rep":
                entry = replace(
                    _listing(t.list_types[0], category, "LP"), person_name="王瑞丰", person_id=REP_ID
                )
                return replace(BASE, legal_rep_lists=(entry,))
            return replace(BASE, lists=(_listing(t.list_types[0], category),))
        case PenaltyTrigger():
            words = " ".join((*t.match_any[:1], *t.match_all))
            return replace(BASE, penalties=(_penalty(severity=t.min_severity or "一般", content=words),))
        case CommitmentTrigger():
            c = BreachedCommitment("320411202601100000001", (t.types or ("主动型",))[0], D("2026-01-10"))
            return replace(BASE, breached_commitments=(c,))
        case GradeTrigger():
            return replace(BASE, grade=t.grades[0])


def _aged_out(t: Trigger, data: CheckInput) -> list[tuple[str, CheckInput]]:
    """The same record once its period has ended (and, for records that can, removed/repaired)."""
    match t:
        case ListTrigger():
            rep = t.subject == "legal_rep"
            (entry,) = data.legal_rep_lists if rep else data.lists
            ended = [
                ("expired", replace(entry, valid_until=D("2026-06-14"))),
                ("removed", replace(entry, removed_on=D("2026-06-15"))),
            ]
            return [
                (label, replace(data, legal_rep_lists=(e,)) if rep else replace(data, lists=(e,)))
                for label, e in ended
            ]
        case PenaltyTrigger():
            (p,) = data.penalties
            old = replace(p, decision_date=D("2016-01-10"), publicity_end=D("2019-01-10"))
            repaired = replace(p, repaired_on=D("2026-05-01"))
            return [
                ("ended", replace(data, penalties=(old,))),
                ("repaired", replace(data, penalties=(repaired,))),
            ]
        case CommitmentTrigger():
            (c,) = data.breached_commitments
            return [("ended", replace(data, breached_commitments=(replace(c, breached_on=D("2016-01-10")),)))]
        case GradeTrigger():
            return [("regraded", replace(data, grade="A"))]


TRIGGERS = [
    pytest.param(m, t, id=f"{m.code}-{i}-{t.kind}")
    for m in CATALOG.measures.values()
    for i, t in enumerate(m.triggers, start=1)
]


@pytest.mark.parametrize(("measure", "trigger"), TRIGGERS)
def test_every_trigger_fires_on_its_record(measure: Measure, trigger: Trigger) -> None:
    data = _satisfying(trigger)
    fired = fire(measure, data, TODAY)
    assert [f.code for f in fired] == [measure.code]
    assert fired[0].record.kind == trigger.kind
    assert fired[0].restriction == measure.restriction and fired[0].basis == measure.basis
    matter = next(m for m in CATALOG.matters.values() if measure.code in m.measures)
    outcome = evaluate(matter.code, data, TODAY)
    assert measure.code in _codes(outcome)
    assert VERDICTS.index(outcome.verdict) >= VERDICTS.index(measure.restriction)


@pytest.mark.parametrize(("measure", "trigger"), TRIGGERS)
def test_ended_records_do_not_fire(measure: Measure, trigger: Trigger) -> None:
    for label, data in _aged_out(trigger, _satisfying(trigger)):
        assert fire(measure, data, TODAY) == [], label


@pytest.mark.parametrize("matter", list(CATALOG.matters))
def test_nothing_on_record_passes(matter: str) -> None:
    outcome = evaluate(matter, BASE, TODAY)
    assert (outcome.verdict, outcome.fired, outcome.label) == ("pass", [], "通过")
    assert outcome.checked == CATALOG.matter(matter).measures


# --- explicit cases: which measure, what verdict, until when ----------------------------------


def _lists(*entries: ListRecord) -> CheckInput:
    return replace(BASE, lists=entries)


def _pen(decided: str = "2026-01-10", **kw: Any) -> CheckInput:
    return replace(BASE, penalties=(_penalty(decision_date=D(decided), **kw),))


GPL = "《中华人民共和国政府采购法》第七十七条"
BIDDING_54 = "《中华人民共和国招标投标法》第五十四条"
BID_BAN_2Y = "取消其二年内参加依法必须进行招标的项目的投标资格并予以公告"
WAGES = "拖欠农民工工资失信联合惩戒对象名单"
CASES = [
    # (case, matter, input, measure, verdict, until)
    ("采购名单：名单有效期", "GOV_PROCUREMENT",
     _lists(_listing("serious", "政府采购严重违法失信行为记录名单", valid_until=D("2027-03-01"))),
     "GOV_PROC_BAN", "prohibited", D("2027-03-01")),
    ("采购禁入：决定载明二年", "GOV_PROCUREMENT",
     _pen("2025-09-01", content="罚款2万元，列入不良行为记录名单，禁止其二年内参加政府采购活动"),
     "GOV_PROC_BAN", "prohibited", D("2027-09-01")),
    ("采购禁入：处罚有效期优先", "GOV_PROCUREMENT",
     _pen("2025-09-01", valid_until=D("2026-12-31"), content="禁止其二年内参加政府采购活动"),
     "GOV_PROC_BAN", "prohibited", D("2026-12-31")),
    ("采购禁入：未载明期限按三年", "GOV_PROCUREMENT",
     _pen("2025-09-01", basis=GPL, content="列入不良行为记录名单"),
     "GOV_PROC_BAN", "prohibited", D("2028-09-01")),
    ("重大违法记录：三年内（末日）", "GOV_PROCUREMENT",
     _pen("2023-06-15", severity="严重", penalty_type="责令停产停业", publicity_end=D("2026-06-15")),
     "GOV_PROC_MAJOR_VIOLATION_3Y", "prohibited", D("2026-06-15")),
    ("失信被执行人拒绝采购", "GOV_PROCUREMENT",
     _lists(_listing("judgment_debtor", "失信被执行人", valid_until=None)),
     "GOV_PROC_CREDIT_LIST", "prohibited", None),
    ("重大税收违法拒绝采购", "GOV_PROCUREMENT", _lists(_listing("serious", "重大税收违法失信主体")),
     "GOV_PROC_CREDIT_LIST", "prohibited", D("2028-01-09")),
    ("投标资格：第五十四条载明二年", "BIDDING", _pen("2025-03-01", basis=BIDDING_54, content=BID_BAN_2Y),
     "BIDDING_BAN", "prohibited", D("2027-03-01")),
    ("投标资格：未载明按五年", "BIDDING",
     _pen("2022-03-01", publicity_end=D("2023-03-01"), content="取消投标资格"),
     "BIDDING_BAN", "prohibited", D("2027-03-01")),
    ("严重失信限制投标", "BIDDING", _lists(_listing("serious", "市场监督管理严重违法失信名单")),
     "BIDDING_DISHONEST_LIST", "restricted", D("2028-01-09")),
    ("限制申请财政资金", "FISCAL_FUNDS", _lists(_listing("serious", "重大税收违法失信主体")),
     "FISCAL_FUNDS_RESTRICT", "restricted", D("2028-01-09")),
    ("虚假材料一年内不得再申请", "FOOD_LICENCE",
     _pen("2025-08-01", severity="轻微", penalty_type="警告", publicity_end=None,
          basis="《中华人民共和国行政许可法》第七十八条"),
     "LICENSING_FALSE_MATERIALS_1Y", "prohibited", D("2026-08-01")),
    ("欺骗取得许可三年内不得再申请", "CONSTRUCTION_PERMIT",
     _pen("2024-02-29", penalty_type="撤销许可", facts="以欺骗、贿赂等不正当手段取得行政许可"),
     "LICENSING_FRAUD_3Y", "prohibited", D("2027-02-28")),
    ("吊销食品许可五年", "FOOD_LICENCE",
     _pen("2022-01-10", severity="严重", publicity_end=D("2025-01-10"), content="吊销食品经营许可证"),
     "FOOD_LICENCE_REVOKED_5Y", "prohibited", D("2027-01-10")),
    ("拖欠农民工工资", "CONSTRUCTION_PERMIT", _lists(_listing("serious", WAGES)),
     "WAGE_ARREARS_RESTRICT", "restricted", D("2028-01-09")),
    ("吊销营业执照未逾三年", "DIRECTOR_APPOINT",
     _pen("2024-01-10", severity="严重", penalty_type="吊销营业执照", publicity_end=D("2027-01-10")),
     "DIRECTOR_REVOKED_3Y", "caution", D("2027-01-10")),
    ("容缺受理违诺三年", "TOLERANT_ACCEPTANCE",
     replace(BASE, breached_commitments=(BreachedCommitment("C1", "容缺受理型", D("2024-01-10"), "逾期"),)),
     "TOLERANT_ACCEPTANCE_EXCLUDE", "restricted", D("2027-01-10")),
    ("D 级不适用容缺", "TOLERANT_ACCEPTANCE", replace(BASE, grade="D"),
     "TOLERANT_ACCEPTANCE_EXCLUDE", "restricted", None),
    ("告知承诺：处罚公示中", "NOTIFY_COMMIT", _pen(severity="严重", publicity_end=D("2029-01-10")),
     "NOTIFY_COMMIT_EXCLUDE", "restricted", D("2029-01-10")),
    ("评优：严重处罚公示中", "HONOURS", _pen(severity="严重", publicity_end=D("2026-06-15")),
     "HONOURS_EXCLUDE", "prohibited", D("2026-06-15")),
    ("重点关注仅提示", "BIDDING", _lists(_listing("watch", "重点关注名单")),
     "WATCH_LIST_CAUTION", "caution", D("2028-01-09")),
    ("经营异常仅提示", "GOV_PROCUREMENT", _lists(_listing("abnormal", "经营异常名录", valid_until=None)),
     "ABNORMAL_LIST_CAUTION", "caution", None),
    ("一般处罚公示中提示", "GENERAL_LICENCE", _pen(),
     "PENALTY_PUBLICITY_CAUTION", "caution", D("2027-01-10")),
    ("D 级提示", "FISCAL_FUNDS", replace(BASE, grade="D"), "LOW_GRADE_CAUTION", "caution", None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("matter", "data", "measure", "verdict", "until"),
    [pytest.param(*c[1:], id=c[0]) for c in CASES],
)
def test_measure_verdict_and_until(
    matter: str, data: CheckInput, measure: str, verdict: str, until: date | None
) -> None:
    outcome = evaluate(matter, data, TODAY)
    assert outcome.verdict == verdict
    fired = next(f for f in outcome.fired if f.code == measure)
    assert fired.until == until
    assert fired.until_note


@pytest.mark.parametrize(
    ("case", "data", "fires"),
    [
        ("有效期至今日仍有效", replace(BASE, lists=(_listing("serious", "X", valid_until=TODAY),)), True),
        ("有效期已过", replace(BASE, lists=(_listing("serious", "X", valid_until=D("2026-06-14")),)), False),
        ("今日移出", replace(BASE, lists=(_listing("serious", "X", removed_on=TODAY),)), False),
        ("尚未列入", replace(BASE, lists=(_listing("serious", "X", listed_on=D("2026-06-16")),)), False),
        ("未载明有效期", replace(BASE, lists=(_listing("serious", "X", valid_until=None),)), True),
        ("公示至今日", replace(BASE, penalties=(_penalty(severity="严重", publicity_end=TODAY),)), True),
        (
            "公示期已满",
            replace(BASE, penalties=(_penalty(severity="严重", publicity_end=D("2026-06-14")),)),
            False,
        ),
        ("未公示", replace(BASE, penalties=(_penalty(severity="严重", publicity_end=None),)), False),
        (
            "已信用修复",
            replace(BASE, penalties=(_penalty(severity="严重", repaired_on=D("2026-03-01")),)),
            False,
        ),
        ("一般处罚不够严重", replace(BASE, penalties=(_penalty(),)), False),
        (
            "未标失信程度按类别推定严重",
            replace(BASE, penalties=(_penalty(severity=None, penalty_type="吊销许可证"),)),
            True,
        ),
    ],
)
def test_when_records_count(case: str, data: CheckInput, fires: bool) -> None:
    """HONOURS_EXCLUDE reads both lists and serious penalties under publicity."""
    assert ("HONOURS_EXCLUDE" in _codes(evaluate("HONOURS", data, TODAY))) is fires


@pytest.mark.parametrize(
    ("decided", "fires"),
    [(D("2023-06-14"), False), (D("2023-06-15"), True), (D("2025-01-01"), True)],
)
def test_three_year_look_back_ends_on_the_corresponding_day(decided: date, fires: bool) -> None:
    p = _penalty(decision_date=decided, severity="严重", publicity_end=None)
    outcome = evaluate("GOV_PROCUREMENT", replace(BASE, penalties=(p,)), TODAY)
    assert ("GOV_PROC_MAJOR_VIOLATION_3Y" in _codes(outcome)) is fires


# --- the legal representative's own records ----------------------------------------------------


def _counts_rep_debtor(m: Measure) -> bool:
    return any(
        isinstance(t, ListTrigger)
        and t.subject != "entity"
        and ("judgment_debtor" in t.list_types or "失信被执行人" in t.categories)
        for t in m.triggers
    )


@pytest.mark.parametrize("matter", list(CATALOG.matters))
def test_legal_rep_debtor_fires_only_measures_that_count_the_rep(matter: str) -> None:
    outcome = evaluate(matter, replace(BASE, legal_rep_lists=(_rep_debtor(),)), TODAY)
    expected = [c for c in CATALOG.matter(matter).measures if _counts_rep_debtor(CATALOG.measures[c])]
    assert _codes(outcome) == sorted(expected, key=lambda c: -VERDICTS.index(CATALOG.measures[c].restriction))
    for f in outcome.fired:
        assert f.record.subject == "legal_rep"
        assert "法定代表人王瑞丰（3204**********0015）被列入失信被执行人" in f.record.summary
        assert REP_ID not in json.dumps(outcome.to_dict(), ensure_ascii=False)


def test_legal_rep_debtor_by_matter() -> None:
    data = replace(BASE, legal_rep_lists=(_rep_debtor(),))
    director = evaluate("DIRECTOR_APPOINT", data, TODAY)
    assert (director.verdict, _codes(director)) == ("prohibited", ["DIRECTOR_DEBTOR_BAN"])
    assert director.fired[0].until == D("2028-01-09")
    assert "HONOURS_EXCLUDE" in _codes(evaluate("HONOURS", data, TODAY))
    assert "TOLERANT_ACCEPTANCE_EXCLUDE" in _codes(evaluate("TOLERANT_ACCEPTANCE", data, TODAY))
    for matter in ("GOV_PROCUREMENT", "BIDDING", "FISCAL_FUNDS", "NOTIFY_COMMIT", "FOOD_LICENCE"):
        assert evaluate(matter, data, TODAY).verdict == "pass", matter


def test_entity_debtor_does_not_bar_the_person() -> None:
    data = replace(BASE, lists=(_listing("judgment_debtor", "失信被执行人"),))
    assert evaluate("DIRECTOR_APPOINT", data, TODAY).verdict == "pass"
    assert evaluate("GOV_PROCUREMENT", data, TODAY).verdict == "prohibited"


def test_director_ban_only_from_company_law_2023() -> None:
    data = replace(BASE, legal_rep_lists=(_rep_debtor(listed_on=D("2024-01-10")),))
    assert evaluate("DIRECTOR_APPOINT", data, D("2024-06-30")).verdict == "pass"
    assert evaluate("DIRECTOR_APPOINT", data, D("2024-07-01")).verdict == "prohibited"


def test_rep_records_under_both_lists_fire_once_each() -> None:
    """One listing, one fired row, even when two triggers of the measure match it."""
    rep = _listing("serious", "失信被执行人", "LP2", person_id=REP_ID, person_name="王瑞丰")
    data = replace(BASE, legal_rep_lists=(_rep_debtor(), rep))
    assert [f.record.id for f in evaluate("DIRECTOR_APPOINT", data, TODAY).fired] == ["LP", "LP2"]


# --- verdicts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("records", "verdict"),
    [
        ((), "pass"),
        ((_listing("watch", "重点关注名单", "W"),), "caution"),
        ((_listing("watch", "重点关注名单", "W"), _listing("abnormal", "经营异常名录", "A")), "caution"),
        (
            (
                _listing("watch", "重点关注名单", "W"),
                _listing("serious", "拖欠农民工工资失信联合惩戒对象名单", "S"),
            ),
            "restricted",
        ),
        (
            (
                _listing("serious", "拖欠农民工工资失信联合惩戒对象名单", "S"),
                _listing("judgment_debtor", "失信被执行人", "J"),
                _listing("watch", "重点关注名单", "W"),
            ),
            "prohibited",
        ),
    ],
)
def test_most_severe_restriction_wins(records: tuple[ListRecord, ...], verdict: str) -> None:
    outcome = evaluate("GOV_PROCUREMENT", replace(BASE, lists=records), TODAY)
    assert outcome.verdict == verdict
    assert outcome.label == VERDICT_LABELS[verdict]
    order = [VERDICTS.index(f.restriction) for f in outcome.fired]
    assert order == sorted(order, reverse=True)


def test_unknown_matter_is_a_clear_error() -> None:
    with pytest.raises(UnknownMatter, match="未知的审批事项代码“LAND_SALE”"):
        evaluate("LAND_SALE", BASE, TODAY)


def test_outcome_to_dict_is_json() -> None:
    data = replace(
        BASE, lists=(_listing("judgment_debtor", "失信被执行人", doc_no="（2025）苏0411执1号"),), grade="D"
    )
    out = json.loads(json.dumps(evaluate("GOV_PROCUREMENT", data, TODAY).to_dict(), ensure_ascii=False))
    assert out["matter"] == {"code": "GOV_PROCUREMENT", "name": "政府采购供应商资格审查"}
    assert (out["verdict"], out["verdict_label"], out["checked_on"]) == (
        "prohibited",
        "禁止办理",
        "2026-06-15",
    )
    first = out["fired"][0]
    assert first["code"] == "GOV_PROC_CREDIT_LIST" and first["restriction_label"] == "禁止办理"
    assert first["until"] == "2028-01-09" and "财库〔2016〕125号" in first["basis"]
    assert first["record"] == {
        "kind": "list",
        "summary": "列入失信被执行人（拒不履行，常州市新北区人民法院，2025-01-10 列入）",
        "id": "L1",
        "doc_no": "（2025）苏0411执1号",
        "subject": "entity",
    }
    assert out["fired"][-1]["record"]["summary"] == "公共信用评价等级为 D（信用风险高）"


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("取消其一年至二年内参加依法必须进行招标的项目的投标资格", 2),
        ("禁止其3年内参加政府采购活动", 3),
        ("两年以内不得参加", 2),
        ("2026年内完成整改", None),
        ("十二年内", None),
        ("罚款五万元", None),
        (None, None),
    ],
)
def test_years_stated_in_a_decision(text: str | None, years: int | None) -> None:
    assert _years_in_text(text) == years


def test_breached_commitment_from_dict() -> None:
    raw = {
        "code": "320411202601100000001",
        "type": "容缺受理型",
        "breached_on": "2026-01-10",
        "summary": "逾期",
    }
    assert BreachedCommitment.from_dict(raw) == BreachedCommitment(
        "320411202601100000001", "容缺受理型", D("2026-01-10"), "逾期"
    )
    assert BreachedCommitment.from_dict({**raw, "breached_on": D("2026-01-11")}).breached_on == D(
        "2026-01-11"
    )


# --- loading from a real encrypted cache -------------------------------------------------------

OTHER = complete("9132041112345678")
STRANGER_ID = "110101199003071234"


@pytest.fixture
def check_store(tmp_path: Path) -> Iterator[Store]:
    key = DbKey("\"x'" + "ab" * 32 + "'\"", "keyring")
    store = Store.open(tmp_path, key)
    with store.write_cache() as conn:
        bulk_insert_entities(
            conn,
            [
                {
                    "uscc": CODE,
                    "name": "常州新北瑞丰精密机械有限公司",
                    "legal_rep": "王瑞丰",
                    "legal_rep_id": REP_ID,
                    "grade": "C",
                },
                {"uscc": OTHER, "name": "常州瑞丰五金店", "legal_rep": "李四"},
            ],
        )
        lists = [
            ("l-own", CODE, None, "serious", WAGES, "2025-02-01", "2028-01-31", None),
            ("l-rep", None, REP_ID, "judgment_debtor", "失信被执行人", "2025-03-01", None, None),
            ("l-gone", CODE, None, "abnormal", "经营异常名录", "2024-01-01", None, "2025-01-01"),
            ("l-other", OTHER, None, "judgment_debtor", "失信被执行人", "2025-03-01", None, None),
            ("l-stranger", None, STRANGER_ID, "judgment_debtor", "失信被执行人", "2025-03-01", None, None),
        ]
        upsert_records(
            conn,
            list_entry,
            [
                {
                    "id": i,
                    "uscc": u,
                    "person_id": p,
                    "person_name": "王瑞丰" if p else None,
                    "list_type": t,
                    "category": c,
                    "listed_on": on,
                    "valid_until": until,
                    "removed_on": off,
                    "doc_no": f"doc-{i}",
                }
                for i, u, p, t, c, on, until, off in lists
            ],
        )
        upsert_records(
            conn,
            penalty,
            [
                {
                    "id": "p-open",
                    "uscc": CODE,
                    "decision_no": "常新市监处罚〔2026〕3号",
                    "severity": "严重",
                    "penalty_type": "罚款",
                    "fine_wan": 20.0,
                    "decision_date": "2026-02-01",
                    "publicity_end": "2029-02-01",
                },
                {
                    "id": "p-repaired",
                    "uscc": CODE,
                    "decision_no": "常新市监处罚〔2025〕5号",
                    "severity": "严重",
                    "decision_date": "2025-03-01",
                    "publicity_end": "2028-03-01",
                    "repaired_on": "2026-03-01",
                },
                {
                    "id": "p-other",
                    "uscc": OTHER,
                    "decision_no": "常新市监处罚〔2026〕9号",
                    "severity": "严重",
                    "decision_date": "2026-02-01",
                    "publicity_end": "2029-02-01",
                },
            ],
        )
    try:
        yield store
    finally:
        store.close()


def test_load_check_input_reads_entity_lists_rep_and_penalties(check_store: Store) -> None:
    breach = {"code": "C1", "type": "容缺受理型", "breached_on": "2026-01-10", "summary": "逾期未补齐材料"}
    with check_store.cache.connect() as conn:
        data = load_check_input(conn, CODE, [breach])
    assert data is not None
    assert (data.name, data.legal_rep, data.legal_rep_id, data.grade) == (
        "常州新北瑞丰精密机械有限公司",
        "王瑞丰",
        REP_ID,
        "C",
    )
    assert sorted(e.id for e in data.lists) == ["l-gone", "l-own"]
    assert [e.id for e in data.legal_rep_lists] == ["l-rep"]
    own = next(e for e in data.lists if e.id == "l-own")
    assert (own.listed_on, own.valid_until, own.removed_on, own.doc_no) == (
        D("2025-02-01"),
        D("2028-01-31"),
        None,
        "doc-l-own",
    )
    assert sorted(p.id for p in data.penalties) == ["p-open", "p-repaired"]
    assert next(p for p in data.penalties if p.id == "p-repaired").repaired_on == D("2026-03-01")
    assert data.breached_commitments == (
        BreachedCommitment("C1", "容缺受理型", D("2026-01-10"), "逾期未补齐材料"),
    )

    honours = evaluate("HONOURS", data, TODAY)
    assert honours.verdict == "prohibited"
    assert {(f.code, f.record.id) for f in honours.fired} == {
        ("HONOURS_EXCLUDE", "l-own"),
        ("HONOURS_EXCLUDE", "l-rep"),
        ("HONOURS_EXCLUDE", "p-open"),
        ("WAGE_ARREARS_RESTRICT", "l-own"),
        ("PENALTY_PUBLICITY_CAUTION", "p-open"),
    }
    assert [f.record.id for f in evaluate("DIRECTOR_APPOINT", data, TODAY).fired] == ["l-rep"]
    tolerant = evaluate("TOLERANT_ACCEPTANCE", data, TODAY)
    assert "C1" in {f.record.id for f in tolerant.fired}


def test_load_check_input_without_rep_id_or_entity(check_store: Store) -> None:
    with check_store.cache.connect() as conn:
        other = load_check_input(conn, OTHER)
        assert load_check_input(conn, "91350200MA31E12PXF") is None
    assert other is not None
    assert [e.id for e in other.lists] == ["l-other"]
    assert other.legal_rep_lists == () and other.breached_commitments == ()
    assert [p.id for p in other.penalties] == ["p-other"]
    assert evaluate("GOV_PROCUREMENT", other, TODAY).verdict == "prohibited"


def test_load_check_input_uses_indexes(check_store: Store) -> None:
    """Every statement is an index lookup, so a check does not slow down as the cache grows."""
    statements: list[str] = []  # as SQLite ran them, parameters filled in

    with check_store.cache.connect() as conn:
        raw = conn.connection.driver_connection
        raw.set_trace_callback(statements.append)  # type: ignore[union-attr]
        try:
            assert load_check_input(conn, CODE) is not None
        finally:
            raw.set_trace_callback(None)  # type: ignore[union-attr]
        assert len(statements) == 3
        for sql in statements:
            plan = " | ".join(r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
            assert "SEARCH " in plan and "SCAN " not in plan, plan
