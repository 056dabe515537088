"""Search as you type in the main window, driven from the keyboard as a clerk would."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from credit.domain.lists import FLAG_LABELS
from desktop.models.results_model import CHIPS_ROLE, FLAGS, GRADE, NAME
from desktop.windows.main_window import MainWindow
from tests.desktop import sample


def type_text(widget: QWidget, text: str) -> None:
    """Key presses carrying text, one per character (QTest.keyClicks only knows ASCII)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def type_query(qtbot: QtBot, window: MainWindow, text: str) -> None:
    with qtbot.waitSignal(window.search.resultsShown, timeout=2000):
        type_text(window.search.field, text)


def names(window: MainWindow) -> list[str]:
    return [hit.name for hit in window.search.model.hits]


def test_typing_shows_results_with_name_and_grade(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "瑞丰")
    model = window.search.model
    assert "常州新北瑞丰精密机械有限公司" in names(window)
    row = names(window).index("常州新北瑞丰精密机械有限公司")
    assert model.index(row, NAME).data() == "常州新北瑞丰精密机械有限公司"
    assert model.index(row, GRADE).data() == "C"
    assert FLAG_LABELS["serious"] in model.index(row, FLAGS).data(CHIPS_ROLE)
    assert window.search.notes.text() == "找到 3 个主体"


def test_enter_opens_best_hit_with_sections_in_order_and_masked_id(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "瑞丰精密")
    with qtbot.waitSignal(window.profileShown, timeout=2000):
        qtbot.keyClick(window.search.field, Qt.Key.Key_Return)
    profile = window.profile_view.profile
    assert profile is not None and profile.uscc == sample.RUIFENG
    html = window.profile_view.toHtml()
    positions = [html.find(section.title) for section in profile.sections]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)
    text = window.profile_view.toPlainText()
    assert "3204**********1234" in text and sample.LEGAL_REP_ID not in text
    assert "公示中，至 2099-05-01" in text
    assert "<b>压力表</b>" in text  # data is escaped, never interpreted as markup
    assert "数据截至 2026-11-21 18:02" in text


def test_pinyin_initials(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "czxbrf")
    assert set(names(window)) >= {"常州新北瑞丰精密机械有限公司", "常州新北瑞丰贸易有限公司"}


def test_uscc_searches_at_once_without_waiting(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.search.resultsShown, timeout=2000):
        window.search.field.setText(sample.RUIFENG_TRADE)
    assert names(window) == ["常州新北瑞丰贸易有限公司"]


def test_uscc_prefix_and_unknown_code(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "91320411MA1")
    assert {h.uscc for h in window.search.model.hits} == {
        sample.RUIFENG,
        sample.RUIFENG_TRADE,
        sample.XINBEI_FOOD,
    }
    window.search.field.clear()
    unknown = sample.complete("91320411MA99TE7T")
    with qtbot.waitSignal(window.search.resultsShown, timeout=2000):
        window.search.field.setText(unknown)
    assert names(window) == []
    assert f"本地数据中没有代码为 {unknown} 的主体" in window.search.notes.text()


def test_scanned_licence_qr_url_then_enter_opens_profile(qtbot: QtBot, window: MainWindow) -> None:
    url = f"https://www.gsxt.gov.cn/index.html?uniscid={sample.RUIFENG}&type=1"
    type_text(window.search.field, url)
    with qtbot.waitSignal(window.profileShown, timeout=2000):
        qtbot.keyClick(window.search.field, Qt.Key.Key_Return)
    assert window.profile_view.profile is not None
    assert window.profile_view.profile.uscc == sample.RUIFENG
    assert "识别出统一社会信用代码" in window.search.notes.text()


def test_deregistered_ranked_last_and_greyed(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "瑞丰")
    hits = window.search.model.hits
    assert hits[-1].uscc == sample.RUIFENG_HOTEL and not hits[-1].active
    assert all(h.active for h in hits[:-1])
    last = len(hits) - 1
    model = window.search.model
    assert model.index(last, NAME).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(0, NAME).data(Qt.ItemDataRole.ForegroundRole) is None
    assert "已注销" in model.index(last, FLAGS).data(CHIPS_ROLE)


