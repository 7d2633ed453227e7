"""Reading the dataset's CSV files from raw bytes, so that a wrong encoding, an empty file, a
malformed quote or a truncated row becomes a located ``Problem`` instead of an exception. Line
numbers are physical lines of the file, so a quoted field that spans lines does not shift the
numbers of the rows after it.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from videorace.data.schema import Table


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: str
    expected: str
    found: str
    suggestion: str = ""  # the closest valid value, when one is close

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        # a column name from a broken header may be empty or hold control characters: quote it
        column = self.column if re.fullmatch(r"[\w+]+", self.column) else repr(self.column)
        hint = f"; did you mean '{self.suggestion}'?" if self.suggestion else ""
        return f"{where}: {column}: {self.expected}, found {self.found}{hint}"


@dataclass
class Sheet:
    """One CSV file as read: its header and its records with the physical line each starts on."""

    table: Table
    display: str
    header: list[str] = field(default_factory=list)
    records: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    readable: bool = False
    bad: dict[int, set[str]] = field(default_factory=dict)  # line -> columns that failed a cell check


def shown(value: str) -> str:
    """A cell value as an error message shows it: quoted, escaped, shortened."""
    if value == "":
        return "an empty cell"
    text = value if len(value) <= 60 else value[:57] + "..."
    return repr(text)


def read_sheet(path: Path, table: Table, display: str, problems: list[Problem]) -> Sheet:
    """Parse one CSV file into a Sheet, reporting (not raising) anything that stops a clean read."""
    sheet = Sheet(table, display)

    def fail(line, column, expected, found):
        problems.append(Problem(display, line, column, expected, found))

    if not path.is_file():
        fail(None, "file", f"a CSV file with the {table.name} table", "no such file")
        return sheet
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        fail(line, "encoding", "UTF-8 text", f"byte 0x{raw[err.start]:02x} at offset {err.start}")
        return sheet
    if not text.strip():
        fail(1, "header", "a header row naming the columns " + ", ".join(table.columns),
             "an empty file")
        return sheet

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    previous_end = 0
    try:
        for row in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if not sheet.header:
                sheet.header = row
                continue
            if not any(cell.strip() for cell in row):
                continue  # blank line
            if len(row) != len(sheet.header):
                fail(start, "row", f"{len(sheet.header)} fields as in the header",
                     f"{len(row)} field{'s' if len(row) != 1 else ''}")
                continue
            sheet.records.append((start, dict(zip(sheet.header, row))))
    except csv.Error as err:
        fail(previous_end + 1, "row", "well-formed CSV (quotes closed, inner quotes doubled)",
             str(err))
        return sheet

    missing = [c for c in table.columns if c not in sheet.header]
    extra = [c for c in sheet.header if c not in table.columns]
    for c in missing:
        fail(1, c, "this column in the header", "no such column" +
             (f" (columns not in the schema: {', '.join(extra)})" if extra else ""))
    for c in extra:
        fail(1, c, "only the columns " + ", ".join(table.columns), "an unknown column")
    dupes = {c for c in sheet.header if sheet.header.count(c) > 1}
    for c in sorted(dupes):
        fail(1, c, "each column once", "it more than once")
    sheet.readable = not (missing or extra or dupes)
    return sheet
