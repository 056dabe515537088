"""What each pushed record kind needs, shared by the laptop (outbox view, pusher) and the platform.

``resources/catalogs/push_kinds.json`` says per outbox kind which field holds the entity (or
person), whether the platform checks its jurisdiction and unit, which other records and which
attachments must reach the platform first, whether it is shared with other laptops, and when
the platform must publish it. The pusher orders its batches by it; the platform checks by it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from credit.paths import resource


@dataclass(frozen=True)
class KindRule:
    kind: str
    label: str
    subject: str | None
    person_field: Mapping[str, str]
    jurisdiction: bool
    unit: bool
    verification: bool
    depends_on: tuple[str, ...]
    attachments: tuple[str, ...]
    shared: str | None
    updates: str | None
    publication: Mapping[str, Any] | None


@lru_cache(maxsize=1)
def push_rules() -> dict[str, KindRule]:
    """``resources/catalogs/push_kinds.json`` (``sync.kinds.push_rules`` also checks that every
    kind has a payload model in the protocol)."""
    with resource("catalogs", "push_kinds.json").open(encoding="utf-8") as fh:
        raw = json.load(fh)["kinds"]
    out = {}
    for kind, spec in raw.items():
        out[kind] = KindRule(
            kind=kind,
            label=spec["label"],
            subject=spec.get("subject"),
            person_field=spec.get("person_field") or {},
            jurisdiction=bool(spec.get("jurisdiction")),
            unit=bool(spec.get("unit")),
            verification=bool(spec.get("verification")),
            depends_on=tuple(spec.get("depends_on") or ()),
            attachments=tuple(spec.get("attachments") or ()),
            shared=spec.get("shared"),
            updates=spec.get("updates"),
            publication=spec.get("publication"),
        )
    return out


def referenced_attachments(rule: KindRule, payload: Mapping[str, Any]) -> list[str]:
    """The SHA-256 names of the attachments a record refers to (lists of {sha256} or a digest)."""
    out: list[str] = []
    for name in rule.attachments:
        value = payload.get(name)
        if isinstance(value, str) and value.startswith("["):
            value = json.loads(value)
        if isinstance(value, str) and value:
            out.append(value)
        elif isinstance(value, list):
            out.extend(str(a["sha256"]) for a in value if isinstance(a, dict) and a.get("sha256"))
    return out


__all__ = ["KindRule", "push_rules", "referenced_attachments"]
