"""What a second of generated video costs: list prices per second over time, China against the West,
at one resolution, and the compute cost per second of an open model set beside them.

Each price keeps its source class (``list_kind``: the maker's own list or a reseller's), its tier
and its channel (API or a subscription plan); a reseller's price is never presented as a list
price, and the comparison with compute uses the makers' own API prices only. Prices in yuan are
converted at the central parity dated nearest the day the price took effect (``money``).
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from videorace.analysis import money, params, plots, raised, tokens
from videorace.analysis.wording import counted
from videorace.data.dates import as_text

#: Markers by source class, so a reseller's price never reads as a maker's.
KIND_MARKERS = {"maker": "o", "reseller": "x"}
SIDE_COLORS = {"China": "#d62728", "the West": "#1f77b4", raised.NEITHER: "#7f7f7f"}


def priced(ds, rates: pd.DataFrame) -> pd.DataFrame:
    """Every price with the model's and maker's names, the maker's side (``raised.side_of``) and
    ``usd_low``/``usd_high`` per second at the rate dated nearest ``price_from`` (``usd_rate``
    says which); an empty ``per_second_high`` is one price, so the high equals the low."""
    models = ds.models.set_index("model_id")
    orgs = ds.organizations.set_index("org_id")
    out = ds.prices.assign(per_second_high=ds.prices.per_second_high.fillna(ds.prices.per_second_low))
    org = out.model_id.map(models.org_id)
    out = out.assign(model=out.model_id.map(models.name), maker=org.map(orgs.name),
                     side=[raised.side_of(c) for c in org.map(orgs.country)])
    out = not_before_launch(out, ds)
    return money.to_usd(out, "per_second_low", "per_second_high", "currency", "price_from", rates)


def not_before_launch(prices: pd.DataFrame, ds) -> pd.DataFrame:
    """A price cannot hold before its model could be used: a ``price_from`` dated (at its
    precision) to a period that begins before the model's first usable event (model_events.csv)
    starts at that event instead, with its precision; ``from_launch`` marks those rows."""
    from videorace.analysis.catchup.compute import first_dates

    first = first_dates(ds, "usable") if getattr(ds, "model_events", None) is not None else None
    if first is None or first.empty:
        return prices.assign(from_launch=False)
    launch = prices.model_id.map(first.start)
    early = launch.notna() & (prices.price_from < launch)
    precision = prices.model_id.map(first.precision)
    return prices.assign(price_from=prices.price_from.where(~early, launch),
                         price_from_precision=prices.price_from_precision.where(~early, precision),
                         from_launch=early)


def at_height(table: pd.DataFrame, height_px: int, channels: list[str], kinds: list[str]) -> pd.DataFrame:
    """The prices at ``height_px`` whose channel is in ``channels`` and source class in
    ``kinds``, by date and side. A price whose list states no resolution is left out (it cannot
    be placed at one)."""
    rows = table[(table.height_px == height_px) & table.channel.isin(channels)
                 & table.list_kind.isin(kinds)]
    return rows.sort_values(["price_from", "side", "usd_low"])


def unplaced(table: pd.DataFrame, channels: list[str], kinds: list[str]) -> int:
    """How many prices of the chosen channels and source classes state no resolution."""
    return int((table.height_px.isna() & table.channel.isin(channels)
                & table.list_kind.isin(kinds)).sum())


def cheapest(rows: pd.DataFrame) -> pd.DataFrame:
    """Per side and source class, the lowest price (its low end) and the highest (its high end),
    with the models, dates and tiers they belong to."""
    out = []
    for (side, kind), group in rows.groupby(["side", "list_kind"], sort=False):
        low, high = group.loc[group.usd_low.idxmin()], group.loc[group.usd_high.idxmax()]
        out.append({"side": side, "list_kind": kind, "prices": len(group),
                    "usd_low": low.usd_low, "low_model": low.model, "low_from": low.price_from,
                    "low_precision": low.price_from_precision, "low_tier": low.tier,
                    "usd_high": high.usd_high, "high_model": high.model})
    frame = pd.DataFrame(out, columns=["side", "list_kind", "prices", "usd_low", "low_model",
                                       "low_from", "low_precision", "low_tier", "usd_high",
                                       "high_model"])
    frame["order"] = frame.side.map(raised.SIDE_ORDER.index)
    return frame.sort_values(["order", "list_kind"]).drop(columns="order").reset_index(drop=True)


def span_text(spans: pd.DataFrame, height_px: int) -> str:
    """One clause per side and source class: the span of prices per second and who sets each end."""
    if spans.empty:
        return f"No price in the data states {height_px}p for the chosen channels and sources."
    parts = []
    for r in spans.itertuples():
        tier = f", {r.low_tier}" if isinstance(r.low_tier, str) and r.low_tier else ""
        lowest = (f"USD {r.usd_low:.3f} ({r.low_model}{tier}, from "
                  f"{as_text(r.low_from, r.low_precision)})")
        parts.append(f"{r.side}, {r.list_kind}s' lists ({counted(r.prices, 'price')}): "
                     + (f"{lowest} per second" if f"{r.usd_low:.3f}" == f"{r.usd_high:.3f}" else
                        f"from {lowest} to USD {r.usd_high:.3f} per second ({r.high_model})"))
    return f"At {height_px}p: " + "; ".join(parts) + "."


def plot(rows: pd.DataFrame, height_px: int):
    """Each price per second over time: colour by side, a circle for a maker's list and a cross
    for a reseller's, a vertical bar where the price is a range; log axis."""
    fig, ax = plots.figure(f"List price per second of video at {height_px}p, China against the West",
                           "price from", "US dollars per second (log scale)")
    for (side, kind), group in rows.groupby(["side", "list_kind"], sort=False):
        ax.plot(group.price_from, group.usd_low, marker=KIND_MARKERS.get(kind, "s"), ls="none",
                color=SIDE_COLORS.get(side, "#7f7f7f"), label=f"{side}, {kind}'s list", zorder=3)
        ranged = group[group.usd_high > group.usd_low]
        ax.vlines(ranged.price_from, ranged.usd_low, ranged.usd_high,
                  color=SIDE_COLORS.get(side, "#7f7f7f"), lw=1.5)
    if rows.empty:
        ax.text(0.5, 0.5, f"no price at {height_px}p", transform=ax.transAxes, ha="center")
    else:
        ax.set_yscale("log")
        ax.yaxis.set_major_locator(plots.matplotlib.ticker.LogLocator(base=10, subs=(1, 2, 5)))
        ax.yaxis.set_major_formatter(plots.matplotlib.ticker.FuncFormatter(lambda v, _: f"${v:g}"))
        plots.no_minor_ticks(ax.yaxis)
        ax.legend(fontsize=8, loc="upper right")
        plots.month_axis(ax)
    plots.finish(fig, "A price dated only to its year is drawn on 1 January. Source: prices.csv")
    return fig


