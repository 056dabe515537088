"""The rows of a batch check as a table model: 10,000 rows cost one Python list, not 10,000 widgets.

Each row shows its number in the input file, the input as it was, the registered name, the
verdict (a badge painted by :class:`~desktop.widgets.verdict_badge.VerdictDelegate`) and the
reasons in one line; rows that could not be checked say why instead of a verdict. A proxy
narrows the table to the rows that need a second look.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QGuiApplication, QPalette

from desktop.views.verdict_widget import verdict_colours, verdict_word
from desktop.widgets.badges import GREY

if TYPE_CHECKING:  # the core (SQLAlchemy …) is imported by the worker that runs the batch
    from credit.batch_check import BatchResult, BatchRow

Index = QModelIndex | QPersistentModelIndex

#: (text, fill, ink) of the badge in the verdict column.
BADGE_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

ROW, INPUT, NAME, VERDICT, REASONS = range(5)

#: Filter modes of :class:`BatchFilter`.
ALL, ATTENTION, FLAGGED = "all", "attention", "flagged"


class BatchModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.result: BatchResult | None = None
        self.rows: list[BatchRow] = []
        self._headers = [
            self.tr("行号"),
            self.tr("输入内容"),
            self.tr("名称"),
            self.tr("核查结论"),
            self.tr("原因 / 说明"),
        ]

    def set_result(self, result: BatchResult | None) -> None:
        self.beginResetModel()
        self.result = result
        self.rows = list(result.rows) if result is not None else []
        self.endResetModel()

    def row_at(self, row: int) -> BatchRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    # -- Qt model API ---------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt idiom
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt idiom
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r = self.row_at(index.row())
        if r is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == BADGE_ROLE and col == VERDICT:
            return badge(r)
        if role == ROW_ROLE:
            return r
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(r)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == ROW:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and r.status != "ok" and col != VERDICT:
            return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None

    def _display(self, r: BatchRow, col: int) -> str | None:
        if col == ROW:
            return str(r.row)
        if col == INPUT:
            return r.input
        if col == NAME:
            return r.name
        if col == VERDICT:
            return badge(r)[0]  # for copying and screen readers; painted as a badge
        if col == REASONS:
            return r.explanation
        return None

    def _tooltip(self, r: BatchRow) -> str:
        lines = [self.tr("第 {0} 行：{1}").format(r.row, r.input or self.tr("（空）"))]
        if r.uscc and r.uscc != r.input:
            lines.append(self.tr("统一社会信用代码：{0}").format(r.uscc))
        if r.name:
            lines.append(r.name)
        lines += r.reasons or [r.explanation]
        if r.reason and r.reasons:
            lines.append(r.reason)
        if r.verification_code:
            lines.append(self.tr("核验码：{0}").format(r.verification_code))
        return "\n".join(lines)


def status_word(status: str) -> str:
    """What kept a row from being checked (the core's statuses), in the user's language."""
    words = {
        "ok": QCoreApplication.translate("BatchModel", "已核查"),
        "invalid": QCoreApplication.translate("BatchModel", "代码格式错误"),
        "checksum": QCoreApplication.translate("BatchModel", "校验位不符"),
        "unknown": QCoreApplication.translate("BatchModel", "本地无此主体"),
        "duplicate": QCoreApplication.translate("BatchModel", "重复"),
    }
    return words.get(status, status)


def badge(r: BatchRow) -> tuple[str, str, str]:
    """The verdict's word and colours, or what kept the row from being checked, in grey."""
    if r.verdict:
        return (verdict_word(r.verdict), *verdict_colours(r.verdict))
    return (status_word(r.status), *GREY)


class BatchFilter(QSortFilterProxyModel):
    """All rows, the rows whose verdict is not 通过 (flagged ones included), or flagged rows only."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.mode = ALL

    def set_mode(self, mode: str) -> None:
        self.beginFilterChange()
        self.mode = mode
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self.mode == ALL:
            return True
        model = self.sourceModel()
        assert isinstance(model, BatchModel)
        r = model.row_at(source_row)
        if r is None:
            return False
        if self.mode == FLAGGED:
            return r.status != "ok"
        return r.status != "ok" or r.verdict != "pass"
