"""The English translation is complete, compiled, current — and the screens really are English.

The .ts must have no unfinished or obsolete entry, keep every placeholder, tag and accelerator,
and the shipped .qm must answer each of its messages; lupdate over ``desktop/`` must find no
string the .ts lacks. Then the main window (a profile, a check verdict, the commitment pages, a
drawn inspection plan with a task selected, the orders, the sync page) and the dialogs opened from
it (inspection form, plan draw, interview, fulfilment, sign-in, passphrase) are built with the
English translator installed, and no widget text — titles, labels, buttons, tabs, headers,
placeholders, tooltips, menu entries, combo items, table cells — may show Chinese except inside
the data shown (entity names, records, catalog texts), which are the platform's and the catalog's.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import fields, is_dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot

from credit import commitments as cm
from credit.desk import Desk, Operator
from credit.domain.catalogs import load_catalog
from credit.domain.inspection_catalog import load_inspection_catalog
from credit.inspections.plans import draw_plan
from credit.outbox_view import listing as outbox_listing
from credit.store.db import Store
from credit.store.keys import resolve_key
from credit.store.profile import Profile
from desktop import core_labels, settings
from desktop.ops import ImmediateRunner
from desktop.views.inspections.inspection_form import InspectionForm
from desktop.windows.main_window import MainWindow
from desktop.windows.passphrase_dialog import PassphraseDialog
from tests.credit.inspections import sample as field_sample
from tests.desktop import sample
from tests.desktop.translations import CJK, TS, messages

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"
BRACES = re.compile(r"\{\w*\}")
PERCENT = re.compile(r"%(?:\d+|n|L\d+|Ln)")
TAG = re.compile(r"</?\w+[^>]*>")
#: Chinese a translation keeps on purpose: the column headers a batch list file must have.
KEPT_CHINESE = {"统一社会信用代码", "名称"}


# -- the .ts and the .qm ----------------------------------------------------------------------


def test_no_source_string_is_left_unfinished_or_obsolete() -> None:
    found = messages()
    assert len(found) > 700  # the whole GUI, not an empty file
    bad = [m for m in found if m.kind or not all(t.strip() for t in m.translations)]
    assert not bad, "unfinished or obsolete:\n" + "\n".join(f"{m.context}: {m.source!r}" for m in bad)


def test_translations_are_english_and_keep_placeholders_tags_and_accelerators() -> None:
    problems = []
    for m in messages():
        for text in m.translations:
            if set(CJK.findall(text)) - KEPT_CHINESE:
                problems.append(f"{m.context}: {m.source!r} → Chinese left in {text!r}")
            for pattern in (BRACES, TAG):
                if sorted(pattern.findall(text)) != sorted(pattern.findall(m.source)):
                    problems.append(f"{m.context}: {m.source!r} → {pattern.pattern} differ in {text!r}")
            if set(PERCENT.findall(text)) != set(PERCENT.findall(m.source)):
                problems.append(f"{m.context}: {m.source!r} → % placeholders differ in {text!r}")
            if ("&" in m.source.replace("&&", "")) != ("&" in text.replace("&&", "")):
                problems.append(f"{m.context}: {m.source!r} → accelerator lost or added in {text!r}")
            if m.source.count("\n") != text.count("\n"):
                problems.append(f"{m.context}: {m.source!r} → line breaks differ in {text!r}")
    assert not problems, "\n".join(problems)


def test_the_shipped_qm_answers_every_message_of_the_ts(english: None) -> None:
    wrong = []
    for m in messages():
        if m.numerus:
            one, many = m.translations
            got = (QCoreApplication.translate(m.context, m.source, None, 1),
                   QCoreApplication.translate(m.context, m.source, None, 7))  # fmt: skip
            want = (one.replace("%n", "1"), many.replace("%n", "7"))
        else:
            got, want = (QCoreApplication.translate(m.context, m.source),), m.translations
        if got != want:
            wrong.append(f"{m.context}: {m.source!r} gives {got!r}, the .ts says {want!r}")
    assert not wrong, "the .qm is not compiled from this .ts (run pyside6-lrelease):\n" + "\n".join(wrong)


def _tool(name: str) -> str:
    path = Path(sys.executable).with_name(name)
    found = str(path) if path.exists() else shutil.which(name)
    assert found, f"{name} (from PySide6) is needed to check the translation"
    return found


def test_the_ts_has_every_string_of_the_gui(tmp_path: Path) -> None:
    """lupdate over desktop/ (as resources/i18n/README.md says) finds nothing the .ts lacks."""
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    sources = sorted(str(p) for p in DESKTOP.rglob("*.py"))
    subprocess.run(
        [_tool("pyside6-lupdate"), *sources, "-source-language", "zh_CN", "-target-language", "en",
         "-no-obsolete", "-ts", str(fresh)],
        check=True, capture_output=True,
    )  # fmt: skip
    shipped = {(m.context, m.source) for m in messages()}
    current = {(m.context, m.source) for m in messages(fresh)}
    assert not current - shipped, f"strings not in the .ts yet (run lupdate): {sorted(current - shipped)}"
    assert not shipped - current, f"entries no longer in the code: {sorted(shipped - current)}"


# -- the screens --------------------------------------------------------------------------------

#: Keys whose values the GUI shows as labels (translated), not as data.
LABEL_KEYS = {
    "title", "note", "flags", "verdict", "verdict_label", "restriction", "restriction_label",
    "status_label", "commitment_type", "committer_category", "publicity_type", "fulfilment",
}  # fmt: skip


def _strings(value: Any, out: set[str]) -> None:
    """Every string inside ``value`` (mappings, sequences, dataclasses), leaving out label keys."""
    if is_dataclass(value) and not isinstance(value, type):
        value = {f.name: getattr(value, f.name) for f in fields(value)}
    if isinstance(value, str):
        out.add(value)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if key not in LABEL_KEYS:
                _strings(item, out)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            _strings(item, out)


def _phrase_data(text: str) -> list[str]:
    """The data inside a phrase the core worded ("已于 {day} 移出（{reason}）" → day, reason)."""
    pieces = {p for phrase in core_labels.PHRASES for p in re.split(r"\{\w+\}", phrase) if p}
    literal = sorted(pieces, key=len, reverse=True)
    return [part for part in re.split("|".join(map(re.escape, literal)), text) if part]


def profile_data(profile: Profile) -> set[str]:
    """What a profile shows that is data: every value, phrases reduced to the data inside them."""
    out = {profile.name, profile.uscc, profile.status}
    for section in profile.sections:
        for row in section.rows:
            for key, value in row.items():
                if isinstance(value, str):
                    out.update(_phrase_data(value) if key in core_labels.FIELD_PHRASES else [value])
    return out


def runs(texts: Iterable[str]) -> set[str]:
    return {run for text in texts for run in CJK.findall(text)}


def widget_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a user reads on ``root`` and its children, shown or not."""
    for w in [root, *root.findChildren(QWidget)]:
        where = f"{type(w).__name__}#{w.objectName()}"
        if w.isWindow():
            yield where + ".windowTitle", w.windowTitle()
        yield where + ".toolTip", w.toolTip()
        if isinstance(w, QLabel):
            text = w.text()
            if w.textFormat() != Qt.TextFormat.PlainText and QtGuiNamespace.mightBeRichText(text):
                doc = QTextDocument()
                doc.setHtml(text)
                text = doc.toPlainText()
            yield where, text
        elif isinstance(w, QAbstractButton):
            yield where, w.text()
        elif isinstance(w, QGroupBox):
            yield where, w.title()
        elif isinstance(w, QLineEdit) or (isinstance(w, QPlainTextEdit) and not isinstance(w, QTextBrowser)):
            yield where + ".placeholder", w.placeholderText()
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                yield f"{where}.tab{i}", w.tabText(i)
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                yield f"{where}.item{i}", w.itemText(i)
        elif isinstance(w, QMenu):
            for action in w.actions():
                yield where + ".action", action.text()
        if isinstance(w, QSpinBox):
            yield where + ".suffix", w.suffix()
        if isinstance(w, QAbstractSpinBox):
            yield where + ".special", w.specialValueText()
        if isinstance(w, QListWidget):
            for i in range(w.count()):
                yield f"{where}.row{i}", w.item(i).text()
        elif isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView) and w.model() is not None:
            model = w.model()
            for col in range(model.columnCount()):
                yield f"{where}.header{col}", str(model.headerData(col, Qt.Orientation.Horizontal) or "")
            for row in range(min(model.rowCount(), 20)):
                for col in range(model.columnCount()):
                    index = model.index(row, col)
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        yield f"{where}[{row},{col}]", str(index.data(role) or "")


