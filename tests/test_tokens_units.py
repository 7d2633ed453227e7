"""Every public function of videorace.analysis.tokens on small hand-made inputs.

The expected values are worked out by hand in each test (the comment shows the arithmetic); none is
copied from a run. The tiny architecture used throughout:

    TINY: 64 x 32 px, 9 frames, causal VAE 4 -> 1 in time and 8 x 8 in space, 2 x 2 patches,
          2 text tokens.
          latent frames = ceil((9 - 1) / 4) + 1 = 3; per latent frame (32/16) x (64/16) = 8;
          video tokens = 3 x 8 = 24; sequence = 24 + 2 text = 26.
    SMALL: N = 1,000 parameters, L = 2 layers, width d = 10, so 4*L*d = 80.
          one pass over 26 tokens = 2*1000*26 + 80*26^2 = 52,000 + 54,080 = 106,080 FLOPs.
    A: 3 steps, 2 passes per step, 1.5 attempts, a GPU of 1e-9 TFLOP/s (1,000 FLOP/s) at 50%
       (500 FLOP/s), 3,600 dollars per GPU-hour (one dollar per GPU-second).
"""

import math
from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from videorace.analysis import tokens as t  # noqa: E402
from videorace.analysis.params import ParameterError  # noqa: E402

TINY = t.Geometry("tiny", width_px=64, height_px=32, frames=9, vae_t_in=4, vae_t_out=1,
                  causal_first_frame=True, vae_h=8, vae_w=8, patch_t=1, patch_h=2, patch_w=2,
                  text_tokens=2)
SMALL = t.Transformer(params=1000, layers=2, width=10)
A = t.CostAssumptions(steps=3, passes_per_step=2, attempts=1.5, tflops=1e-9, utilisation=0.5,
                      usd_per_gpu_hour=3600)
PASS_26 = 2 * 1000 * 26 + 80 * 26 ** 2  # 52,000 + 54,080 = 106,080


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# --- token counts ---------------------------------------------------------------------------------

def test_latent_frames_causal_plain_and_partial_groups():
    assert t.latent_frames(9, 4, 1, True) == 3  # ceil(8 / 4) + 1
    assert t.latent_frames(10, 4, 1, True) == 4  # ceil(9 / 4) = 3, + 1: a partial group rounds up
    assert t.latent_frames(9, 4, 1, False) == 3  # ceil(9 / 4)
    assert t.latent_frames(1, 4, 1, True) == 1  # the first frame alone
    assert t.latent_frames(34, 17, 3, False) == 6  # 34 * 3 / 17
    with pytest.raises(ValueError):
        t.latent_frames(0, 4, 1, True)


def test_spatial_tokens_vae_and_patches_or_citic_flat_count():
    assert t.spatial_tokens(TINY) == 8  # ceil(32 / 16) x ceil(64 / 16) = 2 x 4
    assert t.spatial_tokens(TINY.at(width_px=65)) == 10  # 2 x ceil(65 / 16) = 2 x 5
    assert t.spatial_tokens(t.citic_geometry()) == 1_000  # a flat count, whatever the size


def test_temporal_tokens_groups_latent_frames_by_temporal_patch():
    assert t.temporal_tokens(TINY) == 3
    assert t.temporal_tokens(t.Geometry("p2", 64, 32, 9, patch_t=2)) == 2  # ceil(3 latent / 2)
    assert t.temporal_tokens(t.citic_geometry(7)) == 7  # CITIC: one position per frame


def test_tokens_per_clip_tiny_and_citic():
    assert t.tokens_per_clip(TINY) == 24  # 3 latent frames x 8
    assert t.tokens_per_clip(t.citic_geometry(3)) == 3_000  # 3 frames x 1,000 patches


def test_geometry_at_keeps_architecture():
    g = TINY.at(frames=13, height_px=64)
    assert (g.width_px, g.height_px, g.frames, g.vae_t_in, g.text_tokens) == (64, 64, 13, 4, 2)


def test_token_passes():
    assert t.token_passes(24, 3) == 72  # 24 x 3
    assert t.token_passes(24, 3, 2, 1.5) == 216  # 24 x 3 x 2 x 1.5


# --- FLOPs, time, money ---------------------------------------------------------------------------

