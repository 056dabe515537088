"""Grade badges and flag chips: colour as a hint, the letter or word always drawn.

The same colours are used by the item delegates (results list) and by the profile HTML, so a
red "D" looks the same everywhere. Fills are saturated enough to read on light and dark
palettes, with a text colour chosen per fill for contrast.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop import core_labels

Index = QModelIndex | QPersistentModelIndex

#: (fill, text) per credit grade.
GRADE_COLOURS: dict[str, tuple[str, str]] = {
    "A": ("#2e7d32", "#ffffff"),
    "B": ("#1565c0", "#ffffff"),
    "C": ("#f2b200", "#1a1a1a"),
    "D": ("#c62828", "#ffffff"),
}
RED = ("#c62828", "#ffffff")
AMBER = ("#f2b200", "#1a1a1a")
GREY = ("#8a8a8a", "#ffffff")

#: Chip colours by the chip's text (the core's flag labels plus registration states).
CHIP_COLOURS: dict[str, tuple[str, str]] = {
    "严重失信": RED,
    "失信被执行人": RED,
    "重点关注": AMBER,
    "经营异常": AMBER,
    # inspection tasks and rectification orders
    "已检查": ("#2e7d32", "#ffffff"),
    "已整改": ("#2e7d32", "#ffffff"),
    "逾期整改": AMBER,
    "检查中": ("#1565c0", "#ffffff"),
    "整改期内": ("#1565c0", "#ffffff"),
    "已逾期": RED,
    "发现问题": RED,
    "逾期未整改": RED,
    "复查未整改": RED,
}

#: Registration states that take an entity out of business, and their chip text.
INACTIVE_CHIPS = {"吊销": "已吊销", "注销": "已注销", "撤销": "已撤销", "迁出": "已迁出"}


def chip_colours(text: str) -> tuple[str, str]:
    return CHIP_COLOURS.get(text, GREY)


def status_chip(status: str) -> str:
    """已注销/已吊销 … for a registration state that is not 存续 (吊销未注销 reads 已吊销)."""
    for word, chip in INACTIVE_CHIPS.items():
        if word in status:
            return chip
    return status


def grade_text(grade: str | None) -> str:
    return grade if grade in GRADE_COLOURS else QCoreApplication.translate("Badges", "未评")


def _pill(painter: QPainter, rect: QRect, text: str, fill: str, fg: str) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(fill))
    radius = min(rect.height() / 2, 6.0)
    painter.drawRoundedRect(rect, radius, radius)
    painter.setPen(QColor(fg))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


def pill_width(metrics: QFontMetrics, text: str) -> int:
    return metrics.horizontalAdvance(text) + metrics.height()


def paint_grade(painter: QPainter, cell: QRect, grade: str | None) -> None:
    metrics = painter.fontMetrics()
    height = metrics.height() + 4
    if grade not in GRADE_COLOURS:
        painter.setPen(QApplication.palette().color(QApplication.palette().ColorRole.PlaceholderText))
        painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, grade_text(grade))
        return
    assert grade is not None
    font = painter.font()
    font.setBold(True)
    painter.setFont(font)
    side = max(height, QFontMetrics(font).horizontalAdvance("W") + 10)
    rect = QRect(0, 0, side, height)
    rect.moveCenter(cell.center())
    _pill(painter, rect, grade, *GRADE_COLOURS[grade])


def paint_chips(painter: QPainter, cell: QRect, chips: list[str]) -> None:
    """Chips left to right, each in the user's language and coloured by the core's word; the ones
    that do not fit become "+n"."""
    metrics = painter.fontMetrics()
    height = metrics.height() + 2
    gap = 4
    x = cell.left() + gap
    right = cell.right() - gap
    for n, word in enumerate(chips):
        text = core_labels.chip(word)
        width = pill_width(metrics, text)
        rest = len(chips) - n - 1
        reserve = pill_width(metrics, f"+{rest}") + gap if rest else 0
        if x + width + reserve > right:
            more = f"+{len(chips) - n}"
            rect = QRect(x, 0, pill_width(metrics, more), height)
            rect.moveTop(cell.center().y() - height // 2)
            _pill(painter, rect, more, *GREY)
            return
        rect = QRect(x, 0, width, height)
        rect.moveTop(cell.center().y() - height // 2)
        _pill(painter, rect, text, *chip_colours(word))
        x += width + gap


class _PaintedDelegate(QStyledItemDelegate):
    """Draws the item's background (selection, hover) and then the content ``paint_content``."""

    def __init__(self, view: QWidget) -> None:
        super().__init__(view)
        self.view = view

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        self.view.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, self.view)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(opt.font)
        self.paint_content(painter, opt.rect, index)
        painter.restore()

    def paint_content(self, painter: QPainter, cell: QRect, index: Index) -> None:
        """Subclasses draw the cell's content here; the background is already painted."""


class GradeDelegate(_PaintedDelegate):
    def paint_content(self, painter: QPainter, cell: QRect, index: Index) -> None:
        paint_grade(painter, cell, index.data(Qt.ItemDataRole.DisplayRole) or None)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        metrics = option.fontMetrics
        return QSize(metrics.horizontalAdvance(grade_text(None)) + 24, metrics.height() + 12)


class ChipsDelegate(_PaintedDelegate):
    """Paints the list of strings found under ``role``."""

    def __init__(self, role: int, view: QWidget) -> None:
        super().__init__(view)
        self.role = role

    def paint_content(self, painter: QPainter, cell: QRect, index: Index) -> None:
        paint_chips(painter, cell, list(index.data(self.role) or []))

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        metrics = option.fontMetrics
        chips = list(index.data(self.role) or [])
        width = sum(pill_width(metrics, core_labels.chip(c)) + 4 for c in chips) + 8
        return QSize(width, metrics.height() + 12)


class ElideLeftDelegate(QStyledItemDelegate):
    """Keeps the end of the text: for an area, the county matters more than the province."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideLeft
