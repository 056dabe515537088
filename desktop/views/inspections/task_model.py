"""The task list as a Qt model, and the filters the inspector narrows it with.

Rows are :class:`credit.inspections.tasks.TaskRow` objects computed on the worker; the model only
presents them. Status is shown as chips (待检查 / 检查中 / 已检查, and 已逾期, 发现问题 or a
rectification state when they apply).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QGuiApplication, QPalette

from desktop.core_labels import chip
from desktop.formatting import listed
from desktop.models.results_model import CHIPS_ROLE

if TYPE_CHECKING:
    from credit.inspections.tasks import TaskRow

Index = QModelIndex | QPersistentModelIndex
TASK_ROLE = Qt.ItemDataRole.UserRole + 10
SEQ, NAME, USCC, GRADE, AREA, INSPECTORS, STATUS, DUE = range(8)
DUE_SOON_DAYS = 7


def chips(row: TaskRow) -> list[str]:
    """The core's words (the chip delegate colours by them and shows them translated)."""
    out = [row.status_label]
    if row.overdue:
        out.append("已逾期")
    if row.problem and not row.rectification:  # an order's state says more than "a problem"
        out.append("发现问题")
    if row.rectification:
        from credit.inspections.followup import STATES  # the core's words for an order's state

        out.append(STATES[row.rectification])
    return out


class TaskModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[TaskRow] = []
        self._headers = [
            self.tr("序号"),
            self.tr("主体名称"),
            self.tr("统一社会信用代码"),
            self.tr("等级"),
            self.tr("区划"),
            self.tr("执法人员"),
            self.tr("状态"),
            self.tr("完成期限"),
        ]

    def set_rows(self, rows: list[TaskRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def task(self, row: int) -> TaskRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, task_id: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == task_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt idiom
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt idiom
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.task(index.row())
        if row is None:
            return None
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(row, col)
        if role == CHIPS_ROLE and col == STATUS:
            return chips(row)
        if role == TASK_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and col == SEQ:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and row.status == "done" and col != STATUS:
            return QGuiApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(filter(None, [row.entity_name, row.uscc, row.address]))
        return None

    def _display(self, row: TaskRow, col: int) -> str:
        if col == SEQ:
            return str(row.seq)
        if col == NAME:
            return row.entity_name
        if col == USCC:
            return row.uscc
        if col == GRADE:
            return row.grade or ""
        if col == AREA:
            return row.division_name or row.division_code or ""
        if col == INSPECTORS:
            return listed(i["name"] for i in row.inspectors) or self.tr("未分配")
        if col == STATUS:
            return listed(chip(c) for c in chips(row))
        if col == DUE:
            return row.due or ""
        return ""


class TaskFilter(QSortFilterProxyModel):
    """Area (division code), status and due filters, plus free text over name and code."""

    STATUS_FILTERS = ("all", "todo", "draft", "done", "problem", "followup")
    DUE_FILTERS = ("all", "overdue", "soon", "later")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.area = ""
        self.status = "all"
        self.due = "all"
        self.text = ""
        self.today = date.today()

    def set_filters(
        self,
        *,
        area: str | None = None,
        status: str | None = None,
        due: str | None = None,
        text: str | None = None,
    ) -> None:
        changing = hasattr(self, "beginFilterChange")  # Qt 6.9+; invalidateFilter() is deprecated there
        if changing:
            self.beginFilterChange()
        self.area = self.area if area is None else area
        self.status = self.status if status is None else status
        self.due = self.due if due is None else due
        self.text = self.text if text is None else text.strip()
        if changing:
            self.endFilterChange()
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, TaskModel)
        row = model.task(source_row)
        if row is None:
            return False
        if self.area and row.division_code != self.area:
            return False
        if self.status == "problem" and not row.problem:
            return False
        if self.status == "followup" and row.rectification not in ("overdue", "not_rectified", "open"):
            return False
        if self.status in ("todo", "draft", "done") and row.status != self.status:
            return False
        if self.due != "all":
            due = date.fromisoformat(row.due) if row.due else None
            if self.due == "overdue" and not row.overdue:
                return False
            soon = (
                due is not None
                and row.status != "done"
                and self.today <= due <= self.today + timedelta(DUE_SOON_DAYS)
            )
            if self.due == "soon" and not soon:
                return False
            if self.due == "later" and (due is None or due <= self.today + timedelta(DUE_SOON_DAYS)):
                return False
        return not self.text or self.text in row.entity_name or self.text.upper() in row.uscc
