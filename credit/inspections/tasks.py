"""The inspector's task list: each task of a plan with where it stands, and the plan's progress.

Nothing here is stored: a task is 待检查 until a draft exists (草稿), 已检查 once every matter of
the task has a finalised record; it is overdue after the plan's due date while not done, and
flagged when a record found a problem or a rectification order that followed is overdue.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa

from credit.inspections import drafts, followup, records
from credit.store.db import Store
from credit.store.tables import inspection_record, inspection_task

STATUSES = {"todo": "待检查", "draft": "检查中", "done": "已检查"}


@dataclass
class TaskRow:
    id: str
    plan_id: str
    seq: int
    uscc: str
    entity_name: str
    grade: str | None
    division_code: str | None
    division_name: str | None
    address: str | None
    sectors: list[str]
    matters: list[str]
    inspectors: list[dict[str, str]]
    due: str | None
    status: str = "todo"
    overdue: bool = False
    records: dict[str, dict[str, Any]] = field(default_factory=dict)  # matter → current record
    draft_ids: list[str] = field(default_factory=list)
    problem: bool = False
    rectification: str | None = None  # the most pressing order state, if any

    @property
    def status_label(self) -> str:
        return STATUSES[self.status]

    def to_dict(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        out["records"] = {m: {"id": r["id"], "record_no": r["record_no"], "result_code": r["result_code"]}
                          for m, r in self.records.items()}  # fmt: skip
        out["status_label"] = self.status_label
        return out


def task_rows(store: Store, plan_id: str, today: date) -> list[TaskRow]:
    from credit.domain.inspection_catalog import load_inspection_catalog

    catalog = load_inspection_catalog()
    with store.work.connect() as conn:
        rows = conn.execute(
            sa.select(inspection_task)
            .where(inspection_task.c.plan_id == plan_id)
            .order_by(inspection_task.c.seq)
        ).all()
    done = records.current_records(store, inspection_record.c.plan_id == plan_id)
    by_task: dict[str, dict[str, dict[str, Any]]] = {}
    for rec in done:
        if rec["task_id"]:
            by_task.setdefault(rec["task_id"], {})[rec["matter_code"]] = rec
    open_drafts: dict[str, list[str]] = {}
    for d in drafts.find(store, kind="inspection"):
        if d["task_id"]:
            open_drafts.setdefault(d["task_id"], []).append(d["id"])
    states = followup.order_states(store, today, record_ids=[r["id"] for r in done], catalog=catalog)
    order_of: dict[str, str] = {}
    rank = followup.URGENCY
    for s in states:
        rec_task = next((r["task_id"] for r in done if r["id"] == s.order["record_id"]), None)
        if rec_task and (rec_task not in order_of or rank[s.state] < rank[order_of[rec_task]]):
            order_of[rec_task] = s.state
    out: list[TaskRow] = []
    for r in rows:
        row = TaskRow(
            id=r.id,
            plan_id=r.plan_id,
            seq=r.seq,
            uscc=r.uscc,
            entity_name=r.entity_name,
            grade=r.grade,
            division_code=r.division_code,
            division_name=r.division_name,
            address=r.address,
            sectors=json.loads(r.sectors),
            matters=json.loads(r.matters),
            inspectors=json.loads(r.inspectors),
            due=r.due,
        )
        row.records = by_task.get(r.id, {})
        row.draft_ids = open_drafts.get(r.id, [])
        if all(m in row.records for m in row.matters):
            row.status = "done"
        elif row.draft_ids or row.records:
            row.status = "draft"
        row.overdue = row.status != "done" and bool(row.due) and today.isoformat() > str(row.due)
        row.problem = any(catalog.result(rec["result_code"]).problem for rec in row.records.values())
        row.rectification = order_of.get(r.id)
        out.append(row)
    return out


def progress(rows: list[TaskRow]) -> dict[str, int]:
    """Counts for the progress bar: total, each status, overdue, with problems."""
    counts = Counter(r.status for r in rows)
    return {
        "total": len(rows),
        **{k: counts.get(k, 0) for k in STATUSES},
        "overdue": sum(r.overdue for r in rows),
        "problem": sum(r.problem for r in rows),
    }
