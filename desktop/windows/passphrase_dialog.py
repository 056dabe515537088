"""Asking for the passphrase, and saying plainly why one is needed.

Shown only where the OS keyring cannot hold the random key (or the data was protected with a
passphrase before). For a new passphrase it asks twice, because a typo would lock the user out of
their own data for good.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from credit.store.keys import MIN_PASSPHRASE


class PassphraseDialog(QDialog):
    def __init__(
        self, reason: str, *, new: bool, error: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.new = new
        self.setWindowTitle(self.tr("设置数据口令") if new else self.tr("解锁本地数据"))
        self.setMinimumWidth(460)
        self.reason = QLabel(reason)
        self.reason.setObjectName("reason")
        self.reason.setWordWrap(True)
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel(error or "")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        self.error.setVisible(bool(error))

        form = QFormLayout()
        form.addRow(self.tr("口令"), self.passphrase)
        if new:
            form.addRow(self.tr("再次输入"), self.confirm)
            self.passphrase.setPlaceholderText(self.tr("至少 {0} 个字符").format(MIN_PASSPHRASE))
        else:
            self.confirm.setVisible(False)
        buttons = QDialogButtonBox()
        buttons.addButton(
            self.tr("设置口令") if new else self.tr("解锁"), QDialogButtonBox.ButtonRole.AcceptRole
        ).setDefault(True)
        buttons.addButton(self.tr("退出"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.reason)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.passphrase.setFocus()

    def problem(self) -> str | None:
        """What is wrong with the input, in words; None when it can be used."""
        text = self.passphrase.text()
        if not text:
            return self.tr("请输入口令。")
        if self.new and len(text) < MIN_PASSPHRASE:
            return self.tr("口令至少需要 {0} 个字符。").format(MIN_PASSPHRASE)
        if self.new and text != self.confirm.text():
            return self.tr("两次输入的口令不一致，请重新输入。")
        return None

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            self.error.setVisible(True)
            if self.new and self.passphrase.text() and len(self.passphrase.text()) >= MIN_PASSPHRASE:
                self.confirm.clear()
                self.confirm.setFocus()
            else:
                self.passphrase.setFocus()
                self.passphrase.selectAll()
            return
        super().accept()

    def value(self) -> str:
        return self.passphrase.text()
