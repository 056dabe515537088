"""An entity profile as HTML for a QTextBrowser, coloured from the current palette.

Plain generated HTML keeps the profile one scrollable, selectable, printable document, and the
rendering a pure function that tests can read. Every value from the data is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QPalette

from desktop import core_labels as labels
from desktop.formatting import stamp, value_text
from desktop.widgets.badges import (
    AMBER,
    GRADE_COLOURS,
    GREY,
    RED,
    chip_colours,
    grade_text,
    status_chip,
)

if TYPE_CHECKING:  # the core (SQLAlchemy …) is imported by the worker that opens the store
    from credit.store.profile import Profile, Section

#: Sections whose few columns fit side by side; the others show each record as a label/value card.
WIDE_LIMIT = 5
#: List sections that call for attention rather than a restriction: amber, not red.
AMBER_SECTIONS = ("watch", "abnormal")
#: Sections whose every field is shown even when empty (a missing 证件号码 is itself telling).
COMPLETE_SECTIONS = ("registration",)


@dataclass(frozen=True)
class Colours:
    text: str = "#1a1a1a"
    muted: str = "#777777"  # secondary text: labels, notes
    faded: str = "#a0a0a0"  # records no longer in effect
    border: str = "#cccccc"
    label_bg: str = "#f3f3f3"
    heading: str = "#1a1a1a"

    @classmethod
    def from_palette(cls, pal: QPalette) -> Colours:
        role = QPalette.ColorRole
        text, base = pal.color(role.Text), pal.color(role.Base)
        return cls(
            text=text.name(),
            muted=_mix(text, base, 0.55).name(),
            faded=_mix(text, base, 0.38).name(),
            border=pal.color(role.Mid).name(),
            label_bg=pal.color(role.AlternateBase).name(),
            heading=pal.color(role.WindowText).name(),
        )


def _mix(a: QColor, b: QColor, share_a: float) -> QColor:
    """A colour between two palette colours: readable secondary text in light and dark themes."""
    k = share_a
    return QColor(
        round(a.red() * k + b.red() * (1 - k)),
        round(a.green() * k + b.green() * (1 - k)),
        round(a.blue() * k + b.blue() * (1 - k)),
    )


def _text(value: Any, key: str = "") -> str:
    """A value as HTML; in the fields the core words itself (``key``), its phrases translated."""
    return escape(labels.value(key, value_text(value))).replace("\n", "<br>")


def pill(text: str, fill: str, fg: str, *, bold: bool = False) -> str:
    weight = "font-weight:bold;" if bold else ""
    return f'<span style="background-color:{fill};color:{fg};{weight}">&nbsp;{escape(text)}&nbsp;</span>'


def grade_pill(grade: str | None) -> str:
    if grade not in GRADE_COLOURS:
        return pill(grade_text(grade), *GREY)
    assert grade is not None
    return pill(grade, *GRADE_COLOURS[grade], bold=True)


def render_profile(profile: Profile, c: Colours) -> str:
    parts = [_style(c), _header(profile, c)]
    for section in profile.sections:
        parts.append(_section(section, c))
    return "".join(parts)


def render_message(title: str, lines: list[str], c: Colours) -> str:
    body = "".join(f'<p style="color:{c.muted}">{escape(line)}</p>' for line in lines)
    return f"{_style(c)}<h2>{escape(title)}</h2>{body}"


def _style(c: Colours) -> str:
    return (
        "<style>"
        f"h2 {{ color:{c.heading}; margin-bottom:4px; }}"
        f"h3 {{ color:{c.heading}; margin-top:18px; margin-bottom:6px; }}"
        f"table {{ border-collapse:collapse; border-color:{c.border}; margin-bottom:8px; }}"
        f"td, th {{ border-color:{c.border}; padding:4px 6px; }}"
        f"th {{ background-color:{c.label_bg}; font-weight:normal; text-align:left; }}"
        f"td.label {{ background-color:{c.label_bg}; color:{c.muted}; white-space:nowrap; }}"
        "</style>"
    )


def _cell_badge(text: str, fill: str, fg: str, *, bold: bool = False) -> str:
    inner = f"<b>{escape(text)}</b>" if bold else escape(text)
    return f'<td bgcolor="{fill}" style="color:{fg}">&nbsp;{inner}&nbsp;</td>'


def _header(p: Profile, c: Colours) -> str:
    """Name, then what decides a case at a glance: grade, lists in effect, status."""
    from credit.store.profile import GRADE_MEANING

    cells = []
    if p.grade in GRADE_COLOURS:
        assert p.grade is not None
        cells.append(_cell_badge(p.grade, *GRADE_COLOURS[p.grade], bold=True))
        meaning = labels.grade_meaning(GRADE_MEANING.get(p.grade, ""))
        grade = QCoreApplication.translate("ProfileView", "信用等级 {0} {1}").format(p.grade, meaning)
        cells.append(f"<td>{escape(grade)}&nbsp;&nbsp;</td>")
    else:
        none = QCoreApplication.translate("ProfileView", "暂无信用等级")
        cells.append(f'<td style="color:{c.muted}">{escape(none)}&nbsp;&nbsp;</td>')
    cells.extend(_cell_badge(labels.chip(flag), *chip_colours(flag)) for flag in p.flags)
    if not p.active:
        cells.append(_cell_badge(labels.chip(status_chip(p.status)), *GREY))
    badges = f'<table cellspacing="4" cellpadding="3"><tr>{"".join(cells)}</tr></table>'
    status = QCoreApplication.translate("ProfileView", "登记状态：{0}").format(escape(p.status))
    as_of = QCoreApplication.translate("ProfileView", "数据截至 {0}").format(escape(stamp(p.as_of)))
    code = QCoreApplication.translate("ProfileView", "统一社会信用代码：{0}").format(
        f"<b>{escape(p.uscc)}</b>"
    )
    return (
        f"<h2>{escape(p.name)}</h2>"
        f"{badges}"
        f"<p>{code}&nbsp;&nbsp;·&nbsp;&nbsp;{status}</p>"
        f'<p style="color:{c.muted}">{as_of}</p>'
    )


def _section(s: Section, c: Colours) -> str:
    count = QCoreApplication.translate("ProfileView", "（{0}）").format(len(s.rows)) if s.rows else ""
    count = f' <span style="color:{c.muted};font-weight:normal">{count}</span>' if count else ""
    title = labels.section_title(s.title)
    out = [f'<a name="{escape(s.key)}"></a><h3>{escape(title)}{count}</h3>']
    if s.note:
        out.append(f'<p style="color:{c.muted}">{escape(labels.phrase(s.note))}</p>')
    if not s.rows or not s.fields:
        none = QCoreApplication.translate("ProfileView", "暂无")
        out.append(f'<p style="color:{c.muted}">{none}</p>')
    elif s.key == "commitments":
        out.append(_commitments_table(s, c))
    elif len(s.fields) <= WIDE_LIMIT:
        out.append(_wide_table(s, c))
    else:
        out.extend(_card(s, row, c) for row in s.rows)
    return "".join(out)


def _row_muted(row: dict[str, Any]) -> bool:
    """Listings that are removed or expired stay visible for the record, but greyed."""
    return row.get("in_effect") is False


def _grey(html: str, muted: bool, c: Colours) -> str:
    """Grey text via a span: Qt's rich text does not pass a cell's or row's colour to its text."""
    return f'<span style="color:{c.faded}">{html}</span>' if muted else html


