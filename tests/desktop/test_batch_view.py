"""批量核查 in the GUI: a list with bad rows → table and counts → XLSX and PDF; progress and cancel
on the real threaded runner; a 10,000-row table held by one model."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa
from PySide6.QtCore import QSettings, QThreadPool, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QAbstractItemView, QHeaderView
from pytestqt.qtbot import QtBot

from credit.batch_check import BatchResult, BatchRow
from credit.desk import Desk
from credit.domain.uscc import complete
from credit.operator import NO_UNIT
from credit.store.tables import audit_log, check_record
from desktop import settings
from desktop.models.batch_model import ATTENTION, BADGE_ROLE, FLAGGED, VERDICT, BatchModel
from desktop.ops import Runner
from desktop.views.batch_view import BatchCheckView
from desktop.windows.main_window import MainWindow
from tests.credit.reports import pdftools
from tests.desktop import sample
from tests.desktop.conftest import PrintDialogStandIn

MATTER = "TOLERANT_ACCEPTANCE"
LEGACY = "91350203M0001QAY9B"  # well formed, fails its 18th character
UNKNOWN = complete("91110108MA01ABCD")  # well formed, not in the cache
ROWS = [
    ["瑞丰精密", sample.RUIFENG],
    ["常州新北瑞丰贸易有限公司", sample.RUIFENG_TRADE],
    ["乱码公司", "12345"],
    ["老码头", LEGACY],
    ["外地公司", UNKNOWN],
    ["瑞丰精密（重复）", sample.RUIFENG.lower()],
]


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = str(tmp_path / "settings.ini")
    monkeypatch.setattr(settings, "settings", lambda: QSettings(path, QSettings.Format.IniFormat))


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Files the page asked the system to open (instead of starting a viewer)."""
    seen: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: seen.append(QUrl(url).toLocalFile()) or True)
    return seen


@pytest.fixture
def page(window: MainWindow) -> BatchCheckView:
    window.nav.setCurrentRow(1)
    window.check_view.tabs.setCurrentWidget(window.check_view.batch)
    return window.check_view.batch


def write_list(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["投标人名称", "统一社会信用代码"])
        out.writerows(rows)
    return path


def recorded(desk: Desk) -> tuple[int, list[str]]:
    with desk.store.work.connect() as conn:
        checks = conn.execute(sa.select(sa.func.count()).select_from(check_record)).scalar_one()
        actions = [r.action for r in conn.execute(sa.select(audit_log.c.action))]
    return checks, actions


