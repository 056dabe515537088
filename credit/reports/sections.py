"""The entity's profile sections as printed: a numbered heading each, records as label/value cards.

Sections come from ``credit.store.profile`` (objects) or as dicts (e.g. ``Profile.to_dict()``,
which leaves out the field lists; those are then looked up by section key). Presentation follows
the desktop profile: registration lists every field, other records only what is known, and
records no longer in effect stay visible but greyed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from credit.reports.cjkwrap import CJKParagraph
from credit.reports.layout import GRID, bold, label_table
from credit.reports.styles import BORDER, FRAME_WIDTH, Styles
from credit.reports.text import NONE, markup, value_text
from credit.store import profile as pf

LABEL_WIDTH = 36 * mm
#: Sections whose every field is printed even when empty (a missing 证件号码 is itself telling).
COMPLETE_SECTIONS = ("registration",)
#: Row keys that steer presentation and are never printed.
INTERNAL_KEYS = frozenset({"in_effect", "under_publicity", "publicity_end"})
FIELDS_BY_KEY: dict[str, list[pf.Field]] = {
    "registration": pf.REGISTRATION,
    "licences": pf.LICENCE,
    "penalties": pf.PENALTY,
    "honours": pf.HONOUR,
    "serious": pf.LISTING,
    "watch": pf.LISTING,
    "abnormal": pf.LISTING,
    "commitments": pf.COMMITMENT,
    "evaluation": pf.EVALUATION,
    "judicial": pf.JUDICIAL,
}
_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (section numbers in the public-report style)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def _attr(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _fields(section: Any, rows: Sequence[Mapping[str, Any]]) -> list[tuple[str, str]]:
    fields = _attr(section, "fields") or FIELDS_BY_KEY.get(_attr(section, "key") or "")
    if fields:
        return [(str(k), str(label)) for k, label in fields]
    keys: dict[str, None] = {}
    for row in rows:
        keys.update(dict.fromkeys(k for k in row if k not in INTERNAL_KEYS))
    return [(k, k) for k in keys]


def _lead(fields: list[tuple[str, str]], row: Mapping[str, Any]) -> str:
    """The one line to read first: a penalty's decision and publicity, a listing's standing,
    otherwise the record's first known value (a licence's name …)."""
    if "publicity" in row:
        return f"{value_text(row.get('decision_no'))} · {value_text(row.get('publicity'))}"
    if "in_effect" in row:
        return f"{value_text(row.get('category'))} · {value_text(row.get('removal'))}"
    return next((value_text(row[k]) for k, _ in fields if row.get(k) not in (None, "")), "")


def _card(key: str, fields: list[tuple[str, str]], row: Mapping[str, Any], st: Styles) -> Flowable:
    complete = key in COMPLETE_SECTIONS
    pairs = [
        (markup(label), markup(row.get(k))) for k, label in fields if complete or row.get(k) not in (None, "")
    ] or [("记录", NONE)]
    style = st.cell_faded if row.get("in_effect") is False else st.cell
    return label_table(pairs, st, label_width=LABEL_WIDTH, value_style=style)


def section_flowables(sections: Iterable[Any], st: Styles) -> list[Flowable]:
    story: list[Flowable] = []
    for number, section in enumerate(sections, start=1):
        key = str(_attr(section, "key") or "")
        rows: list[Mapping[str, Any]] = list(_attr(section, "rows") or [])
        fields = _fields(section, rows)
        count = f"（{len(rows)} 条）" if rows else ""
        heading = bold(f"{chinese_numeral(number)}、{markup(_attr(section, 'title'))}{count}", st.section)
        heading.keepWithNext = True
        story.append(heading)
        note = _attr(section, "note")
        if note:
            story.append(CJKParagraph(markup(note), st.note))
        if not rows or not fields:
            story.append(CJKParagraph("暂无", st.note))
            continue
        for index, row in enumerate(rows, start=1):
            has_state = "publicity" in row or "in_effect" in row
            if len(rows) > 1 or has_state:
                lead = markup(_lead(fields, row))
                text = f"（{index}）{lead}" if len(rows) > 1 else lead
                caption = CJKParagraph(text, st.lead)
                caption.keepWithNext = True
                story.append(caption)
            story.append(_card(key, fields, row, st))
    return story


def _count(rows: Sequence[Mapping[str, Any]]) -> str:
    """ "3 条（在列 1）": how many records, and how many of them still bite."""
    if not rows:
        return "暂无"
    text = f"{len(rows)} 条"
    listed = sum(1 for r in rows if r.get("in_effect"))
    published = sum(1 for r in rows if r.get("under_publicity"))
    if any("in_effect" in r for r in rows):
        text += f"（在列 {listed}）"
    elif published:
        text += f"（公示中 {published}）"
    return text


def overview(sections: Sequence[Any], st: Styles) -> Table:
    """All sections and their counts on page 1, so the record's shape is seen without turning."""
    cells = []
    for number, section in enumerate(sections, start=1):
        rows = list(_attr(section, "rows") or [])
        cells.append(
            [
                CJKParagraph(f"{chinese_numeral(number)}、{markup(_attr(section, 'title'))}", st.cell),
                CJKParagraph(_count(rows), st.cell if rows else st.cell_faded),
            ]
        )
    half = (len(cells) + 1) // 2
    left, right = cells[:half], cells[half:] + [["", ""]] * (2 * half - len(cells))
    data = [a + b for a, b in zip(left, right, strict=True)]
    count_width = 32 * mm
    title_width = FRAME_WIDTH / 2 - count_width
    return Table(
        data,
        colWidths=[title_width, count_width, title_width, count_width],
        style=TableStyle([*GRID, ("LINEAFTER", (1, 0), (1, -1), 1, BORDER)]),
    )
