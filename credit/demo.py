"""Deterministic demo data: plausible entities and credit records for any size up to 1,000,000.

Demos, screenshots, tests and benchmarks must show the same data on every machine, so nothing
here reads the clock or the global random state. Each entity draws from its own
``random.Random`` seeded with (seed, index): entity *k* is the same whatever the build size, and
the first 50,000 of a million-entity build equal a 50,000 build. Codes are unique by
construction (the index is encoded bijectively into the code body), not by checking.

Word lists, record templates and demo weights are data (``resources/demo``); real division codes
and town names live in ``resources/catalogs/divisions.json``.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import json
import math
import operator
import os
import pickle
import random
import string
import struct
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import IO, TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

import sqlalchemy as sa

from credit.domain import uscc as uscc_mod
from credit.domain.names import pinyin_initials
from credit.domain.publicity import publicity_period, severity_for
from credit.paths import ROOT, resource
from credit.store import tables
from credit.store.loader import bulk_insert_entities, set_info

if TYPE_CHECKING:
    from credit.store.db import Store

__all__ = [
    "DEMO_SEED",
    "DEMO_TODAY",
    "ENTITY_KEYS",
    "MAX_ENTITIES",
    "PARALLEL_FROM",
    "DemoCancelled",
    "DemoEntity",
    "Division",
    "build_demo",
    "generate",
    "load_divisions",
]

DEMO_SEED = 20261122
#: The generation "today": every event date lies before it, every validity is measured from it.
DEMO_TODAY = date(2026, 11, 21)
MAX_ENTITIES = 1_000_000
SOURCE = "demo"
#: Entities per insert batch: big enough for executemany to pay off, small enough for progress.
BATCH = 10_000
#: From this many entities on, ``build_demo`` generates in a helper process by default.
PARALLEL_FROM = 20_000
#: Page cache (KiB) while bulk loading: a million rows' index pages exceed the usual 64 MiB.
_BULK_CACHE_KIB = 262_144

Row = dict[str, Any]
T = TypeVar("T")

# Per-grade probabilities (A, B, C, D) of each kind of record; D entities carry most of them.
_GRADES = ("A", "B", "C", "D")
_P_PENALTY = (0.01, 0.04, 0.18, 0.62)
_P_ABNORMAL = (0.0, 0.035, 0.22, 0.55)
_P_SERIOUS = (0.0, 0.0, 0.02, 0.45)
_P_WATCH = (0.0, 0.003, 0.06, 0.18)
_P_DEBTOR = (0.0, 0.002, 0.03, 0.2)
_P_CASE = (0.001, 0.004, 0.015, 0.04)
_P_HONOUR = (0.12, 0.018, 0.0, 0.0)

# Shared legal representatives: pool person p is "hosted" by entity p * _POOL_STRIDE (which also
# emits the person's own records, so they exist exactly once); others borrow pool persons.
_POOL_SIZE = 20_000
_POOL_STRIDE = 50
_P_BORROW = 0.03
_POOL_BORN = (date(1955, 1, 1).toordinal(), date(1986, 12, 31).toordinal())

_MARKET = ("enterprise", "individual", "cooperative")
_KIND_CODES = {
    "enterprise": ("9", "1"),
    "individual": ("9", "2"),
    "cooperative": ("9", "3"),
    "public_institution": ("1", "2"),
    "private_non_enterprise": ("5", "2"),
}
_SUBJECT_CATEGORY = {"individual": "个体工商户"}
_REGISTRAR = {"public_institution": "institution_registry", "private_non_enterprise": "civil"}
_EARLIEST = date(1995, 1, 1).toordinal()
_COOP_LAW = date(2007, 7, 1).toordinal()  # 农民专业合作社法 in force
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_FORMATTER = string.Formatter()

#: Keys of ``DemoEntity.entity``, in order: the entity columns that ``loader.entity_row`` does
#: not derive itself, plus ``pinyin`` precomputed from the name parts.
ENTITY_KEYS = (
    "uscc", "name", "pinyin", "entity_type", "legal_rep", "legal_rep_id_type", "legal_rep_id",
    "reg_authority", "division_code", "division_name", "address", "industry", "business_scope",
    "capital_wan", "established", "status", "grade", "grade_date", "grade_unit", "updated_at",
    "source",
)  # fmt: skip
_LIST_COLS = tuple(c.name for c in tables.list_entry.columns)
_PENALTY_COLS = tuple(c.name for c in tables.penalty.columns)
_LICENCE_COLS = tuple(c.name for c in tables.licence.columns)
_HONOUR_COLS = tuple(c.name for c in tables.honour.columns)
_JUDICIAL_COLS = tuple(c.name for c in tables.judicial.columns)


class DemoCancelled(Exception):
    """The build was cancelled; its transaction was rolled back and the cache is still empty."""


@dataclass(slots=True)
class DemoEntity:
    """One entity row (for ``loader.entity_row``) and its records, keyed like the tables."""

    entity: Row
    list_entry: list[Row] = field(default_factory=list)
    penalty: list[Row] = field(default_factory=list)
    licence: list[Row] = field(default_factory=list)
    honour: list[Row] = field(default_factory=list)
    judicial: list[Row] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Catalogs


@dataclass(frozen=True)
class Division:
    """A county-level division with the name forms documents and entity names use."""

    code: str
    name: str
    city: str
    province: str
    full: str
    short: str
    province_abbr: str
    towns: tuple[str, ...]

    @property
    def local(self) -> str:
        """Prefix of local offices: 常州市新北区市场监督管理局, but 滑县市场监督管理局."""
        return self.city + self.name if self.name.endswith("区") else self.name

    @property
    def city_short(self) -> str:
        return self.city.removesuffix("市")

    @property
    def province_short(self) -> str:
        return self.province.removesuffix("省").removesuffix("市")

    @property
    def label(self) -> str:
        """The short name without its city, as in 常州瑞丰机械有限公司（新北分公司）."""
        return self.short.removeprefix(self.city_short) or self.short

    @property
    def abbr(self) -> str:
        """Document-number abbreviation (常新市监处罚…, 滑市监处罚…)."""
        if self.name.endswith("区"):
            return self.city[0] + self.name[0]
        return self.name[0]


@lru_cache(maxsize=1)
def load_divisions() -> tuple[Division, ...]:
    """The division catalog (GB/T 2260 codes with towns), in file order."""
    with resource("catalogs", "divisions.json").open(encoding="utf-8") as fh:
        data = json.load(fh)
    return tuple(
        Division(
            code=d["code"],
            name=d["name"],
            city=d["city"],
            province=d["province"],
            full=d["full"],
            short=d["short"],
            province_abbr=d["province_abbr"],
            towns=tuple(d.get("towns", ())),
        )
        for d in data["divisions"]
    )


@lru_cache(maxsize=2)
def _load(name: str) -> Mapping[str, Any]:
    with resource("demo", name).open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


class _Pick(Generic[T]):
    """Weighted choice with one uniform draw (``random.choices`` is several times slower)."""

    __slots__ = ("cum", "items", "total")

    def __init__(self, pairs: Iterable[tuple[T, float]]) -> None:
        self.items: list[T] = []
        self.cum: list[float] = []
        total = 0.0
        for item, weight in pairs:
            if weight > 0:
                total += weight
                self.items.append(item)
                self.cum.append(total)
        self.total = total

    def __bool__(self) -> bool:
        return bool(self.items)

    def __call__(self, rng: random.Random) -> T:
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]


class _Bijection:
    """Index → fixed-width string over ``alphabet``, scrambled yet one-to-one.

    Affine map, digit reversal, affine map: each step is a permutation of [0, base**width), so
    distinct indexes always give distinct bodies, while neighbours look unrelated.
    """

    def __init__(self, alphabet: str, width: int, rng: random.Random) -> None:
        self.alphabet = alphabet
        self.base = len(alphabet)
        self.width = width
        self.m = self.base**width
        self.a1, self.a2 = (self._unit(rng) for _ in range(2))
        self.b1, self.b2 = rng.randrange(self.m), rng.randrange(self.m)

    def _unit(self, rng: random.Random) -> int:
        while True:
            a = rng.randrange(self.m // 3, self.m)
            if math.gcd(a, self.m) == 1:
                return a

    def __call__(self, k: int) -> str:
        base, x = self.base, (self.a1 * k + self.b1) % self.m
        rev = 0
        for _ in range(self.width):
            x, d = divmod(x, base)
            rev = rev * base + d
        x = (self.a2 * rev + self.b2) % self.m
        out = []
        for _ in range(self.width):
            x, d = divmod(x, base)
            out.append(self.alphabet[d])
        return "".join(reversed(out))


def _parsed(pattern: str) -> list[tuple[str, str | None]]:
    return [(lit, fld) for lit, fld, _, _ in _FORMATTER.parse(pattern)]


class _Ctx(dict[str, Any]):
    """Format values for document numbers; ``{d6}`` and friends become fresh random digits."""

    def __init__(self, rng: random.Random, base: Mapping[str, Any]) -> None:
        super().__init__(base)
        self.rng = rng

    def __missing__(self, key: str) -> str:
        if len(key) == 2 and key[0] == "d" and key[1].isdigit():
            width = int(key[1])
            return str(self.rng.randrange(10**width)).zfill(width)
        raise KeyError(key)


def _mix(seed: int, stream: int, k: int) -> int:
    """One integer seed per (seed, stream, index); distinct triples never collide."""
    return (seed << 40) | (stream << 32) | k


def _iso(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat()


def _cn_date(ordinal: int) -> str:
    d = date.fromordinal(ordinal)
    return f"{d.year}年{d.month}月{d.day}日"


def _add_years(ordinal: int, years: int) -> int:
    d = date.fromordinal(ordinal)
    try:
        return d.replace(year=d.year + years).toordinal()
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28).toordinal()


def _id_check(body17: str) -> str:
    """ISO 7064 MOD 11-2 check character of a resident ID number."""
    return _ID_CHECK[sum(map(operator.mul, map(int, body17), _ID_WEIGHTS)) % 11]


class _Named(NamedTuple):
    name: str
    pinyin: str
    section: str
    scope: Sequence[str]
    capital: float | None


_ENTERPRISE_CAPITAL = (
    3, 5, 10, 10, 30, 50, 50, 50, 100, 100, 100, 100, 200, 200, 300, 500, 500, 1000, 1000, 2000, 5000,
)  # fmt: skip
_INDIVIDUAL_CAPITAL = (1, 2, 3, 5, 5, 10, 10, 20, 30, 50)
_SCOPE_NEW = "一般项目：{}（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）"
_SCOPE_OLD = "{}。（依法须经批准的项目，经相关部门批准后方可开展经营活动）"
_SCOPE_SINCE = date(2021, 3, 1).toordinal()  # the standardised business-scope wording
_NEW_CODES_SINCE = date(2015, 10, 1).toordinal()  # codes issued to entities from then on


@dataclass(frozen=True, slots=True)
class _Person:
    name: str
    surname: str
    id_no: str


class _Region:
    """Office names and codes, document-number parts of one division, computed once per build."""

    def __init__(self, div: Division, units: Mapping[str, str]) -> None:
        self.div = div
        self.local = div.local
        pdept = "委员会" if div.province == div.city else "厅"
        fmt = {
            "local": div.local,
            "city": div.city,
            "province": div.province,
            "pdept": pdept,
        }
        self.units = {key: pattern.format_map(fmt) for key, pattern in units.items()}
        self.unit_codes = {key: _office_code(div.code, key, name) for key, name in self.units.items()}
        self.doc = {
            "abbr": div.abbr,
            "cabbr": div.city[0],
            "pabbr": div.province_abbr,
            "div": div.code,
        }
        self.court_code = div.province_abbr + div.code[2:]
        self.towns = div.towns
        self.rural_towns = tuple(t for t in div.towns if t.endswith(("镇", "乡")))


def _office_code(division: str, key: str, name: str) -> str:
    """A stable, valid code for a government office (authority 1, category 1)."""
    if key.endswith("_province"):
        division = division[:2] + "0000"
    elif key.endswith("_city") or key in ("env", "resources"):
        division = division[:4] + "00"
    body = str(zlib.crc32(name.encode("utf-8")) % 100_000_000).zfill(8)
    return uscc_mod.complete("11" + division + body)


# --------------------------------------------------------------------------------------------
# The generator


class _Generator:
    """Holds everything that does not depend on the entity index; ``entity(k)`` does the rest."""

    def __init__(self, seed: int, today: date) -> None:
        if seed < 0:
            raise ValueError("演示数据的种子必须是非负整数。")
        self.seed = seed
        self.today = today
        self.t = today.toordinal() - 1  # last day an event may fall on
        self.updated_at = f"{today.isoformat()}T00:00:00+08:00"
        names, recs = _load("names.json"), _load("records.json")
        self.names, self.recs = names, recs

        divisions = {d.code: d for d in load_divisions()}
        weights: Mapping[str, float] = names["division_weights"]
        self.regions = {code: _Region(d, recs["units"]) for code, d in divisions.items()}
        self.pick_region = _Pick((self.regions[c], weights.get(c, 0.3)) for c in divisions)
        self.all_regions = list(self.regions.values())
        self.pick_kind = _Pick((k, w) for k, w in names["entity_kinds"])
        self.pick_surname = _Pick((s, w) for s, w in names["surnames"])
        self.male_given, self.female_given = names["given_male"], names["given_female"]
        self.brand_chars = names["brand_chars"]
        self.brand_set = frozenset(self.brand_chars)

        self.ent_industries = _Pick((ind, ind["weight"]) for ind in names["enterprise_industries"])
        self.org_forms = _Pick((f, w) for f, w in names["org_forms"])
        self.form_sections: Mapping[str, list[str]] = names["org_form_sections"]
        self.trades = _Pick((t, t["weight"]) for t in names["individual_trades"])
        self.trade_styles = _Pick((_parsed(s), w) for s, w in names["trade_name_styles"])
        coop = names["cooperative"]
        self.coop = coop
        self.coop_types = _Pick((t, w) for t, w in coop["types"])
        self.coop_suffix = _Pick((s, w) for s, w in coop["suffixes"])
        self.institutions = [(_parsed(p["pattern"]), p) for p in names["public_institutions"]]
        self.non_enterprises = [(_parsed(p["pattern"]), p) for p in names["private_non_enterprise"]]

        type_names = uscc_mod.category_catalog()
        self.entity_type = {
            kind: type_names[a].categories[c] for kind, (a, c) in _KIND_CODES.items()
        }
        srng = random.Random(_mix(seed, 2, 0))
        self.body_ma = _Bijection(uscc_mod.ALPHABET, 6, srng)
        self.body_digits = _Bijection("0123456789", 8, srng)

        self.penalty_doc: Mapping[str, str] = recs["penalty_doc_no"]
        self.lists: Mapping[str, Any] = recs["lists"]
        ab = self.lists["abnormal"]
        self.abnormal_ent = _Pick((r, r[2]) for r in ab["enterprise"])
        self.abnormal_ind = _Pick((r, r[2]) for r in ab["individual"])
        self.debtor_reasons = _Pick((r, r[2]) for r in self.lists["judgment_debtor"]["reasons"])
        jud = recs["judicial"]
        self.judgment_status = _Pick((s, w) for s, w in jud["judgment_status"])
        self.execution_status = _Pick((s, w) for s, w in jud["execution_status"])
        self._penalty_picks: dict[tuple[str, str, bool], _Pick[Mapping[str, Any]]] = {}
        self._serious_picks: dict[tuple[str, str], _Pick[Mapping[str, Any]]] = {}
        self._honour_picks: dict[str, _Pick[Mapping[str, Any]]] = {}
        self._licence_lists: dict[tuple[str, str], list[tuple[Mapping[str, Any], float]]] = {}
        self._py: dict[str, str] = {}
        self._pool: dict[int, _Person] = {}

    # -- small helpers --------------------------------------------------------------------

    def py(self, text: str) -> str:
        """Pinyin initials of a name part, cached: pypinyin per full name would dominate."""
        got = self._py.get(text)
        if got is None:
            if len(text) > 1 and all(ch in self.brand_set for ch in text):
                got = "".join(self.py(ch) for ch in text)  # brand characters have one reading
            else:
                got = pinyin_initials(text)
            self._py[text] = got
        return got

    def compose(self, parts: Sequence[str]) -> tuple[str, str]:
        return "".join(parts), "".join(self.py(p) for p in parts)

    def brand(self, rng: random.Random) -> str:
        chars = self.brand_chars
        a = chars[int(rng.random() * len(chars))]
        b = chars[int(rng.random() * len(chars))]
        while b == a:
            b = chars[int(rng.random() * len(chars))]
        return a + b

    def day(self, rng: random.Random, start: int, end: int | None = None) -> int:
        """A day ordinal in [start, end] (end defaults to the last event day)."""
        end = self.t if end is None else end
        return start if end <= start else start + int(rng.random() * (end - start + 1))

    def person(self, rng: random.Random, division: str, born_from: int, born_to: int) -> _Person:
        surname = self.pick_surname(rng)
        male = rng.random() < 0.72
        pool = self.male_given if male else self.female_given
        given = pool[int(rng.random() * len(pool))]
        if rng.random() < 0.7:
            given += pool[int(rng.random() * len(pool))]
        birth = date.fromordinal(self.day(rng, born_from, born_to))
        seq = int(rng.random() * 500) * 2 + (1 if male else 0)
        body = f"{division}{birth.year:04d}{birth.month:02d}{birth.day:02d}{seq:03d}"
        return _Person(surname + given, surname, body + _id_check(body))

    def person_division(self, rng: random.Random, home: str) -> str:
        if rng.random() < 0.75:
            return home
        return self.all_regions[int(rng.random() * len(self.all_regions))].div.code

    def pool_person(self, p: int) -> _Person:
        got = self._pool.get(p)
        if got is None:
            prng = random.Random(_mix(self.seed, 1, p))
            div = self.person_division(prng, self.pick_region(prng).div.code)
            got = self._pool[p] = self.person(prng, div, _POOL_BORN[0], _POOL_BORN[1])
        return got

    def doc_no(self, rng: random.Random, region: _Region, pattern: str, year: int) -> str:
        ctx = _Ctx(rng, region.doc)
        ctx["year"] = year
        ctx["seq"] = 1 + int(rng.random() * 999)
        return pattern.format_map(ctx)

    def unit(self, region: _Region, key: str) -> tuple[str, str]:
        return region.units[key], region.unit_codes[key]

    # -- one entity -----------------------------------------------------------------------

    def entity(self, k: int) -> DemoEntity:
        rng = random.Random(_mix(self.seed, 0, k))
        kind = self.pick_kind(rng)
        region = self.pick_region(rng)
        div = region.div
        market = kind in _MARKET

        grade: str | None = None
        g = -1
        if market:
            x = rng.random()
            g = 0 if x < 0.15 else 1 if x < 0.80 else 2 if x < 0.95 else 3
            grade = _GRADES[g]
        status = self._status(rng, g)

        start = _COOP_LAW if kind == "cooperative" else _EARLIEST
        skew = 0.45 if kind == "individual" else 0.6
        established = start + int((rng.random() ** skew) * (self.t - start))
        est_year = date.fromordinal(established).year

        # Legal representative: hosted pool person, borrowed pool person, or one of its own.
        person: _Person | None = None
        pool_id: int | None = None
        if k % _POOL_STRIDE == 0 and k // _POOL_STRIDE < _POOL_SIZE:
            pool_id = k // _POOL_STRIDE
        elif rng.random() < _P_BORROW:
            pool_id = int(_POOL_SIZE * rng.random() ** 3)
        if pool_id is not None:
            cand = self.pool_person(pool_id)
            born = int(cand.id_no[6:10])
            if est_year - born >= 20:
                person = cand
            else:
                pool_id = None
        if person is None:
            age = 22 + int(rng.random() * 38)
            born_to = min(date(est_year - age, 12, 31).toordinal(), self.t - 18 * 366)
            person = self.person(
                rng, self.person_division(rng, div.code), born_to - 365, born_to
            )

        named = self._name(rng, kind, region, person)
        section = named.section
        code = self._code(rng, k, kind, div.code, established)

        reg_authority = region.units[_REGISTRAR.get(kind, "market")]
        row: Row = {
            "uscc": code,
            "name": named.name,
            "pinyin": named.pinyin,
            "entity_type": self.entity_type[kind],
            "legal_rep": person.name,
            "legal_rep_id_type": "身份证",
            "legal_rep_id": person.id_no,
            "reg_authority": reg_authority,
            "division_code": div.code,
            "division_name": div.full,
            "address": self._address(rng, kind, region, section),
            "industry": section,
            "business_scope": self._scope(rng, kind, named.scope, established),
            "capital_wan": named.capital,
            "established": _iso(established),
            "status": status,
            "grade": grade,
            "grade_date": _iso(self.day(rng, max(established, self.t - 364))) if grade else None,
            "grade_unit": region.units["market"] if grade else None,
            "updated_at": self.updated_at,
            "source": SOURCE,
        }
        out = DemoEntity(row)
        ctx = _EntityCtx(k, kind, region, row, person, section, established, g, status)
        self._records(rng, ctx, out)
        if pool_id is not None and k == pool_id * _POOL_STRIDE:
            self._pool_records(pool_id, person, region, out)
        return out

    def _status(self, rng: random.Random, g: int) -> str:
        x = rng.random()
        revoked = (0.005, 0.005, 0.03, 0.25)[g] if g >= 0 else 0.0
        if x < revoked:
            return "吊销"
        x = rng.random()
        if x < 0.065:
            return "注销"
        if x < 0.073:
            return "迁出"
        if x < 0.075:
            return "撤销"
        return "在业" if x > 0.94 else "存续"

    def _code(self, rng: random.Random, k: int, kind: str, division: str, established: int) -> str:
        authority, category = _KIND_CODES[kind]
        if kind == "public_institution" or (
            kind == "enterprise"
            and established < _NEW_CODES_SINCE
            and rng.random() < 0.85
        ):
            body = self.body_digits(k)  # a pre-2015 organisation code kept in the new code
        elif kind == "private_non_enterprise":
            body = "MJ" + self.body_ma(k)
        else:
            body = "MA" + self.body_ma(k)
        return uscc_mod.complete(authority + category + division + body)

    # -- names ------------------------------------------------------------------------------

    def _name(self, rng: random.Random, kind: str, region: _Region, person: _Person) -> _Named:
        div = region.div
        if kind == "enterprise":
            return self._enterprise_name(rng, region)
        if kind == "individual":
            trade = self.trades(rng)
            shops = trade["shops"]
            shop = shops[int(rng.random() * len(shops))]
            if rng.random() < 0.03:  # registered without a trade name: the operator's name
                name, py = person.name, self.py(person.name)
            else:
                style = self.trade_styles(rng)
                values = {"surname": person.surname, "brand": self.brand(rng)}
                trade_name = "".join(lit + (values[f] if f else "") for lit, f in style)
                prefix = div.name if rng.random() < 0.8 else region.local
                name, py = self.compose((prefix, trade_name, shop))
            capital = None if rng.random() < 0.3 else float(_choose(rng, _INDIVIDUAL_CAPITAL))
            return _Named(name, py, trade["section"], trade["scope"], capital)
        if kind == "cooperative":
            coop = self.coop
            ctype = self.coop_types(rng)
            product = ""
            if ctype == "养殖":
                product = _choose(rng, coop["animals"])
            elif ctype in ("种植", "产销") and rng.random() < 0.6:
                product = _choose(rng, coop["crops"])
            x = rng.random()
            prefix = region.local if x < 0.45 else div.name
            parts = [prefix]
            if x > 0.9 and region.rural_towns:
                parts.append(_choose(rng, region.rural_towns))
            parts += [self.brand(rng), product, ctype, self.coop_suffix(rng)]
            name, py = self.compose([p for p in parts if p])
            capital = float(_choose(rng, (10, 20, 30, 50, 100, 100, 200, 300, 500)))
            return _Named(name, py, "农、林、牧、渔业", coop["scope"], capital)
        patterns = self.institutions if kind == "public_institution" else self.non_enterprises
        while True:
            parsed, meta = patterns[int(rng.random() * len(patterns))]
            if not any(f == "town" for _, f in parsed) or region.rural_towns:
                break
        values = {
            "division": region.local,
            "town": _choose(rng, region.rural_towns) if region.rural_towns else "",
            "brand": self.brand(rng),
            "ordinal": _choose(rng, self.names["ordinals"]),
        }
        parts = [p for lit, f in parsed for p in (lit, values[f] if f else "") if p]
        name, py = self.compose(parts)
        capital = float(_choose(rng, (3, 10, 30, 50, 100, 200, 500)))
        return _Named(name, py, meta["section"], [meta["scope"]], capital)

    def _enterprise_name(self, rng: random.Random, region: _Region) -> _Named:
        div = region.div
        ind = self.ent_industries(rng)
        section = ind["section"]
        word = _choose(rng, ind["words"])
        form = self.org_forms(rng)
        allowed = self.form_sections.get(form)
        if allowed is not None and section not in allowed:
            form = "有限公司"
        brand = self.brand(rng)
        if rng.random() < 0.08:
            brand += self.brand_chars[int(rng.random() * len(self.brand_chars))]
        county = not div.name.endswith("区")
        branch = form.endswith("公司") and rng.random() < 0.04
        x = rng.random()
        if branch:  # the parent company is named after the city or province
            region_part = div.city_short if x < 0.7 else div.province_short
            parts = [region_part, brand, word, form, "（", div.label, "分公司", "）"]
        elif x < 0.38:
            parts = [div.name if county and rng.random() < 0.5 else div.city_short, brand, word, form]
        elif x < 0.62:
            parts = [div.short, brand, word, form]
        elif x < 0.80:
            parts = [div.city + div.name if not county else div.name, brand, word, form]
        elif x < 0.88:
            parts = [div.province_short, brand, word, form]
        elif x < 0.95:
            parts = [brand, "（", div.city_short, "）", word, form]
        else:
            parts = [brand, word, "（", div.city_short, "）", form]
        name, py = self.compose(parts)
        capital: float | None = float(_choose(rng, _ENTERPRISE_CAPITAL))
        if form == "股份有限公司":
            capital = float(_choose(rng, (1000, 2000, 3000, 5000, 10000)))
        elif branch:
            capital = None  # a branch has no registered capital of its own
        return _Named(name, py, section, ind["scope"], capital)

    def _address(self, rng: random.Random, kind: str, region: _Region, section: str) -> str:
        div = region.div
        town = _choose(rng, region.towns) if region.towns and rng.random() < 0.85 else ""
        rural = kind == "cooperative" or section == "农、林、牧、渔业"
        if rural and region.rural_towns:
            town = _choose(rng, region.rural_towns)
            village = _choose(rng, self.names["villages"])
            return f"{div.full}{town}{village}{1 + int(rng.random() * 12)}组"
        road = _choose(rng, self.names["roads"])
        number = 1 + int(rng.random() * 399)
        x = rng.random()
        tail = ""
        if kind == "individual" and x < 0.3:
            tail = "门面房"
        elif x < 0.4 and not town.endswith(("镇", "乡")):  # rooms in town, not in a township
            room = f"{1 + int(rng.random() * 18)}{1 + int(rng.random() * 12):02d}室"
            tail = f"{1 + int(rng.random() * 12)}幢{room}" if x < 0.25 else room
        return f"{div.full}{town}{road}{number}号{tail}"

    def _scope(self, rng: random.Random, kind: str, words: Sequence[str], established: int) -> str:
        size = len(words)
        first = int(rng.random() * size)
        chosen = [words[(first + i) % size] for i in range(min(size, 1 + int(rng.random() * 3)))]
        if kind in ("public_institution", "private_non_enterprise"):
            return "；".join(chosen)
        if established >= _SCOPE_SINCE:
            return _SCOPE_NEW.format("；".join(chosen))
        return _SCOPE_OLD.format("、".join(chosen))

    # -- records ----------------------------------------------------------------------------

    def _records(self, rng: random.Random, c: _EntityCtx, out: DemoEntity) -> None:
        g = c.g
        if c.market:
            if rng.random() < _P_PENALTY[g]:
                x = rng.random()
                count = 1 if x < (0.45 if g == 3 else 0.7) else 2 if x < (0.8 if g == 3 else 0.92) else 3
                for i in range(count):
                    self._penalty(rng, c, out, i)
            if c.status == "吊销" and c.kind == "enterprise":
                self._revocation(rng, c, out)
            if rng.random() < _P_ABNORMAL[g]:
                self._abnormal(rng, c, out)
            if rng.random() < _P_SERIOUS[g]:
                self._serious(rng, c, out)
            if rng.random() < _P_WATCH[g]:
                self._watch(rng, c, out)
            if rng.random() < _P_DEBTOR[g]:
                self._debtor(rng, c, out)
            if rng.random() < _P_CASE[g]:
                self._case(rng, c, out)
            if rng.random() < _P_HONOUR[g]:
                self._honour(rng, c, out)
        elif rng.random() < 0.01:
            self._penalty(rng, c, out, 0)
        name = c.row["name"]
        for entry, prob in self._licence_choices(c.kind, c.section):
            words = entry.get("name_has")
            if words and not any(w in name for w in words):
                continue  # e.g. a pharmacy licence only for a name with 药 in it
            if rng.random() < prob:
                self._licence(rng, c, out, entry, len(out.licence))

    def _window(self, rng: random.Random, c: _EntityCtx, years: int, after_days: int = 1) -> int | None:
        """An event day in the last ``years`` years, after the entity existed; None if too young."""
        lo = max(c.established + after_days, self.t - 365 * years)
        return None if lo > self.t else self.day(rng, lo)

    def _penalty_pick(self, kind: str, section: str, d_grade: bool) -> _Pick[Mapping[str, Any]]:
        key = (kind, section, d_grade)
        pick = self._penalty_picks.get(key)
        if pick is None:
            pick = self._penalty_picks[key] = _Pick(
                (t, t["weight"])
                for t in self.recs["penalties"]
                if kind in t["who"]
                and (t["sections"] == ["*"] or section in t["sections"])
                and (d_grade or "D" not in t.get("grades", ()))
            )
        return pick

    def _penalty(self, rng: random.Random, c: _EntityCtx, out: DemoEntity, i: int) -> None:
        pick = self._penalty_pick(c.kind, c.section, c.g == 3)
        if not pick:
            return
        tpl = pick(rng)
        day = self._window(rng, c, 4)
        if day is None:
            return
        types = _Pick((t, w) for t, w in tpl["types"])(rng)
        fine = None
        if "罚款" in types and tpl["fine"]:
            lo, hi = tpl["fine"]
            fine = lo + (hi - lo) * rng.random() ** 2
            fine = round(fine, 2) if fine < 0.5 else round(fine, 1)
        gain = 0.0
        if "没收违法所得" in types:
            gain = round(0.01 + rng.random() * (0.5 if (fine or 0) < 5 else 3), 2)
        value = int(200 + rng.random() * 9800)
        goods = _choose(rng, tpl["goods"]) if tpl.get("goods") else ""
        month = date.fromordinal(day - 28)
        facts = tpl["facts"].format(
            date=_cn_date(day), month=f"{month.year}年{month.month}月", goods=goods, value=value,
            gain=int(gain * 10000) or value // 10,
        )
        self._add_penalty(
            rng, c, out, f"P{i + 1}", tpl["unit"], tpl["violation"], facts, tpl["basis"], types,
            fine, gain or None, day, tpl.get("sanctions", ()), tpl.get("licence_action"),
        )

    def _revocation(self, rng: random.Random, c: _EntityCtx, out: DemoEntity) -> None:
        rev = self.recs["revocation"]
        day = self._window(rng, c, 4, after_days=200)
        if day is None:
            return
        facts = rev["facts"].format(date=_cn_date(max(c.established, day - 240)))
        self._add_penalty(
            rng, c, out, "R", rev["unit"], rev["violation"], facts, rev["basis"], rev["type"],
            None, None, day,
        )

    def _add_penalty(
        self,
        rng: random.Random,
        c: _EntityCtx,
        out: DemoEntity,
        tag: str,
        unit: str,
        violation: str,
        facts: str,
        basis: str,
        types: str,
        fine: float | None,
        gain: float | None,
        day: int,
        sanctions: Sequence[str] = (),
        revoked: str | None = None,
    ) -> None:
        """One penalty row. ``sanctions`` are further measures the decision states in words
        (取消投标资格, 禁止参加政府采购活动 …); ``revoked`` the licence it revokes, if any."""
        decided = date.fromordinal(day)
        authority, authority_code = self.unit(c.region, unit)
        parts = []
        licence_action = revoked
        for t in types.split(";"):
            if t == "警告":
                parts.append("警告")
            elif t == "罚款" and fine is not None:
                parts.append(f"罚款人民币{round(fine * 10000)}元")
            elif t == "没收违法所得" and gain is not None:
                parts.append(f"没收违法所得{round(gain * 10000)}元")
            elif t == "责令停产停业":
                parts.append(f"责令停产停业{1 + int(rng.random() * 3)}个月")
            elif t == "吊销许可证":
                licence_action = "吊销食品经营许可证"
                parts.append(licence_action)
            elif t == "吊销营业执照":
                licence_action = "吊销营业执照"
                parts.append(licence_action)
        if revoked:
            parts.append(revoked)
        parts.extend(sanctions)
        severity = severity_for(types, fine)
        period = publicity_period(decided, severity, types)
        end = period.end.isoformat() if period.end else None
        repaired = None
        if period.earliest_repair and rng.random() < 0.2:
            earliest = period.earliest_repair.toordinal()
            if earliest <= self.t:
                repaired = _iso(self.day(rng, earliest, min(self.t, earliest + 120)))
        row = dict.fromkeys(_PENALTY_COLS)
        e = c.row
        row.update(
            id=f"demo-{c.k:07d}-{tag}",
            uscc=e["uscc"],
            subject_name=e["name"],
            subject_category=_SUBJECT_CATEGORY.get(c.kind, "法人及非法人组织"),
            legal_rep=e["legal_rep"],
            legal_rep_id_type=e["legal_rep_id_type"],
            legal_rep_id=e["legal_rep_id"],
            decision_no=self.doc_no(rng, c.region, self.penalty_doc[unit], decided.year),
            violation_type=violation,
            facts=facts,
            basis=basis,
            penalty_type=types,
            content="；".join(parts),
            fine_wan=fine,
            confiscated_wan=gain,
            licence_action=licence_action,
            decision_date=decided.isoformat(),
            valid_until=end,
            publicity_end=end,
            severity=severity,
            authority=authority,
            authority_uscc=authority_code,
            source_unit=authority,
            source_unit_uscc=authority_code,
            note="已完成信用修复" if repaired else None,
            repaired_on=repaired,
        )
        out.penalty.append(row)

    def _list_row(self, c: _EntityCtx, tag: str, list_type: str, category: str, **values: Any) -> Row:
        row = dict.fromkeys(_LIST_COLS)
        row.update(
            id=f"demo-{c.k:07d}-{tag}",
            uscc=c.row["uscc"],
            list_type=list_type,
            category=category,
            source=SOURCE,
        )
        row.update(values)
        return row

    def _abnormal(self, rng: random.Random, c: _EntityCtx, out: DemoEntity) -> None:
        spec = self.lists["abnormal"]
        day = self._window(rng, c, 4, after_days=400)
        if day is None:
            return
        if c.kind == "enterprise":
            reason, item, _, fix = self.abnormal_ent(rng)
            basis = spec["enterprise_basis"].format(item=item)
        else:
            reason, item, _, fix = self.abnormal_ind(rng)
            basis = spec["individual_basis" if c.kind == "individual" else "cooperative_basis"]
        removed = removal = None
        if rng.random() < (0.2 if c.g == 3 else 0.45) and day + 30 <= self.t:
            removed, removal = _iso(self.day(rng, day + 30, min(self.t, day + 700))), fix
        unit, _ = self.unit(c.region, spec["unit"])
        out.list_entry.append(
            self._list_row(
                c, "A", "abnormal", spec["category"],
                reason=reason, basis=basis, deciding_unit=unit,
                doc_no=self.doc_no(rng, c.region, spec["doc_no"], date.fromordinal(day).year),
                listed_on=_iso(day), removed_on=removed, removal_reason=removal,
            )
        )

    def _serious_pick(self, kind: str, section: str) -> _Pick[Mapping[str, Any]]:
        key = (kind, section)
        pick = self._serious_picks.get(key)
        if pick is None:
            pick = self._serious_picks[key] = _Pick(
                (s, s["weight"])
                for s in self.lists["serious"]
                if kind in s["who"] and section in s.get("sections", [section])
            )
        return pick

    def _serious(self, rng: random.Random, c: _EntityCtx, out: DemoEntity) -> None:
        pick = self._serious_pick(c.kind, c.section)
        day = self._window(rng, c, 3, after_days=365)
        if not pick or day is None:
            return
        spec = pick(rng)
        until = _add_years(day, spec["years"])
        removed = removal = None
        if until <= self.t:
            removed, removal = _iso(until), "有效期届满，自动移出"
        elif rng.random() < 0.15 and day + 366 <= self.t:
            removed, removal = _iso(self.day(rng, day + 366)), "完成信用修复，提前移出"
        unit, _ = self.unit(c.region, spec["unit"])
        values = dict(
            reason=_choose(rng, spec["reasons"]),
            basis=spec["basis"],
            deciding_unit=unit,
            doc_no=self.doc_no(rng, c.region, spec["doc_no"], date.fromordinal(day).year),
            listed_on=_iso(day),
            valid_until=_iso(until),
            removed_on=removed,
            removal_reason=removal,
        )
        out.list_entry.append(self._list_row(c, "S", "serious", spec["category"], **values))
        if spec.get("with_person"):  # the unit's legal representative is listed as well
            row = self._list_row(c, "SP", "serious", spec["category"], **values)
            row.update(uscc=None, person_name=c.person.name, person_id=c.person.id_no)
            out.list_entry.append(row)

    def _watch(self, rng: random.Random, c: _EntityCtx, out: DemoEntity) -> None:
        spec = self.lists["watch"]
        day = self._window(rng, c, 2, after_days=180)
        if day is None:
            return
        until = _add_years(day, spec["years"])
        removed = removal = None
        if until <= self.t:
            removed, removal = _iso(until), "关注期满，自动移出"
        unit, _ = self.unit(c.region, spec["unit"])
        out.list_entry.append(
            self._list_row(
                c, "W", "watch", spec["category"],
                reason=_choose(rng, spec["reasons"]), basis=spec["basis"], deciding_unit=unit,
                doc_no=self.doc_no(rng, c.region, spec["doc_no"], date.fromordinal(day).year),
                listed_on=_iso(day), valid_until=_iso(until), removed_on=removed,
                removal_reason=removal,
            )
        )

    def _case_no(self, rng: random.Random, region: _Region, year: int, kind: str) -> str:
        return f"（{year}）{region.court_code}{kind}{1 + int(rng.random() * 6999)}号"

    def _debtor_values(
        self, rng: random.Random, region: _Region, day: int
    ) -> tuple[dict[str, Any], str, int]:
        """Fields of a 失信被执行人 entry, its case number and the day the case was filed."""
        spec = self.lists["judgment_debtor"]
        reason, item, _ = self.debtor_reasons(rng)
        filed = max(day - 30 - int(rng.random() * 400), date(2014, 1, 1).toordinal())
        case_no = self._case_no(rng, region, date.fromordinal(filed).year, "执")
        until = None if item == "一" else _iso(_add_years(day, spec["years"]))
        removed = removal = None
        if rng.random() < 0.25 and day + 60 <= self.t:
            removed, removal = _iso(self.day(rng, day + 60)), _choose(rng, spec["removal"])
        elif until is not None and until <= _iso(self.t):
            removed, removal = until, "失信期限届满"
        unit, _ = self.unit(region, spec["unit"])
        values = dict(
            reason=reason,
            basis=spec["basis"].format(item=item),
            deciding_unit=unit,
            doc_no=case_no,
            listed_on=_iso(day),
            valid_until=until,
            removed_on=removed,
            removal_reason=removal,
        )
        return values, case_no, filed

    def _debtor(self, rng: random.Random, c: _EntityCtx, out: DemoEntity) -> None:
        day = self._window(rng, c, 3, after_days=365)
        if day is None:
            return
        values, case_no, filed = self._debtor_values(rng, c.region, day)
        category = self.lists["judgment_debtor"]["category"]
        out.list_entry.append(self._list_row(c, "J", "judgment_debtor", category, **values))
        if rng.random() < 0.3:  # the legal representative listed in person as well
            row = self._list_row(c, "JP", "judgment_debtor", category, **values)
            row.update(uscc=None, person_name=c.person.name, person_id=c.person.id_no)
            out.list_entry.append(row)
        amount = round(0.5 + rng.random() ** 3 * (30 if c.kind == "individual" else 300), 2)
        self._judicial_row(
            c, out, "E", "执行", case_no, values["deciding_unit"],
            f"执行标的{amount}万元；{values['reason']}", filed,
            "执行中" if values["removed_on"] is None else "执行完毕",
        )

    def _case(self, rng: random.Random, c: _EntityCtx, out: DemoEntity) -> None:
        day = self._window(rng, c, 4, after_days=90)
        if day is None:
            return
        cause = _choose(rng, self.recs["judicial"]["causes"])
        amount = round(0.5 + rng.random() ** 2 * 200, 2)
        case_no = self._case_no(rng, c.region, date.fromordinal(day).year, "民初")
        court, _ = self.unit(c.region, "court")
        self._judicial_row(
            c, out, "C", "判决", case_no, court, f"{cause}，涉案金额{amount}万元", day,
            self.judgment_status(rng),
        )

    def _judicial_row(
        self, c: _EntityCtx, out: DemoEntity, tag: str, kind: str, case_no: str, court: str,
        content: str, filed: int, status: str,
    ) -> None:
        row = dict.fromkeys(_JUDICIAL_COLS)
        row.update(
            id=f"demo-{c.k:07d}-{tag}", uscc=c.row["uscc"], kind=kind, case_no=case_no,
            court=court, content=content, filed_on=_iso(filed), status=status,
        )
        out.judicial.append(row)

    def _honour(self, rng: random.Random, c: _EntityCtx, out: DemoEntity) -> None:
        pick = self._honour_picks.get(c.kind)
        if pick is None:
            pick = self._honour_picks[c.kind] = _Pick(
                (h, h["weight"]) for h in self.recs["honours"] if c.kind in h["who"]
            )
        day = self._window(rng, c, 3, after_days=365)
        if not pick or day is None:
            return
        spec = pick(rng)
        level, unit_key, _ = _Pick((tuple(x), x[2]) for x in spec["levels"])(rng)
        granted_by, _ = self.unit(c.region, str(unit_key))
        row = dict.fromkeys(_HONOUR_COLS)
        row.update(
            id=f"demo-{c.k:07d}-H",
            uscc=c.row["uscc"],
            title=spec["title"],
            level=level,
            granted_by=granted_by,
            granted_on=_iso(day),
            valid_until=_iso(_add_years(day, spec["years"])),
            doc_no=self.doc_no(rng, c.region, spec["doc_no"], date.fromordinal(day).year),
        )
        out.honour.append(row)

    def _licence_choices(self, kind: str, section: str) -> list[tuple[Mapping[str, Any], float]]:
        key = (kind, section)
        got = self._licence_lists.get(key)
        if got is None:
            got = self._licence_lists[key] = [
                (spec, spec["who"][kind])
                for spec in self.recs["licences"]
                if kind in spec["who"] and section in spec["sections"]
            ]
        return got

    def _licence(
        self, rng: random.Random, c: _EntityCtx, out: DemoEntity, spec: Mapping[str, Any], i: int
    ) -> None:
        years = int(spec["years"])
        span = int(365 * years * 1.3)
        day = self.day(rng, max(c.established, self.t - span))
        decided = date.fromordinal(day)
        valid_to = _add_years(day, years) - 1
        if c.row["status"] in ("注销", "吊销", "撤销", "迁出"):
            status = "注销"
        elif valid_to <= self.t:
            status = "过期"
        else:
            status = "有效"
        authority, authority_code = self.unit(c.region, spec["unit"])
        extra = {"year": decided.year, "uscc": c.row["uscc"], "date8": f"{decided:%Y%m%d}"}
        cert_no = spec["no"].format_map(_Ctx(rng, {**c.region.doc, **extra}))
        row = dict.fromkeys(_LICENCE_COLS)
        row.update(
            id=f"demo-{c.k:07d}-L{i + 1}",
            uscc=c.row["uscc"],
            subject_name=c.row["name"],
            legal_rep=c.row["legal_rep"],
            doc_name="准予行政许可决定书",
            doc_no=self.doc_no(rng, c.region, self.recs["licence_doc_no"], decided.year),
            category=spec["category"],
            cert_name=spec["cert"],
            cert_no=cert_no,
            content=_choose(rng, spec["content"]),
            decision_date=decided.isoformat(),
            valid_from=decided.isoformat(),
            valid_to=_iso(valid_to),
            authority=authority,
            authority_uscc=authority_code,
            status=status,
            source_unit=authority,
        )
        out.licence.append(row)

    def _pool_records(self, p: int, person: _Person, region: _Region, out: DemoEntity) -> None:
        """Records about a shared person, emitted once by the entity that hosts the person."""
        prng = random.Random(_mix(self.seed, 3, p))
        if prng.random() >= 0.06:
            return
        day = self.day(prng, self.t - 3 * 365)
        values, _, _ = self._debtor_values(prng, region, day)
        row = dict.fromkeys(_LIST_COLS)
        row.update(values)
        row.update(
            id=f"demo-p{p:05d}-J",
            person_name=person.name,
            person_id=person.id_no,
            list_type="judgment_debtor",
            category=self.lists["judgment_debtor"]["category"],
            source=SOURCE,
        )
        out.list_entry.append(row)


@dataclass(frozen=True, slots=True)
class _EntityCtx:
    k: int
    kind: str
    region: _Region
    row: Row
    person: _Person
    section: str
    established: int
    g: int  # grade index, -1 when ungraded
    status: str

    @property
    def market(self) -> bool:
        return self.g >= 0


def _choose(rng: random.Random, seq: Sequence[T]) -> T:
    return seq[int(rng.random() * len(seq))]


# --------------------------------------------------------------------------------------------
# Public API


def generate(n: int, seed: int = DEMO_SEED, today: date = DEMO_TODAY) -> Iterator[DemoEntity]:
    """Entities 0 … n-1 with their records; entity k depends only on (seed, k, today)."""
    if not 0 <= n <= MAX_ENTITIES:
        raise ValueError(f"演示数据的主体数量应在 0 到 {MAX_ENTITIES:,} 之间。")
    gen = _Generator(seed, today)
    for k in range(n):
        yield gen.entity(k)


def build_demo(
    store: Store,
    n: int = 50_000,
    seed: int = DEMO_SEED,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    today: date = DEMO_TODAY,
    parallel: bool | None = None,
) -> int:
    """Fill an empty cache with ``n`` demo entities in one transaction; returns the count.

    One transaction, so a cancelled or failed build leaves the cache exactly as empty as it
    was; cancelling raises :class:`DemoCancelled`. Large builds generate in a helper process
    (``parallel``; by default from :data:`PARALLEL_FROM` entities, never in a frozen app)
    because writing alone keeps one core busy and threads would only fight over the GIL.
    """
    if not 0 <= n <= MAX_ENTITIES:
        raise ValueError(f"演示数据的主体数量应在 0 到 {MAX_ENTITIES:,} 之间。")
    if parallel is None:
        parallel = n >= PARALLEL_FROM and bool(sys.executable) and not getattr(sys, "frozen", False)
    with store.write_cache() as conn:
        if conn.execute(sa.select(tables.entity.c.id).limit(1)).first() is not None:
            raise ValueError("本地缓存中已有主体数据，演示数据只能写入空缓存；请先清空缓存再生成。")
        count = 0
        source = _process_batches(n, seed, today) if parallel else _local_batches(n, seed, today)
        with _bulk_cache(conn), contextlib.closing(source) as batches:
            for entities, records in batches:
                if cancelled and cancelled():
                    raise DemoCancelled("已取消生成演示数据。")
                bulk_insert_entities(conn, entities, batch=BATCH)
                for table, rows in records:
                    conn.execute(table.insert(), rows)
                count += len(entities)
                if progress:
                    progress(count, n)
        set_info(
            conn,
            as_of=f"{today.isoformat()} 00:00",
            source=SOURCE,
            demo_seed=str(seed),
            entity_count=str(count),
        )
    return count


_RECORD_TABLES = (tables.list_entry, tables.penalty, tables.licence, tables.honour, tables.judicial)
_RECORD_COLS = tuple(tuple(c.name for c in t.columns) for t in _RECORD_TABLES)
Batch = tuple[list[Row], list[tuple[sa.Table, list[Row]]]]
#: A batch as it crosses the process boundary: tuples pickle several times faster than dicts.
_Packed = tuple[list[tuple[Any, ...]], list[list[tuple[Any, ...]]]]


@contextlib.contextmanager
def _bulk_cache(conn: sa.Connection) -> Iterator[None]:
    """A bigger page cache for this connection while loading; the pool gets it back as it was."""
    old = int(conn.exec_driver_sql("PRAGMA cache_size").scalar_one())
    conn.exec_driver_sql(f"PRAGMA cache_size = -{_BULK_CACHE_KIB}")
    try:
        yield
    finally:
        with contextlib.suppress(sa.exc.DBAPIError):  # never mask the build's own error
            conn.exec_driver_sql(f"PRAGMA cache_size = {old}")


def _record_rows(batch: Sequence[DemoEntity]) -> list[tuple[sa.Table, list[Row]]]:
    """Non-empty record lists of a batch, one per table."""
    out = []
    for table in _RECORD_TABLES:
        rows = [r for e in batch for r in getattr(e, table.name)]
        if rows:
            out.append((table, rows))
    return out


def _local_batches(n: int, seed: int, today: date) -> Generator[Batch, None, None]:
    entities = generate(n, seed, today)
    while chunk := list(itertools.islice(entities, BATCH)):
        yield [e.entity for e in chunk], _record_rows(chunk)


def _pack(batch: Sequence[DemoEntity]) -> _Packed:
    records = [
        [tuple(r.values()) for e in batch for r in getattr(e, table.name)] for table in _RECORD_TABLES
    ]
    return [tuple(e.entity.values()) for e in batch], records


def _unpack(packed: _Packed) -> Batch:
    entities, records = packed
    rows = [
        (table, [dict(zip(cols, r, strict=True)) for r in recs])
        for table, cols, recs in zip(_RECORD_TABLES, _RECORD_COLS, records, strict=True)
        if recs
    ]
    return [dict(zip(ENTITY_KEYS, e, strict=True)) for e in entities], rows


def _process_batches(n: int, seed: int, today: date) -> Generator[Batch, None, None]:
    """Batches generated by ``python -m credit.demo`` and sent back over a pipe.

    A plain child interpreter rather than ``multiprocessing``: nothing of the caller's main
    script is re-imported, no ``freeze_support`` is needed, and it behaves the same on every OS.
    The pipe gives back-pressure: the child generates one batch ahead of the writer.
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    cmd = [sys.executable, "-m", "credit.demo", "produce", str(n), str(seed), today.isoformat()]
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(
            cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=errors, env=env
        )
        assert proc.stdout is not None
        try:
            while True:
                frame = _read_frame(proc.stdout)
                if frame is None:
                    proc.wait()
                    errors.seek(0)
                    tail = errors.read().decode("utf-8", "replace").strip().splitlines()[-3:]
                    detail = "；".join(tail) or f"退出码 {proc.returncode}"
                    raise RuntimeError(f"生成演示数据的后台进程意外退出（{detail}）。")
                kind, payload = frame
                if kind == "done":
                    return
                if kind == "error":
                    raise RuntimeError(f"生成演示数据失败：{payload}")
                yield _unpack(payload)
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.stdout.close()
            proc.wait()


