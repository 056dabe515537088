"""The core's Chinese labels, translated where the GUI shows them.

``credit/`` is Qt-free and names what it hands over in Chinese: the profile's sections, fields
and the phrases it puts into values ("公示中，至 {end}"), list chips, grade meanings, task and
order states, commitment terms. Those words are labels, not the platform's records, so the
English UI must show them in English. lupdate reads only ``desktop/``, and the core must not call
``tr()``, so each label is repeated here as a ``QT_TRANSLATE_NOOP`` literal that lupdate extracts;
``tests/desktop/test_core_labels.py`` checks that every label the core can produce is listed here
and translated, so the two cannot drift apart.

Lookups pass anything not listed (names, addresses, catalog texts: data) through unchanged.
"""

from __future__ import annotations

import re
from functools import cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication


def _texts(*literals: object) -> tuple[str, ...]:
    """The literals as strings (``QT_TRANSLATE_NOOP`` returns its text, typed as ``object``)."""
    return tuple(str(text) for text in literals)


SECTIONS = _texts(  # credit.store.profile.SECTION_TITLES, credit.inspections.profile.SECTION_TITLES
    QT_TRANSLATE_NOOP("ProfileSection", "登记注册基础信息"),
    QT_TRANSLATE_NOOP("ProfileSection", "行政管理信息 · 行政许可"),
    QT_TRANSLATE_NOOP("ProfileSection", "行政管理信息 · 行政处罚"),
    QT_TRANSLATE_NOOP("ProfileSection", "行政管理信息 · 行政检查"),
    QT_TRANSLATE_NOOP("ProfileSection", "诚实守信相关荣誉信息"),
    QT_TRANSLATE_NOOP("ProfileSection", "严重失信主体名单信息"),
    QT_TRANSLATE_NOOP("ProfileSection", "重点关注名单信息"),
    QT_TRANSLATE_NOOP("ProfileSection", "经营（活动）异常名录"),
    QT_TRANSLATE_NOOP("ProfileSection", "信用承诺信息"),
    QT_TRANSLATE_NOOP("ProfileSection", "信用评价信息"),
    QT_TRANSLATE_NOOP("ProfileSection", "司法判决及执行信息"),
    QT_TRANSLATE_NOOP("ProfileSection", "其他信息 · 约谈记录"),
    QT_TRANSLATE_NOOP("ProfileSection", "其他信息"),
)

