"""``creditdesk login / sync / status / logout`` against a real server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from credit.cli import main
from sync.server.ingest import DEMO_PASSWORD
from tests.sync.conftest import Platform


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_login_sync_status_logout(
    platform: Platform, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = str(tmp_path / "cli")
    code, _, err = _run(capsys, "--data-dir", data, "sync")
    assert code == 1 and "尚未登录" in err
    monkeypatch.setenv("CREDITDESK_SYNC_PASSWORD", DEMO_PASSWORD)
    code, out, _ = _run(capsys, "--data-dir", data, "login", "--server", platform.base, "--user", "ganzhou")
    assert code == 0 and "李四" in out and "620702" in out and "钥匙串" in out
    code, out, _ = _run(capsys, "--data-dir", data, "sync")
    assert code == 0 and "首次同步完成" in out and "没有需要上传的记录" in out and "本机记录已全部上传" in out
    code, out, _ = _run(capsys, "--data-dir", data, "sync", "--pull-only", "--json")
    result = json.loads(out)
    assert code == 0 and result["full"] is False and result["pushed"] == 0
    code, out, _ = _run(capsys, "--data-dir", data, "status", "--json")
    status = json.loads(out)
    assert status["server"] == platform.base and status["user"] == "ganzhou" and status["signed_in"]
    for key in ("token_expires_at", "cursor", "last_sync", "data_as_of", "pending_outbox", "last_error"):
        assert key in status
    assert status["last_error"] is None and status["pending_outbox"] == 0
    code, out, _ = _run(capsys, "--data-dir", data, "logout")
    assert code == 0 and "已退出" in out
    monkeypatch.delenv("CREDITDESK_SYNC_PASSWORD")
    code, _, err = _run(capsys, "--data-dir", data, "sync")
    assert code == 1 and "creditdesk login" in err


def test_wrong_password_is_reported_in_words(
    platform: Platform, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CREDITDESK_SYNC_PASSWORD", "wrong-password")
    code, _, err = _run(
        capsys, "--data-dir", str(tmp_path / "x"), "login", "--server", platform.base, "--user", "huaxian"
    )
    assert code == 1 and "用户名或密码不正确" in err
