"""The matter and measure catalogs: the shipped files fit together, broken ones are reported."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from credit.domain.catalogs import (
    RESTRICTIONS,
    CatalogError,
    ListTrigger,
    UnknownMatter,
    load_catalog,
)
from credit.paths import resource

MATTERS = resource("catalogs", "matters.json")
MEASURES = resource("catalogs", "measures.json")
#: An article (第七十八条, 第178条) or a document number (国办发〔2020〕42号).
CITATION = re.compile(r"第[一二三四五六七八九十百零〇\d]+条|〔\d{4}〕\d+号|令第\d+号")


def test_shipped_catalog_loads_and_is_cached() -> None:
    catalog = load_catalog()
    assert catalog is load_catalog()
    assert len(catalog.matters) >= 10
    for code in ("GOV_PROCUREMENT", "BIDDING", "FISCAL_FUNDS", "FOOD_LICENCE", "CONSTRUCTION_PERMIT",
                 "HONOURS", "TOLERANT_ACCEPTANCE", "NOTIFY_COMMIT", "DIRECTOR_APPOINT"):  # fmt: skip
        assert code in catalog.matters


def test_every_matter_references_known_measures() -> None:
    catalog = load_catalog()
    for matter in catalog.matters.values():
        assert matter.measures, matter.code
        assert all(code in catalog.measures for code in matter.measures), matter.code
        assert CITATION.search(matter.basis), matter.code


def test_every_measure_has_a_basis_and_is_used() -> None:
    catalog = load_catalog()
    used = {code for m in catalog.matters.values() for code in m.measures}
    for measure in catalog.measures.values():
        assert CITATION.search(measure.basis), f"{measure.code} 的依据未引用条款或文号"
        assert measure.name and measure.duration, measure.code
        assert measure.restriction in RESTRICTIONS
        assert measure.status in ("C", "R", "U")
        assert measure.triggers, measure.code
        assert measure.code in used, f"{measure.code} 未被任何事项引用"


def test_statutory_measures_named_in_the_reference() -> None:
    m = load_catalog().measures
    years = {code: m[code].triggers[0] for code in ("LICENSING_FALSE_MATERIALS_1Y", "LICENSING_FRAUD_3Y")}
    assert [getattr(t, "ban_years", None) for t in years.values()] == [1, 3]
    assert "第七十八条" in m["LICENSING_FALSE_MATERIALS_1Y"].basis
    assert "第二十二条" in m["GOV_PROC_MAJOR_VIOLATION_3Y"].basis
    assert "第七十七条" in m["GOV_PROC_BAN"].basis
    assert all(a in m["BIDDING_BAN"].basis for a in ("第五十三条", "第五十四条", "第六十条"))
    director = m["DIRECTOR_DEBTOR_BAN"]
    assert "第一百七十八条" in director.basis and director.restriction == "prohibited"
    assert director.triggers[0] == ListTrigger(("judgment_debtor",), subject="legal_rep")
    assert m["WATCH_LIST_CAUTION"].restriction == m["ABNORMAL_LIST_CAUTION"].restriction == "caution"


def test_unknown_matter_names_the_code_and_the_choices() -> None:
    with pytest.raises(UnknownMatter) as info:
        load_catalog().matter("NO_SUCH_MATTER")
    message = str(info.value)
    assert "未知的审批事项代码“NO_SUCH_MATTER”" in message
    assert "GOV_PROCUREMENT（政府采购供应商资格审查）" in message


# --- broken files ------------------------------------------------------------------------------

Data = dict[str, Any]


def _measure(data: Data, code: str) -> Data:
    found: Data = next(m for m in data["measures"] if m["code"] == code)
    return found


def _unknown_measure(matters: Data, measures: Data) -> None:
    matters["matters"][0]["measures"].append("NO_SUCH_MEASURE")


def _unknown_kind(matters: Data, measures: Data) -> None:
    _measure(measures, "WATCH_LIST_CAUTION")["triggers"][0]["kind"] = "lsit"


def _bad_list_type(matters: Data, measures: Data) -> None:
    _measure(measures, "WATCH_LIST_CAUTION")["triggers"][0]["list_types"] = ["blacklist"]


def _typo_key(matters: Data, measures: Data) -> None:
    trigger = _measure(measures, "WATCH_LIST_CAUTION")["triggers"][0]
    trigger["list_type"] = trigger.pop("list_types")


def _no_basis(matters: Data, measures: Data) -> None:
    del _measure(measures, "LOW_GRADE_CAUTION")["basis"]


def _bad_restriction(matters: Data, measures: Data) -> None:
    _measure(measures, "LOW_GRADE_CAUTION")["restriction"] = "forbidden"


def _open_penalty(matters: Data, measures: Data) -> None:
    _measure(measures, "PENALTY_PUBLICITY_CAUTION")["triggers"][0]["under_publicity"] = False


def _rep_not_declared(matters: Data, measures: Data) -> None:
    _measure(measures, "WATCH_LIST_CAUTION")["triggers"][0]["subject"] = "legal_rep"


def _duplicate(matters: Data, measures: Data) -> None:
    measures["measures"].append(dict(_measure(measures, "LOW_GRADE_CAUTION")))


def _bad_date(matters: Data, measures: Data) -> None:
    _measure(measures, "DIRECTOR_DEBTOR_BAN")["effective_from"] = "2024/07/01"


def _bad_years(matters: Data, measures: Data) -> None:
    _measure(measures, "LICENSING_FRAUD_3Y")["triggers"][0]["ban_years"] = "三"


Break = Callable[[Data, Data], None]


@pytest.mark.parametrize(
    ("breaker", "file", "entry", "words"),
    [
        (_unknown_measure, "matters.json", "GOV_PROCUREMENT", "未知的惩戒措施“NO_SUCH_MEASURE”"),
        (_unknown_kind, "measures.json", "WATCH_LIST_CAUTION", "未知的触发类型“lsit”"),
        (_bad_list_type, "measures.json", "WATCH_LIST_CAUTION", "“blacklist”无效"),
        (_typo_key, "measures.json", "WATCH_LIST_CAUTION", "未知的字段“list_type”"),
        (_no_basis, "measures.json", "LOW_GRADE_CAUTION", "缺少“basis”"),
        (_bad_restriction, "measures.json", "LOW_GRADE_CAUTION", "“forbidden”无效"),
        (_open_penalty, "measures.json", "PENALTY_PUBLICITY_CAUTION", "须限定期间"),
        (_rep_not_declared, "measures.json", "WATCH_LIST_CAUTION", "legal_rep_counts"),
        (_duplicate, "measures.json", "LOW_GRADE_CAUTION", "代码“LOW_GRADE_CAUTION”重复"),
        (_bad_date, "measures.json", "DIRECTOR_DEBTOR_BAN", "YYYY-MM-DD"),
        (_bad_years, "measures.json", "LICENSING_FRAUD_3Y", "整数年数"),
    ],
)
def test_broken_catalog_names_file_and_entry(
    tmp_path: Path, breaker: Break, file: str, entry: str, words: str
) -> None:
    matters = json.loads(MATTERS.read_text(encoding="utf-8"))
    measures = json.loads(MEASURES.read_text(encoding="utf-8"))
    breaker(matters, measures)
    paths = _write(tmp_path, matters, measures)
    with pytest.raises(CatalogError) as info:
        load_catalog(*paths)
    line = next((ln for ln in str(info.value).splitlines() if words in ln), None)
    assert line is not None, str(info.value)
    assert file in line and f"（{entry}）" in line


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    matters = json.loads(MATTERS.read_text(encoding="utf-8"))
    measures = json.loads(MEASURES.read_text(encoding="utf-8"))
    _no_basis(matters, measures)
    _unknown_measure(matters, measures)
    with pytest.raises(CatalogError) as info:
        load_catalog(*_write(tmp_path, matters, measures))
    assert "缺少“basis”" in str(info.value) and "NO_SUCH_MEASURE" in str(info.value)


def test_invalid_json_gives_the_position(tmp_path: Path) -> None:
    good = json.loads(MATTERS.read_text(encoding="utf-8"))
    matters, measures = _write(tmp_path, good, json.loads(MEASURES.read_text(encoding="utf-8")))
    measures.write_text('{"measures": [\n  {"code": "X",}\n]}', encoding="utf-8")
    with pytest.raises(CatalogError, match=r"measures\.json 不是有效的 JSON（第 2 行"):
        load_catalog(matters, measures)


@pytest.mark.parametrize(
    ("content", "words"),
    [(None, "找不到目录文件"), ('["x"]', "应为包含“matters”列表"), (b"\xff\xfe{", "不是 UTF-8")],
)
def test_missing_or_misshapen_file(tmp_path: Path, content: str | bytes | None, words: str) -> None:
    measures = json.loads(MEASURES.read_text(encoding="utf-8"))
    matters_path, measures_path = _write(tmp_path, {"matters": []}, measures)
    matters_path.unlink()
    if isinstance(content, str):
        matters_path.write_text(content, encoding="utf-8")
    elif isinstance(content, bytes):
        matters_path.write_bytes(content)
    with pytest.raises(CatalogError, match=words) as info:
        load_catalog(matters_path, measures_path)
    assert "matters.json" in str(info.value)


def _write(tmp_path: Path, matters: Data, measures: Data) -> tuple[Path, Path]:
    paths = tmp_path / "matters.json", tmp_path / "measures.json"
    for path, data in zip(paths, (matters, measures), strict=True):
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return paths