FIELDS = _texts(  # the labels of credit.store.profile's and credit.inspections.profile's field lists
    QT_TRANSLATE_NOOP("ProfileField", "名称"),
    QT_TRANSLATE_NOOP("ProfileField", "统一社会信用代码"),
    QT_TRANSLATE_NOOP("ProfileField", "主体类型"),
    QT_TRANSLATE_NOOP("ProfileField", "法定代表人（负责人）"),
    QT_TRANSLATE_NOOP("ProfileField", "证件号码"),
    QT_TRANSLATE_NOOP("ProfileField", "登记机关"),
    QT_TRANSLATE_NOOP("ProfileField", "所属区划"),
    QT_TRANSLATE_NOOP("ProfileField", "住所（经营场所）"),
    QT_TRANSLATE_NOOP("ProfileField", "所属行业"),
    QT_TRANSLATE_NOOP("ProfileField", "注册资本（万元）"),
    QT_TRANSLATE_NOOP("ProfileField", "成立日期"),
    QT_TRANSLATE_NOOP("ProfileField", "登记状态"),
    QT_TRANSLATE_NOOP("ProfileField", "许可证书名称"),
    QT_TRANSLATE_NOOP("ProfileField", "许可编号"),
    QT_TRANSLATE_NOOP("ProfileField", "许可类别"),
    QT_TRANSLATE_NOOP("ProfileField", "许可内容"),
    QT_TRANSLATE_NOOP("ProfileField", "决定日期"),
    QT_TRANSLATE_NOOP("ProfileField", "有效期"),
    QT_TRANSLATE_NOOP("ProfileField", "许可机关"),
    QT_TRANSLATE_NOOP("ProfileField", "状态"),
    QT_TRANSLATE_NOOP("ProfileField", "决定书文号"),
    QT_TRANSLATE_NOOP("ProfileField", "违法行为类型"),
    QT_TRANSLATE_NOOP("ProfileField", "违法事实"),
    QT_TRANSLATE_NOOP("ProfileField", "处罚依据"),
    QT_TRANSLATE_NOOP("ProfileField", "处罚类别"),
    QT_TRANSLATE_NOOP("ProfileField", "处罚内容"),
    QT_TRANSLATE_NOOP("ProfileField", "罚款金额（万元）"),
    QT_TRANSLATE_NOOP("ProfileField", "处罚决定日期"),
    QT_TRANSLATE_NOOP("ProfileField", "处罚机关"),
    QT_TRANSLATE_NOOP("ProfileField", "失信程度"),
    QT_TRANSLATE_NOOP("ProfileField", "公示状态"),
    QT_TRANSLATE_NOOP("ProfileField", "名单类别"),
    QT_TRANSLATE_NOOP("ProfileField", "列入事由"),
    QT_TRANSLATE_NOOP("ProfileField", "认定依据"),
    QT_TRANSLATE_NOOP("ProfileField", "认定单位"),
    QT_TRANSLATE_NOOP("ProfileField", "列入日期"),
    QT_TRANSLATE_NOOP("ProfileField", "有效期至"),
    QT_TRANSLATE_NOOP("ProfileField", "移出情况"),
    QT_TRANSLATE_NOOP("ProfileField", "涉及对象"),
    QT_TRANSLATE_NOOP("ProfileField", "荣誉名称"),
    QT_TRANSLATE_NOOP("ProfileField", "级别"),
    QT_TRANSLATE_NOOP("ProfileField", "授予单位"),
    QT_TRANSLATE_NOOP("ProfileField", "授予日期"),
    QT_TRANSLATE_NOOP("ProfileField", "信用等级"),
    QT_TRANSLATE_NOOP("ProfileField", "评价日期"),
    QT_TRANSLATE_NOOP("ProfileField", "评价单位"),
    QT_TRANSLATE_NOOP("ProfileField", "类型"),
    QT_TRANSLATE_NOOP("ProfileField", "案号"),
    QT_TRANSLATE_NOOP("ProfileField", "法院"),
    QT_TRANSLATE_NOOP("ProfileField", "内容"),
    QT_TRANSLATE_NOOP("ProfileField", "日期"),
    QT_TRANSLATE_NOOP("ProfileField", "承诺编码"),
    QT_TRANSLATE_NOOP("ProfileField", "承诺类型"),
    QT_TRANSLATE_NOOP("ProfileField", "承诺事由"),
    QT_TRANSLATE_NOOP("ProfileField", "履行状态"),
    QT_TRANSLATE_NOOP("ProfileField", "来源"),
    QT_TRANSLATE_NOOP("ProfileField", "检查行为编号"),
    QT_TRANSLATE_NOOP("ProfileField", "检查时间"),
    QT_TRANSLATE_NOOP("ProfileField", "监管事项"),
    QT_TRANSLATE_NOOP("ProfileField", "检查结果"),
    QT_TRANSLATE_NOOP("ProfileField", "整改情况"),
    QT_TRANSLATE_NOOP("ProfileField", "实施机构"),
    QT_TRANSLATE_NOOP("ProfileField", "约谈编号"),
    QT_TRANSLATE_NOOP("ProfileField", "约谈日期"),
    QT_TRANSLATE_NOOP("ProfileField", "约谈方式"),
    QT_TRANSLATE_NOOP("ProfileField", "约谈内容"),
    QT_TRANSLATE_NOOP("ProfileField", "承诺事项"),
    QT_TRANSLATE_NOOP("ProfileField", "约谈单位"),
)

