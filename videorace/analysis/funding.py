"""Funding rounds: vague amounts as ranges, converted at a chosen rate, set against Sora."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from videorace.analysis import plots, timeline
from videorace.data.dates import as_text
from videorace.analysis.wording import counted, grouped, named_counts


@dataclass(frozen=True)
class Reading:
    """How the articles' vague wording becomes a range. The values are the notebook's parameters;
    their defaults live in notebooks/01_funding.ipynb alone."""

    several_low_cny: float  # "several hundred million": low end; 0 keeps the data's amount_low
    several_high_cny: float  # ... high end; 0 keeps the data's amount_high
    over_factor: float  # "over X" read as X to X * factor


@dataclass(frozen=True)
class ImpliedRate:
    """CNY per USD that the articles' conversions allow: ``low`` to ``high``, ``central`` the
    yuan amount over the dollar figure as printed. ``basis`` holds, per round used, (yuan, dollars
    as reported, the unit those dollars are rounded to)."""

    low: float
    central: float
    high: float
    basis: tuple[tuple[float, float, float], ...] = ()

    def __str__(self) -> str:
        return f"about {self.central:.2f}, between {self.low:.2f} and {self.high:.2f}"

    def basis_text(self) -> str:
        """'100 million yuan to USD 14 million (rounded to the nearest million)', per round."""
        return "; ".join(f"{money(cny)} yuan to USD {money(usd)} (rounded to the nearest "
                         f"{money(unit).removeprefix('1 ')})" for cny, usd, unit in self.basis)


def money(value: float) -> str:
    """An amount in words: '14 million', '1.5 billion', '500,000'."""
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:g} {word}"
    return f"{value:,.0f}"


def rounding_unit(value: float) -> float:
    """The unit a reported figure is taken to be rounded to: the largest power of ten dividing it
    (14,000,000 -> 1,000,000; 14,500,000 -> 100,000; 7.25 -> 0.01)."""
    digits = Decimal(repr(float(value))).normalize()
    if digits.is_zero():
        raise ValueError("a rounding unit needs a non-zero figure")
    return float(Decimal(1).scaleb(digits.as_tuple().exponent))


def implied_rate(rounds: pd.DataFrame) -> ImpliedRate:
    """CNY per USD the articles imply: a yuan round's stated amount over the dollars they convert
    it to. The dollar figure is rounded (to ``rounding_unit``: USD 14 million means 13.5 to 14.5
    million), so the rate is a range, amount / (usd + unit / 2) to amount / (usd - unit / 2). With
    several rounds the articles are taken to use one rate, so the ranges are intersected; the
    central value is the mean of amount / usd, kept inside that range. ValueError when no round
    gives both figures or the rounds cannot share a rate."""
    both = rounds[(rounds.currency == "CNY") & rounds.usd_as_reported.notna()
                  & rounds.amount_low.notna()]
    if both.empty:
        raise ValueError("no yuan round gives the dollar amount the articles convert it to")
    basis = tuple((float(c), float(u), rounding_unit(u))
                  for c, u in zip(both.amount_low, both.usd_as_reported))
    low = max(c / (u + unit / 2) for c, u, unit in basis)
    high = min(c / (u - unit / 2) for c, u, unit in basis)
    if low > high:
        raise ValueError(f"the articles' conversions allow no common rate: {basis}")
    central = sum(c / u for c, u, _ in basis) / len(basis)
    return ImpliedRate(low, min(max(central, low), high), high, basis)


def parity_gap(rate: ImpliedRate, parity_low: float, parity_high: float) -> tuple[float, float]:
    """How much larger a dollar figure is at the parity than at the articles' rate, as a fraction
    range: yuan / parity over yuan / rate - 1 = rate / parity - 1, at its lowest and highest."""
    return rate.low / parity_high - 1, rate.high / parity_low - 1


def change_text(low: float, high: float) -> str:
    """A fractional change range in words: '0.6% higher', '1.0% to 2.0% lower', or 'anywhere
    from 2.9% lower to 4.4% higher' when it spans zero."""
    if low >= 0 or high <= 0:
        a, b = (low, high) if low >= 0 else (-high, -low)
        word = "higher" if low >= 0 else "lower"
        return f"{a:.1%} {word}" if f"{a:.1%}" == f"{b:.1%}" else f"{a:.1%} to {b:.1%} {word}"
    return f"anywhere from {-low:.1%} lower to {high:.1%} higher"


