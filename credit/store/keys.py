"""The database key: random and kept in the OS keyring, or derived from a passphrase.

Laptops get lost, so both databases are SQLCipher files. The preferred key is 32 random bytes
stored in the OS keyring (Windows Credential Manager, macOS Keychain, Secret Service). Where no
trustworthy keyring exists, the user sets a passphrase instead and is told why; the key is never
written to a file in plaintext, and a plaintext keyring backend does not count as a keyring.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

SERVICE = "CreditDesk"
MODE_FILE = "keymode"
SALT_FILE = "keysalt"
#: PBKDF2-HMAC-SHA512 rounds, as SQLCipher 4 uses by default; run once per unlock, not per
#: connection, because the derived key is then handed to SQLCipher as a raw key.
KDF_ROUNDS = 256_000
PASSPHRASE_ENV = "CREDITDESK_PASSPHRASE"
MIN_PASSPHRASE = 8

NO_KEYRING_REASON = (
    "本机没有可用的系统钥匙串（Windows 凭据管理器、macOS 钥匙串或 Secret Service），"
    "无法安全地保存随机生成的数据库密钥。为保证本地数据加密，请设置一个口令；"
    "以后每次启动时都需要输入该口令。口令遗失后本地数据无法恢复，只能重新同步。"
)


class KeyProblem(Exception):
    """Base for key problems; ``reason`` is a Chinese sentence a user can act on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class NeedPassphrase(KeyProblem):
    """The data directory must be unlocked (or first protected) with a passphrase."""

    def __init__(self, reason: str, *, new: bool) -> None:
        super().__init__(reason)
        self.new = new


class KeyUnavailable(KeyProblem):
    """The keyring should hold the key but does not (another user, another machine)."""


@dataclass(frozen=True)
class DbKey:
    """What to hand to ``PRAGMA key``; ``mode`` is ``keyring`` or ``passphrase``."""

    pragma_value: str
    mode: str

    def __repr__(self) -> str:  # never print the secret
        return f"DbKey(mode={self.mode!r})"


def _untrusted(backend: object) -> bool:
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    return "fail" in name or "Plaintext" in name or "null" in name.lower()


def usable_keyring() -> KeyringBackend | None:
    """The active keyring backend if it stores secrets safely, else None."""
    backend = keyring.get_keyring()
    if _untrusted(backend):
        return None
    if hasattr(backend, "backends"):  # a chainer: it may hand the secret to any of them
        chained = getattr(backend, "backends")  # noqa: B009 (mypy)
        if not chained or any(_untrusted(b) for b in chained):
            return None
    return backend


def _account(data_dir: Path) -> str:
    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return f"db-key-{digest}"


def _raw(hex_key: str) -> str:
    return f"\"x'{hex_key}'\""


def _from_passphrase(data_dir: Path, passphrase: str) -> DbKey:
    """Derive the raw key from the passphrase and the directory's (non-secret) salt."""
    salt_path = data_dir / SALT_FILE
    if not salt_path.exists():
        salt_path.write_text(secrets.token_hex(16) + "\n", encoding="utf-8")
    salt = bytes.fromhex(salt_path.read_text(encoding="utf-8").strip())
    derived = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ROUNDS, 32)
    return DbKey(_raw(derived.hex()), "passphrase")


def key_mode(data_dir: Path) -> str | None:
    path = data_dir / MODE_FILE
    return path.read_text(encoding="utf-8").strip() if path.exists() else None


def resolve_key(data_dir: Path, passphrase: str | None = None) -> DbKey:
    """Find (or on first use create) the key for ``data_dir``.

    Raises :class:`NeedPassphrase` when a passphrase is required but was not given, and
    :class:`KeyUnavailable` when the keyring lost the key.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    passphrase = passphrase or os.environ.get(PASSPHRASE_ENV) or None
    mode = key_mode(data_dir)
    if mode == "passphrase":
        if not passphrase:
            raise NeedPassphrase("本地数据已用口令加密，请输入口令解锁。", new=False)
        return _from_passphrase(data_dir, passphrase)
    if mode == "keyring":
        try:
            stored = keyring.get_password(SERVICE, _account(data_dir))
        except keyring.errors.KeyringError as exc:
            raise KeyUnavailable(f"无法读取系统钥匙串：{exc}。请确认已登录桌面会话后重试。") from exc
        if not stored:
            raise KeyUnavailable(
                "系统钥匙串中找不到本地数据的密钥（可能换了用户或电脑）。"
                "本地缓存可重新同步获得；未上传的工作记录需要原电脑上的密钥才能打开。"
            )
        return DbKey(_raw(stored), "keyring")
    return _create_key(data_dir, passphrase)


def _create_key(data_dir: Path, passphrase: str | None) -> DbKey:
    if passphrase:
        if len(passphrase) < MIN_PASSPHRASE:
            raise NeedPassphrase(f"口令至少需要 {MIN_PASSPHRASE} 个字符。", new=True)
        key = _from_passphrase(data_dir, passphrase)
        (data_dir / MODE_FILE).write_text("passphrase\n", encoding="utf-8")
        return key
    if usable_keyring() is None:
        raise NeedPassphrase(NO_KEYRING_REASON, new=True)
    try:
        existing = keyring.get_password(SERVICE, _account(data_dir))
    except keyring.errors.KeyringError:
        existing = None
    if existing:
        # The mode file was lost but the keyring still holds this directory's key: reuse it.
        # Overwriting it would make the existing (encrypted) work unrecoverable.
        (data_dir / MODE_FILE).write_text("keyring\n", encoding="utf-8")
        return DbKey(_raw(existing), "keyring")
    hex_key = secrets.token_hex(32)
    try:
        keyring.set_password(SERVICE, _account(data_dir), hex_key)
        if keyring.get_password(SERVICE, _account(data_dir)) != hex_key:
            raise keyring.errors.KeyringError("写入后读回的值不一致")
    except keyring.errors.KeyringError as exc:
        raise NeedPassphrase(f"{NO_KEYRING_REASON}（钥匙串错误：{exc}）", new=True) from exc
    (data_dir / MODE_FILE).write_text("keyring\n", encoding="utf-8")
    return DbKey(_raw(hex_key), "keyring")