#: Phrases the core puts into values and notes (credit.store.profile.PHRASES,
#: credit.commitments.STATUS_PHRASES and LOCAL_SOURCE, credit.inspections.profile.LOCAL_SOURCE).
#: ``{…}`` are data and must stay in the translation.
PHRASES = _texts(
    QT_TRANSLATE_NOOP("ProfileValue", "不予公示"),
    QT_TRANSLATE_NOOP("ProfileValue", "公示中，至 {end}"),
    QT_TRANSLATE_NOOP("ProfileValue", "公示期已满（{end} 止）"),
    QT_TRANSLATE_NOOP("ProfileValue", "已于 {day} 移出"),
    QT_TRANSLATE_NOOP("ProfileValue", "已于 {day} 移出（{reason}）"),
    QT_TRANSLATE_NOOP("ProfileValue", "有效期已满（{day}）"),
    QT_TRANSLATE_NOOP("ProfileValue", "在列"),
    QT_TRANSLATE_NOOP("ProfileValue", "本主体"),
    QT_TRANSLATE_NOOP("ProfileValue", "法定代表人 {name}"),
    QT_TRANSLATE_NOOP("ProfileValue", "法定代表人 {name}（{id}）"),
    QT_TRANSLATE_NOOP("ProfileValue", "{start} 至 {end}"),
    QT_TRANSLATE_NOOP("ProfileValue", "长期"),
    QT_TRANSLATE_NOOP("ProfileValue", "{grade}（{meaning}）"),
    QT_TRANSLATE_NOOP("ProfileValue", "另有 {count} 条处罚信息已完成信用修复，依规不再展示和使用。"),
    QT_TRANSLATE_NOOP("ProfileValue", "另有 {count} 条名单信息已完成信用修复，依规不再展示和使用。"),
    QT_TRANSLATE_NOOP("ProfileValue", "本地尚无该主体的信用承诺记录。"),
    QT_TRANSLATE_NOOP("ProfileValue", "{fulfilment}（{day} 认定）"),
    QT_TRANSLATE_NOOP("ProfileValue", "待认定 · 补齐期限 {deadline}"),
    QT_TRANSLATE_NOOP("ProfileValue", "待认定"),
    QT_TRANSLATE_NOOP("ProfileValue", "本机登记"),
    QT_TRANSLATE_NOOP("ProfileValue", "本机记录"),
)
#: Profile fields whose values the core words with those phrases, and the phrases each may hold.
#: Any other value is data, shown as it is even when it reads like a phrase (a penalty's content
#: "… 至 …" is the authority's words).
FIELD_PHRASES = {
    "publicity": ("不予公示", "公示中，至 {end}", "公示期已满（{end} 止）"),
    "removal": ("已于 {day} 移出", "已于 {day} 移出（{reason}）", "有效期已满（{day}）", "在列"),
    "subject": ("本主体", "法定代表人 {name}", "法定代表人 {name}（{id}）"),
    "valid": ("{start} 至 {end}",),
    "grade": ("{grade}（{meaning}）",),
    "status": ("{fulfilment}（{day} 认定）", "待认定 · 补齐期限 {deadline}", "待认定"),
    "source": ("本机登记", "本机记录"),
}

CHIPS = _texts(  # credit.domain.lists.FLAG_LABELS, INACTIVE_CHIPS, task and rectification states
    QT_TRANSLATE_NOOP("Chip", "严重失信"),
    QT_TRANSLATE_NOOP("Chip", "重点关注"),
    QT_TRANSLATE_NOOP("Chip", "经营异常"),
    QT_TRANSLATE_NOOP("Chip", "失信被执行人"),
    QT_TRANSLATE_NOOP("Chip", "已吊销"),
    QT_TRANSLATE_NOOP("Chip", "已注销"),
    QT_TRANSLATE_NOOP("Chip", "已撤销"),
    QT_TRANSLATE_NOOP("Chip", "已迁出"),
    QT_TRANSLATE_NOOP("Chip", "待检查"),
    QT_TRANSLATE_NOOP("Chip", "检查中"),
    QT_TRANSLATE_NOOP("Chip", "已检查"),
    QT_TRANSLATE_NOOP("Chip", "已逾期"),
    QT_TRANSLATE_NOOP("Chip", "发现问题"),
    QT_TRANSLATE_NOOP("Chip", "整改期内"),
    QT_TRANSLATE_NOOP("Chip", "逾期未整改"),
    QT_TRANSLATE_NOOP("Chip", "已整改"),
    QT_TRANSLATE_NOOP("Chip", "逾期整改"),
    QT_TRANSLATE_NOOP("Chip", "复查未整改"),
)

GRADE_MEANINGS = _texts(  # credit.store.profile.GRADE_MEANING (国市监信发〔2022〕6号 risk classes)
    QT_TRANSLATE_NOOP("GradeMeaning", "信用风险低"),
    QT_TRANSLATE_NOOP("GradeMeaning", "信用风险一般"),
    QT_TRANSLATE_NOOP("GradeMeaning", "信用风险较高"),
    QT_TRANSLATE_NOOP("GradeMeaning", "信用风险高"),
)

