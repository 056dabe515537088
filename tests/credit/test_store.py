"""The encrypted store: what is on disk, opening, migrations, backups, cache rebuilds, loading."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from credit.store import audit, schema
from credit.store.db import CACHE_FILE, WORK_FILE, Store, WrongKey, connect_raw
from credit.store.keys import resolve_key
from credit.store.loader import (
    bulk_insert_entities,
    get_info,
    set_info,
    upsert_entities,
    upsert_records,
)
from credit.store.tables import audit_log, cache_info, entity, penalty
from tests.conftest import raw_key

NAME = "常州新北瑞丰精密机械有限公司"
CODE = "91110000600037341L"
PERSON_ID = "320411198807120015"
SECRETS = [NAME.encode(), CODE.encode(), "瑞丰精密".encode(), PERSON_ID.encode(), CODE.lower().encode()]


def _load_distinctive(st: Store) -> None:
    with st.write_cache() as conn:
        upsert_entities(
            conn,
            [
                {"uscc": CODE, "name": NAME, "legal_rep": "王瑞丰", "legal_rep_id": PERSON_ID},
                {"uscc": "91320411MA1MXXXX0Q", "name": "常州瑞丰精密贸易有限公司"},
            ],
        )
        upsert_records(
            conn,
            penalty,
            [{"id": "p1", "uscc": CODE, "decision_no": "常新市监处罚〔2025〕18号", "facts": NAME}],
        )
        set_info(conn, as_of="2026-01-05", source="demo")
    with st.write_work() as conn:
        for _ in range(3):
            audit.append(conn, user="张三", device="laptop", action="search", query=NAME, uscc=CODE)


def _files(data_dir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()}


def _assert_no_plaintext(files: dict[str, bytes]) -> None:
    for name, blob in files.items():
        for secret in SECRETS:
            assert secret not in blob, f"{secret.decode()} readable in {name}"
        if name.endswith(".db"):
            assert not blob.startswith(b"SQLite format 3"), name


# -- encryption at rest -------------------------------------------------------------------


def test_files_are_noise_while_open(store: Store) -> None:
    _load_distinctive(store)
    files = _files(store.data_dir)
    # Written in WAL mode: the data is in the -wal files at this point, so check those too.
    assert {CACHE_FILE, WORK_FILE, CACHE_FILE + "-wal", WORK_FILE + "-wal"} <= set(files)
    assert len(files[CACHE_FILE + "-wal"]) > 0 and len(files[WORK_FILE + "-wal"]) > 0
    _assert_no_plaintext(files)


def test_files_are_noise_after_close_and_checkpoint(store: Store) -> None:
    _load_distinctive(store)
    for engine in (store.cache, store.work):
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    files = _files(store.data_dir)
    assert len(files[CACHE_FILE]) > 4096  # the data really moved into the main file
    _assert_no_plaintext(files)


def test_temp_store_is_memory(store: Store) -> None:
    with store.cache.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA temp_store").scalar() == 2  # MEMORY
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_wrong_key_raises_wrong_key(store: Store) -> None:
    _load_distinctive(store)
    store.close()
    with pytest.raises(WrongKey) as info:
        Store.open(store.data_dir, raw_key())
    assert "不正确" in info.value.reason
    for name in (CACHE_FILE, WORK_FILE):
        with pytest.raises(WrongKey):
            connect_raw(store.data_dir / name, raw_key())


def test_right_key_still_works_after_wrong_attempt(store: Store) -> None:
    _load_distinctive(store)
    store.close()
    with pytest.raises(WrongKey):
        Store.open(store.data_dir, raw_key())
    again = Store.open(store.data_dir, resolve_key(store.data_dir))
    try:
        with again.cache.connect() as conn:
            assert conn.execute(sa.select(entity.c.name).where(entity.c.uscc == CODE)).scalar() == NAME
    finally:
        again.close()


@pytest.mark.parametrize("name", [CACHE_FILE, WORK_FILE])
def test_plain_sqlite_cannot_read(store: Store, name: str) -> None:
    _load_distinctive(store)
    store.close()
    conn = sqlite3.connect(store.data_dir / name)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            conn.execute("SELECT name FROM sqlite_master").fetchall()
    finally:
        conn.close()


# -- work migrations and backups ----------------------------------------------------------


def _revision(st: Store) -> str | None:
    with st.work.connect() as conn:
        return schema.current_revision(conn)


def test_fresh_work_is_at_head(store: Store) -> None:
    with store.work.connect() as conn:
        current = schema.current_revision(conn)
    # WORK_HEAD lets a normal start skip importing Alembic; it must name the newest script.
    assert current == schema.script_head() == schema.WORK_HEAD
    with store.work.connect() as conn:
        triggers = {
            r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }
    assert {"audit_log_no_update", "audit_log_no_delete"} <= triggers
    assert schema.migrate_work(store) is None
    assert not (store.data_dir / "backups").exists()  # a fresh database needs no backup


def test_reopen_at_head_takes_no_backup(store: Store) -> None:
    _load_distinctive(store)
    store.close()
    again = Store.open(store.data_dir, store.key)
    again.close()
    assert not (store.data_dir / "backups").exists()


def test_backup_is_encrypted_copy_with_audit_rows(store: Store) -> None:
    _load_distinctive(store)
    target = schema.backup_work(store, "manual")
    assert target.parent == store.data_dir / "backups"
    _assert_no_plaintext({target.name: target.read_bytes()})
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(target).execute("SELECT * FROM sqlite_master").fetchall()
    with pytest.raises(WrongKey):
        connect_raw(target, raw_key())
    engine = sa.create_engine("sqlite://", creator=lambda: connect_raw(target, store.key))
    try:
        with engine.connect() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(audit_log)).scalar() == 3
            assert audit.verify(conn).ok
    finally:
        engine.dispose()


def test_backup_is_consistent_while_a_reader_is_open(store: Store) -> None:
    """Regression: a byte copy of work.db taken while a reader held the WAL open waited for the
    busy timeout and then produced a corrupt file."""
    with store.write_work() as conn:
        audit.append(conn, user="u", device="d", action="search")
    reader = connect_raw(store.data_dir / WORK_FILE, store.key)
    reader.isolation_level = None
    reader.execute("BEGIN")
    assert reader.execute("SELECT count(*) FROM audit_log").fetchone() == (1,)
    try:
        with store.write_work() as conn:
            for _ in range(4):
                audit.append(conn, user="u", device="d", action="search")
        done: list[Path] = []
        worker = threading.Thread(target=lambda: done.append(schema.backup_work(store, "busy")))
        worker.start()
        worker.join(timeout=10)
        assert done, "backup blocked by an open reader"
    finally:
        reader.close()
    copy = connect_raw(done[0], store.key)
    try:
        assert copy.execute("SELECT count(*) FROM audit_log").fetchone() == (5,)
    finally:
        copy.close()


NEXT_REVISION = '''"""Test-only revision: adds a table.

