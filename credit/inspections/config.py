"""The plan configuration: which entities a 双随机 plan draws from, by which matrix, with whom.

A JSON file (documented in the README) or the GUI's draw dialog produce the same
:class:`PlanConfig`; it is recorded in the plan so the draw can be re-run from the plan alone::

    {"name": "2026年第四季度食品经营双随机抽查", "unit": "滑县市场监督管理局",
     "year": 2026, "due": "2026-12-31",
     "divisions": ["410526"], "sectors": ["FOOD"],
     "entity_types": ["个体工商户"], "statuses": ["存续", "在业"],
     "roster": "inspectors.json",
     "rule_set": "BAYANNUR_2022", "matrix": {"FOOD": {"A": {"ratio": 0.05}}}}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from credit.domain.catalogs import CatalogError, Entry, read_json
from credit.domain.inspection_catalog import GRADE_GROUPS, InspectionCatalog, MatrixCell, cell_from
from credit.domain.roster import Roster, load_roster, parse_roster
from credit.inspections import InspectionError

DEFAULT_STATUSES = ("存续", "在业")
KEYS = {
    "name", "unit", "unit_code", "year", "due", "divisions", "sectors", "entity_types", "statuses",
    "roster", "inspectors", "rule_set", "matrix",
}  # fmt: skip


@dataclass(frozen=True)
class PlanConfig:
    name: str
    unit: str
    year: int
    due: date | None
    divisions: tuple[str, ...]  # GB/T 2260 prefixes: 2 (province), 4 (city) or 6 digits
    sectors: tuple[str, ...]
    entity_types: tuple[str, ...] = ()  # empty: any
    statuses: tuple[str, ...] = DEFAULT_STATUSES
    rule_set: str | None = None  # None: each sector's own (see sampling_matrix.json)
    matrix_overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    unit_code: str = ""

    def to_dict(self) -> dict[str, Any]:
        """As recorded in the plan (the roster is recorded separately, in full)."""
        return {
            "name": self.name,
            "unit": self.unit,
            "unit_code": self.unit_code,
            "year": self.year,
            "due": self.due.isoformat() if self.due else None,
            "divisions": list(self.divisions),
            "sectors": list(self.sectors),
            "entity_types": list(self.entity_types),
            "statuses": list(self.statuses),
            "rule_set": self.rule_set,
            "matrix": self.matrix_overrides,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> PlanConfig:
        """The config as a plan recorded it (already checked when the plan was drawn)."""
        return cls(
            name=raw["name"],
            unit=raw["unit"],
            unit_code=raw.get("unit_code") or "",
            year=int(raw["year"]),
            due=date.fromisoformat(raw["due"]) if raw.get("due") else None,
            divisions=tuple(raw["divisions"]),
            sectors=tuple(raw["sectors"]),
            entity_types=tuple(raw.get("entity_types") or ()),
            statuses=tuple(raw["statuses"]),
            rule_set=raw.get("rule_set"),
            matrix_overrides=raw.get("matrix") or {},
        )


def _prefixes(e: Entry) -> tuple[str, ...]:
    values = e.texts("divisions", required=True)
    for v in values:
        if not (v.isdigit() and len(v) in (2, 4, 6)):
            e.fail(f"行政区划“{v}”应为 2、4 或 6 位数字（省、市、县级区划代码或其前缀）")
    return tuple(dict.fromkeys(values))


def _resolve(
    sectors: tuple[str, ...],
    rule_set: str | None,
    overrides: dict[str, dict[str, Any]],
    catalog: InspectionCatalog,
    problems: list[str],
) -> dict[str, dict[str, MatrixCell]]:
    """The cells of each (known) sector, every problem with the overrides appended."""
    out: dict[str, dict[str, MatrixCell]] = {}
    chosen = catalog.rule_sets.get(rule_set) if rule_set else None
    if rule_set and chosen is None:
        problems.append(f"抽查规则“{rule_set}”不存在，可用：{'、'.join(catalog.rule_sets)}。")
        return out
    for sector in (s for s in sectors if s in catalog.matrix):
        cells = dict(chosen.cells if chosen else catalog.matrix[sector])
        for key in ("*", sector):
            for group, raw in (overrides.get(key) or {}).items():
                if group not in GRADE_GROUPS:
                    problems.append(f"matrix.{key}：未知的等级组“{group}”，应为 {' / '.join(GRADE_GROUPS)}")
                    continue
                cell = cell_from(
                    Entry(problems, f"matrix.{key}.{group}", raw), cells[group], basis="本计划调整"
                )
                if cell is not None:
                    cells[group] = cell
        out[sector] = cells
    return out


def resolve_matrix(config: PlanConfig, catalog: InspectionCatalog) -> dict[str, dict[str, MatrixCell]]:
    """The cells each sector of the plan uses: catalog (or the chosen rule set), then overrides."""
    problems: list[str] = []
    out = _resolve(config.sectors, config.rule_set, config.matrix_overrides, catalog, problems)
    if problems:
        raise InspectionError(["抽查比例设置有误：", *problems])
    return out


def parse_config(
    data: Any,
    catalog: InspectionCatalog,
    *,
    base_dir: Path | None = None,
    default_unit: str = "",
    today: date | None = None,
    labels: dict[str, str] | None = None,
) -> tuple[PlanConfig, Roster]:
    """Check a config (every problem at once) and load its roster (a path relative to the file).

    ``labels`` name the fields as a form shows them (the draw dialog), for its messages.
    """
    problems: list[str] = []
    e = Entry(problems, "" if labels else "抽查计划设置", data, labels)
    e.only(KEYS)
    today = today or date.today()
    name = e.text("name")
    year_raw = e.raw.get("year", today.year)
    year = year_raw if isinstance(year_raw, int) and 2000 <= year_raw <= 2100 else None
    if year is None:
        e.fail(f"“{e.name('year')}”应为四位年份")
    due = e.day("due")
    if due is not None and year is not None and due.year != year:
        e.fail(f"“{e.name('due')}”（{due}）不在计划年度 {year} 年内")
    divisions = _prefixes(e)
    sectors = e.texts("sectors", required=True, choices=tuple(catalog.sectors))
    entity_types = e.texts("entity_types")
    statuses = e.texts("statuses") or DEFAULT_STATUSES
    rule_set = e.text("rule_set", required=False) or None
    if rule_set and rule_set not in catalog.rule_sets:
        e.fail(f"“{e.name('rule_set')}”的值“{rule_set}”无效，应为 {' / '.join(catalog.rule_sets)} 之一")
    matrix = e.raw.get("matrix") or {}
    if not isinstance(matrix, dict) or not all(isinstance(v, dict) for v in matrix.values()):
        e.fail("“matrix”应为 {领域代码或 *: {等级组: {ratio, min_count, max_visits, per_years}}} 形式")
        matrix = {}
    for key in matrix:
        if key != "*" and key not in sectors:
            e.fail(f"“matrix”中的“{key}”不是本计划的检查领域")
    roster: Roster | None = None
    if ("roster" in e.raw) == ("inspectors" in e.raw):
        e.fail("应且只应提供“roster”（名录文件路径）或“inspectors”（名录内容）之一")
    elif "roster" in e.raw:
        path = Path(e.text("roster"))
        if base_dir is not None and not path.is_absolute():
            path = base_dir / path
        try:
            roster = load_roster(path)
        except CatalogError as exc:
            problems.append(str(exc))
    else:
        try:
            roster = parse_roster(
                {"unit": e.raw.get("unit", ""), "inspectors": e.raw.get("inspectors")}, "inspectors"
            )
        except CatalogError as exc:
            problems.append(str(exc))
    unit = e.text("unit", required=False) or (roster.unit if roster else "") or default_unit
    if not unit:
        e.fail(f"请填写“{e.name('unit')}”（实施检查的单位）")
    # the ratios too, in the same list: every problem is reported at once, not one group a time
    _resolve(sectors, rule_set if rule_set in catalog.rule_sets else None, matrix, catalog, problems)
    if problems or roster is None or year is None:
        raise InspectionError(["抽查计划设置有误，请更正：", *problems])
    config = PlanConfig(
        name=name,
        unit=unit,
        unit_code=e.text("unit_code", required=False) or roster.unit_code,
        year=year,
        due=due,
        divisions=divisions,
        sectors=sectors,
        entity_types=entity_types,
        statuses=tuple(statuses),
        rule_set=rule_set,
        matrix_overrides={k: dict(v) for k, v in matrix.items()},
    )
    return config, roster


def load_config(
    path: Path, catalog: InspectionCatalog, default_unit: str = "", today: date | None = None
) -> tuple[PlanConfig, Roster]:
    try:
        data = read_json(path)
    except CatalogError as exc:
        raise InspectionError(str(exc).replace("目录文件", "计划设置文件")) from exc
    return parse_config(data, catalog, base_dir=path.parent, default_unit=default_unit, today=today)
