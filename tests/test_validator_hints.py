"""The validator suggests the closest valid value, as the parameter checks do:
an id one typo away from a listed one, an event word missing its ending, a value in the wrong case."""

from __future__ import annotations

import pytest

from tests.test_bad_input import set_cell
from videorace.data.validate import closest, validate

FIRST_EVENT = "ev_sora_announced_newser"  # a row of model_events.csv


@pytest.mark.parametrize("column, typo, meant", [
    ("model_id", "sroa", "sora"),          # an id in models.csv
    ("event", "launch", "launched"),        # an allowed value
    ("confidence", "High", "high"),         # the right word in the wrong case
])
def test_each_mistake_comes_with_the_closest_valid_value(data_copy, column, typo, meant):
    file, line, col = set_cell("model_events.csv", FIRST_EVENT, column, typo)(data_copy)
    messages = [str(p) for p in validate(data_copy) if p.line == line and p.column == col]
    assert len(messages) == 1
    assert messages[0].endswith(f"found '{typo}'; did you mean '{meant}'?"), messages[0]


def test_no_suggestion_when_nothing_is_close():
    assert closest("zzzzqqq", ["announced", "launched"]) == ""
    assert closest("testvdi", ["testvid", "other"]) == "testvid"


def test_a_wrong_word_in_a_list_column_comes_with_the_closest_too(data_copy):
    file, line, col = set_cell("capabilities.csv", "sora", "inputs", "text;imgae")(data_copy)
    messages = [str(p) for p in validate(data_copy) if p.line == line and p.column == col]
    assert messages and messages[0].endswith("found 'text;imgae'; did you mean 'image'?"), messages
