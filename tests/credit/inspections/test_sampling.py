"""The draw: exact counts per grade, limits, conflicts, reproducibility, and its randomness.

The statistical checks run over many seeds with tolerances derived from the sampling
distributions (stated next to each), so a correct procedure fails them with a probability
below one in a million, while a biased one (say, favouring the first codes) fails at once.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import subprocess
import sys
from collections import Counter
from fractions import Fraction

import pytest

from credit.domain.inspection_catalog import GRADE_GROUPS, MatrixCell
from credit.domain.sampling import (
    HashStream,
    PoolEntry,
    diff_pools,
    diff_results,
    draw,
    pool_sha256,
    round_half_up,
    shuffled,
    wanted_count,
)

CERTS = ["C1", "C2", "C3", "C4", "C5", "C6"]


def cell(ratio: str, min_count: int = 0, cap: int | None = None) -> MatrixCell:
    return MatrixCell(Fraction(ratio), min_count, cap)


def matrix(**cells: MatrixCell) -> dict[str, dict[str, MatrixCell]]:
    base = {g: cell("0") for g in GRADE_GROUPS}
    base.update(cells)
    return {"FOOD": base}


def pool(spec: dict[str | None, int], visits: dict[int, int] | None = None) -> list[PoolEntry]:
    out, n = [], 0
    for grade, count in spec.items():
        for _ in range(count):
            out.append(PoolEntry(f"U{n:04d}", grade, (visits or {}).get(n, 0)))
            n += 1
    return out


# -- the random procedure, as documented -----------------------------------------------------


def test_stream_is_sha256_of_seed_label_counter() -> None:
    stream = HashStream("20261121", "entities/FOOD/B")
    for k in range(3):
        digest = hashlib.sha256(f"20261121\x1fentities/FOOD/B\x1f{k}".encode()).digest()
        assert stream.next64() == int.from_bytes(digest[:8], "big")


def test_shuffle_matches_an_independent_fisher_yates() -> None:
    """Re-implemented from the docstring alone: rejection sampling, then Durstenfeld's swaps."""
    items = list(range(25))
    digests = (
        int.from_bytes(hashlib.sha256(f"s\x1fL\x1f{k}".encode()).digest()[:8], "big") for k in range(10**6)
    )
    expected = list(items)
    for i in range(len(expected) - 1, 0, -1):
        n = i + 1
        while (v := next(digests)) >= (2**64 // n) * n:
            pass
        j = v % n
        expected[i], expected[j] = expected[j], expected[i]
    assert shuffled(items, "s", "L") == expected
    assert sorted(shuffled(items, "s", "L")) == items


def test_below_is_uniform_and_rejects_the_biased_tail() -> None:
    stream = HashStream("x", "y")
    counts = Counter(stream.below(3) for _ in range(30_000))
    # Binomial(30000, 1/3) per value: sd ≈ 81.6; 6 sd ≈ 490.
    assert all(abs(c - 10_000) < 490 for c in counts.values()) and set(counts) == {0, 1, 2}
    with pytest.raises(ValueError):
        stream.below(0)


def test_round_half_up() -> None:
    assert [round_half_up(Fraction(x, 2)) for x in range(6)] == [0, 1, 1, 2, 2, 3]  # 0.5→1, 2.5→3


def test_same_in_another_process_with_another_hash_seed() -> None:
    """Nothing depends on Python's random module or on hash randomisation."""
    script = (
        "import json;from fractions import Fraction as F;"
        "from credit.domain.sampling import draw,PoolEntry;"
        "from credit.domain.inspection_catalog import MatrixCell as M,GRADE_GROUPS as G;"
        "p={'FOOD':[PoolEntry(f'U{n:04d}','ABCD'[n%4],0,()) for n in range(200)]};"
        "m={'FOOD':{g:M(F(1,4),1,None) for g in G}};"
        "d=draw('seed-7',p,m,['C1','C2','C3','C4']);"
        "print(json.dumps([t.canonical() for t in d.tasks]))"
    )
    outputs = set()
    for hash_seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
        )
        outputs.add(done.stdout)
    here = draw(
        "seed-7",
        {"FOOD": [PoolEntry(f"U{n:04d}", "ABCD"[n % 4], 0, ()) for n in range(200)]},
        {"FOOD": {g: cell("0.25", 1) for g in GRADE_GROUPS}},
        ["C1", "C2", "C3", "C4"],
    )
    assert outputs == {json.dumps([t.canonical() for t in here.tasks]) + "\n"}


# -- counts and limits -----------------------------------------------------------------------


