"""Check every rule in ``videorace.data.schema`` over the tables ``videorace.data.sheets`` reads.

Each problem is located: ``data/<file>.csv:<line>: <column>: <expected>, found <value>``.
"""

from __future__ import annotations

import hashlib
import os
import re
from datetime import date
from pathlib import Path

from videorace.data import dates, rules
from videorace.data.sheets import Problem, Sheet, read_sheet, shown  # noqa: F401 (re-exported)
from videorace.data.schema import PRECISIONS, TABLES, TEXT_LISTS, Field
from videorace.data.vocab import closest  # noqa: F401 (re-exported)

ID_RE = re.compile(r"[a-z0-9][a-z0-9_]*")
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
MARKUP_RE = re.compile(r"<\s*[a-zA-Z/!?]|&#?\w+;")
CONTROL_RE = re.compile(r"[\x00-\x1f]")  # what ord() < 32 means: one search, not a loop per character
FORMULA_START = ("=", "+", "-", "@")
EARLIEST, LATEST = date(1990, 1, 1), date(2100, 12, 31)


def check_cell(f: Field, value: str) -> str | None:
    """What is wrong with one cell, as the ``expected`` part of a message, or None if it is fine."""
    if value == "":
        return "a value" if f.required else None
    if "\n" in value or "\r" in value:
        return f"{f.expected} on a single line (no line break)"
    if CONTROL_RE.search(value):
        return f"{f.expected} without control characters"
    if value != value.strip():
        return f"{f.expected} without leading or trailing spaces"
    if f.kind in ("text", "id", "ref", "refs", "enum", "enums", "url") and \
            value.startswith(FORMULA_START):
        return f"{f.expected}, not a spreadsheet formula (no leading =, +, - or @)"
    if MARKUP_RE.search(value):
        return f"{f.expected} without HTML markup or entities"
    kind = f.kind
    if kind in ("id", "ref"):
        return None if ID_RE.fullmatch(value) else f.expected if kind == "id" else \
            f"{f.expected} (lower-case letters, digits and underscores)"
    if kind == "refs":
        return None if all(ID_RE.fullmatch(v) for v in value.split(";")) else f.expected
    if kind in ("enum", "country"):
        return None if value in f.allowed else f.expected
    if kind == "enums":
        parts = value.split(";")
        ok = all(v in f.allowed for v in parts) and len(set(parts)) == len(parts)
        return None if ok else f"{f.expected}, each once"
    if kind == "url":
        return None if re.fullmatch(r"https?://\S+", value) else f.expected
    if kind == "bool":
        return None if value in ("true", "false") else f.expected
    if kind == "date":
        if not DATE_RE.fullmatch(value):
            return f.expected
        try:
            d = date.fromisoformat(value)
        except ValueError:
            return f"{f.expected} that exists on the calendar"
        if not EARLIEST <= d <= LATEST:
            return f"{f.expected} between {EARLIEST.year} and {LATEST.year}"
        return None
    if kind in ("int", "float"):
        try:
            number = int(value) if kind == "int" else float(value)
        except ValueError:
            return f.expected
        if kind == "float" and number != number or number in (float("inf"), float("-inf")):
            return f"{f.expected} (finite)"
        if f.minimum is not None and number < f.minimum:
            return f.expected
        return None
    return None  # text: the general checks above are all it needs


def suggestion(f: Field, value: str) -> str:
    """For an enum cell, the closest allowed value (of the first wrong part of a ';'-list)."""
    if f.kind not in ("enum", "enums", "country") or not value:
        return ""
    wrong = [v for v in value.split(";") if v not in f.allowed] if f.kind == "enums" else [value]
    return closest(wrong[0], f.allowed) if wrong else ""


