"""The sync outbox: one mechanism every syncable record kind uses.

A record and its outbox row are written in the same transaction, so nothing the user created
can exist locally without being queued for the platform (and nothing is queued that was not
written). The pusher (:mod:`sync.push`) sends due rows in ``seq`` order and records the
platform's answer here:

``pending``     waiting to be sent (again: ``next_attempt_utc`` after a failed try)
``sending``     in a batch on its way; a crash leaves it so, and it is simply sent again
``done``        the platform has it (``outcome`` accepted or duplicate, ``platform_version``)
``conflict``    the platform holds another version (``conflict_payload``): a person decides
``rejected``    refused with ``reason``: quarantined, never blocking the queue; resend after fixing
``superseded``  replaced by a newer row (a resolved conflict, a renumbered commitment)
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from credit.store.tables import outbox

PENDING, SENDING, DONE, CONFLICT, REJECTED, SUPERSEDED = (
    "pending",
    "sending",
    "done",
    "conflict",
    "rejected",
    "superseded",
)
#: Rows not yet delivered: what the status bar counts as waiting.
WAITING = (PENDING, SENDING)
#: Rows a person must look at.
ATTENTION = (CONFLICT, REJECTED)
STATUSES = (PENDING, SENDING, DONE, CONFLICT, REJECTED, SUPERSEDED)


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _row(kind: str, record_id: str, payload: dict[str, Any], created_utc: str) -> dict[str, Any]:
    return {
        "kind": kind,
        "record_id": record_id,
        "payload": json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str),
        "created_utc": created_utc,
        "base_version": _base_version(kind, payload),
    }


def _base_version(kind: str, payload: dict[str, Any]) -> int | None:
    """An edit of a shared record names the version it is based on (a fulfilment: the one before)."""
    if kind == "commitment_fulfilment":
        return int(payload["version"]) - 1
    return None


def enqueue(conn: sa.Connection, kind: str, record_id: str, payload: dict[str, Any]) -> int:
    """Queue ``payload`` inside the caller's write transaction; returns the outbox seq."""
    result = conn.execute(outbox.insert().values(**_row(kind, record_id, payload, utc_now())))
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def enqueue_many(conn: sa.Connection, items: list[tuple[str, str, dict[str, Any]]]) -> None:
    """Queue (kind, record_id, payload) items in one statement, in order."""
    now = utc_now()
    if items:
        conn.execute(outbox.insert(), [_row(kind, rid, payload, now) for kind, rid, payload in items])


def pending_count(conn: sa.Connection) -> int:
    """Rows not yet delivered (pending or on their way)."""
    return int(
        conn.execute(
            sa.select(sa.func.count()).select_from(outbox).where(outbox.c.status.in_(WAITING))
        ).scalar_one()
    )


def counts(conn: sa.Connection) -> dict[str, int]:
    """Rows per status (every status present, zero when none)."""
    out = dict.fromkeys(STATUSES, 0)
    rows = conn.execute(sa.select(outbox.c.status, sa.func.count()).group_by(outbox.c.status))
    out.update({status: int(n) for status, n in rows})
    return out


def undelivered(conn: sa.Connection) -> list[sa.Row[Any]]:
    """Every row not done or superseded, in ``seq`` order (the pusher's view of the queue)."""
    return list(
        conn.execute(
            sa.select(outbox).where(outbox.c.status.in_((*WAITING, *ATTENTION))).order_by(outbox.c.seq)
        )
    )


def rows(
    conn: sa.Connection, statuses: Sequence[str] | None = None, *, limit: int = 1000, done_limit: int = 200
) -> list[dict[str, Any]]:
    """Rows for people (the outbox view, ``creditdesk outbox``): what waits, what was refused or
    is in conflict, and the most recent deliveries; newest first within each group."""
    wanted = list(statuses or (PENDING, SENDING, CONFLICT, REJECTED, DONE))
    out: list[dict[str, Any]] = []
    live = [s for s in wanted if s != DONE]
    if live:
        query = sa.select(outbox).where(outbox.c.status.in_(live)).order_by(outbox.c.seq).limit(limit)
        out.extend(dict(r._mapping) for r in conn.execute(query))
    if DONE in wanted:
        query = (
            sa.select(outbox).where(outbox.c.status == DONE).order_by(outbox.c.seq.desc()).limit(done_limit)
        )
        out.extend(dict(r._mapping) for r in conn.execute(query))
    return out


