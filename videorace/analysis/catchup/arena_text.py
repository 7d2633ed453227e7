"""The arena dimension in words: the snapshot table, who held first place and for how long, and
the sentence per board (``arena`` computes them)."""

from __future__ import annotations

import pandas as pd

from videorace.analysis.catchup.arena import BOARD, CHINA, board_name
from videorace.analysis.markup import SIDE_WORDS
from videorace.data.dates import as_text


def rating_text(model: str, rating, depth: int) -> str:
    """'Seedance 2.0 (1450)'; 'Seedance 1.0 (no rating)' from a rank fact; 'not in the top 3
    recorded' for a side with no entry in the snapshot's ``depth`` consecutive ranks."""
    if not model:
        return f"not among the {depth} entries recorded" if depth > 1 else "not first"
    return f"{model} (no rating)" if pd.isna(rating) else f"{model} ({rating:g})"


INTERVALS = {"close": "level: a point or less apart", "overlap": "level: the published intervals overlap",
             "apart": "the published intervals do not overlap",
             None: "direction only: no intervals published"}


def interval_words(level) -> str:
    """``INTERVALS`` for a ``level`` status; a missing one (None or NaN) is 'direction only'."""
    return INTERVALS[level if isinstance(level, str) else None]


def signed(lead: float) -> str:
    """A lead in points with its sign, to one decimal where it has one: '+29', '-17.4'."""
    return f"{lead:+.1f}".replace(".0", "")


def lead_text(lead, level) -> str:
    """China's lead in points with what the intervals say: '+29 (outside the published
    intervals)', '-20 (within ...)', '-17.4 (no intervals recorded)'; '' when not both rated."""
    if pd.isna(lead):
        return ""
    return f"{signed(lead)} ({interval_words(level)})"


def lead_words(lead, level) -> str:
    """'+86 points (outside the published intervals)'."""
    return f"{signed(lead)} points ({interval_words(level)})"


def snapshot_table(snaps: pd.DataFrame) -> pd.DataFrame:
    """One line per snapshot for display: board, date at its precision, first place and side,
    each side's best (rated where the snapshot gives ratings) and China's lead."""
    return pd.DataFrame({
        "board": [board_name(b, t) for b, t in zip(snaps.leaderboard, snaps.track)],
        "snapshot": [as_text(d, p) for d, p in zip(snaps.snapshot_on, snaps.snapshot_precision)],
        "first": [(h + (" (before its release)" if pre else "")
                   + (f" (first among usable entries; {over} ranked above before its release)"
                      if over else "")) if h else
                  f"no usable entry recorded ({over} first before its release)" if over else "not stated"
                  for h, pre, over in zip(snaps.holder, snaps.holder_prerelease, snaps.passed_over)],
        "first_side": snaps.holder_side,
        "depth": [(f"top {n}" + (", ranked here by rating" if derived else "")) if n else "no rank 1"
                  for n, derived in zip(snaps.top_n, snaps.ranks_derived)],
        "china": [rating_text(m, r, n) if n else "" for m, r, n in
                  zip(snaps.china_model, snaps.china_rating, snaps.top_n)],
        "other": [rating_text(m, r, n) if n else "" for m, r, n in
                  zip(snaps.other_model, snaps.other_rating, snaps.top_n)],
        "lead": [lead_text(v, lv) for v, lv in zip(snaps.lead, snaps.level)],
        "source_id": snaps.source_id})


def span_text(low, high) -> str:
    return f"{low}" if low == high else f"{low} to {high}"


def days_text(seen, seen_high, high, current: bool = False) -> str:
    """'snapshots span 114; at most 239', a span '25 to 55' where a snapshot is dated to its month,
    and 'at most: unknown' for a board's first spell."""
    most = "unknown (no earlier snapshot names first place)" if pd.isna(high) else f"{high}"
    span = "one day's snapshots" if seen_high == 0 else f"snapshots span {span_text(seen, seen_high)}"
    return f"{span}; at most {most}" + (" so far" if current else "")


def runs_table(runs: pd.DataFrame) -> pd.DataFrame:
    """Each spell at first place: board, side, the entries, first and last snapshot, days held."""
    return pd.DataFrame({
        "board": [board_name(b, t) for b, t in zip(runs.leaderboard, runs.track)],
        "side": runs.side,
        "holders": runs.holders,
        "snapshots": [f"{as_text(a, ap)} to {as_text(b, bp)} ({n})" if n > 1 else f"{as_text(a, ap)} (1)"
                      for a, ap, b, bp, n in zip(runs.first_on, runs.first_precision, runs.last_on,
                                                 runs.last_precision, runs.snapshots)],
        "days": [days_text(lo, lo_high, hi, c) for lo, lo_high, hi, c in
                 zip(runs.days_seen, runs.days_seen_high, runs.days_high, runs.current)]})


