"""One commitment with everything recorded about it, and what can be done with it next.

Shown after registering, and beside the search and due lists: the 承诺编码 large enough to copy
onto paper, the fields in the reference's order, the texts, and one action each to print the
commitment letter (written on the worker and opened), to record fulfilment, and to open the
committer's credit profile.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from credit.domain.masking import mask_id
from desktop.core_labels import term
from desktop.errors import show_error
from desktop.formatting import listed, named
from desktop.models.commitments_model import status_badge
from desktop.ops import RunnerLike, Task
from desktop.printing import offer_print
from desktop.views.profile_html import Colours, pill
from desktop.views.saved_file import link_label, saved_html

if TYPE_CHECKING:  # the core (SQLAlchemy, reportlab …) is imported by the worker
    from credit.desk import Desk
    from credit.domain.catalogs import Matter

PERSON = "自然人"


def letter_path(data_dir: Path, code: str) -> Path:
    """``<data_dir>/reports/信用承诺书-<承诺编码>.pdf`` (a reprint replaces it with the same text)."""
    return data_dir / "reports" / f"信用承诺书-{code}.pdf"


def write_letter(row: dict[str, Any], path: Path) -> Path:
    """Runs on the worker: the commitment letter (承诺书) to sign, as recorded."""
    from credit.commitments import letter_data
    from credit.reports.commitment_letter import build_commitment_letter

    path.parent.mkdir(parents=True, exist_ok=True)
    build_commitment_letter(letter_data(row), path)
    return path


def committer_code_text(row: dict[str, Any]) -> str:
    """A USCC as it is; an ID number masked, as everywhere on screen."""
    code = str(row.get("committer_code") or "")
    return mask_id(code) if row.get("committer_category") == PERSON else code


class CommitmentDetail(QWidget):
    fulfilRequested = Signal(str)  # commitment code
    entityRequested = Signal(str)  # the committer's USCC
    letterSaved = Signal(str)  # path of the PDF

    def __init__(self, runner: RunnerLike, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("commitmentDetail")
        self.runner = runner
        self.desk: Desk | None = None
        self.matters: dict[str, Matter] = {}
        self.row: dict[str, Any] | None = None
        self._letter_task: Task | None = None

        self.browser = QTextBrowser()
        self.browser.setObjectName("commitmentText")
        self.browser.setOpenLinks(False)
        self.letter_button = QPushButton(self.tr("打印承诺书"))
        self.letter_button.setObjectName("printLetter")
        self.letter_button.setToolTip(
            self.tr("生成并保存信用承诺书 PDF，然后打开打印对话框，供承诺人签字盖章")
        )
        self.letter_button.clicked.connect(self.print_letter)
        self.fulfil_button = QPushButton(self.tr("认定履行情况…"))
        self.fulfil_button.setObjectName("recordFulfilment")
        self.fulfil_button.clicked.connect(self._ask_fulfil)
        self.entity_button = QPushButton(self.tr("查看主体信用信息"))
        self.entity_button.setObjectName("openCommitter")
        self.entity_button.clicked.connect(self._ask_entity)
        self.letter_status = link_label(QLabel())
        self.letter_status.setObjectName("letterStatus")

        actions = QHBoxLayout()
        actions.addWidget(self.letter_button)
        actions.addWidget(self.fulfil_button)
        actions.addWidget(self.entity_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser, 1)
        layout.addLayout(actions)
        layout.addWidget(self.letter_status)
        self.show_row(None)

    def set_desk(self, desk: Desk | None) -> None:
        self.desk = desk

    def set_matters(self, matters: dict[str, Matter]) -> None:
        self.matters = dict(matters)
        self._render()

    def show_row(self, row: dict[str, Any] | None) -> None:
        if row is None or self.row is None or row.get("code") != self.row.get("code"):
            self.letter_status.setText("")
        self.row = row
        for button in (self.letter_button, self.fulfil_button):
            button.setEnabled(row is not None)
        self.entity_button.setEnabled(row is not None and row.get("committer_category") != PERSON)
        self._render()

    def _render(self) -> None:
        colours = Colours.from_palette(self.palette())
        if self.row is None:
            empty = self.tr("选择左侧列表中的一份承诺，这里会显示它的全部内容。")
            self.browser.setHtml(f'<p style="color:{colours.muted}">{escape(empty)}</p>')
            return
        self.browser.setHtml(self.html(self.row, colours))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._render()

    def html(self, r: dict[str, Any], c: Colours) -> str:
        matter = r.get("matter_code")
        if matter in self.matters:
            matter_text = named(self.matters[matter].name, matter)
        else:
            matter_text = matter or self.tr("未指定")
        valid = self.tr("至 {0}").format(r["valid_until"]) if r.get("valid_until") else self.tr("长期")
        education = self.tr("已进行准入前诚信教育") if r.get("education_given") else self.tr("未记录")
        created = str(r["created_local"])[:16].replace("T", " ")
        committer = self.tr("{0}（{1}）").format(r["committer_name"], term(r["committer_category"]))
        fields: list[tuple[str, str]] = [
            (self.tr("承诺人"), committer),
            (self.tr("代码"), committer_code_text(r)),
            (self.tr("承诺类型"), term(r["commitment_type"])),
            (self.tr("审批事项"), matter_text),
            (self.tr("承诺事由"), r["reason"]),
            (self.tr("作出日期"), r["made_on"]),
            (self.tr("有效期"), valid),
            (self.tr("受理单位"), r["accepting_unit"]),
            (self.tr("公开类型"), term(r["publicity_type"])),
            (self.tr("诚信教育"), education),
        ]
        if r.get("deadline"):
            fields += [
                (self.tr("容缺材料"), listed(r.get("missing_materials") or [])),
                (self.tr("补齐期限"), r["deadline"]),
            ]
        if r.get("fulfilment"):
            fields += [
                (self.tr("状态认定日期"), r.get("determined_on") or ""),
                (self.tr("认定单位"), r.get("determining_unit") or ""),
            ]
            if r.get("unmet_content"):
                fields.append((self.tr("未履行内容"), r["unmet_content"]))
            if r.get("liability_pursued"):
                fields.append((self.tr("违诺责任追究"), r["liability_pursued"]))
        fields.append(
            (
                self.tr("登记"),
                self.tr("{0}（{1}） · {2} · 第 {3} 版").format(
                    r["operator"], r.get("unit") or "—", created, r["version"]
                ),
            )
        )
        word, fill, ink = status_badge(r)
        # lupdate does not read f-strings: the texts are translated here, then put in
        code_label, content_label = self.tr("承诺编码"), self.tr("承诺内容")
        liability_label = self.tr("违诺责任")
        cells = "".join(
            f'<tr><td class="label" width="22%">{escape(label)}</td><td>{escape(str(value))}</td></tr>'
            for label, value in fields
        )
        return (
            "<style>"
            f"td {{ border-color:{c.border}; padding:4px 6px; }}"
            f"td.label {{ background-color:{c.label_bg}; color:{c.muted}; white-space:nowrap; }}"
            f"h3 {{ color:{c.heading}; margin-top:12px; margin-bottom:4px; }}"
            "</style>"
            f'<p style="color:{c.muted}">{escape(code_label)}</p>'
            f'<h2 style="font-family:monospace">{escape(r["code"])}&nbsp;&nbsp;'
            f'<span style="font-size:medium">{pill(word, fill, ink, bold=True)}</span></h2>'
            f'<table border="1" cellspacing="0" cellpadding="4" width="100%">{cells}</table>'
            f"<h3>{escape(content_label)}</h3><p>{_para(r['content'])}</p>"
            f"<h3>{escape(liability_label)}</h3><p>{_para(r['liability'])}</p>"
        )

    # -- actions --------------------------------------------------------------------------

    def _ask_fulfil(self) -> None:
        if self.row is not None:
            self.fulfilRequested.emit(self.row["code"])

    def _ask_entity(self) -> None:
        if self.row is not None and self.row.get("committer_category") != PERSON:
            self.entityRequested.emit(self.row["committer_code"])

    def print_letter(self) -> None:
        """One action: write the 承诺书 PDF on the worker, then offer the print dialog."""
        row, desk = self.row, self.desk
        if row is None or desk is None or self._letter_task is not None:
            return
        path = letter_path(desk.store.data_dir, row["code"])
        self.letter_button.setEnabled(False)
        self.letter_status.setText(escape(self.tr("正在生成信用承诺书…")))
        task = self.runner.run(
            lambda task: write_letter(row, path), on_done=self._letter_written, on_error=self._letter_failed
        )
        if not task.finished:  # an immediate runner has already delivered the outcome
            self._letter_task = task

    def _letter_written(self, path: Path) -> None:
        self._letter_task = None
        self.letter_button.setEnabled(self.row is not None)
        saved = self.tr("信用承诺书已保存到 {0}。").format(str(path))
        self.letter_status.setText(saved_html(saved, path))
        self.letterSaved.emit(str(path))
        offer_print(
            self,
            self.runner,
            path,
            lambda status: self.letter_status.setText(saved_html(saved + status, path)),
        )

    def _letter_failed(self, exc: BaseException) -> None:
        self._letter_task = None
        self.letter_button.setEnabled(self.row is not None)
        self.letter_status.setText(escape(self.tr("信用承诺书未能生成。")))
        show_error(self.window(), exc)


def _para(text: str) -> str:
    return escape(text).replace("\n", "<br>")
