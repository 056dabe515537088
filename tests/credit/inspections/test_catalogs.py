"""The inspection catalogs and the roster: the shipped files fit together, broken ones are named."""

from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from credit.domain.catalogs import CatalogError, Entry
from credit.domain.inspection_catalog import GRADE_GROUPS, MatrixCell, cell_from, load_inspection_catalog
from credit.domain.roster import load_roster, parse_roster
from credit.paths import resource
from tests.credit.inspections import sample

MATTERS = resource("catalogs", "inspection_matters.json")
RESULTS = resource("catalogs", "inspection_results.json")
MATRIX = resource("catalogs", "sampling_matrix.json")
ARTICLE = re.compile(r"《[^》]+》(第[一二三四五六七八九十百零]+条)?")
#: The reference's result codes, word for word.
REFERENCE_RESULTS = {
    "01": "未发现问题",
    "02": "发现问题经责令已改正",
    "03": "未发现本次抽查涉及的生产经营活动",
    "04": "不配合检查情节严重",
    "05": "注销",
    "06": "暂停营业",
    "07": "吊证",
    "08": "关闭",
    "09": "发现问题待后续处理",
    "10": "通过登记的住所（经营场所）无法联系",
    "11": "被撤销",
    "12": "迁出",
    "13": "未按规定公示应当公示的信息",
    "14": "公示信息隐瞒真实情况弄虚作假",
}


def test_shipped_sectors_have_checklists_with_legal_basis() -> None:
    catalog = load_inspection_catalog()
    names = {s.name for s in catalog.sectors.values()}
    assert {"食品经营", "安全生产", "特种设备", "产品质量", "广告", "价格"} <= names
    for sector in catalog.sectors.values():
        assert sector.matters, sector.code
        for matter in sector.matters:
            assert len(matter.checklist) >= 3, matter.code
            assert any(i.required for i in matter.checklist)
            for item in matter.checklist:
                assert ARTICLE.search(item.basis), f"{matter.code} {item.code} 未引用法规"


def test_result_codes_are_exactly_the_reference() -> None:
    results = load_inspection_catalog().results
    assert {c: r.name for c, r in results.items()} == REFERENCE_RESULTS
    assert results["09"].follow_up == "rectification" and results["01"].checklist == "all_pass"


def test_matrix_defaults_cite_the_local_rules_and_cover_every_group() -> None:
    catalog = load_inspection_catalog()
    rule = catalog.rule_sets["BAYANNUR_2022"]
    assert "巴彦淖尔市 2022" in rule.source and "林甸县农业农村局 2024" in rule.source
    cells = catalog.matrix["FOOD"]
    assert set(cells) == set(GRADE_GROUPS)
    assert [cells[g].ratio for g in "ABCD"] == [
        Fraction(1, 50),
        Fraction(1, 20),
        1,
        1,
    ]  # 2 %, 5 %, 100 %, 100 %
    ungraded, b = cells["ungraded"], cells["B"]  # treated like B by default, as the file says
    assert (ungraded.ratio, ungraded.min_count, ungraded.max_visits, ungraded.per_years) == (b.ratio, 1, 1, 1)
    assert catalog.publication_working_days == 7


def test_the_caps_keep_the_frequency_difference_between_grades() -> None:
    """林甸 2024: A 低于1次/年, B 1次/年, C 低于2次/年, D no cap — four different frequencies."""
    for code in ("LINDIAN_2024", "BAYANNUR_2022"):  # 巴彦淖尔 takes its caps from 林甸
        cells = load_inspection_catalog().rule_sets[code].cells
        caps = {g: (cells[g].max_visits, cells[g].per_years) for g in "ABCD"}
        assert caps == {"A": (1, 2), "B": (1, 1), "C": (3, 2), "D": (None, 1)}, code
        rates = [Fraction(cells[g].max_visits or 0, cells[g].per_years) for g in "ABC"]
        assert rates[0] < 1 == rates[1] < rates[2] < 2  # fewer than once, once, fewer than twice a year
        assert [cells[g].cap_text for g in "ABCD"] == ["每2年1次", "1次/年", "每2年3次", "不限"]


def test_a_cell_reads_the_older_yearly_cap_and_refuses_mixing_it() -> None:
    problems: list[str] = []
    cell = cell_from(Entry(problems, "x", {"ratio": 0.1, "min_count": 1, "max_visits_per_year": 2}))
    assert cell is not None and (cell.max_visits, cell.per_years) == (2, 1) and not problems
    assert MatrixCell.from_dict({"ratio": "0.1", "min_count": 1, "max_visits_per_year": 2}) == cell
    cell_from(Entry(problems, "x", {"ratio": 0.1, "min_count": 1, "max_visits_per_year": 1, "per_years": 2}))
    cell_from(Entry(problems, "y", {"ratio": 0.1, "min_count": 1, "max_visits": 1, "per_years": 0}))
    assert any("不能同时使用" in p for p in problems) and any(
        "per_years" in p and "至少" in p for p in problems
    )


