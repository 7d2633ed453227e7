"""Revenue by its span (videorace.analysis.revenue) on hand-made metric rows; values worked out here."""

import pandas as pd
import pytest

from videorace.analysis import money, revenue

T = pd.Timestamp
NAN = float("nan")
RATES = pd.DataFrame([("CNY", T("2025-02-15"), "day", 7.0, 7.0, "m_early"),
                      ("CNY", T("2025-11-15"), "day", 8.0, 8.0, "m_late")], columns=money.RATE_COLUMNS)


def rows():
    return pd.DataFrame([
        ("k_q1", "Kling", "revenue", 140e6, NAN, "CNY", T("2025-01-01"), "quarter", "company_report", "quarter"),
        ("k_q2", "Kling", "revenue", 210e6, NAN, "CNY", T("2025-04-01"), "quarter", "company_report", "quarter"),
        ("k_q4", "Kling", "revenue", 400e6, NAN, "CNY", T("2025-10-01"), "quarter", "company_report", "quarter"),
        ("k_rr", "Kling", "revenue_run_rate", 100e6, 100e6, "USD", T("2025-03-01"), "month", "company_report",
         "run_rate"),
        ("k_cum", "Kling", "revenue", 100e6, NAN, "CNY", T("2025-02-01"), "month", "company_report", "cumulative"),
        ("m_ytd", "MiniMax", "revenue", 50e6, 50e6, "USD", T("2025-09-30"), "day", "company_report", "year_to_date"),
        ("k_users", "Kling", "users", 1e6, NAN, "users", T("2025-04-15"), "day", "maker_claim", "cumulative"),
    ], columns=["metric_id", "subject", "metric", "value_low", "value_high", "unit", "as_of",
                "as_of_precision", "statement_kind", "period"])


def test_middle_of_each_span():
    assert revenue.middle(T("2025-01-01"), "quarter") == T("2025-02-15")
    assert revenue.middle(T("2025-01-01"), "year") == T("2025-07-02")
    assert revenue.middle(T("2025-09-30"), "year_to_date") == T("2025-07-01")
    assert revenue.middle(T("2025-03-01"), "run_rate") == T("2025-03-01")


def test_figures_take_revenue_rows_of_the_subjects_and_convert_at_the_span_middle():
    found = revenue.figures(rows(), ["Kling", "MiniMax"], RATES).set_index("metric_id")
    assert "k_users" not in found.index and len(found) == 6
    # Q1's middle is 2025-02-15 -> 7.0: 140 / 7 = 20 million; Q4's middle 2025-11-15 -> 8.0: 50 million
    assert found.usd_low["k_q1"] == pytest.approx(20e6) and found.usd_low["k_q4"] == pytest.approx(50e6)
    assert "m_early" in found.usd_rate["k_q1"] and found.usd_rate["m_ytd"] == ""
    # a floor keeps its missing high
    assert pd.isna(found.usd_high["k_q1"])


def test_quarters_never_take_a_run_rate_or_a_total_since_launch():
    found = revenue.figures(rows(), ["Kling"], RATES)
    quarters = revenue.quarters(found, "Kling")
    assert quarters.metric_id.tolist() == ["k_q1", "k_q2", "k_q4"]
    assert revenue.missing_quarters(quarters) == ["2025 Q3"]
    text = revenue.quarters_text(quarters, "Kling")
    # Q2's middle (2025-05-16) is nearer 2025-02-15 (90 days) than 2025-11-15 (183): 210 / 7 = 30
    assert text.startswith("Kling's revenue, from 3 quarterly figures: at least CNY 140 million in "
                           "2025 Q1 (about USD 20 million or more), then at least CNY 400 million in "
                           "2025 Q4 (about USD 50 million or more). The data has no figure for 2025 Q3")
    assert revenue.quarters_text(quarters.iloc[0:0], "Kling") == (
        "The data has no quarterly revenue figure for Kling.")
