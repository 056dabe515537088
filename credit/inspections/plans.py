"""Drawing, recording and verifying 双随机 plans.

A plan is drawn from the cache by :func:`draw_plan`, recorded (plan row, task rows, outbox, audit
in one transaction) and returned as its plan file: a JSON document holding the seed, the pool
snapshot and its SHA-256, the matrix and roster used, and the result. :func:`verify_plan`
re-runs the draw twice, from the snapshot in the file (is the file self-consistent?) and from the
current cache (has anything changed since?), and says exactly what differs.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from credit.domain.inspection_catalog import InspectionCatalog, MatrixCell, load_inspection_catalog
from credit.domain.roster import Roster, parse_roster
from credit.domain.sampling import (
    PROCEDURE,
    Draw,
    DrawnTask,
    PoolDiff,
    PoolEntry,
    ResultDiff,
    canonical_pool,
    diff_pools,
    diff_results,
    draw,
    pool_sha256,
)
from credit.inspections import InspectionError
from credit.inspections.config import PlanConfig, resolve_matrix
from credit.inspections.pool import PoolEntity, entries, load_pool
from credit.operator import Operator
from credit.store import audit, outbox
from credit.store.db import Store
from credit.store.loader import get_info
from credit.store.tables import inspection_plan, inspection_task

FORMAT = "creditdesk-plan/1"


def _matrix_dict(matrix: Mapping[str, Mapping[str, MatrixCell]]) -> dict[str, dict[str, Any]]:
    return {s: {g: c.to_dict() for g, c in cells.items()} for s, cells in matrix.items()}


def _matrix_from(raw: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, MatrixCell]]:
    return {s: {g: MatrixCell.from_dict(c) for g, c in cells.items()} for s, cells in raw.items()}


def _pools_from(raw: Mapping[str, Sequence[Sequence[Any]]]) -> dict[str, list[PoolEntry]]:
    return {s: [PoolEntry.from_canonical(r) for r in rows] for s, rows in raw.items()}


def _tasks_from(doc: Mapping[str, Any]) -> list[DrawnTask]:
    return [
        DrawnTask(
            t["uscc"], tuple(t["sectors"]), t.get("grade"), tuple(i["cert_no"] for i in t["inspectors"])
        )
        for t in doc["tasks"]
    ]


def _active_certs(roster_doc: Mapping[str, Any]) -> list[str]:
    return [i["cert_no"] for i in roster_doc["inspectors"] if i.get("active", True)]


def build_document(
    config: PlanConfig,
    roster: Roster,
    catalog: InspectionCatalog,
    pools: Mapping[str, list[PoolEntity]],
    seed: str,
    result: Draw,
    *,
    plan_id: str,
    moment: datetime,
    operator: Operator,
    cache_as_of: str | None,
) -> dict[str, Any]:
    """The plan file: everything needed to publish the plan and to re-run its draw."""
    details = {p.entry.uscc: p for items in pools.values() for p in items}
    names = {i.cert_no: i.name for i in roster.inspectors}
    tasks = []
    for seq, t in enumerate(result.tasks, start=1):
        d = details[t.uscc]
        tasks.append(
            {
                "seq": seq,
                "uscc": t.uscc,
                "name": d.name,
                "grade": t.grade,
                "division_code": d.division_code,
                "division_name": d.division_name,
                "address": d.address,
                "entity_type": d.entity_type,
                "sectors": list(t.sectors),
                "matters": [catalog.sector(s).sampling_matter.code for s in t.sectors],
                "inspectors": [{"cert_no": c, "name": names.get(c, "")} for c in t.inspectors],
            }
        )
    used = [config.rule_set] if config.rule_set else [catalog.sector_rule_sets[x] for x in config.sectors]
    used_sets = {
        code: {"name": catalog.rule_sets[code].name, "source": catalog.rule_sets[code].source}
        for code in dict.fromkeys(used)
    }
    return {
        "format": FORMAT,
        "procedure": PROCEDURE,
        "id": plan_id,
        "plan_no": f"SJ{config.year}-{plan_id[:6].upper()}",
        "name": config.name,
        "unit": config.unit,
        "unit_code": config.unit_code,
        "year": config.year,
        "due": config.due.isoformat() if config.due else None,
        "drawn_at": moment.isoformat(timespec="seconds"),
        "drawn_utc": moment.astimezone(UTC).isoformat(timespec="seconds"),
        "operator": operator.user,
        "device": operator.device,
        "seed": seed,
        "config": config.to_dict(),
        "matrix": _matrix_dict(resolve_matrix(config, catalog)),
        "rule_sets": used_sets,
        "roster": {
            "sha256": roster.sha256(),
            "unit": roster.unit,
            "inspectors": [i.public() for i in roster.inspectors],
        },
        "cache_as_of": cache_as_of,
        "pool": {
            "sha256": result.pool_sha256,
            "size": len(details),
            "entries": canonical_pool(entries(pools)),
        },
        "groups": [g.to_dict() for g in result.groups],
        "sector_names": {s: catalog.sector(s).name for s in config.sectors},
        "matter_names": {
            catalog.sector(s).sampling_matter.code: catalog.sector(s).sampling_matter.name
            for s in config.sectors
        },
        "tasks": tasks,
        "unassigned": result.unassigned,
        "result_sha256": result.result_sha256,
    }


def draw_plan(
    store: Store,
    operator: Operator,
    config: PlanConfig,
    roster: Roster,
    seed: str,
    *,
    catalog: InspectionCatalog | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Draw and record a plan; returns its plan file. Every draw is recorded (and audited), so a
    result cannot be redrawn quietly until it suits someone."""
    seed = (seed or "").strip()
    if not seed:
        raise InspectionError("请填写随机种子（可用公开的摇号结果或当日时间，抽取前公布）。")
    catalog = catalog or load_inspection_catalog()
    moment = (now or datetime.now(UTC)).astimezone()
    plan_id = str(uuid.uuid4())
    visits_as_of = moment.astimezone(UTC).isoformat(timespec="seconds")
    with store.cache.connect() as cache, store.work.connect() as work:
        pools = load_pool(cache, work, config, catalog, roster, visits_as_of)
        as_of = get_info(cache).get("as_of")
    if not any(pools.values()):
        raise InspectionError(
            "按所选区划、领域和主体条件，本地数据中没有可抽取的主体。请调整条件或先同步数据。"
        )
    matrix = resolve_matrix(config, catalog)
    result = draw(seed, entries(pools), matrix, [i.cert_no for i in roster.active], config.sectors)
    doc = build_document(
        config, roster, catalog, pools, seed, result,
        plan_id=plan_id, moment=moment, operator=operator, cache_as_of=as_of,
    )  # fmt: skip
    record_plan(store, operator, doc, moment)
    return doc