def get(conn: sa.Connection, seq: int) -> dict[str, Any] | None:
    row = conn.execute(sa.select(outbox).where(outbox.c.seq == seq)).first()
    return dict(row._mapping) if row is not None else None


def mark_sending(conn: sa.Connection, seqs: Iterable[int]) -> None:
    now = utc_now()
    conn.execute(
        outbox.update()
        .where(outbox.c.seq.in_(list(seqs)))
        .values(status=SENDING, attempts=outbox.c.attempts + 1, sent_utc=now)
    )


def mark_retry(conn: sa.Connection, seqs: Iterable[int], error: str, next_attempt_utc: str | None) -> None:
    """The batch did not get through (network, platform busy): back to pending, with why and when."""
    conn.execute(
        outbox.update()
        .where(outbox.c.seq.in_(list(seqs)), outbox.c.status == SENDING)
        .values(status=PENDING, last_error=error, next_attempt_utc=next_attempt_utc)
    )


def record_answers(conn: sa.Connection, answers: Sequence[dict[str, Any]]) -> None:
    """Store the platform's per-record answers (dicts with ``seq`` and the answer's fields)."""
    now = utc_now()
    done = [a for a in answers if a["status"] in ("accepted", "duplicate")]
    if done:
        conn.execute(
            outbox.update()
            .where(outbox.c.seq == sa.bindparam("s"))
            .values(
                status=DONE,
                outcome=sa.bindparam("o"),
                platform_version=sa.bindparam("v"),
                acked_utc=now,
                last_error=None,
                reason=None,
                reason_code=None,
                next_attempt_utc=None,
            ),
            [{"s": a["seq"], "o": a["status"], "v": a.get("version")} for a in done],
        )
    for a in answers:
        if a["status"] == "conflict":
            conn.execute(
                outbox.update()
                .where(outbox.c.seq == a["seq"])
                .values(
                    status=CONFLICT,
                    reason_code=a.get("code"),
                    reason=a.get("reason"),
                    platform_version=a.get("current_version"),
                    acked_utc=now,
                    conflict_payload=json.dumps(a.get("current"), ensure_ascii=False, sort_keys=True),
                )
            )
        elif a["status"] == "rejected":
            later = a.get("retry_at")
            conn.execute(
                outbox.update()
                .where(outbox.c.seq == a["seq"])
                .values(
                    status=PENDING if later else REJECTED,
                    reason_code=a.get("code"),
                    reason=a.get("reason"),
                    next_attempt_utc=later,
                    acked_utc=None if later else now,
                )
            )


def resend(conn: sa.Connection, seq: int) -> bool:
    """A rejected row back into the queue (the user fixed the cause, e.g. signed in with the
    right account); returns False when the row is not rejected."""
    done = conn.execute(
        outbox.update()
        .where(outbox.c.seq == seq, outbox.c.status == REJECTED)
        .values(status=PENDING, next_attempt_utc=None, last_error=None, reason=None, reason_code=None)
    )
    return bool(done.rowcount)


def supersede(conn: sa.Connection, seq: int, by: int | None, outcome: str) -> None:
    """Retire a conflicting or rejected row: a newer row (``by``) replaces it, or nothing does."""
    conn.execute(
        outbox.update()
        .where(outbox.c.seq == seq)
        .values(status=SUPERSEDED, outcome=outcome, acked_utc=utc_now())
    )
    if by is not None:
        conn.execute(outbox.update().where(outbox.c.seq == by).values(replaces=seq))


def waiting_for(conn: sa.Connection, record_ids: Iterable[str]) -> dict[str, int]:
    """Undelivered rows per record id (which records still have something on its way)."""
    ids = sorted(set(record_ids))
    out: dict[str, int] = {}
    for start in range(0, len(ids), 500):
        q = (
            sa.select(outbox.c.record_id, sa.func.count())
            .where(
                outbox.c.record_id.in_(ids[start : start + 500]), outbox.c.status.in_((*WAITING, *ATTENTION))
            )
            .group_by(outbox.c.record_id)
        )
        out.update({rid: int(n) for rid, n in conn.execute(q)})
    return out
