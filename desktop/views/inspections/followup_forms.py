"""The follow-up forms: the rectification order (限期整改) and the interview record (约谈).

Both autosave into drafts like the inspection form and hand the final write to the core, which
checks the input (a readable list of what is missing, nothing typed lost) and writes the order
or interview with its outbox and audit rows.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import show_error
from desktop.ops import RunnerLike
from desktop.views.inspections.autosave import AUTOSAVE_MS, Autosaver, run_guarded, save_then
from desktop.views.inspections.inspection_form import DONE_STYLE, ERROR_STYLE, problems_html

if TYPE_CHECKING:
    from credit.domain.inspection_catalog import InspectionCatalog
    from credit.inspections.service import Inspections

def _qdate(text: str | None) -> QDate:
    day = QDate.fromString(text or "", "yyyy-MM-dd")
    return day if day.isValid() else QDate.currentDate()


def _day(edit: QDateEdit) -> date:
    value = edit.date().toPython()
    assert isinstance(value, date)
    return value


class _DraftDialog(QDialog):
    """What both forms share: the autosaved draft, the problems box, the submit step."""

    submitted = Signal(object)

    def __init__(
        self,
        runner: RunnerLike,
        service: Inspections,
        draft: dict[str, Any],
        catalog: InspectionCatalog,
        parent: QWidget | None,
        autosave_ms: int,
    ) -> None:
        super().__init__(parent)
        self.runner, self.service, self.catalog = runner, service, catalog
        self.draft_id: str = draft["id"]
        self.data: dict[str, Any] = dict(draft["data"])
        self.outcome: dict[str, Any] | None = None
        self._loading = True
        self.autosave = Autosaver(
            runner, service, self.draft_id, self.collect, interval_ms=autosave_ms, parent=self
        )
        self.message = QLabel()
        self.message.setObjectName("formProblems")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.hide()
        self.status = QLabel()
        self.autosave.saved.connect(self._saved)
        self.autosave.failed.connect(self._save_failed)
        self.submit_button = QPushButton()
        self.submit_button.setObjectName("submitButton")
        self.submit_button.setDefault(False)
        self.submit_button.setAutoDefault(False)
        self.submit_button.clicked.connect(self.submit)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close)

    def finish_layout(self, form: QFormLayout) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form, 1)
        layout.addLayout(buttons)
        self._loading = False

    def collect(self) -> dict[str, Any]:
        raise NotImplementedError

    def edited(self, *args: object) -> None:
        if not self._loading and self.outcome is None:
            self.autosave.edited()

    def _saved(self, revision: int) -> None:
        self.status.setText(self.tr("草稿已自动保存"))

    def _save_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, LookupError):
            self.status.setText(self.tr("草稿保存失败，已填写的内容仍在窗口中。"))
            show_error(self, exc)

    def submit(self) -> None:
        if self.outcome is None:
            self.submit_button.setEnabled(False)
            self.autosave.then(self._run_submit)

    def _run_submit(self, data: dict[str, Any]) -> None:
        self.data = data
        run_guarded(
            self,
            self.runner,
            save_then(self.service, self.draft_id, data, lambda: self.write(data)),
            self._submitted,
            self._submit_failed,
        )

    def write(self, data: dict[str, Any]) -> dict[str, Any]:
        """On the worker: the core call that turns the draft into its record."""
        raise NotImplementedError

    def _submit_failed(self, exc: BaseException) -> None:
        from credit.inspections import InspectionError

        self.submit_button.setEnabled(True)
        if isinstance(exc, InspectionError):
            self.message.setText(problems_html(exc.problems, self.tr("请补正：")))
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.show()
        else:
            show_error(self, exc)

    def _submitted(self, result: dict[str, Any]) -> None:
        self.outcome = result
        self.autosave.stop()
        self.message.setText(escape(self.done_text(result)))
        self.message.setStyleSheet(DONE_STYLE)
        self.message.show()
        self.submit_button.hide()
        self.status.setText(self.tr("已记录，已排队上传信用平台。"))
        for child in self.findChildren(QWidget):
            if isinstance(child, QLineEdit | QPlainTextEdit):
                child.setReadOnly(True)
            elif isinstance(child, QComboBox | QDateEdit | QSpinBox | QCheckBox | QTableWidget):
                child.setEnabled(False)
        self.submitted.emit(result)

    def done_text(self, result: dict[str, Any]) -> str:
        raise NotImplementedError

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.outcome is None and self.autosave.timer.isActive():
            self.autosave.save_now()
        super().closeEvent(event)


class RectificationForm(_DraftDialog):
    """限期整改: the problems (from the record's 不符合 items), the requirement, the deadline."""

    def __init__(
        self,
        runner: RunnerLike,
        service: Inspections,
        draft: dict[str, Any],
        catalog: InspectionCatalog,
        *,
        record: dict[str, Any],
        parent: QWidget | None = None,
        autosave_ms: int = AUTOSAVE_MS,
    ) -> None:
        super().__init__(runner, service, draft, catalog, parent, autosave_ms)
        self.setObjectName("rectificationForm")
        self.record = record
        self.setWindowTitle(self.tr("责令限期整改 · {0}").format(record["party_name"]))
        self.submit_button.setText(self.tr("下达整改通知"))
        head = QLabel(
            self.tr("{0}（{1}）\n检查记录 {2} · {3} · 检查结果 {4} {5}").format(
                record["party_name"],
                record["party_code"],
                record["record_no"],
                record["matter_name"],
                record["result_code"],
                record["result_name"],
            )
        )
        head.setTextFormat(Qt.TextFormat.PlainText)
        head.setWordWrap(True)
        self.problems = QPlainTextEdit("\n".join(self.data.get("problems") or []))
        self.problems.setObjectName("orderProblems")
        self.problems.setPlaceholderText(self.tr("需要整改的问题，每行一项"))
        self.requirement = QPlainTextEdit(self.data.get("requirement") or "")
        self.requirement.setObjectName("orderRequirement")
        self.requirement.setMaximumHeight(self.fontMetrics().height() * 4)
        self.issued = QDateEdit(_qdate(self.data.get("issued_on")))
        self.issued.setObjectName("orderIssued")
        self.issued.setCalendarPopup(True)
        self.issued.setDisplayFormat("yyyy-MM-dd")
        self.days = QSpinBox()
        self.days.setObjectName("orderDays")
        self.days.setRange(1, 180)
        self.days.setSuffix(self.tr(" 个工作日"))
        self.days.setValue(int(self.data.get("working_days") or catalog.rectification_working_days))
        self.by_date = QCheckBox(self.tr("直接指定截止日期"))
        self.by_date.setObjectName("orderByDate")
        self.deadline_edit = QDateEdit(_qdate(self.data.get("deadline")))
        self.deadline_edit.setObjectName("orderDeadline")
        self.deadline_edit.setCalendarPopup(True)
        self.deadline_edit.setDisplayFormat("yyyy-MM-dd")
        self.by_date.setChecked(bool(self.data.get("deadline")))
        self.deadline_label = QLabel()
        self.deadline_label.setObjectName("orderDeadlineText")
        self.deadline_label.setWordWrap(True)
        for signal in (
            self.problems.textChanged,
            self.requirement.textChanged,
            self.issued.dateChanged,
            self.days.valueChanged,
            self.by_date.toggled,
            self.deadline_edit.dateChanged,
        ):
            signal.connect(self.edited)
            signal.connect(self._show_deadline)
        term = QHBoxLayout()
        term.addWidget(self.days)
        term.addWidget(self.by_date)
        term.addWidget(self.deadline_edit)
        term.addStretch(1)
        form = QFormLayout()
        form.addRow(head)
        form.addRow(self.tr("存在问题"), self.problems)
        form.addRow(self.tr("整改要求"), self.requirement)
        form.addRow(self.tr("通知日期"), self.issued)
        form.addRow(self.tr("整改期限"), term)
        form.addRow("", self.deadline_label)
        self.finish_layout(form)
        self._show_deadline()
        self.resize(760, 560)

    def _show_deadline(self, *args: object) -> None:
        """The deadline as it will be computed, live (working days, statutory calendar)."""
        from credit.domain.workdays import NoCalendarData, add_working_days

        self.deadline_edit.setEnabled(self.by_date.isChecked() and self.outcome is None)
        self.days.setEnabled(not self.by_date.isChecked() and self.outcome is None)
        if self.by_date.isChecked():
            self.deadline_label.setText(
                self.tr("整改截止日期：{0}").format(_day(self.deadline_edit).isoformat())
            )
            return
        try:
            end = add_working_days(_day(self.issued), self.days.value())
        except NoCalendarData as exc:
            self.deadline_label.setText(exc.reason + self.tr("也可勾选“直接指定截止日期”。"))
            return
        self.deadline_label.setText(
            self.tr("整改截止日期：{0}（通知日期后第 {1} 个工作日）").format(
                end.isoformat(), self.days.value()
            )
        )

    def collect(self) -> dict[str, Any]:
        data = dict(self.data)
        data.update(
            problems=[line.strip() for line in self.problems.toPlainText().splitlines() if line.strip()],
            requirement=self.requirement.toPlainText().strip(),
            issued_on=_day(self.issued).isoformat(),
            working_days=None if self.by_date.isChecked() else self.days.value(),
            deadline=_day(self.deadline_edit).isoformat() if self.by_date.isChecked() else None,
        )
        return data

    def write(self, data: dict[str, Any]) -> dict[str, Any]:
        return self.service.issue_rectification(
            data["record_id"],
            problems=data["problems"],
            requirement=data["requirement"],
            issued_on=date.fromisoformat(data["issued_on"]),
            working_days=data["working_days"],
            deadline=date.fromisoformat(data["deadline"]) if data.get("deadline") else None,
            draft_id=self.draft_id,
        )

    def done_text(self, result: dict[str, Any]) -> str:
        return self.tr(
            "已下达整改通知 {0}，整改截止日期 {1}。逾期未整改的，将在“整改与约谈”中提示约谈。"
        ).format(result["order_no"], result["deadline"])


class InterviewForm(_DraftDialog):
    """提示约谈 / 警示约谈: date, place, both sides' participants, content, what was undertaken."""

    def __init__(
        self,
        runner: RunnerLike,
        service: Inspections,
        draft: dict[str, Any],
        catalog: InspectionCatalog,
        *,
        parent: QWidget | None = None,
        autosave_ms: int = AUTOSAVE_MS,
    ) -> None:
        super().__init__(runner, service, draft, catalog, parent, autosave_ms)
        self.setObjectName("interviewForm")
        self.setWindowTitle(self.tr("约谈记录 · {0}").format(self.data["entity_name"]))
        self.submit_button.setText(self.tr("记录约谈"))
        head = QLabel(self.tr("{0}（{1}）").format(self.data["entity_name"], self.data["uscc"]))
        head.setTextFormat(Qt.TextFormat.PlainText)
        self.kind = QComboBox()
        self.kind.setObjectName("interviewKind")
        for k in catalog.interview_kinds:  # catalog data, shown as the catalog writes it
            self.kind.addItem(k.name, k.name)
            self.kind.setItemData(self.kind.count() - 1, k.use, Qt.ItemDataRole.ToolTipRole)
        self.kind.setCurrentIndex(max(0, self.kind.findData(self.data.get("kind"))))
        self.kind_use = QLabel()
        self.kind_use.setWordWrap(True)
        self.held = QDateEdit(_qdate(self.data.get("held_on")))
        self.held.setObjectName("interviewDate")
        self.held.setCalendarPopup(True)
        self.held.setDisplayFormat("yyyy-MM-dd")
        self.place = QLineEdit(self.data.get("place") or "")
        self.place.setObjectName("interviewPlace")
        self.place.setPlaceholderText(self.tr("约谈地点"))
        self.people = QTableWidget(0, 3)
        self.people.setObjectName("interviewPeople")
        self.people.setHorizontalHeaderLabels([self.tr("姓名"), self.tr("所属方"), self.tr("职务/身份")])
        self.people.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.people.verticalHeader().setVisible(False)
        self.people.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.people.setMaximumHeight(self.fontMetrics().height() * 9)
        for p in self.data.get("participants") or []:
            self.add_person(p.get("name", ""), p.get("side", "entity"), p.get("role", ""))
        self.people.itemChanged.connect(self.edited)
        add = QPushButton(self.tr("添加人员"))
        add.setAutoDefault(False)
        add.clicked.connect(lambda: self.add_person("", "entity", ""))
        remove = QPushButton(self.tr("删除所选"))
        remove.setAutoDefault(False)
        remove.clicked.connect(self._remove_people)
        people = QHBoxLayout()
        people.addWidget(self.people, 1)
        side = QVBoxLayout()
        side.addWidget(add)
        side.addWidget(remove)
        side.addStretch(1)
        people.addLayout(side)
        self.content = QPlainTextEdit(self.data.get("content") or "")
        self.content.setObjectName("interviewContent")
        self.content.setPlaceholderText(self.tr("约谈内容：指出的问题、告知的失信后果和法律责任"))
        self.undertakings = QPlainTextEdit(self.data.get("undertakings") or "")
        self.undertakings.setObjectName("interviewUndertakings")
        self.undertakings.setPlaceholderText(self.tr("被约谈方的承诺及整改措施、完成时限"))
        for signal in (self.kind.currentIndexChanged, self.held.dateChanged, self.place.textEdited,
                       self.content.textChanged, self.undertakings.textChanged):  # fmt: skip
            signal.connect(self.edited)
        self.kind.currentIndexChanged.connect(self._show_use)
        form = QFormLayout()
        form.addRow(head)
        form.addRow(self.tr("约谈方式"), self.kind)
        form.addRow("", self.kind_use)
        form.addRow(self.tr("约谈日期"), self.held)
        form.addRow(self.tr("约谈地点"), self.place)
        form.addRow(self.tr("参加人员"), people)
        form.addRow(self.tr("约谈内容"), self.content)
        form.addRow(self.tr("承诺事项"), self.undertakings)
        basis = QLabel(catalog.interview_basis)
        basis.setWordWrap(True)
        pal = basis.palette()
        pal.setColor(pal.ColorRole.WindowText, pal.color(pal.ColorRole.PlaceholderText))
        basis.setPalette(pal)
        form.addRow("", basis)
        self.finish_layout(form)
        self._show_use()
        self.resize(760, 680)

    def _show_use(self, *args: object) -> None:
        use = self.kind.currentData(Qt.ItemDataRole.ToolTipRole)
        self.kind_use.setText(str(use or ""))

    def add_person(self, name: str, side: str, role: str) -> None:
        row = self.people.rowCount()
        self.people.blockSignals(True)
        self.people.insertRow(row)
        self.people.setItem(row, 0, QTableWidgetItem(name))
        combo = QComboBox()
        for key, label in (("regulator", self.tr("约谈方")), ("entity", self.tr("被约谈方"))):
            combo.addItem(label, key)
        combo.setCurrentIndex(max(0, combo.findData(side)))
        combo.currentIndexChanged.connect(self.edited)
        self.people.setCellWidget(row, 1, combo)
        self.people.setItem(row, 2, QTableWidgetItem(role))
        self.people.blockSignals(False)
        self.edited()

    def _remove_people(self) -> None:
        for r in sorted({i.row() for i in self.people.selectedIndexes()}, reverse=True):
            self.people.removeRow(r)
        self.edited()

    def collect(self) -> dict[str, Any]:
        people = []
        for r in range(self.people.rowCount()):
            name, role = self.people.item(r, 0), self.people.item(r, 2)
            combo = self.people.cellWidget(r, 1)
            people.append(
                {
                    "name": name.text().strip() if name else "",
                    "side": combo.currentData() if isinstance(combo, QComboBox) else "entity",
                    "role": role.text().strip() if role else "",
                }
            )
        data = dict(self.data)
        data.update(
            kind=self.kind.currentData(),
            held_on=_day(self.held).isoformat(),
            place=self.place.text().strip(),
            participants=people,
            content=self.content.toPlainText().strip(),
            undertakings=self.undertakings.toPlainText().strip(),
        )
        return data

    def write(self, data: dict[str, Any]) -> dict[str, Any]:
        return self.service.record_interview(
            uscc=data["uscc"],
            entity_name=data["entity_name"],
            kind=data["kind"],
            held_on=date.fromisoformat(data["held_on"]),
            participants=data["participants"],
            content=data["content"],
            undertakings=data["undertakings"],
            place=data["place"],
            rectification_id=data.get("rectification_id"),
            draft_id=self.draft_id,
        )

    def done_text(self, result: dict[str, Any]) -> str:
        return self.tr("已记录{0} {1}，将记入该主体的信用记录（已排队上传信用平台）。").format(
            result["kind"], result["interview_no"]
        )
