"""The 待上传 records on the 同步 page, against a real reference server: a refused record and a
conflict shown with their reasons, the conflict settled in the side-by-side dialog, a refused record
sent again, the counts in the status bar, and who is working taken from the platform account."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from credit import commitments
from credit.domain.uscc import complete
from desktop.views.sync_view import SyncView
from desktop.windows.main_window import MainWindow
from sync.client import SyncClient
from tests.desktop.test_sync_view import _fast, _sign_in, private_settings  # noqa: F401
from tests.sync import fieldwork as fw
from tests.sync.conftest import Platform, _platform

TODAY = date.today()


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    yield from _platform("sqlite", tmp_path_factory.mktemp("gui-push-platform"))


@pytest.fixture
def view(window: MainWindow) -> SyncView:
    sv = window.sync_view
    assert sv.desk is not None
    sv.client = SyncClient(sv.desk.store.data_dir, transport_factory=_fast)
    sv._show_account()
    return sv


def _row_of(view: SyncView, status: str) -> int:
    for item in view.outbox.items:
        if item["status"] == status:
            return int(item["seq"])
    raise AssertionError(f"no {status} row in {[(i['seq'], i['status']) for i in view.outbox.items]}")


def test_refused_and_conflicting_records_are_shown_and_settled(
    qtbot, window: MainWindow, view: SyncView, platform: Platform, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    _sign_in(qtbot, view, platform)
    desk = view.desk
    assert desk is not None
    assert desk.operator.unit == "滑县市场监督管理局" and desk.operator.device_no  # from the account
    assert window.operator_button.text() == "张三 · 滑县市场监督管理局"
    [code] = fw.usccs(desk.store, 1, random.Random(41))
    shared = commitments.register(
        desk.store, desk.operator, committer_name="冲突测试公司", committer_category="法人及非法人组织",
        committer_code=code, commitment_type="审批替代型", reason="申请办理", made_on=TODAY,
        accepting_unit=desk.operator.unit, publicity_type="可向社会公开",
    )  # fmt: skip
    view.sync_now()
    field = fw.laptop(tmp_path / "field", platform.base, "huaxian")
    try:
        from credit.platform_commitments import adopt

        adopt(field.store, field.operator, shared["id"])
        commitments.record_fulfilment(
            field.store, field.operator, shared["code"], fulfilment="全部履行", determined_on=TODAY,
            determining_unit="滑县市场监督管理局执法大队", base_version=1,
        )  # fmt: skip
        field.client.push(field.store)
    finally:
        field.close()
    commitments.record_fulfilment(
        desk.store, desk.operator, shared["code"], fulfilment="全部未履行", determined_on=TODAY,
        determining_unit=desk.operator.unit, base_version=1,
    )  # fmt: skip
    elsewhere = complete("9162070200000077")  # an entity of 甘州区: not this window's jurisdiction
    commitments.register(
        desk.store, desk.operator, committer_name="外地测试公司", committer_category="法人及非法人组织",
        committer_code=elsewhere, commitment_type="审批替代型", reason="申请办理", made_on=TODAY,
        accepting_unit=desk.operator.unit, publicity_type="可向社会公开",
    )  # fmt: skip
    view.sync_now()
    assert "1 条有冲突" in view.message.text() and "1 条被拒收" in view.message.text()
    outbox = view.outbox
    assert "被拒收 1 · 有冲突 1" in outbox.counts_label.text()
    assert "被拒收 1" in view.status_label.text() and "有冲突 1" in view.status_label.text()
    assert "需要处理" in view.pending.text()
    statuses = [outbox.table.item(r, 0).text() for r in range(outbox.table.rowCount())]
    assert statuses[:2] == ["有冲突", "被拒收"]  # what needs a person comes first

    refused = _row_of(view, "rejected")
    outbox.select_seq(refused)
    assert outbox.resend_button.isEnabled() and not outbox.resolve_button.isEnabled()
    assert "不在您的辖区" in outbox.detail.text() and "620702" in outbox.detail.text()

    conflict = _row_of(view, "conflict")
    outbox.select_seq(conflict)
    assert outbox.resolve_button.isEnabled() and not outbox.resend_button.isEnabled()
    qtbot.mouseClick(outbox.resolve_button, Qt.MouseButton.LeftButton)
    dialog = outbox.conflict
    assert dialog is not None and dialog.isVisible()
    assert dialog.cells["fulfilment"][0].text() == "全部履行"  # the platform's (the field's)
    assert dialog.cells["fulfilment"][1].text() == "全部未履行"  # this window's
    assert "第 2 版" in dialog.findChild(type(dialog.cells["fulfilment"][0]), "conflictReason").text()
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    assert "保留您的修改" in outbox.notice.text()
    view.sync_now()
    assert not any(i["status"] == "conflict" for i in outbox.items)
    assert "有冲突" not in view.status_label.text()
    row = commitments.get(desk.store, shared["code"])
    assert row is not None and row["version"] == 3 and row["fulfilment"] == "全部未履行"

    outbox.select_seq(refused)
    qtbot.mouseClick(outbox.resend_button, Qt.MouseButton.LeftButton)
    assert [i["status"] for i in outbox.items if i["seq"] == refused] == ["pending"]
    view.sync_now()  # still outside the jurisdiction: refused again, nothing else held up
    assert [i["status"] for i in outbox.items if i["seq"] == refused] == ["rejected"]
    assert view.status_label.text().endswith("被拒收 1")


def test_a_token_expired_on_the_platform_asks_to_sign_in_and_the_push_goes_on(
    qtbot, window: MainWindow, view: SyncView, platform: Platform  # type: ignore[no-untyped-def]
) -> None:
    from datetime import timedelta

    from sync.server.db import iso, now_utc, token, write_begin

    _sign_in(qtbot, view, platform)
    desk = view.desk
    assert desk is not None
    for code in fw.usccs(desk.store, 3, random.Random(43)):
        desk.check(code, "GOV_PROCUREMENT")
    with write_begin(platform.engine) as conn:  # the platform ends the session (expiry, revocation)
        conn.execute(token.update().values(expires_at=iso(now_utc() - timedelta(minutes=1))))
    view.sync_now()
    dialog = view.signin_dialog
    assert dialog.isVisible(), "the sign-in dialog opens by itself"
    assert "同步未完成" in view.message.text() and "不会重复上传" in view.message.text()
    assert [i["status"] for i in view.outbox.items] == ["pending"] * 3  # nothing lost
    dialog.password.setText(fw.DEMO_PASSWORD)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert [i["status"] for i in view.outbox.items] == ["done"] * 3
    assert "平台新接收 3 条" in view.message.text() and "已有" not in view.message.text()
