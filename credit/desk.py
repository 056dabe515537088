"""The one API the GUI and the CLI share: open a data directory, search, show, audit.

Everything a user does that must be accountable (a lookup, opening a profile, overriding a
checksum warning) goes through :class:`Desk`, which writes the audit row in the same place for
every front end.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from credit.domain import uscc as uscc_mod
from credit.operator import Operator
from credit.store import audit, outbox
from credit.store.db import Store
from credit.store.keys import resolve_key
from credit.store.loader import get_info
from credit.store.profile import Profile, load_profile
from credit.store.search import SearchResult, search
from credit.store.tables import entity

if TYPE_CHECKING:
    from credit.inspections.service import Inspections
    from credit.integrity import RecordsResult
    from credit.window_check import CheckResult


@dataclass(frozen=True)
class CacheStats:
    entities: int
    as_of: str | None
    source: str | None
    key_mode: str
    pending_upload: int = 0


class Desk:
    def __init__(self, store: Store, operator: Operator) -> None:
        self.store = store
        self.operator = operator

    @classmethod
    def open(cls, data_dir: Path, passphrase: str | None = None) -> Desk:
        key = resolve_key(data_dir, passphrase)
        store = Store.open(data_dir, key)
        return cls(store, Operator.load(data_dir))

    def close(self) -> None:
        self.store.close()

    # -- reading -------------------------------------------------------------------------

    def search(self, query: str, limit: int = 50, *, record: bool = True) -> SearchResult:
        """Search the cache; ``record=False`` for search-as-you-type, which records the lookup
        once the user settles on it (:meth:`record_search`) rather than per keystroke."""
        with self.store.cache.connect() as conn:
            result = search(conn, query, limit)
        if record:
            self.record_search(result)
        return result

    def record_search(self, result: SearchResult) -> None:
        if result.kind == "empty":
            return
        self._audit(
            "search",
            query=result.query,
            uscc=result.code,
            detail={"kind": result.kind, "hits": len(result.hits)},
        )

    def profile(self, code: str, *, query: str | None = None, record: bool = True) -> Profile | None:
        with self.store.cache.connect() as conn:
            prof = load_profile(conn, code)
        if prof is not None:
            from credit.commitments import add_to_profile

            add_to_profile(self.store, prof)  # commitments registered here, marked 本机登记
            from credit.inspections.profile import add_to_profile as add_inspections

            add_inspections(self.store, prof)  # inspections and interviews recorded here
        if record:
            self._audit("open_profile", query=query, uscc=code, detail={"found": prof is not None})
        return prof

    def stats(self) -> CacheStats:
        with self.store.cache.connect() as conn:
            count = conn.execute(sa.select(sa.func.count()).select_from(entity)).scalar_one()
            info = get_info(conn)
        with self.store.work.connect() as conn:
            pending = outbox.pending_count(conn)
        return CacheStats(count, info.get("as_of"), info.get("source"), self.store.key.mode, pending)

    # -- accountable actions -------------------------------------------------------------

    def accept_checksum_override(self, code: str, reason: str) -> uscc_mod.USCCCheck:
        """Use a code that fails its check characters anyway, and record who decided so."""
        check = uscc_mod.parse(code)
        self._audit(
            "uscc_override",
            uscc=check.code,
            detail={"warnings": check.warnings, "reason": reason},
        )
        return check

    def check(
        self,
        code: str,
        matter_code: str,
        *,
        override_reason: str | None = None,
        education_given: bool = False,
    ) -> CheckResult:
        """Run and record a window credit check (see :mod:`credit.window_check`)."""
        from credit.window_check import run_check

        return run_check(
            self.store,
            self.operator,
            code,
            matter_code,
            override_reason=override_reason,
            education_given=education_given,
        )

    @property
    def inspections(self) -> Inspections:
        """Field inspections (双随机 plans, records, follow-up) on this desk's store."""
        from credit.inspections.service import Inspections

        return Inspections(self.store, self.operator)

    def audit_verify(self) -> audit.VerifyResult:
        anchor = self.store.read_audit_anchor()
        with self.store.work.connect() as conn:
            return audit.verify(conn, anchor)

    def records_verify(self) -> RecordsResult:
        """Finalised records against their verification codes and audit rows (:mod:`credit.integrity`)."""
        from credit.integrity import verify_records

        with self.store.work.connect() as conn:
            return verify_records(conn)

    def audit_recent(self, limit: int = 100) -> list[dict[str, Any]]:
        with self.store.work.connect() as conn:
            return audit.recent(conn, limit)

    def _audit(self, action: str, **kw: Any) -> None:
        with self.store.write_work() as conn:
            audit.append(conn, user=self.operator.user, device=self.operator.device, action=action, **kw)
