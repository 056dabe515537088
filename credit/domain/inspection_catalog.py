"""The inspection catalogs: sectors with their 监管事项 and checklists, result codes, the sampling matrix.

All three change with local policy, so they are data in ``resources/catalogs``
(inspection_matters.json, inspection_results.json, sampling_matrix.json), checked here on load
the way :mod:`credit.domain.catalogs` checks the window catalogs: every problem is reported with
the file and the entry it is in, and nothing half-valid is ever used for a draw or a record.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any

from credit.domain.catalogs import STATUSES, CatalogError, Entry, read_json
from credit.paths import resource

#: The matrix's grade groups: the four evaluated grades and the entities without one.
GRADE_GROUPS = ("A", "B", "C", "D", "ungraded")
UNGRADED = "ungraded"
GROUP_LABELS = {"A": "A级", "B": "B级", "C": "C级", "D": "D级", UNGRADED: "未评级"}
ANSWERS = ("符合", "不符合", "不适用")
FAIL = "不符合"
CHECKLIST_RULES = ("all_pass", "some_fail", "any")
FOLLOW_UPS = ("rectification",)
RESULT_CODES = tuple(f"{n:02d}" for n in range(1, 15))


def group_of(grade: str | None) -> str:
    """The matrix group of an entity's grade; anything but A–D counts as ungraded."""
    return grade if grade in GRADE_GROUPS[:4] else UNGRADED


@dataclass(frozen=True)
class ChecklistItem:
    code: str
    text: str
    basis: str
    required: bool


@dataclass(frozen=True)
class InspectionMatter:
    code: str
    name: str
    list_code: str  # 检查实施清单编码
    basis: str
    sector: str
    checklist: tuple[ChecklistItem, ...]
    status: str = "R"

    def item(self, code: str) -> ChecklistItem | None:
        return next((i for i in self.checklist if i.code == code), None)


@dataclass(frozen=True)
class Sector:
    code: str
    name: str
    industries: tuple[str, ...]  # empty: any industry
    scope_any: tuple[str, ...]  # empty: no 经营范围 condition
    matters: tuple[InspectionMatter, ...]
    status: str = "R"

    @property
    def sampling_matter(self) -> InspectionMatter:
        """Random draws inspect the sector's first matter."""
        return self.matters[0]


@dataclass(frozen=True)
class ResultCode:
    code: str
    name: str
    checklist: str  # all_pass / some_fail / any
    checklist_required: bool
    problem: bool
    follow_up: str | None = None

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}"


@dataclass(frozen=True)
class MatrixCell:
    """One sector × grade cell. ``ratio`` is kept as the decimal written, so rounding is exact.

    The visit cap is ``max_visits`` in any ``per_years`` consecutive calendar years ending with
    the plan's year: "1次/年" is 1 in 1, while "低于1次/年" (less than once a year) is 1 in 2 —
    an entity inspected last year is left alone this year — so A and B really differ.
    """

    ratio: Fraction
    min_count: int
    max_visits: int | None
    basis: str = ""
    per_years: int = 1

    @property
    def cap_text(self) -> str:
        if self.max_visits is None:
            return "不限"
        if self.per_years == 1:
            return f"{self.max_visits}次/年"
        return f"每{self.per_years}年{self.max_visits}次"

    def to_dict(self) -> dict[str, Any]:
        return {
            "ratio": ratio_text(self.ratio),
            "min_count": self.min_count,
            "max_visits": self.max_visits,
            "per_years": self.per_years,
            "basis": self.basis,
        }

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> MatrixCell:
        """As a plan file recorded it (files drawn before ``per_years`` said ``max_visits_per_year``)."""
        cap = raw["max_visits"] if "max_visits" in raw else raw.get("max_visits_per_year")
        per_years = int(raw.get("per_years") or 1)
        if per_years < 1:
            raise ValueError("per_years 应至少为 1")
        return cls(
            parse_ratio(raw["ratio"]),
            int(raw["min_count"]),
            None if cap is None else int(cap),
            str(raw.get("basis") or ""),
            per_years,
        )


