"""The articles' predictions judged against the data.

A prediction is judged on each dimension the data can measure (``claims.measured_by``), using only
evidence that was certainly known by a day: an event or figure counts from the *last* day of the
period its date is known to (a June 2024 launch counts from 2024-06-30). For each dimension:

- **not yet made**: the claim was stated after the evidence cutoff;
- **already true when stated**: the evidence known the day before the claim already satisfied it,
  so it predicted nothing and does not count as held;
- **held**: evidence known by the deadline (and by the cutoff) satisfies it;
- **not held**: the deadline passed by the cutoff without it, or something made it impossible;
- **open**: the deadline lies after the cutoff and nothing decisive is known yet;
- **not testable**: nothing in the data can decide it (no figure for the model, ranges that overlap,
  evidence that falls inside the period in which the claim was made, or no dimension at all).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from videorace.analysis.clips import CLAIMED_CLASSES, USABLE_CLASSES, seconds_text
from videorace.data.dates import as_text, period_end, period_start
from videorace.analysis.timeline import best_dates, events, first_event

VERDICTS = ("held", "not held", "open", "already true when stated", "not yet made", "not testable")
#: Availability classes of capabilities.csv on each side of the like-with-like clip comparison.
CLIP_BASES = {"shown": CLAIMED_CLASSES, "available": USABLE_CLASSES}
DIMENSION_NAMES = {
    "release_by_deadline": "released by the deadline",
    "public_before_sora": "open to the public before Sora",
    "max_clip_vs_sora:shown": "longest clip shown vs Sora's shown",
    "max_clip_vs_sora:available": "longest clip users could make vs Sora's",
    "lag_to_sora_days": "days behind Sora",
    "none": "none in the data",
}
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

    @classmethod
    def from_dataset(cls, ds, lag_threshold_days: int) -> "Evidence":
        cap = ds.capabilities.merge(ds.models[["model_id", "name"]], on="model_id", how="left")
        cap["end"] = pd.Series([pd.Timestamp(period_end(d.date(), p))
                                for d, p in zip(cap.as_of, cap.as_of_precision)],
                               index=cap.index, dtype="datetime64[ns]")
        return cls(best_dates(events(ds)), cap, lag_threshold_days)

    def known_by(self, day: pd.Timestamp) -> "Evidence":
        """Only what was certainly known on ``day``."""
        return replace(self, events=self.events[self.events.end <= day],
                       capabilities=self.capabilities[self.capabilities.end <= day])


def _when(row) -> str:
    return as_text(row.start, row.precision)


def _first_available(ev: pd.DataFrame, model_id: str):
    return first_event(ev[ev.model_id == model_id], ("available",))


def release_by_deadline(ev: Evidence, model_id: str) -> Finding:
    """The model was usable by outsiders (beta, launch or worldwide access)."""
    first = _first_available(ev.events, model_id)
    if first is None:
        return Finding(False, f"no beta or launch of {model_id} in the data")
    return Finding(True, f"{first['name']} usable from {_when(first)}", first.end, _when(first))


def public_before_sora(ev: Evidence, model_id: str) -> Finding:
    """The model was usable by outsiders while Sora was not: its first availability ended before
    Sora's began. Settled as False once Sora is usable and the model is not, or later."""
    own, sora = _first_available(ev.events, model_id), _first_available(ev.events, "sora")
    sora_text = f"Sora usable from {_when(sora)}" if sora is not None else "Sora not yet usable"
    if own is None:
        if sora is None:
            return Finding(False, f"neither {model_id} nor Sora usable yet")
        return Finding(False, f"{model_id} not usable; {sora_text}", sora.end, _when(sora),
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
        return Finding(None, f"no {basis} clip length for {model_id} in the data", settled=True)
    own, sora = (_best_clip(ev.capabilities, m, kinds) for m in (model_id, "sora"))
    if own is None:
        return Finding(False, f"no {basis} clip length for {model_id} yet")
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


def _reference(ev: pd.DataFrame, model_id: str = "sora", event: str = "announced"):
    rows = ev[(ev.model_id == model_id) & (ev.event == event)].sort_values(["end", "start"])
    return None if rows.empty else rows.iloc[0]


def lag_to_sora_days(ev: Evidence, everything: Evidence) -> Finding:
    """A Chinese text-to-video model (its maker's country is CN) was shown, and one was usable,
    within ``lag_threshold_days`` of Sora's announcement.
    A lag is a range when a date is coarser than a day: (earliest event day - latest reference day)
    to (latest event day - earliest reference day); it counts only when its top is within the
    threshold."""
    ref = _reference(everything.events)
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


def implied_deadline(claim, dimension: str, everything: Evidence) -> pd.Timestamp | None:
    """The claim's own latest deadline; for a lag claim without one, the last day a lag within the
    threshold could still happen (the reference's last day plus the threshold)."""
    if pd.notna(claim.deadline_high):
        return claim.deadline_high
    if dimension == "lag_to_sora_days":
        ref = _reference(everything.events)
        if ref is not None:
            return ref.end + pd.Timedelta(days=everything.lag_threshold_days)
    return None


def check(dimension: str, claim, ev: Evidence, everything: Evidence) -> Finding:
    """What the evidence ``ev`` says about one dimension of ``claim``."""
    model = claim.subject_model_id if isinstance(claim.subject_model_id, str) else None
    if dimension == "release_by_deadline":
        return release_by_deadline(ev, model)
    if dimension == "public_before_sora":
        return public_before_sora(ev, model)
    if dimension.startswith("max_clip_vs_sora:"):
        return max_clip_vs_sora(ev, model, dimension.split(":")[1], everything)
    if dimension == "lag_to_sora_days":
        return lag_to_sora_days(ev, everything)
    raise ValueError(f"claims.csv measured_by: unknown dimension {dimension!r}")


def dimensions(claim) -> list[str]:
    """The claim's dimensions; the clip comparison splits into like-with-like pairs."""
    dims = []
    for dim in str(claim.measured_by or "").split(";"):
        if dim == "max_clip_vs_sora":
            dims += [f"{dim}:{basis}" for basis in CLIP_BASES]
        elif dim:
            dims.append(dim)
    return dims


def judge(claim, dimension: str, everything: Evidence, cutoff: pd.Timestamp) -> dict:
    """The verdict on one dimension of one claim, with its evidence and the evidence's date."""
    stated_start = pd.Timestamp(period_start(claim.stated_on.date(), claim.stated_precision))
    stated_end = pd.Timestamp(period_end(claim.stated_on.date(), claim.stated_precision))
    stated = as_text(claim.stated_on, claim.stated_precision)
    if made := _not_yet_made(claim, cutoff):
        return made
    before = check(dimension, claim, everything.known_by(stated_start - DAY), everything)
    if before.holds:
        return _verdict("already true when stated", before.text, before.on_text)
    deadline = implied_deadline(claim, dimension, everything)
    horizon = cutoff if deadline is None else min(deadline, cutoff)
    now = check(dimension, claim, everything.known_by(horizon), everything)
    if now.holds and now.on <= stated_end:
        return _verdict("not testable", now.text + f" (within {stated}, when the claim was made)",
                        now.on_text)
    if now.holds:
        return _verdict("held", now.text, now.on_text)
    if now.settled:
        return _verdict("not held" if now.holds is False else "not testable", now.text,
                        now.on_text)
    if deadline is None or deadline > cutoff:
        return _verdict("open", now.text, f"nothing decisive by {cutoff.date()}")
    if now.holds is None:
        return _verdict("not testable", now.text, "")
    return _verdict("not held", now.text, f"deadline {deadline.date()} passed")


def _not_yet_made(claim, cutoff: pd.Timestamp) -> dict | None:
    """The 'not yet made' verdict when even the first day the claim may have been made is after
    the cutoff; None otherwise."""
    if pd.Timestamp(period_start(claim.stated_on.date(), claim.stated_precision)) <= cutoff:
        return None
    stated = as_text(claim.stated_on, claim.stated_precision)
    return _verdict("not yet made", f"stated {stated}, after the cutoff {cutoff.date()}", "")


def _verdict(verdict: str, evidence: str, evidence_date: str) -> dict:
    return {"verdict": verdict, "evidence": evidence, "evidence_date": evidence_date}


def verdicts(ds, cutoff: pd.Timestamp, lag_threshold_days: int) -> pd.DataFrame:
    """One row per (claim, dimension): the evidence, its date, and the verdict. A claim no
    dimension measures gets one 'not testable' row with dimension 'none'."""
    everything = Evidence.from_dataset(ds, lag_threshold_days)
    rows = []
    for c in ds.claims.itertuples():
        base = {"claim_id": c.claim_id, "claimant": c.claimant,
                "stated": as_text(c.stated_on, c.stated_precision),
                "deadline": "" if pd.isna(c.deadline_high) else _deadline_text(c)}
        dims = dimensions(c)
        if not dims:
            made = _not_yet_made(c, cutoff) or _verdict("not testable",
                                                        "nothing in the data tests it", "")
            rows.append({**base, "dimension": "none", **made})
        for dim in dims:
            rows.append({**base, "dimension": dim, **judge(c, dim, everything, cutoff)})
    out = pd.DataFrame(rows)
    out["dimension_name"] = out.dimension.map(DIMENSION_NAMES)
    return out


def _deadline_text(claim) -> str:
    low, high = claim.deadline_low, claim.deadline_high
    if pd.isna(low) or low == high:
        return f"{high.date()}"
    return f"{low.date()} to {high.date()}"


def tally(table: pd.DataFrame) -> dict[str, int]:
    """Verdict counts over the dimensions the data measures (the 'none' rows are left out)."""
    measured = table[table.dimension != "none"]
    return {v: int((measured.verdict == v).sum()) for v in VERDICTS}
