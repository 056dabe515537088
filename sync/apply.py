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
from typing import Any

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
}
#: Per kind, the cache columns a payload fills (an entity's local ``id`` is the cache's own).
COLUMNS: dict[str, tuple[str, ...]] = {
    k: (ENTITY_FIELDS if k == "entity" else tuple(c.name for c in t.columns)) for k, t in TABLES.items()
}
_ROW = TypeAdapter(protocol.Change)
_PAYLOADS = {k: TypeAdapter(m) for k, m in protocol.PAYLOAD_MODELS.items()}
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

    upserts: dict[str, list[tuple[Any, ...]]]  # kind → rows in COLUMNS[kind] order
    deletes: dict[str, list[str]]
    count: int  # changes in the page, before collapsing


def decode(page: protocol.ChangePage, *, validate_fields: bool = True) -> Decoded:
    """Check every change of a page and map payload arrays onto cache columns.

    The shape of every change is always checked; ``validate_fields`` also checks each payload
    against its kind's model (types, lengths, enumerations) — the first sync of a very large
    jurisdiction may skip that, trusting the platform's own validation on ingestion.
    """
    maps: dict[str, list[int | None]] = {}
    for kind in protocol.PULL_KINDS:
        names = page.fields.get(kind)
        if names is None:
            continue
        index = {n: i for i, n in enumerate(names)}
        maps[kind] = [index.get(c) for c in COLUMNS[kind]]
    last: dict[tuple[str, str], tuple[str, list[Any] | None]] = {}
    last_seq: int | None = None
    for raw in page.changes:
        try:
            seq, kind, rid, op, _version, payload = _ROW.validate_python(raw)
        except ValidationError as exc:
            raise ProtocolViolation(f"平台返回的变更格式不正确：{exc.errors()[0]['msg']}") from exc
        if last_seq is not None and seq <= last_seq:
            raise ProtocolViolation("平台返回的变更未按顺序排列。")
        last_seq = seq
        if op == "upsert":
            if payload is None or kind not in maps:
                raise ProtocolViolation(f"平台返回的变更缺少 {kind} 的内容或字段顺序。")
            if len(payload) != len(page.fields[kind]):
                raise ProtocolViolation(f"平台返回的 {kind} 记录字段数与字段顺序不符。")
        last[(kind, rid)] = (op, payload)
    upserts: dict[str, list[tuple[Any, ...]]] = {}
    deletes: dict[str, list[str]] = {}
    for (k, record_id), (action, values) in last.items():
        if action == "delete":
            deletes.setdefault(k, []).append(record_id)
            continue
        assert values is not None
        row = tuple(values[i] if i is not None else None for i in maps[k])
        if validate_fields:
            _check(k, record_id, row)
        upserts.setdefault(k, []).append(row)
    return Decoded(upserts, deletes, len(page.changes))


def _check(kind: str, rid: str, row: tuple[Any, ...]) -> None:
    values = dict(zip(COLUMNS[kind], row, strict=True))
    if kind == "entity":
        values = {k: v for k, v in values.items() if k in protocol.PAYLOAD_FIELDS["entity"]}
    try:
        checked = _PAYLOADS[kind].validate_python(values)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(x) for x in err["loc"])
        raise ProtocolViolation(f"平台返回的 {kind} 记录 {rid} 的字段 {where} 无效：{err['msg']}") from exc
    key = getattr(checked, protocol.KEY_FIELD[kind])
    if key != rid:
        raise ProtocolViolation(f"平台返回的 {kind} 记录 {rid} 与其内容中的编号 {key} 不一致。")


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
        raw.executemany(f"DELETE FROM {kind} WHERE {key} = ?", [(i,) for i in ids])
        stats.deletes += len(ids)
    for kind, rows in decoded.upserts.items():
        cols = COLUMNS[kind]
        sql = f"INSERT OR REPLACE INTO {kind} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
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
    for ix in _secondary_indexes():
        ix.create(conn, checkfirst=True)
    set_info(conn, sync_bulk="0")


def _stop_if(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled()


def validate_page(body: bytes) -> protocol.ChangePage:
    try:
        return protocol.ChangePage.model_validate_json(body)
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
