"""One column of the dataset: its kind, meaning, unit and allowed values (``schema`` lists them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    """One column. ``kind`` decides how a cell is parsed and checked."""

    name: str
    kind: str  # id | ref | refs | text | enum | enums | country | date | int | float | bool | url
    description: str
    unit: str = ""
    allowed: tuple[str, ...] = ()
    ref: str = ""  # the table whose primary key a ref/refs column names
    minimum: float | None = None
    required: bool = True

    @property
    def expected(self) -> str:
        """What a valid cell looks like, in words, for error messages and the codebook."""
        return {
            "id": "an id of lower-case letters, digits and underscores",
            "ref": f"an id listed in {self.ref}.csv",
            "refs": f"ids listed in {self.ref}.csv, separated by ';'",
            "text": "one line of plain text",
            "enum": "one of " + ", ".join(self.allowed),
            "enums": "one or more of " + ", ".join(self.allowed) + ", separated by ';'",
            "country": "an ISO 3166-1 alpha-2 country code (two capital letters: CN, US, GB)",
            "date": "a date as YYYY-MM-DD",
            "int": "a whole number" + (f" >= {self.minimum:g}" if self.minimum is not None else ""),
            "float": "a number" + (f" >= {self.minimum:g}" if self.minimum is not None else ""),
            "bool": "true or false",
            "url": "an http(s):// address",
        }[self.kind]