def _broken(tmp_path: Path, name: str, change: Any) -> Path:
    source = {"matters": MATTERS, "results": RESULTS, "matrix": MATRIX}[name]
    data = json.loads(source.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / source.name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _load(tmp_path: Path, **paths: Path) -> None:
    load_inspection_catalog.cache_clear()
    try:
        load_inspection_catalog(paths.get("matters"), paths.get("results"), paths.get("matrix"))
    finally:
        load_inspection_catalog.cache_clear()


@pytest.mark.parametrize(
    ("name", "change", "message"),
    [
        (
            "matrix",
            lambda d: d["rule_sets"]["BAYANNUR_2022"]["cells"]["A"].update(ratio=1.5),
            "应在 0 到 1 之间",
        ),
        (
            "matrix",
            lambda d: d["rule_sets"]["BAYANNUR_2022"]["cells"].pop("ungraded"),
            "缺少“ungraded”（未评级）一栏",
        ),
        ("matrix", lambda d: d["sectors"].update(FOOD={"cells": {"E": {"ratio": 0.1}}}), "未知的等级组“E”"),
        (
            "matrix",
            lambda d: d["rule_sets"]["BAYANNUR_2022"]["cells"]["B"].update(max_visit=1),
            "未知的字段“max_visit”",
        ),
        ("results", lambda d: d["results"].pop(8), "缺少 09"),
        ("results", lambda d: d["results"][0].update(checklist="some"), "“checklist”的值“some”无效"),
        (
            "matters",
            lambda d: d["sectors"][0]["matters"][0]["checklist"][1].update(code="F01"),
            "检查项代码“F01”重复",
        ),
        ("matters", lambda d: d["sectors"][1]["matters"][0].pop("basis"), "缺少“basis”"),
    ],
)
def test_broken_catalogs_name_the_file_and_entry(
    tmp_path: Path, name: str, change: Any, message: str
) -> None:
    path = _broken(tmp_path, name, change)
    with pytest.raises(CatalogError) as info:
        _load(tmp_path, **{name: path})
    text = str(info.value)
    assert message in text and path.name in text


def test_shipped_demo_roster_and_its_conflicts() -> None:
    roster = load_roster(resource("demo", "inspectors.json"))
    assert len(roster.active) == 7 and roster.by_cert("豫A052601008") is not None
    assert roster.conflicted_with("91410526MATJN10G69", None) == ["豫A052601001"]
    assert roster.conflicted_with("91410526000000000X", "410526197810300355") == ["豫A052601003"]


def test_roster_conflicts_by_code_or_by_legal_representative() -> None:
    roster = sample.roster()
    assert roster.conflicted_with(sample.code(151), None) == ["豫A001"]
    assert roster.conflicted_with(sample.code(152), sample.REP_ID) == ["豫A003"]
    assert roster.conflicted_with(sample.code(153), None) == []
    by_rep, by_code = roster.by_cert("豫A003"), roster.by_cert("豫A001")
    assert by_rep is not None and by_code is not None
    # As recorded in a plan file: no reasons, no ID numbers (the pool snapshot applies those).
    assert by_rep.public()["conflicts"] == []
    assert by_code.public()["conflicts"] == [{"uscc": sample.code(151)}]


def _wrong_check_character(code: str) -> str:
    return code[:-1] + ("0" if code[-1] != "0" else "1")


def test_a_conflict_code_failing_its_check_characters_needs_a_recorded_override() -> None:
    """Such a code matches no entity, so the conflict would silently never apply."""
    data = json.loads(json.dumps(sample.ROSTER))
    typo = _wrong_check_character(sample.code(160))
    data["inspectors"][1]["conflicts"] = [{"uscc": typo, "reason": "亲属经营"}]
    with pytest.raises(CatalogError, match="校验位不符") as info:
        parse_roster(data, "测试名录")
    assert typo in str(info.value) and "override" in str(info.value)
    data["inspectors"][1]["conflicts"][0]["override"] = "已核对营业执照原件，登记机关存量代码"
    roster = parse_roster(data, "测试名录")
    assert roster.conflicted_with(typo, None) == ["豫A002"]
    assert roster.by_cert("豫A002").conflicts[0].override.startswith("已核对")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["inspectors"][1].update(cert_no="豫A001"), "执法证号“豫A001”重复"),
        (lambda d: d["inspectors"][0]["conflicts"].append({"uscc": "9141052601"}), "格式错误"),
        (
            lambda d: d["inspectors"][0]["conflicts"].append({"legal_rep_id": "410526198001011233"}),
            "校验码应为",
        ),
        (lambda d: d["inspectors"][0]["conflicts"].append({"reason": "?"}), "应且只应填写"),
        (lambda d: [i.update(active=False) for i in d["inspectors"][1:]], "在岗执法人员少于 2 名"),
        (lambda d: d["inspectors"][2].pop("name"), "缺少“name”"),
    ],
)
def test_broken_rosters_are_refused_with_the_reason(change: Any, message: str) -> None:
    data = json.loads(json.dumps(sample.ROSTER))
    change(data)
    with pytest.raises(CatalogError, match=re.escape(message)):
        parse_roster(data, "测试名录")


def test_interview_basis_cites_the_article_that_provides_for_interviews() -> None:
    """国办发〔2019〕35号 provides for 提示约谈 / 警示约谈 in (九) (限期整改); (十一) is market bans."""
    catalog = load_inspection_catalog()
    basis = catalog.interview_basis
    assert "国办发〔2019〕35号第（九）条" in basis and "（十一）" not in basis
    assert "谁认定、谁约谈" in basis
    for kind in catalog.interview_kinds:  # the kinds offered are the ones the article names
        assert kind.name in basis, kind.name
