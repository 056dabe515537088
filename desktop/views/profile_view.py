"""The entity profile pane: one read-only document, re-coloured when the palette changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from desktop.views.profile_html import COMMITMENT_SCHEME, Colours, render_message, render_profile

if TYPE_CHECKING:  # the core (SQLAlchemy …) is imported by the worker that opens the store
    from credit.store.profile import Profile


class ProfileView(QTextBrowser):
    commitmentRequested = Signal(str, str)  # action ("open" / "fulfil"), commitment code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setObjectName("profileView")
        self.anchorClicked.connect(self._link)
        self.profile: Profile | None = None
        self._message: tuple[str, list[str]] | None = None
        self.show_welcome()

    def show_profile(self, profile: Profile) -> None:
        self.profile, self._message = profile, None
        self._render()

    def show_missing(self, code: str) -> None:
        missing = self.tr("本地数据中没有代码为 {0} 的主体。").format(code)
        self.show_message(self.tr("未找到该主体"), [missing])

    def show_welcome(self) -> None:
        self.show_message(
            self.tr("查询主体信用信息"),
            [
                self.tr("在上方输入统一社会信用代码、名称或拼音首字母，结果随输入出现。"),
                self.tr("按回车打开最匹配的主体，上下方向键选择其他结果，Esc 清空。"),
                self.tr("用扫码枪扫描营业执照二维码，也可以直接查询。"),
                self.tr("随时按 Ctrl+K 回到搜索框。"),
            ],
        )

    def show_message(self, title: str, lines: list[str]) -> None:
        self.profile, self._message = None, (title, lines)
        self._render()

    def _render(self) -> None:
        colours = Colours.from_palette(self.palette())
        if self.profile is not None:
            self.setHtml(render_profile(self.profile, colours))
        elif self._message is not None:
            self.setHtml(render_message(*self._message, colours))

    def _link(self, url: QUrl) -> None:
        if url.scheme() == COMMITMENT_SCHEME:
            action, _, code = url.path().partition("/")
            if action in ("open", "fulfil") and code:
                self.commitmentRequested.emit(action, code)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light/dark switch while running
            self._render()
