"""Release timelines: every model event on one axis, with date precision kept as an interval."""

from __future__ import annotations

import pandas as pd

from videorace import plots
from videorace.dates import period_end

#: Events after which someone outside the company could use the model, vs. only see or hear of it.
AVAILABLE = ("beta", "launched", "global_access")
SHOWN = ("announced", "unveiled")
PRECISION_RANK = {"day": 0, "month": 1, "quarter": 2, "year": 3}
CONFIDENCE_RANK = {"high": 0, "medium": 1, "low": 2}


def events(ds) -> pd.DataFrame:
    """Model events with their model, organisation and the interval their precision allows."""
    ev = ds.model_events.merge(ds.models[["model_id", "name", "org_id", "kind"]], on="model_id")
    ev = ev.merge(ds.organizations[["org_id", "name"]].rename(columns={"name": "org_name"}),
                  on="org_id")
    ev["start"] = ev["happened_on"]
    ev["end"] = [pd.Timestamp(period_end(d.date(), p)) for d, p in zip(ev.happened_on, ev.precision)]
    ev["stage"] = ev["event"].map(lambda e: "available" if e in AVAILABLE else
                                  "shown" if e in SHOWN else "update")
    return ev.sort_values(["happened_on", "model_id"]).reset_index(drop=True)


def best_dates(ev: pd.DataFrame) -> pd.DataFrame:
    """One row per (model, event): the most precise date, then the most confident source."""
    ranked = ev.assign(_p=ev.precision.map(PRECISION_RANK), _c=ev.confidence.map(CONFIDENCE_RANK))
    ranked = ranked.sort_values(["model_id", "event", "_p", "_c", "happened_on", "event_id"])
    return ranked.drop_duplicates(["model_id", "event"]).drop(columns=["_p", "_c"])


def first_event(events_of_one_model: pd.DataFrame, stages) -> pd.Series | None:
    """The first event in ``stages``: the one whose interval ends earliest, so a row dated to the
    day beats a month-only row whose month contains it. None when there is no such event."""
    hits = events_of_one_model[events_of_one_model.stage.isin(stages)].sort_values(["end", "start"])
    return None if hits.empty else hits.iloc[0]


def reference_choices(ds) -> list[str]:
    """Allowed values of a ``reference_event`` parameter: ``<model_id>:<event>``."""
    return sorted({f"{m}:{e}" for m, e in zip(ds.model_events.model_id, ds.model_events.event)})


def reference_date(ev: pd.DataFrame, reference: str) -> pd.Timestamp:
    model_id, event = reference.split(":")
    best = best_dates(ev)
    row = best[(best.model_id == model_id) & (best.event == event)]
    return row.happened_on.iloc[0]


def window(ev: pd.DataFrame, start, end, org_ids: list[str]) -> pd.DataFrame:
    """Events of the given organisations whose interval overlaps [start, end]."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    keep = ev.org_id.isin(org_ids) & (ev.end >= start) & (ev.start <= end)
    return ev[keep].reset_index(drop=True)


def lags(ev: pd.DataFrame, reference: str, kind: str = "text_to_video") -> pd.DataFrame:
    """Per model of ``kind`` (other than the reference's own model): days from the reference event
    to the first time it was shown (unveiled, announced or launched) and the first time outsiders
    could use it (beta, launch, global access), as low-high ranges where the date is coarser than
    a day."""
    ref_model = reference.split(":")[0]
    ref = reference_date(ev, reference)
    best = best_dates(ev[(ev.kind == kind) & (ev.model_id != ref_model)])
    rows = []
    for model_id, group in best.groupby("model_id", sort=False):
        row = {"model_id": model_id, "model": group.name.iloc[0], "org_id": group.org_id.iloc[0]}
        for stage, stages in (("shown", ("shown", "available")), ("available", ("available",))):
            first = first_event(group, stages)
            if first is None:
                row.update({f"{stage}_on": pd.NaT, f"{stage}_precision": None,
                            f"{stage}_days_low": pd.NA, f"{stage}_days_high": pd.NA})
                continue
            row.update({f"{stage}_on": first.start, f"{stage}_precision": first.precision,
                        f"{stage}_days_low": (first.start - ref).days,
                        f"{stage}_days_high": (first.end - ref).days})
        rows.append(row)
    out = pd.DataFrame(rows)
    for col in ("shown_days_low", "shown_days_high", "available_days_low", "available_days_high"):
        out[col] = out[col].astype("Int64")
    return out.sort_values(["shown_on", "available_on"]).reset_index(drop=True)


def days_text(low, high) -> str:
    """'72' for an exact lag, '-14 to 15' for a range, 'not in data' when missing."""
    if pd.isna(low):
        return "not in data"
    return f"{low}" if low == high else f"{low} to {high}"


def plot(ev: pd.DataFrame, ref: pd.Timestamp, ref_label: str):
    """Each model on its own row, grouped by organisation; a day is a marker, a coarser date a bar
    spanning its period; hollow for shown or claimed, filled once available."""
    order = (ev.sort_values(["org_name", "start"]).drop_duplicates("model_id")[["model_id", "name",
                                                                                "org_id"]])
    fig, ax = plots.figure("Model events by organisation", "date", "",
                           size=(10, 0.45 * len(order) + 2))
    y = {m: i for i, m in enumerate(order.model_id)}
    for row in ev.itertuples():
        color = plots.org_color(row.org_id)
        filled = row.stage != "shown"
        if row.precision == "day":
            ax.plot(row.start, y[row.model_id], marker="o" if row.stage != "update" else "^",
                    ms=8, color=color, markerfacecolor=color if filled else "white", mew=1.8,
                    linestyle="none")
        else:
            ax.barh(y[row.model_id], (row.end - row.start).days + 1, left=row.start, height=0.35,
                    color=color if filled else "white", edgecolor=color, linewidth=1.5, alpha=0.55)
    ax.axvline(ref, color="#333333", linestyle="--", linewidth=1)
    ax.text(ref, -0.65, " " + ref_label, fontsize=8, va="center")
    ax.set_yticks(range(len(order)))
    ax.set_yticklabels([f"{n} ({o})" for n, o in zip(order.name, order.org_id)])
    ax.invert_yaxis()
    ax.set_ylim(len(order) - 0.5, -0.8)
    handles = [
        plots.plt.Line2D([], [], marker="o", color="#555", markerfacecolor="white", ls="none",
                         label="shown or announced (day)"),
        plots.plt.Line2D([], [], marker="o", color="#555", ls="none", label="usable: beta or launch"),
        plots.plt.Line2D([], [], marker="^", color="#555", ls="none", label="update"),
        plots.plt.Rectangle((0, 0), 1, 1, facecolor="#bbbbbb", edgecolor="#555",
                            label="bar: date known only to the month or coarser"),
    ]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=8)
    plots.month_axis(ax)
    plots.finish(fig, "Sources: data/model_events.csv (one mark per source)")
    return fig
