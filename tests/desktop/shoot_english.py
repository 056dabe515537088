"""Screenshots of the English UI, from a demo data directory, to look at clipped or odd text.

The real window with the threaded runner and the English translation (as ``CREDITDESK_LANG=en``
starts it): a profile in 查询, a restrictive verdict in 窗口核查, the commitment form and the due
list, the task list, the inspection form (filled, not finalised), the orders and the sync page::

    CREDITDESK_LANG=en CREDITDESK_PASSPHRASE=… QT_QPA_PLATFORM=offscreen .venv/bin/python -m \\
        tests.desktop.shoot_english var/demo docs/screenshots
"""

from __future__ import annotations

import csv
import sys
from datetime import date, timedelta
from pathlib import Path

from credit import commitments as cm
from credit.desk import Desk
from credit.inspections.config import load_config
from credit.operator import Operator
from credit.paths import resource
from desktop import settings
from desktop.app import make_application
from desktop.ops import Runner
from desktop.views.inspections.inspection_form import InspectionForm
from desktop.windows.main_window import MainWindow
from tests.desktop.shoot_inspections import SEED, fill_sample, grab, overdue_order, wait

PROFILE = "91320411MAP2135K30"  # D, a penalty under publicity, abnormal operations, a serious listing
CHECKED = "91320411MAP2135K30"
MATTER = "TOLERANT_ACCEPTANCE"
#: A bidder list as a clerk gets it: clean and listed entities, a typo, a bad check character,
#: a code from elsewhere and a repeated row.
BATCH = [
    ("常州新北兴达百货有限公司", PROFILE), ("兴达家政服务（常州）有限公司", "91320481MAA9JATB9M"),
    ("某某建材商行", "9141052MA4"), ("兰州兴达五金机电有限责任公司", "91620102MAJ9E1HQXN"),
    ("厦门老码头贸易有限公司", "91350203M0001QAY9B"), ("常州天宁兴达检测技术有限公司", "91320402MAUE288H7X"),
    ("外地投标单位", "91110108MA01ABCD5T"), ("江苏兴达阳超市有限公司", "91320411MA8U9EXJ12"),
    ("兴达家政服务（常州）有限公司", "91320481MAA9JATB9M"),
]  # fmt: skip


def due_commitments(desk: Desk) -> None:
    """Two 容缺受理 commitments of the unit: one overdue, one due within the reminder window."""
    today = date.today()
    for made_on, days, (name, code) in ((today - timedelta(14), 3, BATCH[1]), (today, 2, BATCH[3])):
        cm.register(
            desk.store, desk.operator, committer_name=name, committer_category="法人及非法人组织",
            committer_code=code, commitment_type="容缺受理型", reason="申请食品经营许可",
            made_on=made_on, accepting_unit=desk.operator.unit, publicity_type="可向社会公开",
            missing_materials=["场所平面图", "从业人员健康证明"], deadline_working_days=days,
            matter_code=MATTER,
        )  # fmt: skip


def shoot(data_dir: Path, out: Path) -> None:
    lang = "en" if settings.language() == "en" else "zh"  # CREDITDESK_LANG=en; else the Chinese, to compare
    _app = make_application()  # installs the English translation; kept alive for the whole run
    out.mkdir(parents=True, exist_ok=True)
    work = out / ".work"
    work.mkdir(exist_ok=True)
    Operator.write_demo(data_dir)  # the demo desk's operator, as `make run` has it
    desk = Desk.open(data_dir)
    service = desk.inspections
    if not service.plans():
        config_file = resource("demo", "plan_config.json")
        config, roster = load_config(config_file, service.catalog, desk.operator.unit)
        service.draw(config, roster, SEED)
    if not service.orders():
        plan = service.plan(service.plans()[0]["id"])
        assert plan is not None
        overdue_order(service, plan)
    if not cm.search(desk.store, ""):
        due_commitments(desk)
    runner = Runner()
    window = MainWindow(runner, desk)
    window.resize(1360, 860)
    window.show()

    search = window.search
    search.field.setText("兴达")
    wait(until=lambda: search.model.rowCount() > 0)
    row = next(r for r in range(search.model.rowCount()) if search.model.hit(r).uscc == PROFILE)
    search.move_selection(row)  # as the arrow keys do, then Enter
    search.submit()
    wait(until=lambda: PROFILE in window.profile_view.toPlainText())
    wait(400)
    grab(window, out / f"main-window-{lang}.png")
    window.profile_view.scrollToAnchor("penalties")
    wait(300)
    grab(window, out / f"profile-penalties-{lang}.png")

    window.nav.setCurrentRow(1)
    check = window.check_view
    wait(until=lambda: check.matter_combo.count() > 0)
    check.set_matter(MATTER)
    check.code_field.setText(CHECKED)
    check.submit()
    wait(until=lambda: check.result is not None)
    wait(400)
    grab(window, out / f"window-check-{lang}.png")
    batch_file = work / "bidders.csv"
    with batch_file.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["投标人名称", "统一社会信用代码"])
        writer.writerows(BATCH)
    check.tabs.setCurrentWidget(check.batch)
    check.batch.set_file(batch_file)
    check.batch.set_matter("GOV_PROCUREMENT")
    check.batch.start()
    wait(until=lambda: check.batch.model.rowCount() > 0)
    wait(600)
    grab(window, out / f"batch-check-{lang}.png")

    window.nav.setCurrentRow(2)
    commitments = window.commitments_view
    wait(until=lambda: commitments.form.data is not None)
    form = commitments.form
    form.set_combo(form.type_combo, "容缺受理型")
    form.set_combo(form.matter_combo, MATTER)
    form.name_field.setText("常州新北兴达百货有限公司")
    form.code_field.setText(PROFILE)
    form.reason_field.setText("申请食品经营许可")
    form.materials_edit.setPlainText("场所平面图\n从业人员健康证明")
    wait(400)
    grab(window, out / f"commitment-form-{lang}.png")
    commitments.tabs.setCurrentIndex(1)
    wait(600)
    grab(window, out / f"commitments-due-{lang}.png")

    view = window.inspections_view
    window.nav.setCurrentRow(3)
    wait(until=lambda: view.model.rowCount() > 0)
    first = next(r for r in view.model.rows if r.status == "todo" and r.grade == "C")
    view.select_task(first.id)
    wait(800)
    grab(window, out / f"inspection-tasks-{lang}.png")
    view.inspect_selected()
    wait(until=lambda: any(isinstance(f, InspectionForm) for f in view.forms))
    inspection = next(f for f in view.forms if isinstance(f, InspectionForm))
    fill_sample(inspection, work / "shopfront.jpg")
    grab(inspection, out / f"inspection-form-{lang}.png")
    inspection.close()
    view.tabs.setCurrentIndex(1)
    view.orders.table.selectRow(0)
    wait(500)
    grab(window, out / f"inspection-orders-{lang}.png")

    window.nav.setCurrentRow(4)
    wait(500)
    grab(window, out / f"sync-{lang}.png")
    window.close()
    runner.wait()
    desk.close()


if __name__ == "__main__":
    shoot(Path(sys.argv[1]), Path(sys.argv[2]))
