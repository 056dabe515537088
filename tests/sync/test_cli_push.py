"""``creditdesk sync`` pushing, ``outbox`` and ``verify-report`` against a real server."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from credit.cli import main
from sync.server.ingest import DEMO_PASSWORD
from tests.sync import fieldwork as fw
from tests.sync.conftest import Platform


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_sync_pushes_outbox_lists_and_verify_report_asks_the_platform(
    platform: Platform, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cli"
    monkeypatch.setenv("CREDITDESK_PASSPHRASE", fw.PASSPHRASE)
    monkeypatch.setenv("CREDITDESK_SYNC_PASSWORD", DEMO_PASSWORD)
    lt = fw.laptop(path, platform.base, "huaxian")
    [code] = fw.usccs(lt.store, 1, random.Random(29))
    check = lt.desk.check(code, "GOV_PROCUREMENT")
    fw.window_work(lt, random.Random(30), 4)
    lt.close()
    data = str(path)

    rc, out, _ = _run(capsys, "--data-dir", data, "outbox", "--json")
    listed = json.loads(out)
    assert rc == 0 and listed["counts"]["pending"] >= 2 and listed["counts"]["done"] == 0
    assert all(i["status"] == "pending" and i["why"] == "等待同步" for i in listed["items"])
    public = [i for i in listed["items"] if i["kind"] == "commitment"]
    assert all(i["deadline"] for i in public)  # 可向社会公开: published within 7 working days

    rc, out, _ = _run(capsys, "--data-dir", data, "sync", "--pull-only", "--json")
    assert rc == 0 and json.loads(out)["pushed"] == 0 and json.loads(out)["pending_outbox"] >= 2
    rc, out, _ = _run(capsys, "--data-dir", data, "verify-report", check.verification_code)
    assert rc == 1 and "平台没有这个核验码" in out  # not pushed yet

    rc, out, _ = _run(capsys, "--data-dir", data, "sync", "--push-only")
    assert rc == 0 and "新接收" in out and "本机记录已全部上传" in out and "仅上传" in out
    assert "同步前已备份工作数据" in out
    rc, out, _ = _run(capsys, "--data-dir", data, "outbox", "--all", "--json")
    listed = json.loads(out)
    assert listed["counts"]["pending"] == 0 and listed["counts"]["done"] == len(listed["items"])
    assert all(i["why"].startswith("平台已接收") for i in listed["items"])
    rc, out, _ = _run(capsys, "--data-dir", data, "outbox")
    assert rc == 0 and "没有待处理的记录" in out

    rc, out, _ = _run(capsys, "--data-dir", data, "verify-report", check.verification_code.lower())
    assert rc == 0 and "核验通过" in out and code in out
    rc, out, _ = _run(capsys, "--data-dir", data, "verify-report", "ABCD-EFGH-JKMN-PQRS", "--json")
    assert rc == 1 and json.loads(out)["found"] is False
    rc, _, err = _run(capsys, "--data-dir", data, "verify-report", "not-a-code")
    assert rc == 1 and "核验码格式不正确" in err

    rc, _, err = _run(capsys, "--data-dir", data, "outbox", "--resend", "1")
    assert rc == 1 and "不是被拒收的记录" in err
    rc, _, err = _run(capsys, "--data-dir", data, "sync", "--pull-only", "--push-only")
    assert rc == 1 and "不能同时使用" in err
