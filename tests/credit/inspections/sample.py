"""A small, fully known cache for the inspection tests: entities per grade in two divisions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from credit.domain.roster import Roster, parse_roster
from credit.domain.uscc import complete
from credit.inspections.config import PlanConfig
from credit.store.db import Store
from credit.store.loader import bulk_insert_entities, set_info

DIVISION = "410526"
OTHER_DIVISION = "320411"
#: (grade, how many) in the main division; every entity sells food (the FOOD pool).
GRADES = (("A", 50), ("B", 100), ("C", 12), ("D", 4), (None, 20))
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
#: Entity 151 is declared a conflict by 李明 (by USCC), 152 by 赵磊 (by its legal rep): both C, always drawn.
REP_ID = "410526198001011232"
CONFLICT_USCC_N, CONFLICT_REP_N = 151, 152


def code(n: int, division: str = DIVISION) -> str:
    return complete(f"92{division}{n:08d}")


def entity(n: int, grade: str | None, division: str = DIVISION, **extra: Any) -> dict[str, Any]:
    return {
        "uscc": code(n, division),
        "name": f"滑县测试{n:03d}号食品店",
        "entity_type": "个体工商户",
        "legal_rep": f"经营者{n}",
        "division_code": division,
        "division_name": "河南省安阳市滑县" if division == DIVISION else "江苏省常州市新北区",
        "address": f"滑县道口镇人民路 {n} 号",
        "industry": "批发和零售业",
        "business_scope": "食品销售（仅销售预包装食品）；日用百货销售",
        "grade": grade,
        "status": "存续",
        **extra,
    }


def entities() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    n = 1
    for grade, count in GRADES:
        for _ in range(count):
            rows.append(entity(n, grade, legal_rep_id=REP_ID if n == CONFLICT_REP_N else None))
            n += 1
    rows.append(entity(900, "B", OTHER_DIVISION))  # outside the plan's division
    rows.append(entity(901, "C", status="注销"))  # deregistered: not in the pool
    rows.append({**entity(902, "B"), "industry": "制造业", "business_scope": "机械零部件加工"})  # not food
    return rows


def fill(store: Store, rows: Iterable[dict[str, Any]] | None = None) -> None:
    with store.write_cache() as conn:
        bulk_insert_entities(conn, list(rows if rows is not None else entities()))
        set_info(conn, as_of="2026-11-19T18:00:00+08:00", source="test")


ROSTER: dict[str, Any] = {
    "unit": "滑县市场监督管理局",
    "unit_code": "11410526MB1952409L",
    "inspectors": [
        {
            "name": "李明",
            "cert_no": "豫A001",
            "conflicts": [{"uscc": code(CONFLICT_USCC_N), "reason": "配偶经营"}],
        },
        {"name": "王芳", "cert_no": "豫A002"},
        {"name": "赵磊", "cert_no": "豫A003", "conflicts": [{"legal_rep_id": REP_ID, "reason": "亲属"}]},
        {"name": "孙静", "cert_no": "豫A004"},
        {"name": "周建国", "cert_no": "豫A005"},
        {"name": "陈晓燕", "cert_no": "豫A006", "active": False},
    ],
}


def roster(data: dict[str, Any] | None = None) -> Roster:
    return parse_roster(data or ROSTER, "测试名录")


def config(**over: Any) -> PlanConfig:
    values: dict[str, Any] = {
        "name": "2026年食品经营双随机抽查（测试）",
        "unit": "滑县市场监督管理局",
        "unit_code": "11410526MB1952409L",
        "year": 2026,
        "due": None,
        "divisions": (DIVISION,),
        "sectors": ("FOOD",),
    }
    values.update(over)
    return PlanConfig(**values)


def task_id(store: Store, doc: dict[str, Any], uscc: str) -> str:
    import sqlalchemy as sa

    from credit.store.tables import inspection_task

    with store.work.connect() as conn:
        return str(
            conn.execute(
                sa.select(inspection_task.c.id).where(
                    inspection_task.c.plan_id == doc["id"], inspection_task.c.uscc == uscc
                )
            ).scalar_one()
        )


def fill_draft(data: dict[str, Any], inspected_at: datetime, result: str = "01") -> dict[str, Any]:
    """A complete inspection: every item 符合 (or the first 不符合 for a finding), two inspectors."""
    for i, answer in enumerate(data["answers"].values()):
        fail = result in ("02", "09") and i == 0
        answer.update(answer="不符合" if fail else "符合", note="未建立进货查验记录" if fail else "")
    data.update(
        result_code=result,
        inspected_at=inspected_at.astimezone().isoformat(timespec="minutes"),
        place=data["place"] or "经营场所",
    )
    if len(data["inspectors"]) < 2:
        data["inspectors"] = [{"name": "李明", "cert_no": "豫A001"}, {"name": "王芳", "cert_no": "豫A002"}]
    return data


def finalised_for(
    store: Store, operator: Any, doc: dict[str, Any], uscc: str, now: datetime, result: str = "01"
) -> dict[str, Any]:
    """Inspect one task of a plan an hour before ``now`` and finalise it at ``now``."""
    from datetime import timedelta

    from credit.inspections import drafts, records

    draft = records.start_for_task(store, operator, task_id(store, doc, uscc))
    drafts.save(store, draft["id"], fill_draft(draft["data"], now - timedelta(hours=1), result))
    return records.finalise(store, operator, draft["id"], now=now)
