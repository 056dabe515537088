"""An entity's credit profile from a real encrypted cache, and ID masking."""

from __future__ import annotations

import json
from datetime import date

import pytest
import sqlalchemy as sa

from credit.domain.masking import mask_id
from credit.domain.uscc import complete
from credit.store.db import Store
from credit.store.loader import set_info, upsert_entities, upsert_records
from credit.store.profile import Profile, load_profile
from credit.store.tables import honour, judicial, licence, list_entry, penalty

CODE = "91110000600037341L"
OTHER = complete("9132041112345678")
REP_ID = "320411198807120015"
REP_ID_MASKED = "3204**********0015"
STRANGER_ID = "110101199003071234"
TODAY = date(2026, 6, 15)

ORDER = [
    "登记注册基础信息",
    "行政许可",
    "行政处罚",
    "荣誉",
    "严重失信",
    "重点关注",
    "经营（活动）异常",
    "信用承诺",
    "信用评价",
    "司法",
    "其他",
]


def _pen(rid: str, no: str, decided: str, end: str | None, **extra: object) -> dict[str, object]:
    row: dict[str, object] = {"id": rid, "uscc": CODE, "decision_no": no, "penalty_type": "罚款",
                              "severity": "一般", "decision_date": decided, "publicity_end": end}
    return {**row, **extra}


def _load(st: Store) -> None:
    with st.write_cache() as conn:
        upsert_entities(
            conn,
            [
                {
                    "uscc": CODE,
                    "name": "常州新北瑞丰精密机械有限公司",
                    "entity_type": "企业",
                    "legal_rep": "王瑞丰",
                    "legal_rep_id_type": "居民身份证",
                    "legal_rep_id": REP_ID,
                    "division_code": "320411",
                    "division_name": "常州市新北区",
                    "capital_wan": 500.0,
                    "established": "2012-03-08",
                    "grade": "B",
                    "grade_date": "2026-01-10",
                    "grade_unit": "常州市市场监督管理局",
                },
                {"uscc": OTHER, "name": "常州瑞丰五金店", "status": "注销"},
            ],
        )
        upsert_records(
            conn,
            penalty,
            [
                _pen("p-open", "常新市监处罚〔2026〕3号", "2026-02-01", "2027-02-01", fine_wan=2.0,
                     legal_rep_id=REP_ID),
                _pen("p-ended", "常新市监处罚〔2024〕9号", "2024-05-01", "2025-05-01"),
                _pen("p-today", "常新市监处罚〔2025〕7号", "2025-06-15", TODAY.isoformat()),
                _pen("p-none", "常新市监处罚〔2025〕1号", "2025-01-10", None, penalty_type="警告",
                     severity="轻微"),
                _pen("p-repaired", "常新市监处罚〔2025〕5号", "2025-03-01", "2026-03-01",
                     repaired_on="2025-09-01"),
                {"id": "p-other", "uscc": OTHER, "decision_no": "别家的处罚", "decision_date": "2025-03-01"},
            ],
        )
        upsert_records(
            conn,
            list_entry,
            [
                {"id": "l-removed", "uscc": CODE, "list_type": "serious", "category": "严重失信主体名单",
                 "listed_on": "2024-01-01", "removed_on": "2025-01-01", "removal_reason": "信用修复"},
                {"id": "l-lapsed", "uscc": CODE, "list_type": "serious", "category": "严重失信主体名单",
                 "listed_on": "2022-01-01", "removed_on": "2025-01-01", "removal_reason": "有效期届满"},
                {"id": "l-expired", "uscc": CODE, "list_type": "watch", "category": "重点关注名单",
                 "listed_on": "2024-06-01", "valid_until": "2025-06-01"},
                {"id": "l-today", "uscc": CODE, "list_type": "watch", "category": "重点关注名单",
                 "listed_on": "2025-06-15", "valid_until": TODAY.isoformat()},
                {"id": "l-abnormal", "uscc": CODE, "list_type": "abnormal", "category": "经营异常名录",
                 "reason": "未按规定报送年度报告", "listed_on": "2025-07-01"},
                {"id": "l-rep", "uscc": None, "person_name": "王瑞丰", "person_id": REP_ID,
                 "list_type": "judgment_debtor", "category": "失信被执行人", "listed_on": "2025-11-11"},
                {"id": "l-stranger", "uscc": None, "person_name": "李四", "person_id": STRANGER_ID,
                 "list_type": "serious", "category": "严重失信主体名单", "listed_on": "2025-11-11"},
                {"id": "l-other", "uscc": OTHER, "list_type": "serious", "category": "严重失信主体名单",
                 "listed_on": "2025-11-11"},
            ],
        )
        upsert_records(
            conn,
            licence,
            [
                {"id": "lic1", "uscc": CODE, "cert_name": "食品经营许可证", "cert_no": "JY13204110001",
                 "decision_date": "2025-01-01", "valid_from": "2025-01-01", "valid_to": None},
                {"id": "lic2", "uscc": CODE, "cert_name": "排污许可证", "decision_date": "2025-09-01",
                 "valid_from": "2025-09-01", "valid_to": "2030-08-31"},
            ],
        )
        upsert_records(
            conn, honour, [{"id": "h1", "uscc": CODE, "title": "守合同重信用企业", "level": "省级"}]
        )
        upsert_records(
            conn,
            judicial,
            [
                {"id": "j1", "uscc": CODE, "kind": "判决", "case_no": "(2025)苏0411民初1号"},
                {"id": "j2", "person_name": "王瑞丰", "person_id": REP_ID, "kind": "执行",
                 "case_no": "(2025)苏0411执2号"},
                {"id": "j3", "person_name": "李四", "person_id": STRANGER_ID, "kind": "执行"},
            ],
        )
        set_info(conn, as_of="2026-06-14T22:00:00+08:00", source="demo")


