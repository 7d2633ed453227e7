"""Token arithmetic: CITIC reproduced, published open models reproduced, and its properties."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from videorace import data
from videorace.analysis import tokens as t

# Tokens per clip as the repositories and papers publish them (shared/research notes).
PUBLISHED = {"cogvideox_2b": 17_550, "cogvideox_5b": 17_550, "hunyuanvideo": 118_800,
             "wan21_1_3b": 32_760, "wan21_14b": 75_600, "opensora_20": 76_032, "mochi_1": 44_520,
             "ltx_video_09": 6_144, "step_video_t2v": 75_888, "allegro": 79_200}


@pytest.fixture(scope="module")
def arch():
    return data.load().architectures.set_index("arch_id", drop=False)


def test_citic_preset_reproduces_60000_patches_and_1_2_million_tokens():
    g = t.citic_geometry()
    assert t.tokens_per_clip(g) == 60_000
    assert t.token_passes(t.tokens_per_clip(g), t.CITIC_STEPS) == 1_200_000


def test_citic_figures_in_the_data_agree_with_the_preset():
    m = data.load().metrics.set_index("metric_id")
    assert m.loc["m_citic_frames", "value_low"] == t.CITIC_FRAMES
    assert m.loc["m_citic_patches", "value_low"] == t.tokens_per_clip(t.citic_geometry())
    assert m.loc["m_citic_steps", "value_low"] == t.CITIC_STEPS


@pytest.mark.parametrize("arch_id,published", sorted(PUBLISHED.items()))
def test_published_tokens_per_clip_reproduced(arch, arch_id, published):
    row = arch.loc[arch_id]
    assert row.tokens_published == published  # the data carries the published figure ...
    assert t.tokens_per_clip(t.geometry(row)) == published  # ... and the geometry reproduces it


def test_calibration_flags_every_published_row_as_matching(arch):
    cal = t.calibration(arch.reset_index(drop=True))
    published = cal[cal.tokens_published.notna()]
    assert len(published) >= 6 and published.matches.all()


def test_research_note_attention_check(arch):
    """CITIC's 60 frames at Wan-14B geometry: 57,600 tokens, attention ~63%, ~2.7x over 2NS."""
    row = arch.loc["wan21_14b"]
    g, m = t.geometry(row).at(frames=60), t.transformer(row)
    s = t.tokens_per_clip(g)
    assert s == 57_600
    assert t.attention_share(s, m) == pytest.approx(0.63, abs=0.005)
    assert t.flops_per_pass(s, m) / (2 * m.params * s) == pytest.approx(2.7, abs=0.02)


def test_causal_and_grouped_latent_frames():
    assert t.latent_frames(49, 4, 1, True) == 13
    assert t.latent_frames(88, 4, 1, False) == 22
    assert t.latent_frames(204, 17, 3, False) == 36


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
    assert list(table.assumption) == ["steps", "usd_per_gpu_hour"]
    assert table.swing.iloc[0] == pytest.approx(2.0, rel=1e-9)


# --- properties ----------------------------------------------------------------------------------

geometries = st.builds(
    t.Geometry, name=st.just("g"), width_px=st.integers(16, 4096), height_px=st.integers(16, 4096),
    frames=st.integers(1, 2000), vae_t_in=st.sampled_from([4, 6, 8, 17]),
    vae_t_out=st.sampled_from([1, 3, 5]), causal_first_frame=st.booleans(),
    vae_h=st.sampled_from([8, 16, 32]), vae_w=st.sampled_from([8, 16, 32]),
    patch_t=st.sampled_from([1, 2]), patch_h=st.sampled_from([1, 2]), patch_w=st.sampled_from([1, 2]))


@settings(max_examples=200, deadline=None)
@given(geometries, st.integers(1, 600))
def test_tokens_never_negative_and_grow_with_duration(g, more_frames):
    assert t.tokens_per_clip(g) >= 1
    assert t.tokens_per_clip(g.at(frames=g.frames + more_frames)) >= t.tokens_per_clip(g)


@settings(max_examples=200, deadline=None)
@given(geometries, st.integers(1, 2048), st.integers(1, 2048))
def test_tokens_grow_with_resolution(g, extra_w, extra_h):
    bigger = g.at(width_px=g.width_px + extra_w, height_px=g.height_px + extra_h)
    assert t.tokens_per_clip(bigger) >= t.tokens_per_clip(g)


@settings(max_examples=200, deadline=None)
@given(st.floats(1, 1e7), st.floats(1.01, 100), st.floats(1e8, 1e11), st.integers(1, 100),
       st.integers(64, 8192))
def test_attention_share_rises_with_sequence_length(s, factor, n, layers, width):
    m = t.Transformer(n, layers, width)
    assert 0 < t.attention_share(s, m) < 1
    assert t.attention_share(s * factor, m) > t.attention_share(s, m)


def test_sensitivity_skips_resolution_for_citic_geometry():
    a = t.CostAssumptions(steps=20, passes_per_step=1, attempts=1, tflops=989, utilisation=0.4,
                          usd_per_gpu_hour=2.5)
    table = t.sensitivity(t.citic_geometry(), t.Transformer(14e9, 40, 5120), a,
                          {"height_px": (720, 1080), "steps": (20, 50)})
    assert list(table.assumption) == ["steps"]
