"""A first sync's search indexes end as one segment each.

A bulk insert leaves an FTS5 index in many segments; every later deletion (a renamed or removed
entity) then writes a tombstone into each segment covering its rowid, and inserts pay for merging
them — what made the incremental pull right after a first sync twice as slow.
"""

from __future__ import annotations

import random

from credit.store.db import Store
from sync import apply

N = 40_000  # enough names for a bulk insert to spill several segments


def _segments(store: Store, fts: str) -> int:
    with store.cache.connect() as conn:
        return int(conn.exec_driver_sql(f"SELECT count(DISTINCT segid) FROM {fts}_idx").scalar_one())


def test_bulk_load_leaves_one_segment_per_search_index(store: Store) -> None:
    rng = random.Random(3)
    chars = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    cols = apply.COLUMNS["entity"]
    rows = []
    for i in range(N):
        name = "".join(rng.choices(chars, k=rng.randint(6, 14))) + "有限公司"
        values = {"uscc": f"91410526MA{i:08d}", "name": name, "name_norm": name, "pinyin": "x", "active": 1}
        rows.append([values.get(c) for c in cols])
    with store.write_cache() as conn:
        apply.begin_bulk(conn)
        apply.apply_bulk(conn, apply.Decoded({"entity": rows}, {}, N))
        apply.finish_bulk(conn)
    assert _segments(store, "entity_tri") == 1
    assert _segments(store, "entity_uni") == 1
    with store.cache.connect() as conn:  # and the index still finds what it holds
        hits = conn.exec_driver_sql(
            "SELECT count(*) FROM entity_tri WHERE entity_tri MATCH ?", (f'"{rows[123][1][:4]}"',)
        ).scalar_one()
    assert hits >= 1
