"""Relative dates ("on Tuesday", "last Friday", "two months prior") resolved against an article's date.

Articles date things relative to their own publication. The dataset keeps the article's wording in
``date_as_written`` and the validator checks that resolving it here gives the stored date, so the
resolution is code, tested, and never a silent hand calculation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


@dataclass(frozen=True)
class Resolved:
    on: date
    precision: str  # day | month | quarter | year
    how: str  # the rule applied, in words


class UnresolvableDate(ValueError):
    """The wording is not one this module knows how to resolve."""


def month_start(d: date) -> date:
    return d.replace(day=1)


def period_start(d: date, precision: str) -> date:
    """The first day of the day, month, quarter or year containing ``d``."""
    if precision == "day":
        return d
    if precision == "month":
        return d.replace(day=1)
    if precision == "quarter":
        return date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)
    if precision == "year":
        return date(d.year, 1, 1)
    raise ValueError(f"precision must be one of day, month, quarter, year, not {precision!r}")


def period_end(d: date, precision: str) -> date:
    """The last day of the period that starts at ``period_start(d, precision)``."""
    start = period_start(d, precision)
    months = {"day": 0, "month": 1, "quarter": 3, "year": 12}[precision]
    if months == 0:
        return start
    return add_months(start, months) - timedelta(days=1)


def add_months(d: date, months: int) -> date:
    """``d`` moved by whole months, the day clipped to the target month's length."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(d.day, last))


def resolve(expression: str, anchor: date) -> Resolved:
    """Resolve an article's relative wording against the article's own date ``anchor``.

    - ``on <weekday>``: that weekday on or before the anchor ("on Tuesday" in an article dated
      Friday 2024-08-02 is 2024-07-30).
    - ``last <weekday>``: strictly before the anchor, so "last Friday" on Friday 2024-08-02 is
      2024-07-26.
    - ``<n> months prior``: the month n months before the anchor, month precision.
    - ``the day after`` / ``the next day``: the day after the anchor (the anchor being the event
      the article counts from).
    - ``in <month>``: that month, in the anchor's year if not after the anchor, else the year before.
    """
    text = " ".join(expression.lower().replace(",", " ").split())
    m = re.fullmatch(r"(on|last) (\w+)", text)
    if m and m.group(2) in WEEKDAYS:
        target = WEEKDAYS.index(m.group(2))
        back = (anchor.weekday() - target) % 7
        if m.group(1) == "last" and back == 0:
            back = 7
        return Resolved(anchor - timedelta(days=back), "day",
                        f"{m.group(2).title()} {'on or ' if m.group(1) == 'on' else ''}before "
                        f"{anchor.isoformat()}")
    m = re.fullmatch(r"(\w+) months? (?:prior|earlier|before|ago)", text)
    if m and (m.group(1) in NUMBERS or m.group(1).isdigit()):
        n = NUMBERS.get(m.group(1)) or int(m.group(1))
        return Resolved(month_start(add_months(anchor, -n)), "month",
                        f"{n} month(s) before {anchor.isoformat()}, month precision")
    if text in ("the day after", "the next day", "a day later"):
        return Resolved(anchor + timedelta(days=1), "day", f"the day after {anchor.isoformat()}")
    m = re.fullmatch(r"in (\w+)(?: of this year)?", text)
    if m and m.group(1) in MONTHS:
        month = MONTHS.index(m.group(1)) + 1
        year = anchor.year if month <= anchor.month else anchor.year - 1
        return Resolved(date(year, month, 1), "month",
                        f"the {m.group(1).title()} on or before {anchor.isoformat()}")
    raise UnresolvableDate(
        f"cannot resolve {expression!r}: expected 'on <weekday>', 'last <weekday>', "
        "'<n> months prior', 'the day after' or 'in <month>'")


def as_text(d, precision: str = "day") -> str:
    """A date written at the precision it is known: ``2024-03-12``, ``Mar 2024``, ``2024 Q1``,
    ``2024``; 'no date' when missing. Accepts a ``date`` or a pandas ``Timestamp``."""
    if d is None or d != d:  # None, NaT or NaN
        return "no date"
    if precision == "day":
        return d.strftime("%Y-%m-%d")
    if precision == "month":
        return d.strftime("%b %Y")
    if precision == "quarter":
        return f"{d.year} Q{(d.month - 1) // 3 + 1}"
    if precision == "year":
        return f"{d.year}"
    raise ValueError(f"precision must be one of day, month, quarter, year, not {precision!r}")
