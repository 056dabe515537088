"""The append-only, hash-chained audit log of lookups and profile views.

Each row's hash covers its own fields and the previous row's hash, so editing, deleting or
inserting any row breaks the chain from that point on and :func:`verify` names the first bad
row. Triggers refuse UPDATE and DELETE, so the program itself cannot rewrite history either.
Deleting the newest rows is caught by the anchor kept outside the database
(:mod:`credit.store.audit_anchor`), which :meth:`credit.store.db.Store.write_work` updates.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from credit.store.audit_anchor import Anchor
from credit.store.tables import audit_log

GENESIS = "0" * 64
#: Where :func:`append` leaves the newest (seq, hash) of the open transaction, for the anchor.
HEAD_KEY = "creditdesk.audit_head"
HASHED = ("seq", "ts_utc", "ts_local", "user", "device", "action", "query", "uscc", "detail")


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    rows: int
    bad_seq: int | None = None
    problem: str | None = None  # Chinese, for the user


def row_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    payload = json.dumps([fields[k] for k in HASHED], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((prev_hash + "\n" + payload).encode("utf-8")).hexdigest()


def append(
    conn: sa.Connection,
    *,
    user: str,
    device: str,
    action: str,
    query: str | None = None,
    uscc: str | None = None,
    detail: dict[str, Any] | None = None,
) -> int:
    """Add one row inside the caller's (write) transaction; returns its sequence number."""
    entry = {"user": user, "device": device, "action": action, "query": query, "uscc": uscc, "detail": detail}
    return append_many(conn, [entry])


def append_many(conn: sa.Connection, entries: list[dict[str, Any]]) -> int:
    """Add rows (dicts of user, device, action and optional query, uscc, detail) in one statement,
    chained in memory: a batch of 10,000 checks must not cost 10,000 round trips. Returns the
    sequence number of the last row."""
    last = conn.execute(
        sa.select(audit_log.c.seq, audit_log.c.hash).order_by(audit_log.c.seq.desc()).limit(1)
    ).first()
    seq, prev = (last.seq, last.hash) if last else (0, GENESIS)
    now = datetime.now(UTC)
    ts_utc, ts_local = now.isoformat(timespec="milliseconds"), now.astimezone().isoformat(timespec="seconds")
    rows: list[dict[str, Any]] = []
    for entry in entries:
        seq += 1
        detail = entry.get("detail")
        fields: dict[str, Any] = {
            "seq": seq,
            "ts_utc": ts_utc,
            "ts_local": ts_local,
            "user": entry["user"],
            "device": entry["device"],
            "action": entry["action"],
            "query": entry.get("query"),
            "uscc": entry.get("uscc"),
            "detail": json.dumps(detail, ensure_ascii=False, sort_keys=True) if detail else None,
        }
        digest = row_hash(prev, fields)
        rows.append({**fields, "prev_hash": prev, "hash": digest})
        prev = digest
    if rows:
        conn.execute(audit_log.insert(), rows)
        conn.info[HEAD_KEY] = (seq, prev)
    return seq


def reaches(conn: sa.Connection, anchor: Anchor) -> bool:
    """Whether the log still holds the anchored row unchanged (so the anchor may move on)."""
    if not anchor.genuine:
        return False
    stored = conn.execute(sa.select(audit_log.c.hash).where(audit_log.c.seq == anchor.seq)).scalar()
    return stored == anchor.hash


def verify(conn: sa.Connection, anchor: Anchor | None = None) -> VerifyResult:
    """Walk the chain; with an ``anchor``, also require the chain to reach it and agree there."""
    prev, expected_seq, count = GENESIS, 1, 0
    anchored_hash: str | None = None
    if anchor is not None and not anchor.genuine:
        problem = "审计锚点文件（audit-anchor.json）已被改动或损坏，无法确认日志完整。"
        return VerifyResult(False, 0, None, problem)
    for row in conn.execute(sa.select(audit_log).order_by(audit_log.c.seq)):
        fields = dict(row._mapping)
        if row.seq != expected_seq:
            return VerifyResult(False, count, row.seq, f"第 {expected_seq} 条记录缺失（序号不连续）。")
        if row.prev_hash != prev:
            return VerifyResult(
                False, count, row.seq, f"第 {row.seq} 条记录的前序哈希不符，其前面的记录被改动或删除。"
            )
        if row_hash(prev, fields) != row.hash:
            return VerifyResult(False, count, row.seq, f"第 {row.seq} 条记录的内容与其哈希不符，已被篡改。")
        if anchor is not None and row.seq == anchor.seq:
            anchored_hash = row.hash
        prev, expected_seq, count = row.hash, expected_seq + 1, count + 1
    if anchor is not None and anchor.seq > count:
        return VerifyResult(
            False, count, count + 1, f"第 {count + 1}–{anchor.seq} 条记录已被删除（日志短于审计锚点）。"
        )
    if anchor is not None and anchor.seq and anchored_hash != anchor.hash:
        return VerifyResult(
            False, count, anchor.seq, f"第 {anchor.seq} 条记录与审计锚点不符，其后的日志被删除后重写。"
        )
    return VerifyResult(True, count)


def recent(conn: sa.Connection, limit: int = 100) -> list[dict[str, Any]]:
    rows = conn.execute(sa.select(audit_log).order_by(audit_log.c.seq.desc()).limit(limit))
    return [dict(r._mapping) for r in rows]
