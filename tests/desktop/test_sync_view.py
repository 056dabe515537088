"""The 同步 page and the sign-in dialog against a real reference server (loopback)."""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.views.sync_view import SyncView
from desktop.windows.main_window import MainWindow
from desktop.windows.signin_dialog import SignInDialog
from sync.client import SyncClient
from sync.server.ingest import DEMO_PASSWORD
from sync.transport import RetryPolicy, Transport
from tests.sync.conftest import Platform, _platform
from tests.sync.oracle import expected

FAST = RetryPolicy(attempts=3, base=0.01, cap=0.02, max_retry_after=0.1)


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    yield from _platform("sqlite", tmp_path_factory.mktemp("gui-platform"))


def _fast(base: str, *, ca_bundle: str | None = None) -> Transport:
    return Transport(base, ca_bundle=ca_bundle, timeout=(1, 1), retry=FAST, rng=random.Random(1))


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path) -> Iterator[None]:
    """The view remembers the background-sync choice in QSettings: never in the real user's."""
    from PySide6.QtCore import QSettings

    fmt, scope = QSettings.Format.NativeFormat, QSettings.Scope.UserScope
    QSettings.setPath(fmt, scope, str(tmp_path / "settings"))
    yield
    QSettings.setPath(fmt, scope, os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config"))


@pytest.fixture
def view(window: MainWindow) -> SyncView:
    sv = window.sync_view
    assert sv.desk is not None
    sv.client = SyncClient(sv.desk.store.data_dir, transport_factory=_fast)
    sv._show_account()
    return sv


def _sign_in(qtbot, view: SyncView, platform: Platform, password: str = DEMO_PASSWORD) -> SignInDialog:  # type: ignore[no-untyped-def]
    view.sign_in()
    dialog = view.signin_dialog
    dialog.server.setText(platform.base)
    dialog.user.setText("huaxian")
    dialog.password.setText(password)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    return dialog


def test_page_is_enabled_and_asks_to_sign_in(window: MainWindow, view: SyncView) -> None:
    row = [window.nav.item(i).text() for i in range(window.nav.count())].index("同步")
    window.nav.setCurrentRow(row)
    assert window.pages.currentWidget() is view
    assert not view.sync_button.isEnabled()
    assert view.server_label.text() == "尚未登录" and view.signin_button.text() == "登录…"
    assert view.status_label.text() == "未登录共享平台"
    assert view.status_label.parent() is window.statusBar() or view.status_label.isVisibleTo(window)


def test_wrong_password_is_shown_in_the_dialog_and_nothing_typed_is_lost(
    qtbot, view: SyncView, platform: Platform
) -> None:  # type: ignore[no-untyped-def]
    dialog = _sign_in(qtbot, view, platform, password="wrong-password")
    assert dialog.isVisible() and dialog.status.isVisible()
    assert "用户名或密码不正确" in dialog.status.text()
    assert dialog.server.text() == platform.base and dialog.user.text() == "huaxian"
    assert dialog.password.text() == "wrong-password"  # kept: fix one character, not retype all
    dialog.reject()


def test_missing_fields_are_named(qtbot, view: SyncView) -> None:  # type: ignore[no-untyped-def]
    view.sign_in()
    dialog = view.signin_dialog
    dialog.server.setText("")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert "平台地址" in dialog.status.text() and "密码" in dialog.status.text()
    dialog.reject()


def test_sign_in_then_sync_refreshes_page_status_bar_and_search(
    qtbot,
    window: MainWindow,
    view: SyncView,
    platform: Platform,  # type: ignore[no-untyped-def]
) -> None:
    synced: list[object] = []
    view.synced.connect(synced.append)
    before = window.status_label.text()
    dialog = _sign_in(qtbot, view, platform)
    assert not dialog.isVisible()  # accepted
    assert synced, "signing in starts the first sync"
    assert "张三" in view.user_label.text() and view.scope_label.text() == "410526"
    assert "首次同步完成" in view.message.text() and "没有需要上传的记录" in view.message.text()
    assert "同步前已备份本机工作数据" in view.message.text()
    assert view.progress.value() == view.progress.maximum() > 0
    assert view.last_ok.text() != "从未同步" and view.as_of.text() != "—"
    assert view.status_label.text().startswith("上次同步 ")
    assert window.status_label.text() != before and "本地数据" in window.status_label.text()
    # the cache now holds the platform's 滑县 data (the sample entities are gone), and search sees it
    shared = {rid for kind, rid in expected(platform.engine, ["410526"]) if kind == "entity"}
    window.search.field.setText("滑县")
    window.search.search_now()
    hits = window.search.result.hits if window.search.result else []
    assert hits and {h.uscc for h in hits} <= shared
    view.sync_now()
    assert "同步完成：接收 0 条变更" in view.message.text()


def test_cancel_keeps_what_arrived(qtbot, view: SyncView, platform: Platform) -> None:  # type: ignore[no-untyped-def]
    assert view.client is not None
    view.client.login(platform.base, "admin", DEMO_PASSWORD)
    view._show_account()
    view.progress.valueChanged.connect(lambda _: view.cancel())  # the user clicks 取消 at once
    view.sync_now()
    assert "同步已取消" in view.message.text()
    assert view.progress.format() == "已取消"
    assert view.sync_button.isEnabled() and not view.cancel_button.isEnabled()


def test_background_sync_failure_is_quiet_and_in_words(
    qtbot, view: SyncView, platform: Platform, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    assert view.client is not None
    view.client.login(platform.base, "huaxian", DEMO_PASSWORD)
    platform.server.kill()
    try:
        view.sync_in_background()  # no dialog: the text says what happened
        assert "同步未完成" in view.message.text() and "无法完成与共享平台的通信" in view.message.text()
        assert view.status_label.text().startswith("同步失败")
        assert "共享平台" in view.last_error.text() and "重试" in view.last_error.text()
    finally:
        platform.server.start()
    view.sync_in_background()
    assert "同步完成" in view.message.text() and view.status_label.text().startswith("上次同步")


def test_auto_sync_timer_follows_the_setting(view: SyncView) -> None:
    view.auto.setChecked(True)
    view.interval.setValue(15)
    assert view.timer.isActive() and view.timer.interval() == 15 * 60_000
    view.auto.setChecked(False)
    assert not view.timer.isActive() and not view.interval.isEnabled()


def test_open_profile_follows_a_sync(qtbot, window: MainWindow, view: SyncView, platform: Platform) -> None:  # type: ignore[no-untyped-def]
    from sync.server.db import write_begin
    from sync.server.feed import FeedWriter

    assert view.client is not None
    view.client.login(platform.base, "huaxian", DEMO_PASSWORD)
    view.sync_now()
    code = sorted(rid for kind, rid in expected(platform.engine, ["410526"]) if kind == "entity")[0]
    window.open_profile(code)
    assert window.profile_view.profile is not None and window.profile_view.profile.uscc == code
    with write_begin(platform.engine) as conn:
        w = FeedWriter(conn)
        w.put("entity", {"uscc": code, "name": "滑县同步后改名测试商行"}, merge=True)
        w.finish()
    view.sync_now()
    assert window.profile_view.profile is not None
    assert window.profile_view.profile.name == "滑县同步后改名测试商行"
