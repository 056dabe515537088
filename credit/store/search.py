"""Entity search over the cache: one box that takes whatever the user has.

A query is classified once and sent down the one path that answers it fast:

* an 18-character USCC, or licence-QR content containing one → exact B-tree lookup;
* digits and letters with a digit → USCC prefix on ``(active, uscc)``;
* letters only → pinyin-initials prefix on ``(active, pinyin)``, plus name substrings;
* anything else → name substring: the trigram index for 3+ characters, the one-token-per-
  character index (as a phrase) for 1–2 characters; several words separated by spaces
  (常州 新北) must each occur in the name, in any order.

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
from credit.domain.lists import FLAG_LABELS
from credit.domain.names import normalize_name, spaced_chars
from credit.store.tables import list_entry

#: How many candidates a name query takes from the index before ranking them.
OVERFETCH = 200
#: Where the one-character index cannot decide alone (punctuation, several words), this many of
#: its candidates are checked against the name at most: a bounded scan, never the whole table.
SCAN_LIMIT = 20_000


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
    if kind in ("uscc", "qr"):
        result.code = term
        result.notes.extend(_code_notes(term, kind))
        result.hits = list(_details(conn, "e.uscc = ?", [term]).values())
        if not result.hits:
            result.notes.append(f"本地数据中没有代码为 {term} 的主体。")
    elif kind == "uscc_prefix":
        result.hits = _in_order(conn, _prefix(conn, "uscc", term, limit))
        if not result.hits and len(term) >= uscc_mod.LENGTH:
            result.notes.extend(_code_notes(term, kind))  # e.g. a letter O typed for the digit 0
    elif kind == "pinyin":
        ids = _prefix(conn, "pinyin", term, limit)
        if len(ids) < limit and len(term) >= 3:
            seen = set(ids)
            ids += [i for i in _name_ids(conn, term, limit)[0] if i not in seen]
        result.hits = _in_order(conn, ids[:limit])
    elif kind == "name":
        ids, bounded = _name_ids(conn, term, limit)
        result.hits = _in_order(conn, ids)
        if bounded and len(result.hits) < limit:
            result.notes.append("查询较短且含标点或空格，只在部分候选中查找；输入更完整的名称可查得更全。")
    result.elapsed_ms = (time.perf_counter() - started) * 1000
    return result


def _code_notes(code: str, kind: str) -> list[str]:
    notes = [f"已从扫描内容中识别出统一社会信用代码 {code}。"] if kind == "qr" else []
    try:
        notes.extend(uscc_mod.parse(code).warnings)
    except uscc_mod.USCCFormatError as exc:
        notes.append(exc.reason)
    return notes


def _prefix(conn: sa.Connection, column: str, term: str, limit: int) -> list[int]:
    """Range scan on ``(active, column)``: living entities first, each half in index order."""
    upper = term[:-1] + chr(ord(term[-1]) + 1)
    sql = (
        f"SELECT id FROM entity WHERE active = ? AND {column} >= ? AND {column} < ? ORDER BY {column} LIMIT ?"
    )
    ids: list[int] = []
    for active in (1, 0):
        ids += [r[0] for r in conn.exec_driver_sql(sql, (active, term, upper, limit - len(ids)))]
        if len(ids) >= limit:
            break
    return ids


def fts_phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


#: Rank up to OVERFETCH index candidates in SQL: living first, then the exact name, names
#: starting with the query, shorter names. ``{match}`` is the candidate query.
_RANKED = (
    "SELECT id FROM ({match} LIMIT {overfetch}) "
    "ORDER BY active DESC, name_norm = :term DESC, instr(lower(name_norm), :lower) = 1 DESC, "
    "length(name_norm), id LIMIT :limit"
)
_TRI = (
    "SELECT e.id, e.active, e.name_norm FROM entity_tri JOIN entity e ON e.id = entity_tri.rowid "
    "WHERE entity_tri MATCH :phrase"
)
# One phrase per word over the one-token-per-character index. The unicode61 tokenizer drops
# punctuation on both sides, so the phrase for "司(" is just "司", and "A B" also matches "A(B":
# keep only names that really contain each word (spaces ignored, as the phrase ignores them).
# For a plain query almost every candidate passes that check; where the query itself holds
# punctuation or several words, most may not, so only SCAN_LIMIT candidates are checked.
_UNI = (
    "SELECT e.id, e.active, e.name_norm FROM "
    "(SELECT rowid FROM entity_uni WHERE entity_uni MATCH :phrase {scan}) c "
    "JOIN entity e ON e.id = c.rowid WHERE {needles}"
)
_UNI_COUNT = "SELECT count(*) FROM (SELECT rowid FROM entity_uni WHERE entity_uni MATCH :phrase LIMIT :scan)"


def _name_ids(conn: sa.Connection, term: str, limit: int) -> tuple[list[int], bool]:
    """Candidate ids for a name query, ranked; and whether a bounded scan may have missed some."""
    words = term.split()
    params: dict[str, object] = {"term": term, "lower": term.lower(), "limit": limit}
    bounded = False
    if len(words) == 1 and len(term) >= 3:
        match, params["phrase"] = _TRI, fts_phrase(term)
    else:
        # a word of punctuation alone tokenizes to nothing: it is only checked in the name
        phrases = [spaced_chars(w) for w in words if any(ch.isalnum() for ch in w)]
        if not phrases:
            return [], False  # punctuation alone: the tokenizer drops it, nothing can match
        params["phrase"] = " AND ".join(fts_phrase(p) for p in phrases)
        needles = []
        for n, word in enumerate(words):
            params[f"n{n}"] = word.lower()
            needles.append(f"instr(lower(replace(e.name_norm, ' ', '')), :n{n}) > 0")
        bounded = len(words) > 1 or not all(ch.isalnum() for ch in term)
        params["scan"] = SCAN_LIMIT
        match = _UNI.format(scan="LIMIT :scan" if bounded else "", needles=" AND ".join(needles))
    sql = _RANKED.format(match=match, overfetch=OVERFETCH)
    ids = [r[0] for r in conn.execute(sa.text(sql), params)]
    if bounded and len(ids) < limit:  # did the scan stop at its bound, or see every candidate?
        bounded = conn.execute(sa.text(_UNI_COUNT), params).scalar_one() >= SCAN_LIMIT
    return ids, bounded and len(ids) < limit


_DETAILS = (
    "SELECT e.id, e.uscc, e.name, e.status, e.active, e.grade, e.division_name, e.legal_rep, "
    "(SELECT group_concat(DISTINCT l.list_type) FROM list_entry l WHERE l.uscc = e.uscc "
    "AND l.removed_on IS NULL AND (l.valid_until IS NULL OR l.valid_until >= ?)) "
    "FROM entity e WHERE {where}"
)


def _details(conn: sa.Connection, where: str, params: list[object]) -> dict[int, Hit]:
    """Hits (by entity id) with their list chips, in one statement: no per-hit queries."""
    rows = conn.exec_driver_sql(_DETAILS.format(where=where), (date.today().isoformat(), *params))
    return {
        r[0]: Hit(
            uscc=r[1],
            name=r[2],
            status=r[3],
            active=bool(r[4]),
            grade=r[5],
            division_name=r[6],
            legal_rep=r[7],
            flags=_flag_labels(r[8]),
        )
        for r in rows
    }


def _in_order(conn: sa.Connection, ids: list[int]) -> list[Hit]:
    if not ids:
        return []
    found = _details(conn, f"e.id IN ({','.join('?' * len(ids))})", list(ids))
    return [found[i] for i in ids if i in found]


def _flag_labels(types: str | None) -> tuple[str, ...]:
    present = set(types.split(",")) if types else set()
    return tuple(label for key, label in FLAG_LABELS.items() if key in present)


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
    return {code: _flag_labels(",".join(types)) for code, types in found.items()}