def test_attention_flops_and_flops_per_pass():
    assert t.attention_flops(26, SMALL) == 54_080  # 4 x 2 x 10 x 26^2 = 80 x 676
    assert t.flops_per_pass(26, SMALL) == PASS_26  # 2 x 1000 x 26 + 54,080


def test_attention_share():
    assert t.attention_share(26, SMALL) == pytest.approx(54_080 / 106_080)
    # at S = 25, 2N*S = 50,000 = 80 x 625: exactly half is attention
    assert t.attention_share(25, SMALL) == pytest.approx(0.5)


def test_clip_flops_multiplies_steps_passes_attempts():
    assert t.clip_flops(26, SMALL, 3) == 3 * PASS_26
    assert t.clip_flops(26, SMALL, 3, 2, 1.5) == pytest.approx(9 * PASS_26)  # 3 x 2 x 1.5 = 9


def test_chunked_flops_pieces_and_overlap():
    # one sequence of 20: 2000 x 20 + 80 x 400 = 40,000 + 32,000 = 72,000
    assert t.chunked_flops(20, 1, SMALL, 1) == 72_000
    assert t.chunked_flops(20, 1, SMALL, 1, overlap=0.5) == 72_000  # no previous piece to re-read
    # two pieces of 10: 2 x (20,000 + 80 x 100) = 2 x 28,000 = 56,000
    assert t.chunked_flops(20, 2, SMALL, 1) == 56_000
    # two pieces of 10 x 1.5 = 15: 2 x (30,000 + 80 x 225) = 2 x 48,000 = 96,000
    assert t.chunked_flops(20, 2, SMALL, 1, overlap=0.5) == pytest.approx(96_000)
    assert t.chunked_flops(20, 2, SMALL, 3, 2) == 6 * 56_000  # 3 steps x 2 passes
    with pytest.raises(ValueError):
        t.chunked_flops(20, 0, SMALL, 1)


def test_gpu_seconds_dollars_and_implied_utilisation():
    assert t.gpu_seconds(2e12, 1, 0.5) == pytest.approx(4)  # 2e12 / (1e12 x 0.5)
    assert t.gpu_seconds(1e12, 1, 1) == pytest.approx(1)  # 100% is allowed
    for bad in (0, -0.1, 1.01):
        with pytest.raises(ValueError):
            t.gpu_seconds(1, 1, bad)
    assert t.dollars(7200, 3) == pytest.approx(6)  # 2 hours x 3 $/h
    assert t.implied_utilisation(2e12, 4, 1) == pytest.approx(0.5)  # 2e12 / (4 s x 1e12)
    assert t.implied_utilisation(3e12, 1, 1) == pytest.approx(3.0)  # more than the GPU can do


def test_with_params_scales_width_with_square_root_and_keeps_layers():
    bigger = t.with_params(SMALL, 4000)
    # 4x the parameters: width x sqrt(4) = 20, layers kept at 2
    assert (bigger.params, bigger.layers, bigger.width) == (4000, 2, pytest.approx(20))
    assert t.with_params(SMALL, 1000) == SMALL
    with pytest.raises(ValueError):
        t.with_params(SMALL, 0)


# --- CITIC and the data ---------------------------------------------------------------------------

def test_citic_geometry_default_and_other_lengths():
    assert t.tokens_per_clip(t.citic_geometry()) == 60_000  # 60 frames x 1,000
    assert t.citic_geometry(3).frames == 3


def test_citic_fps_is_60_frames_over_8_and_6_seconds():
    assert t.citic_fps() == (7.5, 10.0)  # 60 / 8 and 60 / 6


def test_frame_rates_citic_range_else_the_parameter():
    assert t.frame_rates(TINY, 24) == (24, 24)
    assert t.frame_rates(t.citic_geometry(), 24) == (7.5, 10.0)


ARCH_ROW = {"arch_id": "tiny", "name": "Tiny", "params_b": 2.0, "layers": 4, "hidden_width": 100,
            "width_px": 64, "height_px": 32, "frames": 9, "vae_t_in": 4, "vae_t_out": 1,
            "causal_first_frame": True, "vae_h": 8, "vae_w": 8, "patch_t": 1, "patch_h": 2,
            "patch_w": 2, "text_tokens": 2.0, "tokens_published": 24.0, "steps": 3,
            "passes_per_step": 2, "gen_seconds": float("nan"), "gen_gpu_id": float("nan"),
            "source_id": "src"}


