"""videorace.analysis.tokens.tables: the frames notebooks/04_token_cost shows (the article clips,
their costs, CITIC's omissions, chunking, implied utilisation) and its parameter checks."""

import math
from dataclasses import replace

import pandas as pd
import pytest

from tests.tokens_examples import (A, CLIP_FLOPS, GOOD, GPUS, SMALL, SMALL_ROW, TINY, TINY_DS,
                                   arch_frame, assumptions, capabilities, tiny_setup)
from videorace.analysis import tokens as t
from videorace.analysis.params import ParameterError


def test_article_clips_longest_claimed_or_demo_per_model_and_length():
    cap = capabilities(("sora", "demo", 60.0, "2024-02-15", "s1"),
                       ("sora", "claimed", 60.0, "2024-03-01", "s2"),  # same length, later
                       ("kling", "public", 10.0, "2024-06-06", "k0"),  # available: not a claim
                       ("kling", "claimed", 120.0, "2024-06-06", "k1"),
                       ("vidu", "demo", 16.0, "2024-04-27", "v1"),
                       ("pika", "demo", 3.0, "2024-01-01", "p1"))  # not one of the articles'
    clips = t.article_clips(cap)
    assert list(clips.label) == ["Vidu 16 s", "Sora 60 s", "Kling 120 s"]  # by length
    assert list(clips.source_id) == ["v1", "s1", "k1"]  # the earliest row for Sora 60 s
    assert list(clips.basis) == ["demonstrated", "demonstrated", "claimed"]
    assert list(clips.columns) == ["label", "name", "model_id", "seconds", "availability",
                                   "basis", "chained", "source_id"]


def test_a_clip_chained_from_extensions_is_labelled_chained_and_headlined_as_such():
    cap = capabilities(("kling", "claimed", 120.0, "2024-06-06", "k1"),
                       ("kling", "claimed", 180.0, "2024-07-01", "k2", "extended"),
                       ("sora", "demo", 60.0, "2024-02-15", "s1"))
    clips = t.article_clips(cap)
    assert list(clips.label) == ["Sora 60 s", "Kling 120 s", "Kling 180 s, chained"]
    assert list(clips.name) == ["Sora 60 s", "Kling 120 s", "Kling 180 s"]
    assert list(clips.chained) == [False, False, True]
    clip, phrase = t.headline_clip(clips)
    assert (clip["name"], phrase) == ("Kling 180 s", "the longest chained clip")
    # without a chained clip the longest single one is "the longest clip"
    clip, phrase = t.headline_clip(clips[~clips.chained])
    assert (clip["name"], phrase) == ("Kling 120 s", "the longest clip")


def test_clip_geometries_each_once():
    # tiny_setup's clips are 32 px high, TINY's own height: a native size, not hypothetical
    assert t.clip_geometries(tiny_setup()) == {t.CITIC_LABEL: t.citic_geometry(),
                                               "tiny's geometry at 32p": TINY}
    # in the citic case the open model is the FLOPs reference, not CITIC's geometry again
    assert t.clip_geometries(tiny_setup("citic")) == {t.CITIC_LABEL: t.citic_geometry(),
                                                      "tiny's geometry at 32p": TINY}


def test_clip_geometries_label_a_size_the_model_does_not_generate_hypothetical():
    setup = replace(tiny_setup(), height_px=64)  # TINY is published at 64 x 32
    assert list(t.clip_geometries(setup)) == [t.CITIC_LABEL,
                                              "tiny's geometry at 64p (hypothetical)"]
    assert setup.label == setup.open_label and "hypothetical" in setup.label
    assert replace(setup, architecture="citic", geometry=t.citic_geometry()).label == \
        t.CITIC_LABEL


def test_clip_costs_open_geometry_single_rate_citic_as_a_range():
    clips = pd.DataFrame({"label": ["A 2 s"], "seconds": [2.0]})
    costs = t.clip_costs(clips, {"CITIC": t.citic_geometry(), "tiny": TINY}, SMALL, A, 12, 32)
    citic, tiny = costs.iloc[0], costs.iloc[1]
    # tiny at 12 fps, 32 px high, 57 wide: 24 frames -> ceil(23 / 4) + 1 = 7 latent frames,
    # 2 x ceil(57 / 16) = 8 tokens each: 56 tokens; one rate, so the _high columns agree
    assert (tiny.fps, tiny.fps_high, tiny.frames, tiny.frames_high) == (12, 12, 24, 24)
    assert tiny.tokens == tiny.tokens_high == 56
    # CITIC: 2 s x 7.5 = 15 frames (15,000 patches) to 2 s x 10 = 20 frames (20,000 patches)
    assert (citic.fps, citic.fps_high, citic.frames, citic.frames_high) == (7.5, 10, 15, 20)
    assert (citic.tokens, citic.tokens_high) == (15_000, 20_000)
    # 15,000 tokens: 2000 x 15,000 + 80 x 15,000^2 = 3e7 + 1.8e10 = 1.803e10 per pass, x 9
    assert citic.flops == pytest.approx(1.803e10 * 9)
    assert citic.usd == pytest.approx(1.803e10 * 9 / 500)  # $1 per second at 500 FLOP/s
    assert citic.usd_high > citic.usd


