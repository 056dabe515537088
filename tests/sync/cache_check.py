"""Reading a laptop's cache back in the platform's terms, to compare it with the oracle."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from credit.store.db import Store
from credit.store.loader import get_info
from sync import protocol
from sync.apply import TABLES
from tests.sync.oracle import State


def cache_state(store: Store) -> State:
    out: State = {}
    with store.cache.connect() as conn:
        for kind, table in TABLES.items():
            fields = protocol.PAYLOAD_FIELDS[kind]
            for row in conn.execute(sa.select(table)):
                values: dict[str, Any] = {f: row._mapping[f] for f in fields}
                out[(kind, values[protocol.KEY_FIELD[kind]])] = values
    return out


def cache_info(store: Store) -> dict[str, str]:
    with store.cache.connect() as conn:
        return get_info(conn)


def cursor_seq(store: Store) -> int:
    return protocol.cursor_seq(cache_info(store).get("sync_cursor") or None)


def search_index_consistent(store: Store) -> bool:
    """Both FTS indexes hold exactly the cached entities (no stale rows after deletions)."""
    with store.cache.connect() as conn:
        ids = set(conn.exec_driver_sql("SELECT id FROM entity").scalars())
        tri = set(conn.exec_driver_sql("SELECT rowid FROM entity_tri").scalars())
        uni = set(conn.exec_driver_sql("SELECT rowid FROM entity_uni").scalars())
    return ids == tri == uni


def indexes(store: Store) -> set[str]:
    with store.cache.connect() as conn:
        return set(
            conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%'"
            ).scalars()
        )
