"""Every GUI string is visible to Qt's lupdate: ``tr()`` and ``translate()`` get string literals.

lupdate reads the source, it does not run it: ``self.tr(label)`` with ``label`` from a tuple
extracts nothing, so that text can never be translated. Catalog data (matters, result codes,
record options) is not GUI text and is shown as the catalog writes it, without ``tr()``.
"""

from __future__ import annotations

import ast
from pathlib import Path

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"
#: Looks up labels whose literals it lists itself (``QT_TRANSLATE_NOOP``); that they match the
#: core is checked by ``test_core_labels.py``.
LOOKUP_MODULES = {DESKTOP / "core_labels.py"}


def _text_argument(call: ast.Call) -> ast.expr | None:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    if name == "tr" and call.args:
        return call.args[0]
    if name == "translate" and len(call.args) >= 2:
        return call.args[1]
    return None


def test_every_tr_and_translate_call_has_a_literal_text() -> None:
    found = []
    for path in sorted(set(DESKTOP.rglob("*.py")) - LOOKUP_MODULES):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                arg = _text_argument(node)
                if arg is not None and not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                    found.append(f"{path.relative_to(DESKTOP.parent)}:{node.lineno}: {ast.unparse(node)}")
    assert not found, "lupdate cannot see these:\n" + "\n".join(found)


def test_the_check_itself_finds_a_variable_text() -> None:
    tree = ast.parse("self.tr(label)\nQCoreApplication.translate('X', text)\nself.tr('好')")
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    flagged = [n for n in calls if not isinstance(_text_argument(n), ast.Constant)]
    assert len(flagged) == 2


def _calls_in_fstrings(tree: ast.AST) -> list[ast.Call]:
    return [
        node
        for joined in ast.walk(tree)
        if isinstance(joined, ast.JoinedStr)
        for node in ast.walk(joined)
        if isinstance(node, ast.Call) and _text_argument(node) is not None
    ]


def test_no_tr_inside_an_f_string() -> None:
    """lupdate does not look inside f-strings: ``f"<b>{self.tr('承诺编码')}</b>"`` is never
    extracted, so it would stay Chinese in every language (translate first, then format)."""
    found = []
    for path in sorted(DESKTOP.rglob("*.py")):
        for node in _calls_in_fstrings(ast.parse(path.read_text(encoding="utf-8"))):
            found.append(f"{path.relative_to(DESKTOP.parent)}:{node.lineno}: {ast.unparse(node)}")
    assert not found, "lupdate cannot see these:\n" + "\n".join(found)


def test_the_f_string_check_finds_one() -> None:
    tree = ast.parse("x = f\"<b>{escape(self.tr('承诺编码'))}</b>\"\ny = self.tr('好')")
    assert len(_calls_in_fstrings(tree)) == 1
