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

import pandas as pd

from videorace.analysis.evidence import (DAY, Evidence, Finding,  # noqa: F401
                                         lag_to_sora_days, max_clip_vs_sora, public_before_sora,
                                         quality_vs_sora, release_by_deadline)
from videorace.data.vocab import BASES
from videorace.data.dates import as_text, period_end, period_start


VERDICTS = ("held", "not held", "open", "already true when stated", "not yet made", "not testable")


DIMENSION_NAMES = {
    "release_by_deadline": "released by the deadline",
    "public_before_sora": "open to the public before any version of Sora",
    "max_clip_vs_sora:demonstrated": "longest single clip demonstrated or usable vs Sora's",
    "max_clip_vs_sora:usable": "longest single clip users could make vs Sora's",
    "lag_to_sora_days": "days behind Sora as shown (clip length, resolution)",
    "quality_vs_sora": "VBench total vs Sora's, in the reports' one class",
    "none": "none in the data",
}


def implied_deadline(claim, dimension: str, everything: Evidence) -> pd.Timestamp | None:
    """The claim's own latest deadline; for a lag claim without one, the last day a lag within the
    threshold could still happen (the reference's last day plus the threshold)."""
    if pd.notna(claim.deadline_high):
        return claim.deadline_high
    if dimension == "lag_to_sora_days":
        ref = everything.announcement
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
    if dimension == "quality_vs_sora":
        return quality_vs_sora(ev, model, everything)
    raise ValueError(f"claims.csv measured_by: unknown dimension {dimension!r}")


def dimensions(claim) -> list[str]:
    """The claim's dimensions; the clip comparison splits into like-with-like pairs."""
    dims = []
    for dim in str(claim.measured_by or "").split(";"):
        if dim == "max_clip_vs_sora":
            dims += [f"{dim}:{basis}" for basis in reversed(BASES)]
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


#: Dimensions about timing of access rather than capability: they never decide an overall verdict
#: on a claim about matching or beating a model.
ACCESS_ONLY = ("public_before_sora",)


def overall(table: pd.DataFrame) -> pd.DataFrame:
    """One verdict per claim on what it claimed, from its dimensions: access timing (public before
    Sora) does not count; any capability dimension not held makes it not held; all held (or
    already true) makes it held (or already true when stated, if none was new); otherwise open
    when one is open, else not testable."""
    rows = []
    for claim_id, group in table.groupby("claim_id", sort=False):
        decisive = group[~group.dimension.isin(ACCESS_ONLY)]
        verdicts = set(decisive.verdict)
        if "not yet made" in verdicts:
            verdict = "not yet made"
        elif decisive.empty or decisive.dimension.eq("none").all():
            verdict = "not testable"
        elif "not held" in verdicts:
            verdict = "not held"
        elif verdicts <= {"held", "already true when stated"}:
            verdict = "held" if "held" in verdicts else "already true when stated"
        elif "open" in verdicts:
            verdict = "open"
        else:
            verdict = "not testable"
        rows.append({"claim_id": claim_id, "overall": verdict})
    return pd.DataFrame(rows, columns=["claim_id", "overall"])


def overall_tally(table: pd.DataFrame) -> str:
    """``overall`` verdicts counted, in the order of ``VERDICTS``: '1 held, 1 not held, 2 not
    testable'."""
    counts = table.overall.value_counts()
    return ", ".join(f"{int(counts[v])} {v}" for v in VERDICTS if v in counts)
