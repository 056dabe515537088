"""The candidate pool of a plan, read from the cache, with each entity's visits under its cap.

A visit is a finalised inspection (originals, not corrections; one per task or ad-hoc visit;
follow-up inspections of a rectification order do not count, they are the consequence of a
finding, not supervision frequency) *or* a task of an earlier plan that is not done yet: a
second plan drawn the same year must not pick an entity the first one already sends someone
to, or the annual cap is exceeded by drawing. Visits are counted as of a moment (the draw) over
the years of each cell's cap (``per_years`` ending with the plan year), and recorded in the pool
snapshot. Records, plans and tasks are insert-only, so the visits a draw saw can be counted
again later, which is what lets ``plan verify`` re-derive a plan months after it was drawn.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

import sqlalchemy as sa

from credit.domain.inspection_catalog import InspectionCatalog, MatrixCell, Sector, group_of
from credit.domain.roster import Roster
from credit.domain.sampling import PoolEntry
from credit.inspections.config import PlanConfig
from credit.store.tables import entity, inspection_plan, inspection_record, inspection_task


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


def visits_by_year(
    work: sa.Connection, years: range, before_utc: str, exclude_plan: str | None = None
) -> dict[str, Counter[int]]:
    """USCC → {year: visits} as of ``before_utc`` (ISO UTC): records finalised before it, and the
    tasks of plans drawn by then (``exclude_plan``: the plan being re-derived) still without one.

    A task that was done counts once, in the year it was inspected; one not done, in its plan's year.
    """
    first, last = f"{years.start:04d}", f"{years.stop - 1:04d}"
    visit: dict[str, tuple[str, int]] = {}  # visit key → (USCC, year)
    key = sa.func.coalesce(inspection_record.c.task_id, inspection_record.c.id)
    year = sa.func.substr(inspection_record.c.inspected_at, 1, 4)
    tasks = work.execute(
        sa.select(inspection_task.c.id, inspection_task.c.uscc, inspection_plan.c.year)
        .join(inspection_plan, inspection_plan.c.id == inspection_task.c.plan_id)
        .where(
            inspection_plan.c.year.between(years.start, years.stop - 1),
            inspection_plan.c.created_utc <= before_utc,
            *([inspection_plan.c.id != exclude_plan] if exclude_plan else []),
        )
    )
    for task_id, uscc, plan_year in tasks:
        visit[task_id] = (uscc, int(plan_year))
    records = work.execute(
        sa.select(key, inspection_record.c.party_code, year).where(
            inspection_record.c.corrects.is_(None),
            inspection_record.c.rectification_id.is_(None),
            year.between(first, last),
            inspection_record.c.created_utc < before_utc,
        )
    )
    for visit_key, uscc, inspected_year in records:
        visit[visit_key] = (uscc, int(inspected_year))  # done: counts where it was inspected
    out: dict[str, Counter[int]] = {}
    for uscc, y in visit.values():
        out.setdefault(uscc, Counter())[y] += 1
    return out


def visits_under(counts: Counter[int] | None, cell: MatrixCell, year: int) -> int:
    """Visits within the cell's cap: its ``per_years`` years ending with ``year``."""
    if not counts:
        return 0
    return sum(counts.get(y, 0) for y in range(year - cell.per_years + 1, year + 1))


def load_pool(
    cache: sa.Connection,
    work: sa.Connection,
    config: PlanConfig,
    catalog: InspectionCatalog,
    roster: Roster,
    visits_as_of_utc: str,
    matrix: Mapping[str, Mapping[str, MatrixCell]],
    *,
    exclude_plan: str | None = None,
) -> dict[str, list[PoolEntity]]:
    """Sector → the entities matching the plan's filters, sorted by USCC, with their visits
    counted for the cell (sector × grade) of ``matrix`` each falls in."""
    span = max((c.per_years for cells in matrix.values() for c in cells.values()), default=1)
    visits = visits_by_year(
        work, range(config.year - span + 1, config.year + 1), visits_as_of_utc, exclude_plan
    )
    base: list[sa.ColumnElement[bool]] = [entity.c.status.in_(config.statuses)]
    if config.divisions:
        base.append(sa.or_(*(entity.c.division_code.like(f"{p}%") for p in config.divisions)))
    if config.entity_types:
        base.append(entity.c.entity_type.in_(config.entity_types))
    out: dict[str, list[PoolEntity]] = {}
    for code in config.sectors:
        sector = catalog.sector(code)
        cells = matrix[code]
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
                    visits_under(visits.get(r.uscc), cells[group_of(r.grade)], config.year),
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