def test_arrows_move_and_enter_opens_selected_row_escape_clears(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "瑞丰")
    field = window.search.field
    qtbot.keyClick(field, Qt.Key.Key_Down)
    qtbot.keyClick(field, Qt.Key.Key_Down)
    assert window.search.table.currentIndex().row() == 2
    qtbot.keyClick(field, Qt.Key.Key_Up)
    second = window.search.model.hits[1]
    with qtbot.waitSignal(window.profileShown, timeout=2000):
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.profile_view.profile is not None
    assert window.profile_view.profile.uscc == second.uscc
    assert field.hasFocus()  # the next scan goes straight into the box
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert field.text() == "" and window.search.model.rowCount() == 0


def test_enter_on_a_row_opens_it(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "瑞丰")
    table = window.search.table
    table.setFocus()
    table.selectRow(1)
    with qtbot.waitSignal(window.profileShown, timeout=2000):
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.profile_view.profile is not None
    assert window.profile_view.profile.uscc == window.search.model.hits[1].uscc


def test_ctrl_k_returns_to_search(qtbot: QtBot, window: MainWindow) -> None:
    window.search.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.search.field.hasFocus()


def test_stale_results_are_dropped(qtbot: QtBot, window: MainWindow) -> None:
    """An older query answering after a newer one must not replace it."""
    pane = window.search
    pane.field.setText("瑞丰")
    qtbot.waitUntil(lambda: pane.result is not None and pane.result.query == "瑞丰")
    late = pane.result
    assert late is not None
    pane.field.setText("滑县")
    qtbot.waitUntil(lambda: pane.result is not None and pane.result.query == "滑县")
    pane._on_result(pane._seq - 1, late)  # the late answer of the earlier query
    assert names(window) == ["滑县老街便民超市"]


def test_nav_lists_the_jobs_each_with_its_page(window: MainWindow) -> None:
    items = [window.nav.item(i) for i in range(window.nav.count())]
    assert [i.text() for i in items] == ["查询", "窗口核查", "信用承诺", "检查任务", "同步"]
    pages = {window.pages.widget(i) for i in range(window.pages.count())}
    assert len(pages) == len(items)  # five distinct pages, none a placeholder
    for row, item in enumerate(items):
        assert item.flags() & Qt.ItemFlag.ItemIsEnabled
        window.nav.setCurrentRow(row)
        assert window.pages.currentIndex() == row


def test_header_and_status_bar(window: MainWindow) -> None:
    assert window.windowTitle() == "CreditDesk 信用监管工作台"
    assert window.search.field.placeholderText() == "输入统一社会信用代码、名称或拼音首字母…"
    assert window.operator_button.text() == "张三 · 滑县市场监管局"
    assert window.status_label.text() == (
        "本地数据 5 户 · 截至 2026-11-21 18:02 · 待上传 0 条 · 已加密（系统钥匙串）"
    )


def test_typing_on_the_results_goes_back_to_the_search_field(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "瑞丰")
    window.search.table.setFocus()
    qtbot.keyClicks(window.search.table, "x")
    assert window.search.field.hasFocus() and window.search.field.text().endswith("x")


class HeldRunner:
    """Holds each job until the test releases it: a search that is still running."""

    def __init__(self) -> None:
        self.held: list[tuple[object, object]] = []
        self.queries: list[str] = []

    def run(self, fn, *, on_done, on_error=None, on_progress=None, on_cancelled=None):  # type: ignore[no-untyped-def]
        from desktop.ops import Task

        task = Task(on_done, on_error or (lambda exc: None), on_progress, on_cancelled, direct=True)
        self.held.append((fn, task))
        return task

    def release(self) -> None:
        fn, task = self.held.pop(0)
        task._deliver_done(fn(task))  # type: ignore[operator, attr-defined]


def test_keystrokes_during_a_search_are_coalesced_into_one(qtbot: QtBot, gui_desk) -> None:  # type: ignore[no-untyped-def]
    from desktop.views.search_view import SearchPane

    runner = HeldRunner()
    pane = SearchPane(runner, gui_desk)  # type: ignore[arg-type]
    qtbot.addWidget(pane)
    started: list[str] = []
    pane.searchStarted.connect(started.append)
    type_text(pane.field, "瑞")
    assert started == ["瑞"]  # the first keystroke searches at once, no pause
    type_text(pane.field, "丰精密")  # typed while that search runs: nothing new started yet
    assert started == ["瑞"]
    runner.release()  # the first search returns and is shown …
    assert pane.result is not None and pane.result.query == "瑞"
    assert started == ["瑞", "瑞丰精密"]  # … and one search of the newest text follows
    runner.release()
    assert [h.name for h in pane.model.hits] == ["常州新北瑞丰精密机械有限公司"]
    assert not runner.held
