"""The pull's progress, kept in the cache's ``cache_info`` beside the data it describes.

The cursor is written in the same transaction as the page it follows, so cache and cursor can
never disagree; a reset of the cache forgets both together. The keys:

``sync_cursor``      where the next page starts (opaque, from the platform)
``sync_server``, ``sync_user``, ``sync_scope``   whose feed the cache holds (a change → resync)
``sync_bulk``        "1" while a first sync is loading without indexes (resume in bulk, rebuild)
``sync_applied``     changes applied since the cache was last emptied (proves none applied twice)
``sync_last_ok``     end of the last complete sync (local time, ISO)
``sync_last_error``  the last failure in words, with ``sync_last_error_at``; cleared on success
``as_of``, ``source``  the platform's clock when the last page was read (the data is current as of
                      then), shown in the status bar and on reports
``platform_changed_at``  when the platform's data last changed
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa

from credit.store.loader import get_info, set_info


def now_local() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass
class PullState:
    cursor: str | None = None
    server: str | None = None
    user: str | None = None
    scope: list[str] = field(default_factory=list)
    bulk: bool = False
    applied: int = 0
    last_ok: str | None = None
    last_error: str | None = None
    last_error_at: str | None = None
    as_of: str | None = None
    platform_changed_at: str | None = None
    source: str | None = None

    def matches(self, server: str, user: str, scope: list[str]) -> bool:
        return self.server == server and self.user == user and sorted(self.scope) == sorted(scope)


def read_state(conn: sa.Connection) -> PullState:
    info = get_info(conn)
    return PullState(
        cursor=info.get("sync_cursor") or None,
        server=info.get("sync_server"),
        user=info.get("sync_user"),
        scope=json.loads(info.get("sync_scope") or "[]"),
        bulk=info.get("sync_bulk") == "1",
        applied=int(info.get("sync_applied") or 0),
        last_ok=info.get("sync_last_ok") or None,
        last_error=info.get("sync_last_error") or None,
        last_error_at=info.get("sync_last_error_at") or None,
        as_of=info.get("as_of"),
        platform_changed_at=info.get("platform_changed_at"),
        source=info.get("source"),
    )


def write_owner(conn: sa.Connection, server: str, user: str, scope: list[str]) -> None:
    set_info(
        conn,
        sync_server=server,
        sync_user=user,
        sync_scope=json.dumps(sorted(scope)),
        source=f"platform:{server}",
    )


def record_error(conn: sa.Connection, reason: str) -> None:
    set_info(conn, sync_last_error=reason, sync_last_error_at=now_local())


def record_success(conn: sa.Connection) -> None:
    set_info(conn, sync_last_ok=now_local(), sync_last_error="", sync_last_error_at="")
