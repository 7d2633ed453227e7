"""Release timelines: every model event on one axis, with date precision kept as an interval."""

from __future__ import annotations

import pandas as pd

from videorace.data.dates import as_text, period_end, period_start
from videorace.data.vocab import EVENT_STAGES
from videorace.analysis.wording import counted

#: Events after which someone outside the company could use the model, vs. only see or hear of it
#: (``vocab.EVENT_STAGES``).
USABLE_EVENTS = tuple(e for e, stage in EVENT_STAGES.items() if stage == "usable")
SHOWN_EVENTS = tuple(e for e, stage in EVENT_STAGES.items() if stage == "shown")
#: How an event reads in a sentence ("Ying launched 2024-07-26", "Wan 2.1 weights released ...").
EVENT_WORDS = {"announced": "announced", "unveiled": "unveiled", "beta": "opened a beta",
               "launched": "launched", "global_access": "opened worldwide", "api": "API opened",
               "open_weights": "weights released", "update": "updated"}
#: The same events as nouns, for labels such as "Sora's announcement" (never a raw ``model:event`` id).
EVENT_NOUNS = {"announced": "announcement", "unveiled": "unveiling", "beta": "beta opening",
               "launched": "launch", "global_access": "worldwide opening", "api": "API opening",
               "open_weights": "open-weights release", "update": "update"}
#: Model kinds drawn as video models; language models and assistants are not.
VIDEO_KINDS = ("text_to_video", "image_to_video")
PRECISION_RANK = {"day": 0, "month": 1, "quarter": 2, "year": 3}
CONFIDENCE_RANK = {"high": 0, "medium": 1, "low": 2}
#: A model's first showing counts anything usable too (what users had was also shown).
STAGES = {"shown": ("shown", "usable"), "usable": ("usable",)}
LAG_COLUMNS = ["model_id", "model", "org_id"] + [
    f"{stage}_{what}" for stage in STAGES
    for what in ("on", "precision", "days_low", "days_high", "relation")]


def period_ends(days: pd.Series, precisions: pd.Series) -> pd.Series:
    """The last day of each date's period (a June 2024 date ends on 2024-06-30), aligned with
    ``days`` and typed as datetimes even when empty."""
    return pd.Series([pd.Timestamp(period_end(d.date(), p)) for d, p in zip(days, precisions)],
                     index=days.index, dtype="datetime64[ns]")


def events(ds) -> pd.DataFrame:
    """Model events with their model, organisation and the interval their precision allows."""
    ev = ds.model_events.merge(ds.models[["model_id", "name", "org_id", "kind"]], on="model_id")
    ev = ev.merge(ds.organizations[["org_id", "name", "country"]].rename(
        columns={"name": "org_name"}), on="org_id")
    ev["start"] = ev["happened_on"]
    ev["end"] = period_ends(ev.happened_on, ev.precision)
    ev["stage"] = ev["event"].map(EVENT_STAGES)
    return ev.sort_values(["happened_on", "model_id"]).reset_index(drop=True)


def best_dates(ev: pd.DataFrame) -> pd.DataFrame:
    """One row per (model, event): the most precise date, then the most confident source."""
    ranked = ev.assign(_p=ev.precision.map(PRECISION_RANK), _c=ev.confidence.map(CONFIDENCE_RANK))
    ranked = ranked.sort_values(["model_id", "event", "_p", "_c", "happened_on", "event_id"])
    return ranked.drop_duplicates(["model_id", "event"]).drop(columns=["_p", "_c"])


def first_event(events_of_one_model: pd.DataFrame, stages) -> pd.Series | None:
    """The first event in ``stages``: the one whose interval ends earliest, so a row dated to the
    day beats a month-only row whose month contains it. None when there is no such event."""
    hits = events_of_one_model[events_of_one_model.stage.isin(stages)].sort_values(["end", "start"])
    return None if hits.empty else hits.iloc[0]


def reference_choices(ds) -> list[str]:
    """Allowed values of a ``reference_event`` parameter: ``<model_id>:<event>``."""
    return sorted({f"{m}:{e}" for m, e in zip(ds.model_events.model_id, ds.model_events.event)})


