"""Commitments the platform holds, meeting the ones in this laptop's work database.

A commitment registered on another laptop arrives with the pull (cache table
``platform_commitment``). To record its fulfilment here — the inspector checking in the field what
the window accepted — it is first *adopted*: copied into the work database with the platform's
version, so the edit names the version it is based on and the platform can tell a conflict.
After every pull, local commitments whose platform version moved on while nothing of theirs is
waiting to be sent take the platform's fulfilment (a newer determination from elsewhere), with
an audit row; one with an edit still on its way is left alone — the platform answers that edit
with a conflict if it is stale, and a person decides.
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from credit.store import audit, outbox
from credit.store.tables import commitment, platform_commitment
from credit.store.tables import outbox as outbox_table

if TYPE_CHECKING:
    from credit.operator import Operator
    from credit.store.db import Store

FULFILMENT = ("fulfilment", "unmet_content", "liability_pursued", "determined_on", "determining_unit")


def platform_rows(store: Store, committer_code: str) -> list[dict[str, Any]]:
    """The platform's commitments of a committer (USCC or ID number), newest first."""
    pc = platform_commitment.c
    with store.cache.connect() as conn:
        rows = conn.execute(
            sa.select(platform_commitment)
            .where(sa.or_(pc.uscc == committer_code, pc.person_id == committer_code))
            .order_by(pc.made_on.desc(), pc.code.desc())
        )
        return [dict(r._mapping) for r in rows]


def adopt(store: Store, operator: Operator, commitment_id: str) -> dict[str, Any]:
    """Copy a platform commitment into the work database (once) so it can be edited here."""
    with store.cache.connect() as conn:
        row = conn.execute(
            sa.select(platform_commitment).where(platform_commitment.c.id == commitment_id)
        ).first()
    if row is None:
        raise LookupError(f"本机没有平台承诺 {commitment_id}：请先同步。")
    p = dict(row._mapping)
    with store.write_work() as work:
        have = work.execute(sa.select(commitment).where(commitment.c.id == commitment_id)).first()
        if have is not None:
            return dict(have._mapping)
        values = {
            "id": p["id"],
            "operator": "平台",
            "unit": p.get("accepting_unit") or "",
            "device": "platform",
            "created_utc": p.get("made_on") or "",
            "created_local": p.get("made_on") or "",
            "code": p["code"],
            "committer_name": p["committer_name"],
            "committer_category": p["committer_category"],
            "committer_code": p.get("uscc") or p.get("person_id") or "",
            "commitment_type": p["commitment_type"],
            "matter_code": p.get("matter_code"),
            "reason": p.get("reason") or "",
            "content": "（见平台记录）",
            "liability": "（见平台记录）",
            "made_on": p.get("made_on") or "",
            "valid_until": p.get("valid_until"),
            "accepting_unit": p.get("accepting_unit") or "",
            "publicity_type": p.get("publicity_type") or "",
            "deadline": p.get("deadline"),
            "version": p["version"],
            **{k: p.get(k) for k in FULFILMENT},
        }
        work.execute(commitment.insert().values(**values))
        audit.append(
            work,
            user=operator.user,
            device=operator.device,
            action="commitment_adopt",
            uscc=p.get("uscc"),
            detail={"id": p["id"], "code": p["code"], "version": p["version"]},
        )
        return values


def get_or_adopt(store: Store, operator: Operator, code: str) -> dict[str, Any] | None:
    """The commitment with ``code`` from the work database, adopting the platform's when this
    machine has none (the field recording the fulfilment of a commitment made at the window)."""
    from credit.commitments import get

    row = get(store, code)
    if row is not None:
        return row
    with store.cache.connect() as conn:
        pc = platform_commitment.c
        found = conn.execute(sa.select(pc.id).where(pc.code == code)).scalar()
    if found is None:
        return None
    adopt(store, operator, str(found))
    return get(store, code)


def refresh_local_commitments(store: Store) -> int:
    """Take the platform's newer fulfilment into local commitments with nothing on its way."""
    with store.cache.connect() as conn:
        theirs = {r.id: dict(r._mapping) for r in conn.execute(sa.select(platform_commitment))}
    if not theirs:
        return 0
    changed = 0
    with store.write_work() as work:
        ids = list(theirs)
        busy = outbox.waiting_for(work, ids)
        for start in range(0, len(ids), 500):
            rows = work.execute(
                sa.select(
                    commitment.c.id, commitment.c.version, commitment.c.code, commitment.c.committer_code
                ).where(commitment.c.id.in_(ids[start : start + 500]))
            ).all()
            for r in rows:
                p = theirs[r.id]
                if p["version"] <= r.version or busy.get(r.id):
                    continue
                work.execute(
                    commitment.update()
                    .where(commitment.c.id == r.id)
                    .values(version=p["version"], **{k: p.get(k) for k in FULFILMENT})
                )
                audit.append(
                    work,
                    user="平台",
                    device="platform",
                    action="commitment_platform_update",
                    uscc=p.get("uscc"),
                    detail={
                        "id": r.id,
                        "code": r.code,
                        "from": r.version,
                        "to": p["version"],
                        "fulfilment": p.get("fulfilment"),
                    },
                )
                changed += 1
    return changed