def metric_range(metrics: pd.DataFrame, metric: str) -> tuple[float, float]:
    """The first row of ``metric`` as (low, high); high = low where only one value is given.
    ValueError when the metric is not in the table."""
    rows = metrics[metrics.metric == metric]
    if rows.empty:
        raise ValueError(f"no metric {metric!r} in metrics")
    low, high = float(rows.value_low.iloc[0]), rows.value_high.iloc[0]
    return low, low if pd.isna(high) else float(high)


def ranges(rounds: pd.DataFrame, reading: Reading) -> pd.DataFrame:
    """Each round's low and high in its currency under ``reading``; ``open_ended`` marks a high that
    the wording leaves open and the reading closed; ``announced`` is the date at its precision."""
    out = rounds.copy()
    low, high = out.amount_low.copy(), out.amount_high.copy()
    several = out.amount_qualifier == "several hundred million"
    if reading.several_low_cny:  # a parameter overrides the data only when it is set
        low[several] = reading.several_low_cny
    if reading.several_high_cny:
        high[several] = reading.several_high_cny
    over = (out.amount_qualifier == "over") & out.amount_high.isna()
    high[over] = low[over] * reading.over_factor
    exact = out.amount_qualifier.isin(["exact", "about"]) & out.amount_high.isna()
    high[exact] = low[exact]
    first, last = round_periods(out)
    announced = [as_text(d, p) if f == d else f"{as_text(f)} to {as_text(d)}"
                 for d, p, f in zip(out.announced_on, out.announced_precision, first)]
    return out.assign(low=low, high=high, open_ended=over, announced=announced)


