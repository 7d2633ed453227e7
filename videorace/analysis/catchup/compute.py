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
  counts as 5 s: a milestone must be certainly matched). Clips made by chaining extensions are
  not single clips and are left out.
- ``height_px``: highest frame height, pixels (capabilities.csv).
- ``vbench_total``: published VBench total scores of one class only (``comparable``: one
  version, one evaluator), each dated by the model's first availability in public mode and by its
  first showing in demo mode (the score describes the model; it was often published later). Two
  scores closer than the spread between sources for the same model are level.
- ``open_weights``: 1 from the first day a side's text-to-video weights were released; not
  applicable against a comparator that never released weights.
- ``audio``: 1 from the first day a side had a text-to-video model that makes sound with the
  picture (capabilities.csv ``audio``), dated by the model's first availability (public) or
  showing (demo).

Every comparison goes through ``videorace.analysis.comparable``: in ``demo`` mode the shown
frontier includes what was public (anything public was also shown), and a side with no value has
no value (never 0 s, 0p or a lead).
"""

from __future__ import annotations

import pandas as pd

from videorace.analysis import comparable, timeline


DIMENSIONS = {"available": "a usable text-to-video model", "clip_s": "longest clip (s)",
              "height_px": "highest resolution (frame height, px)",
              "vbench_total": "VBench total score", "open_weights": "open weights released",
              "audio": "native audio (sound made with the picture)"}

#: Yes-or-no dimensions: a side without the thing does not have it yet, a real state (drawn as
#: "none", and the side that has it leads); on the others a missing value is never a zero.
BINARY = ("available", "open_weights", "audio")

#: Every dimension a run may pick: those above, raced as frontiers, and the arena boards
#: (``catchup.arena``), compared snapshot by snapshot.
ALL_DIMENSIONS = list(DIMENSIONS) + ["arena"]

CHINA = "China"


def dimension_name(dimension: str, mode: str = "public") -> str:
    """A dimension as a reader says it; in demo mode the first reads 'shown or usable'."""
    if dimension == "available" and mode == "demo":
        return "a text-to-video model shown or usable"
    return DIMENSIONS[dimension]


ITEM_COLUMNS = ["model_id", "name", "country", "family", "start", "end", "precision", "value"]
VBENCH = ("vbench", "total")
STAGES = {"public": ("available",), "demo": ("available", "shown")}


def families(models: pd.DataFrame) -> pd.Series:
    """Each model's first ancestor through ``parent_model_id`` (Sora Turbo's is Sora), by model_id:
    a comparator named by one model covers its later versions."""
    parents = (models.set_index("model_id").parent_model_id if "parent_model_id" in models
               else pd.Series(dtype=object))
    roots = {}
    for model in models.model_id:
        seen, root = {model}, model
        while isinstance(parents.get(root), str) and parents.get(root) not in seen:
            root = parents[root]
            seen.add(root)
        roots[model] = root
    return pd.Series(roots, dtype=object)


def _with_family(ds, table: pd.DataFrame) -> pd.DataFrame:
    return table.assign(family=table.model_id.map(families(ds.models)))


def _events(ds, stages) -> pd.DataFrame:
    ev = timeline.best_dates(timeline.events(ds))
    ev = ev[(ev.kind == "text_to_video") & ev.stage.isin(stages)]
    return _with_family(ds, ev.assign(value=1.0))[ITEM_COLUMNS]


def _capabilities(ds, column: str, availability: str) -> pd.DataFrame:
    kinds = comparable.availability_classes(availability)
    cap = ds.capabilities.merge(ds.models[["model_id", "name", "org_id", "kind"]], on="model_id")
    cap = cap.merge(ds.organizations[["org_id", "country"]], on="org_id")
    cap = cap[cap.availability.isin(kinds) & cap[column].notna() & (cap.kind == "text_to_video")]
    if column == "max_clip_s_low":
        cap = comparable.single_clips(cap)
    if "inputs" in cap:  # text-to-video: a figure for image input only is another task
        cap = cap[cap.inputs.isna() | cap.inputs.fillna("").str.split(";").map(lambda k: "text" in k)]
    if "tier" in cap:  # a paid tier is named with its model: 'Sora Turbo (ChatGPT Pro)'
        tier = cap.tier.fillna("")
        cap = cap.assign(name=[f"{n} ({t})" if t else n for n, t in zip(cap.name, tier)])
    cap = cap.assign(start=cap.as_of, end=timeline.period_ends(cap.as_of, cap.as_of_precision),
                     precision=cap.as_of_precision, value=cap[column].astype(float))
    return _with_family(ds, cap)[ITEM_COLUMNS]


def _benchmarks(ds, availability: str, score_class: str | None) -> pd.DataFrame:
    from videorace.analysis.catchup.scores import vbench_scores

    """VBench totals of one class, each dated by its model's first availability (public mode:
    models never available to outsiders are left out, as no one could have had their quality) or
    first showing (demo mode). With no class given, none (a class must be chosen)."""
    scores = vbench_scores(ds)
    scores = scores[scores.score_class == score_class]
    if scores.value.groupby(scores.model_id).nunique().gt(1).any():
        raise comparable.Incomparable(f"two different scores of one model in the class "
                                      f"{score_class!r}; the class must hold one per model")
    return _dated_by_first_event(ds, availability, scores.groupby("model_id").value.first())


def _dated_by_first_event(ds, availability: str, value: pd.Series) -> pd.DataFrame:
    """Items for models with a ``value`` (by model_id) that describes the model rather than a
    dated figure, each dated by the model's first availability (public) or first showing (demo);
    a model never available (never shown) is left out."""
    first = _events(ds, STAGES[availability]).sort_values(["end", "start"])
    first = first.drop_duplicates("model_id")
    first = first[first.model_id.isin(value.index)]
    return first.assign(value=first.model_id.map(value).astype(float))[ITEM_COLUMNS]


def _audio(ds, availability: str) -> pd.DataFrame:
    """Models a source says make sound with the picture (capabilities.csv ``audio``), dated by
    the model's first availability or showing: native audio belongs to the model, and a row's
    as_of is often later than the launch."""
    cap = ds.capabilities[ds.capabilities.audio.fillna(False).astype(bool)]
    return _dated_by_first_event(ds, availability, pd.Series(1.0, index=cap.model_id.unique()))


def items(ds, dimension: str, availability: str = "public",
          score_class: str | None = None) -> pd.DataFrame:
    """Every dated value of ``dimension``, one row per model and date: model_id, name, country,
    family (``families``), start, end (the period the date allows), precision and value. VBench
    scores come from the one ``score_class`` given."""
    comparable.availability_classes(availability)  # refuses an unknown mode
    if dimension == "available":
        return _events(ds, STAGES[availability])
    if dimension == "open_weights":
        ev = timeline.best_dates(timeline.events(ds))
        ev = ev[(ev.kind == "text_to_video") & (ev.event == "open_weights")]
        return _with_family(ds, ev.assign(value=1.0))[ITEM_COLUMNS]
    if dimension == "clip_s":
        return _capabilities(ds, "max_clip_s_low", availability)
    if dimension == "height_px":
        return _capabilities(ds, "height_px", availability)
    if dimension == "vbench_total":
        return _benchmarks(ds, availability, score_class)
    if dimension == "audio":
        return _audio(ds, availability)
    raise ValueError(f"unknown dimension {dimension!r}; expected one of {', '.join(DIMENSIONS)}")


def applicable(ds, dimension: str, comparator) -> bool:
    """Whether the dimension is a race against this comparator: open weights are not, against a
    comparator none of whose models was ever meant to release them (Sora)."""
    if dimension != "open_weights" or comparator == "western":
        return True
    models = _with_family(ds, ds.models.merge(ds.organizations[["org_id", "country"]],
                                              on="org_id"))
    theirs = sides(models.assign(name=models.name), comparator)
    theirs = theirs[theirs.side != CHINA]
    return theirs.openness.fillna("").str.contains("open_weights").any()


def sides(table: pd.DataFrame, comparator) -> pd.DataFrame:
    """``table`` with a ``side`` column: China (country CN) or the comparator ('sora', 'western'
    for any other country, or a list of model_ids); rows of neither side are dropped."""
    china = table.country == "CN"
    family = table.family if "family" in table else table.model_id
    if comparator == "sora":
        other = family == "sora"  # Sora and its later versions (Sora Turbo)
    elif comparator == "western":
        other = table.country.notna() & ~china
    else:
        other = (table.model_id.isin(list(comparator)) | family.isin(list(comparator))) & ~china
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


def first_match(other: pd.DataFrame, value: float, tolerance: float = 0.0) -> pd.Series | None:
    """The item of ``other`` that first certainly reached ``value`` (ending earliest), or came
    within ``tolerance`` of it (level within the spread), or None."""
    hits = other[other.value >= value - tolerance].sort_values(["end", "start"])
    return None if hits.empty else hits.iloc[0]


LAG_COLUMNS = ["side", "milestone", "model", "on", "precision", "matched", "matched_by",
               "matched_on", "matched_precision", "days_low", "days_high", "other_then",
               "side_first_on", "side_first_precision", "within_spread"]


def lags(table: pd.DataFrame, window_end: pd.Timestamp, tolerance: float = 0.0) -> pd.DataFrame:
    """For each milestone of each side (within the data up to ``window_end``): when the other side
    first matched it (within ``tolerance``), and the lag in days as a range (``days_low``,
    ``days_high``); unmatched milestones get ``matched`` False and days from the milestone to
    ``window_end`` as a floor. ``other_then`` is the other side's best certainly in place when
    the milestone was reached (missing when it had nothing yet: a milestone set against nothing
    is not a capability lead), and ``side_first_on`` the day the milestone's own side had its
    first value (a match before that day came while that side had nothing to show)."""
    table = table[table.start <= window_end]
    rows = []
    for side in table.side.unique():
        other = table[table.side != side]
        first = table[table.side == side].sort_values(["end", "start"]).head(1)
        for m in frontier(table[table.side == side]).itertuples():
            hit = first_match(other, m.value, tolerance)
            matched = hit is not None and hit.start <= window_end
            then = other[other.end <= m.start].value.max()
            row = {"side": side, "milestone": m.value, "model": m.name, "on": m.start,
                   "precision": m.precision, "matched": matched,
                   "matched_by": hit["name"] if matched else "",
                   "matched_on": hit.start if matched else pd.NaT,
                   "matched_precision": hit.precision if matched else "",
                   "days_low": (hit.start - m.end).days if matched else (window_end - m.end).days,
                   "days_high": (hit.end - m.start).days if matched else pd.NA,
                   "other_then": float(then) if pd.notna(then) else float("nan"),
                   "side_first_on": first.start.iloc[0] if len(first) else pd.NaT,
                   "side_first_precision": first.precision.iloc[0] if len(first) else "",
                   "within_spread": bool(matched and hit.value < m.value)}
            rows.append(row)
    return pd.DataFrame(rows, columns=LAG_COLUMNS)


def standing(table: pd.DataFrame, when: pd.Timestamp) -> dict[str, float]:
    """Each side's best value among items certainly in place by ``when``; NaN (no value, never
    zero) for a side with none yet."""
    known = table[table.end <= when]
    return {side: float(known[known.side == side].value.max()) if (known.side == side).any()
            else float("nan") for side in table.side.unique()}


def catch_up(ds, dimensions, comparator, availability: str, window_end: pd.Timestamp,
             score_class: str | None = None, tolerances: dict | None = None):
    """Per dimension: the sided items and their lags; returns (items, lags) for all of them.
    VBench items come from ``score_class``; ``tolerances`` gives a dimension's spread."""
    all_items, all_lags = [], []
    for dim in dimensions:
        table = sides(items(ds, dim, availability, score_class), comparator).assign(dimension=dim)
        table = table[table.start <= window_end].reset_index(drop=True)  # nothing after the window
        all_items.append(table)
        tolerance = (tolerances or {}).get(dim, 0.0)
        all_lags.append(lags(table, window_end, tolerance).assign(dimension=dim))
    return pd.concat(all_items, ignore_index=True), pd.concat(all_lags, ignore_index=True)


def latest(ds) -> pd.Timestamp:
    """The last day the catch-up's data reaches: the latest dated event, capability or arena
    snapshot (what ``window_end = "latest"`` means)."""
    days = [ds.model_events.happened_on.max(), ds.capabilities.as_of.max()]
    if "arena_ratings" in ds:
        days.append(ds.arena_ratings.snapshot_on.max())
    return max(d for d in days if pd.notna(d))


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
