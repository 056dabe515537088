"""Verification codes: the recipe, stability, sensitivity to every covered field, and parsing."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from copy import deepcopy
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from credit.reports.check_report import EntityInfo, content_for_verification
from credit.reports.verification import (
    canonical_json,
    normalize_code,
    qr_payload,
    verification_code,
    verify,
)
from tests.credit.reports import samples

CODE_RE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$")
RFC4648 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _independent_code(content: dict[str, Any]) -> str:
    """The documented recipe, written differently: stdlib base32 re-lettered to Crockford."""
    raw = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    b32 = base64.b32encode(hashlib.sha256(raw).digest()[:10]).decode()
    chars = b32.translate(str.maketrans(RFC4648, CROCKFORD))
    return "-".join(chars[i : i + 4] for i in range(0, 16, 4))


def test_code_follows_the_published_recipe() -> None:
    content = content_for_verification(samples.report())
    code = verification_code(content)
    assert CODE_RE.match(code)
    assert code == _independent_code(content)


def test_same_content_same_code_whatever_the_key_order() -> None:
    content = content_for_verification(samples.report())
    shuffled = dict(reversed(list(content.items())))
    assert verification_code(content) == verification_code(shuffled)
    assert verification_code(content_for_verification(samples.report())) == verification_code(content)


def test_covered_content_is_plain_json_and_complete() -> None:
    content = content_for_verification(samples.report())
    assert json.loads(canonical_json(content)) == content
    assert content["issued_at"] == "2026-11-22T01:30:15Z"
    assert set(content) == {
        "v", "report_no", "check_id", "issuing_unit", "operator", "issued_at",
        "entity", "matter", "verdict", "fired", "as_of",
    }  # fmt: skip


def test_the_same_moment_in_another_zone_gives_the_same_code() -> None:
    utc = samples.ISSUED.astimezone(UTC)
    a = content_for_verification(samples.report())
    b = content_for_verification(samples.report(issued_at=utc))
    assert verification_code(a) == verification_code(b)


FIRED_CHANGES = ["measure_name", "restriction", "basis", "record_summary", "until"]
CHANGES: dict[str, dict[str, Any]] = {
    "report_no": {"report_no": "HX-2026-000138"},
    "check_id": {"check_id": "5f0c2b9e-8d1a-4c3e-9b7f-2a6d4e8c1f04"},
    "issuing_unit": {"issuing_unit": "滑县市场监督管理局城关所"},
    "operator": {"operator": "李四"},
    "issued_at": {"issued_at": samples.ISSUED + timedelta(seconds=1)},
    "entity_name": {"entity": EntityInfo(samples.NAME + "分公司", samples.USCC, "D")},
    "entity_uscc": {"entity": EntityInfo(samples.NAME, "91350200MA31E12PXF", "D")},
    "matter_code": {"matter_code": "SCJG-0013"},
    "matter_name": {"matter_name": "食品经营许可（变更）"},
    "verdict": {"verdict": "restricted"},
    "as_of": {"as_of": "2026-11-21T18:03:00"},
    "fired_removed": {"fired": samples.FIRED[:1]},
    "fired_reordered": {"fired": list(reversed(samples.FIRED))},
}


@pytest.mark.parametrize("change", list(CHANGES), ids=list(CHANGES))
def test_changing_a_covered_field_changes_the_code(change: str) -> None:
    original = verification_code(content_for_verification(samples.report()))
    assert verification_code(content_for_verification(samples.report(**CHANGES[change]))) != original


@pytest.mark.parametrize("key", FIRED_CHANGES)
def test_changing_a_fired_measure_changes_the_code(key: str) -> None:
    original = verification_code(content_for_verification(samples.report()))
    fired = deepcopy(samples.FIRED)
    fired[1][key] = "2029-01-01" if key == "until" else f"{fired[1][key]}（改）"
    assert verification_code(content_for_verification(samples.report(fired=fired))) != original


def test_presentation_is_not_covered() -> None:
    """Wording and the profile print are presentation; the platform could not recompute them."""
    original = verification_code(content_for_verification(samples.report()))
    same = samples.report(verdict_label="禁止", stale_warning="数据较旧", sections=[], reason="自定义说明")
    assert verification_code(content_for_verification(same)) == original


def test_verify_accepts_the_code_as_people_type_it() -> None:
    content = content_for_verification(samples.report())
    code = verification_code(content)
    assert verify(content, code)
    assert verify(content, code.lower().replace("-", ""))
    assert verify(content, " ".join(code.split("-")))
    if "0" in code:
        assert verify(content, code.replace("0", "O"))
    assert not verify(content, code[:-1] + ("0" if code[-1] != "0" else "1"))
    assert not verify(content, "")
    assert not verify(content, code + "X")
    other = content_for_verification(samples.report(operator="李四"))
    assert not verify(other, code)


def test_normalize_code_rejects_letters_outside_the_alphabet() -> None:
    assert normalize_code("7k2m9qxd0000zzzz") == "7K2M-9QXD-0000-ZZZZ"
    assert normalize_code("IL0O-0000-0000-0000") == "1100-0000-0000-0000"
    assert normalize_code("UUUU-0000-0000-0000") is None  # U is not in Crockford's alphabet
    assert normalize_code("7K2M-9QXD") is None


def test_qr_payload() -> None:
    payload = qr_payload("7K2M-9QXD-0000-ZZZZ", samples.CHECK_ID)
    assert payload == f"creditdesk:verify?id={samples.CHECK_ID}&code=7K2M-9QXD-0000-ZZZZ"


def test_canonical_json_refuses_what_is_not_json() -> None:
    with pytest.raises(TypeError):
        canonical_json({"issued_at": datetime(2026, 11, 22)})
    with pytest.raises(ValueError):
        canonical_json({"x": float("nan")})
    assert canonical_json({"b": "信用", "a": 1}) == '{"a":1,"b":"信用"}'.encode()