def plot_alt(rows: pd.DataFrame, height_px: int) -> str:
    """The price chart in sentences: per side and source class, how many prices and their span."""
    if rows.empty:
        return f"No price at {height_px}p, so the chart is empty."
    parts = [f"{side}, {kind}'s list: {counted(len(g), 'price')} from USD {g.usd_low.min():.3f} "
             f"to {g.usd_high.max():.3f} per second, dated {as_text(g.price_from.min(), 'month')} "
             f"to {as_text(g.price_from.max(), 'month')}"
             for (side, kind), g in rows.groupby(["side", "list_kind"], sort=False)]
    return (f"List prices per second of video at {height_px}p on a log scale over time: "
            + "; ".join(parts) + ".")


def compute_setup(ds, architecture, height_px, clip_s, steps, gpu, utilisation_low, utilisation_high,
                  usd_per_gpu_hour_low, usd_per_gpu_hour_high) -> tuple:
    """The price notebook's compute parameters checked and resolved with 04's own
    ``tokens.check_parameters`` (the architecture's frame rate, its steps unless ``steps`` is set,
    its guidance passes, one attempt per clip): (setup, (utilisation low, high), (USD per
    GPU-hour low, high)). A bad value stops with a ParameterError naming it."""
    arch = params.choice("architecture", architecture, list(ds.architectures.arch_id))
    own = ds.architectures.set_index("arch_id").loc[arch]
    setup = tokens.check_parameters(
        ds, architecture=arch, fps=float(own.fps), height_px=height_px,
        steps=steps or int(own.steps), guidance_passes=int(own.passes_per_step),
        attempts_per_kept_clip=1.0, params_b=0.0, gpu=gpu,
        utilisation=params.number("utilisation_low", utilisation_low, 0.01, 1),
        usd_per_gpu_hour=params.number("usd_per_gpu_hour_low", usd_per_gpu_hour_low, 0.01, 1000),
        chunk_s=params.number("clip_s", clip_s, 1, 600))
    return setup, (utilisation_low, params.number("utilisation_high", utilisation_high,
                                                  utilisation_low, 1)), \
        (usd_per_gpu_hour_low, params.number("usd_per_gpu_hour_high", usd_per_gpu_hour_high,
                                             usd_per_gpu_hour_low, 1000))