def arch_frame(*changes: dict) -> pd.DataFrame:
    return pd.DataFrame([{**ARCH_ROW, **c} for c in changes])


def test_geometry_from_a_row_and_missing_text_tokens():
    rows = list(arch_frame({}, {"arch_id": "no_text", "text_tokens": float("nan")}).itertuples())
    assert t.geometry(rows[0]) == TINY
    assert t.geometry(rows[1]).text_tokens == 0


def test_transformer_from_a_row_and_resized():
    row = next(arch_frame({}).itertuples())
    assert t.transformer(row) == t.Transformer(2e9, 4, 100)
    resized = t.transformer(row, 8)  # 8 B is 4x 2 B: width 100 x sqrt(4) = 200, layers kept
    assert (resized.params, resized.layers, resized.width) == (8e9, 4, pytest.approx(200))


def test_calibration_matches_mismatches_and_unpublished():
    cal = t.calibration(arch_frame({}, {"arch_id": "off", "tokens_published": 25.0},
                                   {"arch_id": "none", "tokens_published": float("nan")}))
    assert list(cal.tokens_computed) == [24, 24, 24]  # 3 latent frames x 8
    assert list(cal.latent_frames) == [3, 3, 3] and list(cal.tokens_per_frame) == [8, 8, 8]
    assert bool(cal.matches[0]) is True
    assert bool(cal.matches[1]) is False  # 24 computed, 25 published
    assert cal.matches[2] is pd.NA


def test_clip_cost_tiny():
    cost = t.clip_cost(TINY, SMALL, A)
    assert cost["tokens"] == 24
    assert cost["token_passes"] == 216  # 24 x 3 steps x 2 passes x 1.5 attempts
    assert cost["flops"] == pytest.approx(954_720)  # 106,080 x 9
    assert cost["gpu_seconds"] == pytest.approx(1909.44)  # 954,720 / 500 FLOP/s
    assert cost["usd"] == pytest.approx(1909.44)  # one dollar per GPU-second
    assert cost["attention_share"] == pytest.approx(54_080 / 106_080)


def test_sensitivity_every_kind_of_assumption():
    table = t.sensitivity(TINY, SMALL, A, {
        "steps": (3, 6), "params": (1000, 4000), "height_px": (32, 64), "frames": (9, 13),
        "usd_per_gpu_hour": (3600, 3600)})
    swing = dict(zip(table.assumption, table.swing))
    assert swing["steps"] == pytest.approx(2)  # linear in steps
    # 4x N: width 20; a pass = 2 x 4000 x 26 + 4 x 2 x 20 x 676 = 208,000 + 108,160 = 316,160
    assert swing["params"] == pytest.approx(316_160 / 106_080)
    # 64 px high and round(64 x 64 / 32) = 128 wide: 3 x (4 x 8) = 96 tokens, sequence 98:
    # 2000 x 98 + 80 x 98^2 = 196,000 + 768,320 = 964,320
    assert swing["height_px"] == pytest.approx(964_320 / 106_080)
    # 13 frames: ceil(12 / 4) + 1 = 4 latent frames, 32 tokens, sequence 34:
    # 2000 x 34 + 80 x 34^2 = 68,000 + 92,480 = 160,480
    assert swing["frames"] == pytest.approx(160_480 / 106_080)
    assert swing["usd_per_gpu_hour"] == pytest.approx(1)
    assert list(table.assumption) == ["height_px", "params", "steps", "frames", "usd_per_gpu_hour"]
    assert list(table.base_usd) == pytest.approx([1909.44] * 5)
    assert table.set_index("assumption").usd_at_high["steps"] == pytest.approx(2 * 1909.44)


# --- the notebook's tables ------------------------------------------------------------------------

def capabilities(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["model_id", "availability", "max_clip_s_high", "as_of",
                                       "source_id"])


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
    assert list(clips.columns) == ["label", "model_id", "seconds", "availability", "source_id"]


def test_sized_open_geometry_at_fps_and_16_9():
    g = t.sized(TINY, 2, 12, 32)
    assert (g.frames, g.height_px, g.width_px) == (24, 32, 57)  # 2 s x 12; round(32 x 16 / 9)
    assert t.sized(TINY, 0.01, 12, 32).frames == 1  # never fewer than one frame
    assert t.sized(TINY, 2, 12, 32, "low") == g  # end only matters for CITIC's geometry


