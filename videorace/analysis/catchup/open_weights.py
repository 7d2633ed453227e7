"""Open weights as a race: how many open-weights video models each side released, quarter by
quarter, and each side's best open-weights model on the arena boards, snapshot by snapshot.

Sides are by the maker's country: China (``vocab.CHINA``) and the West (``vocab.WEST``); makers
elsewhere or of unknown country count on neither. A release is a text-to-video or image-to-video
model's first ``open_weights`` event in model_events.csv (several sources for one release count
once). An open-weights model is one whose ``openness`` in models.csv includes ``open_weights``.
"""

from __future__ import annotations

import pandas as pd

from videorace.analysis.catchup.arena import SNAPSHOT, top_n
from videorace.data.vocab import CHINA as CHINA_CODE, CHINA_SIDE, VIDEO_KINDS, WEST, WEST_SIDE

SIDES = (CHINA_SIDE, WEST_SIDE)
RELEASE_COLUMNS = ["model_id", "name", "side", "released_on", "precision", "quarter"]
BEST_COLUMNS = SNAPSHOT + ["snapshot_precision", "side", "model_name", "rating", "rank"]
#: The share of open releases is counted from here: the first year after Sora's launch
#: (December 2024), when open video models became a race of their own.
RACE_FROM = "2025-01-01"


def side_of(country) -> str | None:
    """China, the West, or None (neither side, or no country in the data)."""
    if country == CHINA_CODE:
        return CHINA_SIDE
    return WEST_SIDE if country in WEST else None


def is_open(openness: pd.Series) -> pd.Series:
    """Whether each ``openness`` value (';'-separated classes) includes open_weights."""
    return openness.fillna("").str.split(";").map(lambda parts: "open_weights" in parts)


def releases(ds) -> pd.DataFrame:
    """Each video model's first open-weights release with its side and calendar quarter
    ('2025 Q1'), earliest first; models of neither side are left out."""
    models = ds.models[ds.models.kind.isin(VIDEO_KINDS)][["model_id", "name", "org_id"]]
    ev = ds.model_events[ds.model_events.event == "open_weights"]
    ev = ev.merge(models, on="model_id").merge(ds.organizations[["org_id", "country"]],
                                                on="org_id", how="left")
    ev = ev.assign(released_on=pd.to_datetime(ev.happened_on), side=ev.country.map(side_of))
    ev = ev[ev.side.notna()].sort_values(["released_on", "model_id"]).drop_duplicates("model_id")
    ev = ev.assign(quarter=[f"{d.year} Q{d.quarter}" for d in ev.released_on])
    return ev[RELEASE_COLUMNS].reset_index(drop=True)


def by_quarter(rel: pd.DataFrame) -> pd.DataFrame:
    """Releases counted per quarter and side: one row per quarter from the first to the last
    release (quarters with none included, as 0), one column per side."""
    if rel.empty:
        return pd.DataFrame(columns=["quarter", *SIDES])
    periods = pd.period_range(rel.released_on.min(), rel.released_on.max(), freq="Q")
    labels = [f"{p.year} Q{p.quarter}" for p in periods]
    counts = rel.groupby(["quarter", "side"]).size().unstack(fill_value=0)
    counts = counts.reindex(index=labels, columns=list(SIDES), fill_value=0)
    return counts.rename_axis(index="quarter", columns=None).reset_index()


def share_start(window_start, window_end) -> pd.Timestamp:
    """The day the share of open releases is counted from: ``RACE_FROM`` for a window reaching
    it, else the window's first day (a 2024 window counts its own year, not a later one)."""
    race_from = pd.Timestamp(RACE_FROM)
    return race_from if pd.Timestamp(window_end) >= race_from else pd.Timestamp(window_start)


def share_text(rel: pd.DataFrame, since, until=None) -> str:
    """'From 2025-01-01 to 2026-08-19, 30 of the 36 open-weights text- and image-to-video
    releases in the data are Chinese (6 Western).' Without ``until``, to the last release."""
    since = pd.Timestamp(since)
    after = rel[rel.released_on >= since]
    if until is not None:
        after = after[after.released_on <= pd.Timestamp(until)]
    span = f"From {since:%Y-%m-%d}" + (f" to {pd.Timestamp(until):%Y-%m-%d}" if until is not None else "")
    china = int((after.side == CHINA_SIDE).sum())
    west = int((after.side == WEST_SIDE).sum())
    if after.empty:
        return f"{span}, no open-weights video model in the data was released."
    return (f"{span}, {china} of the {len(after)} open-weights text- and "
            f"image-to-video releases in the data are Chinese ({west} Western).")


