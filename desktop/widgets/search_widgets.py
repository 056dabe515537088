"""The keyboard side of searching: the search box and the results table.

A clerk's hands stay on the keyboard (or a scanner types for them): arrows and Enter in the box
drive the results, and typing while the table has focus goes back into the box.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QTableView, QWidget

_MOVES: dict[Qt.Key, int] = {
    Qt.Key.Key_Up: -1,
    Qt.Key.Key_Down: 1,
    Qt.Key.Key_PageUp: -10,
    Qt.Key.Key_PageDown: 10,
}
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class SearchField(QLineEdit):
    """The one search box; arrows and Enter drive the results without leaving it."""

    moveRequested = Signal(int)
    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchField")
        self.setPlaceholderText(self.tr("输入统一社会信用代码、名称或拼音首字母…"))
        self.setClearButtonEnabled(True)
        self.setMaxLength(2000)  # a licence-QR URL is long; a runaway scanner is not

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key in _MOVES and not event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self.moveRequested.emit(_MOVES[key])
        elif key in _ENTER:
            self.submitted.emit()
        elif key == Qt.Key.Key_Escape and self.text():
            self.clear()
        else:
            super().keyPressEvent(event)


class ResultsTable(QTableView):
    """Enter opens the row; typing goes back to the search field."""

    rowActivated = Signal(int)
    typed = Signal(str)
    escaped = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _ENTER and self.currentIndex().isValid():
            self.rowActivated.emit(self.currentIndex().row())
        elif event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
        elif (
            event.text().isprintable()
            and event.text()
            and not event.modifiers()
            & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        ):
            self.typed.emit(event.text())
        else:
            super().keyPressEvent(event)
