"""Follow-up of findings: rectification orders (限期整改) and interviews (提示约谈 / 警示约谈).

An order is issued from a finalised record that found a problem, with a deadline in working
days; its state is never written back but derived from what follows it: a finalised follow-up
inspection naming the order (rectified or not), or nothing yet (open, overdue after the
deadline). Overdue and unrectified orders offer an interview (谁认定、谁约谈); the interview is
queued for sync, which is how it enters the entity's credit record.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

from credit.domain.inspection_catalog import FAIL, InspectionCatalog, load_inspection_catalog
from credit.domain.workdays import NoCalendarData, add_working_days, working_days_between
from credit.inspections import InspectionError, drafts, records
from credit.operator import NO_UNIT, Operator
from credit.store import audit, outbox
from credit.store.db import Store
from credit.store.tables import inspection_record, interview, rectification_order

STATES = {
    "open": "整改期内",
    "overdue": "逾期未整改",
    "rectified": "已整改",
    "rectified_late": "逾期整改",  # rectified, but the follow-up found it after the deadline
    "not_rectified": "复查未整改",
}
#: Most pressing first: what a list of orders is sorted by and a task shows.
URGENCY = {"overdue": 0, "not_rectified": 1, "open": 2, "rectified_late": 3, "rectified": 4}
SIDES = ("regulator", "entity")


def _moment(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).astimezone()


def _provenance(operator: Operator, moment: datetime) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "operator": operator.user,
        "unit": operator.unit,
        "device": operator.device,
        "created_utc": moment.astimezone(UTC).isoformat(timespec="seconds"),
        "created_local": moment.isoformat(timespec="seconds"),
    }


def _lines(values: Iterable[str]) -> list[str]:
    return [v.strip() for v in values if v and v.strip()]


def problems_of(record: Mapping[str, Any]) -> list[str]:
    """The record's 不符合 items as order sentences, to start the order's problem list from."""
    return [
        f"{a['text']}（{a['basis']}）：{a['note']}" if a.get("note") else f"{a['text']}（{a['basis']}）"
        for a in record["answers"]
        if a.get("answer") == FAIL
    ]


def issue_rectification(
    store: Store,
    operator: Operator,
    record_id: str,
    *,
    problems: Iterable[str],
    requirement: str,
    issued_on: date,
    working_days: int | None = None,
    deadline: date | None = None,
    draft_id: str | None = None,
    catalog: InspectionCatalog | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Order the entity to correct ``problems`` within ``working_days`` (or by ``deadline``)."""
    catalog = catalog or load_inspection_catalog()
    rec = records.get(store, record_id)
    if rec is None:
        raise InspectionError("找不到该检查记录。")
    found: list[str] = []
    if not catalog.result(rec["result_code"]).problem and not problems_of(rec):
        raise InspectionError(
            f"检查记录 {rec['record_no']} 的结果为“{rec['result_code']} {rec['result_name']}”，"
            "没有发现需要整改的问题，不能据此下达整改通知。如检查结果有误，请先更正该记录。"
        )
    newer = records.current_records(store, inspection_record.c.corrects == record_id)
    if newer:
        raise InspectionError(
            f"检查记录 {rec['record_no']} 已被 {newer[0]['record_no']} 更正，请依据更正后的记录下达整改通知。"
        )
    items = _lines(problems)
    if not items:
        found.append("请写明需要整改的问题（至少一项）。")
    if not (requirement or "").strip():
        found.append("请填写整改要求。")
    inspected = records.parse_moment(rec["inspected_at"]).date()
    if issued_on < inspected:
        found.append(f"整改通知日期 {issued_on} 早于检查日期 {inspected}。")
    if working_days is None and deadline is None:
        working_days = catalog.rectification_working_days
    if working_days is not None:
        if working_days < 1:
            found.append("整改期限应至少为 1 个工作日。")
        else:
            try:
                deadline = add_working_days(issued_on, working_days)
            except NoCalendarData as exc:
                found.append(f"无法按工作日计算整改期限：{exc.reason}也可直接填写整改截止日期。")
    if deadline is not None and deadline <= issued_on:
        found.append(f"整改截止日期 {deadline} 应晚于通知日期 {issued_on}。")
    if found:
        raise InspectionError(found)
    assert deadline is not None
    moment = _moment(now)
    row = {
        **_provenance(operator, moment),
        "record_id": record_id,
        "uscc": rec["party_code"],
        "entity_name": rec["party_name"],
        "problems": json.dumps(items, ensure_ascii=False),
        "requirement": requirement.strip(),
        "issued_on": issued_on.isoformat(),
        "working_days": working_days,
        "deadline": deadline.isoformat(),
        "issuing_unit": operator.unit or rec["agency"],
    }
    row["order_no"] = f"ZG{issued_on:%Y%m%d}-{row['id'][:8].upper()}"
    with store.write_work() as work:
        work.execute(rectification_order.insert().values(**row))
        stored = {**row, "problems": items}
        outbox.enqueue(work, "rectification", row["id"], stored)
        audit.append(
            work,
            user=operator.user,
            device=operator.device,
            action="rectification_issue",
            uscc=row["uscc"],
            detail={
                "id": row["id"],
                "order_no": row["order_no"],
                "record_id": record_id,
                "deadline": row["deadline"],
            },
        )
        if draft_id:
            drafts.delete(work, draft_id)
    return stored


