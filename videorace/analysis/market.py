"""Market, adoption and regulation figures, and the articles' predictions judged against the data."""

from __future__ import annotations

import math

import pandas as pd

from videorace.analysis import plots, tables
from videorace.analysis.wording import counted
from videorace.data.dates import as_text


def growth_rate(start_value: float, end_value: float, years: float) -> float:
    """Compound annual growth rate from ``start_value`` to ``end_value`` over ``years``."""
    if start_value <= 0 or years <= 0:
        raise ValueError("growth needs a positive start value and a positive span")
    return (end_value / start_value) ** (1 / years) - 1


def forecasts(metrics: pd.DataFrame) -> pd.DataFrame:
    """Market-size forecasts, one row per subject: start, end, span and implied growth rate. A
    subject needs figures for two different years to imply a rate; one with a single year is left
    out (there is no growth to state)."""
    sizes = metrics[metrics.metric == "market_size"].sort_values("as_of")
    rows = []
    for subject, group in sizes.groupby("subject", sort=False):
        first, last = group.iloc[0], group.iloc[-1]
        years = last.as_of.year - first.as_of.year
        if years <= 0:
            continue
        rows.append({"subject": subject, "from_year": first.as_of.year, "from_usd": first.value_low,
                     "to_year": last.as_of.year, "to_usd": last.value_low,
                     "growth_per_year": growth_rate(first.value_low, last.value_low, years),
                     "verification": first.verification, "note": first.note})
    columns = ["subject", "from_year", "from_usd", "to_year", "to_usd", "growth_per_year",
               "verification", "note"]
    return pd.DataFrame(rows, columns=columns)


def plot_forecasts(table: pd.DataFrame, extra: list[tuple] | None = None):
    """Each forecast as a straight line on a log axis (constant growth), labelled with its rate.
    ``extra`` adds what-if lines as (label, from_year, from_usd, to_year, to_usd)."""
    fig, ax = plots.figure("Market-size forecasts quoted and checked", "year",
                           "US dollars (log scale)")
    lines = [(r.subject, r.from_year, r.from_usd, r.to_year, r.to_usd, r.verification)
             for r in table.itertuples()]
    lines += [(*what_if, "what-if") for what_if in (extra or [])]
    for subject, y0, v0, y1, v1, status in lines:
        rate = growth_rate(v0, v1, y1 - y0)
        ax.plot([y0, y1], [v0, v1], marker="o", ls="--" if status != "as_reported" else "-",
                label=f"{subject} [{status}]: {rate:.1%} a year")
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(plots.matplotlib.ticker.FuncFormatter(
        lambda v, _: f"${plots.count_text(v)}"))
    plots.no_minor_ticks(ax.yaxis)
    ax.xaxis.set_major_locator(plots.matplotlib.ticker.MaxNLocator(integer=True))
    ax.legend(loc="upper left", fontsize=8)
    plots.finish(fig, "Dashed: not verified or a what-if. Source: metrics.csv")
    return fig


#: Units of adoption counts; a row in any other unit (revenue in CNY or USD, a share) is no count.
COUNT_UNITS = ("users", "videos", "downloads", "customers", "visits")


def adoption(metrics: pd.DataFrame, subject_prefix: str = "Kling") -> pd.DataFrame:
    """A product's adoption figures over time, one column per metric: the lower bounds the company
    disclosed ("over", "+"), the highest where two figures share a date. Only counts
    (``COUNT_UNITS``): revenue and other money rows of the same subject are left out."""
    rows = metrics[metrics.subject.str.startswith(subject_prefix) & metrics.unit.isin(COUNT_UNITS)]
    return rows.pivot_table(index="as_of", columns="metric", values="value_low", aggfunc="max")


def plot_adoption(table: pd.DataFrame, title: str):
    fig, ax = plots.figure(title, "as of", "count (log scale)")
    for column in table.columns:
        series = table[column].dropna()
        ax.plot(series.index, series.values, marker="o", label=column.replace("_", " "))
    ax.set_yscale("log")
    plots.count_axis(ax.yaxis)
    ax.legend(fontsize=8)
    plots.month_axis(ax)
    plots.finish(fig, "Lower bounds ('over', '+'). Source: metrics.csv")
    return fig


