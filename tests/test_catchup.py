"""The catch-up on hand-made items: frontiers, lags as ranges, standings and the sentences; each
expected value is worked out in the test."""

from types import SimpleNamespace

import pandas as pd
import pytest

from tests.notebook_run import assert_clean, run
from videorace.analysis import catchup as c
from videorace.data.dates import as_text

T = pd.Timestamp


def item(model, country, start, value, precision="day", end=None, name=None):
    end = end or start
    return {"model_id": model, "name": name or model.title(), "country": country,
            "start": T(start), "end": T(end), "precision": precision,
            "when": as_text(T(start), precision), "value": float(value)}


def race_of(items, dim, comparator="sora", end="2024-12-31", start="2024-01-01", basis="usable"):
    """A race over hand-made items of one dimension (no dataset behind it)."""
    table = c.sides(items, comparator).assign(dimension=dim)
    run = c.Run(None, (dim,), comparator, basis, T(start), T(end))
    return c.Race(run, table, c.lags(table, T(end)).assign(dimension=dim))


ITEMS = pd.DataFrame([
    item("sora", "US", "2024-12-09", 20),                      # Sora's public clip: 20 s
    item("alpha", "CN", "2024-06-01", 5, "month", "2024-06-30"),  # June 2024, 5 s
    item("beta", "CN", "2024-07-30", 8),
    item("gamma", "CN", "2025-01-10", 25),                     # after the window
    item("runway", "US", "2024-06-17", 10),
])


def test_sides_split_china_from_the_comparator():
    assert set(c.sides(ITEMS, "sora").model_id) == {"sora", "alpha", "beta", "gamma"}
    assert set(c.sides(ITEMS, "western").side) == {"China", "Western"}
    named = c.sides(ITEMS, ["runway"])
    assert set(named[named.side == "Comparators"].model_id) == {"runway"}


def test_frontier_keeps_only_what_beat_everything_before():
    china = c.sides(ITEMS, "sora").query("side == 'China'")
    # in order of their last possible day: alpha 5 (06-30), beta 8 (07-30), gamma 25 (2025)
    assert c.frontier(china).value.tolist() == [5, 8, 25]


def test_lags_are_ranges_and_unmatched_milestones_a_floor():
    table = c.sides(ITEMS, "sora")
    lags = c.lags(table, T("2024-12-31")).set_index(["side", "milestone"])
    # China's 5 s (June 2024) matched by Sora's 20 s on 2024-12-09:
    # 12-09 - 06-30 = 162 days, 12-09 - 06-01 = 191 days
    five = lags.loc[("China", 5.0)]
    assert (five.matched_by, five.days_low, five.days_high) == ("Sora", 162, 191)
    # Sora's 20 s is not matched within 2024 (gamma comes in 2025): floor 12-31 - 12-09 = 22
    twenty = lags.loc[("Sora", 20.0)]
    assert not twenty.matched and twenty.days_low == 22 and pd.isna(twenty.days_high)
    # gamma starts after the window: not a milestone
    assert 25.0 not in lags.index.get_level_values("milestone")


def test_standing_counts_only_what_was_certainly_there():
    table = c.sides(ITEMS, "sora")
    # on 2024-06-15 alpha's June date is not certain yet (it ends 06-30)
    # nothing yet is no value (NaN), never a zero that could read as a level or a lead
    early = c.standing(table, T("2024-06-15"))
    assert set(early) == {"Sora", "China"} and all(pd.isna(v) for v in early.values())
    assert c.standing(table, T("2024-12-31")) == {"Sora": 20.0, "China": 8.0}


def test_lag_text_in_words():
    assert c.lag_text(162, 191) == "162 to 191 days later"
    assert c.lag_text(1, 1) == "1 day later"
    assert c.lag_text(-343, -313) == "313 to 343 days earlier"
    assert c.lag_text(-5, 20) == "between 5 days earlier and 20 days later"
    assert c.lag_text(22, pd.NA) == "not matched, at least 22 days on"
    # a year-precision milestone ends after the window: never a negative count of days
    assert c.lag_text(-134, pd.NA) == "not matched by the window's end"