def round_periods(table: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The first and last day each round can have been announced on: its date's period, or, for a
    round dated only as within ``window_days`` before ``announced_on``, that window."""
    last = timeline.period_ends(table.announced_on, table.announced_precision)
    first = table.announced_on.copy()
    if "window_days" in table:
        window = table.window_days.notna()
        first[window] = table.announced_on[window] - pd.to_timedelta(
            table.window_days[window].astype(int), unit="D")
    return first, last


def convert(table: pd.DataFrame, cny_per_usd: float, suffix: str) -> pd.DataFrame:
    """Add ``low_usd_<suffix>`` and ``high_usd_<suffix>``; USD rounds pass through unchanged."""
    rate = table.currency.map({"CNY": cny_per_usd, "USD": 1.0})
    return table.assign(**{f"low_usd_{suffix}": table.low / rate,
                           f"high_usd_{suffix}": table.high / rate})


def video_debuts(ds) -> pd.DataFrame:
    """Per organisation with a text-to-video model: when one was first shown or made available
    (``timeline.first_events``: each model's first, then the earliest ``since`` across its
    models): ``since`` is that event's earliest possible day, ``debut`` says which in words."""
    ev = timeline.best_dates(timeline.events(ds))
    firsts = timeline.first_events(ev[ev.kind == "text_to_video"], timeline.STAGES["shown"])
    rows = [{"org_id": first.org_id, "since": first.start, "debut": (
                f"{first['name']} {timeline.EVENT_WORDS.get(first.event, first.event)} "
                f"{as_text(first.start, first.precision)}")}
            for _, first in firsts.sort_index().iterrows()]
    table = pd.DataFrame(rows, columns=["org_id", "since", "debut"])
    table["since"] = pd.to_datetime(table.since)
    return table.sort_values(["since", "debut"]).drop_duplicates("org_id").set_index("org_id")


def investors(ds) -> pd.DataFrame:
    """Who invested in whom: one row per (round, investor). ``investor_makes_video_models``: the
    investor has a text-to-video model in the data, at any time. ``rival_at_round``: it was already
    a rival, by this rule: the earliest possible day of its first shown or available text-to-video
    event (``video_debuts``) is on or before the round's announcement (its last possible day when
    the round is dated only to a month or quarter). ``rival_later``: it became one only after, as
    ``investor_video_debut`` says ('Ying (Qingying) launched 2024-07-26')."""
    orgs = ds.organizations.set_index("org_id").name
    debuts = video_debuts(ds)
    rounds = ds.funding_rounds.reindex(columns=["round_id", "org_id", "announced_on",
                                                "announced_precision", "window_days"])
    table = ds.round_investors.merge(rounds, on="round_id")
    round_end = round_periods(table)[1]
    since = pd.to_datetime(table.investor_id.map(debuts.since))
    rival = since.notna() & (since <= round_end)
    makers = set(ds.models[ds.models.kind == "text_to_video"].org_id)
    return table.assign(company=table.org_id.map(orgs), investor=table.investor_id.map(orgs),
                        investor_makes_video_models=table.investor_id.isin(makers),
                        rival_at_round=rival, rival_later=since.notna() & ~rival,
                        investor_video_debut=table.investor_id.map(debuts.debut).fillna(""))


def investors_text(who: pd.DataFrame) -> str:
    """``investors`` in two sentences: the leads, then investments from rivals at the time and
    from investors that became rivals later, each with the right number."""
    if who.empty:
        return "No round in the data names an investor."
    leads, rivals, later = who[who.role == "lead"], who[who.rival_at_round], who[who.rival_later]
    text = (f"Of the {counted(who.round_id.nunique(), 'round')} with named investors, {len(leads)} "
            f"{'names' if len(leads) == 1 else 'name'} a lead"
            + (f" ({grouped(leads, 'investor', 'company', ' for ')})." if len(leads) else "."))
    n = counted(len(who), "investment")
    text += (f" None of the {n} comes" if rivals.empty else
             f" Of the {n}, {len(rivals)} {'comes' if len(rivals) == 1 else 'come'}")
    text += " from an organisation that had shown or launched a text-to-video model by the round"
    text += f" ({grouped(rivals, 'investor', 'company', ' in ')})." if len(rivals) else "."
    if len(later):
        who_later = [f"{investor} (in {', '.join(group.company)}; first video model: "
                     f"{group.investor_video_debut.iloc[0]})"
                     for investor, group in later.groupby("investor", sort=False)]
        text += (" " + " and ".join(who_later)
                 + f" became {'a rival' if len(who_later) == 1 else 'rivals'} only later.")
    return text


def in_millions(table: pd.DataFrame, organizations: pd.DataFrame) -> pd.DataFrame:
    """The rounds as a reader's table wants them: the company's name, and every amount in
    millions (own currency, then US dollars at the chosen rate, at the parity, and at the rate
    dated nearest the round, ``money.to_usd``'s ``usd_dated_*``), those present."""
    amounts = ["low", "high", "low_usd_chosen", "high_usd_chosen", "low_usd_parity", "high_usd_parity",
               "usd_dated_low", "usd_dated_high"]
    return table.assign(company=table.org_id.map(organizations.set_index("org_id").name),
                        **{f"{c}_m": table[c] / 1e6 for c in amounts if c in table.columns})


def plot_alt(table: pd.DataFrame, rate_label: str) -> str:
    """The funding chart in one sentence, with its numbers."""
    shown = table[table.low.notna()]
    if shown.empty:
        return "No round with a disclosed amount, so the chart is empty."
    parts = [f"{r.company} USD {r.low_usd_chosen / 1e6:,.0f} to {r.high_usd_chosen / 1e6:,.0f} million"
             for r in shown.itertuples()]
    return (f"Bars for {counted(len(shown), 'round')} with a disclosed amount, converted at "
            f"{rate_label}: " + "; ".join(parts) + ".")


def days_after(table: pd.DataFrame, reference) -> pd.DataFrame:
    """Days from ``reference`` (a day, or a (first day, last day) pair from
    ``timeline.reference_period``) to each round's announcement, as a range: low = the round's
    first possible day minus the reference's last, high = its last possible day minus the
    reference's first. Negative: before the reference."""
    first, last = timeline.as_period(reference)
    starts, ends = round_periods(table)
    return table.assign(days_low=[(d - last).days for d in starts],
                        days_high=[(e - first).days for e in ends])


def timing_text(timing: pd.DataFrame, reference: str) -> str:
    """``days_after`` in a sentence: the span of the rounds dated to the day, then the coarse ones,
    before or after the reference in words."""
    windowed = timing.window_days.notna() if "window_days" in timing else False
    dated = timing[(timing.announced_precision == "day") & ~windowed]
    coarse = timing[(timing.announced_precision != "day") | windowed]
    text = (f"The {counted(len(dated), 'round')} dated to the day came "
            f"{timeline.relative_text(dated.days_low.min(), dated.days_high.max(), reference)}"
            if len(dated) else "No round is dated to the day")
    if coarse.empty:
        return text + "; no round has a coarser date."
    names = coarse.company if "company" in coarse.columns else coarse.round_id
    return text + (f"; the {counted(len(coarse), 'round')} of {named_counts(names)} "
                   f"{'is' if len(coarse) == 1 else 'are'} known "
                   f"only {_coarseness(coarse)}, a window of "
                   f"{timeline.relative_text(coarse.days_low.min(), coarse.days_high.max(), 'it')}.")


def plot(table: pd.DataFrame, rate: float, rate_label: str):
    """Each disclosed round as a low-high bar in millions of dollars, yuan rounds converted at
    ``rate`` and dollar rounds as they are (``convert``); open-ended highs hatched."""
    shown = convert(table[table.low.notna()].sort_values("announced_on"), rate, "plot")
    fig, ax = plots.figure(f"Funding rounds as the articles' wording allows ({rate_label})",
                           "millions of US dollars", "",
                           size=(9, (1.0 if len(shown) <= 6 else 0.45) * len(shown) + 1.8))
    for i, row in enumerate(shown.itertuples()):
        lo, hi = row.low_usd_plot / 1e6, row.high_usd_plot / 1e6
        ax.barh(i, hi - lo, left=lo, color=plots.org_color(row.org_id), alpha=0.75,
                hatch="//" if row.open_ended else None, edgecolor="#333")
        stated = f" {row.amount_low / 1e6:,.0f}m" if row.amount_qualifier in ("over", "about",
                                                                              "exact") else ""
        ax.text(hi, i, f"  wording: {row.amount_qualifier}{stated} {row.currency}", va="center",
                fontsize=8)
    ax.set_yticks(range(len(shown)))
    ax.set_yticklabels([f"{r.company} ({as_text(r.announced_on, r.announced_precision)})"
                        for r in shown.itertuples()])
    ax.invert_yaxis()
    if shown.empty:
        ax.text(0.5, 0.5, "no round with a disclosed amount", transform=ax.transAxes, ha="center")
    else:
        ax.set_xlim(0, shown.high_usd_plot.max() / 1e6 * 1.6)
    plots.finish(fig, "Hatched: 'over' read with the over_factor parameter. "
                 "Source: funding_rounds.csv")
    return fig


def _coarseness(coarse: pd.DataFrame) -> str:
    """'to the quarter', 'as within 29 days before a date', or both, for the coarse rounds."""
    parts = []
    if "window_days" in coarse and coarse.window_days.notna().any():
        days = sorted(set(coarse.window_days.dropna().astype(int)))
        parts.append(f"as within {'/'.join(map(str, days))} days before a known date")
    plain = coarse[coarse.window_days.isna()] if "window_days" in coarse else coarse
    if len(plain):
        parts.append(f"to the {'/'.join(plain.announced_precision.unique())}")
    return " or ".join(parts)


# --- where the notebook's parameters replace amounts in the data, so the report can say so: a
# data cell means what the codebook says unless a parameter is set
def overrides(rounds: pd.DataFrame, reading: Reading) -> list[tuple[str, str, float, float]]:
    """(round_id, column, the data's value, the parameter's) for each "several hundred million"
    amount a set parameter replaces with a different value."""
    several = rounds[rounds.amount_qualifier == "several hundred million"]
    out = []
    for column, value in (("amount_low", reading.several_low_cny),
                          ("amount_high", reading.several_high_cny)):
        out += [(rid, column, data, value) for rid, data in zip(several.round_id, several[column])
                if value and data != value]
    return out


def overrides_text(found: list[tuple[str, str, float, float]]) -> str:
    """What the report says when parameters replace amounts in the data (empty when none do)."""
    if not found:
        return ""
    each = "; ".join(f"{rid} {col}: {data / 1e6:,.0f} million in the data, "
                     f"{value / 1e6:,.0f} million by parameter" for rid, col, data, value in found)
    return (f"Parameters override the data for {len(found)} amount(s): {each}. Set "
            "several_low_cny and several_high_cny to 0 to use the data's amounts.")


def marked(table: pd.DataFrame, columns: list[str], found: list[tuple[str, str, float, float]],
           fmt) -> pd.DataFrame:
    """``table`` with each of ``columns`` (high ends) as text that says where a parameter, not the
    data, filled the cell: '150 (over_factor)' for an open-ended "over X" round's high, '(several_
    high_cny)' where ``found`` (``overrides``) replaced the amount. ``fmt`` writes the number; a
    missing value stays empty (shown as missing)."""
    several = {rid for rid, column, _, _ in found if column == "amount_high"}
    several_low = {rid for rid, column, _, _ in found if column == "amount_low"}
    out = table.copy()
    for column in columns:
        by = ["several_low_cny" if column.startswith("low") and rid in several_low else
              "several_high_cny" if column.startswith("high") and rid in several else
              "over_factor" if column.startswith("high") and open_ended else ""
              for rid, open_ended in zip(table.round_id, table.open_ended)]
        out[column] = ["" if pd.isna(v) else fmt(v) + (f" (set by {b})" if b else "")
                       for v, b in zip(table[column], by)]
    return out
