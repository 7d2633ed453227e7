"""The catch-up chart: each side's frontier per dimension."""

from __future__ import annotations

import pandas as pd

from videorace.analysis.catchup import dimensions as registry
from videorace.analysis.catchup.compute import frontier

#: The smallest span a score axis shows, in points: a sub-point gap is drawn as the small gap it
#: is, not stretched over the panel's height.
SCORE_AXIS_MIN_SPAN = 10.0


def step_points(steps: pd.DataFrame, window_start: pd.Timestamp, window_end: pd.Timestamp):
    """The (x, y) corners of one side's step line over the window: the value before the window
    (NaN, no line, when there is none: no clip yet is not a 0 s clip), then one step at the last
    day each milestone's date allows, held to the window's end."""
    before = steps[steps.end < window_start].value.max()
    inside = steps[(steps.end >= window_start) & (steps.end <= window_end)]
    xs = [window_start] + list(inside.end) + [window_end]
    ys = [float("nan") if pd.isna(before) else before] + list(inside.value)
    ys.append(ys[-1])
    return xs, ys


def score_limits(values, min_span: float = SCORE_AXIS_MIN_SPAN) -> tuple[float, float] | None:
    """Y limits for a score panel spanning at least ``min_span`` points, centred on the data."""
    values = [v for v in values if not pd.isna(v)]
    if not values:
        return None
    low, high = min(values), max(values)
    pad = max(min_span - (high - low), 0) / 2
    return low - pad - 0.5, high + pad + 0.5


def plot(race):
    """One panel per dimension: each side's frontier as a step line over the window (a step at the
    last day its date allows: when it was certainly there; no line before a side's first value),
    with each step's uncertain span (a month-precision date's month) shaded, so a step at the end
    of a month or year still shows where it may have come."""
    from videorace.analysis import plots

    run, all_items = race.run, race.items
    window_start, window_end, keys = run.start, run.end, run.compared
    fig, axes = plots.plt.subplots(len(keys), 1, figsize=(9, 2.5 * len(keys) + 0.9),
                                   sharex=True, squeeze=False)
    for ax, key in zip(axes[:, 0], keys):
        dim = registry.get(key)
        table = all_items[all_items.dimension == key]
        # every side in every panel, in one colour each: a side with nothing yet on a yes-or-no
        # dimension is drawn at "none", and on a measured one it has no line (no value is not 0)
        for side, color in zip(sorted(all_items.side.unique()), ("#d62728", "#4d4d4d", "#1f77b4")):
            steps = frontier(table[table.side == side])
            xs, ys = step_points(steps, window_start, window_end)
            if dim.binary and pd.isna(ys[0]):  # none until the first value: a real state, drawn as 0
                ys[0] = 0.0
            ax.step(xs, ys, where="post", color=color, lw=2, label=side)
            for s in steps[(steps.end >= window_start) & (steps.start <= window_end)].itertuples():
                if s.end > s.start:
                    ax.axvspan(max(s.start, window_start), min(s.end, window_end), color=color,
                               alpha=0.15, lw=0)
        ax.set_title(dim.label(run.basis), loc="left", fontsize=10)
        if dim.axis == "binary":
            ax.set_yticks([0, 1], ["none", "yes"])
            ax.set_ylim(-0.3, 1.6)
        elif dim.axis == "score":
            limits = score_limits(table.value)
            if limits:
                ax.set_ylim(*limits)
        else:
            top = table.value.max()
            if not pd.isna(top):
                ax.set_ylim(0, top * 1.3)
        ax.set_xlim(window_start, max(window_end, window_start + pd.Timedelta(days=1)))
        if ax.get_legend_handles_labels()[0]:  # a window with nothing in it has no line to name
            ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
        else:
            ax.text(0.5, 0.5, "nothing in the data for this window", transform=ax.transAxes,
                    ha="center", va="center", color="#555")
    plots.month_axis(axes[-1, 0])
    from videorace.analysis.markup import SIDE_WORDS

    sides = " vs ".join(SIDE_WORDS.get(s, s) for s in sorted(all_items.side.unique()))
    fig.suptitle(f"Best reached so far on each day, {sides}\n({run.basis} basis, one panel per dimension)",
                 fontweight="bold")
    plots.finish(fig, "Shaded: the span a month- or quarter-precision date allows; a step is drawn "
                 "at its last day. Sources: model_events.csv, capabilities.csv, benchmarks.csv")
    return fig

