"""An entity's inspections and interviews recorded here, as sections of its credit profile.

An interview enters the entity's credit record (seed 001 §(九)), and an inspection result is an
administrative action the profile should show: whoever opens the entity — at the window, beside
a task, from search — sees what was found here and what came of it, before the platform has the
records back. Rows say they were recorded on this machine, as the local commitments do.
"""

from __future__ import annotations

from datetime import date

from credit.inspections import followup, records
from credit.store.db import Store
from credit.store.profile import Field, Profile, Section

LOCAL_SOURCE = "本机记录"
#: Section key → title of the two sections added here (the GUI translates the titles).
SECTION_TITLES = {"inspections": "行政管理信息 · 行政检查", "interviews": "其他信息 · 约谈记录"}
INSPECTION_FIELDS: list[Field] = [
    ("record_no", "检查行为编号"),
    ("inspected_at", "检查时间"),
    ("matter", "监管事项"),
    ("result", "检查结果"),
    ("rectification", "整改情况"),
    ("agency", "实施机构"),
    ("source", "来源"),
]
INTERVIEW_FIELDS: list[Field] = [
    ("interview_no", "约谈编号"),
    ("held_on", "约谈日期"),
    ("kind", "约谈方式"),
    ("content", "约谈内容"),
    ("undertakings", "承诺事项"),
    ("unit", "约谈单位"),
    ("source", "来源"),
]


def _insert(
    profile: Profile, section: Section, *, after: str | None = None, before: str | None = None
) -> None:
    keys = [s.key for s in profile.sections]
    if after in keys:
        profile.sections.insert(keys.index(after) + 1, section)
    elif before in keys:
        profile.sections.insert(keys.index(before), section)
    else:
        profile.sections.append(section)


def add_to_profile(store: Store, profile: Profile, today: date | None = None) -> None:
    """Add 行政管理信息 · 行政检查 (after the penalties) and 约谈记录 (before 其他信息) when there are any."""
    recs = records.for_entity(store, profile.uscc)
    if recs:
        states = {
            s.order["record_id"]: s
            for s in followup.order_states(store, today or date.today(), uscc=profile.uscc)
        }
        rows = []
        for r in reversed(recs):  # newest first, as the other sections
            state = states.get(r["id"])
            rows.append(
                {
                    "record_no": r["record_no"],
                    "inspected_at": r["inspected_at"].replace("T", " ")[:16],
                    "matter": f"{r['matter_name']}（{r['category']}）",
                    "result": f"{r['result_code']} {r['result_name']}",
                    "rectification": f"{state.order['order_no']} {state.label}" if state else "",
                    "agency": r["agency"],
                    "source": LOCAL_SOURCE,
                }
            )
        _insert(
            profile,
            Section("inspections", SECTION_TITLES["inspections"], INSPECTION_FIELDS, rows),
            after="penalties",
        )
    talks = followup.interviews_for(store, profile.uscc)
    if talks:
        rows = [
            {
                "interview_no": t["interview_no"],
                "held_on": t["held_on"],
                "kind": t["kind"],
                "content": t["content"],
                "undertakings": t["undertakings"],
                "unit": t["interviewing_unit"],
                "source": LOCAL_SOURCE,
            }
            for t in reversed(talks)
        ]
        section = Section("interviews", SECTION_TITLES["interviews"], INTERVIEW_FIELDS, rows)
        _insert(profile, section, before="other")
