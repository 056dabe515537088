"""Creating the cache schema and migrating the work database.

The cache is rebuildable, so a schema change simply drops and recreates it (the next pull or
demo build fills it again). The work database is irreplaceable: it is migrated with Alembic, and
an encrypted copy of it (SQLite online backup, same key) is taken before any migration runs.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from credit.store.tables import SEARCH_DDL, cache_info, cache_meta

if TYPE_CHECKING:
    from alembic.config import Config

    from credit.store.db import Store

#: Bump when the cache tables change; an older cache is dropped and rebuilt.
CACHE_SCHEMA_VERSION = "2"
#: The newest work-database revision. Kept here so a normal start can see that nothing is
#: pending without importing Alembic (a fifth of the cold-start budget); a test checks it
#: against the migration scripts.
WORK_HEAD = "0005"
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
        conn.execute(cache_info.insert().values(key="schema_version", value=CACHE_SCHEMA_VERSION))


def drop_cache(conn: sa.Connection) -> None:
    conn.exec_driver_sql("DROP TABLE IF EXISTS entity_tri")
    conn.exec_driver_sql("DROP TABLE IF EXISTS entity_uni")
    cache_meta.drop_all(conn)


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def script_head() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(conn: sa.Connection) -> str | None:
    if not sa.inspect(conn).has_table("alembic_version"):
        return None
    return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def migrate_work(store: Store) -> Path | None:
    """Bring ``work.db`` to the newest revision; returns the backup taken, if any."""
    backup: Path | None = None
    with store.write_lock:
        with store.work.connect() as conn:
            current = current_revision(conn)
        if current == WORK_HEAD:
            return None
        from alembic import command

        if current is not None:
            backup = backup_work(store, f"before-{script_head()}")
        cfg = alembic_config()
        with store.work.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    return backup


def backup_work(store: Store, label: str) -> Path:
    """Copy the work database, encrypted with the same key, into ``backups/``.

    Uses SQLite's online backup API rather than a file copy: a byte copy of ``work.db`` is
    corrupt whenever a reader (another thread, another instance) keeps the WAL from being
    checkpointed, while the backup API always copies one consistent snapshot.
    """
    import sqlcipher3.dbapi2 as sqlcipher

    with store.write_lock:
        target_dir = store.data_dir / "backups"
        target_dir.mkdir(exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = target_dir / f"work-{stamp}-{label}.db"
        with store.work.connect() as conn:
            source = conn.connection.dbapi_connection
            dest = sqlcipher.connect(str(target))
            try:
                dest.execute(f"PRAGMA key = {store.key.pragma_value}")
                source.backup(dest)  # type: ignore[union-attr]
            finally:
                dest.close()
    return target


def reset_cache(store: Store) -> None:
    """Empty the cache (never the work database) so it can be rebuilt from scratch."""
    with store.write_cache() as conn:
        drop_cache(conn)
    ensure_cache(store)
