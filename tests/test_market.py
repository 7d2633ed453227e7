"""Market figures on hand-made metric rows; expected values worked out in each test."""

import pandas as pd
import pytest

from videorace.analysis import market, report
from videorace.data.dates import as_text

T = pd.Timestamp
COLUMNS = ["subject", "metric", "value_low", "as_of", "as_of_precision", "verification", "note"]


def metrics(*rows):
    """Hand-made metric rows; a row without a unit is a count in ``videos`` (what adoption reads)."""
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.assign(unit="videos") if "unit" not in frame else frame


def test_growth_rate():
    # 100 -> 121 over 2 years: (121 / 100) ** (1 / 2) - 1 = 1.1 - 1 = 10 %
    assert market.growth_rate(100, 121, 2) == pytest.approx(0.10)
    with pytest.raises(ValueError):
        market.growth_rate(0, 121, 2)


def test_forecasts_one_row_per_subject_and_none_for_a_single_year():
    table = market.forecasts(metrics(
        ("A", "market_size", 10e9, T("2022-01-01"), "year", "unverified", ""),
        ("A", "market_size", 1000e9, T("2032-01-01"), "year", "unverified", ""),
        ("B", "market_size", 5e9, T("2030-01-01"), "year", "as_reported", ""),  # one year only
        ("C", "users", 1, T("2024-01-01"), "year", "as_reported", "")))
    assert table.subject.tolist() == ["A"]
    # 10 bn -> 1,000 bn over 10 years: 100 ** 0.1 - 1 = 58.49 %
    assert table.growth_per_year.iloc[0] == pytest.approx(100 ** 0.1 - 1)


def test_forecasts_of_nothing_is_an_empty_table_with_its_columns():
    table = market.forecasts(metrics())
    assert table.empty and "growth_per_year" in table


def test_plot_forecasts_adds_what_if_lines_with_their_own_years():
    import matplotlib

    matplotlib.use("Agg")
    from videorace.analysis import plots

    table = market.forecasts(metrics(
        ("A", "market_size", 10e9, T("2022-01-01"), "year", "unverified", ""),
        ("A", "market_size", 1000e9, T("2032-01-01"), "year", "unverified", "")))
    drawn = plots.plotted_data(market.plot_forecasts(table, [("what if", 2024, 1e9, 2034, 2e9)]))
    assert drawn[0]["lines"] == [[[2022, 1e10], [2032, 1e12]], [[2024, 1e9], [2034, 2e9]]]
    assert drawn[0]["yscale"] == "log"
    plots.plt.close("all")


def test_adoption_pivots_lower_bounds_by_date():
    table = market.adoption(metrics(
        ("Kling beta", "videos_generated", 7e6, T("2024-07-01"), "month", "", ""),
        ("Kling", "videos_generated", 16e6, T("2024-09-03"), "day", "", ""),
        ("Other", "videos_generated", 1, T("2024-09-03"), "day", "", "")), "Kling")
    assert table["videos_generated"].tolist() == [7e6, 16e6]


def test_adoption_leaves_out_revenue_rows_of_the_same_subject():
    # Kling's revenue (CNY) and run-rate (USD) share the subject with its counts: before the
    # filter by unit, the count chart drew them as two more lines
    rows = metrics(("Kling", "videos_generated", 16e6, T("2024-09-03"), "day", "", ""),
                   ("Kling", "users", 22e6, T("2025-04-15"), "day", "", ""),
                   ("Kling", "revenue", 150e6, T("2025-01-01"), "quarter", "", ""),
                   ("Kling", "revenue_run_rate", 1e8, T("2025-03-01"), "month", "", ""))
    rows["unit"] = ["videos", "users", "CNY", "USD"]
    table = market.adoption(rows, "Kling")
    assert list(table.columns) == ["users", "videos_generated"]
    assert list(table.index) == [T("2024-09-03"), T("2025-04-15")]
    # a floors sentence on revenue finds no count to state
    assert market.floors_text(rows, "Kling", "revenue", "revenue") == "The data has no figure for revenue."


def test_floors_text_states_no_ratio_of_two_lower_bounds():
    rows = metrics(("Kling beta", "videos_generated", 7e6, T("2024-07-01"), "month", "", ""),
                   ("Kling", "videos_generated", 16e6, T("2024-09-03"), "day", "", ""))
    text = market.floors_text(rows, "Kling", "videos_generated", "videos made")
    assert text.startswith("Videos made: at least 7,000,000 as of Jul 2024, and at least 16,000,000 as of 2024-09-03")
    assert "x2.3" not in text and "not a growth rate" in text
    assert market.floors_text(rows.iloc[:1], "Kling", "videos_generated", "videos made") == (
        "Videos made: at least 7,000,000 as of Jul 2024.")
    assert market.floors_text(rows.iloc[0:0], "Kling", "videos_generated", "videos made") == (
        "The data has no figure for videos made.")


def test_dates_at_their_precision():
    assert as_text(T("2024-03-12"), "day") == "2024-03-12"
    assert as_text(T("2024-03-01"), "month") == "Mar 2024"
    assert as_text(T("2024-01-01"), "quarter") == "2024 Q1"
    assert as_text(T("2024-08-01"), "quarter") == "2024 Q3"
    assert as_text(T("2030-01-01"), "year") == "2030"


def test_counts_agree_with_their_nouns():
    assert report.counted(1, "figure") == "1 figure" and report.counted(2, "figure") == "2 figures"
    assert report.counted(0, "day") == "0 days"
    assert (report.verb(1), report.verb(3)) == ("is", "are")
