"""What the index opens with, composed from the whole-period reports' answers (``report.answer``)
and the build state: the date the answer is true to, each arena board whose latest snapshot is
older than that, the answer in a paragraph, and the short cells and headers of the table."""

from __future__ import annotations

import re
from datetime import date, datetime

from videorace.analysis.markup import SIDE_WORDS

SNAPSHOT = re.compile(r"latest snapshot: ([^;)]+)")
LEAD = re.compile(r"on [^:;]+: ([+-][^;)]+)")
#: The order of the paragraph's groups; any other leader words follow these.
ORDER = ("China", "Sora", "Western", "level")
BASIS_WORDS = {"usable against usable": "usable products",
               "demonstrated against demonstrated": "as demonstrated"}


def answered(state: dict) -> list[dict]:
    """The state's entries that carry an answer, in key order."""
    return [state[k] for k in sorted(state) if state[k].get("answer", {}).get("rows")]


def short_since(text: str) -> str:
    """A row's 'since' without its parenthesised notes: 'between 2026-08-04 and 2026-08-14'."""
    return text.split(" (", 1)[0] if text.startswith(("between", "by")) else text


def snapshot_of(row: dict) -> str:
    """The date of a board's latest snapshot as its row gives it, '' for a row without one."""
    found = SNAPSHOT.search(row.get("since", ""))
    return found.group(1).strip() if found else ""


def lead_of(row: dict) -> str:
    """A board's lead at its latest snapshot with its interval status ('+27 points, the
    published intervals do not overlap'), '' when the row states none."""
    found = LEAD.search(row.get("since", "").split("; ", 1)[-1]) if "points" in row.get("since", "") else None
    return found.group(1).strip() if found else ""


def date_line(columns: list[dict], built_at: str) -> dict | None:
    """The date the answer is true to: the latest 'as of' among the answers, the day of the
    build (``built_at``, an ISO time) and the days between; None without an answer."""
    days = [c["answer"]["as_of"] for c in columns if _day(c["answer"]["as_of"]) is not None]
    if not days:
        return None
    data_to = max(days, key=_day)
    built = built_at[:10]
    gap = (_day(built) - _day(data_to)).days if _day(built) is not None else None
    return {"data_to": data_to, "built": built, "days": gap}


def stale_boards(columns: list[dict], data_to: str) -> list[dict]:
    """Each arena board (once, by its row name) whose latest snapshot falls before ``data_to``:
    the board, the snapshot's date and the days between."""
    out, seen = [], set()
    end = _day(data_to)
    for column in columns:
        for row in column["answer"]["rows"]:
            when = snapshot_of(row)
            if not when or row["row"] in seen or _day(when) is None or end is None:
                continue
            seen.add(row["row"])
            if _day(when) < end:
                out.append({"board": board_words(row["row"]), "snapshot": when,
                            "days": (end - _day(when)).days})
    return out


def board_words(row: str) -> str:
    """'first place, LMArena, text to video' -> 'LMArena text to video'; other rows keep theirs
    without their unit ('longest single clip (s)' -> 'longest single clip')."""
    name = row.removeprefix("first place, ")
    return re.sub(r" \([^)]*\)$", "", name.replace(", ", " ") if name != row else name)


def basis_of(column: dict) -> str:
    """The basis a column compares on, from its rows' dimension ('... (usable)' -> 'usable')."""
    found = re.search(r"\((\w+)\)$", column["answer"]["rows"][0].get("dimension", ""))
    return found.group(1) if found else ""


def header(title: str) -> str:
    """A column's header in a reader's words: 'The catch-up ...: China against Sora and its
    successors, usable against usable' -> 'China against Sora and its successors, usable
    products'."""
    words = title.split(": ", 1)[-1]
    for long, short in BASIS_WORDS.items():
        words = words.replace(long, short)
    return words


def clauses(column: dict) -> list[dict]:
    """One column's answer in groups by leader, in ``ORDER``: the leader in words and its items,
    each the dimension, since when and (a board) China's lead at the latest snapshot. Rows that do
    not apply or have no comparable score are left out, and so is a board whose first place is outside the comparison (a
    column against all Western models names its side)."""
    groups: dict[str, list[str]] = {}
    for row in column["answer"]["rows"]:
        now = row["now"]
        if now == "not applicable":
            continue
        if now.startswith("no comparable score"):
            continue  # the table says since when; no one leads on it
        if snapshot_of(row) and now not in ORDER:
            continue  # a board led outside this comparison: the column against all names its side
        item = board_words(row["row"])
        when = short_since(row.get("since", ""))
        if " to " in when and not when.startswith("between"):  # a spell begun within a span
            when = "between {} and {}".format(*when.split(" to ", 1))
        if when:
            item += f" {when}" if when.startswith(("between", "by", "throughout")) else f" since {when}"
        lead = lead_of(row)
        if lead:
            item += f" (China {lead})"
        groups.setdefault(now, []).append(item)
    ranked = sorted(groups, key=lambda k: ORDER.index(k) if k in ORDER else len(ORDER))
    return [{"leader": _leads(k), "parts": groups[k]} for k in ranked]


def _leads(now: str) -> str:
    words = SIDE_WORDS.get(now, now)
    if now == "level":
        return "level on"
    if now in ("neither yet", "no comparison"):
        return f"{words} on"
    return f"{words} leads on"


def paragraph(columns: list[dict]) -> list[dict]:
    """The answer in a paragraph: one sentence per column that compares usable products (all
    columns when none does), each its header and its groups of clauses, linked to its report."""
    usable = [c for c in columns if basis_of(c) == "usable"] or columns
    return [{"html": c["html"], "header": header(c["title"]), "clauses": clauses(c)} for c in usable]


def _day(text: str) -> date | None:
    """The first day a date as the data writes it can mean ('2026-08-19', '2026-05', 'May 2026',
    '2026'), None for anything else."""
    for form in ("%Y-%m-%d", "%Y-%m", "%B %Y", "%Y"):
        try:
            return datetime.strptime(str(text).strip(), form).date()
        except ValueError:
            continue
    return None
