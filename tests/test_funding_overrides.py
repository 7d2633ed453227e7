"""A corrected amount in the data is not silently ignored: with the funding
notebook's "several hundred million" parameters unset (0), the data's amount_low and amount_high
are used; a parameter replaces them only when set, and the report says which cells it replaced."""

from __future__ import annotations

import pytest

from tests.test_funding import ROUNDS
from videorace.analysis import funding, params
from videorace.analysis.funding import overrides, overrides_text

UNSET = funding.Reading(several_low_cny=0, several_high_cny=0, over_factor=1.5)


def several(frame):
    return frame.set_index("round_id").loc["r_several"]


def test_unset_parameters_use_the_data_and_a_corrected_number_moves_the_result():
    row = several(funding.ranges(ROUNDS, UNSET))
    assert (row.low, row.high) == (200e6, 900e6)  # the data's own cells
    corrected = ROUNDS.copy()
    corrected.loc[corrected.round_id == "r_several", "amount_low"] = 300e6  # raised from 200m
    assert several(funding.ranges(corrected, UNSET)).low == 300e6
    assert overrides(corrected, UNSET) == [] and overrides_text([]) == ""


def test_a_set_parameter_overrides_one_end_and_the_report_says_so():
    reading = funding.Reading(several_low_cny=250e6, several_high_cny=0, over_factor=1.5)
    row = several(funding.ranges(ROUNDS, reading))
    assert (row.low, row.high) == (250e6, 900e6)  # low from the parameter, high from the data
    found = overrides(ROUNDS, reading)
    assert found == [("r_several", "amount_low", 200e6, 250e6)]
    text = overrides_text(found)
    assert "r_several amount_low: 200 million in the data, 250 million by parameter" in text


def test_a_parameter_equal_to_the_data_is_not_reported_as_an_override():
    reading = funding.Reading(several_low_cny=200e6, several_high_cny=900e6, over_factor=1.5)
    assert overrides(ROUNDS, reading) == []


@pytest.mark.parametrize("value, ok", [(0, True), (3e8, True), (5e7, False), (-1, False)])
def test_the_parameter_is_zero_or_within_its_bounds(value, ok):
    if ok:
        assert params.optional_number("several_low_cny", value, 1e8, 1e9) == value
    else:
        with pytest.raises(params.ParameterError, match="0 \\(use the data\\)"):
            params.optional_number("several_low_cny", value, 1e8, 1e9)


def test_the_report_names_an_override_only_when_a_parameter_is_set(monkeypatch, data_copy):
    """On a copy of the data whose "several hundred million" round is set here to 250 to 700
    million, so that no correction to data/ moves what this test expects."""
    from tests.notebook_run import run
    from videorace.pipeline import config

    rounds = data_copy / "funding_rounds.csv"
    lines = rounds.read_text(encoding="utf-8").splitlines(keepends=True)
    row = next(i for i, ln in enumerate(lines) if ",several hundred million," in ln)
    cells = lines[row].split(",")
    at = cells.index("CNY")
    cells[at - 2:at] = ["250000000", "700000000"]  # amount_low, amount_high
    lines[row] = ",".join(cells)
    rounds.write_text("".join(lines), encoding="utf-8")
    monkeypatch.setenv(config.DATA_DIR_ENV, str(data_copy))
    assert "override the data" not in run("01_funding", monkeypatch).text
    text = run("01_funding", monkeypatch, several_low_cny=300_000_000).text
    assert "amount_low: 250 million in the data, 300 million by parameter" in text
    assert "Read as 300 to 700 million yuan" in text


def test_marked_says_which_cells_a_parameter_filled():
    import pandas as pd

    from videorace.analysis.funding import marked

    table = pd.DataFrame({"round_id": ["over", "several", "plain"], "open_ended": [True, False, False],
                          "low_m": [100.0, 300.0, 5.0], "high_m": [150.0, 500.0, float("nan")]})
    found = [("several", "amount_low", 2e8, 3e8), ("several", "amount_high", 9e8, 5e8)]
    out = marked(table, ["low_m", "high_m"], found, lambda v: f"{v:g}")
    assert out.high_m.tolist() == ["150 (set by over_factor)", "500 (set by several_high_cny)", ""]
    assert out.low_m.tolist() == ["100", "300 (set by several_low_cny)", "5"]
