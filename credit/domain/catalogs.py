"""The window-check catalogs: approval matters and the joint-punishment measures that restrict them.

Which measure applies to which matter, what triggers it and on what legal basis changes with
national and local lists (国办发〔2020〕49号), and much of it is [R]/[U]. So it is editable data
in ``resources/catalogs`` (matters.json, measures.json), checked here on load: a mistake made by
an administrator must fail with a message naming the file and the entry, not misfire at a window.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from credit.domain.publicity import SEVERITIES
from credit.paths import resource

#: Restrictions from mild to severe; the check's verdict is the most severe one that fired.
RESTRICTIONS = ("caution", "restricted", "prohibited")
LIST_TYPES = ("serious", "watch", "abnormal", "judgment_debtor")
SUBJECTS = ("entity", "legal_rep", "either")
GRADES = ("A", "B", "C", "D")
COMMITMENT_TYPES = ("审批替代型", "容缺受理型", "证明事项型", "信用修复型", "行业自律型", "主动型", "其他")
STATUSES = ("C", "R", "U")  # confirmed / reported / unconfirmed, as in the domain reference

Subject = Literal["entity", "legal_rep", "either"]
_CODE = re.compile(r"^[A-Z][A-Z0-9_]*$")


class CatalogError(ValueError):
    """A catalog file is missing, not JSON, or has entries that do not fit together."""


class UnknownMatter(LookupError):
    """The check was asked for an approval matter the catalog does not have."""

    def __str__(self) -> str:  # LookupError would quote the message like a key
        return str(self.args[0])


@dataclass(frozen=True)
class ListTrigger:
    """The entity (or its legal representative) is on one of these lists, still in effect."""

    list_types: tuple[str, ...]
    categories: tuple[str, ...] = ()  # 名单类别 must contain one of these; empty = any
    subject: Subject = "entity"
    kind: Literal["list"] = "list"


@dataclass(frozen=True)
class PenaltyTrigger:
    """An unrepaired penalty of at least ``min_severity`` whose text matches, inside a period.

    The period is one or more of: still under publicity; ``within_years`` of the decision (a
    look-back such as 政府采购法 Art. 22(5)); a ban of ``ban_years`` from the decision (where
    ``use_record_period`` lets the decision's own 处罚有效期 or "N年内" wording set the end).
    """

    min_severity: str | None = None
    match_any: tuple[str, ...] = ()  # searched in basis, type, facts, content, licence action
    match_all: tuple[str, ...] = ()
    under_publicity: bool = False
    within_years: int | None = None
    ban_years: int | None = None
    use_record_period: bool = False
    subject: Subject = "entity"
    kind: Literal["penalty"] = "penalty"


@dataclass(frozen=True)
class CommitmentTrigger:
    """A breached (false) credit commitment of these types, breached within ``within_years``."""

    within_years: int
    types: tuple[str, ...] = ()  # empty = any type
    subject: Subject = "entity"
    kind: Literal["commitment_breach"] = "commitment_breach"


@dataclass(frozen=True)
class GradeTrigger:
    """The public credit evaluation grade is one of these."""

    grades: tuple[str, ...]
    subject: Subject = "entity"
    kind: Literal["grade"] = "grade"


Trigger = ListTrigger | PenaltyTrigger | CommitmentTrigger | GradeTrigger


@dataclass(frozen=True)
class Measure:
    code: str
    name: str
    restriction: str  # one of RESTRICTIONS
    basis: str
    duration: str
    legal_rep_counts: bool
    triggers: tuple[Trigger, ...]
    status: str = "R"
    note: str = ""
    effective_from: date | None = None
    effective_to: date | None = None

    def in_force(self, day: date) -> bool:
        return (self.effective_from is None or self.effective_from <= day) and (
            self.effective_to is None or day <= self.effective_to
        )


@dataclass(frozen=True)
class Matter:
    code: str
    name: str
    basis: str
    measures: tuple[str, ...]
    status: str = "R"
    note: str = ""


@dataclass(frozen=True)
class Catalog:
    matters: Mapping[str, Matter]
    measures: Mapping[str, Measure]

    def matter(self, code: str) -> Matter:
        try:
            return self.matters[code]
        except KeyError:
            known = "、".join(f"{m.code}（{m.name}）" for m in self.matters.values())
            raise UnknownMatter(f"未知的审批事项代码“{code}”。可用的事项：{known}。") from None

    def measures_for(self, matter_code: str) -> list[Measure]:
        return [self.measures[c] for c in self.matter(matter_code).measures]


class _Entry:
    """Reads one JSON object, recording every problem against the file and entry it is in.

    ``labels`` (key → the field's name on a form) make the messages speak of the form's fields
    ("请填写“实施单位”") rather than the file's keys, when a dialog builds the object.
    """

    def __init__(
        self, problems: list[str], where: str, raw: Any, labels: Mapping[str, str] | None = None
    ) -> None:
        self.problems, self.where = problems, where
        self.labels = labels
        self.raw: dict[str, Any] = raw if isinstance(raw, dict) else {}
        if not isinstance(raw, dict):
            self.fail("应为 JSON 对象")

    def name(self, key: str) -> str:
        return (self.labels or {}).get(key, key)

    def fail(self, message: str) -> None:
        self.problems.append(f"{self.where}：{message}" if self.where else message)

    def text(self, key: str, *, required: bool = True, choices: tuple[str, ...] = ()) -> str:
        value = self.raw.get(key)
        if not required and (value is None or (isinstance(value, str) and not value.strip())):
            return ""  # an optional field left blank is simply not given
        if not isinstance(value, str) or not value.strip():
            self.fail(f"请填写“{self.name(key)}”" if self.labels else f"缺少“{key}”或其不是非空文本")
            return ""
        if choices and value not in choices:
            self.fail(f"“{self.name(key)}”的值“{value}”无效，应为 {' / '.join(choices)} 之一")
        return value.strip()

    def texts(self, key: str, *, required: bool = False, choices: tuple[str, ...] = ()) -> tuple[str, ...]:
        value = self.raw.get(key)
        if value is None and not required:
            return ()
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
            self.fail(
                f"请选择“{self.name(key)}”（至少一项）" if self.labels else f"“{key}”应为非空的文本列表"
            )
            return ()
        for v in value:
            if choices and v not in choices:
                self.fail(f"“{self.name(key)}”中的“{v}”无效，应为 {' / '.join(choices)} 之一")
        return tuple(value)

    def years(self, key: str, *, required: bool = False) -> int | None:
        value = self.raw.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 99:
            self.fail(f"“{key}”应为 1–99 之间的整数年数")
            return None
        return value

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.raw.get(key, default)
        if not isinstance(value, bool):
            self.fail(f"“{key}”应为 true 或 false")
            return default
        return value

    def day(self, key: str) -> date | None:
        value = self.raw.get(key)
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError):
            self.fail(f"“{self.name(key)}”应为 YYYY-MM-DD 格式的日期")
            return None

    def only(self, allowed: set[str]) -> None:
        """Unknown keys are typos (``list_type`` for ``list_types``) that would silently widen a rule."""
        for key in self.raw:
            if key not in allowed and not key.startswith("_"):
                self.fail(f"未知的字段“{key}”（可用字段：{'、'.join(sorted(allowed))}）")


#: The entry reader, shared with the other catalogs (inspections) so all report problems alike.
Entry = _Entry


def _subject(e: _Entry, legal_rep_counts: bool) -> Subject:
    """List entries exist for persons too; the other records are about the entity only."""
    default: Subject = "either" if legal_rep_counts else "entity"
    value = e.raw.get("subject", default)
    if value not in SUBJECTS:
        e.fail(f"“subject”的值“{value}”无效，应为 {' / '.join(SUBJECTS)} 之一")
        return default
    if value != "entity" and not legal_rep_counts:
        e.fail("触发条件涉及法定代表人，但措施的“legal_rep_counts”为 false")
    subject: Subject = value
    return subject


def _entity_only(e: _Entry, what: str) -> Subject:
    if e.raw.get("subject", "entity") != "entity":
        e.fail(f"{what}只按本主体比对，“subject”应为 entity 或省略")
    return "entity"


def _list_trigger(e: _Entry, rep: bool) -> ListTrigger:
    e.only({"kind", "list_types", "categories", "subject"})
    return ListTrigger(
        list_types=e.texts("list_types", required=True, choices=LIST_TYPES),
        categories=e.texts("categories"),
        subject=_subject(e, rep),
    )


def _penalty_trigger(e: _Entry, rep: bool) -> PenaltyTrigger:
    e.only({
        "kind", "min_severity", "match_any", "match_all", "under_publicity", "within_years",
        "ban_years", "use_record_period", "subject",
    })  # fmt: skip
    severity = e.text("min_severity", required=False, choices=SEVERITIES) or None
    trigger = PenaltyTrigger(
        min_severity=severity,
        match_any=e.texts("match_any"),
        match_all=e.texts("match_all"),
        under_publicity=e.flag("under_publicity"),
        within_years=e.years("within_years"),
        ban_years=e.years("ban_years"),
        use_record_period=e.flag("use_record_period"),
        subject=_entity_only(e, "处罚记录"),
    )
    if not (trigger.under_publicity or trigger.within_years or trigger.ban_years):
        e.fail("处罚触发条件须限定期间：under_publicity、within_years 或 ban_years 至少其一")
    if trigger.within_years and trigger.ban_years:
        e.fail("“within_years”与“ban_years”不能同时设置")
    if trigger.use_record_period and not trigger.ban_years:
        e.fail("“use_record_period”需与“ban_years”（法定最长期限）一起使用")
    if not (trigger.min_severity or trigger.match_any or trigger.match_all):
        e.fail("处罚触发条件须至少设置 min_severity、match_any 或 match_all 之一")
    return trigger


def _commitment_trigger(e: _Entry, rep: bool) -> CommitmentTrigger:
    e.only({"kind", "types", "within_years", "subject"})
    return CommitmentTrigger(
        within_years=e.years("within_years", required=True) or 1,
        types=e.texts("types", choices=COMMITMENT_TYPES),
        subject=_entity_only(e, "信用承诺"),
    )


def _grade_trigger(e: _Entry, rep: bool) -> GradeTrigger:
    e.only({"kind", "grades", "subject"})
    return GradeTrigger(
        grades=e.texts("grades", required=True, choices=GRADES), subject=_entity_only(e, "信用等级")
    )


_TRIGGERS: dict[str, Callable[[_Entry, bool], Trigger]] = {
    "list": _list_trigger,
    "penalty": _penalty_trigger,
    "commitment_breach": _commitment_trigger,
    "grade": _grade_trigger,
}


def _code(e: _Entry, seen: set[str], what: str) -> str:
    code = e.text("code")
    if code and not _CODE.match(code):
        e.fail(f"代码“{code}”应由大写字母、数字和下划线组成")
    if code in seen:
        e.fail(f"{what}代码“{code}”重复")
    seen.add(code)
    return code


def _measure(e: _Entry, seen: set[str]) -> Measure:
    e.only({
        "code", "name", "restriction", "basis", "duration", "legal_rep_counts", "triggers", "status",
        "note", "effective_from", "effective_to",
    })  # fmt: skip
    code = _code(e, seen, "措施")
    rep = e.flag("legal_rep_counts")
    raw_triggers = e.raw.get("triggers")
    triggers: list[Trigger] = []
    if not isinstance(raw_triggers, list) or not raw_triggers:
        e.fail("“triggers”应为非空列表")
        raw_triggers = []
    for i, raw in enumerate(raw_triggers, start=1):
        t = _Entry(e.problems, f"{e.where} 触发条件 {i}", raw)
        kind = t.raw.get("kind")
        make = _TRIGGERS.get(kind) if isinstance(kind, str) else None
        if make is None:
            t.fail(f"未知的触发类型“{kind}”，应为 {' / '.join(_TRIGGERS)} 之一")
            continue
        triggers.append(make(t, rep))
    measure = Measure(
        code=code,
        name=e.text("name"),
        restriction=e.text("restriction", choices=RESTRICTIONS),
        basis=e.text("basis"),
        duration=e.text("duration"),
        legal_rep_counts=rep,
        triggers=tuple(triggers),
        status=e.text("status", choices=STATUSES),
        note=e.text("note", required=False),
        effective_from=e.day("effective_from"),
        effective_to=e.day("effective_to"),
    )
    if rep and not any(t.subject != "entity" for t in triggers):
        e.fail("“legal_rep_counts”为 true，但没有任何触发条件涉及法定代表人")
    return measure


def _matter(e: _Entry, seen: set[str], measures: Mapping[str, Measure]) -> Matter:
    e.only({"code", "name", "basis", "measures", "status", "note"})
    matter = Matter(
        code=_code(e, seen, "事项"),
        name=e.text("name"),
        basis=e.text("basis"),
        measures=e.texts("measures", required=True),
        status=e.text("status", choices=STATUSES),
        note=e.text("note", required=False),
    )
    for code in matter.measures:
        if code not in measures:
            e.fail(f"引用了未知的惩戒措施“{code}”（措施须先在 measures.json 中定义）")
    if len(set(matter.measures)) != len(matter.measures):
        e.fail("“measures”中有重复的措施代码")
    return matter


def read_json(path: Path) -> Any:
    """A catalog file's JSON, or a :class:`CatalogError` saying what is wrong with the file."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CatalogError(f"找不到目录文件 {path}。") from None
    except UnicodeDecodeError as exc:
        raise CatalogError(f"目录文件 {path} 不是 UTF-8 编码：{exc}") from None
    except json.JSONDecodeError as exc:
        raise CatalogError(
            f"目录文件 {path} 不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列）：{exc.msg}"
        ) from None


def _read(path: Path, key: str) -> list[Any]:
    data = read_json(path)
    entries = data.get(key) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise CatalogError(f"目录文件 {path} 应为包含“{key}”列表的 JSON 对象。")
    return entries


def _label(raw: Any, index: int) -> str:
    code = raw.get("code") if isinstance(raw, dict) else None
    return f"第 {index} 项" + (f"（{code}）" if isinstance(code, str) else "")


@lru_cache(maxsize=4)
def load_catalog(matters_path: Path | None = None, measures_path: Path | None = None) -> Catalog:
    """Load and validate both files (the shipped ones by default); every problem is reported."""
    matters_path = matters_path or resource("catalogs", "matters.json")
    measures_path = measures_path or resource("catalogs", "measures.json")
    problems: list[str] = []
    measures: dict[str, Measure] = {}
    seen: set[str] = set()
    for i, raw in enumerate(_read(measures_path, "measures"), start=1):
        m = _measure(_Entry(problems, f"{measures_path.name} {_label(raw, i)}", raw), seen)
        measures.setdefault(m.code, m)
    matters: dict[str, Matter] = {}
    seen = set()
    for i, raw in enumerate(_read(matters_path, "matters"), start=1):
        mt = _matter(_Entry(problems, f"{matters_path.name} {_label(raw, i)}", raw), seen, measures)
        matters.setdefault(mt.code, mt)
    if problems:
        head = f"信用核查目录有误（{matters_path.parent}），请更正后重试："
        raise CatalogError("\n".join([head, *(f"· {p}" for p in problems)]))
    return Catalog(matters=matters, measures=measures)
