"""The evidence a prediction is judged on, and one check per dimension: each says what the
evidence known by a day shows (``Finding``); ``videorace.analysis.predictions`` turns findings into
verdicts.

The evidence is the catch-up's own items (``catchup.dimensions``: the same bases, the same dating,
the same VBench class and tolerance), so the predictions report and the catch-up cannot disagree.
A claim about a model covers its family (PixVerse's later versions count for a claim about
PixVerse), and a claim about Sora is judged against Sora's family, naming the version (Sora as
shown in February 2024, Sora Turbo as launched in December 2024)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from videorace.analysis import comparable
from videorace.analysis.catchup import compute, scores
from videorace.analysis.catchup import dimensions as registry
from videorace.analysis.clips import seconds_text
from videorace.analysis.timeline import best_dates, events
from videorace.data.dates import as_text
from videorace.data.vocab import BASES, CHINA as CHINA_CODE, SORA_FAMILY

DAY = pd.Timedelta(days=1)
#: The catch-up dimensions the checks read, on each basis.
READ = ("available", "clip_s", "height_px", "vbench_total")


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
    """The catch-up's items of each dimension and basis (``items[(dimension, basis)]``), with each
    model's family and name, Sora's announcement, the VBench class and its tolerance."""

    items: dict
    lag_threshold_days: int
    family: dict
    names: dict
    announcement: pd.Series | None = None
    score_class: str | None = None
    tolerance: float = 0.0
    score_label: str = ""  # the class as a reader reads it (``scores.class_label``)

    @classmethod
    def from_dataset(cls, ds, lag_threshold_days: int) -> "Evidence":
        has_scores = getattr(ds, "benchmarks", None) is not None
        chosen = scores.chosen_vbench_class(ds) if has_scores else None
        items = {}
        for key in READ:
            for basis in BASES:
                if key == "vbench_total" and chosen is None:
                    table = pd.DataFrame(columns=compute.ITEM_COLUMNS)
                else:
                    table = registry.items(ds, key, basis, chosen)
                items[(key, basis)] = table
        family = compute.families(ds.models).to_dict()
        names = dict(zip(ds.models.model_id, ds.models.name))
        tolerance = registry.get("vbench_total").tolerance(ds) if has_scores else 0.0
        return cls(items, lag_threshold_days, family, names,
                   sora_announcement(best_dates(events(ds))), chosen, tolerance,
                   scores.class_label(ds, chosen))

    def name(self, model_id: str) -> str:
        """The model's name as the data knows it; the id only if it knows no name."""
        return str(self.names.get(model_id, model_id))

    def known_by(self, day: pd.Timestamp) -> "Evidence":
        """Only what was certainly known on ``day``: items whose dates end by then."""
        return replace(self, items={k: t[t.end <= day] for k, t in self.items.items()})

    def of(self, key: str, basis: str, model_id: str | None) -> pd.DataFrame:
        """The items of ``key`` on ``basis`` for the family of ``model_id`` (Sora's family for
        ``SORA_FAMILY``), earliest first."""
        table = self.items[(key, basis)]
        root = self.family.get(model_id, model_id)
        return table[table.family == root].sort_values(["end", "start"])


def _first(table: pd.DataFrame):
    return None if table.empty else table.iloc[0]


def _best(table: pd.DataFrame):
    """The highest value, the earliest certain among equals; None when there is none."""
    if table.empty:
        return None
    return table.sort_values(["value", "end", "start"], ascending=[False, True, True]).iloc[0]


def release_by_deadline(ev: Evidence, model_id: str) -> Finding:
    """A model of the family was usable by outsiders (beta, launch, worldwide access, API)."""
    first = _first(ev.of("available", "usable", model_id))
    if first is None:
        return Finding(False, f"no beta or launch of {ev.name(model_id)} or its later versions in the data")
    return Finding(True, f"{first['name']} usable from {first.when}", first.end, first.when)


def public_before_sora(ev: Evidence, model_id: str) -> Finding:
    """A model of the family was usable by outsiders while no version of Sora was: its first
    availability ended before Sora's family's began. Settled as False once Sora is usable and the
    family is not, or later."""
    own = _first(ev.of("available", "usable", model_id))
    sora = _first(ev.of("available", "usable", SORA_FAMILY))
    sora_text = f"{sora['name']} usable from {sora.when}" if sora is not None else "Sora not yet usable"
    if own is None:
        if sora is None:
            return Finding(False, f"neither {ev.name(model_id)} nor Sora usable yet")
        return Finding(False, f"{ev.name(model_id)} not usable; {sora_text}", sora.end, sora.when,
                       settled=True)
    text = f"{own['name']} usable from {own.when}; {sora_text}"
    if sora is None or own.end < sora.start:
        return Finding(True, text, own.end, own.when)
    if own.start > sora.end:
        return Finding(False, text, own.end, own.when, settled=True)
    return Finding(None, text + " (the dates overlap)")


def _clip_range(table: pd.DataFrame):
    """The family's longest clip as a range: the highest it certainly reached (``value``) and the
    highest it may have reached (``value_high``; infinite when open-ended), with the row that
    reached the first; None when there is none."""
    if table.empty:
        return None
    top = _best(table)
    return float(table.value.max()), float(table.value_high.fillna(float("inf")).max()), top


