"""双随机 draws: random entities per credit grade, random inspector pairs, reproducible by anyone.

Pure functions over plain data (no database, no clock), so the draw can be re-run from a plan
file alone and must give the same plan on any machine and any Python version.

The random procedure ("sha256-fisher-yates/1"), written so it can be re-implemented elsewhere:

* A **stream** is named by the plan's seed (text) and a label. Its k-th 64-bit number (k = 0,
  1, 2 …) is the first 8 bytes, big-endian, of SHA-256 over the UTF-8 bytes of
  ``seed + "\\x1f" + label + "\\x1f" + str(k)``.
* A **uniform integer below n** takes the stream's next numbers until one is below
  ``floor(2^64 / n) * n`` (rejection, so there is no modulo bias) and returns it mod n.
* A **shuffle** is Durstenfeld's Fisher–Yates over the list: for i from len−1 down to 1, swap
  item i with item j, j = uniform integer below i + 1.

Entities: per sector and grade group (A, B, C, D, ungraded), the group is sorted by USCC; the
entities whose recorded ``visits`` have reached the cell's ``max_visits`` are set aside (the
pool counts, over the cell's ``per_years`` years ending with the plan year, the finalised
inspections and the tasks of earlier plans not yet done); the rest are shuffled with the stream
``entities/<sector>/<group>`` and the first ``n`` taken, where n = round-half-up(ratio × group
size), at least ``min_count``, at most the number still eligible. An entity drawn in several
sectors becomes one task (进一次门、查多项事).

The ratio is the exact decimal written in the matrix (0.35 is 35/100), and ratio × size is
computed exactly, as a fraction, before rounding half up: 0.35 × 90 = 31.5 → 32. Binary
floating point would give 0.35 × 90 = 31.499999999999996 → 31, a different plan, so a
re-implementation must use decimal or rational arithmetic (Python ``fractions``/``decimal``,
Java ``BigDecimal``).

Inspectors: tasks are taken in USCC order; for each, the active inspectors without a declared
conflict with the entity are sorted by 执法证号 and shuffled with the stream
``inspectors/<USCC>``, then stably ordered by how many tasks each already has in this plan, and
the first two form the pair (random, and the workload stays even). Fewer than two eligible
inspectors leave the task unassigned, and the plan says so.

The pool's SHA-256 is over the canonical JSON (sorted keys, no spaces, UTF-8) of
``{sector: [[USCC, grade or "", visits, [conflicted 执法证号…]], …] sorted by USCC}``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, TypeVar

from credit.domain.inspection_catalog import GRADE_GROUPS, MatrixCell, group_of

PROCEDURE = "sha256-fisher-yates/1"
PAIR = 2
T = TypeVar("T")


# -- the random procedure -----------------------------------------------------------------


class HashStream:
    """The numbers of one named stream (see the module docstring)."""

    def __init__(self, seed: str, label: str) -> None:
        self.prefix = f"{seed}\x1f{label}\x1f".encode()
        self.counter = 0

    def next64(self) -> int:
        digest = hashlib.sha256(self.prefix + str(self.counter).encode("ascii")).digest()
        self.counter += 1
        return int.from_bytes(digest[:8], "big")

    def below(self, n: int) -> int:
        if n < 1:
            raise ValueError(f"n must be >= 1, got {n}")
        limit = (2**64 // n) * n
        while True:
            value = self.next64()
            if value < limit:
                return value % n


def shuffled(items: Sequence[T], seed: str, label: str) -> list[T]:
    """A copy of ``items`` in the stream's Fisher–Yates order."""
    out = list(items)
    stream = HashStream(seed, label)
    for i in range(len(out) - 1, 0, -1):
        j = stream.below(i + 1)
        out[i], out[j] = out[j], out[i]
    return out


