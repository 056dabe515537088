"""The 窗口核查 page: inputs, verdict and reasons, overrides, errors, the report and the audit."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from credit.desk import Desk
from credit.domain.catalogs import load_catalog
from credit.domain.uscc import complete
from credit.store.loader import upsert_entities
from credit.store.tables import check_record
from desktop import settings
from desktop.views.check_view import CheckView, ReasonCard
from desktop.windows.main_window import MainWindow
from tests.credit.reports import pdftools
from tests.desktop import sample
from tests.desktop.conftest import PrintDialogStandIn

LEGACY = "91350203M0001QAY9B"  # a real register code whose 18th character is wrong


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The remembered matter goes to a file of this test, not the user's settings."""
    path = str(tmp_path / "settings.ini")
    monkeypatch.setattr(settings, "settings", lambda: QSettings(path, QSettings.Format.IniFormat))


@pytest.fixture
def page(window: MainWindow) -> Iterator[CheckView]:
    window.nav.setCurrentRow(1)
    yield window.check_view


def actions(desk: Desk) -> list[str]:
    return [str(r["action"]) for r in desk.audit_recent(1000)]


def check(page: CheckView, text: str, matter: str = "TOLERANT_ACCEPTANCE") -> None:
    page.set_matter(matter)
    page.code_field.setText(text)
    page.submit()


def reason_cards(page: CheckView) -> list[ReasonCard]:
    return page.findChildren(ReasonCard)


def test_page_is_reachable_and_matters_come_from_the_catalog(window: MainWindow, page: CheckView) -> None:
    assert window.nav.item(1).flags() & Qt.ItemFlag.ItemIsEnabled
    assert window.pages.currentWidget() is page
    matters = load_catalog().matters
    combo = page.matter_combo
    assert [combo.itemData(i) for i in range(combo.count())] == list(matters)
    tolerant = combo.findData("TOLERANT_ACCEPTANCE")
    assert combo.itemText(tolerant) == f"{matters['TOLERANT_ACCEPTANCE'].name}（TOLERANT_ACCEPTANCE）"
    assert page.code_field.hasFocus()


def test_restrictive_verdict_shows_the_reasons(window: MainWindow, page: CheckView, gui_desk: Desk) -> None:
    check(page, sample.RUIFENG)
    assert page.result is not None and page.result.outcome.verdict == "restricted"
    assert page.banner.word.text() == "限制办理"
    assert "常州新北瑞丰精密机械有限公司" in page.banner.subject.text()
    cards = reason_cards(page)
    assert [c.title.text() for c in cards] == [f.name for f in page.result.outcome.fired]
    assert "严重违法失信名单" in cards[0].record.text()
    assert cards[0].until.text().startswith("期限至 2029-06-01")
    assert "国办发〔2019〕35号" in cards[0].basis.text()
    assert "2026-11-21 18:02" in page.meta.text()
    assert page.result.verification_code in page.verification.text()
    assert page.details.isVisible() and not page.message.isVisible()
    assert actions(gui_desk).count("window_check") == 1
    assert "待上传 1 条" in window.status_label.text()  # the check waits to be uploaded


def test_clean_entity_passes(page: CheckView, gui_desk: Desk) -> None:
    page.education.setChecked(True)
    check(page, sample.RUIFENG_TRADE)
    with gui_desk.store.work.connect() as conn:
        assert conn.execute(sa.select(check_record.c.education_given)).scalar_one() == 1
    assert not page.education.isChecked()  # confirmed per check, not carried to the next applicant
    assert page.banner.word.text() == "通过"
    assert reason_cards(page) == []
    assert "未发现" in page.reasons_title.text()


def test_enter_checks_and_a_scanned_qr_url_gives_the_code(qtbot: QtBot, page: CheckView) -> None:
    page.set_matter("TOLERANT_ACCEPTANCE")
    page.focus_field()
    qtbot.keyClicks(page.code_field, f"https://www.gsxt.gov.cn/index.html?uniscid={sample.RUIFENG_TRADE}")
    qtbot.keyClick(page.code_field, Qt.Key.Key_Return)
    assert page.code_field.text() == sample.RUIFENG_TRADE
    assert page.result is not None and page.result.outcome.uscc == sample.RUIFENG_TRADE


def test_matter_choice_is_remembered(window: MainWindow, page: CheckView) -> None:
    page.set_matter("HONOURS")
    page.set_matters(page.matters)  # as when the page is built again
    assert page.current_matter() == "HONOURS"


def test_entity_open_in_search_fills_the_code(qtbot: QtBot, window: MainWindow) -> None:
    assert not window.check_view.use_open_button.isEnabled()
    with qtbot.waitSignal(window.profileShown, timeout=2000):
        window.open_profile(sample.RUIFENG)
    window.nav.setCurrentRow(1)
    page = window.check_view
    assert page.use_open_button.isEnabled()
    page.use_open_button.click()
    assert page.code_field.text() == sample.RUIFENG


def test_checksum_failure_asks_and_records_the_override(
    window: MainWindow, page: CheckView, gui_desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    with gui_desk.store.write_cache() as conn:
        upsert_entities(conn, [{"uscc": LEGACY, "name": "厦门老码头贸易有限公司"}])
    asked: list[str] = []
    monkeypatch.setattr(window, "ask_checksum_override", lambda code: asked.append(code) or "已核对原件")
    check(page, LEGACY)
    assert asked == [LEGACY]
    assert page.result is not None and page.result.outcome.uscc == LEGACY
    recorded = actions(gui_desk)
    assert recorded.count("uscc_override") == 1 and recorded.count("window_check") == 1


def test_declined_override_records_nothing(
    window: MainWindow, page: CheckView, gui_desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(window, "ask_checksum_override", lambda code: None)
    check(page, LEGACY)
    assert page.result is None and "校验位不符" in page.message.text()
    assert "window_check" not in actions(gui_desk) and "uscc_override" not in actions(gui_desk)


def test_unknown_code_says_so_in_chinese_and_records_nothing(page: CheckView, gui_desk: Desk) -> None:
    missing = complete("91110000MA00AAAA")
    check(page, missing)
    assert page.result is None and not page.details.isVisible()
    assert page.message.isVisible() and "本地数据中没有代码为" in page.message.text()
    assert "window_check" not in actions(gui_desk)


def test_report_is_written_and_offered_for_printing(
    page: CheckView,
    gui_desk: Desk,
    monkeypatch: pytest.MonkeyPatch,
    print_dialog: PrintDialogStandIn,
    tmp_path: Path,
) -> None:
    """One action: the PDF is saved (its path and folder shown) and the print dialog offered."""
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    check(page, sample.RUIFENG)
    page.print_button.click()
    reports = list((gui_desk.store.data_dir / "reports").glob(f"信用核查报告-{sample.RUIFENG}-*.pdf"))
    assert len(reports) == 1 and not opened  # no viewer: the print dialog instead
    assert print_dialog.offers == [(reports[0].stem, pdftools.page_count(reports[0]))]
    assert str(reports[0]) in page.report_status.text() and "打开文件夹" in page.report_status.text()
    assert "未打印（PDF 已保存）" in page.report_status.text()  # closed without printing
    printed = tmp_path / "printed.pdf"
    print_dialog.print_to(printed, page_range=(1, 1))
    page.print_button.click()
    assert pdftools.page_count(printed) == 1 and "已发送到打印机" in page.report_status.text()
    text = subprocess.run(["pdftotext", str(reports[0]), "-"], capture_output=True, text=True, check=True)
    assert "常州新北瑞丰精密机械有限公司" in text.stdout