def max_clip_vs_sora(ev: Evidence, model_id: str, basis: str, everything: Evidence) -> Finding:
    """The family's longest single clip on one basis ('demonstrated' or 'usable', the catch-up's
    items) at least Sora's family's longest on the same basis, each named by its version. Ranges
    decide only when they do not overlap. ``everything`` (all evidence, any date) tells 'no figure
    at all' from 'not yet'."""
    if everything.of("clip_s", basis, model_id).empty:
        return Finding(None, f"no {basis} clip length for {everything.name(model_id)} or its later "
                       "versions in the data", settled=True)
    own = _clip_range(ev.of("clip_s", basis, model_id))
    sora = _clip_range(ev.of("clip_s", basis, SORA_FAMILY))
    if own is None:  # a length not in the data is unknown, not short
        return Finding(None, f"no {basis} clip length for {everything.name(model_id)} or its later "
                       "versions in the data yet")
    def said(r):
        high = None if r[1] == float("inf") else r[1]
        return f"{r[2]['name']} {seconds_text(r[0], high)} ({r[2].when})"
    if sora is None:
        return Finding(None, f"{said(own)}; no version of Sora had a {basis} clip to compare with")
    later = max((own[2], sora[2]), key=lambda r: r.end)
    text = f"{said(own)} vs {said(sora)}, {basis}"
    if own[0] >= sora[1]:
        return Finding(True, text, later.end, later.when)
    if own[1] < sora[0]:
        return Finding(False, text, later.end, later.when)
    return Finding(None, text + " (the ranges overlap)")


def sora_announcement(ev: pd.DataFrame, model_id: str = "sora", event: str = "announced"):
    """The best-dated row of Sora's announcement (the event lags count from), or None."""
    rows = ev[(ev.model_id == model_id) & (ev.event == event)].sort_values(["end", "start"])
    return None if rows.empty else rows.iloc[0]


def lag_to_sora_days(ev: Evidence, everything: Evidence) -> Finding:
    """Chinese text-to-video models (maker's country CN) matched Sora as shown, on capability,
    within ``lag_threshold_days`` of its announcement: the longest single clip and the frame
    height Sora demonstrated by the announcement's last day, each first matched by a Chinese
    model on the demonstrated basis (the catch-up's ``first_match``). A lag is a range when a date
    is coarser than a day; it counts only when its top is within the threshold."""
    ref = everything.announcement
    if ref is None:
        return Finding(None, "Sora's announcement is not in the data", settled=True)
    limit, parts, ends, ok = ev.lag_threshold_days, [], [], True
    for label, key in (("clip length", "clip_s"), ("resolution", "height_px")):
        shown = everything.of(key, "demonstrated", SORA_FAMILY)
        target = shown[shown.end <= ref.end].value.max()
        dim = registry.get(key)
        if pd.isna(target):
            parts.append(f"Sora showed no {label}")
            continue
        known = ev.items[(key, "demonstrated")]
        china = known[(known.country == CHINA_CODE) & (known.start >= ref.start)]
        hit = compute.first_match(china, target)
        if hit is None:
            parts.append(f"no Chinese {label} of {dim.value_text(target)} yet")
            ok = False
            continue
        low, high = (hit.start - ref.end).days, (hit.end - ref.start).days
        lag = f"{low}" if low == high else f"{low} to {high}"
        parts.append(f"{label} {dim.value_text(target)}: {hit['name']}, {hit.when}, {lag} days")
        ends.append(hit)
        ok = ok and high <= limit
    text = (f"Sora as shown at its announcement ({as_text(ref.start, ref.precision)}), threshold "
            f"{limit} days: " + "; ".join(parts))
    if not ok or not ends:
        return Finding(False, text)
    last = max(ends, key=lambda r: r.end)
    return Finding(True, text, last.end, last.when)


def quality_vs_sora(ev: Evidence, model_id: str, everything: Evidence) -> Finding:
    """A VBench total of the family at least Sora's family's, or level within the tolerance, in the
    one class every report uses (``scores.chosen_vbench_class``), each score dated as the
    catch-up dates it (by its model's first availability). Not testable where the class does
    not hold both."""
    cls = everything.score_class
    if cls is None:
        return Finding(None, "no VBench class holds China and Sora in the data", settled=True)
    if everything.of("vbench_total", "usable", model_id).empty or \
            everything.of("vbench_total", "usable", SORA_FAMILY).empty:
        return Finding(None, f"the VBench class '{everything.score_label}' does not hold both "
                       f"{everything.name(model_id)} (or its later versions) and Sora", settled=True)
    own = _best(ev.of("vbench_total", "usable", model_id))
    sora = _best(ev.of("vbench_total", "usable", SORA_FAMILY))
    if own is None or sora is None:
        return Finding(False, "no VBench total in the class for both yet")
    later = max((own, sora), key=lambda r: r.end)
    verdict = comparable.compare(own.value, cls, sora.value, cls, ev.tolerance, "scores")
    said = verdict.replace("first", own["name"]).replace("second", sora["name"])
    text = (f"VBench total {own['name']} {own.value:.2f} vs {sora['name']} {sora.value:.2f} "
            f"({said}; {everything.score_label}; dated by each model's first availability)")
    return Finding(verdict != "second ahead", text, later.end, later.when)
