"""Spreadsheets: the plan for publication (一公开) and the finalised inspection records.

The published plan lists no entity's credit grade (see :mod:`credit.reports.plan_report`).

Both are plain XLSX with one header row (the reference's field names), frozen, so they open in
any office suite and can be pasted into the platform's import templates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from credit.domain.inspection_catalog import GROUP_LABELS, MatrixCell
from credit.reports.plan_report import percent
from credit.reports.styles import BORDER, LABEL_BG
from credit.reports.text import stamp

PLAN_COLUMNS = (
    ("序号", 6), ("主体名称", 36), ("统一社会信用代码", 22), ("行政区划", 20),
    ("注册/经营地址", 40), ("检查领域", 14), ("监管事项", 26), ("执法人员", 24), ("执法证号", 28),
)  # fmt: skip
RECORD_COLUMNS = (
    ("检查行为编号", 24), ("检查行为名称", 30), ("抽查计划", 16), ("监管事项编码", 24), ("监管事项", 24),
    ("检查实施清单编码", 18), ("实施机构", 24), ("实施机构代码", 20), ("监管对象", 12),
    ("行政相对人名称", 32), ("证件类型", 14), ("统一社会信用代码", 22), ("注册/经营地址", 36),
    ("行政区划", 10), ("检查形式", 10), ("检查类别", 12), ("检查方式", 10), ("检查结果代码", 8),
    ("检查结果", 24), ("不符合项", 40), ("检查时间", 17), ("检查地点", 30), ("检查人员", 20),
    ("执法证号", 28), ("报送时间", 17), ("报送人员", 10), ("公示期限", 12), ("更正原记录", 24),
    ("更正原因", 24), ("核验码", 21),
)  # fmt: skip


def _hex(colour: Any) -> str:
    return str(colour.hexval())[2:].upper()


def _write(
    out: Path, sheets: Sequence[tuple[str, Sequence[tuple[str, int]], Iterable[Sequence[Any]]]]
) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    fill = PatternFill("solid", fgColor=_hex(LABEL_BG))
    border = Border(bottom=Side(style="thin", color=_hex(BORDER)))
    for title, columns, rows in sheets:
        ws = wb.create_sheet(title)
        for i, (_, width) in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = "A2"
        header = []
        for name, _ in columns:
            cell = WriteOnlyCell(ws, name)
            cell.font, cell.fill, cell.border = Font(bold=True), fill, border
            cell.alignment = Alignment(horizontal="center", vertical="center")
            header.append(cell)
        ws.append(header)
        for row in rows:
            ws.append(list(row))
    wb.save(out)


def plan_xlsx(doc: Mapping[str, Any], out: Path) -> None:
    """The drawn tasks (sheet 抽取结果) and how they were drawn (抽取方法, 分级比例)."""
    sectors = doc.get("sector_names", {})
    matters = doc.get("matter_names", {})
    tasks = [
        [
            t["seq"],
            t["name"],
            t["uscc"],
            t.get("division_name") or "",
            t.get("address") or "",
            "、".join(sectors.get(s, s) for s in t["sectors"]),
            "、".join(matters.get(m, m) for m in t["matters"]),
            "、".join(i["name"] for i in t["inspectors"]) or "未分配",
            "、".join(i["cert_no"] for i in t["inspectors"]),
        ]
        for t in doc["tasks"]
    ]
    facts = [
        ["计划名称", doc["name"]],
        ["计划编号", doc["plan_no"]],
        ["实施单位", doc["unit"]],
        ["计划年度", doc["year"]],
        ["完成期限", doc.get("due") or ""],
        ["抽取时间", stamp(doc["drawn_at"])],
        ["抽取人", doc["operator"]],
        ["随机方法", doc["procedure"]],
        ["随机种子", doc["seed"]],
        ["主体库户数", doc["pool"]["size"]],
        ["主体库 SHA-256", doc["pool"]["sha256"]],
        ["抽取结果 SHA-256", doc["result_sha256"]],
        ["执法人员名录 SHA-256", doc["roster"]["sha256"]],
        ["数据截至", doc.get("cache_as_of") or ""],
    ]
    groups = [
        [
            sectors.get(g["sector"], g["sector"]),
            GROUP_LABELS.get(g["group"], g["group"]),
            g["size"],
            percent(g["cell"]["ratio"]),
            g["cell"]["min_count"],
            MatrixCell.from_dict(g["cell"]).cap_text,
            g["capped"],
            g["wanted"],
            g["drawn"],
            g["cell"].get("basis") or "",
        ]
        for g in doc["groups"]
    ]
    group_columns = (
        ("检查领域", 14), ("信用等级", 10), ("主体数", 10), ("抽查比例", 10), ("最少", 8),
        ("检查频次上限", 14), ("已达上限", 10), ("应抽", 8), ("实抽", 8), ("依据", 40),
    )  # fmt: skip
    _write(
        out,
        [
            ("抽取结果", PLAN_COLUMNS, tasks),
            ("抽取方法", (("项目", 22), ("内容", 80)), facts),
            ("分级比例", group_columns, groups),
        ],
    )


def record_row(rec: Mapping[str, Any]) -> list[Any]:
    fails = "；".join(
        f"{a['code']} {a['text']}" + (f"：{a['note']}" if a.get("note") else "")
        for a in rec["answers"]
        if a.get("answer") == "不符合"
    )
    return [
        rec["record_no"],
        rec["action_name"],
        rec.get("plan_no") or "",
        rec["matter_code"],
        rec["matter_name"],
        rec.get("list_code") or "",
        rec["agency"],
        rec.get("agency_code") or "",
        rec.get("subject") or "",
        rec["party_name"],
        rec["party_id_type"],
        rec["party_code"],
        rec.get("address") or "",
        rec.get("division_code") or "",
        rec["form"],
        rec["category"],
        rec["method"],
        rec["result_code"],
        rec["result_name"],
        fails,
        stamp(rec["inspected_at"]),
        rec["place"],
        "、".join(i["name"] for i in rec["inspectors"]),
        "、".join(i["cert_no"] for i in rec["inspectors"]),
        stamp(rec["submitted_at"]),
        rec["submitted_by"],
        rec.get("publication_deadline") or "",
        rec.get("corrects_no") or "",
        rec.get("correction_reason") or "",
        rec["verification_code"],
    ]


def records_xlsx(recs: Sequence[Mapping[str, Any]], out: Path) -> None:
    """One row per record, the 行政检查行为 fields in the reference's order."""
    _write(out, [("检查记录", RECORD_COLUMNS, (record_row(r) for r in recs))])
