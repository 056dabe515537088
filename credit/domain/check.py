"""The window credit check (逢办必查): which joint-punishment measures restrict a matter, and why.

Pure functions over plain records, so the rules can be tested without a database and the
outcome can be stored and shown as it was decided. What restricts what is data (see
:mod:`credit.domain.catalogs`); this module only knows how each kind of trigger reads a record
and when a record has stopped counting: a listing that expired or was removed, a penalty whose
period ended or that was repaired (after repair a record is no longer used).

Periods in years run from the decision to the corresponding day (民法典 Arts. 201, 202:
decided 2023-06-15, "三年内" ends 2026-06-15), and ``until`` is the last day a restriction applies.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from credit.domain.catalogs import (
    RESTRICTIONS,
    Catalog,
    CommitmentTrigger,
    GradeTrigger,
    ListTrigger,
    Measure,
    PenaltyTrigger,
    Trigger,
    load_catalog,
)
from credit.domain.masking import mask_id
from credit.domain.publicity import SEVERITIES, add_months, severity_for

VERDICTS = ("pass", *RESTRICTIONS)
VERDICT_LABELS = {"pass": "通过", "caution": "提示关注", "restricted": "限制办理", "prohibited": "禁止办理"}
GRADE_MEANING = {"A": "信用风险低", "B": "信用风险一般", "C": "信用风险较高", "D": "信用风险高"}


@dataclass(frozen=True)
class ListRecord:
    """A listing (list_entry row) of the entity, or of its legal representative in person."""

    id: str
    list_type: str  # serious / watch / abnormal / judgment_debtor
    category: str
    reason: str | None = None
    basis: str | None = None
    deciding_unit: str | None = None
    doc_no: str | None = None
    listed_on: date | None = None
    valid_until: date | None = None  # None: open-ended
    removed_on: date | None = None
    person_name: str | None = None
    person_id: str | None = None


@dataclass(frozen=True)
class PenaltyRecord:
    id: str
    decision_no: str
    decision_date: date | None = None
    severity: str | None = None  # 轻微 / 一般 / 严重; derived from type and fine when missing
    penalty_type: str | None = None
    violation_type: str | None = None
    facts: str | None = None
    basis: str | None = None
    content: str | None = None
    licence_action: str | None = None
    fine_wan: float | None = None
    valid_until: date | None = None  # 处罚有效期: for a ban, the day it ends
    publicity_end: date | None = None  # None: not published
    repaired_on: date | None = None
    authority: str | None = None

    @property
    def text(self) -> str:
        """What ``match_any``/``match_all`` search: the decision's descriptive fields."""
        parts = (self.basis, self.violation_type, self.facts, self.penalty_type, self.content)
        return "\n".join(p for p in (*parts, self.licence_action) if p)


@dataclass(frozen=True)
class BreachedCommitment:
    """A credit commitment found not kept (全部/部分未履行), i.e. a false commitment."""

    code: str
    type: str  # 承诺类型, e.g. 容缺受理型
    breached_on: date  # 状态认定日期
    summary: str = ""

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> BreachedCommitment:
        """From the work database's dicts (code, type, breached_on as date or ISO text, summary)."""
        day = raw["breached_on"]
        return cls(
            code=str(raw.get("code") or ""),
            type=str(raw["type"]),
            breached_on=day if isinstance(day, date) else date.fromisoformat(str(day)[:10]),
            summary=str(raw.get("summary") or ""),
        )


@dataclass(frozen=True)
class CheckInput:
    """Everything the check reads about one entity; ``legal_rep_lists`` are the person's own."""

    uscc: str
    name: str
    legal_rep: str | None = None
    legal_rep_id: str | None = None
    grade: str | None = None
    status: str | None = None
    lists: Sequence[ListRecord] = ()
    penalties: Sequence[PenaltyRecord] = ()
    breached_commitments: Sequence[BreachedCommitment] = ()
    legal_rep_lists: Sequence[ListRecord] = ()


@dataclass(frozen=True)
class TriggerRecord:
    """The record that made a measure fire, as the clerk sees it."""

    kind: str  # list / penalty / commitment_breach / grade
    summary: str
    id: str | None = None
    doc_no: str | None = None
    subject: str = "entity"  # entity / legal_rep

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "summary": self.summary,
            "id": self.id,
            "doc_no": self.doc_no,
            "subject": self.subject,
        }


