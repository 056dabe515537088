"""Field inspections (双随机一公开): plans drawn from the cache, records, rectification, interviews.

Everything here writes to the work database with its outbox and audit rows in one transaction,
as :mod:`credit.window_check` does. Finalised records, plans, orders and interviews are
insert-only (enforced by triggers); drafts are the one thing that changes while a form is open.
"""

from __future__ import annotations


class InspectionError(Exception):
    """Something the user can fix; ``problems`` are Chinese sentences, one per thing to fix."""

    def __init__(self, problems: str | list[str]) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("；".join(self.problems))

    @property
    def reason(self) -> str:
        return "\n".join(self.problems)