Revision ID: 9999
Revises: {down}
"""

import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("test_note", sa.Column("id", sa.Integer, primary_key=True))


def downgrade() -> None:
    op.drop_table("test_note")
'''


def test_migration_takes_backup_first(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An older work.db (at today's head) meets a newer program (one more revision)."""
    _load_distinctive(store)
    old_head = _revision(store)
    store.close()

    migrations = tmp_path / "migrations"
    shutil.copytree(schema.MIGRATIONS, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    (migrations / "versions" / "9999_test_note.py").write_text(
        NEXT_REVISION.format(down=old_head), encoding="utf-8"
    )
    monkeypatch.setattr(schema, "MIGRATIONS", migrations)
    monkeypatch.setattr(schema, "WORK_HEAD", "9999")

    st = Store.open(store.data_dir, store.key, migrate=False)
    try:
        assert _revision(st) == old_head
        backup = schema.migrate_work(st)
        assert backup is not None and backup.exists()
        assert "before-9999" in backup.name
        assert _revision(st) == "9999"
        with st.work.connect() as conn:
            assert sa.inspect(conn).has_table("test_note")
            assert audit.verify(conn).rows == 3
        assert schema.migrate_work(st) is None  # now at head
    finally:
        st.close()

    # The backup is the database as it was before the migration, encrypted with the same key.
    _assert_no_plaintext({backup.name: backup.read_bytes()})
    engine = sa.create_engine("sqlite://", creator=lambda: connect_raw(backup, store.key))
    try:
        with engine.connect() as conn:
            assert schema.current_revision(conn) == old_head
            assert not sa.inspect(conn).has_table("test_note")
            assert audit.verify(conn).rows == 3
    finally:
        engine.dispose()


# -- cache schema --------------------------------------------------------------------------


def test_cache_version_mismatch_rebuilds_cache_only(store: Store) -> None:
    _load_distinctive(store)
    with store.write_cache() as conn:
        conn.execute(
            cache_info.update().where(cache_info.c.key == "schema_version").values(value="0")
        )
    store.close()

    again = Store.open(store.data_dir, store.key)
    try:
        with again.cache.connect() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(entity)).scalar() == 0
            assert conn.execute(sa.select(sa.func.count()).select_from(penalty)).scalar() == 0
            assert get_info(conn) == {"schema_version": schema.CACHE_SCHEMA_VERSION}
            # The search indexes were recreated empty too.
            for table in ("entity_tri", "entity_uni"):
                assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() == 0
        with again.work.connect() as conn:
            result = audit.verify(conn)
            assert result.ok and result.rows == 3
        # The rebuilt cache is usable: the same entity can be loaded again.
        with again.write_cache() as conn:
            assert upsert_entities(conn, [{"uscc": CODE, "name": NAME}]).inserted == 1
    finally:
        again.close()


