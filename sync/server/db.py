"""The platform's own database: current state, placements, the change log, accounts.

SQLite by default (``var/server/platform.db``), PostgreSQL through ``DATABASE_URL``; the same
SQLAlchemy Core tables serve both. What a record *is* lives in ``record`` (one row per kind and
id, its payload as JSON text); *who may see it* in ``placement`` (one row per division the record
is shared with — usually one; a person's listing is placed with every division where the person
represents an entity); *what happened* in ``change``, the append-only feed the laptops pull.

Kinds are open text, so the pushed kinds of sync part 2 (commitment, check_record,
inspection, rectification, interview …) are stored the same way: ``record.version`` is the base
version a pushed edit of a shared record is checked against.
"""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event

from credit.paths import ROOT

meta = sa.MetaData()
T = sa.Text

DEFAULT_DB = ROOT / "var" / "server" / "platform.db"
DATABASE_URL_ENV = "DATABASE_URL"

#: Current state per record. ``deleted``: removed by the platform (an import's deletion, an
#: entity struck out); ``withdraw_on``: the first day it is no longer shared (credit repair, end
#: of a listing — :mod:`credit.domain.sharing`), ``withdrawn`` once that day has come.
record = sa.Table(
    "record",
    meta,
    sa.Column("kind", T, primary_key=True),
    sa.Column("id", T, primary_key=True),
    sa.Column("uscc", T),
    sa.Column("person_id", T),  # a person's record: the person; an entity: its legal representative
    sa.Column("division_code", T),  # an entity's division; null for other kinds (they follow it)
    sa.Column("payload", T, nullable=False),  # canonical JSON object
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("deleted", sa.Integer, nullable=False, server_default="0"),
    sa.Column("withdraw_on", T),
    sa.Column("withdrawn", sa.Integer, nullable=False, server_default="0"),
    sa.Column("source", T),
    sa.Column("updated_at", T, nullable=False),
    sa.Index("ix_record_uscc", "uscc"),
    sa.Index("ix_record_person", "person_id"),
    sa.Index("ix_record_withdraw", "withdrawn", "withdraw_on"),
)

placement = sa.Table(
    "placement",
    meta,
    sa.Column("kind", T, primary_key=True),
    sa.Column("id", T, primary_key=True),
    sa.Column("division_code", T, primary_key=True),
)

#: The feed. ``seq`` is handed out from ``feed_counter`` at the end of each write transaction
#: (see :mod:`sync.server.feed`), never from an autoincrement or a sequence.
change = sa.Table(
    "change",
    meta,
    sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("kind", T, nullable=False),
    sa.Column("id", T, nullable=False),
    sa.Column("division_code", T, nullable=False),
    sa.Column("op", T, nullable=False),  # upsert / delete
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("payload", T),  # JSON array in protocol field order; null for a delete
    sa.Column("at", T, nullable=False),
    sa.Index("ix_change_key", "kind", "id", "division_code", "seq"),
)

#: One row (id = 1): the last seq handed out and when; the row lock serialises the feed.
feed_counter = sa.Table(
    "feed_counter",
    meta,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("last", sa.BigInteger, nullable=False),
    sa.Column("as_of", T),
)

#: The negative control of the feed test only: a counter taken outside the write transaction,
#: like a database sequence (``seq_mode="naive"``).
naive_counter = sa.Table(
    "naive_counter",
    meta,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("last", sa.BigInteger, nullable=False),
)

#: Key/value facts: ``feed_id`` (a new database is a new feed: old cursors are refused),
#: ``expired_through`` (the newest seq compaction dropped a tombstone at) and ``compaction_gen``
#: (how many compactions dropped tombstones: a cursor issued before the latest one and standing
#: before ``expired_through`` is refused), ``platform_name``.
platform_info = sa.Table(
    "platform_info",
    meta,
    sa.Column("key", T, primary_key=True),
    sa.Column("value", T, nullable=False),
)

account = sa.Table(
    "account",
    meta,
    sa.Column("name", T, primary_key=True),
    sa.Column("display_name", T, nullable=False),
    sa.Column("role", T, nullable=False),
    sa.Column("unit", T, nullable=False),
    sa.Column("jurisdictions", T, nullable=False),  # JSON list of division-code prefixes
    sa.Column("password_hash", T, nullable=False),  # scrypt$n$r$p$salt$hash (sync.server.passwords)
    sa.Column("disabled", sa.Integer, nullable=False, server_default="0"),
    sa.Column("failed_logins", sa.Integer, nullable=False, server_default="0"),
    sa.Column("locked_until", T),
    sa.Column("created_at", T, nullable=False),
)

#: Issued tokens: only the SHA-256 of a token is stored, so a copy of the database signs no one in.
token = sa.Table(
    "token",
    meta,
    sa.Column("token_hash", T, primary_key=True),
    sa.Column("account", T, sa.ForeignKey("account.name"), nullable=False),
    sa.Column("device", T, nullable=False),
    sa.Column("issued_at", T, nullable=False),
    sa.Column("expires_at", T, nullable=False),
    sa.Column("revoked", sa.Integer, nullable=False, server_default="0"),
    sa.Index("ix_token_account", "account"),
)


# -- pushed field work (sync part 2) -----------------------------------------------------------

#: Every record a laptop pushed, as it now stands (the entity's credit record of field work):
#: one row per kind and client UUID; a fulfilment updates its commitment's row and version.
pushed_record = sa.Table(
    "pushed_record",
    meta,
    sa.Column("kind", T, primary_key=True),
    sa.Column("id", T, primary_key=True),
    sa.Column("subject", T),  # the entity's USCC or the person's ID number
    sa.Column("division_code", T),
    sa.Column("payload", T, nullable=False),  # canonical JSON as accepted
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("account", T, nullable=False),
    sa.Column("device", T, nullable=False),
    sa.Column("received_at", T, nullable=False),
    sa.Column("updated_at", T, nullable=False),
    sa.Index("ix_pushed_subject", "subject"),
)

