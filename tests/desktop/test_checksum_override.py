"""Opening a code that fails its check characters needs a confirmed, recorded reason."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from credit.desk import Desk
from credit.store.loader import upsert_entities
from desktop.windows.main_window import MainWindow

LEGACY = "91350203M0001QAY9B"  # a real register code whose 18th character is wrong


@pytest.fixture
def legacy(gui_desk: Desk) -> str:
    with gui_desk.store.write_cache() as conn:
        upsert_entities(conn, [{"uscc": LEGACY, "name": "厦门老码头贸易有限公司"}])
    return LEGACY


def overrides(desk: Desk) -> list[dict[str, object]]:
    return [r for r in desk.audit_recent(100) if r["action"] == "uscc_override"]


def test_confirmed_override_is_recorded_then_profile_opens(
    qtbot: QtBot, window: MainWindow, gui_desk: Desk, legacy: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def confirm(uscc: str) -> str:
        asked.append(uscc)
        return "已核对营业执照原件"

    monkeypatch.setattr(window, "ask_checksum_override", confirm)
    with qtbot.waitSignal(window.profileShown, timeout=2000):
        window.open_profile(legacy, legacy)
    assert asked == [legacy]
    rows = overrides(gui_desk)
    assert len(rows) == 1 and rows[0]["uscc"] == legacy and "原件" in str(rows[0]["detail"])
    assert gui_desk.audit_recent(1)[0]["action"] == "open_profile"


def test_declined_override_opens_nothing(
    window: MainWindow, gui_desk: Desk, legacy: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(window, "ask_checksum_override", lambda uscc: None)
    shown: list[str] = []
    window.profileShown.connect(shown.append)
    window.open_profile(legacy, legacy)
    assert shown == [] and overrides(gui_desk) == []
    assert all(r["action"] != "open_profile" for r in gui_desk.audit_recent(100))


def test_valid_codes_are_not_asked(
    qtbot: QtBot, window: MainWindow, gui_desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.desktop import sample

    monkeypatch.setattr(window, "ask_checksum_override", lambda uscc: pytest.fail("asked"))
    with qtbot.waitSignal(window.profileShown, timeout=2000):
        window.open_profile(sample.RUIFENG)
    assert overrides(gui_desk) == []
