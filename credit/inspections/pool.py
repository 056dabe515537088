"""The candidate pool of a plan, read from the cache, with each entity's visits this year.

Visits are the finalised inspections of the plan year (originals, not corrections; one per task
or ad-hoc visit; follow-up inspections of a rectification order do not count, they are the
consequence of a finding, not supervision frequency) finalised before a given moment: the
moment of the draw. Records
are insert-only, so the visits a draw saw can be counted again later, which is what lets
``plan verify`` re-derive a plan months after it was drawn.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import sqlalchemy as sa

from credit.domain.inspection_catalog import InspectionCatalog, Sector
from credit.domain.roster import Roster
from credit.domain.sampling import PoolEntry
from credit.inspections.config import PlanConfig
from credit.store.tables import entity, inspection_record


@dataclass(frozen=True)
class PoolEntity:
    """What a task needs to know about a drawn entity (the draw itself sees only ``entry``)."""

    entry: PoolEntry
    name: str
    division_code: str | None
    division_name: str | None
    address: str | None
    entity_type: str | None


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def sector_condition(sector: Sector) -> sa.ColumnElement[bool]:
    parts: list[sa.ColumnElement[bool]] = []
    if sector.industries:
        parts.append(entity.c.industry.in_(sector.industries))
    if sector.scope_any:
        parts.append(
            sa.or_(
                *(
                    sa.or_(
                        entity.c.business_scope.like(_like(w), escape="\\"),
                        entity.c.name.like(_like(w), escape="\\"),
                    )
                    for w in sector.scope_any
                )
            )
        )
    return sa.and_(sa.true(), *parts)


def visits_before(work: sa.Connection, year: int, before_utc: str) -> dict[str, int]:
    """USCC → visits in ``year`` finalised before ``before_utc`` (ISO UTC)."""
    visit = sa.func.coalesce(inspection_record.c.task_id, inspection_record.c.id)
    rows = work.execute(
        sa.select(inspection_record.c.party_code, sa.func.count(sa.distinct(visit)))
        .where(
            inspection_record.c.corrects.is_(None),
            inspection_record.c.rectification_id.is_(None),
            sa.func.substr(inspection_record.c.inspected_at, 1, 4) == f"{year:04d}",
            inspection_record.c.created_utc < before_utc,
        )
        .group_by(inspection_record.c.party_code)
    )
    return {code: int(n) for code, n in rows}


def load_pool(
    cache: sa.Connection,
    work: sa.Connection,
    config: PlanConfig,
    catalog: InspectionCatalog,
    roster: Roster,
    visits_as_of_utc: str,
) -> dict[str, list[PoolEntity]]:
    """Sector → the entities matching the plan's filters, sorted by USCC."""
    visits = visits_before(work, config.year, visits_as_of_utc)
    base: list[sa.ColumnElement[bool]] = [entity.c.status.in_(config.statuses)]
    if config.divisions:
        base.append(sa.or_(*(entity.c.division_code.like(f"{p}%") for p in config.divisions)))
    if config.entity_types:
        base.append(entity.c.entity_type.in_(config.entity_types))
    out: dict[str, list[PoolEntity]] = {}
    for code in config.sectors:
        sector = catalog.sector(code)
        rows = cache.execute(
            sa.select(
                entity.c.uscc,
                entity.c.name,
                entity.c.grade,
                entity.c.legal_rep_id,
                entity.c.division_code,
                entity.c.division_name,
                entity.c.address,
                entity.c.entity_type,
            )
            .where(*base, sector_condition(sector))
            .order_by(entity.c.uscc)
        )
        out[code] = [
            PoolEntity(
                PoolEntry(
                    r.uscc,
                    r.grade,
                    visits.get(r.uscc, 0),
                    tuple(roster.conflicted_with(r.uscc, r.legal_rep_id)),
                ),
                r.name,
                r.division_code,
                r.division_name,
                r.address,
                r.entity_type,
            )
            for r in rows
        ]
    return out


def entries(pools: Mapping[str, list[PoolEntity]]) -> dict[str, list[PoolEntry]]:
    return {s: [p.entry for p in items] for s, items in pools.items()}
