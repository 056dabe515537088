"""Signing in to the sharing platform: address, user, password (and a CA bundle if the unit has
its own certificate authority).

The sign-in runs on the injected runner; the dialog stays open, says what it is doing, and on a
failure shows the reason in words (a certificate problem is explained, never offered a bypass)
while keeping everything typed except nothing: even the password stays, so a typo in the address
costs one edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.formatting import listed
from desktop.ops import RunnerLike, Task

if TYPE_CHECKING:
    from sync.client import SignedIn, SyncClient


class SignInDialog(QDialog):
    signedIn = Signal(object)  # SignedIn

    def __init__(self, runner: RunnerLike, client: SyncClient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.client = client
        self.result_value: SignedIn | None = None
        self._task: Task | None = None
        self.setWindowTitle(self.tr("登录信用信息共享平台"))
        self.setMinimumWidth(500)

        intro = QLabel(self.tr("登录后可下载本辖区的主体信用信息。密码只用于本次登录，不会保存在本机。"))
        intro.setWordWrap(True)
        acc = client.account
        self.server = QLineEdit(acc.server)
        self.server.setPlaceholderText(self.tr("例如 https://xypt.example.gov.cn"))
        self.user = QLineEdit(acc.user)
        self.user.setPlaceholderText(self.tr("平台分配的用户名"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.ca_bundle = QLineEdit(acc.ca_bundle or "")
        self.ca_bundle.setPlaceholderText(self.tr("可选：单位自有证书颁发机构的 CA 证书（PEM）"))
        browse = QPushButton(self.tr("选择…"))
        browse.clicked.connect(self._choose_ca)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_bundle, 1)
        ca_row.addWidget(browse)

        form = QFormLayout()
        form.addRow(self.tr("平台地址"), self.server)
        form.addRow(self.tr("用户名"), self.user)
        form.addRow(self.tr("密码"), self.password)
        form.addRow(self.tr("CA 证书"), ca_row)

        self.status = QLabel()
        self.status.setObjectName("signinStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setVisible(False)

        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton(self.tr("登录"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        self.cancel = self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.clicked.connect(self.submit)
        self.cancel.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        (self.password if acc.server and acc.user else self.server).setFocus()

    def _choose_ca(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择 CA 证书"), "", self.tr("证书 (*.pem *.crt *.cer);;所有文件 (*)")
        )
        if path:
            self.ca_bundle.setText(path)

    def show_error(self, text: str) -> None:
        self.status.setProperty("kind", "error")
        self.status.setStyleSheet(
            "color: palette(bright-text); background: #b3261e; padding: 6px; border-radius: 4px;"
        )
        self.status.setText(text)
        self.status.setVisible(True)

    def _busy(self, busy: bool) -> None:
        for w in (self.server, self.user, self.password, self.ca_bundle, self.ok):
            w.setEnabled(not busy)
        if busy:
            self.status.setStyleSheet("")
            self.status.setText(self.tr("正在登录 {0} …").format(self.server.text().strip()))
            self.status.setVisible(True)

    def submit(self) -> None:
        server, user, password = self.server.text().strip(), self.user.text().strip(), self.password.text()
        missing = [
            name
            for name, value in (
                (self.tr("平台地址"), server),
                (self.tr("用户名"), user),
                (self.tr("密码"), password),
            )
            if not value
        ]
        if missing:
            self.show_error(self.tr("请填写{0}。").format(listed(missing)))
            return
        ca = self.ca_bundle.text().strip() or None
        client = self.client
        self._busy(True)

        def work(task: Task) -> Any:
            return client.login(server, user, password, ca_bundle=ca, cancelled=lambda: task.cancelled)

        self._task = self.runner.run(work, on_done=self._done, on_error=self._failed)

    def _done(self, signed: SignedIn) -> None:
        self._busy(False)
        self.result_value = signed
        self.signedIn.emit(signed)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from sync.errors import SyncError

        self._busy(False)
        if isinstance(exc, SyncError):
            self.show_error(exc.reason)
        else:
            from desktop.errors import describe

            self.show_error(describe(exc))
        self.password.setFocus()

    def reject(self) -> None:
        if self._task is not None and not self._task.finished:
            self._task.cancel()
        super().reject()
