"""Tests for credit.importer: platform exports (CSV/XLSX) into the encrypted cache.

Fixtures live in tests/credit/data/import_*; make_import_fixtures.py there regenerates them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from credit.importer import (
    ImportFileError,
    ImportReport,
    catalog,
    detect_kind,
    header_key,
    import_file,
    parse_amount_wan,
    parse_date,
    read_table,
    record_id,
)
from credit.store import search
from credit.store.db import Store
from credit.store.keys import DbKey

DATA = Path(__file__).parent / "data"
PENALTY_CSV = DATA / "import_penalty_utf8.csv"
PENALTY_GB = DATA / "import_penalty_gb18030.csv"
PENALTY_XLSX = DATA / "import_penalty_codes.xlsx"
LICENCE_XLSX = DATA / "import_licence.xlsx"
ENTITY_CSV = DATA / "import_entity.csv"
LIST_CSV = DATA / "import_list.csv"
UNKNOWN_CSV = DATA / "import_unknown.csv"

CACHE_TABLES = ("entity", "penalty", "licence", "list_entry", "honour")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    key = DbKey("\"x'" + "ab" * 32 + "'\"", "keyring")
    s = Store.open(tmp_path / "data", key)
    yield s
    s.close()


def counts(store: Store) -> dict[str, int]:
    with store.cache.connect() as conn:
        return {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one() for t in CACHE_TABLES}


def rows_of(store: Store, sql: str, **params: object) -> list[sa.Row[tuple[object, ...]]]:
    with store.cache.connect() as conn:
        return list(conn.execute(sa.text(sql), params))


def best_uscc(conn: sa.Connection, query: str) -> str | None:
    hit = search.search(conn, query).best
    return hit.uscc if hit else None


def problems_by_row(report: ImportReport) -> dict[int, list[tuple[str, str]]]:
    out: dict[int, list[tuple[str, str]]] = {}
    for p in report.problems:
        out.setdefault(p.row, []).append((p.severity, p.reason))
    return out


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


# --------------------------------------------------------------------------------------------
# Catalog and values


def test_catalog_has_every_kind_and_no_header_twice_within_a_kind() -> None:
    cat = catalog()
    assert set(cat.kinds) == {"penalty", "licence", "entity", "list"}
    for spec in cat.kinds.values():
        keys = [header_key(h) for aliases in spec.fields.values() for h in aliases]
        assert len(keys) == len(set(keys)), spec.kind
        for group in spec.required:
            assert all(f in spec.fields for f in group)
        assert spec.markers <= spec.fields.keys()


def test_catalog_holds_the_national_field_codes() -> None:
    cat = catalog()
    penalty_codes = {a for v in cat.kinds["penalty"].fields.values() for a in v}
    licence_codes = {a for v in cat.kinds["licence"].fields.values() for a in v}
    for code in ("CF_XDR_MC", "CF_XDR_SHXYM", "CF_WSH", "CF_NR_FK", "CF_NR_WFFF", "CF_JDRQ",
                 "CF_GSJZQ", "CF_CFJGDM", "CF_SJLYDM", "CF_BZ"):  # fmt: skip
        assert code in penalty_codes
    for code in ("XK_XDR_MC", "XK_WSH", "XK_XKBH", "XK_YXQZ", "XK_YXQZI", "XK_ZT"):
        assert code in licence_codes


@pytest.mark.parametrize(
    "text",
    ["2025-09-26", "2025/9/26", "20250926", "2025年9月26日", "2025.9.26", "2025-09-26 00:00:00",
     "45926", "２０２５－０９－２６"],
)  # fmt: skip
def test_parse_date_formats(text: str) -> None:
    assert parse_date(text) == date(2025, 9, 26)


@pytest.mark.parametrize("text", ["2025-13-45", "九月", "2025年9月", "26/09/2025", ""])
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "wan"),
    [("0.5", 0.5), ("3万元", 3.0), ("1,200元", 0.12), ("人民币5万", 5.0), ("12", 12.0),
     ("￥2,000.00元", 0.2)],
)  # fmt: skip
def test_parse_amount(text: str, wan: float) -> None:
    assert parse_amount_wan(text) == pytest.approx(wan)


@pytest.mark.parametrize("text", ["五万元", "100万美元", "-3", "abc"])
def test_parse_amount_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_amount_wan(text)


def test_record_id_is_deterministic_and_short() -> None:
    a = record_id("penalty", "91350200MA31E12PXF", "X")
    assert a == record_id("penalty", "91350200MA31E12PXF", "X")
    assert a != record_id("penalty", "91350200MA31E12PXF", "Y")
    assert len(a) == 20


# --------------------------------------------------------------------------------------------
# Reading and detecting


def test_read_table_csv_with_bom_and_gb18030() -> None:
    headers, rows = read_table(PENALTY_CSV)
    assert headers[0] == "行政相对人名称"  # BOM gone
    assert "罚款金额(万元)" in headers  # NFKC
    first = next(iter(rows))
    assert first[0] == 2 and first[1]["统一社会信用代码"] == "91350200MA31E12PXF"

    headers, rows = read_table(PENALTY_GB)
    data = list(rows)
    assert headers[2] == "行政处罚决定书文号"
    assert data[1][1]["行政相对人名称"] == "鑫淼燚商行（個體）"  # values keep their width
    assert [n for n, _ in data] == [2, 3]


def test_read_table_xlsx_skips_title_and_blank_rows_and_converts_cells() -> None:
    headers, rows = read_table(PENALTY_XLSX)
    assert headers[:3] == ["CF_XDR_MC", "CF_XDR_LB", "CF_XDR_SHXYM"]
    data = dict(rows)
    assert sorted(data) == [3, 4, 5, 7]  # title row 1, header row 2, blank row 6
    assert data[3]["CF_JDRQ"] == "2025-09-26"  # a datetime cell
    assert data[3]["CF_NR_FK"] == "1"  # an integral number
    assert data[4]["CF_NR_FK"] == "12.5"
    assert data[5]["CF_JDRQ"] == "45930"  # an undated serial, parsed later


def test_read_table_picks_the_data_sheet() -> None:
    headers, rows = read_table(LICENCE_XLSX)
    assert headers[0] == "行政相对人名称"
    assert len(list(rows)) == 3


def test_read_table_utf16_tab_separated(tmp_path: Path) -> None:
    text = "统一社会信用代码\t企业名称\n91110000600037341L\t北京京城实业有限公司\n"
    path = tmp_path / "unicode.txt"
    path.write_bytes(text.encode("utf-16"))
    headers, rows = read_table(path)
    assert headers == ["统一社会信用代码", "企业名称"]
    assert list(rows) == [(2, {"统一社会信用代码": "91110000600037341L", "企业名称": "北京京城实业有限公司"})]


def test_title_rows_above_the_header_are_skipped(store: Store, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "titled.csv",
        [
            ["行政处罚信息公示", "导出日期：2025-10-01", ""],
            ["", "", ""],
            ["行政相对人名称", "统一社会信用代码", "行政处罚决定书文号", "处罚决定日期"],
            ["厦门鹭岛（思明）食品有限公司", '="91350200MA31E12PXF"', "罚〔2025〕1号", "2025-09-26"],
            ["厦门鹭岛食品有限公司", "91350200MA31E12PX", "罚〔2025〕2号", "2025-09-26"],
        ],
    )
    headers, rows = read_table(path)
    assert headers == ["行政相对人名称", "统一社会信用代码", "行政处罚决定书文号", "处罚决定日期"]
    first = next(iter(rows))
    assert first == (
        4,
        {
            "行政相对人名称": "厦门鹭岛（思明）食品有限公司",  # values keep full-width brackets
            "统一社会信用代码": "91350200MA31E12PXF",
            "行政处罚决定书文号": "罚〔2025〕1号",
            "处罚决定日期": "2025-09-26",
        },
    )
    report = import_file(store, path)
    assert report.stats.inserted == 1
    assert [(p.row, p.severity) for p in report.problems] == [(5, "error")]


@pytest.mark.parametrize(
    ("path", "kind"),
    [(PENALTY_CSV, "penalty"), (PENALTY_GB, "penalty"), (PENALTY_XLSX, "penalty"),
     (LICENCE_XLSX, "licence"), (ENTITY_CSV, "entity"), (LIST_CSV, "list")],
)  # fmt: skip
def test_detect_kind_from_fixture_headers(path: Path, kind: str) -> None:
    headers, _ = read_table(path)
    assert detect_kind(headers) == kind


def test_detect_kind_is_case_and_width_insensitive() -> None:
    assert detect_kind(["cf_xdr_mc", "Cf_Xdr_Shxym", "CF_WSH", "cf_jdrq"]) == "penalty"
    assert detect_kind(["XK_XDR_MC", "XK_XDR_SHXYM", "XK_XKBH", "XK_JDRQ"]) == "licence"
    assert detect_kind(["* 统一社会信用代码 ", "名称"]) == "entity"
    assert detect_kind(["统一社会信用代码", "主体名称", "名单类别", "列入日期"]) == "list"


def test_unknown_headers_give_a_clear_error() -> None:
    with pytest.raises(ImportFileError) as info:
        detect_kind(["姓名", "年龄", "电话"])
    reason = info.value.reason
    assert "无法识别文件类型" in reason and "姓名" in reason
    for expected in ("行政处罚决定书文号", "CF_WSH", "许可编号", "名单类别", "import_fields.json"):
        assert expected in reason


def test_a_recognisable_file_missing_a_required_column_names_it() -> None:
    with pytest.raises(ImportFileError) as info:
        detect_kind(["行政相对人名称", "统一社会信用代码", "行政处罚决定书文号", "处罚类别"])
    assert "缺少必需的列：处罚决定日期" in info.value.reason


def test_abnormal_list_without_category_is_not_taken_for_entities() -> None:
    with pytest.raises(ImportFileError) as info:
        detect_kind(["统一社会信用代码", "企业名称", "列入经营异常名录原因", "列入日期"])
    assert "名单类别" in info.value.reason


def test_unknown_file_import_fails_without_writing(store: Store) -> None:
    before = counts(store)
    with pytest.raises(ImportFileError) as info:
        import_file(store, UNKNOWN_CSV)
    assert "无法识别文件类型" in info.value.reason
    assert counts(store) == before


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [("old.xls", b"\xd0\xcf\x11\xe0", "另存为 .xlsx"), ("a.pdf", b"%PDF", "不支持的文件类型"),
     ("broken.xlsx", b"not a zip", "无法读取 Excel 文件"), ("empty.csv", b"", "找不到表头行")],
)  # fmt: skip
def test_unreadable_files(store: Store, tmp_path: Path, name: str, content: bytes, fragment: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFileError) as info:
        import_file(store, path)
    assert fragment in info.value.reason


def test_missing_file(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="找不到文件"):
        import_file(store, tmp_path / "nope.csv")


def test_forced_kind_must_fit_the_columns(store: Store) -> None:
    with pytest.raises(ImportFileError, match="按行政许可文件导入，但缺少必需的列"):
        import_file(store, PENALTY_CSV, kind="licence")
    with pytest.raises(ImportFileError, match="未知的导入类型"):
        import_file(store, PENALTY_CSV, kind="grades")


# --------------------------------------------------------------------------------------------
# Penalties


def test_penalty_csv_loads_good_rows_and_reports_bad_ones(store: Store) -> None:
    report = import_file(store, PENALTY_CSV)
    assert report.kind == "penalty" and report.total_rows == 9
    assert (report.stats.inserted, report.stats.updated, report.stats.unchanged) == (4, 0, 0)
    by_row = problems_by_row(report)
    assert sorted(by_row) == [4, 5, 6, 7, 8, 9]

    [(sev, reason)] = by_row[4]
    assert sev == "error"
    assert reason.startswith("第4行：统一社会信用代码“9135020MA31E12PXF”长度应为18位")
    [(sev, reason)] = by_row[5]
    assert sev == "error" and reason == "第5行：缺少行政处罚决定书文号，本行未导入。"
    [(sev, reason)] = by_row[6]
    assert sev == "error" and "处罚决定日期“2025-13-45”不是可识别的日期" in reason
    [(sev, reason)] = by_row[7]
    assert sev == "warning" and "91350203M0001QAY9B" in reason and "第18位" in reason
    [(sev, reason)] = by_row[8]
    assert sev == "warning" and "与第2行内容相同" in reason
    [(sev, reason)] = by_row[9]
    assert sev == "error" and "与第3行" in reason and "内容不同" in reason

    assert report.rejected == 3 + 1 and report.warnings == 2 and not report.ok
    assert report.entities_created == 4  # nothing was cached yet: one per distinct code
    assert counts(store)["penalty"] == 4

    rows = {r.decision_no: r for r in rows_of(store, "SELECT * FROM penalty")}
    good = rows["厦思市监罚〔2025〕101号"]
    assert good.uscc == "91350200MA31E12PXF" and good.decision_date == "2025-09-26"
    assert good.fine_wan == 0.5 and good.confiscated_wan == 0.12
    assert good.severity == "一般" and good.publicity_end == "2026-09-26"
    assert good.legal_rep_id == "350203198001011234"
    warned = rows["京市监罚〔2025〕7号"]
    assert warned.severity == "轻微" and warned.penalty_type == "警告"
    assert warned.publicity_end is None  # minor penalties were not published before 2026-04-01
    bad_check = rows["厦思市监罚〔2025〕104号"]
    assert bad_check.uscc == "91350203M0001QAY9B" and bad_check.fine_wan == 0.12  # 1,200元
    revoked = rows["深福民罚〔2025〕3号"]
    assert revoked.severity == "严重" and revoked.publicity_end == "2026-09-26"  # from the file


def test_penalty_creates_minimal_entities_that_search_finds(store: Store) -> None:
    import_file(store, PENALTY_CSV)
    [e] = rows_of(store, "SELECT * FROM entity WHERE uscc = '91350203M0001QAY9B'")
    assert e.name == "厦门思明老字号商行" and e.entity_type == "企业"
    assert e.status == "存续" and e.source == "import" and e.active == 1
    [ngo] = rows_of(store, "SELECT entity_type FROM entity WHERE uscc = '524403000987654302'")
    assert ngo.entity_type == "民办非企业单位"
    with store.cache.connect() as conn:
        assert best_uscc(conn, "老字号") == "91350203M0001QAY9B"
        assert search.search(conn, "91350203M0001QAY9B").hits


def test_existing_entities_are_not_overwritten_by_record_imports(store: Store) -> None:
    import_file(store, ENTITY_CSV)
    report = import_file(store, PENALTY_CSV)
    assert report.entities_created == 1  # only the code not in the entity file
    [e] = rows_of(store, "SELECT * FROM entity WHERE uscc = '91350200MA31E12PXF'")
    assert e.grade == "A" and e.address == "厦门市思明区鹭江道1号"


def test_reimport_changes_nothing(store: Store) -> None:
    for path in (ENTITY_CSV, PENALTY_CSV, PENALTY_GB, PENALTY_XLSX, LICENCE_XLSX, LIST_CSV):
        import_file(store, path)
    before = counts(store)
    for path in (ENTITY_CSV, PENALTY_CSV, PENALTY_GB, PENALTY_XLSX, LICENCE_XLSX, LIST_CSV):
        report = import_file(store, path)
        assert report.stats.inserted == 0 and report.stats.updated == 0, path.name
        assert report.stats.unchanged > 0 and report.entities_created == 0
    assert counts(store) == before


def test_corrected_file_updates_in_place(store: Store, tmp_path: Path) -> None:
    import_file(store, PENALTY_CSV)
    text = PENALTY_CSV.read_text(encoding="utf-8-sig")
    # the fine of row 2 corrected, and its decision number written with other brackets
    fixed = text.replace("销售超过保质期的食品", "销售超过保质期的食品（已更正）", 1)
    fixed = fixed.replace("厦思市监罚〔2025〕101号", "厦思市监罚[2025]101号", 1)
    path = tmp_path / "corrected.csv"
    path.write_text(fixed, encoding="utf-8-sig")
    before = counts(store)
    report = import_file(store, path)
    assert (report.stats.inserted, report.stats.updated, report.stats.unchanged) == (0, 1, 3)
    assert counts(store) == before
    [r] = rows_of(store, "SELECT facts, decision_no FROM penalty WHERE uscc = '91350200MA31E12PXF'")
    assert r.facts.endswith("（已更正）") and r.decision_no == "厦思市监罚[2025]101号"


def test_narrower_file_keeps_what_it_does_not_carry(store: Store, tmp_path: Path) -> None:
    import_file(store, PENALTY_CSV)
    with store.write_cache() as conn:
        conn.exec_driver_sql("UPDATE penalty SET repaired_on = '2026-01-05'")
    narrow = write_csv(
        tmp_path / "narrow.csv",
        [["行政相对人名称", "统一社会信用代码", "行政处罚决定书文号", "处罚决定日期", "处罚类别",
          "罚款金额（万元）"],
         ["厦门鹭岛食品有限公司", "91350200MA31E12PXF", "厦思市监罚〔2025〕101号", "2025-09-26",
          "罚款;没收违法所得", "0.5"]],
    )  # fmt: skip
    report = import_file(store, narrow)
    assert report.stats.unchanged == 1, report.problems
    [r] = rows_of(store, "SELECT * FROM penalty WHERE uscc = '91350200MA31E12PXF'")
    assert r.facts == "销售超过保质期的食品" and r.repaired_on == "2026-01-05"


def test_gb18030_penalty_csv(store: Store) -> None:
    report = import_file(store, PENALTY_GB)
    assert report.ok and report.stats.inserted == 2
    [r] = rows_of(store, "SELECT subject_name FROM penalty WHERE decision_no LIKE '京%'")
    assert r.subject_name == "鑫淼燚商行（個體）"


def test_penalty_xlsx_with_field_codes(store: Store) -> None:
    report = import_file(store, PENALTY_XLSX)
    assert report.kind == "penalty" and report.total_rows == 4
    assert report.stats.inserted == 3
    assert report.ignored_columns == ["CF_XDR_GSZC"]
    [(row, sev, reason)] = [(p.row, p.severity, p.reason) for p in report.problems]
    assert row == 7 and sev == "error"
    assert "CF_JDRQ（处罚决定日期）“二〇二五年九月”不是可识别的日期" in reason
    rows = {r.decision_no: r for r in rows_of(store, "SELECT * FROM penalty")}
    assert rows["厦思市监罚〔2025〕301号"].decision_date == "2025-09-26"
    big = rows["京市监罚〔2025〕302号"]
    assert big.decision_date == "2025-09-30" and big.fine_wan == 12.5
    assert big.severity == "严重" and big.publicity_end == "2028-09-30" and big.note == "首次"
    assert rows["深福民罚〔2025〕303号"].decision_date == "2025-09-30"  # Excel serial 45930


def test_natural_person_penalty_gets_a_hint(store: Store, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "p.csv",
        [["行政相对人名称", "行政相对人类别", "统一社会信用代码", "行政处罚决定书文号", "处罚决定日期"],
         ["张某", "自然人", "", "某罚〔2025〕1号", "2025-09-26"]],
    )  # fmt: skip
    report = import_file(store, path)
    [p] = report.problems
    assert "缺少统一社会信用代码" in p.reason and "自然人" in p.reason


def test_implausible_fine_is_warned(store: Store, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "p.csv",
        [["行政相对人名称", "统一社会信用代码", "行政处罚决定书文号", "处罚决定日期", "罚款金额（万元）"],
         ["厦门鹭岛食品有限公司", "91350200MA31E12PXF", "X罚〔2025〕1号", "2025-09-26", "5000"]],
    )  # fmt: skip
    report = import_file(store, path)
    assert report.ok and report.stats.inserted == 1
    [p] = report.problems
    assert p.severity == "warning" and "单位是万元" in p.reason


# --------------------------------------------------------------------------------------------
# Licences, entities, lists


def test_licence_xlsx(store: Store) -> None:
    report = import_file(store, LICENCE_XLSX)
    assert report.kind == "licence" and report.stats.inserted == 2
    [p] = report.problems
    assert p.row == 4 and p.reason == "第4行：缺少行政许可决定文书号或许可编号，本行未导入。"
    rows = {r.uscc: r for r in rows_of(store, "SELECT * FROM licence")}
    food = rows["91350200MA31E12PXF"]
    assert food.doc_no == "厦思市监许〔2025〕11号" and food.status == "有效"  # code 1
    assert (food.decision_date, food.valid_from, food.valid_to) == (
        "2025-03-01", "2025-03-01", "2030-02-28",
    )  # fmt: skip
    shop = rows["92350206MA2Y00001A"]
    assert shop.doc_no is None and shop.cert_no == "JY13502060099999"
    assert shop.valid_to is None  # 长期
    assert report.entities_created == 2
    [e] = rows_of(store, "SELECT entity_type, legal_rep FROM entity WHERE uscc = '92350206MA2Y00001A'")
    assert e.entity_type == "个体工商户" and e.legal_rep == "王五"


def test_entity_csv(store: Store) -> None:
    report = import_file(store, ENTITY_CSV)
    assert report.kind == "entity" and report.ok
    assert report.stats.inserted == 3 and report.by_table["entity"].inserted == 3
    rows = {r.uscc: r for r in rows_of(store, "SELECT * FROM entity")}
    food = rows["91350200MA31E12PXF"]
    assert food.status == "存续" and food.active == 1 and food.grade == "A"
    assert food.division_code == "350203" and food.capital_wan == 100.0
    assert food.established == "2018-05-04" and food.pinyin.startswith("xmld")
    gone = rows["91110000600037341L"]
    assert gone.status == "注销" and gone.active == 0 and gone.capital_wan == 5000.0
    assert gone.division_name == "北京市东城区" and gone.established == "1999-01-02"
    with store.cache.connect() as conn:
        assert best_uscc(conn, "鹭岛") == "91350200MA31E12PXF"


def test_entity_file_with_fewer_columns_updates_only_those(store: Store, tmp_path: Path) -> None:
    import_file(store, ENTITY_CSV)
    grades = write_csv(
        tmp_path / "grades.csv",
        [["统一社会信用代码", "名称", "信用等级", "评价日期"],
         ["91350200MA31E12PXF", "厦门鹭岛食品股份有限公司", "C", "2026-06-30"],
         ["91350200MA31E12PXF", "厦门鹭岛食品股份有限公司", "C", "2026-06-30"],
         ["91110000600037341L", "北京京城实业有限公司", "E", ""]],
    )  # fmt: skip
    report = import_file(store, grades)
    # 北京: grade E is dropped with a warning, so nothing changes for it
    assert (report.stats.inserted, report.stats.updated, report.stats.unchanged) == (0, 1, 1)
    assert [p.severity for p in report.problems] == ["warning", "warning"]  # duplicate, grade E
    [e] = rows_of(store, "SELECT * FROM entity WHERE uscc = '91350200MA31E12PXF'")
    assert (e.name, e.grade, e.grade_date) == ("厦门鹭岛食品股份有限公司", "C", "2026-06-30")
    assert e.legal_rep == "张三" and e.address == "厦门市思明区鹭江道1号"  # kept
    assert e.pinyin.startswith("xmldsp")
    with store.cache.connect() as conn:  # the renamed entity is found by its new name
        assert best_uscc(conn, "股份") == "91350200MA31E12PXF"


def test_list_csv(store: Store) -> None:
    report = import_file(store, LIST_CSV)
    assert report.kind == "list" and report.total_rows == 6
    assert report.by_table["list_entry"].inserted == 4
    assert report.by_table["honour"].inserted == 1
    [p] = report.problems
    assert p.row == 7 and p.severity == "error" and "优秀志愿团队" in p.reason
    types = {(r.uscc, r.list_type) for r in rows_of(store, "SELECT * FROM list_entry")}
    assert types == {
        ("91350200MA31E12PXF", "serious"),
        ("91350200MA31E12PXF", "abnormal"),
        ("91110000600037341L", "watch"),
        ("92350206MA2Y00001A", "judgment_debtor"),
    }
    [ab] = rows_of(store, "SELECT * FROM list_entry WHERE list_type = 'abnormal'")
    assert ab.removed_on == "2024-09-01" and ab.removal_reason == "已更正住所" and ab.doc_no is None
    [h] = rows_of(store, "SELECT * FROM honour")
    assert (h.uscc, h.title, h.granted_on, h.valid_until) == (
        "524403000987654302", "守合同重信用企业", "2024-12-01", "2026-11-30",
    )  # fmt: skip
    assert report.entities_created == 4
    with store.cache.connect() as conn:
        flags = search.active_flags(conn, ["91350200MA31E12PXF"], today=date(2026, 1, 1))
    assert flags == {"91350200MA31E12PXF": ("严重失信",)}  # the abnormal entry was removed


@pytest.mark.parametrize(
    ("category", "list_type"),
    [("经营异常名录", "abnormal"), ("市场监督管理严重违法失信名单", "serious"),
     ("重大税收违法失信主体名单", "serious"), ("安全生产领域失信联合惩戒对象名单", "serious"),
     ("失信被执行人", "judgment_debtor"), ("重点关注名单", "watch"), ("红名单", "honour")],
)  # fmt: skip
def test_list_categories_map_through_the_catalog(
    store: Store, tmp_path: Path, category: str, list_type: str
) -> None:
    path = write_csv(
        tmp_path / "l.csv",
        [["统一社会信用代码", "主体名称", "名单类别", "列入日期"],
         ["91110000600037341L", "北京京城实业有限公司", category, "2025-01-01"]],
    )  # fmt: skip
    report = import_file(store, path)
    assert report.ok
    table = "honour" if list_type == "honour" else "list_entry"
    assert report.by_table[table].inserted == 1
    if table == "list_entry":
        [r] = rows_of(store, "SELECT list_type FROM list_entry")
        assert r.list_type == list_type


def test_person_on_judgment_debtor_list(store: Store, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "l.csv",
        [["统一社会信用代码", "主体名称", "姓名", "证件号码", "名单类别", "决定书文号", "列入日期"],
         ["", "", "王某", "350203198001011234", "失信被执行人", "（2025）闽0206执9号", "2025-07-01"]],
    )  # fmt: skip
    report = import_file(store, path)
    assert report.ok, report.problems
    [r] = rows_of(store, "SELECT * FROM list_entry")
    assert r.uscc is None and r.person_name == "王某" and r.person_id == "350203198001011234"
    assert report.entities_created == 0


# --------------------------------------------------------------------------------------------
# Transactions, progress, report


def test_progress_and_cancel_roll_back(store: Store, tmp_path: Path) -> None:
    header = ["行政相对人名称", "统一社会信用代码", "行政处罚决定书文号", "处罚决定日期"]
    body = [["厦门鹭岛食品有限公司", "91350200MA31E12PXF", f"罚〔2025〕{i}号", "2025-09-26"]
            for i in range(4500)]  # fmt: skip
    path = write_csv(tmp_path / "big.csv", [header, *body])
    seen: list[tuple[int, int]] = []

    def cancel_after_first(done: int, total: int) -> None:
        seen.append((done, total))
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_file(store, path, progress=cancel_after_first)
    assert seen == [(2000, 4500)]
    assert counts(store)["penalty"] == 0 and counts(store)["entity"] == 0

    calls: list[tuple[int, int]] = []
    report = import_file(store, path, progress=lambda d, t: calls.append((d, t)))
    assert report.stats.inserted == 4500 and counts(store)["penalty"] == 4500
    assert calls[-1] == (4500, 4500) and calls[0] == (2000, 4500)
    with store.cache.connect() as conn:
        info: dict[str, str] = dict(conn.exec_driver_sql("SELECT key, value FROM cache_info").all())
    assert "last_import" in info and "as_of" not in info


def test_report_to_dict_is_json(store: Store) -> None:
    report = import_file(store, PENALTY_CSV)
    data = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    assert data["kind"] == "penalty" and data["rejected"] == 4 and data["ok"] is False
    assert data["stats"] == {"inserted": 4, "updated": 0, "unchanged": 0}
    assert {"row": 4, "severity": "error"}.items() <= data["problems"][0].items()
    assert "共 9 行" in report.summary() and "新增 4" in report.summary()
