"""The window credit check (逢办必查) as one accountable action.

A check reads the cache (entity, records, profile), applies the catalog rules, and writes the
check record, its outbox row and its audit row in one transaction on the work database, so a
check is never recorded without being queued for the platform or without a trace. The report's
verification code is computed from the same content and stored with the record, which is what
lets the platform later confirm that a printed report is genuine and unaltered.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from credit.commitments import BREACHED, committed_by, fill_profile
from credit.domain import uscc as uscc_rules
from credit.domain.check import VERDICT_LABELS, CheckOutcome, evaluate
from credit.operator import NO_UNIT, STALE_AFTER_DAYS, Operator
from credit.reports.check_report import EntityInfo, ReportData, build_check_report, content_for_verification
from credit.reports.verification import verification_code
from credit.store import audit, outbox
from credit.store.check_input import load_check_input
from credit.store.db import Store
from credit.store.loader import get_info
from credit.store.profile import load_profile
from credit.store.tables import check_record, commitment


class CheckError(Exception):
    """A check that cannot be made; ``reason`` is a Chinese sentence the clerk can act on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason



class ChecksumOverrideNeeded(CheckError):
    """The code fails its check characters: only a recorded, deliberate override proceeds."""


@dataclass(frozen=True)
class CheckResult:
    id: str
    outcome: CheckOutcome
    report: ReportData
    verification_code: str
    stale_warning: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            **self.outcome.to_dict(),
            "as_of": self.report.as_of,
            "stale_warning": self.stale_warning,
            "verification_code": self.verification_code,
            "operator": self.report.operator,
            "unit": self.report.issuing_unit,
            "checked_at": self.report.issued_at.isoformat(timespec="seconds"),
        }

    def write_pdf(self, out: Path) -> str:
        """Write the credit check report; returns its verification code (the stored one)."""
        code = build_check_report(self.report, out)
        if code != self.verification_code:  # same content, same code: anything else is a bug
            raise AssertionError("report content differs from the recorded check")
        return code


def stale_warning(as_of: str | None, today: date, after_days: int = STALE_AFTER_DAYS) -> str | None:
    if not as_of:
        return "本地数据的截止时间未知，核查结果可能不反映最新信用状况，请同步后复核。"
    try:
        day = date.fromisoformat(as_of[:10])
    except ValueError:
        return f"本地数据的截止时间“{as_of}”无法识别，请同步后复核。"
    age = (today - day).days
    if age > after_days:
        return (
            f"本地数据截至 {as_of}，已有 {age} 天未更新（超过 {after_days} 天），"
            "核查结果可能不反映最新信用状况，请同步后复核。"
        )
    return None


def breached_commitments(work: sa.Connection, code: str) -> list[dict[str, Any]]:
    """Commitments by ``code`` found not (fully) kept: later checks must see them."""
    rows = work.execute(
        sa.select(
            commitment.c.code,
            commitment.c.commitment_type,
            commitment.c.determined_on,
            commitment.c.fulfilment,
            commitment.c.unmet_content,
        ).where(
            commitment.c.committer_code == code,
            commitment.c.fulfilment.in_(BREACHED),
            commitment.c.determined_on.is_not(None),
        )
    )
    return [
        {
            "code": r.code,
            "type": r.commitment_type,
            "breached_on": r.determined_on,
            "summary": f"{r.commitment_type}承诺（{r.code}）{r.fulfilment}"
            + (f"：{r.unmet_content}" if r.unmet_content else ""),
        }
        for r in rows
    ]


def parse_code(code: str, override_reason: str | None) -> uscc_rules.USCCCheck:
    try:
        parsed = uscc_rules.parse(code)
    except uscc_rules.USCCFormatError as exc:
        raise CheckError(f"统一社会信用代码格式错误：{exc.reason}") from exc
    if not parsed.valid and not override_reason:
        raise ChecksumOverrideNeeded("；".join(parsed.warnings))
    return parsed