TERMS = _texts(  # commitment terms: COMMITMENT_TYPES, commitments.CATEGORIES, PUBLICITY_TYPES, FULFILMENTS
    QT_TRANSLATE_NOOP("CoreTerm", "审批替代型"),
    QT_TRANSLATE_NOOP("CoreTerm", "容缺受理型"),
    QT_TRANSLATE_NOOP("CoreTerm", "证明事项型"),
    QT_TRANSLATE_NOOP("CoreTerm", "信用修复型"),
    QT_TRANSLATE_NOOP("CoreTerm", "行业自律型"),
    QT_TRANSLATE_NOOP("CoreTerm", "主动型"),
    QT_TRANSLATE_NOOP("CoreTerm", "其他"),
    QT_TRANSLATE_NOOP("CoreTerm", "法人及非法人组织"),
    QT_TRANSLATE_NOOP("CoreTerm", "自然人"),
    QT_TRANSLATE_NOOP("CoreTerm", "个体工商户"),
    QT_TRANSLATE_NOOP("CoreTerm", "可向社会公开"),
    QT_TRANSLATE_NOOP("CoreTerm", "特定范围内公开"),
    QT_TRANSLATE_NOOP("CoreTerm", "不可公开"),
    QT_TRANSLATE_NOOP("CoreTerm", "全部履行"),
    QT_TRANSLATE_NOOP("CoreTerm", "部分履行"),
    QT_TRANSLATE_NOOP("CoreTerm", "全部未履行"),
)

#: Context → the labels listed under it (what the drift test compares with the core).
LISTED = {
    "ProfileSection": SECTIONS,
    "ProfileField": FIELDS,
    "ProfileValue": PHRASES,
    "Chip": CHIPS,
    "GradeMeaning": GRADE_MEANINGS,
    "CoreTerm": TERMS,
}


def _lookup(context: str, text: str) -> str:
    """The translation of a listed label; anything else (data) comes back as it is."""
    if text not in _listed(context):
        return text
    return QCoreApplication.translate(context, text)


@cache
def _listed(context: str) -> frozenset[str]:
    return frozenset(LISTED[context])


def section_title(text: str) -> str:
    return _lookup("ProfileSection", text)


def field_label(text: str) -> str:
    return _lookup("ProfileField", text)


def chip(text: str) -> str:
    """A chip's words (严重失信, 已注销, 逾期未整改 …); its colour is looked up by the core's text."""
    return _lookup("Chip", text)


def grade_meaning(text: str) -> str:
    return _lookup("GradeMeaning", text)


def term(text: str) -> str:
    """A commitment term (承诺类型, 承诺人类别, 公开类型, 履行状态); the stored value stays the core's."""
    return _lookup("CoreTerm", text)


def phrase(text: str, allowed: tuple[str, ...] = PHRASES) -> str:
    """A value or note worded by the core, translated with its data kept: "公示中，至 2026-05-01"
    reads "Published until 2026-05-01". Text matching none of ``allowed`` is data: unchanged."""
    if text in allowed:
        return _lookup("ProfileValue", text)
    for pattern, template in _patterns(allowed):
        match = pattern.fullmatch(text)
        if match:
            parts = {k: _part(v) for k, v in match.groupdict().items()}
            return _lookup("ProfileValue", template).format(**parts)
    return text


def value(key: str, text: str) -> str:
    """A profile value of field ``key``: the core's phrases translated (:data:`FIELD_PHRASES`)."""
    allowed = FIELD_PHRASES.get(key)
    return phrase(text, allowed) if allowed else text


def _part(text: str) -> str:
    """What fills a placeholder: data, or a fixed phrase (长期), grade meaning or term itself."""
    for lookup in (lambda t: _lookup("ProfileValue", t), grade_meaning, term):
        translated = lookup(text)
        if translated != text:
            return translated
    return text


@cache
def _patterns(templates: tuple[str, ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each phrase with placeholders as a regular expression, the most specific (longest literal
    text) first: "已于 {day} 移出（{reason}）" is tried before "已于 {day} 移出"."""
    out = []
    for template in templates:
        pieces = re.split(r"\{(\w+)\}", template)
        if len(pieces) == 1:
            continue
        regex = "".join(
            re.escape(piece) if i % 2 == 0 else f"(?P<{piece}>.+?)" for i, piece in enumerate(pieces)
        )
        literal = sum(len(piece) for piece in pieces[::2])
        out.append((literal, re.compile(regex, re.DOTALL), template))
    out.sort(key=lambda item: -item[0])
    return tuple((pattern, template) for _, pattern, template in out)
