"""Money raised over the whole period: closed rounds per side and quarter in dollars at dated rates,
the largest rounds, listings, reported talks, valuations and the investors who back several makers.

Only rounds with ``status == "closed"`` count as money raised; reported talks are listed apart.
Sides: China is a maker based in China (``country`` CN), the West is ``vocab.WEST``; a maker based
elsewhere or without a country is on neither side, and the sentences name it.
"""

from __future__ import annotations

import pandas as pd

from videorace.analysis import funding, money, params
from videorace.analysis.wording import counted
from videorace.analysis.sides import NEITHER, side as side_of  # noqa: F401 (prices uses it)
from videorace.data.vocab import CHINA_SIDE, VIDEO_KINDS, WEST_SIDE

#: Companies that raised money but make no video model in the data (a chatbot maker, an avatar
#: studio): their rounds are shown apart, never in a side's money for video generation.
NO_VIDEO = "no video model in the data"
SIDE_ORDER = [CHINA_SIDE, WEST_SIDE, NEITHER, NO_VIDEO]


def video_makers(ds) -> set:
    """The organisations that make a video model in models.csv (``vocab.VIDEO_KINDS``)."""
    return set(ds.models[ds.models.kind.isin(VIDEO_KINDS)].org_id)


def with_sides(table: pd.DataFrame, organizations: pd.DataFrame, makers=None) -> pd.DataFrame:
    """``table`` (with ``org_id``) plus ``company`` (the maker's name) and ``side``; with
    ``makers`` (``video_makers``), a company outside it is ``NO_VIDEO`` whatever its country."""
    orgs = organizations.set_index("org_id")
    sides = [side_of(c) for c in table.org_id.map(orgs.country)]
    if makers is not None:
        sides = [s if o in makers else NO_VIDEO for s, o in zip(sides, table.org_id)]
    return table.assign(company=table.org_id.map(orgs.name), side=sides)


def in_window(rounds: pd.DataFrame, start, end) -> pd.DataFrame:
    """The rounds whose announcement can fall within ``start`` to ``end`` (its first possible day
    on or before the end, its last on or after the start)."""
    first, last = funding.round_periods(rounds)
    keep = (first <= pd.Timestamp(end)) & (last >= pd.Timestamp(start))
    return rounds[keep.values]


def select(ds, window_start, window_end) -> tuple:
    """The notebook's window checked (``params.date_window``; the end may be 'latest', the last
    round or listing in the data) and the rounds in it: (start, end, rounds in the window, the
    closed ones among them)."""
    latest = max(ds.funding_rounds.announced_on.max(), ds.listings.listed_on.max())
    start, end = params.date_window("window_start", window_start, "window_end", window_end, latest)
    found = in_window(ds.funding_rounds, start, end)
    return start, end, found, found[found.status == "closed"]


def quarter_label(first: pd.Timestamp, last: pd.Timestamp) -> str:
    """'2025 Q2' when the round's possible days lie in one quarter, '2025' when only the year is
    known, '2024 to 2025' across years."""
    if first.to_period("Q") == last.to_period("Q"):
        return f"{first.year} Q{first.quarter}"
    return str(first.year) if first.year == last.year else f"{first.year} to {last.year}"


def dated_in_usd(table: pd.DataFrame, rates: pd.DataFrame) -> pd.DataFrame:
    """``funding.ranges`` output plus ``usd_low``/``usd_high`` at the rate dated nearest each
    round (``money.to_usd``; ``usd_rate`` says which), ``quarter`` (``quarter_label``) and
    ``year`` (the year of its first possible day)."""
    first, last = funding.round_periods(table)
    out = money.to_usd(table, "low", "high", "currency", "announced_on", rates)
    return out.assign(quarter=[quarter_label(a, b) for a, b in zip(first, last)],
                      year=[f.year for f in first])


def by_quarter(table: pd.DataFrame) -> pd.DataFrame:
    """Closed rounds summed per side and quarter (a round known only to its year in a row of its
    own): ``rounds``, ``undisclosed`` (no amount), ``usd_low``/``usd_high`` summed over the
    disclosed ones, ``open_ended`` rounds whose high is the ``over_factor`` reading."""
    closed = table[table.status == "closed"]
    rows = []
    for (side, quarter), group in closed.groupby(["side", "quarter"], sort=False):
        disclosed = group[group.usd_low.notna()]
        rows.append({"side": side, "quarter": quarter, "rounds": len(group),
                     "undisclosed": int(group.usd_low.isna().sum()),
                     "usd_low": disclosed.usd_low.sum() if len(disclosed) else float("nan"),
                     "usd_high": disclosed.usd_high.sum() if len(disclosed) else float("nan"),
                     "open_ended": int(group.open_ended.sum()),
                     "makers": ", ".join(sorted(set(group.company)))})
    out = pd.DataFrame(rows, columns=["side", "quarter", "rounds", "undisclosed", "usd_low",
                                      "usd_high", "open_ended", "makers"])
    out["order"] = out.side.map(SIDE_ORDER.index)
    return out.sort_values(["order", "quarter"]).drop(columns="order").reset_index(drop=True)


