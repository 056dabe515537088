"""Screenshots of pushing field work for the docs, from the real start-up path and a real server.

Starts a reference server (subprocess, demo data), a second laptop (the field) and the application
on a fresh data directory, signs in, and makes what the outbox must show: a commitment both the
window and the field determined (a conflict), one for an entity outside the window's jurisdiction
(refused), and new records waiting — one public commitment close to its publication deadline.
Then: the 同步 page with the 待上传 records, the side-by-side dialog for the platform's conflict,
and the status bar::

    xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python -m tests.desktop.shoot_push docs/screenshots
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

from tests.desktop.shoot import wait
from tests.desktop.shoot_platform import on_sync_page, sign_in


def _until(check: object, ms: int = 60_000) -> None:
    for _ in range(ms // 100):
        if check():  # type: ignore[operator]
            return
        wait(ms=100)
    raise TimeoutError("the app did not get there in time")


def shoot(out: Path, entities: int = 3000) -> None:
    from credit import commitments
    from credit.domain.uscc import complete
    from credit.domain.workdays import add_working_days
    from credit.platform_commitments import adopt
    from sync.server.ingest import DEMO_PASSWORD
    from tests.sync import fieldwork as fw

    with on_sync_page(out, entities, height=900) as s:
        window, view, server, tmp = s.window, s.view, s.server, s.tmp
        sign_in(view, server.url, "huaxian", DEMO_PASSWORD)
        wait(view.synced, 120_000)
        idle = lambda: view._task is None and view.sync_button.isEnabled()  # noqa: E731
        _until(idle)
        desk = window.desk
        assert desk is not None
        today = date.today()
        codes = fw.usccs(desk.store, 6, random.Random(5))
        shared = commitments.register(
            desk.store, desk.operator, committer_name="滑县鑫源建材有限公司",
            committer_category="法人及非法人组织",
            committer_code=codes[0], commitment_type="容缺受理型", reason="建筑材料经营许可（容缺受理）",
            made_on=today, accepting_unit=desk.operator.unit, publicity_type="可向社会公开",
            missing_materials=["仓储场地租赁合同"], deadline_working_days=5,
        )  # fmt: skip
        view.sync_now()
        _until(idle)
        field = fw.laptop(tmp / "field", server.url, "huaxian")
        adopt(field.store, field.operator, shared["id"])
        commitments.record_fulfilment(
            field.store, field.operator, shared["code"], fulfilment="全部履行", determined_on=today,
            determining_unit="滑县市场监督管理局城关所", base_version=1,
        )  # fmt: skip
        field.client.push(field.store)
        field.close()
        commitments.record_fulfilment(
            desk.store, desk.operator, shared["code"], fulfilment="部分履行", determined_on=today,
            determining_unit=desk.operator.unit, unmet_content="仓储场地租赁合同逾期未补齐", base_version=1,
        )  # fmt: skip
        commitments.register(
            desk.store, desk.operator, committer_name="甘州区某商贸有限公司",
            committer_category="法人及非法人组织",
            committer_code=complete("9162070200000077"), commitment_type="审批替代型", reason="食品经营许可",
            made_on=today, accepting_unit=desk.operator.unit, publicity_type="可向社会公开",
        )  # fmt: skip
        view.sync_now()
        _until(idle)
        # new work since: checks, and a public commitment made six working days ago
        for code in codes[1:4]:
            desk.check(code, "GOV_PROCUREMENT")
        earlier = today - timedelta(days=1)
        while add_working_days(earlier, 6) > today:
            earlier -= timedelta(days=1)
        commitments.register(
            desk.store, desk.operator, committer_name="滑县惠民超市", committer_category="个体工商户",
            committer_code=codes[4], commitment_type="证明事项型", reason="补办营业执照证明事项",
            made_on=earlier, accepting_unit=desk.operator.unit, publicity_type="可向社会公开",
        )  # fmt: skip
        view.refresh()
        window.refresh_status()
        wait(ms=800)
        window.grab().save(str(out / "push-outbox.png"))
        window.statusBar().grab().save(str(out / "push-status-bar.png"))
        outbox = view.outbox
        conflict = next(i["seq"] for i in outbox.items if i["status"] == "conflict")
        outbox.select_seq(conflict)
        outbox.resolve()
        _until(lambda: outbox.conflict is not None and outbox.conflict.isVisible(), 10_000)
        wait(ms=400)
        assert outbox.conflict is not None
        outbox.conflict.grab().save(str(out / "push-conflict.png"))
        outbox.conflict.reject()
        refused = next(i["seq"] for i in outbox.items if i["status"] == "rejected")
        outbox.select_seq(refused)
        wait(ms=300)
        view.outbox_box.grab().save(str(out / "push-rejected.png"))


if __name__ == "__main__":
    shoot(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 3000)
