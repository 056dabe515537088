"""The main window: search in the header, jobs on the left, results beside the profile.

The window only arranges and wires; searching lives in :class:`SearchPane`, rendering in
:class:`ProfileView`, and every database call goes through the injected runner.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QActionGroup, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from credit.domain import uscc as uscc_rules
from desktop import settings
from desktop.formatting import status_text
from desktop.ops import RunnerLike
from desktop.views.check_view import CheckView
from desktop.views.commitments_view import CommitmentsView
from desktop.views.inspections.inspections_view import InspectionsView
from desktop.views.profile_view import ProfileView
from desktop.views.search_view import SearchPane
from desktop.views.sync_view import SyncView

if TYPE_CHECKING:  # the core (SQLAlchemy …) is imported by the worker that opens the store
    from credit.desk import CacheStats, Desk
    from credit.store.profile import Profile


class MainWindow(QMainWindow):
    profileShown = Signal(str)  # uscc, after the profile document is set

    def __init__(self, runner: RunnerLike, desk: Desk | None = None) -> None:
        super().__init__()
        self.runner = runner
        self.desk: Desk | None = None
        self._profile_seq = 0
        self.setWindowTitle(self.tr("CreditDesk 信用监管工作台"))
        self.setWindowIcon(settings.icon("creditdesk"))
        self._fit_to_screen(1320, 820)

        self.search = SearchPane(runner)
        self.profile_view = ProfileView()
        self.search.openRequested.connect(self.open_profile)
        self.check_view = CheckView(runner, ask_override=lambda code: self.ask_checksum_override(code))
        self.check_view.checked.connect(lambda result: self.refresh_status())
        self.check_view.batch.finished.connect(lambda result: self.refresh_status())
        self.check_view.batch.entityRequested.connect(self.show_entity)
        self.commitments_view = CommitmentsView(
            runner, ask_override=lambda code: self.ask_checksum_override(code)
        )
        self.commitments_view.entityRequested.connect(self.show_entity)
        self.commitments_view.changed.connect(self._commitment_changed)
        self.profile_view.commitmentRequested.connect(self._open_commitment)
        self.inspections_view = InspectionsView(runner)
        self.inspections_view.changed.connect(self.refresh_status)
        # Commitment checks in the field: the same fulfilment dialog as at the window, from the
        # profile beside the task or from the task's own button.
        self.inspections_view.profile_view.commitmentRequested.connect(self._open_commitment)
        self.inspections_view.panel.add_entity_action(
            self.tr("信用承诺"), self._commitments_of, "taskCommitments"
        )
        self.profileShown.connect(self._offer_to_check)
        self.sync_view = SyncView(runner)
        self.sync_view.synced.connect(self._after_sync)
        self.sync_view.operator_changed.connect(
            lambda op: self.operator_button.setText(" · ".join(x for x in (op.user, op.unit) if x))
        )

        self._build_header()
        self._build_body()
        self._build_status()
        for keys in ("Ctrl+K", "Ctrl+F"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self.search.focus_field)
        for row in range(self.nav.count()):  # Ctrl+1 查询, Ctrl+2 窗口核查, …
            page = QShortcut(QKeySequence(f"Ctrl+{row + 1}"), self)
            page.setContext(Qt.ShortcutContext.WindowShortcut)
            page.activated.connect(partial(self.nav.setCurrentRow, row))
        if desk is not None:
            self.attach(desk)

    # -- layout ---------------------------------------------------------------------------

    def _fit_to_screen(self, width: int, height: int) -> None:
        """The preferred size, but never larger than the screen (1366×768 laptops are common)."""
        screen = self.screen().availableGeometry()
        self.resize(min(width, int(screen.width() * 0.95)), min(height, int(screen.height() * 0.92)))

    def _build_header(self) -> None:
        bar = QToolBar(self.tr("搜索"))
        bar.setObjectName("header")
        bar.setMovable(False)
        bar.setFloatable(False)
        bar.toggleViewAction().setVisible(False)
        bar.setIconSize(QSize(18, 18))
        title = QLabel(self.tr("CreditDesk 信用监管工作台"))
        title.setObjectName("appTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        title.setFont(font)
        title.setContentsMargins(8, 0, 24, 0)

        field = self.search.field
        field.addAction(settings.icon("search"), field.ActionPosition.LeadingPosition)
        field.setMinimumWidth(420)
        field.setMaximumWidth(760)
        field.setMinimumHeight(int(field.fontMetrics().height() * 2))
        field.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        field.setToolTip(self.tr("Ctrl+K 或 Ctrl+F 随时回到这里"))

        self.operator_button = QPushButton()
        self.operator_button.setObjectName("operator")
        self.operator_button.setFlat(True)
        self.operator_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.operator_button.setMenu(self._operator_menu())
        self.operator_button.setText(self.tr("正在打开…"))

        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(title)
        bar.addWidget(field)
        bar.addWidget(spacer)
        bar.addWidget(self.operator_button)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)

    def _operator_menu(self) -> QMenu:
        menu = QMenu(self)
        self.operator_info = menu.addAction("")
        self.operator_info.setEnabled(False)
        menu.addSeparator()
        languages = menu.addMenu(self.tr("界面语言"))
        group = QActionGroup(languages)
        current = settings.language()
        for code, label in settings.LANGUAGES.items():
            action = languages.addAction(label)
            action.setCheckable(True)
            action.setChecked(code == current)
            group.addAction(action)
            action.triggered.connect(partial(self._choose_language, code))
        about = menu.addAction(self.tr("关于 CreditDesk"))
        about.triggered.connect(self._about)
        return menu

    def _build_body(self) -> None:
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.search)
        self.splitter.addWidget(self.profile_view)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([700, 520])

        # Jobs, not tables, in the order of the left-hand navigation (Ctrl+1 … Ctrl+5).
        jobs: list[tuple[str, QWidget]] = [
            (self.tr("查询"), self.splitter),
            (self.tr("窗口核查"), self.check_view),
            (self.tr("信用承诺"), self.commitments_view),
            (self.tr("检查任务"), self.inspections_view),
            (self.tr("同步"), self.sync_view),
        ]
        self.nav = self._make_nav([label for label, _ in jobs])
        self.pages = QStackedWidget()
        for _, page in jobs:
            self.pages.addWidget(page)
        self.nav.currentRowChanged.connect(self.show_page)
        self.search.field.textEdited.connect(lambda text: self.nav.setCurrentRow(0))
        self.search.openRequested.connect(lambda uscc, query: self.nav.setCurrentRow(0))

        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.setSpacing(6)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(body)

    def _make_nav(self, jobs: list[str]) -> QListWidget:
        nav = QListWidget()
        nav.setObjectName("nav")
        nav.setFrameShape(QListWidget.Shape.NoFrame)
        nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        nav.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        metrics = nav.fontMetrics()
        for job in jobs:
            item = QListWidgetItem(job)
            item.setSizeHint(QSize(0, int(metrics.height() * 2.4)))
            nav.addItem(item)
        nav.setCurrentRow(0)
        nav.setFixedWidth(max(metrics.horizontalAdvance(job) for job in jobs) + 3 * metrics.height())
        return nav

    def _build_status(self) -> None:
        self.status_label = QLabel(self.tr("正在打开本地数据…"))
        self.status_label.setObjectName("statusText")
        self.lock_label = QLabel()
        size = self.status_label.fontMetrics().height()
        self.lock_label.setPixmap(settings.icon("lock").pixmap(QSize(size, size)))
        self.lock_label.setVisible(False)
        self.statusBar().addWidget(self.status_label)
        self.statusBar().addWidget(self.lock_label)
        self.statusBar().addPermanentWidget(self.sync_view.status_label)
        self.statusBar().setSizeGripEnabled(True)

    # -- data -----------------------------------------------------------------------------

    def attach(self, desk: Desk) -> None:
        """Start working on an opened desk (the window may be built before the store opens)."""
        self.desk = desk
        op = desk.operator
        who = " · ".join(x for x in (op.user, op.unit) if x)
        self.operator_button.setText(who)
        self.operator_info.setText(self.tr("{0} · 设备 {1}").format(who, op.device))
        self.search.set_desk(desk)
        self.check_view.set_desk(desk)
        self.commitments_view.set_desk(desk)
        self.inspections_view.set_desk(desk)
        self.sync_view.set_desk(desk)
        self.refresh_status()

    def _after_sync(self, result: object) -> None:
        """A sync changed the cache: the status bar, the results and the open profile follow."""
        desk = self.desk
        if desk is None:
            return
        self.refresh_status()
        self.search.set_desk(desk)  # re-runs the query in the box, if any
        shown = self.profile_view.profile
        if shown is not None:
            code = shown.uscc
            self.runner.run(
                lambda task: desk.profile(code, record=False),
                on_done=lambda prof: self._show_profile(self._profile_seq, code, prof),
            )

    def show_page(self, row: int) -> None:
        """Show the job chosen on the left; the check page takes the keyboard at once."""
        if row < 0 or row >= self.pages.count():
            return
        self.pages.setCurrentIndex(row)
        if self.pages.currentWidget() is self.check_view:
            self.check_view.focus_field()

    def _offer_to_check(self, uscc: str) -> None:
        profile = self.profile_view.profile
        if profile is not None and profile.uscc == uscc:
            self.check_view.set_open_entity(uscc, profile.name)
            self.commitments_view.set_open_entity(uscc, profile.name)
        else:
            self.check_view.set_open_entity("")
            self.commitments_view.set_open_entity("")

    def _open_commitment(self, action: str, code: str) -> None:
        """A commitment link in the profile: record its fulfilment, or show it on its page."""
        if action == "fulfil":
            self.commitments_view.record_fulfilment(code)
        else:
            self.nav.setCurrentRow(self.pages.indexOf(self.commitments_view))
            self.commitments_view.open_commitment(code)

    def _commitments_of(self, uscc: str, name: str) -> None:
        """The entity's commitments on the 信用承诺 page, to record fulfilment from the field."""
        self.nav.setCurrentRow(self.pages.indexOf(self.commitments_view))
        self.commitments_view.open_commitment(uscc)

    def _commitment_changed(self, row: dict[str, object]) -> None:
        """A commitment was registered or determined: it waits to be sent, and the profiles show it."""
        self.refresh_status()
        self.inspections_view.reload_profile(str(row.get("committer_code") or ""))
        desk, profile = self.desk, self.profile_view.profile
        if desk is None or profile is None or profile.uscc != row.get("committer_code"):
            return
        uscc = profile.uscc
        self._profile_seq += 1
        self.runner.run(
            lambda task: desk.profile(uscc, record=False),
            on_done=partial(self._show_profile, self._profile_seq, uscc),
        )

    def refresh_status(self) -> None:
        desk = self.desk
        if desk is None:
            return
        self.runner.run(lambda task: desk.stats(), on_done=self.show_stats)

    def show_stats(self, stats: CacheStats) -> None:
        self.stats = stats
        self.status_label.setText(status_text(stats))
        self.lock_label.setVisible(True)
        self.lock_label.setToolTip(self.tr("本地数据以 SQLCipher 加密保存"))

    def open_profile(self, uscc: str, query: str = "") -> None:
        desk = self.desk
        if desk is None:
            return
        override: str | None = None
        if not uscc_rules.is_valid(uscc):
            override = self.ask_checksum_override(uscc)
            if override is None:
                return

        def load(task: object) -> Profile | None:
            if override is not None:
                desk.accept_checksum_override(uscc, override)  # who decided, and why
            return desk.profile(uscc, query=query or None)

        self._profile_seq += 1
        self.runner.run(load, on_done=partial(self._show_profile, self._profile_seq, uscc))
        self.search.field.selectAll()  # the next scan or typing replaces the query

    def show_entity(self, uscc: str) -> None:
        """Open an entity's profile in 查询 from another job (a batch row, a commitment)."""
        self.nav.setCurrentRow(0)
        self.open_profile(uscc)

    def ask_checksum_override(self, uscc: str) -> str | None:
        """A code failing its check characters is used only on purpose, with a reason."""
        warnings = "\n".join(uscc_rules.parse(uscc).warnings)
        reason, ok = QInputDialog.getText(
            self,
            self.tr("代码校验位不符"),
            self.tr("{0}\n\n请与营业执照原件核对。确认使用该代码时请填写原因（将记入审计日志）：").format(
                warnings
            ),
            text=self.tr("已核对营业执照原件，代码一致"),
        )
        return reason.strip() if ok and reason.strip() else None

    def _show_profile(self, seq: int, uscc: str, profile: Profile | None) -> None:
        if seq != self._profile_seq:
            return
        if profile is None:
            self.profile_view.show_missing(uscc)
        else:
            self.profile_view.show_profile(profile)
        self.profileShown.emit(uscc)

    # -- menu actions ---------------------------------------------------------------------

    def _choose_language(self, code: str) -> None:
        settings.set_language(code)
        QMessageBox.information(
            self, self.tr("界面语言"), self.tr("界面语言将在下次启动 CreditDesk 时切换。")
        )

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("关于 CreditDesk"),
            self.tr(
                "CreditDesk 信用监管工作台\n\n本地数据加密保存，断网也能查询。"
                "\n界面字体：文泉驿微米黑（Apache-2.0 / GPL-3+ 字体例外）。"
            ),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.search.record_settled()  # results looked at just before closing still count
        super().closeEvent(event)