@dataclass(frozen=True)
class OrderState:
    order: dict[str, Any]
    state: str  # a key of STATES
    follow_up: dict[str, Any] | None
    interviews: list[dict[str, Any]]
    working_days_overdue: int | None

    @property
    def label(self) -> str:
        return STATES[self.state]

    @property
    def needs_interview(self) -> bool:
        """Overdue or found unrectified, and no interview about it yet."""
        return self.state in ("overdue", "not_rectified") and not self.interviews


def _order(row: Any) -> dict[str, Any]:
    out = dict(row._mapping)
    out["problems"] = json.loads(out["problems"])
    return out


def order_states(
    store: Store,
    today: date,
    *,
    uscc: str | None = None,
    record_ids: Iterable[str] | None = None,
    catalog: InspectionCatalog | None = None,
) -> list[OrderState]:
    """Every order (or those of an entity / of some records) with its derived state."""
    catalog = catalog or load_inspection_catalog()
    q = sa.select(rectification_order).order_by(rectification_order.c.deadline)
    if uscc:
        q = q.where(rectification_order.c.uscc == uscc)
    if record_ids is not None:
        q = q.where(rectification_order.c.record_id.in_(list(record_ids)))
    with store.work.connect() as conn:
        orders = [_order(r) for r in conn.execute(q)]
        talks: dict[str, list[dict[str, Any]]] = {}
        if orders:
            for r in conn.execute(
                sa.select(interview).where(interview.c.rectification_id.in_([o["id"] for o in orders]))
            ):
                talks.setdefault(r.rectification_id, []).append(_interview(r))
    follow = {}
    if orders:
        for rec in records.current_records(
            store, inspection_record.c.rectification_id.in_([o["id"] for o in orders])
        ):
            follow[rec["rectification_id"]] = rec
    out: list[OrderState] = []
    for o in orders:
        f = follow.get(o["id"])
        deadline = date.fromisoformat(o["deadline"])
        late: int | None = None
        if f is not None:
            state = "not_rectified" if catalog.result(f["result_code"]).problem else "rectified"
            found_on = records.parse_moment(f["inspected_at"]).date()
            if state == "rectified" and found_on > deadline:  # done, but late: that stays on record
                state = "rectified_late"
                try:
                    late = working_days_between(deadline, found_on)
                except NoCalendarData:
                    late = None
        elif today > deadline:
            state = "overdue"
            try:
                late = working_days_between(deadline, today)
            except NoCalendarData:
                late = None
        else:
            state = "open"
        out.append(OrderState(o, state, f, talks.get(o["id"], []), late))
    return out


def start_follow_up(store: Store, operator: Operator, order_id: str) -> dict[str, Any]:
    """The follow-up inspection (复查) draft of an order, reusing an open one."""
    catalog = load_inspection_catalog()
    with store.work.connect() as conn:
        row = conn.execute(sa.select(rectification_order).where(rectification_order.c.id == order_id)).first()
    if row is None:
        raise InspectionError("找不到该整改通知。")
    for d in drafts.find(store, kind="inspection", uscc=row.uscc):
        if d["data"].get("rectification_id") == order_id:
            return d
    original = records.get(store, row.record_id)
    assert original is not None  # a foreign key
    return records.start_ad_hoc(
        store,
        operator,
        row.uscc,
        original["matter_code"],
        catalog.follow_up_category,
        inspectors=original["inspectors"],
        rectification_id=order_id,
        catalog=catalog,
    )


# -- interviews ------------------------------------------------------------------------------


def _interview(row: Any) -> dict[str, Any]:
    out = dict(row._mapping)
    out["participants"] = json.loads(out["participants"])
    return out


