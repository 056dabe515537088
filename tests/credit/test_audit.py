"""The hash-chained audit log, and the Desk actions that must leave a row in it.

What tampering :func:`audit.verify` detects (with the triggers dropped, i.e. by someone who has
the key and raw SQL access):

* any edited field, edited ``prev_hash`` or edited ``hash`` — at that row;
* a deleted first or middle row — at the row after the gap ("第 n 条记录缺失");
* an inserted row that renumbers the rest, or rows swapped — at the first row out of chain;
* an appended row with a made-up hash — at that row.

What the chain alone cannot detect, by construction: deleting the newest rows (the shorter
chain is still a valid chain), or appending a row whose hash was computed correctly. The anchor
file beside the databases (:mod:`credit.store.audit_anchor`) catches the first, also when new
rows were appended after the deletion; the second needs the key, and a copy of the head kept
elsewhere (the platform) to catch.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from credit.desk import Desk, Operator
from credit.domain.uscc import USCCFormatError, complete
from credit.store import audit
from credit.store.db import Store
from credit.store.loader import upsert_entities
from credit.store.tables import audit_log

CODE = "91110000600037341L"


def _fill(st: Store, n: int = 5) -> None:
    with st.write_work() as conn:
        for i in range(1, n + 1):
            audit.append(
                conn,
                user="张三",
                device="laptop-07",
                action="search",
                query=f"瑞丰 {i}",
                uscc=CODE if i % 2 else None,
                detail={"kind": "name", "hits": i, "说明": "测试"},
            )


def _verify(st: Store) -> audit.VerifyResult:
    with st.work.connect() as conn:
        return audit.verify(conn)


def _rows(st: Store) -> list[dict[str, object]]:
    with st.work.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(sa.select(audit_log).order_by(audit_log.c.seq))]


def _tamper(st: Store, *sql: str, params: dict[str, object] | None = None) -> None:
    with st.write_work() as conn:
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_no_update")
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_no_delete")
        for statement in sql:
            conn.execute(sa.text(statement), params or {})


# -- appending -----------------------------------------------------------------------------


def test_empty_log_verifies(store: Store) -> None:
    assert _verify(store) == audit.VerifyResult(True, 0)


def test_append_builds_a_chain(store: Store) -> None:
    _fill(store)
    rows = _rows(store)
    assert [r["seq"] for r in rows] == [1, 2, 3, 4, 5]
    assert rows[0]["prev_hash"] == audit.GENESIS
    for prev, row in itertools.pairwise(rows):
        assert row["prev_hash"] == prev["hash"]
    for row in rows:
        assert row["hash"] == audit.row_hash(str(row["prev_hash"]), row)
        assert str(row["ts_utc"]).endswith("+00:00")
    assert json.loads(str(rows[0]["detail"])) == {"hits": 1, "kind": "name", "说明": "测试"}
    assert str(rows[0]["detail"]).index('"hits"') < str(rows[0]["detail"]).index('"kind"')  # canonical
    assert _verify(store) == audit.VerifyResult(True, 5)


def test_recent_is_newest_first(store: Store) -> None:
    _fill(store)
    with store.work.connect() as conn:
        assert [r["seq"] for r in audit.recent(conn, limit=3)] == [5, 4, 3]


def test_update_and_delete_are_refused(store: Store) -> None:
    _fill(store)
    before = _rows(store)
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), store.write_work() as conn:
        conn.execute(audit_log.update().where(audit_log.c.seq == 2).values(query="改过"))
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), store.write_work() as conn:
        conn.execute(audit_log.delete().where(audit_log.c.seq == 5))
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), store.write_work() as conn:
        conn.exec_driver_sql("DELETE FROM audit_log")
    assert _rows(store) == before
    assert _verify(store).ok


def test_triggers_survive_reopen(store: Store) -> None:
    _fill(store, 2)
    store.close()
    again = Store.open(store.data_dir, store.key)
    try:
        with pytest.raises(sa.exc.DBAPIError, match="append-only"), again.write_work() as conn:
            conn.exec_driver_sql("UPDATE audit_log SET user = 'x'")
        assert _verify(again) == audit.VerifyResult(True, 2)
    finally:
        again.close()


# -- tampering (triggers dropped) --------------------------------------------------------


@pytest.mark.parametrize(
    ("statements", "bad_seq", "good_rows", "words"),
    [
        (["UPDATE audit_log SET query = '别的查询' WHERE seq = 3"], 3, 2, "篡改"),
        (["UPDATE audit_log SET user = '李四' WHERE seq = 1"], 1, 0, "篡改"),
        (["UPDATE audit_log SET ts_local = '2020-01-01T00:00:00+08:00' WHERE seq = 5"], 5, 4, "篡改"),
        (["UPDATE audit_log SET detail = NULL WHERE seq = 2"], 2, 1, "篡改"),
        (["UPDATE audit_log SET hash = '" + "f" * 64 + "' WHERE seq = 5"], 5, 4, "篡改"),
        (["UPDATE audit_log SET prev_hash = '" + "0" * 64 + "' WHERE seq = 4"], 4, 3, "前序哈希"),
        (["DELETE FROM audit_log WHERE seq = 3"], 4, 2, "第 3 条记录缺失"),
        (["DELETE FROM audit_log WHERE seq = 1"], 2, 0, "第 1 条记录缺失"),
        (["DELETE FROM audit_log WHERE seq IN (2, 3)"], 4, 1, "第 2 条记录缺失"),
        # swap rows 2 and 3 (via a temporary seq)
        (
            [
                "UPDATE audit_log SET seq = 100 WHERE seq = 2",
                "UPDATE audit_log SET seq = 2 WHERE seq = 3",
                "UPDATE audit_log SET seq = 3 WHERE seq = 100",
            ],
            2,
            1,
            "前序哈希",
        ),
        # a forged row appended with a made-up hash
        (
            [
                "INSERT INTO audit_log SELECT 6, ts_utc, ts_local, '李四', device, 'search', '伪造', "
                "NULL, NULL, hash, '" + "a" * 64 + "' FROM audit_log WHERE seq = 5"
            ],
            6,
            5,
            "篡改",
        ),
    ],
    ids=[
        "edit-middle", "edit-first", "edit-last", "edit-detail", "edit-hash", "edit-prev-hash",
        "delete-middle", "delete-first", "delete-two", "reorder", "forged-append",
    ],
)
def test_tampering_is_detected(
    store: Store, statements: list[str], bad_seq: int, good_rows: int, words: str
) -> None:
    _fill(store)
    _tamper(store, *statements)
    result = _verify(store)
    assert not result.ok
    assert result.bad_seq == bad_seq
    assert result.rows == good_rows
    assert result.problem is not None and words in result.problem
    assert result.problem.startswith("第 ")


def test_forged_row_inserted_in_the_middle(store: Store) -> None:
    """Renumber rows 3.. and slip a row with a valid-looking hash in at seq 3."""
    _fill(store)
    rows = _rows(store)
    forged = {**rows[2], "seq": 3, "user": "李四", "query": "伪造", "prev_hash": rows[1]["hash"]}
    forged["hash"] = audit.row_hash(str(rows[1]["hash"]), forged)
    _tamper(store, "UPDATE audit_log SET seq = seq + 100 WHERE seq >= 3")
    _tamper(store, "UPDATE audit_log SET seq = seq - 99 WHERE seq >= 100")
    with store.write_work() as conn:
        conn.execute(audit_log.insert().values(**forged))
    result = _verify(store)
    assert (result.ok, result.bad_seq, result.rows) == (False, 4, 3)
    assert result.problem is not None and "前序哈希" in result.problem


def test_rehashed_edit_is_caught_at_the_next_row(store: Store) -> None:
    """Editing a row and fixing its own hash moves the break to the following row."""
    _fill(store)
    row = _rows(store)[2]
    edited = {**row, "query": "别的查询"}
    new_hash = audit.row_hash(str(row["prev_hash"]), edited)
    _tamper(
        store,
        "UPDATE audit_log SET query = '别的查询', hash = :h WHERE seq = 3",
        params={"h": new_hash},
    )
    result = _verify(store)
    assert (result.ok, result.bad_seq, result.rows) == (False, 4, 3)


def test_chain_alone_misses_tail_truncation(store: Store) -> None:
    """The limits of the bare chain (no anchor given): truncating the tail, a well-hashed append."""
    _fill(store)
    _tamper(store, "DELETE FROM audit_log WHERE seq = 5")
    assert _verify(store) == audit.VerifyResult(True, 4)

    last = _rows(store)[-1]
    forged = {**last, "seq": 5, "query": "伪造", "prev_hash": last["hash"]}
    forged["hash"] = audit.row_hash(str(last["hash"]), forged)
    with store.write_work() as conn:
        conn.execute(audit_log.insert().values(**forged))
    assert _verify(store) == audit.VerifyResult(True, 5)


def _verify_anchored(st: Store) -> audit.VerifyResult:
    with st.work.connect() as conn:
        return audit.verify(conn, st.read_audit_anchor())


def test_anchor_follows_every_committed_append(store: Store) -> None:
    assert store.read_audit_anchor() is None  # nothing written yet
    _fill(store, 3)
    anchor = store.read_audit_anchor()
    assert anchor is not None and anchor.genuine
    assert (anchor.seq, anchor.hash) == (3, _rows(store)[-1]["hash"])
    assert _verify_anchored(store) == audit.VerifyResult(True, 3)


def test_rolled_back_append_does_not_move_the_anchor(store: Store) -> None:
    _fill(store, 2)
    with pytest.raises(RuntimeError), store.write_work() as conn:
        audit.append(conn, user="张三", device="d", action="search", query="回滚")
        raise RuntimeError("the transaction fails after the append")
    anchor = store.read_audit_anchor()
    assert anchor is not None and anchor.seq == 2
    _fill(store, 1)  # the next transaction's head is its own, not the rolled-back one
    assert _verify_anchored(store) == audit.VerifyResult(True, 3)


def test_anchor_detects_tail_truncation(store: Store) -> None:
    _fill(store)
    _tamper(store, "DELETE FROM audit_log WHERE seq >= 4")
    result = _verify_anchored(store)
    assert (result.ok, result.rows, result.bad_seq) == (False, 3, 4)
    assert result.problem is not None and "第 4–5 条记录已被删除" in result.problem


def test_anchor_detects_truncation_followed_by_new_rows(store: Store) -> None:
    _fill(store, 3)
    _tamper(store, "DELETE FROM audit_log WHERE seq = 3")
    _fill(store, 2)  # the program carries on: new, correctly chained rows 3 and 4
    assert [r["seq"] for r in _rows(store)] == [1, 2, 3, 4]
    assert _verify(store).ok  # the chain alone is fooled …
    result = _verify_anchored(store)  # … the anchor stayed on the old row 3
    assert (result.ok, result.bad_seq) == (False, 3)
    assert result.problem is not None and "审计锚点" in result.problem


def test_anchor_behind_the_log_is_normal(store: Store, data_dir: Path) -> None:
    """A crash between commit and anchor write leaves the anchor one step behind: no alarm."""
    _fill(store, 3)
    saved = (data_dir / "audit-anchor.json").read_bytes()
    _fill(store, 2)
    (data_dir / "audit-anchor.json").write_bytes(saved)
    assert _verify_anchored(store) == audit.VerifyResult(True, 5)


def test_edited_anchor_is_reported(store: Store, data_dir: Path) -> None:
    _fill(store)
    path = data_dir / "audit-anchor.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**data, "seq": 3}), encoding="utf-8")  # to hide rows 4–5
    result = _verify_anchored(store)
    assert not result.ok and result.problem is not None and "audit-anchor.json" in result.problem


def test_append_continues_after_tail_truncation(store: Store) -> None:
    _fill(store, 3)
    _tamper(store, "DELETE FROM audit_log WHERE seq = 3")
    _fill(store, 1)
    rows = _rows(store)
    assert [r["seq"] for r in rows] == [1, 2, 3]
    assert _verify(store).ok


# -- Desk actions --------------------------------------------------------------------------


@pytest.fixture
def loaded_desk(desk: Desk) -> Desk:
    with desk.store.write_cache() as conn:
        upsert_entities(
            conn,
            [
                {"uscc": CODE, "name": "常州新北瑞丰精密机械有限公司"},
                {"uscc": complete("9132041112345678"), "name": "常州瑞丰五金店", "status": "注销"},
            ],
        )
    return desk


def test_search_records_one_row(loaded_desk: Desk, operator: Operator) -> None:
    result = loaded_desk.search("瑞丰")
    assert len(result.hits) == 2
    [row] = loaded_desk.audit_recent()
    assert (row["action"], row["query"], row["uscc"]) == ("search", "瑞丰", None)
    assert (row["user"], row["device"]) == (operator.user, operator.device)
    assert json.loads(row["detail"]) == {"kind": "name", "hits": 2}
    assert loaded_desk.audit_verify() == audit.VerifyResult(True, 1)


def test_search_by_code_records_the_code(loaded_desk: Desk) -> None:
    loaded_desk.search(CODE.lower())
    [row] = loaded_desk.audit_recent()
    assert (row["query"], row["uscc"]) == (CODE.lower(), CODE)
    assert json.loads(row["detail"]) == {"kind": "uscc", "hits": 1}


def test_search_without_record_writes_nothing(loaded_desk: Desk) -> None:
    for prefix in ("瑞", "瑞丰", "瑞丰精"):
        loaded_desk.search(prefix, record=False)
    assert loaded_desk.audit_recent() == []
    result = loaded_desk.search("瑞丰精密", record=False)
    loaded_desk.record_search(result)
    [row] = loaded_desk.audit_recent()
    assert row["query"] == "瑞丰精密"


def test_empty_search_is_not_recorded(loaded_desk: Desk) -> None:
    loaded_desk.search("   ")
    assert loaded_desk.audit_recent() == []


def test_profile_records_open_profile(loaded_desk: Desk) -> None:
    prof = loaded_desk.profile(CODE, query="瑞丰")
    assert prof is not None and prof.uscc == CODE
    missing = complete("9132041187654321")
    assert loaded_desk.profile(missing) is None
    assert loaded_desk.profile(CODE, record=False) is not None
    newest, oldest = loaded_desk.audit_recent()
    assert (oldest["action"], oldest["uscc"], oldest["query"]) == ("open_profile", CODE, "瑞丰")
    assert json.loads(oldest["detail"]) == {"found": True}
    assert (newest["action"], newest["uscc"]) == ("open_profile", missing)
    assert json.loads(newest["detail"]) == {"found": False}
    assert loaded_desk.audit_verify() == audit.VerifyResult(True, 2)


def test_checksum_override_records_reason(loaded_desk: Desk) -> None:
    bad = CODE[:-1] + ("0" if CODE[-1] != "0" else "1")
    check = loaded_desk.accept_checksum_override(bad.lower(), "已核对营业执照原件，代码无误")
    assert check.code == bad and not check.valid
    [row] = loaded_desk.audit_recent()
    assert (row["action"], row["uscc"]) == ("uscc_override", bad)
    detail = json.loads(row["detail"])
    assert detail["reason"] == "已核对营业执照原件，代码无误"
    assert detail["warnings"] and "第18位校验码应为" in detail["warnings"][0]


def test_override_of_malformed_code_writes_nothing(loaded_desk: Desk) -> None:
    with pytest.raises(USCCFormatError):
        loaded_desk.accept_checksum_override("123", "理由")
    assert loaded_desk.audit_recent() == []


def test_desk_open_and_operator_file(data_dir: Path) -> None:
    (data_dir / "operator.json").write_text(
        json.dumps({"user": "李四", "unit": "新北区市场监管局", "device": "窗口2"}, ensure_ascii=False),
        encoding="utf-8",
    )
    desk = Desk.open(data_dir)
    try:
        assert desk.operator == Operator("李四", "新北区市场监管局", "窗口2")
        desk.search("瑞丰")
        assert desk.audit_recent()[0]["device"] == "窗口2"
        stats = desk.stats()
        assert (stats.entities, stats.key_mode) == (0, "keyring")
    finally:
        desk.close()
    again = Desk.open(data_dir)  # same key from the keyring, same log
    try:
        assert again.audit_verify() == audit.VerifyResult(True, 1)
    finally:
        again.close()


def test_operator_defaults(tmp_path: Path) -> None:
    op = Operator.load(tmp_path)
    assert op.user and op.device and op.unit == ""