def compute_per_second(setup, seconds: float, utilisation: tuple[float, float],
                       usd_per_gpu_hour: tuple[float, float]) -> pd.DataFrame:
    """The denoiser's compute cost per second of video for a clip of ``seconds``, in the open
    model's geometry and in CITIC's (``tokens.Setup``: the architecture, its transformer, its
    steps and guidance passes, the frame rate and height), as a range: low at the highest
    utilisation and the cheapest GPU-hour, high at the lowest utilisation and the dearest.
    Lower bounds on a real generation's compute (``tokens``: text encoder and VAE left out)."""
    rows = []
    for name, geometry in ((setup.open_name, setup.open_geometry),
                           (tokens.CITIC_LABEL, tokens.citic_geometry())):
        sized = tokens.sized(geometry, seconds, setup.fps, setup.height_px)
        low = tokens.clip_cost(sized, setup.model, replace(
            setup.assumptions, utilisation=max(utilisation), usd_per_gpu_hour=min(usd_per_gpu_hour)))
        high = tokens.clip_cost(sized, setup.model, replace(
            setup.assumptions, utilisation=min(utilisation), usd_per_gpu_hour=max(usd_per_gpu_hour)))
        rows.append({"geometry": name, "seconds": seconds, "frames": sized.frames,
                     "tokens": low["tokens"], "gpu_seconds_low": low["gpu_seconds"] / seconds,
                     "gpu_seconds_high": high["gpu_seconds"] / seconds,
                     "usd_low": low["usd"] / seconds, "usd_high": high["usd"] / seconds})
    return pd.DataFrame(rows)


def ratio(price_low: float, price_high: float, cost_low: float, cost_high: float) -> tuple[float, float]:
    """How many times the compute cost a price is, as a range: the lowest price over the highest
    cost to the highest price over the lowest cost."""
    return price_low / cost_high, price_high / cost_low


def versus_compute(spans: pd.DataFrame, compute: pd.DataFrame) -> pd.DataFrame:
    """For each side's maker list prices (``cheapest`` rows of source class maker) and each
    compute geometry: the price span, the cost span, and the price as a multiple of the cost."""
    rows = []
    for s in spans[spans.list_kind == "maker"].itertuples():
        for c in compute.itertuples():
            low, high = ratio(s.usd_low, s.usd_high, c.usd_low, c.usd_high)
            rows.append({"side": s.side, "geometry": c.geometry, "price_low": s.usd_low,
                         "price_high": s.usd_high, "cost_low": c.usd_low, "cost_high": c.usd_high,
                         "times_low": low, "times_high": high})
    return pd.DataFrame(rows, columns=["side", "geometry", "price_low", "price_high", "cost_low",
                                       "cost_high", "times_low", "times_high"])


def versus_text(table: pd.DataFrame, height_px: int, seconds: float) -> str:
    """One sentence per row of ``versus_compute``: whether the arithmetic explains the price."""
    if table.empty:
        return (f"No maker's own list states a price at {height_px}p, so nothing is set beside "
                "the compute cost.")
    parts = []
    for r in table.itertuples():
        verdict = ("above the compute cost even at its dearest" if r.times_low > 1 else
                   "below the compute cost even at its cheapest" if r.times_high < 1 else
                   "within the compute cost's range")
        parts.append(f"{r.side}'s maker prices against {r.geometry}: {r.times_low:,.1f} to "
                     f"{r.times_high:,.1f} times the cost ({verdict})")
    return (f"Every maker's price at {height_px}p over the period against a {seconds:g} s clip's "
            "compute: " + "; ".join(parts) + ". A multiple above one is what the arithmetic leaves "
            "to everything it omits (text encoder, VAE decoding, idle GPUs, failed generations, "
            "other costs and margin); a multiple below one means the maker's own generation costs "
            "less than this arithmetic assumes (fewer steps or guidance passes, a smaller or "
            "distilled model, cheaper GPUs) or is sold below its compute, and the data does not "
            "say which.")
