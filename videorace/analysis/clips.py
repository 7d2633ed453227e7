"""Clip length and resolution per model: what was claimed or shown vs what people got."""

from __future__ import annotations

import pandas as pd

from videorace.analysis import comparable, plots, tables
from videorace.analysis.wording import counted
from videorace.data.dates import as_text
from videorace.analysis.timeline import PRECISION_RANK

CLAIMED_CLASSES = ("claimed", "demo")
USABLE_CLASSES = ("beta", "public")


def seconds_text(low, high) -> str:
    """'16 s', or '5 to 10 s' for a range; 'none in the selection' when there is no figure."""
    if low is None or pd.isna(low):
        return "none in the selection"
    if high is None or pd.isna(high):
        return f"at least {low:g} s"  # an open-ended bound ("over two minutes") stays open
    return f"{low:g} s" if low == high else f"{low:g} to {high:g} s"


def with_pixels(capabilities: pd.DataFrame, fps: float, aspect: tuple[int, int]) -> pd.DataFrame:
    """Capabilities with frames and pixels per clip. Frames use the frame rate the row states
    (``fps_source`` 'stated') and ``fps`` only where it states none ('parameter'). A clip length
    given as a range gives frame and pixel counts as ranges (``_low``/``_high``). A width only
    implied by '1080p' is filled from ``aspect`` and marked ``width_assumed``. Where a source gives
    the longest clip and the frame height only as separate maxima (``combined`` false), the row
    has no pixel count: they were never one clip."""
    cap = capabilities.copy()
    assumed = cap.width_px.isna() & cap.height_px.notna()
    width = cap.width_px.astype("Float64")
    width[assumed] = (cap.height_px[assumed] * aspect[0] / aspect[1]).round()
    stated = cap.fps.notna()
    rate = cap.fps.where(stated, fps).astype("float64")
    pixels = width * cap.height_px
    if "combined" in cap:  # separate maxima never had together in one clip are not multiplied
        pixels = pixels.where(cap.combined.fillna(True).astype(bool))
    return cap.assign(width_used_px=width, width_assumed=assumed, fps_used=rate,
                      fps_source=["stated" if s else "parameter" for s in stated],
                      frames_low=cap.max_clip_s_low * rate, frames_high=cap.max_clip_s_high * rate,
                      pixels_per_frame=pixels, pixels_low=pixels * cap.max_clip_s_low * rate,
                      pixels_high=pixels * cap.max_clip_s_high * rate)


def claimed_vs_available(capabilities: pd.DataFrame) -> pd.DataFrame:
    """Per model: the longest clip ever claimed or shown, and the longest anyone could make, each
    as a low-high range (Kling's beta: 5 to 10 s), with when each held and the available share of
    the claim as a range (``share_low`` to ``share_high``, over the claim's upper bound). Single
    clips only, on both sides: a clip made by chaining extensions is no claim about one clip.
    Longest first (the longer of the two, an open-ended claim at its floor), then by id, so the
    long clips a reader compares (Kling's 2 minutes, Sora's 60 s) lead the table."""
    capabilities = comparable.single_clips(capabilities)
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
    top = pd.concat([pd.to_numeric(out[f"{label}_high_s"]).fillna(pd.to_numeric(out[f"{label}_low_s"]))
                     for label in ("claimed", "available")], axis=1).max(axis=1)
    order = out.assign(_top=top).sort_values(["_top", "model_id"], ascending=[False, True],
                                             na_position="last", kind="stable").index
    return out.loc[order].reset_index(drop=True)


_VERSUS_COLUMNS = ["model_id"] + [f"{label}_{part}" for label in ("claimed", "available")
                                  for part in ("low_s", "high_s", "as_of", "precision", "source")]