def _check_dates(sheet: Sheet, line: int, row: dict, bad: set, problems: list[Problem]) -> None:
    """A date has a precision exactly when it is given, and is the first day of its period."""
    for day_col, precision_col in sheet.table.dates:
        value, precision = row[day_col], row[precision_col]
        if day_col in bad or precision_col in bad:
            continue
        if bool(value) != bool(precision):
            problems.append(Problem(sheet.display, line, precision_col,
                                    f"a precision exactly when {day_col} is given",
                                    shown(precision)))
        elif value and precision in PRECISIONS:
            d = date.fromisoformat(value)
            if dates.period_start(d, precision) != d:
                problems.append(Problem(
                    sheet.display, line, day_col,
                    f"the first day of the {precision} for {precision} precision "
                    f"({dates.period_start(d, precision).isoformat()})", shown(value)))


def _check_amounts(sheet: Sheet, line: int, row: dict, bad: set, problems: list[Problem]) -> None:
    """A currency code exactly when its amount is given; a round's amount unless undisclosed."""
    for currency_col, amounts in sheet.table.currencies:
        if currency_col in bad or bad.intersection(amounts):
            continue
        low, *rest = amounts
        if not row[low] and any(row[c] for c in rest):
            problems.append(Problem(sheet.display, line, low,
                                    f"a value when {', '.join(c for c in rest if row[c])} is "
                                    "given", shown(row[low])))
        if bool(row[currency_col]) != bool(row[low]):
            problems.append(Problem(sheet.display, line, currency_col,
                                    f"a currency code exactly when {low} is given",
                                    shown(row[currency_col])))
    if sheet.table.name == "funding_rounds" and "amount_low" not in bad and "amount_qualifier" not in bad:
        if (row["amount_qualifier"] == "undisclosed") == bool(row["amount_low"]):
            problems.append(Problem(sheet.display, line, "amount_low",
                                    "an amount unless amount_qualifier is undisclosed, and none "
                                    "if it is", shown(row["amount_low"])))


def check_sheet(sheet: Sheet, problems: list[Problem]) -> None:
    """Cell checks, unique keys, low <= high, date precision, and the table's own list rules."""
    t = sheet.table
    fields = {f.name: f for f in t.fields}
    seen: dict[tuple, int] = {}
    for line, row in sheet.records:
        bad = set()
        for name, f in fields.items():
            expected = check_cell(f, row[name])
            if expected:
                bad.add(name)
                problems.append(Problem(sheet.display, line, name, expected, shown(row[name]),
                                        suggestion(f, row[name])))
        key = tuple(row[c] for c in t.primary_key)
        if not bad.intersection(t.primary_key):
            if key in seen:
                problems.append(Problem(sheet.display, line, "+".join(t.primary_key),
                                        f"a unique key (already on line {seen[key]})",
                                        shown("|".join(key))))
            else:
                seen[key] = line
        for low, high in t.ranges:
            if low in bad or high in bad or not row[low] or not row[high]:
                continue
            lo = row[low] if fields[low].kind == "date" else float(row[low])
            hi = row[high] if fields[high].kind == "date" else float(row[high])
            if lo > hi:
                problems.append(Problem(sheet.display, line, high, f"a value >= {low} ({row[low]})",
                                        shown(row[high])))
        _check_dates(sheet, line, row, bad, problems)
        for list_col, allowed in TEXT_LISTS.items():
            if list_col in fields and list_col not in bad and row[list_col]:
                wrong = [v for v in row[list_col].split(";") if v not in allowed]
                if wrong:
                    problems.append(Problem(sheet.display, line, list_col,
                                            "';'-separated values from " + ", ".join(allowed),
                                            shown(row[list_col]), closest(wrong[0], allowed)))
        _check_amounts(sheet, line, row, bad, problems)
        sheet.bad[line] = bad


