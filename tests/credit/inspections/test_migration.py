"""Work database 0004: the migration builds exactly the tables the code declares, with triggers."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from credit.store import schema
from credit.store.db import Store
from credit.store.keys import resolve_key
from credit.store.tables import work_meta


def test_migrated_schema_matches_the_table_definitions(store: Store) -> None:
    with store.work.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), work_meta) == []
        triggers = {
            r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }
    for table in (
        "inspection_plan",
        "inspection_task",
        "inspection_record",
        "rectification_order",
        "interview",
    ):
        assert {f"{table}_no_update", f"{table}_no_delete"} <= triggers
    assert {"attachment_blob_no_update", "attachment_blob_keep_used"} <= triggers


def test_upgrade_from_0003_keeps_existing_work(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    store = Store.open(data_dir, resolve_key(data_dir), migrate=False)
    try:
        cfg = schema.alembic_config()
        with store.work.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0003")
            conn.exec_driver_sql(
                "INSERT INTO outbox(kind, record_id, payload, created_utc) "
                "VALUES ('check_record', 'x', '{}', 'now')"
            )
        backup = schema.migrate_work(store)
        assert backup is not None and backup.is_file()
        with store.work.connect() as conn:
            assert schema.current_revision(conn) == schema.WORK_HEAD
            assert conn.execute(sa.text("SELECT count(*) FROM outbox")).scalar() == 1
            assert conn.execute(sa.text("SELECT count(*) FROM inspection_record")).scalar() == 0
    finally:
        store.close()