@pytest.fixture
def profile(store: Store) -> Profile:
    _load(store)
    with store.cache.connect() as conn:
        prof = load_profile(conn, CODE, today=TODAY)
    assert prof is not None
    return prof


def _section(prof: Profile, key: str) -> list[dict[str, object]]:
    return next(s for s in prof.sections if s.key == key).rows


def test_sections_in_report_order(profile: Profile) -> None:
    titles = [s.title for s in profile.sections]
    assert len(titles) == len(ORDER)
    for title, expected in zip(titles, ORDER, strict=True):
        assert expected in title
    assert [s.key for s in profile.sections] == [
        "registration", "licences", "penalties", "honours", "serious", "watch", "abnormal",
        "commitments", "evaluation", "judicial", "other",
    ]


def test_header(profile: Profile) -> None:
    assert (profile.uscc, profile.name, profile.status, profile.active) == (
        CODE, "常州新北瑞丰精密机械有限公司", "存续", True,
    )
    assert profile.grade == "B"
    assert profile.as_of == "2026-06-14T22:00:00+08:00"
    # abnormal in effect; serious removed, watch expired (the watch entry valid until today is
    # still in effect). The legal rep's own judgment-debtor listing is shown in its section
    # but is no flag of the entity.
    assert profile.flags == ("重点关注", "经营异常")


def test_registration_masks_id(profile: Profile) -> None:
    [reg] = _section(profile, "registration")
    assert reg["legal_rep_id"] == REP_ID_MASKED
    assert reg["legal_rep"] == "王瑞丰"
    assert reg["division"] == "常州市新北区 （320411）"
    assert reg["capital_wan"] == 500.0


def test_no_full_id_anywhere(profile: Profile) -> None:
    text = json.dumps(profile.to_dict(), ensure_ascii=False)
    assert REP_ID not in text and STRANGER_ID not in text
    assert REP_ID_MASKED in text


def test_penalties_publicity_and_repair(profile: Profile) -> None:
    section = next(s for s in profile.sections if s.key == "penalties")
    by_no = {r["decision_no"]: r for r in section.rows}
    assert set(by_no) == {
        "常新市监处罚〔2026〕3号",
        "常新市监处罚〔2024〕9号",
        "常新市监处罚〔2025〕7号",
        "常新市监处罚〔2025〕1号",
    }
    assert section.rows[0]["decision_no"] == "常新市监处罚〔2026〕3号"  # newest first
    dates = [r["decision_date"] for r in section.rows]
    assert dates == sorted(dates, reverse=True)
    assert by_no["常新市监处罚〔2026〕3号"]["publicity"] == "公示中，至 2027-02-01"
    assert by_no["常新市监处罚〔2026〕3号"]["under_publicity"] is True
    assert by_no["常新市监处罚〔2025〕7号"]["under_publicity"] is True  # last day still counts
    assert by_no["常新市监处罚〔2024〕9号"]["publicity"] == "公示期已满（2025-05-01 止）"
    assert by_no["常新市监处罚〔2024〕9号"]["under_publicity"] is False
    assert by_no["常新市监处罚〔2025〕1号"]["publicity"] == "不予公示"
    assert section.note is not None and "另有 1 条" in section.note and "信用修复" in section.note
    assert "legal_rep_id" not in by_no["常新市监处罚〔2026〕3号"]