def test_batch_with_bad_rows_fills_the_table_and_exports(
    page: BatchCheckView,
    window: MainWindow,
    gui_desk: Desk,
    tmp_path: Path,
    opened: list[str],
    print_dialog: PrintDialogStandIn,
) -> None:
    assert window.check_view.tabs.tabText(1) == "批量核查"
    assert not page.xlsx_button.isEnabled() and not page.results.isVisible()
    page.set_file(write_list(tmp_path / "投标人名单.csv", ROWS))
    page.set_matter(MATTER)
    page.start_button.click()

    model = page.model
    assert model.rowCount() == len(ROWS) == page.proxy.rowCount()
    table = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert [row[0] for row in table] == ["2", "3", "4", "5", "6", "7"]  # rows of the file
    assert table[0][2] == "常州新北瑞丰精密机械有限公司" and table[0][3] == "限制办理"
    assert "严重违法失信名单" in table[0][4]
    assert table[1][3] == "通过" and "未发现限制办理的记录" in table[1][4]
    assert table[2][3] == "代码格式错误" and table[2][4].startswith("代码格式错误：")
    assert table[3][3] == "校验位不符" and "第18位" in table[3][4]
    assert table[4][3] == "本地无此主体" and "本地数据中没有代码为" in table[4][4]
    assert table[5][3] == "限制办理" and table[5][4] == "与第 2 行重复，未重复核查。"
    badge = model.index(0, VERDICT).data(BADGE_ROLE)
    assert badge[0] == "限制办理" and badge[1] != model.index(2, VERDICT).data(BADGE_ROLE)[1]

    summary = page.summary.text().replace("\xa0", " ")  # a badge's words never break apart
    parts = ("共 6 行，已核查 2 户", "通过 1", "限制办理 1", "禁止办理 0", "代码格式错误 1", "本地无此主体 1")
    assert all(part in summary for part in parts), summary
    assert "投标人名单.csv" in page.meta.text() and "2026-11-21 18:02" in page.meta.text()
    checks, actions = recorded(gui_desk)
    assert checks == 2 and actions.count("batch_check") == 1
    assert "待上传 2 条" in window.status_label.text()  # the two checks wait to be uploaded

    page.filter_combo.setCurrentIndex(page.filter_combo.findData(ATTENTION))
    assert page.proxy.rowCount() == 5  # all but the one that passed
    page.filter_combo.setCurrentIndex(page.filter_combo.findData(FLAGGED))
    assert page.proxy.rowCount() == 4

    saved: list[Path] = []
    page.exported.connect(lambda kind, path: saved.append(Path(path)))
    page.xlsx_button.click()
    printed = tmp_path / "printed.pdf"
    print_dialog.print_to(printed)  # the clerk presses 打印 in the dialog
    page.pdf_button.click()
    xlsx, pdf = saved
    assert opened == [str(xlsx)]  # the XLSX opens; the PDF is saved and offered for printing
    assert xlsx.parent == gui_desk.store.data_dir / "reports" and xlsx.suffix == ".xlsx"
    assert pdf.suffix == ".pdf" and str(pdf) in page.export_status.text()
    assert "打开文件夹" in page.export_status.text() and "已发送到打印机" in page.export_status.text()
    pages = pdftools.page_count(pdf)
    assert print_dialog.offers == [(pdf.stem, pages)]
    assert pdftools.page_count(printed) == pages and pdftools.image_count(printed) == pages
    sheet = openpyxl.load_workbook(xlsx, read_only=True)["核查结果"]
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[1][:5] == [2, sample.RUIFENG, "常州新北瑞丰精密机械有限公司", sample.RUIFENG, "限制办理"]
    assert values[3][4] == "未核查" and "代码格式错误" in values[3][7]
    text = pdftools.text(pdf)
    assert "批量信用核查结果" in text and "常州新北瑞丰精密机械有限公司" in text
    assert "本地无此主体" in text and UNKNOWN in text


