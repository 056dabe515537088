"""Where CreditDesk keeps its files.

One data directory holds the encrypted cache, the encrypted work database, backups and logs.
It is chosen, in order, by ``--data-dir``, the ``CREDITDESK_DATA_DIR`` environment variable,
or the platform's per-user data directory.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "CreditDesk"
ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "resources"


def default_data_dir() -> Path:
    env = os.environ.get("CREDITDESK_DATA_DIR")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resource(*parts: str) -> Path:
    """Path of a file shipped in ``resources/`` (catalogs, fonts, translations)."""
    return RESOURCES.joinpath(*parts)
