"""Reading PDFs back with poppler-utils, as a person's PDF viewer would.

A missing tool is a failure with instructions, never a skip: a silent skip would let the
report's text and fonts go unchecked on exactly the machine that lacks them.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(
            f"{name} not found: install poppler-utils (Debian/Ubuntu: apt-get install -y poppler-utils; "
            "macOS: brew install poppler; Windows: conda install -c conda-forge poppler)",
            pytrace=False,
        )
    return path


def _run(*args: str) -> str:
    done = subprocess.run(args, capture_output=True, check=True, timeout=60)
    return done.stdout.decode("utf-8")


def text(pdf: Path, page: int | None = None, *, raw: bool = True) -> str:
    """The PDF's text (one page or all) as UTF-8.

    Raw mode reads in drawing order and keeps every space. The default (physical-layout) mode
    drops a single narrow space between short runs ("第 1 页" comes out as "第1页"), so it is
    only used where that does not matter.
    """
    pages = ["-f", str(page), "-l", str(page)] if page else []
    mode = ["-raw"] if raw else []
    return _run(_tool("pdftotext"), "-enc", "UTF-8", *mode, *pages, str(pdf), "-")


def page_count(pdf: Path) -> int:
    for line in _run(_tool("pdfinfo"), str(pdf)).splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError(f"pdfinfo reports no page count for {pdf}")


def fonts(pdf: Path) -> list[tuple[str, bool]]:
    """(font name, embedded?) for every font the PDF uses."""
    lines = _run(_tool("pdffonts"), str(pdf)).splitlines()
    rows = lines[2:]  # header and dashes
    result = []
    for row in rows:
        parts = row.split()  # name type… encoding emb sub uni object-number generation
        result.append((parts[0], parts[-5] == "yes"))
    return result


def render(pdf: Path, page: int, out_prefix: Path, dpi: int = 80) -> Path:
    _run(
        _tool("pdftoppm"),
        "-png",
        "-r",
        str(dpi),
        "-f",
        str(page),
        "-l",
        str(page),
        "-singlefile",
        str(pdf),
        str(out_prefix),
    )
    return out_prefix.with_suffix(".png")


def image_count(pdf: Path) -> int:
    """How many images the PDF draws (pdfimages -list: two header lines, one line per image)."""
    return len(_run(_tool("pdfimages"), "-list", str(pdf)).strip().splitlines()) - 2