def test_counts_per_grade_are_ratio_times_pool_rounded_half_up() -> None:
    entries = pool({"A": 50, "B": 101, "C": 7, "D": 3, None: 10})
    m = matrix(A=cell("0.02"), B=cell("0.05"), C=cell("1"), D=cell("1"), ungraded=cell("0.05"))
    result = draw("s", {"FOOD": entries}, m, CERTS)
    by_group = {g.group: g for g in result.groups}
    assert {g: s.drawn for g, s in by_group.items()} == {"A": 1, "B": 5, "C": 7, "D": 3, "ungraded": 1}
    # 0.02 × 50 = 1; 0.05 × 101 = 5.05 → 5; 0.05 × 10 = 0.5 → 1 (half up)
    drawn = Counter(t.grade for t in result.tasks)
    assert drawn == Counter({"A": 1, "B": 5, "C": 7, "D": 3, None: 1})


def test_minimum_count_applies_and_never_exceeds_the_pool() -> None:
    entries = pool({"A": 30, "B": 2})
    m = matrix(A=cell("0.01", min_count=3), B=cell("0.5", min_count=5), C=cell("0", min_count=2))
    groups = {g.group: g for g in draw("s", {"FOOD": entries}, m, CERTS).groups}
    assert groups["A"].drawn == 3  # round(0.3) = 0, raised to the minimum
    assert groups["B"].wanted == 5 and groups["B"].drawn == 2  # never more than there are
    assert groups["C"].wanted == 0 and groups["C"].drawn == 0  # an empty group gives nothing


def test_entities_at_their_annual_maximum_are_not_drawn() -> None:
    visits = {n: 1 for n in range(0, 40)}  # 40 of the 50 B entities were inspected once already
    entries = pool({"B": 50}, visits)
    m = matrix(B=cell("0.5", cap=1))
    result = draw("s", {"FOOD": entries}, m, CERTS)
    group = next(g for g in result.groups if g.group == "B")
    assert group.capped == 40 and group.wanted == 25 and group.drawn == 10
    assert {t.uscc for t in result.tasks} == {f"U{n:04d}" for n in range(40, 50)}
    uncapped = draw("s", {"FOOD": entries}, matrix(B=cell("0.5", cap=2)), CERTS)
    assert len(uncapped.tasks) == 25


def test_wanted_count_helper() -> None:
    assert wanted_count(cell("0.05", 1), 0) == 0
    assert wanted_count(cell("0.05", 1), 10) == 1
    assert wanted_count(cell("0.05", 1), 100) == 5


def test_the_documented_exact_arithmetic_example_is_what_the_draw_does() -> None:
    """The docstring tells re-implementers to multiply exactly; its example must be the code's."""
    import re

    from credit.domain import sampling

    doc = " ".join((sampling.__doc__ or "").split())
    exact = re.search(r"(0\.\d+) × (\d+) = ([\d.]+) → (\d+)\. Binary floating point would give", doc)
    floating = re.search(r"(0\.\d+) × (\d+) = ([\d.]+) → (\d+), a different plan", doc)
    assert exact and floating, "the module docstring must show the exact and the float result"
    ratio, size, product, drawn = exact.groups()
    assert Fraction(ratio) * int(size) == Fraction(product)
    assert wanted_count(cell(ratio), int(size)) == int(drawn)
    f_ratio, f_size, f_product, f_drawn = floating.groups()
    assert (f_ratio, f_size) == (ratio, size) and repr(float(ratio) * int(size)) == f_product
    assert int(float(ratio) * int(size) + 0.5) == int(f_drawn) != int(drawn)  # the trap, demonstrated


# -- inspectors ------------------------------------------------------------------------------


def test_two_distinct_inspectors_without_conflicts_and_even_workload() -> None:
    entries = [PoolEntry(f"U{n:04d}", "C", 0, ("C1",) if n % 3 == 0 else ()) for n in range(60)]
    result = draw("s", {"FOOD": entries}, matrix(C=cell("1")), CERTS)
    load: Counter[str] = Counter()
    for t in result.tasks:
        assert len(t.inspectors) == 2 and len(set(t.inspectors)) == 2
        if int(t.uscc[1:]) % 3 == 0:
            assert "C1" not in t.inspectors
        load.update(t.inspectors)
    assert max(load.values()) - min(load.values()) <= 2  # the least loaded are paired first


def test_conflicts_are_excluded_over_many_seeds() -> None:
    entries = [PoolEntry("U0001", "C", 0, ("C1", "C2")), PoolEntry("U0002", "C", 0, ("C3",))]
    for s in range(300):
        tasks = {t.uscc: t for t in draw(f"seed{s}", {"FOOD": entries}, matrix(C=cell("1")), CERTS).tasks}
        assert not {"C1", "C2"} & set(tasks["U0001"].inspectors)
        assert "C3" not in tasks["U0002"].inspectors


def test_too_few_free_inspectors_leaves_the_task_unassigned() -> None:
    entries = [PoolEntry("U0001", "C", 0, ("C1", "C2", "C3"))]
    result = draw("s", {"FOOD": entries}, matrix(C=cell("1")), ["C1", "C2", "C3", "C4"])
    assert result.unassigned == ["U0001"] and result.tasks[0].inspectors == ()


# -- reproducibility and change detection ----------------------------------------------------