def record_plan(store: Store, operator: Operator, doc: Mapping[str, Any], moment: datetime) -> None:
    """Plan row, task rows, outbox and audit rows: one transaction."""
    text = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    with store.write_work() as work:
        work.execute(
            inspection_plan.insert().values(
                id=doc["id"],
                operator=operator.user,
                unit=operator.unit,
                device=operator.device,
                created_utc=moment.astimezone(UTC).isoformat(timespec="seconds"),
                created_local=moment.isoformat(timespec="seconds"),
                plan_no=doc["plan_no"],
                name=doc["name"],
                year=doc["year"],
                due=doc["due"],
                seed=doc["seed"],
                pool_sha256=doc["pool"]["sha256"],
                result_sha256=doc["result_sha256"],
                task_count=len(doc["tasks"]),
                document=text,
            )
        )
        if doc["tasks"]:
            work.execute(
                inspection_task.insert(),
                [
                    {
                        "id": str(uuid.uuid5(uuid.UUID(doc["id"]), t["uscc"])),
                        "plan_id": doc["id"],
                        "seq": t["seq"],
                        "uscc": t["uscc"],
                        "entity_name": t["name"],
                        "grade": t["grade"],
                        "division_code": t["division_code"],
                        "division_name": t["division_name"],
                        "address": t["address"],
                        "sectors": json.dumps(t["sectors"], ensure_ascii=False),
                        "matters": json.dumps(t["matters"], ensure_ascii=False),
                        "inspectors": json.dumps(t["inspectors"], ensure_ascii=False),
                        "due": doc["due"],
                    }
                    for t in doc["tasks"]
                ],
            )
        outbox.enqueue(work, "inspection_plan", doc["id"], dict(doc))
        audit.append(
            work,
            user=operator.user,
            device=operator.device,
            action="plan_draw",
            detail={
                "plan_id": doc["id"],
                "plan_no": doc["plan_no"],
                "seed": doc["seed"],
                "pool_sha256": doc["pool"]["sha256"],
                "result_sha256": doc["result_sha256"],
                "tasks": len(doc["tasks"]),
            },
        )


# -- reading plans ------------------------------------------------------------------------


def plans(store: Store) -> list[dict[str, Any]]:
    """Recorded plans, newest first (without their documents)."""
    cols = [c for c in inspection_plan.c if c.name != "document"]
    with store.work.connect() as conn:
        rows = conn.execute(sa.select(*cols).order_by(inspection_plan.c.created_utc.desc()))
        return [dict(r._mapping) for r in rows]


def plan_document(store: Store, plan_id: str) -> dict[str, Any] | None:
    with store.work.connect() as conn:
        text = conn.execute(
            sa.select(inspection_plan.c.document).where(inspection_plan.c.id == plan_id)
        ).scalar()
    return json.loads(text) if text else None


# -- verifying ----------------------------------------------------------------------------


