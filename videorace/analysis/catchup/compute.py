"""The catch-up, dimension by dimension: each side's frontier over time (the best it had by each
date) and how many days one side took to match each milestone of the other.

Sides: China (models whose maker's country is CN) against a comparator: Sora alone, every
Western model (any other country), or named models. Every date is a period (a month-precision
launch runs from its first to its last day), so a lag is a range: from (the matching item's first
possible day - the milestone's last) to (its last possible day - the milestone's first). A
positive lag means the side trailed; a negative one, that it was there first.

Dimensions (``DIMENSIONS``):
- ``available``: 1 from the first day a text-to-video model of the side could be used (beta,
  launch, worldwide access, API or open weights); with ``availability="demo"``, from the first
  day one was shown.
- ``clip_s``: longest single clip, seconds (capabilities.csv; its lower bound, so a 5-10 s beta
  counts as 5 s: a milestone must be certainly matched).
- ``height_px``: highest frame height, pixels (capabilities.csv).
- ``vbench_total``: highest published VBench total score (benchmarks.csv), dated by the model's
  first availability (the score describes the model as released; it was often published later).
- ``open_weights``: 1 from the first day a side's text-to-video weights were released.
"""

from __future__ import annotations

import pandas as pd

from videorace.analysis import timeline
from videorace.analysis.clips import CLAIMED_CLASSES, USABLE_CLASSES


DIMENSIONS = {"available": "a usable text-to-video model", "clip_s": "longest clip (s)",
              "height_px": "highest resolution (frame height, px)",
              "vbench_total": "VBench total score", "open_weights": "open weights released"}


CHINA = "China"


ITEM_COLUMNS = ["model_id", "name", "country", "start", "end", "precision", "value"]


def _events(ds, stages) -> pd.DataFrame:
    ev = timeline.best_dates(timeline.events(ds))
    ev = ev[(ev.kind == "text_to_video") & ev.stage.isin(stages)]
    return ev.assign(value=1.0)[ITEM_COLUMNS]


def _capabilities(ds, column: str, availability: str) -> pd.DataFrame:
    kinds = USABLE_CLASSES if availability == "public" else CLAIMED_CLASSES
    cap = ds.capabilities.merge(ds.models[["model_id", "name", "org_id", "kind"]], on="model_id")
    cap = cap.merge(ds.organizations[["org_id", "country"]], on="org_id")
    cap = cap[cap.availability.isin(kinds) & cap[column].notna() & (cap.kind == "text_to_video")]
    return cap.assign(start=cap.as_of, end=timeline.period_ends(cap.as_of, cap.as_of_precision),
                      precision=cap.as_of_precision, value=cap[column].astype(float))[ITEM_COLUMNS]


def _benchmarks(ds) -> pd.DataFrame:
    """VBench totals, each dated by its model's first availability (models never available to
    outsiders are left out: there is no date on which their quality could be had)."""
    scores = ds.benchmarks[(ds.benchmarks.benchmark == "vbench")
                           & (ds.benchmarks.benchmark_metric == "total")]
    best = scores.groupby("model_id").value.max()
    first = _events(ds, ("available",)).sort_values(["end", "start"]).drop_duplicates("model_id")
    first = first[first.model_id.isin(best.index)]
    return first.assign(value=first.model_id.map(best).astype(float))[ITEM_COLUMNS]


def items(ds, dimension: str, availability: str = "public") -> pd.DataFrame:
    """Every dated value of ``dimension``, one row per model and date: model_id, name, country,
    start, end (the period the date allows), precision and value."""
    if dimension == "available":
        return _events(ds, ("available",) if availability == "public" else ("available", "shown"))
    if dimension == "open_weights":
        ev = timeline.best_dates(timeline.events(ds))
        ev = ev[(ev.kind == "text_to_video") & (ev.event == "open_weights")]
        return ev.assign(value=1.0)[ITEM_COLUMNS]
    if dimension == "clip_s":
        return _capabilities(ds, "max_clip_s_low", availability)
    if dimension == "height_px":
        return _capabilities(ds, "height_px", availability)
    if dimension == "vbench_total":
        return _benchmarks(ds)
    raise ValueError(f"unknown dimension {dimension!r}; expected one of {', '.join(DIMENSIONS)}")


