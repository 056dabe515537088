"""批量核查: a bidder or applicant list (CSV/XLSX) checked for one matter, on the worker.

The clerk picks (or drops) the file and the matter and starts; a progress bar and a cancel
button stand in for the form while the worker runs, and the window stays usable. A cancelled
batch records nothing (the core guarantees it; the page says so). The results land in a table
model with the counts above it, a filter for the rows that need a second look, and one action
each for the XLSX and the combined PDF, written on the worker and opened.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import settings
from desktop.errors import show_error
from desktop.formatting import named, stamp
from desktop.models.batch_model import (
    ALL,
    ATTENTION,
    BADGE_ROLE,
    FLAGGED,
    ROW_ROLE,
    BatchFilter,
    BatchModel,
    status_word,
)
from desktop.ops import RunnerLike, Task
from desktop.printing import offer_print
from desktop.views.profile_html import pill
from desktop.views.saved_file import link_label, open_file, saved_html
from desktop.views.verdict_widget import verdict_colours, verdict_word
from desktop.widgets.badges import GREY
from desktop.widgets.verdict_badge import BadgeDelegate

if TYPE_CHECKING:  # the core (SQLAlchemy, reportlab …) is imported by the worker
    from credit.batch_check import BatchResult
    from credit.desk import Desk
    from credit.domain.catalogs import Matter

MATTER_KEY = "check/batch_matter"
FOLDER_KEY = "check/batch_folder"
SUFFIXES = (".csv", ".xlsx", ".xlsm")
EXPORTS = {"xlsx": "XLSX", "pdf": "PDF"}


def export_path(data_dir: Path, result: BatchResult, kind: str, moment: datetime) -> Path:
    """``<data_dir>/reports/批量核查结果-<matter>-<yyyymmdd-HHMMSS>.<kind>``"""
    return data_dir / "reports" / f"批量核查结果-{result.matter_code}-{moment:%Y%m%d-%H%M%S}.{kind}"


def write_export(result: BatchResult, kind: str, path: Path, task: Task | None = None) -> Path:
    """Runs on the worker: the folder, then the file (the PDF with progress and cancel)."""
    from credit.batch_check import export_pdf, export_xlsx

    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "xlsx":
        export_xlsx(result, path)
    elif task is None:
        export_pdf(result, path)
    else:
        export_pdf(result, path, progress=task.progress, cancelled=lambda: task.cancelled)
    return path


class BatchCheckView(QWidget):
    """The 批量核查 tab. ``finished(result)`` follows every batch that was recorded."""

    finished = Signal(object)  # BatchResult
    exported = Signal(str, str)  # kind, path
    entityRequested = Signal(str)  # uscc of a row the user opened

    def __init__(self, runner: RunnerLike, desk: Desk | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("batchView")
        self.setAcceptDrops(True)
        self.runner = runner
        self.desk = desk
        self.result: BatchResult | None = None
        self.task: Task | None = None
        self._export_task: Task | None = None
        self.model = BatchModel(self)
        self.proxy = BatchFilter(self)
        self.proxy.setSourceModel(self.model)

        self._build_form()
        self._build_progress()
        self._build_results()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 6)
        layout.setSpacing(10)
        layout.addWidget(self.form)
        layout.addWidget(self.progress_row)
        layout.addWidget(self.message)
        layout.addWidget(self.results, 1)
        self._set_running(False)
        self._show_message(
            self.tr(
                "选择或拖入 CSV / XLSX 名单（含“统一社会信用代码”列，可带“名称”列），选择审批事项后开始核查。"
                "\n每一户的核查都会记入核查记录和审计日志；代码有误或本地无此主体的行会逐行标出，不会中断核查。"
            )
        )
        self.results.hide()

    # -- layout ---------------------------------------------------------------------------

    def _build_form(self) -> None:
        self.form = QFrame()
        self.form.setObjectName("batchForm")
        self.file_field = QLineEdit()
        self.file_field.setObjectName("batchFile")
        self.file_field.setReadOnly(True)
        self.file_field.setPlaceholderText(self.tr("选择或拖入 CSV / XLSX 名单文件…"))
        self.choose_button = QPushButton(self.tr("选择文件…"))
        self.choose_button.setObjectName("batchChoose")
        self.choose_button.clicked.connect(self.choose_file)
        self.matter_combo = QComboBox()
        self.matter_combo.setObjectName("batchMatter")
        self.matter_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.matter_combo.setMinimumContentsLength(24)
        self.matter_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.matter_combo.currentIndexChanged.connect(self._on_matter_chosen)
        self.start_button = QPushButton(self.tr("开始批量核查"))
        self.start_button.setObjectName("batchStart")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.start_button.setMinimumWidth(self.start_button.sizeHint().width() + 24)

        grid = QGridLayout(self.form)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        file_label = QLabel(self.tr("名单文件"))
        file_label.setBuddy(self.choose_button)
        matter_label = QLabel(self.tr("审批事项"))
        matter_label.setBuddy(self.matter_combo)
        grid.addWidget(file_label, 0, 0)
        grid.addWidget(self.file_field, 0, 1)
        grid.addWidget(self.choose_button, 0, 2)
        grid.addWidget(matter_label, 1, 0)
        grid.addWidget(self.matter_combo, 1, 1)
        grid.addWidget(self.start_button, 1, 2)
        grid.setColumnStretch(1, 1)

    def _build_progress(self) -> None:
        self.progress_row = QWidget()
        self.progress = QProgressBar()
        self.progress.setObjectName("batchProgress")
        self.progress.setFormat(self.tr("%p%"))
        self.progress_label = QLabel()
        self.progress_label.setObjectName("batchProgressText")
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.setObjectName("batchCancel")
        self.cancel_button.setToolTip(self.tr("停止核查；已取消的批量核查不记录任何核查"))
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout(self.progress_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress, 1)
        row.addWidget(self.progress_label)
        row.addWidget(self.cancel_button)

    def _build_results(self) -> None:
        self.message = QLabel()
        self.message.setObjectName("batchMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.results = QWidget()
        self.summary = QLabel()
        self.summary.setObjectName("batchSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.meta = QLabel()
        self.meta.setObjectName("batchMeta")
        self.meta.setWordWrap(True)
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        self.stale = QLabel()
        self.stale.setObjectName("batchStale")
        self.stale.setWordWrap(True)
        self.stale.setStyleSheet(
            "QLabel { background: #fff4cc; color: #1a1a1a; border: 1px solid #f2b200;"
            " border-radius: 4px; padding: 6px; }"
        )
        self.filter_combo = QComboBox()
        self.filter_combo.setObjectName("batchFilter")
        self.filter_combo.addItem(self.tr("显示全部行"), ALL)
        self.filter_combo.addItem(self.tr("只看需关注的行（未通过或未核查）"), ATTENTION)
        self.filter_combo.addItem(self.tr("只看未核查的行（代码有误、本地无此主体、重复）"), FLAGGED)
        self.filter_combo.currentIndexChanged.connect(
            lambda i: self.proxy.set_mode(str(self.filter_combo.itemData(i)))
        )
        self.filter_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.table = QTableView()
        self.table.setObjectName("batchTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.verticalHeader().hide()
        # One fixed row height: Qt then never measures 10,000 rows to lay them out.
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(int(self.fontMetrics().height() * 1.9))
        head = self.table.horizontalHeader()
        head.setHighlightSections(False)
        head.setStretchLastSection(True)
        metrics = self.fontMetrics()
        widths = [metrics.horizontalAdvance("000000") + 16, metrics.horizontalAdvance("0" * 18) + 28]
        widths += [metrics.horizontalAdvance("常州新北瑞丰精密机械有限公司") + 24]
        problems = (status_word(s) for s in ("invalid", "checksum", "unknown", "duplicate"))
        widest = max(problems, key=metrics.horizontalAdvance)
        widths += [metrics.horizontalAdvance(widest) + metrics.height() + 20]  # the badge, either language
        for col, width in enumerate(widths):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(col, width)
        self.table.setItemDelegateForColumn(3, BadgeDelegate(BADGE_ROLE, self.table))
        self.table.doubleClicked.connect(self._open_row)

        self.xlsx_button = QPushButton(self.tr("导出 XLSX"))
        self.xlsx_button.setObjectName("batchXlsx")
        self.xlsx_button.setToolTip(self.tr("每行一条结论和原因，另附汇总表"))
        self.xlsx_button.clicked.connect(partial(self.export, "xlsx"))
        self.pdf_button = QPushButton(self.tr("导出并打印 PDF…"))
        self.pdf_button.setObjectName("batchPdf")
        self.pdf_button.setToolTip(
            self.tr("保存一份合并的核查结果 PDF（汇总与逐行结论），然后打开打印对话框")
        )
        self.pdf_button.clicked.connect(partial(self.export, "pdf"))
        self.export_status = link_label(QLabel())
        self.export_status.setObjectName("batchExportStatus")

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.filter_combo, 0, Qt.AlignmentFlag.AlignBottom)
        bottom = QHBoxLayout()
        bottom.addWidget(self.xlsx_button, 0, Qt.AlignmentFlag.AlignTop)
        bottom.addWidget(self.pdf_button, 0, Qt.AlignmentFlag.AlignTop)
        bottom.addWidget(self.export_status, 1)
        layout = QVBoxLayout(self.results)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.stale)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.meta)
        layout.addLayout(bottom)

    # -- wiring ---------------------------------------------------------------------------

    def set_desk(self, desk: Desk | None) -> None:
        self.desk = desk

    def set_matters(self, matters: dict[str, Matter]) -> None:
        last = settings.settings().value(MATTER_KEY)
        self.matter_combo.blockSignals(True)
        self.matter_combo.clear()
        for code, matter in matters.items():
            self.matter_combo.addItem(named(matter.name, code), code)
            self.matter_combo.setItemData(
                self.matter_combo.count() - 1, matter.basis, Qt.ItemDataRole.ToolTipRole
            )
        index = self.matter_combo.findData(last) if isinstance(last, str) else -1
        self.matter_combo.setCurrentIndex(max(index, 0) if matters else -1)
        self.matter_combo.blockSignals(False)

    def set_matter(self, code: str) -> None:
        self.matter_combo.setCurrentIndex(self.matter_combo.findData(code))

    def current_matter(self) -> str | None:
        code = self.matter_combo.currentData()
        return code if isinstance(code, str) else None

    def _on_matter_chosen(self, index: int) -> None:
        code = self.current_matter()
        if code:
            settings.settings().setValue(MATTER_KEY, code)

    def choose_file(self) -> None:
        folder = settings.settings().value(FOLDER_KEY)
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("选择名单文件"),
            folder if isinstance(folder, str) else "",
            self.tr("名单文件 (*.csv *.xlsx *.xlsm);;所有文件 (*)"),
        )
        if path:
            self.set_file(Path(path))

    def set_file(self, path: Path) -> None:
        self.file_field.setText(str(path))
        self.file_field.setToolTip(str(path))
        settings.settings().setValue(FOLDER_KEY, str(path.parent))

    def current_file(self) -> Path | None:
        text = self.file_field.text().strip()
        return Path(text) if text else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_file(event) is not None and self.task is None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_file(event)
        if path is not None and self.task is None:
            self.set_file(path)
            event.acceptProposedAction()

    @staticmethod
    def _dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
        urls = event.mimeData().urls()
        if len(urls) != 1 or not urls[0].isLocalFile():
            return None
        path = Path(urls[0].toLocalFile())
        return path if path.suffix.lower() in SUFFIXES else None

    # -- running --------------------------------------------------------------------------

    def start(self) -> None:
        """Check the chosen list for the chosen matter on the worker."""
        desk = self.desk
        if desk is None or self.task is not None:
            return
        path = self.current_file()
        if path is None:
            self._show_message(self.tr("请先选择名单文件（CSV 或 XLSX）。"), warning=True)
            return
        matter = self.current_matter()
        if matter is None:
            self._show_message(self.tr("请选择审批事项。"), warning=True)
            return
        finished: dict[str, BatchResult] = {}

        def work(task: Task) -> BatchResult:
            from credit.batch_check import run_batch

            result = run_batch(
                desk.store,
                desk.operator,
                path,
                matter,
                progress=task.progress,
                cancelled=lambda: task.cancelled,
            )
            finished["result"] = result  # recorded: a cancel arriving now came too late
            return result

        self._set_running(True)
        self.progress.setRange(0, 0)  # reading the file: no total yet
        self.progress_label.setText(self.tr("正在读取名单…"))
        self._show_message(self.tr("正在核查“{0}”…").format(path.name))
        task = self.runner.run(
            work,
            on_done=self._on_done,
            on_error=self._on_error,
            on_progress=self._on_progress,
            on_cancelled=partial(self._on_cancelled, finished),
        )
        if not task.finished:  # an immediate runner has already delivered the outcome
            self.task = task
            self._set_running(True)

    def cancel(self) -> None:
        """Stop the batch, or the PDF export under way."""
        if self.task is None and self._export_task is not None:
            self._export_task.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText(self.tr("正在取消…"))
            return
        if self.task is None:
            return
        self.task.cancel()
        self.cancel_button.setEnabled(False)
        self.progress_label.setText(self.tr("正在取消…"))

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress_label.setText(self.tr("已处理 {0} / {1} 行").format(f"{done:,}", f"{total:,}"))

    def _on_done(self, result: BatchResult) -> None:
        self.task = None
        self._set_running(False)
        self.show_result(result)
        self.finished.emit(result)

    def _on_cancelled(self, finished: dict[str, BatchResult]) -> None:
        self.task = None
        self._set_running(False)
        result = finished.get("result")
        if result is not None:  # the worker had already recorded everything
            self.show_result(result)
            self._show_message(self.tr("取消时批量核查已经完成，结果已记录，显示如下。"))
            self.finished.emit(result)
            return
        self._show_message(self.tr("已取消批量核查，未记录任何核查。"), warning=True)

    def _on_error(self, exc: BaseException) -> None:
        from credit.batch_check import BatchError

        self.task = None
        self._set_running(False)
        if isinstance(exc, BatchError):
            self._show_message(exc.reason, warning=True)
        else:
            self._show_message(self.tr("批量核查未完成，未记录任何核查。"), warning=True)
            show_error(self.window(), exc)

    def _set_running(self, running: bool) -> None:
        self.progress_row.setVisible(running)
        self.cancel_button.setEnabled(running)
        for widget in (self.choose_button, self.matter_combo, self.start_button):
            widget.setEnabled(not running)
        self.setAcceptDrops(not running)
        self._enable_exports()

    def _enable_exports(self) -> None:
        ready = self.result is not None and self.task is None and self._export_task is None
        self.xlsx_button.setEnabled(ready)
        self.pdf_button.setEnabled(ready)

    # -- results --------------------------------------------------------------------------

    def show_result(self, result: BatchResult) -> None:
        self.result = result
        self.model.set_result(result)
        self.message.hide()
        self.summary.setText(summary_html(result))
        from credit.operator import NO_UNIT

        who = (
            self.tr("{0}（未设置单位）").format(result.operator)
            if result.unit == NO_UNIT  # already in brackets: never "（（未设置单位））"
            else self.tr("{0}（{1}）").format(result.operator, result.unit)
        )
        self.meta.setText(
            self.tr("名单 {0}（代码列“{1}”） · {2}（{3}） · 核查时间 {4} · 数据截至 {5} · 核查人 {6}").format(
                result.source,
                result.code_column,
                result.matter_name,
                result.matter_code,
                result.checked_at.strftime("%Y-%m-%d %H:%M"),
                stamp(result.as_of) if result.as_of else self.tr("未知"),
                who,
            )
        )
        self.stale.setText(result.stale_warning or "")
        self.stale.setVisible(bool(result.stale_warning))
        self.export_status.setText("")
        self.results.show()
        self.table.scrollToTop()
        self._enable_exports()

    def _open_row(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is not None and row.uscc and row.status in ("ok", "duplicate"):
            self.entityRequested.emit(row.uscc)

    # -- exports --------------------------------------------------------------------------

    def export(self, kind: str) -> None:
        """One action: write the XLSX or the PDF on the worker, then open it."""
        result, desk = self.result, self.desk
        if result is None or desk is None or self._export_task is not None:
            return
        path = export_path(desk.store.data_dir, result, kind, datetime.now())
        self.export_status.setText(self.tr("正在导出 {0}…").format(EXPORTS[kind]))
        task = self.runner.run(
            lambda task: write_export(result, kind, path, task),
            on_done=partial(self._exported, kind),
            on_error=self._export_failed,
            on_progress=self._on_export_progress,
            on_cancelled=self._export_cancelled,
        )
        if not task.finished:
            self._export_task = task
            if kind == "pdf":  # thousands of rows take seconds: show how far, allow stopping
                self.progress.setRange(0, 0)
                self.progress_label.setText(self.tr("正在生成 PDF…"))
                self.progress_row.show()
                self.cancel_button.setEnabled(True)
        self._enable_exports()

    def _on_export_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if done >= total:
            self.progress_label.setText(self.tr("正在写入 PDF 文件…"))
        else:
            self.progress_label.setText(self.tr("正在生成 PDF：{0}%").format(done * 100 // max(total, 1)))

    def _export_cancelled(self) -> None:
        self._export_task = None
        self.progress_row.hide()
        self._enable_exports()
        self.export_status.setText(self.tr("已取消导出 PDF，未生成文件。"))

    def _exported(self, kind: str, path: Path) -> None:
        self._export_task = None
        self.progress_row.hide()
        self._enable_exports()
        saved = self.tr("{0} 已保存到 {1}").format(EXPORTS[kind], str(path))
        if kind == "pdf":  # one action: saved, then the print dialog
            saved += self.tr("。")
            self.export_status.setText(saved_html(saved, path))
            offer_print(
                self,
                self.runner,
                path,
                lambda status: self.export_status.setText(saved_html(saved + status, path)),
            )
        else:
            if not open_file(path):
                saved += self.tr("。未能自动打开，请在文件夹中打开")
            self.export_status.setText(saved_html(saved, path))
        self.exported.emit(kind, str(path))

    def _export_failed(self, exc: BaseException) -> None:
        self._export_task = None
        self.progress_row.hide()
        self._enable_exports()
        self.export_status.setText(self.tr("导出未完成。"))
        show_error(self.window(), exc)

    def _show_message(self, text: str, *, warning: bool = False) -> None:
        self.message.setText(text)
        self.message.setProperty("warning", warning)
        self.message.setStyleSheet(
            "QLabel { background: #fdecea; color: #8e1c1c; border: 1px solid #c62828;"
            " border-radius: 4px; padding: 8px; }"
            if warning
            else ""
        )
        self.message.show()


def summary_html(result: BatchResult) -> str:
    """Counts at a glance: rows, then one badge per verdict and per kind of flagged row."""
    statuses = result.status_counts()
    head = QCoreApplication.translate("BatchCheckView", "共 {0} 行，已核查 {1} 户").format(
        f"{len(result.rows):,}", f"{statuses['ok']:,}"
    )
    badges = [
        pill(_unbroken(f"{verdict_word(verdict)} {n:,}"), *verdict_colours(verdict), bold=True)
        for verdict, n in result.verdict_counts().items()
    ]
    badges += [
        pill(_unbroken(f"{status_word(status)} {n:,}"), *GREY)
        for status, n in statuses.items()
        if status != "ok" and n
    ]
    # a line may break between badges (a plain space), never inside one ("No such entity here 1")
    return f"<b>{escape(head)}</b>&nbsp;&nbsp; " + "&nbsp; ".join(badges)


def _unbroken(text: str) -> str:
    return text.replace(" ", "\u00a0")
