"""Clip length and resolution per model, on three bases never merged: what users could make
(usable: a beta or the public product), what a released clip demonstrated (the demonstrated basis
also counts anything usable), and what was only claimed (a statement, no clip), reported beside a
comparison, never inside it. A benchmark team's sample clip says nothing of a product's maximum:
it is on no basis, and is listed apart."""

from __future__ import annotations

import math

import pandas as pd

from videorace.analysis import comparable, plots, tables
from videorace.analysis.wording import counted
from videorace.data.dates import as_text
from videorace.analysis.timeline import PRECISION_RANK
from videorace.data.vocab import AVAILABILITY, BASIS_CLASSES, BASIS_WORDS, CHINA, CLAIMED_CLASSES

USABLE_CLASSES = BASIS_CLASSES["usable"]
#: What 03 reads a length on: the two bases and, beside them, the claims.
KINDS = {**BASIS_CLASSES, "claimed": CLAIMED_CLASSES}
WORDS = {**BASIS_WORDS, "claimed": "claimed (a statement, no clip)"}
#: The classes on no basis and no claim: a benchmark team's sample clips.
SAMPLE_CLASSES = tuple(a for a in AVAILABILITY if not any(a in k for k in KINDS.values()))


def class_words(availability: str) -> str:
    """What one availability class rests on, in words: 'usable (beta)', 'demonstrated by a
    released clip', 'claimed (no clip)', 'a benchmark team's sample'."""
    if availability in USABLE_CLASSES:
        return f"usable ({availability})"
    if availability in CLAIMED_CLASSES:
        return "claimed (no clip)"
    if availability in SAMPLE_CLASSES:
        return "a benchmark team's sample"
    return "demonstrated by a released clip"


def seconds_text(low, high) -> str:
    """'16 s', or '5 to 10 s' for a range; 'none in the selection' when there is no figure."""
    if low is None or pd.isna(low):
        return "none in the selection"
    if high is None or pd.isna(high):
        return f"at least {low:g} s"  # an open-ended bound ("over two minutes") stays open
    return f"{low:g} s" if low == high else f"{low:g} to {high:g} s"


def share_text(low, high, claim_low, claim_high) -> str:
    """A usable length (``low``-``high``) as a share of a claimed one: '8%', '4% to 8%', or a bound
    for an open-ended claim ('over 120 s'): 'under 7%' (8 / 120 = 6.7%, rounded up); '' when
    either is missing."""
    if any(v is None or pd.isna(v) for v in (low, high, claim_low)):
        return ""
    if claim_high is None or pd.isna(claim_high):
        return f"under {math.ceil(round(high / claim_low * 100, 6)):g}%"
    first, last = tables.percent(low / claim_high), tables.percent(high / claim_low)
    return first if first == last else f"{first} to {last}"


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


def with_first_dates(cap: pd.DataFrame, usable_from: pd.Series, shown_from: pd.Series) -> pd.DataFrame:
    """Capabilities with ``held_from``: for a figure first stated in a later source (``dated_by``
    'source'), the model's first availability (a usable row; ``usable_from`` by model_id) or first
    showing (any other row; ``shown_from``) where that is earlier than the source, so the figure
    held from some day in between; NaT for a figure dated by its event or with no earlier date."""
    late = cap.dated_by.eq("source") if "dated_by" in cap else pd.Series(False, index=cap.index)
    first = [usable_from.get(m) if a in USABLE_CLASSES else shown_from.get(m)
             for m, a in zip(cap.model_id, cap.availability)]
    held = [f if is_late and f is not None and not pd.isna(f) and f < s else pd.NaT
            for f, is_late, s in zip(first, late, cap.as_of)]
    return cap.assign(held_from=pd.to_datetime(pd.Series(held, index=cap.index, dtype="object")))


def when_text(row) -> str:
    """When a row's figure held: its date, or for a figure first stated in a later source the
    range from ``held_from`` to that source ('2024-09-19 to 2026-08-12, a range: first stated in a
    later source'), or 'by <date>' when no earlier date is known."""
    stated = as_text(row.as_of, row.as_of_precision)
    if getattr(row, "dated_by", "event") != "source":
        return stated
    held = getattr(row, "held_from", pd.NaT)
    if held is None or pd.isna(held):
        return f"by {stated}, first stated then: when it began is not known"
    return f"{as_text(held, 'day')} to {stated}, a range: first stated in a later source"


def _top(rows: pd.DataFrame) -> pd.Series:
    """A length's rank: its upper bound; an open-ended one ('over 120 s') just above its floor."""
    return rows.max_clip_s_high.astype(float).fillna(rows.max_clip_s_low.astype(float) + 1e-6)


