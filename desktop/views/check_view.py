"""The window credit check (窗口核查, 逢办必查): code + matter in, verdict and reasons out.

A clerk scans the licence (the scanner types the QR URL and Enter), picks the matter once (it is
remembered) and reads the verdict at a glance, with every reason in words right below it. The
check itself runs through the injected runner, is recorded by the core with its audit and
outbox rows, and one click writes the report PDF and opens it for printing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from credit.domain import uscc as uscc_rules
from desktop import settings
from desktop.errors import show_error
from desktop.formatting import named, stamp
from desktop.ops import RunnerLike, Task
from desktop.printing import offer_print
from desktop.views.batch_view import BatchCheckView
from desktop.views.saved_file import link_label, saved_html
from desktop.views.verdict_widget import VerdictBanner, verdict_colours, verdict_word

if TYPE_CHECKING:  # the core (SQLAlchemy …) is imported by the worker that opens the store
    from credit.desk import Desk
    from credit.domain.catalogs import Matter
    from credit.domain.check import FiredMeasure
    from credit.window_check import CheckResult

MATTER_KEY = "check/matter"
REPORTS_DIR = "reports"


def report_path(data_dir: Path, uscc: str, moment: datetime) -> Path:
    """``<data_dir>/reports/信用核查报告-<USCC>-<yyyymmdd-HHMMSS>.pdf``"""
    return data_dir / REPORTS_DIR / f"信用核查报告-{uscc}-{moment:%Y%m%d-%H%M%S}.pdf"


def code_from_input(text: str) -> str:
    """What was typed or scanned as a code: a licence QR's URL or text yields the code in it."""
    return uscc_rules.extract_from_qr(text) or uscc_rules.normalize(text)


def write_report(result: CheckResult, path: Path) -> Path:
    """Runs on the worker: the folder, then the PDF."""
    path.parent.mkdir(parents=True, exist_ok=True)
    result.write_pdf(path)
    return path