def forecasts_alt(table: pd.DataFrame, extra: list[tuple] | None = None) -> str:
    """The forecast chart in one sentence: each line's span and growth rate."""
    lines = [(r.subject, r.from_year, r.from_usd, r.to_year, r.to_usd) for r in table.itertuples()]
    lines += list(extra or [])
    parts = [f"{s} from USD {plots.count_text(v0)} in {y0} to {plots.count_text(v1)} in {y1} "
             f"({growth_rate(v0, v1, y1 - y0):.1%} a year)" for s, y0, v0, y1, v1 in lines]
    return f"Market-size forecasts on a log scale, {counted(len(parts), 'line')}: " + "; ".join(parts) + "."


def adoption_alt(table: pd.DataFrame, title: str) -> str:
    """The adoption chart in one sentence: each series' first and last floor."""
    parts = []
    for column in table.columns:
        series = table[column].dropna()
        parts.append(f"{column.replace('_', ' ')} from at least {tables.number(series.iloc[0])} "
                     f"to at least {tables.number(series.iloc[-1])}" if len(series) > 1 else
                     f"{column.replace('_', ' ')} at least {tables.number(series.iloc[0])}")
    return f"{title}, on a log scale: " + "; ".join(parts) + "."


def floors_text(metrics: pd.DataFrame, subject_prefix: str, metric: str, what: str) -> str:
    """A sentence on one metric's lower bounds: the first and the last floor, dated at their
    precision. The ratio of two floors is no growth rate (the earlier true value may lie far above
    its floor), so none is stated."""
    rows = metrics[metrics.subject.str.startswith(subject_prefix) & (metrics.metric == metric)
                   & metrics.unit.isin(COUNT_UNITS)]
    rows = rows.sort_values(["as_of", "value_low"])
    if rows.empty:
        return f"The data has no figure for {what}."
    first, last = rows.iloc[0], rows.iloc[-1]
    first_text = f"at least {first.value_low:,.0f} as of {as_text(first.as_of, first.as_of_precision)}"
    what = what[:1].upper() + what[1:]
    if len(rows) == 1:
        return f"{what}: {first_text}."
    return (f"{what}: {first_text}, and at least {last.value_low:,.0f} as of "
            f"{as_text(last.as_of, last.as_of_precision)}. Both are floors, so the ratio between "
            "them is not a growth rate.")


def tenfold_match(table: pd.DataFrame, quoted) -> pd.Series | None:
    """The other forecast that the quoted one matches at a power of ten on both ends (within 1%)
    and at the same growth rate (within half a point): a unit slip, not a different forecast.
    None when there is none."""
    for row in table[table.subject != quoted.subject].itertuples():
        if (row.from_year, row.to_year) != (quoted.from_year, quoted.to_year):
            continue
        ratios = quoted.from_usd / row.from_usd, quoted.to_usd / row.to_usd
        powers = [round(math.log10(r)) for r in ratios]
        if (powers[0] == powers[1] != 0 and all(abs(r / 10 ** p - 1) <= 0.01
                                               for r, p in zip(ratios, powers))
                and abs(row.growth_per_year - quoted.growth_per_year) <= 0.005):
            return pd.Series({**row._asdict(), "power": powers[0]})
    return None


def slip_text(quoted, match, table: pd.DataFrame) -> str:
    """The quoted forecast and what it matches, in two sentences, from the figures."""
    text = (f"The quoted forecast (USD {quoted.from_usd / 1e9:,.0f} bn in {quoted.from_year} to "
            f"{quoted.to_usd / 1e9:,.0f} bn in {quoted.to_year}) implies "
            f"**{quoted.growth_per_year:.1%} a year**.")
    if match is None:
        return text + " No published forecast in the data matches it."
    factor = 10 ** match.power
    return text + (f" Both of its ends are {factor:,.0f} times the figures of {match.subject} (USD "
                   f"{match.from_usd / 1e9:,.2f} bn to {match.to_usd / 1e9:,.2f} bn), which grows at "
                   f"{match.growth_per_year:.1%} a year: the same forecast with its unit slipped at "
                   f"both ends, so its growth rate stands and its sizes do not.")
