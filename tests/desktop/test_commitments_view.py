"""The 信用承诺 page as a clerk uses it: register (容缺受理 with a working-day deadline), print the
letter, record fulfilment, resolve a version conflict, watch due and overdue deadlines, search,
and see a breach refuse a later 容缺受理 check.

Expected deadlines are worked out from the State Council's holiday notices, not from the code:
2026 Spring Festival (国办发明电〔2025〕7号) off Sun 02-15 … Mon 02-23, Saturdays 02-14 and 02-28
worked; November 2026 has no holiday, so only weekends are skipped there.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QDate, QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from credit import commitments as cm
from credit.desk import Desk
from credit.domain import workdays
from credit.operator import Operator
from credit.store.tables import audit_log, commitment, outbox
from desktop import settings
from desktop.models.commitments_model import BADGE_ROLE
from desktop.views.check_view import ReasonCard
from desktop.views.commitments_view import CommitmentsView
from desktop.windows.fulfilment_conflict import MERGE, MINE, STORED
from desktop.windows.fulfilment_dialog import SAVED, TOOK_STORED, FulfilmentDialog
from desktop.windows.main_window import MainWindow
from tests.credit.reports import pdftools
from tests.desktop import sample
from tests.desktop.conftest import PrintDialogStandIn

UNIT = "滑县市场监管局"  # the unit of the window fixture's operator
LEGACY = "91350203M0001QAY9B"  # a real register code whose 18th character is wrong
D = date.fromisoformat


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = str(tmp_path / "settings.ini")
    monkeypatch.setattr(settings, "settings", lambda: QSettings(path, QSettings.Format.IniFormat))


@pytest.fixture(autouse=True)
def builtin_calendar_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only chinese_calendar's years (to 2026), whatever an administrator added locally."""
    path = tmp_path / "holidays_local.json"
    path.write_text('{"years": {}}', encoding="utf-8")
    monkeypatch.setattr(workdays, "_default_path", lambda: path)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: seen.append(QUrl(url).toLocalFile()) or True)
    return seen


def on(day: str) -> Any:
    return lambda: D(day)


@pytest.fixture
def page(window: MainWindow) -> CommitmentsView:
    view = window.commitments_view
    view.today = view.form.today = on("2026-11-23")
    window.nav.setCurrentRow(2)
    assert window.pages.currentWidget() is view
    return view


def stored(desk: Desk) -> list[dict[str, Any]]:
    return cm.search(desk.store, "")


def fill_tolerant(page: CommitmentsView, made_on: str, days: int | None = None) -> None:
    form = page.form
    form.set_combo(form.type_combo, "容缺受理型")
    form.set_combo(form.matter_combo, "TOLERANT_ACCEPTANCE")
    form.reason_field.setText("申请容缺受理食品经营许可")
    form.materials_edit.setPlainText("场所平面图\n从业人员健康证明\n")
    form.made_on_edit.setDate(QDate(D(made_on).year, D(made_on).month, D(made_on).day))
    if days is not None:
        form.days_spin.setValue(days)


def register_core(desk: Desk, code: str, made_on: str, days: int, **over: Any) -> dict[str, Any]:
    args: dict[str, Any] = {
        "committer_name": "常州新北瑞丰贸易有限公司",
        "committer_category": "法人及非法人组织",
        "committer_code": code,
        "commitment_type": "容缺受理型",
        "reason": "申请食品经营许可",
        "made_on": D(made_on),
        "accepting_unit": UNIT,
        "publicity_type": "可向社会公开",
        "missing_materials": ["场所平面图"],
        "deadline_working_days": days,
    }
    args.update(over)
    return cm.register(desk.store, desk.operator, **args)


# -- registering --------------------------------------------------------------------------


