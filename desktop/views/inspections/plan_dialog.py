"""Drawing a 双随机 plan from the GUI: the same configuration as the CLI's config file.

The dialog builds the config dictionary the file format describes (README, "Inspections"), so
what the GUI draws and what ``creditdesk plan draw`` draws are the same thing; the seed is
suggested but can be replaced (a published lottery number, say) before drawing.
"""

from __future__ import annotations

import secrets
from datetime import date
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from credit.paths import resource
from desktop.errors import show_error
from desktop.ops import RunnerLike, Task
from desktop.views.inspections.autosave import run_guarded
from desktop.views.inspections.inspection_form import ERROR_STYLE

if TYPE_CHECKING:
    from credit.domain.inspection_catalog import InspectionCatalog
    from credit.inspections.service import Inspections

ROSTER_FILE = "inspectors.json"
ENTITY_TYPES = ("企业", "个体工商户", "农民专业合作社")
STATUSES = ("存续", "在业")


def default_roster(data_dir: Path) -> Path:
    """The unit's roster in the data directory, else the demo roster shipped with the program."""
    own = data_dir / ROSTER_FILE
    return own if own.is_file() else resource("demo", ROSTER_FILE)


def suggested_seed(today: date) -> str:
    return f"{today:%Y%m%d}-{secrets.randbelow(10**6):06d}"


def _checklist(items: list[tuple[str, str]], checked: set[str], name: str) -> QListWidget:
    widget = QListWidget()
    widget.setObjectName(name)
    for key, label in items:
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if key in checked else Qt.CheckState.Unchecked)
        widget.addItem(item)
    widget.setMaximumHeight(widget.sizeHintForRow(0) * min(len(items), 6) + 8)
    return widget


def _checked(widget: QListWidget) -> list[str]:
    return [
        str(widget.item(i).data(Qt.ItemDataRole.UserRole))
        for i in range(widget.count())
        if widget.item(i).checkState() == Qt.CheckState.Checked
    ]


class PlanDrawDialog(QDialog):
    """``drawn(plan document)`` once the plan has been drawn and recorded."""

    drawn = Signal(object)

    def __init__(
        self,
        runner: RunnerLike,
        service: Inspections,
        catalog: InspectionCatalog,
        *,
        unit: str = "",
        division: str = "",
        roster_path: Path | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("planDrawDialog")
        self.setWindowTitle(self.tr("抽取双随机抽查计划"))
        self.runner, self.service, self.catalog = runner, service, catalog
        today = today or date.today()
        self.name = QLineEdit(self.tr("{0}年双随机抽查计划").format(today.year))
        self.name.setObjectName("planName")
        self.unit = QLineEdit(unit)
        self.unit.setObjectName("planUnit")
        self.year = QSpinBox()
        self.year.setObjectName("planYear")
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.due = QDateEdit(QDate(today.year, 12, 31))
        self.due.setObjectName("planDue")
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.divisions = QLineEdit(division)
        self.divisions.setObjectName("planDivisions")
        self.divisions.setPlaceholderText(self.tr("行政区划代码，多个用逗号分隔，如 410526 或 4105"))
        self.sectors = _checklist(
            [(s.code, s.name) for s in catalog.sectors.values()], {next(iter(catalog.sectors))}, "planSectors"
        )
        self.types = _checklist([(t, self.tr(t)) for t in ENTITY_TYPES], set(), "planTypes")
        self.statuses = _checklist([(s, self.tr(s)) for s in STATUSES], set(STATUSES), "planStatuses")
        self.rule = QComboBox()
        self.rule.setObjectName("planRule")
        self.rule.addItem(self.tr("各领域默认规定"), "")
        for code, rs in catalog.rule_sets.items():
            self.rule.addItem(rs.name, code)
            self.rule.setItemData(self.rule.count() - 1, rs.source, Qt.ItemDataRole.ToolTipRole)
        self.roster = QLineEdit(str(roster_path or ""))
        self.roster.setObjectName("planRoster")
        browse = QPushButton(self.tr("选择…"))
        browse.setAutoDefault(False)
        browse.clicked.connect(self._choose_roster)
        self.seed = QLineEdit(suggested_seed(today))
        self.seed.setObjectName("planSeed")
        seed_note = QLabel(
            self.tr(
                "随机种子决定抽取结果，应在抽取前确定并公布（如当日摇号结果）；同一种子和主体库总得到同一计划。"
            )
        )
        seed_note.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("planProblems")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        self.draw_button = QPushButton(self.tr("抽取并记录"))
        self.draw_button.setObjectName("drawButton")
        self.draw_button.setDefault(True)
        self.draw_button.clicked.connect(self.draw)
        cancel = QPushButton(self.tr("取消"))
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)

        roster = QHBoxLayout()
        roster.addWidget(self.roster, 1)
        roster.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("计划名称"), self.name)
        form.addRow(self.tr("实施单位"), self.unit)
        form.addRow(self.tr("计划年度"), self.year)
        form.addRow(self.tr("完成期限"), self.due)
        form.addRow(self.tr("行政区划"), self.divisions)
        form.addRow(self.tr("检查领域"), self.sectors)
        form.addRow(self.tr("主体类型（不选为不限）"), self.types)
        form.addRow(self.tr("登记状态"), self.statuses)
        form.addRow(self.tr("抽查比例"), self.rule)
        form.addRow(self.tr("执法人员名录"), roster)
        form.addRow(self.tr("随机种子"), self.seed)
        form.addRow("", seed_note)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.draw_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.resize(640, 720)

    def _choose_roster(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择执法人员名录"), self.roster.text(), "JSON (*.json)"
        )
        if path:
            self.roster.setText(path)

    def config(self) -> dict[str, Any]:
        """The plan config as the file format has it."""
        due = self.due.date().toPython()
        assert isinstance(due, date)
        config: dict[str, Any] = {
            "name": self.name.text().strip(),
            "unit": self.unit.text().strip(),
            "year": self.year.value(),
            "due": due.isoformat(),
            "divisions": [
                d.strip() for d in self.divisions.text().replace("，", ",").split(",") if d.strip()
            ],
            "sectors": _checked(self.sectors),
            "statuses": _checked(self.statuses),
            "roster": self.roster.text().strip(),
        }
        if types := _checked(self.types):
            config["entity_types"] = types
        if self.rule.currentData():
            config["rule_set"] = self.rule.currentData()
        return config

    def draw(self) -> None:
        config, seed = self.config(), self.seed.text().strip()
        service, catalog = self.service, self.catalog
        self.draw_button.setEnabled(False)
        self.message.hide()

        def work(task: Task) -> dict[str, Any]:
            from credit.inspections.config import parse_config

            parsed, roster = parse_config(config, catalog, default_unit=service.operator.unit)
            return service.draw(parsed, roster, seed)

        run_guarded(self, self.runner, work, self._drawn, self._failed)

    def _drawn(self, doc: dict[str, Any]) -> None:
        self.drawn.emit(doc)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from credit.inspections import InspectionError

        self.draw_button.setEnabled(True)
        if isinstance(exc, InspectionError):
            items = "".join(f"<li>{escape(p)}</li>" for p in exc.problems)
            self.message.setText(f"<ul style='margin:0'>{items}</ul>")
            self.message.show()
        else:
            show_error(self, exc)