@dataclass(frozen=True)
class FiredMeasure:
    code: str
    name: str
    restriction: str
    basis: str
    status: str
    record: TriggerRecord
    until: date | None  # last day the restriction applies; None: open-ended or unknown
    until_note: str = ""  # where ``until`` comes from, e.g. 名单有效期, 按法定最长3年推算
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "restriction": self.restriction,
            "restriction_label": VERDICT_LABELS[self.restriction],
            "basis": self.basis,
            "status": self.status,
            "note": self.note,
            "until": self.until.isoformat() if self.until else None,
            "until_note": self.until_note,
            "record": self.record.to_dict(),
        }


@dataclass(frozen=True)
class CheckOutcome:
    matter_code: str
    matter_name: str
    uscc: str
    name: str
    checked_on: date
    verdict: str  # one of VERDICTS
    fired: list[FiredMeasure] = field(default_factory=list)
    checked: tuple[str, ...] = ()  # codes of the measures compared (those in force)

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self.verdict]

    def to_dict(self) -> dict[str, Any]:
        return {
            "matter": {"code": self.matter_code, "name": self.matter_name},
            "uscc": self.uscc,
            "name": self.name,
            "checked_on": self.checked_on.isoformat(),
            "verdict": self.verdict,
            "verdict_label": self.label,
            "fired": [f.to_dict() for f in self.fired],
            "checked": list(self.checked),
        }


Hit = tuple[TriggerRecord, date | None, str]  # record, until, until_note


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)


def _short(text: str | None, limit: int = 40) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _listing_until(entry: ListRecord, today: date) -> tuple[bool, date | None]:
    """Whether the listing is in effect today, and its last day."""
    if entry.listed_on and entry.listed_on > today:
        return False, None
    if entry.removed_on and entry.removed_on <= today:
        return False, None
    if entry.valid_until and entry.valid_until < today:
        return False, None
    return True, entry.valid_until


def _list_hits(t: ListTrigger, data: CheckInput, today: date) -> Iterator[Hit]:
    pools: list[tuple[str, Sequence[ListRecord]]] = []
    if t.subject in ("entity", "either"):
        pools.append(("entity", data.lists))
    if t.subject in ("legal_rep", "either"):
        pools.append(("legal_rep", data.legal_rep_lists))
    for subject, entries in pools:
        for e in entries:
            if e.list_type not in t.list_types:
                continue
            if t.categories and not any(c in e.category for c in t.categories):
                continue
            in_effect, until = _listing_until(e, today)
            if not in_effect:
                continue
            who = (
                f"法定代表人{e.person_name or data.legal_rep or ''}（{mask_id(e.person_id)}）被列入"
                if subject == "legal_rep"
                else "列入"
            )
            details = "，".join(
                x
                for x in (
                    _short(e.reason),
                    e.deciding_unit or "",
                    f"{e.listed_on.isoformat()} 列入" if e.listed_on else "",
                )
                if x
            )
            summary = f"{who}{e.category}" + (f"（{details}）" if details else "")
            note = "名单有效期" if until else "名单未载明有效期，至移出之日"
            yield TriggerRecord("list", summary, e.id, e.doc_no, subject), until, note


_YEARS_IN = re.compile(r"(?<![\d〇零一二两三四五六七八九十])(\d{1,2}|[一二两三四五六七八九十])\s*年以?内")
_NUMERALS = {c: i for i, c in enumerate("〇一二三四五六七八九十")} | {"两": 2}


def _years_in_text(text: str | None) -> int | None:
    """The longest "N年内" a decision states, e.g. 取消其一年至二年内参加…投标资格 → 2."""
    found = [int(m) if m.isdigit() else _NUMERALS[m] for m in _YEARS_IN.findall(text or "")]
    return max(found) if found else None


def _ban_end(t: PenaltyTrigger, p: PenaltyRecord, decided: date) -> tuple[date, str]:
    assert t.ban_years is not None
    if t.use_record_period:
        if p.valid_until and p.valid_until >= decided:
            return p.valid_until, "处罚决定载明的期限（处罚有效期）"
        years = _years_in_text(p.content)
        if years:
            return add_years(decided, years), f"处罚决定载明{years}年"
        return add_years(decided, t.ban_years), f"处罚决定未载明期限，按法定最长{t.ban_years}年推算"
    return add_years(decided, t.ban_years), f"自处罚决定之日起{t.ban_years}年"


