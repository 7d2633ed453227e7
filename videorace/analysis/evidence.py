"""The evidence a prediction is judged on, and one check per dimension: each says what the
evidence known by a day shows (``Finding``); ``videorace.analysis.predictions`` turns findings into
verdicts."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from videorace.analysis.clips import CLAIMED_CLASSES, USABLE_CLASSES, seconds_text
from videorace.analysis.timeline import best_dates, events, first_event, period_ends
from videorace.data.dates import as_text


#: Availability classes of capabilities.csv on each side of the like-with-like clip comparison.
CLIP_BASES = {"shown": CLAIMED_CLASSES, "available": USABLE_CLASSES}


DAY = pd.Timedelta(days=1)


@dataclass(frozen=True)
class Finding:
    """What the evidence known by some day says about one dimension of one claim."""

    holds: bool | None  # None: the data cannot decide it
    text: str  # the evidence in words, dates written at their precision
    on: pd.Timestamp | None = None  # the day the decisive evidence was certainly known
    on_text: str = ""  # that evidence's date at its own precision
    settled: bool = False  # a False that later evidence can no longer turn into True


@dataclass(frozen=True)
class Evidence:
    """Best-dated model events and capability figures, each with the last day of its period."""

    events: pd.DataFrame
    capabilities: pd.DataFrame
    lag_threshold_days: int
    scores: pd.DataFrame | None = None  # VBench totals, dated by their publication

    @classmethod
    def from_dataset(cls, ds, lag_threshold_days: int) -> "Evidence":
        cap = ds.capabilities.merge(ds.models[["model_id", "name"]], on="model_id", how="left")
        cap["end"] = period_ends(cap.as_of, cap.as_of_precision)
        scores, b = None, getattr(ds, "benchmarks", None)
        if b is not None:
            scores = b[(b.benchmark == "vbench") & (b.benchmark_metric == "total")].copy()
            scores["end"] = period_ends(scores.published_on, scores.published_precision)
        return cls(best_dates(events(ds)), cap, lag_threshold_days, scores)

    def name(self, model_id: str) -> str:
        """The model's name as the evidence knows it; the id only if it knows no name."""
        for table in (self.events, self.capabilities):
            hit = table.loc[table.model_id == model_id, "name"]
            if len(hit):
                return str(hit.iloc[0])
        return model_id

    def known_by(self, day: pd.Timestamp) -> "Evidence":
        """Only what was certainly known on ``day``."""
        scores = None if self.scores is None else self.scores[self.scores.end <= day]
        return replace(self, events=self.events[self.events.end <= day],
                       capabilities=self.capabilities[self.capabilities.end <= day], scores=scores)


def _when(row) -> str:
    return as_text(row.start, row.precision)


def _first_available(ev: pd.DataFrame, model_id: str):
    return first_event(ev[ev.model_id == model_id], ("available",))


def release_by_deadline(ev: Evidence, model_id: str) -> Finding:
    """The model was usable by outsiders (beta, launch or worldwide access)."""
    first = _first_available(ev.events, model_id)
    if first is None:
        return Finding(False, f"no beta or launch of {ev.name(model_id)} in the data")
    return Finding(True, f"{first['name']} usable from {_when(first)}", first.end, _when(first))


def public_before_sora(ev: Evidence, model_id: str) -> Finding:
    """The model was usable by outsiders while Sora was not: its first availability ended before
    Sora's began. Settled as False once Sora is usable and the model is not, or later."""
    own, sora = _first_available(ev.events, model_id), _first_available(ev.events, "sora")
    sora_text = f"Sora usable from {_when(sora)}" if sora is not None else "Sora not yet usable"
    if own is None:
        if sora is None:
            return Finding(False, f"neither {ev.name(model_id)} nor Sora usable yet")
        return Finding(False, f"{ev.name(model_id)} not usable; {sora_text}", sora.end, _when(sora),
                       settled=True)
    text = f"{own['name']} usable from {_when(own)}; {sora_text}"
    if sora is None or own.end < sora.start:
        return Finding(True, text, own.end, _when(own))
    if own.start > sora.end:
        return Finding(False, text, own.end, _when(own), settled=True)
    return Finding(None, text + " (the dates overlap)")


def _best_clip(cap: pd.DataFrame, model_id: str, kinds) -> tuple[float, float, pd.Series] | None:
    """The longest clip of ``kinds``, as a range: the highest lower bound and the highest upper
    bound among the rows, with the row that has the highest upper bound."""
    rows = cap[(cap.model_id == model_id) & cap.availability.isin(kinds)]
    if rows.empty:
        return None
    top = rows.sort_values(["max_clip_s_high", "end"], ascending=[False, True]).iloc[0]
    return float(rows.max_clip_s_low.max()), float(rows.max_clip_s_high.max()), top


