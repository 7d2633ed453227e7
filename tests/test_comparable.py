"""The comparability rule on hand-made values: classes, refusals, the spread and missing values;
and the catch-up's use of it (each case failed on the code before the rule)."""

from types import SimpleNamespace

import pandas as pd
import pytest

from videorace.analysis import comparable as cmp
from videorace.analysis import catchup as c

T = pd.Timestamp


def test_two_classes_are_refused_with_a_message_naming_both():
    team = cmp.score_class("vbench", "VBench", "total", "benchmark_team", "arxiv_nova")
    unstated = cmp.score_class("vbench", "VBench", "total", "not_stated", "contentv_readme")
    with pytest.raises(cmp.Incomparable, match="cannot compare scores of different classes.*"
                                               "not stated, in contentv.*benchmark's own team"):
        cmp.compare(84.28, unstated, 82.32, team, what="scores")
    # the benchmark's own team is one evaluator whoever tabulates it; 'not stated' is one only
    # within its source
    assert team == cmp.score_class("vbench", "VBench", "total", "benchmark_team", "arxiv_emu3")
    assert unstated != cmp.score_class("vbench", "VBench", "total", "not_stated", "arxiv_emu3")
    longer = cmp.score_class("vbench", "VBench-Long", "total", "benchmark_team", "x")
    with pytest.raises(cmp.Incomparable):
        cmp.compare(1.0, team, 1.0, longer)


def test_a_missing_value_is_no_value_never_a_lead():
    assert cmp.verdict(1080, float("nan")) == "no value"
    assert cmp.verdict(None, 5) == "no value"
    assert cmp.verdict(20, 16) == "first ahead" and cmp.verdict(16, 20) == "second ahead"


def test_a_gap_inside_the_spread_is_level():
    # 84.28 - 83.40 = 0.88, inside a spread of 2.52; 3.0 is outside it
    assert cmp.verdict(83.40, 84.28, tolerance=2.52) == "level within the spread"
    assert cmp.verdict(87.28, 84.28, tolerance=2.52) == "first ahead"


def test_spread_is_the_range_of_per_model_differences():
    scores = pd.DataFrame([("a", 80.0), ("a", 82.5), ("b", 81.0), ("b", 81.5), ("b", 81.5),
                           ("c", 79.0), ("d", 70.0), ("d", 70.0)],
                          columns=["model_id", "value"]).assign(benchmark="vbench",
                                                                benchmark_metric="total")
    # a: 2.5, b: 0.5, c: one score, d: two copies of one value (no spread); no versions given
    assert cmp.spread(scores, "vbench", "total") == cmp.Spread(0.5, 2.5, 2)
    # with versions: a's two scores are of two versions, b's of one: within a version only b's 0.5
    versioned = scores.assign(benchmark_version=["V", "V-Long", "V", "V", "V", "V", "V", "V"])
    got = cmp.spread(versioned, "vbench", "total")
    assert (got.low, got.high, got.within_version) == (0.5, 2.5, cmp.Spread(0.5, 0.5, 1))
    assert got.text() == ("0.50 to 2.50 points between sources and versions for the same model "
                          "(2 models whose published scores differ); within one benchmark version, by "
                          "0.50 points (1 model)")
    assert cmp.spread(scores[scores.model_id == "c"], "vbench", "total") is None
    # the tolerance is the widest difference between sources for one model, versions or not:
    # two sources of one model differ that much, so a smaller gap says nothing of which is better
    assert (got.tolerance, cmp.spread(scores, "vbench", "total").tolerance) == (2.5, 2.5)


def test_demonstrated_includes_what_was_usable_and_no_basis_counts_a_claim_or_a_sample():
    assert set(cmp.basis_classes("demonstrated")) == {"demo", "beta", "public"}
    assert set(cmp.basis_classes("usable")) == {"beta", "public"}
    with pytest.raises(ValueError, match="basis must be one of usable, demonstrated, not 'demo'"):
        cmp.basis_classes("demo")