def test_same_seed_and_pool_give_the_same_plan_and_another_seed_another() -> None:
    entries = pool({"A": 50, "B": 100, "C": 5})
    m = matrix(A=cell("0.05"), B=cell("0.1"), C=cell("1"))
    a = draw("20261121", {"FOOD": entries}, m, CERTS)
    b = draw(
        "20261121", {"FOOD": list(reversed(entries))}, m, list(reversed(CERTS))
    )  # input order is irrelevant
    c = draw("20261122", {"FOOD": entries}, m, CERTS)
    assert a == b
    assert a.result_sha256 == b.result_sha256 and a.pool_sha256 == b.pool_sha256
    assert a.result_sha256 != c.result_sha256 and not diff_results(list(a.tasks), list(c.tasks)).same


def test_a_changed_pool_is_detected_and_named() -> None:
    entries = pool({"A": 20, "B": 20})
    changed = [e for e in entries if e.uscc != "U0003"]  # left
    changed.append(PoolEntry("U9999", "B", 0))  # entered
    changed = [PoolEntry(e.uscc, "D", e.visits) if e.uscc == "U0025" else e for e in changed]  # regraded
    changed = [PoolEntry(e.uscc, e.grade, 1) if e.uscc == "U0030" else e for e in changed]  # visited
    assert pool_sha256({"FOOD": entries}) != pool_sha256({"FOOD": changed})
    diff = diff_pools({"FOOD": entries}, {"FOOD": changed})
    assert diff.entered == [("FOOD", "U9999")] and diff.left == [("FOOD", "U0003")]
    assert diff.regraded == [("FOOD", "U0025", "B", "D")] and diff.visits == [("FOOD", "U0030", 0, 1)]
    lines = "\n".join(diff.lines())
    assert "U9999" in lines and "U0003" in lines and "B → D" in lines
    assert diff_pools({"FOOD": entries}, {"FOOD": list(entries)}).same


# -- randomness over many draws --------------------------------------------------------------

SEEDS = 2000


def test_every_entity_is_equally_likely_to_be_drawn() -> None:
    """Each of n=40 entities is drawn with probability k/n = 1/4 in every draw, so over S seeds
    its count is Binomial(S, 1/4): mean 500, sd √(S·p·(1−p)) ≈ 19.4. Bonferroni over 40
    entities at a family-wise 1e-6 needs |z| ≤ 5.6 per entity; the bound used is 6 sd."""
    entries = pool({"B": 40})
    m = matrix(B=cell("0.25"))
    counts: Counter[str] = Counter()
    for s in range(SEEDS):
        counts.update(t.uscc for t in draw(f"s{s}", {"FOOD": entries}, m, CERTS).tasks)
    p = 0.25
    sd = math.sqrt(SEEDS * p * (1 - p))
    assert len(counts) == 40
    assert all(abs(c - SEEDS * p) <= 6 * sd for c in counts.values()), counts
    assert sum(counts.values()) == SEEDS * 10  # exactly round(0.25 × 40) = 10 every time


def test_a_subgroup_is_drawn_hypergeometrically() -> None:
    """12 of 40 B entities are in a marked subgroup; drawing 10 gives Hypergeometric(40, 12, 10)
    of them (mean 3). Dvoretzky–Kiefer–Wolfowitz: P(sup |F̂ − F| > ε) ≤ 2·exp(−2Sε²), so at
    1e-6 the empirical CDF over S=2000 draws stays within ε = √(ln(2e6)/(2S)) ≈ 0.060."""
    entries = pool({"B": 40})
    marked = {f"U{n:04d}" for n in range(0, 40, 3)} | {"U0001", "U0002"}
    marked = set(sorted(marked)[:12])
    m = matrix(B=cell("0.25"))
    hits = Counter(
        sum(t.uscc in marked for t in draw(f"h{s}", {"FOOD": entries}, m, CERTS).tasks) for s in range(SEEDS)
    )
    population, good, n = 40, 12, 10

    def pmf(x: int) -> float:
        return math.comb(good, x) * math.comb(population - good, n - x) / math.comb(population, n)

    eps = math.sqrt(math.log(2e6) / (2 * SEEDS))
    cdf = emp = 0.0
    for x in range(n + 1):
        cdf += pmf(x)
        emp += hits.get(x, 0) / SEEDS
        assert abs(emp - cdf) <= eps, (x, emp, cdf)
    mean = sum(x * c for x, c in hits.items()) / SEEDS
    var = n * good / population * (1 - good / population) * (population - n) / (population - 1)
    assert abs(mean - 3) <= 6 * math.sqrt(var / SEEDS)


def test_a_biased_draw_would_fail_the_uniformity_check() -> None:
    """The check above can fail: taking the first k codes (no shuffle) is caught at once."""
    entries = pool({"B": 40})
    counts = Counter(e.uscc for _ in range(SEEDS) for e in entries[:10])
    sd = math.sqrt(SEEDS * 0.25 * 0.75)
    assert not all(abs(c - SEEDS * 0.25) <= 6 * sd for c in counts.values())
