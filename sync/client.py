"""The sync engine the GUI and the CLI share (no Qt): sign in, pull, status.

:class:`SyncClient` is built per data directory. It reads ``sync.json`` for the platform and
user, finds the token (keyring or memory, :mod:`sync.account`), and runs the push of field work
(:mod:`sync.push`) and the pull (:mod:`sync.pull`) against the store the caller already has open;
:meth:`SyncClient.sync` backs the work database up, pushes, then pulls.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sync import account as account_mod
from sync import protocol
from sync.errors import AuthRequired, NotSignedIn, SyncError
from sync.pull import PullResult, pull
from sync.push import PushResult
from sync.state import read_state, record_error, record_success
from sync.transport import Transport

if TYPE_CHECKING:
    from credit.store.db import Store

#: Warn when the platform's clock and ours differ by more than this.
SKEW_WARN = protocol.CLOCK_SKEW_WARN_SECONDS


@dataclass
class SignedIn:
    user: protocol.UserInfo
    expires_at: datetime
    token_storage: str  # keyring / memory
    clock_skew_seconds: float | None

    @property
    def storage_note(self) -> str | None:
        return account_mod.NO_KEYRING if self.token_storage == "memory" else None


@dataclass
class SyncResult:
    pull: PullResult | None
    pending_outbox: int
    clock_warning: str | None
    push: PushResult | None = None
    backup: Path | None = None
    attention: int = 0  # rows rejected or in conflict: a person must look at them

    def summary_lines(self) -> list[str]:
        """What the sync did, a line each for the push, the pull and the queue (``creditdesk
        sync``; the 同步 page words the same in the interface's language)."""
        lines = []
        if self.push is not None:
            lines.append(push_summary(self.push))
            lines.extend(self.push.problems)
        p = self.pull
        if p is not None:
            head = "首次同步完成" if p.full else "同步完成"
            text = f"{head}：接收 {p.applied:,} 条变更（更新 {p.upserts:,}，删除 {p.deletes:,}）"
            if p.snapshot is not None:
                c = p.snapshot.counts
                text = (
                    f"{head}：载入平台数据快照（{c.get('entity', 0):,} 户主体、"
                    f"{sum(c.values()) - c.get('entity', 0):,} 条信用记录），"
                    f"其后接收 {p.applied:,} 条变更"
                )
            if p.as_of:
                text += f"，本机数据截至 {p.as_of[:16].replace('T', ' ')}"
            text += "。"
            if p.resynced_because:
                text += f"（已从头重新同步：{p.resynced_because}）"
            lines.append(text)
        if self.pending_outbox:
            tail = f"本机待上传 {self.pending_outbox:,} 条。"
        else:
            tail = "本机没有等待上传的记录。" if self.attention else "本机记录已全部上传。"
        if self.attention:
            tail += f"{self.attention:,} 条记录被拒收或有冲突，需要处理。"
        lines.append(tail)
        return lines

    @property
    def summary(self) -> str:
        return "\n".join(self.summary_lines())


def push_summary(r: PushResult) -> str:
    if not r.sent and not r.attachments:
        return "上传：没有需要上传的记录。" if not r.held else f"上传：{r.held:,} 条记录等待其所依附的记录。"
    text = f"上传 {r.sent:,} 条记录"
    if r.attachments:
        text += f"、{r.attachments:,} 个附件"
    text += f"：平台新接收 {r.accepted:,} 条"
    if r.duplicate:
        text += f"，已有 {r.duplicate:,} 条（此前已送达，未重复记录）"
    extra = []
    if r.conflict:
        extra.append(f"{r.conflict:,} 条有冲突")
    if r.rejected:
        extra.append(f"{r.rejected:,} 条被拒收")
    if r.held:  # held back, or answered "later" (counted once: they are held at the end)
        extra.append(f"{r.held:,} 条等待其所依附的记录")
    return text + ("，" + "，".join(extra) if extra else "") + "。"


def clock_warning(offset: float | None) -> str | None:
    if offset is None or abs(offset) <= SKEW_WARN:
        return None
    minutes = round(abs(offset) / 60)
    side = "慢" if offset > 0 else "快"
    return f"本机时钟比平台{side}约 {minutes} 分钟，登录有效期和记录时间可能出错，请校准系统时间。"


class SyncClient:
    def __init__(self, data_dir: Path, *, transport_factory: Callable[..., Transport] = Transport) -> None:
        self.data_dir = data_dir
        self.account = account_mod.load(data_dir)
        self._transport_factory = transport_factory
        #: What a running pull is doing beyond the feed (:data:`sync.snapshot.STAGES`), for the
        #: progress text; None while it applies change pages.
        self.stage: str | None = None

    # -- signing in -------------------------------------------------------------------------

    def transport(self, server: str | None = None, ca_bundle: str | None = None) -> Transport:
        return self._transport_factory(
            server or self.account.server, ca_bundle=ca_bundle or self.account.ca_bundle
        )

    def login(
        self,
        server: str,
        user: str,
        password: str,
        *,
        device: str | None = None,
        ca_bundle: str | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> SignedIn:
        """Sign in and keep the token (keyring, else memory); raises :class:`SyncError`."""
        server = normalize_server(server)
        if ca_bundle and not Path(ca_bundle).is_file():
            raise SyncError(f"找不到 CA 证书文件：{ca_bundle}", code="ca_bundle")
        acc = account_mod.Account(server=server, user=user, ca_bundle=ca_bundle or None)
        if device:
            acc.device = device
        elif self.account.device:
            acc.device = self.account.device
        transport = self.transport(server, ca_bundle)
        try:
            body = transport.request(
                "POST",
                "/auth/token",
                body={"user": user, "password": password, "device": acc.device},
                cancelled=cancelled,
            )
        finally:
            transport.close()
        got = protocol.TokenResponse.model_validate(body)
        info = got.user
        acc.display_name, acc.role, acc.role_label = info.display_name, info.role, info.role_label
        acc.unit, acc.jurisdictions = info.unit, list(info.jurisdictions)
        acc.token_expires_at = got.expires_at.astimezone(UTC).isoformat()
        if self.account.configured and (self.account.server, self.account.user) != (server, user):
            account_mod.forget_token(self.data_dir, self.account)
        acc.device_no = got.device_no
        where = account_mod.store_token(self.data_dir, acc, got.token)
        account_mod.save(self.data_dir, acc)
        self.account = acc
        from credit.operator import Operator

        Operator.sign_in(
            self.data_dir, user=info.display_name or info.name, unit=info.unit, device_no=got.device_no
        )
        return SignedIn(info, got.expires_at, where, transport.clock_offset)

    def logout(self) -> None:
        """Revoke the token on the platform (best effort) and forget it here."""
        token = self.token()
        if token:
            transport = self.transport()
            try:
                transport.request("DELETE", "/auth/token", token=token)
            except SyncError:
                pass  # offline: the token expires by itself
            finally:
                transport.close()
        account_mod.forget_token(self.data_dir, self.account)
        self.account.token_expires_at = None
        account_mod.save(self.data_dir, self.account)

    def token(self) -> str | None:
        if not self.account.configured or self.account.token_expired():
            return None
        return account_mod.read_token(self.data_dir, self.account)

    def ensure_token(self, password: str | None = None) -> str:
        """A usable token, signing in again with ``password`` (or ``CREDITDESK_SYNC_PASSWORD``)
        when the stored one is missing or expired; raises :class:`AuthRequired`."""
        token = self.token()
        if token:
            return token
        if not self.account.configured:
            raise NotSignedIn()
        password = password or os.environ.get(account_mod.PASSWORD_ENV)
        if not password:
            expired = self.account.token_expires_at is not None
            raise AuthRequired(
                "登录已过期，请重新登录。" if expired else "请登录共享平台。",
                code="token_expired" if expired else "token_missing",
            )
        self.login(self.account.server, self.account.user, password, ca_bundle=self.account.ca_bundle)
        token = self.token()
        assert token is not None
        return token

    # -- syncing ----------------------------------------------------------------------------

    def pull(
        self,
        store: Store,
        *,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        password: str | None = None,
        page_size: int | None = None,
    ) -> PullResult:
        """Pull the signed-in user's jurisdictions into ``store``'s cache."""
        try:
            token = self.ensure_token(password)
            transport = self.transport()
            try:
                try:
                    return self._pull(store, transport, token, progress, cancelled, page_size)
                except AuthRequired:
                    # the token died since we checked (expired, revoked): sign in once more if we can
                    password = password or os.environ.get(account_mod.PASSWORD_ENV)
                    if not password:
                        raise
                    account_mod.forget_token(self.data_dir, self.account)
                    self.account.token_expires_at = None
                    token = self.ensure_token(password)
                    return self._pull(store, transport, token, progress, cancelled, page_size)
            finally:
                transport.close()
        except SyncError as exc:
            if exc.code != "cancelled":
                with store.write_cache() as conn:
                    record_error(conn, exc.reason)
            raise

    def _pull(
        self,
        store: Store,
        transport: Transport,
        token: str,
        progress: Callable[[int, int], None] | None,
        cancelled: Callable[[], bool] | None,
        page_size: int | None,
    ) -> PullResult:
        acc = self.account
        from sync.snapshot import Bootstrap

        scope = list(acc.jurisdictions)
        boot = Bootstrap(
            store, transport, token, server=acc.server, user=acc.user, scope=scope,
            on_stage=lambda stage: setattr(self, "stage", stage),
        )  # fmt: skip
        try:
            result = pull(
                store, transport, token, server=acc.server, user=acc.user, scope=scope,
                progress=progress, cancelled=cancelled, page_size=page_size, bootstrap=boot,
            )  # fmt: skip
        finally:
            self.stage = None
        with store.write_cache() as conn:
            record_success(conn)
        return result

    def push(
        self,
        store: Store,
        *,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        password: str | None = None,
        batch_size: int | None = None,
        renew: Callable[[], str | None] | None = None,
    ) -> PushResult:
        """Deliver the outbox. A token that expires meanwhile is renewed by signing in again with
        ``password`` (or ``CREDITDESK_SYNC_PASSWORD``), else by ``renew`` (asks the user; returns
        a password or None), and the same batch is sent again."""
        from sync.push import DEFAULT_BATCH
        from sync.push import push as run_push

        def again() -> str:
            secret = password or os.environ.get(account_mod.PASSWORD_ENV) or (renew() if renew else None)
            if not secret:
                raise AuthRequired("登录已过期，请重新登录后继续上传。", code="token_expired")
            account_mod.forget_token(self.data_dir, self.account)
            self.account.token_expires_at = None
            return self.ensure_token(secret)

        try:
            token = self.ensure_token(password)
            transport = self.transport()
            try:
                return run_push(
                    store, transport, token, renew=again, batch_size=batch_size or DEFAULT_BATCH,
                    progress=progress, cancelled=cancelled,
                )  # fmt: skip
            finally:
                transport.close()
        except SyncError as exc:
            if exc.code != "cancelled":
                with store.write_cache() as conn:
                    record_error(conn, exc.reason)
            raise

    def sync(
        self,
        store: Store,
        *,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        password: str | None = None,
        push: bool = True,
        pull: bool = True,
        page_size: int | None = None,
        renew: Callable[[], str | None] | None = None,
        on_phase: Callable[[str], None] | None = None,
        batch_size: int | None = None,
    ) -> SyncResult:
        """Back the work database up, push the outbox, then pull (either can be left out)."""
        backup = backup_before_sync(store)  # a pull too may write work (platform fulfilments)
        pushed = None
        if push:
            if on_phase:
                on_phase("push")
            pushed = self.push(
                store, progress=progress, cancelled=cancelled, password=password, renew=renew,
                batch_size=batch_size,
            )
        pulled = None
        if pull:
            if on_phase:
                on_phase("pull")
            pulled = self.pull(
                store, progress=progress, cancelled=cancelled, password=password, page_size=page_size
            )
            from credit.platform_commitments import refresh_local_commitments

            refresh_local_commitments(store)
        elif pushed is not None:
            with store.write_cache() as conn:
                record_success(conn)
        skew = pulled.clock_skew_seconds if pulled is not None else None
        return SyncResult(
            pulled, pending_outbox(store), clock_warning(skew), pushed, backup, attention_count(store)
        )

    def verify(self, code: str, *, password: str | None = None) -> protocol.VerifyAnswer:
        """Ask the platform whether a printed report with verification ``code`` is genuine."""
        from urllib.parse import quote

        token = self.ensure_token(password)
        transport = self.transport()
        try:
            body = transport.request("GET", f"/verify/{quote(code.strip(), safe='')}", token=token)
        finally:
            transport.close()
        return protocol.VerifyAnswer.model_validate(body)

    def status(self, store: Store | None) -> dict[str, Any]:
        """What ``creditdesk status --json`` prints and the 同步 page shows."""
        acc = self.account
        out: dict[str, Any] = {
            "server": acc.server or None,
            "user": acc.user or None,
            "display_name": acc.display_name or None,
            "role": acc.role_label or acc.role or None,
            "unit": acc.unit or None,
            "jurisdictions": acc.jurisdictions,
            "token_expires_at": acc.token_expires_at,
            "signed_in": self.token() is not None,
            "token_storage": account_mod.token_storage(),
        }
        if store is not None:
            with store.cache.connect() as conn:
                st = read_state(conn)
            out.update(
                cursor=st.cursor,
                cursor_seq=protocol.cursor_seq(st.cursor) if st.cursor else None,
                changes_applied=st.applied,
                first_sync_incomplete=st.bulk,
                last_sync=st.last_ok,
                data_as_of=st.as_of,
                platform_changed_at=st.platform_changed_at,
                data_source=st.source,
                last_error=st.last_error,
                last_error_at=st.last_error_at,
                pending_outbox=pending_outbox(store),
                outbox_counts=outbox_counts(store),
            )
        return out


def pending_outbox(store: Store) -> int:
    from credit.store import outbox

    with store.work.connect() as conn:
        return outbox.pending_count(conn)


def attention_count(store: Store) -> int:
    from credit.store import outbox

    with store.work.connect() as conn:
        c = outbox.counts(conn)
    return c[outbox.CONFLICT] + c[outbox.REJECTED]


#: Backups taken before a sync that are kept (older ones are removed).
KEEP_SYNC_BACKUPS = 10
SYNC_BACKUP_LABEL = "before-sync"


def backup_before_sync(store: Store, keep: int = KEEP_SYNC_BACKUPS) -> Path:
    """An encrypted copy of the work database before the sync touches it; keeps the last ``keep``."""
    from credit.store.schema import backup_work

    target = backup_work(store, SYNC_BACKUP_LABEL)
    olds = sorted(target.parent.glob(f"work-*-{SYNC_BACKUP_LABEL}*.db"))
    for old in olds[:-keep] if keep > 0 else olds:
        old.unlink(missing_ok=True)
    return target


def outbox_counts(store: Store) -> dict[str, int]:
    from credit.store import outbox

    with store.work.connect() as conn:
        return outbox.counts(conn)


def normalize_server(url: str) -> str:
    url = url.strip().rstrip("/")
    if not url:
        raise SyncError("请填写共享平台地址，例如 https://xypt.example.gov.cn", code="invalid_url")
    if "://" not in url:
        url = "https://" + url
    if not url.startswith(("https://", "http://")):
        raise SyncError(f"平台地址“{url}”无效：应以 https:// 开头。", code="invalid_url")
    return url.removesuffix(protocol.API_PREFIX)


__all__ = [
    "SignedIn", "SyncClient", "SyncResult", "attention_count", "backup_before_sync", "clock_warning",
    "normalize_server", "outbox_counts", "pending_outbox", "push_summary",
]  # fmt: skip
