"""The catch-up's engine: each side's frontier over time (the best it had by each date) and how many
days one side took to match each milestone of the other. The dimensions it races are declared in
``catchup.dimensions``; this module knows nothing of any one of them.

Sides: China (makers whose country is CN) against a comparator: Sora's family alone, the West
(``vocab.WEST``: makers of North America, Europe, Israel, Australia and New Zealand), or named
models. Makers elsewhere count on neither side. Every date is a period (a month-precision launch
runs from its first to its last day; a figure first stated in a later source runs from the model's
first showing or availability to that source), so a lag is a range: from (the matching item's
first possible day - the milestone's last) to (its last possible day - the milestone's first). A
positive lag means the side trailed; a negative one, that it was there first.

Every comparison is on one basis (``vocab.BASES``): ``usable`` counts what users could make;
``demonstrated`` also counts what a released clip showed. A claim (a statement with no clip) is
never inside a comparison, and a side with no value has no value (never 0 s, 0p or a lead).
"""

from __future__ import annotations

import pandas as pd

from videorace.analysis import comparable, timeline
from videorace.analysis.firsts import families, firsts, firsts_text  # noqa: F401 (re-exported)
from videorace.data.dates import as_text
from videorace.data.vocab import (BASIS_CLASSES, BASIS_STAGES, CHINA as CHINA_CODE,
                                  CHINA_SIDE, SORA_FAMILY, WEST)

CHINA = CHINA_SIDE
#: An item: one model's value on one dimension from one date. ``value`` is what it certainly
#: reached (a range's low end); ``value_high`` the most it may have been (NaN: open-ended, 'over
#: two minutes'), equal to ``value`` for an exact figure.
ITEM_COLUMNS = ["model_id", "name", "country", "family", "start", "end", "precision", "when",
                "value", "value_high"]


def check_basis(basis: str) -> str:
    """``basis`` if it is one of ``vocab.BASES``; ValueError naming them otherwise (the one check,
    ``comparable.basis_classes``)."""
    comparable.basis_classes(basis)
    return basis


