"""The one table style: each value written for a reader, worked out by hand below."""

import pandas as pd
import pytest

from videorace.analysis import tables


@pytest.mark.parametrize("value, expected", [
    (564_000_000.0, "564,000,000"),  # whole: every digit, separated, no '.0' and no 5.64e+08
    (180.0, "180"),
    (1e6, "1,000,000"),
    (0.45678, "0.4568"),  # 4 significant digits
    (12.3456, "12.35"),
    (-1234.5, "-1,234"),  # 4 significant digits of 1234.5, rounded half to even
    (0.000123, "0.000123"),  # no exponent for small numbers either
    (7.0975, "7.098"),
    (float("nan"), ""),
])
def test_number(value, expected):
    assert tables.number(value) == expected


@pytest.mark.parametrize("value, expected", [
    (3.36e16, "3.4 × 10¹⁶"),
    (1.7322e17, "1.7 × 10¹⁷"),
    (9.96e19, "1 × 10²⁰"),  # 9.96 rounds to 10.0, which moves the exponent up
    (2.5e-9, "2.5 × 10⁻⁹"),
    (0, "0"),
])
def test_flops(value, expected):
    assert tables.flops(value) == expected


def test_percent_and_plain():
    assert tables.percent(0.25) == "25%"
    assert tables.percent(1.0, 1) == "100%"  # not 100.0%
    assert tables.percent(0.032, 1) == "3.2%"
    assert [tables.plain(v) for v in (True, False, None, pd.NA, pd.NaT, 3.0, "x")] == [
        "yes", "no", "", "", "", "3", "x"]
    assert tables.plain(pd.Timestamp("2024-03-12")) == "2024-03-12"


FRAME = pd.DataFrame({
    "name": ["Kling <beta>", "Sora"], "model_id": ["kling", "sora"],
    "on": pd.to_datetime(["2024-06-01", "2024-01-01"]), "precision": ["month", "quarter"],
    "low": [5.0, 60.0], "high": [10.0, 60.0], "open": [True, False], "note": ["a" * 120, ""]})
SPEC = tables.Spec({"name": "Model", "on": "Date", "low": "Clip (s)", "open": "Open", "note": "Note"},
                   dates={"on": "precision"}, ids={"name": "model_id"}, ranges={"low": "high"})


def test_cells_write_dates_at_their_precision_ranges_names_with_ids_and_never_cut_text():
    shown = tables.cells(FRAME, SPEC)
    assert list(shown.columns) == ["Model", "Date", "Clip (s)", "Open", "Note"]
    assert list(shown.Model) == ['Kling &lt;beta&gt;<br><small class="vr-id">kling</small>',
                                 'Sora<br><small class="vr-id">sora</small>']
    assert list(shown.Date) == ["Jun 2024", "2024 Q1"]
    assert list(shown["Clip (s)"]) == ["5 to 10", "60"]  # one value where both ends agree
    close = tables.cells(FRAME.assign(high=[5.00001, 60.0]), SPEC)
    assert list(close["Clip (s)"]) == ["5", "60"]  # equal once written: one value
    assert list(shown.Open) == ["yes", "no"]
    assert shown.Note[0] == "a" * 120


def test_html_has_no_index_and_scrolls_inside_a_focusable_frame():
    markup = tables.to_html(FRAME, SPEC, "t1")
    assert 'tabindex="0"' in markup and 'role="region"' in markup
    assert "row_heading" not in markup and "blank" not in markup  # no index column
    assert markup.count('<th scope="col"') == 5
    assert markup.count('class="data row0 col2 num"') == 1  # numbers right-aligned
    assert markup.count('col1 date"') == 2  # dates kept on one line
    assert markup == tables.to_html(FRAME, SPEC, "t1")  # deterministic


def test_csv_keeps_raw_values_with_the_columns_the_table_uses():
    csv = tables.to_csv(FRAME, SPEC).splitlines()
    assert csv[0] == "Model,Date,Clip (s),Open,Note,model_id,precision,high"
    assert csv[1].startswith("Kling <beta>,2024-06-01,5.0,True,")


def test_a_bad_spec_names_the_column():
    with pytest.raises(KeyError, match="no column 'missing'"):
        tables.cells(FRAME, tables.Spec({"missing": "X"}))
    with pytest.raises(ValueError, match="header 'to' is given to more than one column"):
        tables.cells(FRAME, tables.Spec({"low": "to", "high": "to"}))
