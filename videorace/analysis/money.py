"""Amounts in other currencies as US dollars at a dated rate, kept as ranges where the rate is.

The rates are rows of ``metrics.csv``: the yuan's central parity (``cny_per_usd_central_parity``,
one row per day or month a source gives) and the Hong Kong dollar's convertibility band
(``hkd_per_usd``, the band's two ends). An amount in yuan is converted at the parity row dated
nearest to it; an amount in Hong Kong dollars at the band, whose ends bound the rate on any day.
A rate that is a range (a month's parity, the band) widens the dollar range: the low end divides
by the highest rate, the high end by the lowest.
"""

from __future__ import annotations

import pandas as pd

from videorace.data.dates import as_text

#: The metric that gives each currency's rate per US dollar.
RATE_METRICS = {"CNY": "cny_per_usd_central_parity", "HKD": "hkd_per_usd"}
#: Currencies whose rate is a band held on every day: one range from the band's ends.
BANDS = {"HKD"}

RATE_COLUMNS = ["currency", "as_of", "as_of_precision", "rate_low", "rate_high", "rate_id"]


def rate_table(metrics: pd.DataFrame) -> pd.DataFrame:
    """One row per rate a currency can be converted at: ``rate_low`` to ``rate_high`` units per
    US dollar, dated (``as_of``; empty for a band, which holds on every day), ``rate_id`` the
    metrics row(s) it comes from."""
    rows = []
    for currency, metric in RATE_METRICS.items():
        found = metrics[metrics.metric == metric].sort_values("as_of")
        if found.empty:
            continue
        highs = found.value_high.fillna(found.value_low)
        if currency in BANDS:
            rows.append({"currency": currency, "as_of": pd.NaT, "as_of_precision": "",
                         "rate_low": float(found.value_low.min()), "rate_high": float(highs.max()),
                         "rate_id": ";".join(found.metric_id)})
            continue
        rows += [{"currency": currency, "as_of": r.as_of, "as_of_precision": r.as_of_precision,
                  "rate_low": float(r.value_low), "rate_high": float(h), "rate_id": r.metric_id}
                 for r, h in zip(found.itertuples(), highs)]
    return pd.DataFrame(rows, columns=RATE_COLUMNS)


def nearest_rate(rates: pd.DataFrame, currency: str, on) -> pd.Series:
    """The rate row for ``currency`` dated nearest to ``on`` (the earlier of two equally near);
    a band's one row for any day. US dollars convert at 1. ValueError for a currency without a
    rate, naming it."""
    if currency == "USD":
        return pd.Series({"currency": "USD", "as_of": pd.NaT, "as_of_precision": "",
                          "rate_low": 1.0, "rate_high": 1.0, "rate_id": ""})
    found = rates[rates.currency == currency]
    if found.empty:
        raise ValueError(f"no exchange rate for {currency!r} in metrics.csv (have: "
                         f"{', '.join(sorted(set(rates.currency))) or 'none'})")
    if found.as_of.isna().all():
        return found.iloc[0]
    distance = (found.as_of - pd.Timestamp(on)).abs()
    return found.loc[distance.sort_values(kind="stable").index[0]]


def rate_text(rate: pd.Series) -> str:
    """'7.1287 CNY per USD (parity of 2025-08-21, m_fx_...)', '7.75 to 7.85 HKD per USD (the
    band, ...)', '' for US dollars."""
    if rate.currency == "USD":
        return ""
    value = (f"{rate.rate_low:g}" if rate.rate_low == rate.rate_high
             else f"{rate.rate_low:g} to {rate.rate_high:g}")
    when = ("the band" if pd.isna(rate.as_of)
            else f"parity of {as_text(rate.as_of, rate.as_of_precision)}")
    return f"{value} {rate.currency} per USD ({when}, {rate.rate_id})"


def to_usd(frame: pd.DataFrame, low: str, high: str, currency: str, on: str,
           rates: pd.DataFrame, prefix: str = "usd") -> pd.DataFrame:
    """``frame`` with ``{prefix}_low`` and ``{prefix}_high`` in US dollars: ``low`` over the
    highest rate, ``high`` over the lowest, each row at the rate dated nearest its ``on`` column;
    ``{prefix}_rate`` says which rate converted the row (empty for dollars). A missing amount stays
    missing; a missing high stays missing (open-ended)."""
    chosen = [nearest_rate(rates, c, d) if isinstance(c, str) and c else None
              for c, d in zip(frame[currency], frame[on])]
    lows = [float("nan") if r is None else v / r.rate_high for v, r in zip(frame[low], chosen)]
    highs = [float("nan") if r is None else v / r.rate_low for v, r in zip(frame[high], chosen)]
    return frame.assign(**{f"{prefix}_low": lows, f"{prefix}_high": highs,
                           f"{prefix}_rate": ["" if r is None else rate_text(r) for r in chosen]})


def chosen_cny_rate(implied, cny_per_usd: float) -> tuple[float, str]:
    """The yuan rate a notebook converts the articles' rounds at, and its label: ``cny_per_usd``
    when set (checked by the caller), else the central value of ``implied`` (a
    ``funding.ImpliedRate``), labelled as implied."""
    if cny_per_usd:
        return cny_per_usd, f"{cny_per_usd:g} CNY per USD"
    return implied.central, f"about {implied.central:.2f} CNY per USD, implied"
