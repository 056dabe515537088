"""Commitments as a table: the search list and the due/overdue list share one model.

Rows are the core's commitment dicts (:mod:`credit.commitments`); the columns to show are
chosen per view. The 履行状态 and, for the due list, the days left or overdue are painted as
badges (word always drawn) by :class:`~desktop.widgets.verdict_badge.BadgeDelegate`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from desktop.core_labels import term
from desktop.formatting import listed, named
from desktop.widgets.badges import AMBER, GRADE_COLOURS, GREY, RED

Index = QModelIndex | QPersistentModelIndex

BADGE_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
BADGE_COLUMNS = ("state", "status")


def column_title(key: str) -> str:
    titles = {
        "state": QCoreApplication.translate("Commitments", "到期情况"),
        "code": QCoreApplication.translate("Commitments", "承诺编码"),
        "committer_name": QCoreApplication.translate("Commitments", "承诺人"),
        "committer_code": QCoreApplication.translate("Commitments", "代码"),
        "commitment_type": QCoreApplication.translate("Commitments", "承诺类型"),
        "made_on": QCoreApplication.translate("Commitments", "作出日期"),
        "deadline": QCoreApplication.translate("Commitments", "补齐期限"),
        "materials": QCoreApplication.translate("Commitments", "待补材料"),
        "status": QCoreApplication.translate("Commitments", "履行状态"),
        "reason": QCoreApplication.translate("Commitments", "承诺事由"),
    }
    return titles[key]


def status_badge(row: dict[str, Any]) -> tuple[str, str, str]:
    """履行状态: 待认定 grey, 全部履行 green, a breach red."""
    value = row.get("fulfilment")
    if not value:
        return (QCoreApplication.translate("Commitments", "待认定"), *GREY)
    from desktop.windows.fulfilment_conflict import fulfilment_word

    fill = GRADE_COLOURS["A"] if value == "全部履行" else RED
    return (fulfilment_word(value), *fill)


class DueDays(QObject):
    """Working-day counts, singular or plural in English ("1 working day left"): lupdate gives a
    plural form only to ``self.tr`` with a count, not to ``QCoreApplication.translate``."""

    def overdue(self, n: int) -> str:
        return self.tr("逾期 %n 个工作日", "", n)

    def left(self, n: int) -> str:
        return self.tr("剩余 %n 个工作日", "", n)


_DAYS = DueDays()


def due_badge(row: dict[str, Any]) -> tuple[str, str, str] | None:
    """Working days overdue (red) or left (amber), for rows of the due/overdue list."""
    if "working_days_overdue" in row:
        n = row["working_days_overdue"]
        if n is None:  # the calendar cannot count that far: say it is late, not how late
            return (QCoreApplication.translate("Commitments", "已逾期"), *RED)
        return (_DAYS.overdue(n), *RED)
    if "working_days_left" in row:
        n = row["working_days_left"]
        if n == 0:
            return (QCoreApplication.translate("Commitments", "今日到期"), *AMBER)
        if n is None:
            return (QCoreApplication.translate("Commitments", "即将到期"), *AMBER)
        return (_DAYS.left(n), *AMBER)
    return None


class CommitmentsModel(QAbstractTableModel):
    def __init__(self, columns: tuple[str, ...], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> dict[str, Any] | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def find(self, code: str) -> int:
        return next((n for n, r in enumerate(self.rows) if r["code"] == code), -1)

    # -- Qt model API ---------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt idiom
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt idiom
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return column_title(self.columns[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row())
        if row is None:
            return None
        key = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if key in BADGE_COLUMNS:
                found = self._badge(row, key)
                return found[0] if found else ""
            return self._display(row, key)
        if role == BADGE_ROLE and key in BADGE_COLUMNS:
            return self._badge(row, key)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        return None

    @staticmethod
    def _badge(row: dict[str, Any], key: str) -> tuple[str, str, str] | None:
        return due_badge(row) if key == "state" else status_badge(row)

    @staticmethod
    def _display(row: dict[str, Any], key: str) -> str:
        if key == "materials":
            return listed(row.get("missing_materials") or [])
        if key == "commitment_type":
            return term(row[key])
        value = row.get(key)
        return "" if value is None else str(value)

    @staticmethod
    def _tooltip(row: dict[str, Any]) -> str:
        lines = [
            f"{row['code']} · {term(row['commitment_type'])}",
            named(row["committer_name"], row["committer_code"]),
            QCoreApplication.translate("Commitments", "承诺事由：{0}").format(row["reason"]),
        ]
        if row.get("deadline"):
            deadline = QCoreApplication.translate("Commitments", "补齐期限：{0}")
            lines.append(deadline.format(row["deadline"]))
        return "\n".join(lines)
