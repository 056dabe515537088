"""Screenshots of the 检查任务 job and renders of its documents, from a demo data directory.

Runs the real window with the threaded runner on a copy-free demo store: draws a plan (unless
one exists), opens a task, fills the form with a photo and a signature, finalises it, issues a
rectification order and opens an interview, grabbing each screen::

    CREDITDESK_PASSPHRASE=… xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python -m \\
        tests.desktop.shoot_inspections var/demo docs/screenshots
"""

from __future__ import annotations

import io
import math
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw
from PySide6.QtCore import QDateTime, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QWidget

from credit.desk import Desk
from credit.inspections.config import load_config
from credit.operator import Operator
from credit.paths import resource
from desktop.app import make_application
from desktop.ops import Runner
from desktop.views.inspections.followup_forms import InterviewForm, RectificationForm
from desktop.views.inspections.inspection_form import InspectionForm
from desktop.views.inspections.plan_dialog import PlanDrawDialog
from desktop.windows.main_window import MainWindow

SEED = "20261121-318507"


def wait(ms: int = 300, until: Callable[[], bool] | None = None) -> None:
    """Let the event loop run for ``ms``, or until ``until()`` holds (at most 20 s)."""
    loop = QEventLoop()
    timer = QTimer()
    if until is not None:
        timer.timeout.connect(lambda: until() and loop.quit())
        timer.start(50)
    QTimer.singleShot(ms if until is None else 20_000, loop.quit)
    loop.exec()


def grab(widget: QWidget, out: Path) -> None:
    widget.grab().save(str(out))
    print("saved", out)


def photo(path: Path) -> Path:
    """A stand-in shop-front photo (the demo has no real ones)."""
    img = Image.new("RGB", (1600, 1200), (196, 178, 150))
    draw = ImageDraw.Draw(img)
    draw.rectangle((120, 160, 1480, 420), fill=(160, 30, 30))
    draw.rectangle((220, 520, 760, 1180), fill=(90, 110, 130))
    draw.rectangle((880, 520, 1380, 900), fill=(230, 230, 220))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=88)
    path.write_bytes(buf.getvalue())
    return path



def fill_sample(form: InspectionForm, photo_path: Path) -> None:
    """The inspection the docs show: one item failed with a note, result 09, place, the person
    present and their signature, a photo; autosaved, then sized to show the whole form."""
    form.time_edit.setDateTime(QDateTime.currentDateTime().addSecs(-1800))
    form.mark_rest_passed()
    row = form.rows["F04"]
    row.choose("不符合")
    row.note.setText("10月进货的3批次食用油未索取供货者许可证和检验合格证明")
    form.result_combo.setCurrentIndex(form.result_combo.findData("09"))
    form.findings.setPlainText("进货查验记录不全，已责令限期整改。")
    form.latitude.setText("35.575210")
    form.longitude.setText("114.520130")
    form.present.setText("刘红")
    form.add_files([photo(photo_path)])
    for stroke in signature_strokes():
        form.pad.add_stroke(stroke)
    form._edited()
    wait(1800)  # the autosave fires a second after the last edit
    body = form.scroller.widget()
    form.resize(980, body.sizeHint().height() + 70)  # the whole form in one picture
    wait(300)


def signature_strokes() -> list[list[tuple[float, float]]]:
    """A hand-like scribble: two looping strokes and a flourish (smooth, many points)."""
    strokes = []
    for x0, x1, amp, freq, lift in ((36, 170, 24, 0.11, 0), (190, 330, 20, 0.14, 6)):
        pts = []
        for i in range(120):
            t = i / 119
            x = x0 + (x1 - x0) * t + 10 * math.sin(t * 17)
            y = 70 + lift + amp * math.sin((x - x0) * freq) * (1 - 0.5 * t) - 14 * math.cos(t * 17)
            pts.append((x, y))
        strokes.append(pts)
    strokes.append(
        [(150 + 230 * t, 100 - 18 * math.sin(t * math.pi) + 6 * t) for t in (i / 60 for i in range(61))]
    )
    return strokes


def overdue_order(service: Any, doc: dict[str, Any]) -> None:
    """An earlier finding whose rectification deadline has passed (to show the flag)."""
    from datetime import date, datetime

    task = next(t for t in service.tasks(doc["id"]) if t.status == "todo" and t.grade == "D")
    draft = service.start_task(task.id)
    data = draft["data"]
    for answer in data["answers"].values():
        answer["answer"] = "符合"
    first = next(iter(data["answers"]))
    data["answers"][first] = {"answer": "不符合", "note": "食品经营许可证已过有效期，仍在经营"}
    data.update(result_code="09", inspected_at=datetime(2026, 11, 5, 10, 20).astimezone().isoformat(),
                findings="许可证过期，责令限期办理延续。")  # fmt: skip
    service.save_draft(draft["id"], data)
    record = service.finalise(draft["id"])
    service.issue_rectification(
        record["id"], problems=["食品经营许可证已过有效期，仍在经营"], requirement="限期办理许可延续手续。",
        issued_on=date(2026, 11, 5), working_days=10,
    )  # fmt: skip