def test_the_charted_class_is_chosen_by_coverage_not_by_who_leads():
    scores = pd.DataFrame({"score_class": ["A", "A", "A", "B", "B"],
                           "model_id": ["cn1", "cn2", "sora", "cn1", "sora"],
                           "value": [70, 71, 90, 95, 80]})
    sides = pd.Series(["China", "China", "Sora", "China", "Sora"])
    # A has three models, B two (and China leads only in B)
    assert cmp.widest_class(scores, sides, "Sora") == "A"
    no_sora = scores.model_id != "sora"
    assert cmp.widest_class(scores[no_sora], sides[no_sora], "Sora") is None


def race(ds, dim, comparator="sora", basis="usable", score_class=None, end="2024-12-31"):
    return c.race(c.Run.of(ds, [dim], comparator, basis, end, "2024-01-01", score_class))


def small_ds(scores, events, caps=None, models=None):
    """A dataset of two Chinese models (cn1, cn2), Sora and Sora Turbo, and a Western model."""
    models = models or [("cn1", "Cn One", "cno", "text_to_video", "open_weights", None),
                        ("cn2", "Cn Two", "cno", "text_to_video", "closed_app", None),
                        ("sora", "Sora", "oa", "text_to_video", "closed_app", None),
                        ("sora_turbo", "Sora Turbo", "oa", "text_to_video", "closed_app", "sora"),
                        ("gen3", "Gen-3", "rw", "text_to_video", "closed_app", None)]
    return SimpleNamespace(
        models=pd.DataFrame(models, columns=["model_id", "name", "org_id", "kind", "openness",
                                             "parent_model_id"]),
        organizations=pd.DataFrame([("cno", "CnOrg", "CN"), ("oa", "OpenAI", "US"),
                                    ("rw", "Runway", "US")], columns=["org_id", "name", "country"]),
        model_events=pd.DataFrame([(f"e{i}", *e) for i, e in enumerate(events)],
                                  columns=["event_id", "model_id", "event", "happened_on",
                                           "precision", "source_id", "confidence"]),
        capabilities=pd.DataFrame(caps or [], columns=[
            "model_id", "as_of", "as_of_precision", "max_clip_s_low", "max_clip_s_high",
            "clip_kind", "height_px", "availability", "tier"]),
        benchmarks=pd.DataFrame(scores, columns=["model_id", "benchmark", "benchmark_version",
                                                 "benchmark_metric", "value", "evaluator_class",
                                                 "source_id"]))


EVENTS = [("cn1", "launched", T("2024-03-01"), "day", "s", "high"),
          ("cn2", "launched", T("2024-08-01"), "day", "s", "high"),
          ("sora", "announced", T("2024-02-15"), "day", "s", "high"),
          ("sora_turbo", "launched", T("2024-12-09"), "day", "s", "high"),
          ("gen3", "announced", T("2024-06-17"), "day", "s", "high")]


def test_scores_come_from_one_class_never_the_best_across_classes():
    scores = [("cn1", "vbench", "VBench", "total", 80.0, "benchmark_team", "p1"),
              ("cn1", "vbench", "VBench (longer prompts)", "total", 85.0, "third_party", "p2"),
              ("sora_turbo", "vbench", "VBench", "total", 84.0, "benchmark_team", "p1")]
    ds = small_ds(scores, EVENTS)
    team = cmp.score_class("vbench", "VBench", "total", "benchmark_team", "p1")
    got = c.items(ds, "vbench_total", "usable", team).set_index("model_id").value
    assert got.to_dict() == {"cn1": 80.0, "sora_turbo": 84.0}  # not cn1's 85 of another class
    assert c.items(ds, "vbench_total", "usable", None).empty  # no class, no scores


def test_a_score_is_dated_by_showing_when_demonstrated_and_by_use_when_usable():
    scores = [("gen3", "vbench", "VBench", "total", 82.3, "benchmark_team", "p1"),
              ("cn1", "vbench", "VBench", "total", 80.0, "benchmark_team", "p1")]
    ds = small_ds(scores, EVENTS)
    team = cmp.score_class("vbench", "VBench", "total", "benchmark_team", "p1")
    # Gen-3 has only an announcement: no usable date, but a demonstrated one (2024-06-17)
    assert "gen3" not in set(c.items(ds, "vbench_total", "usable", team).model_id)
    demo = c.items(ds, "vbench_total", "demonstrated", team).set_index("model_id")
    assert demo.loc["gen3", "start"] == T("2024-06-17")


