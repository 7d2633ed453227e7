"""The catch-up chart: each side's frontier per dimension."""

from __future__ import annotations

import pandas as pd

from videorace.analysis.catchup.compute import DIMENSIONS, frontier


def plot(all_items: pd.DataFrame, dimensions, window_start: pd.Timestamp,
         window_end: pd.Timestamp):
    """One panel per dimension: each side's frontier as a step line over the window (a step at the
    last day its date allows: when it was certainly there; no line before a side's first value)."""
    from videorace.analysis import plots

    fig, axes = plots.plt.subplots(len(dimensions), 1, figsize=(9, 2.4 * len(dimensions) + 0.8),
                                   sharex=True, squeeze=False)
    for ax, dim in zip(axes[:, 0], dimensions):
        table = all_items[all_items.dimension == dim]
        for side, color in zip(sorted(table.side.unique()), ("#d62728", "#4d4d4d", "#1f77b4")):
            steps = frontier(table[table.side == side])
            before = steps[steps.end < window_start].value.max()
            inside = steps[(steps.end >= window_start) & (steps.end <= window_end)]
            xs = [window_start] + list(inside.end) + [window_end]
            binary = dim in ("available", "open_weights")
            nothing = 0.0 if binary else float("nan")  # no clip yet is not a 0 s clip
            ys = [nothing if pd.isna(before) else before] + list(inside.value)
            ys.append(ys[-1])
            ax.step(xs, ys, where="post", color=color, lw=2, label=side)
        ax.set_title(DIMENSIONS[dim], loc="left", fontsize=10)
        if dim in ("available", "open_weights"):
            ax.set_yticks([0, 1], ["none", "yes"])
        ax.set_xlim(window_start, max(window_end, window_start + pd.Timedelta(days=1)))
        ax.legend(loc="upper left", fontsize=8)
    plots.month_axis(axes[-1, 0])
    sides = " vs ".join(sorted(all_items.side.unique()))
    fig.suptitle(f"Best reached so far on each day, {sides}, one panel per dimension", fontweight="bold")
    plots.finish(fig, "Sources: model_events.csv, capabilities.csv, benchmarks.csv")
    return fig
