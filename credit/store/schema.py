"""Creating the cache schema and migrating the work database.

The cache is rebuildable, so a schema change simply drops and recreates it (the next pull or
demo build fills it again). The work database is irreplaceable: it is migrated with Alembic, and
a byte copy of the (still encrypted) file is taken before any migration runs.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from credit.store.tables import SEARCH_DDL, cache_info, cache_meta

if TYPE_CHECKING:
    from credit.store.db import Store

#: Bump when the cache tables change; an older cache is dropped and rebuilt.
CACHE_SCHEMA_VERSION = "1"
MIGRATIONS = Path(__file__).with_name("migrations")


def ensure_cache(store: Store) -> None:
    with store.write_cache() as conn:
        insp = sa.inspect(conn)
        if insp.has_table("cache_info"):
            version = conn.execute(
                sa.select(cache_info.c.value).where(cache_info.c.key == "schema_version")
            ).scalar()
            if version == CACHE_SCHEMA_VERSION:
                return
            drop_cache(conn)
        cache_meta.create_all(conn)
        for ddl in SEARCH_DDL:
            conn.exec_driver_sql(ddl)
        conn.execute(
            cache_info.insert().values(key="schema_version", value=CACHE_SCHEMA_VERSION)
        )


def drop_cache(conn: sa.Connection) -> None:
    conn.exec_driver_sql("DROP TABLE IF EXISTS entity_tri")
    conn.exec_driver_sql("DROP TABLE IF EXISTS entity_uni")
    cache_meta.drop_all(conn)


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def pending_revision(conn: sa.Connection) -> tuple[str | None, str | None]:
    """(current, head) revisions of the work database."""
    current = MigrationContext.configure(conn).get_current_revision()
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    return current, head


def migrate_work(store: Store) -> Path | None:
    """Bring ``work.db`` to the newest revision; returns the backup taken, if any."""
    backup: Path | None = None
    with store.write_lock:
        with store.work.connect() as conn:
            current, head = pending_revision(conn)
        if current == head:
            return None
        if current is not None:
            backup = backup_work(store, f"before-{head}")
        cfg = alembic_config()
        with store.work.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    return backup


def backup_work(store: Store, label: str) -> Path:
    """Copy the encrypted work file (after a WAL checkpoint) into ``backups/``."""
    from credit.store.db import WORK_FILE

    with store.write_lock:
        with store.work.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        target_dir = store.data_dir / "backups"
        target_dir.mkdir(exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = target_dir / f"work-{stamp}-{label}.db"
        shutil.copy2(store.data_dir / WORK_FILE, target)
    return target


def reset_cache(store: Store) -> None:
    """Empty the cache (never the work database) so it can be rebuilt from scratch."""
    with store.write_cache() as conn:
        drop_cache(conn)
    ensure_cache(store)