_HEADER = struct.Struct("<Q")


def _write_frame(out: IO[bytes], item: tuple[str, Any]) -> None:
    data = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(_HEADER.pack(len(data)))
    out.write(data)
    out.flush()


def _read_frame(stream: IO[bytes]) -> tuple[str, Any] | None:
    """The next frame, or None when the child is gone (our own child: unpickling is safe)."""
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(header)
    data = stream.read(size)
    if len(data) < size:
        return None
    frame: tuple[str, Any] = pickle.loads(data)
    return frame


def _produce(argv: Sequence[str]) -> int:
    """Child side of :func:`_process_batches`: ``produce N SEED YYYY-MM-DD``."""
    n, seed, today = int(argv[0]), int(argv[1]), date.fromisoformat(argv[2])
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # stray prints must not corrupt the pipe
    sys.stdout = sys.stderr
    try:
        gen = _Generator(seed, today)
        for start in range(0, n, BATCH):
            batch = [gen.entity(k) for k in range(start, min(n, start + BATCH))]
            _write_frame(out, ("batch", _pack(batch)))
        _write_frame(out, ("done", None))
    except BrokenPipeError:  # the writer stopped (cancelled or failed): nothing to report
        return 1
    except Exception as exc:
        _write_frame(out, ("error", f"{type(exc).__name__}: {exc}"))
        return 1
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] != ["produce"]:
        sys.exit("usage: python -m credit.demo produce N SEED YYYY-MM-DD")
    sys.exit(_produce(sys.argv[2:]))
