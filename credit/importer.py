"""``creditdesk import FILE``: load real platform exports (CSV or XLSX) into the cache.

Platforms export the same 双公示 data under Chinese headers or national field codes (CF_*, XK_*)
that differ between platform versions, so the accepted headers live in
``resources/catalogs/import_fields.json`` and an administrator can add new ones without a code
change. Files are read as streams (``openpyxl`` read-only, ``csv``), checked row by row, and
written in one transaction through :mod:`credit.store.loader`, so the search index stays in step
and a failed or cancelled import leaves the cache as it was.

Every record gets an id derived from its natural key (e.g. USCC + 决定书文号), so importing the
same file twice changes nothing and a corrected file updates its records in place. Bad rows are
reported with their spreadsheet row number and a Chinese reason naming the column; good rows
still load.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import itertools
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import sqlalchemy as sa

from credit.domain import publicity
from credit.domain import uscc as uscc_mod
from credit.paths import resource
from credit.store.loader import (
    UpsertStats,
    now_iso,
    set_info,
    upsert_entities,
    upsert_records,
)
from credit.store.tables import entity, honour, licence, list_entry, penalty

if TYPE_CHECKING:
    from credit.store.db import Store

__all__ = [
    "KINDS",
    "ImportFileError",
    "ImportReport",
    "ParsedFile",
    "ParsedRecord",
    "RowProblem",
    "detect_kind",
    "import_file",
    "parse_amount_wan",
    "parse_date",
    "parse_file",
    "read_table",
]

KINDS = ("penalty", "licence", "entity", "list")
BATCH = 2000
#: How many leading rows may precede the header (a title row such as "行政处罚信息公示表").
HEADER_SEARCH_ROWS = 20
#: Amounts (万元) from which a plausibility warning is given: exports often put 元 in 万元 columns.
IMPLAUSIBLE_WAN = 1000.0
CATALOG_HINT = "resources/catalogs/import_fields.json"

Severity = Literal["error", "warning"]


class ImportFileError(ValueError):
    """The file as a whole cannot be imported; ``reason`` is a Chinese sentence for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class RowProblem:
    """One problem in one row; ``row`` is the row number Excel shows (first data row 2 when the
    header is row 1)."""

    row: int
    reason: str
    severity: Severity


@dataclass
class ImportReport:
    """What an import did, for the CLI (``--json``) and the import dialog."""

    path: Path
    kind: str
    total_rows: int = 0
    stats: UpsertStats = field(default_factory=UpsertStats)
    problems: list[RowProblem] = field(default_factory=list)
    #: Minimal entity rows created so records of unknown entities can be looked up.
    entities_created: int = 0
    #: Headers no field is mapped to: candidates for new aliases in the catalog.
    ignored_columns: list[str] = field(default_factory=list)
    #: Upsert figures per table (a list file writes ``list_entry`` and ``honour``).
    by_table: dict[str, UpsertStats] = field(default_factory=dict)

    @property
    def rejected(self) -> int:
        """Rows not loaded because of at least one error."""
        return len({p.row for p in self.problems if p.severity == "error"})

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == "warning")

    @property
    def ok(self) -> bool:
        return self.rejected == 0

    def summary(self) -> str:
        """One Chinese sentence for a status line."""
        s = self.stats
        text = (
            f"{KIND_LABELS.get(self.kind, self.kind)}：共 {self.total_rows} 行，新增 {s.inserted}、"
            f"更新 {s.updated}、未变 {s.unchanged}，未导入 {self.rejected} 行，警告 {self.warnings} 条"
        )
        if self.entities_created:
            text += f"，新建主体 {self.entities_created} 个"
        return text + "。"

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "kind": self.kind,
            "total_rows": self.total_rows,
            "stats": asdict(self.stats),
            "by_table": {k: asdict(v) for k, v in self.by_table.items()},
            "entities_created": self.entities_created,
            "rejected": self.rejected,
            "warnings": self.warnings,
            "ok": self.ok,
            "ignored_columns": list(self.ignored_columns),
            "problems": [asdict(p) for p in self.problems],
        }


# --------------------------------------------------------------------------------------------
# Catalog


@dataclass(frozen=True)
class KindSpec:
    kind: str
    label: str
    fields: Mapping[str, tuple[str, ...]]  # field -> accepted headers; the first is the label
    required: tuple[tuple[str, ...], ...]  # each group: at least one of these fields
    markers: frozenset[str]  # fields only this kind of file has

    def label_of(self, name: str) -> str:
        return self.fields[name][0]

    def group_label(self, group: tuple[str, ...]) -> str:
        return "或".join(self.label_of(f) for f in group)


@dataclass(frozen=True)
class Catalog:
    kinds: Mapping[str, KindSpec]
    list_rules: tuple[tuple[str, tuple[str, ...]], ...]
    licence_status: Mapping[str, str]
    entity_status: Mapping[str, str]  # header key of a status text -> status