def test_summary_and_headline():
    race = race_of(ITEMS, "clip_s")
    text = c.summary(race, "clip_s")
    # year end: China 8 s (beta), Sora 20 s; the sentence names its basis
    assert text.startswith("**Longest single clip (s)** (usable): by 2024-12-31, China 8 s (Beta) against "
                           "Sora 20 s (Sora): Sora ahead.")
    assert "China had not matched Sora's 20 s (Sora, 2024-12-09)" in text
    assert c.headline(race.lags, "Sora") == "Sora's best not matched by the end: at least 22 days behind"


def test_china_first_reads_as_a_lead():
    firsts = pd.DataFrame([item("sora", "US", "2024-12-09", 1),
                           item("pix", "CN", "2024-01-01", 1, "month", "2024-01-31", "PixVerse")])
    race = race_of(firsts, "clip_s")
    # PixVerse Jan 2024 vs Sora 2024-12-09: 01-01 - 12-09 = -343, 01-31 - 12-09 = -313
    # ... and says that Sora was not yet usable then: a head start, not a capability lead
    assert ("China got there first: PixVerse (Jan 2024) reached it 313 to 343 days before, while "
            "Sora had no usable value in the data yet (its first: 2024-12-09).") in c.summary(race, "clip_s")
    assert c.headline(race.lags, "Sora") == ("on Sora's best, China had it 313 to 343 days earlier, "
                                             "while Sora had no usable value in the data yet (its first: 2024-12-09)")


def test_a_yes_or_no_dimension_headlines_the_first_in_the_window_not_an_old_milestone():
    """CogVideo (2022) does not headline a window from 2024; two Chinese firsts whose dates overlap
    are both named, and the lead over Sora's first spans both."""
    items = pd.DataFrame([item("cogvideo", "CN", "2022-07-16", 1, name="CogVideo"),
                          item("pix", "CN", "2024-03-11", 1, name="PixVerse CN"),
                          item("jimeng", "CN", "2024-03-01", 1, "month", "2024-03-31", "Jimeng"),
                          item("late", "CN", "2024-05-01", 1, name="Late"),
                          item("sora", "US", "2024-12-09", 1, name="Sora Turbo")])
    text = c.summary(race_of(items, "available", start="2024-02-15"), "available")
    assert "China already had one before the window (CogVideo, 2022-07-16)." in text
    # the first came between 2024-03-01 (Jimeng's earliest day) and 2024-03-11 (PixVerse's day):
    # 03-01 - 12-09 = -283, 03-11 - 12-09 = -273
    assert ("China's first in the window: undetermined among PixVerse CN (2024-03-11), Jimeng (Mar 2024), "
            "273 to 283 days before Sora's first (Sora Turbo, 2024-12-09).") in text
    assert "Late" not in text
    # against a side that already had one before the window, no lag is counted
    west = pd.DataFrame([item("gen2", "US", "2023-06-07", 1, name="Gen-2")]).pipe(
        lambda t: pd.concat([items, t]))
    text = c.summary(race_of(west, "available", "western", start="2024-02-15"), "available")
    assert "The West already had one before the window (Gen-2, 2023-06-07)." in text
    assert text.endswith("undetermined among PixVerse CN (2024-03-11), Jimeng (Mar 2024).")