def board_summary(board_runs: pd.DataFrame, board_snaps: pd.DataFrame, other: str) -> str:
    """One board in a sentence: who holds first place at its latest snapshot and since when (a
    range: after the previous holder's last snapshot, by this spell's first), how many days China
    held it in all, and China's lead in points at the latest snapshot rating both sides."""
    b = board_runs.iloc[0]
    name = board_name(b.leaderboard, b.track)
    now = board_runs[board_runs.current].iloc[0]
    since = since_text(now)
    text = (f"**{name}.** At the latest snapshot ({as_text(now.last_on, now.last_precision)}) first place is "
            f"with {side_words(now.side)} ({now.holders.split(' / ')[-1]}), {since}.")
    if not board_snaps.intervals.any():
        text += " The board publishes no intervals: its order gives a direction only."
    china = board_runs[board_runs.side == CHINA]
    if len(china):
        most = ("an unknown number of days at most" if china.days_high.isna().any() else
                f"at most {china.days_high.sum()} days")
        seen, seen_high = china.days_seen.sum(), china.days_seen_high.sum()
        span = ("one day's snapshots" if seen_high == 0 else
                f"snapshots spanning {span_text(seen, seen_high)} days in all")
        text += (f" China was first in {len(china)} spell{'s' if len(china) > 1 else ''}: "
                 f"{span}, {most} (whether first place changed hands between two snapshots is "
                 "not recorded).")
    else:
        text += " China never held it in the snapshots recorded."
    rated = board_snaps[board_snaps.lead.notna()]
    if len(rated):
        last = rated.iloc[-1]
        text += (f" On {as_text(last.snapshot_on, last.snapshot_precision)}, the latest snapshot "
                 "rating both sides, China's "
                 f"best ({last.china_model}, {last.china_rating:g}) stood {_points(last.lead)} "
                 f"{side_words(other)}'s best ({last.other_model}, {last.other_rating:g}); "
                 f"{interval_words(last.level)}.")
    else:
        text += (f" No snapshot rates both China's and {side_words(other)}'s best, so no lead in "
                 "points.")
    return text


def since_text(run) -> str:
    """When a spell began: 'since between 2026-03-07 and 2026-04-07' (after the previous
    holder's last snapshot, by its own first); 'by May 2026' for a board's first spell."""
    first = as_text(run.first_on, run.first_precision)
    if pd.isna(run.from_early):
        return f"by {first}"
    return f"since between {run.from_early:%Y-%m-%d} and {first}"


def side_words(side: str) -> str:
    """A side as the object of 'with': China, the West, Sora, another Western model."""
    return " and ".join(SIDE_WORDS.get(part, part) for part in side.split(" and "))


def _points(lead: float) -> str:
    if lead == 0:
        return "level with"
    return f"{abs(lead):g} points {'above' if lead > 0 else 'below'}"


def summary(runs: pd.DataFrame, snaps: pd.DataFrame, other: str, window_start, window_end,
            first_in_data=None) -> str:
    """A paragraph per board with a holder; a plain sentence when the window has no snapshot."""
    if snaps.empty:
        first = ("" if first_in_data is None or pd.isna(first_in_data) else
                 f"; the data's first is from {pd.Timestamp(first_in_data):%Y-%m-%d}")
        return (f"No arena snapshot falls between {pd.Timestamp(window_start):%Y-%m-%d} and "
                f"{pd.Timestamp(window_end):%Y-%m-%d} (arena_ratings.csv){first}.")
    parts = []
    for board, board_runs in runs.groupby(BOARD, sort=True):
        mask = (snaps.leaderboard == board[0]) & (snaps.track == board[1])
        parts.append(board_summary(board_runs, snaps[mask], other))
    return "\n\n".join(parts)


def source_ids(table: pd.DataFrame) -> list[str]:
    """The sources of the arena entries shown, with their cross-checking copies."""
    also = table.also_source_ids.dropna().str.split(";").explode() if len(table) else []
    return sorted(set(table.source_id) | set(also))


def beside_text(rows: pd.DataFrame) -> str:
    """The rows left out of the boards' standing, in a sentence: how many, from whom, on which
    boards; '' when none."""
    if rows.empty:
        return ""
    kinds = rows.source_class.value_counts()
    who = {"maker": ("a model's maker", "models' makers"), "seller": ("a seller of access", "sellers of access")}
    parts = [f"{n} from {who.get(k, (k, k))[n > 1]}" for k, n in kinds.items()]
    boards = sorted({board_name(b, t) for b, t in zip(rows.leaderboard, rows.track)})
    return (f"Left out of the boards' standing: {len(rows)} entr{'y' if len(rows) == 1 else 'ies'} "
            f"({', '.join(parts)}) on {'; '.join(boards)}. A maker's or a seller's page may "
            "show a board as it chooses, so it is reported here, never taken as the board's state.")


def beside_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows left out of the boards' standing, one line each: board, date, entry, rank and
    rating as that page gave them, whose page it is, and the source."""
    who = {"maker": "the model's maker", "seller": "a seller of access"}
    return pd.DataFrame({
        "board": [board_name(b, t) for b, t in zip(rows.leaderboard, rows.track)],
        "snapshot": [as_text(d, p) for d, p in zip(rows.snapshot_on, rows.snapshot_precision)],
        "entry": rows.model_name,
        "rank": ["" if pd.isna(r) else f"{int(r)}" for r in rows["rank"]],
        "rating": ["" if pd.isna(r) else f"{r:g}" for r in rows.rating],
        "page": [who.get(k, k) for k in rows.source_class],
        "source_id": rows.source_id})
