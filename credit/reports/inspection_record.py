"""The on-site inspection record (现场检查记录) as printed for the file and for the entity.

One A4 document per finalised record: who was inspected, for which matter, when and where, by
whom (with 执法证号); the checklist with each item's basis, conclusion and note; the result; the
photos as thumbnails; and the signatures, the one drawn on screen by the person present
included. Every page carries the record number, the unit, the page count and a verification
code computed from the record's content, so a loose page can be traced and checked.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, Image, KeepTogether, Spacer, Table, TableStyle

from credit.reports.cjkwrap import CJKParagraph
from credit.reports.layout import GRID, PLAIN, bold, build_pdf, fit_string
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
from credit.reports.text import NONE, markup, stamp

FAIL_FILL = colors.HexColor("#fbe7e7")
FAIL_INK = colors.HexColor("#b71c1c")
PASS_INK = colors.HexColor("#2e7d32")
PHOTOS_PER_ROW = 3
PHOTO_BOX = (FRAME_WIDTH - 8 * mm) / PHOTOS_PER_ROW
FOOTER_SIZE = 8.0
#: Room the 检查内容 heading needs below it: itself, the table's header and a first item or two.
CHECKLIST_START = 42 * mm


@dataclass
class RecordPrint:
    """A finalised record (``credit.inspections.records.public`` form) and its images."""

    record: Mapping[str, Any]
    images: Mapping[str, bytes] = field(default_factory=dict)  # sha256 → thumbnail (JPEG/PNG)
    signature: bytes | None = None  # the signature PNG, full size
    corrected_record_no: str | None = None  # when this record corrects another
    problem: bool = False  # the result is a finding against the entity (the catalog says)
    late: bool = False  # finalised after the publication deadline


def _label(text: str, st: Styles) -> CJKParagraph:
    return CJKParagraph(text, st.label)


def _value(text: Any, st: Styles) -> CJKParagraph:
    return CJKParagraph(markup(text), st.cell)


def _coords(rec: Mapping[str, Any]) -> str:
    if rec.get("latitude") is None or rec.get("longitude") is None:
        return ""
    return f"（北纬 {float(rec['latitude']):.5f}，东经 {float(rec['longitude']):.5f}）"


def _inspectors(rec: Mapping[str, Any]) -> str:
    return "；".join(f"{i['name']}（执法证号 {i['cert_no']}）" for i in rec["inspectors"])


def _facts(rec: Mapping[str, Any], st: Styles) -> Table:
    """The 行政检查行为 fields, in a 4-column label/value grid."""
    matter = f"{rec['matter_name']}（{rec['matter_code']}）"
    agency = rec["agency"] + (f"（{rec['agency_code']}）" if rec.get("agency_code") else "")
    rows: list[list[Any]] = [
        [_label("行政相对人", st), _value(rec["party_name"], st), "", ""],
        [_label(rec["party_id_type"], st), _value(rec["party_code"], st),
         _label("监管对象", st), _value(rec.get("subject"), st)],
        [_label("注册/经营地址", st), _value(rec.get("address"), st), "", ""],
        [_label("行政区划", st), _value(rec.get("division_name") or rec.get("division_code"), st),
         _label("抽查计划", st), _value(rec.get("plan_no"), st)],
        [_label("监管事项", st), _value(matter, st), "", ""],
        [_label("检查实施清单", st), _value(rec.get("list_code"), st),
         _label("检查行为名称", st), _value(rec["action_name"], st)],
        [_label("实施机构", st), _value(agency, st), "", ""],
        [_label("检查形式", st), _value(rec["form"], st),
         _label("检查类别", st), _value(rec["category"], st)],
        [_label("检查方式", st), _value(rec["method"], st),
         _label("检查时间", st), _value(stamp(rec["inspected_at"]), st)],
        [_label("检查地点", st), _value(rec["place"] + _coords(rec), st), "", ""],
        [_label("检查人员", st), _value(_inspectors(rec), st), "", ""],
        [_label("报送时间", st), _value(stamp(rec["submitted_at"]), st),
         _label("报送人员", st), _value(rec["submitted_by"], st)],
    ]  # fmt: skip
    spans = [i for i, r in enumerate(rows) if r[2] == ""]
    lw = 30 * mm
    vw = (FRAME_WIDTH - 2 * lw) / 2
    style: list[tuple[Any, ...]] = [*GRID, ("BACKGROUND", (0, 0), (0, -1), LABEL_BG)]
    for i in range(len(rows)):
        if i in spans:
            style.append(("SPAN", (1, i), (3, i)))
        else:
            style.append(("BACKGROUND", (2, i), (2, i), LABEL_BG))
    return Table(rows, colWidths=[lw, vw, lw, vw], style=TableStyle(style), splitInRow=1)


def _checklist(rec: Mapping[str, Any], st: Styles) -> Table:
    head = [CJKParagraph(t, st.head_cell) for t in ("序号", "检查项目", "检查依据", "结论", "情况说明")]
    data: list[list[Any]] = [head]
    style: list[tuple[Any, ...]] = [
        *GRID,
        ("BACKGROUND", (0, 0), (-1, 0), LABEL_BG),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("ALIGN", (3, 1), (3, -1), "CENTER"),
    ]
    for n, a in enumerate(rec["answers"], start=1):
        answer = a.get("answer") or "未填"
        text = a["text"] + ("" if a.get("required") else "（选查）")
        data.append(
            [
                str(n),
                _value(text, st),
                _value(a["basis"], st),
                CJKParagraph(markup(answer), st.cell),
                _value(a.get("note") or NONE, st),
            ]
        )
        if answer == "不符合":
            style += [("BACKGROUND", (3, n), (3, n), FAIL_FILL), ("TEXTCOLOR", (3, n), (3, n), FAIL_INK)]
    widths = [10 * mm, 0.0, 38 * mm, 16 * mm, 42 * mm]
    widths[1] = FRAME_WIDTH - sum(widths)
    return Table(data, colWidths=widths, repeatRows=1, splitInRow=1, style=TableStyle(style))


def _result(rec: Mapping[str, Any], problem: bool, late: bool, st: Styles) -> Table:
    lines = [f"<b>{markup(rec['result_code'])} {markup(rec['result_name'])}</b>"]
    if rec.get("findings"):
        lines.append(markup(rec["findings"]))
    deadline = rec.get("publication_deadline")
    publicity = (
        f"依规应于 {stamp(deadline)} 前公示检查结果（7个工作日内）。"
        if deadline
        else (rec.get("publication_note") or "公示期限尚未确定。")
    )
    if late:
        publicity += "本记录定稿时已超过公示期限，应立即公示。"
    body = CJKParagraph("<br/>".join(lines), st.reason)
    note = CJKParagraph(markup(publicity), st.note)
    return Table(
        [[body], [note]],
        colWidths=[FRAME_WIDTH],
        splitInRow=1,  # long findings run on to the next page instead of failing the layout
        style=TableStyle(
            [
                *PLAIN,
                ("BOX", (0, 0), (-1, -1), 0.8, BORDER),
                ("LINEBEFORE", (0, 0), (0, -1), 3, FAIL_INK if problem else PASS_INK),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        ),
    )


def _image(data: bytes, max_w: float, max_h: float) -> Image:
    reader = ImageReader(io.BytesIO(data))
    w, h = reader.getSize()
    scale = min(max_w / w, max_h / h)
    return Image(io.BytesIO(data), width=w * scale, height=h * scale)


def _photos(rec: Mapping[str, Any], images: Mapping[str, bytes], st: Styles) -> list[Flowable]:
    """One table per row of photos, so the heading can be kept with the first row."""
    shown = [a for a in rec["attachments"] if a["sha256"] in images]
    others = [a for a in rec["attachments"] if a["sha256"] not in images]
    out: list[Flowable] = []
    cells: list[Any] = []
    for a in shown:
        pic = _image(images[a["sha256"]], PHOTO_BOX - 4 * mm, PHOTO_BOX * 0.72)
        cells.append([pic, CJKParagraph(markup(a["name"]), st.small_center)])
    for i in range(0, len(cells), PHOTOS_PER_ROW):
        row = cells[i : i + PHOTOS_PER_ROW]
        row += [""] * (PHOTOS_PER_ROW - len(row))
        out.append(
            Table(
                [row],
                colWidths=[PHOTO_BOX + 8 * mm / PHOTOS_PER_ROW] * PHOTOS_PER_ROW,
                style=TableStyle(
                    [*PLAIN, ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "TOP")]
                ),
            )
        )
    if others:
        listed = "；".join(f"{a['name']}（{a['mime']}，{a['size'] / 1024:.0f} KB）" for a in others)
        out.append(CJKParagraph(f"其他材料：{markup(listed)}", st.body))
    if not out:
        out.append(CJKParagraph("无。", st.body))
    return out


def _signatures(rec: Mapping[str, Any], signature: bytes | None, st: Styles) -> Table:
    gap = 10 * mm
    width = (FRAME_WIDTH - gap) / 2
    names = "、".join(i["name"] for i in rec["inspectors"])
    left = Table(
        [
            [CJKParagraph(f"执法人员（签名）：{markup(names)}", st.body)],
            [""],
            [CJKParagraph("日期：", st.body)],
        ],
        colWidths=[width],
        rowHeights=[None, 16 * mm, 8 * mm],
        style=TableStyle(
            [*PLAIN, ("LINEBELOW", (0, 1), (0, 1), 0.6, MUTED), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]
        ),
    )
    who = rec.get("present_person") or ""
    sig: Any = _image(signature, width * 0.7, 14 * mm) if signature else ""
    when = f"日期：{stamp(rec['submitted_at'])[:10]}" if signature else "日期："
    right = Table(
        [
            [CJKParagraph(f"被检查单位现场负责人（签名）：{markup(who)}", st.body)],
            [sig],
            [CJKParagraph(when, st.body)],
        ],
        colWidths=[width],
        rowHeights=[None, 16 * mm, 8 * mm],
        style=TableStyle(
            [*PLAIN, ("LINEBELOW", (0, 1), (0, 1), 0.6, MUTED), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]
        ),
    )
    return Table(
        [[left, "", right]],
        colWidths=[width, gap, width],
        style=TableStyle(
            [*PLAIN, ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]
        ),
    )


def _notice(text: str, st: Styles) -> Table:
    return Table(
        [[CJKParagraph(markup(text), st.body)]],
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


def build_inspection_record(data: RecordPrint, out: Path | BinaryIO) -> str:
    """Write the record as PDF; returns the verification code printed on it (the stored one)."""
    rec = data.record
    st = styles()
    story: list[Flowable] = [
        bold("现场检查记录", st.title),
        CJKParagraph(markup(f"检查行为编号：{rec['record_no']}　记录标识：{rec['id']}"), st.subtitle),
        Spacer(1, 4 * mm),
    ]
    if rec.get("corrects"):
        was = data.corrected_record_no or rec["corrects"]
        story += [
            _notice(
                f"本记录为更正记录，更正原记录 {was}。更正原因：{rec.get('correction_reason') or NONE}", st
            ),
            Spacer(1, 3 * mm),
        ]
    photos = _photos(rec, data.images, st)
    story += [
        _facts(rec, st),
        CondPageBreak(CHECKLIST_START),  # never a heading alone at the foot of a page
        bold("检查内容", st.heading),
        _checklist(rec, st),
        KeepTogether([bold("检查结果", st.heading), _result(rec, data.problem, data.late, st)]),
        KeepTogether([bold("现场照片及材料", st.heading), photos[0]]),  # the heading with its first row
        *photos[1:],
        Spacer(1, 6 * mm),
        KeepTogether(
            [
                CJKParagraph(
                    markup(
                        "以上记录经现场核对无误。被检查单位对检查结果有异议的，可在收到本记录之日起"
                        "依法提出陈述、申辩。"
                    ),
                    st.note,
                ),
                Spacer(1, 3 * mm),
                _signatures(rec, data.signature, st),
            ]
        ),
    ]
    code = str(rec["verification_code"])
    build_pdf(
        story,
        out,
        decorate=partial(_decorate, rec, code),
        title=f"现场检查记录 · {rec['party_name']}",
        author=rec["agency"],
        subject=f"{rec['matter_name']} · {rec['result_code']} {rec['result_name']} · 核验码 {code}",
    )
    return code


def _decorate(rec: Mapping[str, Any], code: str, canv: Canvas, page: int, total: int) -> None:
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
            f"现场检查记录 · {rec['party_name']}",
            FRAME_WIDTH * 0.62,
            FOOTER_SIZE,
        )
        fit_string(
            canv, right, height - 9.5 * mm, rec["party_code"], FRAME_WIDTH * 0.35, FOOTER_SIZE, right=True
        )
    canv.line(MARGIN_X, 18 * mm, right, 18 * mm)
    fit_string(
        canv,
        MARGIN_X,
        14 * mm,
        f"实施机构：{rec['agency']}　检查行为编号：{rec['record_no']}",
        FRAME_WIDTH * 0.78,
        FOOTER_SIZE,
    )
    fit_string(
        canv, right, 14 * mm, f"第 {page} 页 共 {total} 页", FRAME_WIDTH * 0.2, FOOTER_SIZE, right=True
    )
    fit_string(
        canv,
        MARGIN_X,
        9.5 * mm,
        f"核验码：{code}　报送时间：{stamp(rec['submitted_at'])}",
        FRAME_WIDTH,
        FOOTER_SIZE,
    )
    canv.restoreState()
