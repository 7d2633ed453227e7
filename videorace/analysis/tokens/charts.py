"""The token-cost notebook's charts."""

from __future__ import annotations

import numpy as np
import pandas as pd

from videorace.analysis import plots, tables
from videorace.analysis.tokens.compute import assumption_value


def _usd_tick(value: float, _position) -> str:
    """A dollar tick label: ``$1,234``."""
    return f"${value:,.4g}"




def plot_clip_costs(costs: pd.DataFrame, value: str, label: str):
    """Grouped bars per article clip and geometry, log scale so 16 s and 180 s both read.

    Each bar is ``value``; where ``costs`` carries a range (``value``_high above ``value``, as for
    CITIC's 7.5-10 fps), a vertical line runs from the bar's top up to the high end.
    """

    fig, ax = plots.figure(f"{label} per kept clip made as one sequence, by geometry",
                           "clip (length claimed or demonstrated)", f"{label} (log scale)")
    clips, names = list(dict.fromkeys(costs.label)), list(dict.fromkeys(costs.geometry))
    width = 0.75 / len(names)
    for j, name in enumerate(names):
        rows = costs[costs.geometry == name].set_index("label").reindex(clips)
        x = np.arange(len(clips)) + (j - (len(names) - 1) / 2) * width
        high = rows.get(f"{value}_high", rows[value])
        ranged = high > rows[value]
        rates = f": bar at {rows.fps.min():g} fps, line to {rows.fps_high.max():g} fps" if (
            ranged.any() and "fps" in rows and "fps_high" in rows) else ""
        ax.bar(x, rows[value], width, label=f"{name}{rates}")
        for xi, lo, hi in zip(x[ranged.to_numpy()], rows[value][ranged], high[ranged]):
            ax.plot([xi, xi], [lo, hi], color="#222222", linewidth=1.5, marker="_", markersize=8)
    ax.set_xticks(range(len(clips)))
    ax.set_xticklabels(clips)
    ax.set_yscale("log")
    plots.count_axis(ax.yaxis)
    ax.legend(title="geometry", loc="upper center", bbox_to_anchor=(0.5, -0.2), fontsize=8)
    plots.finish(fig, "Sources: capabilities.csv (clip lengths), architectures.csv (geometry)")
    return fig



def plot_sensitivity(table: pd.DataFrame, base_usd: float, clip_label: str):
    """Tornado chart: each assumption's low-to-high cost range around the base case."""
    fig, ax = plots.figure(f"What moves the cost of one kept clip ({clip_label}, one sequence)",
                           "US dollars per kept clip (log scale)", "",
                           size=(9, 0.5 * len(table) + 1.8))
    for i, row in enumerate(table.itertuples()):
        lo, hi = sorted((row.usd_at_low, row.usd_at_high))
        ax.barh(i, hi - lo, left=lo, color="#4c72b0", alpha=0.8)
        ax.text(hi, i, f"  {assumption_value(row.key, row.low)} to "
                       f"{assumption_value(row.key, row.high)}  (x{row.swing:.1f})",
                va="center", fontsize=8)
    ax.axvline(base_usd, color="#333", linestyle="--", linewidth=1)
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(plots.matplotlib.ticker.FuncFormatter(_usd_tick))
    plots.no_minor_ticks(ax.xaxis)
    ax.set_xlim(min(table.usd_at_low.min(), table.usd_at_high.min()) / 1.3,
                max(table.usd_at_low.max(), table.usd_at_high.max()) * 4)
    ax.set_yticks(range(len(table)))
    ax.set_yticklabels(list(table.assumption))
    ax.invert_yaxis()
    plots.finish(fig,
                 "Dashed line: this report's parameters. Bars: one assumption moved at a time.")
    return fig


def clip_costs_alt(costs: pd.DataFrame, value: str, label: str) -> str:
    """The clip-cost chart in one sentence: per geometry, the range from the shortest clip to the
    longest."""
    parts = []
    for name, rows in costs.groupby("geometry", sort=False):
        high = rows.get(f"{value}_high", rows[value])
        parts.append(f"{name} from {tables.number(rows[value].min(), 3)} ({rows.label.iloc[0]}) to "
                     f"{tables.number(high.max(), 3)} ({rows.label.iloc[-1]})")
    return (f"Bars of {label} per kept clip made as one sequence, on a log scale: "
            + "; ".join(parts) + ".")


def sensitivity_alt(table: pd.DataFrame, base_usd: float, clip_label: str) -> str:
    """The tornado chart in one sentence: the base cost and the widest and narrowest swings."""
    top, bottom = table.iloc[0], table.iloc[-1]
    return (f"Cost of {clip_label} at this report's parameters is about "
            f"USD {tables.number(base_usd, 3)}; "
            f"{top.assumption} moves it most (x{top.swing:.1f}) and {bottom.assumption} least "
            f"(x{bottom.swing:.1f}), one assumption at a time.")


def clip_costs_chart(costs: pd.DataFrame, gpu: str):
    """The clip-cost chart in GPU-seconds on ``gpu``, its alternative text and the frame it plots:
    the three arguments of ``report.figure``."""
    label = f"GPU-seconds on {gpu.upper()}"
    data = costs[["label", "seconds", "geometry", "fps", "fps_high", "gpu_seconds",
                  "gpu_seconds_high"]]
    return (plot_clip_costs(costs, "gpu_seconds", label),
            clip_costs_alt(costs, "gpu_seconds", label), data)


def sensitivity_chart(table: pd.DataFrame, seconds: float):
    """The sensitivity chart for a clip of ``seconds``, its alternative text and the frame it
    plots (assumptions in words, without their keys): the arguments of ``report.figure``."""
    base, clip = table.base_usd.iloc[0], f"a {seconds:g} s clip"
    return (plot_sensitivity(table, base, clip), sensitivity_alt(table, base, clip),
            table.drop(columns="key"))
