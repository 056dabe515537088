"""Accounts, passwords and tokens of the reference platform.

Passwords are hashed with scrypt (stdlib ``hashlib.scrypt``; N = 2**14, r = 8, p = 1, 16-byte
random salt per password, 32-byte key: ~50 ms and 16 MiB per attempt, which makes guessing
expensive without slowing a sign-in). The parameters travel with each hash, so they can be
raised later without invalidating old ones. Tokens are 32 random bytes (URL-safe text); only
their SHA-256 is stored. Five wrong passwords in a row lock the account for a few minutes.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

import sqlalchemy as sa

from credit.paths import resource
from sync import protocol
from sync.server.db import account, iso, now_utc, token

SCRYPT_N, SCRYPT_R, SCRYPT_P, SCRYPT_LEN = 2**14, 8, 1, 32
MAX_FAILED = 5
LOCK_MINUTES = 5
MIN_PASSWORD = 8
_JURISDICTION = re.compile(protocol.JURISDICTION_PATTERN)
_NAME = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")


class AccountError(ValueError):
    """Bad account data; ``reason`` is Chinese."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def hash_password(password: str, *, n: int = SCRYPT_N) -> str:
    salt = secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode(), salt=salt, n=n, r=SCRYPT_R, p=SCRYPT_P, dklen=SCRYPT_LEN)
    return f"scrypt${n}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${key.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(
            password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=len(key) // 2
        )
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(got.hex(), key)


#: What a failed sign-in costs even for an unknown user, so timing does not tell which names exist.
_DUMMY_HASH = hash_password(secrets.token_hex(8))


def token_digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


@dataclass(frozen=True)
class Account:
    name: str
    display_name: str
    role: str
    unit: str
    jurisdictions: tuple[str, ...]
    disabled: bool
    created_at: str

    def info(self) -> protocol.UserInfo:
        return protocol.UserInfo(
            name=self.name,
            display_name=self.display_name,
            role=self.role,  # type: ignore[arg-type]
            role_label=role_catalog()[self.role].label,
            unit=self.unit,
            jurisdictions=list(self.jurisdictions),
        )

    def covers(self, prefix: str) -> bool:
        """Whether ``prefix`` lies inside one of the account's jurisdictions."""
        return any(prefix.startswith(j) for j in self.jurisdictions)


@dataclass(frozen=True)
class RoleSpec:
    label: str
    permissions: frozenset[str]


@lru_cache(maxsize=1)
def role_catalog() -> dict[str, RoleSpec]:
    """``resources/catalogs/roles.json``: every role of the protocol, with its permissions."""
    with resource("catalogs", "roles.json").open(encoding="utf-8") as fh:
        raw = json.load(fh)["roles"]
    missing = set(protocol.ROLES) - set(raw)
    if missing:
        raise ValueError(f"roles.json lacks roles {sorted(missing)}")
    return {k: RoleSpec(v["label"], frozenset(v["permissions"])) for k, v in raw.items()}


def may(acc: Account, permission: str) -> bool:
    return permission in role_catalog()[acc.role].permissions


def _from_row(row: sa.Row[Any]) -> Account:
    return Account(
        row.name, row.display_name, row.role, row.unit, tuple(json.loads(row.jurisdictions)),
        bool(row.disabled), row.created_at,
    )  # fmt: skip


def check_jurisdictions(values: list[str]) -> list[str]:
    out = []
    for v in values:
        v = v.strip()
        if not _JURISDICTION.match(v):
            raise AccountError(f"辖区“{v}”应为 2、4 或 6 位行政区划代码前缀（如 41、4105、410526）。")
        out.append(v)
    if not out:
        raise AccountError("至少需要一个辖区。")
    return sorted(set(out))


