"""The outbox as people read it: what each row is, where it stands, why, and by when it must be public.

Shared by ``creditdesk outbox`` and the 待上传 view. Records the platform must publish
(``publication`` in ``resources/catalogs/push_kinds.json``: inspection results, public
commitments) carry their statutory deadline — 7 working days (:mod:`credit.domain.workdays`) —
and a row not yet accepted by the platform whose deadline is near or past is *at risk*: it can
only be published once it has reached the platform.
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Any

from credit.domain.push_kinds import push_rules
from credit.domain.workdays import NoCalendarData, add_working_days, working_days_between
from credit.store import outbox

if TYPE_CHECKING:
    from credit.store.db import Store

#: Working days before the deadline from which an undelivered record is called at risk.
RISK_WORKING_DAYS = 2
LABELS_EXTRA = {"attachment": "附件"}
OUTCOMES = {"accepted": "平台已接收", "duplicate": "平台已有（重复发送）", "theirs": "已采用平台版本",
            "mine": "已按本机修改重新上传", "renumbered": "已重新编号上传"}  # fmt: skip


def _title(kind: str, p: dict[str, Any]) -> str:
    if kind == "check_record":
        return f"{p.get('entity_name', '')}（{p.get('uscc', '')}）· {p.get('matter_name', '')}"
    if kind == "commitment":
        return f"{p.get('code', '')} · {p.get('committer_name', '')} · {p.get('commitment_type', '')}"
    if kind == "commitment_fulfilment":
        return f"{p.get('code', '')} · {p.get('committer_name', '')} · {p.get('fulfilment') or '—'}"
    if kind == "inspection":
        return f"{p.get('record_no', '')} · {p.get('party_name', '')} · {p.get('result_name', '')}"
    if kind == "rectification":
        return f"{p.get('order_no', '')} · {p.get('entity_name', '')} · 期限 {p.get('deadline', '')}"
    if kind == "interview":
        return f"{p.get('interview_no', '')} · {p.get('entity_name', '')} · {p.get('kind', '')}"
    if kind == "inspection_plan":
        return f"{p.get('plan_no', '')} · {p.get('name', '')}"
    if kind == "attachment":
        size = int(p.get("size") or 0)
        return f"{p.get('name') or p.get('sha256', '')[:12]}（{size / 1024:,.0f} KB）"
    return str(p.get("id", ""))


def _why(row: dict[str, Any]) -> tuple[str, str]:
    """(key, sentence): why a row stands where it does. The key lets a translated UI word the
    fixed cases itself; ``reason`` and ``error`` carry the platform's or the network's words."""
    status = row["status"]
    if status in (outbox.REJECTED, outbox.CONFLICT):
        return "reason", str(row.get("reason") or row.get("last_error") or "")
    if status == outbox.DONE:
        when = str(row.get("acked_utc") or "")[:19].replace("T", " ")
        return "done", f"{OUTCOMES.get(row.get('outcome') or '', '已上传')}（{when} UTC）"
    if status == outbox.SUPERSEDED:
        return "superseded", OUTCOMES.get(row.get("outcome") or "", "已被新的记录替代")
    if row.get("reason"):  # answered "later": a dependency was not there yet
        return "reason", str(row["reason"])
    if row.get("last_error"):
        return "error", f"上次上传未成功：{row['last_error']}"
    if status == outbox.SENDING:
        return "sending", "上传中断，下次同步时重新发送（平台不会重复记录）"
    return "waiting", "等待同步"


def publication_deadline(kind: str, payload: dict[str, Any]) -> tuple[str | None, str | None]:
    """(deadline, note) for a record the platform must publish; (None, None) for the others."""
    rule = push_rules().get(kind)
    spec = rule.publication if rule else None
    if not spec:
        return None, None
    if any(payload.get(k) != v for k, v in (spec.get("only_if") or {}).items()):
        return None, None
    if spec.get("deadline_field"):
        return (payload.get(spec["deadline_field"]) or None), payload.get("publication_note")
    start = str(payload.get(spec.get("from_field") or "") or "")[:10]
    if not start:
        return None, None
    try:
        return add_working_days(date.fromisoformat(start), int(spec["working_days"])).isoformat(), None
    except NoCalendarData as exc:
        return None, f"公示期限无法计算：{exc.reason}"
    except ValueError:
        return None, None


#: How a deadline stands (``deadline_state``), worded; ``{days}``: working days.
DEADLINE_NOTES = {
    "past": "已超过公示期限 {days} 个工作日",
    "today": "今天是公示期限",
    "near": "距公示期限仅剩 {days} 个工作日",
    "left": "剩余 {days} 个工作日",
    "unknown": "节假日数据不全，请人工核对期限",
}


def _risk(deadline: str | None, status: str, today: date) -> tuple[bool, str | None, int | None]:
    """(at risk, deadline state, working days) of a record the platform must publish."""
    if not deadline or status in (outbox.DONE, outbox.SUPERSEDED):
        return False, None, None
    due = date.fromisoformat(deadline)
    try:
        if due < today:
            return True, "past", working_days_between(due, today)
        left = working_days_between(today, due)
    except NoCalendarData:
        return due <= today, "unknown", None
    if left <= RISK_WORKING_DAYS:
        return True, ("near" if left else "today"), left
    return False, "left", left


def describe_row(row: dict[str, Any], today: date | None = None) -> dict[str, Any]:
    """One row for people: seq, kind, label, title, status, why, deadline, at_risk (and the keys a
    translated UI words them by: why_key, outcome, deadline_state, deadline_days)."""
    payload = (
        json.loads(row["payload"]) if isinstance(row.get("payload"), str) else dict(row.get("payload") or {})
    )
    kind = row["kind"]
    rule = push_rules().get(kind)
    deadline, note = publication_deadline(kind, payload)
    risky, state, days = _risk(deadline, row["status"], today or date.today())
    why_key, why = _why(row)
    return {
        "seq": row["seq"],
        "kind": kind,
        "label": rule.label if rule else LABELS_EXTRA.get(kind, kind),
        "record_id": row["record_id"],
        "title": _title(kind, payload),
        "status": row["status"],
        "why": why,
        "why_key": why_key,
        "outcome": row.get("outcome"),
        "acked_utc": row.get("acked_utc"),
        "last_error": row.get("last_error"),
        "reason_code": row.get("reason_code"),
        "attempts": row.get("attempts", 0),
        "created_utc": row.get("created_utc"),
        "deadline": deadline,
        "deadline_note": DEADLINE_NOTES[state].format(days=days) if state else note,
        "deadline_state": state,
        "deadline_days": days,
        "at_risk": risky,
        "can_resend": row["status"] == outbox.REJECTED,
        "can_renumber": row["status"] == outbox.REJECTED
        and row.get("reason_code") == "commitment_code_taken",
        "can_resolve": row["status"] == outbox.CONFLICT,
    }


def listing(store: Store, *, include_done: bool = True, today: date | None = None) -> list[dict[str, Any]]:
    """Conflicts and rejections first (they need a person), then what waits, then recent deliveries."""
    with store.work.connect() as conn:
        rows = outbox.rows(conn, None if include_done else (*outbox.WAITING, *outbox.ATTENTION))
    items = [describe_row(r, today) for r in rows]
    _explain_held(rows, items)
    order = {outbox.CONFLICT: 0, outbox.REJECTED: 1, outbox.PENDING: 2, outbox.SENDING: 2, outbox.DONE: 3}
    return sorted(
        items,
        key=lambda i: (
            order.get(i["status"], 4),
            not i["at_risk"],  # waiting records near their publication deadline first
            i["seq"] if i["status"] != outbox.DONE else -i["seq"],
        ),
    )


def _explain_held(rows: list[dict[str, Any]], items: list[dict[str, Any]]) -> None:
    """A waiting row held back by a refused or conflicting one (an earlier row of the same record,
    or a record it depends on, directly or through others) says which: it is sent once that one
    is settled."""
    rules = push_rules()
    words = {outbox.REJECTED: "被拒收", outbox.CONFLICT: "有冲突"}
    item_of = {i["seq"]: i for i in items}
    blocking: dict[str, dict[str, Any]] = {}  # record id → the refused/conflicting row behind it
    for row in sorted(rows, key=lambda r: r["seq"]):
        if row["status"] in outbox.ATTENTION:
            blocking.setdefault(row["record_id"], row)
            continue
        if row["status"] not in outbox.WAITING or not blocking:
            continue
        rule = rules.get(row["kind"])
        payload = json.loads(row["payload"])
        names = [str(payload.get(f) or "") for f in (rule.depends_on if rule else ())]
        first = next((blocking[r] for r in (row["record_id"], *names) if r in blocking), None)
        if first is None:
            continue
        blocking.setdefault(row["record_id"], first)
        item_of[row["seq"]]["why_key"] = "held"
        item_of[row["seq"]]["held_by"] = (first["seq"], first["status"])
        item_of[row["seq"]]["why"] = (
            f"等待第 {first['seq']} 条（{words[first['status']]}）处理后再上传："
            "它所依附的记录尚未被平台接收。"
        )


def deadline_warnings(items: list[dict[str, Any]]) -> list[str]:
    """One sentence for the records at risk of missing their publication deadline."""
    risky = [i for i in items if i["at_risk"]]
    if not risky:
        return []
    return [
        f"{len(risky)} 条须公示的记录尚未被平台接收，公示期限（7 个工作日）将至或已过："
        + "；".join(f"{i['title']}（{i['deadline']}，{i['deadline_note']}）" for i in risky[:5])
        + ("……" if len(risky) > 5 else "")
        + "。请尽快同步。"
    ]


__all__ = ["deadline_warnings", "describe_row", "listing", "publication_deadline"]