@dataclass(frozen=True)
class RuleSet:
    code: str
    name: str
    source: str
    cells: Mapping[str, MatrixCell]
    status: str = "C"


@dataclass(frozen=True)
class InterviewKind:
    name: str
    use: str


@dataclass(frozen=True)
class InspectionCatalog:
    sectors: Mapping[str, Sector]
    results: Mapping[str, ResultCode]
    rule_sets: Mapping[str, RuleSet]
    matrix: Mapping[str, Mapping[str, MatrixCell]]  # sector → group → cell (resolved)
    sector_rule_sets: Mapping[str, str]  # sector → the rule set its cells start from
    publication_working_days: int
    publication_basis: str
    rectification_working_days: int
    rectification_basis: str
    rectification_requirement: str
    interview_kinds: tuple[InterviewKind, ...]
    interview_basis: str
    forms: tuple[str, ...]
    categories: tuple[str, ...]
    methods: tuple[str, ...]
    follow_up_category: str
    matters: Mapping[str, InspectionMatter] = field(default_factory=dict)

    def sector(self, code: str) -> Sector:
        try:
            return self.sectors[code]
        except KeyError:
            known = "、".join(f"{s.code}（{s.name}）" for s in self.sectors.values())
            raise CatalogError(f"未知的检查领域代码“{code}”。可用的领域：{known}。") from None

    def matter(self, code: str) -> InspectionMatter:
        try:
            return self.matters[code]
        except KeyError:
            raise CatalogError(f"未知的监管事项代码“{code}”。") from None

    def result(self, code: str) -> ResultCode:
        try:
            return self.results[code]
        except KeyError:
            raise CatalogError(f"未知的检查结果代码“{code}”，应为 01–14。") from None


def ratio_text(value: Fraction) -> str:
    """A ratio as the shortest exact decimal (0.05, 1), for the plan file and the PDF."""
    d = Decimal(value.numerator) / Decimal(value.denominator)
    text = format(d.normalize(), "f")
    return text


