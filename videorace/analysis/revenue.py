"""Revenue as companies and analysts state it: each figure with who states it (``statement_kind``)
and the span it covers (``period``), in dollars at the rate dated nearest the middle of its span.

Only figures of one period add up: a quarter's revenue, an annualised run-rate (``run_rate``), a
total since launch (``cumulative``), part of a year to a day (``year_to_date``) and guidance for a
year are different quantities. Nothing here adds a run-rate to a quarter: the quarterly table holds
``period == "quarter"`` rows of the ``revenue`` metric alone, and every other figure is listed
beside it, never summed with it.
"""

from __future__ import annotations

import pandas as pd

from videorace.analysis import money
from videorace.analysis.wording import counted

#: Metrics that state money earned or expected (each row says its period and who states it).
REVENUE_METRICS = ("revenue", "revenue_run_rate", "revenue_guidance", "revenue_run_rate_added",
                   "cash_receipts")
#: Days from a period's first day to its middle, where a figure over a span is converted.
MIDDLE_DAYS = {"quarter": 45, "half": 91, "year": 182, "month": 15}


def middle(as_of: pd.Timestamp, period: str) -> pd.Timestamp:
    """The day a figure over ``period`` starting at ``as_of`` is converted at: the period's middle
    (a quarter's 45th day, a year's 182nd); a figure at a point, a run-rate or a total up to
    ``as_of`` at ``as_of`` itself; a year-to-date figure (dated on its last day) half a year before."""
    if period == "year_to_date":
        return as_of - pd.Timedelta(days=MIDDLE_DAYS["half"])
    return as_of + pd.Timedelta(days=MIDDLE_DAYS.get(period, 0))


def figures(metrics: pd.DataFrame, subjects: list[str], rates: pd.DataFrame) -> pd.DataFrame:
    """Every revenue-like row (``REVENUE_METRICS``) whose subject starts with one of ``subjects``,
    by subject and date, with ``usd_low``/``usd_high`` at the rate dated nearest ``middle`` and
    ``usd_rate`` saying which; an empty high stays missing (the figure is a floor)."""
    wanted = metrics.metric.isin(REVENUE_METRICS) & metrics.subject.map(
        lambda s: any(s.startswith(p) for p in subjects))
    rows = metrics[wanted].sort_values(["subject", "as_of", "metric"]).copy()
    rows["converted_on"] = [middle(d, p) for d, p in zip(rows.as_of, rows.period)]
    return money.to_usd(rows, "value_low", "value_high", "unit", "converted_on", rates)


def quarters(found: pd.DataFrame, subject: str) -> pd.DataFrame:
    """``subject``'s revenue quarter by quarter: ``revenue`` rows with ``period == "quarter"``
    only (no run-rate, guidance or total since launch), by date."""
    rows = found[(found.subject == subject) & (found.metric == "revenue") & (found.period == "quarter")]
    return rows.sort_values("as_of")


def missing_quarters(rows: pd.DataFrame) -> list[str]:
    """Quarters between the first and last of ``rows`` (``as_of`` on quarter starts) with no
    figure: ['2025 Q4']."""
    if rows.empty:
        return []
    have = {d.to_period("Q") for d in rows.as_of}
    span = pd.period_range(min(have), max(have), freq="Q")
    return [f"{q.year} Q{q.quarter}" for q in span if q not in have]


def quarters_text(rows: pd.DataFrame, subject: str) -> str:
    """A sentence on the quarterly figures: first and last, in the reported currency and in
    dollars, which quarters are missing, and that nothing else was added to them."""
    if rows.empty:
        return f"The data has no quarterly revenue figure for {subject}."
    first, last = rows.iloc[0], rows.iloc[-1]

    def one(r) -> str:
        floor = "at least " if pd.isna(r.value_high) else ""
        return (f"{floor}{r.unit} {r.value_low / 1e6:,.0f} million in {r.as_of.year} "
                f"Q{r.as_of.quarter} (about USD {r.usd_low / 1e6:,.0f} million{' or more' if floor else ''})")

    text = (f"{subject}'s revenue, from {counted(len(rows), 'quarterly figure')}: {one(first)}"
            + (f", then {one(last)}" if len(rows) > 1 else "") + ".")
    gaps = missing_quarters(rows)
    if gaps:
        text += (f" The data has no figure for {', '.join(gaps)}, so no yearly total is formed "
                 "from the quarters.")
    return text + (" Run-rates, guidance and totals since launch are listed below, never added "
                   "to a quarter.")
