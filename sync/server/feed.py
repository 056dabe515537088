"""Writing and reading the change feed — the part that must never skip a change.

**Writing.** A :class:`FeedWriter` collects one transaction's record changes, works out where each
record is shared (its placements) and which feed rows that makes, and only at the very end takes
a block of sequence numbers from the single ``feed_counter`` row (``UPDATE … SET last = last + n
RETURNING last``) and inserts the rows. The counter row stays locked until the transaction
commits, so the stretch from taking a seq to committing it is serialised across writers while
the rest of their work runs concurrently: when a reader can see seq *n*, every seq below *n* is
already committed. A plain sequence or autoincrement gives no such promise — on PostgreSQL a
transaction holding seq 7 may commit after the one holding seq 8, and a reader that saw 8 would
skip 7 for ever. ``seq_mode="naive"`` does exactly that, for the test that proves the difference.

**Reading.** :func:`read_page` pages through ``(after, head]`` where ``head`` is the counter's
committed value, filtered to the caller's division prefixes. A delete of one placement is not
passed on while the record is still shared with another division in the caller's scope.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal

import sqlalchemy as sa

from credit.domain.sharing import withdrawal_day
from sync import protocol
from sync.server.db import (
    change,
    feed_counter,
    info,
    iso,
    naive_counter,
    now_utc,
    placement,
    record,
    set_info,
)

SeqMode = Literal["counter", "naive"]
CHUNK = 5000
_ENTITY = "entity"


def canonical(payload: Mapping[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _content(payload: Mapping[str, Any]) -> str:
    """What counts as a change: everything but the source's own update stamp."""
    return canonical({k: v for k, v in payload.items() if k != "updated_at"})


def _division(code: Any) -> str | None:
    text = str(code or "")
    return text if len(text) == 6 and text.isdigit() else None


def _uscc_division(uscc: str | None) -> str | None:
    return _division(uscc[2:8]) if uscc and len(uscc) == 18 else None


def scope_filter(column: sa.ColumnElement[Any], scope: Sequence[str]) -> sa.ColumnElement[bool]:
    """Division codes under any of the prefixes: a range per prefix, usable with a B-tree in any
    collation (division codes are six digits)."""
    ranges = [column.between(p + "0" * (6 - len(p)), p + "9" * (6 - len(p))) for p in scope]
    return sa.or_(*ranges) if ranges else sa.false()


def in_scope(division: str, scope: Iterable[str]) -> bool:
    return any(division.startswith(p) for p in scope)


@dataclass
class _Rec:
    kind: str
    id: str
    payload: dict[str, Any]
    uscc: str | None
    person_id: str | None
    division_code: str | None
    version: int
    deleted: bool
    withdrawn: bool
    withdraw_on: str | None
    exists: bool  # a row in ``record`` already
    changed: bool = False  # content, deletion or withdrawal changed in this transaction


