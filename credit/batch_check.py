"""The batch credit check (批量信用核查): a whole bidder or applicant list, one matter, one go.

Each row of a CSV/XLSX list is checked exactly as a window check would check it and recorded
the same way (check record, outbox row, audit row), so a batch leaves the same trail as the
same checks made one by one. Rows that cannot be checked (a malformed code, a code failing its
check characters, a code not in the cache, a repeated code) are flagged on their row and never
stop the batch. Nothing is written until every row has been evaluated: a cancelled batch leaves
no trace but its absence, and a finished one is written in a single transaction.

The combined outputs are summaries: an XLSX with one row per input row, and one PDF listing
every row with its verdict and reasons. The per-entity report of any recorded check can still
be printed from its record.
"""

from __future__ import annotations

import csv
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from credit.commitments import BREACHED
from credit.domain import uscc as uscc_rules
from credit.domain.catalogs import UnknownMatter, load_catalog
from credit.domain.check import VERDICT_LABELS, VERDICTS
from credit.importer import ImportFileError, header_key, read_table
from credit.operator import NO_UNIT, Operator
from credit.reports.cjkwrap import CJKParagraph, wrap_plain
from credit.reports.fonts import FONT_NAME
from credit.reports.layout import GRID, bold, build_pdf, fit_string, label_table
from credit.reports.styles import (
    BORDER,
    FRAME_WIDTH,
    LABEL_BG,
    MARGIN_X,
    MUTED,
    PAGE,
    VERDICT_COLOURS,
    styles,
)
from credit.reports.text import NONE, local_time, markup, stamp
from credit.store.db import Store
from credit.store.loader import get_info
from credit.store.tables import commitment
from credit.window_check import (
    CheckError,
    CheckResult,
    breached_commitments,
    prepare_check,
    record_checks,
)

STATUSES = ("ok", "invalid", "checksum", "unknown", "duplicate")
STATUS_LABELS = {
    "ok": "已核查",
    "invalid": "代码格式错误",
    "checksum": "校验位不符",
    "unknown": "本地无此主体",
    "duplicate": "重复",
}
#: Header names of the code column, compared with :func:`credit.importer.header_key`.
CODE_HEADERS = (
    "统一社会信用代码",
    "社会信用代码",
    "信用代码",
    "统一代码",
    "uscc",
    "代码",
    "社会统一信用代码",
    "统一社会信用代码/注册号",
    "纳税人识别号",
)
#: Header names of the name column; failing these, the first header containing 名称.
NAME_HEADERS = (
    "名称",
    "企业名称",
    "单位名称",
    "主体名称",
    "市场主体名称",
    "公司名称",
    "投标人",
    "投标人名称",
    "供应商",
    "供应商名称",
    "申请人",
    "申请单位",
    "申请人名称",
    "name",
)
#: A column is taken for the codes when at least this share of its filled cells look like codes.
CODE_SHARE = 0.5
PROGRESS_EVERY = 100
PDF_ROWS_PER_TABLE = 40

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]


