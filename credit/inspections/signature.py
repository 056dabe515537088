"""The on-screen signature of the person present, kept as strokes and printed as a PNG.

The form records the pen strokes (points in the pad's own coordinates) in the draft, so an
autosave every second costs a few hundred bytes and a signature survives a crash like any other
field. Finalising renders them once, here without Qt, into the PNG that is stored with the record
and printed on the 现场检查记录.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

SCALE = 2  # render at twice the pad's size: crisp on paper
INK = 0
PAPER = 255


def has_ink(signature: Mapping[str, Any] | None) -> bool:
    return bool(signature) and any(len(s) >= 1 for s in (signature or {}).get("strokes") or [])


def render_png(signature: Mapping[str, Any]) -> bytes:
    """``{"width": w, "height": h, "strokes": [[[x, y], …], …]}`` as a greyscale PNG."""
    from PIL import Image, ImageDraw

    width, height = int(signature["width"]), int(signature["height"])
    if not (0 < width <= 4000 and 0 < height <= 4000):
        raise ValueError(f"signature pad size {width}×{height} is out of range")
    img = Image.new("L", (width * SCALE, height * SCALE), PAPER)
    draw = ImageDraw.Draw(img)
    pen = max(2, round(2.2 * SCALE))
    strokes: Sequence[Sequence[Sequence[float]]] = signature.get("strokes") or []
    for stroke in strokes:
        points = [(float(x) * SCALE, float(y) * SCALE) for x, y in stroke]
        if len(points) == 1:
            (x, y) = points[0]
            draw.ellipse((x - pen / 2, y - pen / 2, x + pen / 2, y + pen / 2), fill=INK)
        elif points:
            draw.line(points, fill=INK, width=pen, joint="curve")
            for x, y in (points[0], points[-1]):  # round caps
                draw.ellipse((x - pen / 2, y - pen / 2, x + pen / 2, y + pen / 2), fill=INK)
    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)
    return out.getvalue()
