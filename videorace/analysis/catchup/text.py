"""The catch-up in words: values, lags, the table and the sentence per dimension."""

from __future__ import annotations

import pandas as pd

from videorace.analysis import comparable
from videorace.analysis.catchup.compute import BINARY, CHINA, DIMENSIONS, dimension_name, standing
from videorace.data.dates import as_text

#: How a side with nothing yet is described, by mode.
NOT_YET = {"public": "no public value in the data yet", "demo": "no shown value in the data yet"}


def value_text(dimension: str, value: float) -> str:
    """A value in words; a missing one is 'no value', never 0 s or 0p."""
    if value is None or pd.isna(value):
        return "no value"
    if dimension in BINARY:
        return "yes" if value >= 1 else "none"
    if dimension == "clip_s":
        return f"{value:g} s"
    if dimension == "height_px":
        return f"{value:g}p"
    return f"{value:.2f}"


def lag_text(low, high) -> str:
    """'12 days later', '3 to 40 days later', '10 days earlier', 'between 5 days earlier and 20
    days later' (a range that spans zero)."""
    if pd.isna(high):  # a milestone whose date runs past the window's end has no days to count yet
        return f"not matched, at least {low} days on" if low > 0 else "not matched by the window's end"
    if low >= 0:
        span = f"{low}" if low == high else f"{low} to {high}"
        return f"{span} day{'s' if high != 1 else ''} later"
    if high <= 0:
        span = f"{-high}" if low == high else f"{-high} to {-low}"
        return f"{span} day{'s' if low != -1 else ''} earlier"
    return f"between {-low} days earlier and {high} days later"


def lag_table(all_lags: pd.DataFrame, mode: str = "public") -> pd.DataFrame:
    """``lags`` of every dimension for display: dates at their precision, lags in words, and where
    the other side stood when the milestone came ('not yet public' when it had nothing)."""
    then = [NOT_YET.get(mode, "no value") if pd.isna(v) else value_text(d, v)
            for d, v in zip(all_lags.dimension, all_lags.other_then)]
    out = pd.DataFrame({
        "dimension": [dimension_name(d, mode) for d in all_lags.dimension],
        "whose milestone": all_lags.side,
        "milestone": [value_text(d, v) for d, v in zip(all_lags.dimension, all_lags.milestone)],
        "first reached by": all_lags.model,
        "on": [as_text(d, p) for d, p in zip(all_lags.on, all_lags.precision)],
        "other side then": then,
        "matched by the other side with": all_lags.matched_by,
        "matched on": [as_text(d, p) if m else "" for d, p, m in
                       zip(all_lags.matched_on, all_lags.matched_precision, all_lags.matched)],
        "lag": [lag_text(lo, hi) + (" (within the spread)" if w else "") for lo, hi, w in
                zip(all_lags.days_low, all_lags.days_high, all_lags.within_spread)]})
    return out.reset_index(drop=True)