def _longest_row(cap: pd.DataFrame, basis: str, clip_kind: str = "single"):
    rows = cap[cap.availability.isin(KINDS[basis])]
    if "clip_kind" in rows:
        rows = rows[rows.clip_kind == clip_kind]
    elif clip_kind != "single":  # rows that do not say are single clips
        return None
    if rows.empty:
        return None
    # among equals: the most precise date, then the earliest, then the row that says most of
    # its tier and region
    said = sum(rows[c].fillna("").astype(str).ne("").astype(int) for c in ("tier", "region") if c in rows)
    top = rows.assign(_top=_top(rows), _p=rows.as_of_precision.map(PRECISION_RANK), _said=said)
    return top.sort_values(["_top", "max_clip_s_low", "_p", "as_of", "_said"],
                           ascending=[False, False, True, True, False], kind="stable").iloc[0]


def longest(cap: pd.DataFrame, basis: str, clip_kind: str = "single") -> tuple:
    """The longest clip on ``basis`` (a key of ``KINDS``; a sample is on none) and of ``clip_kind``
    as (low, high) of the row with the highest top; (None, None) when there is none."""
    top = _longest_row(cap, basis, clip_kind)
    if top is None:
        return None, None
    return float(top.max_clip_s_low), float(top.max_clip_s_high)


def _text(row, name: bool = True) -> str:
    """'<length>, <what it rests on>: <model>, <tier>, <region> (<when>; <source>)'."""
    extra = [getattr(row, c, None) for c in ("tier", "region")]
    where = "".join(f", {v}" for v in extra if isinstance(v, str) and v)
    model = getattr(row, "model_name", None) or row.model_id
    return (f"{seconds_text(row.max_clip_s_low, row.max_clip_s_high)}, "
            f"{class_words(row.availability)}: {model if name else ''}{where}".rstrip(": ")
            + f" ({when_text(row)}; {row.source_id})")


def longest_text(cap: pd.DataFrame, basis: str, clip_kind: str = "single") -> str:
    """``longest`` in words with what it rests on: its class, model, tier and region, when it held
    and its source: '20 s, usable (public): Sora Turbo, ChatGPT Pro (2024-12-09; s)', then the
    other models as long, a tie ('; as long: Kling 4.0, Wan 3.0')."""
    top = _longest_row(cap, basis, clip_kind)
    if top is None:
        return "none in the selection"
    rows = cap[cap.availability.isin(KINDS[basis]) & cap.model_id.ne(top.model_id)]
    rows = rows[rows.clip_kind == clip_kind] if "clip_kind" in rows else rows
    tied = rows[(_top(rows) == top._top) & (rows.max_clip_s_low == top.max_clip_s_low)]
    names = tied.model_name if "model_name" in tied else tied.model_id
    return _text(top) + ("; as long: " + ", ".join(sorted(set(names))) if len(tied) else "")


def by_basis(capabilities: pd.DataFrame) -> pd.DataFrame:
    """Per model, the longest single clip on each basis and the longest claim beside them, never
    merged: ``<basis>`` (the length in words, '' for none), ``<basis>_when`` and
    ``<basis>_source``, for usable, demonstrated and claimed, with the usable row's
    ``availability``, ``tier`` and ``region``, and ``share``: the usable length as a share of the
    claim (``share_text``). A clip chained from extensions and a benchmark team's sample are left
    out. Longest first (over all three; an open-ended length above its floor), then by id."""
    capabilities = comparable.single_clips(capabilities)
    rows = []
    for model_id, group in capabilities.groupby("model_id", sort=True):
        row, tops = {"model_id": model_id}, []
        for basis in KINDS:
            best = _longest_row(group, basis)
            found = best is not None
            row.update({basis: seconds_text(best.max_clip_s_low, best.max_clip_s_high) if found else "",
                        f"{basis}_when": when_text(best) if found else "",
                        f"{basis}_source": best.source_id if found else ""})
            row[f"_{basis}"] = (best.max_clip_s_low, best.max_clip_s_high) if found else (None, None)
            tops.append(best._top if found else -1.0)
            if basis == "usable":
                row.update({c: best[c] if found and c in best and isinstance(best[c], str) else ""
                            for c in ("availability", "tier", "region")})
        if max(tops) >= 0:
            rows.append({**row, "share": share_text(*row["_usable"], *row["_claimed"]),
                         "_order": max(tops)})
    columns = ["model_id"] + [f"{b}{s}" for b in KINDS for s in ("", "_when", "_source")]
    out = pd.DataFrame(rows, columns=columns + ["availability", "tier", "region", "share", "_order"])
    out = out.sort_values(["_order", "model_id"], ascending=[False, True], kind="stable")
    return out.drop(columns="_order").reset_index(drop=True)


