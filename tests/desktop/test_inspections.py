"""The 检查任务 page with pytest-qt: plan → task → profile → form → finalise → PDF, and follow-up.

Every call goes through the injected ImmediateRunner onto a real encrypted store; the PDF is
read back with pdftotext and its fonts and images checked with poppler.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from PIL import Image
from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from credit.desk import Desk, Operator
from credit.inspections.plans import draw_plan
from credit.store.db import Store
from credit.store.keys import resolve_key
from credit.store.tables import inspection_draft, outbox
from desktop.ops import ImmediateRunner
from desktop.views.inspections.followup_forms import InterviewForm, RectificationForm
from desktop.views.inspections.inspection_form import InspectionForm
from desktop.views.inspections.inspections_view import InspectionsView
from desktop.views.inspections.plan_dialog import PlanDrawDialog
from desktop.windows.main_window import MainWindow
from tests.credit.inspections import sample
from tests.credit.reports import pdftools
from tests.desktop.conftest import PrintDialogStandIn


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    path = tmp_path / "data"
    store = Store.open(path, resolve_key(path))
    sample.fill(store)
    d = Desk(store, Operator("李明", "滑县市场监督管理局", "laptop-07"))
    yield d
    d.close()


@pytest.fixture
def plan(desk: Desk) -> dict[str, Any]:
    return draw_plan(desk.store, desk.operator, sample.config(), sample.roster(), "20261120", now=sample.NOW)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url) or True)
    return urls


@pytest.fixture
def view(qtbot: QtBot, desk: Desk, plan: dict[str, Any]) -> InspectionsView:
    page = InspectionsView(ImmediateRunner(), desk)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    return page


def select(view: InspectionsView, uscc: str) -> None:
    row = next(r for r in view.model.rows if r.uscc == uscc)
    view.select_task(row.id)
    view._task_selected(view.table.currentIndex(), view.table.currentIndex())


def open_form(view: InspectionsView, uscc: str) -> InspectionForm:
    select(view, uscc)
    view.panel.inspect_button.click()
    form = view.forms[-1]
    assert isinstance(form, InspectionForm)
    return form


def jpeg(path: Path, colour: tuple[int, int, int] = (200, 120, 40)) -> Path:
    buf = io.BytesIO()
    Image.new("RGB", (800, 600), colour).save(buf, "JPEG")
    path.write_bytes(buf.getvalue())
    return path


def fill(form: InspectionForm, tmp_path: Path, *, fail: bool = True) -> None:
    form.time_edit.setDateTime(QDateTime.currentDateTime().addSecs(-3600))
    if fail:
        row = form.rows["F04"]
        row.choose("不符合")
        row.note.setText("3批次食用油未索证索票")
        form.result_combo.setCurrentIndex(form.result_combo.findData("09"))
    else:
        form.result_combo.setCurrentIndex(form.result_combo.findData("01"))
    form.mark_rest_passed()
    form.add_files([jpeg(tmp_path / "门头.jpg")])
    form.present.setText("经营者151")
    form.pad.add_stroke([(30, 90), (80, 40), (130, 100), (200, 50), (260, 95)])


def test_task_list_shows_the_plan_with_progress_and_filters(view: InspectionsView, plan: dict) -> None:
    assert view.plan_combo.count() == 1 and plan["plan_no"] in view.plan_combo.currentText()
    assert view.model.rowCount() == len(plan["tasks"])
    assert "已检查 0 户" in view.progress_text.text()
    assert (view.progress.value(), view.progress.maximum()) == (0, len(plan["tasks"]))
    view.status_combo.setCurrentIndex(view.status_combo.findData("done"))
    assert view.filter.rowCount() == 0
    view.status_combo.setCurrentIndex(view.status_combo.findData("todo"))
    assert view.filter.rowCount() == len(plan["tasks"])
    view.find_field.setText(sample.code(151))
    assert view.filter.rowCount() == 1
    view.find_field.clear()
    assert view.area_combo.count() == 2  # 全部区划 + 滑县
    view.area_combo.setCurrentIndex(1)
    assert view.filter.rowCount() == len(plan["tasks"])


def test_one_click_from_task_to_profile_and_to_the_form(view: InspectionsView, desk: Desk) -> None:
    select(view, sample.code(151))
    assert sample.code(151) in view.panel.facts.text()
    assert "滑县测试151号食品店" in view.profile_view.toPlainText()  # the credit profile, offline
    assert desk.audit_recent(1)[0]["action"] == "open_profile"
    form = open_form(view, sample.code(151))
    assert form.data["uscc"] == sample.code(151)
    names = [form.inspectors.item(r, 0).text() for r in range(form.inspectors.rowCount())]
    assert len(names) == 2 and "李明" not in names  # 李明 declared a conflict with this entity
    assert list(form.rows) == [f"F0{i}" for i in range(1, 9)]
    menu = form.findChild(QPushButton, "addInspector").menu()
    offered = [a.text() for a in menu.actions() if a.text()]
    assert "王芳　豫A002" in offered and not any("李明" in t for t in offered)  # nor in the menu
    assert not any("陈晓燕" in t for t in offered)  # inactive


def test_form_finalises_and_prints_the_record(
    qtbot: QtBot,
    view: InspectionsView,
    desk: Desk,
    tmp_path: Path,
    opened: list[QUrl],
    print_dialog: PrintDialogStandIn,
) -> None:
    form = open_form(view, sample.code(151))
    fill(form, tmp_path)
    assert form.media.count() == 1 and not form.media.item(0).icon().isNull()
    form.finalise()
    record = form.record
    assert record is not None and record["result_code"] == "09"
    assert "已定稿" in form.problems.text() and record["record_no"] in form.problems.text()
    assert not form.finalise_button.isVisible() and form.rectify_button.isVisible()
    assert not form.rows["F01"].buttons["符合"].isEnabled()  # final is final
    stored = desk.inspections.record(record["id"])
    assert stored is not None and stored["signature_sha256"] and len(stored["attachments"]) == 1
    assert [a["answer"] for a in stored["answers"] if a["code"] == "F04"] == ["不符合"]

    written: list[str] = []
    form.pdfWritten.connect(written.append)
    form.write_pdf()
    pdf = Path(written[-1])
    assert not opened and print_dialog.offers == [(pdf.stem, pdftools.page_count(pdf))]
    assert str(pdf) in form.status.text() and "未打印（PDF 已保存）" in form.status.text()
    text = pdftools.text(pdf)
    for expected in (
        "现场检查记录",
        record["record_no"],
        "09 发现问题待后续处理",
        "3批次食用油未索证索票",
        "经营者151",
    ):
        assert expected in text, expected
    assert all(embedded for _, embedded in pdftools.fonts(pdf))
    assert pdftools.image_count(pdf) == 2  # the photo and the signature

    assert "已检查 1 户" in view.progress_text.text() and view.progress.value() == 1  # the list followed
    task = next(r for r in view.model.rows if r.uscc == sample.code(151))
    assert task.status == "done" and task.problem


def test_finalising_after_the_publication_deadline_warns(view: InspectionsView, tmp_path: Path) -> None:
    form = open_form(view, sample.code(157))
    fill(form, tmp_path, fail=False)
    form.time_edit.setDateTime(QDateTime(QDate(2026, 10, 30), QTime(10, 0)))  # deadline Tue 2026-11-10
    form.finalise()
    record = form.record
    assert record is not None and record["publication_deadline"] == "2026-11-10"
    text = form.problems.text()
    assert f"公示期限 {record['publication_deadline']}（检查后7个工作日）已过，请立即公示检查结果" in text
    assert "#fdecea" in form.problems.styleSheet()  # shown as a warning, not as a plain success
    fresh = open_form(view, sample.code(158))
    fill(fresh, tmp_path, fail=False)
    fresh.finalise()
    assert "已定稿" in fresh.problems.text() and "已过" not in fresh.problems.text()


def test_problems_are_listed_and_nothing_is_lost(view: InspectionsView, desk: Desk) -> None:
    form = open_form(view, sample.code(152))
    form.findings.setPlainText("现场记录尚未完成")
    form.rows["F01"].choose("不符合")
    form.finalise()
    text = form.problems.text()
    assert form.record is None and "请选择检查结果" in text and "请在备注中写明" in text
    assert form.finalise_button.isEnabled()
    draft = desk.inspections.draft(form.draft_id)
    assert draft is not None and draft["data"]["findings"] == "现场记录尚未完成"
    assert draft["data"]["answers"]["F01"]["answer"] == "不符合"


def test_autosave_a_second_after_the_last_edit_and_reopen_shows_the_draft(
    qtbot: QtBot, view: InspectionsView, desk: Desk
) -> None:
    form = open_form(view, sample.code(153))
    start = form.revision
    form.findings.setPlainText("门店已更换经营者")
    form.rows["F02"].choose("符合")
    assert form.autosave.timer.isActive() and form.autosave.timer.interval() == 1000
    qtbot.waitUntil(lambda: form.revision > start, timeout=3000)
    assert form.revision == start + 1  # both edits, one save
    form.close()
    task = next(r for r in view.model.rows if r.uscc == sample.code(153))
    assert task.status == "draft"  # the list shows 检查中
    again = open_form(view, sample.code(153))
    assert again.draft_id == form.draft_id and again.findings.toPlainText() == "门店已更换经营者"
    assert again.rows["F02"].answer() == "符合"


def test_a_draft_open_in_a_form_is_not_opened_twice(view: InspectionsView) -> None:
    form = open_form(view, sample.code(156))
    count = len(view.forms)
    view.panel.inspect_button.click()
    assert len(view.forms) == count and view.forms[-1] is form


def test_closing_saves_what_was_typed(view: InspectionsView, desk: Desk) -> None:
    form = open_form(view, sample.code(154))
    form.place.setText("道口镇人民路154号后厨")
    form.place.textEdited.emit(form.place.text())
    form.close()  # before the timer fires
    draft = desk.inspections.draft(form.draft_id)
    assert draft is not None and draft["data"]["place"] == "道口镇人民路154号后厨"


def test_discarding_a_draft_is_recorded(view: InspectionsView, desk: Desk) -> None:
    form = open_form(view, sample.code(155))
    form.discard_now()
    assert desk.inspections.draft(form.draft_id) is None
    assert desk.audit_recent(1)[0]["action"] == "draft_discard"


def test_rectification_then_overdue_then_interview(
    qtbot: QtBot, view: InspectionsView, desk: Desk, tmp_path: Path
) -> None:
    form = open_form(view, sample.code(151))
    fill(form, tmp_path)
    form.finalise()
    form.rectify_button.click()
    order_form = view.forms[-1]
    assert isinstance(order_form, RectificationForm)
    assert "未索证索票" in order_form.problems.toPlainText()
    assert "第 10 个工作日" in order_form.deadline_label.text()
    order_form.days.setValue(3)
    order_form.submit()
    assert order_form.outcome is not None and "已下达整改通知" in order_form.message.text()
    order = order_form.outcome
    assert len(view.orders.states) == 1 and view.orders.states[0].state == "open"

    view.today = date.fromisoformat(order["deadline"]) + timedelta(days=3)  # days later, not rectified
    view.refresh_tasks()
    state = view.orders.states[0]
    assert state.state == "overdue" and state.needs_interview
    assert view.orders.table.item(0, 4).text() == "逾期未整改"
    select(view, sample.code(151))
    assert view.panel.interview_button.isVisibleTo(view.panel)

    view.orders.select_order(order["id"])
    assert view.orders.interview_button.isEnabled()
    view.orders.interview_button.click()
    talk = view.forms[-1]
    assert isinstance(talk, InterviewForm)
    talk.held.setDate(talk.held.date().currentDate())
    talk.people.item(talk.people.rowCount() - 1, 0).setText("经营者151")
    talk.content.setPlainText("逾期未整改，告知失信后果。")
    talk.submit()
    assert talk.outcome is None and "承诺或整改措施" in talk.message.text()  # listed, nothing lost
    talk.undertakings.setPlainText("三日内补齐进货查验记录。")
    talk.submit()
    assert talk.outcome is not None and talk.outcome["kind"] == "提示约谈"
    assert not view.orders.states[0].needs_interview
    with desk.store.work.connect() as conn:
        kinds = [r.kind for r in conn.execute(sa.select(outbox.c.kind).order_by(outbox.c.seq))]
        assert conn.execute(sa.select(sa.func.count()).select_from(inspection_draft)).scalar() == 0
    assert kinds[-2:] == ["rectification", "interview"]


def test_records_and_interviews_show_in_the_profile_and_an_interview_needs_no_order(
    view: InspectionsView, desk: Desk, tmp_path: Path
) -> None:
    form = open_form(view, sample.code(151))
    fill(form, tmp_path)
    form.finalise()
    assert form.record is not None
    text = view.profile_view.toPlainText()
    assert "行政管理信息 · 行政检查" in text and form.record["record_no"] in text  # beside the task, at once
    select(view, sample.code(160))  # no record, no order: an interview about the entity itself
    assert view.panel.interview_button.isVisibleTo(view.panel) and view.panel.interview_button.isEnabled()
    view.panel.interview_button.click()
    talk = view.forms[-1]
    assert isinstance(talk, InterviewForm) and talk.data["rectification_id"] is None
    talk.people.item(talk.people.rowCount() - 1, 0).setText("经营者160")
    talk.content.setPlainText("群众举报经营场所卫生差，提醒依法经营。")
    talk.undertakings.setPlainText("一周内整改。")
    talk.submit()
    assert talk.outcome is not None and talk.outcome["uscc"] == sample.code(160)
    assert "其他信息 · 约谈记录" in view.profile_view.toPlainText()
    assert "一周内整改" in view.profile_view.toPlainText()


def test_drawing_a_plan_from_the_gui(qtbot: QtBot, view: InspectionsView, desk: Desk, tmp_path: Path) -> None:
    roster = tmp_path / "roster.json"
    roster.write_text(json.dumps(sample.ROSTER, ensure_ascii=False), encoding="utf-8")
    view.open_draw_dialog()
    dialog = view.forms[-1]
    assert isinstance(dialog, PlanDrawDialog)
    dialog.name.setText("第二批食品经营抽查")
    dialog.divisions.setText("4105")
    dialog.roster.setText(str(roster))
    dialog.seed.setText("")
    dialog.draw()
    assert dialog.message.isVisible() and "随机种子" in dialog.message.text()
    dialog.seed.setText("20261201")
    dialog.draw()
    assert view.plan_combo.count() == 2 and "第二批食品经营抽查" in view.plan_combo.currentText()
    assert view.plan_doc is not None and view.plan_doc["seed"] == "20261201"
    assert view.plan_doc["config"]["divisions"] == ["4105"]


def _draw_dialog(view: InspectionsView) -> PlanDrawDialog:
    before = len(view.forms)
    view.open_draw_dialog()
    assert len(view.forms) == before + 1
    dialog = view.forms[-1]
    assert isinstance(dialog, PlanDrawDialog)
    return dialog


def test_the_draw_dialog_never_falls_back_to_the_demo_roster_on_real_data(
    view: InspectionsView, desk: Desk
) -> None:
    home = desk.store.data_dir / "inspectors.json"
    dialog = _draw_dialog(view)
    assert dialog.roster.text() == ""  # the cache is not demo data: no fictional inspectors
    assert dialog.roster_note.isVisibleTo(dialog) and str(home) in dialog.roster_note.text()
    dialog.draw()
    text = dialog.message.text()
    assert dialog.message.isVisibleTo(dialog) and "请先指定执法人员名录" in text and str(home) in text
    assert view.plan_combo.count() == 1  # nothing drawn
    home.write_text(json.dumps(sample.ROSTER, ensure_ascii=False), encoding="utf-8")
    own = _draw_dialog(view)
    assert own.roster.text() == str(home) and not own.roster_note.isVisibleTo(own)


def test_the_demo_roster_is_offered_on_demo_data_and_says_so(view: InspectionsView, desk: Desk) -> None:
    from credit.store.loader import set_info

    with desk.store.write_cache() as conn:
        set_info(conn, source="demo")
    dialog = _draw_dialog(view)
    assert dialog.roster.text().endswith("resources/demo/inspectors.json")
    assert "演示名录（虚构人员）" in dialog.roster_note.text()


def test_draw_dialog_problems_name_the_dialogs_fields_all_at_once(
    view: InspectionsView, desk: Desk, tmp_path: Path
) -> None:
    roster = tmp_path / "roster.json"
    roster.write_text(json.dumps(sample.ROSTER, ensure_ascii=False), encoding="utf-8")
    dialog = _draw_dialog(view)
    dialog.roster.setText(str(roster))
    dialog.unit.setText("")  # optional: the roster's unit is used
    dialog.divisions.setText("41052x, 410526")
    for widget in (dialog.sectors, dialog.statuses):
        for i in range(widget.count()):
            widget.item(i).setCheckState(Qt.CheckState.Unchecked)
    dialog.draw()
    html = dialog.message.text()
    assert html.startswith("<b>抽查计划设置有误，请更正：</b><ul")  # a heading, not a bullet
    for expected in ("行政区划“41052x”应为 2、4 或 6 位数字", "请选择“检查领域”（至少一项）",
                     "请选择“登记状态”（至少一项）"):  # fmt: skip
        assert f"<li>{expected}" in html, expected
    for key in ("“unit”", "“divisions”", "“sectors”", "“statuses”", "实施单位", "抽查计划设置："):
        assert key not in html, key
    assert view.plan_combo.count() == 1


def test_whole_flow_from_the_gui_plan_to_a_corrected_record(
    qtbot: QtBot,
    view: InspectionsView,
    desk: Desk,
    tmp_path: Path,
    opened: list[QUrl],
    print_dialog: PrintDialogStandIn,
) -> None:
    """Draw in the dialog → pick a task → profile → form → finalise → PDF → correct → PDF."""
    roster = tmp_path / "roster.json"
    roster.write_text(json.dumps(sample.ROSTER, ensure_ascii=False), encoding="utf-8")
    view.open_draw_dialog()
    dialog = view.forms[-1]
    assert isinstance(dialog, PlanDrawDialog)
    dialog.divisions.setText("410526")
    dialog.roster.setText(str(roster))
    dialog.seed.setText("gui-flow")
    dialog.draw()
    doc = view.plan_doc
    assert doc is not None and doc["seed"] == "gui-flow"
    target = next(t for t in view.model.rows if t.grade == "D")
    form = open_form(view, target.uscc)
    assert target.entity_name in view.profile_view.toPlainText()
    fill(form, tmp_path, fail=False)
    form.finalise()
    assert form.record is not None and form.record["plan_no"] == doc["plan_no"]
    written: list[str] = []
    form.pdfWritten.connect(written.append)
    view.fileSaved.connect(written.append)
    form.write_pdf()
    assert form.record["record_no"] in pdftools.text(Path(written[-1]))

    select(view, target.uscc)
    view._fill_records_menu()
    labels = [a.text() for a in view.panel.records_menu.actions()]
    assert labels == [f"打印/保存 {form.record['record_no']}", f"更正 {form.record['record_no']}…"]
    view.panel.records_menu.actions()[1].trigger()
    fix = view.forms[-1]
    assert isinstance(fix, InspectionForm) and fix.data["corrects"] == form.record["id"]
    assert fix.correction_reason.isVisibleTo(fix)
    fix.findings.setPlainText("补记：冷藏柜温度记录已核对。")
    fix.correction_reason.setText("漏记检查情况")
    fix.finalise()
    assert fix.record is not None and fix.record["corrects"] == form.record["id"]
    fix.pdfWritten.connect(written.append)
    fix.write_pdf()
    text = pdftools.text(Path(written[-1]))
    assert f"更正原记录 {form.record['record_no']}" in text and "漏记检查情况" in text
    history = desk.inspections.history(form.record["id"])
    assert [r["id"] for r in history] == [form.record["id"], fix.record["id"]]
    view._fill_records_menu()
    view.panel.records_menu.actions()[0].trigger()  # 打印/保存 from the task's records menu
    assert Path(written[-1]).name == f"现场检查记录-{fix.record['record_no']}.pdf"  # the current one
    assert not opened and len(print_dialog.offers) == 3  # every PDF offered for printing

def test_publication_exports(
    view: InspectionsView, plan: dict, opened: list[QUrl], print_dialog: PrintDialogStandIn, tmp_path: Path
) -> None:
    saved: list[str] = []
    view.fileSaved.connect(saved.append)
    printed = tmp_path / "printed.pdf"
    print_dialog.print_to(printed)
    view.export_plan("pdf")
    pdf = Path(saved[-1])
    assert plan["plan_no"] in pdftools.text(pdf) and not opened  # saved, then printed
    assert pdftools.page_count(printed) == pdftools.page_count(pdf)
    assert "已发送到打印机" in view.message.text() and str(pdf) in view.message.text()
    view.export_plan("xlsx")
    assert Path(opened[-1].toLocalFile()).suffix == ".xlsx" == Path(saved[-1]).suffix


def test_entity_actions_can_be_added_in_one_place(view: InspectionsView) -> None:
    calls: list[tuple[str, str]] = []
    button = view.panel.add_entity_action(
        "信用承诺", lambda uscc, name: calls.append((uscc, name)), "commitments"
    )
    select(view, sample.code(151))
    assert button.isEnabled()
    button.click()
    assert calls == [(sample.code(151), "滑县测试151号食品店")]


def test_the_page_is_the_checks_job_in_the_main_window(qtbot: QtBot, desk: Desk, plan: dict) -> None:
    win = MainWindow(ImmediateRunner(), desk)
    qtbot.addWidget(win)
    row = next(i for i in range(win.nav.count()) if win.nav.item(i).text() == "检查任务")
    assert win.nav.item(row).flags() & Qt.ItemFlag.ItemIsEnabled
    win.nav.setCurrentRow(row)
    assert win.pages.currentWidget() is win.inspections_view
    assert win.inspections_view.model.rowCount() == len(plan["tasks"])
    assert "待上传 1 条" in win.status_label.text()  # the plan is queued too


def test_no_plan_yet_says_what_to_do(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "empty"
    store = Store.open(path, resolve_key(path))
    d = Desk(store, Operator("李明", "滑县市场监督管理局", "pc"))
    try:
        page = InspectionsView(ImmediateRunner(), d)
        qtbot.addWidget(page)
        assert "还没有抽查计划" in page.message.text() and not page.publish_button.isEnabled()
    finally:
        d.close()


def test_due_filter_and_chips(qtbot: QtBot) -> None:
    from credit.inspections.tasks import TaskRow
    from desktop.models.results_model import CHIPS_ROLE
    from desktop.views.inspections.task_model import STATUS, TaskFilter, TaskModel

    def row(n: int, due: str, status: str = "todo", overdue: bool = False, **kw: Any) -> TaskRow:
        return TaskRow(f"t{n}", "p", n, f"U{n}", f"主体{n}", "B", "410526", "滑县", None, ["FOOD"],
                       ["SC_FOOD_OPERATION"], [], due, status=status, overdue=overdue, **kw)  # fmt: skip

    model = TaskModel()
    model.set_rows([
        row(1, "2026-11-10", overdue=True),
        row(2, "2026-11-25"),
        row(3, "2026-12-31"),
        row(4, "2026-11-10", status="done", problem=True, rectification="overdue"),
    ])  # fmt: skip
    proxy = TaskFilter()
    proxy.setSourceModel(model)
    proxy.today = date(2026, 11, 20)
    shown = lambda: [proxy.index(r, 0).data() for r in range(proxy.rowCount())]  # noqa: E731
    proxy.set_filters(due="overdue")
    assert shown() == ["1"]
    proxy.set_filters(due="soon")
    assert shown() == ["2"]
    proxy.set_filters(due="later")
    assert shown() == ["3"]
    proxy.set_filters(due="all", status="followup")
    assert shown() == ["4"]
    assert model.index(0, STATUS).data(CHIPS_ROLE) == ["待检查", "已逾期"]
    assert model.index(3, STATUS).data(CHIPS_ROLE) == ["已检查", "逾期未整改"]


def test_commitment_checks_in_the_field_use_the_window_fulfilment_dialog(
    qtbot: QtBot, desk: Desk, plan: dict
) -> None:
    from credit import commitments as cm

    uscc = sample.code(151)
    made = cm.register(
        desk.store,
        desk.operator,
        committer_name="滑县测试151号食品店",
        committer_category="个体工商户",
        committer_code=uscc,
        commitment_type="审批替代型",
        reason="申请食品经营许可",
        made_on=date(2026, 11, 2),
        accepting_unit="滑县市场监督管理局",
        publicity_type="可向社会公开",
    )
    win = MainWindow(ImmediateRunner(), desk)
    qtbot.addWidget(win)
    win.nav.setCurrentRow(win.pages.indexOf(win.inspections_view))
    view = win.inspections_view
    select(view, uscc)
    assert made["code"] in view.profile_view.toPlainText()  # the open commitment beside the task

    view.profile_view.commitmentRequested.emit("fulfil", made["code"])  # its 认定履行情况 link
    dialog = win.commitments_view.dialog
    assert dialog is not None and dialog.isVisible() and dialog.base_version == 1
    assert win.pages.currentWidget() is view  # the inspector stays with the task
    dialog.set_status("全部履行")
    dialog.save_button.click()
    assert cm.get(desk.store, made["code"])["fulfilment"] == "全部履行"
    assert "全部履行" in view.profile_view.toPlainText()  # the profile beside the task follows

    button = next(b for b in view.panel.extra if b.objectName() == "taskCommitments")
    button.click()  # the task's own button: the entity's commitments on their page
    assert win.pages.currentWidget() is win.commitments_view
    assert win.commitments_view.search_field.text() == uscc


def test_today_is_asked_afresh_after_midnight(view: InspectionsView, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page stays open overnight: tomorrow's due filter and order states use tomorrow."""
    import desktop.views.inspections.inspections_view as page

    tomorrow = date.today() + timedelta(days=1)

    class Tomorrow(date):
        @classmethod
        def today(cls) -> date:
            return tomorrow

    monkeypatch.setattr(page, "date", Tomorrow)
    view.refresh_tasks()
    assert view.today == tomorrow and view.filter.today == tomorrow


def test_a_finished_task_does_not_offer_what_it_will_not_do(
    view: InspectionsView, tmp_path: Path
) -> None:
    form = open_form(view, sample.code(159))
    fill(form, tmp_path, fail=False)
    form.finalise()
    select(view, sample.code(159))
    button = view.panel.inspect_button
    assert not button.isEnabled() and button.text() == "已检查" and "更正" in button.toolTip()
