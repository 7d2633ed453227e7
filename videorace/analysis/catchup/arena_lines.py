"""Arena ratings over time: per board, a line per side through every snapshot that records ratings.

``lines`` takes the entries ``arena.entries`` returns (board or relay sources only, each with
``counts`` for the basis) and gives one row per board, snapshot and side: China's best, the
comparator's best and, where the comparator is wider than Sora, Sora's own best, with the
published interval and whether that entry holds first place. A side's best is taken among the
ranks the snapshot records without a gap (``arena.top_n``), as in ``arena.snapshots``; Sora's own
line takes any rating of a Sora model in the snapshot (its rating is known wherever it is listed).
An entry that does not count on the basis (rated before its model was usable) is no side's best.
"""

from __future__ import annotations

import pandas as pd

from videorace.analysis.catchup.arena import BOARD, CHINA, SNAPSHOT, board_name, first_place, top_n
from videorace.analysis.catchup.arena_text import side_words
from videorace.data.dates import as_text
from videorace.data.vocab import SORA_FAMILY

SORA = "Sora"
LINE_COLUMNS = BOARD + ["snapshot_on", "source_id", "side", "model_name", "rating", "ci_low",
                        "ci_high", "first"]
SIDE_COLORS = {CHINA: "#d62728", SORA: "#1f77b4"}
OTHER_COLOR = "#4d4d4d"
SIDE_ORDER = {CHINA: 0, SORA: 2}  # the comparator between


def _number(value) -> float:
    return float("nan") if pd.isna(value) else float(value)


def _row(key, side, entry, firsts) -> dict:
    return dict(zip(SNAPSHOT, key)) | {
        "side": side, "model_name": entry.model_name, "rating": float(entry.rating),
        "ci_low": _number(entry.ci_low), "ci_high": _number(entry.ci_high),
        "first": entry.rating_id in firsts}


def lines(entries: pd.DataFrame, other: str) -> pd.DataFrame:
    """One row per board, rated snapshot and side (``LINE_COLUMNS``): the side's highest-rated
    counted entry, its interval (NaN where none was published) and ``first`` (it shares first
    place). Sides: China, ``other``, and Sora unless ``other`` is Sora. Snapshots without a rating
    (a rank fact) give no row."""
    rows = []
    for key, snap in entries.groupby(SNAPSHOT, sort=True):
        if not snap.rating.notna().any():
            continue
        depth = top_n(snap["rank"])
        firsts = set(first_place(snap, depth).rating_id)
        counted = snap[snap.counts & snap.rating.notna()]
        within = counted[counted["rank"] <= depth]
        for side in (CHINA, other):
            mine = within[within.side == side]
            if len(mine):
                rows.append(_row(key, side, mine.loc[mine.rating.idxmax()], firsts))
        if other != SORA:
            sora = counted[counted.family == SORA_FAMILY]
            if len(sora):
                rows.append(_row(key, SORA, sora.loc[sora.rating.idxmax()], firsts))
    out = pd.DataFrame(rows, columns=LINE_COLUMNS)
    return out.astype({"first": bool}).sort_values(SNAPSHOT + ["side"]).reset_index(drop=True)


def latest(table: pd.DataFrame) -> pd.DataFrame:
    """Per board and side, the row of its last rated snapshot: China, the comparator, then Sora."""
    last = table.sort_values("snapshot_on").groupby(BOARD + ["side"], sort=True).tail(1)
    last = last.assign(order=last.side.map(lambda side: SIDE_ORDER.get(side, 1)))
    return last.sort_values(BOARD + ["order"]).drop(columns="order").reset_index(drop=True)


def alt(table: pd.DataFrame) -> str:
    """The chart's facts in words: per board, each side's latest rating, model and date, and who
    held first place."""
    parts = []
    for (board, track), last in latest(table).groupby(BOARD, sort=True):
        sides = [f"{side_words(r.side)}'s best {r.model_name} {r.rating:.0f}"
                 + (f" ({r.ci_low:.0f} to {r.ci_high:.0f})" if pd.notna(r.ci_low) else "")
                 + (" at first place" if r.first else "")
                 + f" on {as_text(r.snapshot_on)}" for r in last.itertuples()]
        parts.append(f"{board_name(board, track)}: " + ", ".join(sides))
    return ("Lines of each side's best arena rating at every snapshot that records ratings, one "
            "panel per board, with published intervals as bands and first place starred; latest: "
            + "; ".join(parts) + ".")


def plot(table: pd.DataFrame):
    """One panel per board: a line per side through its rated snapshots, its published interval
    as a band, a star where that side's entry holds first place."""
    from videorace.analysis import plots

    boards = list(table.groupby(BOARD, sort=True))
    fig, axes = plots.plt.subplots(len(boards), 1, figsize=(9, 2.6 * len(boards) + 1.0),
                                   sharex=True, squeeze=False)
    # the boards' span: the first rated snapshot came long after a 2024 start, the last before
    # a window ending at the data's end
    start, end = table.snapshot_on.min(), table.snapshot_on.max()
    pad = max((end - start) / 20, pd.Timedelta(days=10))
    for ax, ((board, track), rows) in zip(axes[:, 0], boards):
        for side, mine in sorted(rows.groupby("side"), key=lambda part: SIDE_ORDER.get(part[0], 1)):
            color = SIDE_COLORS.get(side, OTHER_COLOR)
            ax.plot(mine.snapshot_on, mine.rating, marker="o", ms=4, lw=1.8, color=color,
                    label=f"{side_words(side)}'s best")
            banded = mine[mine.ci_low.notna()]
            if len(banded):
                ax.fill_between(banded.snapshot_on, banded.ci_low, banded.ci_high, color=color,
                                alpha=0.15, lw=0)
            won = mine[mine["first"]]
            if len(won):
                ax.plot(won.snapshot_on, won.rating, ls="", marker="*", ms=14, color=color,
                        mec="black", mew=0.6, label=f"first place: {side_words(side)}")
        ax.set_title(board_name(board, track), loc="left", fontsize=10)
        ax.set_ylabel("rating")
        ax.set_xlim(start - pad, end + pad)
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    plots.month_axis(axes[-1, 0])
    fig.suptitle("Arena ratings over time: each side's best at every rated snapshot",
                 fontweight="bold")
    plots.finish(fig, "Bands: published intervals. Ratings compare only within one board and one "
                 "snapshot. Source: arena_ratings.csv")
    return fig
