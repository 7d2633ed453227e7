"""Model filters on a hand-made dataset."""

from types import SimpleNamespace

import pandas as pd
import pytest

from videorace.analysis import selection
from videorace.analysis.params import ParameterError

DS = SimpleNamespace(
    models=pd.DataFrame([("sora", "openai", "closed_app"), ("wan", "alibaba", "open_weights"),
                         ("kling", "kuaishou", "closed_app;api"), ("glm", "zhipu", None)],
                        columns=["model_id", "org_id", "openness"]),
    organizations=pd.DataFrame([("openai", "US"), ("alibaba", "CN"), ("kuaishou", "CN"),
                                ("zhipu", "CN")], columns=["org_id", "country"]))


def test_no_filter_keeps_every_model():
    assert selection.choose_models(DS) == ["glm", "kling", "sora", "wan"]


def test_country_and_openness_filters_combine():
    assert selection.choose_models(DS, countries=["CN"]) == ["glm", "kling", "wan"]
    # kling is closed_app;api: an api filter keeps it; glm has no openness, so it goes
    assert selection.choose_models(DS, countries=["CN"], openness=["api", "open_weights"]) == [
        "kling", "wan"]
    assert selection.choose_models(DS, organizations=["openai"], countries=["CN"]) == []


@pytest.mark.parametrize("name,value", [("organizations", ["nobody"]), ("countries", ["XX"]),
                                        ("openness", ["free"])])
def test_unknown_values_are_refused_by_name(name, value):
    with pytest.raises(ParameterError) as err:
        selection.choose_models(DS, **{name: value})
    assert err.value.name == name
