"""The 信用承诺 page: register a commitment, watch 容缺受理 deadlines, find any commitment.

Three tabs in the order of the clerk's day: 登记承诺 (the form, then the new 承诺编码 with its
letter to print), 到期提醒 (the unit's 容缺受理 commitments due within 3 working days and
overdue ones, days counted in statutory working days), and 承诺查询 (by code, committer code
or name). Every list shows the chosen commitment beside it with its actions; recording
fulfilment opens :class:`~desktop.windows.fulfilment_dialog.FulfilmentDialog`. All reads and
writes go through the injected runner.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core_labels import term
from desktop.errors import show_error
from desktop.models.commitments_model import (
    BADGE_COLUMNS,
    BADGE_ROLE,
    ROW_ROLE,
    CommitmentsModel,
    column_title,
    due_badge,
)
from desktop.ops import RunnerLike, Task
from desktop.views.commitment_detail import CommitmentDetail
from desktop.views.commitment_form import CommitmentForm, FormData, load_form_data
from desktop.widgets.verdict_badge import BadgeDelegate
from desktop.windows.fulfilment_dialog import FulfilmentDialog

if TYPE_CHECKING:  # the core (SQLAlchemy, reportlab …) is imported by the worker
    from credit.commitments import DueLists
    from credit.desk import Desk

DUE_COLUMNS = ("state", "code", "committer_name", "deadline", "materials")
SEARCH_COLUMNS = ("code", "committer_name", "committer_code", "commitment_type", "made_on", "status")
#: Working days ahead that count as "due soon" (the issue's 3).
DUE_WITHIN = 3
SEARCH_DELAY_MS = 200
EMPTY_STYLE = "QLabel { color: palette(placeholder-text); padding: 24px; }"


def commitment_table(model: CommitmentsModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    rows = table.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(int(table.fontMetrics().height() * 1.9))
    head = table.horizontalHeader()
    head.setHighlightSections(False)
    head.setStretchLastSection(True)
    metrics = table.fontMetrics()
    overdue = due_badge({"working_days_overdue": 10})
    assert overdue is not None
    widths = {  # sample texts in the user's language (the data samples are Chinese anyway)
        "state": metrics.horizontalAdvance(overdue[0]) + metrics.height() + 16,
        "code": metrics.horizontalAdvance("0" * 20) + 20,
        "committer_name": metrics.horizontalAdvance("常州新北瑞丰精密机械有限公司") + 16,
        "committer_code": metrics.horizontalAdvance("0" * 18) + 20,
        "commitment_type": metrics.horizontalAdvance(term("容缺受理型")) + 20,
        "made_on": metrics.horizontalAdvance("2026-11-22") + 20,
        "deadline": metrics.horizontalAdvance("2026-11-22") + 20,
        "materials": metrics.horizontalAdvance("场所平面图、从业人员健康证明") + 16,
        "status": metrics.horizontalAdvance(term("全部未履行")) + metrics.height() + 16,
    }
    for col, key in enumerate(model.columns):
        title = head.fontMetrics().horizontalAdvance(column_title(key)) + metrics.height()
        table.setColumnWidth(col, max(widths[key], title))  # the header readable in either language
        if key in BADGE_COLUMNS:
            table.setItemDelegateForColumn(col, BadgeDelegate(BADGE_ROLE, table))
    return table


class _ListPane(QWidget):
    """A table of commitments (or a sentence when there are none) beside the chosen one."""

    def __init__(self, runner: RunnerLike, columns: tuple[str, ...], name: str) -> None:
        super().__init__()
        self.model = CommitmentsModel(columns, self)
        self.table = commitment_table(self.model)
        self.table.setObjectName(f"{name}Table")
        self.empty = QLabel()
        self.empty.setObjectName(f"{name}Empty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.empty.setStyleSheet(EMPTY_STYLE)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.detail = CommitmentDetail(runner)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([760, 480])
        self.table.selectionModel().currentRowChanged.connect(self._chosen)

    def set_rows(self, rows: list[dict[str, Any]], empty_text: str, keep: str | None = None) -> None:
        """Show ``rows`` (or ``empty_text``), keeping the commitment ``keep`` chosen if listed."""
        keep = keep or (self.detail.row or {}).get("code")
        self.model.set_rows(rows)
        self.empty.setText(empty_text)
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        index = self.model.find(keep) if keep else -1
        if index < 0 and rows:
            index = 0
        if index >= 0:
            self.table.selectRow(index)
            self.detail.show_row(self.model.rows[index])
        else:
            self.detail.show_row(None)

    def _chosen(self, current: QModelIndex, previous: QModelIndex) -> None:
        self.detail.show_row(current.data(ROW_ROLE) if current.isValid() else None)


class CommitmentsView(QWidget):
    """The 信用承诺 page. ``changed(row)`` after a commitment is registered or its fulfilment changes."""

    changed = Signal(object)  # dict: the commitment as stored
    entityRequested = Signal(str)  # uscc of a committer to open in 查询
    dueShown = Signal()  # the due/overdue list was refreshed
    searched = Signal()  # search results were shown

    def __init__(
        self,
        runner: RunnerLike,
        desk: Desk | None = None,
        parent: QWidget | None = None,
        *,
        ask_override: Callable[[str], str | None] | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("commitmentsView")
        self.runner = runner
        self.desk: Desk | None = None
        self.today = today
        self.dialog: FulfilmentDialog | None = None
        self._search_seq = 0
        self._due_seq = 0
        self._pending_open: str | None = None
        self._loading = False

        self.form = CommitmentForm(runner, ask_override=ask_override, today=today)
        self.form.registered.connect(self._registered)
        self._build_done()
        self.register_stack = QStackedWidget()
        self.register_stack.addWidget(self.form)
        self.register_stack.addWidget(self.done)
        self._build_due()
        self._build_search()

        self.tabs = QTabWidget()
        self.tabs.setObjectName("commitmentTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.register_stack, self.tr("登记承诺"))
        self.tabs.addTab(self.due_page, self.tr("到期提醒"))
        self.tabs.addTab(self.search_page, self.tr("承诺查询"))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.tabs)

        for detail in (self.done_detail, self.due.detail, self.found.detail):
            detail.fulfilRequested.connect(self.record_fulfilment)
            detail.entityRequested.connect(self.entityRequested)
        self.due.table.doubleClicked.connect(partial(self._fulfil_row, self.due))
        self.found.table.doubleClicked.connect(partial(self._fulfil_row, self.found))
        if desk is not None:
            self.set_desk(desk)

    # -- layout ---------------------------------------------------------------------------

    def _build_done(self) -> None:
        self.done = QWidget()
        self.done.setObjectName("registeredPanel")
        self.done_banner = QLabel()
        self.done_banner.setObjectName("registeredBanner")
        self.done_banner.setWordWrap(True)
        self.done_banner.setTextFormat(Qt.TextFormat.RichText)
        self.done_banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.done_banner.setStyleSheet(
            "QLabel { background: #e8f5e9; color: #1b5e20; border: 1px solid #2e7d32;"
            " border-radius: 4px; padding: 10px; }"
        )
        self.done_detail = CommitmentDetail(self.runner)
        self.new_button = QPushButton(self.tr("登记新的承诺"))
        self.new_button.setObjectName("newCommitment")
        self.new_button.clicked.connect(self.new_commitment)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.new_button)
        layout = QVBoxLayout(self.done)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.done_banner)
        layout.addWidget(self.done_detail, 1)
        layout.addLayout(row)

    def _build_due(self) -> None:
        self.due_page = QWidget()
        self.due = _ListPane(self.runner, DUE_COLUMNS, "due")
        self.due_title = QLabel()
        self.due_title.setObjectName("dueTitle")
        self.due_title.setWordWrap(True)
        self.due_title.setTextFormat(Qt.TextFormat.RichText)
        self.due_refresh = QPushButton(self.tr("刷新"))
        self.due_refresh.setObjectName("dueRefresh")
        self.due_refresh.clicked.connect(self.refresh_due)
        head = QHBoxLayout()
        head.addWidget(self.due_title, 1)
        head.addWidget(self.due_refresh)
        layout = QVBoxLayout(self.due_page)
        layout.setContentsMargins(12, 12, 12, 6)
        layout.addLayout(head)
        layout.addWidget(self.due.splitter, 1)

    def _build_search(self) -> None:
        self.search_page = QWidget()
        self.found = _ListPane(self.runner, SEARCH_COLUMNS, "search")
        self.search_field = QLineEdit()
        self.search_field.setObjectName("commitmentSearch")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setPlaceholderText(self.tr("输入承诺编码、承诺人代码或名称；留空列出最近登记的承诺"))
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.search)
        self.search_field.textChanged.connect(lambda text: self.search_timer.start())
        self.search_field.returnPressed.connect(self.search)
        self.search_count = QLabel()
        self.search_count.setObjectName("searchCount")
        head = QHBoxLayout()
        head.addWidget(self.search_field, 1)
        head.addWidget(self.search_count)
        layout = QVBoxLayout(self.search_page)
        layout.setContentsMargins(12, 12, 12, 6)
        layout.addLayout(head)
        layout.addWidget(self.found.splitter, 1)

    # -- wiring ---------------------------------------------------------------------------

    def set_desk(self, desk: Desk | None) -> None:
        self.desk = desk
        self.form.set_desk(desk)
        for detail in (self.done_detail, self.due.detail, self.found.detail):
            detail.set_desk(desk)
        if self.isVisible():
            self._load_data()

    def _load_data(self) -> None:
        """The catalog choices, read on the worker the first time the page is shown (the core's
        import costs a fifth of a second: not at start-up)."""
        if self.desk is not None and self.form.data is None and not self._loading:
            self._loading = True
            self.runner.run(lambda task: load_form_data(), on_done=self._set_data)

    def _set_data(self, data: FormData) -> None:
        self._loading = False
        self.form.set_data(data)
        for detail in (self.done_detail, self.due.detail, self.found.detail):
            detail.set_matters(data.matters)

    def set_open_entity(self, uscc: str, name: str = "") -> None:
        self.form.set_open_entity(uscc, name)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._load_data()
        self._tab_changed(self.tabs.currentIndex())

    def _tab_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        if page is self.due_page:
            self.refresh_due()
        elif page is self.search_page:
            self.search()
            self.search_field.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.register_stack.currentWidget() is self.form:
            self.form.name_field.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- registering ----------------------------------------------------------------------

    def _registered(self, row: dict[str, Any]) -> None:
        code = escape(row["code"])
        self.done_banner.setText(
            self.tr("已登记信用承诺，承诺编码 {0}。").format(f'<b style="font-size:large">{code}</b>')
            + "<br>"
            + escape(
                self.tr("请打印信用承诺书，由承诺人签字（盖章）后归档；该承诺已记入审计日志，联网后上传信用平台。")
            )
        )
        self.done_detail.show_row(row)
        self.register_stack.setCurrentWidget(self.done)
        self.done_detail.letter_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self._changed(row)

    def new_commitment(self) -> None:
        self.form.reset()
        self.register_stack.setCurrentWidget(self.form)
        self.form.name_field.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- due and overdue ------------------------------------------------------------------

    def refresh_due(self) -> None:
        desk = self.desk
        if desk is None:
            return
        unit, today = desk.operator.unit, self.today()
        if not unit:
            self.due_title.setText(escape(self.tr("到期提醒按本单位列出容缺受理承诺。")))
            self.due.set_rows(
                [],
                self.tr("本机尚未设置所在单位，无法列出本单位的到期承诺。请在 operator.json 中填写 unit。"),
            )
            return
        self._due_seq += 1

        def load(task: Task) -> DueLists:
            from credit.commitments import due_and_overdue

            return due_and_overdue(desk.store, unit, today, DUE_WITHIN)

        self.runner.run(
            load,
            on_done=partial(self._show_due, self._due_seq, unit, today),
            on_error=partial(self._due_failed, self._due_seq),
        )

    def _show_due(self, seq: int, unit: str, today: date, lists: DueLists) -> None:
        if seq != self._due_seq:
            return
        overdue, due = lists["overdue"], lists["due"]
        self.due_title.setText(
            self.tr("{0} · 以 {1} 计：已逾期 <b>{2}</b> 件，{3} 个工作日内到期 <b>{4}</b> 件").format(
                escape(unit), today.isoformat(), len(overdue), DUE_WITHIN, len(due)
            )
            + "".join(f"<br/>{escape(note)}" for note in lists["notes"])
        )
        empty = self.tr(
            "没有已逾期或 {0} 个工作日内到期的容缺受理承诺。\n"
            "新登记的容缺受理承诺在补齐期限前 {0} 个工作日起出现在这里。"
        ).format(DUE_WITHIN)
        self.due.set_rows(overdue + due, empty)
        self.dueShown.emit()

    def _due_failed(self, seq: int, exc: BaseException) -> None:
        from credit.commitments import CommitmentError

        if seq != self._due_seq:
            return
        if isinstance(exc, CommitmentError):
            self.due_title.setText(escape(self.tr("到期提醒暂不可用")))
            self.due.set_rows([], exc.reason)
        else:
            show_error(self.window(), exc)

    # -- search ---------------------------------------------------------------------------

    def search(self) -> None:
        desk = self.desk
        if desk is None:
            return
        self.search_timer.stop()
        query = self.search_field.text()
        self._search_seq += 1

        def find(task: Task) -> list[dict[str, Any]]:
            from credit.commitments import search

            return search(desk.store, query)

        self.runner.run(find, on_done=partial(self._show_found, self._search_seq, query))

    def _show_found(self, seq: int, query: str, rows: list[dict[str, Any]]) -> None:
        if seq != self._search_seq:
            return  # a newer query is on its way
        from credit.commitments import SEARCH_LIMIT

        if query.strip():
            empty = self.tr("没有找到与“{0}”相符的信用承诺（按承诺编码、承诺人代码或名称查找）。")
            empty = empty.format(query.strip())
        else:
            empty = self.tr("本机尚未登记信用承诺。在“登记承诺”中登记后，可在这里查找。")
        more = len(rows) >= SEARCH_LIMIT
        self.search_count.setText(
            self.tr("显示最近 {0} 条").format(len(rows)) if more else self.tr("共 {0} 条").format(len(rows))
        )
        keep, self._pending_open = self._pending_open, None
        self.found.set_rows(rows, empty, keep)
        self.searched.emit()

    def open_commitment(self, code: str) -> None:
        """Show one commitment in 承诺查询 (from a profile, say)."""
        self._pending_open = code
        self.tabs.blockSignals(True)
        self.tabs.setCurrentWidget(self.search_page)
        self.tabs.blockSignals(False)
        self.search_field.blockSignals(True)
        self.search_field.setText(code)
        self.search_field.blockSignals(False)
        self.search()

    # -- fulfilment -----------------------------------------------------------------------

    def _fulfil_row(self, pane: _ListPane, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is not None:
            self.record_fulfilment(row["code"])

    def record_fulfilment(self, code: str) -> FulfilmentDialog | None:
        """Open the fulfilment dialog for ``code``; the lists follow what it saves."""
        desk = self.desk
        if desk is None:
            return None
        dialog = FulfilmentDialog(self.runner, desk, code, self.window(), today=self.today())
        dialog.changed.connect(self._changed)
        dialog.finished.connect(lambda result: dialog.deleteLater())
        self.dialog = dialog
        dialog.open()
        return dialog

    def _changed(self, row: dict[str, Any]) -> None:
        for detail in (self.done_detail, self.due.detail, self.found.detail):
            if detail.row is not None and detail.row.get("code") == row["code"]:
                detail.show_row(row)
        self.refresh_due()
        if self.tabs.currentWidget() is self.search_page:
            self.search()
        self.changed.emit(row)