def test_demonstrated_counts_usable_rows_and_single_clips_never_claims_or_samples():
    caps = [("sora", T("2024-02-15"), "day", 60.0, 60.0, "single", 1080, "demo", ""),
            ("cn1", T("2024-03-01"), "day", 8.0, 8.0, "single", 720, "public", ""),
            ("cn2", T("2024-08-01"), "day", 180.0, 180.0, "extended", None, "demo", ""),
            ("cn2", T("2024-06-01"), "day", 120.0, 120.0, "single", 1080, "claimed", ""),
            ("gen3", T("2024-07-25"), "day", 10.7, 10.7, "single", 768, "sample", "")]
    ds = small_ds([], EVENTS, caps)
    demo = c.items(ds, "clip_s", "demonstrated")
    # cn1's usable 8 s was also demonstrated; cn2's 180 s is chained, its 120 s only claimed;
    # a benchmark team's 10.7 s sample is not Gen-3's maximum
    assert set(demo.model_id) == {"sora", "cn1"}
    assert set(c.items(ds, "height_px", "demonstrated").value) == {1080.0, 720.0}
    assert c.items(ds, "clip_s", "usable").model_id.tolist() == ["cn1"]


def test_a_figure_first_stated_late_runs_from_the_models_first_event_to_its_source():
    """Kling's 4K known only from a page copied in 2026: the item spans the model's launch to the
    copy, so a lag counted on it is a range, not a day in 2026."""
    caps = [("cn2", T("2026-08-12"), "day", 10.0, 10.0, "single", 2160, "public", "")]
    ds = small_ds([], EVENTS, caps)
    ds.capabilities["dated_by"] = ["source"]
    got = c.items(ds, "height_px", "usable").iloc[0]
    # cn2 launched 2024-08-01 (its first usable event)
    assert (got.start, got.end, got.precision, got.when) == (
        T("2024-08-01"), T("2026-08-12"), "range", "2024-08-01 to 2026-08-12")
    ds.capabilities["dated_by"] = ["event"]
    assert c.items(ds, "height_px", "usable").iloc[0].start == T("2026-08-12")


def test_a_tier_is_named_with_its_model():
    caps = [("sora_turbo", T("2024-12-09"), "day", 20.0, 20.0, "single", 1080, "public",
             "ChatGPT Pro")]
    got = c.items(small_ds([], EVENTS, caps), "clip_s", "usable")
    assert got.name.tolist() == ["Sora Turbo (ChatGPT Pro)"]


def test_sora_covers_its_later_versions_and_open_weights_do_not_apply_to_it():
    ds = small_ds([], EVENTS)
    assert c.families(ds.models)["sora_turbo"] == "sora"
    table = c.sides(c.items(ds, "available", "usable"), "sora")
    assert set(table[table.side == "Sora"].model_id) == {"sora_turbo"}
    ow = c.REGISTRY["open_weights"]
    assert not ow.applies(ds, "sora")
    assert ow.applies(ds, "western") and c.REGISTRY["clip_s"].applies(ds, "sora")
    assert "not applicable against Sora" in c.summary(race(ds, "open_weights"), "open_weights")


def test_a_head_start_over_nothing_is_marked_so():
    ds = small_ds([], EVENTS)
    got = race(ds, "available")
    # China's cn1 (2024-03-01) against Sora Turbo (2024-12-09): 283 days, while Sora was not usable
    assert c.headline(got.lags, "Sora", "usable") == (
        "on Sora's best, China had it 283 days earlier, while Sora had no usable value in "
        "the data yet (its first: 2024-12-09)")
    china = got.lags[got.lags.side == "China"].iloc[0]
    assert pd.isna(china.other_then)  # Sora had nothing when cn1 launched
    shown = c.lag_table(got)
    assert shown.loc[shown["whose milestone"] == "China", "other side then"].tolist() == [
        "no usable value in the data yet"]