def _penalty_period(t: PenaltyTrigger, p: PenaltyRecord) -> tuple[bool, date | None, str]:
    """(counts at all, last day, its source) before comparing the last day with today."""
    limits: list[tuple[date, str]] = []
    if t.under_publicity:
        if p.publicity_end is None:
            return False, None, ""  # never published (e.g. a warning): nothing to show
        limits.append((p.publicity_end, "处罚信息公示截止日"))
    if t.within_years or t.ban_years:
        if p.decision_date is None:
            return True, None, "处罚决定日期缺失，期限无法推算，请核实"
        if t.within_years:
            limits.append((add_years(p.decision_date, t.within_years), f"处罚决定后{t.within_years}年内"))
        else:
            limits.append(_ban_end(t, p, p.decision_date))
    if not limits:
        return True, None, ""
    until, note = min(limits)
    return True, until, note


def _penalty_hits(t: PenaltyTrigger, data: CheckInput, today: date) -> Iterator[Hit]:
    floor = SEVERITIES.index(t.min_severity) if t.min_severity else 0
    for p in data.penalties:
        if p.repaired_on is not None:
            continue  # repaired records are neither shown nor used
        severity = p.severity if p.severity in SEVERITIES else severity_for(p.penalty_type, p.fine_wan)
        if SEVERITIES.index(severity) < floor:
            continue
        text = p.text
        if t.match_any and not any(s in text for s in t.match_any):
            continue
        if not all(s in text for s in t.match_all):
            continue
        counts, until, note = _penalty_period(t, p)
        if not counts or (until is not None and until < today):
            continue
        when = p.decision_date.isoformat() if p.decision_date else "（日期不详）"
        summary = f"{p.authority or '处罚机关'}于{when}作出{p.penalty_type or '行政处罚'}（{severity}）"
        if p.violation_type or p.content:
            summary += f"：{_short(p.violation_type or p.content)}"
        yield TriggerRecord("penalty", summary, p.id, p.decision_no), until, note


def _commitment_hits(t: CommitmentTrigger, data: CheckInput, today: date) -> Iterator[Hit]:
    for c in data.breached_commitments:
        if t.types and c.type not in t.types:
            continue
        until = add_years(c.breached_on, t.within_years)
        if c.breached_on > today or until < today:
            continue
        summary = f"{c.breached_on.isoformat()} 认定违反{c.type}信用承诺" + (
            f"：{_short(c.summary)}" if c.summary else ""
        )
        note = f"违诺认定后{t.within_years}年"
        yield TriggerRecord("commitment_breach", summary, c.code, c.code), until, note


def _grade_hits(t: GradeTrigger, data: CheckInput) -> Iterator[Hit]:
    if data.grade in t.grades:
        summary = f"公共信用评价等级为 {data.grade}（{GRADE_MEANING.get(data.grade, '')}）"
        yield TriggerRecord("grade", summary), None, "至信用等级调整"


def _hits(t: Trigger, data: CheckInput, today: date) -> Iterator[Hit]:
    match t:
        case ListTrigger():
            return _list_hits(t, data, today)
        case PenaltyTrigger():
            return _penalty_hits(t, data, today)
        case CommitmentTrigger():
            return _commitment_hits(t, data, today)
        case GradeTrigger():
            return _grade_hits(t, data)


def fire(measure: Measure, data: CheckInput, today: date) -> list[FiredMeasure]:
    """Every record that triggers ``measure`` today, once each (the first trigger that matches)."""
    fired: list[FiredMeasure] = []
    seen: set[tuple[str, str | None, str]] = set()
    for trigger in measure.triggers:
        for record, until, note in _hits(trigger, data, today):
            key = (record.kind, record.id, record.subject)
            if key in seen:
                continue
            seen.add(key)
            fired.append(
                FiredMeasure(
                    code=measure.code,
                    name=measure.name,
                    restriction=measure.restriction,
                    basis=measure.basis,
                    status=measure.status,
                    record=record,
                    until=until,
                    until_note=note,
                    note=measure.note,
                )
            )
    return fired


def evaluate(matter_code: str, data: CheckInput, today: date, catalog: Catalog | None = None) -> CheckOutcome:
    """Check one entity for one approval matter; the most severe restriction that fired wins.

    Raises :class:`~credit.domain.catalogs.UnknownMatter` for a matter code not in the catalog.
    """
    catalog = catalog or load_catalog()
    matter = catalog.matter(matter_code)
    measures = [m for m in catalog.measures_for(matter_code) if m.in_force(today)]
    fired = [f for m in measures for f in fire(m, data, today)]
    fired.sort(key=lambda f: -VERDICTS.index(f.restriction))  # stable: catalog order within a level
    verdict = fired[0].restriction if fired else "pass"
    return CheckOutcome(
        matter_code=matter.code,
        matter_name=matter.name,
        uscc=data.uscc,
        name=data.name,
        checked_on=today,
        verdict=verdict,
        fired=fired,
        checked=tuple(m.code for m in measures),
    )
