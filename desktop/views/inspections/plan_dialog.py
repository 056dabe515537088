"""Drawing a 双随机 plan from the GUI: the same configuration as the CLI's config file.

The dialog builds the config dictionary the file format describes (README, "Inspections"), so
what the GUI draws and what ``creditdesk plan draw`` draws are the same thing; the seed is
suggested but can be replaced (a published lottery number, say) before drawing. The roster is
the unit's own (``<data dir>/inspectors.json``); only on demo data is the fictional demo roster
offered, and the dialog says so. The core's problems come back named by the dialog's fields.
"""

from __future__ import annotations

import secrets
from datetime import date
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

from credit.domain.roster import ROSTER_FILE, unit_roster_path
from credit.paths import resource
from desktop.errors import show_error
from desktop.ops import RunnerLike, Task
from desktop.views.inspections.autosave import run_guarded
from desktop.views.inspections.inspection_form import ERROR_STYLE, problems_html

if TYPE_CHECKING:
    from credit.domain.inspection_catalog import InspectionCatalog
    from credit.inspections.service import Inspections

DEMO_SOURCE = "demo"  # the cache's source when it holds the generated demo data


def default_roster(data_dir: Path, cache_source: str | None) -> Path | None:
    """The unit's roster in the data directory; the shipped demo roster only for demo data;
    otherwise none (fictional inspectors must never sign real records)."""
    own = unit_roster_path(data_dir)
    if own.is_file():
        return own
    return resource("demo", ROSTER_FILE) if cache_source == DEMO_SOURCE else None


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
        roster_home: Path | None = None,
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
        types = [("企业", self.tr("企业")), ("个体工商户", self.tr("个体工商户"))]
        types.append(("农民专业合作社", self.tr("农民专业合作社")))
        self.types = _checklist(types, set(), "planTypes")
        statuses = [("存续", self.tr("存续")), ("在业", self.tr("在业"))]
        self.statuses = _checklist(statuses, {key for key, _ in statuses}, "planStatuses")
        self.rule = QComboBox()
        self.rule.setObjectName("planRule")
        self.rule.addItem(self.tr("各领域默认规定"), "")
        for code, rs in catalog.rule_sets.items():
            self.rule.addItem(rs.name, code)
            self.rule.setItemData(self.rule.count() - 1, rs.source, Qt.ItemDataRole.ToolTipRole)
        self.roster_home = roster_home or Path(ROSTER_FILE)
        self.roster = QLineEdit(str(roster_path or ""))
        self.roster.setObjectName("planRoster")
        self.roster.setPlaceholderText(self.tr("本单位执法人员名录（JSON）"))
        self.roster_note = QLabel()
        self.roster_note.setObjectName("planRosterNote")
        self.roster_note.setWordWrap(True)
        self.roster_note.setTextFormat(Qt.TextFormat.PlainText)
        if roster_path is None:
            self.roster_note.setText(
                self.tr(
                    "本机还没有执法人员名录。请把本单位名录保存为 {0}（格式见 README“Inspections”一节），"
                    "或点“选择…”指定名录文件。"
                ).format(str(self.roster_home))
            )
        elif roster_path != self.roster_home:
            demo = self.tr("这是演示数据附带的演示名录（虚构人员）。正式使用时请把本单位名录保存为 {0}。")
            self.roster_note.setText(demo.format(str(self.roster_home)))
        self.roster_note.setVisible(bool(self.roster_note.text()))
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
        form.addRow("", self.roster_note)
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

    def labels(self) -> dict[str, str]:
        """The config's keys as this dialog names its fields, for the core's messages."""
        return {
            "name": self.tr("计划名称"),
            "unit": self.tr("实施单位"),
            "year": self.tr("计划年度"),
            "due": self.tr("完成期限"),
            "divisions": self.tr("行政区划"),
            "sectors": self.tr("检查领域"),
            "entity_types": self.tr("主体类型"),
            "statuses": self.tr("登记状态"),
            "rule_set": self.tr("抽查比例"),
            "roster": self.tr("执法人员名录"),
        }

    def draw(self) -> None:
        config, seed, labels = self.config(), self.seed.text().strip(), self.labels()
        service, catalog = self.service, self.catalog
        self.message.hide()
        if not config["roster"]:
            self._show(
                [
                    self.tr("请先指定执法人员名录："),
                    self.tr("把本单位名录保存为 {0}（格式见 README“Inspections”一节），或点“选择…”。").format(
                        str(self.roster_home)
                    ),
                ]
            )
            return
        self.draw_button.setEnabled(False)

        def work(task: Task) -> dict[str, Any]:
            from credit.inspections.config import parse_config

            parsed, roster = parse_config(config, catalog, default_unit=service.operator.unit, labels=labels)
            return service.draw(parsed, roster, seed)

        run_guarded(self, self.runner, work, self._drawn, self._failed)

    def _drawn(self, doc: dict[str, Any]) -> None:
        self.drawn.emit(doc)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from credit.inspections import InspectionError

        self.draw_button.setEnabled(True)
        if isinstance(exc, InspectionError):
            self._show(exc.problems)
        else:
            show_error(self, exc)

    def _show(self, problems: list[str]) -> None:
        self.message.setText(problems_html(problems))
        self.message.show()