def sides(table: pd.DataFrame, comparator) -> pd.DataFrame:
    """``table`` with a ``side`` column: China (country CN) or the comparator ('sora', 'western'
    for any other country, or a list of model_ids); rows of neither side are dropped."""
    china = table.country == "CN"
    if comparator == "sora":
        other = table.model_id == "sora"
    elif comparator == "western":
        other = table.country.notna() & ~china
    else:
        other = table.model_id.isin(list(comparator)) & ~china
    label = side_label(comparator)
    out = table.assign(side=[CHINA if c else label if o else None for c, o in zip(china, other)])
    return out[out.side.notna()].reset_index(drop=True)


def frontier(side_items: pd.DataFrame) -> pd.DataFrame:
    """The milestones of one side: each item that beat everything the side had before, in the
    order the items certainly happened (by the last day their dates allow)."""
    ordered = side_items.sort_values(["end", "start", "value"], ascending=[True, True, False])
    best, keep = float("-inf"), []
    for index, value in zip(ordered.index, ordered.value):
        if value > best:
            best = value
            keep.append(index)
    return ordered.loc[keep].reset_index(drop=True)


def first_match(other: pd.DataFrame, value: float) -> pd.Series | None:
    """The item of ``other`` that first certainly reached ``value`` (ending earliest), or None."""
    hits = other[other.value >= value].sort_values(["end", "start"])
    return None if hits.empty else hits.iloc[0]


def lags(table: pd.DataFrame, window_end: pd.Timestamp) -> pd.DataFrame:
    """For each milestone of each side (within the data up to ``window_end``): when the other side
    first matched it, and the lag in days as a range (``days_low``, ``days_high``); unmatched
    milestones get ``matched`` False and days from the milestone to ``window_end`` as a floor."""
    table = table[table.start <= window_end]
    rows = []
    for side in table.side.unique():
        other = table[table.side != side]
        for m in frontier(table[table.side == side]).itertuples():
            hit = first_match(other, m.value)
            matched = hit is not None and hit.start <= window_end
            row = {"side": side, "milestone": m.value, "model": m.name, "on": m.start,
                   "precision": m.precision, "matched": matched,
                   "matched_by": hit["name"] if matched else "",
                   "matched_on": hit.start if matched else pd.NaT,
                   "matched_precision": hit.precision if matched else "",
                   "days_low": (hit.start - m.end).days if matched else (window_end - m.end).days,
                   "days_high": (hit.end - m.start).days if matched else pd.NA}
            rows.append(row)
    columns = ["side", "milestone", "model", "on", "precision", "matched", "matched_by",
               "matched_on", "matched_precision", "days_low", "days_high"]
    return pd.DataFrame(rows, columns=columns)


def standing(table: pd.DataFrame, when: pd.Timestamp) -> dict[str, float]:
    """Each side's best value among items certainly in place by ``when`` (0 when none)."""
    known = table[table.end <= when]
    return {side: float(known[known.side == side].value.max()) if (known.side == side).any()
            else 0.0 for side in table.side.unique()}


def catch_up(ds, dimensions, comparator, availability: str, window_end: pd.Timestamp):
    """Per dimension: the sided items and their lags; returns (items, lags) for all of them."""
    all_items, all_lags = [], []
    for dim in dimensions:
        table = sides(items(ds, dim, availability), comparator).assign(dimension=dim)
        all_items.append(table)
        all_lags.append(lags(table, window_end).assign(dimension=dim))
    return pd.concat(all_items, ignore_index=True), pd.concat(all_lags, ignore_index=True)


def comparator_choices(ds) -> list[str]:
    """Model ids a comparator may name: text-to-video models whose maker is outside China."""
    models = ds.models.merge(ds.organizations[["org_id", "country"]], on="org_id")
    return sorted(models[(models.kind == "text_to_video") & models.country.notna()
                         & (models.country != "CN")].model_id)


def side_label(comparator) -> str:
    """How the comparator side is named: Sora, Western, or Comparators (named models)."""
    if isinstance(comparator, str):
        return {"sora": "Sora", "western": "Western"}.get(comparator, "Comparators")
    return "Comparators"


def source_ids(ds, all_items) -> list[str]:
    """The sources behind every item compared: events, capabilities and scores of those models."""
    models = set(all_items.model_id)
    ids = set(ds.model_events[ds.model_events.model_id.isin(models)].source_id)
    ids |= set(ds.capabilities[ds.capabilities.model_id.isin(models)].source_id)
    ids |= set(ds.benchmarks[ds.benchmarks.model_id.isin(models)].source_id)
    return sorted(ids)
