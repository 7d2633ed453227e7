"""notebooks/04_token_cost run in-process (tests/notebook_run.py): the figures its reports print,
and that it runs to the end, without a NaN in its prose, for the edge values it accepts."""

import re

import pytest

from tests.notebook_run import run
from videorace import data
from videorace.analysis import tokens as t

NAME = "04_token_cost"


def no_nan(text: str) -> None:
    assert not re.search(r"\b(nan|inf)\b", text, flags=re.IGNORECASE), text


def test_hunyuanvideo_report_full_count_vs_citic(monkeypatch):
    r = run(NAME, monkeypatch, architecture="hunyuanvideo", steps=50, guidance_passes=1)
    # The architecture row: N = 13e9, L = 60, d = 3072, 256 text tokens, a causal 4 -> 1 VAE,
    # 8 x 8 spatial and 2 x 2 patches. The omissions table is at CITIC's 60 frames and at the
    # clips' 1080p (height_px), not the architecture's own 720p: ceil(59 / 4) + 1 = 16 latent
    # frames x ceil(1080 / 16) = 68 x (1920 / 16) = 120 -> 16 x 8,160 = 130,560 tokens, + 256 text
    # = 130,816 in the sequence.
    seq = 130_816
    per_pass = 2 * 13e9 * seq + 4 * 60 * 3072 * seq ** 2  # 3.401e15 + 1.262e16 = 1.602e16
    full = per_pass * 50 * 1 * 1  # 50 steps, one pass (guidance-distilled), one attempt
    citic = 2 * 13e9 * 60_000 * 20  # CITIC's 1.2 million token passes at 2N FLOPs: 3.12e16
    assert f"x{full / citic:.1f}" == "x25.7"
    assert r.key_figures()["full count vs CITIC's arithmetic, at 1080p"] == "x25.7"
    # at its own 720p the count is 16 x 45 x 80 = 57,600 tokens, 0.96 of CITIC's 60,000: CITIC's
    # 60 time positions are 60 / 16 = 3.75 times the VAE's, its 1,000 patches per frame 3,600 /
    # 1,000 = 3.6 times fewer
    assert "60 frames are 57,600 tokens, x0.96 CITIC's count" in r.text
    assert "x3.8 the time positions" in r.text and "x3.6 that many per latent frame" in r.text
    assert "step count (20 to 50) by x2.50" in r.text
    no_nan(r.text)


def test_default_report_figures(monkeypatch):
    r = run(NAME, monkeypatch)
    figures = r.key_figures()
    # wan21_14b, 20 steps, 2 passes, at the clips' 1080p: 16 x 68 x 120 = 130,560 tokens at 60
    # frames, no text tokens;
    # (2 x 14e9 x 130,560 + 4 x 40 x 5120 x 130,560^2) x 20 x 2 / (2 x 14e9 x 1.2e6) = 21.0
    seq = 130_560
    full = (2 * 14e9 * seq + 4 * 40 * 5120 * seq ** 2) * 20 * 2
    assert figures["full count vs CITIC's arithmetic, at 1080p"] == f"x{full / (2 * 14e9 * 1.2e6):.1f}"
    # Kling's 180 s headlined as it is made, in 5 s chunks, with one sequence as the bound: the
    # chunks' cost is the one-sequence dollars times the chunking table's FLOPs ratio
    made = figures["Kling 180 s as it is made, 36 chunks of 5 s (Wan2.1-T2V-14B)"]
    chunks, costs = r.namespace["chunks"], r.namespace["costs"]
    one = costs[(costs.geometry == "Wan2.1-T2V-14B") & (costs.label == "Kling 180 s")].iloc[0]
    assert made == (f"${one.usd * chunks.vs_one_sequence.iloc[-1]:,.0f} per kept clip (one 180 s "
                    f"sequence, the bound: ${one.usd:,.0f})")
    assert chunks.chunks.iloc[0] == 1 and chunks.flops.iloc[0] == one.flops  # the bound's row
    assert chunks.vs_one_sequence.iloc[-1] < 0.05  # 36 chunks cut attention's term 36-fold
    # Kling 180 s in CITIC's geometry: 180 x 7.5 = 1,350 to 180 x 10 = 1,800 frames of 1,000
    citic = figures["longest clip, CITIC geometry"]
    assert citic.startswith("Kling 180 s at 7.5-10 fps: 1,350,000-1,800,000 tokens")
    assert "7.5 to 10 frames per second" in r.text
    no_nan(r.text)


