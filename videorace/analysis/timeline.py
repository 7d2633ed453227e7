"""Release timelines: every model event on one axis, with date precision kept as an interval."""

from __future__ import annotations

import pandas as pd

from videorace.data.dates import as_text, period_end, period_start
from videorace.data import vocab
from videorace.data.vocab import EVENT_STAGES, PRECISIONS
from videorace.analysis.firsts import families, firsts, firsts_text
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
VIDEO_KINDS = vocab.VIDEO_KINDS
#: Stands in for a missing date where a comparison needs one (never shown to a reader).
NO_DATE = pd.Timestamp("1700-01-01")
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
    for precision in PRECISIONS[1:]:  # month, quarter, year
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


def since(lags: pd.DataFrame, start) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``lags`` split at a window's first day: the models whose first showing or first
    availability may fall on or after ``start`` (the later of the two periods ends then or
    later), and those both shown and usable before it (CogVideo, 2022, in a window from 2024),
    which do not belong to the window. A model with neither date stays (it says 'not in data')."""
    ends = [period_ends(lags[f"{stage}_on"].fillna(NO_DATE), lags[f"{stage}_precision"].fillna(
        "day")) for stage in STAGES]
    known = lags[[f"{stage}_on" for stage in STAGES]].notna().any(axis=1)
    keep = ~known | (pd.concat(ends, axis=1).max(axis=1) >= pd.Timestamp(start))
    return lags[keep], lags[~keep]


def earlier_text(earlier: pd.DataFrame, start) -> str:
    """A sentence naming the models ``since`` left out as being before the window, or ''."""
    if earlier.empty:
        return ""
    n = len(earlier)
    return (f" Left out of the table and the counts, as shown or usable only before the window's "
            f"start ({as_text(pd.Timestamp(start))}): {counted(n, 'model')}, "
            f"{', '.join(earlier.model)}.")


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


def firsts_after(table: pd.DataFrame, stage: str) -> pd.DataFrame:
    """The models that may have been first ``stage`` ('shown' or 'usable') on or after the
    reference (``firsts``): among lags wholly at or after it, the one whose range ends first and
    every other whose range begins by then, which came first being undetermined between them.
    Ordered by low end, then high end; empty when there is none. Each row has ``name`` and
    ``when`` (its lag in days) for ``firsts_text``."""
    low, high = f"{stage}_days_low", f"{stage}_days_high"
    after = table[table[f"{stage}_relation"] == "after"]
    items = after.assign(name=after.model, start=after[low].astype(int),
                         end=after[high].astype(int),
                         when=[f"{days_text(a, b)} {'day' if a == b == 1 else 'days'}"
                               for a, b in zip(after[low], after[high])])
    return firsts(items).sort_values(["start", "end", "model_id"])


def lag_figure(candidates: pd.DataFrame) -> str:
    """``firsts_after`` as a key figure: 'Ying (26 to 55 days)', or where ranges overlap
    'undetermined among Jimeng AI (15 to 45 days), Open-Sora 1.0 (32 days)'; 'none' if empty."""
    if candidates.empty:
        return "none among the selected organisations"
    return firsts_text(candidates)


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
                    f"of the {n}, {len(before)} {'was' if len(before) == 1 else 'were'}")
                   + " shown before it" + (f" ({', '.join(before.model)})." if len(before) else "."))
    if len(span):
        text += (f" {', '.join(span.model)} {'was' if len(span) == 1 else 'were'} shown in a "
                 "period that spans the reference, so may have come before or after it.")
    first, usable = firsts_after(table, "shown"), firsts_after(table, "usable")
    text += (f" After it, the first shown {_named(first)}" if len(first) else
             " No video model of the selected organisations was shown after it")
    return text + (f"; the first usable by outsiders {_named(usable)}." if len(usable)
                   else "; none of them became usable by outsiders after it.")


def _named(candidates: pd.DataFrame) -> str:
    """'was **Ying**, 26 to 55 days later', or 'is undetermined among ..., whose dates overlap'."""
    if len(candidates) > 1:
        return f"is {firsts_text(candidates)}, whose dates overlap"
    row = candidates.iloc[0]
    return f"was **{row.model}**, {_later(row.start, row.end)}"


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
    """A sentence for each edition that may have come first after the reference (it is among
    ``firsts_after`` of every model, editions included): what it is an edition of, since the
    figures for new models skip it."""
    candidates = firsts_after(lags, stage)
    editions = candidates[candidates.model_id.isin(set(known.model_id))]
    parents = known.set_index("model_id")
    return "".join(
        f" {row.model} came {row.when} after it, but it is an edition of "
        f"{parents.loc[row.model_id, 'parent']} ({parents.loc[row.model_id, 'parent_event']}), "
        "not a new model, so the figures below skip it." for row in editions.itertuples())


def family_of(ds, model_id: str) -> list[str]:
    """The models of ``model_id``'s family (``families``, through parent_model_id): for Sora,
    Sora, Sora Turbo, Sora 2 and the rest of its line."""
    family = families(ds.models)
    return sorted(family[family == family.get(model_id, model_id)].index)


def own_launch(ev: pd.DataFrame, family: list[str]) -> pd.Series | None:
    """The first usable event of a family (``family_of``) from its best-dated rows: for Sora,
    Sora Turbo's launch. None when no model of the family was ever usable in ``ev``."""
    return first_event(best_dates(ev[ev.model_id.isin(family)]), STAGES["usable"])


def lead_over_launch(table: pd.DataFrame, family: list[str], launch: pd.Series | None):
    """The first model usable after the reference, outside the reference's ``family``
    (``firsts_after``, with each candidate's date in words as ``when``), and the days from that
    first to the family's own ``launch`` as a range (low, high): the first came no earlier than
    the earliest candidate's first possible day and no later than the earliest last possible day
    among them. Negative: before the launch. (candidates, None, None) when either is missing."""
    candidates = firsts_after(table[~table.model_id.isin(family)], "usable")
    if candidates.empty:
        return candidates, None, None
    ends = period_ends(candidates.usable_on, candidates.usable_precision)
    candidates = candidates.assign(when=[as_text(d, p) for d, p in zip(
        candidates.usable_on, candidates.usable_precision)])
    if launch is None:
        return candidates, None, None
    return (candidates, (candidates.usable_on.min() - launch.end).days,
            (ends.min() - launch.start).days)


def launch_text(candidates: pd.DataFrame, low, high, launch: pd.Series | None, reference: str,
                owner: str) -> tuple[str, str]:
    """``lead_over_launch`` as a sentence and a key figure: when the family of ``owner`` (the name
    of the reference model's first ancestor, ``families``) first became usable, and how long
    before (or after) that the first model usable after the reference came."""
    if launch is None:
        return (f"No model of {owner}'s family was usable in the data, so there is no launch of "
                "its own to measure a lead against.", "not in data")
    event = f"{launch['name']}'s {EVENT_NOUNS.get(launch.event, launch.event)}"
    on = f"{event} ({as_text(launch.start, launch.precision)})"
    if candidates.empty:
        return (f"{owner}'s family first became usable with {on}; no model of the selected "
                f"organisations became usable after {reference}.", "none among the selected organisations")
    where = relative_text(low, high, event)
    return (f"{owner}'s family ({owner} and its later versions, by `parent_model_id`) first "
            f"became usable with **{on}**. The first model of the selected "
            f"organisations usable by outsiders after {reference} "
            f"{'is' if len(candidates) > 1 else 'was'} {firsts_text(candidates)}: "
            f"{where}.", f"{where} ({as_text(launch.start, launch.precision)})")
