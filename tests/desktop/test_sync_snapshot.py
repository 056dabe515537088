"""The 同步 page's first sync from a platform snapshot: the cache file under the open window is
replaced, the progress says what is happening, and search sees the new data."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from desktop.views.sync_view import SyncView
from desktop.windows.main_window import MainWindow
from sync.client import SyncClient
from sync.server.ingest import DEMO_PASSWORD
from tests.desktop.test_sync_view import _fast, private_settings  # noqa: F401 (fixture)
from tests.sync.conftest import Platform, _platform
from tests.sync.oracle import expected


@pytest.fixture(scope="module")
def snap_platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    tmp = tmp_path_factory.mktemp("gui-snapshot")
    args = ("--snapshot-dir", str(tmp / "snapshots"), "--snapshot-min-changes", "0")
    yield from _platform("sqlite", tmp, extra_args=args)


def test_first_sync_from_a_snapshot_under_the_open_window(
    qtbot, window: MainWindow, snap_platform: Platform
) -> None:  # type: ignore[no-untyped-def]
    view: SyncView = window.sync_view
    assert view.desk is not None
    view.client = SyncClient(view.desk.store.data_dir, transport_factory=_fast)
    view._show_account()
    shown: list[str] = []
    progressed = view._progressed

    def spy(done: int, total: int) -> None:
        progressed(done, total)
        shown.append(view.progress.format())

    view._progressed = spy  # type: ignore[method-assign]
    window.search.field.setText("滑县")  # the sample data's search, before
    window.search.search_now()
    before = {h.uscc for h in window.search.result.hits} if window.search.result else set()

    view.sign_in()
    dialog = view.signin_dialog
    dialog.server.setText(snap_platform.base)
    dialog.user.setText("huaxian")
    dialog.password.setText(DEMO_PASSWORD)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    assert any(f.startswith("正在下载数据快照") and f.endswith("%") for f in shown), shown
    assert "正在启用数据快照（重新加密并校验）…" in shown
    assert "首次同步完成：载入平台数据快照" in view.message.text(), view.message.text()
    assert view.client.stage is None
    shared = {rid for kind, rid in expected(snap_platform.engine, ["410526"]) if kind == "entity"}
    window.search.field.setText("滑县")
    window.search.search_now()
    hits = {h.uscc for h in window.search.result.hits} if window.search.result else set()
    assert hits and hits <= shared and hits != before  # the window reads the new cache file