def plot_lengths(cap: pd.DataFrame):
    """One row per model, longest first, on a log axis so 2 s and 180 s are both legible: the
    longest clip of each availability class (marker), hollow where it was only claimed or shown,
    filled where users could make it, a line over a ranged length (Kling's beta 5-10 s). A clip
    chained from extensions is not a single clip: it is drawn apart, as a grey cross. An
    open-ended claim ('over 120 s') is drawn at its floor with 'or more' beside it."""
    cap = cap.assign(max_clip_s_high=cap.max_clip_s_high.fillna(cap.max_clip_s_low),
                     open_ended=cap.max_clip_s_high.isna())
    chained = cap[cap.clip_kind == "extended"] if "clip_kind" in cap else cap.iloc[:0]
    cap = cap.drop(chained.index)
    best = (cap.sort_values("max_clip_s_high").groupby(["model_id", "availability"]).tail(1))
    order, labels = _rows_by_group(cap, best)
    y = {m: i for i, m in enumerate(order) if m}
    fig, ax = plots.figure("Longest single clip per model: claimed or shown vs usable",
                           "longest single clip (seconds, log scale)", "",
                           size=(11, 0.3 * len(order) + 2.4))
    for row in best.itertuples():
        color = plots.org_color(row.org_id)
        ax.plot(row.max_clip_s_high, y[row.model_id], marker=plots.AVAILABILITY_MARKERS[row.availability],
                color=color, ms=8, ls="none", mew=1.6,
                markerfacecolor=color if row.availability in USABLE_CLASSES else "white")
        if row.max_clip_s_low != row.max_clip_s_high:
            ax.hlines(y[row.model_id], row.max_clip_s_low, row.max_clip_s_high, color=color, lw=2)
        if row.open_ended:
            ax.text(row.max_clip_s_high * 1.12, y[row.model_id], "or more", va="center", fontsize=8)
    for row in chained[chained.model_id.isin(y)].itertuples():
        ax.plot(row.max_clip_s_high, y[row.model_id], marker="X", color="#777", ms=8, ls="none")
        ax.text(row.max_clip_s_high * 1.12, y[row.model_id], "chained extensions", va="center",
                fontsize=8, color="#555")
    ax.set_yticks(range(len(order)))
    ax.set_yticklabels(labels, fontsize=8.5)
    for tick, model in zip(ax.get_yticklabels(), order):
        if not model:  # a group's header row
            tick.set_fontweight("bold")
    ax.set_ylim(len(order) - 0.5, -0.7)
    ax.set_xscale("log")
    plots.seconds_axis(ax)
    handles = [plots.plt.Line2D([], [], marker=m, color="#555", ls="none",
                                markerfacecolor="#555" if k in USABLE_CLASSES else "white", label=k)
               for k, m in plots.AVAILABILITY_MARKERS.items()]
    below = 0.55 / max(0.3 * len(order), 1.0)  # about half an inch under the axes
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -below), ncol=4,
              title="availability (hollow: not usable)")
    if len(order):  # room on the right for 'or more' and 'chained extensions'
        ax.set_xlim(right=max(cap.max_clip_s_high.max(), 1) * 4)
    if not order:
        ax.text(0.5, 0.5, "no clip length for the selected models", transform=ax.transAxes, ha="center")
    plots.finish(fig, "Source: capabilities.csv")
    return fig


def _rows_by_group(cap: pd.DataFrame, best: pd.DataFrame) -> tuple[list[str], list[str]]:
    """The chart's rows, longest first, and their labels: with makers from China and elsewhere
    both present (``country``), China's models first under a header row, then the others under
    theirs, so that many models still read as two comparable lists. A header's model is ''."""
    longest = best.groupby("model_id").max_clip_s_high.max().sort_values(ascending=False, kind="stable")
    names = cap.drop_duplicates("model_id").set_index("model_id")
    label = {m: f"{names.model_name[m]} ({names.maker[m]})" for m in longest.index}
    china = (names.country == "CN") if "country" in names else pd.Series(False, index=names.index)
    groups = [("Makers in China", [m for m in longest.index if china.get(m, False)]),
              ("Makers elsewhere", [m for m in longest.index if not china.get(m, False)])]
    if not all(models for _, models in groups):
        return list(longest.index), [label[m] for m in longest.index]
    order, labels = [], []
    for header, models in groups:
        order += [""] + models
        labels += [header] + [label[m] for m in models]
    return order, labels


def one_per_clip(cap: pd.DataFrame) -> pd.DataFrame:
    """One row per model, availability and clip (length and height): rows that differ only in
    their source or date precision are one clip, dated by the most precise (then earliest) row and
    listing every source (``source_id``, comma-separated, in that order)."""
    keys = ["model_id", "availability", "max_clip_s_low", "max_clip_s_high", "height_px"]
    ranked = cap.assign(_rank=cap.as_of_precision.map(PRECISION_RANK)).sort_values(["_rank", "as_of"])
    ranked["_clip"] = ranked.groupby(keys, dropna=False, sort=False).ngroup()
    sources = ranked.groupby("_clip").source_id.agg(lambda s: ", ".join(dict.fromkeys(s)))
    first = ranked.drop_duplicates("_clip").sort_index()
    return first.assign(source_id=first._clip.map(sources)).drop(columns=["_rank", "_clip"])


