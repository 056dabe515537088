"""Guards against Qt binding releases that corrupt reference counts in the calls we paint with.

PySide6 6.12.0 releases a reference to ``None`` on every ``QPainter.setPen()``; on Python 3.11
the process aborts ("none_dealloc") after a few thousand painted cells. pyproject.toml excludes
that release; this test fails loudly if an upgrade brings such a bug back.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter


@pytest.fixture
def painter() -> QPainter:
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    p = QPainter(image)
    yield p
    p.end()


CALLS: dict[str, Callable[[QPainter], object]] = {
    "setPen(style)": lambda p: p.setPen(Qt.PenStyle.NoPen),
    "setPen(colour)": lambda p: p.setPen(QColor("#ffffff")),
    "setBrush": lambda p: p.setBrush(QColor("#c62828")),
    "setFont": lambda p: p.setFont(p.font()),
    "drawRoundedRect": lambda p: p.drawRoundedRect(QRect(0, 0, 20, 10), 4.0, 4.0),
    "drawText": lambda p: p.drawText(QRect(0, 0, 20, 10), Qt.AlignmentFlag.AlignCenter, "A"),
    "save/restore": lambda p: (p.save(), p.restore()),
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_painting_keeps_none_refcount(qapp: object, painter: QPainter, name: str) -> None:
    call = CALLS[name]
    call(painter)
    before = sys.getrefcount(None)
    for _ in range(200):
        call(painter)
    assert sys.getrefcount(None) - before >= -5, f"{name} leaks references to None"
