"""Properties of the token arithmetic over generated geometries and models (hypothesis)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from videorace.analysis import tokens as t


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
