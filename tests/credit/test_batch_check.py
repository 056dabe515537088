"""The batch check: a list in, one recorded check per good row, flagged rows, XLSX and PDF out."""

from __future__ import annotations

import csv
import json
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa

from credit import cli
from credit.batch_check import (
    BatchCancelled,
    BatchError,
    BatchResult,
    export_pdf,
    export_xlsx,
    read_batch_input,
    run_batch,
)
from credit.desk import Desk
from credit.domain.uscc import complete
from credit.operator import Operator
from credit.store import audit
from credit.store.db import Store
from credit.store.keys import DbKey
from credit.store.loader import set_info
from credit.store.tables import check_record, outbox
from tests.desktop import sample

CLERK = Operator("李四", "滑县市场监督管理局", "window-03")
NOW = datetime(2026, 11, 22, 2, 30, tzinfo=UTC)
MATTER = "GOV_PROCUREMENT"
LEGACY = "91350203M0001QAY9B"  # fails its 18th character
UNKNOWN = complete("91110108MA01ABCD")  # well-formed, not in the cache
HEADER = ["序号", "投标人名称", "统一社会信用代码"]
ROWS = [
    ["1", "瑞丰精密", sample.RUIFENG],
    ["2", "常州新北瑞丰贸易有限公司", sample.RUIFENG_TRADE],
    ["3", "乱码公司", "12345"],
    ["4", "老码头", LEGACY],
    ["5", "外地公司", UNKNOWN],
    ["6", "瑞丰精密（重复）", " " + sample.RUIFENG.lower() + " "],
    ["7", "漏填代码", ""],
]
EXPECTED = ["ok", "ok", "invalid", "checksum", "unknown", "duplicate", "invalid"]


def fill(store: Store) -> None:
    sample.fill(store)
    with store.write_cache() as conn:
        set_info(conn, as_of="2026-11-21 18:02")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    key = DbKey("\"x'" + "ab" * 32 + "'\"", "keyring")
    st = Store.open(tmp_path / "data", key)
    fill(st)
    try:
        yield st
    finally:
        st.close()


def write_csv(path: Path, rows: list[list[str]], header: list[str] | None = HEADER) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        if header:
            out.writerow(header)
        out.writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[str]], title: str | None = "2026年第12批投标人名单") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    if title:
        ws.append([title])
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def counts(store: Store) -> tuple[int, int, int]:
    with store.work.connect() as conn:
        return tuple(  # type: ignore[return-value]
            conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
            for t in (check_record, outbox, sa.table("audit_log"))
        )


