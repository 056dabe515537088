"""The sync outbox: one mechanism every syncable record kind uses.

A record and its outbox row are written in the same transaction, so nothing the user created
can exist locally without being queued for the platform (and nothing is queued that was not
written). The pusher (sync part 2) sends pending rows in ``seq`` order.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from credit.store.tables import outbox


def _row(kind: str, record_id: str, payload: dict[str, Any], created_utc: str) -> dict[str, Any]:
    return {
        "kind": kind,
        "record_id": record_id,
        "payload": json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str),
        "created_utc": created_utc,
    }


def enqueue(conn: sa.Connection, kind: str, record_id: str, payload: dict[str, Any]) -> int:
    """Queue ``payload`` inside the caller's write transaction; returns the outbox seq."""
    now = datetime.now(UTC).isoformat(timespec="milliseconds")
    result = conn.execute(outbox.insert().values(**_row(kind, record_id, payload, now)))
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def enqueue_many(conn: sa.Connection, items: list[tuple[str, str, dict[str, Any]]]) -> None:
    """Queue (kind, record_id, payload) items in one statement, in order."""
    now = datetime.now(UTC).isoformat(timespec="milliseconds")
    if items:
        conn.execute(outbox.insert(), [_row(kind, rid, payload, now) for kind, rid, payload in items])


def pending_count(conn: sa.Connection) -> int:
    return int(
        conn.execute(
            sa.select(sa.func.count()).select_from(outbox).where(outbox.c.status == "pending")
        ).scalar_one()
    )
