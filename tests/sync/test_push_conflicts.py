"""Two laptops determine the fulfilment of the same commitment: the platform never lets one edit
silently overwrite the other, and each way of resolving it (keep mine, take theirs, merge field by
field) ends with both laptops and the platform agreeing — whichever laptop pushes first."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from credit import commitments
from credit.platform_commitments import MINE, THEIRS, ResolveError, adopt, resolve_conflict
from credit.store.tables import commitment, platform_commitment
from sync.server.db import pushed_record
from tests.sync import fieldwork as fw
from tests.sync.conftest import Platform

TODAY = date.today()


@pytest.fixture
def pair(platform: Platform, tmp_path: Path) -> Iterator[tuple[fw.Laptop, fw.Laptop, dict]]:
    """The window (A) registers a commitment and pushes it; the field laptop (B) pulls and adopts it."""
    a = fw.laptop(tmp_path / "window", platform.base, "huaxian")
    b = fw.laptop(tmp_path / "field", platform.base, "huaxian")
    try:
        [code] = fw.usccs(a.store, 1, random.Random(str(tmp_path)))
        row = commitments.register(
            a.store, a.operator, committer_name="冲突测试公司", committer_category="法人及非法人组织",
            committer_code=code, commitment_type="容缺受理型", reason="申请办理", made_on=TODAY,
            accepting_unit=a.operator.unit, publicity_type="可向社会公开", missing_materials=["场地证明"],
            deadline_working_days=5,
        )  # fmt: skip
        a.client.sync(a.store)
        b.client.pull(b.store)
        adopted = adopt(b.store, b.operator, row["id"])
        assert adopted["version"] == 1 and adopted["code"] == row["code"]
        yield a, b, row
    finally:
        a.close()
        b.close()


def _determine(lt: fw.Laptop, code: str, state: str, unit: str, base: int, unmet: str | None = None) -> None:
    commitments.record_fulfilment(
        lt.store, lt.operator, code, fulfilment=state, determined_on=TODAY, determining_unit=unit,
        unmet_content=unmet, base_version=base,
    )  # fmt: skip


def _platform_state(platform: Platform, cid: str) -> tuple[int, dict]:
    import json

    with platform.engine.connect() as conn:
        row = conn.execute(
            sa.select(pushed_record.c.version, pushed_record.c.payload).where(
                pushed_record.c.kind == "commitment", pushed_record.c.id == cid
            )
        ).one()
    return row.version, json.loads(row.payload)


def _local(lt: fw.Laptop, cid: str) -> dict:
    with lt.store.work.connect() as conn:
        return dict(conn.execute(sa.select(commitment).where(commitment.c.id == cid)).one()._mapping)


def _cached(lt: fw.Laptop, cid: str) -> dict:
    with lt.store.cache.connect() as conn:
        return dict(
            conn.execute(sa.select(platform_commitment).where(platform_commitment.c.id == cid)).one()._mapping
        )


@pytest.mark.parametrize("first", ["window", "field"])
@pytest.mark.parametrize("choice", ["mine", "theirs", "merge"])
def test_two_laptops_edit_the_same_commitment(
    platform: Platform, pair: tuple[fw.Laptop, fw.Laptop, dict], first: str, choice: str
) -> None:
    a, b, row = pair
    cid, code = row["id"], row["code"]
    _determine(a, code, "全部履行", "滑县市场监督管理局", 1)  # the window: materials arrived
    _determine(
        b, code, "部分履行", "滑县市场监督管理局执法大队", 1, unmet="场地证明未补齐"
    )  # the field: not all
    winner, loser = (a, b) if first == "window" else (b, a)
    won = winner.client.push(winner.store)
    assert won.accepted == 1 and won.conflict == 0
    lost = loser.client.push(loser.store)
    assert lost.conflict == 1 and lost.accepted == 0
    [conflict] = [r for r in fw.outbox_rows(loser.store) if r["status"] == "conflict"]
    assert conflict["reason_code"] == "stale_base" and "第 2 版" in conflict["reason"]
    theirs_version, theirs = _platform_state(platform, cid)
    assert (
        theirs_version == 2 and theirs["fulfilment"] == _local(winner, cid)["fulfilment"]
    )  # not overwritten
    mine = _local(loser, cid)
    assert mine["fulfilment"] != theirs["fulfilment"]

    if choice == "theirs":
        resolve_conflict(loser.store, loser.operator, conflict["seq"], THEIRS)
        want = {k: theirs.get(k) for k in ("fulfilment", "unmet_content", "determining_unit")}
        version = 2
    elif choice == "mine":
        resolve_conflict(loser.store, loser.operator, conflict["seq"], MINE)
        want = {k: mine.get(k) for k in ("fulfilment", "unmet_content", "determining_unit")}
        version = 3
    else:  # field by field: the field's state and note, the window's unit
        field, window = (mine, theirs) if loser is b else (theirs, mine)
        merged = {
            "fulfilment": field["fulfilment"], "unmet_content": field["unmet_content"],
            "liability_pursued": None,
            "determined_on": TODAY.isoformat(), "determining_unit": window["determining_unit"],
        }  # fmt: skip
        resolve_conflict(loser.store, loser.operator, conflict["seq"], MINE, merged)
        want = {k: merged[k] for k in ("fulfilment", "unmet_content", "determining_unit")}
        version = 3
    again = loser.client.sync(loser.store)
    assert again.pending_outbox == 0 and again.attention == 0
    assert again.push is not None and again.push.accepted == (0 if choice == "theirs" else 1)
    winner.client.sync(winner.store)
    p_version, p = _platform_state(platform, cid)
    assert p_version == version
    for lt in (a, b):
        local, cached = _local(lt, cid), _cached(lt, cid)
        assert local["version"] == cached["version"] == version, (lt.path.name, choice, first)
        for key, value in want.items():
            assert local[key] == cached[key] == p[key] == value, (lt.path.name, key)
    assert all(r["status"] in ("done", "superseded") for lt in (a, b) for r in fw.outbox_rows(lt.store))


def test_a_conflict_cannot_be_kept_twice(platform: Platform, pair: tuple[fw.Laptop, fw.Laptop, dict]) -> None:
    a, b, row = pair
    _determine(a, row["code"], "全部履行", "滑县市场监督管理局", 1)
    _determine(b, row["code"], "全部未履行", "滑县市场监督管理局", 1)
    b.client.push(b.store)
    a.client.push(a.store)
    [conflict] = [r for r in fw.outbox_rows(a.store) if r["status"] == "conflict"]
    resolve_conflict(a.store, a.operator, conflict["seq"], THEIRS)
    with pytest.raises(ResolveError, match="没有冲突"):
        resolve_conflict(a.store, a.operator, conflict["seq"], MINE)


def test_opening_a_platform_commitment_adopts_it_once(platform: Platform, tmp_path: Path) -> None:
    from credit.platform_commitments import get_or_adopt

    a = fw.laptop(tmp_path / "w", platform.base, "huaxian")
    try:
        [code] = fw.usccs(a.store, 1, random.Random(47))
        row = commitments.register(
            a.store, a.operator, committer_name="领用测试", committer_category="法人及非法人组织",
            committer_code=code, commitment_type="审批替代型", reason="申请", made_on=TODAY,
            accepting_unit=a.operator.unit, publicity_type="可向社会公开",
        )  # fmt: skip
        a.client.push(a.store)
    finally:
        a.close()
    b = fw.laptop(tmp_path / "f", platform.base, "huaxian")
    try:
        assert get_or_adopt(b.store, b.operator, "41052620990101019999") is None
        got = get_or_adopt(b.store, b.operator, row["code"])
        assert got is not None and got["id"] == row["id"] and got["version"] == 1
        assert get_or_adopt(b.store, b.operator, row["code"]) == got  # the second time: the local one
        assert fw.outbox_rows(b.store) == []  # adopting sends nothing
    finally:
        b.close()