def run(store: Store, path: Path, **kw: object) -> BatchResult:
    return run_batch(store, CLERK, path, MATTER, now=NOW, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_rows_are_checked_or_flagged_and_good_ones_recorded(store: Store, tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"bidders.{kind}"
    (write_csv if kind == "csv" else write_xlsx)(path, ROWS)
    result = run(store, path)
    assert [r.status for r in result.rows] == EXPECTED
    assert result.code_column == "统一社会信用代码" and result.name_column == "投标人名称"
    first, clean, bad, legacy, unknown, dup, empty = result.rows
    assert first.verdict not in (None, "pass") and first.reasons and first.check_id
    assert first.name == "常州新北瑞丰精密机械有限公司"  # the registered name once checked
    assert "瑞丰精密" in first.reason and "不一致" in first.reason  # the list said otherwise
    assert clean.verdict == "pass" and clean.verdict_label == "通过" and not clean.reasons
    assert clean.reason == ""  # same name as registered
    assert "18位" in bad.reason and bad.status_label == "代码格式错误" and bad.verdict is None
    assert "第18位" in legacy.reason and legacy.uscc == LEGACY and legacy.check_id is None
    assert UNKNOWN in unknown.reason and unknown.check_id is None
    assert dup.uscc == sample.RUIFENG and "第" in dup.reason and dup.check_id is None
    assert dup.verdict == first.verdict  # the answer is the same as the first occurrence's
    assert empty.input == "" and empty.name == "漏填代码"
    offset = 2 if kind == "xlsx" else 1  # the xlsx has a title line above its header
    assert [r.row for r in result.rows] == [n + offset + 1 for n in range(len(ROWS))]
    assert result.verdict_counts()["pass"] == 1 and sum(result.verdict_counts().values()) == 2
    assert result.status_counts() == {"ok": 2, "invalid": 2, "checksum": 1, "unknown": 1, "duplicate": 1}
    assert len(result.flagged) == 5

    assert counts(store) == (2, 2, 3)  # two checks, each with outbox and audit, plus the batch row
    with store.work.connect() as conn:
        records = {r.id: r for r in conn.execute(sa.select(check_record))}
        assert audit.verify(conn).ok
        actions = sorted(r["action"] for r in audit.recent(conn))
    assert actions == ["batch_check", "window_check", "window_check"]
    for row in (first, clean):
        assert row.check_id is not None
        rec = records[row.check_id]
        assert (rec.uscc, rec.verdict, rec.matter_code) == (row.uscc, row.verdict, MATTER)
        assert rec.verification_code == row.verification_code and rec.operator == "李四"


def test_code_column_found_by_its_values_and_headerless_lists(tmp_path: Path) -> None:
    by_values = write_csv(tmp_path / "a.csv", [["瑞丰", sample.RUIFENG]], header=["单位", "号码"])
    data = read_batch_input(by_values)
    assert (data.code_column, data.name_column) == ("号码", None) and data.rows[0][1] == sample.RUIFENG
    by_partial = write_csv(
        tmp_path / "b.csv", [["瑞丰", sample.RUIFENG]], header=["供应商名称", "信用代码（18位）"]
    )
    data = read_batch_input(by_partial)
    assert (data.code_column, data.name_column) == (
        "信用代码(18位)",
        "供应商名称",
    )  # headers are NFKC-normalised
    only_codes = write_csv(tmp_path / "c.csv", [[sample.RUIFENG], [sample.RUIFENG_TRADE]], header=None)
    assert [(n, c) for n, c, _ in read_batch_input(only_codes).rows] == [
        (1, sample.RUIFENG),
        (2, sample.RUIFENG_TRADE),
    ]
    titled = write_csv(tmp_path / "d.csv", [[sample.RUIFENG]], header=["统一社会信用代码"])
    assert [c for _, c, _ in read_batch_input(titled).rows] == [sample.RUIFENG]


def test_unusable_file_or_matter_writes_nothing(store: Store, tmp_path: Path) -> None:
    no_codes = write_csv(tmp_path / "names.csv", [["瑞丰", "常州"]], header=["名称", "地址"])
    with pytest.raises(BatchError, match="找不到统一社会信用代码列"):
        run(store, no_codes)
    with pytest.raises(BatchError, match="找不到文件"):
        run(store, tmp_path / "missing.csv")
    good = write_csv(tmp_path / "good.csv", ROWS)
    with pytest.raises(BatchError, match="未知的审批事项"):
        run_batch(store, CLERK, good, "NO_SUCH_MATTER")
    assert counts(store) == (0, 0, 0)


def test_cancelled_batch_writes_nothing(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "bidders.csv", ROWS)
    asked = 0

    def cancelled() -> bool:
        nonlocal asked
        asked += 1
        return asked > 3

    with pytest.raises(BatchCancelled, match="未记录任何核查"):
        run(store, path, cancelled=cancelled)
    assert counts(store) == (0, 0, 0)


def test_progress_reaches_the_total(store: Store, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    run(store, write_csv(tmp_path / "bidders.csv", ROWS), progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, len(ROWS)) and seen[-1] == (len(ROWS), len(ROWS))


def test_xlsx_output_reads_back(store: Store, tmp_path: Path) -> None:
    result = run(store, write_csv(tmp_path / "bidders.csv", ROWS))
    out = tmp_path / "result.xlsx"
    export_xlsx(result, out)
    wb = openpyxl.load_workbook(out)
    ws = wb["核查结果"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == (
        "序号",
        "输入内容",
        "名称",
        "统一社会信用代码",
        "核查结论",
        "原因",
        "核验码",
        "状态说明",
    )
    assert len(rows) == len(ROWS) + 1 and ws.freeze_panes == "A2"
    assert ws.column_dimensions["F"].width == 60
    first, clean, bad = rows[1], rows[2], rows[3]
    assert first[3] == sample.RUIFENG and first[4] == result.rows[0].verdict_label != "通过" and first[5]
    assert first[6] == result.rows[0].verification_code and str(first[7]).startswith("已核查；名单中的名称")
    assert clean[4] == "通过" and clean[5] == "无"
    assert bad[4] == "未核查" and str(bad[7]).startswith("代码格式错误")
    assert ws["E3"].fill.fgColor.rgb.endswith("2E7D32")  # 通过 is green
    summary = dict(wb["汇总"].iter_rows(values_only=True))
    assert summary["核查人"] == "李四" and summary["通过"] == "1" and summary["校验位不符"] == "1"


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_pdf_lists_every_row_with_its_verdict(store: Store, tmp_path: Path) -> None:
    result = run(store, write_csv(tmp_path / "bidders.csv", ROWS))
    out = tmp_path / "result.pdf"
    export_pdf(result, out)
    text = pdf_text(out)
    assert "批量信用核查结果" in text and MATTER in text
    assert "李四" in text and CLERK.unit in text and "第 1 页 共 1 页" in text
    for code in (sample.RUIFENG, sample.RUIFENG_TRADE, LEGACY, UNKNOWN):
        assert code in text
    assert "通过" in text and result.rows[0].verdict_label in text
    assert "未核查" in text and "校验位不符" in text and "本地无此主体" in text


def test_pdf_of_many_rows_spans_pages(tmp_path: Path) -> None:
    from credit.batch_check import BatchRow

    rows = [
        BatchRow(
            n + 2,
            sample.RUIFENG_TRADE,
            "常州新北瑞丰贸易有限公司",
            sample.RUIFENG_TRADE,
            "ok",
            "",
            "pass",
            "通过",
        )
        for n in range(300)
    ]
    result = BatchResult("x.csv", MATTER, "政府采购", "李四", "某局", NOW, "2026-11-21", "代码", None, rows)
    out = tmp_path / "many.pdf"
    export_pdf(result, out)
    text = pdf_text(out)
    assert "301" in text and "共 1 页" not in text


def _many(n: int) -> BatchResult:
    from credit.batch_check import BatchRow

    reason = (
        "列入严重违法失信名单（市场监督管理严重违法失信名单），"
        "依据《政府采购法》第二十二条第一款第（五）项，限制至 2027-05-01"
    )
    rows = []
    for k in range(n):
        row = BatchRow(
            k + 2,
            sample.RUIFENG,
            "常州新北瑞丰精密机械有限公司",
            sample.RUIFENG,
            "ok",
            "",
            "restricted",
            "限制办理",
        )
        row.reasons = [reason]
        rows.append(row)
    return BatchResult("x.csv", MATTER, "政府采购", "李四", "某局", NOW, "2026-11-21", "代码", None, rows)


def test_pdf_export_reports_progress_and_a_cancel_writes_nothing(tmp_path: Path) -> None:
    from credit.reports.layout import PdfCancelled

    result = _many(600)
    seen: list[tuple[int, int]] = []
    out = tmp_path / "all.pdf"
    export_pdf(result, out, progress=lambda done, total: seen.append((done, total)))
    assert len(seen) > 10 and seen[-1][0] == seen[-1][1]  # to the end
    assert [d for d, _ in seen] == sorted(d for d, _ in seen) and out.is_file()
    stop = tmp_path / "stopped.pdf"
    calls: list[int] = []
    with pytest.raises(PdfCancelled):
        export_pdf(
            result, stop, progress=lambda done, total: calls.append(done), cancelled=lambda: len(calls) >= 3
        )
    assert not stop.exists() and not list(tmp_path.glob(".stopped.pdf.*"))  # no file, no debris


def test_long_reasons_wrap_by_chinese_rules_in_the_pdf(tmp_path: Path) -> None:
    """The cells are pre-wrapped strings now: still no line starting with closing punctuation,
    the date kept whole, every character there."""
    out = tmp_path / "wrapped.pdf"
    export_pdf(_many(3), out)
    text = pdf_text(out)
    lines = [line for line in text.splitlines() if line.strip()]
    assert not any(line.lstrip()[0] in "，。、）》；：" for line in lines)
    assert "2027-05-01" in text and "第二十二条第一款第（五）项" in text.replace("\n", "")


@pytest.fixture
def cli_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CREDITDESK_PASSPHRASE", "cli-test-passphrase")
    data_dir = tmp_path / "cli-data"
    desk = Desk.open(data_dir)
    try:
        fill(desk.store)
    finally:
        desk.close()
    return data_dir


def test_cli_batch_check(cli_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listing = write_csv(tmp_path / "bidders.csv", ROWS)
    out, pdf = tmp_path / "out.xlsx", tmp_path / "out.pdf"
    argv = ["--data-dir", str(cli_dir), "batch-check", str(listing), "--matter", MATTER, "-o", str(out)]
    assert cli.main([*argv, "--pdf", str(pdf)]) == 0
    text = capsys.readouterr().out
    assert "已核查 2 户" in text and "通过 1" in text and "第 4 行" in text and LEGACY in text
    assert out.is_file() and pdf.is_file()
    assert cli.main([*argv, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["statuses"]["ok"] == 2 and data["verdicts"]["pass"] == 1
    assert [r["status"] for r in data["flagged"]] == [s for s in EXPECTED if s != "ok"]
    assert "batch-check" in cli.COMMANDS


def test_cli_batch_check_fails_on_unusable_input(
    cli_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listing = write_csv(tmp_path / "bidders.csv", ROWS)
    base = ["--data-dir", str(cli_dir), "batch-check"]
    out = str(tmp_path / "out.xlsx")
    assert cli.main([*base, str(tmp_path / "missing.csv"), "--matter", MATTER, "-o", out]) == 1
    assert "找不到文件" in capsys.readouterr().err
    assert cli.main([*base, str(listing), "--matter", "NO_SUCH", "-o", out]) == 1
    assert "未知的审批事项" in capsys.readouterr().err
    nowhere = str(tmp_path / "no-such-dir" / "out.xlsx")
    assert cli.main([*base, str(listing), "--matter", MATTER, "-o", nowhere]) == 1
    assert "目录不存在" in capsys.readouterr().err
    assert not Path(out).exists()
    desk = Desk.open(cli_dir)
    try:
        assert counts(desk.store) == (0, 0, 0)  # nothing was checked or recorded
    finally:
        desk.close()