def test_citic_omissions_tiny():
    # own geometry at 60 frames: ceil(59 / 4) + 1 = 16 latent frames x 8 = 128 tokens, sequence 130
    # one pass over 130: 2000 x 130 + 80 x 130^2 = 260,000 + 1,352,000 = 1,612,000
    table = t.citic_omissions(TINY, SMALL, A)
    assert list(table.key) == ["citic", "geometry", "text", "attention", "steps", "guidance",
                               "attempts"]
    expected = [2 * 1000 * 1_200_000,  # CITIC: 60,000 patches x 20 steps, 2N each = 2.4e9
                2 * 1000 * 128 * 20,  # 5,120,000
                2 * 1000 * 130 * 20,  # 5,200,000
                1_612_000 * 20,  # 32,240,000
                1_612_000 * 3,  # the notebook's 3 steps instead of CITIC's 20
                1_612_000 * 3 * 2,  # two passes per step
                1_612_000 * 3 * 2 * 1.5]  # 1.5 attempts
    assert list(table.flops) == pytest.approx(expected)
    assert list(table.factor) == pytest.approx([1, 5_120_000 / 2.4e9, 130 / 128,
                                                1_612_000 / 260_000, 3 / 20, 2, 1.5])
    assert table.vs_citic.iloc[-1] == pytest.approx(14_508_000 / 2.4e9)
    assert "20 -> 3" in table.adds[4] and "128 tokens" in table.adds[1]


def test_chunking_tiny():
    # 2 s at 12 fps, 32 x 57: 56 tokens + 2 text = 58; chunk_s 0.5 -> at most 4 chunks
    table = t.chunking(2, 0.5, TINY, SMALL, A, 12, 32)
    assert list(table.chunks) == [1, 2, 4]
    # per pass: 2000 S + 80 S^2, each chunk with the 2 text tokens. S = 58: 116,000 + 269,120 =
    # 385,120; S = 28 + 2 = 30 (x2): 2 x (60,000 + 72,000) = 264,000; S = 14 + 2 = 16 (x4):
    # 4 x (32,000 + 20,480) = 209,920; each x 3 steps x 2 passes x 1.5 attempts = x 9
    assert list(table.flops) == pytest.approx([385_120 * 9, 264_000 * 9, 209_920 * 9])
    assert list(table.vs_one_sequence) == pytest.approx([1, 264_000 / 385_120, 209_920 / 385_120])
    assert list(table.seconds_per_chunk) == [2, 1, 0.5]
    assert list(table.tokens_per_chunk) == [58, 30, 16]


def test_chunking_chunk_longer_than_the_clip_is_one_sequence():
    table = t.chunking(2, 600, TINY, SMALL, A, 12, 32)
    assert list(table.chunks) == [1] and list(table.vs_one_sequence) == [1]


def test_utilisation_reading_four_cases():
    readings = [t.utilisation_reading(0.5, "h100", True), t.utilisation_reading(0.5, "h100", False),
                t.utilisation_reading(2.4, "h200", True), t.utilisation_reading(2.4, "h200", False)]
    assert readings == ["possible on one H100", "possible if made on one H100 (not stated)",
                        "impossible on one H200: several or faster GPUs",
                        "impossible: not stated, H200 too slow (wrong GPU)"]
    assert t.utilisation_reading(1.0, "h20", True) == "possible on one H20"  # 100% is the limit


def test_utilisation_table_possible_impossible_and_rows_without_times():
    arch = arch_frame(
        {**SMALL_ROW, "arch_id": "stated", "name": "Stated", "gen_seconds": 127.296,
         "gen_gpu_id": "fast"},
        {**SMALL_ROW, "arch_id": "unstated", "name": "Unstated", "gen_seconds": 318.24},
        {**SMALL_ROW, "arch_id": "several", "name": "Several", "gen_seconds": 63.648,
         "gen_gpu_id": "slow"},
        {**SMALL_ROW, "arch_id": "untimed", "name": "Untimed"})  # no gen_seconds: left out
    table = t.utilisation_table(arch, GPUS, "slow").set_index("name")
    assert list(table.index) == ["Stated", "Unstated", "Several"]
    assert list(table.flops) == pytest.approx([CLIP_FLOPS] * 3)
    # 636,480 / (127.296 s x 10,000 FLOP/s) = 0.5; / (318.24 x 1,000) = 2.0; / (63.648 x 1,000) = 10
    assert list(table.implied_utilisation) == pytest.approx([0.5, 2.0, 10.0])
    assert list(table.plausible) == [True, False, False]
    assert list(table.gpu) == ["fast", "slow", "slow"]
    assert list(table.gpu_stated) == [True, False, True]
    assert table.reading["Unstated"] == "impossible: not stated, SLOW too slow (wrong GPU)"
    assert table.reading["Several"] == "impossible on one SLOW: several or faster GPUs"
    assert table.reading["Stated"] == "possible on one FAST"
    # a faster assumed GPU makes the unstated row possible: 636,480 / (318.24 x 10,000) = 0.2
    fast = t.utilisation_table(arch, GPUS, "fast").set_index("name")
    assert fast.implied_utilisation["Unstated"] == pytest.approx(0.2)
    assert fast.plausible["Unstated"]