def test_sized_citic_geometry_at_its_own_rate_not_fps():
    assert t.sized(t.citic_geometry(), 2, 24, 32).frames == 20  # 2 s x 10 fps (high end)
    assert t.sized(t.citic_geometry(), 2, 24, 32, "low").frames == 15  # 2 s x 7.5 fps
    assert t.sized(t.citic_geometry(), 2, 24, 32).width_px == 0  # no stated size
    with pytest.raises(ValueError):
        t.sized(TINY, 2, 12, 32, "middle")


def tiny_setup(architecture="tiny") -> t.Setup:
    g = t.citic_geometry() if architecture == "citic" else TINY
    return t.Setup(architecture, g, SMALL, A, 12, 32, 1, "slow", "tiny", TINY)


def test_clip_geometries_each_once():
    assert t.clip_geometries(tiny_setup()) == {t.CITIC_LABEL: t.citic_geometry(), "tiny": TINY}
    # in the citic case the open model is the FLOPs reference, not CITIC's geometry again
    assert t.clip_geometries(tiny_setup("citic")) == {t.CITIC_LABEL: t.citic_geometry(),
                                                      "tiny": TINY}


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
    # per pass: 2000 S + 80 S^2. S = 58: 116,000 + 269,120 = 385,120
    # S = 29 (x2): 2 x (58,000 + 67,280) = 250,560; S = 14.5 (x4): 4 x (29,000 + 16,820) = 183,280
    # each x 3 steps x 2 passes x 1.5 attempts = x 9
    assert list(table.flops) == pytest.approx([385_120 * 9, 250_560 * 9, 183_280 * 9])
    assert list(table.vs_one_sequence) == pytest.approx([1, 250_560 / 385_120, 183_280 / 385_120])
    assert list(table.seconds_per_chunk) == [2, 1, 0.5]
    assert list(table.tokens_per_chunk) == [58, 29, 14.5]


def test_chunking_chunk_longer_than_the_clip_is_one_sequence():
    table = t.chunking(2, 600, TINY, SMALL, A, 12, 32)
    assert list(table.chunks) == [1] and list(table.vs_one_sequence) == [1]


def test_describe_chunking_both_cases():
    many = t.chunking(2, 0.5, TINY, SMALL, A, 12, 32)
    text = t.describe_chunking(many, "A 2 s", "in `tiny` geometry at 12 fps")
    assert "4 chunks of 0.5 s" in text and f"{183_280 / 385_120:.1%}" in text  # 47.6%
    one = t.describe_chunking(t.chunking(2, 600, TINY, SMALL, A, 12, 32), "A 2 s", "here")
    assert "one 2 s sequence" in one and "saves nothing" in one


# --- utilisation ----------------------------------------------------------------------------------

GPUS = pd.DataFrame({"gpu_id": ["slow", "fast"], "bf16_dense_tflops": [1e-9, 1e-8]})
CLIP_FLOPS = PASS_26 * 3 * 2  # the tiny row's own 3 steps x 2 passes: 636,480


def test_utilisation_reading_four_cases():
    readings = [t.utilisation_reading(0.5, "h100", True), t.utilisation_reading(0.5, "h100", False),
                t.utilisation_reading(2.4, "h200", True), t.utilisation_reading(2.4, "h200", False)]
    assert readings == ["possible on one H100", "possible if made on one H100 (not stated)",
                        "impossible on one H200: several or faster GPUs",
                        "impossible: not stated, H200 too slow (wrong GPU)"]
    assert t.utilisation_reading(1.0, "h20", True) == "possible on one H20"  # 100% is the limit


SMALL_ROW = {"params_b": 1e-6, "layers": 2, "hidden_width": 10}  # SMALL: 1,000 parameters


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


def util(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["gpu_stated", "implied_utilisation", "plausible"])


def test_describe_utilisation_ranges_only_over_possible_rows():
    text = t.describe_utilisation(util((True, 0.38, True), (True, 0.53, True), (False, 1.14, False),
                                       (True, 2.4, False)), 0.4, "a100")
    assert "38% to 53%" in text and "114%" not in text and "240%" not in text
    assert "1 row more would need over 100% and is impossible: the published time must be for "\
        "several GPUs or a faster one" in text
    assert "one A100 is assumed, the one published time would need more than 100% of peak, which "\
        "is impossible: the A100 is too slow for the published time, so the wrong GPU is assumed" \
        in text
    assert "assumes 40%" in text and "nan" not in text.lower()


