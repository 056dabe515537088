"""The inspection form (现场检查): checklist, result, inspectors, time and place, photos, signature.

Everything typed is autosaved about a second after the last change — and, while typing never
pauses that long, at most 2.5 s after the first unsaved edit — on the worker, into the draft
(the core writes it durably), so closing the laptop lid or a crash loses at most those seconds;
reopening the task shows the draft again. 定稿 first writes the newest state, then asks
the core to finalise: if something is missing, every problem is listed above the form and
nothing is lost; once final, the form turns read-only and offers the printed record.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import partial
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDoubleValidator, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import show_error
from desktop.ops import RunnerLike, Task
from desktop.printing import offer_print
from desktop.views.inspections.autosave import AUTOSAVE_MS, Autosaver, run_guarded, save_then
from desktop.widgets.signature_pad import SignaturePad

if TYPE_CHECKING:
    from credit.domain.inspection_catalog import ChecklistItem, InspectionCatalog
    from credit.inspections.service import Inspections

ANSWERS = ("符合", "不符合", "不适用")
THUMB = QSize(96, 72)
REPORTS_DIR = "reports"
BOX_STYLE = (
    "QLabel {{ background: {0}; color: {1}; border: 1px solid {2}; border-radius: 4px; padding: 8px; }}"
)
ERROR_STYLE = BOX_STYLE.format("#fdecea", "#8e1c1c", "#c62828")
DONE_STYLE = BOX_STYLE.format("#e8f3e9", "#1b5e20", "#2e7d32")


def problems_html(problems: Sequence[str], heading: str | None = None) -> str:
    """The core's problems as a list: a first line ending in "：" is the heading (not an item),
    and a problem spanning lines ("名录有误：\n· …") lists its lines under it."""
    rest = list(problems)
    if heading is None and rest and rest[0].rstrip().endswith("："):
        heading = rest.pop(0)
    items = []
    for problem in rest:
        lines = [line.strip().lstrip("·").strip() for line in problem.splitlines() if line.strip()]
        first, *more = lines or [""]
        inner = "".join(f"<li>{escape(line)}</li>" for line in more)
        nested = f"<ul style='margin:0'>{inner}</ul>" if inner else ""
        items.append(f"<li>{escape(first)}{nested}</li>")
    head = f"<b>{escape(heading)}</b>" if heading else ""
    return f"{head}<ul style='margin:0'>{''.join(items)}</ul>"


def record_pdf_path(data_dir: Path, record_no: str) -> Path:
    return data_dir / REPORTS_DIR / f"现场检查记录-{record_no}.pdf"


class ChecklistRow(QFrame):
    """One checklist item: the text and its basis, 符合 / 不符合 / 不适用, and a note."""

    changed = Signal()

    def __init__(self, number: int, item: ChecklistItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setObjectName("checklistRow")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        text = QLabel(
            self.tr("{0}. {1}").format(number, item.text) + ("" if item.required else self.tr("（选查）"))
        )
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        basis = QLabel(self.tr("依据：{0}").format(item.basis))
        basis.setTextFormat(Qt.TextFormat.PlainText)
        basis.setWordWrap(True)
        small = basis.font()
        small.setPointSizeF(small.pointSizeF() * 0.88)
        basis.setFont(small)
        pal = basis.palette()
        pal.setColor(pal.ColorRole.WindowText, pal.color(pal.ColorRole.PlaceholderText))
        basis.setPalette(pal)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        choice = QHBoxLayout()
        choice.setSpacing(14)
        labels = {"符合": self.tr("符合"), "不符合": self.tr("不符合"), "不适用": self.tr("不适用")}
        for answer in ANSWERS:
            button = QRadioButton(labels[answer])
            button.setObjectName(f"answer-{item.code}-{answer}")
            self.group.addButton(button)
            self.buttons[answer] = button
            choice.addWidget(button)
            button.toggled.connect(self._toggled)
        choice.addStretch(1)
        self.note = QLineEdit()
        self.note.setObjectName(f"note-{item.code}")
        self.note.setPlaceholderText(self.tr("情况说明（判为不符合时必填）"))
        self.note.textEdited.connect(lambda _: self.changed.emit())
        layout = QGridLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setVerticalSpacing(3)
        layout.addWidget(text, 0, 0)
        layout.addWidget(basis, 1, 0)
        layout.addLayout(choice, 0, 1, 2, 1)
        layout.addWidget(self.note, 2, 0, 1, 2)
        layout.setColumnStretch(0, 1)

    def _toggled(self, on: bool) -> None:
        if on:
            fail = self.answer() == "不符合"
            self.setStyleSheet("QFrame#checklistRow { border: 1px solid #c62828; }" if fail else "")
            self.changed.emit()

    def answer(self) -> str:
        checked = self.group.checkedButton()
        return next((a for a, b in self.buttons.items() if b is checked), "")

    def set_value(self, answer: str, note: str) -> None:
        for a, b in self.buttons.items():
            b.blockSignals(True)
            b.setChecked(a == answer)
            b.blockSignals(False)
        if answer not in self.buttons:
            self.group.setExclusive(False)
            for b in self.buttons.values():
                b.setChecked(False)
            self.group.setExclusive(True)
        self.note.setText(note)
        fail = answer == "不符合"
        self.setStyleSheet("QFrame#checklistRow { border: 1px solid #c62828; }" if fail else "")

    def choose(self, answer: str) -> None:
        self.buttons[answer].setChecked(True)

    def set_read_only(self, ro: bool) -> None:
        for b in self.buttons.values():
            b.setEnabled(not ro)
        self.note.setReadOnly(ro)


class InspectionForm(QDialog):
    """``finalised(record)`` once the core has written the record; ``rectifyRequested(record)``
    when the inspector asks for a 限期整改 order from the finished record."""

    saved = Signal(int)
    finalised = Signal(object)
    discarded = Signal(str)
    rectifyRequested = Signal(object)
    pdfWritten = Signal(str)

    def __init__(
        self,
        runner: RunnerLike,
        service: Inspections,
        draft: dict[str, Any],
        catalog: InspectionCatalog,
        *,
        colleagues: Sequence[tuple[str, str]] = (),
        parent: QWidget | None = None,
        autosave_ms: int = AUTOSAVE_MS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("inspectionForm")
        self.runner = runner
        self.service = service
        self.catalog = catalog
        self.colleagues = list(colleagues)  # (name, 执法证号) offered when adding an inspector
        self.draft_id: str = draft["id"]
        self.data: dict[str, Any] = dict(draft["data"])
        self.revision = int(draft.get("revision") or 1)
        self.record: dict[str, Any] | None = None
        self._loading = False
        self.matter = catalog.matter(self.data["matter_code"])
        self.setWindowTitle(self.tr("现场检查记录 · {0}").format(self.data["entity_name"]))
        self.autosave = Autosaver(
            runner, service, self.draft_id, self.collect, interval_ms=autosave_ms, parent=self
        )
        self.autosave.saved.connect(self._saved)
        self.autosave.failed.connect(self._save_failed)
        self.timer = self.autosave.timer

        self._build()
        self.load(self.data)
        self._fit()

    # -- layout ---------------------------------------------------------------------------

    def _fit(self) -> None:
        screen = self.screen().availableGeometry()
        self.resize(min(980, int(screen.width() * 0.9)), min(900, int(screen.height() * 0.9)))

    def _build(self) -> None:
        self.problems = QLabel()
        self.problems.setObjectName("formProblems")
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.RichText)
        self.problems.hide()

        body = QWidget()
        column = QVBoxLayout(body)
        column.setSpacing(10)
        column.addWidget(self._header())
        column.addWidget(self._basics())
        column.addWidget(self._inspectors_box())
        column.addWidget(self._checklist_box())
        column.addWidget(self._result_box())
        column.addWidget(self._media_box())
        column.addWidget(self._signature_box())
        column.addStretch(1)
        self.scroller = QScrollArea()
        self.scroller.setObjectName("formScroll")
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidget(body)

        self.status = QLabel()
        self.status.setObjectName("autosaveStatus")
        self.discard_button = QPushButton(self.tr("删除草稿"))
        self.discard_button.setObjectName("discardDraft")
        self.discard_button.clicked.connect(self.discard)
        self.finalise_button = QPushButton(self.tr("定稿并报送"))
        self.finalise_button.setObjectName("finaliseButton")
        self.finalise_button.setToolTip(
            self.tr("定稿后记录不可修改（如需更正将另建更正记录），并排队上传信用平台")
        )
        self.finalise_button.clicked.connect(self.finalise)
        self.pdf_button = QPushButton(self.tr("打印/保存检查记录"))
        self.pdf_button.setObjectName("recordPdf")
        self.pdf_button.clicked.connect(self.write_pdf)
        self.pdf_button.hide()
        self.rectify_button = QPushButton(self.tr("下达整改通知…"))
        self.rectify_button.setObjectName("rectifyButton")
        self.rectify_button.clicked.connect(lambda: self.rectifyRequested.emit(self.record))
        self.rectify_button.hide()
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.rectify_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.finalise_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.problems)
        layout.addWidget(self.scroller, 1)
        layout.addLayout(buttons)

    def _header(self) -> QWidget:
        box = QFrame()
        box.setObjectName("formHeader")
        name = QLabel(self.data["entity_name"])
        font = name.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        name.setFont(font)
        name.setTextFormat(Qt.TextFormat.PlainText)
        facts = QLabel(
            self.tr("{0} · {1}\n监管事项：{2}（{3}） · 检查实施清单 {4}").format(
                self.data["uscc"],
                self.data.get("address") or self.tr("地址未登记"),
                self.matter.name,
                self.matter.code,
                self.matter.list_code,
            )
        )
        facts.setTextFormat(Qt.TextFormat.PlainText)
        facts.setWordWrap(True)
        facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(name)
        layout.addWidget(facts)
        self.correction_reason = QLineEdit()
        self.correction_reason.setObjectName("correctionReason")
        self.correction_reason.setPlaceholderText(self.tr("更正原因（必填）"))
        self.correction_reason.textEdited.connect(self._edited)
        if self.data.get("corrects"):
            note = QLabel(self.tr("这是一份更正记录：定稿后将替代原记录，原记录保留备查。"))
            note.setWordWrap(True)
            layout.addWidget(note)
            layout.addWidget(self.correction_reason)
        return box

    def _combo(self, name: str, options: tuple[str, ...]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        for option in options:  # catalog data (record_options), shown as the catalog writes it
            combo.addItem(option, option)
        combo.currentIndexChanged.connect(self._edited)
        return combo

    def _basics(self) -> QGroupBox:
        box = QGroupBox(self.tr("检查基本信息"))
        self.form_combo = self._combo("checkForm", self.catalog.forms)
        self.category_combo = self._combo("checkCategory", self.catalog.categories)
        self.method_combo = self._combo("checkMethod", self.catalog.methods)
        self.time_edit = QDateTimeEdit()
        self.time_edit.setObjectName("inspectedAt")
        self.time_edit.setCalendarPopup(True)
        self.time_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.time_edit.dateTimeChanged.connect(self._edited)
        now = QPushButton(self.tr("现在"))
        now.setToolTip(self.tr("把检查时间设为当前时间"))
        now.clicked.connect(lambda: self.time_edit.setDateTime(QDateTime.currentDateTime()))
        self.place = QLineEdit()
        self.place.setObjectName("place")
        self.place.setPlaceholderText(self.tr("检查地点（经营场所地址、具体位置）"))
        self.place.textEdited.connect(self._edited)
        validator = QDoubleValidator(-180.0, 180.0, 6, self)
        validator.setNotation(QDoubleValidator.Notation.StandardNotation)
        self.latitude = QLineEdit()
        self.latitude.setObjectName("latitude")
        self.latitude.setPlaceholderText(self.tr("纬度，如 35.575210（选填）"))
        self.latitude.setValidator(validator)
        self.longitude = QLineEdit()
        self.longitude.setObjectName("longitude")
        self.longitude.setPlaceholderText(self.tr("经度，如 114.520130（选填）"))
        self.longitude.setValidator(validator)
        for edit in (self.latitude, self.longitude):
            edit.textEdited.connect(self._edited)
        when = QHBoxLayout()
        when.addWidget(self.time_edit, 1)
        when.addWidget(now)
        coords = QHBoxLayout()
        coords.addWidget(self.latitude)
        coords.addWidget(self.longitude)
        kinds = QHBoxLayout()
        kinds.addWidget(self.form_combo)
        kinds.addWidget(self.category_combo)
        kinds.addWidget(self.method_combo)
        form = QFormLayout(box)
        form.addRow(self.tr("检查形式 / 类别 / 方式"), kinds)
        form.addRow(self.tr("检查时间"), when)
        form.addRow(self.tr("检查地点"), self.place)
        form.addRow(self.tr("坐标"), coords)
        return box

    def _inspectors_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("执法人员（至少两名，须持执法证）"))
        self.inspectors = QTableWidget(0, 2)
        self.inspectors.setObjectName("inspectorsTable")
        self.inspectors.setHorizontalHeaderLabels([self.tr("姓名"), self.tr("执法证号")])
        self.inspectors.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.inspectors.verticalHeader().setVisible(False)
        self.inspectors.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.inspectors.setMaximumHeight(self.fontMetrics().height() * 8)
        self.inspectors.itemChanged.connect(self._edited)
        add = QPushButton(self.tr("添加执法人员"))
        add.setObjectName("addInspector")
        if self.colleagues:
            menu = QMenu(add)
            for name, cert in self.colleagues:
                action = menu.addAction(self.tr("{0}　{1}").format(name, cert))
                action.triggered.connect(partial(self.add_inspector, name, cert))
            menu.addSeparator()
            menu.addAction(self.tr("手工填写…"), lambda: self.add_inspector("", ""))
            add.setMenu(menu)
        else:
            add.clicked.connect(lambda: self.add_inspector("", ""))
        remove = QPushButton(self.tr("删除所选"))
        remove.clicked.connect(self._remove_inspector)
        side = QVBoxLayout()
        side.addWidget(add)
        side.addWidget(remove)
        side.addStretch(1)
        layout = QHBoxLayout(box)
        layout.addWidget(self.inspectors, 1)
        layout.addLayout(side)
        return box

    def _checklist_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("检查内容（{0}）").format(self.matter.name))
        self.rows: dict[str, ChecklistRow] = {}
        layout = QVBoxLayout(box)
        all_pass = QPushButton(self.tr("其余各项均符合"))
        all_pass.setObjectName("allPass")
        all_pass.setToolTip(self.tr("把尚未填写结论的项目都设为“符合”"))
        all_pass.clicked.connect(self.mark_rest_passed)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(all_pass)
        layout.addLayout(top)
        for n, item in enumerate(self.matter.checklist, start=1):
            row = ChecklistRow(n, item)
            row.changed.connect(self._edited)
            self.rows[item.code] = row
            layout.addWidget(row)
        return box

    def _result_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("检查结果"))
        self.result_combo = QComboBox()
        self.result_combo.setObjectName("resultCode")
        self.result_combo.addItem(self.tr("请选择检查结果"), "")
        for result in self.catalog.results.values():
            self.result_combo.addItem(result.label, result.code)
        self.result_combo.currentIndexChanged.connect(self._edited)
        self.findings = QPlainTextEdit()
        self.findings.setObjectName("findings")
        self.findings.setPlaceholderText(self.tr("检查情况及处理意见"))
        self.findings.setMaximumHeight(self.fontMetrics().height() * 5)
        self.findings.textChanged.connect(self._edited)
        form = QFormLayout(box)
        form.addRow(self.tr("检查结果"), self.result_combo)
        form.addRow(self.tr("检查情况"), self.findings)
        return box

    def _media_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("现场照片及材料"))
        self.media = QListWidget()
        self.media.setObjectName("mediaList")
        self.media.setViewMode(QListWidget.ViewMode.IconMode)
        self.media.setIconSize(THUMB)
        self.media.setGridSize(QSize(THUMB.width() + 40, THUMB.height() + 44))
        self.media.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.media.setMovement(QListWidget.Movement.Static)
        self.media.setWordWrap(True)
        self.media.setMinimumHeight(THUMB.height() + 60)
        self.media.setMaximumHeight(THUMB.height() * 2 + 100)
        add = QPushButton(self.tr("添加照片或材料…"))
        add.setObjectName("addMedia")
        add.clicked.connect(self._choose_files)
        remove = QPushButton(self.tr("删除所选"))
        remove.setObjectName("removeMedia")
        remove.clicked.connect(self._remove_media)
        side = QVBoxLayout()
        side.addWidget(add)
        side.addWidget(remove)
        side.addStretch(1)
        layout = QHBoxLayout(box)
        layout.addWidget(self.media, 1)
        layout.addLayout(side)
        return box

    def _signature_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("被检查单位现场负责人签名（选填）"))
        self.present = QLineEdit()
        self.present.setObjectName("presentPerson")
        self.present.setPlaceholderText(self.tr("现场负责人姓名"))
        self.present.textEdited.connect(self._edited)
        self.pad = SignaturePad()
        self.pad.changed.connect(self._edited)
        clear = QPushButton(self.tr("清除签名"))
        clear.clicked.connect(self.pad.clear)
        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("姓名")))
        side.addWidget(self.present)
        side.addWidget(clear)
        side.addStretch(1)
        layout = QHBoxLayout(box)
        layout.addWidget(self.pad)
        layout.addLayout(side, 1)
        return box

    # -- data -----------------------------------------------------------------------------

    def load(self, data: dict[str, Any]) -> None:
        """Show a draft's state (everything the draft holds, nothing else)."""
        self._loading = True
        try:
            for combo, key in (
                (self.form_combo, "form"),
                (self.category_combo, "category"),
                (self.method_combo, "method"),
                (self.result_combo, "result_code"),
            ):
                combo.setCurrentIndex(max(0, combo.findData(data.get(key) or "")))
            stamp = data.get("inspected_at")
            moment = QDateTime.fromString(stamp[:16], "yyyy-MM-ddTHH:mm") if stamp else QDateTime()
            self.time_edit.setDateTime(moment if moment.isValid() else QDateTime.currentDateTime())
            self.place.setText(data.get("place") or "")
            self.latitude.setText("" if data.get("latitude") is None else str(data["latitude"]))
            self.longitude.setText("" if data.get("longitude") is None else str(data["longitude"]))
            self.inspectors.setRowCount(0)
            for person in data.get("inspectors") or []:
                self.add_inspector(person.get("name", ""), person.get("cert_no", ""))
            for code, row in self.rows.items():
                given = (data.get("answers") or {}).get(code) or {}
                row.set_value(given.get("answer", ""), given.get("note", ""))
            self.findings.setPlainText(data.get("findings") or "")
            self.present.setText(data.get("present_person") or "")
            self.pad.set_signature(data.get("signature_strokes"))
            self.correction_reason.setText(data.get("correction_reason") or "")
            self.media.clear()
            for item in data.get("attachments") or []:
                self._add_media_item(item)
        finally:
            self._loading = False
        self._load_thumbnails([a["sha256"] for a in data.get("attachments") or []])

    def collect(self) -> dict[str, Any]:
        """The form as draft data (the fields the form does not show are carried over)."""
        data = dict(self.data)
        people = []
        for r in range(self.inspectors.rowCount()):
            name, cert = self.inspectors.item(r, 0), self.inspectors.item(r, 1)
            people.append(
                {"name": name.text().strip() if name else "", "cert_no": cert.text().strip() if cert else ""}
            )
        data.update(
            form=self.form_combo.currentData(),
            category=self.category_combo.currentData(),
            method=self.method_combo.currentData(),
            result_code=self.result_combo.currentData() or "",
            inspected_at=_moment(self.time_edit).isoformat(timespec="minutes"),
            place=self.place.text().strip(),
            latitude=_number(self.latitude.text()),
            longitude=_number(self.longitude.text()),
            inspectors=people,
            answers={
                code: {"answer": row.answer(), "note": row.note.text().strip()}
                for code, row in self.rows.items()
            },
            findings=self.findings.toPlainText().strip(),
            present_person=self.present.text().strip(),
            signature_strokes=self.pad.signature(),
            attachments=[
                self.media.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.media.count())
            ],
            correction_reason=self.correction_reason.text().strip(),
        )
        return data

    def add_inspector(self, name: str, cert_no: str) -> None:
        row = self.inspectors.rowCount()
        self.inspectors.blockSignals(True)
        self.inspectors.insertRow(row)
        self.inspectors.setItem(row, 0, QTableWidgetItem(name))
        self.inspectors.setItem(row, 1, QTableWidgetItem(cert_no))
        self.inspectors.blockSignals(False)
        self._edited()

    def _remove_inspector(self) -> None:
        rows = sorted({i.row() for i in self.inspectors.selectedIndexes()}, reverse=True)
        for r in rows:
            self.inspectors.removeRow(r)
        if rows:
            self._edited()

    def mark_rest_passed(self) -> None:
        for row in self.rows.values():
            if not row.answer():
                row.choose("符合")

    # -- autosave -------------------------------------------------------------------------

    def _edited(self, *args: object) -> None:
        if not self._loading and self.record is None:
            self.autosave.edited()

    def save_now(self) -> None:
        """Write the form into the draft now (on the worker)."""
        if self.record is None:
            self.status.setText(self.tr("正在保存草稿…"))
            self.autosave.save_now()

    def _saved(self, revision: int) -> None:
        self.revision = revision
        self.status.setText(self.tr("草稿已自动保存 {0}").format(datetime.now().strftime("%H:%M:%S")))
        self.saved.emit(revision)

    def _save_failed(self, exc: BaseException) -> None:
        if isinstance(exc, LookupError):
            self.status.setText(self.tr("草稿已不存在（已定稿或已删除）。"))
            return
        self.status.setText(self.tr("草稿保存失败，已填写的内容仍在窗口中；请稍后再试。"))
        show_error(self, exc)

    @property
    def pending(self) -> bool:
        return self.autosave.pending

    # -- attachments ----------------------------------------------------------------------

    def _choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("添加照片或材料"),
            "",
            self.tr("照片和文档 ({0});;所有文件 (*)").format(
                "*.jpg *.jpeg *.png *.bmp *.webp *.pdf *.doc *.docx *.xls *.xlsx *.txt *.ofd"
            ),
        )
        self.add_files([Path(p) for p in paths])

    def add_files(self, paths: list[Path]) -> None:
        service = self.service
        for path in paths:
            run_guarded(
                self, self.runner, partial(_store_file, service, path), self._file_added, self._file_failed
            )

    def _file_added(self, attachment: Any) -> None:
        info = attachment.to_dict()
        existing = [
            self.media.item(i).data(Qt.ItemDataRole.UserRole)["sha256"] for i in range(self.media.count())
        ]
        if info["sha256"] in existing:
            self.status.setText(self.tr("“{0}”与已添加的文件内容相同，未重复添加。").format(info["name"]))
            return
        self._add_media_item(info)
        self._load_thumbnails([info["sha256"]])
        self._edited()

    def _file_failed(self, exc: BaseException) -> None:
        from credit.inspections import InspectionError

        if isinstance(exc, InspectionError):
            self._show_problems(exc.problems)
        else:
            show_error(self, exc)

    def _add_media_item(self, info: dict[str, Any]) -> None:
        icon = self.style().standardIcon(
            QStyle.StandardPixmap.SP_FileIcon
            if info.get("kind") == "document"
            else QStyle.StandardPixmap.SP_DialogOpenButton
        )
        item = QListWidgetItem(icon, info["name"])
        item.setData(Qt.ItemDataRole.UserRole, info)
        item.setToolTip(
            f"{info['name']}\n{info.get('mime', '')} · {int(info.get('size') or 0) / 1024:.0f} KB"
        )
        self.media.addItem(item)

    def _load_thumbnails(self, shas: list[str]) -> None:
        if not shas:
            return
        service = self.service
        run_guarded(self, self.runner, lambda task: service.thumbnails(shas), self._show_thumbnails)

    def _show_thumbnails(self, thumbs: dict[str, bytes]) -> None:
        for i in range(self.media.count()):
            item = self.media.item(i)
            data = thumbs.get(item.data(Qt.ItemDataRole.UserRole)["sha256"])
            if data:
                pixmap = QPixmap()
                pixmap.loadFromData(data)
                item.setIcon(QIcon(pixmap))

    def _remove_media(self) -> None:
        for item in self.media.selectedItems():
            self.media.takeItem(self.media.row(item))
            self._edited()

    # -- finalising -----------------------------------------------------------------------

    def finalise(self) -> None:
        """Write the newest state, then finalise it (after any autosave still in flight)."""
        if self.record is not None:
            return
        self.finalise_button.setEnabled(False)
        self.status.setText(self.tr("正在定稿…"))
        self.autosave.then(self._run_finalise)

    def _run_finalise(self, data: dict[str, Any]) -> None:
        self.data = data
        service, draft_id = self.service, self.draft_id
        run_guarded(
            self,
            self.runner,
            save_then(service, draft_id, data, lambda: service.finalise(draft_id)),
            self._finalised,
            self._finalise_failed,
        )

    def _finalise_failed(self, exc: BaseException) -> None:
        from credit.inspections import InspectionError

        self.finalise_button.setEnabled(True)
        if isinstance(exc, InspectionError):
            self.status.setText(self.tr("尚未定稿：请先补正以下问题（已填写的内容已保存为草稿）。"))
            self._show_problems(exc.problems)
        else:
            self.status.setText(self.tr("定稿未完成，草稿已保留。"))
            show_error(self, exc)

    def _show_problems(self, problems: list[str]) -> None:
        self.problems.setText(problems_html(problems, self.tr("请补正：")))
        self.problems.setStyleSheet(ERROR_STYLE)
        self.problems.show()
        self.scroller.verticalScrollBar().setValue(0)

    def _finalised(self, record: dict[str, Any]) -> None:
        from credit.inspections.records import publication_late

        self.record = record
        self.autosave.stop()
        self.set_read_only(True)
        deadline = record.get("publication_deadline")
        late = publication_late(record)
        if late:
            publicity = self.tr(
                "公示期限 {0}（检查后7个工作日）已过，请立即公示检查结果，并按规定说明逾期原因。"
            ).format(deadline)
        elif deadline:
            publicity = self.tr("请于 {0} 前公示检查结果（7个工作日内）。").format(deadline)
        else:
            publicity = record.get("publication_note") or ""
        self.problems.setText(
            escape(
                self.tr("已定稿：检查行为编号 {0}，检查结果 {1} {2}。{3}已排队上传信用平台。").format(
                    record["record_no"], record["result_code"], record["result_name"], publicity
                )
            )
        )
        self.problems.setStyleSheet(ERROR_STYLE if late else DONE_STYLE)
        self.problems.show()
        self.status.setText(self.tr("已定稿，记录不可再修改。"))
        self.finalise_button.hide()
        self.discard_button.hide()
        self.pdf_button.show()
        result = self.catalog.result(record["result_code"])
        wants_order = result.follow_up == "rectification" or any(
            a["answer"] == "不符合" for a in record["answers"]
        )
        self.rectify_button.setVisible(wants_order)
        self.finalised.emit(record)

    def set_read_only(self, ro: bool) -> None:
        for w in (self.form_combo, self.category_combo, self.method_combo, self.result_combo, self.time_edit):
            w.setEnabled(not ro)
        for edit in (self.place, self.latitude, self.longitude, self.present, self.correction_reason):
            edit.setReadOnly(ro)
        self.findings.setReadOnly(ro)
        self.inspectors.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
            if ro
            else QAbstractItemView.EditTrigger.AllEditTriggers
        )
        for row in self.rows.values():
            row.set_read_only(ro)
        self.pad.read_only = ro
        for button in self.findChildren(QPushButton):
            if button.objectName() in ("addMedia", "removeMedia", "addInspector", "allPass"):
                button.setEnabled(not ro)

    # -- the printed record ---------------------------------------------------------------

    def write_pdf(self) -> None:
        record = self.record
        if record is None:
            return
        path = record_pdf_path(self.service.store.data_dir, record["record_no"])
        service = self.service
        self.pdf_button.setEnabled(False)

        def work(task: Task) -> Path:
            path.parent.mkdir(parents=True, exist_ok=True)
            return service.record_pdf(record["id"], path)

        run_guarded(self, self.runner, work, self._pdf_written, self._pdf_failed)

    def _pdf_written(self, path: Path) -> None:
        self.pdf_button.setEnabled(True)
        saved = self.tr("检查记录已保存到 {0}。").format(str(path))
        self.status.setText(saved)
        self.pdfWritten.emit(str(path))
        offer_print(self, self.runner, path, lambda status: self.status.setText(saved + status))

    def _pdf_failed(self, exc: BaseException) -> None:
        self.pdf_button.setEnabled(True)
        show_error(self, exc)

    # -- leaving --------------------------------------------------------------------------

    def discard(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("删除草稿"),
            self.tr("删除这份草稿？已填写的内容和添加的照片将被删除（记入审计日志）。"),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.discard_now()

    def discard_now(self) -> None:
        self.autosave.stop()
        draft_id, service = self.draft_id, self.service
        run_guarded(
            self, self.runner, lambda task: service.discard_draft(draft_id), lambda _: self._discarded()
        )

    def _discarded(self) -> None:
        self.discarded.emit(self.draft_id)
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.record is None and self.autosave.timer.isActive():
            self.save_now()  # nothing typed is lost by closing
        super().closeEvent(event)


def _moment(edit: QDateTimeEdit) -> datetime:
    value = edit.dateTime().toPython()
    assert isinstance(value, datetime)
    return value.astimezone()  # naive local wall time from the widget, with its offset


def _store_file(service: Inspections, path: Path, task: Task) -> Any:
    return service.add_file(path)


def _number(text: str) -> float | None:
    text = text.strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return None
