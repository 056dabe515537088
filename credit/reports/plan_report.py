"""The 双随机 plan for publication (一公开): what was drawn, how, and how anyone can check it.

Printed from the plan file alone: the plan's facts, the random procedure with the seed and the
SHA-256 of the pool and of the result, the sampling matrix as applied (pool size, ratio,
minimum, visit cap, entities set aside, drawn) with the rule it comes from, then the task list
with the paired inspectors. The pool snapshot itself is not printed (it is in the plan file).

An entity's credit grade (market supervision's risk class) is not published: the task list
names the entity, the matters, the inspectors and the date, which is what 一公开 requires; the
grades stay in the plan file, where re-running the draw needs them, and the publication shows
only the counts per grade, which is how anyone sees the matrix was honoured.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from credit.domain.inspection_catalog import GROUP_LABELS, MatrixCell
from credit.reports.cjkwrap import CJKParagraph
from credit.reports.layout import GRID, bold, build_pdf, fit_string, label_table
from credit.reports.styles import BORDER, FRAME_WIDTH, LABEL_BG, MARGIN_X, MUTED, PAGE, Styles, styles
from credit.reports.text import NONE, markup, stamp

FOOTER_SIZE = 8.0
PROCEDURE_TEXT = (
    "随机方法（{procedure}）：以随机种子和标签的 SHA-256 摘要生成随机数，对按统一社会信用代码排序的"
    "各等级主体做 Fisher–Yates 洗牌后依次抽取；执法人员在无回避关系的在岗人员中同样随机抽取、两人一组，"
    "并兼顾工作量均衡。凭本计划文件（含种子、主体库快照及其 SHA-256）任何人均可重新抽取并得到相同结果"
    "（creditdesk plan verify）。"
)


def percent(ratio: str) -> str:
    value = float(ratio) * 100
    return f"{value:.0f}%" if value == int(value) else f"{value:g}%"


def _facts(doc: Mapping[str, Any], st: Styles) -> Table:
    sectors = "、".join(doc.get("sector_names", {}).get(s, s) for s in doc["config"]["sectors"])
    divisions = "、".join(doc["config"]["divisions"]) or "全部"
    types = "、".join(doc["config"]["entity_types"]) or "不限"
    pairs = [
        ("计划名称", markup(doc["name"])),
        ("计划编号", markup(doc["plan_no"])),
        ("实施单位", markup(doc["unit"])),
        ("计划年度", markup(str(doc["year"]))),
        ("完成期限", markup(stamp(doc.get("due")) if doc.get("due") else NONE)),
        ("检查领域", markup(sectors)),
        (
            "抽查范围",
            markup(
                f"行政区划 {divisions}；主体类型 {types}；登记状态 {'、'.join(doc['config']['statuses'])}"
            ),
        ),
        ("抽取时间", markup(stamp(doc["drawn_at"]))),
        ("抽取人", markup(f"{doc['operator']}（设备 {doc['device']}）")),
        ("数据截至", markup(stamp(doc.get("cache_as_of")) if doc.get("cache_as_of") else "未知")),
        ("随机种子", markup(doc["seed"])),
        ("主体库", markup(f"{doc['pool']['size']:,} 户，SHA-256 {doc['pool']['sha256']}")),
        ("抽取结果", markup(f"{len(doc['tasks']):,} 户，SHA-256 {doc['result_sha256']}")),
    ]
    return label_table(pairs, st, label_width=24 * mm)


def _matrix(doc: Mapping[str, Any], st: Styles) -> Table:
    head = ["检查领域", "信用等级", "主体数", "抽查比例", "最少", "频次上限", "已达上限", "应抽", "实抽"]
    data: list[list[Any]] = [[CJKParagraph(h, st.head_cell) for h in head]]
    names = doc.get("sector_names", {})
    for g in doc["groups"]:
        cell = g["cell"]
        data.append(
            [
                CJKParagraph(markup(names.get(g["sector"], g["sector"])), st.cell),
                GROUP_LABELS.get(g["group"], g["group"]),
                f"{g['size']:,}",
                percent(cell["ratio"]),
                str(cell["min_count"]),
                MatrixCell.from_dict(cell).cap_text,
                f"{g['capped']:,}",
                f"{g['wanted']:,}",
                f"{g['drawn']:,}",
            ]
        )
    widths = [0.0, 18 * mm, 17 * mm, 18 * mm, 12 * mm, 18 * mm, 17 * mm, 14 * mm, 14 * mm]
    widths[0] = FRAME_WIDTH - sum(widths)
    return Table(
        data,
        colWidths=widths,
        repeatRows=1,
        style=TableStyle(
            [*GRID, ("BACKGROUND", (0, 0), (-1, 0), LABEL_BG), ("ALIGN", (2, 1), (-1, -1), "RIGHT")]
        ),
    )


def _tasks(doc: Mapping[str, Any], st: Styles) -> Flowable:
    if not doc["tasks"]:
        return CJKParagraph("本次未抽中主体。", st.body)
    head = ["序号", "主体名称", "统一社会信用代码", "检查事项", "执法人员"]
    data: list[list[Any]] = [[CJKParagraph(h, st.head_cell) for h in head]]
    names = doc.get("matter_names", {})
    for t in doc["tasks"]:
        who = "<br/>".join(f"{markup(i['name'])}　{markup(i['cert_no'])}" for i in t["inspectors"])
        data.append(
            [
                str(t["seq"]),
                CJKParagraph(markup(t["name"]), st.cell),
                t["uscc"],
                CJKParagraph(markup("、".join(names.get(m, m) for m in t["matters"])), st.cell),
                CJKParagraph(who or "未分配（无足够无回避关系的执法人员）", st.cell),
            ]
        )
    widths = [10 * mm, 0.0, 35 * mm, 34 * mm, 40 * mm]
    widths[1] = FRAME_WIDTH - sum(widths)
    return Table(
        data,
        colWidths=widths,
        repeatRows=1,
        splitInRow=1,
        style=TableStyle(
            [*GRID, ("BACKGROUND", (0, 0), (-1, 0), LABEL_BG), ("FONTSIZE", (0, 1), (-1, -1), 8.5)]
        ),
    )


def build_plan_report(doc: Mapping[str, Any], out: Path | BinaryIO) -> None:
    """Write the publication PDF of a plan file. ``doc`` may carry ``sector_names`` and
    ``matter_names`` (code → name) for readable labels."""
    st = styles()
    rules = "；".join(f"{r['name']}：{r['source']}" for r in doc.get("rule_sets", {}).values())
    story: list[Flowable] = [
        bold("双随机抽查计划", st.title),
        CJKParagraph(markup(f"计划编号：{doc['plan_no']}　（一公开：抽查计划及抽取结果）"), st.subtitle),
        Spacer(1, 5 * mm),
        _facts(doc, st),
        Spacer(1, 2 * mm),
        CJKParagraph(markup(PROCEDURE_TEXT.format(procedure=doc["procedure"])), st.note),
        bold("分级分类抽查比例", st.heading),
        _matrix(doc, st),
        Spacer(1, 1.5 * mm),
        CJKParagraph(markup(f"比例依据：{rules}" if rules else "比例依据：本计划设定。"), st.note),
        CJKParagraph(
            markup(
                "未评级主体单列一组；“频次上限”为一定年数内最多检查的次数；“已达上限”为已检查"
                "及已列入此前计划尚未检查的次数达到上限、依规不再抽取的主体数。"
            ),
            st.note,
        ),
        bold("抽取结果", st.heading),
        _tasks(doc, st),
    ]
    if doc.get("unassigned"):
        story.append(
            CJKParagraph(
                markup(
                    f"有 {len(doc['unassigned'])} 户因无足够的无回避关系执法人员未分配检查人员，需另行指派。"
                ),
                st.note,
            )
        )
    build_pdf(
        story,
        out,
        decorate=partial(_decorate, doc),
        title=f"双随机抽查计划 · {doc['name']}",
        author=doc["unit"],
        subject=f"{doc['plan_no']} · 种子 {doc['seed']} · 结果 SHA-256 {doc['result_sha256']}",
    )


def _decorate(doc: Mapping[str, Any], canv: Canvas, page: int, total: int) -> None:
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
            f"双随机抽查计划 · {doc['name']}",
            FRAME_WIDTH * 0.7,
            FOOTER_SIZE,
        )
        fit_string(
            canv, right, height - 9.5 * mm, doc["plan_no"], FRAME_WIDTH * 0.28, FOOTER_SIZE, right=True
        )
    canv.line(MARGIN_X, 18 * mm, right, 18 * mm)
    fit_string(
        canv,
        MARGIN_X,
        14 * mm,
        f"实施单位：{doc['unit']}　抽取时间：{stamp(doc['drawn_at'])}",
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
        f"随机种子：{doc['seed']}　结果 SHA-256：{doc['result_sha256']}",
        FRAME_WIDTH,
        FOOTER_SIZE,
    )
    canv.restoreState()
