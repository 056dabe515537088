"""The credit commitment letter (信用承诺书) printed for the committer to sign and seal.

The text is the commitment as recorded (content and 违诺责任 verbatim); the paper adds what a
signature needs: who commits to whom, the validity, signature and seal lines with date blanks,
and the commitment code on every page so the signed copy can be matched to the record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from credit.domain.masking import mask_id
from credit.reports.cjkwrap import CJKParagraph
from credit.reports.layout import GRID, PLAIN, bold, build_pdf, fit_string
from credit.reports.styles import BORDER, FRAME_WIDTH, LABEL_BG, MARGIN_X, MUTED, PAGE, Styles, styles
from credit.reports.text import markup, stamp

CODE_LENGTH = 20  # 6-digit division + YYYYMMDD + 6-digit serial
PERSON = "自然人"
_NB = "\u00a0"  # a Paragraph collapses ordinary (and ideographic) spaces, not these
DATE_BLANK = f"日期：{_NB * 18}年{_NB * 9}月{_NB * 9}日"


@dataclass
class LetterData:
    code: str
    committer_name: str
    committer_category: str  # 法人及非法人组织 / 自然人 / 个体工商户
    committer_code: str  # USCC, or an ID number for 自然人 (printed masked)
    commitment_type: str  # 审批替代型, 容缺受理型 …
    matter: str  # 承诺事由
    content: str  # paragraphs separated by line breaks
    liability: str  # 违诺责任
    made_on: date
    valid_until: date | str | None  # None: no end date
    accepting_unit: str
    publicity_type: str  # 可向社会公开 / 特定范围内公开 / 不可公开

    def __post_init__(self) -> None:
        if len(self.code) != CODE_LENGTH:
            raise ValueError(f"commitment code must have {CODE_LENGTH} characters, got {self.code!r}")


def build_commitment_letter(data: LetterData, out: Path | BinaryIO) -> None:
    """Write the letter as PDF to a path or binary stream."""
    st = styles()
    letter = _letter_style(st)
    story: list[Flowable] = [
        bold("信用承诺书", st.title),
        CJKParagraph(f"承诺编码：{markup(data.code)}", st.subtitle),
        Spacer(1, 6 * mm),
        _facts(data, st),
        bold("承诺内容", st.heading),
        *_paragraphs(data.content, letter),
        bold("违诺责任", st.heading),
        *_paragraphs(data.liability, letter),
        Spacer(1, 2 * mm),
        *_paragraphs(_closing(data), letter),
        Spacer(1, 10 * mm),
        KeepTogether([_signatures(data, st), Spacer(1, 6 * mm), CJKParagraph(_copies(), st.note)]),
    ]
    build_pdf(
        story,
        out,
        decorate=partial(_decorate, data.code),
        title=f"信用承诺书 · {data.committer_name}",
        author=data.committer_name,
        subject=f"{data.commitment_type} · {data.matter}",
    )


def _letter_style(st: Styles) -> ParagraphStyle:
    """Letter prose: larger, airy, first line indented two characters as Chinese documents are."""
    return ParagraphStyle(
        "letter", parent=st.body, fontSize=10.5, leading=19, firstLineIndent=21, spaceAfter=3
    )


def _paragraphs(text: str, style: ParagraphStyle) -> list[Flowable]:
    return [CJKParagraph(markup(line.strip()), style) for line in text.splitlines() if line.strip()]


def _validity(data: LetterData) -> str:
    end = stamp(data.valid_until) if data.valid_until else "长期"
    return f"{stamp(data.made_on)} 至 {end}"


def _code_label(data: LetterData) -> tuple[str, str]:
    if data.committer_category == PERSON:
        return "身份证件号码", mask_id(data.committer_code)
    return "统一社会信用代码", data.committer_code


def _facts(data: LetterData, st: Styles) -> Table:
    def label(text: str) -> CJKParagraph:
        return CJKParagraph(text, st.label)

    def value(text: Any) -> CJKParagraph:
        return CJKParagraph(markup(text), st.cell)

    code_label, code = _code_label(data)
    rows = [
        [label("承诺人"), value(data.committer_name), "", ""],
        [label("主体类别"), value(data.committer_category), label(code_label), value(code)],
        [label("承诺类型"), value(data.commitment_type), label("公开类型"), value(data.publicity_type)],
        [label("承诺事由"), value(data.matter), "", ""],
        [label("受理单位"), value(data.accepting_unit), label("有效期"), value(_validity(data))],
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
                ("SPAN", (1, 3), (3, 3)),
                ("BACKGROUND", (0, 0), (0, -1), LABEL_BG),
                ("BACKGROUND", (2, 1), (2, 2), LABEL_BG),
                ("BACKGROUND", (2, 4), (2, 4), LABEL_BG),
            ]
        ),
    )


def _closing(data: LetterData) -> str:
    end = f"有效期至 {stamp(data.valid_until)}" if data.valid_until else "长期有效"
    return (
        f"本承诺自作出之日（{stamp(data.made_on)}）起生效，{end}。承诺人知悉：本承诺及其履行情况将记入"
        f"承诺人信用记录，并按“{data.publicity_type}”方式公开。"
    )


def _copies() -> str:
    return "本承诺书一式两份，承诺人与受理单位各执一份。"


def _signature_block(lines: list[str], st: Styles, width: float) -> Table:
    """Label above, a ruled line to sign on, then the date blank."""
    rows: list[list[Any]] = []
    for text in lines:
        rows += [[CJKParagraph(text, st.body)], [""]]
    rows.append([CJKParagraph(DATE_BLANK, st.body)])
    commands: list[tuple[Any, ...]] = [
        *PLAIN,
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
    ]
    heights: list[float | None] = []
    for i in range(len(lines)):
        commands.append(("LINEBELOW", (0, 2 * i + 1), (0, 2 * i + 1), 0.6, MUTED))
        heights += [None, 12 * mm]
    heights.append(10 * mm)
    return Table(rows, colWidths=[width], rowHeights=heights, style=TableStyle(commands))


def _signatures(data: LetterData, st: Styles) -> Table:
    gap = 14 * mm
    width = (FRAME_WIDTH - gap) / 2
    if data.committer_category == PERSON:
        committer = ["承诺人（签字）："]
    else:
        committer = ["承诺人（盖章）：", "法定代表人（负责人）或委托代理人（签字）："]
    unit = [f"受理单位（盖章）：{markup(data.accepting_unit)}", "经办人（签字）："]
    return Table(
        [[_signature_block(committer, st, width), "", _signature_block(unit, st, width)]],
        colWidths=[width, gap, width],
        style=TableStyle(
            [
                *PLAIN,
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )


def _decorate(code: str, canv: Canvas, page: int, total: int) -> None:
    width, _ = PAGE
    right = width - MARGIN_X
    canv.saveState()
    canv.setStrokeColor(BORDER)
    canv.setLineWidth(0.5)
    canv.setFillColor(MUTED)
    canv.line(MARGIN_X, 18 * mm, right, 18 * mm)
    fit_string(canv, MARGIN_X, 14 * mm, f"信用承诺书　承诺编码：{code}", FRAME_WIDTH * 0.75, 8)
    fit_string(canv, right, 14 * mm, f"第 {page} 页 共 {total} 页", FRAME_WIDTH * 0.2, 8, right=True)
    canv.restoreState()
