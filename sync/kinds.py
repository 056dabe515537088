"""The push kinds catalog (:mod:`credit.domain.push_kinds`), checked against the wire protocol."""

from __future__ import annotations

from functools import lru_cache

from credit.domain.push_kinds import KindRule, referenced_attachments
from credit.domain.push_kinds import push_rules as _rules
from sync import protocol


@lru_cache(maxsize=1)
def push_rules() -> dict[str, KindRule]:
    """The catalog's kinds; each must have a payload model in :data:`sync.protocol.PUSH_MODELS`."""
    rules = _rules()
    missing = sorted(set(rules) - set(protocol.PUSH_MODELS))
    if missing:
        raise ValueError(f"push_kinds.json: kinds {missing} have no payload model in sync.protocol")
    return rules


__all__ = ["KindRule", "push_rules", "referenced_attachments"]
