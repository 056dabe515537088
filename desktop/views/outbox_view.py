"""待上传: what this laptop still has to deliver to the platform, what came back, and why.

One row per outbox row — waiting, sent, refused (with the platform's reason) or in conflict —
with the publication deadline of records the platform must publish, and a warning for those at
risk of missing it. A refused record can be sent again once its cause is fixed (or renumbered,
for a commitment code another device took); a conflict opens the side-by-side dialog
(:class:`desktop.windows.fulfilment_conflict.ConflictDialog`). Reading and every change go to the
injected runner; the view never touches the database itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ops import RunnerLike, Task

if TYPE_CHECKING:
    from credit.desk import Desk
    from desktop.windows.fulfilment_conflict import ConflictDialog

#: Status → (background, text colour): a hint next to the word, never instead of it.
_COLOURS = {
    "pending": ("#e8f0fe", "#174ea6"),
    "sending": ("#e8f0fe", "#174ea6"),
    "done": ("#e6f4ea", "#137333"),
    "conflict": ("#fef7e0", "#8a5a00"),
    "rejected": ("#fce8e6", "#a50e0e"),
}
FILTERS = ("attention", "waiting", "rejected", "conflict", "done", "all")


class OutboxView(QWidget):
    #: Something was resent or resolved: the sync page refreshes its counts.
    changed = Signal()

    def __init__(self, runner: RunnerLike, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outboxView")
        self.runner = runner
        self.desk: Desk | None = None
        self.items: list[dict[str, Any]] = []
        self.counts: dict[str, int] = {}
        self._words()
        self.conflict: ConflictDialog | None = None

        self.filter = QComboBox()
        self.filter.setObjectName("outboxFilter")
        for key, label in zip(FILTERS, self._filter_labels(), strict=True):
            self.filter.addItem(label, key)
        self.filter.currentIndexChanged.connect(self._fill)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("outboxCounts")
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("显示")))
        top.addWidget(self.filter)
        top.addWidget(self.counts_label, 1)
        top.addWidget(self.refresh_button)

        self.warning = QLabel()
        self.warning.setObjectName("outboxWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(
            "QLabel { background: #fff4cc; color: #5c3c00; border: 1px solid #f2b200; padding: 6px; }"
        )
        self.warning.hide()

        self.table = QTableWidget(0, 5)
        self.table.setObjectName("outboxTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("状态"), self.tr("类别"), self.tr("记录"), self.tr("原因 / 说明"), self.tr("公示期限")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(2, 300)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.doubleClicked.connect(lambda _: self._act_on_selected())

        self.detail = QLabel()
        self.detail.setObjectName("outboxDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        #: What the last action did (resent, renumbered, resolved).
        self.notice = QLabel()
        self.notice.setObjectName("outboxNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #137333;")
        self.resend_button = QPushButton(self.tr("修正后重新上传"))
        self.resend_button.setObjectName("outboxResend")
        self.resend_button.setToolTip(
            self.tr("原因已排除（如已用正确的账号登录）后，把这条记录放回待上传队列")
        )
        self.resend_button.clicked.connect(self.resend)
        self.renumber_button = QPushButton(self.tr("重新编号并上传"))
        self.renumber_button.setObjectName("outboxRenumber")
        self.renumber_button.clicked.connect(self.renumber)
        self.resolve_button = QPushButton(self.tr("对照处理冲突…"))
        self.resolve_button.setObjectName("outboxResolve")
        self.resolve_button.clicked.connect(self.resolve)
        actions = QHBoxLayout()
        actions.addWidget(self.resolve_button)
        actions.addWidget(self.resend_button)
        actions.addWidget(self.renumber_button)
        actions.addWidget(self.notice, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.warning)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(actions)
        self._selected()

    def _filter_labels(self) -> list[str]:
        return [
            self.tr("需要处理与待上传"),
            self.tr("待上传"),
            self.tr("被拒收"),
            self.tr("有冲突"),
            self.tr("已上传"),
            self.tr("全部"),
        ]

    def _words(self) -> None:
        """The fixed words of the table, translated once (a list can hold thousands of rows)."""
        self._status_words = {
            "pending": self.tr("待上传"),
            "sending": self.tr("上传中"),
            "done": self.tr("已上传"),
            "conflict": self.tr("有冲突"),
            "rejected": self.tr("被拒收"),
            "superseded": self.tr("已替代"),
        }
        self._kind_words = {
            "check_record": self.tr("信用核查记录"),
            "commitment": self.tr("信用承诺"),
            "commitment_fulfilment": self.tr("承诺履行认定"),
            "inspection": self.tr("行政检查记录"),
            "rectification": self.tr("责令整改通知"),
            "interview": self.tr("约谈记录"),
            "inspection_plan": self.tr("抽查计划"),
            "attachment": self.tr("附件"),
        }
        self._outcomes = {
            "accepted": self.tr("平台已接收"),
            "duplicate": self.tr("平台已有（重复发送）"),
            "theirs": self.tr("已采用平台版本"),
            "mine": self.tr("已按本机修改重新上传"),
            "renumbered": self.tr("已重新编号上传"),
        }

    def status_word(self, status: str) -> str:
        return self._status_words.get(status, status)

    def kind_word(self, item: dict[str, Any]) -> str:
        """The record kind (the catalog's label for a kind not listed here)."""
        return self._kind_words.get(item["kind"], item["label"])

    def why_text(self, item: dict[str, Any]) -> str:
        """Why a row stands where it does; the platform's and the network's words as they came."""
        key = item.get("why_key")
        if key == "waiting":
            return self.tr("等待同步")
        if key == "sending":
            return self.tr("上传中断，下次同步时重新发送（平台不会重复记录）")
        if key == "error":
            return self.tr("上次上传未成功：{0}").format(item.get("last_error") or "")
        if key == "held" and item.get("held_by"):
            seq, status = item["held_by"]
            return self.tr("等待第 {0} 条（{1}）处理后再上传：它所依附的记录尚未被平台接收。").format(
                seq, self.status_word(status)
            )
        if key in ("done", "superseded"):
            fallback = self.tr("已上传") if key == "done" else self.tr("已被新的记录替代")
            word = self._outcomes.get(item.get("outcome") or "", fallback)
            when = str(item.get("acked_utc") or "")[:19].replace("T", " ")
            return self.tr("{0}（{1} UTC）").format(word, when) if key == "done" else word
        return str(item["why"])

    def deadline_note(self, item: dict[str, Any]) -> str:
        state, days = item.get("deadline_state"), item.get("deadline_days") or 0
        if state == "past":
            return self.tr("已超过公示期限 %n 个工作日", "", days)
        if state == "today":
            return self.tr("今天是公示期限")
        if state == "near":
            return self.tr("距公示期限仅剩 %n 个工作日", "", days)
        if state == "left":
            return self.tr("剩余 %n 个工作日", "", days)
        if state == "unknown":
            return self.tr("节假日数据不全，请人工核对期限")
        return str(item.get("deadline_note") or "")

    def deadline_warning(self, items: list[dict[str, Any]]) -> str:
        """One sentence for the records at risk of missing their publication deadline."""
        risky = [i for i in items if i["at_risk"]]
        if not risky:
            return ""
        shown = self.tr("；").join(
            self.tr("{0}（{1}，{2}）").format(i["title"], i["deadline"], self.deadline_note(i))
            for i in risky[:5]
        )
        if len(risky) > 5:
            shown += "……"
        return self.tr(
            "%n 条须公示的记录尚未被平台接收，公示期限（7 个工作日）将至或已过：{0}。请尽快同步。",
            "",
            len(risky),
        ).format(shown)

    # -- reading ----------------------------------------------------------------------------

    def set_desk(self, desk: Desk | None) -> None:
        self.desk = desk
        self.refresh()

    def refresh(self) -> None:
        desk = self.desk
        if desk is None:
            return

        def read(task: Task) -> tuple[list[dict[str, Any]], dict[str, int]]:
            from credit.outbox_view import listing
            from credit.store import outbox

            items = listing(desk.store)
            with desk.store.work.connect() as conn:
                counts = outbox.counts(conn)
            return items, counts

        self.runner.run(read, on_done=self._show)

    def _show(self, data: tuple[list[dict[str, Any]], dict[str, int]]) -> None:
        self.items, self.counts = data
        c = self.counts
        self.counts_label.setText(
            self.tr("待上传 {0} · 被拒收 {1} · 有冲突 {2} · 已上传 {3}").format(
                f"{c.get('pending', 0) + c.get('sending', 0):,}",
                f"{c.get('rejected', 0):,}",
                f"{c.get('conflict', 0):,}",
                f"{c.get('done', 0):,}",
            )
        )
        warning = self.deadline_warning(self.items)
        self.warning.setText(warning)
        self.warning.setVisible(bool(warning))
        self._fill()

    def _shown(self) -> list[dict[str, Any]]:
        key = self.filter.currentData()
        wanted = {
            "attention": ("conflict", "rejected", "pending", "sending"),
            "waiting": ("pending", "sending"),
            "rejected": ("rejected",),
            "conflict": ("conflict",),
            "done": ("done",),
        }.get(key)
        return [i for i in self.items if wanted is None or i["status"] in wanted]

    def _fill(self) -> None:
        shown = self._shown()
        self.table.setRowCount(len(shown))
        for row, item in enumerate(shown):
            status = QTableWidgetItem(self.status_word(item["status"]))
            background, colour = _COLOURS.get(item["status"], ("#ffffff", "#1a1a1a"))
            status.setBackground(QBrush(QColor(background)))
            status.setForeground(QBrush(QColor(colour)))
            status.setData(Qt.ItemDataRole.UserRole, item["seq"])
            deadline = item["deadline"] or ""
            note = self.deadline_note(item)
            if deadline and note and item["status"] != "done":
                deadline = self.tr("{0}（{1}）").format(deadline, note)
            cells = [
                status,
                QTableWidgetItem(self.kind_word(item)),
                QTableWidgetItem(item["title"]),
                QTableWidgetItem(self.why_text(item)),
                QTableWidgetItem(deadline),
            ]
            if item["at_risk"]:
                cells[4].setForeground(QBrush(QColor("#a50e0e")))
            for col, cell in enumerate(cells):
                cell.setToolTip(cell.text())
                self.table.setItem(row, col, cell)
        self.table.resizeRowsToContents()
        self._selected()

    def selected_item(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        cell = self.table.item(rows[0].row(), 0)
        seq = cell.data(Qt.ItemDataRole.UserRole) if cell is not None else None
        return next((i for i in self.items if i["seq"] == seq), None)

    def select_seq(self, seq: int) -> None:
        for row in range(self.table.rowCount()):
            cell = self.table.item(row, 0)
            if cell is not None and cell.data(Qt.ItemDataRole.UserRole) == seq:
                self.table.selectRow(row)
                return

    def _selected(self) -> None:
        item = self.selected_item()
        self.resend_button.setEnabled(bool(item and item["can_resend"]))
        self.renumber_button.setEnabled(bool(item and item["can_renumber"]))
        self.resolve_button.setEnabled(bool(item and item["can_resolve"]))
        if item is None:
            self.detail.setText(self.tr("选中一条记录查看详情。被拒收的记录不会阻塞其他记录的上传。"))
            return
        text = self.tr("第 {0} 条 · {1} · {2}").format(
            item["seq"], self.kind_word(item), self.status_word(item["status"])
        )
        why = self.why_text(item)
        if why:
            text += "\n" + why
        if item["attempts"]:
            text += "\n" + self.tr("已尝试上传 {0} 次").format(item["attempts"])
        self.detail.setText(text)

    def _act_on_selected(self) -> None:
        item = self.selected_item()
        if item and item["can_resolve"]:
            self.resolve()

    # -- acting ------------------------------------------------------------------------------

    def _after(self, message: str) -> None:
        self.notice.setText(message)
        self.refresh()
        self.changed.emit()

    def _failed(self, exc: BaseException) -> None:
        from credit.platform_commitments import ResolveError

        if isinstance(exc, ResolveError):
            QMessageBox.warning(self, self.tr("无法处理"), exc.reason)
        else:
            from desktop.errors import show_error

            show_error(self, exc)
        self.refresh()

    def resend(self) -> None:
        desk, item = self.desk, self.selected_item()
        if desk is None or item is None or not item["can_resend"]:
            return
        seq = item["seq"]

        def work(task: Task) -> bool:
            from credit.store import outbox

            with desk.store.write_work() as conn:
                return outbox.resend(conn, seq)

        self.runner.run(
            work,
            on_done=lambda _: self._after(self.tr("第 {0} 条已放回待上传队列，下次同步时上传。").format(seq)),
            on_error=self._failed,
        )

    def renumber(self) -> None:
        desk, item = self.desk, self.selected_item()
        if desk is None or item is None or not item["can_renumber"]:
            return
        answer = QMessageBox.question(
            self,
            self.tr("重新编号"),
            self.tr(
                "这条承诺的编码已被其他设备使用。重新编号后将以新编码上传，"
                "已打印的承诺书上的编码随之作废，请告知承诺人新的编码。继续吗？"
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        seq = item["seq"]

        def work(task: Task) -> dict[str, Any]:
            from credit.platform_commitments import renumber

            return renumber(desk.store, desk.operator, seq)

        self.runner.run(
            work,
            on_done=lambda row: self._after(
                self.tr("已重新编号为 {0}，下次同步时上传。").format(row["code"])
            ),
            on_error=self._failed,
        )

    def resolve(self) -> None:
        desk, item = self.desk, self.selected_item()
        if desk is None or item is None or not item["can_resolve"]:
            return
        seq = item["seq"]
        if item["kind"] not in ("commitment", "commitment_fulfilment"):
            self._resolve_by_taking_theirs(seq)
            return

        def read(task: Task) -> tuple[dict[str, Any], dict[str, Any], int, str]:
            from credit.platform_commitments import conflict_sides

            return conflict_sides(desk.store, seq)

        self.runner.run(read, on_done=lambda sides: self._ask(seq, *sides), on_error=self._failed)

    def _ask(self, seq: int, theirs: dict[str, Any], mine: dict[str, Any], base: int, reason: str) -> None:
        from desktop.windows.fulfilment_conflict import ConflictDialog

        dialog = ConflictDialog(theirs, mine, base, reason, self, platform=True)
        dialog.setWindowTitle(self.tr("与共享平台上的记录有冲突"))
        dialog.finished.connect(lambda _: self._decided(seq, dialog))
        self.conflict = dialog
        dialog.open()

    def _decided(self, seq: int, dialog: ConflictDialog) -> None:
        from desktop.windows.fulfilment_conflict import MERGE, MINE, STORED

        self.conflict = None
        dialog.deleteLater()
        desk = self.desk
        if desk is None or dialog.choice is None:
            return
        choice = dialog.choice
        values = dialog.resolved() if choice == MERGE else None

        def work(task: Task) -> dict[str, Any]:
            from credit.platform_commitments import MINE as KEEP
            from credit.platform_commitments import THEIRS, resolve_conflict

            return resolve_conflict(
                desk.store, desk.operator, seq, THEIRS if choice == STORED else KEEP, values
            )

        done = {
            STORED: self.tr("已采用平台上的版本，本机记录已更新。"),
            MINE: self.tr("将保留您的修改：下次同步时基于平台的版本重新上传。"),
            MERGE: self.tr("已按所选逐项合并：下次同步时基于平台的版本上传。"),
        }[choice]
        self.runner.run(work, on_done=lambda _: self._after(done), on_error=self._failed)

    def _resolve_by_taking_theirs(self, seq: int) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("采用平台版本"),
            self.tr(
                "平台已有同一编号但内容不同的记录，平台不会覆盖已接收的记录。采用平台的版本并不再上传本机这条吗？"
            ),
        )
        desk = self.desk
        if answer != QMessageBox.StandardButton.Yes or desk is None:
            return

        def work(task: Task) -> dict[str, Any]:
            from credit.platform_commitments import THEIRS, resolve_conflict

            return resolve_conflict(desk.store, desk.operator, seq, THEIRS)

        self.runner.run(
            work, on_done=lambda _: self._after(self.tr("已采用平台的版本。")), on_error=self._failed
        )


__all__ = ["OutboxView"]
