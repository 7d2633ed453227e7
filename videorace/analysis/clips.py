"""Clip length and resolution per model over time: what was claimed or shown vs what people got."""

from __future__ import annotations

import pandas as pd

from videorace.analysis import plots
from videorace.data.dates import as_text
from videorace.analysis.timeline import PRECISION_RANK

CLAIMED_CLASSES = ("claimed", "demo")
USABLE_CLASSES = ("beta", "public")


def seconds_text(low, high) -> str:
    """'16 s', or '5 to 10 s' for a range; 'none in the selection' when there is no figure."""
    if low is None or pd.isna(low):
        return "none in the selection"
    return f"{low:g} s" if low == high else f"{low:g} to {high:g} s"


def with_pixels(capabilities: pd.DataFrame, fps: float, aspect: tuple[int, int]) -> pd.DataFrame:
    """Capabilities with frames and pixels per clip. Frames use the frame rate the row states
    (``fps_source`` 'stated') and ``fps`` only where it states none ('parameter'). A clip length
    given as a range gives frame and pixel counts as ranges (``_low``/``_high``). A width only
    implied by '1080p' is filled from ``aspect`` and marked ``width_assumed``."""
    cap = capabilities.copy()
    assumed = cap.width_px.isna() & cap.height_px.notna()
    width = cap.width_px.astype("Float64")
    width[assumed] = (cap.height_px[assumed] * aspect[0] / aspect[1]).round()
    stated = cap.fps.notna()
    rate = cap.fps.where(stated, fps).astype("float64")
    pixels = width * cap.height_px
    return cap.assign(width_used_px=width, width_assumed=assumed, fps_used=rate,
                      fps_source=["stated" if s else "parameter" for s in stated],
                      frames_low=cap.max_clip_s_low * rate, frames_high=cap.max_clip_s_high * rate,
                      pixels_per_frame=pixels, pixels_low=pixels * cap.max_clip_s_low * rate,
                      pixels_high=pixels * cap.max_clip_s_high * rate)


def claimed_vs_available(capabilities: pd.DataFrame) -> pd.DataFrame:
    """Per model: the longest clip ever claimed or shown, and the longest anyone could make, each
    as a low-high range (Kling's beta: 5 to 10 s), with when each held and the available share of
    the claim as a range (``share_low`` to ``share_high``, over the claim's upper bound)."""
    rows = []
    for model_id, group in capabilities.groupby("model_id", sort=True):
        row = {"model_id": model_id}
        for label, kinds in (("claimed", CLAIMED_CLASSES), ("available", USABLE_CLASSES)):
            hits = group[group.availability.isin(kinds)]
            if hits.empty:
                row.update({f"{label}_low_s": pd.NA, f"{label}_high_s": pd.NA,
                            f"{label}_as_of": pd.NaT, f"{label}_precision": None,
                            f"{label}_source": None})
                continue
            ranked = hits.assign(_p=hits.as_of_precision.map(PRECISION_RANK))
            best = ranked.sort_values(["max_clip_s_high", "_p", "as_of"],
                                      ascending=[False, True, True]).iloc[0]
            row.update({f"{label}_low_s": best.max_clip_s_low, f"{label}_high_s": best.max_clip_s_high,
                        f"{label}_as_of": best.as_of, f"{label}_precision": best.as_of_precision,
                        f"{label}_source": best.source_id})
        rows.append(row)
    out = pd.DataFrame(rows, columns=_VERSUS_COLUMNS)
    claimed = out.claimed_high_s.astype("Float64")
    out["share_low"] = out.available_low_s.astype("Float64") / claimed
    out["share_high"] = out.available_high_s.astype("Float64") / claimed
    return out


_VERSUS_COLUMNS = ["model_id"] + [f"{label}_{part}" for label in ("claimed", "available")
                                  for part in ("low_s", "high_s", "as_of", "precision", "source")]


def plot_lengths(cap: pd.DataFrame):
    """Longest clip per model over time, linear and log side by side; marker = availability,
    a vertical bar where the length is a range (Kling's beta 5-10 s)."""
    fig, axes = plots.plt.subplots(1, 2, figsize=(11, 4.6))
    for ax, log in zip(axes, (False, True)):
        for row in cap.itertuples():
            color = plots.org_color(row.org_id)
            ax.plot(row.as_of, row.max_clip_s_high, marker=plots.AVAILABILITY_MARKERS[row.availability],
                    color=color, ms=9, ls="none",
                    markerfacecolor=color if row.availability in USABLE_CLASSES else "white", mew=1.8)
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
                                markerfacecolor="#555" if k in USABLE_CLASSES else "white", label=k)
               for k, m in plots.AVAILABILITY_MARKERS.items()]
    fig.legend(handles=handles, loc="lower center", ncol=4, title="availability (hollow: not usable)")
    fig.suptitle("Longest clip per model: claimed or shown vs available", fontweight="bold")
    plots.finish(fig, "Source: capabilities.csv")
    fig.subplots_adjust(bottom=0.28)
    return fig


