"""The wire contract: payload fields match the cache, cursors round-trip, bad pages are refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from credit.store import tables
from credit.store.loader import ENTITY_FIELDS
from sync import protocol
from sync.apply import COLUMNS, decode, validate_page
from sync.errors import ProtocolViolation

CODE = "91410526MA0000000Q"


@pytest.mark.parametrize("kind", protocol.PULL_KINDS)
def test_payload_fields_are_the_cache_columns(kind: str) -> None:
    # a shared pushed kind has its own cache table (a commitment: platform_commitment)
    name = {k: f"platform_{k}" for k in ("commitment", "inspection", "interview")}.get(kind, kind)
    table = tables.entity if kind == "entity" else getattr(tables, name)
    cols = ENTITY_FIELDS if kind == "entity" else tuple(c.name for c in table.columns)
    assert protocol.PAYLOAD_FIELDS[kind] == cols == COLUMNS[kind]


def test_cursor_round_trip_and_garbage() -> None:
    c = protocol.encode_cursor("feed1", 42, ["410526", "6102"], 3)
    assert protocol.decode_cursor(c) == ("feed1", 42, protocol.scope_hash(["6102", "410526"]), 3)
    for bad in ("", "!!!", "e30", protocol.encode_cursor("f", 1, ["41"]).replace("e", "x")):
        with pytest.raises(protocol.CursorError):
            protocol.decode_cursor(bad)


def _page(changes: list[list[object]], fields: dict[str, list[str]] | None = None) -> bytes:
    return json.dumps(
        {
            "changes": changes,
            "fields": fields or {k: list(v) for k, v in protocol.PAYLOAD_FIELDS.items()},
            "next_cursor": "x",
            "has_more": False,
            "as_of": None,
            "server_time": datetime.now(UTC).isoformat(),
            "scope": ["410526"],
        }
    ).encode()


def _entity(**over: object) -> list[object]:
    values = {
        "uscc": CODE,
        "name": "滑县测试商行",
        "name_norm": "滑县测试商行",
        "pinyin": "hxcssh",
        "status": "存续",
        "active": 1,
        **over,
    }
    return protocol.payload_row("entity", values)


def test_a_good_page_decodes_last_change_wins() -> None:
    page = validate_page(
        _page(
            [
                [1, "entity", CODE, "upsert", 1, _entity()],
                [2, "entity", CODE, "delete", 2, None],
                [3, "entity", CODE, "upsert", 3, _entity(name="滑县改名商行", name_norm="滑县改名商行")],
            ]
        )
    )
    decoded = decode(page)
    assert decoded.count == 3 and not decoded.deletes
    assert decoded.upserts["entity"][0][1] == "滑县改名商行"


def test_fields_in_another_order_or_unknown_are_mapped() -> None:
    fields = {"entity": ["future_field", *reversed(protocol.PAYLOAD_FIELDS["entity"])]}
    row = ["?", *reversed(_entity())]
    decoded = decode(validate_page(_page([[1, "entity", CODE, "upsert", 1, row]], fields)))
    assert list(decoded.upserts["entity"][0]) == _entity()


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ([[2, "entity", CODE, "upsert", 1, _entity()], [1, "entity", CODE, "delete", 1, None]], "顺序"),
        ([[1, "entity", "91410526MA0000001Y", "upsert", 1, _entity()]], "编号不一致"),
        ([[1, "entity", CODE, "upsert", 1, _entity()[:-1]]], "字段数"),
        ([[1, "entity", CODE, "upsert", 1, _entity(grade="E")]], "grade"),
        ([[1, "entity", CODE, "upsert", 1, _entity(established="2020/1/1")]], "established"),
    ],
)
def test_bad_pages_are_refused_in_words(changes: list[list[object]], words: str) -> None:
    with pytest.raises(ProtocolViolation) as exc:
        decode(validate_page(_page(changes)))
    assert words in exc.value.reason


@pytest.mark.parametrize(
    "change",
    [
        [1, "check_record", "x", "upsert", 1, []],  # pushed, never shared
        [1, "entity", CODE, "merge", 1, None],
        [1, "entity", CODE, "upsert"],
    ],
)
def test_unknown_kinds_ops_and_shapes_fail_while_parsing(change: list[object]) -> None:
    with pytest.raises(ProtocolViolation) as exc:
        validate_page(_page([change]))
    assert "格式不正确" in exc.value.reason
