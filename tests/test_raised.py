"""Money raised over a window (videorace.analysis.raised) on hand-made rounds; values worked out here."""

import pandas as pd
import pytest

from videorace.analysis import funding, money, raised

T = pd.Timestamp
NAN = float("nan")
ORGS = pd.DataFrame({"org_id": ["cn1", "cn2", "us1", "xx"], "name": ["Cn One", "Cn Two", "Us One", "Nowhere"],
                     "country": ["CN", "CN", "US", None]})
RATES = pd.DataFrame([("CNY", T("2025-01-01"), "day", 7.0, 7.0, "m_cny"),
                      ("HKD", pd.NaT, "", 7.75, 7.85, "m_hkd")], columns=money.RATE_COLUMNS)


def rounds(*rows):
    cols = ["round_id", "org_id", "announced_on", "announced_precision", "status", "amount_low",
            "amount_high", "currency", "amount_qualifier", "valuation_low", "valuation_high",
            "valuation_currency"]
    frame = pd.DataFrame(rows, columns=cols).assign(window_days=NAN)
    frame["announced_on"] = pd.to_datetime(frame.announced_on)
    return frame


def table():
    frame = rounds(
        ("a", "cn1", "2025-02-10", "day", "closed", 700e6, NAN, "CNY", "exact", 7e9, NAN, "CNY"),
        ("b", "cn1", "2025-03-01", "month", "closed", 100e6, NAN, "USD", "over", NAN, NAN, None),
        ("c", "cn2", "2025-01-01", "year", "closed", NAN, NAN, None, "undisclosed", NAN, NAN, None),
        ("d", "us1", "2025-05-05", "day", "closed", 50e6, 60e6, "USD", "between", 1e9, NAN, "USD"),
        ("e", "us1", "2025-06-01", "day", "reported_talks", 500e6, NAN, "USD", "over", 5e9, NAN, "USD"),
        ("f", "xx", "2026-01-15", "day", "closed", 20e6, NAN, "USD", "exact", NAN, NAN, None))
    ranged = funding.ranges(frame, funding.Reading(0, 0, 1.5))
    return raised.dated_in_usd(raised.with_sides(ranged, ORGS), RATES)


def test_sides_china_the_west_and_neither():
    assert [raised.side_of(c) for c in ["CN", "US", "DE", "RU", None]] == [
        "China", "the West", "the West", "neither side", "neither side"]


def test_quarters_and_years_follow_the_date_precision():
    t = table().set_index("round_id")
    assert t.quarter.to_dict() == {"a": "2025 Q1", "b": "2025 Q1", "c": "2025", "d": "2025 Q2",
                                   "e": "2025 Q2", "f": "2026 Q1"}
    # 700 million yuan at 7.0 = USD 100 million; "over 100 million" read to 150 million
    assert (t.usd_low["a"], t.usd_high["b"]) == (pytest.approx(100e6), pytest.approx(150e6))


def test_by_quarter_counts_closed_rounds_only_and_leaves_undisclosed_out_of_the_sum():
    q = raised.by_quarter(table())
    assert q[["side", "quarter"]].values.tolist() == [
        ["China", "2025"], ["China", "2025 Q1"], ["the West", "2025 Q2"], ["neither side", "2026 Q1"]]
    china_q1 = q.iloc[1]
    # a: 100 million; b: 100 to 150 million -> 200 to 250 million, one open-ended
    assert (china_q1.rounds, china_q1.usd_low, china_q1.usd_high, china_q1.open_ended) == (
        2, pytest.approx(200e6), pytest.approx(250e6), 1)
    assert q.iloc[0].undisclosed == 1 and pd.isna(q.iloc[0].usd_low)
    # the talks (e) are not counted: the West's 2025 Q2 is round d alone
    assert (q.iloc[2].rounds, q.iloc[2].usd_low, q.iloc[2].usd_high) == (1, 50e6, 60e6)


def test_raised_text_by_side_and_year_names_talks_and_neither_side():
    t = table()
    text = raised.raised_text(raised.by_year(t), t)
    assert text.startswith("China: in 2025, 3 rounds by 2 makers raised USD 200 to 250 million "
                           "(1 undisclosed not counted).")
    assert "The West: in 2025, 1 round by 1 maker raised USD 50 to 60 million." in text
    assert "Neither side (Nowhere, based outside China and the West" in text
    assert text.endswith("Reported talks (1: Us One) are not money raised and not counted.")


def test_largest_talks_and_valuations():
    t = table()
    # a and b share the floor of USD 100 million; b's high (150 million) ranks it first
    assert raised.largest(t, 2).round_id.tolist() == ["b", "a"]
    assert raised.talks(t).round_id.tolist() == ["e"]
    v = raised.valuations(t, RATES).set_index("round_id")
    # 7 billion yuan at 7.0 = USD 1 billion; a single valuation keeps an empty high
    assert v.valuation_usd_low.to_dict() == {"a": pytest.approx(1e9), "d": 1e9, "e": 5e9}
    assert v.valuation_usd_high.isna().all()


