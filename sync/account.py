"""Who this data directory signs in as, and where the token is kept.

``sync.json`` in the data directory holds what is not secret: the platform address, the user
name, an optional CA bundle, and what sign-in told us (role, unit, jurisdictions, token expiry).
The token itself goes to the OS keyring only. With no trustworthy keyring (the same test as the
database key, :func:`credit.store.keys.usable_keyring`) it is held in memory for this run and
the user signs in again next time — it is never written to a file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import platform
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import keyring
import keyring.errors

from credit.store.keys import usable_keyring

ACCOUNT_FILE = "sync.json"
KEYRING_SERVICE = "CreditDesk-sync"
PASSWORD_ENV = "CREDITDESK_SYNC_PASSWORD"
NO_KEYRING = (
    "本机没有可用的系统钥匙串，登录凭据只保存在本次运行的内存中，不会写入文件；"
    "下次启动 CreditDesk 时需要重新登录。"
)

#: Tokens of this process when there is no keyring: (data dir, server, user) → token.
_MEMORY: dict[tuple[str, str, str], str] = {}


@dataclass
class Account:
    server: str = ""
    user: str = ""
    ca_bundle: str | None = None
    device: str = field(default_factory=lambda: platform.node() or "unknown")
    display_name: str = ""
    role: str = ""
    role_label: str = ""
    unit: str = ""
    jurisdictions: list[str] = field(default_factory=list)
    token_expires_at: str | None = None
    device_no: str | None = None  # the platform's number for this device (heads commitment serials)

    @property
    def configured(self) -> bool:
        return bool(self.server and self.user)

    def token_expired(self, now: datetime | None = None) -> bool:
        if not self.token_expires_at:
            return True
        return datetime.fromisoformat(self.token_expires_at) <= (now or datetime.now(UTC))


def load(data_dir: Path) -> Account:
    path = data_dir / ACCOUNT_FILE
    if not path.exists():
        return Account()
    raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    known = {k: v for k, v in raw.items() if k in Account.__dataclass_fields__}
    return Account(**known)


def save(data_dir: Path, account: Account) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / ACCOUNT_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(account), ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)


def _key(data_dir: Path, account: Account) -> tuple[str, str, str]:
    return (str(data_dir.resolve()), account.server, account.user)


def _keyring_name(data_dir: Path, account: Account) -> str:
    digest = hashlib.sha256("\x1f".join(_key(data_dir, account)).encode()).hexdigest()[:16]
    return f"token-{account.user}-{digest}"


def token_storage() -> str:
    """``keyring`` or ``memory`` (no keyring on this machine)."""
    return "keyring" if usable_keyring() is not None else "memory"


def store_token(data_dir: Path, account: Account, token: str) -> str:
    """Keep the token; returns where (``keyring`` or ``memory``)."""
    if usable_keyring() is not None:
        try:
            keyring.set_password(KEYRING_SERVICE, _keyring_name(data_dir, account), token)
            _MEMORY.pop(_key(data_dir, account), None)
            return "keyring"
        except keyring.errors.KeyringError:
            pass
    _MEMORY[_key(data_dir, account)] = token
    return "memory"


def read_token(data_dir: Path, account: Account) -> str | None:
    if not account.configured:
        return None
    got = _MEMORY.get(_key(data_dir, account))
    if got:
        return got
    if usable_keyring() is None:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, _keyring_name(data_dir, account))
    except keyring.errors.KeyringError:
        return None


def forget_token(data_dir: Path, account: Account) -> None:
    _MEMORY.pop(_key(data_dir, account), None)
    if usable_keyring() is None:
        return
    with contextlib.suppress(keyring.errors.KeyringError):  # nothing stored
        keyring.delete_password(KEYRING_SERVICE, _keyring_name(data_dir, account))