def test_register_print_breach_and_a_later_tolerant_check_is_refused(
    qtbot: QtBot,
    window: MainWindow,
    page: CommitmentsView,
    gui_desk: Desk,
    opened: list[str],
    print_dialog: PrintDialogStandIn,
) -> None:
    """The brief's flow: 容缺受理 across the 2026 Spring Festival → letter → 全部未履行 → refused."""
    check = window.check_view
    window.nav.setCurrentRow(1)
    check.set_matter("TOLERANT_ACCEPTANCE")
    check.code_field.setText(sample.RUIFENG_TRADE)
    check.submit()
    assert check.result is not None and check.result.outcome.verdict == "pass"  # clean so far

    window.nav.setCurrentRow(0)
    with qtbot.waitSignal(window.profileShown, timeout=2000):
        window.open_profile(sample.RUIFENG_TRADE)
    window.nav.setCurrentRow(2)
    form = page.form
    assert form.name_field.text() == "常州新北瑞丰贸易有限公司"  # the entity open in 查询
    assert form.code_field.text() == sample.RUIFENG_TRADE
    assert form.category_combo.currentData() == "法人及非法人组织"
    assert form.unit_field.text() == UNIT  # the operator's unit
    assert not form.tolerant_box.isVisible()
    fill_tolerant(page, "2026-02-12")  # a Thursday
    assert form.tolerant_box.isVisible()
    assert form.days_spin.value() == 10  # the matter's template (commitment_templates.json)

    form.days_spin.setValue(2)  # Fri 02-13, Sat 02-14 (worked)
    assert form.deadline == D("2026-02-14") and "星期六，调休上班日" in form.deadline_label.text()
    form.days_spin.setValue(3)  # … then the holiday: Tue 02-24
    assert form.deadline == D("2026-02-24")
    form.days_spin.setValue(7)  # 02-13, 02-14, 02-24, 02-25, 02-26, 02-27, Sat 02-28 (worked)
    assert form.deadline == D("2026-02-28")
    assert form.deadline_label.text().startswith("应于 2026-02-28（星期六，调休上班日）前补齐")
    content = form.content_edit.toPlainText()
    assert "常州新北瑞丰贸易有限公司" in content and "2026-02-28" in content
    assert "场所平面图、从业人员健康证明" in content and "7个工作日" in content
    form.education_check.setChecked(True)

    form.register_button.click()
    assert page.register_stack.currentWidget() is page.done
    (row,) = stored(gui_desk)
    code = row["code"]
    assert code == "32041120260212000001"  # division 320411 + 2026-02-12 + serial 1
    assert code in page.done_banner.text() and code in page.done_detail.browser.toPlainText()
    assert (row["deadline"], row["missing_materials"]) == ("2026-02-28", ["场所平面图", "从业人员健康证明"])
    assert row["content"] == content and row["education_given"] == 1
    assert row["accepting_unit"] == UNIT and row["matter_code"] == "TOLERANT_ACCEPTANCE"
    with gui_desk.store.work.connect() as conn:
        assert [b.kind for b in conn.execute(sa.select(outbox.c.kind))] == ["check_record", "commitment"]
    assert "待上传 2 条" in window.status_label.text()

    page.done_detail.letter_button.click()
    pdf = gui_desk.store.data_dir / "reports" / f"信用承诺书-{code}.pdf"
    assert not opened and print_dialog.offers == [(pdf.stem, pdftools.page_count(pdf))]  # saved, offered
    assert str(pdf) in page.done_detail.letter_status.text()
    text = re.sub(r"\s+", "", pdftools.text(pdf))
    parts = ("信用承诺书", code, "常州新北瑞丰贸易有限公司", "容缺受理型", "2026-02-28", "场所平面图")
    assert all(part in text for part in parts), text
    assert all(embedded for _, embedded in pdftools.fonts(pdf))

    page.done_detail.fulfil_button.click()
    dialog = page.dialog
    assert isinstance(dialog, FulfilmentDialog) and dialog.isVisible() and dialog.base_version == 1
    assert code in dialog.summary.text() and "补齐期限 2026-02-28" in dialog.summary.text()
    assert not dialog.unmet_edit.isEnabled()
    dialog.set_status("全部未履行")
    assert dialog.unmet_edit.isEnabled() and dialog.breach_hint.isVisible()
    dialog.date_edit.setDate(QDate(2026, 3, 2))
    dialog.unmet_edit.setPlainText("逾期未补齐场所平面图、从业人员健康证明")
    dialog.pursued_edit.setPlainText("撤销容缺受理审批决定")
    dialog.save_button.click()
    assert dialog.outcome == SAVED and not dialog.isVisible()
    after = cm.get(gui_desk.store, code)
    assert after is not None
    assert (after["fulfilment"], after["determined_on"], after["version"]) == ("全部未履行", "2026-03-02", 2)
    assert (after["determining_unit"], after["liability_pursued"]) == (UNIT, "撤销容缺受理审批决定")
    assert "全部未履行" in page.done_detail.browser.toPlainText()

    window.nav.setCurrentRow(1)
    check.code_field.setText(sample.RUIFENG_TRADE)
    check.submit()
    assert check.result is not None and check.result.outcome.verdict == "restricted"
    assert check.banner.word.text() == "限制办理"
    cards = check.findChildren(ReasonCard)
    assert any(code in card.record.text() and "全部未履行" in card.record.text() for card in cards)

    window.nav.setCurrentRow(2)
    page.new_button.click()
    assert page.register_stack.currentWidget() is form
    assert form.reason_field.text() == "" and form.materials_edit.toPlainText() == ""
    assert form.name_field.text() == "常州新北瑞丰贸易有限公司"  # still the entity open in 查询


