"""A verdict badge in a table cell: the word always drawn, the colour only a hint.

The model hands over (text, fill, ink) under a role; the delegate paints it as a rounded pill
like the grade badges and list chips (:mod:`desktop.widgets.badges`), so a 限制办理 in the batch
table looks like the one in the single check.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyleOptionViewItem, QWidget

from desktop.widgets.badges import Index, _PaintedDelegate, _pill, pill_width


class BadgeDelegate(_PaintedDelegate):
    """Paints the (text, fill, ink) found under ``role``, left-aligned in the cell."""

    def __init__(self, role: int, view: QWidget) -> None:
        super().__init__(view)
        self.role = role

    def paint_content(self, painter: QPainter, cell: QRect, index: Index) -> None:
        value = index.data(self.role)
        if not value:
            return
        text, fill, ink = value
        metrics = painter.fontMetrics()
        height = metrics.height() + 2
        rect = QRect(cell.left() + 6, 0, pill_width(metrics, text), height)
        rect.moveTop(cell.center().y() - height // 2)
        _pill(painter, rect, text, fill, ink)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        metrics = option.fontMetrics
        value = index.data(self.role)
        text = value[0] if value else ""
        return QSize(pill_width(metrics, text) + 12, metrics.height() + 12)
