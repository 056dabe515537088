"""Record (or correct) a commitment's fulfilment: 全部履行 / 部分履行 / 全部未履行.

Reusable wherever a commitment is at hand (the 信用承诺 page, an entity's profile, an inspection
in the field): give it a runner, a desk and the commitment code. It edits on the version it
loaded; when the record moved on meanwhile, :class:`ConflictDialog` shows both versions and
the user keeps theirs, takes the stored one or merges — never a silent overwrite.

Open it with ``open()`` (not ``exec()``), and listen to ``changed``: it carries the record as it
stands after the dialog, whether the user's edit was saved or the stored version was taken.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core_labels import term
from desktop.errors import show_error
from desktop.formatting import listed
from desktop.ops import RunnerLike, Task
from desktop.windows.fulfilment_conflict import (
    FIELDS,
    MERGE,
    MINE,
    STORED,
    ConflictDialog,
    fulfilment_word,
)

if TYPE_CHECKING:  # the core (SQLAlchemy …) is imported by the worker
    from credit.commitments import VersionConflict
    from credit.desk import Desk

FULFILMENTS = ("全部履行", "部分履行", "全部未履行")
BREACHES = ("部分履行", "全部未履行")
ERROR_STYLE = "border: 2px solid #c62828; border-radius: 3px;"

SAVED, TOOK_STORED = "saved", "took_stored"


def qdate_iso(day: QDate) -> str:
    return f"{day.year():04d}-{day.month():02d}-{day.day():02d}"


class FulfilmentDialog(QDialog):
    """``changed(row)``: the commitment as stored once the user is done (``outcome`` says how)."""

    changed = Signal(object)  # dict: the stored commitment
    loaded = Signal(object)  # dict | None: what the dialog edits

    def __init__(
        self,
        runner: RunnerLike,
        desk: Desk,
        code: str,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("fulfilmentDialog")
        self.runner, self.desk, self.code = runner, desk, code
        self.current: dict[str, Any] | None = None
        self.base_version: int | None = None
        self.row: dict[str, Any] | None = None
        self.outcome: str | None = None
        self.conflict: ConflictDialog | None = None
        self._task: Task | None = None
        self.setWindowTitle(self.tr("认定履行情况 · {0}").format(code))
        self.setMinimumWidth(620)

        self.summary = QLabel(self.tr("正在读取承诺 {0} …").format(code))
        self.summary.setObjectName("fulfilmentSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.status_group = QButtonGroup(self)
        status_row = QHBoxLayout()
        self.status_buttons: dict[str, QRadioButton] = {}
        for n, value in enumerate(FULFILMENTS):
            button = QRadioButton(fulfilment_word(value))
            button.setObjectName(f"status_{n}")
            self.status_group.addButton(button, n)
            self.status_buttons[value] = button
            status_row.addWidget(button)
        status_row.addStretch(1)
        self.status_host = QWidget()
        self.status_host.setLayout(status_row)
        status_row.setContentsMargins(0, 0, 0, 0)
        self.status_group.idToggled.connect(lambda n, on: self._sync_enabled())

        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("determinedOn")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        day = today or date.today()
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.unit_field = QLineEdit(desk.operator.unit)
        self.unit_field.setObjectName("determiningUnit")
        self.unmet_edit = QPlainTextEdit()
        self.unmet_edit.setObjectName("unmetContent")
        self.unmet_edit.setPlaceholderText(self.tr("例如：逾期未补齐场所平面图"))
        self.pursued_edit = QPlainTextEdit()
        self.pursued_edit.setObjectName("liabilityPursued")
        self.pursued_edit.setPlaceholderText(self.tr("例如：撤销审批决定，记入信用记录"))
        for edit in (self.unmet_edit, self.pursued_edit):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(int(edit.fontMetrics().height() * 4.2))
        self.breach_hint = QLabel(
            self.tr(
                "认定为部分履行或全部未履行后，将作为失信信息记入该主体的信用记录（待上传信用平台），"
                "此后的信用核查会比对该记录，例如不再适用容缺受理。"
            )
        )
        self.breach_hint.setObjectName("breachHint")
        self.breach_hint.setWordWrap(True)
        self.breach_hint.setStyleSheet(
            "QLabel { background: #fff4cc; color: #1a1a1a; border: 1px solid #f2b200;"
            " border-radius: 4px; padding: 6px; }"
        )
        self.error = QLabel()
        self.error.setObjectName("fulfilmentError")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet(
            "QLabel { background: #fdecea; color: #8e1c1c; border: 1px solid #c62828;"
            " border-radius: 4px; padding: 6px; }"
        )
        self.error.hide()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("履行状态"), self.status_host)
        form.addRow(self.tr("状态认定日期"), self.date_edit)
        form.addRow(self.tr("认定单位"), self.unit_field)
        form.addRow(self.tr("未履行内容"), self.unmet_edit)
        form.addRow(self.tr("违诺责任追究内容"), self.pursued_edit)

        buttons = QDialogButtonBox()
        self.save_button = QPushButton(self.tr("保存认定"))
        self.save_button.setObjectName("saveFulfilment")
        self.save_button.setDefault(True)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.submit)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        cancel = buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addSpacing(4)
        layout.addLayout(form)
        layout.addWidget(self.breach_hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.fields: dict[str, QWidget] = {
            "fulfilment": self.status_host,
            "determined_on": self.date_edit,
            "determining_unit": self.unit_field,
            "unmet_content": self.unmet_edit,
            "liability_pursued": self.pursued_edit,
        }
        self._sync_enabled()
        self._load()

    # -- loading --------------------------------------------------------------------------

    def _load(self) -> None:
        desk, code = self.desk, self.code

        def load(task: Task) -> dict[str, Any] | None:
            from credit.commitments import get

            return get(desk.store, code)

        self.runner.run(load, on_done=self._loaded, on_error=self._failed)

    def _loaded(self, row: dict[str, Any] | None) -> None:
        if row is None:
            self.summary.setText(self.tr("没有编码为 {0} 的信用承诺。").format(self.code))
            self.loaded.emit(None)
            return
        self._take(row)
        if row.get("fulfilment"):
            self._fill({k: row.get(k) for k in FIELDS})
        self.save_button.setEnabled(True)
        self.loaded.emit(row)

    def _take(self, row: dict[str, Any]) -> None:
        """Edit on ``row``'s version from now on."""
        self.current = row
        self.base_version = int(row["version"])
        state = fulfilment_word(row["fulfilment"]) if row.get("fulfilment") else self.tr("待认定")
        lines = [
            self.tr("承诺编码 {0} · {1}").format(row["code"], term(row["commitment_type"])),
            self.tr("承诺人：{0}（{1}）").format(row["committer_name"], row["committer_code"]),
            self.tr("承诺事由：{0}").format(row["reason"]),
        ]
        if row.get("deadline"):
            lines.append(
                self.tr("补齐期限 {0} · 容缺材料：{1}").format(
                    row["deadline"], listed(row["missing_materials"])
                )
            )
        lines.append(self.tr("当前履行状态：{0}（第 {1} 版）").format(state, row["version"]))
        self.summary.setText("\n".join(lines))

    def _fill(self, values: dict[str, Any]) -> None:
        status = values.get("fulfilment")
        if status in self.status_buttons:
            self.status_buttons[status].setChecked(True)
        else:
            self.status_group.setExclusive(False)
            for button in self.status_buttons.values():
                button.setChecked(False)
            self.status_group.setExclusive(True)
        if values.get("determined_on"):
            day = date.fromisoformat(str(values["determined_on"])[:10])
            self.date_edit.setDate(QDate(day.year, day.month, day.day))
        if values.get("determining_unit"):
            self.unit_field.setText(str(values["determining_unit"]))
        self.unmet_edit.setPlainText(str(values.get("unmet_content") or ""))
        self.pursued_edit.setPlainText(str(values.get("liability_pursued") or ""))
        self._sync_enabled()

    # -- the form -------------------------------------------------------------------------

    def status(self) -> str | None:
        checked = self.status_group.checkedId()
        return FULFILMENTS[checked] if checked >= 0 else None

    def set_status(self, value: str) -> None:
        self.status_buttons[value].setChecked(True)

    def _sync_enabled(self) -> None:
        breach = self.status() in BREACHES
        self.unmet_edit.setEnabled(breach)
        self.pursued_edit.setEnabled(breach)
        self.breach_hint.setVisible(breach)

    def mine(self) -> dict[str, Any]:
        """The edit as the fields of a fulfilment (texts only for a breach, as the core wants)."""
        status = self.status()
        breach = status in BREACHES
        return {
            "fulfilment": status,
            "determined_on": qdate_iso(self.date_edit.date()),
            "determining_unit": self.unit_field.text().strip(),
            "unmet_content": (self.unmet_edit.toPlainText().strip() or None) if breach else None,
            "liability_pursued": (self.pursued_edit.toPlainText().strip() or None) if breach else None,
        }

    # -- saving ---------------------------------------------------------------------------

    def submit(self) -> None:
        if self.current is None or self.base_version is None or self._task is not None:
            return
        values = self.mine()
        if values["fulfilment"] is None:
            self._show_error(self.tr("请选择履行状态：全部履行、部分履行或全部未履行。"), "fulfilment")
            return
        desk, code, base = self.desk, self.code, self.base_version

        def save(task: Task) -> dict[str, Any]:
            from credit.commitments import record_fulfilment

            return record_fulfilment(
                desk.store,
                desk.operator,
                code,
                fulfilment=values["fulfilment"],
                determined_on=date.fromisoformat(values["determined_on"]),
                determining_unit=values["determining_unit"],
                unmet_content=values["unmet_content"],
                liability_pursued=values["liability_pursued"],
                base_version=base,
            )

        self._clear_error()
        self.save_button.setEnabled(False)
        task = self.runner.run(save, on_done=self._saved, on_error=lambda exc: self._save_failed(values, exc))
        if not task.finished:  # an immediate runner has already delivered the outcome
            self._task = task

    def _saved(self, row: dict[str, Any]) -> None:
        self._task = None
        self.row, self.outcome = row, SAVED
        self.changed.emit(row)
        self.accept()

    def _save_failed(self, mine: dict[str, Any], exc: BaseException) -> None:
        from credit.commitments import CommitmentError, VersionConflict

        self._task = None
        self.save_button.setEnabled(True)
        if isinstance(exc, VersionConflict):
            self._ask_conflict(exc, mine)
        elif isinstance(exc, CommitmentError):
            self._show_error(exc.reason, exc.field)
        else:
            self._show_error(self.tr("认定未保存。"), None)
            show_error(self, exc)

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(self.tr("承诺 {0} 未能读取。").format(self.code))
        show_error(self, exc)

    # -- conflicts ------------------------------------------------------------------------

    def _ask_conflict(self, exc: VersionConflict, mine: dict[str, Any]) -> None:
        self.conflict = ConflictDialog(exc.stored, mine, exc.base_version, exc.reason, self)
        self.conflict.finished.connect(self._resolve)
        self.conflict.open()

    def _resolve(self, result: int) -> None:
        conflict = self.conflict
        if conflict is None:
            return
        self.conflict = None
        conflict.deleteLater()
        stored = conflict.stored
        if conflict.choice is None:  # back to the form: the next save asks again
            text = self.tr("承诺已被他人修改（现为第 {0} 版），您的修改尚未保存。")
            self._show_error(text.format(stored["version"]), None)
            return
        self._take(stored)
        if conflict.choice == STORED:
            self._fill({k: stored.get(k) for k in FIELDS})
            self.row, self.outcome = stored, TOOK_STORED
            self.changed.emit(stored)
            self.accept()
            return
        assert conflict.choice in (MINE, MERGE)
        self._fill(conflict.resolved())
        self.submit()  # on the stored version now

    # -- errors ---------------------------------------------------------------------------

    def _show_error(self, text: str, field: str | None) -> None:
        self._clear_error()
        self.error.setText(text)
        self.error.show()
        widget = self.fields.get(field or "")
        if widget is not None:
            widget.setStyleSheet(ERROR_STYLE if widget is not self.status_host else "color: #c62828;")
            widget.setProperty("invalid", True)
            widget.setFocus()

    def _clear_error(self) -> None:
        self.error.hide()
        for widget in self.fields.values():
            widget.setStyleSheet("")
            widget.setProperty("invalid", False)
