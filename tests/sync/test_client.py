"""The client against a real reference server over loopback: first sync, incremental sync,
deletions, resync after a refused cursor, re-sign-in, cancellation, status."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from credit.desk import Desk, Operator
from credit.store.db import Store
from credit.store.keys import resolve_key
from sync import account as account_mod
from sync.client import SyncClient
from sync.errors import AuthRequired, Cancelled
from sync.server.db import record, write_begin
from sync.server.feed import compact, withdraw_due
from sync.server.ingest import DEMO_PASSWORD, import_export
from tests.sync.cache_check import cache_info, cache_state, cursor_seq, indexes, search_index_consistent
from tests.sync.conftest import Platform
from tests.sync.oracle import expected, head

HUA = ["410526"]


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[tuple[SyncClient, Store]]:
    data = tmp_path / "laptop"
    store = Store.open(data, resolve_key(data))
    yield SyncClient(data), store
    store.close()


def _login(client: SyncClient, platform: Platform, user: str = "huaxian") -> None:
    client.login(platform.base, user, DEMO_PASSWORD, device="pytest")


def _matches(platform: Platform, store: Store, scope: list[str]) -> None:
    assert cache_state(store) == expected(platform.engine, scope)
    assert cursor_seq(store) == head(platform.engine)
    assert search_index_consistent(store)


def test_first_sync_loads_the_jurisdiction_in_bulk_and_rebuilds_indexes(
    platform: Platform, laptop: tuple[SyncClient, Store]
) -> None:
    client, store = laptop
    _login(client, platform)
    result = client.sync(store)
    assert result.pull.full and result.pull.applied > 50
    _matches(platform, store, HUA)
    info = cache_info(store)
    assert info["sync_bulk"] == "0" and int(info["sync_applied"]) == result.pull.applied
    assert {"ix_entity_active_pinyin", "ix_entity_division", "ix_penalty_uscc"} <= indexes(store)
    assert "没有需要上传的记录" in result.summary
    # search works on what arrived: the name, the initials, and nothing from 甘州区
    desk = Desk(store, Operator("t", "u", "d"))
    with store.cache.connect() as conn:
        name, pinyin = conn.execute(sa.text("SELECT name, pinyin FROM entity LIMIT 1")).one()
    assert desk.search(name[-4:], record=False).hits
    assert desk.search(pinyin[:4], record=False).hits
    with store.cache.connect() as conn:
        divisions = set(conn.execute(sa.text("SELECT DISTINCT division_code FROM entity")).scalars())
    assert divisions == {"410526"}
    again = client.sync(store)
    assert not again.pull.full and again.pull.applied == 0


def _entity_of(platform: Platform, division: str) -> dict[str, object]:
    import json

    with platform.engine.connect() as conn:
        row = conn.execute(
            sa.select(record.c.payload)
            .where(record.c.kind == "entity", record.c.division_code == division, record.c.deleted == 0)
            .order_by(record.c.id)
            .limit(1)
        ).one()
    return dict(json.loads(row.payload))


def _write_csv(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_incremental_sync_and_deletions_reach_the_laptop_and_search(
    platform: Platform, laptop: tuple[SyncClient, Store], tmp_path: Path
) -> None:
    client, store = laptop
    _login(client, platform)
    client.sync(store)
    target = _entity_of(platform, "410526")
    code = str(target["uscc"])

    # a new listing and a new penalty, a renamed entity
    _write_csv(
        tmp_path / "list.csv",
        ["统一社会信用代码", "主体名称", "名单类别", "列入事由", "认定单位", "决定书文号", "列入日期"],
        [
            [
                code,
                target["name"],
                "经营异常名录",
                "通过登记的住所无法联系",
                "滑县市场监督管理局",
                "滑市监异〔2026〕9号",
                "2026-11-02",
            ]
        ],
    )
    import_export(platform.engine, tmp_path / "list.csv")
    _write_csv(
        tmp_path / "pen.csv",
        ["行政相对人名称", "统一社会信用代码", "行政处罚决定书文号", "处罚类别", "处罚决定日期", "处罚机关"],
        [[target["name"], code, "滑市监罚〔2026〕77号", "罚款", "2026-11-03", "滑县市场监督管理局"]],
    )
    import_export(platform.engine, tmp_path / "pen.csv")
    _write_csv(tmp_path / "ent.csv", ["统一社会信用代码", "企业名称"], [[code, "滑县改名测试有限公司"]])
    import_export(platform.engine, tmp_path / "ent.csv")
    result = client.sync(store)
    assert not result.pull.full and result.pull.applied >= 3
    _matches(platform, store, HUA)
    desk = Desk(store, Operator("t", "u", "d"))
    hits = desk.search("改名测试", record=False).hits
    assert [h.uscc for h in hits] == [code] and "经营异常" in hits[0].flags

    # removal from the list, repair of the penalty: both disappear, and the chip with them
    _write_csv(
        tmp_path / "list2.csv",
        ["统一社会信用代码", "主体名称", "名单类别", "决定书文号", "列入日期", "移出日期", "移出原因"],
        [
            [
                code,
                "滑县改名测试有限公司",
                "经营异常名录",
                "滑市监异〔2026〕9号",
                "2026-11-02",
                "2026-11-20",
                "已更正住所",
            ]
        ],
    )
    import_export(platform.engine, tmp_path / "list2.csv")
    _write_csv(
        tmp_path / "pen2.csv",
        ["行政相对人名称", "统一社会信用代码", "行政处罚决定书文号", "处罚决定日期", "信用修复日期"],
        [["滑县改名测试有限公司", code, "滑市监罚〔2026〕77号", "2026-11-03", "2026-11-25"]],
    )
    import_export(platform.engine, tmp_path / "pen2.csv")
    result = client.sync(store)
    assert result.pull.deletes >= 2
    _matches(platform, store, HUA)
    hits = desk.search("改名测试", record=False).hits
    assert hits and "经营异常" not in hits[0].flags
    with store.cache.connect() as conn:
        assert (
            conn.execute(sa.text("SELECT count(*) FROM penalty WHERE decision_no LIKE '%77号'")).scalar() == 0
        )

    # the entity moves to 甘州区: gone from the 滑县 laptop and from its search
    _write_csv(
        tmp_path / "move.csv",
        ["统一社会信用代码", "企业名称", "所属行政区划"],
        [[code, "滑县改名测试有限公司", "620702"]],
    )
    import_export(platform.engine, tmp_path / "move.csv")
    client.sync(store)
    _matches(platform, store, HUA)
    assert desk.search("改名测试", record=False).hits == []
    assert desk.search(code, record=False).hits == []


def test_ended_listing_disappears_when_the_day_comes(
    platform: Platform, laptop: tuple[SyncClient, Store], tmp_path: Path
) -> None:
    from datetime import date, timedelta

    client, store = laptop
    _login(client, platform)
    target = _entity_of(platform, "410526")
    last_day = date.today() + timedelta(days=3)
    _write_csv(
        tmp_path / "watch.csv",
        ["统一社会信用代码", "主体名称", "名单类别", "决定书文号", "列入日期", "有效期至"],
        [
            [
                target["uscc"],
                target["name"],
                "重点关注名单",
                "滑市监关〔2026〕3号",
                "2026-06-01",
                last_day.isoformat(),
            ]
        ],
    )
    import_export(platform.engine, tmp_path / "watch.csv")
    client.sync(store)
    with store.cache.connect() as conn:
        assert (
            conn.execute(
                sa.text("SELECT count(*) FROM list_entry WHERE doc_no = '滑市监关〔2026〕3号'")
            ).scalar()
            == 1
        )
    with write_begin(platform.engine) as conn:
        assert withdraw_due(conn, last_day + timedelta(days=1)) >= 1
    client.sync(store)
    with store.cache.connect() as conn:
        assert (
            conn.execute(
                sa.text("SELECT count(*) FROM list_entry WHERE doc_no = '滑市监关〔2026〕3号'")
            ).scalar()
            == 0
        )
    _matches(platform, store, HUA)


def test_refused_cursor_means_a_resync_from_zero(
    platform: Platform, laptop: tuple[SyncClient, Store], tmp_path: Path
) -> None:
    from datetime import UTC, datetime, timedelta

    client, store = laptop
    _login(client, platform, "tongchuan")
    client.sync(store)
    target = _entity_of(platform, "610202")
    _write_csv(
        tmp_path / "move.csv",
        ["统一社会信用代码", "企业名称", "所属行政区划"],
        [[target["uscc"], target["name"], "410526"]],
    )
    import_export(platform.engine, tmp_path / "move.csv")  # a tombstone in 铜川's feed …
    with write_begin(platform.engine) as conn:  # … dropped by compaction before the laptop saw it
        compact(conn, tombstone_days=0, now=datetime.now(UTC) + timedelta(seconds=5))
    result = client.sync(store)
    assert result.pull.full and result.pull.resynced_because and "压缩" in result.pull.resynced_because
    _matches(platform, store, ["6102"])
    assert ("entity", target["uscc"]) not in cache_state(store)


def test_expired_token_asks_for_sign_in_or_signs_in_again(
    platform: Platform, laptop: tuple[SyncClient, Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    client, store = laptop
    _login(client, platform)
    client.account.token_expires_at = "2000-01-01T00:00:00+00:00"
    account_mod.save(client.data_dir, client.account)
    client = SyncClient(client.data_dir)
    with pytest.raises(AuthRequired) as exc:
        client.sync(store)
    assert exc.value.code == "token_expired" and "重新登录" in exc.value.reason
    assert cache_info(store)["sync_last_error"] == exc.value.reason
    monkeypatch.setenv(account_mod.PASSWORD_ENV, DEMO_PASSWORD)
    client.sync(store)  # signs in again on its own, then pulls
    assert not client.account.token_expired()
    assert client.status(store)["last_error"] is None


def test_token_is_kept_in_the_keyring_never_in_a_file(
    platform: Platform, laptop: tuple[SyncClient, Store], memory_keyring: object
) -> None:
    client, _store = laptop
    _login(client, platform)
    token = client.token()
    assert token and token in memory_keyring.secrets.values()  # type: ignore[attr-defined]
    for path in client.data_dir.rglob("*"):
        if path.is_file():
            assert token.encode() not in path.read_bytes(), path


def test_without_keyring_the_token_lives_in_memory_only(
    platform: Platform, laptop: tuple[SyncClient, Store], no_keyring: None
) -> None:
    client, _store = laptop
    signed = client.login(platform.base, "huaxian", DEMO_PASSWORD)
    assert signed.token_storage == "memory" and signed.storage_note and "内存" in signed.storage_note
    token = client.token()
    assert token
    for path in client.data_dir.rglob("*"):
        if path.is_file():
            assert token.encode() not in path.read_bytes(), path
    account_mod._MEMORY.clear()  # a new run of the program
    assert SyncClient(client.data_dir).token() is None


def test_cancel_stops_at_a_page_boundary_and_resumes(
    platform: Platform, laptop: tuple[SyncClient, Store]
) -> None:
    client, store = laptop
    _login(client, platform, "admin")
    calls = {"n": 0}

    def progress(done: int, total: int) -> None:
        calls["n"] += 1

    with pytest.raises(Cancelled):
        client.pull(store, progress=progress, cancelled=lambda: calls["n"] >= 2, page_size=25)
    info = cache_info(store)
    assert info["sync_bulk"] == "1" and int(info["sync_applied"]) == 50  # two pages committed
    assert cursor_seq(store) > 0
    client.pull(store, page_size=25)
    scope = client.account.jurisdictions
    _matches(platform, store, scope)
    assert cache_info(store)["sync_bulk"] == "0"


def test_status_reports_what_the_cli_shows(platform: Platform, laptop: tuple[SyncClient, Store]) -> None:
    client, store = laptop
    assert client.status(store)["server"] is None
    _login(client, platform)
    client.sync(store)
    st = client.status(store)
    assert st["server"] == platform.base and st["user"] == "huaxian" and st["signed_in"]
    assert st["cursor_seq"] == head(platform.engine) and st["last_sync"] and st["data_as_of"]
    assert st["pending_outbox"] == 0 and st["last_error"] is None
