"""The font covers every character the reports print; Chinese line breaking follows the rules."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

import credit.reports
from credit.reports import fonts
from credit.reports.cjkwrap import CANNOT_END, CANNOT_START, CJKParagraph
from credit.reports.styles import styles
from tests.credit.reports import samples

CJK = re.compile(r"[^\x00-\x7f]")


def test_every_character_in_the_report_code_and_samples_has_a_glyph() -> None:
    sources = [*Path(credit.reports.__file__).parent.glob("*.py"), Path(samples.__file__)]
    used = "".join(set(CJK.findall("".join(p.read_text(encoding="utf-8") for p in sources))))
    assert fonts.unsupported_chars(used) == set()


def test_missing_font_file_fails_with_a_chinese_message(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(fonts, "FONT_NAME", "CreditDeskTestMissingFont")
    monkeypatch.setattr(fonts, "font_path", lambda: tmp_path / "nope.ttc")
    with pytest.raises(fonts.FontMissingError, match="找不到报告所需的中文字体文件"):
        fonts.register_fonts()


def test_registration_is_idempotent() -> None:
    assert fonts.register_fonts() == fonts.register_fonts() == fonts.FONT_NAME


TEXT = (
    "因2025-03-01 列入市场监督管理严重违法失信名单（常市监列严〔2025〕3号），限制申请行政许可："
    "不予受理本事项申请，期限至 2028-03-01。统一社会信用代码91110000600037341L；"
    "“信用承诺”《行政许可法》第七十八条、第七十九条。"
)


def _lines(text: str, width: float) -> list[str]:
    para = CJKParagraph(text, styles().reason)
    para.wrap(width, 10_000)
    return ["".join(frag.text for frag in line.words) for line in para.blPara.lines]


@pytest.mark.parametrize("width", range(90, 420, 7))
def test_no_closing_mark_starts_and_no_opening_mark_ends_a_line(width: int) -> None:
    lines = _lines(TEXT, width)
    assert "".join(lines).replace(" ", "") == TEXT.replace(" ", "")
    for before, after in itertools.pairwise(lines):
        assert after[0] not in CANNOT_START, (before, after)
        assert before.rstrip()[-1] not in CANNOT_END, (before, after)


@pytest.mark.parametrize("width", range(160, 420, 11))
def test_dates_and_codes_stay_whole_when_they_fit(width: int) -> None:
    text = "\n".join(_lines(TEXT, width))
    assert text.count("2028-03-01") == 1
    assert "91110000600037341L" in text


def test_forced_breaks_are_kept() -> None:
    assert _lines("第一行<br/>第二行", 300) == ["第一行", "第二行"]
