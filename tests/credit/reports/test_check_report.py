"""The check report read back as a person's viewer sees it: Chinese text, fonts, pages, code."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from credit.reports import layout
from credit.reports.check_report import (
    VERDICT_LABELS,
    ReportData,
    build_check_report,
    content_for_verification,
)
from credit.reports.text import local_time
from credit.reports.verdict import qr_drawing
from credit.reports.verification import qr_payload, verification_code
from credit.store.profile import Profile
from tests.credit.reports import pdftools, samples

SECTION_TITLES = [
    "登记注册基础信息",
    "行政管理信息 · 行政许可",
    "行政管理信息 · 行政处罚",
    "诚实守信相关荣誉信息",
    "严重失信主体名单信息",
    "重点关注名单信息",
    "经营（活动）异常名录",
    "信用承诺信息",
    "信用评价信息",
    "司法判决及执行信息",
    "其他信息",
]


def _build(tmp_path: Path, data: ReportData, name: str = "report.pdf") -> tuple[Path, str]:
    pdf = tmp_path / name
    code = build_check_report(data, pdf)
    return pdf, code


def _flat(text: str) -> str:
    """Text without line breaks: a value may wrap, but its characters stay in order."""
    return re.sub(r"\s*\n\s*", "", text)


def test_report_text_reads_back_as_the_same_chinese(tmp_path: Path) -> None:
    data = samples.report()
    pdf, code = _build(tmp_path, data)
    text = pdftools.text(pdf)
    for expected in [
        "信用核查报告",
        samples.NAME,
        samples.USCC,
        "禁止办理",
        "限制申请行政许可",
        "不适用容缺受理",
        "食品经营许可（新办）",
        "滑县市场监督管理局",
        "张三",
        local_time(samples.ISSUED),
        "2026-11-21 18:02",
        code,
        samples.CHECK_ID,
        "3204**********0015",
        "暂无",
        "另有 1 条处罚信息已完成信用修复",
    ]:
        assert expected in text, expected
    for title in SECTION_TITLES:
        assert title in text, title
    assert "《中华人民共和国行政许可法》第七十八条" in _flat(text)  # wraps in its table cell
    assert "措施" in text and "依据" in text and "触发记录" in text and "期限至" in text


def test_default_text_extraction_gives_the_same_chinese_too(tmp_path: Path) -> None:
    """What a viewer's copy and search see, not only the drawing order."""
    pdf, code = _build(tmp_path, samples.report())
    text = pdftools.text(pdf, raw=False)
    for expected in [samples.NAME, samples.USCC, "禁止办理", "限制申请行政许可", code, *SECTION_TITLES]:
        assert expected in text, expected
    assert "第1页共4页" in text.replace(" ", "")


def test_returned_code_is_the_code_of_the_covered_content(tmp_path: Path) -> None:
    data = samples.report()
    _, code = _build(tmp_path, data)
    assert code == verification_code(content_for_verification(data))


def test_every_page_has_footer_with_page_of_total_and_code(tmp_path: Path) -> None:
    pdf, code = _build(tmp_path, samples.report())
    total = pdftools.page_count(pdf)
    assert total >= 2
    for page in range(1, total + 1):
        text = pdftools.text(pdf, page)
        assert f"第 {page} 页 共 {total} 页" in text
        assert code in text
        assert "出具单位：滑县市场监督管理局" in text and "核查人：张三" in text


def test_reason_is_written_under_the_verdict(tmp_path: Path) -> None:
    pdf, _ = _build(tmp_path, samples.report())
    page1 = re.sub(r"\s+", "", pdftools.text(pdf, 1))
    verdict_at = page1.index("禁止办理")
    reason_at = page1.index("不予受理本事项申请，期限至2028-03-01")
    assert verdict_at < reason_at < page1.index("触发的措施")


