"""Who may inspect an entity: the rosters that apply to a visit and the conflicts declared there.

A draw never pairs an inspector with an entity they declared a conflict with, but a record can
be made outside any draw (an ad-hoc inspection, a follow-up, a correction) or its inspectors
changed on the form. So finalising checks the record's inspectors again, against every roster
that applies: the unit's own (``<data dir>/inspectors.json``, with conflicts by legal
representative) and, for a plan's task, the roster the plan recorded and the conflicts its pool
snapshot applied. The same facts give the form its list of colleagues to choose from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

from credit.domain.catalogs import CatalogError
from credit.domain.roster import Roster, load_unit_roster, unit_roster_path
from credit.inspections import InspectionError
from credit.store.db import Store
from credit.store.tables import entity


@dataclass
class InspectorFacts:
    """What the rosters say about a visit to one entity."""

    known: dict[str, str] | None = None  # 执法证号 → name in a roster; None: no roster applies
    active: list[tuple[str, str]] = field(default_factory=list)  # (name, 执法证号) of active ones
    conflicted: set[str] = field(default_factory=set)  # 执法证号 with a declared conflict
    sources: list[str] = field(default_factory=list)  # where the rosters came from, for messages

    def add(self, roster: Roster, uscc: str, legal_rep_id: str | None, source: str) -> None:
        self.known = self.known if self.known is not None else {}
        for person in roster.inspectors:
            self.known.setdefault(person.cert_no, person.name)
            if person.active and all(cert != person.cert_no for _, cert in self.active):
                self.active.append((person.name, person.cert_no))
        self.conflicted |= set(roster.conflicted_with(uscc, legal_rep_id))
        self.sources.append(source)

    def colleagues(self) -> list[tuple[str, str]]:
        """Active inspectors without a conflict with the entity: what the form offers."""
        return [(name, cert) for name, cert in self.active if cert not in self.conflicted]


def inspector_facts(store: Store, uscc: str, plan_id: str | None = None) -> InspectorFacts:
    """The rosters that apply to a visit to ``uscc`` (the unit's, and the plan's for a task)."""
    from credit.inspections.plans import plan_document, recorded_roster

    with store.cache.connect() as cache:
        legal_rep_id = cache.execute(sa.select(entity.c.legal_rep_id).where(entity.c.uscc == uscc)).scalar()
    facts = InspectorFacts()
    try:
        own = load_unit_roster(store.data_dir)
    except CatalogError as exc:
        raise InspectionError(str(exc)) from None
    if own is not None:
        facts.add(own, uscc, legal_rep_id, str(unit_roster_path(store.data_dir)))
    doc = plan_document(store, plan_id) if plan_id else None
    if doc is not None:
        facts.add(recorded_roster(doc), uscc, legal_rep_id, f"抽查计划 {doc['plan_no']} 的名录")
        for rows in doc["pool"]["entries"].values():  # conflicts the draw applied, by legal rep too
            for row in rows:
                if row[0] == uscc:
                    facts.conflicted |= set(row[3])
    return facts
