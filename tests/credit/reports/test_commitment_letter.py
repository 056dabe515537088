"""The commitment letter read back: its text, the masked ID of a person, fonts and pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from credit.reports.commitment_letter import LetterData, build_commitment_letter
from tests.credit.reports import pdftools, samples


def _build(tmp_path: Path, data: LetterData) -> Path:
    pdf = tmp_path / "letter.pdf"
    build_commitment_letter(data, pdf)
    return pdf


def test_letter_text_reads_back_as_the_same_chinese(tmp_path: Path) -> None:
    pdf = _build(tmp_path, samples.letter())
    text = pdftools.text(pdf)
    flat = re.sub(r"\s+", "", text)
    for expected in [
        "信用承诺书",
        "41052620261122000137",
        samples.NAME,
        samples.USCC,
        "法人及非法人组织",
        "容缺受理型",
        "可向社会公开",
        "滑县行政审批服务局",
        "2026-11-22 至 2027-11-21",
        "承诺内容",
        "违诺责任",
        "承诺人（盖章）",
        "法定代表人（负责人）或委托代理人（签字）",
        "受理单位（盖章）",
        "经办人（签字）",
        "第 1 页 共 1 页",
    ]:
        assert expected in text, expected
    assert "本单位郑重承诺：" in flat
    assert "同意行政机关撤销已作出的审批决定" in flat
    assert "因虚假承诺取得的审批决定将被撤销" in flat
    assert text.count("年") >= 2 and text.count("月") >= 2 and text.count("日期") >= 2


def test_a_person_signs_and_the_id_is_masked(tmp_path: Path) -> None:
    data = samples.letter(
        committer_category="自然人", committer_code="110101199003071234", committer_name="王瑞丰"
    )
    text = pdftools.text(_build(tmp_path, data))
    assert "110101199003071234" not in text
    assert "1101**********1234" in text
    assert "身份证件号码" in text and "承诺人（签字）" in text
    assert "法定代表人" not in text


def test_long_letter_paginates_and_fonts_are_embedded(tmp_path: Path) -> None:
    line = "严格遵守食品安全法律法规，落实主体责任，自觉接受监督检查。"
    content = "\n".join(f"{n}. {line}" for n in range(1, 80))
    pdf = _build(tmp_path, samples.letter(content=content, valid_until=None))
    total = pdftools.page_count(pdf)
    assert total >= 3
    for page in range(1, total + 1):
        text = pdftools.text(pdf, page)
        assert f"第 {page} 页 共 {total} 页" in text
        assert "41052620261122000137" in text
    assert "长期有效" in re.sub(r"\s+", "", pdftools.text(pdf))
    for name, embedded in pdftools.fonts(pdf):
        assert embedded and "WenQuanYiMicroHei" in name, name


def test_commitment_code_must_have_20_characters() -> None:
    with pytest.raises(ValueError, match="20"):
        samples.letter(code="4105262026112200013")
