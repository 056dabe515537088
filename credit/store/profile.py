"""An entity's credit profile, in the section order public credit reports use.

The profile is plain data (sections of labelled fields), so the GUI, the CLI and later the PDF
report all show the same thing. Personal ID numbers are masked here, before anything leaves
the core. Repaired records are left out: after credit repair a record is neither shown nor used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa

from credit.domain.check import GRADE_MEANING
from credit.domain.lists import FLAG_LABELS
from credit.domain.masking import mask_id
from credit.domain.publicity import removed_by_repair
from credit.store.loader import get_info
from credit.store.tables import entity, honour, judicial, licence, list_entry, penalty

Field = tuple[str, str]  # (key, Chinese label)


@dataclass
class Section:
    key: str
    title: str
    fields: list[Field]
    rows: list[dict[str, Any]] = field(default_factory=list)
    note: str | None = None

    @property
    def empty(self) -> bool:
        return not self.rows


@dataclass
class Profile:
    uscc: str
    name: str
    status: str
    active: bool
    grade: str | None
    flags: tuple[str, ...]
    as_of: str | None
    sections: list[Section]

    def to_dict(self) -> dict[str, Any]:
        return {
            "uscc": self.uscc,
            "name": self.name,
            "status": self.status,
            "active": self.active,
            "grade": self.grade,
            "flags": list(self.flags),
            "as_of": self.as_of,
            "sections": [
                {"key": s.key, "title": s.title, "note": s.note, "rows": s.rows} for s in self.sections
            ],
        }


REGISTRATION: list[Field] = [
    ("name", "名称"),
    ("uscc", "统一社会信用代码"),
    ("entity_type", "主体类型"),
    ("legal_rep", "法定代表人（负责人）"),
    ("legal_rep_id", "证件号码"),
    ("reg_authority", "登记机关"),
    ("division", "所属区划"),
    ("address", "住所（经营场所）"),
    ("industry", "所属行业"),
    ("capital_wan", "注册资本（万元）"),
    ("established", "成立日期"),
    ("status", "登记状态"),
]
LICENCE: list[Field] = [
    ("cert_name", "许可证书名称"),
    ("cert_no", "许可编号"),
    ("category", "许可类别"),
    ("content", "许可内容"),
    ("decision_date", "决定日期"),
    ("valid", "有效期"),
    ("authority", "许可机关"),
    ("status", "状态"),
]
PENALTY: list[Field] = [
    ("decision_no", "决定书文号"),
    ("violation_type", "违法行为类型"),
    ("facts", "违法事实"),
    ("basis", "处罚依据"),
    ("penalty_type", "处罚类别"),
    ("content", "处罚内容"),
    ("fine_wan", "罚款金额（万元）"),
    ("decision_date", "处罚决定日期"),
    ("authority", "处罚机关"),
    ("severity", "失信程度"),
    ("publicity", "公示状态"),
]
LISTING: list[Field] = [
    ("category", "名单类别"),
    ("reason", "列入事由"),
    ("basis", "认定依据"),
    ("deciding_unit", "认定单位"),
    ("doc_no", "决定书文号"),
    ("listed_on", "列入日期"),
    ("valid_until", "有效期至"),
    ("removal", "移出情况"),
    ("subject", "涉及对象"),
]
HONOUR: list[Field] = [
    ("title", "荣誉名称"),
    ("level", "级别"),
    ("granted_by", "授予单位"),
    ("granted_on", "授予日期"),
    ("valid_until", "有效期至"),
]
EVALUATION: list[Field] = [("grade", "信用等级"), ("grade_date", "评价日期"), ("grade_unit", "评价单位")]
JUDICIAL: list[Field] = [
    ("kind", "类型"),
    ("case_no", "案号"),
    ("court", "法院"),
    ("content", "内容"),
    ("filed_on", "日期"),
    ("status", "状态"),
    ("subject", "涉及对象"),
]
COMMITMENT: list[Field] = [
    ("code", "承诺编码"),
    ("type", "承诺类型"),
    ("reason", "承诺事由"),
    ("status", "履行状态"),
    ("source", "来源"),
]


#: Section key → title, in the order public credit reports use (the GUI translates the titles).
SECTION_TITLES = {
    "registration": "登记注册基础信息",
    "licences": "行政管理信息 · 行政许可",
    "penalties": "行政管理信息 · 行政处罚",
    "honours": "诚实守信相关荣誉信息",
    "serious": "严重失信主体名单信息",
    "watch": "重点关注名单信息",
    "abnormal": "经营（活动）异常名录",
    "commitments": "信用承诺信息",
    "evaluation": "信用评价信息",
    "judicial": "司法判决及执行信息",
    "other": "其他信息",
}

#: The profile's own wording inside values and notes; ``{…}`` are filled with data. One place,
#: so the GUI can show these phrases translated (``desktop/core_labels.py``) and a test can check
#: that every phrase here has its translation.
PHRASES = {
    "not_published": "不予公示",
    "under_publicity": "公示中，至 {end}",
    "publicity_ended": "公示期已满（{end} 止）",
    "removed": "已于 {day} 移出",
    "removed_because": "已于 {day} 移出（{reason}）",
    "expired": "有效期已满（{day}）",
    "listed": "在列",
    "entity_itself": "本主体",
    "legal_rep": "法定代表人 {name}",
    "legal_rep_id": "法定代表人 {name}（{id}）",
    "valid_range": "{start} 至 {end}",
    "open_ended": "长期",
    "graded": "{grade}（{meaning}）",
    "penalties_repaired": "另有 {count} 条处罚信息已完成信用修复，依规不再展示和使用。",
    "lists_repaired": "另有 {count} 条名单信息已完成信用修复，依规不再展示和使用。",
    "no_commitments": "本地尚无该主体的信用承诺记录。",
}


def _publicity(row: Any, today: date) -> str:
    end = row.publicity_end
    if not end:
        return PHRASES["not_published"]
    if end >= today.isoformat():
        return PHRASES["under_publicity"].format(end=end)
    return PHRASES["publicity_ended"].format(end=end)


def _listing(row: Any, today: date, legal_rep: str | None) -> dict[str, Any]:
    data = {k: getattr(row, k, None) for k, _ in LISTING if hasattr(row, k)}
    if row.removed_on and row.removal_reason:
        data["removal"] = PHRASES["removed_because"].format(day=row.removed_on, reason=row.removal_reason)
    elif row.removed_on:
        data["removal"] = PHRASES["removed"].format(day=row.removed_on)
    elif row.valid_until and row.valid_until < today.isoformat():
        data["removal"] = PHRASES["expired"].format(day=row.valid_until)
    else:
        data["removal"] = PHRASES["listed"]
    data["in_effect"] = data["removal"] == PHRASES["listed"]
    data["subject"] = (
        PHRASES["legal_rep_id"].format(name=row.person_name, id=mask_id(row.person_id))
        if row.person_id
        else PHRASES["entity_itself"]
    )
    return data


def load_profile(conn: sa.Connection, code: str, today: date | None = None) -> Profile | None:
    today = today or date.today()
    ent = conn.execute(sa.select(entity).where(entity.c.uscc == code)).first()
    if ent is None:
        return None
    info = get_info(conn)
    reg = {k: getattr(ent, k, None) for k, _ in REGISTRATION}
    reg["legal_rep_id"] = mask_id(ent.legal_rep_id)
    reg["division"] = " ".join(
        x for x in (ent.division_name, ent.division_code and f"（{ent.division_code}）") if x
    )

    licences = [
        {
            **{k: getattr(r, k) for k, _ in LICENCE if hasattr(r, k)},
            "valid": PHRASES["valid_range"].format(
                start=r.valid_from or "—", end=r.valid_to or PHRASES["open_ended"]
            ),
        }
        for r in conn.execute(
            sa.select(licence).where(licence.c.uscc == code).order_by(licence.c.decision_date.desc())
        )
    ]
    pen_rows = conn.execute(
        sa.select(penalty).where(penalty.c.uscc == code).order_by(penalty.c.decision_date.desc())
    ).all()
    repaired = sum(1 for r in pen_rows if r.repaired_on)
    penalties = [
        {
            **{k: getattr(r, k) for k, _ in PENALTY if hasattr(r, k)},
            "publicity": _publicity(r, today),
            "publicity_end": r.publicity_end,
            "under_publicity": bool(r.publicity_end and r.publicity_end >= today.isoformat()),
        }
        for r in pen_rows
        if not r.repaired_on
    ]
    person_ids = [ent.legal_rep_id] if ent.legal_rep_id else []
    lists = conn.execute(
        sa.select(list_entry)
        .where(sa.or_(list_entry.c.uscc == code, list_entry.c.person_id.in_(person_ids)))
        .order_by(list_entry.c.listed_on.desc())
    ).all()
    by_type: dict[str, list[dict[str, Any]]] = {}
    own_in_effect: set[str] = set()  # flags describe the entity, not its legal representative
    repaired_lists: dict[str, int] = {}
    for r in lists:
        if r.removed_on and removed_by_repair(r.removal_reason):
            repaired_lists[r.list_type] = repaired_lists.get(r.list_type, 0) + 1
            continue
        row = _listing(r, today, ent.legal_rep)
        by_type.setdefault(r.list_type, []).append(row)
        if row["in_effect"] and not r.person_id:
            own_in_effect.add(r.list_type)
    honours = [
        {k: getattr(r, k) for k, _ in HONOUR}
        for r in conn.execute(sa.select(honour).where(honour.c.uscc == code))
    ]
    judicial_rows = [
        {
            **{k: getattr(r, k) for k, _ in JUDICIAL if hasattr(r, k)},
            "subject": PHRASES["legal_rep"].format(name=r.person_name)
            if r.person_id
            else PHRASES["entity_itself"],
        }
        for r in conn.execute(
            sa.select(judicial).where(sa.or_(judicial.c.uscc == code, judicial.c.person_id.in_(person_ids)))
        )
    ]
    evaluation = (
        [
            {
                "grade": PHRASES["graded"].format(grade=ent.grade, meaning=GRADE_MEANING.get(ent.grade, "")),
                "grade_date": ent.grade_date,
                "grade_unit": ent.grade_unit,
            }
        ]
        if ent.grade
        else []
    )
    flags = tuple(label for key, label in FLAG_LABELS.items() if key in own_in_effect)

    def repaired_note(*list_types: str) -> str | None:
        count = sum(repaired_lists.get(t, 0) for t in list_types)
        return PHRASES["lists_repaired"].format(count=count) if count else None

    t = SECTION_TITLES
    sections = [
        Section("registration", t["registration"], REGISTRATION, [reg]),
        Section("licences", t["licences"], LICENCE, licences),
        Section(
            "penalties",
            t["penalties"],
            PENALTY,
            penalties,
            note=PHRASES["penalties_repaired"].format(count=repaired) if repaired else None,
        ),
        Section("honours", t["honours"], HONOUR, honours),
        Section(
            "serious",
            t["serious"],
            LISTING,
            by_type.get("serious", []) + by_type.get("judgment_debtor", []),
            note=repaired_note("serious", "judgment_debtor"),
        ),
        Section("watch", t["watch"], LISTING, by_type.get("watch", []), note=repaired_note("watch")),
        Section(
            "abnormal", t["abnormal"], LISTING, by_type.get("abnormal", []), note=repaired_note("abnormal")
        ),
        Section("commitments", t["commitments"], COMMITMENT, [], note=PHRASES["no_commitments"]),
        Section("evaluation", t["evaluation"], EVALUATION, evaluation),
        Section("judicial", t["judicial"], JUDICIAL, judicial_rows),
        Section("other", t["other"], [], []),
    ]
    return Profile(
        uscc=ent.uscc,
        name=ent.name,
        status=ent.status,
        active=bool(ent.active),
        grade=ent.grade,
        flags=flags,
        as_of=info.get("as_of"),
        sections=sections,
    )
