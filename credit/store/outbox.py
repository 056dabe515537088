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


def enqueue(conn: sa.Connection, kind: str, record_id: str, payload: dict[str, Any]) -> int:
    """Queue ``payload`` inside the caller's write transaction; returns the outbox seq."""
    result = conn.execute(
        outbox.insert().values(
            kind=kind,
            record_id=record_id,
            payload=json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str),
            created_utc=datetime.now(UTC).isoformat(timespec="milliseconds"),
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def pending_count(conn: sa.Connection) -> int:
    return int(
        conn.execute(
            sa.select(sa.func.count()).select_from(outbox).where(outbox.c.status == "pending")
        ).scalar_one()
    )