def test_reset_cache_empties_cache_only(store: Store) -> None:
    _load_distinctive(store)
    schema.reset_cache(store)
    with store.cache.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(entity)).scalar() == 0
        assert conn.exec_driver_sql("SELECT count(*) FROM entity_tri").scalar() == 0
        assert get_info(conn) == {"schema_version": schema.CACHE_SCHEMA_VERSION}
    with store.work.connect() as conn:
        assert audit.verify(conn).rows == 3


def test_matching_cache_version_keeps_data(store: Store) -> None:
    _load_distinctive(store)
    store.close()
    again = Store.open(store.data_dir, store.key)
    try:
        with again.cache.connect() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(entity)).scalar() == 2
            assert get_info(conn)["as_of"] == "2026-01-05"
    finally:
        again.close()


# -- loading -------------------------------------------------------------------------------


def test_entity_row_derivations(store: Store) -> None:
    with store.write_cache() as conn:
        upsert_entities(
            conn,
            [
                {"uscc": CODE, "name": "  常州新北瑞丰精密机械有限公司（新北分公司） "},
                {"uscc": "91320411MA1MXXXX0Q", "name": "重庆瑞丰火锅店", "status": "注销"},
            ],
        )
        rows = {r.uscc: r for r in conn.execute(sa.select(entity))}
    branch = rows[CODE]
    assert branch.name == "常州新北瑞丰精密机械有限公司（新北分公司）"
    assert branch.name_norm == "常州新北瑞丰精密机械有限公司(新北分公司)"
    assert branch.pinyin.startswith("czxbrfjmjx")
    assert (branch.status, branch.active) == ("存续", 1)
    closed = rows["91320411MA1MXXXX0Q"]
    assert closed.pinyin.startswith("cq")  # 重庆, not zq
    assert closed.active == 0


def test_upsert_records_reports_changes(store: Store) -> None:
    rec = {"id": "p1", "uscc": CODE, "decision_no": "常新市监处罚〔2025〕18号", "fine_wan": 1.5}
    with store.write_cache() as conn:
        assert upsert_records(conn, penalty, [rec]).inserted == 1
        assert upsert_records(conn, penalty, [rec]).unchanged == 1
        stats = upsert_records(conn, penalty, [{**rec, "fine_wan": 2.0}, {**rec, "id": "p2"}])
        assert (stats.inserted, stats.updated, stats.unchanged) == (1, 1, 0)
        assert conn.execute(sa.select(penalty.c.fine_wan).where(penalty.c.id == "p1")).scalar() == 2.0
        assert upsert_records(conn, penalty, []).inserted == 0


def test_bulk_insert_batches_and_indexes(store: Store) -> None:
    rows = [{"uscc": f"9111000060000{i:04d}X", "name": f"瑞丰第{i}分店"} for i in range(25)]
    seen: list[int] = []
    with store.write_cache() as conn:
        assert bulk_insert_entities(conn, rows, batch=10, progress=seen.append) == 25
        assert seen == [10, 20, 25]
        ids = [r[0] for r in conn.execute(sa.select(entity.c.id).order_by(entity.c.id))]
        assert ids == list(range(1, 26))
        tri = conn.exec_driver_sql(
            "SELECT count(*) FROM entity_tri WHERE entity_tri MATCH '\"瑞丰第\"'"
        ).scalar()
        uni = conn.exec_driver_sql(
            "SELECT count(*) FROM entity_uni WHERE entity_uni MATCH '\"丰 第\"'"
        ).scalar()
    assert tri == uni == 25


def test_upserts_handle_repeats_and_batches_beyond_the_parameter_limit(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key repeated in one call is applied once (the last row wins); lookups are chunked."""
    from credit.domain.uscc import complete
    from credit.store import loader

    monkeypatch.setattr(loader, "LOOKUP_CHUNK", 3)  # force several chunks with a small batch
    codes = [complete(f"913204110000{n:04d}") for n in range(10)]
    rows = [{"uscc": c, "name": f"测试企业{n}号有限公司"} for n, c in enumerate(codes)]
    with store.write_cache() as conn:
        stats = loader.upsert_entities(conn, [*rows, {"uscc": codes[0], "name": "改名后的企业"}])
        assert (stats.inserted, stats.updated) == (10, 0)
        again = loader.upsert_entities(conn, rows)
        assert (again.updated, again.unchanged) == (1, 9)
        names = dict(conn.execute(sa.select(entity.c.uscc, entity.c.name)).all())
    assert names[codes[0]] == "测试企业0号有限公司" and len(names) == 10
