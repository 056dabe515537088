"""The core's Chinese labels and the GUI's list of them (``desktop/core_labels.py``) cannot drift.

Each label the core can produce — read from the core's own constants, not copied here — must be
listed under its context (and nothing listed the core no longer produces), must be translated in
the shipped English file, and the lookups must translate it while leaving data alone.
"""

from __future__ import annotations

import re
from types import ModuleType
from typing import Any

import pytest

from credit import commitments as cm
from credit.domain import check
from credit.domain.catalogs import COMMITMENT_TYPES
from credit.domain.lists import FLAG_LABELS
from credit.inspections import followup, tasks
from credit.inspections import profile as inspection_profile
from credit.store import profile as pf
from desktop import core_labels as labels
from desktop.widgets.badges import CHIP_COLOURS, INACTIVE_CHIPS
from tests.desktop.translations import CJK

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _field_lists(module: ModuleType) -> list[list[tuple[str, str]]]:
    """Every ``list[Field]`` a module defines, found by shape, so a new one is not missed."""
    return [
        value
        for value in vars(module).values()
        if isinstance(value, list)
        and value
        and all(isinstance(f, tuple) and len(f) == 2 and all(isinstance(x, str) for x in f) for f in value)
    ]


FIELD_LISTS = _field_lists(pf) + _field_lists(inspection_profile)


def task_model_chips() -> set[str]:
    """What the task list's status chips can say: every task state, overdue, problem, order state."""
    from credit.inspections.tasks import TaskRow
    from desktop.views.inspections.task_model import chips

    out: set[str] = set()
    for status in tasks.STATUSES:
        for rectification in (None, *followup.STATES):
            row = TaskRow(
                id="t", plan_id="p", seq=1, uscc="", entity_name="", grade=None, division_code=None,
                division_name=None, address=None, sectors=[], matters=[], inspectors=[], due=None,
                status=status, overdue=True, problem=True, rectification=rectification,
            )  # fmt: skip
            out.update(chips(row))
    return out


def core_labels() -> dict[str, set[str]]:
    """Context → every label the core (and the models built on it) can hand to the GUI."""
    return {
        "ProfileSection": {*pf.SECTION_TITLES.values(), *inspection_profile.SECTION_TITLES.values()},
        "ProfileField": {label for fields in FIELD_LISTS for _, label in fields},
        "ProfileValue": {
            *pf.PHRASES.values(),
            *cm.STATUS_PHRASES.values(),
            cm.LOCAL_SOURCE,
            inspection_profile.LOCAL_SOURCE,
        },
        "Chip": {*FLAG_LABELS.values(), *INACTIVE_CHIPS.values(), *task_model_chips()},
        "GradeMeaning": set(check.GRADE_MEANING.values()),
        "CoreTerm": {*COMMITMENT_TYPES, *cm.CATEGORIES, *cm.PUBLICITY_TYPES, *cm.FULFILMENTS},
    }


@pytest.mark.parametrize("context", sorted(labels.LISTED))
def test_every_label_of_the_core_is_listed_and_nothing_else(context: str) -> None:
    core, listed = core_labels()[context], set(labels.LISTED[context])
    assert not core - listed, f"{context}: desktop/core_labels.py lacks {sorted(core - listed)}"
    assert not listed - core, f"{context}: the core no longer produces {sorted(listed - core)}"
    assert len(listed) == len(labels.LISTED[context]), f"{context}: a label is listed twice"


def test_the_contexts_cover_the_core() -> None:
    assert set(core_labels()) == set(labels.LISTED)


def test_phrase_fields_are_real_fields_with_listed_phrases() -> None:
    keys = {key for fields in FIELD_LISTS for key, _ in fields}
    assert set(labels.FIELD_PHRASES) <= keys
    for key, phrases in labels.FIELD_PHRASES.items():
        assert set(phrases) <= set(labels.PHRASES), key


def test_chip_colours_are_keyed_by_the_cores_words() -> None:
    assert set(CHIP_COLOURS) <= set(labels.CHIPS)


def test_every_listed_label_is_translated_with_its_placeholders(english: Any) -> None:
    lookups = {
        "ProfileSection": labels.section_title,
        "ProfileField": labels.field_label,
        "Chip": labels.chip,
        "GradeMeaning": labels.grade_meaning,
        "CoreTerm": labels.term,
        "ProfileValue": labels.phrase,
    }
    for context, texts in labels.LISTED.items():
        for text in texts:
            shown = lookups[context](text)
            assert shown and not CJK.search(shown), f"{context}: {text!r} shows as {shown!r}"
            assert set(PLACEHOLDER.findall(shown)) == set(PLACEHOLDER.findall(text)), (context, text)


def test_every_phrase_is_recognised_with_its_data_kept(english: Any) -> None:
    """Each phrase filled with data as the core fills it reads in English around the same data."""
    data = {"end": "2027-01-26", "day": "2025-03-02", "reason": "信用修复", "name": "王建国",
            "id": "3204**********1234", "start": "2024-04-19", "grade": "C", "meaning": "信用风险较高",
            "count": "2", "fulfilment": "部分履行", "deadline": "2026-12-08"}  # fmt: skip
    shown_as = {"meaning": "elevated credit risk", "fulfilment": "Partly fulfilled"}  # labels themselves
    for key, phrases in labels.FIELD_PHRASES.items():
        for template in phrases:
            filled = template.format(**data)
            shown = labels.value(key, filled)
            assert shown != filled, f"{filled!r} not recognised in field {key}"
            for name in PLACEHOLDER.findall(template):
                assert shown_as.get(name, data[name]) in shown, (filled, shown)
            assert set(CJK.findall(shown)) <= {"信用修复", "王建国"}, shown  # only the data stays Chinese


def test_placeholders_take_translated_parts(english: Any) -> None:
    assert labels.value("valid", "2024-04-19 至 长期") == "2024-04-19 to open-ended"
    assert labels.value("grade", "C（信用风险较高）") == "C (elevated credit risk)"
    assert labels.value("status", "部分履行（2026-11-02 认定）") == "Partly fulfilled (determined 2026-11-02)"
    assert labels.value("removal", "已于 2025-03-02 移出（信用修复）") == "Removed on 2025-03-02 (信用修复)"
    assert labels.value("removal", "已于 2025-03-02 移出") == "Removed on 2025-03-02"


def test_data_is_never_taken_for_a_label(english: Any) -> None:
    """Only listed words and the phrases of the field they belong to are translated."""
    assert labels.value("content", "2024-01-01 至 2024-12-31 停业整顿") == "2024-01-01 至 2024-12-31 停业整顿"
    expired = "有效期已满（2025-01-01）"
    assert labels.value("valid", expired) == expired  # a listing's phrase, not a licence's
    assert labels.value("status", "有效") == "有效"  # a licence's state is the platform's record
    assert labels.chip("常州新北瑞丰精密机械有限公司") == "常州新北瑞丰精密机械有限公司"
    assert labels.term("食品经营许可") == "食品经营许可"
    assert labels.section_title("存续") == "存续"


def test_without_a_translator_everything_stays_as_the_core_wrote_it() -> None:
    assert labels.section_title("登记注册基础信息") == "登记注册基础信息"
    assert labels.value("publicity", "公示中，至 2027-01-26") == "公示中，至 2027-01-26"
    assert labels.chip("严重失信") == "严重失信"