def prepare_check(
    cache: sa.Connection,
    operator: Operator,
    parsed: uscc_rules.USCCCheck,
    matter_code: str,
    *,
    breached: list[dict[str, Any]],
    moment: datetime,
    as_of: str | None,
    with_profile: bool = True,
    local_commitments: list[dict[str, Any]] | None = None,
) -> CheckResult:
    """Evaluate one check and build its report data, without recording anything.

    ``local_commitments`` (the entity's commitments registered here) fill the report's
    信用承诺信息, which the cache alone does not know.
    """
    today = moment.date()
    data = load_check_input(cache, parsed.code, breached)
    if data is None:
        raise CheckError(
            f"本地数据中没有代码为 {parsed.code} 的主体，无法核查。请同步后重试，或到信用平台在线查询。"
        )
    profile = load_profile(cache, parsed.code, today) if with_profile else None
    if profile is not None and local_commitments:
        fill_profile(profile, local_commitments)
    outcome = evaluate(matter_code, data, today)
    warning = stale_warning(as_of, today, operator.stale_after_days)
    check_id = str(uuid.uuid4())
    report = ReportData(
        check_id=check_id,
        issuing_unit=operator.unit or NO_UNIT,
        operator=operator.user,
        issued_at=moment,
        matter_code=outcome.matter_code,
        matter_name=outcome.matter_name,
        verdict=outcome.verdict,
        entity=EntityInfo(outcome.name, outcome.uscc, data.grade),
        as_of=as_of or "未知",
        fired=[
            {
                "measure_name": f.name,
                "restriction": VERDICT_LABELS[f.restriction],  # printed: words, not codes
                "basis": f.basis,
                "record_summary": f.record.summary,
                "until": f.until.isoformat() if f.until else None,
            }
            for f in outcome.fired
        ],
        sections=profile.sections if profile else [],
        stale_warning=warning,
    )
    code_v = verification_code(content_for_verification(report))
    return CheckResult(check_id, outcome, report, code_v, warning)


def record_check(
    work: sa.Connection,
    operator: Operator,
    result: CheckResult,
    *,
    override: tuple[list[str], str] | None = None,
    education_given: bool = False,
) -> None:
    """Write the check record, its outbox row and its audit rows in the caller's transaction.

    ``override`` is (checksum warnings, reason) when the code failed its check characters.
    """
    record_checks(work, operator, [result], override=override, education_given=education_given)


def record_checks(
    work: sa.Connection,
    operator: Operator,
    results: list[CheckResult],
    *,
    override: tuple[list[str], str] | None = None,
    education_given: bool = False,
    extra_audit: Sequence[dict[str, Any]] = (),
) -> None:
    """:func:`record_check` for many results at once (a batch): three statements in all.

    ``extra_audit`` rows (same keys as :func:`credit.store.audit.append_many` takes) follow the
    checks' own audit rows, e.g. the batch's summary row.
    """
    who = {"user": operator.user, "device": operator.device}
    records: list[dict[str, Any]] = []
    queued: list[tuple[str, str, dict[str, Any]]] = []
    entries: list[dict[str, Any]] = []
    for result in results:
        outcome, moment = result.outcome, result.report.issued_at
        row = {
            "id": result.id,
            "operator": operator.user,
            "unit": operator.unit,
            "device": operator.device,
            "created_utc": moment.astimezone(UTC).isoformat(timespec="seconds"),
            "created_local": moment.isoformat(timespec="seconds"),
            "uscc": outcome.uscc,
            "entity_name": outcome.name,
            "matter_code": outcome.matter_code,
            "matter_name": outcome.matter_name,
            "verdict": outcome.verdict,
            "fired": json.dumps([f.to_dict() for f in outcome.fired], ensure_ascii=False, sort_keys=True),
            "cache_as_of": None if result.report.as_of == "未知" else result.report.as_of,
            "checksum_override": override[1] if override else None,
            "education_given": int(education_given),
            "verification_code": result.verification_code,
        }
        records.append(row)
        content = content_for_verification(result.report)
        queued.append(("check_record", result.id, {**row, "report_content": content}))
        if override:
            detail = {"warnings": override[0], "reason": override[1]}
            entries.append({**who, "action": "uscc_override", "uscc": outcome.uscc, "detail": detail})
        detail = {"check_id": result.id, "matter": outcome.matter_code, "verdict": outcome.verdict}
        entries.append({**who, "action": "window_check", "uscc": outcome.uscc, "detail": detail})
    if records:
        work.execute(check_record.insert(), records)
    outbox.enqueue_many(work, queued)
    audit.append_many(work, [*entries, *extra_audit])


def run_check(
    store: Store,
    operator: Operator,
    code: str,
    matter_code: str,
    *,
    override_reason: str | None = None,
    education_given: bool = False,
    now: datetime | None = None,
) -> CheckResult:
    """Check ``code`` for ``matter_code``, record it, and return the outcome with its report."""
    parsed = parse_code(code, override_reason)
    moment = (now or datetime.now(UTC)).astimezone()
    with store.work.connect() as work:
        breached = breached_commitments(work, parsed.code)
        local = committed_by(work, parsed.code)
    with store.cache.connect() as cache:
        as_of = get_info(cache).get("as_of")
        result = prepare_check(
            cache,
            operator,
            parsed,
            matter_code,
            breached=breached,
            moment=moment,
            as_of=as_of,
            local_commitments=local,
        )
    override = (parsed.warnings, override_reason or "") if not parsed.valid else None
    with store.write_work() as work:
        record_check(work, operator, result, override=override, education_given=education_given)
    return result
