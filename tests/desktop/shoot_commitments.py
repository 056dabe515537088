"""Screenshots of the window check, the batch check and the 信用承诺 page for the docs, on a
fresh demo store.

Builds a small deterministic demo cache in a temporary directory (the demo operator, 滑县),
drives the real main window offscreen and saves window-check.png, batch-check.png,
commitment-form.png, commitment-conflict.png and commitments-due.png (and the check report's and
the letter's PDF rendered as PNGs)::

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.desktop.shoot_commitments docs/screenshots
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from PySide6.QtCore import QDate, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QDesktopServices, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from credit import commitments as cm
from credit.demo import build_demo
from credit.desk import Desk
from credit.operator import Operator
from credit.store.tables import entity, list_entry
from desktop.app import make_application
from desktop.ops import ImmediateRunner
from desktop.windows.main_window import MainWindow

TODAY = date(2026, 11, 23)  # the due view's "today": a Monday after the demo data's as-of


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def over(window: QWidget, dialog: QWidget) -> QPixmap:
    """The window with a dialog drawn on top, centred, with a plain title bar (offscreen Qt
    draws no window frames)."""
    shot = window.grab()
    top = dialog.grab()
    bar = dialog.fontMetrics().height() + 12
    painter = QPainter(shot)
    painter.fillRect(shot.rect(), QColor(0, 0, 0, 70))
    at = QPoint((shot.width() - top.width()) // 2, (shot.height() - top.height() + bar) // 2)
    frame = QRect(at.x(), at.y() - bar, top.width(), top.height() + bar)
    painter.fillRect(frame.translated(5, 5), QColor(0, 0, 0, 80))
    painter.fillRect(QRect(frame.topLeft(), QSize(frame.width(), bar)), QColor("#dcdcdc"))
    painter.setPen(QColor("#1a1a1a"))
    painter.setFont(dialog.font())
    painter.drawText(
        QRect(frame.left() + 10, frame.top(), frame.width() - 20, bar),
        int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
        dialog.windowTitle(),
    )
    painter.drawPixmap(at, top)
    painter.end()
    return shot


def pick(desk: Desk) -> dict[str, list[tuple[str, str]]]:
    """Demo entities to check: some on lists, some clean (code, name)."""
    with desk.store.cache.connect() as conn:
        listed = conn.execute(
            sa.select(entity.c.uscc, entity.c.name, list_entry.c.list_type)
            .join(list_entry, list_entry.c.uscc == entity.c.uscc)
            .where(list_entry.c.removed_on.is_(None))
            .order_by(entity.c.uscc)
        ).all()
        clean = conn.execute(
            sa.select(entity.c.uscc, entity.c.name)
            .where(entity.c.status == "存续", entity.c.grade.in_(["A", "B"]))
            .where(entity.c.division_code == "410526")
            .order_by(entity.c.uscc)
            .limit(40)
        ).all()
    kinds: dict[str, list[tuple[str, str]]] = {"clean": [(r.uscc, r.name) for r in clean]}
    for r in listed:
        kinds.setdefault(r.list_type, []).append((r.uscc, r.name))
    return kinds


def shoot(out: Path) -> None:
    app = make_application()
    QDesktopServices.openUrl = lambda url: True  # type: ignore[method-assign,assignment]  # no viewers
    work = Path(tempfile.mkdtemp(prefix="creditdesk-shots-"))
    try:
        data = work / "data"
        Operator.write_demo(data)
        desk = Desk.open(data, "screenshots only")
        build_demo(desk.store, 3000)
        window = MainWindow(ImmediateRunner(), desk)
        window.resize(1360, 860)
        window.show()
        settle(app)
        out.mkdir(parents=True, exist_ok=True)
        kinds = pick(desk)
        _check(app, window, kinds, work, out)
        _batch(app, window, kinds, work, out)
        _form(app, window, kinds, out)
        _due(app, window, desk, kinds, out)
        _conflict(app, window, desk, kinds, out)
        _letter(desk, work, out)
        window.close()
        desk.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _check(app: QApplication, window: MainWindow, kinds: dict, work: Path, out: Path) -> None:
    """A check that prohibits (a serious listing) and its report's first page."""
    from credit.reports.check_report import build_check_report

    window.nav.setCurrentRow(1)
    check = window.check_view
    check.set_matter("HONOURS")
    check.code_field.setText(kinds["serious"][0][0])
    check.submit()
    settle(app)
    assert check.result is not None and check.result.outcome.fired
    window.grab().save(str(out / "window-check.png"))
    pdf = work / "report.pdf"
    build_check_report(check.result.report, pdf)
    png = out / "check-report"
    first_page = ["-f", "1", "-l", "1", "-singlefile"]
    subprocess.run(["pdftoppm", "-png", "-r", "80", *first_page, str(pdf), str(png)], check=True)


