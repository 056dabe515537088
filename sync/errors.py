"""What can go wrong while syncing, each with a Chinese sentence a person can act on.

The GUI and the CLI show :attr:`SyncError.reason` as it is; :attr:`SyncError.code` is the
protocol's problem code (or a client-side one such as ``offline``) for programs and logs.
"""

from __future__ import annotations


class SyncError(Exception):
    code = "sync_failed"

    def __init__(self, reason: str, *, code: str | None = None, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        if code is not None:
            self.code = code
        self.status = status


class AuthRequired(SyncError):
    """No valid token: the user must sign in (again)."""

    code = "token_missing"


class CertificateProblem(SyncError):
    """The server's TLS certificate could not be verified. Never bypassed."""

    code = "certificate"


class Offline(SyncError):
    """The platform could not be reached (after retries)."""

    code = "offline"


class ServerRefused(SyncError):
    """The platform answered with a problem document that retrying will not fix."""


class CursorExpired(SyncError):
    """The platform cannot continue from the stored cursor: resync from zero."""

    code = "cursor_expired"


class ProtocolViolation(SyncError):
    """The platform sent something this client cannot trust (wrong shape, unknown kind …)."""

    code = "protocol"


class Cancelled(SyncError):
    """The user cancelled; whatever was committed stays, the rest resumes next time."""

    code = "cancelled"

    def __init__(self, reason: str = "同步已取消。已完成的部分已保存，下次同步会从中断处继续。") -> None:
        super().__init__(reason)


class NotSignedIn(AuthRequired):
    def __init__(self) -> None:
        super().__init__("尚未登录共享平台：请先登录（creditdesk login 或“同步”页的“登录”）。")