def breached_on_platform(cache: sa.Connection, code: str, exclude: set[str]) -> list[dict[str, Any]]:
    """Breaches of ``code``'s commitments the platform holds (recorded anywhere), in the shape
    :func:`credit.window_check.breached_commitments` gives, less the codes in ``exclude``."""
    pc = platform_commitment.c
    rows = cache.execute(
        sa.select(platform_commitment).where(
            sa.or_(pc.uscc == code, pc.person_id == code),
            pc.fulfilment.in_(("部分履行", "全部未履行")),
            pc.determined_on.is_not(None),
        )
    )
    out = []
    for r in rows:
        if r.code in exclude:
            continue
        out.append(
            {
                "code": r.code,
                "type": r.commitment_type,
                "breached_on": r.determined_on,
                "summary": f"{r.accepting_unit or '其他单位'}受理，{r.fulfilment}"
                + (f"：{r.unmet_content}" if r.unmet_content else "")
                + "（共享平台）",
            }
        )
    return out


def breaching_on_platform(cache: sa.Connection) -> frozenset[str]:
    """Committer codes with a breach the platform holds (a batch check looks only these up)."""
    pc = platform_commitment.c
    rows = cache.execute(
        sa.select(pc.uscc, pc.person_id)
        .where(pc.fulfilment.in_(("部分履行", "全部未履行")), pc.determined_on.is_not(None))
        .distinct()
    )
    return frozenset(code for r in rows for code in (r.uscc, r.person_id) if code)


def conflict_values(row: dict[str, Any]) -> dict[str, Any]:
    """The platform's record in an outbox conflict (as JSON in the row)."""
    return json.loads(row.get("conflict_payload") or "{}")


# -- a person decides ---------------------------------------------------------------------------

MINE, THEIRS = "mine", "theirs"


class ResolveError(Exception):
    """The outbox row cannot be resolved that way; ``reason`` is Chinese."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def resolve_conflict(
    store: Store, operator: Operator, seq: int, choice: str, values: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Settle a conflict the platform reported on outbox row ``seq``.

    ``THEIRS``: the platform's version becomes the local one, nothing is sent. ``MINE``: the local
    fulfilment (or ``values``, a field-by-field merge) is sent again as an edit of the platform's
    version. Every undelivered row of the record is superseded by the outcome; returns the
    local commitment (or the conflicting row, for kinds without a local edit to keep).
    """
    with store.write_work() as work:
        row = outbox.get(work, seq)
        if row is None or row["status"] != outbox.CONFLICT:
            raise ResolveError("这条记录当前没有冲突需要处理。")
        theirs = conflict_values(row)
        version = int(row["platform_version"] or theirs.get("version") or 1)
        pending = [
            r["seq"]
            for r in outbox.rows(work, (*outbox.WAITING, *outbox.ATTENTION))
            if r["record_id"] == row["record_id"]
        ]
        if row["kind"] not in ("commitment", "commitment_fulfilment"):
            if choice != THEIRS:
                raise ResolveError("平台不会覆盖已接收的记录：只能采用平台的版本（本机记录保留，不再上传）。")
            for s in pending:
                outbox.supersede(work, s, None, "theirs")
            _note(work, operator, row, "theirs", version)
            return row
        local = work.execute(sa.select(commitment).where(commitment.c.id == row["record_id"])).first()
        if local is None:
            raise ResolveError("本机已没有这条承诺。")
        if choice == THEIRS:
            work.execute(
                commitment.update()
                .where(commitment.c.id == row["record_id"])
                .values(version=version, **{k: theirs.get(k) for k in FULFILMENT})
            )
            for s in pending:
                outbox.supersede(work, s, None, "theirs")
        elif choice == MINE:
            if row["kind"] == "commitment":
                raise ResolveError("平台已有同一编号但内容不同的承诺：只能采用平台的版本。")
            chosen = {k: (values or dict(local._mapping)).get(k) for k in FULFILMENT}
            work.execute(
                commitment.update()
                .where(commitment.c.id == row["record_id"])
                .values(version=version + 1, **chosen)
            )
            stored = dict(
                work.execute(sa.select(commitment).where(commitment.c.id == row["record_id"])).one()._mapping
            )
            raw = stored.get("missing_materials")
            stored["missing_materials"] = json.loads(raw) if raw else []
            new = outbox.enqueue(work, "commitment_fulfilment", row["record_id"], stored)
            for s in pending:
                outbox.supersede(work, s, new, "mine")
        else:
            raise ResolveError(f"未知的处理方式“{choice}”。")
        _note(work, operator, row, choice, version)
        return dict(
            work.execute(sa.select(commitment).where(commitment.c.id == row["record_id"])).one()._mapping
        )


