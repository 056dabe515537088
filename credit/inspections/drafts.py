"""Drafts: what a form holds while it is being filled in, saved continuously.

The GUI saves about a second after the last edit (on the worker), so a crash or a power cut loses
at most that second. Each save is its own small transaction with ``synchronous = FULL``: in WAL
mode the default NORMAL survives a crash of the program but may lose the last commits on power
loss, which is exactly the case a draft is for. A draft is not a record: it is neither queued for
sync nor audited (a save every second would drown the log); finalising turns it into one.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from credit.operator import Operator
from credit.store import audit
from credit.store.db import Store
from credit.store.tables import inspection_draft

KINDS = ("inspection", "rectification", "interview")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@contextmanager
def durable_write(store: Store) -> Iterator[sa.Connection]:
    """A write transaction that is on disk when it returns, even if the power fails next."""
    with store.write_lock, store.work.connect() as conn:
        conn.exec_driver_sql("PRAGMA synchronous = FULL")
        conn.commit()
        try:
            yield conn
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
        finally:
            conn.exec_driver_sql("PRAGMA synchronous = NORMAL")
            conn.commit()


def create(
    store: Store,
    operator: Operator,
    kind: str,
    data: dict[str, Any],
    *,
    task_id: str | None = None,
    uscc: str | None = None,
) -> dict[str, Any]:
    """A new draft holding ``data``; returns the stored row (id, kind, data, revision …)."""
    if kind not in KINDS:
        raise ValueError(f"unknown draft kind {kind!r}")
    draft_id = str(uuid.uuid4())
    stamp = _now()
    row = {
        "id": draft_id,
        "kind": kind,
        "task_id": task_id,
        "uscc": uscc,
        "data": json.dumps(data, ensure_ascii=False, sort_keys=True),
        "revision": 1,
        "operator": operator.user,
        "device": operator.device,
        "created_utc": stamp,
        "updated_utc": stamp,
    }
    with durable_write(store) as conn:
        conn.execute(inspection_draft.insert().values(**row))
    return {**row, "data": data}


def save(store: Store, draft_id: str, data: dict[str, Any]) -> int:
    """Replace the draft's data (one autosave); returns the new revision.

    Raises ``LookupError`` when the draft is gone (finalised or discarded meanwhile), so a late
    autosave can never resurrect it.
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    with durable_write(store) as conn:
        done = conn.execute(
            inspection_draft.update()
            .where(inspection_draft.c.id == draft_id)
            .values(data=text, revision=inspection_draft.c.revision + 1, updated_utc=_now())
        )
        if done.rowcount != 1:
            raise LookupError(f"draft {draft_id} no longer exists")
        revision = conn.execute(
            sa.select(inspection_draft.c.revision).where(inspection_draft.c.id == draft_id)
        ).scalar_one()
    return int(revision)


def _row(r: Any) -> dict[str, Any]:
    out = dict(r._mapping)
    out["data"] = json.loads(out["data"])
    return out


def get(store: Store, draft_id: str) -> dict[str, Any] | None:
    with store.work.connect() as conn:
        return get_in(conn, draft_id)


def get_in(conn: sa.Connection, draft_id: str) -> dict[str, Any] | None:
    r = conn.execute(sa.select(inspection_draft).where(inspection_draft.c.id == draft_id)).first()
    return _row(r) if r else None


def find(
    store: Store, *, kind: str | None = None, task_id: str | None = None, uscc: str | None = None
) -> list[dict[str, Any]]:
    """Drafts matching the filters, most recently saved first."""
    q = sa.select(inspection_draft).order_by(inspection_draft.c.updated_utc.desc())
    if kind:
        q = q.where(inspection_draft.c.kind == kind)
    if task_id:
        q = q.where(inspection_draft.c.task_id == task_id)
    if uscc:
        q = q.where(inspection_draft.c.uscc == uscc)
    with store.work.connect() as conn:
        return [_row(r) for r in conn.execute(q)]


def delete(conn: sa.Connection, draft_id: str) -> None:
    """Inside the caller's transaction (finalising deletes the draft it turned into a record)."""
    conn.execute(inspection_draft.delete().where(inspection_draft.c.id == draft_id))


def discard(store: Store, operator: Operator, draft_id: str) -> None:
    """Throw a draft away on purpose (recorded: unfinished field work does not vanish silently)."""
    with store.write_work() as conn:
        found = conn.execute(
            sa.select(inspection_draft.c.kind, inspection_draft.c.uscc).where(
                inspection_draft.c.id == draft_id
            )
        ).first()
        if found is None:
            return
        delete(conn, draft_id)
        audit.append(
            conn,
            user=operator.user,
            device=operator.device,
            action="draft_discard",
            uscc=found.uscc,
            detail={"draft_id": draft_id, "kind": found.kind},
        )
