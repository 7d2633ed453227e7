"""The catch-up in words: values, lags, the table and the sentence per dimension. Each function
takes the run (``run.Run``: what is compared) or the race (``run.Race``: what it found)."""

from __future__ import annotations

import pandas as pd

from videorace.analysis import comparable
from videorace.analysis.catchup import dimensions as registry
from videorace.analysis.catchup import scores
from videorace.analysis.catchup.compute import CHINA, first_dates, firsts, firsts_text, sides, standing
from videorace.data.dates import as_text
from videorace.analysis.markup import SIDE_WORDS
from videorace.data.vocab import BASIS_PHRASES, WEST_DEFINITION

#: How a side with nothing yet is described, by basis.
NOT_YET = {"usable": "no usable value in the data yet",
           "demonstrated": "no demonstrated value in the data yet"}


def value_text(dimension: str, value: float) -> str:
    """A value in words (``Dimension.value_text``); a missing one is 'no value', never 0 s or 0p."""
    return registry.get(dimension).value_text(value)


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


def lag_table(race) -> pd.DataFrame:
    """``lags`` of every dimension for display: dates at their precision (a figure first stated in
    a later source as the span it may have begun in), lags in words, and where the other side
    stood when the milestone came ('no usable value in the data yet' when it had nothing)."""
    run, all_lags = race.run, race.lags
    then = [NOT_YET[run.basis] if pd.isna(v) else value_text(d, v)
            for d, v in zip(all_lags.dimension, all_lags.other_then)]
    out = pd.DataFrame({
        "dimension": [run.label(d) for d in all_lags.dimension],
        "whose milestone": all_lags.side,
        "milestone": [value_text(d, v) for d, v in zip(all_lags.dimension, all_lags.milestone)],
        "first reached by": all_lags.model,
        "on": all_lags.on_when,
        "other side then": then,
        "matched by the other side with": all_lags.matched_by,
        "matched on": [w if m else "" for w, m in zip(all_lags.matched_when, all_lags.matched)],
        "lag": [lag_text(lo, hi) + (" (within the spread)" if w else "") for lo, hi, w in
                zip(all_lags.days_low, all_lags.days_high, all_lags.within_spread)]})
    return out.reset_index(drop=True)


def unscored_since(race, key: str):
    """For a scored dimension (VBench), the day after which the newest models of either side have
    no comparable score (``scores.unscored_since``); None otherwise."""
    if key != "vbench_total":
        return None
    run = race.run
    table, _ = race.of(key)
    return scores.unscored_since(run.ds, table, run.comparator, run.basis, run.end)


def summary(race, dimension: str) -> str:
    """Who led at the window's end, and how long China took to match the comparator's best."""
    run = race.run
    dim, other, window_end = registry.get(dimension), run.other, run.end
    name = dim.label(run.basis)
    title = f"**{name[:1].upper() + name[1:]}** ({run.basis})"
    if not run.applicable.get(dimension, True):
        return (f"{title}: not applicable against {other}, which never released weights; "
                f"China's releases are listed in the table below.")
    table, dim_lags = race.of(dimension)
    at_end = standing(table, window_end)
    cn, them = at_end.get(CHINA, float("nan")), at_end.get(other, float("nan"))
    if dim.binary and pd.isna(cn) and pd.isna(them):
        return f"{title}: by {window_end.date()}, neither China nor {_side(other)} had one in the data."
    lead = lead_text(cn, them, other, run.tolerance(dimension))
    text = (f"{title}: by {window_end.date()}, China {dim.value_text(cn)}{_holder(table, CHINA, window_end, dim)}"
            f" against {_side(other)} {dim.value_text(them)}{_holder(table, other, window_end, dim)}: {lead}.")
    narrower = _within_version_reading(run, dimension, cn, them)
    if narrower:
        text += f" {narrower}"
    stale = unscored_since(race, dimension)
    if stale is not None:
        text += (f" No comparable score since {as_text(stale)}: models of either side that came "
                 "after it have none in this class, so the verdict describes older models.")
    if dim.binary:
        return text + " " + first_in_window(race, dimension)
    theirs = dim_lags[dim_lags.side == other]
    if theirs.empty:
        return text + f" {other} {'have' if other == 'Comparators' else 'has'} no dated value for it."
    best = theirs.iloc[-1]
    reached = f"{_poss(other)} {dim.value_text(best.milestone)} ({best.model}, {best.on_when})"
    if not best.matched:
        return text + f" China had not matched {reached} by {window_end.date()}."
    when = best.matched_when
    if _before_other(best):
        reached_it = "came within the spread of it" if best.within_spread else "reached it"
        lead = lag_text(best.days_low, best.days_high).replace("earlier", "before")
        if _undetermined(best):
            return text + (f" China got there first, {lead}{_while_absent(best, other, run.basis, dim)}; "
                           f"the first to reach it is {best.matched_by}.")
        return text + (f" China got there first: {best.matched_by} ({when}) {reached_it} {lead}"
                       f"{_while_absent(best, other, run.basis, dim)}.")
    within = " within the spread" if best.within_spread else ""
    lag = lag_text(best.days_low, best.days_high)
    if _undetermined(best):
        return text + (f" China matched {reached}{within} {lag}; the first to match it is "
                       f"{best.matched_by}.")
    return text + f" China matched {reached}{within} with {best.matched_by} ({when}), {lag}."


