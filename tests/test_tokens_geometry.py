"""videorace.analysis.tokens.geometry: how a clip becomes tokens, CITIC's flat count, sizing and
how a geometry is named (hypothetical where the model does not generate that size)."""

import pandas as pd
import pytest

from tests.tokens_examples import TINY, arch_frame
from videorace.analysis import tokens as t


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


def test_citic_geometry_default_and_other_lengths():
    assert t.tokens_per_clip(t.citic_geometry()) == 60_000  # 60 frames x 1,000
    assert t.citic_geometry(3).frames == 3


def test_citic_fps_is_60_frames_over_8_and_6_seconds():
    assert t.citic_fps() == (7.5, 10.0)  # 60 / 8 and 60 / 6


def test_frame_rates_citic_range_else_the_parameter():
    assert t.frame_rates(TINY, 24) == (24, 24)
    assert t.frame_rates(t.citic_geometry(), 24) == (7.5, 10.0)


def test_geometry_from_a_row_and_missing_text_tokens():
    rows = list(arch_frame({}, {"arch_id": "no_text", "text_tokens": float("nan")}).itertuples())
    assert t.geometry(rows[0]) == TINY
    assert t.geometry(rows[1]).text_tokens == 0


def test_calibration_matches_mismatches_and_unpublished():
    cal = t.calibration(arch_frame({}, {"arch_id": "off", "tokens_published": 25.0},
                                   {"arch_id": "none", "tokens_published": float("nan")}))
    assert list(cal.tokens_computed) == [24, 24, 24]  # 3 latent frames x 8
    assert list(cal.latent_frames) == [3, 3, 3] and list(cal.tokens_per_frame) == [8, 8, 8]
    assert bool(cal.matches[0]) is True
    assert bool(cal.matches[1]) is False  # 24 computed, 25 published
    assert cal.matches[2] is pd.NA


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


def test_citic_preset_reproduces_60000_patches_and_1_2_million_tokens():
    g = t.citic_geometry()
    assert t.tokens_per_clip(g) == 60_000
    assert t.token_passes(t.tokens_per_clip(g), t.CITIC_STEPS) == 1_200_000


def test_causal_and_grouped_latent_frames():
    assert t.latent_frames(49, 4, 1, True) == 13
    assert t.latent_frames(88, 4, 1, False) == 22
    assert t.latent_frames(204, 17, 3, False) == 36


def test_sized_counts_citic_geometry_at_its_implied_rate_not_the_notebooks_fps():
    # 16 s at CITIC's 60 frames per 6 s = 10 fps: 160 frames (not 16 x 24 = 384)
    assert t.sized(t.citic_geometry(), 16, 24, 1080).frames == 160


def test_hypothetical_is_any_height_but_the_published_one_and_never_citic():
    assert not t.hypothetical(TINY, 32)  # TINY is published 64 x 32
    assert t.hypothetical(TINY, 64) and t.hypothetical(TINY, 16)  # above and below
    assert not t.hypothetical(t.citic_geometry(), 1080)  # a flat count at no stated size


def test_geometry_label_names_the_model_the_height_and_marks_hypothetical_sizes():
    assert t.geometry_label("Tiny", TINY, 32) == "Tiny's geometry at 32p"
    assert t.geometry_label("Tiny", TINY, 1080) == "Tiny's geometry at 1080p (hypothetical)"
    assert t.geometry_label("anything", t.citic_geometry(), 1080) == t.CITIC_LABEL


def test_hypothetical_note_says_what_the_model_generates_and_nothing_when_native():
    assert t.hypothetical_note("Tiny", TINY, 32) == ""
    assert t.hypothetical_note("Tiny", TINY, 1080) == (
        "Tiny generates 64x32, not 1080p, so its geometry at 1080p is labelled hypothetical "
        "throughout: what the arithmetic gives for a size the model does not make.")
    assert t.hypothetical_note("CITIC", t.citic_geometry(), 1080) == ""
