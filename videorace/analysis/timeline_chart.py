"""The release-timeline chart: one row per video model, a marker per day-dated event and a bar
over a coarser period, hollow while only shown, with the reference event marked."""

from __future__ import annotations

import pandas as pd

from videorace.analysis import plots
from videorace.analysis.timeline import as_period
from videorace.analysis.wording import counted
from videorace.data.dates import as_text


def plot_alt(ev: pd.DataFrame, ref_label: str) -> str:
    """The timeline chart in one sentence, with its counts and span."""
    if ev.empty:
        return "An empty timeline: no event in the window."
    return (f"A timeline of {counted(len(ev), 'event')} for {counted(ev.model_id.nunique(), 'model')} "
            f"from {counted(ev.org_id.nunique(), 'maker')}, {as_text(ev.start.min())} to "
            f"{as_text(ev.end.max())}, with {ref_label} marked by a dashed line.")


def _mark(ax, row, y: int) -> None:
    """One event: a marker for a day, a bar over the period for a coarser date; hollow if shown."""
    color = plots.org_color(row.org_id)
    filled = row.stage != "shown"
    if row.precision == "day":
        ax.plot(row.start, y, marker="o" if row.stage != "update" else "^", ms=8, color=color,
                markerfacecolor=color if filled else "white", mew=1.8, linestyle="none")
    else:
        ax.barh(y, (row.end - row.start).days + 1, left=row.start, height=0.35,
                color=color if filled else "white", edgecolor=color, linewidth=1.5, alpha=0.55)


def _reference(ax, ref, ref_label: str) -> None:
    """A dashed line at a one-day reference; a shaded span (a collection, not a bar) and dashed
    edges when the reference is known only to a longer period."""
    first, last = as_period(ref)
    ax.axvline(first, color="#333333", linestyle="--", linewidth=1)
    if last > first:
        edge = last + pd.Timedelta(days=1)
        ax.axvline(edge, color="#333333", linestyle="--", linewidth=1)
        ax.fill_between([first, edge], 0, 1, transform=ax.get_xaxis_transform(), color="#333333",
                        alpha=0.08, linewidth=0)
    ax.text(first, -0.75, " " + ref_label, fontsize=8, va="center")


def plot(ev: pd.DataFrame, ref, ref_label: str):
    """Each model on its own row, grouped by organisation; a day is a marker, a coarser date a bar
    spanning its period; hollow for shown or claimed, filled once available. ``ref`` is a day or a
    (first day, last day) pair (``reference_period``): a dashed line, or a shaded span."""
    order = (ev.sort_values(["org_name", "start"]).drop_duplicates("model_id")[["model_id", "name",
                                                                                "org_id", "org_name"]])
    # one header row per maker, then its models: the maker is named once, not on every row
    labels, y, row = [], {}, 0
    for maker, group in order.groupby("org_name", sort=False):
        labels.append((maker, True))
        row += 1
        for model_id, name in zip(group.model_id, group.name):
            y[model_id] = row
            labels.append((name, False))
            row += 1
    title = "When each video model was shown, opened and updated, by maker"
    fig, ax = plots.figure("", "date", "", size=(10, max(4.0, 0.4 * len(labels) + 2.4)))
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold")
    for event in ev.itertuples():
        _mark(ax, event, y[event.model_id])
    _reference(ax, ref, ref_label)
    if order.empty:
        ax.text(0.5, 0.5, "no event in this window", transform=ax.transAxes, ha="center")
    ax.set_yticks(range(len(labels)))
    ax.set_yticklabels([text for text, _ in labels])
    for tick, (_, header) in zip(ax.get_yticklabels(), labels):
        if header:
            tick.set_fontweight("bold")
    ax.invert_yaxis()
    ax.set_ylim(len(labels) - 0.5, -1.2)
    handles = [
        plots.plt.Line2D([], [], marker="o", color="#555", markerfacecolor="white", ls="none",
                         label="shown or announced (day)"),
        plots.plt.Line2D([], [], marker="o", color="#555", ls="none", label="usable: beta or launch"),
        plots.plt.Line2D([], [], marker="^", color="#555", ls="none", label="update"),
        plots.plt.Rectangle((0, 0), 1, 1, facecolor="#bbbbbb", edgecolor="#555",
                            label="bar: date known only to the month or coarser"),
    ]
    below = 0.6 / max(0.4 * len(labels), 1.0)  # about 0.6 inch under the axes, however tall
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -below), ncol=2, fontsize=8)
    plots.month_axis(ax)
    plots.finish(fig, "Sources: data/model_events.csv (one mark per source)")
    # tight_layout leaves the title a fixed fraction of the height: on a tall chart (many models)
    # that is less than the title's own line, so keep 0.6 inch above the axes for it
    fig.subplots_adjust(top=min(fig.subplotpars.top, 1 - 0.6 / fig.get_figheight()))
    return fig
