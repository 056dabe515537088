"""Search as you type: the field, the note line and the results table, driven from the keyboard.

A clerk types or scans and presses Enter without looking. A keystroke searches at once when no
search is running; keystrokes that arrive while one runs are coalesced into a single search of
the newest text when it returns (so results follow the typing with no deliberate pause, and a
scanner's burst costs two searches, not eighteen). Enter waits for the search of what is in the
box before opening its best hit. A lookup is written to the audit log once the user settles
(opens a profile, or stops typing for a while), never per keystroke.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from credit.domain.uscc import is_valid, looks_like_uscc
from desktop.errors import show_error
from desktop.models.results_model import AREA, CHIPS_ROLE, FLAGS, GRADE, NAME, USCC, ResultsModel
from desktop.ops import RunnerLike, Task
from desktop.widgets.badges import ChipsDelegate, ElideLeftDelegate, GradeDelegate
from desktop.widgets.search_widgets import ResultsTable, SearchField

if TYPE_CHECKING:  # the core (SQLAlchemy …) is imported by the worker that opens the store
    from credit.desk import Desk
    from credit.store.search import SearchResult

SETTLE_MS = 1500


class SearchPane(QWidget):
    """Results and notes; owns the field, which the main window places in its header.

    ``resultsShown(query)`` is emitted right after the model has been updated *and* the results
    viewport repainted synchronously, so keystroke → ``resultsShown`` includes the paint.
    ``searchStarted(query)`` is emitted when a search is handed to the runner.
    """

    searchStarted = Signal(str)
    resultsShown = Signal(str)
    openRequested = Signal(str, str)  # uscc, query
    searchRecorded = Signal(str)

    def __init__(
        self,
        runner: RunnerLike,
        desk: Desk | None = None,
        parent: QWidget | None = None,
        *,
        settle_ms: int = SETTLE_MS,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.desk = desk
        self.result: SearchResult | None = None
        self._seq = 0
        self._task: Task | None = None
        self._inflight: str | None = None
        self._open_when_ready = False
        self._settled = True

        self.field = SearchField()
        self.model = ResultsModel(self)
        self.notes = QLabel()
        self.notes.setObjectName("searchNotes")
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = self._make_table()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.notes)
        layout.addWidget(self.table, 1)

        self.settle = QTimer(self, singleShot=True, interval=settle_ms)
        self.settle.timeout.connect(self.record_settled)

        self.field.textChanged.connect(self._on_text)
        self.field.moveRequested.connect(self.move_selection)
        self.field.submitted.connect(self.submit)
        self.table.rowActivated.connect(self.open_row)
        self.table.clicked.connect(lambda index: self.open_row(index.row()))
        self.table.typed.connect(self._type_into_field)
        self.table.escaped.connect(self.focus_field)
        self._show_hint()

    def _make_table(self) -> ResultsTable:
        table = ResultsTable()
        table.setObjectName("resultsTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setItemDelegateForColumn(GRADE, GradeDelegate(table))
        table.setItemDelegateForColumn(FLAGS, ChipsDelegate(CHIPS_ROLE, table))
        table.setItemDelegateForColumn(AREA, ElideLeftDelegate(table))
        metrics = table.fontMetrics()
        rows = table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row measuring
        rows.setDefaultSectionSize(int(metrics.height() * 2.1))
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        widths = {
            USCC: metrics.horizontalAdvance("9" * 18) + 24,
            GRADE: metrics.horizontalAdvance("等级") + 24,
            FLAGS: metrics.horizontalAdvance("严重失信经营异常+2") + 5 * metrics.height(),
            AREA: metrics.horizontalAdvance("某某市某某区") + 16,
        }
        for col, width in widths.items():
            header.resizeSection(col, width)
        return table

    # -- wiring ---------------------------------------------------------------------------

    def set_desk(self, desk: Desk | None) -> None:
        self.desk = desk
        self.result = None
        if self.field.text().strip():
            self.search_now()

    def focus_field(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def _type_into_field(self, text: str) -> None:
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)
        self.field.insert(text)

    # -- searching ------------------------------------------------------------------------

    def _on_text(self, text: str) -> None:
        self._open_when_ready = False
        self.settle.stop()  # still typing: not settled on anything yet
        if not text.strip():
            self._cancel()
            self.result = None
            self.model.clear()
            self._show_hint()
            return
        if self._inflight is None or looks_like_uscc(text):
            self.search_now()  # idle, or a whole code: search at once
        # else: the running search, when it returns, starts one for the newest text

    def _follow_up(self) -> None:
        """After a search returned: search the box's text if typing went on meanwhile."""
        if self.field.text().strip() and not self._shown(self.field.text()):
            self.search_now()

    def search_now(self) -> None:
        """Search what is in the box now, unless that search is already shown or running."""
        query = self.field.text()
        if self.desk is None or not query.strip():
            return
        if query == self._inflight or (self._inflight is None and self._shown(query)):
            return
        self._cancel()
        self._seq += 1
        self._inflight = query
        desk = self.desk
        self.searchStarted.emit(query)
        self._task = self.runner.run(
            lambda task: desk.search(query, record=False),
            on_done=partial(self._on_result, self._seq),
            on_error=partial(self._on_error, self._seq),
        )

    def _shown(self, query: str) -> bool:
        return self.result is not None and self.result.query == query

    def _cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
        self._task = None
        self._inflight = None

    def _on_error(self, seq: int, exc: BaseException) -> None:
        if seq != self._seq:
            return
        self._inflight = None
        self._open_when_ready = False
        show_error(self.window(), exc)
        self._follow_up()

    def _on_result(self, seq: int, result: SearchResult) -> None:
        if seq != self._seq:
            return  # an older query answered late: the newer one wins
        self._task = None
        self._inflight = None
        self.result = result
        self._settled = False
        self.model.set_hits(result.query, result.hits)
        if result.hits:
            self._select(0)
        self._show_notes(result)
        if self.table.isVisible():
            self.table.viewport().repaint()
        self.resultsShown.emit(result.query)
        if self._open_when_ready:
            self._open_when_ready = False
            self.open_row(self._current_row())
        else:
            self.settle.start()
        self._follow_up()

    def _show_notes(self, result: SearchResult) -> None:
        lines = list(result.notes)
        if not result.hits and result.kind not in ("uscc", "qr"):
            lines.append(
                self.tr("没有找到与“{0}”匹配的主体。可以试试名称中的其他字词或拼音首字母。").format(
                    result.query.strip()[:40]
                )
            )
        elif result.hits and not lines:
            lines.append(self.tr("找到 %n 个主体", "", len(result.hits)))
        self.notes.setText("\n".join(lines))
        warn = not result.hits or (result.code is not None and not is_valid(result.code))
        self.notes.setProperty("warning", warn)
        self.notes.style().unpolish(self.notes)
        self.notes.style().polish(self.notes)

    def _show_hint(self) -> None:
        self.notes.setText(self.tr("可输入代码、名称、拼音首字母，或直接扫描营业执照二维码"))
        self.notes.setProperty("warning", False)

    # -- keyboard -------------------------------------------------------------------------

    def move_selection(self, delta: int) -> None:
        count = self.model.rowCount()
        if not count:
            return
        row = self._current_row()
        self._select(max(0, min(count - 1, row + delta)))

    def _select(self, row: int) -> None:
        index = self.model.index(row, NAME)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)

    def _current_row(self) -> int:
        index: QModelIndex = self.table.currentIndex()
        return index.row() if index.isValid() else 0

    def submit(self) -> None:
        """Enter in the field: open the selected (or best) hit of what is in the box."""
        query = self.field.text()
        if not query.strip():
            return
        if self._inflight is None and self._shown(query):
            self.open_row(self._current_row())
            return
        self._open_when_ready = True  # a scanner's Enter arrives before its search finished
        self.search_now()

    def open_row(self, row: int) -> None:
        hit = self.model.hit(row)
        if hit is None or self.result is None:
            self._record_if_unsettled()  # e.g. a code not in the local data: still accountable
            return
        self.settle.stop()
        self._settled = True  # desk.profile() records this lookup
        self.openRequested.emit(hit.uscc, self.result.query)

    # -- audit ----------------------------------------------------------------------------

    def record_settled(self) -> None:
        self._record_if_unsettled()

    def _record_if_unsettled(self) -> None:
        self.settle.stop()
        result, desk = self.result, self.desk
        if self._settled or result is None or desk is None:
            return
        self._settled = True
        self.runner.run(
            lambda task: desk.record_search(result),
            on_done=lambda _: self.searchRecorded.emit(result.query),
        )
