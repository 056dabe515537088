"""The credit check report (信用核查报告): what a window check found, on paper, verifiable.

One A4 PDF: title and number, the key facts, the verdict box (colour, icon, word, reason) with
the verification QR code, the measures that fired, a statement about the data's date, then the
entity's profile sections. Every page carries the issuing unit, operator, time, page count and
the verification code, so a single loose page can still be traced and checked.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle

from credit.domain.check import VERDICT_LABELS
from credit.reports.cjkwrap import CJKParagraph
from credit.reports.fonts import FONT_NAME
from credit.reports.layout import GRID, PLAIN, bold, build_pdf, ellipsize, fit_string
from credit.reports.sections import overview, section_flowables
from credit.reports.styles import (
    AMBER,
    AMBER_TINT,
    BORDER,
    FRAME_WIDTH,
    LABEL_BG,
    MARGIN_X,
    MUTED,
    PAGE,
    Styles,
    styles,
)
from credit.reports.text import NONE, local_time, markup, stamp
from credit.reports.verdict import verdict_box
from credit.reports.verification import qr_payload, verification_code
from credit.store.profile import GRADE_MEANING

FIRED_KEYS = ("measure_name", "restriction", "basis", "record_summary", "until")
#: Bumped whenever the covered content changes shape, so old codes stay recomputable.
CONTENT_VERSION = 2  # 2: the fired measures carry the restriction in words
#: Measures spelled out in the reason under the verdict; the table lists them all.
REASONS_SHOWN = 3
FOOTER_SIZE = 8.0


@dataclass(frozen=True)
class EntityInfo:
    name: str
    uscc: str
    grade: str | None = None


@dataclass
class ReportData:
    """Everything printed. ``fired`` items: measure_name, restriction, basis, record_summary, until.

    ``sections`` are ``credit.store.profile.Section`` objects or dicts with the same keys.
    ``issued_at`` is printed in local time (a naive value is taken as local).
    """

    check_id: str
    issuing_unit: str
    operator: str
    issued_at: datetime
    matter_code: str
    matter_name: str
    verdict: str
    entity: EntityInfo
    as_of: str
    fired: Sequence[Mapping[str, Any]] = field(default_factory=list)
    sections: Sequence[Any] = field(default_factory=list)
    verdict_label: str = ""  # default: the standard word for ``verdict``
    stale_warning: str | None = None
    reason: str | None = None  # default: composed from ``fired``
    report_no: str = ""  # default: ``check_id``

    def __post_init__(self) -> None:
        try:
            uuid.UUID(self.check_id)
        except (ValueError, TypeError, AttributeError) as exc:
            raise ValueError(f"check_id must be a UUID, got {self.check_id!r}") from exc
        if self.verdict not in VERDICT_LABELS:
            raise ValueError(f"unknown verdict {self.verdict!r}; expected one of {list(VERDICT_LABELS)}")
        self.report_no = self.report_no or self.check_id
        self.verdict_label = self.verdict_label or VERDICT_LABELS[self.verdict]


def utc_stamp(moment: datetime) -> str:
    """2026-11-22T10:02:03Z: one spelling of a moment, whatever zone it was recorded in."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _plain(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def content_for_verification(data: ReportData) -> dict[str, Any]:
    """The covered content: what the platform's check record holds and the code is computed over.

    Labels, section contents and wording are left out on purpose: they are presentation (and
    translation) of this content, and the platform could not recompute them byte for byte.
    """
    return {
        "v": CONTENT_VERSION,
        "report_no": data.report_no,
        "check_id": data.check_id,
        "issuing_unit": data.issuing_unit,
        "operator": data.operator,
        "issued_at": utc_stamp(data.issued_at),
        "entity": {"uscc": data.entity.uscc, "name": data.entity.name},
        "matter": {"code": data.matter_code, "name": data.matter_name},
        "verdict": data.verdict,
        "fired": [{key: _plain(m.get(key)) for key in FIRED_KEYS} for m in data.fired],
        "as_of": data.as_of,
    }