@dataclass
class VerifyReport:
    plan_no: str
    consistent: bool  # the file's own snapshot re-draws to the file's result
    internal: list[str] = field(default_factory=list)
    pool: PoolDiff = field(default_factory=PoolDiff)
    result: ResultDiff = field(default_factory=ResultDiff)
    notes: list[str] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return self.consistent and self.pool.same and self.result.same

    def lines(self) -> list[str]:
        if self.identical:
            return [
                f"计划 {self.plan_no}：一致（identical）。"
                "按当前数据和记录的种子重新抽取，结果与计划完全相同。"
            ]
        out = [f"计划 {self.plan_no}：不一致。"]
        if not self.consistent:
            out.append("计划文件本身不一致（按其记录的抽取条件重新抽取，结果与文件不同，文件可能被改动）：")
            out += [f"  · {x}" for x in self.internal]
        if not self.pool.same:
            out.append("抽取范围（主体库）已变化：")
            out += [f"  · {x}" for x in self.pool.lines()]
        if not self.result.same:
            out.append("按当前数据重新抽取的结果不同：")
            out += [f"  · {x}" for x in self.result.lines()]
        elif not self.pool.same:
            out.append("按当前数据重新抽取，抽中的主体和执法人员与计划相同。")
        out += self.notes
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "plan_no": self.plan_no,
            "identical": self.identical,
            "consistent": self.consistent,
            "internal": self.internal,
            "pool": self.pool.__dict__,
            "result": self.result.__dict__,
            "notes": self.notes,
        }


def check_document(doc: Any) -> None:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise InspectionError(f"这不是 CreditDesk 抽查计划文件（应为 {FORMAT} 格式）。")
    if doc.get("procedure") != PROCEDURE:
        raise InspectionError(f"计划使用的随机方法“{doc.get('procedure')}”不受支持（本程序为 {PROCEDURE}）。")


def verify_plan(
    store: Store,
    doc: Mapping[str, Any],
    *,
    roster: Roster | None = None,
    catalog: InspectionCatalog | None = None,
) -> VerifyReport:
    """Re-derive ``doc`` from its own snapshot and from the current cache; report differences.

    Without ``roster`` the current pool keeps each entity's recorded conflicts (the plan file
    masks ID numbers, so conflicts by legal representative cannot be recomputed from it).
    """
    check_document(doc)
    catalog = catalog or load_inspection_catalog()
    report = VerifyReport(doc["plan_no"], consistent=True)
    seed, matrix = doc["seed"], _matrix_from(doc["matrix"])
    sectors = doc["config"]["sectors"]
    certs = _active_certs(doc["roster"])
    recorded_pools = _pools_from(doc["pool"]["entries"])
    recorded_tasks = _tasks_from(doc)

    if pool_sha256(recorded_pools) != doc["pool"]["sha256"]:
        report.consistent = False
        report.internal.append("主体库快照与其记录的 SHA-256 不符。")
    again = draw(seed, recorded_pools, matrix, certs, sectors)
    internal = diff_results(recorded_tasks, list(again.tasks))
    if not internal.same or again.result_sha256 != doc["result_sha256"]:
        report.consistent = False
        report.internal += internal.lines() or ["抽取结果的 SHA-256 与文件记录不符。"]

    config = PlanConfig.from_dict(doc["config"])
    conflicts_roster = roster or parse_roster(_uscc_only(doc["roster"]), "计划记录的名录")
    with store.cache.connect() as cache, store.work.connect() as work:
        current = entries(load_pool(cache, work, config, catalog, conflicts_roster, doc["drawn_utc"]))
    if roster is None:
        recorded_conflicts = {e.uscc: e.conflicted for rows in recorded_pools.values() for e in rows}
        current = {
            s: [
                PoolEntry(e.uscc, e.grade, e.visits, recorded_conflicts.get(e.uscc, e.conflicted))
                for e in rows
            ]
            for s, rows in current.items()
        }
        report.notes.append(
            "（未提供执法人员名录文件：回避情况沿用计划记录；新进入范围的主体仅按统一社会信用代码核对回避。）"
        )
    report.pool = diff_pools(recorded_pools, current)
    fresh = draw(seed, current, matrix, certs, sectors)
    report.result = diff_results(recorded_tasks, list(fresh.tasks))
    return report


def _uscc_only(roster_doc: Mapping[str, Any]) -> dict[str, Any]:
    """The recorded (public) roster with only the conflicts that can be checked: by USCC."""
    return {
        "unit": roster_doc.get("unit", ""),
        "inspectors": [
            {
                "name": i["name"],
                "cert_no": i["cert_no"],
                "unit": i.get("unit", ""),
                "active": i.get("active", True),
                "conflicts": [c for c in i.get("conflicts", []) if c.get("uscc")],
            }
            for i in roster_doc["inspectors"]
        ],
    }