class ReasonCard(QFrame):
    """One fired measure: what it restricts, the record that triggered it, until when, and why."""

    def __init__(self, fired: FiredMeasure, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reasonCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        fill, fg = verdict_colours(fired.restriction)
        bar = QFrame()
        bar.setFixedWidth(5)
        bar.setStyleSheet(f"background: {fill}; border: none;")

        self.title = QLabel(fired.name)
        self.title.setObjectName("reasonTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        tag = QLabel(verdict_word(fired.restriction))
        tag.setObjectName("reasonTag")
        tag.setStyleSheet(f"background: {fill}; color: {fg}; border-radius: 4px; padding: 1px 6px;")
        tag.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

        self.record = QLabel(self.tr("触发记录：{0}").format(fired.record.summary))
        self.record.setObjectName("reasonRecord")
        until = (
            self.tr("期限至 {0}").format(fired.until.isoformat())
            if fired.until
            else self.tr("期限：未载明截止日期")
        )
        if fired.until_note:
            until += self.tr("（{0}）").format(fired.until_note)
        self.until = QLabel(until)
        self.until.setObjectName("reasonUntil")
        self.basis = QLabel(self.tr("依据：{0}").format(fired.basis))
        self.basis.setObjectName("reasonBasis")
        small = self.basis.font()
        small.setPointSizeF(small.pointSizeF() * 0.88)
        self.basis.setFont(small)
        pal = self.basis.palette()
        pal.setColor(pal.ColorRole.WindowText, pal.color(pal.ColorRole.PlaceholderText))
        self.basis.setPalette(pal)
        for label in (self.record, self.until, self.basis):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)  # data may contain markup
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        head = QHBoxLayout()
        head.setSpacing(8)
        head.addWidget(tag, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.title, 1)
        text = QVBoxLayout()
        text.setSpacing(3)
        text.addLayout(head)
        text.addWidget(self.record)
        text.addWidget(self.until)
        text.addWidget(self.basis)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(10)
        layout.addWidget(bar)
        layout.addLayout(text, 1)
        text.setContentsMargins(0, 8, 0, 8)


class CheckView(QWidget):
    """The 窗口核查 page. ``checked(result)`` follows every recorded check that is shown."""

    checked = Signal(object)  # CheckResult
    reportSaved = Signal(str)  # path of the PDF

    def __init__(
        self,
        runner: RunnerLike,
        desk: Desk | None = None,
        parent: QWidget | None = None,
        *,
        ask_override: Callable[[str], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("checkView")
        self.runner = runner
        self.desk: Desk | None = None
        self.ask_override = ask_override or self._ask_override
        self.result: CheckResult | None = None
        self.matters: dict[str, Matter] = {}
        self._seq = 0
        self._inflight: tuple[str, str, bool] | None = None
        self._open_entity: tuple[str, str] | None = None
        self._report_task: Task | None = None

        self._build_form()
        self._build_result()
        # One readable column: an 18-character code and a verdict do not need the whole screen.
        column = QWidget()
        column.setMaximumWidth(self.fontMetrics().height() * 64)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(10)
        inner.addWidget(self.form)
        inner.addWidget(self.result_area, 1)
        self.single = QWidget()
        self.single.setObjectName("singleCheck")
        single = QHBoxLayout(self.single)
        single.setContentsMargins(12, 12, 12, 6)
        single.addWidget(column, 1)
        single.addStretch(0)
        self.batch = BatchCheckView(runner)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("checkTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.single, self.tr("单户核查"))
        self.tabs.addTab(self.batch, self.tr("批量核查"))
        self.tabs.currentChanged.connect(lambda index: self.focus_field())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.tabs)
        self._show_hint()
        if desk is not None:
            self.set_desk(desk)

    # -- layout ---------------------------------------------------------------------------

    def _build_form(self) -> None:
        self.form = QFrame()
        self.form.setObjectName("checkForm")
        self.code_field = QLineEdit()
        self.code_field.setObjectName("checkCode")
        self.code_field.setPlaceholderText(self.tr("输入统一社会信用代码，或扫描营业执照二维码"))
        self.code_field.setClearButtonEnabled(True)
        self.code_field.setMinimumHeight(int(self.code_field.fontMetrics().height() * 2))
        self.use_open_button = QPushButton(self.tr("使用查询中的主体"))
        self.use_open_button.setObjectName("useOpenEntity")
        self.use_open_button.setToolTip(self.tr("在“查询”中打开主体后可用（Ctrl+E）"))
        self.use_open_button.setEnabled(False)
        self.use_open_button.clicked.connect(self.use_open_entity)
        use_open = QShortcut(QKeySequence("Ctrl+E"), self)
        use_open.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        use_open.activated.connect(self.use_open_entity)

        self.matter_combo = QComboBox()
        self.matter_combo.setObjectName("checkMatter")
        self.matter_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.matter_combo.setMinimumContentsLength(24)
        self.matter_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.matter_combo.currentIndexChanged.connect(self._on_matter_chosen)
        self.education = QCheckBox(self.tr("已进行准入前诚信教育"))
        self.education.setObjectName("educationGiven")
        self.check_button = QPushButton(self.tr("核查"))
        self.check_button.setObjectName("checkButton")
        self.check_button.setAutoDefault(True)
        self.check_button.setDefault(True)
        self.check_button.setToolTip(self.tr("回车即核查"))
        button_metrics = self.check_button.fontMetrics()  # a wide target, in either language
        self.check_button.setMinimumWidth(
            button_metrics.horizontalAdvance(self.check_button.text()) + button_metrics.height() * 6
        )
        self.check_button.clicked.connect(self.submit)

        grid = QGridLayout(self.form)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        code_label = QLabel(self.tr("统一社会信用代码"))
        code_label.setBuddy(self.code_field)
        matter_label = QLabel(self.tr("审批事项"))
        matter_label.setBuddy(self.matter_combo)
        grid.addWidget(code_label, 0, 0)
        grid.addWidget(self.code_field, 0, 1)
        grid.addWidget(self.use_open_button, 0, 2)
        grid.addWidget(matter_label, 1, 0)
        grid.addWidget(self.matter_combo, 1, 1, 1, 2)
        actions = QHBoxLayout()
        actions.addWidget(self.education)
        actions.addStretch(1)
        actions.addWidget(self.check_button)
        grid.addLayout(actions, 2, 1, 1, 2)
        grid.setColumnStretch(1, 1)

    def _build_result(self) -> None:
        page = QWidget()
        page.setObjectName("checkResult")
        self.message = QLabel()
        self.message.setObjectName("checkMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner = VerdictBanner()
        self.reasons_title = QLabel()
        self.reasons_title.setObjectName("reasonsTitle")
        bold = self.reasons_title.font()
        bold.setBold(True)
        self.reasons_title.setFont(bold)
        self.reasons_title.setWordWrap(True)
        self.reasons = QVBoxLayout()
        self.reasons.setSpacing(8)
        self.meta = QLabel()
        self.meta.setObjectName("checkMeta")
        self.meta.setWordWrap(True)
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.stale = QLabel()
        self.stale.setObjectName("staleWarning")
        self.stale.setWordWrap(True)
        self.stale.setTextFormat(Qt.TextFormat.PlainText)
        self.stale.setStyleSheet(
            "QLabel { background: #fff4cc; color: #1a1a1a; border: 1px solid #f2b200;"
            " border-radius: 4px; padding: 6px; }"
        )
        self.verification = QLabel()
        self.verification.setObjectName("verificationCode")
        self.verification.setTextFormat(Qt.TextFormat.PlainText)
        self.verification.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.print_button = QPushButton(self.tr("打印/保存报告"))
        self.print_button.setObjectName("printReport")
        self.print_button.setAutoDefault(True)
        self.print_button.setToolTip(self.tr("生成并保存核查报告 PDF，然后打开打印对话框（Ctrl+P）"))
        self.print_button.clicked.connect(self.save_report)
        self.print_button.setMinimumHeight(int(self.print_button.fontMetrics().height() * 2))
        self.print_button.setMinimumWidth(
            self.print_button.fontMetrics().horizontalAdvance(self.print_button.text()) + 40
        )
        print_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        print_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        print_shortcut.activated.connect(self.save_report)
        self.report_status = link_label(QLabel())
        self.report_status.setObjectName("reportStatus")

        report_row = QHBoxLayout()
        report_row.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignTop)
        report_row.addWidget(self.report_status, 1)

        self.details = QWidget()
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.setSpacing(10)
        details.addWidget(self.banner)
        details.addWidget(self.reasons_title)
        details.addLayout(self.reasons)
        details.addWidget(self.stale)
        details.addWidget(self.meta)
        details.addWidget(self.verification)
        details.addLayout(report_row)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.setSpacing(10)
        layout.addWidget(self.message)
        layout.addWidget(self.details)
        layout.addStretch(1)
        self.result_area = QScrollArea()
        self.result_area.setObjectName("checkScroll")
        self.result_area.setWidgetResizable(True)
        self.result_area.setFrameShape(QFrame.Shape.NoFrame)
        self.result_area.setWidget(page)

    # -- wiring ---------------------------------------------------------------------------

    def set_desk(self, desk: Desk | None) -> None:
        self.desk = desk
        self.batch.set_desk(desk)
        if desk is not None and not self.matters:
            self.runner.run(lambda task: _load_matters(), on_done=self.set_matters)

    def set_matters(self, matters: dict[str, Matter]) -> None:
        self.matters = dict(matters)
        self.batch.set_matters(self.matters)
        last = last_matter()
        self.matter_combo.blockSignals(True)
        self.matter_combo.clear()
        for code, matter in self.matters.items():
            self.matter_combo.addItem(named(matter.name, code), code)
            self.matter_combo.setItemData(
                self.matter_combo.count() - 1, matter.basis, Qt.ItemDataRole.ToolTipRole
            )
        index = self.matter_combo.findData(last) if last else -1
        self.matter_combo.setCurrentIndex(max(index, 0) if self.matters else -1)
        self.matter_combo.blockSignals(False)

    def set_matter(self, code: str) -> None:
        self.matter_combo.setCurrentIndex(self.matter_combo.findData(code))

    def current_matter(self) -> str | None:
        code = self.matter_combo.currentData()
        return code if isinstance(code, str) else None

    def _on_matter_chosen(self, index: int) -> None:
        code = self.current_matter()
        if code:
            remember_matter(code)

    def set_open_entity(self, uscc: str, name: str = "") -> None:
        """The entity open in 查询 (or none): offered with one click or Ctrl+E."""
        self._open_entity = (uscc, name) if uscc else None
        self.use_open_button.setEnabled(self._open_entity is not None)
        if self._open_entity is not None:
            label = name or uscc
            self.use_open_button.setToolTip(self.tr("填入 {0}（{1}）（Ctrl+E）").format(label, uscc))

    def use_open_entity(self) -> None:
        if self._open_entity is None:
            return
        self.code_field.setText(self._open_entity[0])
        self.focus_field()

    def focus_field(self) -> None:
        """The keyboard goes to the code field (single check) or the start button (batch)."""
        if self.tabs.currentWidget() is self.batch:
            self.batch.start_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.code_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.code_field.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        focus = self.focusWidget()
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and focus is not None and (focus is self.form or self.form.isAncestorOf(focus)):
            self.submit()
            event.accept()
            return
        super().keyPressEvent(event)

    # -- checking -------------------------------------------------------------------------

    def submit(self) -> None:
        """Check what is in the form (Enter anywhere in it, or the 核查 button)."""
        text = self.code_field.text().strip()
        if not text:
            self._show_message(self.tr("请输入或扫描统一社会信用代码。"), warning=True)
            self.focus_field()
            return
        code = code_from_input(text)
        if code != text:
            self.code_field.setText(code)  # a scanned URL becomes the code it carries
        matter = self.current_matter()
        if matter is None:
            self._show_message(self.tr("请选择审批事项。"), warning=True)
            return
        self.run_check(code, matter, self.education.isChecked())

    def run_check(self, code: str, matter: str, education: bool, override: str | None = None) -> None:
        desk = self.desk
        if desk is None:
            return
        key = (code, matter, education)
        if override is None and key == self._inflight:
            return  # a second Enter while the same check runs: record it once
        self._seq += 1
        self._inflight = key
        self._show_message(self.tr("正在核查 {0} …").format(code))

        def check(task: Task) -> CheckResult:
            return desk.check(code, matter, override_reason=override, education_given=education)

        self.runner.run(
            check,
            on_done=partial(self._on_result, self._seq),
            on_error=partial(self._on_error, self._seq, key, override),
        )

    def _on_error(
        self, seq: int, key: tuple[str, str, bool], override: str | None, exc: BaseException
    ) -> None:
        if seq != self._seq:
            return
        self._inflight = None
        from credit.domain.catalogs import UnknownMatter
        from credit.window_check import CheckError, ChecksumOverrideNeeded

        code, matter, education = key
        if isinstance(exc, ChecksumOverrideNeeded) and override is None:
            reason = self.ask_override(code)
            if reason:
                self.run_check(code, matter, education, reason)
            else:
                self._clear_result()
                self._show_message(
                    self.tr("未核查：代码 {0} 校验位不符，未确认使用。请与营业执照原件核对。").format(code),
                    warning=True,
                )
            return
        self._clear_result()
        if isinstance(exc, CheckError):
            self._show_message(exc.reason, warning=True)
        elif isinstance(exc, UnknownMatter):
            self._show_message(str(exc), warning=True)
        else:
            self._show_message(self.tr("核查未完成，未记录。"), warning=True)
            show_error(self.window(), exc)
        self.focus_field()

    def _on_result(self, seq: int, result: CheckResult) -> None:
        if seq != self._seq:
            return  # an older check answered late: the newer one is shown (both are recorded)
        self._inflight = None
        self.show_result(result)
        self.education.setChecked(False)  # confirmed per check, never carried to the next applicant
        self.code_field.selectAll()  # the next scan replaces the code
        self.checked.emit(result)

    def show_result(self, result: CheckResult) -> None:
        self.result = result
        outcome, report = result.outcome, result.report
        self.message.hide()
        self.banner.set_verdict(
            outcome.verdict,
            self.tr("{0} · {1} · {2}").format(outcome.name, outcome.uscc, outcome.matter_name),
        )
        self._clear_reasons()
        if outcome.fired:
            self.reasons_title.setText(self.tr("原因（{0} 项）").format(len(outcome.fired)))
            for fired in outcome.fired:
                self.reasons.addWidget(ReasonCard(fired))
        else:
            self.reasons_title.setText(
                self.tr("未发现限制办理“{0}”的失信记录（已比对 {1} 项惩戒措施）。").format(
                    outcome.matter_name, len(outcome.checked)
                )
            )
        self.stale.setText(result.stale_warning or "")
        self.stale.setVisible(bool(result.stale_warning))
        self.meta.setText(
            self.tr("数据截至 {0} · 核查时间 {1} · 核查人 {2}（{3}）").format(
                stamp(report.as_of) if report.as_of != "未知" else self.tr("未知"),
                report.issued_at.strftime("%Y-%m-%d %H:%M"),
                report.operator,
                report.issuing_unit,
            )
        )
        self.verification.setText(self.tr("报告验证码 {0}").format(result.verification_code))
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(self.verification.font().pointSizeF())
        self.verification.setFont(mono)
        self.report_status.setText("")
        self.print_button.setEnabled(True)
        self.details.show()
        self.result_area.verticalScrollBar().setValue(0)

    def _clear_reasons(self) -> None:
        while self.reasons.count():
            item = self.reasons.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()

    def _clear_result(self) -> None:
        self.result = None
        self._clear_reasons()
        self.details.hide()

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

    def _show_hint(self) -> None:
        self._clear_result()
        self._show_message(
            self.tr(
                "输入或扫描统一社会信用代码，选择审批事项，按回车核查。\n"
                "核查结果与原因会记入核查记录和审计日志，并在联网后上传信用平台。"
            )
        )

    # -- report ---------------------------------------------------------------------------

    def save_report(self) -> None:
        """One action: write the report PDF (on the worker), then offer the print dialog."""
        result, desk = self.result, self.desk
        if result is None or desk is None or self._report_task is not None:
            return
        path = report_path(desk.store.data_dir, result.outcome.uscc, datetime.now())
        self.print_button.setEnabled(False)
        self.report_status.setText(escape(self.tr("正在生成报告…")))
        task = self.runner.run(
            lambda task: write_report(result, path),
            on_done=self._report_written,
            on_error=self._report_failed,
        )
        if not task.finished:  # an immediate runner has already delivered the outcome
            self._report_task = task
            self.print_button.setEnabled(False)

    def _report_written(self, path: Path) -> None:
        self._report_task = None
        self.print_button.setEnabled(True)
        saved = self.tr("报告已保存到 {0}。").format(str(path))
        self.report_status.setText(saved_html(saved, path))
        self.reportSaved.emit(str(path))
        offer_print(
            self,
            self.runner,
            path,
            lambda status: self.report_status.setText(saved_html(saved + status, path)),
        )

    def _report_failed(self, exc: BaseException) -> None:
        self._report_task = None
        self.print_button.setEnabled(True)
        self.report_status.setText(escape(self.tr("报告未能生成。")))
        show_error(self.window(), exc)

    # -- dialogs --------------------------------------------------------------------------

    def _ask_override(self, code: str) -> str | None:
        """Used when no main window supplies its dialog: a reason, or ``None`` to stop."""
        try:
            warnings = "\n".join(uscc_rules.parse(code).warnings)
        except uscc_rules.USCCFormatError:
            warnings = ""
        reason, ok = QInputDialog.getText(
            self,
            self.tr("代码校验位不符"),
            self.tr("{0}\n\n请与营业执照原件核对。确认使用该代码时请填写原因（将记入审计日志）：").format(
                warnings
            ),
            text=self.tr("已核对营业执照原件，代码一致"),
        )
        return reason.strip() if ok and reason.strip() else None


def _load_matters() -> dict[str, Matter]:
    from credit.domain.catalogs import load_catalog

    return dict(load_catalog().matters)


def last_matter() -> str | None:
    """The matter chosen last time, from the user's settings."""
    value = settings.settings().value(MATTER_KEY)
    return value if isinstance(value, str) else None


def remember_matter(code: str) -> None:
    settings.settings().setValue(MATTER_KEY, code)