def parse_ratio(value: Any) -> Fraction:
    """0.05 (a JSON number or text) as the exact fraction 1/20, between 0 and 1."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError("比例应为 0 到 1 之间的数")
    try:
        fraction = Fraction(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        raise ValueError(f"比例“{value}”不是数") from None
    if not 0 <= fraction <= 1:
        raise ValueError(f"比例 {value} 应在 0 到 1 之间（如 0.05 表示 5%）")
    return fraction


def _count(e: Entry, key: str, *, nullable: bool = False, default: Any = None) -> int | None:
    if key not in e.raw:
        if default is not None or nullable:
            return default
        e.fail(f"缺少“{key}”")
        return None
    value = e.raw[key]
    if value is None and nullable:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        e.fail(f"“{key}”应为非负整数" + ("或 null（不限）" if nullable else ""))
        return None
    return value


def cell_from(e: Entry, base: MatrixCell | None = None, basis: str = "") -> MatrixCell | None:
    """A matrix cell from JSON; with ``base``, only the keys given override it.

    The cap is ``max_visits`` (null: none) in ``per_years`` years (default 1); the older
    ``max_visits_per_year`` still reads as ``max_visits`` with ``per_years`` 1.
    """
    e.only({"ratio", "min_count", "max_visits", "per_years", "max_visits_per_year"})
    ratio = base.ratio if base else None
    if "ratio" in e.raw or base is None:
        try:
            ratio = parse_ratio(e.raw.get("ratio"))
        except ValueError as exc:
            e.fail(f"“ratio”：{exc}")
            return None
    min_count = _count(e, "min_count", default=base.min_count if base else None)
    legacy = "max_visits_per_year" in e.raw
    if legacy and ("max_visits" in e.raw or "per_years" in e.raw):
        e.fail("“max_visits_per_year”与“max_visits”/“per_years”不能同时使用")
        return None
    key = "max_visits_per_year" if legacy else "max_visits"
    cap = _count(e, key, nullable=True) if key in e.raw or base is None else base.max_visits
    per_years = 1 if legacy else (base.per_years if base else 1)
    if "per_years" in e.raw:
        got = _count(e, "per_years")
        if got is not None and got < 1:
            e.fail("“per_years”应至少为 1（年）")
        per_years = got or 1
    if cap == 0:
        e.fail(f"“{key}”为 0 将使该组任何主体都不能被抽中；不限请写 null")
    if ratio is None or min_count is None:
        return None
    return MatrixCell(ratio, min_count, cap, basis or (base.basis if base else ""), per_years)


def _checklist(e: Entry, sector: str) -> tuple[ChecklistItem, ...]:
    raw = e.raw.get("checklist")
    if not isinstance(raw, list) or not raw:
        e.fail("“checklist”应为非空列表")
        return ()
    items: list[ChecklistItem] = []
    seen: set[str] = set()
    for i, item_raw in enumerate(raw, start=1):
        it = Entry(e.problems, f"{e.where} 检查项 {i}", item_raw)
        it.only({"code", "text", "basis", "required"})
        code = it.text("code")
        if code in seen:
            it.fail(f"检查项代码“{code}”重复")
        seen.add(code)
        items.append(ChecklistItem(code, it.text("text"), it.text("basis"), it.flag("required", True)))
    if items and not any(i.required for i in items):
        e.fail("检查表中至少应有一项必查项（required: true）")
    return tuple(items)


def _sectors(
    path: Path, data: Any, problems: list[str]
) -> tuple[dict[str, Sector], dict[str, InspectionMatter]]:
    raw_sectors = data.get("sectors") if isinstance(data, dict) else None
    if not isinstance(raw_sectors, list) or not raw_sectors:
        raise CatalogError(f"目录文件 {path} 应为包含“sectors”列表的 JSON 对象。")
    sectors: dict[str, Sector] = {}
    matters: dict[str, InspectionMatter] = {}
    for i, raw in enumerate(raw_sectors, start=1):
        label = raw.get("code") if isinstance(raw, dict) else None
        e = Entry(problems, f"{path.name} 第 {i} 个领域" + (f"（{label}）" if label else ""), raw)
        e.only({"code", "name", "status", "pool", "matters", "note"})
        code = e.text("code")
        if code in sectors:
            e.fail(f"领域代码“{code}”重复")
        pool = Entry(problems, f"{e.where} pool", e.raw.get("pool", {}))
        pool.only({"industries", "scope_any"})
        own: list[InspectionMatter] = []
        raw_matters = e.raw.get("matters")
        if not isinstance(raw_matters, list) or not raw_matters:
            e.fail("“matters”应为非空列表（第一项用于随机抽查）")
            raw_matters = []
        for j, mraw in enumerate(raw_matters, start=1):
            m = Entry(problems, f"{e.where} 事项 {j}", mraw)
            m.only({"code", "name", "list_code", "basis", "status", "checklist", "note"})
            matter = InspectionMatter(
                code=m.text("code"),
                name=m.text("name"),
                list_code=m.text("list_code"),
                basis=m.text("basis"),
                sector=code,
                checklist=_checklist(m, code),
                status=m.text("status", choices=STATUSES),
            )
            if matter.code in matters:
                m.fail(f"监管事项代码“{matter.code}”重复")
            matters.setdefault(matter.code, matter)
            own.append(matter)
        sectors.setdefault(
            code,
            Sector(
                code=code,
                name=e.text("name"),
                industries=pool.texts("industries"),
                scope_any=pool.texts("scope_any"),
                matters=tuple(own),
                status=e.text("status", choices=STATUSES),
            ),
        )
    return sectors, matters


def _results(path: Path, problems: list[str]) -> dict[str, ResultCode]:
    data = read_json(path)
    raw = data.get("results") if isinstance(data, dict) else None
    if not isinstance(raw, list):
        raise CatalogError(f"目录文件 {path} 应为包含“results”列表的 JSON 对象。")
    results: dict[str, ResultCode] = {}
    for i, item in enumerate(raw, start=1):
        e = Entry(problems, f"{path.name} 第 {i} 项", item)
        e.only({"code", "name", "checklist", "checklist_required", "problem", "follow_up", "note"})
        code = e.text("code")
        if code in results:
            e.fail(f"结果代码“{code}”重复")
        follow = e.text("follow_up", required=False, choices=FOLLOW_UPS) or None
        results.setdefault(
            code,
            ResultCode(
                code=code,
                name=e.text("name"),
                checklist=e.text("checklist", choices=CHECKLIST_RULES),
                checklist_required=e.flag("checklist_required", True),
                problem=e.flag("problem"),
                follow_up=follow,
            ),
        )
    if tuple(sorted(results)) != RESULT_CODES:
        missing = [c for c in RESULT_CODES if c not in results]
        extra = [c for c in results if c not in RESULT_CODES]
        problems.append(
            f"{path.name}：检查结果代码应恰为 01–14"
            + (f"，缺少 {'、'.join(missing)}" if missing else "")
            + (f"，多出 {'、'.join(extra)}" if extra else "")
        )
    return results


def _matrix(
    path: Path, sectors: Mapping[str, Sector], problems: list[str]
) -> tuple[dict[str, RuleSet], dict[str, dict[str, MatrixCell]], dict[str, str]]:
    data = read_json(path)
    if not isinstance(data, dict):
        raise CatalogError(f"目录文件 {path} 应为 JSON 对象。")
    top = Entry(problems, path.name, data)
    top.only({"grades", "default_rule_set", "rule_sets", "sectors"})
    if tuple(data.get("grades") or ()) != GRADE_GROUPS:
        top.fail(f"“grades”应为 {list(GRADE_GROUPS)}")
    rule_sets: dict[str, RuleSet] = {}
    raw_sets = data.get("rule_sets")
    if not isinstance(raw_sets, dict) or not raw_sets:
        top.fail("“rule_sets”应为非空对象")
        raw_sets = {}
    for code, raw in raw_sets.items():
        e = Entry(problems, f"{path.name} 规则 {code}", raw)
        e.only({"name", "status", "source", "cells"})
        name, source = e.text("name"), e.text("source")
        cells: dict[str, MatrixCell] = {}
        got = e.raw.get("cells")
        raw_cells: dict[str, Any] = got if isinstance(got, dict) else {}
        for group in GRADE_GROUPS:
            if group not in raw_cells:
                e.fail(f"缺少“{group}”（{GROUP_LABELS[group]}）一栏")
                continue
            cell = cell_from(Entry(problems, f"{e.where} {group}", raw_cells[group]), basis=name)
            if cell is not None:
                cells[group] = cell
        for group in raw_cells:
            if group not in GRADE_GROUPS:
                e.fail(f"未知的等级组“{group}”，应为 {' / '.join(GRADE_GROUPS)}")
        rule_sets[code] = RuleSet(code, name, source, cells, e.text("status", choices=STATUSES))
    default = data.get("default_rule_set")
    if default not in rule_sets:
        top.fail(f"“default_rule_set”应为 rule_sets 中的一项（{'、'.join(rule_sets)}）")
    got_sectors = data.get("sectors")
    raw_sectors: dict[str, Any] = got_sectors if isinstance(got_sectors, dict) else {}
    matrix: dict[str, dict[str, MatrixCell]] = {}
    chosen: dict[str, str] = {}
    for code in raw_sectors:
        if code not in sectors:
            top.fail(f"“sectors”中的“{code}”不是 inspection_matters.json 中的领域")
    for code in sectors:
        e = Entry(problems, f"{path.name} 领域 {code}", raw_sectors.get(code, {}))
        e.only({"rule_set", "cells"})
        set_code = e.raw.get("rule_set", default)
        rule_set = rule_sets.get(set_code) if isinstance(set_code, str) else None
        if rule_set is None:
            if set_code != default:
                e.fail(f"“rule_set”的值“{set_code}”不是已定义的规则")
            continue
        resolved = dict(rule_set.cells)
        overrides = e.raw.get("cells") or {}
        if not isinstance(overrides, dict):
            e.fail("“cells”应为以等级组为键的对象")
            overrides = {}
        for group, raw_cell in overrides.items():
            if group not in GRADE_GROUPS:
                e.fail(f"未知的等级组“{group}”")
                continue
            base = resolved.get(group)
            cell = cell_from(
                Entry(problems, f"{e.where} {group}", raw_cell),
                base,
                basis=f"{rule_set.name}（本地调整）",
            )
            if cell is not None:
                resolved[group] = cell
        matrix[code] = resolved
        chosen[code] = rule_set.code
    return rule_sets, matrix, chosen


def _defaults(path: Path, data: Any, problems: list[str]) -> dict[str, Any]:
    e = Entry(problems, f"{path.name} defaults", data.get("defaults") if isinstance(data, dict) else None)
    e.only({
        "publication_working_days", "publication_basis", "rectification_working_days",
        "rectification_basis", "rectification_requirement", "follow_up_matter_category", "record_options",
        "interview_kinds", "interview_basis",
    })  # fmt: skip
    options = Entry(problems, f"{e.where} record_options", e.raw.get("record_options"))
    options.only({"forms", "categories", "methods"})
    kinds: list[InterviewKind] = []
    raw_kinds = e.raw.get("interview_kinds")
    if not isinstance(raw_kinds, list) or not raw_kinds:
        e.fail("“interview_kinds”应为非空列表")
        raw_kinds = []
    for i, raw in enumerate(raw_kinds, start=1):
        k = Entry(problems, f"{e.where} 约谈方式 {i}", raw)
        k.only({"name", "use"})
        kinds.append(InterviewKind(k.text("name"), k.text("use")))
    out: dict[str, Any] = {
        "publication_working_days": _count(e, "publication_working_days"),
        "publication_basis": e.text("publication_basis"),
        "rectification_working_days": _count(e, "rectification_working_days"),
        "rectification_basis": e.text("rectification_basis"),
        "rectification_requirement": e.text("rectification_requirement"),
        "follow_up_category": e.text("follow_up_matter_category"),
        "interview_kinds": tuple(kinds),
        "interview_basis": e.text("interview_basis"),
        "forms": options.texts("forms", required=True),
        "categories": options.texts("categories", required=True),
        "methods": options.texts("methods", required=True),
    }
    for key in ("publication_working_days", "rectification_working_days"):
        if out[key] == 0:
            e.fail(f"“{key}”应至少为 1 个工作日")
    if out["follow_up_category"] and out["follow_up_category"] not in out["categories"]:
        e.fail("“follow_up_matter_category”应是 record_options.categories 中的一项")
    return out


@lru_cache(maxsize=4)
def load_inspection_catalog(
    matters_path: Path | None = None,
    results_path: Path | None = None,
    matrix_path: Path | None = None,
) -> InspectionCatalog:
    """Load and check the three files (the shipped ones by default); every problem is reported."""
    matters_path = matters_path or resource("catalogs", "inspection_matters.json")
    results_path = results_path or resource("catalogs", "inspection_results.json")
    matrix_path = matrix_path or resource("catalogs", "sampling_matrix.json")
    problems: list[str] = []
    data = read_json(matters_path)
    sectors, matters = _sectors(matters_path, data, problems)
    defaults = _defaults(matters_path, data, problems)
    results = _results(results_path, problems)
    rule_sets, matrix, sector_rule_sets = _matrix(matrix_path, sectors, problems)
    if problems:
        head = f"检查目录有误（{matters_path.parent}），请更正后重试："
        raise CatalogError("\n".join([head, *(f"· {p}" for p in problems)]))
    return InspectionCatalog(
        sectors=sectors,
        results=results,
        rule_sets=rule_sets,
        matrix=matrix,
        sector_rule_sets=sector_rule_sets,
        matters=matters,
        **defaults,
    )
