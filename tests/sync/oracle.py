"""What a laptop should hold: read straight from the platform's database, the test's oracle."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from sync import protocol
from sync.server.db import placement, record
from sync.server.feed import head_of, read_page, scope_filter

State = dict[tuple[str, str], dict[str, Any]]


def expected(engine: sa.Engine, scope: Sequence[str]) -> State:
    """Every record shared with a division in ``scope``, as the platform holds it now."""
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(record.c.kind, record.c.id, record.c.payload).where(
                sa.exists().where(
                    placement.c.kind == record.c.kind,
                    placement.c.id == record.c.id,
                    scope_filter(placement.c.division_code, scope),
                )
            )
        ).all()
    return {(r.kind, r.id): json.loads(r.payload) for r in rows}


def head(engine: sa.Engine) -> int:
    with engine.connect() as conn:
        return head_of(conn)[0]


def replay(
    engine: sa.Engine, scope: Sequence[str], state: State | None = None, after: int = 0, limit: int = 7
) -> tuple[State, int]:
    """Apply the feed from ``after`` like a client would; returns the state and the final seq."""
    state = {} if state is None else state
    while True:
        with engine.connect() as conn, conn.begin():
            page = read_page(conn, scope, after, limit)
        for text in page.changes:
            _seq, kind, rid, op, _version, payload = json.loads(text)
            if op == "delete":
                state.pop((kind, rid), None)
            else:
                state[(kind, rid)] = dict(zip(protocol.PAYLOAD_FIELDS[kind], payload, strict=True))
        after = page.next_seq
        if not page.has_more:
            return state, after


def delivered(engine: sa.Engine, scope: Sequence[str], after: int = 0) -> int:
    """How many changes the feed hands out from ``after`` to the head (no writes meanwhile)."""
    total = 0
    while True:
        with engine.connect() as conn, conn.begin():
            page = read_page(conn, scope, after, 1000)
        total += len(page.changes)
        after = page.next_seq
        if not page.has_more:
            return total