def test_missing_standing_reads_as_no_value():
    ds = small_ds([], EVENTS, [("cn1", T("2024-03-01"), "day", 8.0, 8.0, "single", None,
                                "public", "")])
    got = race(ds, "clip_s")
    at_end = c.standing(got.items, T("2024-12-31"))
    assert at_end["China"] == 8.0 and "Sora" not in at_end
    text = c.summary(got, "clip_s")
    assert "against Sora no value: no comparison: Sora no value" in text
    assert c.value_text("height_px", float("nan")) == "no value"


def test_level_within_the_spread_in_the_catch_up():
    scores = [("cn2", "vbench", "VBench", "total", 83.40, "not_stated", "cv"),
              ("sora_turbo", "vbench", "VBench", "total", 84.28, "not_stated", "cv")]
    cls = cmp.score_class("vbench", "VBench", "total", "not_stated", "cv")
    # without a second source for any model there is no spread: the 0.88 gap reads as a lead
    assert ": Sora ahead." in c.summary(race(small_ds(scores, EVENTS), "vbench_total", score_class=cls),
                                       "vbench_total")
    # another source scores Sora Turbo 2.52 lower: a gap of 0.88 is inside that spread
    spread = scores + [("sora_turbo", "vbench", "VBench", "total", 81.76, "third_party", "other")]
    text = c.summary(race(small_ds(spread, EVENTS), "vbench_total", score_class=cls), "vbench_total")
    assert "China 83.40 (Cn Two) against Sora 84.28 (Sora Turbo): level within the spread" in text


def test_score_axis_spans_at_least_ten_points():
    from videorace.analysis.catchup.charts import score_limits
    low, high = score_limits([83.40, 84.28])
    assert high - low >= 10 and low < 83.40 and high > 84.28
    assert score_limits([]) is None


def test_a_figure_for_image_input_only_is_not_a_text_to_video_figure():
    caps = [("cn1", T("2024-11-01"), "month", 10.0, 10.0, "single", 2160, "claimed", ""),
            ("cn2", T("2024-08-01"), "day", 6.0, 6.0, "single", 1080, "public", "")]
    ds = small_ds([], EVENTS, caps)
    ds.capabilities["inputs"] = ["image", "text;image"]
    # cn1's 4K claim is for image-to-video (New Ying's case): the text-to-video best stays 1080p
    assert c.items(ds, "height_px", "demonstrated").value.tolist() == [1080.0]


def test_the_demonstrated_basis_names_the_first_dimension_demonstrated_or_usable():
    assert c.REGISTRY["available"].label("demonstrated") == "a text-to-video model demonstrated or usable"
    assert c.REGISTRY["available"].label("usable") == "a usable text-to-video model"


def test_a_best_reached_in_the_last_month_is_not_zero_days_behind():
    lags = pd.DataFrame([{"side": "Sora", "milestone": 2160.0, "model": "Veo 2", "on": T("2024-12-01"),
                          "precision": "month", "on_when": "Dec 2024", "matched": False, "days_low": 0,
                          "days_high": pd.NA}])
    # the claim's month ends on the window's last day: 0 days would read as level
    assert c.headline(lags, "Sora") == "Sora's best (Dec 2024) not matched by the end of the window"