def test_in_window_keeps_rounds_whose_dates_can_fall_in_it():
    t = rounds(("y", "cn1", "2024-01-01", "year", "closed", 1, NAN, "USD", "exact", NAN, NAN, None),
               ("d", "cn1", "2024-03-12", "day", "closed", 1, NAN, "USD", "exact", NAN, NAN, None))
    assert raised.in_window(t, "2024-03-13", "2024-12-31").round_id.tolist() == ["y"]
    assert raised.in_window(t, "2024-03-12", "2024-03-12").round_id.tolist() == ["y", "d"]


def test_listings_convert_at_the_band_and_a_single_figure_is_exact():
    listed = pd.DataFrame({"listing_id": ["l"], "org_id": ["cn1"], "exchange": ["HKEX"],
                           "listed_on": [T("2026-01-08")], "raised_low": [7.75e9], "raised_high": [NAN],
                           "raised_currency": ["HKD"], "market_cap_low": [78.5e9], "market_cap_high": [NAN],
                           "market_cap_currency": ["HKD"]})
    out = raised.listings(listed, ORGS, RATES).iloc[0]
    # HK$7.75 billion / 7.85 = USD 987.3 million to / 7.75 = USD 1,000 million
    assert (out.raised_usd_low, out.raised_usd_high) == (pytest.approx(7.75e9 / 7.85), pytest.approx(1e9))
    assert out.market_cap_usd_low == pytest.approx(10e9)
    assert raised.listings_text(raised.listings(listed, ORGS, RATES)) == (
        "Listings in the window (1): Cn One on HKEX (2026-01-08), raising USD 987 to 1,000 million.")


def test_backers_are_investors_in_more_than_one_maker():
    who = pd.DataFrame({"investor": ["Ali", "Ali", "Ali", "Ten"], "company": ["A", "B", "A", "A"],
                        "round_id": ["r1", "r2", "r3", "r1"]})
    several = raised.backers(who)
    assert several.to_dict("records") == [{"investor": "Ali", "makers": "A, B", "count": 2, "rounds": 3}]
    assert raised.backers_text(several) == "Investors in more than one maker (1): Ali (2: A, B)."
    assert raised.backers_text(several.iloc[0:0]) == "No investor in the data backs more than one maker."


def test_select_takes_latest_as_the_last_round_or_listing():
    from types import SimpleNamespace

    from videorace.analysis.params import ParameterError

    rounds_ = rounds(("a", "cn1", "2025-02-10", "day", "closed", 1, NAN, "USD", "exact", NAN, NAN, None),
                     ("t", "cn1", "2025-06-01", "day", "reported_talks", 1, NAN, "USD", "exact", NAN, NAN, None))
    ds = SimpleNamespace(funding_rounds=rounds_, listings=pd.DataFrame({"listed_on": [T("2026-01-08")]}))
    start, end, found, closed = raised.select(ds, "2025-03-01", "latest")
    # the listing (2026-01-08) is later than any round, so "latest" is its day
    assert (str(start), str(end)) == ("2025-03-01", "2026-01-08")
    assert found.round_id.tolist() == ["t"] and closed.empty
    with pytest.raises(ParameterError):
        raised.select(ds, "2025-03-01", "2025-01-01")


def test_quarter_chart_draws_dated_quarters_and_its_alt_text_states_them():
    from videorace.analysis import plots

    q = raised.by_quarter(table())
    fig = raised.plot_quarters(q)
    drawn = plots.plotted_data(fig)[0]
    # "2025" (a year-dated round) has no quarter: left out; 3 quarters, 3 sides, a solid and a
    # hatched bar each (a side without the quarter draws NaN bars): 18 rectangles
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["2025 Q1", "2025 Q2", "2026 Q1"]
    # per side: its 3 solid bars, then its 3 hatched ones
    solid = [b for side in range(3) for b in drawn["bars"][6 * side:6 * side + 3] if b[3] is not None]
    # China's 2025 Q1 bar: 200 million; the West's 2025 Q2: 50; neither's 2026 Q1: 20
    assert sorted(b[3] for b in solid) == [20, 50, 200]
    plots.plt.close(fig)
    # China 2025 Q1: 200 to 250 million; the West 2025 Q2: 50 to 60; neither 2026 Q1: 20
    assert raised.quarters_alt(q) == (
        "Bars of dollars raised in closed rounds per quarter, by side, solid to the low ends and "
        "hatched to the high ends: China: 1 quarter, USD 200 to 250 million in all, the most in "
        "2025 Q1 (USD 200 to 250 million); the West: 1 quarter, USD 50 to 60 million in all, the "
        "most in 2025 Q2 (USD 50 to 60 million); neither side: 1 quarter, USD 20 million in all, "
        "the most in 2026 Q1 (USD 20 million).")
    assert raised.quarters_alt(q.iloc[0:0]).startswith("No closed round")


def test_a_company_without_a_video_model_is_apart_from_both_sides():
    """A chatbot maker's round (Moonshot) is company-wide money, not money for video generation."""
    import pandas as pd

    orgs = pd.DataFrame({"org_id": ["moon", "shengshu", "runway"], "name": ["Moonshot", "Shengshu", "Runway"],
                         "country": ["CN", "CN", "US"]})
    rounds = pd.DataFrame({"org_id": ["moon", "shengshu", "runway"]})
    got = raised.with_sides(rounds, orgs, makers={"shengshu", "runway"})
    assert got.side.tolist() == [raised.NO_VIDEO, "China", "the West"]
    assert raised.with_sides(rounds, orgs).side.tolist() == ["China", "China", "the West"]