#: The idempotency keys: one row per (kind, client UUID, version) accepted, with the content's
#: hash — the same key with the same hash again is a duplicate, with another hash a conflict.
receipt = sa.Table(
    "receipt",
    meta,
    sa.Column("kind", T, primary_key=True),
    sa.Column("id", T, primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("content_hash", T, nullable=False),
    sa.Column("account", T, nullable=False),
    sa.Column("device", T, nullable=False),
    sa.Column("at", T, nullable=False),
)

#: 承诺编码 are unique platform-wide: a second commitment with a taken code is refused.
commitment_code = sa.Table(
    "commitment_code",
    meta,
    sa.Column("code", T, primary_key=True),
    sa.Column("id", T, nullable=False),
)

#: Verification codes of printed reports (credit check reports, inspection records) and the
#: content each covers, for ``GET /verify/{code}``.
verification = sa.Table(
    "verification",
    meta,
    sa.Column("code", T, primary_key=True),
    sa.Column("kind", T, nullable=False),
    sa.Column("record_id", T, nullable=False),
    sa.Column("unit", T),
    sa.Column("content", T, nullable=False),
    sa.Column("received_at", T, nullable=False),
)

#: Attachments, content-addressed: parts arrive in order (resumable), ``complete`` once the
#: whole has the SHA-256 it is named by.
attachment = sa.Table(
    "attachment",
    meta,
    sa.Column("sha256", T, primary_key=True),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("received", sa.BigInteger, nullable=False),
    sa.Column("complete", sa.Integer, nullable=False, server_default="0"),
    sa.Column("account", T, nullable=False),
    sa.Column("created_at", T, nullable=False),
)

attachment_part = sa.Table(
    "attachment_part",
    meta,
    sa.Column("sha256", T, primary_key=True),
    sa.Column("start", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
)

#: Devices that signed in: the two-digit number heading their commitment serials, and the audit
#: head the platform acknowledged last (a later, shorter or different log is reported).
device = sa.Table(
    "device",
    meta,
    sa.Column("account", T, primary_key=True),
    sa.Column("device", T, primary_key=True),
    sa.Column("device_no", sa.Integer, unique=True),
    sa.Column("first_seen", T, nullable=False),
    sa.Column("audit_seq", sa.BigInteger),
    sa.Column("audit_hash", T),
    sa.Column("audit_at", T),
    sa.Column("audit_alert", T),
)


def now_utc() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def database_url(explicit: str | None = None) -> str:
    """``--database-url``, else ``DATABASE_URL``, else the SQLite file under ``var/server``."""
    url = explicit or os.environ.get(DATABASE_URL_ENV)
    if url:
        if url.startswith("postgresql://") or url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        return url
    DEFAULT_DB.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_DB}"


def make_engine(url: str) -> sa.Engine:
    """An engine whose write transactions behave alike on both databases.

    SQLite: WAL, a busy timeout, and ``BEGIN IMMEDIATE`` so a write transaction takes the write
    lock at its start instead of failing to upgrade a read lock half-way.
    """
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
            cur.execute("PRAGMA busy_timeout = 30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: sa.Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("write") else "BEGIN")

        return engine
    return sa.create_engine(url, pool_size=8, max_overflow=8, pool_pre_ping=True)


def is_sqlite(engine: sa.Engine) -> bool:
    return engine.dialect.name == "sqlite"


def write_begin(engine: sa.Engine) -> Any:
    """A write transaction (``with write_begin(engine) as conn``)."""
    conn = engine.connect()
    conn.info["write"] = True
    return _Closing(conn)


class _Closing:
    """``engine.begin()`` for a connection marked as a writer; closes it afterwards."""

    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn
        self.tx: sa.RootTransaction | None = None

    def __enter__(self) -> sa.Connection:
        self.tx = self.conn.begin()
        return self.conn

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        assert self.tx is not None
        try:
            if exc_type is None:
                self.tx.commit()
            else:
                self.tx.rollback()
        finally:
            self.conn.info.pop("write", None)
            self.conn.close()


def init_db(engine: sa.Engine, platform_name: str = "CreditDesk 参考共享平台") -> bool:
    """Create the tables of an empty database; returns False when it was set up already."""
    with write_begin(engine) as conn:
        meta.create_all(conn)
        if conn.execute(sa.select(feed_counter.c.last).where(feed_counter.c.id == 1)).first() is not None:
            return False
        conn.execute(feed_counter.insert().values(id=1, last=0, as_of=None))
        conn.execute(naive_counter.insert().values(id=1, last=0))
        conn.execute(
            platform_info.insert(),
            [
                {"key": "feed_id", "value": uuid.uuid4().hex},
                {"key": "expired_through", "value": "0"},
                {"key": "compaction_gen", "value": "0"},
                {"key": "platform_name", "value": platform_name},
                {"key": "created_at", "value": iso(now_utc())},
            ],
        )
    return True


def info(conn: sa.Connection) -> dict[str, str]:
    return {r.key: r.value for r in conn.execute(sa.select(platform_info))}


def set_info(conn: sa.Connection, key: str, value: str) -> None:
    updated = conn.execute(platform_info.update().where(platform_info.c.key == key).values(value=value))
    if not updated.rowcount:
        conn.execute(platform_info.insert().values(key=key, value=value))
