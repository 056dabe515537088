"""Search latency over the large cache, per query class, beside the bare SQL underneath.

The baseline runs the same index lookup through the raw DB-API connection with no
classification, ranking or flag lookup, so the ratio shows what CreditDesk's layer costs.
"""

from __future__ import annotations

import random
import time
from typing import Any

import sqlalchemy as sa

from credit.desk import Desk
from credit.domain.names import spaced_chars
from credit.store.search import fts_phrase, search
from credit.store.tables import entity
from tests.bench.common import report, timed

SAMPLES = 300


def _samples(conn: sa.Connection, rng: random.Random) -> dict[str, list[str]]:
    max_id = conn.execute(sa.select(sa.func.max(entity.c.id))).scalar_one()
    ids = [rng.randint(1, max_id) for _ in range(SAMPLES)]
    rows = conn.execute(
        sa.select(entity.c.uscc, entity.c.name_norm, entity.c.pinyin).where(entity.c.id.in_(ids))
    ).all()
    rng.shuffle(rows)
    q: dict[str, list[str]] = {"uscc": [], "name3": [], "name12": [], "pinyin": [], "prefix": []}
    for r in rows:
        name = r.name_norm.replace(" ", "")
        q["uscc"].append(r.uscc)
        q["prefix"].append(r.uscc[: rng.randint(4, 12)])
        if len(name) >= 3:
            n = rng.randint(3, min(6, len(name)))
            start = rng.randint(0, len(name) - n)
            q["name3"].append(name[start : start + n])
        k = rng.randint(1, 2)
        start = rng.randint(0, len(name) - k)
        q["name12"].append(name[start : start + k])
        q["pinyin"].append(r.pinyin[: rng.randint(2, 5)])
    return q


def _raw(raw: Any, kind: str, term: str) -> None:
    if kind == "uscc":
        raw.execute("SELECT id FROM entity WHERE uscc = ?", (term,)).fetchall()
    elif kind == "prefix":
        raw.execute(
            "SELECT id FROM entity WHERE active = 1 AND uscc >= ? AND uscc < ? LIMIT 50", (term, term + "~")
        ).fetchall()
    elif kind == "pinyin":
        raw.execute(
            "SELECT id FROM entity WHERE active = 1 AND pinyin >= ? AND pinyin < ? LIMIT 50",
            (term, term + "~"),
        ).fetchall()
    elif kind == "name3":
        raw.execute(
            "SELECT rowid FROM entity_tri WHERE entity_tri MATCH ? LIMIT 50", (fts_phrase(term),)
        ).fetchall()
    else:
        raw.execute(
            "SELECT rowid FROM entity_uni WHERE entity_uni MATCH ? LIMIT 50",
            (fts_phrase(spaced_chars(term)),),
        ).fetchall()


BUDGETS = {
    "uscc": ("USCC exact", 2.0),
    "prefix": ("USCC prefix", 20.0),
    "name3": ("name, 3+ characters", 10.0),
    "name12": ("name, 1-2 characters", 20.0),
    "pinyin": ("pinyin initials", 20.0),
}


def run(desk: Desk) -> bool:
    rng = random.Random(7)
    ok = True
    with desk.store.cache.connect() as conn:
        queries = _samples(conn, rng)
        raw = conn.connection.dbapi_connection
        for kind, (label, budget) in BUDGETS.items():
            terms = queries[kind]
            for t in terms[:20]:  # warm the page cache the way a working session would
                search(conn, t)
            ours: list[float] = []
            base: list[float] = []
            for t in terms:
                ours += timed(lambda t=t: search(conn, t))
                base += timed(lambda t=t, k=kind: _raw(raw, k, t))
            ok &= report(f"search: {label}", ours, budget, base)
    started = time.perf_counter()
    with desk.store.cache.connect() as conn:
        search(conn, queries["uscc"][0])
    print(f"{'search: first query, new connection':<34} {(time.perf_counter() - started) * 1000:7.2f} ms")
    return ok