def by_year(table: pd.DataFrame) -> pd.DataFrame:
    """Closed rounds per side and year (the year of each round's first possible day): ``rounds``,
    ``undisclosed``, ``usd_low``/``usd_high`` summed over the disclosed ones, ``makers``."""
    closed = table[table.status == "closed"]
    rows = []
    for (side, year), group in closed.groupby(["side", "year"], sort=True):
        disclosed = group[group.usd_low.notna()]
        rows.append({"side": side, "year": int(year), "rounds": len(group),
                     "undisclosed": int(group.usd_low.isna().sum()),
                     "usd_low": disclosed.usd_low.sum(), "usd_high": disclosed.usd_high.sum(),
                     "makers": sorted(set(group.company))})
    out = pd.DataFrame(rows, columns=["side", "year", "rounds", "undisclosed", "usd_low",
                                      "usd_high", "makers"])
    out["order"] = out.side.map(SIDE_ORDER.index)
    return out.sort_values(["order", "year"]).drop(columns="order").reset_index(drop=True)


def usd_millions(low: float, high: float) -> str:
    """'USD 1,200 million' or 'USD 1,200 to 1,500 million'."""
    lo, hi = f"{low / 1e6:,.0f}", f"{high / 1e6:,.0f}"
    return f"USD {lo} million" if lo == hi else f"USD {lo} to {hi} million"


def raised_text(years: pd.DataFrame, table: pd.DataFrame) -> str:
    """One sentence per side: its closed rounds and the dollars they raised, year by year; then
    which makers count on neither side, and how many talks are left out."""
    sentences = []
    for side in SIDE_ORDER:
        rows = years[years.side == side]
        if rows.empty:
            continue
        parts = []
        for r in rows.itertuples():
            part = (f"in {r.year}, {counted(r.rounds, 'round')} by {counted(len(r.makers), 'maker')} "
                    + (f"raised {usd_millions(r.usd_low, r.usd_high)}" if r.rounds > r.undisclosed
                       else "with no amount disclosed"))
            if r.undisclosed and r.rounds > r.undisclosed:
                part += f" ({r.undisclosed} undisclosed not counted)"
            parts.append(part)
        named = ', '.join(sorted({m for ms in rows.makers for m in ms}))
        who = (f" ({named}, based outside China and the West or without a country in the data)"
               if side == NEITHER else f" ({named}: company-wide money, not counted on either side)"
               if side == NO_VIDEO else "")
        name = side[:1].upper() + side[1:]
        sentences.append(f"{name}{who}: " + "; ".join(parts) + ".")
    talks = table[table.status != "closed"]
    if len(talks):
        sentences.append(f"Reported talks ({len(talks)}: {', '.join(talks.company)}) are not money "
                         "raised and not counted.")
    return " ".join(sentences) if sentences else "No closed round in the window."


def largest(table: pd.DataFrame, n: int) -> pd.DataFrame:
    """The ``n`` closed rounds with the highest dollar floor (``usd_low``), largest first."""
    closed = table[(table.status == "closed") & table.usd_low.notna()]
    return closed.sort_values(["usd_low", "usd_high"], ascending=False).head(n)


def talks(table: pd.DataFrame) -> pd.DataFrame:
    """The reported talks (any status other than closed), by date."""
    return table[table.status != "closed"].sort_values("announced_on")


def valuations(table: pd.DataFrame, rates: pd.DataFrame) -> pd.DataFrame:
    """Rounds that report a valuation, in dollars at the rate dated nearest the round
    (``valuation_usd_low``/``_high``; an open high stays missing), by date."""
    found = table[table.valuation_low.notna()].sort_values("announced_on")
    return money.to_usd(found, "valuation_low", "valuation_high", "valuation_currency",
                        "announced_on", rates, prefix="valuation_usd")


def listings(listed: pd.DataFrame, organizations: pd.DataFrame, rates: pd.DataFrame) -> pd.DataFrame:
    """Listings with the maker's name and side, gross proceeds and market value in dollars at the
    dated rate (``raised_usd_*``, ``market_cap_usd_*``), by date. A listing's single figure is the
    figure itself (proceeds and value at the offer price are stated, not floors)."""
    out = with_sides(listed.sort_values("listed_on"), organizations)
    out = out.assign(raised_high=out.raised_high.fillna(out.raised_low),
                     market_cap_high=out.market_cap_high.fillna(out.market_cap_low))
    out = money.to_usd(out, "raised_low", "raised_high", "raised_currency", "listed_on", rates,
                       prefix="raised_usd")
    return money.to_usd(out, "market_cap_low", "market_cap_high", "market_cap_currency",
                        "listed_on", rates, prefix="market_cap_usd")