def test_core_errors_appear_beside_the_form_and_nothing_typed_is_lost(
    page: CommitmentsView, gui_desk: Desk
) -> None:
    form = page.form
    form.name_field.setText("常州新北瑞丰贸易有限公司")
    form.code_field.setText(sample.RUIFENG_TRADE)
    fill_tolerant(page, "2026-11-20", 5)
    form.reason_field.clear()
    form.register_button.click()
    assert form.error.isVisible() and form.error.text() == "请填写承诺事由。"
    assert form.reason_field.property("invalid") and form.reason_field.hasFocus()
    assert form.name_field.text() == "常州新北瑞丰贸易有限公司"
    assert form.materials() == ["场所平面图", "从业人员健康证明"] and form.days_spin.value() == 5

    form.reason_field.setText("申请食品经营许可")
    form.made_on_edit.setDate(QDate(2026, 12, 24))  # ten working days reach into 2027
    form.days_spin.setValue(10)
    assert form.deadline is None
    assert "2027年的法定节假日和调休安排尚未录入" in form.deadline_label.text()
    assert "不会自行推测" in form.deadline_label.text()
    assert "〔补齐期限〕" in form.content_edit.toPlainText()  # no guessed date in the text either
    form.register_button.click()
    assert "2027年的法定节假日和调休安排尚未录入" in form.error.text()
    assert form.days_spin.property("invalid") and not form.reason_field.property("invalid")
    assert form.reason_field.text() == "申请食品经营许可"
    assert stored(gui_desk) == []

    form.made_on_edit.setDate(QDate(2026, 11, 20))
    form.register_button.click()
    assert not form.error.isVisible() and not form.days_spin.property("invalid")
    # Fri 11-20 + 10: 11-23 … 11-27 and 11-30 … 12-04
    assert [r["deadline"] for r in stored(gui_desk)] == ["2026-12-04"]


def test_edited_texts_are_the_clerks_words(page: CommitmentsView, gui_desk: Desk) -> None:
    form = page.form
    form.name_field.setText("常州新北瑞丰贸易有限公司")
    form.code_field.setText(sample.RUIFENG_TRADE)
    form.set_combo(form.type_combo, "证明事项型")
    form.reason_field.setText("申请开具无违法证明")
    assert not form.content_reset.isVisible()
    form.content_edit.setPlainText("本单位承诺近三年无重大违法记录。")
    assert form.content_reset.isVisibleTo(form)
    form.name_field.setText("常州新北瑞丰贸易有限公司（总部）")
    assert form.content_edit.toPlainText() == "本单位承诺近三年无重大违法记录。"  # not overwritten
    assert form.auto_text == {"content": False, "liability": True}  # 违诺责任 still follows the template
    form.register_button.click()
    (row,) = stored(gui_desk)
    assert row["content"] == "本单位承诺近三年无重大违法记录。"
    assert row["liability"] == form.liability_edit.toPlainText() and "撤销" in row["liability"]

    page.new_button.click()
    form.content_edit.setPlainText("临时文字")
    form.reset_text("content")
    assert "〔承诺人名称〕" in form.content_edit.toPlainText() and not form.content_reset.isVisibleTo(form)