def header_key(text: str) -> str:
    """How headers are compared: NFKC, no whitespace, case-folded, no leading '*' marker."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(folded.split()).casefold().lstrip("*")


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    with resource("catalogs", "import_fields.json").open(encoding="utf-8") as fh:
        raw: dict[str, Any] = json.load(fh)
    kinds: dict[str, KindSpec] = {}
    for kind in KINDS:
        spec = raw["kinds"][kind]
        kinds[kind] = KindSpec(
            kind=kind,
            label=spec["label"],
            fields={k: tuple(v) for k, v in spec["fields"].items()},
            required=tuple(tuple(g) if isinstance(g, list) else (g,) for g in spec["required"]),
            markers=frozenset(spec["markers"]),
        )
    rules = tuple(
        (r["type"], tuple(header_key(t) for t in r["contains"])) for r in raw["list_types"]["rules"]
    )
    statuses = {
        header_key(text): status
        for status, texts in raw["entity_status"].items()
        if not status.startswith("_")
        for text in texts
    }
    lic = {k: v for k, v in raw["licence_status"].items() if not k.startswith("_")}
    return Catalog(kinds, rules, lic, statuses)


KIND_LABELS = {"penalty": "行政处罚", "licence": "行政许可", "entity": "主体登记信息", "list": "名单"}


def _column_map(spec: KindSpec, headers: Iterable[str]) -> dict[str, str]:
    """field -> the file's header for it (the earliest alias present wins)."""
    by_key: dict[str, str] = {}
    for h in headers:
        by_key.setdefault(header_key(h), h)
    found: dict[str, str] = {}
    used: set[str] = set()
    for name, aliases in spec.fields.items():
        for alias in aliases:
            header = by_key.get(header_key(alias))
            if header is not None and header not in used:
                found[name] = header
                used.add(header)
                break
    return found


def _missing_groups(spec: KindSpec, mapped: Mapping[str, str]) -> list[tuple[str, ...]]:
    return [g for g in spec.required if not any(f in mapped for f in g)]


def _expected_text(spec: KindSpec) -> str:
    """The required columns of a kind, with their field codes where the catalog has them."""
    parts = []
    for group in spec.required:
        names = []
        for f in group:
            codes = [a for a in spec.fields[f][1:] if re.fullmatch(r"[A-Z]{2}_[A-Z_]+", a)]
            names.append(spec.label_of(f) + (f"（{codes[0]}）" if codes else ""))
        parts.append("或".join(names))
    return "、".join(parts)


def detect_kind(headers: list[str]) -> str:
    """Which kind of file these headers belong to; raises :class:`ImportFileError` if none.

    A kind is considered only if a column only it has (its markers) is present; entity files
    have no markers and are the fallback, so an abnormal-list export missing 名单类别 is
    reported as such instead of being loaded as registration data.
    """
    cat = catalog()
    scored: list[tuple[int, int, int, int]] = []
    for order, kind in enumerate(KINDS):
        spec = cat.kinds[kind]
        mapped = _column_map(spec, headers)
        markers = len(spec.markers & mapped.keys())
        if spec.markers and markers:
            complete = 0 if _missing_groups(spec, mapped) else 1
            scored.append((complete, markers, len(mapped), -order))
    if scored:
        best = KINDS[-max(scored)[3]]
        _require_columns(cat.kinds[best], headers)  # raises, naming the missing columns
        return best
    fallback = cat.kinds["entity"]
    mapped = _column_map(fallback, headers)
    if not _missing_groups(fallback, mapped):
        return "entity"
    expected = "；".join(f"{cat.kinds[k].label}（需要列：{_expected_text(cat.kinds[k])}）" for k in KINDS)
    shown = "、".join(h for h in headers[:12] if h) or "（空）"
    raise ImportFileError(
        f"无法识别文件类型：表头为 {shown}。可导入的文件有：{expected}。"
        f"如果平台使用了其他列名，可在 {CATALOG_HINT} 中补充。"
    )


def _require_columns(spec: KindSpec, headers: list[str]) -> dict[str, str]:
    mapped = _column_map(spec, headers)
    missing = _missing_groups(spec, mapped)
    if missing:
        names = "、".join(spec.group_label(g) for g in missing)
        raise ImportFileError(
            f"按{spec.label}文件导入，但缺少必需的列：{names}。需要的列：{_expected_text(spec)}。"
            f"如果平台使用了其他列名，可在 {CATALOG_HINT} 中补充。"
        )
    return mapped


# --------------------------------------------------------------------------------------------
# Values

