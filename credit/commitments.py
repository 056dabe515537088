"""Credit commitments (信用承诺): register, record fulfilment, watch 容缺受理 deadlines.

A commitment is written with its outbox row and its audit row in one transaction on the work
database, as a window check is (:mod:`credit.window_check`). A breach (部分履行 / 全部未履行 with
a determination date) is what :func:`credit.window_check.breached_commitments` returns, so every
later check sees it. Fulfilment can be edited at the window and in the field: each edit names
the version it was based on and is refused when the stored record has moved on since.

The default texts (承诺内容, 违诺责任) and the per-matter 容缺受理 deadlines are editable data in
``resources/catalogs/commitment_templates.json``.
"""

from __future__ import annotations

import json
import re
import unicodedata
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

import sqlalchemy as sa

from credit.domain import uscc as uscc_rules
from credit.domain.catalogs import COMMITMENT_TYPES, UnknownMatter, load_catalog
from credit.domain.workdays import NoCalendarData, add_working_days, covered_until, working_days_between
from credit.operator import Operator
from credit.paths import resource
from credit.reports.commitment_letter import LetterData
from credit.store import audit, outbox
from credit.store.db import Store
from credit.store.tables import commitment

if TYPE_CHECKING:
    from credit.store.profile import Profile

CATEGORIES = ("法人及非法人组织", "自然人", "个体工商户")
PERSON = "自然人"
PUBLICITY_TYPES = ("可向社会公开", "特定范围内公开", "不可公开")
FULFILMENTS = ("全部履行", "部分履行", "全部未履行")
#: 履行状态 values that make a commitment a breach (a false commitment, 虚假承诺).
BREACHED = ("部分履行", "全部未履行")
TOLERANT = "容缺受理型"
SERIAL_DIGITS = 6
CODE_LENGTH = 6 + 8 + SERIAL_DIGITS

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class CommitmentError(Exception):
    """A commitment that cannot be written; ``reason`` is a Chinese sentence the clerk can act on.

    ``field`` names the argument of :func:`register` / :func:`record_fulfilment` at fault (when
    one is), so a form can point at the input to correct.
    """

    def __init__(self, reason: str, field: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.field = field


class VersionConflict(CommitmentError):
    """The record changed since ``base_version`` was read; ``stored`` is the current record.

    The caller must show both versions (its own edit and ``stored``) and let the user decide.
    """

    def __init__(self, base_version: int, stored: dict[str, Any]) -> None:
        super().__init__(
            f"承诺 {stored['code']} 已被他人修改：当前为第 {stored['version']} 版，您的修改基于第 "
            f"{base_version} 版。请对照两个版本，确认后基于第 {stored['version']} 版重新提交。"
        )
        self.base_version = base_version
        self.stored = stored


# -- codes ---------------------------------------------------------------------------------


def commitment_code(division6: str, made_on: date, serial: int) -> str:
    """承诺编码: 6-digit division + YYYYMMDD + 6-digit serial (20 characters)."""
    if len(division6) != 6 or not division6.isdigit():
        raise ValueError(f"行政区划代码应为6位数字，实际为“{division6}”")
    if not 1 <= serial < 10**SERIAL_DIGITS:
        raise ValueError(f"流水号应在 1 到 {10**SERIAL_DIGITS - 1} 之间，实际为 {serial}")
    return f"{division6}{made_on:%Y%m%d}{serial:0{SERIAL_DIGITS}d}"


def next_code(work: sa.Connection, division6: str, made_on: date) -> str:
    """The next free code for that division and day; call inside the write transaction."""
    prefix = commitment_code(division6, made_on, 1)[:-SERIAL_DIGITS]
    last = work.execute(
        sa.select(sa.func.max(commitment.c.code)).where(
            commitment.c.code.like(prefix + "%"), sa.func.length(commitment.c.code) == CODE_LENGTH
        )
    ).scalar_one()
    serial = int(last[-SERIAL_DIGITS:]) + 1 if last else 1
    if serial >= 10**SERIAL_DIGITS:
        raise CommitmentError(f"行政区划 {division6} 在 {made_on} 的承诺编码流水号已用尽。")
    return commitment_code(division6, made_on, serial)


# -- committer codes -------------------------------------------------------------------------


def check_id_number(text: str) -> str:
    """A mainland resident ID number (18 characters, GB 11643); returns it normalised."""
    number = re.sub(r"\s", "", text).upper()
    field = "committer_code"
    if len(number) != 18:
        raise CommitmentError(f"身份证件号码应为18位，实际为{len(number)}位。", field)
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise CommitmentError("身份证件号码前17位应为数字，第18位应为数字或 X。", field)
    try:
        date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise CommitmentError(f"身份证件号码中的出生日期“{number[6:14]}”不是有效日期。", field) from None
    expected = _ID_CHECK[sum(int(c) * w for c, w in zip(number[:17], _ID_WEIGHTS, strict=True)) % 11]
    if number[17] != expected:
        raise CommitmentError(
            f"身份证件号码校验码应为“{expected}”，实际为“{number[17]}”，请核对证件。", field
        )
    return number


@dataclass(frozen=True)
class _Committer:
    code: str
    division: str
    override: tuple[list[str], str] | None  # checksum warnings and the recorded reason


def _committer(category: str, raw_code: str, override_reason: str | None) -> _Committer:
    if category not in CATEGORIES:
        raise CommitmentError(
            f"承诺人类别“{category}”无效，应为：{'、'.join(CATEGORIES)}。", "committer_category"
        )
    if category == PERSON:
        number = check_id_number(raw_code or "")
        return _Committer(number, number[:6], None)
    try:
        parsed = uscc_rules.parse(raw_code or "")
    except uscc_rules.USCCFormatError as exc:
        raise CommitmentError(f"统一社会信用代码格式错误：{exc.reason}", "committer_code") from exc
    override = None
    if not parsed.valid:
        if not (override_reason or "").strip():
            raise CommitmentError(
                "；".join(parsed.warnings) + "如确认该代码与证照一致，请填写原因后继续（将记入审计日志）。",
                "committer_code",
            )
        override = (parsed.warnings, (override_reason or "").strip())
    return _Committer(parsed.code, parsed.parts.division, override)


# -- templates -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    content: str
    liability: str
    deadline_working_days: int | None = None


def _templates_path() -> Path:
    return resource("catalogs", "commitment_templates.json")


@lru_cache(maxsize=4)
def _load_templates(path: Path, mtime_ns: int) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    types = data.get("types") or {}
    for name in COMMITMENT_TYPES:
        entry = types.get(name)
        if not isinstance(entry, dict) or not entry.get("content") or not entry.get("liability"):
            raise ValueError(f"{path}：承诺类型“{name}”缺少 content 或 liability")
    for name in types:
        if name not in COMMITMENT_TYPES:
            raise ValueError(f"{path}：未知的承诺类型“{name}”")
    matters = data.get("matters") or {}
    for code, per_type in matters.items():
        if not isinstance(per_type, dict) or any(t not in COMMITMENT_TYPES for t in per_type):
            raise ValueError(f"{path}：事项“{code}”下应为以承诺类型为键的对象")
        for t, entry in per_type.items():
            days = entry.get("deadline_working_days")
            if days is not None and (not isinstance(days, int) or days < 1):
                raise ValueError(f"{path}：事项“{code}”的“{t}”补齐期限应为正整数个工作日")
    return {"types": types, "matters": matters}


def template_for(commitment_type: str, matter_code: str | None = None) -> Template:
    """The type's template with the matter's overrides (content, liability, deadline) applied."""
    path = _templates_path()
    data = _load_templates(path, path.stat().st_mtime_ns)
    merged = dict(data["types"][commitment_type])
    if matter_code:
        merged.update(
            {k: v for k, v in data["matters"].get(matter_code, {}).get(commitment_type, {}).items() if v}
        )
    return Template(merged["content"], merged["liability"], merged.get("deadline_working_days"))


def _fill(text: str, values: Mapping[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def template_values(
    *,
    committer_name: str,
    reason: str,
    accepting_unit: str,
    made_on: date,
    missing_materials: Iterable[str] = (),
    deadline: date | None = None,
    deadline_days: int | None = None,
) -> dict[str, str]:
    """The placeholder values of a template (see ``commitment_templates.json``)."""
    return {
        "committer_name": committer_name,
        "reason": reason,
        "accepting_unit": accepting_unit,
        "made_on": made_on.isoformat(),
        "missing_materials": "、".join(missing_materials),
        "deadline": deadline.isoformat() if deadline else "",
        "deadline_days": str(deadline_days or ""),
    }


def filled_template(
    commitment_type: str, matter_code: str | None, values: Mapping[str, str]
) -> tuple[str, str]:
    """(承诺内容, 违诺责任) of the template with ``values`` put in: what :func:`register` writes
    when no text is given, and what a form shows for editing before it registers."""
    template = template_for(commitment_type, matter_code)
    return _fill(template.content, values), _fill(template.liability, values)


def tolerant_deadline(made_on: date, days: int) -> date:
    """The day the missing materials are due: ``days`` working days after ``made_on``.

    Raises :class:`CommitmentError` (naming ``deadline_working_days``) for fewer than one day
    or when the count reaches a year with no holiday data (the calendar's plain message).
    """
    if days < 1:
        raise CommitmentError(f"补齐材料的期限应至少为1个工作日，实际为 {days}。", "deadline_working_days")
    try:
        return add_working_days(made_on, days)
    except NoCalendarData as exc:
        raise CommitmentError(f"无法计算补齐材料的期限：{exc.reason}", "deadline_working_days") from exc


# -- rows ----------------------------------------------------------------------------------


def _public(row: Mapping[Any, Any]) -> dict[str, Any]:
    out = {str(k): v for k, v in row.items()}
    raw = out.get("missing_materials")
    out["missing_materials"] = json.loads(raw) if raw else []
    return out


def get(store: Store, code: str) -> dict[str, Any] | None:
    with store.work.connect() as conn:
        row = conn.execute(sa.select(commitment).where(commitment.c.code == code)).first()
    return _public(row._mapping) if row else None


def for_committer(store: Store, committer_code: str) -> list[dict[str, Any]]:
    with store.work.connect() as conn:
        return committed_by(conn, committer_code)


def committed_by(work: sa.Connection, committer_code: str) -> list[dict[str, Any]]:
    """Every commitment of ``committer_code`` registered here, newest first."""
    rows = work.execute(
        sa.select(commitment)
        .where(commitment.c.committer_code == committer_code)
        .order_by(commitment.c.made_on.desc(), commitment.c.code.desc())
    )
    return [_public(r._mapping) for r in rows]


#: How many rows :func:`search` returns at most: a list to pick from, not an export.
SEARCH_LIMIT = 200


def _nfkc(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text or "").casefold()


def search(store: Store, query: str, limit: int = SEARCH_LIMIT) -> list[dict[str, Any]]:
    """Commitments whose code or committer code starts with ``query``, or whose committer name
    contains it (full-width and half-width forms alike); newest first. An empty query lists
    the newest commitments."""
    text = unicodedata.normalize("NFKC", query).strip()
    stmt = sa.select(commitment)
    if text:
        code = re.sub(r"\s", "", text).upper()
        stmt = stmt.where(
            sa.or_(
                commitment.c.code.startswith(code, autoescape=True),
                commitment.c.committer_code.startswith(code, autoescape=True),
                sa.func.creditdesk_nfkc(commitment.c.committer_name).contains(
                    text.casefold(), autoescape=True
                ),
            )
        )
    stmt = stmt.order_by(commitment.c.made_on.desc(), commitment.c.code.desc()).limit(limit)
    with store.work.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        raw.create_function("creditdesk_nfkc", 1, _nfkc, deterministic=True)
        return [_public(r._mapping) for r in conn.execute(stmt)]


#: How :func:`status_text` words a state; ``{…}`` are filled with data (the GUI translates these).
STATUS_PHRASES = {
    "determined": "{fulfilment}（{day} 认定）",
    "pending_until": "待认定 · 补齐期限 {deadline}",
    "pending": "待认定",
}


def status_text(row: Mapping[str, Any]) -> str:
    """履行状态 in one line: 待认定 (with a 容缺受理 deadline) or the determination and its date."""
    if row.get("fulfilment"):
        return STATUS_PHRASES["determined"].format(fulfilment=row["fulfilment"], day=row["determined_on"])
    if row.get("deadline"):
        return STATUS_PHRASES["pending_until"].format(deadline=row["deadline"])
    return STATUS_PHRASES["pending"]


#: Marks the commitments recorded on this machine in an entity's profile (the platform's own
#: commitment records will arrive with sync and carry their source).
LOCAL_SOURCE = "本机登记"


def add_to_profile(store: Store, profile: Profile) -> None:
    """Fill the profile's 信用承诺信息 with the commitments registered here for that entity."""
    fill_profile(profile, for_committer(store, profile.uscc))


def fill_profile(profile: Profile, rows: list[dict[str, Any]]) -> None:
    """Put ``rows`` (this machine's commitments of the entity) into the 信用承诺信息 section.

    Each row says it was registered on this machine and whether it is still open (no
    fulfilment determined), so a view can offer to record fulfilment for it.
    """
    if not rows:
        return
    for section in profile.sections:
        if section.key == "commitments":
            section.rows = [
                {
                    "code": r["code"],
                    "type": r["commitment_type"],
                    "reason": r["reason"],
                    "status": status_text(r),
                    "source": LOCAL_SOURCE,
                    "open": not r["fulfilment"],
                    "breached": r["fulfilment"] in BREACHED,
                }
                for r in rows
            ]
            section.note = None


def _required(value: str | None, label: str, field: str) -> str:
    text = (value or "").strip()
    if not text:
        raise CommitmentError(f"请填写{label}。", field)
    return text


def _materials(values: Iterable[str]) -> list[str]:
    out: list[str] = []
    for v in values:
        text = v.strip()
        if text and text not in out:
            out.append(text)
    return out


# -- register ------------------------------------------------------------------------------


def register(
    store: Store,
    operator: Operator,
    *,
    committer_name: str,
    committer_category: str,
    committer_code: str,
    commitment_type: str,
    reason: str,
    content: str | None = None,
    liability: str | None = None,
    matter_code: str | None = None,
    made_on: date,
    valid_until: date | None = None,
    accepting_unit: str,
    publicity_type: str,
    missing_materials: Iterable[str] = (),
    deadline_working_days: int | None = None,
    education_given: bool = False,
    division: str | None = None,
    override_reason: str | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Validate and record a commitment with its outbox and audit rows; returns the stored row.

    ``division`` (6 digits) heads the commitment code; by default the committer code's own
    division (USCC positions 3–8, or the first six digits of an ID number). ``override_reason``
    accepts a USCC that fails its check characters, recorded in the audit log.
    """
    name = _required(committer_name, "承诺人名称", "committer_name")
    committer = _committer(committer_category, committer_code, override_reason)
    if commitment_type not in COMMITMENT_TYPES:
        raise CommitmentError(
            f"承诺类型“{commitment_type}”无效，应为：{'、'.join(COMMITMENT_TYPES)}。", "commitment_type"
        )
    if publicity_type not in PUBLICITY_TYPES:
        raise CommitmentError(
            f"公开类型“{publicity_type}”无效，应为：{'、'.join(PUBLICITY_TYPES)}。", "publicity_type"
        )
    reason_text = _required(reason, "承诺事由", "reason")
    unit = _required(accepting_unit, "受理单位", "accepting_unit")
    if matter_code:
        try:
            load_catalog().matter(matter_code)
        except UnknownMatter as exc:
            raise CommitmentError(str(exc), "matter_code") from exc
    if valid_until is not None and valid_until < made_on:
        raise CommitmentError(f"有效期截止日 {valid_until} 早于作出日期 {made_on}。", "valid_until")
    div = committer.division if division is None else division.strip()
    if len(div) != 6 or not div.isdigit():
        raise CommitmentError(f"承诺编码中的行政区划代码应为6位数字，实际为“{div}”。", "division")

    template = template_for(commitment_type, matter_code)
    materials = _materials(missing_materials)
    deadline: date | None = None
    days = deadline_working_days
    if commitment_type == TOLERANT:
        if not materials:
            raise CommitmentError("容缺受理型承诺须列明容缺（待补齐）的材料。", "missing_materials")
        if days is None:
            days = template.deadline_working_days
        if days is None:
            raise CommitmentError(
                "请填写补齐材料的期限（工作日数）；该事项的承诺模板未规定默认期限。", "deadline_working_days"
            )
        deadline = tolerant_deadline(made_on, days)
    elif materials or deadline_working_days is not None:
        raise CommitmentError("只有容缺受理型承诺才填写容缺材料和补齐期限。", "missing_materials")

    values = template_values(
        committer_name=name,
        reason=reason_text,
        accepting_unit=unit,
        made_on=made_on,
        missing_materials=materials,
        deadline=deadline,
        deadline_days=days,
    )
    default_text, default_duty = filled_template(commitment_type, matter_code, values)
    text = (content or "").strip() or default_text
    duty = (liability or "").strip() or default_duty

    moment = (now or datetime.now(UTC)).astimezone()
    row: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "operator": operator.user,
        "unit": operator.unit,
        "device": operator.device,
        "created_utc": moment.astimezone(UTC).isoformat(timespec="seconds"),
        "created_local": moment.isoformat(timespec="seconds"),
        "committer_name": name,
        "committer_category": committer_category,
        "committer_code": committer.code,
        "commitment_type": commitment_type,
        "matter_code": matter_code or None,
        "reason": reason_text,
        "content": text,
        "liability": duty,
        "made_on": made_on.isoformat(),
        "valid_until": valid_until.isoformat() if valid_until else None,
        "accepting_unit": unit,
        "publicity_type": publicity_type,
        "missing_materials": json.dumps(materials, ensure_ascii=False) if materials else None,
        "deadline": deadline.isoformat() if deadline else None,
        "education_given": int(education_given),
        "version": 1,
    }
    uscc = None if committer_category == PERSON else committer.code
    with store.write_work() as work:
        row["code"] = next_code(work, div, made_on)
        work.execute(commitment.insert().values(**row))
        stored = _public(
            work.execute(sa.select(commitment).where(commitment.c.id == row["id"])).one()._mapping
        )
        outbox.enqueue(work, "commitment", row["id"], stored)
        if committer.override:
            audit.append(
                work,
                user=operator.user,
                device=operator.device,
                action="uscc_override",
                uscc=uscc,
                detail={"warnings": committer.override[0], "reason": committer.override[1]},
            )
        audit.append(
            work,
            user=operator.user,
            device=operator.device,
            action="commitment_register",
            uscc=uscc,
            detail={
                "id": row["id"],
                "code": row["code"],
                "type": commitment_type,
                "matter": matter_code,
                "deadline": row["deadline"],
            },
        )
    return stored


# -- fulfilment ----------------------------------------------------------------------------


def record_fulfilment(
    store: Store,
    operator: Operator,
    code: str,
    *,
    fulfilment: str,
    determined_on: date,
    determining_unit: str,
    unmet_content: str | None = None,
    liability_pursued: str | None = None,
    base_version: int,
) -> dict[str, Any]:
    """Record (or correct) the 履行状态 of ``code``, based on ``base_version``; returns the new row.

    Raises :class:`VersionConflict` when the stored version differs from ``base_version``.
    """
    if fulfilment not in FULFILMENTS:
        raise CommitmentError(f"履行状态“{fulfilment}”无效，应为：{'、'.join(FULFILMENTS)}。", "fulfilment")
    unit = _required(determining_unit, "认定单位", "determining_unit")
    unmet = (unmet_content or "").strip() or None
    pursued = (liability_pursued or "").strip() or None
    if fulfilment == "全部履行" and (unmet or pursued):
        raise CommitmentError(
            "全部履行的承诺不应填写未履行内容或违诺责任追究内容。",
            "unmet_content" if unmet else "liability_pursued",
        )
    if fulfilment == "部分履行" and not unmet:
        raise CommitmentError("部分履行的承诺须写明未履行的内容。", "unmet_content")
    with store.write_work() as work:
        found = work.execute(sa.select(commitment).where(commitment.c.code == code)).first()
        if found is None:
            raise CommitmentError(f"没有编码为 {code} 的信用承诺。")
        current = _public(found._mapping)
        if current["version"] != base_version:
            raise VersionConflict(base_version, current)
        if determined_on < date.fromisoformat(current["made_on"]):
            raise CommitmentError(
                f"状态认定日期 {determined_on} 早于承诺作出日期 {current['made_on']}。", "determined_on"
            )
        changes = {
            "fulfilment": fulfilment,
            "unmet_content": unmet,
            "liability_pursued": pursued,
            "determined_on": determined_on.isoformat(),
            "determining_unit": unit,
            "version": base_version + 1,
        }
        done = work.execute(
            commitment.update()
            .where(commitment.c.id == current["id"], commitment.c.version == base_version)
            .values(**changes)
        )
        if done.rowcount != 1:  # cannot happen under the write lock, but never overwrite blindly
            raise VersionConflict(base_version, current)
        stored = {**current, **changes}
        outbox.enqueue(work, "commitment_fulfilment", current["id"], stored)
        audit.append(
            work,
            user=operator.user,
            device=operator.device,
            action="commitment_fulfilment",
            uscc=None if current["committer_category"] == PERSON else current["committer_code"],
            detail={
                "id": current["id"],
                "code": code,
                "fulfilment": fulfilment,
                "determined_on": changes["determined_on"],
                "previous": current["fulfilment"],
                "version": changes["version"],
            },
        )
    return stored


# -- deadlines -----------------------------------------------------------------------------


class DueLists(TypedDict):
    due: list[dict[str, Any]]
    overdue: list[dict[str, Any]]
    notes: list[str]  # what the lists could not cover, in Chinese


def due_and_overdue(store: Store, unit: str, today: date, within_working_days: int = 3) -> DueLists:
    """Open 容缺受理 commitments accepted by ``unit``: deadline within the next
    ``within_working_days`` working days (``due``, today included) or already past (``overdue``).

    Each row gains ``working_days_left`` (due) or ``working_days_overdue`` (overdue). Near the
    end of the known holiday calendar the horizon stops at its last day, and ``notes`` says so
    (the overdue ones are always complete): the list is never refused as a whole.
    """
    notes: list[str] = []
    try:
        horizon = add_working_days(today, within_working_days) if within_working_days > 0 else today
    except NoCalendarData as exc:
        horizon = max(today, covered_until())
        notes.append(
            f"到期范围只能计算到 {horizon}：{exc.reason}此后到期的承诺未列出，请人工核对。"
        )
    with store.work.connect() as conn:
        rows = conn.execute(
            sa.select(commitment)
            .where(
                commitment.c.accepting_unit == unit,
                commitment.c.commitment_type == TOLERANT,
                commitment.c.fulfilment.is_(None),
                commitment.c.deadline.is_not(None),
                commitment.c.deadline <= horizon.isoformat(),
            )
            .order_by(commitment.c.deadline, commitment.c.code)
        )
        found = [_public(r._mapping) for r in rows]
    due: list[dict[str, Any]] = []
    overdue: list[dict[str, Any]] = []
    for row in found:
        deadline = date.fromisoformat(row["deadline"])
        try:
            gap: int | None = working_days_between(today, deadline)
        except NoCalendarData:
            gap = None
        if deadline < today:
            overdue.append({**row, "working_days_overdue": -gap if gap is not None else None})
        else:
            due.append({**row, "working_days_left": gap})
    return {"due": due, "overdue": overdue, "notes": notes}


# -- the letter ----------------------------------------------------------------------------


def letter_data(row: Mapping[str, Any]) -> LetterData:
    """What :func:`credit.reports.commitment_letter.build_commitment_letter` prints for ``row``."""
    return LetterData(
        code=row["code"],
        committer_name=row["committer_name"],
        committer_category=row["committer_category"],
        committer_code=row["committer_code"],
        commitment_type=row["commitment_type"],
        matter=row["reason"],
        content=row["content"],
        liability=row["liability"],
        made_on=date.fromisoformat(str(row["made_on"])[:10]),
        valid_until=date.fromisoformat(str(row["valid_until"])[:10]) if row.get("valid_until") else None,
        accepting_unit=row["accepting_unit"],
        publicity_type=row["publicity_type"],
    )
