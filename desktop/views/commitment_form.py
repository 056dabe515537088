"""登记信用承诺: the reference's fields, texts from the matter's template, 容缺受理 deadlines live.

The committer comes from the entity open in 查询 when there is one. 承诺内容 and 违诺责任 follow
the template (``commitments.filled_template``) with the form's values put in, until the clerk
edits them; then they are the clerk's words. For 容缺受理型 the missing materials and the
working-day count give the deadline as the clerk types, or the calendar's plain message when
the year has no holiday data. Validation is the core's: its message appears beside the form,
the field at fault is marked, and nothing typed is lost. A USCC failing its check characters
goes through the same recorded override as everywhere else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from credit.domain import uscc as uscc_rules
from desktop.core_labels import term
from desktop.errors import show_error
from desktop.formatting import named
from desktop.ops import RunnerLike, Task
from desktop.views.check_view import code_from_input
from desktop.windows.fulfilment_dialog import ERROR_STYLE, qdate_iso

if TYPE_CHECKING:  # the core (SQLAlchemy, reportlab …) is imported by the worker
    from credit.desk import Desk
    from credit.domain.catalogs import Matter

TOLERANT = "容缺受理型"
PERSON = "自然人"
INDIVIDUAL = "个体工商户"
ORGANISATION = "法人及非法人组织"
WARNING_STYLE = (
    "QLabel { background: #fdecea; color: #8e1c1c; border: 1px solid #c62828;"
    " border-radius: 4px; padding: 6px; }"
)
DEADLINE_STYLE = "QLabel { background: #e8f5e9; color: #1b5e20; border-radius: 4px; padding: 6px; }"
NO_DATA_STYLE = (
    "QLabel { background: #fff4cc; color: #1a1a1a; border: 1px solid #f2b200;"
    " border-radius: 4px; padding: 6px; }"
)


@dataclass(frozen=True)
class FormData:
    """The catalog values the form offers, read on the worker (with the core's import)."""

    matters: dict[str, Matter]
    types: tuple[str, ...]
    categories: tuple[str, ...]
    publicity: tuple[str, ...]


def load_form_data() -> FormData:
    from credit import commitments as cm
    from credit.domain.catalogs import COMMITMENT_TYPES, load_catalog

    return FormData(dict(load_catalog().matters), COMMITMENT_TYPES, cm.CATEGORIES, cm.PUBLICITY_TYPES)


def category_for(uscc: str) -> str:
    """The committer category a USCC implies: 92 is an individual business (个体工商户)."""
    return INDIVIDUAL if uscc[:2] == "92" else ORGANISATION


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class CommitmentForm(QWidget):
    """``registered(row)`` after the core has recorded a commitment (with outbox and audit rows)."""

    registered = Signal(object)  # dict: the stored commitment

    def __init__(
        self,
        runner: RunnerLike,
        parent: QWidget | None = None,
        *,
        ask_override: Callable[[str], str | None] | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("commitmentForm")
        self.runner = runner
        self.desk: Desk | None = None
        self.data: FormData | None = None
        self.ask_override = ask_override or (lambda code: None)
        self.today = today
        self.auto_text = {"content": True, "liability": True}
        self.deadline: date | None = None
        self._filling = False
        self._open_entity: tuple[str, str] | None = None
        self._filled_from: tuple[str, str] | None = None
        self._task: Task | None = None
        self._build()
        self._connect()
        self.reset()

    # -- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.name_field = QLineEdit()
        self.name_field.setObjectName("committerName")
        self.name_field.setPlaceholderText(self.tr("与证照或身份证件一致"))
        self.use_open_button = QPushButton(self.tr("使用查询中的主体"))
        self.use_open_button.setObjectName("useOpenEntity")
        self.use_open_button.setToolTip(self.tr("在“查询”中打开主体后可用（Ctrl+E）"))
        self.use_open_button.setEnabled(False)
        self.category_combo = QComboBox()
        self.category_combo.setObjectName("committerCategory")
        self.code_label = QLabel(self.tr("统一社会信用代码"))
        self.code_field = QLineEdit()
        self.code_field.setObjectName("committerCode")
        self.code_field.setPlaceholderText(self.tr("输入或扫描营业执照二维码"))
        self.type_combo = QComboBox()
        self.type_combo.setObjectName("commitmentType")
        self.matter_combo = QComboBox()
        self.matter_combo.setObjectName("commitmentMatter")
        self.matter_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.matter_combo.setMinimumContentsLength(16)
        self.reason_field = QLineEdit()
        self.reason_field.setObjectName("commitmentReason")
        self.reason_field.setPlaceholderText(self.tr("例如：申请食品经营许可"))
        self.made_on_edit = self._date_edit("madeOn")
        self.valid_check = QCheckBox(self.tr("截止至"))
        self.valid_check.setObjectName("hasValidUntil")
        self.valid_check.setToolTip(self.tr("不勾选即长期有效"))
        self.valid_edit = self._date_edit("validUntil")
        self.unit_field = QLineEdit()
        self.unit_field.setObjectName("acceptingUnit")
        self.publicity_combo = QComboBox()
        self.publicity_combo.setObjectName("publicityType")
        self.education_check = QCheckBox(self.tr("已进行准入前诚信教育"))
        self.education_check.setObjectName("educationGiven")

        self.materials_edit = QPlainTextEdit()
        self.materials_edit.setObjectName("missingMaterials")
        self.materials_edit.setPlaceholderText(self.tr("每行一项，例如：\n场所平面图\n从业人员健康证明"))
        self.materials_edit.setTabChangesFocus(True)
        self.materials_edit.setFixedHeight(int(self.fontMetrics().height() * 4.6))
        self.days_spin = QSpinBox()
        self.days_spin.setObjectName("deadlineDays")
        self.days_spin.setRange(0, 250)
        self.days_spin.setSpecialValueText(self.tr("请填写"))
        self.days_spin.setSuffix(self.tr(" 个工作日"))
        self.days_spin.setMaximumWidth(
            self.fontMetrics().horizontalAdvance("250" + self.days_spin.suffix()) + 48
        )
        self.deadline_label = QLabel()
        self.deadline_label.setObjectName("deadlineText")
        self.deadline_label.setWordWrap(True)
        self.deadline_label.setTextFormat(Qt.TextFormat.PlainText)
        self.tolerant_box = QGroupBox(self.tr("容缺受理"))
        self.tolerant_box.setObjectName("tolerantBox")
        tolerant = QFormLayout(self.tolerant_box)
        tolerant.addRow(self.tr("容缺材料"), self.materials_edit)
        tolerant.addRow(self.tr("补齐期限"), self.days_spin)
        tolerant.addRow(self.deadline_label)

        self.content_edit = QPlainTextEdit()
        self.content_edit.setObjectName("commitmentContent")
        self.liability_edit = QPlainTextEdit()
        self.liability_edit.setObjectName("commitmentLiability")
        self.content_reset = QPushButton(self.tr("恢复模板文字"))
        self.content_reset.setObjectName("resetContent")
        self.liability_reset = QPushButton(self.tr("恢复模板文字"))
        self.liability_reset.setObjectName("resetLiability")
        self.text_note = QLabel(self.tr("文字按所选承诺类型和审批事项的模板生成，随表单更新；可直接修改。"))
        self.text_note.setObjectName("textNote")
        self.text_note.setWordWrap(True)
        muted = self.text_note.palette()
        muted.setColor(muted.ColorRole.WindowText, muted.color(muted.ColorRole.PlaceholderText))
        self.text_note.setPalette(muted)

        self.error = QLabel()
        self.error.setObjectName("commitmentError")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.setStyleSheet(WARNING_STYLE)
        self.error.hide()
        self.register_button = QPushButton(self.tr("登记承诺"))
        self.register_button.setObjectName("registerCommitment")
        self.register_button.setDefault(True)
        self.register_button.setMinimumWidth(self.register_button.sizeHint().width() + 40)
        self.register_button.setMinimumHeight(int(self.fontMetrics().height() * 2))

        committer = QGroupBox(self.tr("承诺人"))
        who = QFormLayout(committer)
        name_row = QHBoxLayout()
        name_row.addWidget(self.name_field, 1)
        name_row.addWidget(self.use_open_button)
        who.addRow(self.tr("名称"), name_row)
        who.addRow(self.tr("类别"), self.category_combo)
        who.addRow(self.code_label, self.code_field)

        facts = QGroupBox(self.tr("承诺"))
        what = QFormLayout(facts)
        what.addRow(self.tr("承诺类型"), self.type_combo)
        what.addRow(self.tr("审批事项"), self.matter_combo)
        what.addRow(self.tr("承诺事由"), self.reason_field)
        dates = QHBoxLayout()
        dates.addWidget(self.made_on_edit)
        dates.addStretch(1)
        what.addRow(self.tr("作出日期"), dates)
        valid = QHBoxLayout()
        valid.addWidget(self.valid_check)
        valid.addWidget(self.valid_edit)
        valid.addStretch(1)
        what.addRow(self.tr("有效期"), valid)
        what.addRow(self.tr("受理单位"), self.unit_field)
        what.addRow(self.tr("公开类型"), self.publicity_combo)
        what.addRow("", self.education_check)

        left = QVBoxLayout()
        left.setSpacing(10)
        left.addWidget(committer)
        left.addWidget(facts)
        left.addWidget(self.tolerant_box)
        left.addStretch(1)

        texts = QGroupBox(self.tr("承诺书文字"))
        text_layout = QVBoxLayout(texts)
        for title, edit, reset in (
            (self.tr("承诺内容"), self.content_edit, self.content_reset),
            (self.tr("违诺责任"), self.liability_edit, self.liability_reset),
        ):
            head = QHBoxLayout()
            head.addWidget(QLabel(title), 1)
            head.addWidget(reset)
            text_layout.addLayout(head)
            text_layout.addWidget(edit, 1)
        text_layout.addWidget(self.text_note)

        columns = QHBoxLayout()
        columns.setSpacing(14)
        columns.addLayout(left, 5)
        columns.addWidget(texts, 6)
        actions = QHBoxLayout()
        actions.addWidget(self.error, 1)
        actions.addStretch(0)
        actions.addWidget(self.register_button, 0, Qt.AlignmentFlag.AlignTop)
        self.error.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        body = QWidget()
        inner = QVBoxLayout(body)
        inner.setContentsMargins(12, 12, 12, 12)
        inner.addLayout(columns, 1)
        inner.addLayout(actions)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        self.scroll_area = scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self.fields: dict[str, QWidget] = {
            "committer_name": self.name_field,
            "committer_category": self.category_combo,
            "committer_code": self.code_field,
            "division": self.code_field,
            "commitment_type": self.type_combo,
            "matter_code": self.matter_combo,
            "reason": self.reason_field,
            "made_on": self.made_on_edit,
            "valid_until": self.valid_edit,
            "accepting_unit": self.unit_field,
            "publicity_type": self.publicity_combo,
            "missing_materials": self.materials_edit,
            "deadline_working_days": self.days_spin,
        }

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("2026-11-22") + 48)
        return edit

    def _connect(self) -> None:
        self.use_open_button.clicked.connect(self.use_open_entity)
        shortcut = QShortcut(QKeySequence("Ctrl+E"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.use_open_entity)
        self.category_combo.currentIndexChanged.connect(self._category_changed)
        self.type_combo.currentIndexChanged.connect(self._template_changed)
        self.matter_combo.currentIndexChanged.connect(self._template_changed)
        for line in (self.name_field, self.reason_field, self.unit_field):
            line.textChanged.connect(self.refresh_texts)
        self.materials_edit.textChanged.connect(self.refresh_texts)
        self.days_spin.valueChanged.connect(self.refresh_deadline)
        self.made_on_edit.dateChanged.connect(self.refresh_deadline)
        self.valid_check.toggled.connect(self.valid_edit.setEnabled)
        self.content_edit.textChanged.connect(lambda: self._edited("content"))
        self.liability_edit.textChanged.connect(lambda: self._edited("liability"))
        self.content_reset.clicked.connect(lambda: self.reset_text("content"))
        self.liability_reset.clicked.connect(lambda: self.reset_text("liability"))
        self.register_button.clicked.connect(self.submit)

    # -- wiring ---------------------------------------------------------------------------

    def set_desk(self, desk: Desk | None) -> None:
        self.desk = desk
        if desk is not None and not self.unit_field.text():
            self.unit_field.setText(desk.operator.unit)

    def set_data(self, data: FormData) -> None:
        """The choices to offer (:func:`load_form_data`, read on the worker)."""
        self.data = data
        self._filling = True
        try:
            for combo, values in (
                (self.category_combo, data.categories),
                (self.type_combo, data.types),
                (self.publicity_combo, data.publicity),
            ):
                combo.clear()
                for value in values:
                    combo.addItem(term(value), value)  # shown translated, stored as the core's
            self.matter_combo.clear()
            self.matter_combo.addItem(self.tr("（不涉及具体审批事项）"), None)
            for code, matter in data.matters.items():
                self.matter_combo.addItem(named(matter.name, code), code)
        finally:
            self._filling = False
        self._template_changed()
        self._category_changed()

    def set_open_entity(self, uscc: str, name: str = "") -> None:
        """The entity open in 查询: offered with one click, and filled in while the form is blank."""
        self._open_entity = (uscc, name) if uscc else None
        self.use_open_button.setEnabled(self._open_entity is not None)
        if self._open_entity is not None:
            self.use_open_button.setToolTip(self.tr("填入 {0}（{1}）（Ctrl+E）").format(name or uscc, uscc))
            current = (self.name_field.text().strip(), self.code_field.text().strip())
            if current == ("", "") or current == self._filled_from:
                self.use_open_entity()

    def use_open_entity(self) -> None:
        if self._open_entity is None:
            return
        uscc, name = self._open_entity
        self.name_field.setText(name)
        self.code_field.setText(uscc)
        self.set_combo(self.category_combo, category_for(uscc))
        self._filled_from = (name, uscc)

    @staticmethod
    def set_combo(combo: QComboBox, value: Any) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def reset(self) -> None:
        """A blank form for the next commitment; the clerk's unit and the choices stay."""
        for line in (self.name_field, self.code_field, self.reason_field):
            line.clear()
        self._filled_from = None
        self.materials_edit.clear()
        self.education_check.setChecked(False)
        today = self.today()
        self.made_on_edit.setDate(_qdate(today))
        self.valid_check.setChecked(False)
        self.valid_edit.setEnabled(False)
        self.valid_edit.setDate(_qdate(date(today.year + 1, today.month, min(today.day, 28))))
        self.auto_text = {"content": True, "liability": True}
        self._clear_error()
        self._template_changed()
        if self._open_entity is not None:
            self.use_open_entity()

    # -- live values ----------------------------------------------------------------------

    def commitment_type(self) -> str | None:
        value = self.type_combo.currentData()
        return value if isinstance(value, str) else None

    def matter(self) -> str | None:
        value = self.matter_combo.currentData()
        return value if isinstance(value, str) else None

    def made_on(self) -> date:
        return date.fromisoformat(qdate_iso(self.made_on_edit.date()))

    def materials(self) -> list[str]:
        return [line.strip() for line in self.materials_edit.toPlainText().splitlines() if line.strip()]

    def tolerant(self) -> bool:
        return self.commitment_type() == TOLERANT

    def _category_changed(self) -> None:
        person = self.category_combo.currentData() == PERSON
        self.code_label.setText(self.tr("身份证件号码") if person else self.tr("统一社会信用代码"))
        self.code_field.setPlaceholderText(
            self.tr("18位居民身份证号码") if person else self.tr("输入或扫描营业执照二维码")
        )

    def _template_changed(self) -> None:
        """A new type or matter: its default deadline, and the template texts not edited by hand."""
        if self._filling or self.data is None:
            self.tolerant_box.setVisible(self.tolerant())
            return
        kind = self.commitment_type()
        self.tolerant_box.setVisible(kind == TOLERANT)
        if kind == TOLERANT:
            from credit.commitments import template_for

            default = template_for(kind, self.matter()).deadline_working_days
            self.days_spin.blockSignals(True)
            self.days_spin.setValue(default or 0)
            self.days_spin.blockSignals(False)
        self.refresh_deadline()

    def refresh_deadline(self) -> None:
        """The deadline for the missing materials as the clerk types, or why there is none."""
        self.deadline = None
        if self.tolerant() and self.data is not None:
            days = self.days_spin.value()
            if days < 1:
                self._deadline_text(self.tr("请填写补齐材料的期限（工作日数）。"), NO_DATA_STYLE)
            else:
                from credit.commitments import CommitmentError, tolerant_deadline

                try:
                    self.deadline = tolerant_deadline(self.made_on(), days)
                except CommitmentError as exc:
                    self._deadline_text(exc.reason, NO_DATA_STYLE)
                else:
                    self._deadline_text(self.deadline_sentence(self.deadline, days), DEADLINE_STYLE)
        self.refresh_texts()

    def deadline_sentence(self, deadline: date, days: int) -> str:
        weekdays = [
            self.tr("星期一"),
            self.tr("星期二"),
            self.tr("星期三"),
            self.tr("星期四"),
            self.tr("星期五"),
            self.tr("星期六"),
            self.tr("星期日"),
        ]
        note = self.tr("，调休上班日") if deadline.weekday() >= 5 else ""
        text = self.tr("应于 {0}（{1}{2}）前补齐：自作出日期次日起第 {3} 个工作日，已扣除法定节假日。")
        return text.format(deadline.isoformat(), weekdays[deadline.weekday()], note, days)

    def _deadline_text(self, text: str, style: str) -> None:
        self.deadline_label.setText(text)
        self.deadline_label.setStyleSheet(style)

    def refresh_texts(self) -> None:
        """Put the template, filled with what the form holds, into the texts not edited by hand."""
        kind = self.commitment_type()
        if self.data is None or kind is None or not any(self.auto_text.values()):
            return
        from credit.commitments import filled_template, template_values

        def given(text: str, label: str) -> str:
            return text.strip() or f"〔{label}〕"

        values = template_values(
            committer_name=given(self.name_field.text(), self.tr("承诺人名称")),
            reason=given(self.reason_field.text(), self.tr("承诺事由")),
            accepting_unit=given(self.unit_field.text(), self.tr("受理单位")),
            made_on=self.made_on(),
            missing_materials=self.materials() or [given("", self.tr("容缺材料"))],
            deadline=self.deadline,
            deadline_days=self.days_spin.value() or None,
        )
        if kind == TOLERANT and self.deadline is None:
            values["deadline"] = given("", self.tr("补齐期限"))
        if kind == TOLERANT and not self.days_spin.value():
            values["deadline_days"] = "〔N〕"
        content, liability = filled_template(kind, self.matter(), values)
        self._filling = True
        try:
            if self.auto_text["content"]:
                self.content_edit.setPlainText(content)
            if self.auto_text["liability"]:
                self.liability_edit.setPlainText(liability)
        finally:
            self._filling = False
        self._sync_resets()

    def _edited(self, which: str) -> None:
        if not self._filling:
            self.auto_text[which] = False
            self._sync_resets()

    def reset_text(self, which: str) -> None:
        self.auto_text[which] = True
        self.refresh_texts()

    def _sync_resets(self) -> None:
        self.content_reset.setVisible(not self.auto_text["content"])
        self.liability_reset.setVisible(not self.auto_text["liability"])

    # -- registering ----------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """The form as :func:`credit.commitments.register` arguments (texts only when edited)."""
        tolerant = self.tolerant()
        code = self.code_field.text().strip()
        if self.category_combo.currentData() != PERSON:
            code = code_from_input(code) if code else code
        valid_until = date.fromisoformat(qdate_iso(self.valid_edit.date()))
        return {
            "committer_name": self.name_field.text(),
            "committer_category": self.category_combo.currentData() or "",
            "committer_code": code,
            "commitment_type": self.commitment_type() or "",
            "reason": self.reason_field.text(),
            "content": None if self.auto_text["content"] else self.content_edit.toPlainText(),
            "liability": None if self.auto_text["liability"] else self.liability_edit.toPlainText(),
            "matter_code": self.matter(),
            "made_on": self.made_on(),
            "valid_until": valid_until if self.valid_check.isChecked() else None,
            "accepting_unit": self.unit_field.text(),
            "publicity_type": self.publicity_combo.currentData() or "",
            "missing_materials": self.materials() if tolerant else [],
            "deadline_working_days": self.days_spin.value() if tolerant else None,
            "education_given": self.education_check.isChecked(),
        }

    def submit(self) -> None:
        desk = self.desk
        if desk is None or self.data is None or self._task is not None:
            return
        values = self.values()
        code = values["committer_code"]
        if code != self.code_field.text().strip():
            self.code_field.setText(code)  # a scanned licence URL becomes the code it carries
        override: str | None = None
        if values["committer_category"] != PERSON and code:
            try:
                parsed = uscc_rules.parse(code)
            except uscc_rules.USCCFormatError:
                parsed = None  # the core names the format error
            if parsed is not None and not parsed.valid:
                override = self.ask_override(parsed.code)
                if not override:
                    text = self.tr("未登记：代码 {0} 校验位不符，未确认使用。请与营业执照原件核对。")
                    self._show_error(text.format(parsed.code), "committer_code")
                    return

        def register(task: Task) -> dict[str, Any]:
            from credit.commitments import register

            return register(desk.store, desk.operator, override_reason=override, **values)

        self._clear_error()
        self.register_button.setEnabled(False)
        task = self.runner.run(register, on_done=self._registered, on_error=self._failed)
        if not task.finished:  # an immediate runner has already delivered the outcome
            self._task = task

    def _registered(self, row: dict[str, Any]) -> None:
        self._task = None
        self.register_button.setEnabled(True)
        self.registered.emit(row)

    def _failed(self, exc: BaseException) -> None:
        from credit.commitments import CommitmentError

        self._task = None
        self.register_button.setEnabled(True)
        if isinstance(exc, CommitmentError):
            self._show_error(exc.reason, exc.field)
        else:
            self._show_error(self.tr("承诺未登记，填写的内容仍在表单中。"), None)
            show_error(self.window(), exc)

    def _show_error(self, text: str, field: str | None) -> None:
        self._clear_error()
        self.error.setText(text)
        self.error.show()
        widget = self.fields.get(field or "")
        if widget is not None:
            widget.setStyleSheet(ERROR_STYLE)
            widget.setProperty("invalid", True)
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroll_area.ensureWidgetVisible(widget)

    def _clear_error(self) -> None:
        self.error.hide()
        for widget in self.fields.values():
            if widget.property("invalid"):
                widget.setStyleSheet("")
                widget.setProperty("invalid", False)