def best_on_boards(entries: pd.DataFrame, models: pd.DataFrame) -> pd.DataFrame:
    """Per board snapshot and side, the best open-weights entry that counts on the basis, among
    the ranks the snapshot records without a gap: the highest rated, or, in a rank fact, the
    highest ranked (``BEST_COLUMNS``)."""
    open_ids = set(models.model_id[is_open(models.openness)])
    rows = []
    for key, snap in entries.groupby(SNAPSHOT, sort=True):
        depth = top_n(snap["rank"])
        pool = snap[snap.counts & snap.model_id.isin(open_ids) & (snap["rank"] <= depth)]
        pool = pool.assign(open_side=pool.country.map(side_of))
        precision = snap.snapshot_precision.iloc[0] if "snapshot_precision" in snap else "day"
        for side in SIDES:
            mine = pool[pool.open_side == side]
            if mine.empty:
                continue
            best = mine.sort_values(["rating", "rank"], ascending=[False, True],
                                    na_position="last").iloc[0]
            rows.append(dict(zip(SNAPSHOT, key)) | {
                "snapshot_precision": precision, "side": side, "model_name": best.model_name,
                "rating": best.rating, "rank": best["rank"]})
    out = pd.DataFrame(rows, columns=BEST_COLUMNS)
    return out.sort_values(SNAPSHOT + ["side"]).reset_index(drop=True)


def board_table(best: pd.DataFrame) -> pd.DataFrame:
    """``best_on_boards`` one row per snapshot: each side's best open model as 'name (rank N,
    rating R)', empty where the side had none within the recorded ranks."""
    def words(r) -> str:
        rating = f", rating {r.rating:.0f}" if pd.notna(r.rating) else ""
        return f"{r.model_name} (rank {int(r['rank'])}{rating})"

    if best.empty:
        return pd.DataFrame(columns=SNAPSHOT + ["snapshot_precision", *SIDES])
    cells = best.assign(cell=best.apply(words, axis=1))
    wide = cells.pivot_table(index=SNAPSHOT + ["snapshot_precision"], columns="side", values="cell", aggfunc="first")
    wide = wide.reindex(columns=list(SIDES)).fillna("")
    return wide.rename_axis(columns=None).reset_index()


def plot(counts: pd.DataFrame):
    """Open-weights video releases per quarter, one bar per side."""
    from videorace.analysis import plots
    from videorace.analysis.catchup.arena_lines import OTHER_COLOR, SIDE_COLORS

    fig, ax = plots.figure("Open-weights video models released per quarter, by side",
                           "", "releases (count)", size=(9, 4.2))
    x = range(len(counts))
    for offset, side in zip((-0.2, 0.2), SIDES):
        ax.bar([i + offset for i in x], counts[side], width=0.4, label=side,
               color=SIDE_COLORS.get(side, OTHER_COLOR))
    # "Q3" under each bar pair, the year under a year's first quarter shown
    years = counts.quarter.str[:4]
    ax.set_xticks(list(x), [q[5:] + ("\n" + y if i == 0 or y != years.iloc[i - 1] else "")
                            for i, (q, y) in enumerate(zip(counts.quarter, years))])
    ax.grid(axis="x", visible=False)
    ax.legend(loc="upper left")
    plots.finish(fig, "A release: a text- or image-to-video model's first open_weights event. "
                 "Sources: model_events.csv, models.csv, organizations.csv")
    return fig


def plot_alt(counts: pd.DataFrame, rel: pd.DataFrame, since, until=None) -> str:
    """The bar chart's facts: totals per side, the busiest quarter and the share since ``since``."""
    totals = {side: int(counts[side].sum()) for side in SIDES}
    peak = counts.loc[(counts[CHINA_SIDE] + counts[WEST_SIDE]).idxmax()] if len(counts) else None
    peak_text = (f"; the most in {peak.quarter} ({peak[CHINA_SIDE]} Chinese, {peak[WEST_SIDE]} "
                 "Western)" if peak is not None else "")
    return (f"Bars per quarter of open-weights video releases: {totals[CHINA_SIDE]} Chinese and "
            f"{totals[WEST_SIDE]} Western in all{peak_text}. " + share_text(rel, since, until))