def build_check_report(data: ReportData, out: Path | BinaryIO) -> str:
    """Write the report as PDF to a path or binary stream; return its verification code."""
    code = verification_code(content_for_verification(data))
    st = styles()
    story: list[Flowable] = [
        bold("信用核查报告", st.title),
        CJKParagraph(markup(_number_line(data)), st.subtitle),
        Spacer(1, 5 * mm),
        _facts(data, st),
        Spacer(1, 5 * mm),
        verdict_box(
            data.verdict,
            data.verdict_label,
            _reasons(data),
            st,
            qr_payload=qr_payload(code, data.check_id),
            code=code,
            more=_more(data),
        ),
    ]
    if data.stale_warning:
        story += [Spacer(1, 3 * mm), _warning(data.stale_warning, st)]
    story += [bold("触发的措施", st.heading), _fired(data, st)]
    if data.sections:
        story += [bold("信用信息概览", st.heading), overview(data.sections, st)]
    story += [Spacer(1, 4 * mm), CJKParagraph(_statement(data, code), st.note)]
    if data.sections:  # page 1 stays the decision sheet; the record follows
        story += [PageBreak(), bold("主体信用信息", st.heading), *section_flowables(data.sections, st)]
    build_pdf(
        story,
        out,
        decorate=partial(_decorate, data, code),
        title=f"信用核查报告 · {data.entity.name}",
        author=data.issuing_unit,
        subject=f"{data.matter_name} · {data.verdict_label} · 核验码 {code}",
    )
    return code


def _number_line(data: ReportData) -> str:
    if data.report_no == data.check_id:
        return f"报告编号：{data.report_no}"
    return f"报告编号：{data.report_no}　核查编号：{data.check_id}"


def _grade(grade: str | None) -> str:
    if not grade:
        return "未评"
    meaning = GRADE_MEANING.get(grade)
    return f"{grade}（{meaning}）" if meaning else grade


def _facts(data: ReportData, st: Styles) -> Table:
    """Who, what, by whom, when: a 4-column label/value grid."""

    def label(text: str) -> CJKParagraph:
        return CJKParagraph(text, st.label)

    def value(text: Any) -> CJKParagraph:
        return CJKParagraph(markup(text), st.cell)

    matter = f"{data.matter_name}（{data.matter_code}）" if data.matter_code else data.matter_name
    rows = [
        [label("核查对象"), value(data.entity.name), "", ""],
        [
            label("统一社会信用代码"),
            value(data.entity.uscc),
            label("信用等级"),
            value(_grade(data.entity.grade)),
        ],
        [label("核查事项"), value(matter), "", ""],
        [label("核查单位"), value(data.issuing_unit), label("核查人"), value(data.operator)],
        [label("核查时间"), value(local_time(data.issued_at)), label("数据截至"), value(stamp(data.as_of))],
    ]
    lw = 30 * mm
    vw = (FRAME_WIDTH - 2 * lw) / 2
    return Table(
        rows,
        colWidths=[lw, vw, lw, vw],
        style=TableStyle(
            [
                *GRID,
                ("SPAN", (1, 0), (3, 0)),
                ("SPAN", (1, 2), (3, 2)),
                ("BACKGROUND", (0, 0), (0, -1), LABEL_BG),
                ("BACKGROUND", (2, 1), (2, 1), LABEL_BG),
                ("BACKGROUND", (2, 3), (2, -1), LABEL_BG),
            ]
        ),
    )


def _reasons(data: ReportData) -> list[str]:
    """The reason in words, as Paragraph markup: the caller's, or one line per fired measure."""
    if data.reason:
        return [markup(data.reason)]
    if not data.fired:
        if data.verdict == "pass":
            return [markup(f"未发现限制办理“{data.matter_name}”的失信记录或惩戒措施。")]
        return ["详见下列措施及主体信用信息。"]
    lines = []
    for m in data.fired[:REASONS_SHOWN]:
        text = f"因{m.get('record_summary') or '相关记录'}，{m.get('measure_name') or ''}"
        if m.get("restriction"):
            text += f"：{m['restriction']}"
        if m.get("until"):
            text += f"，期限至 {stamp(_plain(m['until']))}"
        lines.append(markup(text + "。"))
    return lines