def test_xlsx_list_and_an_entity_opened_from_the_table(
    qtbot: QtBot, page: BatchCheckView, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "申报名单.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["统一社会信用代码", "申请单位"])
    ws.append([sample.XINBEI_FOOD, "常州新北百味食品店（个人独资）"])
    ws.append([sample.RUIFENG_TRADE, "瑞丰贸易"])
    wb.save(path)
    page.set_file(path)
    page.set_matter(MATTER)
    page.start()
    assert page.model.rowCount() == 2
    second = page.model.index(1, 4).data()
    assert "名单中的名称“瑞丰贸易”与登记名称不一致" in second
    with qtbot.waitSignal(window.profileShown, timeout=2000):
        page.table.doubleClicked.emit(page.proxy.index(0, 2))
    assert window.nav.currentRow() == 0
    assert window.profile_view.profile is not None and window.profile_view.profile.uscc == sample.XINBEI_FOOD


def test_unusable_input_says_why_and_records_nothing(
    page: BatchCheckView, gui_desk: Desk, tmp_path: Path
) -> None:
    page.start()
    assert "请先选择名单文件" in page.message.text()
    empty = tmp_path / "空名单.csv"
    empty.write_text("名称,备注\n某公司,无代码\n", encoding="utf-8")
    page.set_file(empty)
    page.start()
    assert "找不到统一社会信用代码列" in page.message.text() and page.message.property("warning")
    page.set_file(tmp_path / "不存在.csv")
    page.start()
    assert "不存在.csv" in page.message.text()
    assert recorded(gui_desk) == (0, [])
    assert page.start_button.isEnabled() and not page.progress_row.isVisible()


@pytest.fixture
def threaded(window: MainWindow) -> Iterator[Runner]:
    """The real runner on its own pool, as the application uses it."""
    pool = QThreadPool()
    pool.setMaxThreadCount(2)
    runner = Runner(pool)
    window.check_view.batch.runner = runner
    yield runner
    runner.cancel_all()
    pool.waitForDone(10_000)


def test_threaded_batch_reports_progress_and_finishes(
    qtbot: QtBot, page: BatchCheckView, threaded: Runner, gui_desk: Desk, tmp_path: Path
) -> None:
    codes = [[f"单位{n}", complete(f"91410526{n:08d}")] for n in range(450)] + ROWS[:2]
    page.set_file(write_list(tmp_path / "名单.csv", codes))
    page.set_matter(MATTER)
    seen: list[int] = []
    page.progress.valueChanged.connect(seen.append)
    with qtbot.waitSignal(page.finished, timeout=30_000) as done:
        page.start()
        assert page.progress_row.isVisible() and not page.start_button.isEnabled()
        assert page.cancel_button.isEnabled()
    result = done.args[0]
    assert isinstance(result, BatchResult) and len(result.rows) == 452
    assert seen == sorted(seen) and seen[-1] == 452 and len(set(seen)) >= 4  # 0, 100, … , 452
    assert not page.progress_row.isVisible() and page.start_button.isEnabled()
    assert page.model.rowCount() == 452 and page.xlsx_button.isEnabled()
    assert recorded(gui_desk)[0] == 2  # the two codes in the cache


def test_threaded_batch_can_be_cancelled_and_records_nothing(
    qtbot: QtBot, page: BatchCheckView, threaded: Runner, gui_desk: Desk, tmp_path: Path
) -> None:
    codes = [[f"单位{n}", complete(f"91410526{n:08d}")] for n in range(60_000)] + ROWS[:2]
    page.set_file(write_list(tmp_path / "大名单.csv", codes))
    page.set_matter(MATTER)
    page.start()
    qtbot.waitUntil(lambda: page.progress.value() >= 100, timeout=30_000)  # running, window responsive
    assert page.progress.maximum() == len(codes)
    assert page.task is not None and not page.task.finished
    page.cancel_button.click()
    assert page.progress_label.text() == "正在取消…" and not page.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: page.task is None, timeout=30_000)
    assert "已取消批量核查，未记录任何核查" in page.message.text()
    assert page.result is None and not page.results.isVisible()
    assert page.start_button.isEnabled() and not page.progress_row.isVisible()
    assert recorded(gui_desk) == (0, [])


def test_ten_thousand_rows_live_in_one_model(qtbot: QtBot) -> None:
    rows = [
        BatchRow(n + 2, complete(f"91410526{n:08d}"), f"单位{n}", None, "unknown", "本地数据中没有该主体。")
        for n in range(10_000)
    ]
    result = BatchResult(
        source="大名单.csv",
        matter_code=MATTER,
        matter_name="容缺受理",
        operator="张三",
        unit="滑县市场监管局",
        checked_at=datetime(2026, 11, 22, 10, 30).astimezone(),
        as_of="2026-11-21T18:02:00+08:00",
        code_column="统一社会信用代码",
        name_column="名称",
        rows=rows,
    )
    view = BatchCheckView(runner=None)  # type: ignore[arg-type]  # nothing runs in this test
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    view.show_result(result)
    table = view.table
    assert isinstance(view.model, BatchModel) and view.proxy.rowCount() == 10_000
    assert table.verticalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed
    assert table.verticalScrollMode() == QAbstractItemView.ScrollMode.ScrollPerPixel
    assert table.indexWidget(view.proxy.index(0, 0)) is None  # painted, not a widget per row
    table.scrollToBottom()
    qtbot.waitUntil(lambda: table.indexAt(table.viewport().rect().bottomLeft()).row() in (9_998, 9_999))
    assert "本地无此主体\xa010,000" in view.summary.text()


