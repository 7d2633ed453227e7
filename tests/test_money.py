"""Dated exchange rates (videorace.analysis.money) on hand-made metric rows; values worked out here."""

import math

import pandas as pd
import pytest

from videorace.analysis import money

T = pd.Timestamp
NAN = float("nan")


def rate_rows():
    return pd.DataFrame([
        ("m_p_2024", "cny_per_usd_central_parity", 7.0, 7.2, T("2024-03-01"), "month"),
        ("m_p_2025", "cny_per_usd_central_parity", 7.1, NAN, T("2025-08-21"), "day"),
        ("m_hkd_strong", "hkd_per_usd", 7.75, 7.75, T("2025-05-01"), "month"),
        ("m_hkd_weak", "hkd_per_usd", 7.85, 7.85, T("2025-06-26"), "day"),
        ("m_other", "users", 5, NAN, T("2025-01-01"), "day"),
    ], columns=["metric_id", "metric", "value_low", "value_high", "as_of", "as_of_precision"])


def test_rate_table_keeps_each_parity_row_and_makes_the_band_one_range():
    rates = money.rate_table(rate_rows())
    cny = rates[rates.currency == "CNY"]
    assert cny.rate_id.tolist() == ["m_p_2024", "m_p_2025"]
    # a single value is its own high
    assert (cny.rate_low.tolist(), cny.rate_high.tolist()) == ([7.0, 7.1], [7.2, 7.1])
    hkd = rates[rates.currency == "HKD"].iloc[0]
    assert (hkd.rate_low, hkd.rate_high, hkd.rate_id) == (7.75, 7.85, "m_hkd_strong;m_hkd_weak")
    assert pd.isna(hkd.as_of)


def test_nearest_rate_picks_the_row_dated_nearest():
    rates = money.rate_table(rate_rows())
    # 2024-12-01: 275 days after 2024-03-01, 263 days before 2025-08-21 -> the 2025 row
    assert money.nearest_rate(rates, "CNY", T("2024-12-01")).rate_id == "m_p_2025"
    # 2024-11-01: 245 days after, 293 before -> the 2024 row
    assert money.nearest_rate(rates, "CNY", T("2024-11-01")).rate_id == "m_p_2024"
    assert money.nearest_rate(rates, "HKD", T("2020-01-01")).rate_low == 7.75
    assert money.nearest_rate(rates, "USD", T("2020-01-01")).rate_high == 1.0
    with pytest.raises(ValueError, match="no exchange rate for 'EUR'"):
        money.nearest_rate(rates, "EUR", T("2025-01-01"))


def test_to_usd_divides_the_low_by_the_highest_rate_and_keeps_missing_values():
    rates = money.rate_table(rate_rows())
    frame = pd.DataFrame({"low": [720e6, 7.85e9, 100.0, NAN], "high": [720e6, 7.75e9, NAN, NAN],
                          "currency": ["CNY", "HKD", "USD", "CNY"],
                          "on": [T("2024-03-12"), T("2026-01-08"), T("2025-01-01"), T("2025-01-01")]})
    out = money.to_usd(frame, "low", "high", "currency", "on", rates)
    # 720 million yuan at 7.0 to 7.2: 720 / 7.2 = 100 million, 720 / 7.0 = 102.857 million
    assert out.usd_low[0] == pytest.approx(100e6) and out.usd_high[0] == pytest.approx(720e6 / 7.0)
    # HK$7.85 billion / 7.85 = USD 1 billion; the high HK$7.75 billion / 7.75 = USD 1 billion
    assert out.usd_low[1] == pytest.approx(1e9) and out.usd_high[1] == pytest.approx(1e9)
    assert out.usd_low[2] == 100.0 and math.isnan(out.usd_high[2]) and out.usd_rate[2] == ""
    assert math.isnan(out.usd_low[3])
    assert out.usd_rate[0] == "7 to 7.2 CNY per USD (parity of Mar 2024, m_p_2024)"
    assert out.usd_rate[1].startswith("7.75 to 7.85 HKD per USD (the band, ")


def test_chosen_cny_rate_is_the_parameter_when_set_else_the_implied_central():
    implied = type("Implied", (), {"central": 7.1429})()
    assert money.chosen_cny_rate(implied, 0) == (7.1429, "about 7.14 CNY per USD, implied")
    assert money.chosen_cny_rate(implied, 7.2) == (7.2, "7.2 CNY per USD")