@dataclass
class WriteStats:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    changes: int = 0  # feed rows written

    def __iadd__(self, other: WriteStats) -> WriteStats:
        for name in ("inserted", "updated", "unchanged", "deleted", "changes"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self


@dataclass
class _Pending:
    kind: str
    id: str
    division: str
    op: str
    version: int
    payload: str | None


class FeedWriter:
    """One write transaction's worth of record changes and the feed rows they make.

    ``put`` replaces a record (``merge=True`` keeps the fields the new values do not have, as a
    narrower import file must not blank them); ``delete`` removes it; ``refresh`` re-evaluates
    where it is shared (the day moved on). Call :meth:`finish` as the transaction's last step.
    """

    def __init__(
        self,
        conn: sa.Connection,
        *,
        today: date | None = None,
        seq_mode: SeqMode = "counter",
        naive_seqs: Sequence[int] | None = None,
        source: str | None = None,
    ) -> None:
        self.conn = conn
        self.today = today or date.today()
        self.seq_mode = seq_mode
        self.naive_seqs = list(naive_seqs or [])
        self.source = source
        self.now = iso(now_utc())
        self.stats = WriteStats()
        self._puts: dict[tuple[str, str], tuple[dict[str, Any], bool]] = {}
        self._deletes: set[tuple[str, str]] = set()
        self._refresh: set[tuple[str, str]] = set()
        self._pending: list[_Pending] = []

    # -- collecting -----------------------------------------------------------------------

    def put(self, kind: str, values: Mapping[str, Any], *, merge: bool = False) -> None:
        key_field = protocol.KEY_FIELD[kind]
        key = (kind, str(values[key_field]))
        self._deletes.discard(key)
        if merge and key in self._puts:
            old, old_merge = self._puts[key]
            self._puts[key] = ({**old, **values}, old_merge)
        else:
            self._puts[key] = (dict(values), merge)
        if len(self._puts) >= CHUNK:
            self.flush()

    def delete(self, kind: str, record_id: str) -> None:
        key = (kind, record_id)
        self._puts.pop(key, None)
        self._deletes.add(key)

    def refresh(self, kind: str, record_id: str) -> None:
        self._refresh.add((kind, record_id))

    # -- resolving ------------------------------------------------------------------------

    def flush(self) -> None:
        """Write collected records and work out their feed rows (seqs come in :meth:`finish`)."""
        puts, deletes, refresh = self._puts, self._deletes, self._refresh
        self._puts, self._deletes, self._refresh = {}, set(), set()
        keys = set(puts) | deletes | refresh
        if not keys:
            return
        recs = self._load(keys)
        before = {k: (r.division_code, r.person_id, r.deleted or r.withdrawn) for k, r in recs.items()}
        for key, (values, merge) in puts.items():
            self._apply_put(recs, key, values, merge)
        for key in deletes:
            rec = recs.get(key)
            if rec is not None and rec.exists and not rec.deleted:
                rec.deleted, rec.changed = True, True
                rec.version += 1
                self.stats.deleted += 1
        for key in refresh:
            rec = recs.get(key)
            if rec is not None:
                self._set_withdrawn(rec)
        self._store(recs)
        affected = {k for k, r in recs.items() if r.changed or k in refresh}
        affected |= self._cascade(recs, before)
        self._place(affected, {k for k, r in recs.items() if r.changed})

    def _load(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], _Rec]:
        by_kind: dict[str, list[str]] = {}
        for kind, rid in keys:
            by_kind.setdefault(kind, []).append(rid)
        out: dict[tuple[str, str], _Rec] = {}
        for kind, ids in by_kind.items():
            for start in range(0, len(ids), CHUNK):
                rows = self.conn.execute(
                    sa.select(record).where(
                        record.c.kind == kind, record.c.id.in_(ids[start : start + CHUNK])
                    )
                )
                for r in rows:
                    out[(kind, r.id)] = _Rec(
                        kind, r.id, json.loads(r.payload), r.uscc, r.person_id, r.division_code,
                        r.version, bool(r.deleted), bool(r.withdrawn), r.withdraw_on, True,
                    )  # fmt: skip
        return out

    def _apply_put(
        self, recs: dict[tuple[str, str], _Rec], key: tuple[str, str], values: dict[str, Any], merge: bool
    ) -> None:
        kind, rid = key
        old = recs.get(key)
        base = old.payload if (old is not None and merge and not old.deleted) else {}
        merged = {**base, **values}
        if kind == _ENTITY:
            from credit.store.loader import entity_row

            merged = {k: v for k, v in entity_row(merged).items() if k in protocol.PAYLOAD_FIELDS[kind]}
        payload = protocol.validate_payload(kind, merged)
        if kind == _ENTITY:
            uscc, person = payload["uscc"], payload.get("legal_rep_id")
            division = _division(payload.get("division_code")) or _uscc_division(uscc)
        else:
            uscc, person = payload.get("uscc"), payload.get("person_id")
            division = None  # follows the entity, resolved when placing
        if old is None:
            rec = _Rec(kind, rid, payload, uscc, person, division, 1, False, False, None, False, True)
            recs[key] = rec
            self.stats.inserted += 1
        elif not old.deleted and _content(old.payload) == _content(payload):
            self.stats.unchanged += 1
            rec = old
        else:
            old.payload, old.uscc, old.person_id = payload, uscc, person
            old.division_code = division if kind == _ENTITY else old.division_code
            old.deleted, old.changed = False, True
            old.version += 1
            self.stats.updated += 1
            rec = old
        self._set_withdrawn(rec)

    def _set_withdrawn(self, rec: _Rec) -> None:
        end = withdrawal_day(rec.kind, rec.payload)
        withdraw_on = end.isoformat() if end else None
        withdrawn = end is not None and end <= self.today
        if (withdraw_on, withdrawn) != (rec.withdraw_on, rec.withdrawn):
            rec.withdraw_on, rec.withdrawn = withdraw_on, withdrawn
            rec.changed = True

    def _store(self, recs: Mapping[tuple[str, str], _Rec]) -> None:
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for r in recs.values():
            if not r.changed:
                continue
            row = {
                "kind": r.kind, "id": r.id, "uscc": r.uscc, "person_id": r.person_id,
                "division_code": r.division_code, "payload": canonical(r.payload), "version": r.version,
                "deleted": int(r.deleted), "withdraw_on": r.withdraw_on, "withdrawn": int(r.withdrawn),
                "source": self.source, "updated_at": self.now,
            }  # fmt: skip
            (updates if r.exists else inserts).append(row)
            r.exists = True
        if inserts:
            self.conn.execute(record.insert(), inserts)
        if updates:
            stmt = (
                record.update()
                .where(record.c.kind == sa.bindparam("k"), record.c.id == sa.bindparam("i"))
                .values({c: sa.bindparam(c) for c in updates[0] if c not in ("kind", "id")})
            )
            self.conn.execute(stmt, [{**u, "k": u["kind"], "i": u["id"]} for u in updates])

    def _cascade(
        self,
        recs: Mapping[tuple[str, str], _Rec],
        before: Mapping[tuple[str, str], tuple[str | None, str | None, bool]],
    ) -> set[tuple[str, str]]:
        """Records whose sharing depends on an entity that moved, changed its legal
        representative, or was deleted or restored."""
        usccs: set[str] = set()
        persons: set[str] = set()
        for key, r in recs.items():
            if r.kind != _ENTITY or not r.changed:
                continue
            old = before.get(key)
            now = (r.division_code, r.person_id, r.deleted or r.withdrawn)
            if old is None or old != now:
                usccs.add(r.id)
                persons.update(p for p in (r.person_id, old[1] if old else None) if p)
        out: set[tuple[str, str]] = set()
        for column, values in ((record.c.uscc, usccs), (record.c.person_id, persons)):
            vals = sorted(values)
            for start in range(0, len(vals), CHUNK):
                rows = self.conn.execute(
                    sa.select(record.c.kind, record.c.id).where(
                        column.in_(vals[start : start + CHUNK]), record.c.kind != _ENTITY
                    )
                )
                out.update((r.kind, r.id) for r in rows)
        return out

    def _place(self, keys: set[tuple[str, str]], content_changed: set[tuple[str, str]]) -> None:
        """Compare where each record should be shared with where it is, and queue feed rows."""
        if not keys:
            return
        recs = self._load(keys)
        want = self._wanted(recs)
        have: dict[tuple[str, str], set[str]] = {k: set() for k in keys}
        by_kind: dict[str, list[str]] = {}
        for kind, rid in keys:
            by_kind.setdefault(kind, []).append(rid)
        for kind, ids in by_kind.items():
            for start in range(0, len(ids), CHUNK):
                rows = self.conn.execute(
                    sa.select(placement).where(
                        placement.c.kind == kind, placement.c.id.in_(ids[start : start + CHUNK])
                    )
                )
                for p in rows:
                    have[(kind, p.id)].add(p.division_code)
        added, removed = [], []
        for key in sorted(keys):
            rec = recs[key]
            now, old = want.get(key, set()), have[key]
            for div in sorted(old - now):
                removed.append({"kind": key[0], "id": key[1], "division_code": div})
                self._pending.append(_Pending(key[0], key[1], div, "delete", rec.version, None))
            row_text: str | None = None
            for div in sorted(now):
                if div in old and key not in content_changed:
                    continue
                if div not in old:
                    added.append({"kind": key[0], "id": key[1], "division_code": div})
                if row_text is None:
                    row_text = json.dumps(
                        protocol.payload_row(key[0], rec.payload), ensure_ascii=False, separators=(",", ":")
                    )
                self._pending.append(_Pending(key[0], key[1], div, "upsert", rec.version, row_text))
        if removed:
            self.conn.execute(
                placement.delete().where(
                    placement.c.kind == sa.bindparam("k"),
                    placement.c.id == sa.bindparam("i"),
                    placement.c.division_code == sa.bindparam("d"),
                ),
                [{"k": r["kind"], "i": r["id"], "d": r["division_code"]} for r in removed],
            )
        if added:
            self.conn.execute(placement.insert(), added)

    def _wanted(self, recs: Mapping[tuple[str, str], _Rec]) -> dict[tuple[str, str], set[str]]:
        """Where each record should be shared: an entity in its division, an entity's record with
        its entity, a person's record where the person lives and where they represent an entity."""
        usccs = sorted({r.uscc for r in recs.values() if r.kind != _ENTITY and r.uscc})
        persons = sorted(
            {r.person_id for r in recs.values() if r.kind != _ENTITY and not r.uscc and r.person_id}
        )
        entity_div: dict[str, str | None] = {}
        for start in range(0, len(usccs), CHUNK):
            rows = self.conn.execute(
                sa.select(record.c.id, record.c.division_code).where(
                    record.c.kind == _ENTITY,
                    record.c.id.in_(usccs[start : start + CHUNK]),
                    record.c.deleted == 0,
                )
            )
            entity_div.update((r.id, r.division_code) for r in rows)
        person_divs: dict[str, set[str]] = {}
        for start in range(0, len(persons), CHUNK):
            rows = self.conn.execute(
                sa.select(record.c.person_id, record.c.division_code).where(
                    record.c.kind == _ENTITY,
                    record.c.person_id.in_(persons[start : start + CHUNK]),
                    record.c.deleted == 0,
                )
            )
            for row in rows:
                if row.division_code:
                    person_divs.setdefault(row.person_id, set()).add(row.division_code)
        out: dict[tuple[str, str], set[str]] = {}
        for key, r in recs.items():
            if r.deleted or r.withdrawn:
                out[key] = set()
            elif r.kind == _ENTITY:
                out[key] = {r.division_code} if r.division_code else set()
            elif r.uscc:
                div = entity_div.get(r.uscc) or _uscc_division(r.uscc)
                out[key] = {div} if div else set()
            elif r.person_id:
                home = _division(r.person_id[:6])
                out[key] = person_divs.get(r.person_id, set()) | ({home} if home else set())
            else:
                out[key] = set()
        return out

    # -- committing -----------------------------------------------------------------------

    def finish(self, *, delay_before_commit: float = 0.0) -> WriteStats:
        """Take the seqs and insert the feed rows: the last statements before the commit.

        ``delay_before_commit`` holds the transaction open afterwards (tests of the feed only).
        """
        self.flush()
        pending, self._pending = self._pending, []
        n = len(pending)
        if n:
            if self.seq_mode == "counter":
                last = self.conn.execute(
                    feed_counter.update()
                    .where(feed_counter.c.id == 1)
                    .values(last=feed_counter.c.last + n, as_of=self.now)
                    .returning(feed_counter.c.last)
                ).scalar_one()
                seqs = list(range(last - n + 1, last + 1))
            else:
                if len(self.naive_seqs) < n:
                    raise RuntimeError("naive mode: seqs must be taken before the transaction")
                seqs, self.naive_seqs = self.naive_seqs[:n], self.naive_seqs[n:]
            for start in range(0, n, CHUNK):
                self.conn.execute(
                    change.insert(),
                    [
                        {
                            "seq": s,
                            "kind": p.kind,
                            "id": p.id,
                            "division_code": p.division,
                            "op": p.op,
                            "version": p.version,
                            "payload": p.payload,
                            "at": self.now,
                        }
                        for s, p in zip(
                            seqs[start : start + CHUNK], pending[start : start + CHUNK], strict=True
                        )
                    ],
                )
        self.stats.changes += n
        if delay_before_commit:
            time.sleep(delay_before_commit)
        return self.stats


