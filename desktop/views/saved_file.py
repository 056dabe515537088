"""After a file is written on the worker: open it (to print or read) and say where it is.

One place for the "one action" pattern of reports, exports and letters: the file opens in the
system viewer, and the status line keeps its path with a link to the folder, because a viewer
may be missing on a locked-down office PC.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel


def open_file(path: Path) -> bool:
    """Open ``path`` in the system's viewer; False when there is none."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


def saved_html(message: str, path: Path) -> str:
    """``message`` (plain text) followed by a link that opens the file's folder."""
    folder = QUrl.fromLocalFile(str(path.parent)).toString()
    link = escape(QCoreApplication.translate("SavedFile", "打开文件夹"))
    return f'{escape(message)}&nbsp;&nbsp;<a href="{escape(folder, quote=True)}">{link}</a>'


def link_label(label: QLabel) -> QLabel:
    """Make ``label`` show :func:`saved_html` text whose links open in the system."""
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextBrowserInteraction | Qt.TextInteractionFlag.TextSelectableByMouse
    )
    label.linkActivated.connect(lambda link: QDesktopServices.openUrl(QUrl(link)))
    return label