def test_items_from_a_small_dataset():
    ds = SimpleNamespace(
        model_events=pd.DataFrame([("e1", "a", "launched", T("2024-03-01"), "day", "s", "high"),
                                   ("e2", "a", "open_weights", T("2024-05-01"), "month", "s", "high")],
                                  columns=["event_id", "model_id", "event", "happened_on",
                                           "precision", "source_id", "confidence"]),
        models=pd.DataFrame([("a", "A", "o", "text_to_video")],
                            columns=["model_id", "name", "org_id", "kind"]),
        organizations=pd.DataFrame([("o", "Org", "CN")], columns=["org_id", "name", "country"]),
        capabilities=pd.DataFrame([("a", T("2024-03-01"), "day", 5.0, 10.0, 720, "public")],
                                  columns=["model_id", "as_of", "as_of_precision",
                                           "max_clip_s_low", "max_clip_s_high", "height_px",
                                           "availability"]),
        benchmarks=pd.DataFrame([("a", "vbench", "VBench", "total", 80.0, "not_stated", "s"),
                                 ("a", "vbench", "VBench", "total", 81.5, "benchmark_team", "t")],
                                columns=["model_id", "benchmark", "benchmark_version",
                                         "benchmark_metric", "value", "evaluator_class",
                                         "source_id"]))
    # the launch and the weights release both made it usable (value 1)
    assert c.items(ds, "available").start.tolist() == [T("2024-03-01"), T("2024-05-01")]
    assert c.items(ds, "available", "demonstrated").start.tolist() == [T("2024-03-01"), T("2024-05-01")]
    weights = c.items(ds, "open_weights").iloc[0]
    assert (weights.start, weights.end) == (T("2024-05-01"), T("2024-05-31"))
    assert c.items(ds, "clip_s").value.tolist() == [5.0]  # the lower bound of 5-10 s
    assert c.items(ds, "height_px").value.tolist() == [720.0]
    # the score of the class asked for (not the best across classes), dated by first availability
    cls = "VBench, total, by an evaluator not stated, in s"
    score = c.items(ds, "vbench_total", "usable", cls).iloc[0]
    assert (score.value, score.start) == (80.0, T("2024-03-01"))
    with pytest.raises(ValueError, match="unknown dimension 'speed'; expected one of available, "):
        c.items(ds, "speed")
    with pytest.raises(ValueError, match="basis must be one of usable, demonstrated, not 'public'"):
        c.items(ds, "clip_s", "public")


def test_audio_is_dated_by_the_models_first_availability():
    """A model a source says makes sound counts from its first availability, not from the date
    of the capability row; a model with audio false or unstated does not count."""
    ds = SimpleNamespace(
        model_events=pd.DataFrame([("e1", "a", "launched", T("2025-05-20"), "day", "s", "high"),
                                   ("e2", "b", "launched", T("2025-06-01"), "day", "s", "high"),
                                   ("e3", "c", "launched", T("2025-07-01"), "day", "s", "high")],
                                  columns=["event_id", "model_id", "event", "happened_on",
                                           "precision", "source_id", "confidence"]),
        models=pd.DataFrame([(m, m.upper(), "o", "text_to_video") for m in "abc"],
                            columns=["model_id", "name", "org_id", "kind"]),
        organizations=pd.DataFrame([("o", "Org", "US")], columns=["org_id", "name", "country"]),
        capabilities=pd.DataFrame({"model_id": ["a", "b", "c", "c"], "audio": [True, False, None, True],
                                   "as_of": [T("2025-09-01")] * 4,
                                   "availability": ["public", "public", "public", "claimed"]}))
    audio = c.items(ds, "audio")
    # c's sound is only claimed: it counts on neither basis
    assert audio.model_id.tolist() == ["a"] and audio.start.tolist() == [T("2025-05-20")]
    assert c.items(ds, "audio", "demonstrated").model_id.tolist() == ["a"]
    # a's sound stated only by a copy of 2025-09-01: from its launch (05-20) to that copy
    ds.capabilities["dated_by"] = ["source", "event", "event", "event"]
    late = c.items(ds, "audio").iloc[0]
    assert (late.start, late.end, late.when) == (T("2025-05-20"), T("2025-09-01"), "2025-05-20 to 2025-09-01")
    text = c.summary(race_of(audio, "audio", "western"), "audio")
    assert text.endswith("by 2024-12-31, neither China nor the West had one in the data.")


NOTEBOOK_EDGES = [{}, {"comparator": "western"}, {"basis": "demonstrated"},
                  {"dimensions": ["vbench_total"]}, {"comparator_models": ["runway_gen3_alpha"]},
                  {"window_start": "2024-06-01", "window_end": "2024-06-01"},
                  {"window_start": "1990-01-01", "window_end": "1990-12-31"}]


@pytest.mark.parametrize("overrides", NOTEBOOK_EDGES, ids=str)
def test_notebook_runs_at_its_edges(monkeypatch, overrides):
    r = run("06_catch_up", monkeypatch, **overrides)
    assert_clean(r)
    assert r.key_figures()


def test_notebook_states_each_dimension_with_its_days(monkeypatch):
    figures = run("06_catch_up", monkeypatch).key_figures()
    assert set(figures) == {f"{d.name} (usable)" for d in c.REGISTRY.values()}
    assert figures["open weights released (usable)"] == "not applicable against Sora"
    # every figure names the basis it compares on, and no score gap reads as a lead by itself
    assert all(key.endswith("(usable)") for key in figures)