class BatchError(Exception):
    """A batch that cannot run (file unreadable, no code column, unknown matter)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class BatchCancelled(BatchError):
    """The user stopped the batch; nothing was recorded."""


@dataclass
class BatchRow:
    row: int  # spreadsheet row number in the input file
    input: str  # the code cell as it was
    name: str  # the name cell of the input; the registered name once checked
    uscc: str | None  # normalised code, when the input has the shape of one
    status: str  # one of STATUSES
    reason: str = ""  # why a row was flagged (for a checked row: a name mismatch), in Chinese
    verdict: str | None = None
    verdict_label: str = ""
    reasons: list[str] = field(default_factory=list)  # fired measure: record summary
    check_id: str | None = None
    verification_code: str | None = None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def explanation(self) -> str:
        """Why the row reads as it does, in one line: the reasons that fired, or why it was flagged."""
        if self.status == "ok":
            why = "；".join(self.reasons or ["未发现限制办理的记录"])
            return why + (f"（{self.reason}）" if self.reason else "")
        if self.status == "duplicate":
            return self.reason
        return f"{self.status_label}：{self.reason}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "input": self.input,
            "name": self.name,
            "uscc": self.uscc,
            "status": self.status,
            "status_label": self.status_label,
            "reason": self.reason,
            "verdict": self.verdict,
            "verdict_label": self.verdict_label,
            "reasons": self.reasons,
            "check_id": self.check_id,
            "verification_code": self.verification_code,
        }


@dataclass
class BatchResult:
    source: str  # the input file's name
    matter_code: str
    matter_name: str
    operator: str
    unit: str
    checked_at: datetime
    as_of: str | None
    code_column: str
    name_column: str | None
    rows: list[BatchRow] = field(default_factory=list)
    stale_warning: str | None = None

    @property
    def checked(self) -> list[BatchRow]:
        return [r for r in self.rows if r.status == "ok"]

    @property
    def flagged(self) -> list[BatchRow]:
        return [r for r in self.rows if r.status != "ok"]

    def verdict_counts(self) -> dict[str, int]:
        """Checked rows per verdict, every verdict present (zeros included), in severity order."""
        found = Counter(r.verdict for r in self.checked)
        return {v: found.get(v, 0) for v in VERDICTS}

    def status_counts(self) -> dict[str, int]:
        found = Counter(r.status for r in self.rows)
        return {s: found.get(s, 0) for s in STATUSES}

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "matter": {"code": self.matter_code, "name": self.matter_name},
            "operator": self.operator,
            "unit": self.unit,
            "checked_at": self.checked_at.isoformat(timespec="seconds"),
            "as_of": self.as_of,
            "stale_warning": self.stale_warning,
            "code_column": self.code_column,
            "name_column": self.name_column,
            "total": len(self.rows),
            "verdicts": self.verdict_counts(),
            "statuses": self.status_counts(),
            "rows": [r.to_dict() for r in self.rows],
        }


# -- reading the list -------------------------------------------------------------------------


@dataclass
class BatchInput:
    code_column: str
    name_column: str | None
    rows: list[tuple[int, str, str]]  # (row number, code cell, name cell)


def _looks_like_code(text: str) -> bool:
    return uscc_rules.looks_like_uscc(text)


def _find_column(headers: list[str], wanted: tuple[str, ...]) -> str | None:
    keys = {header_key(h): h for h in headers}
    for name in wanted:
        if header_key(name) in keys:
            return keys[header_key(name)]
    return None


def _code_column(headers: list[str], rows: list[tuple[int, dict[str, str]]]) -> str | None:
    found = _find_column(headers, CODE_HEADERS)
    if found:
        return found
    for h in headers:  # e.g. "投标人统一社会信用代码", "信用代码（18位）"
        if "信用代码" in h or "uscc" in header_key(h):
            return h
    for h in headers:  # no telling header: the first column whose values look like codes
        values = [v[h] for _, v in rows[:200] if v.get(h)]
        if values and sum(map(_looks_like_code, values)) >= CODE_SHARE * len(values):
            return h
    return None


def _name_column(headers: list[str], code_column: str) -> str | None:
    found = _find_column([h for h in headers if h != code_column], NAME_HEADERS)
    if found:
        return found
    return next((h for h in headers if h != code_column and "名称" in h), None)


def _single_column(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """A list with one column only (the importer wants two): header, if any, and the codes."""
    values: list[tuple[int, str]] = []
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        import openpyxl

        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            ws = wb.worksheets[0]
            ws.reset_dimensions()
            for n, cells in enumerate(ws.iter_rows(values_only=True), start=1):
                first = cells[0] if cells else None
                values.append((n, "" if first is None else str(first).strip()))
        finally:
            wb.close()
    else:
        from credit.importer import _sniff_encoding

        encoding, _ = _sniff_encoding(path)
        with path.open(encoding=encoding, newline="") as fh:
            for n, cells in enumerate(csv.reader(fh), start=1):
                values.append((n, cells[0].replace("\ufeff", "").strip() if cells else ""))
    values = [(n, v) for n, v in values if v]
    if not values:
        raise BatchError(f"文件“{path.name}”中没有数据。")
    header = "统一社会信用代码"
    if not _looks_like_code(values[0][1]):
        header, values = values[0][1], values[1:]
    return [header], [(n, {header: v}) for n, v in values]


def read_batch_input(path: Path) -> BatchInput:
    """The rows of a code list: which column holds the codes, which the names (if any)."""
    try:
        try:
            headers, row_iter = read_table(path)
            rows = list(row_iter)
        except ImportFileError as exc:
            if "表头" not in exc.reason:
                raise
            headers, rows = _single_column(path)
    except ImportFileError as exc:
        raise BatchError(exc.reason) from exc
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise BatchError(f"无法读取文件“{path.name}”：{exc}") from exc
    code_col = _code_column(headers, rows)
    if code_col is None:
        raise BatchError(
            f"文件“{path.name}”中找不到统一社会信用代码列。请将该列的表头写为“统一社会信用代码”。"
        )
    name_col = _name_column(headers, code_col)
    out: list[tuple[int, str, str]] = []
    if _looks_like_code(code_col) and rows:  # no header at all: the "header" is the first code
        out.append((max(rows[0][0] - 1, 1), code_col, ""))
    out += [(n, v.get(code_col, ""), v.get(name_col, "") if name_col else "") for n, v in rows]
    if not out:
        raise BatchError(f"文件“{path.name}”中没有数据行。")
    return BatchInput(code_col, name_col, out)


# -- running --------------------------------------------------------------------------------


def _name_key(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split()).casefold()


def _reason_lines(result: CheckResult) -> list[str]:
    return [f"{f.name}：{f.record.summary}" for f in result.outcome.fired]


def _breaching_codes(work: sa.Connection) -> frozenset[str]:
    """Codes with any breached commitment: only those need :func:`breached_commitments`."""
    rows = work.execute(
        sa.select(commitment.c.committer_code)
        .where(commitment.c.fulfilment.in_(BREACHED), commitment.c.determined_on.is_not(None))
        .distinct()
    )
    return frozenset(r[0] for r in rows if r[0])


def run_batch(
    store: Store,
    operator: Operator,
    path: Path,
    matter_code: str,
    *,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
    now: datetime | None = None,
) -> BatchResult:
    """Check every code of the list at ``path`` for ``matter_code`` and record the checks.

    Raises :class:`BatchError` when the file or the matter is unusable, and
    :class:`BatchCancelled` (having written nothing) when ``cancelled()`` turns true.
    """
    try:
        matter = load_catalog().matter(matter_code)
    except UnknownMatter as exc:
        raise BatchError(str(exc)) from exc
    path = Path(path)
    data = read_batch_input(path)
    moment = (now or datetime.now(UTC)).astimezone()
    total = len(data.rows)
    rows: list[BatchRow] = []
    results: list[CheckResult] = []
    first_seen: dict[str, BatchRow] = {}
    as_of: str | None = None
    warning: str | None = None
    with store.cache.connect() as cache, store.work.connect() as work:
        as_of = get_info(cache).get("as_of")
        breaching = _breaching_codes(work)
        for done, (number, text, name) in enumerate(data.rows):
            if cancelled is not None and cancelled():
                raise BatchCancelled(f"批量核查已取消（已处理 {done:,}/{total:,} 行），未记录任何核查。")
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(done, total)
            row = BatchRow(number, text, name, None, "ok")
            rows.append(row)
            try:
                parsed = uscc_rules.parse(text)
            except uscc_rules.USCCFormatError as exc:
                row.status, row.reason = "invalid", exc.reason
                continue
            row.uscc = parsed.code
            earlier = first_seen.get(parsed.code)
            if earlier is not None:
                row.status, row.reason = "duplicate", f"与第 {earlier.row} 行重复，未重复核查。"
                row.verdict, row.verdict_label, row.reasons = (
                    earlier.verdict,
                    earlier.verdict_label,
                    earlier.reasons,
                )
                continue
            first_seen[parsed.code] = row
            if not parsed.valid:
                row.status, row.reason = (
                    "checksum",
                    "；".join(w.rstrip("。") for w in parsed.warnings) + "。未核查，请核对证照后单独核查。",
                )
                continue
            try:
                result = prepare_check(
                    cache,
                    operator,
                    parsed,
                    matter_code,
                    breached=breached_commitments(work, parsed.code) if parsed.code in breaching else [],
                    moment=moment,
                    as_of=as_of,
                    with_profile=False,
                )
            except CheckError as exc:
                row.status, row.reason = "unknown", exc.reason
                continue
            warning = warning or result.stale_warning
            results.append(result)
            out = result.outcome
            if name and _name_key(name) != _name_key(out.name):
                row.reason = f"名单中的名称“{name}”与登记名称不一致，请核对。"
            row.name = out.name
            row.verdict, row.verdict_label = out.verdict, out.label
            row.reasons = _reason_lines(result)
            row.check_id, row.verification_code = result.id, result.verification_code
    if cancelled is not None and cancelled():
        raise BatchCancelled(f"批量核查已取消（已处理 {total:,}/{total:,} 行），未记录任何核查。")
    batch = BatchResult(
        source=path.name,
        matter_code=matter.code,
        matter_name=matter.name,
        operator=operator.user,
        unit=operator.unit or NO_UNIT,
        checked_at=moment,
        as_of=as_of,
        code_column=data.code_column,
        name_column=data.name_column,
        rows=rows,
        stale_warning=warning,
    )
    summary = {
        "user": operator.user,
        "device": operator.device,
        "action": "batch_check",
        "query": path.name,
        "detail": {
            "matter": matter.code,
            "rows": total,
            "checked": len(results),
            "statuses": batch.status_counts(),
            "verdicts": batch.verdict_counts(),
        },
    }
    with store.write_work() as conn:
        record_checks(conn, operator, results, extra_audit=[summary])
    if progress is not None:
        progress(total, total)
    return batch


# -- XLSX -----------------------------------------------------------------------------------

XLSX_COLUMNS = (
    ("序号", 7),
    ("输入内容", 24),
    ("名称", 36),
    ("统一社会信用代码", 22),
    ("核查结论", 11),
    ("原因", 60),
    ("核验码", 16),
    ("状态说明", 36),
)


def _hex(colour: Any) -> str:
    return str(colour.hexval())[2:].upper()


def _row_values(r: BatchRow) -> list[Any]:
    if r.status == "ok":
        note = "；".join(filter(None, [STATUS_LABELS["ok"], r.reason]))
    else:
        note = f"{r.status_label}：{r.reason}"
    return [
        r.row,
        r.input,
        r.name,
        r.uscc or "",
        r.verdict_label if r.verdict else "未核查",
        "；".join(r.reasons) if r.reasons else ("无" if r.verdict else ""),
        r.verification_code or "",
        note,
    ]


def export_xlsx(result: BatchResult, out: Path) -> None:
    """One row per input row (序号 … 状态说明), then a sheet with the batch's summary."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("核查结果")
    for i, (_, width) in enumerate(XLSX_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    thin = Side(style="thin", color=_hex(BORDER))
    head_font = Font(bold=True)
    head_fill = PatternFill("solid", fgColor=_hex(LABEL_BG))
    head_border = Border(bottom=thin)
    header = []
    for title, _ in XLSX_COLUMNS:
        cell = WriteOnlyCell(ws, title)
        cell.font, cell.fill, cell.border = head_font, head_fill, head_border
        cell.alignment = Alignment(horizontal="center", vertical="center")
        header.append(cell)
    ws.append(header)
    fills = {v: PatternFill("solid", fgColor=_hex(c.fill)) for v, c in VERDICT_COLOURS.items()}
    inks = {v: Font(bold=True, color=_hex(c.ink)) for v, c in VERDICT_COLOURS.items()}
    flagged_font = Font(color="9A9A9A")
    for r in result.rows:
        values = _row_values(r)
        verdict = WriteOnlyCell(ws, values[4])
        if r.verdict:
            verdict.fill, verdict.font = fills[r.verdict], inks[r.verdict]
        else:
            verdict.font = flagged_font
        ws.append([*values[:4], verdict, *values[5:]])
    summary = wb.create_sheet("汇总")
    summary.column_dimensions["A"].width = 18
    summary.column_dimensions["B"].width = 60
    for pair in _summary_pairs(result):
        summary.append(list(pair))
    wb.save(out)


def _summary_pairs(result: BatchResult) -> list[tuple[str, str]]:
    verdicts = result.verdict_counts()
    statuses = result.status_counts()
    pairs = [
        ("核查事项", f"{result.matter_name}（{result.matter_code}）"),
        ("名单文件", result.source),
        ("核查单位", result.unit),
        ("核查人", result.operator),
        ("核查时间", local_time(result.checked_at)),
        ("数据截至", stamp(result.as_of)),
        ("名单行数", str(len(result.rows))),
        ("已核查", str(statuses["ok"])),
    ]
    pairs += [(VERDICT_LABELS[v], str(n)) for v, n in verdicts.items()]
    pairs += [(STATUS_LABELS[s], str(statuses[s])) for s in STATUSES if s != "ok"]
    if result.stale_warning:
        pairs.append(("数据提示", result.stale_warning))
    return pairs


# -- PDF ------------------------------------------------------------------------------------

PDF_FOOTER_SIZE = 8.0


def export_pdf(
    result: BatchResult,
    out: Path,
    *,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
) -> None:
    """One summary PDF: the batch's facts, counts per verdict, then every row in page-sized tables.

    ``progress``/``cancelled`` as :func:`credit.reports.layout.build_pdf` takes them: a cancelled
    export raises :class:`~credit.reports.layout.PdfCancelled` and writes no file.
    """
    st = styles()
    verdicts = result.verdict_counts()
    statuses = result.status_counts()
    facts = [
        ("核查事项", markup(f"{result.matter_name}（{result.matter_code}）")),
        ("名单文件", markup(result.source)),
        ("核查单位", markup(result.unit)),
        ("核查人", markup(result.operator)),
        ("核查时间", markup(local_time(result.checked_at))),
        ("数据截至", markup(stamp(result.as_of))),
    ]
    story: list[Flowable] = [
        bold("批量信用核查结果", st.title),
        CJKParagraph(markup(f"共 {len(result.rows):,} 行，已核查 {statuses['ok']:,} 户"), st.subtitle),
        Spacer(1, 5 * mm),
        label_table(facts, st, label_width=30 * mm),
        Spacer(1, 4 * mm),
        _counts_table(verdicts, statuses),
    ]
    if result.stale_warning:
        story += [Spacer(1, 2 * mm), CJKParagraph(f"数据提示：{markup(result.stale_warning)}", st.note)]
    story += [bold("逐行结果", st.heading)]
    rows = result.rows
    for start in range(0, len(rows), PDF_ROWS_PER_TABLE):
        story.append(_rows_table(rows[start : start + PDF_ROWS_PER_TABLE]))
    story += [
        Spacer(1, 4 * mm),
        CJKParagraph(
            markup(
                "本表依据本机缓存的信用信息生成，为批量核查的汇总；每户的核查均已单独记录，"
                "可凭核验码向信用平台核验。标为“未核查”的行请核对后单独核查。"
            ),
            st.note,
        ),
    ]
    build_pdf(
        story,
        out,
        decorate=partial(_decorate, result),
        title=f"批量信用核查结果 · {result.matter_name}",
        author=result.unit,
        subject=f"{result.source} · {len(result.rows)} 行",
        progress=progress,
        cancelled=cancelled,
    )


def _counts_table(verdicts: dict[str, int], statuses: dict[str, int]) -> Table:
    heads = [VERDICT_LABELS[v] for v in verdicts] + [STATUS_LABELS[s] for s in STATUSES if s != "ok"]
    values = [str(n) for n in verdicts.values()] + [str(statuses[s]) for s in STATUSES if s != "ok"]
    width = FRAME_WIDTH / len(heads)
    style: list[tuple[Any, ...]] = [
        *GRID,
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("FONTSIZE", (0, 0), (-1, 0), 8.5),
        ("FONTSIZE", (0, 1), (-1, 1), 13),
        ("LEADING", (0, 1), (-1, 1), 16),
        ("BACKGROUND", (len(verdicts), 0), (-1, 0), LABEL_BG),
    ]
    for i, v in enumerate(verdicts):
        colours = VERDICT_COLOURS[v]
        style += [("BACKGROUND", (i, 0), (i, 0), colours.fill), ("TEXTCOLOR", (i, 0), (i, 0), colours.ink)]
    return Table([heads, values], colWidths=[width] * len(heads), style=TableStyle(style))


PDF_WIDTHS = [11 * mm, 37 * mm, 0.0, 16 * mm, 60 * mm]
PDF_WIDTHS[2] = FRAME_WIDTH - sum(PDF_WIDTHS)
PDF_CELL_SIZE = 8.0
PDF_PADDING = 10.0  # left + right padding of GRID


def _cell(text: str, width: float) -> str:
    """The cell's text broken into lines (Chinese rules): plain strings lay out fast."""
    if stringWidth(text, FONT_NAME, PDF_CELL_SIZE) <= width - PDF_PADDING:
        return text
    return "\n".join(wrap_plain(text, width - PDF_PADDING, FONT_NAME, PDF_CELL_SIZE))


def _rows_table(rows: list[BatchRow]) -> Table:
    head = ["序号", "统一社会信用代码", "名称", "结论", "原因 / 说明"]
    data: list[list[Any]] = [head]
    style: list[tuple[Any, ...]] = [
        *GRID,
        ("FONTSIZE", (0, 0), (-1, -1), PDF_CELL_SIZE),
        ("LEADING", (0, 0), (-1, -1), 11),
        ("TEXTCOLOR", (0, 0), (-1, 0), MUTED),
        ("BACKGROUND", (0, 0), (-1, 0), LABEL_BG),
        ("ALIGN", (0, 0), (0, -1), "RIGHT"),
    ]
    for i, r in enumerate(rows, start=1):
        if r.verdict:
            word = r.verdict_label
            colours = VERDICT_COLOURS[r.verdict]
            style += [
                ("BACKGROUND", (3, i), (3, i), colours.fill),
                ("TEXTCOLOR", (3, i), (3, i), colours.ink),
            ]
        else:
            word = "未核查"
            style.append(("TEXTCOLOR", (3, i), (3, i), MUTED))
        why = r.explanation
        data.append(
            [
                str(r.row),
                _cell(r.uscc or r.input or NONE, PDF_WIDTHS[1]),
                _cell(r.name or NONE, PDF_WIDTHS[2]),
                word,
                _cell(why, PDF_WIDTHS[4]),
            ]
        )
    return Table(data, colWidths=PDF_WIDTHS, repeatRows=1, splitInRow=1, style=TableStyle(style))


def _decorate(result: BatchResult, canv: Canvas, page: int, total: int) -> None:
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
            f"批量信用核查结果 · {result.matter_name}",
            FRAME_WIDTH * 0.62,
            PDF_FOOTER_SIZE,
        )
        fit_string(
            canv, right, height - 9.5 * mm, result.source, FRAME_WIDTH * 0.35, PDF_FOOTER_SIZE, right=True
        )
    canv.line(MARGIN_X, 18 * mm, right, 18 * mm)
    who = f"核查单位：{result.unit}　核查人：{result.operator}　核查时间：{local_time(result.checked_at)}"
    fit_string(canv, MARGIN_X, 14 * mm, who, FRAME_WIDTH * 0.8, PDF_FOOTER_SIZE)
    fit_string(
        canv, right, 14 * mm, f"第 {page} 页 共 {total} 页", FRAME_WIDTH * 0.2, PDF_FOOTER_SIZE, right=True
    )
    canv.restoreState()
