"""A pad to sign on with mouse, pen or finger: strokes in, strokes out.

The pad keeps the strokes (points in its own logical coordinates), which is what the draft
stores; the core renders them into the PNG printed on the record, so nothing here needs to be
saved as an image.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen, QTabletEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

PAD_SIZE = QSize(420, 140)


class SignaturePad(QWidget):
    """``changed`` after every finished stroke and after :meth:`clear`."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signaturePad")
        self.setFixedSize(PAD_SIZE)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setToolTip(self.tr("请被检查单位现场负责人在此签名"))
        self._strokes: list[list[tuple[float, float]]] = []
        self._current: list[tuple[float, float]] | None = None
        self.read_only = False

    # -- data ----------------------------------------------------------------------------

    def signature(self) -> dict[str, Any] | None:
        """What the draft stores: the pad size and the strokes, or None when nothing is drawn."""
        if not self._strokes:
            return None
        return {
            "width": self.width(),
            "height": self.height(),
            "strokes": [[[round(x, 1), round(y, 1)] for x, y in s] for s in self._strokes],
        }

    def set_signature(self, signature: dict[str, Any] | None) -> None:
        self._strokes = []
        if signature:
            sx = self.width() / max(1, int(signature.get("width") or self.width()))
            sy = self.height() / max(1, int(signature.get("height") or self.height()))
            self._strokes = [
                [(float(x) * sx, float(y) * sy) for x, y in s] for s in signature.get("strokes") or []
            ]
        self.update()

    def is_empty(self) -> bool:
        return not self._strokes

    def clear(self) -> None:
        if self._strokes:
            self._strokes = []
            self.update()
            self.changed.emit()

    def add_stroke(self, points: list[tuple[float, float]]) -> None:
        """A finished stroke (what a drag draws): for scripted input and tests."""
        if points:
            self._strokes.append(list(points))
            self.update()
            self.changed.emit()

    # -- input ---------------------------------------------------------------------------

    def _begin(self, pos: QPointF) -> None:
        if not self.read_only:
            self._current = [(pos.x(), pos.y())]
            self._strokes.append(self._current)

    def _extend(self, pos: QPointF) -> None:
        if self._current is not None:
            x = min(max(pos.x(), 0.0), float(self.width()))
            y = min(max(pos.y(), 0.0), float(self.height()))
            self._current.append((x, y))
            self.update()

    def _end(self) -> None:
        if self._current is not None:
            self._current = None
            self.update()
            self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._end()

    def tabletEvent(self, event: QTabletEvent) -> None:
        kind = event.type()
        if kind == QTabletEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QTabletEvent.Type.TabletMove:
            self._extend(event.position())
        elif kind == QTabletEvent.Type.TabletRelease:
            self._end()
        event.accept()

    # -- painting ------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        painter.setPen(QPen(QColor("#c8c8c8"), 1, Qt.PenStyle.DashLine))
        base = self.height() - 28
        painter.drawLine(16, base, self.width() - 16, base)
        if not self._strokes:
            painter.setPen(QColor("#9a9a9a"))
            painter.drawText(
                self.rect().adjusted(0, 0, 0, -34), Qt.AlignmentFlag.AlignCenter, self.tr("在此签名")
            )
        painter.setPen(QPen(QColor("#1a1a1a"), 2.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))  # fmt: skip
        for stroke in self._strokes:
            if len(stroke) == 1:
                painter.drawPoint(QPointF(*stroke[0]))
                continue
            path = QPainterPath(QPointF(*stroke[0]))
            for x, y in stroke[1:]:
                path.lineTo(x, y)
            painter.drawPath(path)
        painter.setPen(QColor("#c8c8c8"))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()