def test_class_text_counts_a_copied_comparison_once():
    by_class = pd.DataFrame({
        "score_class": ["A", "B", "C", "D"],
        "china_model": ["Kling", "Kling", "Wan", "Open-Sora"], "china_value": [81.85, 81.85, 86.22, 79.2],
        "other_model": ["Gen-3", "Gen-3", "Sora", ""], "other_value": [82.32, 82.32, 84.28, float("nan")],
        "verdict": ["level within the spread", "level within the spread", "China ahead", "no comparison"]})
    text = c.vbench_class_text(by_class, "Western", None)
    assert text.startswith("The data holds 4 VBench total classes; 3 have a score on both sides by the "
                           "window's end: 2 level within the spread, 1 China ahead.")
    assert "Only 2 of these 3 are distinct comparisons" in text
    assert "distinct" not in c.vbench_class_text(by_class.iloc[1:], "Western", None)


def test_the_first_usable_model_counts_from_sora_s_first_showing_and_skips_editions():
    """PixVerse (January) was usable before Sora was shown; its Chinese edition (March) is not a new
    model; so China's first after Sora's announcement is Jimeng (March 2024, a month)."""
    events = [("e1", "pix", "launched", T("2024-01-15"), "day", "s", "high"),
              ("e2", "pix_cn", "launched", T("2024-03-11"), "day", "s", "high"),
              ("e3", "jimeng", "beta", T("2024-03-01"), "month", "s", "high"),
              ("e4", "sora", "announced", T("2024-02-15"), "day", "s", "high"),
              ("e5", "sora_turbo", "launched", T("2024-12-09"), "day", "s", "high")]
    ds = SimpleNamespace(
        models=pd.DataFrame([("pix", "PixVerse", "a", None, None), ("pix_cn", "PixVerse CN", "a", None, "pix"),
                             ("jimeng", "Jimeng", "b", None, None), ("sora", "Sora", "o", None, None),
                             ("sora_turbo", "Sora Turbo", "o", "sora", None)],
                            columns=["model_id", "name", "org_id", "parent_model_id", "edition_of"]
                            ).assign(kind="text_to_video", openness="closed_app"),
        organizations=pd.DataFrame([("a", "A", "CN"), ("b", "B", "CN"), ("o", "OpenAI", "US")],
                                   columns=["org_id", "name", "country"]),
        model_events=pd.DataFrame(events, columns=["event_id", "model_id", "event", "happened_on",
                                                   "precision", "source_id", "confidence"]),
        capabilities=pd.DataFrame(columns=["model_id", "audio"]),
        benchmarks=pd.DataFrame(columns=["model_id", "benchmark", "benchmark_version", "benchmark_metric",
                                         "value", "evaluator_class", "source_id"]))
    text = c.summary(c.race(c.Run.of(ds, ["available"], "sora", "usable", "2024-12-31", "2024-01-01")),
                     "available")
    # Jimeng's March (03-01 to 03-31) against Sora Turbo's launch (12-09): 253 to 283 days before
    assert text.endswith("China's first after Sora's first showing (Sora, 2024-02-15): Jimeng (Mar 2024), "
                         "253 to 283 days before Sora's first (Sora Turbo, 2024-12-09).")


def test_a_match_whose_first_is_undetermined_names_the_candidates_apart_from_the_lag():
    items = pd.DataFrame([item("sora", "US", "2024-12-09", 20),
                          item("seed", "CN", "2026-08-07", 30, name="Seedance 2.5"),
                          item("wan", "CN", "2026-08-01", 30, "month", "2026-08-31", "Wan 3.0")])
    text = c.summary(race_of(items, "clip_s", end="2026-10-24"), "clip_s")
    # the first 30 s came between 08-01 (Wan's earliest day) and 08-07 (Seedance's day):
    # 08-01 - 12-09 = 600, 08-07 - 12-09 = 606
    assert text.endswith("China matched Sora's 20 s (Sora, 2024-12-09) 600 to 606 days later; the first to "
                         "match it is undetermined among Seedance 2.5 (2026-08-07), Wan 3.0 (Aug 2026).")
