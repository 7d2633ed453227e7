"""videorace.analysis.tokens.compute: FLOPs, GPU time and money, the spans the costs range
over, and which assumption moves the cost."""

import inspect
import math

import pytest

from tests.tokens_examples import A, PASS_26, SMALL, TINY, arch_frame, assumptions
from videorace.analysis import tokens as t


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
    # two pieces of 10 video tokens, each with 2 text tokens: 2 x (24,000 + 80 x 144) = 71,040
    assert t.chunked_flops(20, 2, SMALL, 1, text_tokens=2) == 71_040
    assert t.chunked_flops(18, 1, SMALL, 1, text_tokens=2) == 72_000  # one sequence of 20
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


def test_transformer_from_a_row_and_resized():
    row = next(arch_frame({}).itertuples())
    assert t.transformer(row) == t.Transformer(2e9, 4, 100)
    resized = t.transformer(row, 8)  # 8 B is 4x 2 B: width 100 x sqrt(4) = 200, layers kept
    assert (resized.params, resized.layers, resized.width) == (8e9, 4, pytest.approx(200))


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
    swing = dict(zip(table.key, table.swing))
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
    assert list(table.key) == ["height_px", "params", "steps", "frames", "usd_per_gpu_hour"]
    # the reader sees words, never the keys
    assert list(table.assumption) == ["frame height", "model size (parameters)", "denoising steps",
                                      "frames in the clip", "price per GPU-hour"]
    assert list(table.base_usd) == pytest.approx([1909.44] * 5)
    assert table.set_index("key").usd_at_high["steps"] == pytest.approx(2 * 1909.44)


def test_gpu_seconds_and_dollars():
    secs = t.gpu_seconds(989e12 * 3600 * 0.5, 989, 0.5)
    assert secs == pytest.approx(3600)
    assert t.dollars(secs, 2.5) == pytest.approx(2.5)
    with pytest.raises(ValueError):
        t.gpu_seconds(1, 989, 0)


def test_chunks_cut_attention_but_not_the_linear_term():
    m = t.Transformer(14e9, 40, 5120)
    whole = t.chunked_flops(1e6, 1, m, 1)
    halves = t.chunked_flops(1e6, 2, m, 1)
    linear = 2 * m.params * 1e6
    assert whole - linear == pytest.approx(2 * (halves - linear))


def test_implied_utilisation_inverts_gpu_seconds():
    flops = 3e16
    secs = t.gpu_seconds(flops, 989, 0.37)
    assert t.implied_utilisation(flops, secs, 989) == pytest.approx(0.37)


def test_sensitivity_ranks_by_swing():
    g = t.Geometry("x", 1280, 720, 81)
    a = t.CostAssumptions(steps=50, passes_per_step=2, attempts=1, tflops=989, utilisation=0.4,
                          usd_per_gpu_hour=2.5)
    table = t.sensitivity(g, t.Transformer(14e9, 40, 5120), a,
                          {"steps": (25, 50), "usd_per_gpu_hour": (2, 2.2)})
    assert list(table.key) == ["steps", "usd_per_gpu_hour"]
    assert table.swing.iloc[0] == pytest.approx(2.0, rel=1e-9)


def test_sensitivity_skips_resolution_for_citic_geometry():
    a = t.CostAssumptions(steps=20, passes_per_step=1, attempts=1, tflops=989, utilisation=0.4,
                          usd_per_gpu_hour=2.5)
    table = t.sensitivity(t.citic_geometry(), t.Transformer(14e9, 40, 5120), a,
                          {"height_px": (720, 1080), "steps": (20, 50)})
    assert list(table.key) == ["steps"]


def test_sensitivity_params_swing_includes_attention():
    g = t.Geometry("tiny", 64, 32, 9, text_tokens=2)  # 24 tokens + 2 text = 26
    model = t.Transformer(1000, 2, 10)  # 4 L d = 80
    table = t.sensitivity(g, model, assumptions(steps=1), {"params": (500, 2000)})
    # 2000: 2 x 2000 x 26 + 80 x sqrt(2) x 676 = 104,000 + 76,481 = 180,481
    # 500: 2 x 500 x 26 + 80 / sqrt(2) x 676 = 26,000 + 38,241 = 64,241
    high = 104_000 + 80 * math.sqrt(2) * 676
    low = 26_000 + 80 / math.sqrt(2) * 676
    assert table.swing.iloc[0] == pytest.approx(high / low)  # ~2.81; 1.97 with attention fixed


