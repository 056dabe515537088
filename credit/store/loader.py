"""Writing platform data into the cache: entities with their search index, and their records.

Every writer of the cache (demo build, file import, and later sync) goes through here, so the
search index can never drift from the entity table. Upserts report what actually changed, which
is what makes re-importing the same file a visible no-op.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from credit.domain.names import normalize_name, pinyin_initials, spaced_chars
from credit.store.tables import cache_info, entity

ENTITY_FIELDS = tuple(c.name for c in entity.columns if c.name != "id")
Row = Mapping[str, Any]


@dataclass
class UpsertStats:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0

    def __iadd__(self, other: UpsertStats) -> UpsertStats:
        self.inserted += other.inserted
        self.updated += other.updated
        self.unchanged += other.unchanged
        return self


def entity_row(raw: Row) -> dict[str, Any]:
    """Fill the derived columns (normalised name, initials, active flag) of an entity row."""
    row = {k: raw.get(k) for k in ENTITY_FIELDS}
    name = str(row["name"]).strip()
    row["name"] = name
    row["name_norm"] = normalize_name(name)
    if not row.get("pinyin"):
        row["pinyin"] = pinyin_initials(name)
    row["status"] = row.get("status") or "存续"
    row["active"] = 0 if row["status"] in INACTIVE_STATUSES else 1
    return row


#: Registration statuses that rank an entity below the living ones in search results.
INACTIVE_STATUSES = frozenset({"注销", "吊销", "撤销", "吊销未注销", "已注销", "迁出"})


def _index(conn: sa.Connection, pairs: list[tuple[int, str]]) -> None:
    if not pairs:
        return
    conn.exec_driver_sql("INSERT INTO entity_tri(rowid, name) VALUES (?, ?)", pairs)
    conn.exec_driver_sql(
        "INSERT INTO entity_uni(rowid, chars) VALUES (?, ?)",
        [(rid, spaced_chars(name)) for rid, name in pairs],
    )


def _unindex(conn: sa.Connection, ids: list[int]) -> None:
    if not ids:
        return
    params = [(i,) for i in ids]
    conn.exec_driver_sql("DELETE FROM entity_tri WHERE rowid = ?", params)
    conn.exec_driver_sql("DELETE FROM entity_uni WHERE rowid = ?", params)


#: Keys per ``IN (...)`` lookup: well below SQLite's limit on bound parameters.
LOOKUP_CHUNK = 10_000


def _existing(conn: sa.Connection, table: sa.Table, key: str, keys: list[Any]) -> dict[Any, Any]:
    col = table.c[key]
    found: dict[Any, Any] = {}
    for start in range(0, len(keys), LOOKUP_CHUNK):
        chunk = keys[start : start + LOOKUP_CHUNK]
        found.update((r._mapping[key], r) for r in conn.execute(sa.select(table).where(col.in_(chunk))))
    return found


def _last_per_key(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """A key repeated within one call: the last row wins, as if applied one after another."""
    return list({r[key]: r for r in rows}.values())


def upsert_entities(conn: sa.Connection, rows: Iterable[Row]) -> UpsertStats:
    """Insert or update entities by USCC, keeping both search indexes in step.

    Rows carry whole records: a column missing from a row is stored as NULL.
    """
    stats = UpsertStats()
    prepared = _last_per_key([entity_row(r) for r in rows], "uscc")
    if not prepared:
        return stats
    existing = _existing(conn, entity, "uscc", [p["uscc"] for p in prepared])
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    reindex: list[tuple[int, str]] = []
    for row in prepared:
        old = existing.get(row["uscc"])
        if old is None:
            inserts.append(row)
            continue
        changed = {k: v for k, v in row.items() if k != "updated_at" and getattr(old, k) != v}
        if not changed:
            stats.unchanged += 1
            continue
        changed["updated_at"] = row.get("updated_at")
        updates.append({**changed, "_id": old.id})
        stats.updated += 1
        if "name_norm" in changed:
            reindex.append((old.id, row["name_norm"]))
    if updates:  # one prepared statement for all of them: a sync may update thousands
        _update_by(conn, entity, "id", updates)
        _unindex(conn, [rid for rid, _ in reindex])
    if inserts:
        conn.execute(entity.insert(), inserts)
        new = _existing(conn, entity, "uscc", [r["uscc"] for r in inserts]).values()
        reindex.extend((r.id, r.name_norm) for r in new)
        stats.inserted += len(inserts)
    _index(conn, reindex)
    return stats


def _update_by(conn: sa.Connection, table: sa.Table, key: str, rows: list[dict[str, Any]]) -> None:
    """UPDATE rows (each with its key under ``_id`` and only its changed columns): one executemany
    per set of changed columns. Setting only what changed keeps untouched indexes untouched — a
    grade change must not rewrite the USCC, pinyin and division index entries of the row."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(c for c in row if c != "_id")), []).append(row)
    for cols, members in groups.items():
        stmt = (
            table.update()
            .where(table.c[key] == sa.bindparam("_id"))
            .values({c: sa.bindparam(c) for c in cols})
        )
        conn.execute(stmt, members)