def _undetermined(lag) -> bool:
    """Whether the match was made first by one of several models whose dates overlap."""
    return str(lag.matched_by).startswith("undetermined among")


def _within_version_reading(run, dimension: str, china: float, them: float) -> str:
    """Where a gap read as level within the spread between sources (the tolerance) would be a
    lead within the narrower spread of sources of one benchmark version, both readings: the
    sentence says which side the narrower one favours. '' otherwise."""
    spread = run.spread
    if dimension != "vbench_total" or spread is None or spread.within_version is None:
        return ""
    wide, narrow = run.tolerance(dimension), spread.within_version.high
    if comparable.verdict(china, them, wide) != "level within the spread":
        return ""
    verdict = comparable.verdict(china, them, narrow)
    if verdict not in ("first ahead", "second ahead"):
        return ""
    ahead = CHINA if verdict == "first ahead" else _side(run.other)
    return (f"On the narrower {narrow:.2f}-point spread of sources of one benchmark version, "
            f"{ahead} would be ahead by {abs(china - them):.2f} points.")


def first_in_window(race, dimension: str) -> str:
    """For a yes-or-no dimension: China's first within the window (what a side already had before
    the window is said apart, never the headline), named among the candidates where dates
    overlap, and how many days it came before or after the comparator's first, when the
    comparator did not have one before the window either."""
    run = race.run
    table, _ = race.of(dimension)
    mine, theirs = table[table.side == CHINA], table[table.side == run.other]
    text = ""
    for who, rows in ((CHINA, mine), (_side(run.other), theirs)):
        before = rows[rows.end < run.start]
        if len(before):
            earliest = before.sort_values(["end", "start"]).iloc[0]
            text += (f"{who[:1].upper() + who[1:]} already had one before the window "
                     f"({earliest['name']}, {earliest.when}). ")
    anchor, anchor_text = _anchor(run) if registry.get(dimension).anchored else (run.start, "in the window")
    new = mine[~mine.model_id.isin(_editions(run.ds))]
    inside = firsts(new[(new.end >= anchor) & (new.start <= run.end)])
    if inside.empty:
        return text + f"China had no new one {anchor_text}."
    text += f"China's first {anchor_text}: {firsts_text(inside)}"
    if theirs.empty:
        return text + f"; {_side(run.other)} had none by {as_text(run.end)}."
    if (theirs.end < run.start).any():
        return text + "."
    other = theirs.sort_values(["end", "start"]).iloc[0]
    # the first came on the earliest day any candidate allows, by the earliest last day
    low, high = (inside.start.min() - other.end).days, (inside.end.min() - other.start).days
    return (text + f", {lag_text(low, high).replace('later', 'after').replace('earlier', 'before')}"
            f" {_poss(run.other)} first ({other['name']}, {other.when}).")


def _anchor(run) -> tuple[pd.Timestamp, str]:
    """Where a yes-or-no race starts: the window's first day, or the comparator's first showing
    when that came later (the first product after Sora's announcement, not one before it)."""
    words = "in the window"
    if run.ds is None:
        return run.start, words
    shown = sides(first_dates(run.ds, "demonstrated").reset_index(), run.comparator)
    theirs = shown[shown.side == run.other].sort_values(["end", "start"])
    if len(theirs) and theirs.start.iloc[0] > run.start:
        first = theirs.iloc[0]
        return first.start, f"after {_poss(run.other)} first showing ({first['name']}, {first.when})"
    return run.start, words


def _editions(ds) -> set:
    """Models that re-release another for another market (``edition_of``): not new models."""
    if ds is None or "edition_of" not in ds.models:
        return set()
    return set(ds.models[ds.models.edition_of.notna()].model_id)


def _side(label: str) -> str:
    """A side as a reader names it in a sentence: 'the West' for the Western side."""
    return SIDE_WORDS.get(label, label)


def _holder(table: pd.DataFrame, side: str, when, dim) -> str:
    """' (Open-Sora 1.2)': the model that holds a side's best by ``when`` (the first to reach it),
    for measured dimensions; '' for a yes-or-no one or a side with nothing."""
    known = table[(table.side == side) & (table.end <= when)]
    if dim.binary or known.empty:
        return ""
    best = known[known.value == known.value.max()].sort_values(["end", "start"]).iloc[0]
    return f" ({best['name']})"


def _before_other(best) -> bool:
    return not pd.isna(best.days_high) and best.days_high < 0


def _while_absent(best, other: str, basis: str, dim=None) -> str:
    """', while Sora had no usable value in the data yet (its first: 2024-12-09)' when the other
    side had no value at all on the day China's match came: a lead over nothing, not over a
    capability."""
    first = best.side_first_on
    if pd.isna(first) or best.matched_on >= first:
        return ""
    absent = (dim.absent if dim is not None and dim.absent else None) or NOT_YET[basis]
    verb = "had" if not absent.startswith("released") else ""
    return f", while {_side(other)} {verb + ' ' if verb else ''}{absent} (its first: {best.side_first_when})"


