"""Drawing, recording and verifying 双随机 plans.

A plan is drawn from the cache by :func:`draw_plan`, recorded (plan row, task rows, outbox, audit
in one transaction) and returned as its plan file: a JSON document holding the seed, the pool
snapshot and its SHA-256, the matrix and roster used, the result, and a digest of all of it.
:func:`verify_plan` checks the file's shape, re-runs the draw from the snapshot in the file (is the
file self-consistent: tasks, group figures, names, digest?), compares it with the draw recorded on
this machine if there is one (a forger can make a file consistent with another seed, but cannot
rewrite the hash-chained audit row of the real draw), and re-runs it from the current cache (has
anything changed since?), saying exactly what differs.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from credit.domain.catalogs import CatalogError
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
from credit.inspections.plan_file import DIGEST_KEY, FORMAT, check_document, content_sha256, with_digest
from credit.inspections.pool import PoolEntity, entries, load_pool
from credit.operator import Operator
from credit.store import audit, outbox
from credit.store.db import Store
from credit.store.loader import get_info
from credit.store.tables import audit_log, inspection_plan, inspection_task

__all__ = ["FORMAT", "VerifyReport", "check_document", "draw_plan", "plan_document", "plans", "verify_plan"]


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
    return with_digest({
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
    })  # fmt: skip


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
    matrix = resolve_matrix(config, catalog)
    with store.cache.connect() as cache, store.work.connect() as work:
        pools = load_pool(cache, work, config, catalog, roster, visits_as_of, matrix)
        as_of = get_info(cache).get("as_of")
    if not any(pools.values()):
        raise InspectionError(
            "按所选区划、领域和主体条件，本地数据中没有可抽取的主体。请调整条件或先同步数据。"
        )
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
                "content_sha256": doc[DIGEST_KEY],
                "drawn_utc": doc["drawn_utc"],
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
    consistent: bool  # the file's own snapshot re-draws to the file's result, figures and digest
    internal: list[str] = field(default_factory=list)
    record: list[str] = field(default_factory=list)  # where the file differs from the draw recorded here
    recorded_here: bool = False
    pool: PoolDiff = field(default_factory=PoolDiff)
    result: ResultDiff = field(default_factory=ResultDiff)
    details: list[str] = field(default_factory=list)  # published names that differ from the cache
    notes: list[str] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return (
            self.consistent and not self.record and self.pool.same and self.result.same and not self.details
        )

    def lines(self) -> list[str]:
        if self.identical:
            where = "与本机的抽取记录一致；" if self.recorded_here else ""
            return [
                f"计划 {self.plan_no}：一致（identical）。{where}"
                "按当前数据和记录的种子重新抽取，结果与计划完全相同。",
                *self.notes,
            ]
        out = [f"计划 {self.plan_no}：不一致。"]
        if self.record:
            out.append("计划文件与本机记录的这次抽取不符（文件被改动或伪造）：")
            out += [f"  · {x}" for x in self.record]
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
        if self.details:
            out.append("计划公示的主体信息与本地数据不同：")
            out += [f"  · {x}" for x in self.details]
        out += self.notes
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "plan_no": self.plan_no,
            "identical": self.identical,
            "consistent": self.consistent,
            "internal": self.internal,
            "recorded_here": self.recorded_here,
            "record": self.record,
            "pool": self.pool.__dict__,
            "result": self.result.__dict__,
            "details": self.details,
            "notes": self.notes,
        }


def _group_key(g: Mapping[str, Any]) -> tuple[str, str]:
    return str(g["sector"]), str(g["group"])


def _group_figures(g: Mapping[str, Any]) -> str:
    return f"{g['size']} 户、已达上限 {g['capped']}、应抽 {g['wanted']}、实抽 {g['drawn']}"


def _check_published(doc: Mapping[str, Any], again: Draw, report: VerifyReport) -> None:
    """What the draw does not re-derive but the publication shows: group figures, seq, grades,
    inspector names (against the recorded roster), and the digest over everything."""
    recorded = {_group_key(g): g for g in doc["groups"]}
    for g in (x.to_dict() for x in again.groups):
        was = recorded.pop(_group_key(g), None)
        label = f"[{g['sector']}] {g['group']}"
        if was is None:
            report.internal.append(f"分级统计缺少 {label} 一组")
        elif any(was[k] != g[k] for k in ("size", "capped", "wanted", "drawn")):
            report.internal.append(
                f"分级统计 {label} 记为 {_group_figures(was)}，重新抽取为 {_group_figures(g)}"
            )
    for sector, group in recorded:
        report.internal.append(f"分级统计多出 [{sector}] {group} 一组")
    grades = {e[0]: e[1] or None for rows in doc["pool"]["entries"].values() for e in rows}
    names = {i["cert_no"]: i.get("name", "") for i in doc["roster"]["inspectors"]}
    for n, t in enumerate(doc["tasks"], start=1):
        if t["seq"] != n:
            report.internal.append(f"任务序号不连续：第 {n} 项记为 {t['seq']}")
        if (t.get("grade") or None) != grades.get(t["uscc"]):
            report.internal.append(f"{t['uscc']}：任务记录的信用等级与主体库快照不符")
        for person in t["inspectors"]:
            if person.get("name", "") != names.get(person["cert_no"], ""):
                report.internal.append(
                    f"{t['uscc']}：执法人员“{person.get('name', '')}”（{person['cert_no']}）与名录中的姓名"
                    f"“{names.get(person['cert_no'], '（名录中没有此证号）')}”不符"
                )
    if DIGEST_KEY not in doc:
        report.notes.append(
            "（计划文件未记录内容摘要（content_sha256），为旧版格式：名称等公示内容仅与本地数据核对。）"
        )
    elif content_sha256(doc) != doc[DIGEST_KEY]:
        report.internal.append("计划文件的内容与其记录的摘要（content_sha256）不符：抽取后文件被改动过。")


def _recorded_draw(store: Store, plan_id: str) -> tuple[Any, dict[str, Any] | None]:
    """The plan row and the audit detail of its draw on this machine (either may be missing)."""
    with store.work.connect() as conn:
        row = conn.execute(sa.select(inspection_plan).where(inspection_plan.c.id == plan_id)).first()
        details = conn.execute(
            sa.select(audit_log.c.detail).where(
                audit_log.c.action == "plan_draw", audit_log.c.detail.like(f'%"{plan_id}"%')
            )
        ).scalars()
        detail = next((d for d in (json.loads(x) for x in details if x) if d.get("plan_id") == plan_id), None)
    return row, detail


def _compare_with_record(store: Store, doc: Mapping[str, Any], report: VerifyReport) -> None:
    row, detail = _recorded_draw(store, doc["id"])
    if row is None and detail is None:
        report.notes.append(
            "（本机没有这份计划的抽取记录（可能在其他电脑抽取）：只核对了文件本身和当前数据；"
            "请向抽取单位核对随机种子和结果摘要。）"
        )
        return
    report.recorded_here = True
    labels = {
        "seed": "随机种子",
        "pool_sha256": "主体库 SHA-256",
        "result_sha256": "抽取结果 SHA-256",
        "content_sha256": "文件内容摘要",
        "drawn_utc": "抽取时间（UTC）",
        "plan_no": "计划编号",
    }
    given = {
        "seed": doc["seed"],
        "pool_sha256": doc["pool"]["sha256"],
        "result_sha256": doc["result_sha256"],
        "content_sha256": doc.get(DIGEST_KEY),
        "drawn_utc": doc["drawn_utc"],
        "plan_no": doc["plan_no"],
    }
    sources: list[tuple[str, dict[str, Any]]] = []
    if detail is not None:  # hash-chained: the stronger witness, compared first
        sources.append(("审计日志", detail))
    if row is not None:
        stored = json.loads(row.document) if row.document else {}
        sources.append(
            (
                "本机计划记录",
                {
                    "seed": row.seed,
                    "pool_sha256": row.pool_sha256,
                    "result_sha256": row.result_sha256,
                    "content_sha256": stored.get(DIGEST_KEY),
                    "drawn_utc": row.created_utc,
                    "plan_no": row.plan_no,
                },
            )
        )
    seen: set[str] = set()
    for source, values in sources:
        for key, label in labels.items():
            want = values.get(key)
            if want is None or key in seen or want == given[key]:
                continue
            seen.add(key)
            report.record.append(f"{label}：{source}为“{want}”，文件为“{given[key] or '（无）'}”")
    if detail is None:
        report.notes.append("（审计日志中没有这次抽取的记录，仅与本机计划记录核对。）")


def _compare_details(
    doc: Mapping[str, Any], pools: Mapping[str, list[PoolEntity]], report: VerifyReport
) -> None:
    """Names and addresses printed in the plan against the cache (renamed entities show here)."""
    current = {p.entry.uscc: p for items in pools.values() for p in items}
    for t in doc["tasks"]:
        now = current.get(t["uscc"])
        if now is None:
            continue  # left the pool: already reported there
        for key, label, value in (("name", "名称", now.name), ("address", "地址", now.address)):
            if (t.get(key) or "") != (value or ""):
                report.details.append(
                    f"{t['uscc']}：计划中的{label}“{t.get(key) or ''}”，本地数据为“{value or ''}”"
                )


def verify_plan(
    store: Store,
    doc: Mapping[str, Any],
    *,
    roster: Roster | None = None,
    catalog: InspectionCatalog | None = None,
) -> VerifyReport:
    """Check ``doc``'s shape, re-derive it from its own snapshot, compare it with the draw recorded
    here, and re-derive it from the current cache; report every difference.

    Without ``roster`` the current pool keeps each entity's recorded conflicts (the plan file
    holds no ID numbers, so conflicts by legal representative cannot be recomputed from it).
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
        report.internal.append("主体库快照与其记录的 SHA-256 不符。")
    again = draw(seed, recorded_pools, matrix, certs, sectors)
    internal = diff_results(recorded_tasks, list(again.tasks))
    if not internal.same or again.result_sha256 != doc["result_sha256"]:
        report.internal += internal.lines() or ["抽取结果的 SHA-256 与文件记录不符。"]
    _check_published(doc, again, report)
    report.consistent = not report.internal
    _compare_with_record(store, doc, report)

    config = PlanConfig.from_dict(doc["config"])
    if roster is not None and DIGEST_KEY in doc and roster.sha256() != doc["roster"].get("sha256"):
        report.notes.append("（所提供的执法人员名录与抽取时使用的名录不同：回避情况按所提供的名录核对。）")
    try:
        conflicts_roster = roster or recorded_roster(doc)
    except CatalogError as exc:
        raise InspectionError([f"计划文件不完整或格式有误（{FORMAT}），无法核验：", str(exc)]) from None
    with store.cache.connect() as cache, store.work.connect() as work:
        loaded = load_pool(
            cache, work, config, catalog, conflicts_roster, doc["drawn_utc"], matrix, exclude_plan=doc["id"]
        )
    current = entries(loaded)
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
    _compare_details(doc, loaded, report)
    return report


def recorded_roster(doc: Mapping[str, Any]) -> Roster:
    """The roster a plan file records (names, 执法证号, active, conflicts by USCC) as a Roster."""
    return parse_roster(_uscc_only(doc["roster"]), "计划文件记录的名录（roster）")


def _uscc_only(roster_doc: Mapping[str, Any]) -> dict[str, Any]:
    """The recorded (public) roster with only the conflicts that can be checked: by USCC."""
    return {
        "unit": roster_doc.get("unit", ""),
        "inspectors": [
            {
                "name": i.get("name") or i["cert_no"],
                "cert_no": i["cert_no"],
                "unit": i.get("unit") or "",
                "active": i.get("active", True),
                # the codes were checked when the plan was drawn: a stock code failing its check
                # characters was accepted then with a reason the file does not carry
                "conflicts": [
                    {"uscc": c["uscc"], "override": "计划记录"}
                    for c in i.get("conflicts", [])
                    if c.get("uscc")
                ],
            }
            for i in roster_doc["inspectors"]
        ],
    }
