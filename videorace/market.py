"""Market, adoption and regulation figures, and the articles' predictions judged against the data."""

from __future__ import annotations

import pandas as pd

from videorace import plots
from videorace.clips import AVAILABLE as CLIP_AVAILABLE
from videorace.timeline import AVAILABLE, best_dates, events, first_event


def growth_rate(start_value: float, end_value: float, years: float) -> float:
    """Compound annual growth rate from ``start_value`` to ``end_value`` over ``years``."""
    if start_value <= 0 or years <= 0:
        raise ValueError("growth needs a positive start value and a positive span")
    return (end_value / start_value) ** (1 / years) - 1


def forecasts(metrics: pd.DataFrame) -> pd.DataFrame:
    """Market-size forecasts, one row per subject: start, end, span and implied growth rate."""
    sizes = metrics[metrics.metric == "market_size"].sort_values("as_of")
    rows = []
    for subject, group in sizes.groupby("subject", sort=False):
        first, last = group.iloc[0], group.iloc[-1]
        years = last.as_of.year - first.as_of.year
        rows.append({"subject": subject, "from_year": first.as_of.year, "from_usd": first.value_low,
                     "to_year": last.as_of.year, "to_usd": last.value_low,
                     "growth_per_year": growth_rate(first.value_low, last.value_low, years),
                     "verification": first.verification, "note": first.note})
    return pd.DataFrame(rows)


def plot_forecasts(table: pd.DataFrame, extra: dict[str, tuple[float, float]] | None = None):
    """Each forecast as a straight line on a log axis (constant growth), labelled with its rate."""
    fig, ax = plots.figure("Market-size forecasts quoted and checked", "year",
                           "US dollars (log scale)")
    lines = [(r.subject, r.from_year, r.from_usd, r.to_year, r.to_usd, r.verification)
             for r in table.itertuples()]
    for label, (start, end) in (extra or {}).items():
        lines.append((label, table.from_year.iloc[0], start, table.to_year.iloc[0], end, "what-if"))
    for subject, y0, v0, y1, v1, status in lines:
        rate = growth_rate(v0, v1, y1 - y0)
        ax.plot([y0, y1], [v0, v1], marker="o", ls="--" if status != "as_reported" else "-",
                label=f"{subject} [{status}]: {rate:.1%} a year")
    ax.set_yscale("log")
    ax.legend(loc="upper left", fontsize=8)
    plots.finish(fig, "Dashed: not verified or a what-if. Source: metrics.csv")
    return fig


def adoption(metrics: pd.DataFrame, subject_prefix: str = "Kling") -> pd.DataFrame:
    """A product's adoption figures over time, one column per metric."""
    rows = metrics[metrics.subject.str.startswith(subject_prefix)]
    return rows.pivot_table(index="as_of", columns="metric", values="value_low", aggfunc="max")


def plot_adoption(table: pd.DataFrame, title: str):
    fig, ax = plots.figure(title, "as of", "count (log scale)")
    for column in table.columns:
        series = table[column].dropna()
        ax.plot(series.index, series.values, marker="o", label=column.replace("_", " "))
    ax.set_yscale("log")
    ax.legend(fontsize=8)
    plots.month_axis(ax)
    plots.finish(fig, "Lower bounds ('over', '+'). Source: metrics.csv")
    return fig


# --- predictions ------------------------------------------------------------------------------

def _first_available(ev: pd.DataFrame, model_id: str):
    return first_event(ev[ev.model_id == model_id], ("available",))


def _best_clip(cap: pd.DataFrame, model_id: str, kinds, by) -> float | None:
    rows = cap[(cap.model_id == model_id) & cap.availability.isin(kinds) & (cap.as_of <= by)]
    return None if rows.empty else float(rows.max_clip_s_high.max())


def verdicts(ds, cutoff: pd.Timestamp, lag_threshold_days: int) -> pd.DataFrame:
    """One row per (claim, dimension): the evidence in the data, in numbers, and a verdict
    (held, not held, or not testable). Evidence after ``cutoff`` is not used."""
    ev = best_dates(events(ds))
    ev = ev[ev.start <= cutoff]
    sora_public = _first_available(ev, "sora")
    sora_claim = _best_clip(ds.capabilities, "sora", ("claimed", "demo"), cutoff)
    rows = []
    for c in ds.claims.itertuples():
        deadline = min(c.deadline_high, cutoff) if pd.notna(c.deadline_high) else cutoff
        dims = [d for d in str(c.measured_by or "").split(";") if d]
        if not dims:
            rows.append({"claim_id": c.claim_id, "claimant": c.claimant, "dimension": "none",
                         "evidence": "nothing in the data tests it", "verdict": "not testable"})
        for dim in dims:
            evidence, verdict = _judge(dim, c, ds, ev, deadline, sora_public, sora_claim,
                                       lag_threshold_days)
            rows.append({"claim_id": c.claim_id, "claimant": c.claimant, "dimension": dim,
                         "evidence": evidence, "verdict": verdict})
    return pd.DataFrame(rows)


def _judge(dim, c, ds, ev, deadline, sora_public, sora_claim, threshold):
    model = c.subject_model_id if isinstance(c.subject_model_id, str) else None
    by = f"by {deadline.date()}"
    if dim == "release_by_deadline":
        first = _first_available(ev, model)
        if first is None:
            return f"no launch of {model} in the data {by}", "not held"
        held = first.end <= deadline
        return f"{model} usable from {first.start.date()} ({first.precision}), {by}", \
            "held" if held else "not held"
    if dim == "public_before_sora":
        first = _first_available(ev, model)
        sora_text = (f"Sora public {sora_public.start.date()}" if sora_public is not None
                     else "Sora not public in the data")
        if first is None or first.end > deadline:
            return f"{model} not usable {by}; {sora_text}", "not held"
        held = sora_public is None or first.end < sora_public.start
        return f"{model} usable from {first.start.date()}; {sora_text}", \
            "held" if held else "not held"
    if dim == "max_clip_vs_sora":
        own = _best_clip(ds.capabilities, model, CLIP_AVAILABLE, deadline)
        if own is None:
            return f"no available clip length for {model} {by}", "not testable"
        return f"{model} {own:g} s available {by} vs Sora's {sora_claim:g} s shown", \
            "held" if own >= sora_claim else "not held"
    if dim == "lag_to_sora_days":
        ref = ev[(ev.model_id == "sora") & (ev.event == "announced")].start.min()
        video = ev[(ev.kind == "text_to_video") & (ev.model_id != "sora") & (ev.start >= ref)]
        shown = (video.start.min() - ref).days
        usable = (video[video.event.isin(AVAILABLE)].start.min() - ref).days
        held = shown <= threshold and usable <= threshold
        return (f"first Chinese model shown {shown} days and first usable {usable} days after Sora's "
                f"announcement (threshold {threshold})"), "held" if held else "not held"
    raise ValueError(f"claims.csv measured_by: unknown dimension {dim!r}")