def basis_text(table: pd.DataFrame, names: pd.Series) -> str:
    """One line per model with a usable length and a claim: the length, the claim beside it."""
    both = table[(table.usable != "") & (table.claimed != "")]
    if both.empty:
        return "No model in the selection has both a usable length and a claimed one."
    lines = [f"- **{names.get(r.model_id, r.model_id)}**: usable {r.usable} ({r.availability}, "
             f"{r.usable_when}); "
             f"beside it, the claim (a statement, no clip): {r.claimed} ({r.claimed_when}); the "
             f"usable length is {r.share} of the claim" for r in both.itertuples()]
    return ("Where the data has both, single clips on both sides (a clip chained from extensions "
            "and a benchmark team's sample clip are left out):\n\n" + "\n".join(lines))


def samples(cap: pd.DataFrame) -> pd.DataFrame:
    """A benchmark team's sample clips: the length it generated, not a product's maximum."""
    return cap[cap.availability.isin(SAMPLE_CLASSES)]


def plot_lengths(cap: pd.DataFrame):
    """One row per model, longest first, on a log axis so 2 s and 180 s are both legible: the
    longest clip of each class, its marker and the legend naming its basis, filled where users
    could make it, hollow where a released clip showed it or it was only claimed, a line over a
    ranged length (Kling's beta 5-10 s). A clip chained from extensions is not a single clip: it
    is drawn apart, as a grey cross. An open-ended claim ('over 120 s') is drawn at its floor with
    'or more' beside it. A benchmark team's sample clips are left out (the note says so)."""
    cap = cap[~cap.availability.isin(SAMPLE_CLASSES)]
    cap = cap.assign(max_clip_s_high=cap.max_clip_s_high.fillna(cap.max_clip_s_low),
                     open_ended=cap.max_clip_s_high.isna())
    chained = cap[cap.clip_kind == "extended"] if "clip_kind" in cap else cap.iloc[:0]
    cap = cap.drop(chained.index)
    best = (cap.sort_values("max_clip_s_high").groupby(["model_id", "availability"]).tail(1))
    order, labels = _rows_by_group(cap, best)
    y = {m: i for i, m in enumerate(order) if m}
    fig, ax = plots.figure("Longest single clip per model, by basis: usable, demonstrated, claimed",
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
    handles = [plots.plt.Line2D([], [], marker=plots.AVAILABILITY_MARKERS[k], color="#555", ls="none",
                                markerfacecolor="#555" if k in USABLE_CLASSES else "white",
                                label=class_words(k))
               for k in AVAILABILITY if k not in SAMPLE_CLASSES]
    below = 0.55 / max(0.3 * len(order), 1.0)  # about half an inch under the axes
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -below), ncol=4,
              title="basis (filled: usable; hollow: not usable)")
    if len(order):  # room on the right for 'or more' and 'chained extensions'
        ax.set_xlim(right=max(cap.max_clip_s_high.max(), 1) * 4)
    if not order:
        ax.text(0.5, 0.5, "no clip length for the selected models", transform=ax.transAxes, ha="center")
    plots.finish(fig, "Source: capabilities.csv. A benchmark team's sample clips are left out: "
                      "they are not a product's maximum.")
    return fig


def _rows_by_group(cap: pd.DataFrame, best: pd.DataFrame) -> tuple[list[str], list[str]]:
    """The chart's rows, longest first, and their labels: with makers from China and elsewhere
    both present (``country``), China's models first under a header row, then the others under
    theirs, so that many models still read as two comparable lists. A header's model is ''."""
    longest = best.groupby("model_id").max_clip_s_high.max().sort_values(ascending=False, kind="stable")
    names = cap.drop_duplicates("model_id").set_index("model_id")
    label = {m: f"{names.model_name[m]} ({names.maker[m]})" for m in longest.index}
    china = (names.country == CHINA) if "country" in names else pd.Series(False, index=names.index)
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
    """The length chart in one sentence, with its extremes on each basis."""
    if cap[~cap.availability.isin(SAMPLE_CLASSES)].empty:
        return "An empty chart: no clip length for the selected models."
    shown = cap[~cap.availability.isin(SAMPLE_CLASSES)].model_id.nunique()
    text = (f"Longest single clip for {counted(shown, 'model')} on a log scale; the longest "
            + "; the longest ".join(f"{WORDS[b]} is {longest_text(cap, b)}" for b in KINDS))
    chained = [f"{WORDS[b]}, {longest_text(cap, b, 'extended')}" for b in ("demonstrated", "claimed")
               if longest(cap, b, "extended")[0] is not None]
    if chained:
        text += "; apart, the longest clip chained from extensions: " + "; ".join(chained)
    return text + "."