@pytest.mark.parametrize("verdict", list(VERDICT_LABELS))
def test_each_verdict_prints_its_word(tmp_path: Path, verdict: str) -> None:
    fired = [] if verdict == "pass" else samples.FIRED
    pdf, _ = _build(tmp_path, samples.report(verdict=verdict, fired=fired, sections=[]))
    text = pdftools.text(pdf)
    assert VERDICT_LABELS[verdict] in text
    if verdict == "pass":
        assert "本次核查未触发任何限制或提示措施" in text
        assert pdftools.page_count(pdf) == 1


def test_stale_warning_and_statement(tmp_path: Path) -> None:
    data = samples.report(stale_warning="本地数据已超过 7 天未同步，结果可能不是最新。")
    pdf, _ = _build(tmp_path, data)
    page1 = _flat(pdftools.text(pdf, 1))
    assert "本地数据已超过7天未同步" in page1.replace(" ", "")
    assert "本报告依据本机缓存的信用信息（数据截至2026-11-2118:02）生成" in page1.replace(" ", "")


def test_only_the_bundled_font_is_used_and_it_is_embedded(tmp_path: Path) -> None:
    pdf, _ = _build(tmp_path, samples.report(stale_warning="数据较旧"))
    fonts = pdftools.fonts(pdf)
    assert fonts, "no fonts listed"
    for name, embedded in fonts:
        assert embedded, f"{name} is not embedded"
        assert name.split("+")[-1].startswith("WenQuanYiMicroHei"), name


def test_long_report_paginates_with_correct_totals(tmp_path: Path) -> None:
    huge = "当事人在网店页面发布虚假宣传内容，" * 400  # one value longer than a page
    sections = samples.sections(copies=8)
    sections[2].rows[0]["facts"] = huge
    pdf, code = _build(tmp_path, samples.report(sections=sections))
    total = pdftools.page_count(pdf)
    assert total >= 8
    seen = []
    for page in range(1, total + 1):
        text = pdftools.text(pdf, page)
        assert f"第 {page} 页 共 {total} 页" in text
        assert code in text
        if page > 1:
            assert f"信用核查报告 · {samples.NAME}" in text  # a loose page says whose report it is
        seen.append(text)
    everything = _flat("".join(seen))
    phrase = "当事人在网店页面发布虚假宣传内容"
    assert everything.count(phrase) >= 400 - total  # nothing lost; a page break may cut one phrase
    assert sum(phrase in page for page in seen) >= 2  # the over-long value continued on the next page
    assert "（8）" in everything


def test_sections_as_dicts_without_field_lists(tmp_path: Path) -> None:
    """``Profile.to_dict()`` drops the field lists; labels come from the section key."""
    profile = Profile(samples.USCC, samples.NAME, "存续", True, "D", (), "2026-11-21", samples.sections())
    sections = profile.to_dict()["sections"]
    pdf, _ = _build(tmp_path, samples.report(sections=sections))
    text = pdftools.text(pdf)
    for label in ("决定书文号", "许可证书名称", "法定代表人（负责人）", "名单类别"):
        assert label in text
    assert "in_effect" not in text and "under_publicity" not in text


def test_writes_to_a_binary_stream(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    code = build_check_report(samples.report(), buffer)
    assert buffer.getvalue().startswith(b"%PDF")
    pdf = tmp_path / "from-stream.pdf"
    pdf.write_bytes(buffer.getvalue())
    assert code in pdftools.text(pdf)


def test_a_failed_build_leaves_the_previous_file_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"previous")

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("layout failed")

    monkeypatch.setattr(layout.BaseDocTemplate, "build", broken)
    with pytest.raises(RuntimeError):
        build_check_report(samples.report(), pdf)
    assert pdf.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_qr_code_carries_the_payload() -> None:
    payload = qr_payload("7K2M-9QXD-0000-ZZZZ", samples.CHECK_ID)
    widget = qr_drawing(payload).contents[0]
    assert widget.value == payload


def test_invalid_data_is_refused() -> None:
    with pytest.raises(ValueError, match="verdict"):
        samples.report(verdict="maybe")
    with pytest.raises(ValueError, match="UUID"):
        samples.report(check_id="HX-1")
    data = samples.report()
    assert data.report_no == samples.CHECK_ID and data.verdict_label == "禁止办理"
