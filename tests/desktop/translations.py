"""The shipped English translation as tests read it: the .ts messages and the installed .qm."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from credit.paths import resource

TS = resource("i18n", "creditdesk_en.ts")
#: Chinese characters and full-width punctuation: what an English screen should not show.
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]+")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    translations: tuple[str, ...]  # one, or the plural forms
    kind: str  # "" when finished; "unfinished", "vanished", "obsolete"
    numerus: bool


def messages(path: Path = TS) -> list[Message]:
    out = []
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            assert tr is not None
            forms = [f.text or "" for f in tr.findall("numerusform")]
            texts = tuple(forms) if msg.get("numerus") == "yes" else (tr.text or "",)
            out.append(Message(name, msg.findtext("source") or "", texts, tr.get("type", ""), bool(forms)))
    return out
