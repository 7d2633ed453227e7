"""A catch-up dimension is one declared object: a yes-or-no dimension added in a test by one
``register`` call is compared, worded, charted, answered and sourced like the built-in ones."""

from types import SimpleNamespace

import pandas as pd
import pytest

from videorace.analysis import catchup as c
from videorace.analysis.catchup import compute

T = pd.Timestamp


def _ds():
    events = [("e1", "cn1", "launched", T("2024-03-01"), "day", "s1", "high"),
              ("e2", "sora_turbo", "launched", T("2024-12-09"), "day", "s2", "high"),
              ("e3", "cn2", "launched", T("2024-06-01"), "month", "s3", "high")]
    return SimpleNamespace(
        models=pd.DataFrame([("cn1", "Cn One", "cno", "text_to_video", "closed_app", None),
                             ("cn2", "Cn Two", "cno", "text_to_video", "closed_app", None),
                             ("sora", "Sora", "oa", "text_to_video", "closed_app", None),
                             ("sora_turbo", "Sora Turbo", "oa", "text_to_video", "closed_app", "sora")],
                            columns=["model_id", "name", "org_id", "kind", "openness", "parent_model_id"]),
        organizations=pd.DataFrame([("cno", "CnOrg", "CN"), ("oa", "OpenAI", "US")],
                                   columns=["org_id", "name", "country"]),
        model_events=pd.DataFrame(events, columns=["event_id", "model_id", "event", "happened_on",
                                                   "precision", "source_id", "confidence"]),
        capabilities=pd.DataFrame({"model_id": ["cn2", "sora_turbo"], "loops": [True, True],
                                   "source_id": ["cap_cn2", "cap_sora"]}),
        benchmarks=pd.DataFrame(columns=["model_id", "benchmark", "benchmark_version",
                                         "benchmark_metric", "value", "evaluator_class", "source_id"]))


def _looping(ds, basis, score_class=None):
    """Models a row says make seamless loops, dated by their first event of the basis."""
    have = ds.capabilities[ds.capabilities.loops].model_id.unique()
    return compute.dated_by_first_event(ds, basis, pd.Series(1.0, index=have))


@pytest.fixture
def loops():
    c.register(c.Dimension("loops", "seamless loops", ("capabilities", "model_events"), _looping,
                           binary=True, axis="binary"))
    yield
    c.REGISTRY.pop("loops")


def test_one_registry_entry_adds_a_yes_or_no_dimension(loops):
    ds = _ds()
    run = c.Run.of(ds, ["loops"], "sora", "usable", "2024-12-31", "2024-01-01")
    race = c.race(run)
    # Cn Two (June 2024, month precision) against Sora Turbo (2024-12-09):
    # 06-01 - 12-09 = -191, 06-30 - 12-09 = -162: 162 to 191 days before
    assert c.summary(race, "loops") == (
        "**Seamless loops** (usable): by 2024-12-31, China yes against Sora yes: level. China's first "
        "in the window: Cn Two (Jun 2024), 162 to 191 days before Sora's first (Sora Turbo, 2024-12-09).")
    assert list(c.key_figures(race)) == ["seamless loops (usable)"]
    row = c.answer_table(race).iloc[0]
    assert (row["row"], row["now"], row["since"]) == ("seamless loops", "level", "2024-12-09")
    assert c.source_ids(ds, race.items) == ["cap_cn2", "cap_sora", "s2", "s3"]
    fig = c.plot(race)
    assert [ax.get_title(loc="left") for ax in fig.axes] == ["seamless loops"]
    assert "loops" in c.dimension_choices()


def test_an_unknown_dimension_names_the_registered_ones():
    with pytest.raises(ValueError, match="unknown dimension 'loop'; expected one of available, clip_s"):
        c.items(_ds(), "loop")