def _more(data: ReportData) -> str | None:
    if data.reason or len(data.fired) <= REASONS_SHOWN:
        return None
    return f"另有 {len(data.fired) - REASONS_SHOWN} 项措施，详见下表。"


def _warning(text: str, st: Styles) -> Table:
    return Table(
        [[CJKParagraph(f"数据提示：{markup(text)}", st.body)]],
        colWidths=[FRAME_WIDTH],
        style=TableStyle(
            [
                *PLAIN,
                ("BACKGROUND", (0, 0), (-1, -1), AMBER_TINT),
                ("LINEBEFORE", (0, 0), (0, -1), 3, AMBER),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        ),
    )


def _fired(data: ReportData, st: Styles) -> Flowable:
    if not data.fired:
        return CJKParagraph("本次核查未触发任何限制或提示措施。", st.body)
    head = [CJKParagraph(t, st.head_cell) for t in ("措施", "依据", "触发记录", "期限至")]
    rows: list[list[Any]] = [head]
    for m in data.fired:
        measure = markup(m.get("measure_name"))
        if m.get("restriction"):
            measure += f"<br/>{markup(m['restriction'])}"
        rows.append(
            [
                CJKParagraph(measure, st.cell),
                CJKParagraph(markup(m.get("basis")), st.cell),
                CJKParagraph(markup(m.get("record_summary")), st.cell),
                CJKParagraph(markup(stamp(_plain(m.get("until"))) if m.get("until") else NONE), st.cell),
            ]
        )
    widths = [44 * mm, 42 * mm, 0.0, 24 * mm]
    widths[2] = FRAME_WIDTH - sum(widths)
    return Table(
        rows,
        colWidths=widths,
        repeatRows=1,
        splitInRow=1,
        style=TableStyle([*GRID, ("BACKGROUND", (0, 0), (-1, 0), LABEL_BG)]),
    )


def _statement(data: ReportData, code: str) -> str:
    return markup(
        f"本报告依据本机缓存的信用信息（数据截至 {stamp(data.as_of)}）生成，仅反映该时点已归集的信息，"
        f"此后的变化以信用平台为准。可扫描二维码或凭报告编号及核验码 {code} 向信用平台核验；"
        "涂改、拼接无效。"
    )


def _decorate(data: ReportData, code: str, canv: Canvas, page: int, total: int) -> None:
    """Header from page 2 on; footer on every page: who, when, page N of M, the code."""
    width, height = PAGE
    right = width - MARGIN_X
    canv.saveState()
    canv.setStrokeColor(BORDER)
    canv.setLineWidth(0.5)
    canv.setFillColor(MUTED)
    if page > 1:
        canv.line(MARGIN_X, height - 11 * mm, right, height - 11 * mm)
        fit_string(
            canv,
            MARGIN_X,
            height - 9.5 * mm,
            f"信用核查报告 · {data.entity.name}",
            FRAME_WIDTH * 0.62,
            FOOTER_SIZE,
        )
        fit_string(
            canv, right, height - 9.5 * mm, data.entity.uscc, FRAME_WIDTH * 0.35, FOOTER_SIZE, right=True
        )
    canv.line(MARGIN_X, 18 * mm, right, 18 * mm)
    rest = f"　核查人：{data.operator}　出具时间：{local_time(data.issued_at)}"
    room = FRAME_WIDTH * 0.8 - stringWidth(rest, FONT_NAME, FOOTER_SIZE)
    who = ellipsize(f"出具单位：{data.issuing_unit}", room, FOOTER_SIZE) + rest  # the unit gives way
    fit_string(canv, MARGIN_X, 14 * mm, who, FRAME_WIDTH * 0.8, FOOTER_SIZE)
    fit_string(
        canv, right, 14 * mm, f"第 {page} 页 共 {total} 页", FRAME_WIDTH * 0.2, FOOTER_SIZE, right=True
    )
    fit_string(
        canv, MARGIN_X, 9.5 * mm, f"核验码：{code}　报告编号：{data.report_no}", FRAME_WIDTH, FOOTER_SIZE
    )
    canv.restoreState()