def test_citic_report_shows_citic_geometry_once_beside_the_labelled_reference(monkeypatch):
    r = run(NAME, monkeypatch, architecture="citic")
    costs = r.namespace["costs"]
    assert list(costs.geometry.unique()) == [t.CITIC_LABEL, "Wan2.1-T2V-14B"]  # the reference
    vidu = costs[costs.label == "Vidu 16 s"].set_index("geometry")
    # CITIC: 16 s x 7.5 fps x 1,000 = 120,000; wan21_14b at 1080p and 24 fps: 384 frames ->
    # ceil(383 / 4) + 1 = 97 latent frames x ceil(1080 / 16) x ceil(1920 / 16) = 68 x 120 = 8,160
    assert vidu.tokens[t.CITIC_LABEL] == 120_000
    assert vidu.tokens["Wan2.1-T2V-14B"] == 97 * 8_160
    assert "Wan2.1-T2V-14B geometry (the model whose transformer CITIC's FLOPs use)" in r.text
    no_nan(r.text)


@pytest.mark.parametrize("architecture", ["wan21_14b", "citic"])
def test_key_figures_and_prose_name_models_not_ids(monkeypatch, architecture):
    """A reader sees Wan2.1-T2V-14B, not the table's key wan21_14b (issue #23, item 15)."""
    r = run(NAME, monkeypatch, architecture=architecture)
    ids = set(data.load().architectures.arch_id)
    shown = " ".join(f"{k} {v}" for k, v in r.key_figures().items())
    assert not ids & set(re.findall(r"[a-z0-9_.]+", shown)), shown
    # nor in the prose, the omissions table or the clip-cost chart's geometries
    seen = " ".join([r.text, *r.namespace["omitted"].adds, *r.namespace["costs"].geometry])
    assert not [i for i in ids if re.search(rf"\b{i}\b", seen)]
    assert "Wan2.1-T2V-14B" in shown + r.text


def test_h20_report_calls_the_unstated_gpu_row_impossible(monkeypatch):
    r = run(NAME, monkeypatch, gpu="h20")
    assert "impossible" in r.text and "240%" not in r.text
    assert "38% to 53% of peak (2 rows)" in r.text  # the stated, possible rows only
    assert r.namespace["util"].set_index("name").reading["HunyuanVideo"].startswith("impossible")
    no_nan(r.text)


def test_params_is_not_the_smallest_lever_once_width_moves_with_n(monkeypatch):
    r = run(NAME, monkeypatch)
    assert "The smallest swing is params" not in r.text


EDGES = [{"steps": 1}, {"fps": 1}, {"height_px": 64}, {"chunk_s": 600.0}, {"gpu": "h20"},
         {"params_b": 2000.0}, {"gpu": "a100", "params_b": 0.001},
         {"steps": 1, "fps": 1, "height_px": 64, "chunk_s": 600.0, "params_b": 2000.0,
          "gpu": "h20"},
         {"steps": 1000, "fps": 240, "height_px": 4320, "guidance_passes": 4,
          "attempts_per_kept_clip": 100.0, "utilisation": 1.0, "chunk_s": 1.0}]


@pytest.mark.parametrize("architecture", ["citic", "hunyuanvideo", "ltx_video_09"])
@pytest.mark.parametrize("edge", EDGES, ids=lambda e: ",".join(f"{k}={v}" for k, v in e.items()))
def test_runs_to_the_end_at_edge_values(monkeypatch, architecture, edge):
    r = run(NAME, monkeypatch, architecture=architecture, **edge)
    assert any(k.startswith("full count vs CITIC's arithmetic, at ") for k in r.key_figures())
    no_nan(r.text)


@pytest.mark.parametrize("architecture", ["citic", *data.load().architectures.arch_id])
def test_runs_to_the_end_for_every_architecture(monkeypatch, architecture):
    r = run(NAME, monkeypatch, architecture=architecture)
    assert r.text.count("CITIC's geometry") >= 1
    no_nan(r.text)


def test_chunk_longer_than_the_clip_says_so(monkeypatch):
    r = run(NAME, monkeypatch, chunk_s=600.0)
    assert "chunking saves nothing" in r.text