def bulk_insert_entities(
    conn: sa.Connection,
    rows: Iterable[Row],
    *,
    batch: int = 20_000,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Fast path for an empty cache (demo build, first sync): plain inserts, index in batches."""
    count = 0
    buf: list[dict[str, Any]] = []

    def flush() -> None:
        nonlocal count
        if not buf:
            return
        first = conn.execute(sa.select(sa.func.coalesce(sa.func.max(entity.c.id), 0))).scalar_one()
        for i, row in enumerate(buf, start=first + 1):
            row["id"] = i
        conn.execute(entity.insert(), buf)
        _index(conn, [(r["id"], r["name_norm"]) for r in buf])
        count += len(buf)
        buf.clear()
        if progress:
            progress(count)

    for raw in rows:
        buf.append(entity_row(raw))
        if len(buf) >= batch:
            flush()
    flush()
    return count


def upsert_records(conn: sa.Connection, table: sa.Table, rows: Iterable[Row]) -> UpsertStats:
    """Insert or update records (penalties, licences, list entries …) by their ``id``.

    Rows carry whole records: a column missing from a row is stored as NULL.
    """
    stats = UpsertStats()
    cols = [c.name for c in table.columns]
    prepared = _last_per_key([{k: r.get(k) for k in cols} for r in rows], "id")
    if not prepared:
        return stats
    existing = {k: r._mapping for k, r in _existing(conn, table, "id", [p["id"] for p in prepared]).items()}
    inserts = []
    updates = []
    for row in prepared:
        old = existing.get(row["id"])
        if old is None:
            inserts.append(row)
        elif all(old[k] == v for k, v in row.items()):
            stats.unchanged += 1
        else:
            updates.append({**{k: v for k, v in row.items() if old[k] != v}, "_id": row["id"]})
            stats.updated += 1
    if updates:
        _update_by(conn, table, "id", updates)
    if inserts:
        conn.execute(table.insert(), inserts)
        stats.inserted += len(inserts)
    return stats


def delete_entities(conn: sa.Connection, usccs: Iterable[str]) -> int:
    """Remove entities by USCC and take them out of both search indexes; returns how many."""
    codes = list(dict.fromkeys(usccs))
    ids = [r.id for r in _existing(conn, entity, "uscc", codes).values()]
    _unindex(conn, ids)
    for start in range(0, len(ids), LOOKUP_CHUNK):
        conn.execute(entity.delete().where(entity.c.id.in_(ids[start : start + LOOKUP_CHUNK])))
    return len(ids)


def delete_records(conn: sa.Connection, table: sa.Table, ids: Iterable[str]) -> int:
    """Remove records (penalties, list entries …) by id; returns how many were there."""
    keys = list(dict.fromkeys(ids))
    removed = 0
    for start in range(0, len(keys), LOOKUP_CHUNK):
        chunk = keys[start : start + LOOKUP_CHUNK]
        removed += conn.execute(table.delete().where(table.c.id.in_(chunk))).rowcount
    return removed


def set_info(conn: sa.Connection, **values: str) -> None:
    for key, value in values.items():
        conn.execute(
            sa.text("INSERT OR REPLACE INTO cache_info(key, value) VALUES (:k, :v)"),
            {"k": key, "v": value},
        )


def get_info(conn: sa.Connection) -> dict[str, str]:
    return {r.key: r.value for r in conn.execute(sa.select(cache_info))}


def now_iso() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")