def conflict_sides(store: Store, seq: int) -> tuple[dict[str, Any], dict[str, Any], int, str]:
    """What the side-by-side dialog shows for outbox row ``seq``: (the platform's record, this
    laptop's, the version this laptop's edit was based on, the platform's reason)."""
    with store.work.connect() as work:
        row = outbox.get(work, seq)
        if row is None or row["status"] != outbox.CONFLICT:
            raise ResolveError("这条记录当前没有冲突需要处理。")
        local = work.execute(sa.select(commitment).where(commitment.c.id == row["record_id"])).first()
    theirs = conflict_values(row)
    theirs.setdefault("version", row["platform_version"])
    mine = dict(local._mapping) if local is not None else json.loads(row["payload"])
    base = int(row["base_version"] or (int(mine.get("version") or 2) - 1))
    return theirs, mine, base, str(row["reason"] or "")


def _note(work: sa.Connection, operator: Operator, row: dict[str, Any], choice: str, version: int) -> None:
    audit.append(
        work,
        user=operator.user,
        device=operator.device,
        action="sync_conflict_resolved",
        detail={
            "seq": row["seq"],
            "kind": row["kind"],
            "id": row["record_id"],
            "choice": choice,
            "platform_version": version,
        },
    )


def renumber(store: Store, operator: Operator, seq: int) -> dict[str, Any]:
    """Give a commitment the platform refused for its code (``commitment_code_taken``) a new code
    under this device's number, and queue it again; returns the commitment."""
    from credit.commitments import _public, code_prefix, next_code, platform_floor

    with store.work.connect() as conn:
        found = conn.execute(
            sa.select(commitment.c.code, commitment.c.made_on)
            .join(outbox_table, outbox_table.c.record_id == commitment.c.id)
            .where(outbox_table.c.seq == seq)
        ).first()
    floor = (
        platform_floor(
            store, code_prefix(found.code[:6], date.fromisoformat(found.made_on[:10]), operator.device_no)
        )
        if found
        else None
    )
    with store.write_work() as work:
        row = outbox.get(work, seq)
        if row is None or row["kind"] != "commitment" or row["status"] != outbox.REJECTED:
            raise ResolveError("只有因编码重复被平台拒收的承诺才能重新编号。")
        local = work.execute(sa.select(commitment).where(commitment.c.id == row["record_id"])).first()
        if local is None:
            raise ResolveError("本机已没有这条承诺。")
        old = local.code
        made_on = date.fromisoformat(local.made_on[:10])
        code = next_code(work, old[:6], made_on, operator.device_no, floor)
        work.execute(commitment.update().where(commitment.c.id == local.id).values(code=code))
        stored = _public(
            work.execute(sa.select(commitment).where(commitment.c.id == local.id)).one()._mapping
        )
        new = outbox.enqueue(
            work, "commitment", local.id, {**stored, "version": 1, **{k: None for k in FULFILMENT}}
        )
        outbox.supersede(work, seq, new, "renumbered")
        # fulfilments recorded meanwhile follow the commitment again, in their order, with the new code
        for later in outbox.rows(work, outbox.WAITING):
            if later["record_id"] == local.id and later["seq"] < new:
                payload = {**json.loads(later["payload"]), "code": code}
                again = outbox.enqueue(work, later["kind"], local.id, payload)
                outbox.supersede(work, later["seq"], again, "renumbered")
        audit.append(
            work,
            user=operator.user,
            device=operator.device,
            action="commitment_renumber",
            detail={"id": local.id, "from": old, "to": code},
        )
        return stored


__all__ = [
    "MINE",
    "THEIRS",
    "ResolveError",
    "adopt",
    "breached_on_platform",
    "breaching_on_platform",
    "conflict_sides",
    "get_or_adopt",
    "platform_rows",
    "refresh_local_commitments",
    "renumber",
    "resolve_conflict",
]