def test_a_gap_level_within_the_spread_but_a_lead_within_one_version_gives_both_readings():
    # Gen-3's two sources (two versions) differ by 2.52, X's two sources of one version by 0.53:
    # China's 85.22 against Sora's 84.28 (0.94) is level within 2.52, a lead within 0.53
    scores = [("cn2", "vbench", "VBench", "total", 85.22, "not_stated", "cv"),
              ("sora_turbo", "vbench", "VBench", "total", 84.28, "not_stated", "cv"),
              ("gen3", "vbench", "VBench", "total", 80.00, "benchmark_team", "t"),
              ("gen3", "vbench", "VBench-Long", "total", 82.52, "benchmark_team", "t"),
              ("x", "vbench", "VBench", "total", 70.00, "benchmark_team", "t"),
              ("x", "vbench", "VBench", "total", 70.53, "third_party", "u")]
    cls = cmp.score_class("vbench", "VBench", "total", "not_stated", "cv")
    text = c.summary(race(small_ds(scores, EVENTS), "vbench_total", score_class=cls), "vbench_total")
    assert ": level within the spread. On the narrower 0.53-point spread of sources of one benchmark " \
           "version, China would be ahead by 0.94 points." in text


def test_a_class_names_whose_table_it_is():
    ds = SimpleNamespace(sources=pd.DataFrame({"source_id": ["cv"], "publisher": ["ByteDance"],
                                               "title": ["ContentV README"]}))
    cls = cmp.score_class("vbench", "VBench", "total", "not_stated", "cv")
    assert c.scores.class_label(ds, cls) == ("VBench, total, by an evaluator not stated, in the table of "
                                             "ByteDance: ContentV README")
    team = cmp.score_class("vbench", "VBench", "total", "benchmark_team", "t")
    assert c.scores.class_label(ds, team) == team


def test_one_vbench_class_serves_every_comparator():
    """A class holding China and the West with more models loses to the class holding China and
    Sora: the Sora and the Western columns must read one table, not two that contradict."""
    scores = [("cn1", "vbench", "VBench", "total", 80.0, "not_stated", "cv"),
              ("sora_turbo", "vbench", "VBench", "total", 84.0, "not_stated", "cv"),
              ("cn1", "vbench", "VBench", "total", 81.0, "benchmark_team", "t"),
              ("cn2", "vbench", "VBench", "total", 82.0, "benchmark_team", "t"),
              ("gen3", "vbench", "VBench", "total", 82.3, "benchmark_team", "t")]
    ds = small_ds(scores, EVENTS)
    assert c.chosen_vbench_class(ds) == cmp.score_class("vbench", "VBench", "total", "not_stated", "cv")
    assert c.Run.of(ds, ["vbench_total"], "western").score_class == c.Run.of(ds, ["vbench_total"]).score_class


def test_a_verdict_on_scores_older_than_the_newest_models_says_so():
    scores = [("cn1", "vbench", "VBench", "total", 80.0, "not_stated", "cv"),
              ("sora_turbo", "vbench", "VBench", "total", 84.0, "not_stated", "cv")]
    cls = cmp.score_class("vbench", "VBench", "total", "not_stated", "cv")
    # the last scored model (Sora Turbo) came 2024-12-09; cn3, usable 2025-03-01, has no score
    later = EVENTS + [("cn3", "launched", T("2025-03-01"), "day", "s", "high")]
    models = [("cn1", "Cn One", "cno", "text_to_video", "open_weights", None),
              ("cn3", "Cn Three", "cno", "text_to_video", "closed_app", None),
              ("sora", "Sora", "oa", "text_to_video", "closed_app", None),
              ("sora_turbo", "Sora Turbo", "oa", "text_to_video", "closed_app", "sora")]
    got = race(small_ds(scores, later, models=models), "vbench_total", score_class=cls, end="2025-06-30")
    assert "No comparable score since 2024-12-09" in c.summary(got, "vbench_total")
    assert c.answer_table(got).now.iloc[0] == "no comparable score since 2024-12-09"
    # before cn3 came, the scores covered the newest models: a leader is named
    got = race(small_ds(scores, later, models=models), "vbench_total", score_class=cls, end="2025-01-31")
    assert c.answer_table(got).now.iloc[0] == "Sora"


def test_the_west_is_a_list_of_countries_and_a_maker_elsewhere_is_on_neither_side():
    table = pd.DataFrame({"model_id": ["a", "b", "c", "d"], "country": ["CN", "US", "JP", "IL"]})
    assert c.sides(table, "western").set_index("model_id").side.to_dict() == {
        "a": "China", "b": "Western", "d": "Western"}