def take_naive_seqs(engine: sa.Engine, n: int) -> list[int]:
    """The flawed way, for the negative control: numbers taken in their own, already committed
    transaction (what ``nextval`` of a database sequence amounts to)."""
    from sync.server.db import write_begin

    with write_begin(engine) as conn:
        last = conn.execute(
            naive_counter.update()
            .where(naive_counter.c.id == 1)
            .values(last=naive_counter.c.last + n)
            .returning(naive_counter.c.last)
        ).scalar_one()
    return list(range(last - n + 1, last + 1))


# -- reading ----------------------------------------------------------------------------------


class CursorRefused(Exception):
    """The cursor cannot be continued: ``code`` is invalid_cursor or cursor_expired."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


@dataclass
class Page:
    changes: list[str]  # each change already as JSON array text
    next_seq: int
    head: int
    has_more: bool
    as_of: str | None
    feed_id: str
    generation: int = 0
    remaining: int | None = None


def head_of(conn: sa.Connection, seq_mode: SeqMode = "counter") -> tuple[int, str | None]:
    """The newest seq below which everything is committed, and the time of the newest change."""
    row = conn.execute(
        sa.select(feed_counter.c.last, feed_counter.c.as_of).where(feed_counter.c.id == 1)
    ).one()
    if seq_mode == "naive":  # what a naive reader does: trust the largest seq it can see
        return int(
            conn.execute(sa.select(sa.func.coalesce(sa.func.max(change.c.seq), 0))).scalar_one()
        ), row.as_of
    return int(row.last), row.as_of


def start_seq(conn: sa.Connection, cursor: str | None, scope: Sequence[str]) -> tuple[int, str, int]:
    """Where a cursor continues — checked against this feed, this scope and compaction — with
    the feed id and the current compaction generation (for the next cursor)."""
    facts = info(conn)
    feed_id = facts["feed_id"]
    generation = int(facts.get("compaction_gen", "0"))
    if not cursor:
        return 0, feed_id, generation
    try:
        feed, seq, scope_digest, gen = protocol.decode_cursor(cursor)
    except protocol.CursorError as exc:
        raise CursorRefused("invalid_cursor", "同步游标无法识别。请从头重新同步。") from exc
    if feed != feed_id:
        raise CursorRefused("cursor_expired", "平台数据库已重建，原同步进度失效，需要从头重新同步。")
    if scope_digest != protocol.scope_hash(scope):
        raise CursorRefused("cursor_expired", "辖区范围已变化，原同步进度失效，需要从头重新同步。")
    # compacted since the cursor was issued, and a dropped deletion lies after it
    if gen < generation and seq < int(facts.get("expired_through", "0")):
        raise CursorRefused("cursor_expired", "平台已压缩变更记录，原同步进度过旧，需要从头重新同步。")
    head, _ = head_of(conn)
    if seq > head:
        raise CursorRefused(
            "cursor_expired", "同步进度超前于平台数据（平台可能已从备份恢复），需要从头重新同步。"
        )
    return seq, feed_id, generation


def read_page(
    conn: sa.Connection,
    scope: Sequence[str],
    after: int,
    limit: int,
    *,
    count: bool = False,
    seq_mode: SeqMode = "counter",
    feed_id: str = "",
    generation: int = 0,
) -> Page:
    head, as_of = head_of(conn, seq_mode)
    where = sa.and_(change.c.seq > after, change.c.seq <= head, scope_filter(change.c.division_code, scope))
    rows = conn.execute(
        sa.select(change.c.seq, change.c.kind, change.c.id, change.c.op, change.c.version, change.c.payload)
        .where(where)
        .order_by(change.c.seq)
        .limit(limit)
    ).all()
    full = len(rows) == limit
    next_seq = rows[-1].seq if full else head
    deletes = [(r.kind, r.id) for r in rows if r.op == "delete"]
    still = _still_shared(conn, deletes, scope) if deletes else set()
    out: list[str] = []
    for r in rows:
        if r.op == "delete" and (r.kind, r.id) in still:
            continue  # still shared with another division of this scope
        out.append(
            f"[{r.seq},{json.dumps(r.kind)},{json.dumps(r.id, ensure_ascii=False)},"
            f'"{r.op}",{r.version},{r.payload if r.payload is not None else "null"}]'
        )
    remaining = None
    if count:
        remaining = int(
            conn.execute(
                sa.select(sa.func.count())
                .select_from(change)
                .where(
                    change.c.seq > next_seq, change.c.seq <= head, scope_filter(change.c.division_code, scope)
                )
            ).scalar_one()
        )
    return Page(out, next_seq, head, full and next_seq < head, as_of, feed_id, generation, remaining)


def _still_shared(
    conn: sa.Connection, keys: Sequence[tuple[str, str]], scope: Sequence[str]
) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    by_kind: dict[str, list[str]] = {}
    for kind, rid in keys:
        by_kind.setdefault(kind, []).append(rid)
    for kind, ids in by_kind.items():
        rows = conn.execute(
            sa.select(placement.c.kind, placement.c.id).where(
                placement.c.kind == kind,
                placement.c.id.in_(sorted(set(ids))),
                scope_filter(placement.c.division_code, scope),
            )
        )
        found.update((r.kind, r.id) for r in rows)
    return found


# -- upkeep -----------------------------------------------------------------------------------


def withdraw_due(conn: sa.Connection, today: date) -> int:
    """Stop sharing what has reached its withdrawal day (repair, end of listing) since the last
    run; returns how many records were withdrawn. Part of every write and of ``serve``'s daily
    upkeep, so the passing of time alone is enough to take a record off the laptops."""
    rows = conn.execute(
        sa.select(record.c.kind, record.c.id).where(
            record.c.withdrawn == 0, record.c.deleted == 0, record.c.withdraw_on <= today.isoformat()
        )
    ).all()
    if not rows:
        return 0
    writer = FeedWriter(conn, today=today, source="withdraw")
    for r in rows:
        writer.refresh(r.kind, r.id)
    writer.finish()
    return len(rows)


@dataclass
class CompactStats:
    superseded: int
    tombstones: int
    expired_through: int


def compact(conn: sa.Connection, *, tombstone_days: int = 90, now: datetime | None = None) -> CompactStats:
    """Drop feed rows a reader never needs: every row superseded by a newer row for the same
    record and division (a reader from any cursor gets the newer one), and deletions older than
    ``tombstone_days`` — cursors from before such a deletion are then refused (410), so their
    clients resync from zero instead of keeping a record that is gone."""
    newer = change.alias("newer")
    superseded = conn.execute(
        change.delete().where(
            sa.exists().where(
                newer.c.kind == change.c.kind,
                newer.c.id == change.c.id,
                newer.c.division_code == change.c.division_code,
                newer.c.seq > change.c.seq,
            )
        )
    ).rowcount
    horizon = iso((now or now_utc()) - timedelta(days=tombstone_days))
    old = change.c.op == "delete", change.c.at < horizon
    top = conn.execute(sa.select(sa.func.max(change.c.seq)).where(*old)).scalar()
    tombstones = conn.execute(change.delete().where(*old)).rowcount if top is not None else 0
    facts = info(conn)
    current = int(facts.get("expired_through", "0"))
    expired = max(current, int(top or 0))
    if tombstones:  # cursors issued before now may have missed a deletion after them
        set_info(conn, "expired_through", str(expired))
        set_info(conn, "compaction_gen", str(int(facts.get("compaction_gen", "0")) + 1))
    return CompactStats(int(superseded or 0), int(tombstones or 0), expired)


__all__ = [
    "CompactStats",
    "CursorRefused",
    "FeedWriter",
    "Page",
    "compact",
    "read_page",
    "start_seq",
    "take_naive_seqs",
    "withdraw_due",
]
