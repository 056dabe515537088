"""Applying change pages to the cache: one transaction per page, cursor included.

Two ways in, the same result:

* **incremental** — through the loader (:func:`credit.store.loader.upsert_entities` and friends),
  which keeps both search indexes in step, also for deletions;
* **bulk** (a first sync into an empty cache) — secondary and search indexes are dropped once,
  pages are written with plain ``INSERT OR REPLACE`` / ``DELETE``, and :func:`finish_bulk`
  rebuilds everything in one pass at the end. ``sync_bulk`` in ``cache_info`` is set in the same
  transaction as the drop, so an interrupted first sync resumes in bulk mode and still rebuilds.

Within a page the last change of a record wins, as if applied one by one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any

import sqlalchemy as sa
from pydantic import TypeAdapter, ValidationError

from credit.domain.names import spaced_chars
from credit.store import tables
from credit.store.loader import (
    ENTITY_FIELDS,
    delete_entities,
    delete_records,
    set_info,
    upsert_entities,
    upsert_records,
)
from sync import protocol
from sync.errors import Cancelled, ProtocolViolation

TABLES: dict[str, sa.Table] = {
    "entity": tables.entity,
    "list_entry": tables.list_entry,
    "penalty": tables.penalty,
    "licence": tables.licence,
    "honour": tables.honour,
    "judicial": tables.judicial,
    "commitment": tables.platform_commitment,
    "inspection": tables.platform_inspection,
    "interview": tables.platform_interview,
}
#: Per kind, the cache columns a payload fills (an entity's local ``id`` is the cache's own).
COLUMNS: dict[str, tuple[str, ...]] = {
    k: (ENTITY_FIELDS if k == "entity" else tuple(c.name for c in t.columns)) for k, t in TABLES.items()
}
#: Rows per executemany in bulk mode, and how often cancellation is checked inside a page.
STEP = 2000


@dataclass
class ApplyStats:
    upserts: int = 0
    deletes: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.upserts + self.deletes


@dataclass
class Decoded:
    """A page's changes, last change per record, grouped by kind."""

    upserts: dict[str, list[Any]]  # kind → rows (sequences) in COLUMNS[kind] order
    deletes: dict[str, list[str]]
    count: int  # changes in the page, before collapsing


def decode(page: protocol.ChangeRowsPage, *, validate_fields: bool = True) -> Decoded:
    """Check the changes of a page (parsed and shape-checked by pydantic in one pass) and map
    payload arrays onto cache columns.

    ``validate_fields`` also checks every payload field against its kind's model (types,
    lengths, enumerations), one call per kind; the first sync of a very large jurisdiction may
    skip that, trusting the platform's own validation of the same models on ingestion.
    """
    fields: dict[str, list[str]] = {k: page.fields[k] for k in protocol.PULL_KINDS if k in page.fields}
    direct = {k: v == list(COLUMNS[k]) for k, v in fields.items()}
    maps = {k: _column_map(v, COLUMNS[k]) for k, v in fields.items() if not direct[k]}
    last: dict[tuple[str, str], tuple[str, list[Any] | None]] = {}
    last_seq = -1
    for seq, kind, rid, op, _version, payload in page.changes:
        if seq <= last_seq:
            raise ProtocolViolation("平台返回的变更未按顺序排列。")
        last_seq = seq
        last[(kind, rid)] = (op, payload)
    upserts: dict[str, list[Any]] = {}
    deletes: dict[str, list[str]] = {}
    for (k, record_id), (action, values) in last.items():
        if action == "delete":
            deletes.setdefault(k, []).append(record_id)
            continue
        names = fields.get(k)
        if values is None or names is None or len(values) != len(names):
            raise ProtocolViolation(f"平台返回的 {k} 记录 {record_id} 缺少内容，或字段数与字段顺序不符。")
        row = values if direct[k] else [values[i] if i is not None else None for i in maps[k]]
        if row[_KEY_INDEX[k]] != record_id:
            raise ProtocolViolation(f"平台返回的 {k} 记录 {record_id} 与其内容中的编号不一致。")
        upserts.setdefault(k, []).append(row)
    if validate_fields:
        for k, rows in upserts.items():
            _check(k, rows)
    return Decoded(upserts, deletes, len(page.changes))


def _column_map(names: list[str], columns: tuple[str, ...]) -> list[int | None]:
    """Where each cache column sits in a payload array of this page (unknown fields ignored)."""
    index = {n: i for i, n in enumerate(names)}
    return [index.get(c) for c in columns]


def _row_adapter(kind: str) -> TypeAdapter[Any]:
    """A validator for a list of payload rows in cache-column order, built from the kind's model."""
    model = protocol.PAYLOAD_MODELS[kind]
    types = []
    for name in COLUMNS[kind]:
        info = model.model_fields[name]
        types.append(Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation)
    row_type: Any = tuple.__class_getitem__(tuple(types))
    return TypeAdapter(list[row_type])


_ROWS = {k: _row_adapter(k) for k in protocol.PAYLOAD_MODELS}
_KEY_INDEX = {k: COLUMNS[k].index(protocol.KEY_FIELD[k]) for k in protocol.PAYLOAD_MODELS}