def record_interview(
    store: Store,
    operator: Operator,
    *,
    uscc: str,
    entity_name: str,
    kind: str,
    held_on: date,
    participants: Iterable[Mapping[str, str]],
    content: str,
    undertakings: str,
    place: str = "",
    rectification_id: str | None = None,
    draft_id: str | None = None,
    catalog: InspectionCatalog | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Record an interview (提示约谈 / 警示约谈) with its outbox and audit rows."""
    catalog = catalog or load_inspection_catalog()
    moment = _moment(now)
    found: list[str] = []
    kinds = [k.name for k in catalog.interview_kinds]
    if kind not in kinds:
        found.append(f"请选择约谈方式（{'、'.join(kinds)}）。")
    if held_on > moment.date():
        found.append(f"约谈日期 {held_on} 晚于今天：请在约谈后记录。")
    people = [
        {
            "name": str(p.get("name") or "").strip(),
            "side": p.get("side") or "",
            "role": str(p.get("role") or "").strip(),
        }
        for p in participants
        if str(p.get("name") or "").strip()
    ]
    if any(p["side"] not in SIDES for p in people):
        found.append("参加人员须注明是约谈方（执法人员）还是被约谈方。")
    if not any(p["side"] == "regulator" for p in people):
        found.append("请填写约谈方（执法人员）的参加人员。")
    if not any(p["side"] == "entity" for p in people):
        found.append("请填写被约谈方（主体负责人或其委托的人员）的参加人员。")
    if not (content or "").strip():
        found.append("请填写约谈内容。")
    if not (undertakings or "").strip():
        found.append("请填写被约谈方的承诺或整改措施。")
    if not (entity_name or "").strip() or not (uscc or "").strip():
        found.append("请指明被约谈的主体。")
    if rectification_id:
        with store.work.connect() as conn:
            order = conn.execute(
                sa.select(rectification_order.c.uscc, rectification_order.c.issued_on).where(
                    rectification_order.c.id == rectification_id
                )
            ).first()
        if order is None:
            found.append("所关联的整改通知不存在。")
        elif order.uscc != uscc:
            found.append("约谈的主体与整改通知的主体不一致。")
        elif held_on.isoformat() < order.issued_on:
            found.append(f"约谈日期 {held_on} 早于整改通知日期 {order.issued_on}。")
    if found:
        raise InspectionError(found)
    row = {
        **_provenance(operator, moment),
        "uscc": uscc,
        "entity_name": entity_name.strip(),
        "kind": kind,
        "held_on": held_on.isoformat(),
        "place": place.strip() or None,
        "participants": json.dumps(people, ensure_ascii=False),
        "content": content.strip(),
        "undertakings": undertakings.strip(),
        "interviewing_unit": operator.unit or NO_UNIT,
        "rectification_id": rectification_id,
    }
    row["interview_no"] = f"YT{held_on:%Y%m%d}-{row['id'][:8].upper()}"
    with store.write_work() as work:
        work.execute(interview.insert().values(**row))
        stored = {**row, "participants": people}
        outbox.enqueue(work, "interview", row["id"], stored)
        audit.append(
            work,
            user=operator.user,
            device=operator.device,
            action="interview_record",
            uscc=uscc,
            detail={
                "id": row["id"],
                "interview_no": row["interview_no"],
                "kind": kind,
                "rectification_id": rectification_id,
            },
        )
        if draft_id:
            drafts.delete(work, draft_id)
    return stored


def interviews_for(store: Store, uscc: str) -> list[dict[str, Any]]:
    with store.work.connect() as conn:
        rows = conn.execute(
            sa.select(interview).where(interview.c.uscc == uscc).order_by(interview.c.held_on)
        )
        return [_interview(r) for r in rows]


# -- drafts of the follow-up forms ---------------------------------------------------------


def rectification_draft(
    store: Store, operator: Operator, record_id: str, today: date, catalog: InspectionCatalog | None = None
) -> dict[str, Any]:
    """The open order draft for a record, or a new one starting from the record's findings."""
    catalog = catalog or load_inspection_catalog()
    for d in drafts.find(store, kind="rectification"):
        if d["data"].get("record_id") == record_id:
            return d
    rec = records.get(store, record_id)
    if rec is None:
        raise InspectionError("找不到该检查记录。")
    data = {
        "record_id": record_id,
        "uscc": rec["party_code"],
        "entity_name": rec["party_name"],
        "problems": problems_of(rec) or ([rec["findings"]] if rec.get("findings") else []),
        "requirement": catalog.rectification_requirement,
        "issued_on": today.isoformat(),
        "working_days": catalog.rectification_working_days,
        "deadline": None,
    }
    return drafts.create(store, operator, "rectification", data, uscc=rec["party_code"])


def interview_draft(
    store: Store,
    operator: Operator,
    *,
    uscc: str,
    entity_name: str,
    today: date,
    rectification_id: str | None = None,
    inspectors: Iterable[Mapping[str, str]] = (),
    catalog: InspectionCatalog | None = None,
) -> dict[str, Any]:
    """The open interview draft for an order (or entity), or a new one."""
    catalog = catalog or load_inspection_catalog()
    for d in drafts.find(store, kind="interview", uscc=uscc):
        if d["data"].get("rectification_id") == rectification_id:
            return d
    data = {
        "uscc": uscc,
        "entity_name": entity_name,
        "rectification_id": rectification_id,
        "kind": catalog.interview_kinds[0].name,
        "held_on": today.isoformat(),
        "place": "",
        "participants": [
            {"name": i.get("name", ""), "side": "regulator", "role": "执法人员"} for i in inspectors
        ]
        + [{"name": "", "side": "entity", "role": "负责人"}],
        "content": "",
        "undertakings": "",
    }
    return drafts.create(store, operator, "interview", data, uscc=uscc)
