"""Are the finalised records still what was written? One check for everything insert-only.

Triggers keep the program itself from changing a finalised inspection record, a drawn plan or a
window check, but someone with the key and a SQLite shell can drop a trigger, edit a row and put
the trigger back. Two witnesses catch that: each inspection record's verification code is
recomputed from the row (the printed code no longer matches an edited row), and every record is
compared with the audit row written in the same transaction, which the hash chain protects (an
edited row *with* a recomputed code still disagrees with its audit row). ``creditdesk audit
verify`` runs this after the chain check, so tampering is reported in one place.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from credit.store.tables import (
    audit_log,
    check_record,
    inspection_plan,
    inspection_record,
    rectification_order,
)

#: (table, audit action(s), the detail key naming the record)
_AUDITED = {
    "inspection_record": (("inspection_finalise", "inspection_correct"), "record_id"),
    "inspection_plan": (("plan_draw",), "plan_id"),
    "rectification_order": (("rectification_issue",), "id"),
    "check_record": (("window_check",), "check_id"),
}


@dataclass
class RecordsResult:
    """What was checked (table → rows) and every row found altered, in Chinese."""

    checked: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    altered: set[str] = field(default_factory=set)  # ids of the altered records

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "checked": self.checked, "problems": self.problems}


def _audit_details(conn: sa.Connection, actions: Iterable[str], key: str) -> dict[str, dict[str, Any]]:
    rows = conn.execute(sa.select(audit_log.c.detail).where(audit_log.c.action.in_(list(actions))))
    out: dict[str, dict[str, Any]] = {}
    for (text,) in rows:
        detail = json.loads(text) if text else {}
        if detail.get(key):
            out[str(detail[key])] = detail
    return out


def _compare(
    result: RecordsResult,
    what: str,
    record_id: str,
    detail: Mapping[str, Any] | None,
    pairs: Iterable[tuple[str, str, Any]],
) -> None:
    """Record vs. its audit row: each (audit key, label, value in the row) must agree."""
    if detail is None:
        result.problems.append(f"{what}：审计日志中没有写入该记录的那一条（记录可能是绕过程序插入的）。")
        result.altered.add(record_id)
        return
    for key, label, value in pairs:
        if key in detail and detail[key] != value:
            result.problems.append(
                f"{what}：{label}为“{value}”，写入时的审计记录为“{detail[key]}”（记录被改动）。"
            )
            result.altered.add(record_id)


def recomputed_code(row: Mapping[str, Any]) -> str:
    """The verification code an inspection record row carries if it is unaltered."""
    from credit.inspections.records import content_for_verification
    from credit.reports.verification import verification_code

    return verification_code(content_for_verification(row))


def inspection_record_problems(conn: sa.Connection, record_id: str) -> list[str]:
    """Problems of one inspection record (empty: unaltered), for printing to refuse on."""
    row = conn.execute(sa.select(inspection_record).where(inspection_record.c.id == record_id)).first()
    if row is None:
        return []
    actions, key = _AUDITED["inspection_record"]
    texts = conn.execute(
        sa.select(audit_log.c.detail).where(
            audit_log.c.action.in_(actions), audit_log.c.detail.like(f'%"{record_id}"%')
        )
    ).scalars()
    detail = next((d for d in (json.loads(t) for t in texts if t) if d.get(key) == record_id), None)
    result = RecordsResult()
    _inspection(result, dict(row._mapping), detail)
    return result.problems


def _inspection(result: RecordsResult, row: Mapping[str, Any], detail: Mapping[str, Any] | None) -> None:
    what = f"检查记录 {row['record_no']}"
    try:
        code = recomputed_code(row)
    except (KeyError, TypeError, ValueError):
        code = None
    if code != row["verification_code"]:
        result.problems.append(
            f"{what}：按记录内容重新计算的核验码为 {code or '（无法计算）'}，"
            f"记录中为 {row['verification_code']}（记录内容被改动）。"
        )
        result.altered.add(row["id"])
    _compare(
        result,
        what,
        row["id"],
        detail,
        [
            ("verification_code", "核验码", row["verification_code"]),
            ("result", "检查结果代码", row["result_code"]),
            ("matter", "监管事项", row["matter_code"]),
            ("record_no", "检查行为编号", row["record_no"]),
        ],
    )


def verify_records(conn: sa.Connection) -> RecordsResult:
    """Check every finalised inspection record, plan, rectification order and window check."""
    from credit.inspections.plan_file import DIGEST_KEY, content_sha256

    result = RecordsResult()
    details = {table: _audit_details(conn, actions, key) for table, (actions, key) in _AUDITED.items()}

    rows = [dict(r._mapping) for r in conn.execute(sa.select(inspection_record))]
    for row in rows:
        _inspection(result, row, details["inspection_record"].get(row["id"]))
    result.checked["inspection_record"] = len(rows)

    plans = [dict(r._mapping) for r in conn.execute(sa.select(inspection_plan))]
    for p in plans:
        doc = json.loads(p["document"])
        what = f"抽查计划 {p['plan_no']}"
        same = all(doc.get(k) == p[k] for k in ("seed", "result_sha256")) and (
            doc.get("pool", {}).get("sha256") == p["pool_sha256"]
        )
        if not same or (DIGEST_KEY in doc and content_sha256(doc) != doc[DIGEST_KEY]):
            result.problems.append(f"{what}：计划记录与其保存的计划文件内容不一致（记录被改动）。")
            result.altered.add(p["id"])
        pairs = [
            ("seed", "随机种子", p["seed"]),
            ("pool_sha256", "主体库 SHA-256", p["pool_sha256"]),
            ("result_sha256", "抽取结果 SHA-256", p["result_sha256"]),
        ]
        if DIGEST_KEY in doc:
            pairs.append(("content_sha256", "计划文件内容摘要", content_sha256(doc)))
        _compare(result, what, p["id"], details["inspection_plan"].get(p["id"]), pairs)
    result.checked["inspection_plan"] = len(plans)

    orders = [dict(r._mapping) for r in conn.execute(sa.select(rectification_order))]
    for o in orders:
        pairs = [("deadline", "整改期限", o["deadline"]), ("record_id", "所依据的检查记录", o["record_id"])]
        pairs.append(("order_no", "整改通知编号", o["order_no"]))
        _compare(
            result, f"整改通知 {o['order_no']}", o["id"], details["rectification_order"].get(o["id"]), pairs
        )
    result.checked["rectification_order"] = len(orders)

    checks = conn.execute(
        sa.select(check_record.c.id, check_record.c.uscc, check_record.c.matter_code, check_record.c.verdict)
    ).all()
    for c in checks:
        _compare(
            result,
            f"核查记录 {c.id[:8]}（{c.uscc}）",
            c.id,
            details["check_record"].get(c.id),
            [("verdict", "核查结论", c.verdict), ("matter", "审批事项", c.matter_code)],
        )
    result.checked["check_record"] = len(checks)
    return result