def test_checksum_failure_goes_through_the_recorded_override(
    window: MainWindow, page: CommitmentsView, gui_desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = page.form
    form.name_field.setText("厦门老码头贸易有限公司")
    form.code_field.setText(LEGACY)
    form.set_combo(form.type_combo, "审批替代型")
    form.reason_field.setText("申请食品经营许可")
    monkeypatch.setattr(window, "ask_checksum_override", lambda code: None)
    form.register_button.click()
    assert "校验位不符，未确认使用" in form.error.text() and form.code_field.property("invalid")
    assert stored(gui_desk) == []
    asked: list[str] = []
    monkeypatch.setattr(
        window, "ask_checksum_override", lambda code: asked.append(code) or "已核对营业执照原件"
    )
    form.register_button.click()
    assert asked == [LEGACY]
    (row,) = stored(gui_desk)
    assert row["committer_code"] == LEGACY and row["code"].startswith("350203")
    with gui_desk.store.work.connect() as conn:
        actions = [r.action for r in conn.execute(sa.select(audit_log.c.action).order_by(audit_log.c.seq))]
    assert actions == ["uscc_override", "commitment_register"]


# -- fulfilment and later checks ------------------------------------------------------------


def test_fulfilment_validation_stays_in_the_dialog(page: CommitmentsView, gui_desk: Desk) -> None:
    row = register_core(gui_desk, sample.RUIFENG_TRADE, "2026-11-02", 5)
    dialog = page.record_fulfilment(row["code"])
    assert dialog is not None
    dialog.save_button.click()
    assert "请选择履行状态" in dialog.error.text() and dialog.isVisible()
    dialog.set_status("部分履行")
    dialog.save_button.click()
    assert dialog.error.text() == "部分履行的承诺须写明未履行的内容。"
    assert dialog.unmet_edit.property("invalid") and dialog.isVisible()
    dialog.set_status("全部履行")
    dialog.date_edit.setDate(QDate(2026, 10, 1))  # before the commitment was made
    dialog.save_button.click()
    assert "早于承诺作出日期" in dialog.error.text() and dialog.date_edit.property("invalid")
    assert cm.get(gui_desk.store, row["code"])["version"] == 1  # type: ignore[index]


@pytest.mark.parametrize("resolution", [MINE, STORED, MERGE, None])
def test_version_conflict_shows_both_versions_and_each_resolution(
    page: CommitmentsView, gui_desk: Desk, resolution: str | None
) -> None:
    row = register_core(gui_desk, sample.RUIFENG_TRADE, "2026-11-02", 5)
    dialog = page.record_fulfilment(row["code"])
    assert dialog is not None and dialog.base_version == 1
    field = Operator("赵六", "滑县市场监督管理局城关所", "field-tablet")
    cm.record_fulfilment(  # meanwhile, in the field
        gui_desk.store,
        field,
        row["code"],
        fulfilment="全部履行",
        determined_on=D("2026-11-06"),
        determining_unit="滑县市场监督管理局城关所",
        base_version=1,
    )
    dialog.set_status("全部未履行")
    dialog.date_edit.setDate(QDate(2026, 11, 12))
    dialog.unmet_edit.setPlainText("逾期未补齐场所平面图")
    dialog.save_button.click()
    conflict = dialog.conflict
    assert conflict is not None and conflict.isVisible() and dialog.isVisible()
    assert "当前为第 2 版" in conflict.findChild(type(dialog.summary), "conflictReason").text()
    theirs, mine = conflict.cells["fulfilment"]
    assert (theirs.text(), mine.text()) == ("全部履行", "全部未履行")
    assert [c.text() for c in conflict.cells["determining_unit"]] == ["滑县市场监督管理局城关所", UNIT]
    assert [c.text() for c in conflict.cells["unmet_content"]] == ["（空）", "逾期未补齐场所平面图"]
    assert conflict.cells["liability_pursued"][0].text() == "（空）"
    assert "liability_pursued" not in conflict.groups  # the same on both sides: nothing to choose

    if resolution == MINE:
        conflict.keep_button.click()
        expected = ("全部未履行", "2026-11-12", UNIT, "逾期未补齐场所平面图", 3)
    elif resolution == STORED:
        conflict.take_button.click()
        expected = ("全部履行", "2026-11-06", "滑县市场监督管理局城关所", None, 2)
    elif resolution == MERGE:
        conflict.pick("determining_unit", STORED)
        conflict.pick("determined_on", STORED)
        conflict.merge_button.click()
        expected = ("全部未履行", "2026-11-06", "滑县市场监督管理局城关所", "逾期未补齐场所平面图", 3)
    else:
        conflict.reject()
        expected = ("全部履行", "2026-11-06", "滑县市场监督管理局城关所", None, 2)
    now = cm.get(gui_desk.store, row["code"])
    assert now is not None
    assert (
        now["fulfilment"],
        now["determined_on"],
        now["determining_unit"],
        now["unmet_content"],
        now["version"],
    ) == expected
    if resolution is None:
        assert dialog.isVisible() and "您的修改尚未保存" in dialog.error.text()
        assert dialog.status() == "全部未履行"  # the edit is still there
    else:
        assert not dialog.isVisible()
        assert dialog.outcome == (TOOK_STORED if resolution == STORED else SAVED)
        assert dialog.row is not None and dialog.row["version"] == expected[-1]


# -- due and overdue ------------------------------------------------------------------------


def test_due_and_overdue_for_a_fixed_day(page: CommitmentsView, gui_desk: Desk) -> None:
    trade, food = sample.RUIFENG_TRADE, sample.XINBEI_FOOD
    overdue = register_core(gui_desk, trade, "2026-11-02", 5)  # Mon + 5 → Mon 11-09
    today = register_core(gui_desk, food, "2026-11-13", 6)  # Fri + 6 → Mon 11-23
    soon = register_core(gui_desk, trade, "2026-11-20", 3)  # Fri + 3 → Wed 11-25
    later = register_core(gui_desk, trade, "2026-11-20", 10)  # → Fri 12-04, beyond 3 working days
    done = register_core(gui_desk, food, "2026-11-02", 5)
    register_core(gui_desk, trade, "2026-11-02", 5, accepting_unit="安阳市市场监督管理局")
    cm.record_fulfilment(
        gui_desk.store,
        gui_desk.operator,
        done["code"],
        fulfilment="全部履行",
        determined_on=D("2026-11-06"),
        determining_unit=UNIT,
        base_version=1,
    )
    page.tabs.setCurrentWidget(page.due_page)
    model = page.due.model
    assert [r["code"] for r in model.rows] == [overdue["code"], today["code"], soon["code"]]
    assert later["code"] not in [r["code"] for r in model.rows]
    badges = [model.index(n, 0).data(BADGE_ROLE)[0] for n in range(model.rowCount())]
    # 11-10 … 11-13, 11-16 … 11-20, 11-23: ten working days past 11-09; 11-24, 11-25: two left.
    assert badges == ["逾期 10 个工作日", "今日到期", "剩余 2 个工作日"]
    assert model.index(0, 4).data() == "场所平面图"
    title = page.due_title.text()
    assert UNIT in title and "2026-11-23" in title
    assert "已逾期 <b>1</b> 件" in title and "3 个工作日内到期 <b>2</b> 件" in title
    assert page.due.detail.row is not None and page.due.detail.row["code"] == overdue["code"]

    page.due.table.doubleClicked.emit(model.index(0, 1))  # open the overdue one to record it
    dialog = page.dialog
    assert dialog is not None and dialog.code == overdue["code"]
    dialog.set_status("全部履行")
    dialog.save_button.click()
    assert [r["code"] for r in page.due.model.rows] == [today["code"], soon["code"]]


def test_due_across_the_spring_festival_make_up_saturday(page: CommitmentsView, gui_desk: Desk) -> None:
    festive = register_core(gui_desk, sample.RUIFENG_TRADE, "2026-02-12", 7)  # → Sat 02-28
    assert festive["deadline"] == "2026-02-28"
    page.today = on("2026-02-26")
    page.tabs.setCurrentWidget(page.due_page)
    page.refresh_due()
    (row,) = page.due.model.rows
    assert row["working_days_left"] == 2  # Fri 02-27 and the worked Saturday 02-28
    page.today = on("2026-03-03")  # Tue: Mon 03-02 and Tue 03-03 have passed since
    page.refresh_due()
    (row,) = page.due.model.rows
    assert page.due.model.index(0, 0).data(BADGE_ROLE)[0] == "逾期 2 个工作日"


def test_due_list_says_when_there_is_nothing(page: CommitmentsView, gui_desk: Desk) -> None:
    register_core(gui_desk, sample.RUIFENG_TRADE, "2026-11-20", 10)  # due 12-04: not yet
    page.tabs.setCurrentWidget(page.due_page)
    assert page.due.stack.currentWidget() is page.due.empty
    assert "没有已逾期或 3 个工作日内到期的容缺受理承诺" in page.due.empty.text()
    assert "已逾期 <b>0</b> 件" in page.due_title.text()
    assert not page.due.detail.letter_button.isEnabled()


# -- finding any commitment, and the profile -----------------------------------------------


def test_search_by_code_committer_or_name(qtbot: QtBot, page: CommitmentsView, gui_desk: Desk) -> None:
    first = register_core(gui_desk, sample.RUIFENG_TRADE, "2026-11-02", 5)
    second = register_core(
        gui_desk, sample.XINBEI_FOOD, "2026-11-20", 5, committer_name="常州新北百味食品店（个人独资）"
    )
    person = register_core(
        gui_desk,
        "11010519491231002X",
        "2026-11-21",
        5,
        committer_name="王建国",
        committer_category="自然人",
    )
    page.tabs.setCurrentWidget(page.search_page)
    assert [r["code"] for r in page.found.model.rows] == [person["code"], second["code"], first["code"]]
    assert page.search_count.text() == "共 3 条"
    page.search_timer.setInterval(0)
    with qtbot.waitSignal(page.searched, timeout=2000):
        page.search_field.setText("百味食品店(个人")  # as typed: the debounced search follows
    assert [r["code"] for r in page.found.model.rows] == [second["code"]]
    assert page.found.detail.row is not None and page.found.detail.row["code"] == second["code"]
    page.search_field.setText("没有这家")
    page.search()
    assert page.found.stack.currentWidget() is page.found.empty
    assert "没有找到与“没有这家”" in page.found.empty.text()
    page.open_commitment(person["code"])
    assert page.found.detail.row is not None and page.found.detail.row["code"] == person["code"]
    text = page.found.detail.browser.toPlainText()
    assert "1101**********002X" in text and "11010519491231002X" not in text  # the ID number masked
    assert not page.found.detail.entity_button.isEnabled()  # a person has no credit profile here


def test_profile_lists_local_commitments_and_offers_fulfilment(
    qtbot: QtBot, window: MainWindow, page: CommitmentsView, gui_desk: Desk
) -> None:
    row = register_core(gui_desk, sample.RUIFENG_TRADE, "2026-11-02", 5)
    window.nav.setCurrentRow(0)
    with qtbot.waitSignal(window.profileShown, timeout=2000):
        window.open_profile(sample.RUIFENG_TRADE)
    html = window.profile_view.toHtml()
    assert row["code"] in html and "本机登记" in html and "待认定 · 补齐期限 2026-11-09" in html
    assert f"commitment:fulfil/{row['code']}" in html
    window.profile_view.anchorClicked.emit(QUrl(f"commitment:fulfil/{row['code']}"))
    dialog = page.dialog
    assert dialog is not None and dialog.code == row["code"]
    dialog.set_status("全部未履行")
    dialog.unmet_edit.setPlainText("逾期未补齐")
    with qtbot.waitSignal(window.profileShown, timeout=2000):
        dialog.save_button.click()
    html = window.profile_view.toHtml()
    assert "全部未履行（2026-11-23 认定）" in html and f"commitment:fulfil/{row['code']}" not in html

    window.profile_view.anchorClicked.emit(QUrl(f"commitment:open/{row['code']}"))
    assert window.pages.currentWidget() is page and page.tabs.currentWidget() is page.search_page
    assert page.found.detail.row is not None and page.found.detail.row["code"] == row["code"]
    page.found.detail.entity_button.click()
    assert window.nav.currentRow() == 0 and window.profile_view.profile is not None
    assert window.profile_view.profile.uscc == sample.RUIFENG_TRADE


def test_nav_offers_the_commitments_page(window: MainWindow) -> None:
    item = window.nav.item(2)
    assert item.text() == "信用承诺" and item.flags() & Qt.ItemFlag.ItemIsEnabled
    window.nav.setCurrentRow(2)
    assert window.pages.currentWidget() is window.commitments_view
    with window.desk.store.work.connect() as conn:  # type: ignore[union-attr]
        assert conn.execute(sa.select(sa.func.count()).select_from(commitment)).scalar_one() == 0
