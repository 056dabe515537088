"""Search hits as a table: name, USCC, grade badge, flag chips, area.

Deregistered entities stay in the list (the clerk must see that the applicant's company is
gone) but are greyed and carry a chip saying so; the core already ranks them last.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QPalette

from desktop.core_labels import chip
from desktop.formatting import listed
from desktop.widgets.badges import grade_text, status_chip

if TYPE_CHECKING:  # the core (SQLAlchemy …) is imported by the worker that opens the store
    from credit.store.search import Hit

Index = QModelIndex | QPersistentModelIndex

CHIPS_ROLE = Qt.ItemDataRole.UserRole + 1
HIT_ROLE = Qt.ItemDataRole.UserRole + 2

NAME, USCC, GRADE, FLAGS, AREA = range(5)


def chips_for(hit: Hit) -> list[str]:
    chips = list(hit.flags)
    if not hit.active:
        chips.append(status_chip(hit.status))
    return chips


class ResultsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.hits: list[Hit] = []
        self.query = ""
        self._headers = [
            self.tr("名称"),
            self.tr("统一社会信用代码"),
            self.tr("等级"),
            self.tr("标记"),
            self.tr("所属区划"),
        ]

    def set_hits(self, query: str, hits: list[Hit]) -> None:
        self.beginResetModel()
        self.query = query
        self.hits = list(hits)
        self.endResetModel()

    def clear(self) -> None:
        self.set_hits("", [])

    def hit(self, row: int) -> Hit | None:
        return self.hits[row] if 0 <= row < len(self.hits) else None

    # -- Qt model API ---------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt idiom
        return 0 if parent.isValid() else len(self.hits)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt idiom
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        hit = self.hit(index.row())
        if hit is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(hit, col)
        if role == CHIPS_ROLE and col == FLAGS:
            return chips_for(hit)
        if role == HIT_ROLE:
            return hit
        if role == Qt.ItemDataRole.ForegroundRole and not hit.active:
            return QGuiApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(hit)
        if role == Qt.ItemDataRole.AccessibleTextRole and col in (GRADE, FLAGS):
            return self._display(hit, col)
        return None

    def _display(self, hit: Hit, col: int) -> str | None:
        if col == NAME:
            return hit.name
        if col == USCC:
            return hit.uscc
        if col == GRADE:
            return hit.grade or ""
        if col == FLAGS:
            return listed(chip(c) for c in chips_for(hit))  # for copy and screen readers; painted as chips
        if col == AREA:
            return hit.division_name or ""
        return None

    def _tooltip(self, hit: Hit) -> str:
        lines = [hit.name, hit.uscc, self.tr("登记状态：{0}").format(hit.status)]
        if hit.legal_rep:
            lines.append(self.tr("法定代表人（负责人）：{0}").format(hit.legal_rep))
        lines.append(self.tr("信用等级：{0}").format(grade_text(hit.grade)))
        return "\n".join(lines)