def lengths_alt(cap: pd.DataFrame) -> str:
    """The length chart in one sentence, with its extremes."""
    if cap.empty:
        return "An empty chart: no clip length for the selected models."
    text = (f"Longest single clip for {counted(cap.model_id.nunique(), 'model')} on a log scale; the "
            f"longest claimed or shown is {longest_text(cap, CLAIMED_CLASSES + USABLE_CLASSES)}, the "
            f"longest users could make {longest_text(cap, USABLE_CLASSES)}")
    chained = longest_text(cap, CLAIMED_CLASSES + USABLE_CLASSES, "extended")
    if not chained.startswith("none"):
        text += f"; apart, a clip chained from extensions: {chained}"
    return text + "."


def pixels_alt(cap: pd.DataFrame) -> str:
    """The pixel chart in one sentence, with its extremes."""
    shown = cap[cap.pixels_high.notna()]
    if shown.empty:
        return "An empty chart: no clip with both a length and a resolution."
    top, bottom = shown.loc[shown.pixels_high.idxmax()], shown.loc[shown.pixels_high.idxmin()]
    return (f"Pixels per clip for {counted(len(shown), 'clip')} on a log scale, from "
            f"{bottom.model_name} ({tables.number(bottom.pixels_high, 2)}) to {top.model_name} "
            f"({tables.number(top.pixels_high, 2)}).")


def plot_pixels(cap: pd.DataFrame):
    """Pixels per clip (log) per model row, so resolution and length show together."""
    shown = one_per_clip(cap[cap.pixels_high.notna()]).sort_values("pixels_high")
    fig, ax = plots.figure("Pixels per clip (frame size x frames), per model", "pixels per clip (log scale)", "",
                           size=(9, 0.32 * len(shown) + 1.8))
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
    ax.set_ylim(-0.6, len(shown) - 0.4)  # no empty margin of bar widths above and below
    ax.set_xscale("log")
    plots.count_axis(ax.xaxis)
    plots.finish(fig, "Hatched: claimed or shown only. A black tick marks the low end of a ranged "
                      "length. Widths implied by '1080p' use the aspect parameter.")
    return fig


def _longest_row(cap: pd.DataFrame, kinds, clip_kind: str = "single"):
    rows = cap[cap.availability.isin(kinds)]
    if "clip_kind" in rows:
        rows = rows[rows.clip_kind == clip_kind]
    elif clip_kind != "single":  # rows that do not say are single clips
        return None
    if rows.empty:
        return None
    # an open-ended claim ('over 120 s') ranks just above its floor
    top = rows.assign(_top=rows.max_clip_s_high.fillna(rows.max_clip_s_low + 1e-6),
                      _p=rows.as_of_precision.map(PRECISION_RANK))
    return top.sort_values(["_top", "max_clip_s_low", "_p", "as_of"],
                           ascending=[False, False, True, True], kind="stable").iloc[0]


def longest(cap: pd.DataFrame, kinds, clip_kind: str = "single") -> tuple[float, float] | tuple[None, None]:
    """The longest clip among rows of ``kinds`` and ``clip_kind`` (single generations unless asked
    for chained extensions) as (low, high) of the row with the highest top; (None, None) when
    there is none."""
    top = _longest_row(cap, kinds, clip_kind)
    if top is None:
        return None, None
    return float(top.max_clip_s_low), float(top.max_clip_s_high)


def longest_text(cap: pd.DataFrame, kinds, clip_kind: str = "single") -> str:
    """``longest`` in words with the model (and tier) it belongs to: '20 s (Sora Turbo, ChatGPT
    Pro)'."""
    top = _longest_row(cap, kinds, clip_kind)
    if top is None:
        return "none in the selection"
    name = top.model_name if "model_name" in top else top.model_id
    tier = top.tier if "tier" in top and isinstance(top.tier, str) and top.tier else ""
    return (f"{seconds_text(top.max_clip_s_low, top.max_clip_s_high)} ({name}"
            f"{', ' + tier if tier else ''}, {as_text(top.as_of, top.as_of_precision)})")


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
    return ("Where the data has both figures, single clips on both sides (a clip chained from "
            "extensions is set apart):\n\n" + "\n".join(lines))


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
