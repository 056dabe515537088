"""A handful of entities with every kind of record, small enough to read in a test."""

from __future__ import annotations

from typing import Any

from credit.domain.uscc import complete
from credit.store.db import Store
from credit.store.loader import bulk_insert_entities, set_info, upsert_records
from credit.store.tables import honour, judicial, licence, list_entry, penalty

RUIFENG = complete("91320411MA1MXK3Q")  # C, penalties, on the serious list
RUIFENG_TRADE = complete("91320411MA1NB2C3")  # A, clean
RUIFENG_HOTEL = complete("91320411MA20R4T5")  # deregistered, D
XINBEI_FOOD = complete("91320411MA1P7W8X")  # B, abnormal list entry removed
HUAXIAN_SHOP = complete("92410526MA40QW2E")  # individual business, no grade

LEGAL_REP_ID = "320411198001011234"

ENTITIES: list[dict[str, Any]] = [
    {
        "uscc": RUIFENG,
        "name": "常州新北瑞丰精密机械有限公司",
        "entity_type": "企业",
        "legal_rep": "王建国",
        "legal_rep_id": LEGAL_REP_ID,
        "reg_authority": "常州市新北区市场监督管理局",
        "division_code": "320411",
        "division_name": "常州市新北区",
        "address": "常州市新北区汉江路 88 号",
        "industry": "通用设备制造业",
        "capital_wan": 500.0,
        "established": "2015-06-18",
        "grade": "C",
        "grade_date": "2026-06-30",
        "grade_unit": "常州市新北区市场监督管理局",
    },
    {
        "uscc": RUIFENG_HOTEL,
        "name": "常州新北瑞丰大酒店有限公司",
        "status": "注销",
        "grade": "D",
        "division_name": "常州市新北区",
    },
    {
        "uscc": RUIFENG_TRADE,
        "name": "常州新北瑞丰贸易有限公司",
        "grade": "A",
        "legal_rep": "李丽",
        "division_name": "常州市新北区",
    },
    {
        "uscc": XINBEI_FOOD,
        "name": "常州新北百味食品店（个人独资）",
        "grade": "B",
        "division_name": "常州市新北区",
    },
    {"uscc": HUAXIAN_SHOP, "name": "滑县老街便民超市", "division_name": "安阳市滑县"},
]

RECORDS: list[tuple[Any, list[dict[str, Any]]]] = [
    (
        penalty,
        [
            {
                "id": "pen-1",
                "uscc": RUIFENG,
                "decision_no": "常新市监处罚〔2026〕12号",
                "violation_type": "产品质量",
                "facts": "生产销售不合格产品 <b>压力表</b>",
                "penalty_type": "罚款；没收违法所得",
                "fine_wan": 12.5,
                "decision_date": "2026-05-01",
                "publicity_end": "2099-05-01",
                "severity": "一般",
                "authority": "常州市新北区市场监督管理局",
            },
            {
                "id": "pen-2",
                "uscc": RUIFENG,
                "decision_no": "常新市监处罚〔2023〕3号",
                "penalty_type": "警告",
                "decision_date": "2023-02-01",
                "publicity_end": "2023-05-01",
                "severity": "轻微",
            },
            {
                "id": "pen-3",
                "uscc": RUIFENG,
                "decision_no": "常新市监处罚〔2024〕9号",
                "penalty_type": "罚款",
                "decision_date": "2024-03-01",
                "publicity_end": "2027-03-01",
                "repaired_on": "2025-01-10",
            },
        ],
    ),
    (
        list_entry,
        [
            {
                "id": "list-1",
                "uscc": RUIFENG,
                "list_type": "serious",
                "category": "严重违法失信名单",
                "reason": "生产销售不合格产品，情节严重",
                "deciding_unit": "常州市市场监督管理局",
                "listed_on": "2026-06-01",
                "valid_until": "2029-06-01",
            },
            {
                "id": "list-2",
                "uscc": XINBEI_FOOD,
                "list_type": "abnormal",
                "category": "经营异常名录",
                "reason": "未按规定报送年度报告",
                "listed_on": "2024-07-01",
                "removed_on": "2025-03-02",
                "removal_reason": "已补报年度报告",
            },
            {
                "id": "list-3",
                "uscc": XINBEI_FOOD,
                "list_type": "watch",
                "category": "重点关注名单",
                "reason": "食品安全抽检不合格",
                "listed_on": "2026-09-01",
            },
        ],
    ),
    (
        licence,
        [
            {
                "id": "lic-1",
                "uscc": RUIFENG,
                "cert_name": "工业产品生产许可证",
                "cert_no": "(苏)XK06-001-00123",
                "category": "普通",
                "decision_date": "2024-01-05",
                "valid_from": "2024-01-05",
                "valid_to": "2029-01-04",
                "authority": "江苏省市场监督管理局",
                "status": "有效",
            }
        ],
    ),
    (
        honour,
        [
            {
                "id": "hon-1",
                "uscc": RUIFENG_TRADE,
                "title": "守合同重信用企业",
                "level": "省级",
                "granted_on": "2025-12-01",
            }
        ],
    ),
    (
        judicial,
        [
            {
                "id": "jud-1",
                "uscc": RUIFENG,
                "kind": "执行",
                "case_no": "(2026)苏0411执123号",
                "court": "常州市新北区人民法院",
                "filed_on": "2026-04-02",
                "status": "执行中",
            }
        ],
    ),
]


def fill(store: Store) -> None:
    with store.write_cache() as conn:
        bulk_insert_entities(conn, ENTITIES)
        for table, rows in RECORDS:
            upsert_records(conn, table, rows)
        set_info(conn, as_of="2026-11-21T18:02:00+08:00", source="test")