def chinese_outside_data(root: QWidget, data: set[str]) -> list[str]:
    """Texts with a run of Chinese that is not a run of the data shown."""
    allowed = runs(data)
    found = []
    for where, text in widget_texts(root):
        stray = [run for run in CJK.findall(text) if run not in allowed]
        if stray:
            found.append(f"{where}: {text!r} ({'、'.join(stray)})")
    return found


@pytest.fixture
def private_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = str(tmp_path / "settings.ini")
    monkeypatch.setattr(settings, "settings", lambda: QSettings(path, QSettings.Format.IniFormat))


@pytest.fixture
def field_desk(tmp_path: Path) -> Iterator[Desk]:
    """The window's sample entities plus the inspection sample, a drawn plan and a commitment."""
    path = tmp_path / "data"
    store = Store.open(path, resolve_key(path))
    sample.fill(store)
    with store.write_cache() as conn:
        from credit.store.loader import bulk_insert_entities

        bulk_insert_entities(conn, field_sample.entities())
    desk = Desk(store, Operator("李明", "滑县市场监督管理局", "laptop-07"))
    draw_plan(
        store, desk.operator, field_sample.config(), field_sample.roster(), "20261120", now=field_sample.NOW
    )
    cm.register(
        store, desk.operator, committer_name="常州新北瑞丰贸易有限公司",
        committer_category="法人及非法人组织", committer_code=sample.RUIFENG_TRADE,
        commitment_type="容缺受理型", reason="申请食品经营许可", made_on=date(2026, 11, 20),
        accepting_unit=desk.operator.unit, publicity_type="可向社会公开", missing_materials=["场所平面图"],
        deadline_working_days=3, matter_code="TOLERANT_ACCEPTANCE",
    )  # fmt: skip
    yield desk
    desk.close()


