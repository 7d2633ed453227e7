"""The evidence a prediction is judged on, and one check per dimension: each says what the
evidence known by a day shows (``Finding``); ``videorace.analysis.predictions`` turns findings into
verdicts."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from videorace.analysis import comparable
from videorace.analysis.clips import CLAIMED_CLASSES, USABLE_CLASSES, seconds_text
from videorace.analysis.timeline import best_dates, events, first_event, period_ends
from videorace.data.dates import as_text


#: Availability classes of capabilities.csv on each side of the like-with-like clip comparison.
CLIP_BASES = {"shown": CLAIMED_CLASSES, "available": USABLE_CLASSES}


DAY = pd.Timedelta(days=1)
#: Sora and its later version: a claim about Sora is judged on the version its evidence names.
SORA = ("sora", "sora_turbo")


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
        cap = ds.capabilities.merge(ds.models[["model_id", "name", "org_id"]], on="model_id",
                                    how="left")
        cap = cap.merge(ds.organizations[["org_id", "country"]], on="org_id", how="left")
        cap["end"] = period_ends(cap.as_of, cap.as_of_precision)
        scores, b = None, getattr(ds, "benchmarks", None)
        if b is not None:
            scores = b[(b.benchmark == "vbench") & (b.benchmark_metric == "total")].copy()
            scores["end"] = period_ends(scores.published_on, scores.published_precision)
            scores["score_class"] = comparable.score_classes(scores)
            scores.attrs["spread"] = comparable.spread(b, "vbench", "total")
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
    own = _first_available(ev.events, model_id)
    sora = first_event(ev.events[ev.events.model_id.isin(SORA)], ("available",))
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
    rows = comparable.single_clips(cap[(cap.model_id == model_id) & cap.availability.isin(kinds)])
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
    # the version the spring-2024 claims name: Sora as shown in February, not the later Sora Turbo
    own, sora = _best_clip(ev.capabilities, model_id, kinds), _best_clip(ev.capabilities, "sora", kinds)
    if own is None:
        return Finding(False, f"no {basis} clip length for {everything.name(model_id)} yet")
    own_text = f"{own[2]['name']} {seconds_text(own[0], own[1])} ({as_text(own[2].as_of, own[2].as_of_precision)})"
    if sora is None:
        return Finding(None, f"{own_text}; Sora had no {basis} clip to compare with")
    sora_text = f"{sora[2]['name']} {seconds_text(sora[0], sora[1])} ({as_text(sora[2].as_of, sora[2].as_of_precision)})"
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
    """Chinese text-to-video models (maker's country CN) matched Sora as shown, on capability,
    within ``lag_threshold_days`` of its announcement: the longest single clip and the frame
    height Sora showed (the best of its demo rows known on the announcement's last day), each
    matched by a Chinese claim, demonstration or release. A lag is a range when a date is coarser
    than a day: (earliest match day - latest reference day) to (latest match day - earliest
    reference day); it counts only when its top is within the threshold."""
    ref = sora_announcement(everything.events)
    if ref is None:
        return Finding(None, "Sora's announcement is not in the data", settled=True)
    shown_classes = comparable.availability_classes("demo")
    cap = comparable.single_clips(everything.capabilities)
    sora = cap[cap.availability.isin(shown_classes) & (cap.model_id == "sora") & (cap.end <= ref.end)]
    if sora.empty:
        return Finding(None, "no clip length or resolution Sora showed at its announcement",
                       settled=True)
    limit = ev.lag_threshold_days
    known = comparable.single_clips(ev.capabilities)
    china = known[known.availability.isin(shown_classes) & (known.country == "CN")
                  & (known.as_of >= ref.start)]
    parts, ends, ok = [], [], True
    for label, column in (("clip length", "max_clip_s_low"), ("resolution", "height_px")):
        if column not in sora:
            continue
        target = sora[column].max()
        if pd.isna(target):
            parts.append(f"Sora showed no {label}")
            continue
        hits = china[china[column] >= target].sort_values(["end", "as_of"])
        unit = " s" if column == "max_clip_s_low" else "p"
        if hits.empty:
            parts.append(f"no Chinese {label} of {target:g}{unit} yet")
            ok = False
            continue
        first = hits.iloc[0]
        start = first.as_of
        low, high = (start - ref.end).days, (first.end - ref.start).days
        lag = f"{low}" if low == high else f"{low} to {high}"
        parts.append(f"{label} {target:g}{unit}: {first['name']}, "
                     f"{as_text(first.as_of, first.as_of_precision)}, {lag} days")
        ends.append(first)
        ok = ok and high <= limit
    text = (f"Sora as shown at its announcement ({_when(ref)}), threshold {limit} days: "
            + "; ".join(parts))
    if not ok or not ends:
        return Finding(False, text)
    last = max(ends, key=lambda r: r.end)
    return Finding(True, text, last.end, as_text(last.as_of, last.as_of_precision))


def quality_vs_sora(ev: Evidence, model_id: str, everything: Evidence) -> Finding:
    """A published VBench total of the model at least Sora's (either version), or level within the
    spread between sources for one model, compared only within one class (``comparable``: one
    version and evaluator), never the best of each across classes. Not testable where no class
    holds both."""
    if everything.scores is None:
        return Finding(None, "no benchmark table in the data", settled=True)
    every = everything.scores
    both = set(every[every.model_id == model_id].score_class) & set(
        every[every.model_id.isin(SORA)].score_class)
    if not both:
        return Finding(None, f"no VBench class holds both {everything.name(model_id)} and Sora "
                       "in the data", settled=True)
    spread = every.attrs.get("spread")
    tolerance = spread.tolerance if spread is not None else 0.0
    cls = sorted(both)[0]
    own = ev.scores[(ev.scores.model_id == model_id) & (ev.scores.score_class == cls)]
    sora = ev.scores[ev.scores.model_id.isin(SORA) & (ev.scores.score_class == cls)]
    if own.empty or sora.empty:
        return Finding(False, "no VBench total published yet for both")
    a, b = own.iloc[0], sora.iloc[0]
    later = max((a, b), key=lambda r: r.end)
    on_text = as_text(later.published_on, later.published_precision)
    verdict = comparable.compare(a.value, cls, b.value, cls, tolerance, "scores")
    text = (f"VBench total {everything.name(model_id)} {a.value:.2f} vs {everything.name(b.model_id)}"
            f" {b.value:.2f} ({verdict.replace('first', everything.name(model_id)).replace('second', 'Sora')};"
            f" {cls}; published {on_text})")
    return Finding(verdict != "second ahead", text, later.end, on_text)