def listings_text(listed: pd.DataFrame) -> str:
    """One sentence per listing: who, where, when, proceeds in dollars."""
    if listed.empty:
        return "No maker in the data listed in the window."
    parts = [f"{r.company} on {r.exchange} ({r.listed_on:%Y-%m-%d}), raising "
             f"{usd_millions(r.raised_usd_low, r.raised_usd_high)}" for r in listed.itertuples()]
    return f"Listings in the window ({len(listed)}): " + "; ".join(parts) + "."


def backers(who: pd.DataFrame) -> pd.DataFrame:
    """Investors in more than one maker: ``investor``, ``makers`` (names, sorted), ``count``,
    ``rounds``; most makers first."""
    rows = [{"investor": investor, "makers": ", ".join(sorted(set(group.company))),
             "count": group.company.nunique(), "rounds": group.round_id.nunique()}
            for investor, group in who.groupby("investor")]
    out = pd.DataFrame(rows, columns=["investor", "makers", "count", "rounds"])
    return out[out["count"] > 1].sort_values(["count", "investor"], ascending=[False, True])


def backers_text(several: pd.DataFrame) -> str:
    """'2 investors back more than one maker: Alibaba (4: ...), Tencent (2: ...).'"""
    if several.empty:
        return "No investor in the data backs more than one maker."
    parts = [f"{r.investor} ({r.count}: {r.makers})" for r in several.itertuples()]
    return f"Investors in more than one maker ({len(several)}): " + "; ".join(parts) + "."


def plot_quarters(quarters: pd.DataFrame):
    """Dollars raised per quarter, one bar per side: solid to the sum of the low ends, hatched on
    to the sum of the high ends. Rounds known only to their year have no quarter and are left
    out (the table lists them)."""
    from videorace.analysis import plots

    dated = quarters[quarters.quarter.str.contains("Q") & quarters.usd_low.notna()]
    order = sorted(set(dated.quarter))
    sides = [s for s in SIDE_ORDER if s in set(dated.side)]
    fig, ax = plots.figure("Money raised in closed rounds, per quarter and side",
                           "quarter announced", "millions of US dollars")
    width = 0.8 / max(len(sides), 1)
    colors = {CHINA_SIDE: "#d62728", WEST_SIDE: "#1f77b4", NEITHER: "#7f7f7f", NO_VIDEO: "#bcbd22"}
    for i, side in enumerate(sides):
        rows = dated[dated.side == side].set_index("quarter").reindex(order)
        x = [n + (i - (len(sides) - 1) / 2) * width for n in range(len(order))]
        ax.bar(x, rows.usd_low / 1e6, width, color=colors[side], label=side)
        ax.bar(x, (rows.usd_high - rows.usd_low) / 1e6, width, bottom=rows.usd_low / 1e6,
               color="white", edgecolor=colors[side], hatch="//")
    ax.set_xticks(range(len(order)))
    ax.set_xticklabels(order, rotation=45, ha="right")
    if order:
        ax.legend(fontsize=8, loc="upper right")
    else:
        ax.text(0.5, 0.5, "no closed round dated to a quarter", transform=ax.transAxes,
                ha="center")
    plots.finish(fig, "Hatched: up to the high ends of the rounds' wording. Converted at the "
                 "rate dated nearest each round. Source: funding_rounds.csv, metrics.csv")
    return fig


def quarters_alt(quarters: pd.DataFrame) -> str:
    """The quarterly chart in sentences: per side, how many quarters have a disclosed closed round,
    their sum, and the largest quarter."""
    dated = quarters[quarters.quarter.str.contains("Q") & quarters.usd_low.notna()]
    if dated.empty:
        return "No closed round with a disclosed amount is dated to a quarter, so the chart is empty."
    parts = []
    for side in SIDE_ORDER:
        rows = dated[dated.side == side]
        if rows.empty:
            continue
        top = rows.loc[rows.usd_high.idxmax()]
        parts.append(f"{side}: {counted(len(rows), 'quarter')}, "
                     f"{usd_millions(rows.usd_low.sum(), rows.usd_high.sum())} in all, the most in "
                     f"{top.quarter} ({usd_millions(top.usd_low, top.usd_high)})")
    return ("Bars of dollars raised in closed rounds per quarter, by side, solid to the low ends "
            "and hatched to the high ends: " + "; ".join(parts) + ".")
