"""Two versions of one commitment's fulfilment, side by side, and the user decides.

Shown when the record changed while someone was editing it (another clerk, or the inspector's
laptop after a sync). Nothing is overwritten silently: the user keeps their edit (it is then
resubmitted on the stored version), takes the stored one, or picks field by field.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.core_labels import term

#: The fields a fulfilment edit changes, in the order the form shows them.
FIELDS = ("fulfilment", "determined_on", "determining_unit", "unmet_content", "liability_pursued")

MINE, STORED, MERGE = "mine", "stored", "merge"
_CHANGED = "QLabel { background: #fff4cc; color: #1a1a1a; border: 1px solid #f2b200; padding: 4px; }"
_SAME = "QLabel { padding: 4px; }"


def field_label(key: str) -> str:
    labels = {
        "fulfilment": QCoreApplication.translate("Fulfilment", "履行状态"),
        "determined_on": QCoreApplication.translate("Fulfilment", "状态认定日期"),
        "determining_unit": QCoreApplication.translate("Fulfilment", "认定单位"),
        "unmet_content": QCoreApplication.translate("Fulfilment", "未履行内容"),
        "liability_pursued": QCoreApplication.translate("Fulfilment", "违诺责任追究内容"),
    }
    return labels[key]


def fulfilment_word(value: str) -> str:
    """履行状态 as the user reads it (the stored values are the reference's Chinese terms)."""
    return term(value)


def _value(value: Any, key: str) -> str:
    text = "" if value is None else str(value).strip()
    if key == "fulfilment":
        text = fulfilment_word(text)
    return text or QCoreApplication.translate("Fulfilment", "（空）")


def _same(a: Any, b: Any) -> bool:
    return (a or None) == (b or None)


class ConflictDialog(QDialog):
    """``choice`` is :data:`MINE`, :data:`STORED` or :data:`MERGE` once the user has decided
    (``None`` when they went back to the form); :meth:`resolved` gives the values to use."""

    def __init__(
        self,
        stored: dict[str, Any],
        mine: dict[str, Any],
        base_version: int,
        reason: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.stored, self.mine, self.base_version = stored, mine, base_version
        self.choice: str | None = None
        self.groups: dict[str, QButtonGroup] = {}
        self.setWindowTitle(self.tr("承诺已被他人修改"))
        self.setMinimumWidth(760)

        intro = QLabel(reason)
        intro.setObjectName("conflictReason")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        hint = QLabel(
            self.tr(
                "黄色为两版不同之处。可保留您的修改（将基于第 {0} 版重新提交），"
                "采用当前记录（放弃您的修改），或在右列逐项选择后合并。"
            ).format(stored["version"])
        )
        hint.setWordWrap(True)

        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        heads = [
            "",
            self.tr("当前记录（第 {0} 版）").format(stored["version"]),
            self.tr("您的修改（基于第 {0} 版）").format(base_version),
            self.tr("合并时采用"),
        ]
        for col, text in enumerate(heads):
            head = QLabel(text)
            font = head.font()
            font.setBold(True)
            head.setFont(font)
            grid.addWidget(head, 0, col)
        self.cells: dict[str, tuple[QLabel, QLabel]] = {}
        for row, key in enumerate(FIELDS, start=1):
            differs = not _same(stored.get(key), mine.get(key))
            label = QLabel(field_label(key))
            theirs = QLabel(_value(stored.get(key), key))
            ours = QLabel(_value(mine.get(key), key))
            for cell in (theirs, ours):
                cell.setWordWrap(True)
                cell.setTextFormat(Qt.TextFormat.PlainText)
                cell.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                cell.setStyleSheet(_CHANGED if differs else _SAME)
            theirs.setObjectName(f"stored_{key}")
            ours.setObjectName(f"mine_{key}")
            self.cells[key] = (theirs, ours)
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(theirs, row, 1)
            grid.addWidget(ours, row, 2)
            if differs:
                pick = QWidget()
                pick_row = QHBoxLayout(pick)
                pick_row.setContentsMargins(0, 0, 0, 0)
                group = QButtonGroup(self)
                take_theirs = QRadioButton(self.tr("当前"))
                take_ours = QRadioButton(self.tr("我的"))
                take_theirs.setObjectName(f"pick_stored_{key}")
                take_ours.setObjectName(f"pick_mine_{key}")
                take_ours.setChecked(True)
                group.addButton(take_theirs, 0)
                group.addButton(take_ours, 1)
                pick_row.addWidget(take_theirs)
                pick_row.addWidget(take_ours)
                pick_row.addStretch(1)
                self.groups[key] = group
                grid.addWidget(pick, row, 3, Qt.AlignmentFlag.AlignTop)
            else:
                grid.addWidget(QLabel(self.tr("相同")), row, 3, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(grid_host)

        buttons = QDialogButtonBox()
        self.keep_button = QPushButton(self.tr("保留我的修改"))
        self.keep_button.setObjectName("keepMine")
        self.keep_button.setToolTip(self.tr("基于第 {0} 版重新提交您的修改").format(stored["version"]))
        self.take_button = QPushButton(self.tr("采用当前记录"))
        self.take_button.setObjectName("takeStored")
        self.take_button.setToolTip(self.tr("放弃您的修改，不写入任何内容"))
        self.merge_button = QPushButton(self.tr("按所选逐项合并"))
        self.merge_button.setObjectName("mergeFields")
        self.merge_button.setEnabled(bool(self.groups))
        back = QPushButton(self.tr("返回修改"))
        back.setObjectName("backToForm")
        for button in (self.keep_button, self.take_button, self.merge_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(back, QDialogButtonBox.ButtonRole.RejectRole)
        self.keep_button.clicked.connect(lambda: self._decide(MINE))
        self.take_button.clicked.connect(lambda: self._decide(STORED))
        self.merge_button.clicked.connect(lambda: self._decide(MERGE))
        back.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(hint)
        layout.addSpacing(6)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)

    def _decide(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def pick(self, key: str, side: str) -> None:
        """Choose the stored (:data:`STORED`) or the user's (:data:`MINE`) value of ``key``."""
        group = self.groups[key]
        button = group.button(0 if side == STORED else 1)
        button.setChecked(True)

    def merged(self) -> dict[str, Any]:
        out = {}
        for key in FIELDS:
            group = self.groups.get(key)
            take_theirs = group is None or group.checkedId() == 0
            out[key] = self.stored.get(key) if take_theirs else self.mine.get(key)
        return out

    def resolved(self) -> dict[str, Any]:
        """The values the user settled on (for :data:`STORED`, the stored record's)."""
        if self.choice == MINE:
            return {k: self.mine.get(k) for k in FIELDS}
        if self.choice == MERGE:
            return self.merged()
        return {k: self.stored.get(k) for k in FIELDS}