def add_account(
    conn: sa.Connection,
    name: str,
    password: str,
    *,
    display_name: str,
    role: str,
    unit: str,
    jurisdictions: list[str],
    scrypt_n: int = SCRYPT_N,
) -> Account:
    if not _NAME.match(name):
        raise AccountError("用户名只能包含字母、数字、点、下划线和连字符（最多 64 个字符）。")
    if role not in protocol.ROLES:
        raise AccountError(f"角色“{role}”无效，应为 {'、'.join(protocol.ROLES)} 之一。")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"密码至少需要 {MIN_PASSWORD} 个字符。")
    scopes = check_jurisdictions(jurisdictions)
    if conn.execute(sa.select(account.c.name).where(account.c.name == name)).first() is not None:
        raise AccountError(f"用户“{name}”已存在。")
    conn.execute(
        account.insert().values(
            name=name, display_name=display_name or name, role=role, unit=unit,
            jurisdictions=json.dumps(scopes), password_hash=hash_password(password, n=scrypt_n),
            created_at=iso(now_utc()),
        )
    )  # fmt: skip
    got = get_account(conn, name)
    assert got is not None
    return got


def get_account(conn: sa.Connection, name: str) -> Account | None:
    row = conn.execute(sa.select(account).where(account.c.name == name)).first()
    return _from_row(row) if row is not None else None


def list_accounts(conn: sa.Connection) -> list[Account]:
    return [_from_row(r) for r in conn.execute(sa.select(account).order_by(account.c.name))]


def set_disabled(conn: sa.Connection, name: str, disabled: bool = True) -> None:
    done = conn.execute(account.update().where(account.c.name == name).values(disabled=int(disabled)))
    if not done.rowcount:
        raise AccountError(f"没有用户“{name}”。")
    if disabled:  # a disabled account's tokens stop working at once
        conn.execute(token.update().where(token.c.account == name).values(revoked=1))


class SignInRefused(Exception):
    def __init__(self, code: str, reason: str, retry_after: int | None = None) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.retry_after = retry_after


def sign_in(
    conn: sa.Connection, name: str, password: str, device: str, ttl: timedelta
) -> tuple[str, datetime, Account]:
    """A new token for correct credentials; raises :class:`SignInRefused` otherwise."""
    row = conn.execute(sa.select(account).where(account.c.name == name)).first()
    now = now_utc()
    if row is None:
        verify_password(password, _DUMMY_HASH)
        raise SignInRefused("invalid_credentials", "用户名或密码不正确。")
    if row.locked_until and datetime.fromisoformat(row.locked_until) > now:
        wait = int((datetime.fromisoformat(row.locked_until) - now).total_seconds()) + 1
        raise SignInRefused(
            "rate_limited", f"密码错误次数过多，账号已暂时锁定，请 {wait // 60 + 1} 分钟后再试。", wait
        )
    if not verify_password(password, row.password_hash):
        failed = row.failed_logins + 1
        values: dict[str, object] = {"failed_logins": failed}
        if failed >= MAX_FAILED:
            values = {"failed_logins": 0, "locked_until": iso(now + timedelta(minutes=LOCK_MINUTES))}
        conn.execute(account.update().where(account.c.name == name).values(**values))
        raise SignInRefused("invalid_credentials", "用户名或密码不正确。")
    if row.disabled:
        raise SignInRefused("account_disabled", "该账号已停用，请联系平台管理员。")
    conn.execute(account.update().where(account.c.name == name).values(failed_logins=0, locked_until=None))
    value = secrets.token_urlsafe(32)
    expires = now + ttl
    conn.execute(
        token.insert().values(
            token_hash=token_digest(value), account=name, device=device, issued_at=iso(now),
            expires_at=iso(expires),
        )
    )  # fmt: skip
    return value, expires, _from_row(row)


def authenticate(conn: sa.Connection, value: str) -> tuple[Account, datetime]:
    """The account behind a bearer token; raises :class:`SignInRefused` with the token code."""
    row = conn.execute(sa.select(token).where(token.c.token_hash == token_digest(value))).first()
    if row is None or row.revoked:
        raise SignInRefused("token_invalid", "登录凭据无效或已注销，请重新登录。")
    expires = datetime.fromisoformat(row.expires_at)
    if expires <= now_utc():
        raise SignInRefused("token_expired", "登录已过期，请重新登录。")
    acc = get_account(conn, row.account)
    if acc is None or acc.disabled:
        raise SignInRefused("account_disabled", "该账号已停用，请联系平台管理员。")
    return acc, expires


def revoke(conn: sa.Connection, value: str) -> None:
    conn.execute(token.update().where(token.c.token_hash == token_digest(value)).values(revoked=1))