def shoot(data_dir: Path, out: Path) -> None:
    _app = make_application()  # kept alive for the whole run
    out.mkdir(parents=True, exist_ok=True)
    work = out / ".work"
    work.mkdir(exist_ok=True)
    Operator.write_demo(data_dir)  # the demo desk's operator, as `make run` has it
    desk = Desk.open(data_dir)
    service = desk.inspections
    if not service.plans():
        config, roster = load_config(
            resource("demo", "plan_config.json"), service.catalog, desk.operator.unit
        )
        service.draw(config, roster, SEED)
    if not service.orders():
        plan = service.plan(service.plans()[0]["id"])
        assert plan is not None
        overdue_order(service, plan)
    runner = Runner()
    window = MainWindow(runner, desk)
    window.resize(1360, 860)
    window.show()
    view = window.inspections_view
    window.nav.setCurrentRow(3)
    wait(until=lambda: view.model.rowCount() > 0)
    first = next(r for r in view.model.rows if r.status == "todo" and r.grade == "C")
    view.select_task(first.id)
    wait(800)
    grab(window, out / "inspection-tasks.png")

    view.inspect_selected()
    wait(until=lambda: any(isinstance(f, InspectionForm) for f in view.forms))
    form = next(f for f in view.forms if isinstance(f, InspectionForm))
    fill_sample(form, work / "门头.jpg")
    grab(form, out / "inspection-form.png")
    form.resize(980, 860)
    form.finalise()
    wait(until=lambda: form.record is not None)
    record = form.record
    assert record is not None
    pdf = work / "record.pdf"
    service.record_pdf(record["id"], pdf)
    render(pdf, out / "inspection-record")
    view.select_task(first.id)  # the profile beside the task now lists the record
    wait(until=lambda: "行政检查" in view.profile_view.toPlainText())
    view.profile_view.scrollToAnchor("inspections")
    wait(300)
    grab(window, out / "inspection-profile.png")

    form.rectify_button.click()
    wait(until=lambda: any(isinstance(f, RectificationForm) for f in view.forms))
    order_form = next(f for f in view.forms if isinstance(f, RectificationForm))
    wait(300)
    grab(order_form, out / "rectification-form.png")
    order_form.submit()
    wait(until=lambda: order_form.outcome is not None)
    state = next(s for s in service.orders() if s.order["record_id"] == record["id"])
    view.open_interview(state)
    wait(until=lambda: any(isinstance(f, InterviewForm) for f in view.forms))
    talk = next(f for f in view.forms if isinstance(f, InterviewForm))
    talk.place.setText("滑县市场监督管理局三楼约谈室")
    talk.people.item(talk.people.rowCount() - 1, 0).setText("刘红")
    talk.content.setPlainText("指出进货查验记录不全的问题，告知逾期不改正将记入信用记录并依法处理。")
    talk.undertakings.setPlainText("12月10日前补齐近三个月进货查验记录，建立索证索票台账。")
    wait(300)
    grab(talk, out / "interview-form.png")
    talk.close()
    order_form.close()
    form.close()
    doc = service.plan(view.plan_id or "")
    assert doc is not None
    service.plan_pdf(doc, work / "plan.pdf")
    render(work / "plan.pdf", out / "inspection-plan")
    window.inspections_view.tabs.setCurrentIndex(1)
    view.orders.table.selectRow(0)  # the overdue one comes first
    wait(500)
    grab(window, out / "inspection-orders.png")
    view.open_draw_dialog()  # a mistyped division and no sector: the problems name the fields
    wait(until=lambda: any(isinstance(f, PlanDrawDialog) for f in view.forms))
    dialog = next(f for f in view.forms if isinstance(f, PlanDrawDialog))
    dialog.divisions.setText("41052x")
    for i in range(dialog.sectors.count()):
        dialog.sectors.item(i).setCheckState(Qt.CheckState.Unchecked)
    dialog.draw()
    wait(until=lambda: dialog.message.isVisible())
    grab(dialog, out / "plan-draw-dialog.png")
    dialog.close()
    window.close()
    runner.wait()
    desk.close()


def render(pdf: Path, prefix: Path) -> None:
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(prefix)], check=True)
    print("rendered", prefix)


if __name__ == "__main__":
    shoot(Path(sys.argv[1]), Path(sys.argv[2]))
