"""Entity search over the cache: one box that takes whatever the user has.

A query is classified once and sent down the one path that answers it fast:

* an 18-character USCC, or licence-QR content containing one → exact B-tree lookup;
* digits and letters with a digit → USCC prefix on ``(active, uscc)``;
* letters only → pinyin-initials prefix on ``(active, pinyin)``, plus name substrings;
* anything else → name substring: the trigram index for 3+ characters, the one-token-per-
  character index (as a phrase) for 1–2 characters.

Living entities rank above deregistered ones; within them exact and prefix matches of the
name come first, then shorter names.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from credit.domain import uscc as uscc_mod
from credit.domain.names import normalize_name, spaced_chars
from credit.store.tables import entity, list_entry

#: How many candidates a name query takes from the index before ranking them.
OVERFETCH = 400

#: Chips shown on results, by list type (order = display order).
FLAG_LABELS = {
    "serious": "严重失信",
    "watch": "重点关注",
    "abnormal": "经营异常",
    "judgment_debtor": "失信被执行人",
}

_CODEISH = re.compile(r"[0-9A-Za-z]+")


@dataclass(frozen=True)
class Hit:
    uscc: str
    name: str
    status: str
    active: bool
    grade: str | None
    division_name: str | None
    legal_rep: str | None
    flags: tuple[str, ...] = ()


@dataclass
class SearchResult:
    query: str
    kind: str  # empty / uscc / qr / uscc_prefix / pinyin / name
    hits: list[Hit] = field(default_factory=list)
    code: str | None = None  # the USCC looked up, for uscc / qr
    notes: list[str] = field(default_factory=list)  # warnings for the user, in Chinese
    elapsed_ms: float = 0.0

    @property
    def best(self) -> Hit | None:
        return self.hits[0] if self.hits else None


def classify(query: str) -> tuple[str, str]:
    """(kind, normalised term) for a raw query."""
    text = query.strip()
    if not text:
        return "empty", ""
    code = uscc_mod.normalize(text)
    if uscc_mod.looks_like_uscc(code):
        return "uscc", code
    norm = normalize_name(text)
    if _CODEISH.fullmatch(norm):
        if any(ch.isdigit() for ch in norm):
            return "uscc_prefix", norm.upper()
        return "pinyin", norm.lower()
    if len(text) >= 18:
        found = uscc_mod.extract_from_qr(text)
        if found:
            return "qr", found
    return "name", norm


def search(conn: sa.Connection, query: str, limit: int = 50) -> SearchResult:
    started = time.perf_counter()
    kind, term = classify(query)
    result = SearchResult(query=query, kind=kind)
    ids: list[int] = []
    if kind in ("uscc", "qr"):
        result.code = term
        result.notes.extend(_code_notes(term, kind))
        ids = list(conn.execute(sa.select(entity.c.id).where(entity.c.uscc == term)).scalars())
        if not ids:
            result.notes.append(f"本地数据中没有代码为 {term} 的主体。")
    elif kind == "uscc_prefix":
        ids = _prefix(conn, entity.c.uscc, term, limit)
    elif kind == "pinyin":
        ids = _prefix(conn, entity.c.pinyin, term, limit)
        if len(ids) < limit and len(term) >= 3:
            ids += [i for i in _name_ids(conn, term) if i not in set(ids)]
    elif kind == "name":
        ids = _name_ids(conn, term)
    hits = _hits(conn, ids)
    if kind in ("name", "pinyin"):
        hits = _rank(hits, term, kind)
    result.hits = hits[:limit]
    result.elapsed_ms = (time.perf_counter() - started) * 1000
    return result


def _code_notes(code: str, kind: str) -> list[str]:
    notes = [f"已从扫描内容中识别出统一社会信用代码 {code}。"] if kind == "qr" else []
    try:
        notes.extend(uscc_mod.parse(code).warnings)
    except uscc_mod.USCCFormatError as exc:
        notes.append(exc.reason)
    return notes


def _prefix(conn: sa.Connection, column: sa.Column[str], term: str, limit: int) -> list[int]:
    """Range scan on ``(active, column)``: living entities first, each half in index order."""
    upper = term[:-1] + chr(ord(term[-1]) + 1)
    ids: list[int] = []
    for active in (1, 0):
        rows = conn.execute(
            sa.select(entity.c.id)
            .where(entity.c.active == active, column >= term, column < upper)
            .order_by(column)
            .limit(limit - len(ids))
        ).scalars()
        ids.extend(rows)
        if len(ids) >= limit:
            break
    return ids


def fts_phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _name_ids(conn: sa.Connection, term: str) -> list[int]:
    compact = term.replace(" ", "")
    if len(compact) >= 3:
        sql = "SELECT rowid FROM entity_tri WHERE entity_tri MATCH ? LIMIT ?"
        return [r[0] for r in conn.exec_driver_sql(sql, (fts_phrase(term), OVERFETCH))]
    chars = spaced_chars(compact)
    if not any(ch.isalnum() for ch in chars):
        return []  # punctuation alone: the tokenizer drops it, nothing can match
    # The unicode61 tokenizer drops punctuation on both sides, so the phrase for "司(" is just
    # "司", and "A B" also matches "A(B": keep only names that really contain the query
    # (spaces ignored, like the phrase does).
    needle = compact.lower()
    rows = conn.exec_driver_sql(
        "SELECT e.id, e.name_norm FROM entity_uni JOIN entity e ON e.id = entity_uni.rowid "
        "WHERE entity_uni MATCH ?",
        (fts_phrase(chars),),
    )
    ids: list[int] = []
    try:
        for rid, name in rows:
            if needle in name.replace(" ", "").lower():
                ids.append(rid)
                if len(ids) >= OVERFETCH:
                    break
    finally:
        rows.close()
    return ids


def _hits(conn: sa.Connection, ids: list[int]) -> list[Hit]:
    if not ids:
        return []
    rows = conn.execute(
        sa.select(
            entity.c.id,
            entity.c.uscc,
            entity.c.name,
            entity.c.status,
            entity.c.active,
            entity.c.grade,
            entity.c.division_name,
            entity.c.legal_rep,
        ).where(entity.c.id.in_(ids))
    ).all()
    flags = active_flags(conn, [r.uscc for r in rows])
    order = {rid: n for n, rid in enumerate(ids)}
    rows = sorted(rows, key=lambda r: order[r.id])
    return [
        Hit(
            uscc=r.uscc,
            name=r.name,
            status=r.status,
            active=bool(r.active),
            grade=r.grade,
            division_name=r.division_name,
            legal_rep=r.legal_rep,
            flags=flags.get(r.uscc, ()),
        )
        for r in rows
    ]


def active_flags(
    conn: sa.Connection, codes: list[str], today: date | None = None
) -> dict[str, tuple[str, ...]]:
    """List chips per USCC: entries not removed and not past their validity."""
    if not codes:
        return {}
    day = (today or date.today()).isoformat()
    rows = conn.execute(
        sa.select(list_entry.c.uscc, list_entry.c.list_type).where(
            list_entry.c.uscc.in_(codes),
            list_entry.c.removed_on.is_(None),
            sa.or_(list_entry.c.valid_until.is_(None), list_entry.c.valid_until >= day),
        )
    )
    found: dict[str, set[str]] = {}
    for r in rows:
        found.setdefault(r.uscc, set()).add(r.list_type)
    return {
        code: tuple(label for key, label in FLAG_LABELS.items() if key in types)
        for code, types in found.items()
    }


def _rank(hits: list[Hit], term: str, kind: str) -> list[Hit]:
    def key(hit: Hit) -> tuple[int, int, int]:
        if kind == "pinyin":
            return (0 if hit.active else 1, 0, 0)  # keep the prefix order from the index
        name = normalize_name(hit.name).lower()
        t = term.lower()
        closeness = 0 if name == t else 1 if name.startswith(t) else 2
        return (0 if hit.active else 1, closeness, len(name))

    return sorted(hits, key=key)