def test_module_docstring_cites_kaplan_for_2n_and_palm_for_attention():
    doc = t.__doc__
    kaplan, palm = doc.index("Kaplan et al. 2020"), doc.index("Chowdhery et al. 2022")
    assert "2*N" in doc[doc.rindex("-", 0, kaplan):kaplan] and "Table 1" in doc[kaplan:palm]
    assert "appendix B" in doc[palm:] and "12*L*H*Q*T" in doc[palm:]
    assert "4*L*d*S^2" in doc[palm:]
    assert "Table 1" not in doc[palm:]


@pytest.mark.parametrize("function", [t.clip_flops, t.chunked_flops, t.clip_cost, t.clip_costs,
                                      t.citic_omissions, t.flops_per_pass, t.utilisation_table])
def test_cost_functions_say_the_vae_decoder_and_text_encoder_are_left_out(function):
    doc = " ".join(inspect.getdoc(function).split())
    assert "text encoder" in doc.lower() and "VAE decoder" in doc


def test_span_widens_to_take_in_the_reports_own_value():
    assert t.span(0.4, (0.2, 0.6)) == (0.2, 0.6)
    assert t.span(1.0, (0.2, 0.6)) == (0.2, 1.0)
    assert t.span(0.1, (0.2, 0.6)) == (0.1, 0.6)


def test_sensitivity_ranges_are_the_named_spans_frames_over_the_clip_and_half_to_twice_n():
    ranges = t.sensitivity_ranges(SMALL, 16)
    assert ranges["utilisation"] == t.UTILISATION_SPAN == (0.2, 0.6)
    assert ranges["usd_per_gpu_hour"] == t.USD_PER_GPU_HOUR_SPAN == (1.5, 4.0)
    assert ranges["frames"] == (128, 480)  # 8 and 30 fps over 16 s
    assert ranges["params"] == (500, 2000)  # half and twice SMALL's 1,000
    assert set(ranges) == set(t.ASSUMPTION_WORDS)  # every assumption has its words


def test_assumption_value_writes_each_assumption_as_a_reader_reads_it():
    assert t.assumption_value("utilisation", 0.4) == "40%"
    assert t.assumption_value("usd_per_gpu_hour", 2.5) == "USD 2.50"
    assert t.assumption_value("height_px", 1080) == "1080p"
    assert t.assumption_value("params", 14e9) == "14 B"
    assert t.assumption_value("steps", 50) == "50"


def test_chained_cost_range_low_and_high_ends():
    # TINY, 2 s at 12 fps and 32 px high: 56 video tokens; chunk_s 1 -> 2 chunks of 28 + 2 text
    # tokens = 30: per step and pass 2 x (2000 x 30 + 80 x 30^2) = 2 x 132,000 = 264,000; x 3
    # steps x 2 passes x 1.5 attempts = 2,376,000 FLOPs, on a GPU of 1,000 FLOP/s
    cost = t.chained_cost_range(2, 1, TINY, SMALL, A, 12, 32, (0.25, 0.5), (1800, 3600))
    assert (cost["chunks"], cost["seconds_per_chunk"]) == (2, 1)
    # low: at 50%, 4,752 s at USD 1,800 an hour = 2,376; high: at 25%, 9,504 s at 3,600
    assert cost["usd_low"] == pytest.approx(2376)
    assert cost["usd_high"] == pytest.approx(9504)


def test_chained_cost_range_counts_citic_geometry_over_its_implied_rates():
    cost = t.chained_cost_range(2, 1, t.citic_geometry(), SMALL, A, 24, 32, (0.25, 0.5),
                                (1800, 3600))
    # low: 2 s at 7.5 fps = 15 frames, 15,000 patches, 2 chunks of 7,500:
    # 2 x (2000 x 7,500 + 80 x 7,500^2) x 9 = 2 x 4.515e9 x 9 = 8.127e10 FLOPs; / 500 FLOP/s /
    # 3,600 x 1,800 = 8.127e10 / 1,000
    assert cost["usd_low"] == pytest.approx(8.127e10 / 1000)
    # high: 20 frames, 2 chunks of 10,000: 2 x (2e7 + 8e9) x 9 = 1.4436e11; / 250 FLOP/s, USD 1/s
    assert cost["usd_high"] == pytest.approx(1.4436e11 / 250)


def test_chained_cost_range_of_a_clip_within_one_chunk_is_one_sequence():
    cost = t.chained_cost_range(2, 5, TINY, SMALL, A, 12, 32, (0.5, 0.5), (3600, 3600))
    assert (cost["chunks"], cost["seconds_per_chunk"]) == (1, 2)
    # one sequence of 58: (2000 x 58 + 80 x 58^2) x 9 = 385,120 x 9 = 3,466,080; / 500, USD 1/s
    assert cost["usd_low"] == cost["usd_high"] == pytest.approx(3_466_080 / 500)