@pytest.mark.parametrize(
    ("unit", "shown"),
    [(NO_UNIT, "核查人 张三（未设置单位）"), ("滑县市场监管局", "核查人 张三（滑县市场监管局）")],
)
def test_the_footer_names_the_unit_once(qtbot: QtBot, unit: str, shown: str) -> None:
    result = BatchResult(
        source="名单.csv",
        matter_code=MATTER,
        matter_name="容缺受理",
        operator="张三",
        unit=unit,
        checked_at=datetime(2026, 11, 22, 10, 30).astimezone(),
        as_of=None,
        code_column="统一社会信用代码",
        name_column=None,
        rows=[],
    )
    view = BatchCheckView(runner=None)  # type: ignore[arg-type]  # nothing runs in this test
    qtbot.addWidget(view)
    view.show_result(result)
    assert view.meta.text().endswith(shown) and "（（" not in view.meta.text()


def _big_result(n: int) -> BatchResult:
    reason = (
        "列入严重违法失信名单（市场监督管理严重违法失信名单），依据《政府采购法》第二十二条第一款第（五）项"
    )
    rows = []
    for k in range(n):
        code = complete(f"91410526{k:08d}")
        row = BatchRow(k + 2, code, f"单位{k}", code, "ok", "", "restricted", "限制办理")
        row.reasons = [reason]
        rows.append(row)
    return BatchResult(
        source="大名单.csv",
        matter_code=MATTER,
        matter_name="容缺受理",
        operator="张三",
        unit="滑县市场监管局",
        checked_at=datetime(2026, 11, 22, 10, 30).astimezone(),
        as_of=None,
        code_column="统一社会信用代码",
        name_column=None,
        rows=rows,
    )


def test_threaded_pdf_export_shows_progress_and_can_be_cancelled(
    qtbot: QtBot, page: BatchCheckView, threaded: Runner, gui_desk: Desk, print_dialog: PrintDialogStandIn
) -> None:
    reports = gui_desk.store.data_dir / "reports"
    page.show_result(_big_result(10_000))  # seconds of layout: the cancel arrives mid-way

    def cancel_once(value: int) -> None:
        if value > 0 and page.cancel_button.isEnabled():
            page.cancel_button.click()  # as soon as the bar moves: the window is responsive

    page.progress.valueChanged.connect(cancel_once)
    page.pdf_button.click()
    assert page.progress_row.isVisible() and page.cancel_button.isEnabled()
    assert not page.pdf_button.isEnabled() and not page.xlsx_button.isEnabled()
    qtbot.waitUntil(lambda: page._export_task is None, timeout=60_000)
    page.progress.valueChanged.disconnect(cancel_once)
    assert page.export_status.text() == "已取消导出 PDF，未生成文件。"
    assert not page.progress_row.isVisible() and page.pdf_button.isEnabled()
    assert not list(reports.glob("*.pdf")) and not print_dialog.offers  # nothing written, nothing offered

    page.show_result(_big_result(600))
    seen: list[int] = []
    page.progress.valueChanged.connect(seen.append)
    with qtbot.waitSignal(page.exported, timeout=60_000):
        page.pdf_button.click()
    assert seen and seen == sorted(seen) and len(set(seen)) >= 3
    (pdf,) = reports.glob("*.pdf")
    assert not page.progress_row.isVisible()
    qtbot.waitUntil(lambda: bool(print_dialog.offers), timeout=10_000)  # the page count is read on the worker
    assert print_dialog.offers[-1][0] == pdf.stem