def _batch(app: QApplication, window: MainWindow, kinds: dict, work: Path, out: Path) -> None:
    rows = [[name, code] for code, name in kinds["clean"][:18]]
    rows[3:3] = [[name, code] for code, name in kinds["serious"][:2]]
    rows[8:8] = [[name, code] for code, name in kinds["watch"][:2]]
    rows[12:12] = [[kinds["judgment_debtor"][0][1], kinds["judgment_debtor"][0][0]]]
    rows[5:5] = [["某某建材商行", "9141052MA4"]]
    rows[10:10] = [["厦门老码头贸易有限公司", "91350203M0001QAY9B"]]
    rows[15:15] = [["外地投标单位", "91110108MA01ABCD5T"]]
    rows[17:17] = [rows[1]]
    folder = work / "下载"
    folder.mkdir()
    path = folder / "2026年第12批投标人名单.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["投标人名称", "统一社会信用代码"])
        writer.writerows(rows)
    window.nav.setCurrentRow(1)
    check = window.check_view
    check.tabs.setCurrentWidget(check.batch)
    check.batch.set_file(path)
    check.batch.set_matter("GOV_PROCUREMENT")
    check.batch.start()
    check.batch.export("xlsx")
    settle(app)
    window.grab().save(str(out / "batch-check.png"))


def _form(app: QApplication, window: MainWindow, kinds: dict, out: Path) -> None:
    code = kinds["clean"][0][0]
    window.nav.setCurrentRow(0)
    window.open_profile(code)
    window.nav.setCurrentRow(2)
    page = window.commitments_view
    form = page.form
    form.set_combo(form.type_combo, "容缺受理型")
    form.set_combo(form.matter_combo, "FOOD_LICENCE")
    form.reason_field.setText("申请食品经营许可")
    form.materials_edit.setPlainText("经营场所平面布局图\n从业人员健康证明")
    form.made_on_edit.setDate(QDate(2026, 2, 12))
    form.days_spin.setValue(7)
    form.education_check.setChecked(True)
    settle(app)
    window.grab().save(str(out / "commitment-form.png"))
    form.register_button.click()
    settle(app)
    window.grab().save(str(out / "commitment-registered.png"))


def _due(app: QApplication, window: MainWindow, desk: Desk, kinds: dict, out: Path) -> None:
    page = window.commitments_view
    page.today = page.form.today = lambda: TODAY
    unit = desk.operator.unit
    plan = [("2026-11-02", 5), ("2026-11-05", 6), ("2026-11-13", 6), ("2026-11-19", 3), ("2026-11-20", 3)]
    materials = [
        ["场所平面图"],
        ["从业人员健康证明", "食品安全管理制度"],
        ["消防验收意见书"],
        ["房屋租赁合同"],
        ["场所平面图"],
    ]
    for (made, days), (code, name), need in zip(plan, kinds["clean"][1:], materials, strict=False):
        cm.register(
            desk.store,
            desk.operator,
            committer_name=name,
            committer_category="个体工商户" if code.startswith("92") else "法人及非法人组织",
            committer_code=code,
            commitment_type="容缺受理型",
            reason="申请食品经营许可（容缺受理）",
            matter_code="FOOD_LICENCE",
            made_on=date.fromisoformat(made),
            accepting_unit=unit,
            publicity_type="可向社会公开",
            missing_materials=need,
            deadline_working_days=days,
        )
    page.new_commitment()
    page.tabs.setCurrentWidget(page.due_page)
    page.due.table.selectRow(0)
    settle(app)
    window.grab().save(str(out / "commitments-due.png"))


def _conflict(app: QApplication, window: MainWindow, desk: Desk, kinds: dict, out: Path) -> None:
    page = window.commitments_view
    row = page.due.model.rows[1]
    dialog = page.record_fulfilment(row["code"])
    assert dialog is not None
    field = Operator("赵六", "滑县市场监督管理局城关市场监管所", "field-tablet")
    cm.record_fulfilment(
        desk.store,
        field,
        row["code"],
        fulfilment="部分履行",
        determined_on=date(2026, 11, 20),
        determining_unit="滑县市场监督管理局城关市场监管所",
        unmet_content="食品安全管理制度未补齐",
        base_version=1,
    )
    dialog.set_status("全部未履行")
    dialog.date_edit.setDate(QDate(2026, 11, 20))
    dialog.unmet_edit.setPlainText("逾期未补齐从业人员健康证明、食品安全管理制度")
    dialog.pursued_edit.setPlainText("撤销容缺受理的审批决定，记入信用记录")
    dialog.save_button.click()
    settle(app)
    assert dialog.conflict is not None
    dialog.conflict.adjustSize()
    settle(app)
    over(window, dialog.conflict).save(str(out / "commitment-conflict.png"))
    dialog.conflict.reject()
    dialog.adjustSize()
    settle(app)
    over(window, dialog).save(str(out / "fulfilment-dialog.png"))
    dialog.reject()
    window.nav.setCurrentRow(0)
    window.open_profile(row["committer_code"])
    window.profile_view.scrollToAnchor("commitments")
    settle(app)
    window.grab().save(str(out / "profile-commitments.png"))


def _letter(desk: Desk, work: Path, out: Path) -> None:
    (row,) = [r for r in cm.search(desk.store, "") if r["made_on"] == "2026-02-12"]
    pdf = work / "letter.pdf"
    from credit.reports.commitment_letter import build_commitment_letter

    build_commitment_letter(cm.letter_data(row), pdf)
    png = out / "commitment-letter"
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", str(pdf), str(png)], check=True)
    print(f"letter rendered: {out / 'commitment-letter.png'}")


if __name__ == "__main__":
    shoot(Path(sys.argv[1]))
