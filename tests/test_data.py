"""The dataset: codebook in step with the schema, typed loading, and the questions it must answer."""

import pandas as pd
import pytest

from videorace.data import codebook
from videorace.pipeline import config
from videorace import data
from videorace.data.schema import FIELDS, TABLES


@pytest.fixture(scope="module")
def ds():
    return data.load()


def test_codebook_matches_schema():
    committed = (config.DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert committed == codebook.render(), "data/README.md drifted: run python -m videorace codebook"


def test_codebook_lists_every_column_of_every_table():
    text = codebook.render()
    for table in TABLES.values():
        assert f"## `{table.filename}`" in text
        for column in table.columns:
            assert f"| `{column}` |" in text


def test_every_column_is_defined_once_and_used():
    used = {c for t in TABLES.values() for c in t.columns}
    assert used == set(FIELDS), f"defined but unused: {set(FIELDS) - used}"


def test_load_types(ds):
    assert set(ds) == set(TABLES)
    assert pd.api.types.is_datetime64_any_dtype(ds.model_events.happened_on)
    assert pd.api.types.is_float_dtype(ds.funding_rounds.amount_low)
    assert str(ds.architectures.frames.dtype) == "Int64"
    assert ds.architectures.causal_first_frame.dtype == "boolean"
    assert len(ds.hash) == 64


def test_load_from_another_directory(data_copy, monkeypatch):
    (data_copy / "gpus.csv").write_text((data_copy / "gpus.csv").read_text().replace("989,", "990,", 1))
    assert data.load(data_copy).gpus.bf16_dense_tflops.iloc[0] == 990
    monkeypatch.setenv(config.DATA_DIR_ENV, str(data_copy))
    assert data.load().directory == data_copy
    assert data.load().hash != data.load(config.DATA_DIR).hash


def test_load_refuses_bad_data_listing_each_problem(data_copy):
    (data_copy / "gpus.csv").write_text("gpu_id,name\n")
    with pytest.raises(data.DataError, match=r"gpus.csv:1: bf16_dense_tflops: this column"):
        data.load(data_copy)


def test_undeclared_table_is_refused_under_a_build(monkeypatch):
    monkeypatch.setenv(config.READS_ENV, "models,sources")
    ds = data.load()
    assert len(ds.models)
    with pytest.raises(data.UndeclaredTable, match="reports.toml"):
        ds.gpus


def test_preloaded_data_is_handed_out_as_copies_while_the_files_are_unchanged(data_copy,
                                                                             monkeypatch):
    """The build's kernel zygote reads the data once (loading.preload); a kernel's load() then
    gets the same tables as a fresh read, as its own copies, and reads afresh once a file
    changes."""
    from videorace.data import loading

    monkeypatch.setattr(loading, "_PRELOADED", {})
    fresh = data.load(data_copy)
    loading.preload(data_copy)
    first = data.load(data_copy)
    assert first.hash == fresh.hash and set(first) == set(fresh)
    for name in fresh:
        pd.testing.assert_frame_equal(first[name], fresh[name])
    first.gpus.loc[0, "bf16_dense_tflops"] = -1.0  # a notebook changing its tables in place
    assert data.load(data_copy).gpus.bf16_dense_tflops.iloc[0] == fresh.gpus.bf16_dense_tflops.iloc[0]

    (data_copy / "gpus.csv").write_text((data_copy / "gpus.csv").read_text().replace("989,", "990,", 1))
    changed = data.load(data_copy)
    assert changed.gpus.bf16_dense_tflops.iloc[0] == 990 and changed.hash != fresh.hash
    kept = loading._PRELOADED[data_copy.resolve()]
    loading.preload(data_copy)  # the files changed: read again
    assert loading._PRELOADED[data_copy.resolve()] is not kept
    kept = loading._PRELOADED[data_copy.resolve()]
    loading.preload(data_copy)  # unchanged: nothing to read
    assert loading._PRELOADED[data_copy.resolve()] is kept and kept.hash == changed.hash


def test_preloading_bad_data_keeps_nothing_and_load_still_lists_the_problems(data_copy,
                                                                             monkeypatch):
    from videorace.data import loading

    monkeypatch.setattr(loading, "_PRELOADED", {})
    (data_copy / "gpus.csv").write_text("gpu_id,name\n")
    loading.preload(data_copy)  # no exception: each kernel reports the problems itself
    assert loading._PRELOADED == {}
    with pytest.raises(data.DataError, match=r"gpus.csv:1: bf16_dense_tflops: this column"):
        data.load(data_copy)


# --- questions a user must be able to answer from data/ alone -------------------------------------

def test_who_led_each_disclosed_round_and_how_much(ds):
    rounds = ds.funding_rounds.merge(ds.round_investors, on="round_id")
    leads = rounds[rounds.role == "lead"].set_index("round_id")
    assert leads.loc["r_shengshu_2024_03", "investor_id"] == "qiming"
    assert leads.loc["r_aisphere_2024_03", "investor_id"] == "fortune_capital"
    aisphere = ds.funding_rounds.set_index("round_id").loc["r_aisphere_2024_03"]
    assert (aisphere.amount_low, aisphere.amount_qualifier, aisphere.currency) == (1e8, "over", "CNY")
    assert pd.isna(aisphere.amount_high)  # "over": open-ended


def test_unveiled_vs_public_for_vidu(ds):
    vidu = ds.model_events[ds.model_events.model_id == "vidu"]
    assert vidu[vidu.event == "unveiled"].happened_on.min() == pd.Timestamp("2024-04-01")
    assert pd.Timestamp("2024-04-27") in set(vidu[vidu.event == "unveiled"].happened_on)
    assert set(vidu[vidu.event == "global_access"].happened_on) == {pd.Timestamp("2024-07-30")}


def test_claimed_vs_available_clip_lengths(ds):
    cap = ds.capabilities
    vidu = cap[cap.model_id == "vidu"].set_index("availability")
    assert vidu.loc["public", "max_clip_s_high"] == 8
    assert set(vidu.loc["demo", "max_clip_s_high"]) == {16}
    # Sora's February model was only shown; what users got is Sora Turbo's, per tier
    assert set(cap[cap.model_id == "sora"].availability) == {"demo"}
    turbo = cap[cap.model_id == "sora_turbo"].set_index("tier")
    assert turbo.loc["ChatGPT Plus", "max_clip_s_high"] == 5
    assert set(turbo.loc["ChatGPT Pro", "max_clip_s_high"]) == {20}


def test_what_citic_assumed(ds):
    citic = ds.metrics[ds.metrics.subject == "CITIC Securities token estimate"].set_index("metric")
    assert citic.loc["patches", "value_low"] * citic.loc["denoising_steps", "value_low"] == \
        citic.loc["tokens", "value_low"]


def test_disputed_and_unverified_figures_are_marked(ds):
    flagged = ds.metrics[ds.metrics.verification.isin(["disputed", "unverified"])]
    assert {"m_gartner_share_2030", "m_aigc_market_2022", "m_cac_users_2024_07"} <= set(flagged.metric_id)
    assert (flagged.note.str.len() > 0).all(), "a disputed figure must say who disputes it"


def test_every_seed_article_is_a_source(ds):
    assert {"a0_caixin_roundup", "a1_scmp_aisphere", "a2_bbd_chinese_sora", "a3_xinhua_video_ai",
            "a4_chinadaily_aigc"} <= set(ds.sources.source_id)


# --- the whole 2024 race: openness, countries, benchmark scores ------------------------

VIDEO_KINDS = ("text_to_video", "image_to_video")


def test_load_types_of_the_new_columns(ds):
    assert pd.api.types.is_float_dtype(ds.benchmarks.value)
    assert pd.api.types.is_datetime64_any_dtype(ds.benchmarks.published_on)
    kling = ds.models.set_index("model_id").loc["kling_1_6"]
    assert (kling.openness, kling.parent_model_id) == ("closed_app;api", "kling_1_5")
    assert ds.models.set_index("model_id").loc["kling", "parent_model_id"] is None


def test_every_video_model_has_an_openness_and_a_maker_country(ds):
    video = ds.models[ds.models.kind.isin(VIDEO_KINDS)].merge(
        ds.organizations[["org_id", "country"]], on="org_id")
    assert video.openness.notna().all() and video.country.notna().all()
    assert {"CN", "US"} <= set(video.country)
    assert len(video) >= 25
    assert ds.model_events.model_id.isin(video.model_id).sum() >= 60
    licensed = ds.models[ds.models.licence.str.len() > 0]
    assert licensed.openness.str.contains("open_weights").all()


def test_open_weights_are_dated_events(ds):
    ev = ds.model_events.set_index("event_id")
    assert ev.loc["ev_hunyuanvideo_weights_readme", "happened_on"] == pd.Timestamp("2024-12-03")
    assert set(ds.model_events.event) >= {"open_weights", "api"}


def test_benchmark_scores_say_who_measured_them_and_when(ds):
    b = ds.benchmarks
    assert b.model_id.nunique() >= 6
    assert b.source_id.notna().all() and b.published_on.notna().all()
    assert (b.evaluator.str.len() > 0).all()
    disputed = b[b.verification == "disputed"]
    assert len(disputed) and (disputed.note.str.len() > 0).all()
    # disagreements are kept as separate rows, one per source
    total = b[(b.model_id == "opensora_12") & (b.benchmark_metric == "total")]
    assert {79.23, 79.76, 80.0} <= set(total.value) and total.source_id.nunique() == len(total)


@pytest.mark.parametrize("value, refused", [
    ("a\x00b", True), ("tab\tinside", True), ("\x1f", True), ("bell\x07", True),
    ("space and é and ü", False), ("\x7f is DEL, not below 32", False), ("x" * 5000, False)])
def test_a_control_character_anywhere_in_a_cell_is_refused(value, refused):
    """Every character below 32 (``ord(c) < 32``), wherever it sits; none at or above 32."""
    from videorace.data.schema import Field
    from videorace.data.validate import check_cell

    f = Field("note", "text", "a note")
    problem = check_cell(f, value)
    assert (problem == f"{f.expected} without control characters") is refused
    assert refused or problem is None
