"""Reading what the window check needs about one entity from the cache.

Three indexed lookups (entity by USCC; list entries by USCC or by the legal representative's ID
number; penalties by USCC), selecting only the columns the rules read, so a check stays far
below the 50 ms a clerk would notice even on a cache of a million entities.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import sqlalchemy as sa

from credit.domain.check import BreachedCommitment, CheckInput, ListRecord, PenaltyRecord
from credit.store.tables import list_entry, penalty

_LIST_COLS = [
    list_entry.c[name]
    for name in (
        "id", "uscc", "list_type", "category", "reason", "basis", "deciding_unit", "doc_no",
        "listed_on", "valid_until", "removed_on", "person_name", "person_id",
    )
]  # fmt: skip
_PENALTY_COLS = [
    penalty.c[name]
    for name in (
        "id", "decision_no", "decision_date", "severity", "penalty_type", "violation_type", "facts",
        "basis", "content", "licence_action", "fine_wan", "valid_until", "publicity_end",
        "repaired_on", "authority",
    )
]  # fmt: skip
_DATES = frozenset(
    {"listed_on", "valid_until", "removed_on", "decision_date", "publicity_end", "repaired_on"}
)


def _day(value: str | None) -> date | None:
    """ISO text to a date; an unreadable date counts as absent rather than failing the check."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


_LIST_NAMES = tuple(c.name for c in _LIST_COLS)
_PENALTY_NAMES = tuple(c.name for c in _PENALTY_COLS)


def _fields(names: tuple[str, ...], values: tuple[Any, ...], skip: str = "") -> dict[str, Any]:
    return {k: _day(v) if k in _DATES else v for k, v in zip(names, values, strict=True) if k != skip}


_ENTITY_SQL = (
    "SELECT uscc, name, legal_rep, legal_rep_id, grade, status FROM entity WHERE uscc = ?"
)
_LIST_SQL = (
    f"SELECT {', '.join(_LIST_NAMES)} FROM list_entry "
    "WHERE uscc = ? OR (? IS NOT NULL AND person_id = ?) ORDER BY listed_on DESC"
)
_PENALTY_SQL = (
    f"SELECT {', '.join(_PENALTY_NAMES)} FROM penalty "
    "WHERE uscc = ? ORDER BY decision_date DESC"
)


def load_check_input(
    conn: sa.Connection, uscc: str, breached_commitments: Iterable[Mapping[str, Any]] = ()
) -> CheckInput | None:
    """The check input for ``uscc``, or None when the entity is not in the cache.

    ``breached_commitments`` come from the work database (dicts with code, type, breached_on,
    summary); list entries about the legal representative in person are matched by ID number.
    Plain SQL on the driver's cursor rather than Core expressions and result objects: a batch
    runs this 10,000 times, and building statements and result metadata cost more than the
    indexed lookups themselves.
    """
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        ent = cursor.execute(_ENTITY_SQL, (uscc,)).fetchone()
        if ent is None:
            return None
        code, name, legal_rep, legal_rep_id, grade, status = ent
        rep_id = (legal_rep_id or "").strip() or None
        lists: list[ListRecord] = []
        rep_lists: list[ListRecord] = []
        uscc_at = _LIST_NAMES.index("uscc")
        for values in cursor.execute(_LIST_SQL, (uscc, rep_id, rep_id)).fetchall():
            record = ListRecord(**_fields(_LIST_NAMES, values, skip="uscc"))
            (lists if values[uscc_at] == uscc else rep_lists).append(record)
        penalties = [
            PenaltyRecord(**_fields(_PENALTY_NAMES, values))
            for values in cursor.execute(_PENALTY_SQL, (uscc,)).fetchall()
        ]
    finally:
        cursor.close()
    return CheckInput(
        uscc=code,
        name=name,
        legal_rep=legal_rep,
        legal_rep_id=rep_id,
        grade=grade,
        status=status,
        lists=tuple(lists),
        penalties=tuple(penalties),
        breached_commitments=tuple(BreachedCommitment.from_dict(c) for c in breached_commitments),
        legal_rep_lists=tuple(rep_lists),
    )
