"""What the platform holds of an entity's field work, in its credit profile beside this machine's.

Commitments, inspection results and interviews pushed by any laptop come back with the pull
(cache tables ``platform_commitment``, ``platform_inspection``, ``platform_interview``). The
profile lists them after this machine's own records (which it already shows, marked 本机), each
marked 共享平台 and never twice: a record made here and pushed is shown once, as this machine's.
A corrected inspection record is left out; its correction counts. An open platform commitment
offers the fulfilment dialog like a local one (it is adopted on opening, with the platform's
version, :func:`credit.platform_commitments.get_or_adopt`).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from credit.commitments import BREACHED, status_text
from credit.store.db import Store
from credit.store.profile import Profile, Section
from credit.store.tables import platform_commitment, platform_inspection, platform_interview

PLATFORM_SOURCE = "共享平台"


def _section(profile: Profile, key: str) -> Section | None:
    return next((s for s in profile.sections if s.key == key), None)


def _shown(section: Section | None, field: str) -> set[str]:
    return {str(r.get(field)) for r in section.rows} if section is not None else set()


def add_to_profile(store: Store, profile: Profile) -> None:
    """Append the platform's commitments, inspections and interviews of ``profile``'s entity."""
    code = profile.uscc
    with store.cache.connect() as conn:
        commitments = [
            dict(r._mapping)
            for r in conn.execute(
                sa.select(platform_commitment)
                .where(sa.or_(platform_commitment.c.uscc == code, platform_commitment.c.person_id == code))
                .order_by(platform_commitment.c.made_on.desc(), platform_commitment.c.code.desc())
            )
        ]
        inspections = [
            dict(r._mapping)
            for r in conn.execute(
                sa.select(platform_inspection)
                .where(platform_inspection.c.uscc == code)
                .order_by(platform_inspection.c.inspected_at.desc())
            )
        ]
        interviews = [
            dict(r._mapping)
            for r in conn.execute(
                sa.select(platform_interview)
                .where(platform_interview.c.uscc == code)
                .order_by(platform_interview.c.held_on.desc())
            )
        ]
    _commitments(profile, commitments)
    _inspections(profile, inspections)
    _interviews(profile, interviews)


def _commitments(profile: Profile, rows: list[dict[str, Any]]) -> None:
    section = _section(profile, "commitments")
    if section is None or not rows:
        return
    have = _shown(section, "code")
    extra = [
        {
            "code": r["code"],
            "type": r["commitment_type"],
            "reason": r["reason"],
            "status": status_text(r) + f"（{r['accepting_unit'] or '其他单位'}受理）",
            "source": PLATFORM_SOURCE,
            "open": not r["fulfilment"],
            "breached": r["fulfilment"] in BREACHED,
        }
        for r in rows
        if r["code"] not in have
    ]
    if extra:
        section.rows = [*section.rows, *extra]
        section.note = None


def _inspections(profile: Profile, rows: list[dict[str, Any]]) -> None:
    from credit.inspections.profile import INSPECTION_FIELDS, _insert

    corrected = {r["corrects"] for r in rows if r["corrects"]}
    section = _section(profile, "inspections")
    have = _shown(section, "record_no")
    extra = [
        {
            "record_no": r["record_no"],
            "inspected_at": str(r["inspected_at"] or "").replace("T", " ")[:16],
            "matter": f"{r['matter_name']}（{r['category']}）",
            "result": f"{r['result_code']} {r['result_name']}",
            "rectification": "",
            "agency": r["agency"],
            "source": PLATFORM_SOURCE,
        }
        for r in rows
        if r["id"] not in corrected and r["record_no"] not in have
    ]
    if not extra:
        return
    if section is None:
        section = Section("inspections", "行政管理信息 · 行政检查", INSPECTION_FIELDS, [])
        _insert(profile, section, after="penalties")
    section.rows = [*section.rows, *extra]


def _interviews(profile: Profile, rows: list[dict[str, Any]]) -> None:
    from credit.inspections.profile import INTERVIEW_FIELDS, _insert

    section = _section(profile, "interviews")
    have = _shown(section, "interview_no")
    extra = [
        {
            "interview_no": r["interview_no"],
            "held_on": r["held_on"],
            "kind": r["kind"],
            "content": r["content"],
            "undertakings": r["undertakings"],
            "unit": r["interviewing_unit"],
            "source": PLATFORM_SOURCE,
        }
        for r in rows
        if r["interview_no"] not in have
    ]
    if not extra:
        return
    if section is None:
        section = Section("interviews", "其他信息 · 约谈记录", INTERVIEW_FIELDS, [])
        _insert(profile, section, before="other")
    section.rows = [*section.rows, *extra]


__all__ = ["PLATFORM_SOURCE", "add_to_profile"]
