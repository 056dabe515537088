"""The 同步 page: the platform account, a sync button with progress and cancel, what happened,
and the records waiting to be sent (:class:`desktop.views.outbox_view.OutboxView`).

Everything that touches the network or the database (signing in, syncing, reading the sync
state) goes to the injected runner. A timer syncs in the background at the chosen interval while
the user is signed in; a background failure is shown on the page and in the status bar, never as
a dialog popping up in the middle of someone's work. When a sync has changed data,
:attr:`SyncView.synced` tells the window so the search and the profile refresh what they show.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import settings
from desktop.ops import RunnerLike, Task
from desktop.views.outbox_view import OutboxView

if TYPE_CHECKING:
    from credit.desk import Desk
    from sync.client import SyncClient, SyncResult
    from sync.push import PushResult

_AUTO_KEY = "sync/auto"
_INTERVAL_KEY = "sync/interval_minutes"
DEFAULT_INTERVAL = 30


def _when(value: str | None) -> str:
    """An ISO timestamp as 2026-11-21 18:02 in local time; a dash for none."""
    if not value:
        return "—"
    try:
        return datetime.fromisoformat(value).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return value


class SyncView(QWidget):
    #: A sync finished (SyncResult); the window refreshes search, profile and status bar.
    synced = Signal(object)
    #: Signing in named who is working (credit.operator.Operator): the header shows it.
    operator_changed = Signal(object)

    def __init__(
        self,
        runner: RunnerLike,
        parent: QWidget | None = None,
        *,
        client_factory: Callable[[Path], SyncClient] | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.client_factory = client_factory
        self.desk: Desk | None = None
        self.client: SyncClient | None = None
        self.status_data: dict[str, Any] = {}
        self._task: Task | None = None
        #: Set by 取消 and read by the worker: also reaches a run that has not handed back its task.
        self._cancel_requested = False
        self._background = False
        #: push / pull while a sync runs: set by the worker (a plain attribute), read for the bar.
        self._phase = "push"
        self.setObjectName("syncView")

        title = QLabel(self.tr("与信用信息共享平台同步"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(
            self.tr(
                "先上传本机的记录（核查、承诺及履行、检查、整改、约谈、附件），再下载本辖区的主体信用信息"
                "（登记、名单、处罚、许可、评价、各地登记的承诺），并保持最新。每次同步前自动备份本机工作数据。"
            )
        )
        intro.setWordWrap(True)

        # account
        self.account_box = QGroupBox(self.tr("平台账号"))
        self.server_label = QLabel()
        self.user_label = QLabel()
        self.scope_label = QLabel()
        self.token_label = QLabel()
        for label in (self.server_label, self.user_label, self.scope_label, self.token_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
        self.signin_button = QPushButton(self.tr("登录…"))
        self.signin_button.clicked.connect(self.sign_in)
        self.signout_button = QPushButton(self.tr("退出登录"))
        self.signout_button.clicked.connect(self.sign_out)
        form = QFormLayout()
        form.addRow(self.tr("平台地址"), self.server_label)
        form.addRow(self.tr("用户"), self.user_label)
        form.addRow(self.tr("辖区"), self.scope_label)
        form.addRow(self.tr("登录状态"), self.token_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.signin_button)
        buttons.addWidget(self.signout_button)
        buttons.addStretch(1)
        box = QVBoxLayout(self.account_box)
        box.addLayout(form)
        box.addLayout(buttons)

        # syncing
        self.sync_box = QGroupBox(self.tr("同步"))
        self.sync_button = QPushButton(self.tr("立即同步"))
        self.sync_button.setObjectName("syncButton")
        self.sync_button.setDefault(True)
        self.sync_button.setMinimumHeight(int(self.sync_button.fontMetrics().height() * 2.2))
        self.sync_button.clicked.connect(self.sync_now)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        self.progress.setFormat(self.tr("尚未开始"))
        self.message = QLabel()
        self.message.setObjectName("syncMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.auto = QCheckBox(self.tr("已登录时每隔"))
        self.interval = QSpinBox()
        self.interval.setRange(5, 24 * 60)
        self.interval.setSuffix(self.tr(" 分钟"))
        self.interval.setSingleStep(5)
        store = settings.settings()
        self.interval.setValue(int(str(store.value(_INTERVAL_KEY, DEFAULT_INTERVAL))))
        self.auto.setChecked(str(store.value(_AUTO_KEY, "true")).lower() in ("true", "1"))
        self.auto.toggled.connect(self._save_auto)
        self.interval.valueChanged.connect(self._save_auto)
        auto_row = QHBoxLayout()
        auto_row.addWidget(self.auto)
        auto_row.addWidget(self.interval)
        auto_row.addWidget(QLabel(self.tr("在后台自动同步一次")))
        auto_row.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.sync_button)
        top.addWidget(self.cancel_button)
        top.addWidget(self.progress, 1)
        sync_layout = QVBoxLayout(self.sync_box)
        sync_layout.addLayout(top)
        sync_layout.addWidget(self.message)
        sync_layout.addLayout(auto_row)

        # status
        self.state_box = QGroupBox(self.tr("本机数据"))
        self.last_ok = QLabel()
        self.as_of = QLabel()
        self.changed_at = QLabel()
        self.entities = QLabel()
        self.applied = QLabel()
        self.pending = QLabel()
        self.pending.setWordWrap(True)
        self.last_error = QLabel()
        self.last_error.setObjectName("syncError")
        self.last_error.setWordWrap(True)
        state_form = QFormLayout(self.state_box)
        state_form.addRow(self.tr("上次成功同步"), self.last_ok)
        state_form.addRow(self.tr("数据截至"), self.as_of)
        state_form.addRow(self.tr("平台数据最近更新"), self.changed_at)
        state_form.addRow(self.tr("本地主体"), self.entities)
        state_form.addRow(self.tr("已接收变更"), self.applied)
        state_form.addRow(self.tr("待上传"), self.pending)
        state_form.addRow(self.tr("上次错误"), self.last_error)
        self.backup_label = QLabel(self.tr("—"))
        self.backup_label.setWordWrap(True)
        state_form.addRow(self.tr("同步前备份"), self.backup_label)

        # the outbox
        self.outbox_box = QGroupBox(self.tr("待上传记录"))
        self.outbox = OutboxView(runner)
        self.outbox.changed.connect(self.refresh)
        QVBoxLayout(self.outbox_box).addWidget(self.outbox)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.addWidget(title)
        layout.addWidget(intro)
        upper = QHBoxLayout()
        upper.addWidget(self.account_box, 1)
        upper.addWidget(self.state_box, 1)
        layout.addLayout(upper)
        layout.addWidget(self.sync_box)
        layout.addWidget(self.outbox_box, 1)

        #: Shown in the window's status bar ("上次同步 …").
        self.status_label = QLabel(self.tr("尚未同步"))
        self.status_label.setObjectName("syncStatus")
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.sync_in_background)
        self._show_account()

    # -- wiring ---------------------------------------------------------------------------

    def set_desk(self, desk: Desk | None) -> None:
        """Start working on an opened desk (its data directory has the account file)."""
        self.desk = desk
        if desk is not None:
            if self.client_factory is not None:
                self.client = self.client_factory(desk.store.data_dir)
            else:
                from sync.client import SyncClient

                self.client = SyncClient(desk.store.data_dir)
        self._show_account()
        self.outbox.set_desk(desk)
        self.refresh()
        self._apply_timer()

    def refresh(self) -> None:
        """Read the sync state on a worker and show it."""
        desk, client = self.desk, self.client
        if desk is None or client is None:
            return

        def read(task: Task) -> dict[str, Any]:
            data = client.status(desk.store)
            data["entities"] = desk.stats().entities
            backups = sorted((desk.store.data_dir / "backups").glob("work-*-before-sync*.db"))
            data["last_backup"] = backups[-1].name if backups else None
            data["backups"] = len(backups)
            return data

        self.runner.run(read, on_done=self._show_status, on_error=self._status_failed)
        if self.outbox.desk is not None:
            self.outbox.refresh()

    def _status_failed(self, exc: BaseException) -> None:
        from desktop.errors import describe

        self.last_error.setText(describe(exc))

    # -- account --------------------------------------------------------------------------

    def _show_account(self) -> None:
        acc = self.client.account if self.client is not None else None
        signed_up = acc is not None and acc.configured
        self.server_label.setText(acc.server if signed_up and acc else self.tr("尚未登录"))
        if signed_up and acc:
            who = acc.display_name or acc.user
            role = f"（{acc.role_label}）" if acc.role_label else ""
            unit = f" · {acc.unit}" if acc.unit else ""
            self.user_label.setText(f"{who}{role}{unit} · {acc.user}")
            self.scope_label.setText("、".join(acc.jurisdictions) or "—")
        else:
            self.user_label.setText("—")
            self.scope_label.setText("—")
        self._show_token()
        self.signin_button.setText(self.tr("切换账号…") if signed_up else self.tr("登录…"))
        self.signout_button.setEnabled(bool(signed_up))
        self.sync_button.setEnabled(self.desk is not None and bool(signed_up) and self._task is None)

    def _show_token(self) -> None:
        acc = self.client.account if self.client is not None else None
        if acc is None or not acc.configured:
            self.token_label.setText(self.tr("未登录"))
        elif acc.token_expired():
            self.token_label.setText(self.tr("登录已过期，同步前请重新登录"))
        elif self.status_data.get("signed_in") is False:
            self.token_label.setText(
                self.tr("需要登录：本机没有系统钥匙串，登录凭据只保存在本次运行的内存中")
                if self.status_data.get("token_storage") == "memory"
                else self.tr("需要重新登录")
            )
        else:
            self.token_label.setText(self.tr("有效，至 {0}").format(_when(acc.token_expires_at)))

    def sign_in(self) -> None:
        if self.client is None:
            return
        from desktop.windows.signin_dialog import SignInDialog

        dialog = SignInDialog(self.runner, self.client, self)
        dialog.signedIn.connect(self._signed_in)
        self.signin_dialog = dialog
        dialog.open()

    def _signed_in(self, signed: Any) -> None:
        if self.desk is not None:  # who is working comes from the platform account from now on
            from credit.operator import Operator

            self.desk.operator = Operator.load(self.desk.store.data_dir)
            self.operator_changed.emit(self.desk.operator)
        self._show_account()
        note = signed.storage_note
        self.message.setText(
            self.tr("已登录。") + (note or self.tr("登录凭据已保存在系统钥匙串中。")) + self.tr("正在同步……")
        )
        self.refresh()
        self.sync_now()

    def sign_out(self) -> None:
        client = self.client
        if client is None:
            return
        self.runner.run(lambda task: client.logout(), on_done=lambda _: self._signed_out())

    def _signed_out(self) -> None:
        self.message.setText(self.tr("已退出登录。本机数据保留，可继续离线查询。"))
        self._show_account()
        self.refresh()

    # -- syncing --------------------------------------------------------------------------

    def sync_now(self) -> None:
        self._start(background=False)

    def sync_in_background(self) -> None:
        """The timer's tick: sync if signed in and idle; say nothing loud if it fails."""
        acc = self.client.account if self.client is not None else None
        if self._task is not None or acc is None or not acc.configured or acc.token_expired():
            return
        self._start(background=True)

    def _start(self, *, background: bool) -> None:
        desk, client = self.desk, self.client
        if desk is None or client is None or self._task is not None:
            return
        self._background = background
        self._cancel_requested = False
        self.sync_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)  # busy until the first page tells the total
        self.progress.setFormat(self.tr("正在连接平台…"))
        self.message.setText(self.tr("后台自动同步中……") if background else self.tr("正在同步……"))

        self._phase = "push"

        def phase(name: str) -> None:
            self._phase = name  # read by _progressed on the GUI thread; no Qt call here

        def work(task: Task) -> SyncResult:
            stop = lambda: task.cancelled or self._cancel_requested  # noqa: E731
            try:
                return client.sync(desk.store, progress=task.progress, cancelled=stop, on_phase=phase)
            except Cancelled:
                task.cancel()  # delivered as cancelled, not as an error
                raise

        from sync.errors import Cancelled

        task = self.runner.run(
            work,
            on_done=self._finished,
            on_error=self._failed,
            on_progress=self._progressed,
            on_cancelled=self._cancelled,
        )
        if not task.finished:  # an immediate runner has delivered already
            self._task = task

    def _progressed(self, done: int, total: int) -> None:
        stage = self.client.stage if self.client is not None else None
        if stage == "snapshot_wait":  # the platform builds the file: no measure of how far
            self.progress.setRange(0, 0)
            self.progress.setFormat(self.tr("平台正在准备数据快照…"))
            self.message.setText(self.tr("首次同步：平台正在为本辖区准备数据快照，请稍候……"))
            return
        if stage == "snapshot_install":
            self.progress.setRange(0, 1)
            self.progress.setValue(1)
            self.progress.setFormat(self.tr("正在启用数据快照（重新加密并校验）…"))
            self.message.setText(self.tr("首次同步：数据快照已下载，正在用本机密钥重新加密并校验，随后启用……"))
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))
        if self._phase == "push":
            self.progress.setFormat(self.tr("已上传 {0} / {1} 条记录").format(f"{done:,}", f"{total:,}"))
            return
        if stage == "snapshot_download":
            percent = f"{100 * done // max(total, 1)}"
            self.progress.setFormat(self.tr("正在下载数据快照 {0}%").format(percent))
            self.message.setText(self.tr("首次同步：正在下载平台为本辖区准备的数据快照（中断后会从断点继续）……"))
            return
        self.progress.setFormat(self.tr("已接收 {0} / {1} 条变更").format(f"{done:,}", f"{total:,}"))

    def cancel(self) -> None:
        self._cancel_requested = True
        self.cancel_button.setEnabled(False)
        self.progress.setFormat(self.tr("正在取消…"))
        if self._task is not None and not self._task.finished:
            self._task.cancel()

    def _end(self) -> None:
        self._task = None
        self.cancel_button.setEnabled(False)
        self._show_account()

    def _finished(self, result: SyncResult) -> None:
        self._end()
        applied = result.pull.applied if result.pull is not None else 0
        total = max(applied, 1)
        self.progress.setRange(0, total)
        self.progress.setValue(total)
        if result.pull is not None and result.pull.snapshot is not None:
            self.progress.setFormat(self.tr("完成：数据快照，其后 {0} 条变更").format(f"{applied:,}"))
        else:
            self.progress.setFormat(self.tr("完成：{0} 条变更").format(f"{applied:,}"))
        text = self.summary(result)
        if result.backup is not None:
            text += "\n" + self.tr("同步前已备份本机工作数据（{0}）。").format(result.backup.name)
        if result.clock_warning:
            text += "\n" + result.clock_warning
        self.message.setText(text)
        self.refresh()
        self.synced.emit(result)

    def summary(self, result: SyncResult) -> str:
        """What the sync did, a line each for the push, the pull and the queue, in the
        interface's language (the core's sentences about refusals and resyncs as it wrote them)."""
        lines = []
        if result.push is not None:
            lines.append(self._push_summary(result.push))
        p = result.pull
        if p is not None:
            head = self.tr("首次同步完成") if p.full else self.tr("同步完成")
            if p.snapshot is not None:
                counts = p.snapshot.counts
                entities = counts.get("entity", 0)
                records = sum(counts.values()) - entities
                text = self.tr("{0}：载入平台数据快照（{1} 户主体、{2} 条信用记录），其后接收 {3} 条变更")
                text = text.format(head, f"{entities:,}", f"{records:,}", f"{p.applied:,}")
            else:
                text = self.tr("{0}：接收 {1} 条变更（更新 {2}，删除 {3}）").format(
                    head, f"{p.applied:,}", f"{p.upserts:,}", f"{p.deletes:,}"
                )
            if p.as_of:
                text += self.tr("，本机数据截至 {0}").format(p.as_of[:16].replace("T", " "))
            text += self.tr("。")
            if p.resynced_because:
                text += self.tr("（{0}）").format(p.resynced_because)
            lines.append(text)
        if result.pending_outbox:
            tail = self.tr("本机待上传 {0} 条。").format(f"{result.pending_outbox:,}")
        elif result.attention:
            tail = self.tr("本机没有等待上传的记录。")
        else:
            tail = self.tr("本机记录已全部上传。")
        if result.attention:
            attention = self.tr("{0} 条需要处理（被拒收或有冲突），请到“待上传”中查看。")
            tail += attention.format(f"{result.attention:,}")
        lines.append(tail)
        if result.push is not None:
            lines.extend(result.push.problems)
        return "\n".join(lines)

    def _push_summary(self, r: PushResult) -> str:
        if not r.sent and not r.attachments:
            if r.held:
                return self.tr("上传：{0} 条记录等待其所依附的记录。").format(f"{r.held:,}")
            return self.tr("上传：没有需要上传的记录。")
        text = self.tr("上传 {0} 条记录").format(f"{r.sent:,}")
        if r.attachments:
            text += self.tr("、{0} 个附件").format(f"{r.attachments:,}")
        text += self.tr("：平台新接收 {0} 条").format(f"{r.accepted:,}")
        if r.duplicate:
            text += self.tr("，已有 {0} 条（此前已送达，未重复记录）").format(f"{r.duplicate:,}")
        for count, words in (
            (r.conflict, self.tr("，{0} 条有冲突")),
            (r.rejected, self.tr("，{0} 条被拒收")),
            (r.held, self.tr("，{0} 条等待其所依附的记录")),
        ):
            if count:
                text += words.format(f"{count:,}")
        return text + self.tr("。")

    def _failed(self, exc: BaseException) -> None:
        from sync.errors import AuthRequired, SyncError

        self._end()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("未完成"))
        if isinstance(exc, SyncError):
            text = exc.reason
        else:
            from desktop.errors import describe

            text = describe(exc)
        self.message.setText(
            self.tr("同步未完成：{0}").format(text)
            + self.tr("已上传和已接收的部分都已保存，下次会从中断处继续，不会重复上传。")
        )
        self.refresh()
        if isinstance(exc, AuthRequired) and not self._background:
            self.sign_in()

    def _cancelled(self) -> None:
        self._end()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("已取消"))
        self.message.setText(self.tr("同步已取消。已接收的部分已保存，下次同步会从中断处继续。"))
        self.refresh()

    # -- background timer -----------------------------------------------------------------

    def _save_auto(self, *_: object) -> None:
        """The user changed the background setting: remember it and apply it."""
        store = settings.settings()
        store.setValue(_AUTO_KEY, self.auto.isChecked())
        store.setValue(_INTERVAL_KEY, self.interval.value())
        self._apply_timer()

    def _apply_timer(self) -> None:
        self.interval.setEnabled(self.auto.isChecked())
        if self.auto.isChecked() and self.desk is not None:
            self.timer.start(self.interval.value() * 60_000)
        else:
            self.timer.stop()

    # -- showing the state ----------------------------------------------------------------

    def _show_status(self, data: dict[str, Any]) -> None:
        self.status_data = data
        self._show_token()
        self.last_ok.setText(_when(data.get("last_sync")) if data.get("last_sync") else self.tr("从未同步"))
        self.as_of.setText(_when(data.get("data_as_of")))
        self.changed_at.setText(_when(data.get("platform_changed_at")))
        self.entities.setText(self.tr("{0} 户").format(f"{data.get('entities', 0):,}"))
        applied = self.tr("{0} 条").format(f"{data.get('changes_applied') or 0:,}")
        if data.get("first_sync_incomplete"):
            applied += self.tr("（首次同步尚未完成：再次同步会从中断处继续，完成后搜索索引才完整）")
        self.applied.setText(applied)
        pending = int(data.get("pending_outbox") or 0)
        counts = data.get("outbox_counts") or {}
        text = self.tr("{0} 条").format(f"{pending:,}")
        attention = bool(counts.get("rejected") or counts.get("conflict"))
        if attention:
            text += self.tr("；需要处理：被拒收 {0} 条，有冲突 {1} 条（见下方“待上传记录”）").format(
                counts.get("rejected", 0), counts.get("conflict", 0)
            )
        self.pending.setText(text)
        self.pending.setStyleSheet("color: #a50e0e;" if attention else "")
        if data.get("last_backup"):
            self.backup_label.setText(
                self.tr("{0}（保留最近 {1} 份，位于数据目录的 backups 文件夹）").format(
                    data["last_backup"], data.get("backups", 0)
                )
            )
        error = data.get("last_error")
        self.last_error.setText(
            self.tr("{0}（{1}）").format(error, _when(data.get("last_error_at"))) if error else self.tr("无")
        )
        self.last_error.setStyleSheet("color: #b3261e;" if error else "")
        self.status_label.setText(self.status_text(data))

    def status_text(self, data: dict[str, Any]) -> str:
        """The status bar's words: 上次同步 2026-12-01 19:10, or what went wrong."""
        counts = data.get("outbox_counts") or {}
        attention = ""
        if counts.get("rejected"):
            attention += self.tr(" · 被拒收 {0}").format(counts["rejected"])
        if counts.get("conflict"):
            attention += self.tr(" · 有冲突 {0}").format(counts["conflict"])
        if not data.get("server"):
            return self.tr("未登录共享平台") + attention
        if data.get("last_error"):
            return self.tr("同步失败 {0}").format(_when(data.get("last_error_at"))) + attention
        if data.get("last_sync"):
            return self.tr("上次同步 {0}").format(_when(data.get("last_sync"))) + attention
        return self.tr("尚未同步") + attention


__all__ = ["SyncView"]
