"""Accounts: slow salted password hashes, tokens stored as digests, lockout, disabling."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from sync.server import accounts
from sync.server.db import account, token, write_begin

FAST_N = 2**10  # the tests' own accounts: the parameter travels with the hash


def _add(engine: sa.Engine, name: str = "huaxian", role: str = "window_clerk") -> None:
    with write_begin(engine) as conn:
        accounts.add_account(
            conn, name, "correct horse", display_name="张三", role=role, unit="滑县市场监督管理局",
            jurisdictions=["410526"], scrypt_n=FAST_N,
        )  # fmt: skip


def test_password_hash_is_salted_scrypt() -> None:
    a, b = accounts.hash_password("secret-123", n=FAST_N), accounts.hash_password("secret-123", n=FAST_N)
    assert a != b and a.startswith(f"scrypt${FAST_N}$8$1$")
    assert accounts.verify_password("secret-123", a)
    assert not accounts.verify_password("secret-124", a)
    assert not accounts.verify_password("secret-123", "garbage")


def test_sign_in_stores_only_the_token_digest(engine: sa.Engine) -> None:
    _add(engine)
    with write_begin(engine) as conn:
        value, _, acc = accounts.sign_in(conn, "huaxian", "correct horse", "pc-1", timedelta(hours=1))
    assert acc.jurisdictions == ("410526",)
    with engine.connect() as conn:
        stored = conn.execute(sa.select(token.c.token_hash)).scalars().all()
        assert stored == [accounts.token_digest(value)] and value not in stored
        got, _ = accounts.authenticate(conn, value)
        assert got.name == "huaxian"


def test_expired_revoked_and_disabled(engine: sa.Engine) -> None:
    _add(engine)
    with write_begin(engine) as conn:
        old, _, _ = accounts.sign_in(conn, "huaxian", "correct horse", "pc-1", timedelta(seconds=-1))
        live, _, _ = accounts.sign_in(conn, "huaxian", "correct horse", "pc-1", timedelta(hours=1))
    with engine.connect() as conn:
        with pytest.raises(accounts.SignInRefused) as exc:
            accounts.authenticate(conn, old)
        assert exc.value.code == "token_expired"
        with pytest.raises(accounts.SignInRefused) as exc:
            accounts.authenticate(conn, "not-a-token")
        assert exc.value.code == "token_invalid"
    with write_begin(engine) as conn:
        accounts.set_disabled(conn, "huaxian")
    with engine.connect() as conn, pytest.raises(accounts.SignInRefused) as exc:
        accounts.authenticate(conn, live)
    assert exc.value.code == "token_invalid"  # disabling revoked its tokens
    with write_begin(engine) as conn, pytest.raises(accounts.SignInRefused) as exc:
        accounts.sign_in(conn, "huaxian", "correct horse", "pc-1", timedelta(hours=1))
    assert exc.value.code == "account_disabled"


def test_repeated_wrong_passwords_lock_the_account(engine: sa.Engine) -> None:
    _add(engine)
    for _ in range(accounts.MAX_FAILED):
        with write_begin(engine) as conn, pytest.raises(accounts.SignInRefused) as exc:
            accounts.sign_in(conn, "huaxian", "wrong", "pc-1", timedelta(hours=1))
        assert exc.value.code == "invalid_credentials"
    with write_begin(engine) as conn, pytest.raises(accounts.SignInRefused) as exc:
        accounts.sign_in(conn, "huaxian", "correct horse", "pc-1", timedelta(hours=1))
    assert exc.value.code == "rate_limited" and exc.value.retry_after
    with engine.connect() as conn:
        assert conn.execute(sa.select(account.c.locked_until)).scalar() is not None


@pytest.mark.parametrize(
    ("jurisdictions", "ok"),
    [(["41"], True), (["4105", "620702"], True), (["4"], False), (["41052"], False), ([], False)],
)
def test_jurisdictions_are_division_prefixes(jurisdictions: list[str], ok: bool) -> None:
    if ok:
        assert accounts.check_jurisdictions(jurisdictions) == sorted(jurisdictions)
    else:
        with pytest.raises(accounts.AccountError):
            accounts.check_jurisdictions(jurisdictions)
