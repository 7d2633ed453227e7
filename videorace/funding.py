"""Funding rounds: vague amounts as ranges, converted at a chosen rate, set against Sora."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from videorace import plots
from videorace.dates import period_end


@dataclass(frozen=True)
class Reading:
    """How the articles' vague wording becomes a range. The values are the notebook's parameters;
    their defaults live in notebooks/01_funding.ipynb alone."""

    several_low_cny: float  # "several hundred million": low end
    several_high_cny: float  # ... high end
    over_factor: float  # "over X" read as X to X * factor


def implied_rate(rounds: pd.DataFrame) -> float:
    """CNY per USD the articles imply: a round's yuan amount over the dollars they convert it to."""
    both = rounds[rounds.usd_as_reported.notna() & rounds.amount_low.notna()]
    rates = (both.amount_low / both.usd_as_reported).round(6).unique()
    if len(rates) != 1:
        raise ValueError(f"the articles imply {len(rates)} different rates: {sorted(rates)}")
    return float(rates[0])


def metric_range(metrics: pd.DataFrame, metric: str) -> tuple[float, float]:
    row = metrics[metrics.metric == metric].iloc[0]
    return float(row.value_low), float(row.value_high)


def ranges(rounds: pd.DataFrame, reading: Reading) -> pd.DataFrame:
    """Each round's low and high in its currency under ``reading``; ``open_ended`` marks a high that
    the wording leaves open and the reading closed."""
    out = rounds.copy()
    low, high = out.amount_low.copy(), out.amount_high.copy()
    several = out.amount_qualifier == "several hundred million"
    low[several], high[several] = reading.several_low_cny, reading.several_high_cny
    over = (out.amount_qualifier == "over") & out.amount_high.isna()
    high[over] = low[over] * reading.over_factor
    exact = out.amount_qualifier.isin(["exact", "about"]) & out.amount_high.isna()
    high[exact] = low[exact]
    return out.assign(low=low, high=high, open_ended=over)


def convert(table: pd.DataFrame, cny_per_usd: float, suffix: str) -> pd.DataFrame:
    """Add ``low_usd_<suffix>`` and ``high_usd_<suffix>``; USD rounds pass through unchanged."""
    rate = table.currency.map({"CNY": cny_per_usd, "USD": 1.0})
    return table.assign(**{f"low_usd_{suffix}": table.low / rate,
                           f"high_usd_{suffix}": table.high / rate})


def investors(ds) -> pd.DataFrame:
    """Who invested in whom: one row per (round, investor), flagging investors that make video
    models of their own, i.e. investments in a rival."""
    orgs = ds.organizations.set_index("org_id").name
    video_makers = set(ds.models[ds.models.kind == "text_to_video"].org_id)
    table = ds.round_investors.merge(ds.funding_rounds[["round_id", "org_id", "announced_on",
                                                        "announced_precision"]], on="round_id")
    return table.assign(company=table.org_id.map(orgs), investor=table.investor_id.map(orgs),
                        investor_makes_video_models=table.investor_id.isin(video_makers))


def days_after(table: pd.DataFrame, reference: pd.Timestamp) -> pd.DataFrame:
    """Days from ``reference`` to each round's announcement, a range for coarse dates."""
    ends = [pd.Timestamp(period_end(d.date(), p)) for d, p in
            zip(table.announced_on, table.announced_precision)]
    return table.assign(days_low=[(d - reference).days for d in table.announced_on],
                        days_high=[(e - reference).days for e in ends])


def plot(table: pd.DataFrame, rate: float, rate_label: str):
    """Each disclosed round as a low-high bar in millions of dollars; open-ended highs hatched."""
    shown = table[table.low.notna()].sort_values("announced_on")
    fig, ax = plots.figure(f"Funding rounds as the articles' wording allows ({rate_label})",
                           "millions of US dollars", "", size=(9, 1.0 * len(shown) + 1.8))
    for i, row in enumerate(shown.itertuples()):
        lo, hi = row.low / rate / 1e6, row.high / rate / 1e6
        ax.barh(i, hi - lo, left=lo, color=plots.org_color(row.org_id), alpha=0.75,
                hatch="//" if row.open_ended else None, edgecolor="#333")
        stated = f" {row.amount_low / 1e6:,.0f}m" if row.amount_qualifier in ("over", "about",
                                                                              "exact") else ""
        ax.text(hi, i, f"  wording: {row.amount_qualifier}{stated} {row.currency}", va="center",
                fontsize=8)
    ax.set_yticks(range(len(shown)))
    ax.set_yticklabels([f"{r.org_id} ({r.announced_on.date()})" for r in shown.itertuples()])
    ax.invert_yaxis()
    ax.set_xlim(0, shown.high.max() / rate / 1e6 * 1.6)
    plots.finish(fig, "Hatched: 'over' read with the over_factor parameter. Source: funding_rounds.csv")
    return fig