def check_references(sheets: dict[str, Sheet], problems: list[Problem]) -> None:
    """Every ref column names an existing primary key; every relative date resolves as stored."""
    keys = {name: {row[TABLES[name].primary_key[0]] for _, row in s.records}
            for name, s in sheets.items() if s.readable and len(TABLES[name].primary_key) == 1}
    for name, sheet in sheets.items():
        if not sheet.readable:
            continue
        for line, row in sheet.records:
            bad = sheet.bad.get(line, set())
            for f in sheet.table.fields:
                if f.kind not in ("ref", "refs") or f.name in bad or not row[f.name]:
                    continue
                if f.ref not in keys:
                    continue  # the referenced table is itself unreadable, already reported
                for value in row[f.name].split(";") if f.kind == "refs" else [row[f.name]]:
                    if value not in keys[f.ref]:
                        problems.append(Problem(sheet.display, line, f.name, f.expected,
                                                shown(value), closest(value, keys[f.ref])))
    check_relative_dates(sheets, problems)
    rules.check(sheets, problems)


def check_relative_dates(sheets: dict[str, Sheet], problems: list[Problem]) -> None:
    """``date_as_written`` resolved by ``videorace.data.dates`` must give the stored date and precision.

    The phrase is resolved against the source's publication date, or against the date of the model
    event named after an ``@`` ("two months prior @ev_aisphere_cn_beta_scmp").
    """
    if not (sheets["sources"].readable and sheets["model_events"].readable):
        return
    published = {row["source_id"]: row["published_on"] for _, row in sheets["sources"].records}
    events = {row["event_id"]: row["happened_on"] for _, row in sheets["model_events"].records}
    for sheet in sheets.values():
        day_col, precision_col = sheet.table.relative_date
        if not day_col or not sheet.readable:
            continue
        for line, row in sheet.records:
            written = row["date_as_written"]
            bad = sheet.bad.get(line, set())
            if not written or bad & {"date_as_written", day_col, precision_col, "source_id"}:
                continue
            phrase, _, anchor_id = (part.strip() for part in written.partition("@"))
            anchor = events.get(anchor_id) if anchor_id else published.get(row["source_id"])
            if not anchor:
                problems.append(Problem(sheet.display, line, "date_as_written",
                                        "a phrase, optionally '@<event_id>' of a model event",
                                        shown(written)))
                continue
            try:
                got = dates.resolve(phrase, date.fromisoformat(anchor))
            except dates.UnresolvableDate as err:
                problems.append(Problem(sheet.display, line, "date_as_written", str(err),
                                        shown(written)))
                continue
            if (got.on.isoformat(), got.precision) != (row[day_col], row[precision_col]):
                problems.append(Problem(
                    sheet.display, line, day_col,
                    f"{got.on.isoformat()} ({got.precision}), what {written!r} resolves to "
                    f"({got.how})", shown(row[day_col])))


def display_dir(data_dir: Path) -> str:
    """How the data directory is named in messages: relative to the working directory if inside it."""
    try:
        return str(data_dir.resolve().relative_to(Path.cwd().resolve())) or "."
    except ValueError:
        return str(data_dir)


def read_all(data_dir: Path) -> tuple[dict[str, Sheet], list[Problem]]:
    """Read and check every table. Returns the sheets and the problems, in file order."""
    problems: list[Problem] = []
    shown_dir = display_dir(data_dir)
    sheets = {}
    for name, table in TABLES.items():
        sheet = read_sheet(data_dir / table.filename, table, f"{shown_dir}/{table.filename}",
                           problems)
        if sheet.readable:
            check_sheet(sheet, problems)
        sheets[name] = sheet
    check_references(sheets, problems)
    order = {t.filename: i for i, t in enumerate(TABLES.values())}
    problems.sort(key=lambda p: (order.get(Path(p.file).name, 99), p.line or 0))
    return sheets, problems


def content_hash(data_dir: str | os.PathLike | None = None) -> str:
    """SHA-256 over the schema's CSV files (names and bytes): which data a report was built from."""
    from videorace.data import paths

    directory = paths.data_dir(data_dir)
    digest = hashlib.sha256()
    for table in TABLES.values():
        path = directory / table.filename
        digest.update(table.filename.encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
        digest.update(b"\0")
    return digest.hexdigest()


def validate(data_dir: Path) -> list[Problem]:
    """Every problem in the dataset at ``data_dir``; an empty list when it is clean."""
    return read_all(Path(data_dir))[1]
