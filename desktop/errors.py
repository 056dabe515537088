"""Errors as a person can read them: what happened and what to do, in Chinese.

The stack trace is for the administrator, so it sits behind a "详情" button and goes to the
log file; it is never the message itself.
"""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)


def describe(exc: BaseException) -> str:
    """One or two sentences for the user; the type decides the advice."""
    import sqlalchemy.exc

    from credit.store.keys import KeyProblem

    if isinstance(exc, KeyProblem):
        return exc.reason
    if isinstance(exc, sqlalchemy.exc.OperationalError):
        text = str(exc.orig or exc).lower()
        if "locked" in text or "busy" in text:
            return QCoreApplication.translate("Errors", "本地数据库正被其他操作占用。请稍候几秒再试。")
        if "disk" in text or "full" in text:
            return QCoreApplication.translate(
                "Errors", "本地数据库无法写入，可能是磁盘空间不足。请清理磁盘后重试。"
            )
        return QCoreApplication.translate(
            "Errors", "读取本地数据库时出错。请重试；如果问题持续出现，请联系系统管理员。"
        )
    if isinstance(exc, PermissionError):
        return QCoreApplication.translate("Errors", "没有权限读写文件 {0}。请检查文件权限。").format(
            exc.filename or ""
        )
    if isinstance(exc, OSError):
        return QCoreApplication.translate(
            "Errors", "无法读写文件 {0}（{1}）。请检查磁盘空间和文件权限。"
        ).format(exc.filename or "", exc.strerror or type(exc).__name__)
    if isinstance(exc, MemoryError):
        return QCoreApplication.translate("Errors", "内存不足，操作未能完成。请关闭其他程序后重试。")
    return QCoreApplication.translate(
        "Errors", "操作未能完成。请重试；如果问题持续出现，请点“详情”并把内容发给系统管理员。"
    )


def details(exc: BaseException) -> str:
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


class ErrorDialog(QDialog):
    """Message first; the traceback only when the user asks for it."""

    def __init__(self, exc: BaseException, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("出错了"))
        self.message = QLabel(describe(exc))
        self.message.setWordWrap(True)
        self.message.setMinimumWidth(360)
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        warn = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(warn.pixmap(size, size))
        self.details = QPlainTextEdit(details(exc))
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setVisible(False)
        self.details.setMinimumHeight(180)

        buttons = QDialogButtonBox()
        self.details_button = QPushButton(self.tr("详情"))
        self.details_button.setCheckable(True)
        self.details_button.toggled.connect(self._toggle)
        buttons.addButton(self.details_button, QDialogButtonBox.ButtonRole.ActionRole)
        ok = buttons.addButton(self.tr("确定"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        buttons.accepted.connect(self.accept)

        top = QHBoxLayout()
        top.addWidget(icon, 0)
        top.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details)
        layout.addWidget(buttons)

    def _toggle(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.adjustSize()


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Log the error with its traceback and tell the user in words (modal)."""
    log.error("%s", describe(exc), exc_info=(type(exc), exc, exc.__traceback__))
    ErrorDialog(exc, parent).exec()