def test_utilisation_table_without_any_generation_time_is_empty_with_columns():
    table = t.utilisation_table(arch_frame({}), GPUS, "slow")
    assert table.empty and list(table.columns) == t.UTILISATION_COLUMNS


def test_check_parameters_valid():
    setup = t.check_parameters(TINY_DS, **GOOD)
    assert setup.geometry == TINY and setup.model == t.Transformer(2e9, 4, 100)
    assert (setup.open_model, setup.open_geometry) == ("tiny", TINY)
    assert setup.assumptions == t.CostAssumptions(20, 2, 1.0, 1e-8, 0.4, 2.5)
    assert (setup.fps, setup.height_px, setup.chunk_s, setup.gpu) == (24, 1080, 5, "fast")


def test_check_parameters_citic_uses_the_reference_model_beside_its_own_geometry():
    setup = t.check_parameters(TINY_DS, **{**GOOD, "architecture": "citic"})
    assert setup.geometry == t.citic_geometry()
    assert setup.open_model == t.CITIC_FLOPS_REFERENCE
    assert setup.open_geometry.name == t.CITIC_FLOPS_REFERENCE
    assert setup.model == t.Transformer(14e9, 40, 5120)


def test_check_parameters_params_b_resizes_width():
    setup = t.check_parameters(TINY_DS, **{**GOOD, "params_b": 8.0})
    # 8 B over the row's 2 B: width 100 x sqrt(4) = 200, layers 4 kept
    assert (setup.model.params, setup.model.layers, setup.model.width) == (8e9, 4,
                                                                           pytest.approx(200))


BAD = [("architecture", "sora"), ("fps", 0), ("fps", "fast"), ("height_px", 63),
       ("height_px", 720.5), ("steps", 0), ("steps", 2.5), ("guidance_passes", 5),
       ("attempts_per_kept_clip", 0.5), ("params_b", -1), ("params_b", 2001), ("gpu", "b200"),
       ("utilisation", 1.5), ("utilisation", 0), ("usd_per_gpu_hour", 0), ("chunk_s", 0.5),
       ("chunk_s", 601)]


@pytest.mark.parametrize("name,value", BAD)
def test_check_parameters_refuses_each_bad_value_by_name(name, value):
    with pytest.raises(ParameterError) as err:
        t.check_parameters(TINY_DS, **{**GOOD, name: value})
    assert err.value.name == name


def test_check_parameters_edges_accepted():
    setup = t.check_parameters(TINY_DS, **{**GOOD, "fps": 1, "height_px": 64, "steps": 1,
                                           "chunk_s": 600, "params_b": 2000.0})
    assert setup.model.width == pytest.approx(100 * math.sqrt(1000))  # 2000 B / 2 B = 1000


def test_omissions_start_from_citics_own_1_2_million_token_passes_whatever_the_steps():
    model = t.Transformer(13e9, 60, 3072)
    table = t.citic_omissions(t.citic_geometry(), model, assumptions(steps=50))
    # CITIC: 60,000 patches x its own 20 steps = 1,200,000 token passes, 2N = 2.6e10 FLOPs each
    assert table.flops.iloc[0] == pytest.approx(2 * 13e9 * 1_200_000)  # 3.12e16, not x50 steps


def test_omissions_step_count_is_its_own_row():
    table = t.citic_omissions(t.citic_geometry(), t.Transformer(13e9, 60, 3072),
                              assumptions(steps=50))
    steps = table[table.adds.str.contains("20 -> 50")]
    assert len(steps) == 1 and steps.factor.iloc[0] == pytest.approx(2.5)  # 50 / 20


def test_clip_costs_give_citic_geometry_as_a_7_5_to_10_fps_range():
    clips = pd.DataFrame({"label": ["Vidu 16 s"], "seconds": [16.0]})
    costs = t.clip_costs(clips, {"CITIC": t.citic_geometry()}, t.Transformer(14e9, 40, 5120),
                         assumptions(steps=20), fps=24, height_px=1080)
    row = costs.iloc[0]
    # 16 s x 7.5 fps = 120 frames, x 10 fps = 160 frames; 1,000 patches each
    assert (row.frames, row.frames_high) == (120, 160)
    assert (row.tokens, row.tokens_high) == (120_000, 160_000)
    assert row.usd < row.usd_high