def _head(s: Section) -> str:
    return "".join(f"<th>{escape(labels.field_label(label))}</th>" for _, label in s.fields)


def _wide_table(s: Section, c: Colours) -> str:
    head = _head(s)
    body = []
    for row in s.rows:
        muted = _row_muted(row)
        cells = "".join(f"<td>{_grey(_text(row.get(key), key), muted, c)}</td>" for key, _ in s.fields)
        body.append(f"<tr>{cells}</tr>")
    return (
        f'<table border="1" cellspacing="0" cellpadding="4" width="100%">'
        f"<tr>{head}</tr>{''.join(body)}</table>"
    )


#: Links in the 信用承诺 section: ``commitment:open/<code>`` and ``commitment:fulfil/<code>``.
COMMITMENT_SCHEME = "commitment"


def _commitments_table(s: Section, c: Colours) -> str:
    """Commitments with their code as a link to open them, and, while open, one to record fulfilment."""
    head = _head(s)
    body = []
    for row in s.rows:
        code = escape(str(row.get("code") or ""))
        cells = []
        for key, _ in s.fields:
            value = _text(row.get(key), key)
            if key == "code":
                value = f'<a href="{COMMITMENT_SCHEME}:open/{code}">{value}</a>'
            elif key == "status" and row.get("breached"):
                value = f'<span style="color:{RED[0]}"><b>{value}</b></span>'
            elif key == "status" and row.get("open"):
                fulfil = escape(QCoreApplication.translate("ProfileView", "认定履行情况"))
                value += f'&nbsp;&nbsp;<a href="{COMMITMENT_SCHEME}:fulfil/{code}">{fulfil}</a>'
            style = ' style="white-space:nowrap"' if key == "code" else ""
            cells.append(f"<td{style}>{value}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<table border="1" cellspacing="0" cellpadding="4" width="100%">'
        f"<tr>{head}</tr>{''.join(body)}</table>"
    )


def _card(s: Section, row: dict[str, Any], c: Colours) -> str:
    muted = _row_muted(row)
    lead = _card_lead(s.key, row)
    cells = []
    for key, label in s.fields:
        if s.key not in COMPLETE_SECTIONS and row.get(key) in (None, ""):
            continue  # a record card lists what is known; the registration card lists all
        value = _text(row.get(key), key)
        if key == "publicity" and row.get("under_publicity"):
            value = f"<b>{value}</b>"
        value = _grey(value, muted, c)
        label = escape(labels.field_label(label))
        cells.append(f'<tr><td class="label" width="24%">{label}</td><td>{value}</td></tr>')
    return f'{lead}<table border="1" cellspacing="0" cellpadding="4" width="100%">{"".join(cells)}</table>'


def _card_lead(section: str, row: dict[str, Any]) -> str:
    """The one line to read first: a penalty's publicity, a listing's standing."""
    if "publicity" in row:
        fill = RED if row.get("under_publicity") else GREY
        title = escape(value_text(row.get("decision_no")))
        state = labels.value("publicity", str(row["publicity"]))
        return f"<p><b>{title}</b>&nbsp;&nbsp;{pill(state, *fill, bold=True)}</p>"
    if "in_effect" in row:
        state = labels.value("removal", str(row.get("removal") or ""))
        fill = (AMBER if section in AMBER_SECTIONS else RED) if row["in_effect"] else GREY
        title = escape(value_text(row.get("category")))
        return f"<p><b>{title}</b>&nbsp;&nbsp;{pill(state, *fill)}</p>"
    return ""