def test_the_key_screens_show_no_chinese_but_their_data(
    english: None, private_settings: None, qtbot: QtBot, field_desk: Desk
) -> None:
    desk = field_desk
    window = MainWindow(ImmediateRunner(), desk)
    qtbot.addWidget(window)
    window.show()
    data: set[str] = {desk.operator.user, desk.operator.unit, desk.operator.device}
    data |= set(settings.LANGUAGES.values())  # each language named in its own language, by design
    data |= KEPT_CHINESE  # the column headers a batch list must have, quoted as the file has them

    # 查询: a profile with penalties, a serious listing and a commitment registered here
    window.open_profile(sample.RUIFENG)
    profile = desk.profile(sample.RUIFENG, record=False)
    assert profile is not None
    data |= profile_data(profile)
    text = window.profile_view.toPlainText()
    assert "Basic registration information" in text and "Administrative information · Penalties" in text
    assert not runs([text]) - runs(data), f"Chinese in the profile: {runs([text]) - runs(data)}"
    window.search.field.setText("瑞丰")  # results with grade badges and chips
    qtbot.waitUntil(lambda: window.search.model.rowCount() > 0)
    hits = [window.search.model.hit(r) for r in range(window.search.model.rowCount())]
    _strings([(h.name, h.uscc, h.status, h.division_name, h.legal_rep) for h in hits if h], data)

    # 窗口核查: a verdict with its reasons
    window.nav.setCurrentRow(1)
    window.check_view.set_matter("TOLERANT_ACCEPTANCE")
    window.check_view.code_field.setText(sample.RUIFENG)
    window.check_view.submit()
    result = window.check_view.result
    assert result is not None and result.outcome.fired
    assert window.check_view.banner.word.text() in ("Caution", "Restricted", "Prohibited")
    _strings(result.outcome.to_dict(), data)
    data |= {result.report.operator, result.report.issuing_unit, result.stale_warning or ""}
    catalog = load_catalog()
    _strings([(m.name, m.basis) for m in catalog.matters.values()], data)

    # 信用承诺: the form, the due list and the search with the commitment's detail
    view = window.commitments_view
    view.today = lambda: date(2026, 11, 23)
    window.nav.setCurrentRow(2)
    for tab in range(view.tabs.count()):
        view.tabs.setCurrentIndex(tab)
    view.search()
    view.found.table.selectRow(0)
    assert view.found.detail.row is not None and view.due.model.rowCount() == 1
    _strings(cm.search(desk.store, ""), data)
    stray = runs([view.found.detail.browser.toPlainText()]) - runs(data)
    assert not stray, f"Chinese in the commitment: {sorted(stray)}"

    # 检查任务: the plan, a task with its profile, the orders tab, and the inspection form
    page = window.inspections_view
    window.nav.setCurrentRow(3)
    row = next(r for r in page.model.rows if r.uscc == field_sample.code(151))
    page.select_task(row.id)
    page.panel.inspect_button.click()
    form = page.forms[-1]
    assert isinstance(form, InspectionForm)
    qtbot.addWidget(form)
    _strings([r.to_dict() for r in page.model.rows], data)
    _strings(desk.inspections.plans(), data)
    _strings(form.data, data)
    _strings(field_sample.ROSTER, data)
    _strings(load_inspection_catalog(), data)  # sectors, matters, checklists, results, kinds …
    page.open_draw_dialog()  # 抽取新计划…
    row = next(r for r in page.model.rows if r.uscc == field_sample.code(160))
    page.select_task(row.id)
    page.panel.interview_button.click()  # an interview about the entity, without an order
    page.tabs.setCurrentIndex(1)
    dialogs: list[QWidget] = [form, *page.forms]
    assert {type(d).__name__ for d in dialogs} >= {"InspectionForm", "PlanDrawDialog", "InterviewForm"}
    dialogs.append(view.record_fulfilment(str(cm.search(desk.store, "")[0]["code"])) or window)
    for dialog in dialogs[1:]:
        _strings(getattr(dialog, "data", None), data)  # a follow-up draft's prefilled values
    unlock = QCoreApplication.translate("Startup", "请输入口令解锁本地数据。")
    dialogs.append(PassphraseDialog(unlock, new=True))

    # 同步: not signed in, and the sign-in dialog
    window.nav.setCurrentRow(4)
    window.sync_view.sign_in()
    dialogs.append(window.sync_view.signin_dialog)
    _strings([i["title"] for i in outbox_listing(desk.store)], data)  # the records' own words
    for dialog in dialogs:
        qtbot.addWidget(dialog)
    assert {type(d).__name__ for d in dialogs} >= {"FulfilmentDialog", "PassphraseDialog", "SignInDialog"}

    stray = chinese_outside_data(window, data)
    for dialog in dialogs:
        stray += chinese_outside_data(dialog, data)
    assert not stray, "Chinese in the English screens:\n" + "\n".join(stray)