def key_figures(race) -> dict[str, str]:
    """Per dimension asked, the standing at the window's end in a few words, each named with its
    basis."""
    run, figures = race.run, {}
    for key in run.asked:
        dim, label = registry.get(key), f"{run.label(key)} ({run.basis})"
        if not run.applicable[key]:
            figures[label] = f"not applicable against {run.other}"
            continue
        table, dim_lags = race.of(key)
        at_end = standing(table, run.end)
        cn, them = at_end.get(CHINA, float("nan")), at_end.get(run.other, float("nan"))
        if dim.binary and pd.isna(cn) and pd.isna(them):
            figures[label] = f"neither China nor {_side(run.other)} had one in the data"
            continue
        lead = lead_text(cn, them, run.other, run.tolerance(key))
        stale = unscored_since(race, key)
        if stale is not None:
            lead += f"; no comparable score since {as_text(stale)}"
        figures[label] = (f"China {dim.value_text(cn)}, {run.other} {dim.value_text(them)} ({lead}); "
                          + (first_in_window(race, key) if dim.binary else
                             headline(dim_lags, run.other, run.basis, key)))
    return figures


def _poss(label: str) -> str:
    """'Sora's', 'the West's', 'the comparators'' best."""
    return "the comparators'" if label == "Comparators" else f"{_side(label)}'s"


def headline(dim_lags: pd.DataFrame, other: str, basis: str = "usable", dimension: str = "") -> str:
    """China's lag or lead, in days, on the comparator's best milestone."""
    theirs = dim_lags[dim_lags.side == other]
    if theirs.empty:
        return f"{other} {'have' if other == 'Comparators' else 'has'} no value"
    best = theirs.iloc[-1]
    if not best.matched:
        if best.days_low <= 0:  # reached in the window's last period: no days to count yet
            return f"{_poss(other)} best ({best.on_when}) not matched by the end of the window"
        return f"{_poss(other)} best not matched by the end: at least {best.days_low} days behind"
    lag = lag_text(best.days_low, best.days_high)
    dim = registry.get(dimension) if dimension in registry.REGISTRY else None
    if _before_other(best):
        had = "came within the spread of it" if best.within_spread else "had it"
        return f"on {_poss(other)} best, China {had} {lag}{_while_absent(best, other, basis, dim)}"
    verb = "came within the spread of it" if best.within_spread else "matched it"
    return f"on {_poss(other)} best, China {verb} {lag}"


def lead_text(china: float, them: float, other: str, tolerance: float = 0.0) -> str:
    """'China ahead', 'Sora ahead', 'level', 'level within the spread', or, when a side has no
    value, who has none (never a lead)."""
    verdict = comparable.verdict(china, them, tolerance)
    if verdict == "no value":
        missing = [side for side, v in ((CHINA, china), (_side(other), them)) if pd.isna(v)]
        return f"no comparison: {' and '.join(missing)} no value"
    return {"first ahead": "China ahead", "second ahead": f"{_side(other)} ahead"}.get(verdict, verdict)


def plot_alt(race) -> str:
    """The frontier chart in one sentence: per panel, where each side stood at the window's end."""
    run, parts = race.run, []
    for key in run.compared:
        table, _ = race.of(key)
        at_end, dim = standing(table, run.end), registry.get(key)
        parts.append(f"{dim.label(run.basis)}: China {dim.value_text(at_end.get(CHINA))}, "
                     f"{run.other} {dim.value_text(at_end.get(run.other))}")
    return (f"Step lines of each side's best over the window ({run.basis} basis), one panel per "
            f"dimension; by {as_text(run.end)}, " + "; ".join(parts) + ".")


def comparison_note(run) -> str:
    """What was set against what: the basis, single clips, dates first stated late, the sides, and
    the VBench class with the spread that makes a gap level."""
    text = (f"**Compared like with like.** The basis is *{run.basis}*: both sides are read as "
            f"{BASIS_PHRASES[run.basis]}. Clip lengths are single generations (a clip made by "
            "chaining extensions is not one) and a benchmark team's sample clip is never a "
            "product's maximum; a figure first stated in a source later than the model is dated "
            "as the span from the model's first showing or availability to that source; a side "
            f"with no value has none, not a zero. Sides: {WEST_DEFINITION}; makers elsewhere "
            "count on neither side. ")
    if run.score_class:
        text += (f"Every VBench comparison in the reports uses one class: "
                 f"*{scores.class_label(run.ds, run.score_class)}* (the widest with scores for China "
                 "and for Sora). ")
    else:
        text += f"No VBench class has scores on both China's side and {run.other}'s, so none is compared. "
    if run.spread is not None:
        text += (f"Published VBench totals of one model differ by {run.spread.text()}; a gap up to "
                 f"{run.spread.tolerance:.2f} points, the widest of these, is read as level within "
                 "the spread.")
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