_EMPTY = frozenset({"", "-", "--", "—", "——", "/", "\\", "无", "null", "none", "n/a", "nan"})
_OPEN_END = frozenset({"长期", "永久", "长期有效", "无期限", "永久有效", "不限期"})
_DATE_RE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?")
_COMPACT_DATE_RE = re.compile(r"(\d{4})(\d{2})(\d{2})(?:\d{6})?")
_EXCEL_EPOCH = date(1899, 12, 30)
_FOREIGN = ("美元", "港元", "港币", "欧元", "日元", "英镑", "澳元", "加元", "新台币")
_NUMBER_RE = re.compile(r"\+?\d+(?:\.\d+)?")
_DATE_HINT = "可用格式如 2025-09-26、2025/9/26、20250926、2025年9月26日"


def _is_empty(text: str) -> bool:
    return text.strip().casefold() in _EMPTY


def parse_date(text: str) -> date:
    """The date in a cell as exported by platforms and Excel; raises ValueError otherwise.

    Accepts 2025-09-26, 2025/9/26, 2025.9.26, 20250926, 2025年9月26日, a trailing time, and
    Excel serial numbers (a date cell saved as a plain number, e.g. 45926).
    """
    s = unicodedata.normalize("NFKC", text).strip().lstrip("'")
    if m := _DATE_RE.fullmatch(s):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if m := _COMPACT_DATE_RE.fullmatch(s):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if re.fullmatch(r"\d{5}(?:\.0+)?", s):
        return _EXCEL_EPOCH + timedelta(days=int(float(s)))
    raise ValueError(text)


def parse_amount_wan(text: str) -> float:
    """An amount in 万元: strips 万元/元/人民币/¥ and thousands separators; 元 are converted.

    Raises ValueError for text that is no amount, and for foreign currencies (a 万元 column must
    not silently hold US dollars).
    """
    s = unicodedata.normalize("NFKC", text).strip().lstrip("'")
    if any(c in s for c in _FOREIGN):
        raise ValueError(text)
    s = re.sub(r"[\s,，]|人民币|RMB|CNY|¥|￥", "", s, flags=re.IGNORECASE)
    factor = 1.0
    if s.endswith("万元") or s.endswith("万"):
        s = s.rstrip("元").rstrip("万")
    elif s.endswith("元"):
        s, factor = s[:-1], 1 / 10000
    if not _NUMBER_RE.fullmatch(s):
        raise ValueError(text)
    return round(float(s) * factor, 6)


def _key_text(text: str) -> str:
    """Document numbers as keys: width, spaces and bracket styles (〔〕[]【】()) do not matter."""
    s = "".join(unicodedata.normalize("NFKC", text).split()).upper()
    return re.sub(r"[〔［\[【(（]", "[", re.sub(r"[〕］\]】)）]", "]", s))


def record_id(kind: str, *parts: str) -> str:
    """Deterministic id from a natural key, so re-imports hit the same row."""
    payload = "\x1f".join((kind, *parts))
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:20]


# --------------------------------------------------------------------------------------------
# Reading files


@dataclass
class _Table:
    headers: list[str]
    rows: Iterator[tuple[int, dict[str, str]]]
    estimate: int  # data rows, approximately; 0 when unknown


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value).replace("\ufeff", "").strip()
    if text.startswith('="') and text.endswith('"'):  # Excel's trick to keep leading zeros in CSV
        text = text[2:-1].strip()
    return text


def _header_text(value: Any) -> str:
    return unicodedata.normalize("NFKC", _cell_text(value)).strip().strip('"').strip()


