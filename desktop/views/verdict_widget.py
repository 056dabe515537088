"""The verdict of a window check at a glance: a coloured banner with an icon and the word.

Colour is only a hint: the word (通过 / 提示关注 / 限制办理 / 禁止办理) is always drawn, and each
verdict has its own icon shape (tick, exclamation mark, bar, cross), so the banner reads the same
in grey scale, for colour-blind users and on a dark palette.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from desktop.widgets.badges import AMBER, GRADE_COLOURS, RED

#: (fill, text) per verdict; 限制办理 sits between the amber of 提示关注 and the red of 禁止办理.
VERDICT_COLOURS: dict[str, tuple[str, str]] = {
    "pass": GRADE_COLOURS["A"],
    "caution": AMBER,
    "restricted": ("#d84315", "#ffffff"),
    "prohibited": RED,
}


def verdict_word(verdict: str) -> str:
    words = {
        "pass": QCoreApplication.translate("Verdict", "通过"),
        "caution": QCoreApplication.translate("Verdict", "提示关注"),
        "restricted": QCoreApplication.translate("Verdict", "限制办理"),
        "prohibited": QCoreApplication.translate("Verdict", "禁止办理"),
    }
    return words.get(verdict, verdict)


def verdict_colours(verdict: str) -> tuple[str, str]:
    return VERDICT_COLOURS.get(verdict, ("#8a8a8a", "#ffffff"))


class VerdictIcon(QWidget):
    """A ring in the banner's text colour with the verdict's own mark inside."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verdict = "pass"
        self.colour = QColor("#ffffff")
        side = int(self.fontMetrics().height() * 2.6)
        self.setFixedSize(QSize(side, side))

    def set_verdict(self, verdict: str, colour: str) -> None:
        self.verdict, self.colour = verdict, QColor(colour)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        side = min(self.width(), self.height())
        width = max(2.0, side / 11)
        ring = QRectF(width, width, side - 2 * width, side - 2 * width)
        c = ring.center()
        r = ring.width() / 2
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(
            self.colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin
        )
        painter.setPen(pen)
        painter.drawEllipse(ring)
        path = QPainterPath()
        if self.verdict == "pass":
            path.moveTo(c + QPointF(-0.45 * r, 0.02 * r))
            path.lineTo(c + QPointF(-0.12 * r, 0.35 * r))
            path.lineTo(c + QPointF(0.48 * r, -0.3 * r))
        elif self.verdict == "caution":
            path.moveTo(c + QPointF(0, -0.5 * r))
            path.lineTo(c + QPointF(0, 0.12 * r))
            painter.setBrush(self.colour)
            painter.drawEllipse(c + QPointF(0, 0.45 * r), width * 0.6, width * 0.6)
            painter.setBrush(Qt.BrushStyle.NoBrush)
        elif self.verdict == "restricted":
            path.moveTo(c + QPointF(-0.5 * r, 0))
            path.lineTo(c + QPointF(0.5 * r, 0))
        else:
            d = 0.38 * r
            path.moveTo(c + QPointF(-d, -d))
            path.lineTo(c + QPointF(d, d))
            path.moveTo(c + QPointF(d, -d))
            path.lineTo(c + QPointF(-d, d))
        painter.drawPath(path)
        painter.end()


class VerdictBanner(QFrame):
    """Icon, the verdict word in large bold type, and one line saying what was checked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdictBanner")
        self.setAutoFillBackground(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.verdict = ""
        self.icon = VerdictIcon()
        self.word = QLabel()
        self.word.setObjectName("verdictWord")
        font = self.word.font()
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.word.setFont(font)
        self.subject = QLabel()
        self.subject.setObjectName("verdictSubject")
        self.subject.setWordWrap(True)
        self.subject.setTextFormat(Qt.TextFormat.PlainText)
        self.subject.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.word)
        text.addWidget(self.subject)
        layout = QHBoxLayout(self)
        margin = self.fontMetrics().height()
        layout.setContentsMargins(margin, margin * 2 // 3, margin, margin * 2 // 3)
        layout.setSpacing(margin)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(text, 1)

    def set_verdict(self, verdict: str, subject: str) -> None:
        self.verdict = verdict
        fill, fg = verdict_colours(verdict)
        pal = self.palette()
        for role in (pal.ColorRole.Window, pal.ColorRole.Base):
            pal.setColor(role, QColor(fill))
        for role in (pal.ColorRole.WindowText, pal.ColorRole.Text):
            pal.setColor(role, QColor(fg))
        self.setPalette(pal)
        for label in (self.word, self.subject):
            label.setPalette(pal)
        self.icon.set_verdict(verdict, fg)
        self.word.setText(verdict_word(verdict))
        self.subject.setText(subject)
        self.setAccessibleName(verdict_word(verdict))