def round_half_up(value: Fraction) -> int:
    """0.5 → 1, 2.5 → 3 (not Python's round-half-even, which a reader would not expect)."""
    return int((value * 2 + 1) // 2)


def wanted_count(cell: MatrixCell, group_size: int) -> int:
    """How many a group should give: ratio × size rounded half up, at least the minimum."""
    if group_size == 0:
        return 0
    return max(round_half_up(cell.ratio * group_size), cell.min_count)


# -- inputs and results -------------------------------------------------------------------


@dataclass(frozen=True)
class PoolEntry:
    """One entity of a sector's pool, as the draw sees it (and as the plan records it)."""

    uscc: str
    grade: str | None
    visits: int = 0  # within the cap's years before the draw: finalised, or planned and not yet done
    conflicted: tuple[str, ...] = ()  # 执法证号 of inspectors with a declared conflict

    @property
    def group(self) -> str:
        return group_of(self.grade)

    def canonical(self) -> list[Any]:
        return [self.uscc, self.grade or "", self.visits, sorted(self.conflicted)]

    @classmethod
    def from_canonical(cls, row: Sequence[Any]) -> PoolEntry:
        uscc, grade, visits, conflicted = row
        return cls(str(uscc), str(grade) or None, int(visits), tuple(str(c) for c in conflicted))


@dataclass(frozen=True)
class DrawInspector:
    cert_no: str
    name: str = ""


@dataclass(frozen=True)
class GroupStat:
    """What happened in one sector × grade group: the numbers the publication shows."""

    sector: str
    group: str
    size: int
    capped: int  # set aside: reached the cap of visits
    wanted: int  # round(ratio × size), at least the minimum
    drawn: int
    cell: MatrixCell

    @property
    def shortfall(self) -> int:
        return self.wanted - self.drawn

    def to_dict(self) -> dict[str, Any]:
        return {
            "sector": self.sector,
            "group": self.group,
            "size": self.size,
            "capped": self.capped,
            "wanted": self.wanted,
            "drawn": self.drawn,
            "cell": self.cell.to_dict(),
        }


@dataclass(frozen=True)
class DrawnTask:
    uscc: str
    sectors: tuple[str, ...]
    grade: str | None
    inspectors: tuple[str, ...]  # 执法证号, empty when unassigned

    def canonical(self) -> list[Any]:
        return [self.uscc, list(self.sectors), list(self.inspectors)]


@dataclass(frozen=True)
class Draw:
    tasks: tuple[DrawnTask, ...]
    groups: tuple[GroupStat, ...]
    pool_sha256: str
    result_sha256: str

    @property
    def unassigned(self) -> list[str]:
        return [t.uscc for t in self.tasks if not t.inspectors]


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def canonical_pool(pools: Mapping[str, Iterable[PoolEntry]]) -> dict[str, list[list[Any]]]:
    return {s: [e.canonical() for e in sorted(entries, key=lambda e: e.uscc)] for s, entries in pools.items()}


def pool_sha256(pools: Mapping[str, Iterable[PoolEntry]]) -> str:
    return hashlib.sha256(canonical_json(canonical_pool(pools))).hexdigest()


def result_sha256(tasks: Iterable[DrawnTask]) -> str:
    return hashlib.sha256(canonical_json([t.canonical() for t in tasks])).hexdigest()


# -- the draw -----------------------------------------------------------------------------


def draw_entities(
    seed: str, sector: str, entries: Sequence[PoolEntry], cells: Mapping[str, MatrixCell]
) -> tuple[list[PoolEntry], list[GroupStat]]:
    """The entities drawn from one sector's pool, group by group, and what each group gave."""
    drawn: list[PoolEntry] = []
    stats: list[GroupStat] = []
    by_uscc = sorted(entries, key=lambda e: e.uscc)
    for group in GRADE_GROUPS:
        cell = cells[group]
        members = [e for e in by_uscc if e.group == group]
        cap = cell.max_visits
        eligible = [e for e in members if cap is None or e.visits < cap]
        wanted = wanted_count(cell, len(members))
        n = min(wanted, len(eligible))  # never more than the pool still eligible
        picked = shuffled(eligible, seed, f"entities/{sector}/{group}")[:n]
        drawn.extend(picked)
        stats.append(GroupStat(sector, group, len(members), len(members) - len(eligible), wanted, n, cell))
    return drawn, stats


def pair_inspectors(
    seed: str, tasks: Sequence[tuple[str, Sequence[str]]], inspectors: Sequence[str]
) -> dict[str, tuple[str, ...]]:
    """Two inspectors per task (USCC, conflicted certs), as the module docstring describes."""
    load = dict.fromkeys(inspectors, 0)
    out: dict[str, tuple[str, ...]] = {}
    for uscc, conflicted in sorted(tasks, key=lambda t: t[0]):
        barred = set(conflicted)
        free = sorted(c for c in inspectors if c not in barred)
        if len(free) < PAIR:
            out[uscc] = ()
            continue
        order = sorted(shuffled(free, seed, f"inspectors/{uscc}"), key=lambda c: load[c])
        pair = tuple(order[:PAIR])
        for c in pair:
            load[c] += 1
        out[uscc] = pair
    return out


def draw(
    seed: str,
    pools: Mapping[str, Sequence[PoolEntry]],
    matrix: Mapping[str, Mapping[str, MatrixCell]],
    inspectors: Sequence[str],
    sector_order: Sequence[str] | None = None,
) -> Draw:
    """The whole draw: entities per sector and grade, merged per entity, then inspector pairs.

    ``inspectors`` are the 执法证号 of the active inspectors; ``sector_order`` is the order the
    sectors of a merged task are listed in (default: sorted).
    """
    if not str(seed).strip():
        raise ValueError("seed must not be empty")
    order = list(sector_order or sorted(pools))
    hits: dict[str, list[str]] = {}
    entry_of: dict[str, PoolEntry] = {}
    groups: list[GroupStat] = []
    for sector in order:
        picked, stats = draw_entities(seed, sector, pools.get(sector, ()), matrix[sector])
        groups.extend(stats)
        for e in picked:
            hits.setdefault(e.uscc, []).append(sector)
            entry_of.setdefault(e.uscc, e)
    pairs = pair_inspectors(seed, [(u, entry_of[u].conflicted) for u in hits], sorted(set(inspectors)))
    tasks = tuple(DrawnTask(u, tuple(hits[u]), entry_of[u].grade, pairs[u]) for u in sorted(hits))
    return Draw(tasks, tuple(groups), pool_sha256(pools), result_sha256(tasks))


# -- comparing a recorded plan with a re-derived one -------------------------------------


@dataclass
class PoolDiff:
    entered: list[tuple[str, str]] = field(default_factory=list)  # (sector, uscc)
    left: list[tuple[str, str]] = field(default_factory=list)
    regraded: list[tuple[str, str, str, str]] = field(default_factory=list)  # sector, uscc, old, new
    visits: list[tuple[str, str, int, int]] = field(default_factory=list)
    conflicts: list[tuple[str, str]] = field(default_factory=list)

    @property
    def same(self) -> bool:
        return not (self.entered or self.left or self.regraded or self.visits or self.conflicts)

    def lines(self) -> list[str]:
        out = [f"新进入抽查范围：[{s}] {u}" for s, u in self.entered]
        out += [f"已不在抽查范围：[{s}] {u}" for s, u in self.left]
        out += [f"信用等级变化：[{s}] {u} {o or '未评级'} → {n or '未评级'}" for s, u, o, n in self.regraded]
        out += [f"已检查或已列入计划的次数变化：[{s}] {u} {o} → {n}" for s, u, o, n in self.visits]
        out += [f"执法人员回避情况变化：[{s}] {u}" for s, u in self.conflicts]
        return out


def diff_pools(
    recorded: Mapping[str, Sequence[PoolEntry]], current: Mapping[str, Sequence[PoolEntry]]
) -> PoolDiff:
    diff = PoolDiff()
    for sector in sorted(set(recorded) | set(current)):
        old = {e.uscc: e for e in recorded.get(sector, ())}
        new = {e.uscc: e for e in current.get(sector, ())}
        diff.entered += [(sector, u) for u in sorted(new.keys() - old.keys())]
        diff.left += [(sector, u) for u in sorted(old.keys() - new.keys())]
        for u in sorted(old.keys() & new.keys()):
            a, b = old[u], new[u]
            if (a.grade or "") != (b.grade or ""):
                diff.regraded.append((sector, u, a.grade or "", b.grade or ""))
            if a.visits != b.visits:
                diff.visits.append((sector, u, a.visits, b.visits))
            if sorted(a.conflicted) != sorted(b.conflicted):
                diff.conflicts.append((sector, u))
    return diff


@dataclass
class ResultDiff:
    added: list[str] = field(default_factory=list)  # drawn now, not in the plan
    removed: list[str] = field(default_factory=list)  # in the plan, not drawn now
    changed: list[tuple[str, str]] = field(default_factory=list)  # uscc, what differs

    @property
    def same(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def lines(self) -> list[str]:
        out = [f"重新抽取时被抽中、计划中没有：{u}" for u in self.added]
        out += [f"计划中有、重新抽取时未被抽中：{u}" for u in self.removed]
        out += [f"{u}：{what}" for u, what in self.changed]
        return out


def diff_results(recorded: Sequence[DrawnTask], derived: Sequence[DrawnTask]) -> ResultDiff:
    old = {t.uscc: t for t in recorded}
    new = {t.uscc: t for t in derived}
    diff = ResultDiff(sorted(new.keys() - old.keys()), sorted(old.keys() - new.keys()))
    for u in sorted(old.keys() & new.keys()):
        a, b = old[u], new[u]
        if a.sectors != b.sectors:
            what = f"检查领域不同（计划 {'、'.join(a.sectors)}，重新抽取 {'、'.join(b.sectors)}）"
            diff.changed.append((u, what))
        if a.inspectors != b.inspectors:
            diff.changed.append(
                (
                    u,
                    f"执法人员不同（计划 {'、'.join(a.inspectors) or '未分配'}，"
                    f"重新抽取 {'、'.join(b.inspectors) or '未分配'}）",
                )
            )
    return diff