def _check(kind: str, rows: list[Any]) -> None:
    try:
        _ROWS[kind].validate_python(rows)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = err["loc"]
        record_id = rows[int(where[0])][_KEY_INDEX[kind]] if where and isinstance(where[0], int) else "?"
        column = COLUMNS[kind][int(where[1])] if len(where) > 1 and isinstance(where[1], int) else "?"
        raise ProtocolViolation(
            f"平台返回的 {kind} 记录 {record_id} 的字段 {column} 无效：{err['msg']}"
        ) from exc


# -- incremental --------------------------------------------------------------------------------


def apply_incremental(
    conn: sa.Connection, decoded: Decoded, cancelled: Callable[[], bool] | None = None
) -> ApplyStats:
    stats = ApplyStats()
    for kind, ids in decoded.deletes.items():
        _stop_if(cancelled)
        table = TABLES[kind]
        n = delete_entities(conn, ids) if kind == "entity" else delete_records(conn, table, ids)
        stats.deletes += len(ids)
        stats.by_kind[kind] = stats.by_kind.get(kind, 0) + n
    for kind, rows in decoded.upserts.items():
        cols = COLUMNS[kind]
        for start in range(0, len(rows), STEP):
            _stop_if(cancelled)
            dicts = [dict(zip(cols, r, strict=True)) for r in rows[start : start + STEP]]
            if kind == "entity":
                upsert_entities(conn, dicts)
            else:
                upsert_records(conn, TABLES[kind], dicts)
        stats.upserts += len(rows)
        stats.by_kind[kind] = stats.by_kind.get(kind, 0) + len(rows)
    return stats


# -- bulk ---------------------------------------------------------------------------------------


#: Indexes dropped while bulk loading; rebuilt from the table definitions afterwards. The USCC
#: uniqueness (and every primary key) stays: it is what makes a repeated upsert a replace.
def _secondary_indexes() -> list[sa.Index]:
    return [ix for t in TABLES.values() for ix in t.indexes]


def begin_bulk(conn: sa.Connection) -> None:
    """Prepare an empty cache for a first sync (in the caller's transaction)."""
    for ix in _secondary_indexes():
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {ix.name}")
    conn.exec_driver_sql("DELETE FROM entity_tri")
    conn.exec_driver_sql("DELETE FROM entity_uni")
    set_info(conn, sync_bulk="1")


def apply_bulk(
    conn: sa.Connection, decoded: Decoded, cancelled: Callable[[], bool] | None = None
) -> ApplyStats:
    stats = ApplyStats()
    raw = conn.connection.dbapi_connection
    assert raw is not None
    for kind, ids in decoded.deletes.items():
        _stop_if(cancelled)
        key = "uscc" if kind == "entity" else "id"
        raw.executemany(f"DELETE FROM {TABLES[kind].name} WHERE {key} = ?", [(i,) for i in ids])
        stats.deletes += len(ids)
    for kind, rows in decoded.upserts.items():
        cols = COLUMNS[kind]
        table = TABLES[kind].name
        sql = f"INSERT OR REPLACE INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        for start in range(0, len(rows), STEP):
            _stop_if(cancelled)
            raw.executemany(sql, rows[start : start + STEP])
        stats.upserts += len(rows)
        stats.by_kind[kind] = stats.by_kind.get(kind, 0) + len(rows)
    return stats


def finish_bulk(conn: sa.Connection, progress: Callable[[str], None] | None = None) -> None:
    """Rebuild the search indexes and secondary indexes once, and leave bulk mode."""
    raw = conn.connection.dbapi_connection
    assert raw is not None
    if progress:
        progress("index")
    raw.create_function("cd_spaced_chars", 1, spaced_chars, deterministic=True)
    conn.exec_driver_sql("DELETE FROM entity_tri")
    conn.exec_driver_sql("DELETE FROM entity_uni")
    conn.exec_driver_sql("INSERT INTO entity_tri(rowid, name) SELECT id, name_norm FROM entity")
    conn.exec_driver_sql(
        "INSERT INTO entity_uni(rowid, chars) SELECT id, cd_spaced_chars(name_norm) FROM entity"
    )
    # One segment per index instead of the dozen a bulk insert leaves: every later deletion writes a
    # tombstone into each segment covering its rowid, and every insert pays for merging them — an
    # incremental pull right after a first sync spent half its time there.
    for fts in ("entity_tri", "entity_uni"):
        conn.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES('optimize')")
    for ix in _secondary_indexes():
        ix.create(conn, checkfirst=True)
    set_info(conn, sync_bulk="0")


def _stop_if(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled()


def validate_page(body: bytes) -> protocol.ChangeRowsPage:
    """Parse and shape-check a page in one pass (pydantic's JSON parser: no Python ``json``)."""
    try:
        return protocol.ChangeRowsPage.model_validate_json(body)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise ProtocolViolation(
            f"平台返回的数据页格式不正确（{'.'.join(map(str, err['loc']))}：{err['msg']}）。"
        ) from exc


__all__: Sequence[str] = [
    "ApplyStats",
    "Decoded",
    "apply_bulk",
    "apply_incremental",
    "begin_bulk",
    "decode",
    "finish_bulk",
    "validate_page",
]
