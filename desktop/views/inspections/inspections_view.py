"""The 检查任务 page: the inspector's day, fully offline.

The current plan's tasks (filter by area, status, due), the plan's progress, and for the task
selected: the entity's credit profile and one click to the inspection form (the draft is
reopened if there is one). A second tab lists the rectification orders, overdue ones first and
flagged, each with its follow-up inspection and, when overdue or not rectified, an interview.

Actions on the selected entity live in one row (:class:`TaskPanel`); others can be added there
with :meth:`TaskPanel.add_entity_action` (e.g. the commitments fulfilment dialog).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core_labels import chip
from desktop.errors import show_error
from desktop.formatting import listed, named
from desktop.models.results_model import CHIPS_ROLE
from desktop.ops import RunnerLike, Task
from desktop.printing import offer_print
from desktop.views.inspections.followup_forms import InterviewForm, RectificationForm
from desktop.views.inspections.inspection_form import REPORTS_DIR, InspectionForm
from desktop.views.inspections.plan_dialog import PlanDrawDialog, default_roster
from desktop.views.inspections.task_model import (
    AREA,
    DUE,
    GRADE,
    INSPECTORS,
    NAME,
    SEQ,
    STATUS,
    TASK_ROLE,
    USCC,
    TaskFilter,
    TaskModel,
)
from desktop.views.profile_view import ProfileView
from desktop.views.saved_file import open_file
from desktop.widgets.badges import ChipsDelegate, ElideLeftDelegate, GradeDelegate, grade_text, pill_width

if TYPE_CHECKING:
    from credit.desk import Desk
    from credit.domain.inspection_catalog import InspectionCatalog
    from credit.inspections.followup import OrderState
    from credit.inspections.service import Inspections
    from credit.inspections.tasks import TaskRow
    from credit.store.profile import Profile

EntityAction = Callable[[str, str], None]  # (uscc, entity name)


class TaskPanel(QFrame):
    """The selected task: who, what, where it stands, and the actions on it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taskPanel")
        self.task: TaskRow | None = None
        self.title = QLabel(self.tr("请在左侧选择检查任务"))
        self.title.setObjectName("taskTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.facts = QLabel()
        self.facts.setObjectName("taskFacts")
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.inspect_button = QPushButton(self.tr("填写检查记录"))
        self.inspect_button.setObjectName("inspectButton")
        self.records_button = QPushButton(self.tr("检查记录"))
        self.records_button.setObjectName("recordsButton")
        self.records_menu = QMenu(self.records_button)
        self.records_button.setMenu(self.records_menu)
        self.rectify_button = QPushButton(self.tr("下达整改通知"))
        self.rectify_button.setObjectName("taskRectify")
        self.interview_button = QPushButton(self.tr("约谈"))
        self.interview_button.setObjectName("taskInterview")
        self.actions_row = QHBoxLayout()
        self.actions_row.setSpacing(6)
        for b in (self.inspect_button, self.records_button, self.rectify_button, self.interview_button):
            self.actions_row.addWidget(b)
        self.extra: list[QPushButton] = []
        self.actions_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        layout.addLayout(self.actions_row)
        self.show_task(None)

    def add_entity_action(self, label: str, action: EntityAction, name: str = "") -> QPushButton:
        """One more button acting on the selected entity, called with (uscc, name)."""
        button = QPushButton(label)
        button.setObjectName(name or f"entityAction{len(self.extra)}")
        button.clicked.connect(partial(self._entity_action, action))
        self.actions_row.insertWidget(self.actions_row.count() - 1, button)
        self.extra.append(button)
        button.setEnabled(self.task is not None)
        return button

    def _entity_action(self, action: EntityAction) -> None:
        if self.task is not None:
            action(self.task.uscc, self.task.entity_name)

    def show_task(self, task: TaskRow | None) -> None:
        self.task = task
        for b in (
            self.inspect_button,
            self.records_button,
            self.rectify_button,
            self.interview_button,
            *self.extra,
        ):
            b.setEnabled(task is not None)
        if task is None:
            self.title.setText(self.tr("请在左侧选择检查任务"))
            self.facts.setText(self.tr("选中任务后在此查看主体信用档案，并填写现场检查记录。"))
            self.rectify_button.hide()
            self.interview_button.hide()
            return
        self.title.setText(self.tr("{0}. {1}").format(task.seq, task.entity_name))
        people = listed(named(i["name"], i["cert_no"]) for i in task.inspectors) or self.tr("未分配")
        lines = [
            self.tr("{0} · 信用等级 {1} · {2}").format(
                task.uscc, grade_text(task.grade), chip(task.status_label)
            ),
            self.tr("地址：{0}").format(task.address or "—"),
            self.tr("执法人员：{0}").format(people),
            self.tr("完成期限：{0}").format(task.due or "—")
            + (self.tr("（已逾期）") if task.overdue else ""),
        ]
        for rec in task.records.values():
            lines.append(
                self.tr("已定稿：{0} · {1} {2}").format(
                    rec["record_no"], rec["result_code"], rec["result_name"]
                )
            )
        self.facts.setText("\n".join(lines))
        done = task.status == "done"
        if task.draft_ids:
            self.inspect_button.setText(self.tr("继续填写检查记录"))
        elif done:  # disabled: it must not offer what it will not do
            self.inspect_button.setText(self.tr("已检查"))
        else:
            self.inspect_button.setText(self.tr("填写检查记录"))
        self.inspect_button.setEnabled(not done)
        self.inspect_button.setToolTip(
            self.tr("每个检查事项已有定稿记录；如需修改，请在“检查记录”中选择更正") if done else ""
        )
        self.records_button.setEnabled(bool(task.records))
        self.rectify_button.setVisible(task.problem and task.rectification is None)
        self.interview_button.setVisible(True)  # 谁认定、谁约谈: with or without an order
        urgent = task.rectification in ("overdue", "not_rectified")
        self.interview_button.setText(self.tr("约谈（整改逾期）") if urgent else self.tr("约谈"))


class OrdersPane(QWidget):
    """Rectification orders: overdue first and flagged red, with the follow-up and an interview."""

    followUpRequested = Signal(object)  # OrderState
    interviewRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.states: list[OrderState] = []
        headers = [self.tr("整改通知"), self.tr("主体名称"), self.tr("通知日期"), self.tr("整改期限")]
        headers += [self.tr("状态"), self.tr("约谈")]
        self.table = QTableWidget(0, len(headers))
        self.table.setObjectName("ordersTable")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setItemDelegateForColumn(4, ChipsDelegate(CHIPS_ROLE, self.table))
        self.table.itemSelectionChanged.connect(self._selected)
        self.summary = QLabel()
        self.summary.setObjectName("ordersSummary")
        self.follow_button = QPushButton(self.tr("复查（整改后检查）"))
        self.follow_button.setObjectName("followUpButton")
        self.follow_button.clicked.connect(lambda: self._emit(self.followUpRequested))
        self.interview_button = QPushButton(self.tr("约谈…"))
        self.interview_button.setObjectName("ordersInterview")
        self.interview_button.clicked.connect(lambda: self._emit(self.interviewRequested))
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.follow_button)
        buttons.addWidget(self.interview_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self._selected()

    def set_states(self, states: list[OrderState]) -> None:
        from credit.inspections.followup import URGENCY

        self.states = sorted(states, key=lambda s: (URGENCY[s.state], s.order["deadline"]))
        self.table.setRowCount(len(self.states))
        for r, s in enumerate(self.states):
            o = s.order
            late = (
                self.tr("（逾期 %n 个工作日）", "", s.working_days_overdue)
                if s.working_days_overdue
                else ""
            )
            talks = listed(i["kind"] for i in s.interviews) or (
                self.tr("建议约谈") if s.needs_interview else ""
            )
            state = chip(s.label)
            values = [o["order_no"], o["entity_name"], o["issued_on"], o["deadline"] + late, state, talks]
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if c == 4:
                    item.setData(CHIPS_ROLE, [s.label])
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        overdue = sum(s.state in ("overdue", "not_rectified") for s in self.states)
        self.summary.setText(
            self.tr("整改通知 {0} 份，其中逾期或复查未整改 {1} 份。").format(len(self.states), overdue)
        )
        self._selected()

    def current(self) -> OrderState | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self.states[min(rows)] if rows else None

    def select_order(self, order_id: str) -> None:
        for r, s in enumerate(self.states):
            if s.order["id"] == order_id:
                self.table.selectRow(r)

    def _selected(self) -> None:
        s = self.current()
        self.follow_button.setEnabled(s is not None and s.state in ("open", "overdue"))
        self.interview_button.setEnabled(s is not None and s.state in ("overdue", "not_rectified"))

    def _emit(self, signal: Any) -> None:
        s = self.current()
        if s is not None:
            signal.emit(s)


class InspectionsView(QWidget):
    """The 检查任务 job. ``changed`` after anything was recorded (the status bar's pending count)."""

    changed = Signal()
    tasksShown = Signal()
    fileSaved = Signal(str)  # a PDF or XLSX written (then printed or opened)
    formOpened = Signal(object)  # the InspectionForm, RectificationForm or InterviewForm

    def __init__(self, runner: RunnerLike, desk: Desk | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspectionsView")
        self.runner = runner
        self.desk: Desk | None = None
        self.catalog: InspectionCatalog | None = None
        self.plan_id: str | None = None
        self.plan_doc: dict[str, Any] | None = None
        self._pinned_day: date | None = None
        self.forms: list[QWidget] = []
        self._profile_seq = 0
        self._profile_uscc: str | None = None
        self._build()
        if desk is not None:
            self.set_desk(desk)

    @property
    def today(self) -> date:
        """Today, asked afresh each time (the page stays open past midnight); tests may pin it."""
        return self._pinned_day or date.today()

    @today.setter
    def today(self, day: date | None) -> None:
        self._pinned_day = day

    # -- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.plan_combo = QComboBox()
        self.plan_combo.setObjectName("planCombo")
        self.plan_combo.setMinimumContentsLength(28)
        self.plan_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.plan_combo.currentIndexChanged.connect(self._plan_chosen)
        self.draw_button = QPushButton(self.tr("抽取新计划…"))
        self.draw_button.setObjectName("openDrawDialog")
        self.draw_button.clicked.connect(self.open_draw_dialog)
        self.publish_button = QPushButton(self.tr("导出公示"))
        self.publish_button.setObjectName("publishButton")
        menu = QMenu(self.publish_button)
        menu.addAction(self.tr("抽查计划 PDF"), partial(self.export_plan, "pdf"))
        menu.addAction(self.tr("抽查计划 XLSX"), partial(self.export_plan, "xlsx"))
        self.publish_button.setMenu(menu)
        self.progress = QProgressBar()
        self.progress.setObjectName("planProgress")
        self.progress.setFormat("%v / %m")
        self.progress.setMaximumWidth(160)
        self.progress_text = QLabel()
        self.progress_text.setObjectName("planProgressText")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("抽查计划")))
        top.addWidget(self.plan_combo, 1)
        top.addWidget(self.draw_button)
        top.addWidget(self.publish_button)
        top.addSpacing(12)
        top.addWidget(self.progress)
        top.addWidget(self.progress_text)

        self.message = QLabel()
        self.message.setObjectName("inspectionsMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        self.model = TaskModel(self)
        self.filter = TaskFilter(self)
        self.filter.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("taskTable")
        self.table.setModel(self.filter)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setItemDelegateForColumn(GRADE, GradeDelegate(self.table))
        self.table.setItemDelegateForColumn(STATUS, ChipsDelegate(CHIPS_ROLE, self.table))
        self.table.setItemDelegateForColumn(AREA, ElideLeftDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.verticalHeader().setDefaultSectionSize(int(self.fontMetrics().height() * 2.1))
        self.table.selectionModel().currentRowChanged.connect(self._task_selected)
        self.table.doubleClicked.connect(lambda index: self.inspect_selected())

        self.area_combo = QComboBox()
        self.area_combo.setObjectName("areaFilter")
        self.area_combo.currentIndexChanged.connect(
            lambda: self.filter.set_filters(area=self.area_combo.currentData())
        )
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("statusFilter")
        for key, label in (
            ("all", self.tr("全部状态")),
            ("todo", self.tr("待检查")),
            ("draft", self.tr("检查中")),
            ("done", self.tr("已检查")),
            ("problem", self.tr("发现问题")),
            ("followup", self.tr("整改中")),
        ):
            self.status_combo.addItem(label, key)
        self.status_combo.currentIndexChanged.connect(
            lambda: self.filter.set_filters(status=self.status_combo.currentData())
        )
        self.due_combo = QComboBox()
        self.due_combo.setObjectName("dueFilter")
        for key, label in (
            ("all", self.tr("全部期限")),
            ("overdue", self.tr("已逾期")),
            ("soon", self.tr("7日内到期")),
            ("later", self.tr("7日后到期")),
        ):
            self.due_combo.addItem(label, key)
        self.due_combo.currentIndexChanged.connect(
            lambda: self.filter.set_filters(due=self.due_combo.currentData())
        )
        self.find_field = QLineEdit()
        self.find_field.setObjectName("taskFind")
        self.find_field.setPlaceholderText(self.tr("名称或代码"))
        self.find_field.setClearButtonEnabled(True)
        self.find_field.textChanged.connect(lambda text: self.filter.set_filters(text=text))
        filters = QHBoxLayout()
        filters.addWidget(self.area_combo)
        filters.addWidget(self.status_combo)
        filters.addWidget(self.due_combo)
        filters.addWidget(self.find_field, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)

        self.panel = TaskPanel()
        self.panel.inspect_button.clicked.connect(self.inspect_selected)
        self.panel.rectify_button.clicked.connect(self.rectify_selected)
        self.panel.interview_button.clicked.connect(self.interview_selected)
        self.panel.records_menu.aboutToShow.connect(self._fill_records_menu)
        self.profile_view = ProfileView()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.panel)
        right_layout.addWidget(self.profile_view, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([840, 460])

        self.orders = OrdersPane()
        self.orders.followUpRequested.connect(self.follow_up)
        self.orders.interviewRequested.connect(self.open_interview)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("inspectionTabs")
        self.tabs.addTab(self.splitter, self.tr("检查任务"))
        self.tabs.addTab(self.orders, self.tr("整改与约谈"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)

    # -- data -----------------------------------------------------------------------------

    def set_desk(self, desk: Desk | None) -> None:
        self.desk = desk
        if desk is None:
            return
        service = desk.inspections
        self.runner.run(lambda task: service.catalog, on_done=self._catalog_loaded)

    def _catalog_loaded(self, catalog: InspectionCatalog) -> None:
        self.catalog = catalog
        self.refresh_plans()

    def refresh_plans(self, select: str | None = None) -> None:
        desk = self.desk
        if desk is None:
            return
        service = desk.inspections
        self.runner.run(
            lambda task: service.plans(), on_done=partial(self._show_plans, select or self.plan_id)
        )

    def _show_plans(self, select: str | None, plans: list[dict[str, Any]]) -> None:
        self.plan_combo.blockSignals(True)
        self.plan_combo.clear()
        for p in plans:
            self.plan_combo.addItem(
                self.tr("{0} · {1}（{2} 户）").format(p["plan_no"], p["name"], p["task_count"]), p["id"]
            )
        index = self.plan_combo.findData(select) if select else 0
        self.plan_combo.setCurrentIndex(max(index, 0) if plans else -1)
        self.plan_combo.blockSignals(False)
        self.publish_button.setEnabled(bool(plans))
        if not plans:
            self.plan_id = None
            self.model.set_rows([])
            self._show_message(
                self.tr(
                    "本机还没有抽查计划。点“抽取新计划…”按区划、领域和信用等级抽取主体和执法人员，无需联网。"
                )
            )
            self.refresh_orders()
            return
        self._plan_chosen()

    def _plan_chosen(self, *args: object) -> None:
        plan_id = self.plan_combo.currentData()
        if isinstance(plan_id, str):
            self.plan_id = plan_id
            self.refresh_tasks()

    def refresh_tasks(self) -> None:
        desk, plan_id = self.desk, self.plan_id
        if desk is None or plan_id is None:
            return
        service, today = desk.inspections, self.today

        def load(task: Task) -> tuple[list[TaskRow], dict[str, Any] | None]:
            return service.tasks(plan_id, today), service.plan(plan_id)

        self.runner.run(load, on_done=self._show_tasks)
        self.refresh_orders()

    def _show_tasks(self, loaded: tuple[list[TaskRow], dict[str, Any] | None]) -> None:
        rows, doc = loaded
        self.plan_doc = doc
        selected = self.panel.task.id if self.panel.task else None
        self.model.set_rows(rows)
        self.filter.today = self.today
        self._fill_areas(rows)
        self._size_columns()
        from credit.inspections.tasks import progress

        counts = progress(rows)
        self.progress.setMaximum(max(1, counts["total"]))
        self.progress.setValue(counts["done"])
        self.progress_text.setText(
            self.tr("已检查 {0} 户 · 检查中 {1} · 逾期 {2} · 发现问题 {3}").format(
                counts["done"], counts["draft"], counts["overdue"], counts["problem"]
            )
        )
        if doc and doc.get("unassigned"):
            self._show_message(
                self.tr("有 {0} 户因无足够的无回避关系执法人员未分配检查人员，请另行指派。").format(
                    len(doc["unassigned"])
                )
            )
        else:
            self.message.hide()
        if selected:
            self.select_task(selected)
        self.tasksShown.emit()

    def _size_columns(self) -> None:
        """Room for the name; codes, badges, chips and short columns at fixed widths."""
        metrics = self.fontMetrics()
        pad = metrics.height()
        widths = {
            SEQ: "0000",
            USCC: "91410526MAWWWWWWWW",  # 18 characters, the widest letter
            GRADE: grade_text(None),
            AREA: "安阳滑县",
            INSPECTORS: "周建国、吴丽娟",
            DUE: "2026-12-31",
        }
        header = self.table.horizontalHeader()
        for col, sample in widths.items():
            title = str(self.model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))
            text = max(metrics.horizontalAdvance(sample), header.fontMetrics().horizontalAdvance(title))
            self.table.setColumnWidth(col, text + pad)  # the header readable too ("Grade" > "n/a")
        chips = pill_width(metrics, chip("已检查")) + pill_width(metrics, chip("逾期未整改"))
        self.table.setColumnWidth(STATUS, chips + 16)  # a task's status and its order's state
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)

    def _fill_areas(self, rows: list[TaskRow]) -> None:
        current = self.area_combo.currentData()
        areas = sorted({(r.division_code or "", r.division_name or r.division_code or "") for r in rows})
        self.area_combo.blockSignals(True)
        self.area_combo.clear()
        self.area_combo.addItem(self.tr("全部区划"), "")
        for code, name in areas:
            if code:
                self.area_combo.addItem(name, code)
        self.area_combo.setCurrentIndex(max(0, self.area_combo.findData(current)))
        self.area_combo.blockSignals(False)

    def refresh_orders(self) -> None:
        desk = self.desk
        if desk is None:
            return
        service, today = desk.inspections, self.today
        self.runner.run(lambda task: service.orders(today), on_done=self.orders.set_states)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    # -- selection ------------------------------------------------------------------------

    def selected_task(self) -> TaskRow | None:
        return self.panel.task

    def select_task(self, task_id: str) -> None:
        row = self.model.row_of(task_id)
        if row < 0:
            return
        index = self.filter.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
        self.panel.show_task(self.model.task(row))

    def _task_selected(self, current: QModelIndex, previous: QModelIndex) -> None:
        task = current.data(TASK_ROLE) if current.isValid() else None
        self.panel.show_task(task)
        if task is not None and task.uscc != self._profile_uscc:  # a refresh does not reopen it
            self._load_profile(task.uscc)

    def reload_profile(self, uscc: str) -> None:
        """Show ``uscc``'s profile afresh if it is the one beside the task (a commitment changed)."""
        if uscc == self._profile_uscc:
            self._load_profile(uscc)

    def _load_profile(self, uscc: str, *, record: bool = True) -> None:
        desk = self.desk
        if desk is None:
            return
        self._profile_seq += 1
        self._profile_uscc = uscc
        seq = self._profile_seq
        self.runner.run(
            lambda task: desk.profile(uscc, record=record), on_done=partial(self._show_profile, seq, uscc)
        )

    def _show_profile(self, seq: int, uscc: str, profile: Profile | None) -> None:
        if seq != self._profile_seq:
            return
        if profile is None:
            self.profile_view.show_missing(uscc)
        else:
            self.profile_view.show_profile(profile)

    # -- actions --------------------------------------------------------------------------

    def _open_draft(self, start: Callable[[Inspections], dict[str, Any]]) -> None:
        """Start (or reopen) a draft on the worker, with the colleagues who may inspect the entity
        (the rosters that apply, without those who declared a conflict with it), then show it."""
        desk = self.desk
        if desk is None:
            return
        service = desk.inspections

        def work(task: Task) -> tuple[dict[str, Any], list[tuple[str, str]]]:
            draft = start(service)
            data = draft["data"]
            return draft, service.colleagues(str(data.get("uscc") or ""), data.get("plan_id"))

        self.runner.run(work, on_done=lambda opened: self.open_form(*opened), on_error=self._failed)

    def inspect_selected(self) -> None:
        task = self.selected_task()
        if task is None or task.status == "done":
            return
        self._open_draft(lambda service: service.start_task(task.id))

    def open_form(self, draft: dict[str, Any], colleagues: list[tuple[str, str]] | None = None) -> None:
        """The form for a draft; a draft already open in a form is brought to the front instead
        (two forms autosaving one draft would overwrite each other)."""
        assert self.desk is not None and self.catalog is not None
        for open_form in self.forms:
            if isinstance(open_form, InspectionForm) and open_form.draft_id == draft["id"]:
                open_form.show()
                open_form.raise_()
                open_form.activateWindow()
                return
        form = InspectionForm(
            self.runner,
            self.desk.inspections,
            draft,
            self.catalog,
            colleagues=colleagues or [],
            parent=self,
        )
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.finalised.connect(lambda record: self._recorded())
        form.discarded.connect(lambda _: self._recorded())
        form.saved.connect(lambda _: self._draft_saved(draft))
        form.rectifyRequested.connect(lambda record: self.open_rectification(record["id"]))
        self._track(form)

    def _draft_saved(self, draft: dict[str, Any]) -> None:
        task = self.selected_task()
        if task is not None and task.status == "todo" and draft.get("task_id") == task.id:
            self.refresh_tasks()  # the task now shows 检查中

    def _track(self, form: QWidget) -> None:
        self.forms.append(form)
        form.destroyed.connect(lambda _=None, f=form: self.forms.remove(f) if f in self.forms else None)
        form.show()
        self.formOpened.emit(form)

    def _recorded(self) -> None:
        self.refresh_tasks()
        if self._profile_uscc:  # the profile lists the inspections and interviews recorded here
            self._load_profile(self._profile_uscc, record=False)  # a refresh, not a new lookup
        self.changed.emit()

    def _fill_records_menu(self) -> None:
        menu, task = self.panel.records_menu, self.selected_task()
        menu.clear()
        if task is None:
            return
        for rec in task.records.values():
            menu.addAction(self.tr("打印/保存 {0}").format(rec["record_no"]), partial(self.print_record, rec))
            menu.addAction(
                self.tr("更正 {0}…").format(rec["record_no"]), partial(self.correct_record, rec["id"])
            )

    def print_record(self, record: dict[str, Any]) -> None:
        desk = self.desk
        if desk is None:
            return
        service = desk.inspections
        path = desk.store.data_dir / REPORTS_DIR / f"现场检查记录-{record['record_no']}.pdf"

        def work(task: Task) -> Path:
            path.parent.mkdir(parents=True, exist_ok=True)
            return service.record_pdf(record["id"], path)

        self.runner.run(work, on_done=self._print_file, on_error=self._failed)

    def correct_record(self, record_id: str) -> None:
        self._open_draft(lambda service: service.start_correction(record_id))

    def rectify_selected(self) -> None:
        task = self.selected_task()
        if task is None:
            return
        record = next((r for r in task.records.values() if self._is_problem(r)), None)
        if record is not None:
            self.open_rectification(record["id"])

    def _is_problem(self, record: dict[str, Any]) -> bool:
        return self.catalog is not None and self.catalog.result(record["result_code"]).problem

    def open_rectification(self, record_id: str) -> None:
        desk = self.desk
        if desk is None:
            return
        service, today = desk.inspections, self.today

        def load(task: Task) -> tuple[dict[str, Any], dict[str, Any] | None]:
            return service.rectification_draft(record_id, today), service.record(record_id)

        self.runner.run(load, on_done=self._show_rectification, on_error=self._failed)

    def _show_rectification(self, loaded: tuple[dict[str, Any], dict[str, Any] | None]) -> None:
        draft, record = loaded
        assert self.desk is not None and self.catalog is not None and record is not None
        form = RectificationForm(
            self.runner, self.desk.inspections, draft, self.catalog, record=record, parent=self
        )
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.submitted.connect(lambda order: self._recorded())
        self._track(form)

    def follow_up(self, state: OrderState) -> None:
        order_id = state.order["id"]
        self._open_draft(lambda service: service.start_follow_up(order_id))

    def interview_selected(self) -> None:
        """An interview about the task's most pressing order, or about the entity itself."""
        task = self.selected_task()
        if task is None:
            return
        record_ids = {r["id"] for r in task.records.values()}
        state = next(
            (s for s in self.orders.states if s.order["record_id"] in record_ids and s.needs_interview), None
        ) or next((s for s in self.orders.states if s.order["record_id"] in record_ids), None)
        if state is not None:
            self.open_interview(state)
        else:
            self.open_entity_interview(task.uscc, task.entity_name, task.inspectors)

    def open_interview(self, state: OrderState) -> None:
        desk = self.desk
        if desk is None:
            return
        service, today, o = desk.inspections, self.today, state.order
        inspectors = state.follow_up["inspectors"] if state.follow_up else []

        def load(task: Task) -> dict[str, Any]:
            rec = service.record(o["record_id"])
            people = inspectors or (rec["inspectors"] if rec else [])
            return service.interview_draft(
                today,
                uscc=o["uscc"],
                entity_name=o["entity_name"],
                rectification_id=o["id"],
                inspectors=people,
            )

        self.runner.run(load, on_done=self._show_interview, on_error=self._failed)

    def open_entity_interview(self, uscc: str, name: str, inspectors: list[dict[str, str]]) -> None:
        """An interview not tied to a rectification order (a dishonest act found otherwise)."""
        desk = self.desk
        if desk is None:
            return
        service, today = desk.inspections, self.today
        self.runner.run(
            lambda task: service.interview_draft(today, uscc=uscc, entity_name=name, inspectors=inspectors),
            on_done=self._show_interview,
            on_error=self._failed,
        )

    def _show_interview(self, draft: dict[str, Any]) -> None:
        assert self.desk is not None and self.catalog is not None
        form = InterviewForm(self.runner, self.desk.inspections, draft, self.catalog, parent=self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.submitted.connect(lambda talk: self._recorded())
        self._track(form)

    def open_draw_dialog(self) -> None:
        """The draw dialog, prefilled with the unit's roster (read on the worker) and division."""
        desk = self.desk
        if desk is None or self.catalog is None:
            return
        store = desk.store

        def prepare(task: Task) -> tuple[Path | None, str, Path]:
            from credit.domain.roster import unit_roster_path
            from credit.store.loader import get_info

            with store.cache.connect() as cache:
                source = get_info(cache).get("source")
            roster = default_roster(store.data_dir, source)
            return roster, _division_of(roster) if roster else "", unit_roster_path(store.data_dir)

        self.runner.run(prepare, on_done=self._show_draw_dialog, on_error=self._failed)

    def _show_draw_dialog(self, prepared: tuple[Path | None, str, Path]) -> None:
        assert self.desk is not None and self.catalog is not None
        roster, division, home = prepared
        dialog = PlanDrawDialog(
            self.runner,
            self.desk.inspections,
            self.catalog,
            unit=self.desk.operator.unit,
            division=division,
            roster_path=roster,
            roster_home=home,
            today=self.today,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.drawn.connect(self._plan_drawn)
        self._track(dialog)

    def _plan_drawn(self, doc: dict[str, Any]) -> None:
        self.refresh_plans(select=doc["id"])
        self.changed.emit()

    def export_plan(self, kind: str) -> None:
        desk, doc = self.desk, self.plan_doc
        if desk is None or doc is None:
            return
        service = desk.inspections
        path = desk.store.data_dir / REPORTS_DIR / f"双随机抽查计划-{doc['plan_no']}.{kind}"

        def work(task: Task) -> Path:
            path.parent.mkdir(parents=True, exist_ok=True)
            return service.plan_pdf(doc, path) if kind == "pdf" else service.plan_xlsx(doc, path)

        self.runner.run(
            work, on_done=self._print_file if kind == "pdf" else self._open_file, on_error=self._failed
        )

    def _open_file(self, path: Path) -> None:
        opened = open_file(path)
        self._show_message(
            self.tr("已保存到 {0}").format(str(path)) + ("" if opened else self.tr("（请在文件夹中打开）"))
        )
        self.fileSaved.emit(str(path))

    def _print_file(self, path: Path) -> None:
        """One action for a PDF: saved (said here), then the print dialog."""
        saved = self.tr("已保存到 {0}。").format(str(path))
        self._show_message(saved)
        self.fileSaved.emit(str(path))
        offer_print(self, self.runner, path, lambda status: self._show_message(saved + status))

    def _failed(self, exc: BaseException) -> None:
        from credit.inspections import InspectionError

        if isinstance(exc, InspectionError):
            self._show_message(exc.reason)
        else:
            show_error(self.window(), exc)


def _division_of(roster: Path) -> str:
    """The unit's division, from the roster's unit code (USCC positions 3–8), for the dialog."""
    import json

    try:
        code = str(json.loads(roster.read_text(encoding="utf-8")).get("unit_code") or "")
    except (OSError, ValueError):
        return ""
    return code[2:8] if len(code) == 18 and code[2:8].isdigit() else ""