def reference_period(ev: pd.DataFrame, reference: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last day the reference event ``<model_id>:<event>`` can have happened on,
    from its best-dated row (``best_dates``): the same day twice for a day-precision date, the
    first and last day of the month for a month-precision one. ValueError if it is not in ``ev``."""
    model_id, _, event = reference.partition(":")
    best = best_dates(ev)
    row = best[(best.model_id == model_id) & (best.event == event)]
    if row.empty:
        raise ValueError(f"no event {reference!r} in the data")
    return row.start.iloc[0], row.end.iloc[0]


def event_label(ev: pd.DataFrame, reference: str) -> str:
    """A ``<model_id>:<event>`` reference as a reader says it: 'Sora's announcement'."""
    model_id, _, event = reference.partition(":")
    names = ev.drop_duplicates("model_id").set_index("model_id").name
    return f"{names.get(model_id, model_id)}'s {EVENT_NOUNS.get(event, event)}"


def as_period(ref) -> tuple[pd.Timestamp, pd.Timestamp]:
    """A reference given as one day or as a (first day, last day) pair, as a pair."""
    if isinstance(ref, tuple):
        return pd.Timestamp(ref[0]), pd.Timestamp(ref[1])
    return pd.Timestamp(ref), pd.Timestamp(ref)


def period_text(first, last) -> str:
    """A period from its first and last day: one day as a date, a whole calendar month, quarter
    or year by name ('Jun 2024'), anything else as 'first to last'."""
    first, last = pd.Timestamp(first), pd.Timestamp(last)
    if first == last:
        return as_text(first)
    for precision in ("month", "quarter", "year"):
        if (period_start(first.date(), precision) == first.date()
                and period_end(first.date(), precision) == last.date()):
            return as_text(first, precision)
    return f"{as_text(first)} to {as_text(last)}"


def window(ev: pd.DataFrame, start, end, org_ids: list[str]) -> pd.DataFrame:
    """Events of the given organisations whose interval overlaps [start, end]."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    keep = ev.org_id.isin(org_ids) & (ev.end >= start) & (ev.start <= end)
    return ev[keep].reset_index(drop=True)


def relation(low, high) -> str:
    """Where a lag range lies relative to the reference: 'after' (from the same day on), 'before',
    'either side' when the range spans the reference, 'not in data' when missing."""
    if pd.isna(low) or pd.isna(high):
        return "not in data"
    return "after" if low >= 0 else "before" if high < 0 else "either side"


def first_events(ev: pd.DataFrame, stages) -> pd.DataFrame:
    """``first_event`` for every model at once: per model, its first event in ``stages`` (the
    interval that ends earliest; among equal ones the one that starts earliest, then the first in
    ``ev``'s order), indexed by model_id. Models without such an event have no row."""
    hits = ev[ev.stage.isin(stages)].sort_values(["end", "start"], kind="stable")
    return hits.drop_duplicates("model_id").set_index("model_id")


def lags(ev: pd.DataFrame, reference: str, kind: str = "text_to_video") -> pd.DataFrame:
    """Per model of ``kind`` (other than the reference's own model): days from the reference event
    to the first time it was shown (unveiled, announced or launched) and the first time outsiders
    could use it (beta, launch, global access). Both dates are periods (``reference_period``, an
    event's start and end), so a lag is a range: low = the event's first possible day minus the
    reference's last, high = the event's last possible day minus the reference's first. Equal
    for two day-precision dates. ``<stage>_relation`` says 'before', 'after' or 'either side'."""
    ref_first, ref_last = reference_period(ev, reference)
    best = best_dates(ev[(ev.kind == kind) & (ev.model_id != reference.partition(":")[0])])
    models = best.drop_duplicates("model_id")
    columns = {"model_id": list(models.model_id), "model": list(models.name),
               "org_id": list(models.org_id)}
    for stage, stages in STAGES.items():
        first = first_events(best, stages).reindex(models.model_id)
        found = first.start.notna().tolist()
        low = [(s - ref_last).days if f else pd.NA for s, f in zip(first.start, found)]
        high = [(e - ref_first).days if f else pd.NA for e, f in zip(first.end, found)]
        columns.update({
            f"{stage}_on": [s if f else pd.NaT for s, f in zip(first.start, found)],
            f"{stage}_precision": [p if f else None for p, f in zip(first.precision, found)],
            f"{stage}_days_low": low, f"{stage}_days_high": high,
            f"{stage}_relation": [relation(lo, hi) for lo, hi in zip(low, high)]})
    out = pd.DataFrame(columns, columns=LAG_COLUMNS)
    for stage in STAGES:
        out[f"{stage}_on"] = pd.to_datetime(out[f"{stage}_on"])
        for end in ("low", "high"):
            out[f"{stage}_days_{end}"] = out[f"{stage}_days_{end}"].astype("Int64")
    return out.sort_values(["shown_on", "usable_on", "model_id"]).reset_index(drop=True)


def up_to(lags: pd.DataFrame, end) -> pd.DataFrame:
    """The rows of ``lags`` for models first shown or first usable on or before ``end`` (a model
    that came after a window's end is not part of it)."""
    first = lags[["shown_on", "usable_on"]].min(axis=1)
    return lags[first <= pd.Timestamp(end)]


def days_text(low, high) -> str:
    """'72' for an exact lag, '-14 to 15' for a range, 'not in data' when missing."""
    if pd.isna(low) or pd.isna(high):
        return "not in data"
    return f"{low}" if low == high else f"{low} to {high}"


def relative_text(low, high, reference: str = "it") -> str:
    """A lag range in words: '26 to 55 days after X', '3 days before X', 'the same day as X',
    'between 30 days before and 90 days after X' when it spans X; 'not in data' when missing."""
    if pd.isna(low) or pd.isna(high):
        return "not in data"
    if low == high == 0:
        return f"the same day as {reference}"
    if low >= 0 or high < 0:
        a, b = (low, high) if low >= 0 else (-high, -low)
        return (f"{counted(a, 'day')}" if a == b else f"{a} to {b} days") + (
            f" {'after' if low >= 0 else 'before'} {reference}")
    return f"between {counted(-low, 'day')} before and {counted(high, 'day')} after {reference}"


def first_after(table: pd.DataFrame, stage: str) -> pd.Series | None:
    """The model first ``stage`` ('shown' or 'usable') on or after the reference: among lags
    wholly at or after it, the smallest low end, then the smallest high end. None if no model."""
    after = table[table[f"{stage}_relation"] == "after"]
    if after.empty:
        return None
    return after.sort_values([f"{stage}_days_low", f"{stage}_days_high", "model_id"]).iloc[0]


def lag_figure(row: pd.Series | None, stage: str) -> str:
    """A ``first_after`` row as a key figure: 'Ying (Qingying), 26 to 55 days'; 'none' if None."""
    if row is None:
        return "none among the selected organisations"
    return f"{row.model}, {days_text(row[f'{stage}_days_low'], row[f'{stage}_days_high'])} days"


def lag_table(table: pd.DataFrame) -> pd.DataFrame:
    """``lags`` for display: dates at their precision, lags as ranges."""
    out = table[["model_id", "model", "org_id"]].copy()
    for stage, label in (("shown", "first shown"), ("usable", "first usable")):
        out[label] = [as_text(d, p) if not pd.isna(d) else "not in data" for d, p in
                      zip(table[f"{stage}_on"], table[f"{stage}_precision"])]
        out[f"days to {label}"] = [days_text(a, b) for a, b in zip(table[f"{stage}_days_low"],
                                                                  table[f"{stage}_days_high"])]
    return out.reset_index(drop=True)


def _later(low, high) -> str:
    return "the same day" if low == high == 0 else (
        f"{days_text(low, high)} {'day' if low == high == 1 else 'days'} later")


def lag_summary(table: pd.DataFrame, reference: str, ref) -> str:
    """The lags in a paragraph: how many models came before the reference, which came first after
    it (shown, then usable), saying so plainly when there is none."""
    head = f"Counted from **{reference}** ({period_text(*as_period(ref))}): "
    if table.empty:
        return head + ("no video model of the selected organisations, other than the reference's "
                       "own, is in the data, so there is no lag to show.")
    before = table[table.shown_relation == "before"]
    span = table[table.shown_relation == "either side"]
    n = counted(len(table), "model")
    text = head + ((f"none of the {n} was" if before.empty else f"all {n} were"
                    if len(before) == len(table) and len(before) > 1 else
                    f"{len(before)} of {n} {'was' if len(before) == 1 else 'were'}")
                   + " shown before it" + (f" ({', '.join(before.model)})." if len(before) else "."))
    if len(span):
        text += (f" {', '.join(span.model)} {'was' if len(span) == 1 else 'were'} shown in a "
                 "period that spans the reference, so may have come before or after it.")
    first, usable = first_after(table, "shown"), first_after(table, "usable")
    text += (f" After it, **{first.model}** was the first shown, "
             f"{_later(first.shown_days_low, first.shown_days_high)}"
             if first is not None else " No video model of the selected organisations was shown "
             "after it")
    return text + (f"; the first usable by outsiders was **{usable.model}**, "
                   f"{_later(usable.usable_days_low, usable.usable_days_high)}."
                   if usable is not None else "; none of them became usable by outsiders after it.")


def window_text(drawn: pd.DataFrame, start, end) -> str:
    """What the timeline chart of ``drawn`` (a ``window``) shows, or that it shows nothing."""
    span = f"between {as_text(start)} and {as_text(end)}"
    if drawn.empty:
        return f"No event of the selected organisations falls {span}; the chart is empty."
    coarse, low = int((drawn.precision != "day").sum()), int((drawn.confidence == "low").sum())
    return (f"The chart draws {counted(len(drawn), 'dated event')} for "
            f"{counted(drawn.model_id.nunique(), 'model')} from "
            f"{counted(drawn.source_id.nunique(), 'source')} {span}. Of these events, {coarse} "
            f"{'is' if coarse == 1 else 'are'} known only to the month or coarser, and {low} "
            f"{'rests' if low == 1 else 'rest'} on low-confidence dates.")


def editions(ds, ev: pd.DataFrame, reference_start) -> pd.DataFrame:
    """Models that re-release a model already shown or usable before the reference for another
    market (``edition_of``, that model's first event ending before ``reference_start``): model_id,
    that model's name and first event, for saying what they are instead of headlining them as
    new. A later version (``parent_model_id``) is a new model and is not listed."""
    if "edition_of" not in ds.models:
        return pd.DataFrame(columns=["model_id", "parent", "parent_event"])
    parents = ds.models.set_index("model_id").edition_of.dropna()
    first = first_events(ev[ev.stage.isin(STAGES["shown"])], STAGES["shown"])
    rows = []
    for model, parent in parents.items():
        if parent in first.index and first.loc[parent, "end"] < pd.Timestamp(reference_start):
            p = first.loc[parent]
            rows.append({"model_id": model, "parent": p["name"],
                         "parent_event": f"{EVENT_WORDS.get(p.event, p.event)} {as_text(p.start, p.precision)}"})
    return pd.DataFrame(rows, columns=["model_id", "parent", "parent_event"])


def editions_text(lags: pd.DataFrame, known: pd.DataFrame, stage: str) -> str:
    """A sentence for the first edition after the reference when it came before the first new
    model (it would otherwise head the ``first_after`` figure): what it is an edition of."""
    row = first_after(lags[lags.model_id.isin(set(known.model_id))], stage)
    new = first_after(lags[~lags.model_id.isin(set(known.model_id))], stage)
    low, high = f"{stage}_days_low", f"{stage}_days_high"
    if row is None or (new is not None and (row[low], row[high]) > (new[low], new[high])):
        return ""
    e = known.set_index("model_id").loc[row.model_id]
    return (f" {row.model} came {days_text(row[low], row[high])} days after it, but it is an "
            f"edition of {e.parent} ({e.parent_event}), not a new model, so the figures below "
            "skip it.")
