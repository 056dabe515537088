"""Per-user preferences (QSettings) and the shipped resources the GUI needs."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon

from credit.paths import resource

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGE_ENV = "CREDITDESK_LANG"
LANGUAGES = {"zh_CN": "中文（简体）", "en": "English"}
_LANGUAGE_KEY = "ui/language"


def settings() -> QSettings:
    return QSettings("CreditDesk", "CreditDesk")


def language() -> str:
    """Simplified Chinese unless the user chose otherwise (``CREDITDESK_LANG`` overrides)."""
    chosen = os.environ.get(LANGUAGE_ENV) or settings().value(_LANGUAGE_KEY)
    return chosen if isinstance(chosen, str) and chosen in LANGUAGES else DEFAULT_LANGUAGE


def set_language(code: str) -> None:
    settings().setValue(_LANGUAGE_KEY, code)


def icon(name: str) -> QIcon:
    return QIcon(str(icon_path(name)))


def icon_path(name: str) -> Path:
    return resource("icons", f"{name}.svg")