def test_lists(profile: Profile) -> None:
    serious = _section(profile, "serious")
    assert {r["category"] for r in serious} == {"严重失信主体名单", "失信被执行人"}
    # removed through credit repair: hidden, counted in the note; lapsed: kept as history
    [removed] = [r for r in serious if r["category"] == "严重失信主体名单"]
    assert removed["listed_on"] == "2022-01-01"
    assert removed["removal"] == "已于 2025-01-01 移出（有效期届满）"
    assert removed["in_effect"] is False
    note = next(s for s in profile.sections if s.key == "serious").note
    assert note is not None and "另有 1 条" in note and "信用修复" in note
    assert removed["subject"] == "本主体"
    rep = next(r for r in serious if r["category"] == "失信被执行人")
    assert rep["removal"] == "在列" and rep["in_effect"] is True
    assert rep["subject"] == f"法定代表人 王瑞丰（{REP_ID_MASKED}）"

    watch = {str(r["listed_on"]): r for r in _section(profile, "watch")}
    assert watch["2024-06-01"]["removal"] == "有效期已满（2025-06-01）"
    assert watch["2024-06-01"]["in_effect"] is False
    assert watch["2025-06-15"]["removal"] == "在列"
    assert list(watch) == sorted(watch, reverse=True)

    [abnormal] = _section(profile, "abnormal")
    assert (abnormal["removal"], abnormal["reason"]) == ("在列", "未按规定报送年度报告")


def test_other_subjects_do_not_leak_in(profile: Profile) -> None:
    text = json.dumps(profile.to_dict(), ensure_ascii=False)
    assert "李四" not in text and "别家的处罚" not in text


def test_licences_honours_evaluation_judicial(profile: Profile) -> None:
    licences = _section(profile, "licences")
    assert [r["cert_name"] for r in licences] == ["排污许可证", "食品经营许可证"]
    assert licences[1]["valid"] == "2025-01-01 至 长期"
    assert licences[0]["valid"] == "2025-09-01 至 2030-08-31"
    assert _section(profile, "honours")[0]["title"] == "守合同重信用企业"
    assert _section(profile, "evaluation") == [
        {"grade": "B（信用风险一般）", "grade_date": "2026-01-10", "grade_unit": "常州市市场监督管理局"}
    ]
    judicial_rows = {r["case_no"]: r for r in _section(profile, "judicial")}
    assert judicial_rows["(2025)苏0411民初1号"]["subject"] == "本主体"
    assert judicial_rows["(2025)苏0411执2号"]["subject"] == "法定代表人 王瑞丰"
    assert len(judicial_rows) == 2
    commitments = next(s for s in profile.sections if s.key == "commitments")
    assert commitments.empty and commitments.note
    assert next(s for s in profile.sections if s.key == "other").empty


def test_minimal_entity(store: Store) -> None:
    _load(store)
    with store.cache.connect() as conn:
        prof = load_profile(conn, OTHER, today=TODAY)
    assert prof is not None
    assert (prof.status, prof.active, prof.grade) == ("注销", False, None)
    assert prof.flags == ("严重失信",)
    [reg] = _section(prof, "registration")
    assert reg["legal_rep_id"] == "" and reg["division"] == ""
    assert _section(prof, "evaluation") == []
    assert _section(prof, "penalties")[0]["publicity"] == "不予公示"
    assert next(s for s in prof.sections if s.key == "penalties").note is None
    # No legal representative ID: person-level entries of others never match.
    assert [r["subject"] for r in _section(prof, "serious")] == ["本主体"]


def test_unknown_code_and_missing_as_of(store: Store) -> None:
    with store.write_cache() as conn:
        upsert_entities(conn, [{"uscc": CODE, "name": "常州新北瑞丰精密机械有限公司"}])
    with store.cache.connect() as conn:
        assert load_profile(conn, OTHER) is None
        prof = load_profile(conn, CODE)
    assert prof is not None and prof.as_of is None and prof.flags == ()


def test_today_defaults_to_now(store: Store) -> None:
    _load(store)
    with store.cache.connect() as conn:
        prof = load_profile(conn, CODE)
        assert conn.execute(sa.select(sa.func.count()).select_from(penalty)).scalar() == 6
    assert prof is not None
    rows = {r["decision_no"]: r for r in _section(prof, "penalties")}
    expected = date.today().isoformat() <= "2027-02-01"
    assert rows["常新市监处罚〔2026〕3号"]["under_publicity"] is expected


# -- masking -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("110101199003071234", "1101**********1234"),
        ("11010119900307123X", "1101**********123X"),
        (" 110101199003071234 ", "1101**********1234"),
        ("110101900307123", "1101*******7123"),  # 15-digit old ID
        ("E12345678", "E123*5678"),
        ("12345678", "********"),
        ("123", "***"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_id(raw: str | None, masked: str) -> None:
    assert mask_id(raw) == masked


def test_mask_id_custom_widths() -> None:
    assert mask_id("110101199003071234", keep_head=6, keep_tail=0) == "110101" + "*" * 12
    assert mask_id("110101199003071234", keep_head=0, keep_tail=4) == "*" * 14 + "1234"
    assert mask_id("110101199003071234", keep_head=0, keep_tail=0) == "*" * 18
