"""The catch-up in words: values, lags, the table and the sentence per dimension."""

from __future__ import annotations

import pandas as pd

from videorace.analysis.catchup.compute import CHINA, DIMENSIONS, standing
from videorace.data.dates import as_text


def value_text(dimension: str, value: float) -> str:
    if dimension in ("available", "open_weights"):
        return "yes" if value >= 1 else "none"
    if dimension == "clip_s":
        return f"{value:g} s"
    if dimension == "height_px":
        return f"{value:g}p"
    return f"{value:.2f}"


def lag_text(low, high) -> str:
    """'12 days later', '3 to 40 days later', '10 days earlier', 'between 5 days earlier and 20
    days later' (a range that spans zero)."""
    if pd.isna(high):
        return f"not matched, at least {low} days on"
    if low >= 0:
        span = f"{low}" if low == high else f"{low} to {high}"
        return f"{span} day{'s' if high != 1 else ''} later"
    if high <= 0:
        span = f"{-high}" if low == high else f"{-high} to {-low}"
        return f"{span} day{'s' if low != -1 else ''} earlier"
    return f"between {-low} days earlier and {high} days later"


def lag_table(all_lags: pd.DataFrame) -> pd.DataFrame:
    """``lags`` of every dimension for display: dates at their precision, lags in words."""
    out = pd.DataFrame({
        "dimension": all_lags.dimension.map(DIMENSIONS),
        "whose milestone": all_lags.side,
        "milestone": [value_text(d, v) for d, v in zip(all_lags.dimension, all_lags.milestone)],
        "first reached by": all_lags.model,
        "on": [as_text(d, p) for d, p in zip(all_lags.on, all_lags.precision)],
        "matched by the other side with": all_lags.matched_by,
        "matched on": [as_text(d, p) if m else "" for d, p, m in
                       zip(all_lags.matched_on, all_lags.matched_precision, all_lags.matched)],
        "lag": [lag_text(lo, hi) for lo, hi in zip(all_lags.days_low, all_lags.days_high)]})
    return out.reset_index(drop=True)


def summary(dimension: str, table: pd.DataFrame, dim_lags: pd.DataFrame, other: str,
            window_end: pd.Timestamp) -> str:
    """Who led at the window's end, and how long China took to match the comparator's best."""
    name = DIMENSIONS[dimension]
    at_end = standing(table, window_end)
    cn, them = at_end.get(CHINA, 0.0), at_end.get(other, 0.0)
    lead = lead_text(cn, them, other)
    text = (f"**{name[:1].upper() + name[1:]}**: by {window_end.date()}, China "
            f"{value_text(dimension, cn)} against {other} {value_text(dimension, them)} ({lead}).")
    theirs = dim_lags[dim_lags.side == other]
    if theirs.empty:
        return text + f" {other} {'have' if other == 'Comparators' else 'has'} no dated value for it."
    best = theirs.iloc[-1]
    reached = f"{_poss(other)} {value_text(dimension, best.milestone)} ({best.model}, " \
              f"{as_text(best.on, best.precision)})"
    if not best.matched:
        return text + f" China had not matched {reached} by {window_end.date()}."
    when = as_text(best.matched_on, best.matched_precision)
    if not pd.isna(best.days_high) and best.days_high < 0:
        return text + (f" China got there first: {best.matched_by} ({when}) reached it "
                       f"{lag_text(best.days_low, best.days_high).replace('earlier', 'before')}.")
    return text + (f" China matched {reached} with {best.matched_by} ({when}), "
                   f"{lag_text(best.days_low, best.days_high)}.")


def key_figures(all_items, all_lags, dimensions, other: str, window_end) -> dict[str, str]:
    """Per dimension, the standing at the window's end in a few words."""
    figures = {}
    for dim in dimensions:
        at_end = standing(all_items[all_items.dimension == dim], window_end)
        cn, them = at_end.get(CHINA, 0.0), at_end.get(other, 0.0)
        lead = lead_text(cn, them, other)
        figures[DIMENSIONS[dim]] = (f"China {value_text(dim, cn)}, {other} "
                                    f"{value_text(dim, them)} ({lead}); "
                                    + headline(all_lags[all_lags.dimension == dim], other))
    return figures


def _poss(label: str) -> str:
    """'Sora's', 'the comparators'' best."""
    return "the comparators'" if label == "Comparators" else f"{label}'s"


def headline(dim_lags: pd.DataFrame, other: str) -> str:
    """China's lag or lead, in days, on the comparator's best milestone."""
    theirs = dim_lags[dim_lags.side == other]
    if theirs.empty:
        return f"{other} {'have' if other == 'Comparators' else 'has'} no value"
    best = theirs.iloc[-1]
    if not best.matched:
        return f"{_poss(other)} best not matched by the end: at least {best.days_low} days behind"
    lag = lag_text(best.days_low, best.days_high)
    verb = "had it" if not pd.isna(best.days_high) and best.days_high < 0 else "matched it"
    return f"on {_poss(other)} best, China {verb} {lag}"


def lead_text(china: float, them: float, other: str) -> str:
    return "level" if china == them else "China ahead" if china > them else f"{other} ahead"


def plot_alt(all_items: pd.DataFrame, dimensions, other: str, window_end: pd.Timestamp) -> str:
    """The frontier chart in one sentence: per panel, where each side stood at the window's end."""
    parts = []
    for dim in dimensions:
        at_end = standing(all_items[all_items.dimension == dim], window_end)
        parts.append(f"{DIMENSIONS[dim]}: China {value_text(dim, at_end.get(CHINA, 0.0))}, "
                     f"{other} {value_text(dim, at_end.get(other, 0.0))}")
    return (f"Step lines of each side's best over the window, one panel per dimension; by "
            f"{as_text(window_end)}, " + "; ".join(parts) + ".")