def _unique_headers(raw: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out: list[str] = []
    for i, h in enumerate(raw, start=1):
        name = h or f"（第{i}列）"
        if name in seen:
            seen[name] += 1
            name = f"{name}#{seen[name]}"
        else:
            seen[name] = 1
        out.append(name)
    return out


def _known_headers() -> frozenset[str]:
    return frozenset(
        header_key(a) for spec in catalog().kinds.values() for v in spec.fields.values() for a in v
    )


def _split_header(
    rows: Iterator[tuple[Any, ...] | list[Any]],
) -> tuple[int, list[str], Iterator[tuple[int, dict[str, str]]]]:
    """Find the header row, then yield the non-blank data rows with their row numbers.

    Exports often put a title or an export date above the header, so the header is the first of
    the leading rows with two or more known column names; failing that, the first row with two
    or more filled cells.
    """
    known = _known_headers()
    raw: list[list[Any]] = []
    buffered: list[list[str]] = []
    chosen: int | None = None
    for values in rows:
        texts = [_header_text(v) for v in values]
        raw.append(list(values))
        buffered.append(texts)
        if sum(1 for t in texts if header_key(t) in known) >= 2:
            chosen = len(buffered) - 1
            break
        if len(buffered) >= HEADER_SEARCH_ROWS:
            break
    if chosen is None:
        chosen = next((i for i, t in enumerate(buffered) if sum(1 for x in t if x) >= 2), None)
    if chosen is None:
        raise ImportFileError("文件前几行中找不到表头行（至少两列有列名的一行）。")
    texts = buffered[chosen]
    while texts and not texts[-1]:
        texts.pop()
    header_row, headers = chosen + 1, _unique_headers(texts)
    rest = itertools.chain(raw[chosen + 1 :], rows)

    def data() -> Iterator[tuple[int, dict[str, str]]]:
        width = len(headers)
        n = header_row
        try:
            for n, values in enumerate(rest, start=header_row + 1):
                texts = [_cell_text(v) for v in list(values)[:width]]
                if not any(texts):
                    continue
                texts.extend([""] * (width - len(texts)))
                yield n, dict(zip(headers, texts, strict=True))
        except csv.Error as exc:  # e.g. a NUL byte or an unclosed quote running to the end
            raise ImportFileError(f"第{n + 1}行附近的 CSV 格式有误，无法继续读取：{exc}") from exc

    return header_row, headers, data()


def _sniff_encoding(path: Path) -> tuple[str, int]:
    """(encoding, line count): a BOM decides; else strict UTF-8 over the whole file, else GB18030.

    The whole file is checked because a GB18030 file may be valid UTF-8 for its first megabyte
    (ASCII headers and codes) and fail much later, in the middle of an import.
    """
    with path.open("rb") as fh:
        head = fh.read(4)
        fh.seek(0)
        if head.startswith(codecs.BOM_UTF8):
            candidates = ["utf-8-sig"]
        elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            candidates = ["utf-16"]
        else:
            candidates = ["utf-8", "gb18030"]
        for enc in candidates:
            fh.seek(0)
            decoder = codecs.getincrementaldecoder(enc)()
            lines = 0
            try:
                while chunk := fh.read(1 << 20):
                    decoder.decode(chunk)
                    lines += chunk.count(b"\n")
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                continue
            return enc, lines
    raise ImportFileError(
        "无法识别 CSV 文件的编码（支持 UTF-8 和 GB18030/GBK）。请在 Excel 中另存为“CSV UTF-8”后再导入。"
    )


def _open_csv(path: Path) -> tuple[_Table, Callable[[], None]]:
    encoding, lines = _sniff_encoding(path)
    fh = path.open(encoding=encoding, newline="")
    try:
        first = fh.readline()
        fh.seek(0)
        delimiter = max(",\t;|", key=first.count) if first else ","
        if not first.count(delimiter):
            delimiter = ","
        reader = csv.reader(fh, delimiter=delimiter)
        header_row, headers, rows = _split_header(reader)
    except (csv.Error, UnicodeDecodeError) as exc:
        fh.close()
        raise ImportFileError(f"CSV 文件格式有误，无法读取：{exc}") from exc
    except BaseException:
        fh.close()
        raise
    return _Table(headers, rows, max(lines - header_row, 0)), fh.close


def _open_xlsx(path: Path, kind: str | None) -> tuple[_Table, Callable[[], None]]:
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        raise ImportFileError(f"无法读取 Excel 文件“{path.name}”：文件已损坏或不是 .xlsx 格式。") from exc
    try:
        chosen: Any = None
        fallback: Any = None
        for ws in wb.worksheets:
            if not hasattr(ws, "iter_rows"):
                continue  # chart sheets
            # Read-only mode trusts the file's <dimension>, which some exporters write wrong.
            estimate = ws.max_row or 0
            ws.reset_dimensions()
            try:
                _, headers, _ = _split_header(ws.iter_rows(values_only=True))
            except ImportFileError:
                continue
            fallback = fallback or (ws, estimate)
            try:
                found = detect_kind(headers)
            except ImportFileError:
                continue
            if kind is None or found == kind:
                chosen = (ws, estimate)
                break
        chosen = chosen or fallback
        if chosen is None:
            raise ImportFileError(f"Excel 文件“{path.name}”中没有包含表头和数据的工作表。")
        ws, estimate = chosen
        header_row, headers, rows = _split_header(ws.iter_rows(values_only=True))
    except BaseException:
        wb.close()
        raise
    return _Table(headers, rows, max(estimate - header_row, 0)), wb.close


@contextmanager
def _open_table(path: Path, kind: str | None = None) -> Iterator[_Table]:
    if not path.is_file():
        raise ImportFileError(f"找不到文件：{path}")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        table, close = _open_xlsx(path, kind)
    elif suffix in (".csv", ".txt", ".tsv"):
        table, close = _open_csv(path)
    elif suffix in (".xls", ".et"):
        raise ImportFileError(
            f"不支持旧版 Excel 格式（{suffix}）。请在 Excel 或 WPS 中另存为 .xlsx 或“CSV UTF-8”后再导入。"
        )
    else:
        raise ImportFileError(f"不支持的文件类型“{suffix or path.name}”：请导入 .xlsx 或 .csv 文件。")
    try:
        yield table
    finally:
        close()


def read_table(path: Path) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    """Headers (trimmed, NFKC) and the non-blank data rows as (spreadsheet row number, values).

    The file stays open until the iterator is exhausted; iterate it to the end or close it.
    """
    ctx = _open_table(path)
    table = ctx.__enter__()

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        try:
            yield from table.rows
        finally:
            ctx.__exit__(None, None, None)

    return table.headers, rows()


# --------------------------------------------------------------------------------------------
# Rows


#: Codes repeat across a file's rows (one entity, many penalties); failures are not cached.
_parse_code = lru_cache(maxsize=65536)(uscc_mod.parse)


class _Row:
    """One data row of a file: typed access to its fields, collecting problems as it goes."""

    def __init__(
        self, number: int, values: Mapping[str, str], columns: Mapping[str, str], spec: KindSpec
    ) -> None:
        self.number = number
        self.values = values
        self.columns = columns
        self.spec = spec
        self.problems: list[RowProblem] = []

    @property
    def failed(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    def error(self, text: str) -> None:
        self.problems.append(RowProblem(self.number, f"第{self.number}行：{text}", "error"))

    def warn(self, text: str) -> None:
        self.problems.append(RowProblem(self.number, f"第{self.number}行：{text}", "warning"))

    def col(self, name: str) -> str:
        """The column as the user sees it: the file's header, with the Chinese name if different."""
        header, label = self.columns.get(name), self.spec.label_of(name)
        if header is None or header_key(header) == header_key(label):
            return label
        return f"{header}（{label}）"

    def raw(self, name: str) -> str:
        header = self.columns.get(name)
        return self.values.get(header, "").strip() if header else ""

    def text(self, name: str) -> str | None:
        value = self.raw(name)
        return None if _is_empty(value) else value

    def date(self, name: str, *, open_end: bool = False) -> str | None:
        value = self.text(name)
        if value is None or (open_end and value in _OPEN_END):
            return None
        try:
            return parse_date(value).isoformat()
        except ValueError:
            self.error(f"{self.col(name)}“{value}”不是可识别的日期（{_DATE_HINT}），本行未导入。")
            return None

    def amount(self, name: str) -> float | None:
        value = self.text(name)
        if value is None:
            return None
        try:
            return parse_amount_wan(value)
        except ValueError:
            self.error(f"{self.col(name)}“{value}”不是以万元计的人民币金额（如 0.5），本行未导入。")
            return None

    def code(self, name: str = "uscc") -> uscc_mod.USCCCheck | None:
        """The subject's USCC: wrong format is an error, a checksum mismatch only a warning."""
        value = self.text(name)
        if value is None:
            return None
        try:
            check = _parse_code(value.lstrip("'"))
        except uscc_mod.USCCFormatError as exc:
            self.error(f"{self.col(name)}“{value}”{exc.reason}，本行未导入。请核对后修改。")
            return None
        for w in check.warnings:
            self.warn(f"{self.col(name)}“{check.code}”校验未通过：{w}本行已照常导入。")
        return check

    def other_code(self, name: str) -> str | None:
        """An authority's code: normalised when well-formed, kept as given otherwise."""
        value = self.text(name)
        if value is None:
            return None
        try:
            return _parse_code(value).code
        except uscc_mod.USCCFormatError:
            return value

    def require(self, hints: Mapping[str, str] | None = None) -> None:
        """An error per required field (or group of alternatives) left empty in this row."""
        for group in self.spec.required:
            if all(self.text(f) is None for f in group if f in self.columns):
                names = "或".join(self.col(f) for f in group)
                hint = "".join((hints or {}).get(f, "") for f in group)
                self.error(f"缺少{names}{hint}，本行未导入。")

    def put_texts(self, out: dict[str, Any], names: Iterable[str]) -> None:
        """Copy the text fields the file has; absent columns stay absent (kept from the cache)."""
        for name in names:
            if name in self.columns:
                out[name] = self.text(name)


@dataclass
class ParsedRecord:
    """A row ready to write: its table, values, dedupe key and the entity it needs.

    ``values`` holds only the columns the file has (a narrower file must not blank the others);
    ``stub`` is a minimal entity to create when the record's entity is not known yet.
    """

    table: sa.Table
    values: dict[str, Any]
    key: str
    stub: dict[str, Any] | None = None

    @property
    def kind(self) -> str:
        """The record kind, named like its cache table (entity, penalty, list_entry …)."""
        return self.table.name


_KEY_LABELS = {
    "penalty": "统一社会信用代码和行政处罚决定书文号",
    "licence": "统一社会信用代码和许可文书号（或许可编号）",
    "entity": "统一社会信用代码",
    "list": "主体、名单类别和决定书文号（或列入日期）",
}


def _stub(check: uscc_mod.USCCCheck, name: str | None, legal_rep: str | None) -> dict[str, Any]:
    return {
        "uscc": check.code,
        "name": name,
        "entity_type": check.parts.entity_type,
        "legal_rep": legal_rep,
        "status": "存续",
        "source": "import",
    }


def _penalty(row: _Row) -> ParsedRecord | None:
    person = "自然人" in (row.text("subject_category") or "")
    row.require({"uscc": "（行政相对人为自然人的处罚记录目前不导入）"} if person else None)
    check = row.code()
    decided = row.date("decision_date")
    rec: dict[str, Any] = {}
    row.put_texts(
        rec,
        (
            "subject_name", "subject_category", "legal_rep", "legal_rep_id_type", "legal_rep_id",
            "decision_no", "violation_type", "facts", "basis", "penalty_type", "content",
            "licence_action", "authority", "source_unit", "note",
        ),
    )  # fmt: skip
    for name in ("fine_wan", "confiscated_wan"):
        if name in row.columns:
            rec[name] = row.amount(name)
            if (rec[name] or 0) >= IMPLAUSIBLE_WAN:
                row.warn(
                    f"{row.col(name)}为 {rec[name]:g} 万元，数额很大，请确认单位是万元而不是元。"
                    "本行已照常导入。"
                )
    if "valid_until" in row.columns:
        rec["valid_until"] = row.date("valid_until", open_end=True)
    if "repaired_on" in row.columns:  # credit repair: the record is no longer shown or used
        rec["repaired_on"] = row.date("repaired_on")
    for name in ("authority_uscc", "source_unit_uscc"):
        if name in row.columns:
            rec[name] = row.other_code(name)
    publicity_end = row.date("publicity_end", open_end=True)
    if row.failed or check is None or decided is None:
        return None
    if decided > date.today().isoformat():
        row.warn(f"{row.col('decision_date')}“{decided}”晚于今天，请核对。本行已照常导入。")
    severity = row.text("severity")
    if severity is not None and severity not in publicity.SEVERITIES:
        row.warn(f"{row.col('severity')}“{severity}”应为轻微、一般或严重，已按处罚类别和罚款金额推定。")
        severity = None
    severity = severity or publicity.severity_for(rec.get("penalty_type"), rec.get("fine_wan"))
    if publicity_end is None:
        period = publicity.publicity_period(date.fromisoformat(decided), severity, rec.get("penalty_type"))
        publicity_end = period.end.isoformat() if period.end else None
    decision_no = rec["decision_no"]
    rec.update(
        id=record_id("penalty", check.code, _key_text(decision_no)),
        uscc=check.code,
        decision_date=decided,
        severity=severity,
        publicity_end=publicity_end,
    )
    return ParsedRecord(penalty, rec, rec["id"], _stub(check, rec["subject_name"], rec.get("legal_rep")))


def _licence(row: _Row) -> ParsedRecord | None:
    row.require()
    check = row.code()
    decided = row.date("decision_date")
    rec: dict[str, Any] = {}
    row.put_texts(
        rec,
        (
            "subject_name", "legal_rep", "doc_name", "doc_no", "category", "cert_name",
            "cert_no", "content", "authority", "source_unit", "note",
        ),
    )  # fmt: skip
    if "status" in row.columns:
        status = row.text("status")
        rec["status"] = catalog().licence_status.get(status, status) if status else None
    if "authority_uscc" in row.columns:
        rec["authority_uscc"] = row.other_code("authority_uscc")
    if "valid_from" in row.columns:
        rec["valid_from"] = row.date("valid_from")
    if "valid_to" in row.columns:
        rec["valid_to"] = row.date("valid_to", open_end=True)
    if row.failed or check is None or decided is None:
        return None
    if rec.get("valid_from") and rec.get("valid_to") and rec["valid_from"] > rec["valid_to"]:
        row.warn(
            f"{row.col('valid_from')}“{rec['valid_from']}”晚于{row.col('valid_to')}"
            f"“{rec['valid_to']}”，请核对。本行已照常导入。"
        )
    doc_no, cert_no = rec.get("doc_no"), rec.get("cert_no")
    natural = _key_text(doc_no) if doc_no else "cert:" + _key_text(cert_no or "")
    rec.update(id=record_id("licence", check.code, natural), uscc=check.code, decision_date=decided)
    return ParsedRecord(licence, rec, rec["id"], _stub(check, rec["subject_name"], rec.get("legal_rep")))


def _entity(row: _Row) -> ParsedRecord | None:
    row.require()
    check = row.code()
    rec: dict[str, Any] = {}
    row.put_texts(
        rec,
        (
            "name", "legal_rep", "legal_rep_id_type", "legal_rep_id", "reg_authority",
            "division_code", "division_name", "address", "industry", "business_scope",
            "grade_unit",
        ),
    )  # fmt: skip
    name_div = rec.get("division_name")
    if name_div and re.fullmatch(r"\d{6}", name_div) and not rec.get("division_code"):
        rec["division_code"], rec["division_name"] = name_div, None
    for name in ("established", "grade_date"):
        if name in row.columns:
            rec[name] = row.date(name)
    if "capital_wan" in row.columns:
        rec["capital_wan"] = row.amount("capital_wan")
    if "status" in row.columns:
        status = row.text("status")
        rec["status"] = catalog().entity_status.get(header_key(status), status) if status else None
    if "grade" in row.columns:
        grade = row.text("grade")
        rec["grade"] = None
        if grade is not None:
            letter = unicodedata.normalize("NFKC", grade).strip().upper().removesuffix("级")
            if letter in ("A", "B", "C", "D"):
                rec["grade"] = letter
            else:
                row.warn(f"{row.col('grade')}“{grade}”应为 A、B、C 或 D，该项未导入。")
    if row.failed or check is None:
        return None
    rec.update(uscc=check.code, entity_type=check.parts.entity_type, source="import", updated_at=now_iso())
    return ParsedRecord(entity, rec, check.code)


def _list_type(category: str) -> str | None:
    key = header_key(category)
    for list_type, fragments in catalog().list_rules:
        if any(f in key for f in fragments):
            return list_type
    return None


def _list(row: _Row) -> ParsedRecord | None:
    row.require()
    check = row.code()
    listed_on = row.date("listed_on")
    valid_until = row.date("valid_until", open_end=True)
    removed_on = row.date("removed_on")
    category = row.text("category")
    list_type = _list_type(category) if category else None
    if category and list_type is None:
        row.error(
            f"{row.col('category')}“{category}”无法归入严重失信、重点关注、经营异常、失信被执行人或"
            f"荣誉名单，本行未导入。可在 {CATALOG_HINT} 的 list_types 中补充对应关系。"
        )
    person_id = row.text("person_id")
    if list_type == "honour" and check is None and not row.failed:
        row.error(f"荣誉（红名单）记录需要{row.col('uscc')}，本行未导入。")
    if row.failed or category is None or list_type is None:
        return None
    if check is None and person_id is None:
        return None
    doc_no = row.text("doc_no")
    subject = check.code if check else "P:" + _key_text(person_id or "")
    natural = _key_text(doc_no) if doc_no else "on:" + (listed_on or "")
    name = row.text("name") or row.text("person_name")
    stub = _stub(check, name, None) if check and name else None
    if list_type == "honour":
        assert check is not None
        rec: dict[str, Any] = {"title": category}
        if removed_on and (valid_until is None or removed_on < valid_until):
            valid_until = removed_on  # a withdrawn honour ends on its removal date
        for src, dst, value in (
            ("level", "level", row.text("level")),
            ("deciding_unit", "granted_by", row.text("deciding_unit")),
            ("listed_on", "granted_on", listed_on),
            ("valid_until", "valid_until", valid_until),
            ("doc_no", "doc_no", doc_no),
        ):
            if src in row.columns or (dst == "valid_until" and "removed_on" in row.columns):
                rec[dst] = value
        rec.update(id=record_id("honour", subject, _key_text(category), natural), uscc=check.code)
        return ParsedRecord(honour, rec, rec["id"], stub)
    rec = {"list_type": list_type, "category": category}
    row.put_texts(rec, ("reason", "basis", "deciding_unit", "doc_no", "removal_reason", "source"))
    for name, value in (
        ("listed_on", listed_on), ("valid_until", valid_until), ("removed_on", removed_on),
    ):  # fmt: skip
        if name in row.columns:
            rec[name] = value
    if check is None:
        rec["person_name"] = row.text("person_name") or row.text("name")
        rec["person_id"] = person_id
    rec.update(
        id=record_id("list", subject, _key_text(category), natural),
        uscc=check.code if check else None,
    )
    return ParsedRecord(list_entry, rec, rec["id"], stub)


_BUILDERS: dict[str, Callable[[_Row], ParsedRecord | None]] = {
    "penalty": _penalty,
    "licence": _licence,
    "entity": _entity,
    "list": _list,
}


# --------------------------------------------------------------------------------------------
# Writing

#: Entity columns recomputed from the name on every write, never carried over.
_DERIVED_ENTITY = frozenset({"name_norm", "pinyin", "active"})


def _carry_over(conn: sa.Connection, table: sa.Table, key: str, rows: list[dict[str, Any]]) -> None:
    """Fill columns the file does not have from the cached row, so a narrower file (say,
    grades only, or no 处罚机关代码) does not blank what an earlier import or sync wrote."""
    cols = [c.name for c in table.columns if c.name != "id" or key == "id"]
    if table is entity:
        cols = [c for c in cols if c not in _DERIVED_ENTITY]
    if all(all(c in r for c in cols) for r in rows):
        return
    existing = {
        r._mapping[key]: r._mapping
        for r in conn.execute(sa.select(table).where(table.c[key].in_([r[key] for r in rows])))
    }
    for r in rows:
        old = existing.get(r[key])
        for c in cols:
            if c not in r:
                r[c] = old[c] if old is not None else None


class _Writer:
    def __init__(self, conn: sa.Connection, report: ImportReport) -> None:
        self.conn = conn
        self.report = report
        self.pending: list[ParsedRecord] = []

    def add(self, built: ParsedRecord) -> None:
        self.pending.append(built)
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        batch, self.pending = self.pending, []
        self._create_missing_entities(batch)
        by_table: dict[str, list[dict[str, Any]]] = {}
        for b in batch:
            by_table.setdefault(b.table.name, []).append(b.values)
        for name, rows in by_table.items():
            table = next(b.table for b in batch if b.table.name == name)
            if table is entity:
                _carry_over(self.conn, entity, "uscc", rows)
                stats = upsert_entities(self.conn, rows)
            else:
                _carry_over(self.conn, table, "id", rows)
                stats = upsert_records(self.conn, table, rows)
            self.report.stats += stats
            self.report.by_table.setdefault(name, UpsertStats())
            self.report.by_table[name] += stats

    def _create_missing_entities(self, batch: list[ParsedRecord]) -> None:
        stubs: dict[str, dict[str, Any]] = {}
        for b in batch:
            if b.stub is not None and b.stub["name"]:
                stubs.setdefault(b.stub["uscc"], b.stub)
        if not stubs:
            return
        known = set(
            self.conn.execute(sa.select(entity.c.uscc).where(entity.c.uscc.in_(list(stubs)))).scalars()
        )
        missing = [dict(s, updated_at=now_iso()) for c, s in stubs.items() if c not in known]
        if missing:
            upsert_entities(self.conn, missing)
            self.report.entities_created += len(missing)


def _fingerprint(values: Mapping[str, Any]) -> int:
    return hash(tuple(sorted((k, v) for k, v in values.items() if k != "updated_at")))


class ParsedFile:
    """An open import file: its kind, its columns and, as an iterator, its checked records.

    The one reader of platform exports: the client's :func:`import_file` writes the records into
    the cache, the reference platform's ``creditdesk-server import`` into its own store.
    """

    def __init__(self, table: _Table, kind: str, columns: dict[str, str], report: ImportReport) -> None:
        self.table = table
        self.kind = kind
        self.columns = columns
        self.report = report

    def records(self, progress: Callable[[int, int], None] | None = None) -> Iterator[ParsedRecord]:
        """Each good row once, in file order; problems and row counts go into :attr:`report`.

        A row repeating an earlier row's key is a warning when identical and an error otherwise.
        ``progress(done, total)`` is called every :data:`BATCH` rows (``total`` an estimate).
        """
        report, spec = self.report, catalog().kinds[self.kind]
        builder = _BUILDERS[self.kind]
        seen: dict[str, tuple[int, int]] = {}  # dedupe key -> (first row, fingerprint)
        for number, values in self.table.rows:
            report.total_rows += 1
            row = _Row(number, values, self.columns, spec)
            built = builder(row)
            if built is not None:
                fp = _fingerprint(built.values)
                first = seen.get(built.key)
                if first is None:
                    seen[built.key] = (number, fp)
                    yield built
                elif first[1] == fp:
                    row.warn(f"与第{first[0]}行内容相同（重复行），已忽略。")
                else:
                    row.error(
                        f"与第{first[0]}行的{_KEY_LABELS[self.kind]}相同但内容不同，已按第{first[0]}行"
                        "导入，本行未导入。请核对哪一行正确，修改后重新导入。"
                    )
            report.problems.extend(row.problems)
            if progress is not None and report.total_rows % BATCH == 0:
                progress(report.total_rows, max(self.table.estimate, report.total_rows))


@contextmanager
def parse_file(path: Path, kind: str | None = None) -> Iterator[ParsedFile]:
    """Open, recognise and check the header of an export; raises :class:`ImportFileError`.

    ``kind`` overrides the detection from the headers.
    """
    path = Path(path)
    cat = catalog()
    if kind is not None and kind not in KINDS:
        raise ImportFileError(f"未知的导入类型“{kind}”，应为 {', '.join(KINDS)} 之一。")
    with _open_table(path, kind) as table:
        found = kind or detect_kind(table.headers)
        columns = _require_columns(cat.kinds[found], table.headers)
        used = set(columns.values())
        report = ImportReport(
            path=path, kind=found, ignored_columns=[h for h in table.headers if h not in used]
        )
        yield ParsedFile(table, found, columns, report)


def import_file(
    store: Store,
    path: Path,
    *,
    kind: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import one file into the cache and report what happened, row by row.

    ``kind`` overrides the detection from the headers. ``progress(done, total)`` is called after
    each batch (``total`` is an estimate); an exception raised from it cancels the import, and
    the transaction is rolled back so nothing of the file is written. Raises
    :class:`ImportFileError` when the file as a whole cannot be read or recognised.
    """
    with parse_file(path, kind) as parsed, store.write_cache() as conn:
        writer = _Writer(conn, parsed.report)
        for record in parsed.records(progress):
            writer.add(record)
        writer.flush()
        set_info(conn, last_import=now_iso())
        if progress is not None:
            progress(parsed.report.total_rows, parsed.report.total_rows)
    return parsed.report