def max_clip_vs_sora(ev: Evidence, model_id: str, basis: str, everything: Evidence) -> Finding:
    """The model's longest clip of one basis ('shown': claimed or demonstrated; 'available': what
    users could make) at least Sora's longest on the same basis. Ranges decide only when they do
    not overlap. ``everything`` (all evidence, any date) tells 'no figure at all' from 'not yet'."""
    kinds = CLIP_BASES[basis]
    if _best_clip(everything.capabilities, model_id, kinds) is None:
        return Finding(None, f"no {basis} clip length for {everything.name(model_id)} in the data",
                       settled=True)
    own, sora = (_best_clip(ev.capabilities, m, kinds) for m in (model_id, "sora"))
    if own is None:
        return Finding(False, f"no {basis} clip length for {everything.name(model_id)} yet")
    own_text = f"{own[2]['name']} {seconds_text(own[0], own[1])} ({as_text(own[2].as_of, own[2].as_of_precision)})"
    if sora is None:
        return Finding(None, f"{own_text}; Sora had no {basis} clip to compare with")
    sora_text = f"Sora {seconds_text(sora[0], sora[1])} ({as_text(sora[2].as_of, sora[2].as_of_precision)})"
    later = max((own[2], sora[2]), key=lambda r: r.end)
    on, on_text = later.end, as_text(later.as_of, later.as_of_precision)
    text = f"{own_text} vs {sora_text}, {basis}"
    if own[0] >= sora[1]:
        return Finding(True, text, on, on_text)
    if own[1] < sora[0]:
        return Finding(False, text, on, on_text)
    return Finding(None, text + " (the ranges overlap)")


def sora_announcement(ev: pd.DataFrame, model_id: str = "sora", event: str = "announced"):
    """The best-dated row of Sora's announcement (the event lags count from), or None."""
    rows = ev[(ev.model_id == model_id) & (ev.event == event)].sort_values(["end", "start"])
    return None if rows.empty else rows.iloc[0]


def lag_to_sora_days(ev: Evidence, everything: Evidence) -> Finding:
    """A Chinese text-to-video model (its maker's country is CN) was shown, and one was usable,
    within ``lag_threshold_days`` of Sora's announcement.
    A lag is a range when a date is coarser than a day: (earliest event day - latest reference day)
    to (latest event day - earliest reference day); it counts only when its top is within the
    threshold."""
    ref = sora_announcement(everything.events)
    if ref is None:
        return Finding(None, "Sora's announcement is not in the data", settled=True)
    rivals = ev.events[(ev.events.kind == "text_to_video") & (ev.events.country == "CN")
                       & (ev.events.start >= ref.start)]
    limit = ev.lag_threshold_days
    parts, ends, ok = [], [], True
    for label, stages in (("shown", ("shown", "available")), ("usable", ("available",))):
        first = first_event(rivals, stages)
        if first is None:
            parts.append(f"no Chinese model {label} after it yet")
            ok = False
            continue
        low, high = (first.start - ref.end).days, (first.end - ref.start).days
        lag = f"{low}" if low == high else f"{low} to {high}"
        parts.append(f"first {label}: {first['name']}, {_when(first)}, {lag} days")
        ends.append(first)
        ok = ok and high <= limit
    text = (f"from Sora's announcement ({_when(ref)}), threshold {limit} days: " + "; ".join(parts))
    if not ok:
        return Finding(False, text)
    last = max(ends, key=lambda r: r.end)
    return Finding(True, text, last.end, _when(last))


def quality_vs_sora(ev: Evidence, model_id: str, everything: Evidence) -> Finding:
    """A published VBench total of the model at least Sora's (the highest of each, as published
    by that day). Not testable where either has no published score in the data."""
    if everything.scores is None:
        return Finding(None, "no benchmark table in the data", settled=True)
    missing = [m for m in (model_id, "sora") if not (everything.scores.model_id == m).any()]
    if missing:
        return Finding(None, "no published VBench total for "
                       f"{' or '.join(map(everything.name, missing))} in the data",
                       settled=True)
    own, sora = (ev.scores[ev.scores.model_id == m] for m in (model_id, "sora"))
    if own.empty or sora.empty:
        return Finding(False, "no VBench total published yet for both")
    a, b = own.loc[own.value.idxmax()], sora.loc[sora.value.idxmax()]
    later = max((a, b), key=lambda r: r.end)
    on_text = as_text(later.published_on, later.published_precision)
    text = (f"VBench total {everything.name(model_id)} {a.value:.2f} vs Sora {b.value:.2f} "
            f"(published {on_text})")
    return Finding(bool(a.value >= b.value), text, later.end, on_text)