def with_family(ds, table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with each row's model ``family`` (``families``)."""
    return table.assign(family=table.model_id.map(families(ds.models)))


def when_text(start, end, precision: str) -> str:
    """An item's date as a reader reads it: at its precision ('Jun 2024'), or for a figure first
    stated in a later source, the span it may have begun in ('2024-06-06 to 2026-08-12')."""
    if precision == "range":
        return f"{as_text(start)} to {as_text(end)}"
    return as_text(start, precision)


def _items(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` (start, end, precision, value, ...) as items, with each date in words."""
    table = table.assign(when=[when_text(s, e, p) for s, e, p in
                               zip(table.start, table.end, table.precision)])
    if "value_high" not in table:
        table = table.assign(value_high=table.value)
    return table[ITEM_COLUMNS].reset_index(drop=True)


def event_items(ds, stages, events: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Text-to-video models' best-dated events of ``stages`` (or of the named ``events``), valued 1."""
    ev = timeline.best_dates(timeline.events(ds))
    ev = ev[ev.kind == "text_to_video"]
    ev = ev[ev.event.isin(events)] if events is not None else ev[ev.stage.isin(stages)]
    return _items(with_family(ds, ev.assign(value=1.0)))


def first_dates(ds, basis: str) -> pd.DataFrame:
    """Per text-to-video model, its first event of the basis (``vocab.BASIS_STAGES``): the row that
    ends earliest, indexed by model_id."""
    first = event_items(ds, BASIS_STAGES[check_basis(basis)]).sort_values(["end", "start"])
    return first.drop_duplicates("model_id").set_index("model_id")


def capability_items(ds, column: str, basis: str, single_only: bool = False) -> pd.DataFrame:
    """Text-to-video capability rows of the basis (``vocab.BASIS_CLASSES``) with a value in
    ``column``. A row dated by a source later than the figure (``dated_by`` = source) runs from the
    model's first showing or availability, by the row's class, to that source: precision 'range'.
    A figure for image input only, a clip chained from extensions (``single_only``), a claim and a
    benchmark team's sample never count. A paid tier is named with its model."""
    cap = ds.capabilities.merge(ds.models[["model_id", "name", "org_id", "kind"]], on="model_id")
    cap = cap.merge(ds.organizations[["org_id", "country"]], on="org_id")
    cap = cap[cap.availability.isin(comparable.basis_classes(basis)) & cap[column].notna()
              & (cap.kind == "text_to_video")]
    if single_only and "clip_kind" in cap:
        cap = cap[cap.clip_kind == "single"]
    if "inputs" in cap:  # text-to-video: a figure for image input only is another task
        inputs = cap.inputs.fillna("")
        cap = cap[(inputs == "") | inputs.str.split(";").map(lambda k: "text" in k)]
    if "tier" in cap:
        tier = cap.tier.fillna("")
        cap = cap.assign(name=[f"{n} ({t})" if t else n for n, t in zip(cap.name, tier)])
    start, precision = cap.as_of, cap.as_of_precision
    if "dated_by" in cap and (cap.dated_by == "source").any():
        usable = first_dates(ds, "usable").start
        shown = first_dates(ds, "demonstrated").start
        earliest = [usable.get(m) if a in BASIS_CLASSES["usable"] else shown.get(m)
                    for m, a in zip(cap.model_id, cap.availability)]
        late = (cap.dated_by == "source").tolist()
        start = pd.Series([e if d and e is not None and e < s else s
                           for s, e, d in zip(cap.as_of, earliest, late)], index=cap.index)
        precision = pd.Series([("range" if s != a else p) for s, a, p in
                               zip(start, cap.as_of, cap.as_of_precision)], index=cap.index)
    high = cap.max_clip_s_high if column == "max_clip_s_low" else cap[column]
    cap = cap.assign(start=start, end=timeline.period_ends(cap.as_of, cap.as_of_precision),
                     precision=precision, value=cap[column].astype(float),
                     value_high=high.astype(float))
    return _items(with_family(ds, cap))


def dated_by_first_event(ds, basis: str, value: pd.Series) -> pd.DataFrame:
    """Items for models with a ``value`` (by model_id) that describes the model rather than a
    dated figure, each dated by the model's first event of the basis; a model never usable (never
    shown) is left out."""
    first = first_dates(ds, basis)
    first = first[first.index.isin(value.index)].reset_index()
    values = first.model_id.map(value).astype(float)
    return first.assign(value=values, value_high=values)[ITEM_COLUMNS]


def sides(table: pd.DataFrame, comparator) -> pd.DataFrame:
    """``table`` with a ``side`` column: China (country CN) or the comparator ('sora': Sora's
    family; 'western': a maker in ``vocab.WEST``; or a list of model_ids and their families); rows
    of neither side are dropped."""
    china = table.country == CHINA_CODE
    family = table.family if "family" in table else table.model_id
    if comparator == "sora":
        other = family == SORA_FAMILY
    elif comparator == "western":
        other = table.country.isin(WEST)
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


LAG_COLUMNS = ["side", "milestone", "model", "on", "precision", "on_when", "matched", "matched_by",
               "matched_on", "matched_precision", "matched_when", "days_low", "days_high",
               "other_then", "side_first_on", "side_first_when", "within_spread"]


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
            # every match whose date allows it to have come first: the first is undetermined
            # among them, and the lag runs from the earliest day any allows
            cands = firsts(other[other.value >= m.value - tolerance]) if matched else other.iloc[0:0]
            start = cands.start.min() if matched else pd.NaT
            then = other[other.end <= m.start].value.max()
            rows.append({
                "side": side, "milestone": m.value, "model": m.name, "on": m.start,
                "precision": m.precision, "on_when": m.when, "matched": matched,
                "matched_by": (hit["name"] if len(cands) == 1 else firsts_text(cands)) if matched else "",
                "matched_on": start,
                "matched_precision": hit.precision if matched else "",
                "matched_when": (hit.when if len(cands) == 1 else f"{as_text(start)} to {as_text(hit.end)}")
                if matched else "",
                "days_low": (start - m.end).days if matched else (window_end - m.end).days,
                "days_high": (hit.end - m.start).days if matched else pd.NA,
                "other_then": float(then) if pd.notna(then) else float("nan"),
                "side_first_on": first.start.iloc[0] if len(first) else pd.NaT,
                "side_first_when": first.when.iloc[0] if len(first) else "",
                "within_spread": bool(matched and hit.value < m.value)})
    return pd.DataFrame(rows, columns=LAG_COLUMNS)


def standing(table: pd.DataFrame, when: pd.Timestamp) -> dict[str, float]:
    """Each side's best value among items certainly in place by ``when``; NaN (no value, never
    zero) for a side with none yet."""
    known = table[table.end <= when]
    return {side: float(known[known.side == side].value.max()) if (known.side == side).any()
            else float("nan") for side in table.side.unique()}


def latest(ds) -> pd.Timestamp:
    """The last day the catch-up's data reaches: the latest dated event, capability or arena
    snapshot (what ``window_end = "latest"`` means)."""
    days = [ds.model_events.happened_on.max(), ds.capabilities.as_of.max()]
    if getattr(ds, "arena_ratings", None) is not None:
        days.append(ds.arena_ratings.snapshot_on.max())
    return max(d for d in days if pd.notna(d))


def comparator_choices(ds) -> list[str]:
    """Model ids a comparator may name: text-to-video models whose maker is outside China."""
    models = ds.models.merge(ds.organizations[["org_id", "country"]], on="org_id")
    return sorted(models[(models.kind == "text_to_video") & models.country.notna()
                         & (models.country != CHINA_CODE)].model_id)


def side_label(comparator) -> str:
    """How the comparator side is named: Sora, Western, or Comparators (named models)."""
    if isinstance(comparator, str):
        return {"sora": "Sora", "western": "Western"}.get(comparator, "Comparators")
    return "Comparators"