def pixel_clips(cap: pd.DataFrame) -> pd.DataFrame:
    """The single clips with a pixel count on the demonstrated basis (a claim is no clip, a
    benchmark team's sample no product's), one per clip."""
    cap = comparable.single_clips(cap)  # a clip chained from extensions is not one generation
    return one_per_clip(cap[cap.availability.isin(KINDS["demonstrated"]) & cap.pixels_high.notna()])


def pixels_alt(cap: pd.DataFrame) -> str:
    """The pixel chart in one sentence, with its extremes on the demonstrated basis."""
    shown = pixel_clips(cap)
    if shown.empty:
        return "An empty chart: no demonstrated or usable clip with both a length and a resolution."
    top, bottom = shown.loc[shown.pixels_high.idxmax()], shown.loc[shown.pixels_high.idxmin()]
    return (f"Pixels per clip for {counted(len(shown), 'clip')}, {WORDS['demonstrated']}, on a log "
            f"scale, from {bottom.model_name} ({tables.number(bottom.pixels_high, 2)}) to "
            f"{top.model_name} ({tables.number(top.pixels_high, 2)}).")


def plot_pixels(cap: pd.DataFrame):
    """Pixels per clip (log) per demonstrated or usable single clip, so resolution and length show
    together: hatched where a released clip showed it, solid where users could make it, dated
    'by' the source for a figure first stated later. Claims (no clip), a benchmark team's samples
    and clips chained from extensions are left out."""
    shown = pixel_clips(cap).sort_values("pixels_high")
    fig, ax = plots.figure("Pixels per single clip (frame size x frames), demonstrated or usable",
                           "pixels per clip (log scale)", "", size=(9, 0.32 * len(shown) + 1.8))
    labels = [f"{r.model_name} {seconds_text(r.max_clip_s_low, r.max_clip_s_high)} "
              f"{class_words(r.availability)} ({'by ' if getattr(r, 'dated_by', '') == 'source' else ''}"
              f"{as_text(r.as_of, r.as_of_precision)})"
              for r in shown.itertuples()]
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
    plots.finish(fig, "Hatched: demonstrated, not usable. Claims, samples, chains left out. Black tick: "
                      "low end of a range. '1080p' widths: aspect parameter.")
    return fig


def pixel_ratio_text(cap: pd.DataFrame) -> str:
    """Largest over smallest pixels per demonstrated or usable clip ('x1,234', a range where a
    clip length is a range); 'fewer than two clips' when there is nothing to compare."""
    px = pixel_clips(cap)
    if len(px) < 2:
        return "fewer than two demonstrated or usable clips with a stated resolution"
    big, small = px.loc[px.pixels_high.idxmax()], px.loc[px.pixels_high.idxmin()]
    low, high = big.pixels_low / small.pixels_high, big.pixels_high / small.pixels_low
    return f"x{high:,.0f}" if round(low) == round(high) else f"x{low:,.0f} to x{high:,.0f}"


def pixels_text(cap: pd.DataFrame, fps: float) -> str:
    """The largest and smallest demonstrated or usable clip with a stated resolution, and how many
    times the pixels."""
    px = pixel_clips(cap)
    if len(px) < 2:
        return ("Fewer than two demonstrated or usable clips in the selection have a stated "
                "resolution, so there is no ratio to give.")
    big, small = px.loc[px.pixels_high.idxmax()], px.loc[px.pixels_high.idxmin()]
    rates = sorted(set(px.fps_used[px.fps_source == "stated"]))
    stated = (f" ({', '.join(f'{r:g}' for r in rates)} fps where a source states the rate)"
              if rates else "")
    return (f"At {fps:g} fps{stated}, the largest {WORDS['demonstrated']} clip with a stated "
            f"resolution ({big.model_name}, {seconds_text(big.max_clip_s_low, big.max_clip_s_high)}, "
            f"{class_words(big.availability)}) holds {pixel_ratio_text(cap).replace('x', '')} times "
            f"the pixels of the "
            f"smallest ({small.model_name}, {seconds_text(small.max_clip_s_low, small.max_clip_s_high)}, "
            f"{class_words(small.availability)}).")


def key_figures(cap: pd.DataFrame) -> dict[str, str]:
    """03's key figures, each on one basis named in its label; the claims beside them."""
    return {**{f"longest single clip, {WORDS[b]}": longest_text(cap, b) for b in KINDS},
            **{f"longest clip chained from extensions, {WORDS[b]}": longest_text(cap, b, "extended")
               for b in ("demonstrated", "claimed")},
            f"pixel ratio, largest to smallest {WORDS['demonstrated']} clip": pixel_ratio_text(cap)}
