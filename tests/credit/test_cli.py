"""The headless CLI, run in-process exactly as `creditdesk ...` would run it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from credit import cli
from credit.desk import Desk
from credit.store.loader import bulk_insert_entities, set_info, upsert_records
from credit.store.tables import penalty

GOOD = "91110000600037341L"
BAD_CHECK = "91350203M0001QAY9B"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CREDITDESK_PASSPHRASE", "cli-test-passphrase")
    desk = Desk.open(tmp_path)
    with desk.store.write_cache() as conn:
        bulk_insert_entities(
            conn,
            [
                {
                    "uscc": GOOD,
                    "name": "常州新北瑞丰精密机械有限公司",
                    "grade": "C",
                    "legal_rep": "王建国",
                    "legal_rep_id": "320411198001011234",
                },
                {"uscc": BAD_CHECK, "name": "厦门老码头贸易有限公司"},
            ],
        )
        upsert_records(
            conn,
            penalty,
            [
                {
                    "id": "p1",
                    "uscc": GOOD,
                    "decision_no": "新市监处罚〔2026〕12号",
                    "penalty_type": "罚款",
                    "fine_wan": 2.0,
                    "decision_date": "2026-03-01",
                    "publicity_end": "2099-03-01",
                    "severity": "一般",
                }
            ],
        )
        set_info(conn, as_of="2026-11-21 18:02")
    desk.close()
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_validate_text_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", GOOD)
    assert code == 0 and "✓ 91110000600037341L" in out and "市场监管" in out
    code, out, _ = run(capsys, "validate", GOOD, BAD_CHECK, "9111")
    assert code == 1
    assert "第18位校验码应为“9”" in out and "长度应为18位" in out


def test_validate_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "--json", "９１１１０ ０００６０００３７３４１ｌ")
    data = json.loads(out)
    assert code == 0 and data[0]["code"] == GOOD and data[0]["category"] == "企业"


def test_search_by_name_and_pinyin(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "search", "瑞丰")
    assert code == 0 and GOOD in out and "[C]" in out
    code, out, _ = run(capsys, "search", "czxb", "--data-dir", str(data_dir), "--json")
    data = json.loads(out)
    assert data["kind"] == "pinyin" and data["hits"][0]["uscc"] == GOOD


def test_search_without_hits_fails(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "search", "不存在的名称")
    assert code == 1 and "未找到" in out


def test_show_profile_masks_id(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "show", GOOD)
    assert code == 0
    assert "3204**********1234" in out and "320411198001011234" not in out
    assert "公示中，至 2099-03-01" in out and "数据截至：2026-11-21 18:02" in out
    assert out.index("登记注册基础信息") < out.index("行政处罚") < out.index("严重失信主体名单信息")


def test_show_checksum_failure_needs_recorded_override(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--data-dir", str(data_dir), "show", BAD_CHECK)
    assert code == 1 and "--override" in err
    code, out, _ = run(
        capsys, "--data-dir", str(data_dir), "show", BAD_CHECK, "--override", "与营业执照原件核对一致"
    )
    assert code == 0 and "厦门老码头" in out
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "audit", "log", "--json")
    overrides = [r for r in json.loads(out) if r["action"] == "uscc_override"]
    assert len(overrides) == 1 and "原件核对" in overrides[0]["detail"]


def test_show_rejects_bad_format(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--data-dir", str(data_dir), "show", "9111000060003734")
    assert code == 1 and "长度应为18位" in err


def test_audit_verify_counts_lookups(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "--data-dir", str(data_dir), "search", "瑞丰")
    run(capsys, "--data-dir", str(data_dir), "show", GOOD)
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "audit", "verify", "--json")
    data = json.loads(out)
    assert code == 0 and data["ok"] and data["rows"] == 2


def test_wrong_passphrase_is_a_plain_error(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CREDITDESK_PASSPHRASE", "not-the-passphrase")
    code, _, err = run(capsys, "--data-dir", str(data_dir), "search", "瑞丰")
    assert code == 1 and "口令或密钥不正确" in err and "Traceback" not in err


def test_demo_refuses_to_overwrite_without_force(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--data-dir", str(data_dir), "demo", "--entities", "50")
    assert code == 1 and "--force" in err


def test_matters_lists_catalog_codes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "matters", "--json")
    data = json.loads(out)
    codes = {m["code"] for m in data}
    assert code == 0 and {"GOV_PROCUREMENT", "TOLERANT_ACCEPTANCE"} <= codes
    assert all(m["basis"] and m["measures"] for m in data)


def test_check_refuses_an_unwritable_report_path_before_recording(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = len(cli_audit_rows(data_dir, capsys))
    nowhere = str(tmp_path / "no-such-folder" / "report.pdf")
    argv = ("--data-dir", str(data_dir), "check", GOOD, "--matter", "HONOURS", "--pdf", nowhere)
    code, _, err = run(capsys, *argv)
    assert code == 1 and "目录不存在" in err and "Traceback" not in err
    assert len(cli_audit_rows(data_dir, capsys)) == before  # nothing was recorded


def cli_audit_rows(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "--json", "audit", "log", "--limit", "1000")
    assert code == 0
    return [r for r in json.loads(out) if r["action"] != "search"]


def test_output_piped_to_a_reader_that_stops_early_ends_quietly(tmp_path: Path) -> None:
    """`creditdesk … | head -1`: the reader closes the pipe; no BrokenPipe traceback follows."""
    import subprocess
    import sys

    codes = [GOOD] * 4000  # far more output than a pipe buffer holds
    child = subprocess.Popen(
        [sys.executable, "main.py", "validate", *codes],  # the launcher, as `creditdesk` runs it
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert child.stdout is not None and child.stderr is not None
    first = child.stdout.readline()
    child.stdout.close()  # what head does after its line
    err = child.stderr.read().decode("utf-8", "replace")
    child.wait(timeout=60)
    assert GOOD.encode() in first
    assert "Traceback" not in err and "BrokenPipe" not in err, err
    assert child.returncode == 1