def plot_pixels(cap: pd.DataFrame):
    """Pixels per clip (log) per model row, so resolution and length show together."""
    shown = cap[cap.pixels_high.notna()].sort_values("pixels_high")
    fig, ax = plots.figure("Pixels per clip: frame size x frames", "pixels per clip (log scale)", "",
                           size=(9, 0.5 * len(shown) + 1.8))
    labels = [f"{r.model_name} {seconds_text(r.max_clip_s_low, r.max_clip_s_high)} {r.availability} "
              f"({as_text(r.as_of, r.as_of_precision)})" for r in shown.itertuples()]
    ax.barh(range(len(shown)), shown.pixels_high.astype(float),
            color=[plots.org_color(o) for o in shown.org_id],
            hatch=["" if a in USABLE_CLASSES else "//" for a in shown.availability], edgecolor="#333")
    ranged = [(i, r.pixels_low) for i, r in enumerate(shown.itertuples()) if r.pixels_low != r.pixels_high]
    for i, low in ranged:
        ax.plot([low, low], [i - 0.4, i + 0.4], color="#111", lw=2)
    ax.set_yticks(range(len(shown)))
    ax.set_yticklabels(labels)
    ax.set_xscale("log")
    ax.xaxis.set_minor_formatter(plots.matplotlib.ticker.NullFormatter())
    plots.finish(fig, "Hatched: claimed or shown only. A black tick marks the low end of a ranged "
                      "length. Widths implied by '1080p' use the aspect parameter.")
    return fig


def longest(cap: pd.DataFrame, kinds) -> tuple[float, float] | tuple[None, None]:
    """The longest clip among rows of ``kinds`` as (low, high) of the row with the highest top;
    (None, None) when there is none."""
    rows = cap[cap.availability.isin(kinds)]
    if rows.empty:
        return None, None
    top = rows.sort_values(["max_clip_s_high", "max_clip_s_low"], ascending=False).iloc[0]
    return float(top.max_clip_s_low), float(top.max_clip_s_high)


def versus_text(versus: pd.DataFrame, names: pd.Series) -> str:
    """One line per model with both a claimed and an available length, ranges kept."""
    both = versus.dropna(subset=["claimed_high_s", "available_high_s"])
    if both.empty:
        return "No model in the selection has both a claimed or shown length and an available one."
    lines = []
    for r in both.itertuples():
        share = (f"{r.share_high:.0%}" if r.share_low == r.share_high
                 else f"{r.share_low:.0%} to {r.share_high:.0%}")
        lines.append(f"- **{names[r.model_id]}**: {seconds_text(r.claimed_low_s, r.claimed_high_s)} "
                     f"claimed or shown ({as_text(r.claimed_as_of, r.claimed_precision)}), "
                     f"{seconds_text(r.available_low_s, r.available_high_s)} available "
                     f"({as_text(r.available_as_of, r.available_precision)}), {share} of the claim")
    return "Where the data has both figures:\n\n" + "\n".join(lines)


def pixel_ratio_text(px: pd.DataFrame) -> str:
    """Largest over smallest pixels per clip ('x1,234', a range where a clip length is a range);
    'fewer than two clips' when there is nothing to compare."""
    if len(px) < 2:
        return "fewer than two clips with a stated resolution"
    big, small = px.loc[px.pixels_high.idxmax()], px.loc[px.pixels_high.idxmin()]
    low, high = big.pixels_low / small.pixels_high, big.pixels_high / small.pixels_low
    return f"x{high:,.0f}" if round(low) == round(high) else f"x{low:,.0f} to x{high:,.0f}"


def pixels_text(cap: pd.DataFrame, fps: float) -> str:
    """The largest and smallest clip with a stated resolution, and how many times the pixels."""
    px = cap.dropna(subset=["pixels_high"])
    if len(px) < 2:
        return "Fewer than two clips in the selection have a stated resolution, so there is no ratio to give."
    big, small = px.loc[px.pixels_high.idxmax()], px.loc[px.pixels_high.idxmin()]
    rates = sorted(set(px.fps_used[px.fps_source == "stated"]))
    stated = (f" ({', '.join(f'{r:g}' for r in rates)} fps where a source states the rate)"
              if rates else "")
    return (f"At {fps:g} fps{stated}, the largest clip with a stated resolution ({big.model_name}, "
            f"{seconds_text(big.max_clip_s_low, big.max_clip_s_high)}, {big.availability}) holds "
            f"{pixel_ratio_text(px)} the pixels of the smallest ({small.model_name}, "
            f"{seconds_text(small.max_clip_s_low, small.max_clip_s_high)}, {small.availability}).")