def test_the_sync_summary_reads_in_english(english: None, private_settings: None, qtbot: QtBot) -> None:
    """What a finished sync says — push, snapshot and feed, the queue — is worded by the GUI."""
    from desktop.views.sync_view import SyncView
    from sync.client import SyncResult
    from sync.pull import PullResult
    from sync.push import PushResult
    from sync.snapshot import SnapshotUsed

    view = SyncView(ImmediateRunner())
    qtbot.addWidget(view)
    push = PushResult(sent=12, accepted=9, duplicate=1, conflict=1, rejected=1, attachments=2)
    snap = SnapshotUsed(id="s", seq=9, size=1, counts={"entity": 1000, "penalty": 20})
    pull = PullResult(applied=3, upserts=3, full=True, as_of="2026-12-01T10:00:00", snapshot=snap)
    result = SyncResult(pull=pull, pending_outbox=2, clock_warning=None, push=push, attention=2)
    text = view.summary(result)
    assert not CJK.search(text), text
    assert "Records uploaded: 12, attachments: 2; newly accepted by the platform: 9" in text
    assert "(entities: 1,000, credit records: 20), then changes received: 3" in text
    assert "Waiting to upload: 2. Needing attention (refused or in conflict): 2" in text
    feed = PullResult(applied=5, upserts=4, deletes=1)
    text = view.summary(SyncResult(pull=feed, pending_outbox=0, clock_warning=None))
    assert text.splitlines() == [
        "Sync done: changes received: 5 (updated 4, deleted 1).",
        "All records from this computer are uploaded.",
    ]