def summary(dimension: str, table: pd.DataFrame, dim_lags: pd.DataFrame, other: str,
            window_end: pd.Timestamp, tolerance: float = 0.0, mode: str = "public",
            applicable: bool = True) -> str:
    """Who led at the window's end, and how long China took to match the comparator's best."""
    name = dimension_name(dimension, mode)
    title = f"**{name[:1].upper() + name[1:]}**"
    if not applicable:
        return (f"{title}: not applicable against {other}, which never released weights; "
                f"China's releases are listed in the table below.")
    at_end = standing(table, window_end)
    cn, them = at_end.get(CHINA, float("nan")), at_end.get(other, float("nan"))
    if dimension in BINARY and pd.isna(cn) and pd.isna(them):
        return f"{title}: by {window_end.date()}, neither China nor {other} had one in the data."
    lead = lead_text(cn, them, other, tolerance)
    text = (f"{title}: by {window_end.date()}, China "
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
    if _before_other(best):
        reached_it = "came within the spread of it" if best.within_spread else "reached it"
        return text + (f" China got there first: {best.matched_by} ({when}) {reached_it} "
                       f"{lag_text(best.days_low, best.days_high).replace('earlier', 'before')}"
                       f"{_while_absent(best, other, mode, dimension)}.")
    within = " within the spread" if best.within_spread else ""
    return text + (f" China matched {reached}{within} with {best.matched_by} ({when}), "
                   f"{lag_text(best.days_low, best.days_high)}.")


def _before_other(best) -> bool:
    return not pd.isna(best.days_high) and best.days_high < 0


def _while_absent(best, other: str, mode: str, dimension: str = "") -> str:
    """', while Sora was not yet public (from 2024-12-09)' when the other side had no value at all
    on the day China's match came: a lead over nothing, not over a capability."""
    first = best.side_first_on
    if pd.isna(first) or best.matched_on >= first:
        return ""
    since = as_text(first, best.side_first_precision)
    if dimension == "open_weights":
        return f", while {other} had released none in the data (its first: {since})"
    return (f", while {other} had {NOT_YET.get(mode, 'no value in the data yet')} "
            f"(its first: {since})")


def key_figures(all_items, all_lags, dimensions, other: str, window_end,
                tolerances: dict | None = None, mode: str = "public",
                applicable: dict | None = None) -> dict[str, str]:
    """Per dimension, the standing at the window's end in a few words."""
    figures = {}
    for dim in dimensions:
        if applicable is not None and not applicable.get(dim, True):
            figures[dimension_name(dim, mode)] = f"not applicable against {other}"
            continue
        at_end = standing(all_items[all_items.dimension == dim], window_end)
        cn, them = at_end.get(CHINA, float("nan")), at_end.get(other, float("nan"))
        if dim in BINARY and pd.isna(cn) and pd.isna(them):
            figures[dimension_name(dim, mode)] = f"neither China nor {other} had one in the data"
            continue
        lead = lead_text(cn, them, other, (tolerances or {}).get(dim, 0.0))
        figures[dimension_name(dim, mode)] = (f"China {value_text(dim, cn)}, {other} "
                                    f"{value_text(dim, them)} ({lead}); "
                                    + headline(all_lags[all_lags.dimension == dim], other, mode, dim))
    return figures


def _poss(label: str) -> str:
    """'Sora's', 'the comparators'' best."""
    return "the comparators'" if label == "Comparators" else f"{label}'s"


def headline(dim_lags: pd.DataFrame, other: str, mode: str = "public", dimension: str = "") -> str:
    """China's lag or lead, in days, on the comparator's best milestone."""
    theirs = dim_lags[dim_lags.side == other]
    if theirs.empty:
        return f"{other} {'have' if other == 'Comparators' else 'has'} no value"
    best = theirs.iloc[-1]
    if not best.matched:
        if best.days_low <= 0:  # reached in the window's last period: no days to count yet
            return (f"{_poss(other)} best ({as_text(best.on, best.precision)}) not matched by the "
                    "end of the window")
        return f"{_poss(other)} best not matched by the end: at least {best.days_low} days behind"
    lag = lag_text(best.days_low, best.days_high)
    if _before_other(best):
        had = "came within the spread of it" if best.within_spread else "had it"
        return f"on {_poss(other)} best, China {had} {lag}{_while_absent(best, other, mode, dimension)}"
    verb = "came within the spread of it" if best.within_spread else "matched it"
    return f"on {_poss(other)} best, China {verb} {lag}"


def lead_text(china: float, them: float, other: str, tolerance: float = 0.0) -> str:
    """'China ahead', 'Sora ahead', 'level', 'level within the spread', or, when a side has no
    value, who has none (never a lead)."""
    verdict = comparable.verdict(china, them, tolerance)
    if verdict == "no value":
        missing = [side for side, v in ((CHINA, china), (other, them)) if pd.isna(v)]
        return f"no comparison: {' and '.join(missing)} no value"
    return {"first ahead": "China ahead", "second ahead": f"{other} ahead"}.get(verdict, verdict)


def plot_alt(all_items: pd.DataFrame, dimensions, other: str, window_end: pd.Timestamp) -> str:
    """The frontier chart in one sentence: per panel, where each side stood at the window's end."""
    parts = []
    for dim in dimensions:
        at_end = standing(all_items[all_items.dimension == dim], window_end)
        parts.append(f"{DIMENSIONS[dim]}: China {value_text(dim, at_end.get(CHINA))}, "
                     f"{other} {value_text(dim, at_end.get(other))}")
    return (f"Step lines of each side's best over the window, one panel per dimension; by "
            f"{as_text(window_end)}, " + "; ".join(parts) + ".")


def comparison_note(mode: str, score_class: str | None, spread, other: str) -> str:
    """What was set against what, in two sentences: the mode, single clips, and the VBench class
    with the spread that makes a gap level."""
    what = ("what users could use (a beta or a public release)" if mode == "public" else
            "what was shown or claimed, counting anything users had as shown")
    text = (f"**Compared like with like.** Both sides are read as {what}; clip lengths are single "
            "generations (a clip made by chaining extensions is not one); a side with no value has "
            "none, not a zero. ")
    if score_class:
        text += f"VBench scores come from one class only: *{score_class}*. "
    else:
        text += f"No VBench class has scores on both China's side and {other}'s, so none is compared. "
    if spread is not None:
        text += (f"Published VBench totals of one model differ by {spread.text()}; scores are "
                 f"compared within one version, so a gap up to {spread.tolerance:.2f} points is read "
                 "as level within the spread.")
    return text


def vbench_class_text(by_class: pd.DataFrame, other: str, spread) -> str:
    """``vbench_by_class`` in a sentence: how many classes, how many compare both sides, and their
    verdicts."""
    both = by_class[by_class.china_value.notna() & by_class.other_value.notna()]
    text = (f"The data holds {len(by_class)} VBench total class{'es' if len(by_class) != 1 else ''}; "
            f"{len(both)} {'has' if len(both) == 1 else 'have'} a score on both sides by the window's end")
    if both.empty:
        return text + "."
    verdicts = both.verdict.value_counts()
    text += ": " + ", ".join(f"{n} {v}" for v, n in verdicts.items()) + "."
    pairs = both.drop_duplicates(["china_model", "china_value", "other_model", "other_value"])
    if len(pairs) < len(both):  # one table copied into two sources is one comparison, not two
        text += (f" Only {len(pairs)} of these {len(both)} are distinct comparisons: the others repeat "
                 "the same two models' same scores in another source.")
    return text
