"""The HTTP API of the reference server, over loopback: sign-in, refusals, problems, gzip, limits."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator

import pytest
import requests

from sync import protocol
from tests.sync.conftest import Platform, _platform, token_for

API = protocol.API_PREFIX


def _problem(r: requests.Response, status: int, code: str) -> dict[str, object]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith(protocol.PROBLEM_MEDIA_TYPE)
    body = r.json()
    assert body["code"] == code and body["status"] == status
    assert body["type"] == protocol.problem_type(code)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["detail"]), "detail is Chinese, for people"
    return body  # type: ignore[no-any-return]


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_sign_in_returns_token_expiry_and_scope(platform: Platform) -> None:
    r = requests.post(
        f"{platform.base}{API}/auth/token",
        json={"user": "huaxian", "password": "creditdesk-demo", "device": "pc-01"},
        timeout=10,
    )
    assert r.status_code == 200
    body = protocol.TokenResponse.model_validate(r.json())
    assert body.user.jurisdictions == ["410526"] and body.user.role == "window_clerk"
    assert body.user.role_label == "窗口人员"
    me = requests.get(f"{platform.base}{API}/me", headers=_auth(body.token), timeout=10)
    assert protocol.Me.model_validate(me.json()).user.name == "huaxian"


def test_wrong_password_and_missing_or_bad_token(platform: Platform) -> None:
    r = requests.post(
        f"{platform.base}{API}/auth/token",
        json={"user": "huaxian", "password": "nope", "device": "x"},
        timeout=10,
    )
    _problem(r, 401, "invalid_credentials")
    r = requests.get(f"{platform.base}{API}/changes", timeout=10)
    _problem(r, 401, "token_missing")
    assert r.headers["www-authenticate"].startswith("Bearer")
    _problem(
        requests.get(f"{platform.base}{API}/changes", headers=_auth("forged"), timeout=10),
        401,
        "token_invalid",
    )


@pytest.mark.parametrize(
    ("user", "scope", "allowed"),
    [
        ("huaxian", "410526", True),
        ("huaxian", "620702", False),  # 滑县 may not pull 甘州区
        ("huaxian", "4105", False),  # nor the whole of 安阳市
        ("tongchuan", "610202", True),  # a city-wide account may narrow to one district
        ("admin", "320411", True),
    ],
)
def test_scope_must_lie_inside_the_jurisdiction(
    platform: Platform, user: str, scope: str, allowed: bool
) -> None:
    token = token_for(platform.base, user)
    r = requests.get(
        f"{platform.base}{API}/changes", params={"scope": scope}, headers=_auth(token), timeout=10
    )
    if allowed:
        assert r.status_code == 200
        page = protocol.ChangePage.model_validate(r.json())
        assert page.scope == [scope]
        divisions = {
            row[5][protocol.PAYLOAD_FIELDS["entity"].index("division_code")]
            for row in page.changes
            if row[1] == "entity" and row[5]
        }
        assert divisions and all(d.startswith(scope) for d in divisions)
    else:
        body = _problem(r, 403, "forbidden_scope")
        assert scope in str(body["detail"])


def test_roles_are_checked(platform: Platform) -> None:
    clerk = token_for(platform.base, "huaxian")
    _problem(
        requests.get(f"{platform.base}{API}/admin/users", headers=_auth(clerk), timeout=10),
        403,
        "forbidden_role",
    )
    admin = token_for(platform.base, "admin")
    r = requests.get(f"{platform.base}{API}/admin/users", headers=_auth(admin), timeout=10)
    assert r.status_code == 200
    assert {u["user"]["name"] for u in r.json()} >= {"huaxian", "ganzhou", "tongchuan", "xinbei"}


def test_cursor_errors(platform: Platform) -> None:
    token = token_for(platform.base, "admin")
    r = requests.get(
        f"{platform.base}{API}/changes", params={"after": "not-a-cursor"}, headers=_auth(token), timeout=10
    )
    _problem(r, 400, "invalid_cursor")
    page = requests.get(
        f"{platform.base}{API}/changes",
        params={"scope": "410526", "limit": 5},
        headers=_auth(token),
        timeout=10,
    ).json()
    r = requests.get(
        f"{platform.base}{API}/changes",
        params={"scope": "620702", "after": page["next_cursor"]},
        headers=_auth(token),
        timeout=10,
    )
    _problem(r, 410, "cursor_expired")  # a cursor is only good for the scope it was issued for


def test_pages_are_gzipped_and_gzip_bodies_accepted(platform: Platform) -> None:
    token = token_for(platform.base)
    r = requests.get(f"{platform.base}{API}/changes", params={"limit": 200}, headers=_auth(token), timeout=10)
    assert r.headers.get("content-encoding") == "gzip"
    assert int(r.headers["content-length"]) < len(r.content)  # requests decoded it
    body = gzip.compress(
        json.dumps({"user": "huaxian", "password": "creditdesk-demo", "device": "gz"}).encode()
    )
    r = requests.post(
        f"{platform.base}{API}/auth/token",
        data=body,
        headers={"Content-Encoding": "gzip", "Content-Type": "application/json"},
        timeout=10,
    )
    assert r.status_code == 200 and r.json()["user"]["name"] == "huaxian"
    bad = requests.post(
        f"{platform.base}{API}/auth/token",
        data=b"\x1f\x8bnot gzip",
        headers={"Content-Encoding": "gzip"},
        timeout=10,
    )
    _problem(bad, 422, "invalid_request")
    odd = requests.post(
        f"{platform.base}{API}/auth/token", data=b"x", headers={"Content-Encoding": "br"}, timeout=10
    )
    _problem(odd, 415, "unsupported_encoding")


def test_openapi_document_is_served(platform: Platform) -> None:
    doc = requests.get(f"{platform.base}{API}/openapi.json", timeout=10).json()
    assert doc["openapi"].startswith("3.")
    assert {f"{API}/changes", f"{API}/auth/token", f"{API}/health", f"{API}/me"} <= set(doc["paths"])
    assert "Problem" in doc["components"]["schemas"]


@pytest.fixture(scope="module")
def strict(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    """A platform with a tight rate limit and tokens that expire at once."""
    yield from _platform("sqlite", tmp_path_factory.mktemp("strict"), rate_limit=2, token_minutes=0)


def test_rate_limit_answers_429_with_retry_after(strict: Platform) -> None:
    codes = [requests.get(f"{strict.base}{API}/health", timeout=10) for _ in range(8)]
    limited = [r for r in codes if r.status_code == 429]
    assert limited, [r.status_code for r in codes]
    _problem(limited[0], 429, "rate_limited")
    assert int(limited[0].headers["retry-after"]) >= 1


def test_expired_token_is_refused(strict: Platform) -> None:
    import time

    time.sleep(1.2)  # let the bucket refill
    token = token_for(strict.base)
    time.sleep(0.6)
    _problem(requests.get(f"{strict.base}{API}/me", headers=_auth(token), timeout=10), 401, "token_expired")