def test_describe_utilisation_none_stated_all_impossible_single_and_empty():
    none_stated = t.describe_utilisation(util((False, 0.36, True)), 0.4, "h100")
    assert none_stated.startswith("No published time states its GPU")
    assert "imply 36% of peak (1 row)" in none_stated  # one value, not "36% to 36%"
    all_bad = t.describe_utilisation(util((True, 1.5, False), (True, 3.0, False)), 0.4, "h100")
    assert "all 2 published times would need more than 100% of peak, which is impossible" in all_bad
    empty = t.describe_utilisation(util(), 0.4, "h100")
    assert empty.startswith("No architecture publishes a generation time")
    for text in (none_stated, all_bad, empty):
        assert "nan" not in text.lower()


# --- charts ---------------------------------------------------------------------------------------

def test_plot_clip_costs_bars_log_axis_and_citic_range_lines():
    clips = pd.DataFrame({"label": ["A 2 s", "B 4 s"], "seconds": [2.0, 4.0]})
    costs = t.clip_costs(clips, {"CITIC": t.citic_geometry(), "tiny": TINY}, SMALL, A, 12, 32)
    ax = t.plot_clip_costs(costs, "gpu_seconds", "GPU-seconds").axes[0]
    assert len(ax.patches) == 4  # 2 clips x 2 geometries
    assert sorted(p.get_height() for p in ax.patches) == pytest.approx(sorted(costs.gpu_seconds))
    assert ax.get_yscale() == "log"
    assert [tick.get_text() for tick in ax.get_xticklabels()] == ["A 2 s", "B 4 s"]
    lines = [line.get_ydata() for line in ax.get_lines()]
    assert len(lines) == 2  # one range line per CITIC bar; none for the single-rate geometry
    citic = costs[costs.geometry == "CITIC"]
    assert [list(y) for y in lines] == [pytest.approx([lo, hi]) for lo, hi in
                                        zip(citic.gpu_seconds, citic.gpu_seconds_high)]
    legend = [text.get_text() for text in ax.get_legend().get_texts()]
    assert legend == ["CITIC: bar at 7.5 fps, line to 10 fps", "tiny"]


def test_plot_clip_costs_single_geometry_without_ranges():
    costs = pd.DataFrame({"label": ["A 2 s"], "geometry": ["tiny"], "gpu_seconds": [5.0]})
    ax = t.plot_clip_costs(costs, "gpu_seconds", "GPU-seconds").axes[0]
    assert len(ax.patches) == 1 and ax.get_lines() == [] and ax.get_yscale() == "log"


def test_plot_sensitivity_one_bar_per_assumption_on_a_log_axis():
    table = t.sensitivity(TINY, SMALL, A, {"steps": (3, 6), "frames": (9, 13)})
    ax = t.plot_sensitivity(table, 1909.44, "tiny").axes[0]
    assert len(ax.patches) == 2
    assert ax.get_xscale() == "log"
    assert [tick.get_text() for tick in ax.get_yticklabels()] == ["denoising steps", "frames in 16 s"]
    bars = sorted((p.get_x(), p.get_x() + p.get_width()) for p in ax.patches)
    # steps: $1,909.44 to 2 x 1,909.44; frames: 1,909.44 to 1,909.44 x 160,480 / 106,080
    assert bars[0] == pytest.approx((1909.44, 1909.44 * 160_480 / 106_080))
    assert bars[1] == pytest.approx((1909.44, 2 * 1909.44))
    assert [line.get_xdata()[0] for line in ax.get_lines()] == [1909.44]  # the base case


# --- parameters -----------------------------------------------------------------------------------

TINY_DS = SimpleNamespace(
    architectures=arch_frame({}, {"arch_id": t.CITIC_FLOPS_REFERENCE, "params_b": 14.0,
                                  "layers": 40, "hidden_width": 5120}),
    gpus=GPUS)
GOOD = dict(architecture="tiny", fps=24, height_px=1080, steps=20, guidance_passes=2,
            attempts_per_kept_clip=1.0, params_b=0.0, gpu="fast", utilisation=0.4,
            usd_per_gpu_hour=2.5, chunk_s=5.0)


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
