"""Clip length and resolution per model over time: what was claimed or shown vs what people got."""

from __future__ import annotations

import pandas as pd

from videorace import plots
from videorace.timeline import PRECISION_RANK

CLAIMED = ("claimed", "demo")
AVAILABLE = ("beta", "public")


def with_pixels(capabilities: pd.DataFrame, fps: float, aspect: tuple[int, int]) -> pd.DataFrame:
    """Capabilities with frames and pixels per clip at ``fps``; a width only implied by '1080p' is
    filled from ``aspect`` and marked ``width_assumed``."""
    cap = capabilities.copy()
    assumed = cap.width_px.isna() & cap.height_px.notna()
    width = cap.width_px.astype("Float64")
    width[assumed] = (cap.height_px[assumed] * aspect[0] / aspect[1]).round()
    frames = cap.max_clip_s_high * fps
    return cap.assign(width_used_px=width, width_assumed=assumed, frames_per_clip=frames,
                      pixels_per_frame=width * cap.height_px,
                      pixels_per_clip=width * cap.height_px * frames)


def claimed_vs_available(capabilities: pd.DataFrame) -> pd.DataFrame:
    """Per model: the longest clip ever claimed or shown, and the longest anyone could make, with
    when each held and the ratio between them."""
    rows = []
    for model_id, group in capabilities.groupby("model_id", sort=True):
        row = {"model_id": model_id}
        for label, kinds in (("claimed", CLAIMED), ("available", AVAILABLE)):
            hits = group[group.availability.isin(kinds)]
            if hits.empty:
                row.update({f"{label}_max_s": pd.NA, f"{label}_as_of": pd.NaT,
                            f"{label}_source": None})
                continue
            ranked = hits.assign(_p=hits.as_of_precision.map(PRECISION_RANK))
            best = ranked.sort_values(["max_clip_s_high", "_p", "as_of"],
                                      ascending=[False, True, True]).iloc[0]
            row.update({f"{label}_max_s": best.max_clip_s_high, f"{label}_as_of": best.as_of,
                        f"{label}_source": best.source_id})
        rows.append(row)
    out = pd.DataFrame(rows)
    out["available_share"] = out.available_max_s.astype("Float64") / out.claimed_max_s.astype("Float64")
    return out


def plot_lengths(cap: pd.DataFrame):
    """Longest clip per model over time, linear and log side by side; marker = availability,
    a vertical bar where the length is a range (Kling's beta 5-10 s)."""
    plots.use_style()
    fig, axes = plots.plt.subplots(1, 2, figsize=(11, 4.6))
    for ax, log in zip(axes, (False, True)):
        for row in cap.itertuples():
            color = plots.org_color(row.org_id)
            ax.plot(row.as_of, row.max_clip_s_high, marker=plots.AVAILABILITY_MARKERS[row.availability],
                    color=color, ms=9, ls="none",
                    markerfacecolor=color if row.availability in AVAILABLE else "white", mew=1.8)
            if row.max_clip_s_low != row.max_clip_s_high:
                ax.vlines(row.as_of, row.max_clip_s_low, row.max_clip_s_high, color=color, lw=2)
        for i, (model_id, group) in enumerate(cap.groupby("model_id")):
            last = group.sort_values("as_of").iloc[-1]
            ax.annotate(last.model_name, (last.as_of, last.max_clip_s_high),
                        xytext=(6, 4 if i % 2 else -11), textcoords="offset points", fontsize=8)
        ax.set_yscale("log" if log else "linear")
        ax.set_title("log scale: 4 s and 180 s both legible" if log else "linear scale")
        ax.set_ylabel("longest single clip (s)")
        ax.set_xlabel("as of")
        plots.month_axis(ax)
    handles = [plots.plt.Line2D([], [], marker=m, color="#555", ls="none",
                                markerfacecolor="#555" if k in AVAILABLE else "white", label=k)
               for k, m in plots.AVAILABILITY_MARKERS.items()]
    fig.legend(handles=handles, loc="lower center", ncol=4, title="availability (hollow: not usable)")
    fig.suptitle("Longest clip per model: claimed or shown vs available", fontweight="bold")
    plots.finish(fig, "Source: capabilities.csv")
    fig.subplots_adjust(bottom=0.28)
    return fig


def plot_pixels(cap: pd.DataFrame):
    """Pixels per clip (log) per model row, so resolution and length show together."""
    shown = cap[cap.pixels_per_clip.notna()].sort_values("pixels_per_clip")
    fig, ax = plots.figure("Pixels per clip: frame size x frames", "pixels per clip (log scale)", "",
                           size=(9, 0.5 * len(shown) + 1.8))
    labels = [f"{r.model_name} {r.max_clip_s_high:g} s {r.availability} ({r.as_of.date()})"
              for r in shown.itertuples()]
    ax.barh(range(len(shown)), shown.pixels_per_clip.astype(float),
            color=[plots.org_color(o) for o in shown.org_id],
            hatch=["" if a in AVAILABLE else "//" for a in shown.availability], edgecolor="#333")
    ax.set_yticks(range(len(shown)))
    ax.set_yticklabels(labels)
    ax.set_xscale("log")
    ax.xaxis.set_minor_formatter(plots.matplotlib.ticker.NullFormatter())
    plots.finish(fig, "Hatched: claimed or shown only. Widths implied by '1080p' use the aspect parameter.")
    return fig
