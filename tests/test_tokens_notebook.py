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
    assert r.key_figures()["full count vs CITIC's arithmetic, HunyuanVideo's geometry at 1080p "
                           "(hypothetical), HunyuanVideo's transformer"] == "x25.7"
    assert "HunyuanVideo generates 1280x720, not 1080p" in r.text
    # at its own 720p the count is 16 x 45 x 80 = 57,600 tokens, 0.96 of CITIC's 60,000: CITIC's
    # 60 time positions are 60 / 16 = 3.75 times the VAE's, its 1,000 patches per frame 3,600 /
    # 1,000 = 3.6 times fewer
    assert "60 frames are 57,600 tokens, x0.96 CITIC's count" in r.text
    assert "x3.8 the time positions" in r.text and "x3.6 that many per latent frame" in r.text
    assert "50 denoising steps instead of CITIC's 20 by x2.50" in r.text
    no_nan(r.text)


def test_default_report_figures(monkeypatch):
    r = run(NAME, monkeypatch)
    figures = r.key_figures()
    # wan21_14b, 20 steps, 2 passes, at the clips' 1080p: 16 x 68 x 120 = 130,560 tokens at 60
    # frames, no text tokens;
    # (2 x 14e9 x 130,560 + 4 x 40 x 5120 x 130,560^2) x 20 x 2 / (2 x 14e9 x 1.2e6) = 21.0
    seq = 130_560
    full = (2 * 14e9 * seq + 4 * 40 * 5120 * seq ** 2) * 20 * 2
    assert figures[f"full count vs CITIC's arithmetic, {WAN_1080}, Wan2.1-T2V-14B's "
                   "transformer"] == f"x{full / (2 * 14e9 * 1.2e6):.1f}"
    # Kling's 180 s, chained, headlined as it is made, in 36 chunks of 5 s: at 24 fps 4,320
    # frames -> ceil(4,319 / 4) + 1 = 1,081 latent frames x 8,160 = 8,820,960 tokens, 36 chunks of
    # 245,026.7; per chunk and pass 2 N S + 4 L d S^2; x 20 steps x 2 passes
    chunk = 8_820_960 / 36
    flops = 36 * (2 * 14e9 * chunk + 4 * 40 * 5120 * chunk ** 2) * 20 * 2
    low = flops / (989e12 * 0.6) / 3600 * 1.5  # 60% of an H100's peak, USD 1.50 an hour
    high = flops / (989e12 * 0.2) / 3600 * 4.0  # 20%, USD 4.00
    made = figures[f"the longest chained clip (Kling 180 s), made in 36 chunks of 5 s, {WAN_1080}"]
    assert made == f"USD {low:,.3g} to {high:,.0f} per kept clip"  # 56.7 to 453
    # Kling 180 s in CITIC's geometry: 180 x 7.5 = 1,350 to 180 x 10 = 1,800 frames of 1,000
    assert "1,350 to 1,800 frames and 1,350,000 to 1,800,000 tokens" in r.text
    assert "7.5 to 10 frames per second" in r.text
    no_nan(r.text)


WAN_1080 = "Wan2.1-T2V-14B's geometry at 1080p (hypothetical)"


def shown_text(r) -> str:
    """What a reader reads: prose (without the source list), key figures, table headers and
    cells of the token tables, and each chart's alternative text."""
    prose = "\n".join(line for line in r.text.splitlines() if not line.startswith("- `"))
    figures = " ".join(f"{k} {v}" for k, v in r.key_figures().items())
    cells = " ".join(" ".join(map(str, [*table.columns, *table.to_numpy().ravel()]))
                     for table in r.tables[:4])  # omissions, clip costs, chunks, headline
    headers = " ".join(" ".join(table.columns) for table in r.tables)
    alts = " ".join(meta["image/png"]["alt"] for _, meta in r.shown
                    if meta and "image/png" in meta)
    return " ".join([prose, figures, cells, headers, alts])


@pytest.mark.parametrize("architecture", ["wan21_14b", "citic", "hunyuanvideo"])
def test_parameters_reach_the_reader_as_words_never_as_names(monkeypatch, architecture):
    r = run(NAME, monkeypatch, architecture=architecture)
    names = set(re.findall(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b", shown_text(r)))
    assert names == set(), names  # e.g. passes_per_step, chunk_s, params_b
    assert "guidance passes per step" in r.text


def test_one_headline_cost_per_geometry_each_a_range_on_one_chained_basis(monkeypatch):
    r = run(NAME, monkeypatch)
    costs = [(k, v) for k, v in r.key_figures().items() if v.startswith("USD")]
    geometries = list(r.namespace["costs"].geometry.unique())
    assert [k.rsplit(", ", 1)[-1] for k, _ in costs] != []
    assert len(costs) == len(geometries) == 2  # one each, no second cost for a geometry
    for geometry, (key, value) in zip(geometries, costs):
        assert key.endswith(geometry) and "made in 36 chunks of 5 s" in key
        low, high = (float(x.replace(",", "")) for x in re.findall(r"[\d,.]+(?= |$)", value)[:2])
        assert low < high and value.endswith("per kept clip")
        assert "sequence" not in value  # never a one-sequence cost beside a chained one
    assumptions = r.key_figures()["assumptions of the costs"]
    assert assumptions.startswith("Wan2.1-T2V-14B's transformer (14 B parameters) in every "
                                  "geometry, on one H100")
    assert "20% to 60% of peak" in assumptions
    assert "USD 1.50 to 4.00 per GPU-hour" in assumptions


def test_a_chained_clip_is_the_longest_chained_clip(monkeypatch):
    r = run(NAME, monkeypatch)
    shown = r.text + " ".join(r.key_figures())
    assert "the longest chained clip (Kling 180 s)" in shown
    assert "the longest clip" not in shown and "longest clip," not in shown
    assert "Kling 180 s, chained" in set(r.namespace["costs"].label)


def test_a_size_the_model_does_not_generate_is_hypothetical_wherever_it_appears(monkeypatch):
    r = run(NAME, monkeypatch)
    shown = shown_text(r)
    plain = "Wan2.1-T2V-14B's geometry at 1080p"
    assert shown.count(plain) >= 5 and shown.count(plain) == shown.count(WAN_1080)
    assert WAN_1080 in set(r.namespace["costs"].geometry)
    assert "Wan2.1-T2V-14B generates 1280x720, not 1080p, so its geometry" in r.text
    native = run(NAME, monkeypatch, height_px=720)  # Wan2.1-T2V-14B's own 1280x720
    assert "hypothetical" not in shown_text(native)


def test_citic_report_never_says_citic_used_wans_transformer(monkeypatch):
    r = run(NAME, monkeypatch, architecture="citic")
    shown = shown_text(r)
    assert "CITIC's FLOPs use" not in shown and "CITIC used" not in shown
    assert "this report's choice, not CITIC's" in r.text
    assert any("this report's choice, not CITIC's" in k for k in r.key_figures())
    assert "Wan2.1-T2V-14B was published in Feb 2025, after CITIC's estimate" in r.text


def test_citic_set_title_says_the_transformer_is_ours():
    import tomllib

    from videorace.pipeline import config

    sets = tomllib.loads((config.PROJECT_DIR / "reports.toml").read_text())["report"]
    title = next(s["title"] for s in sets if s["notebook"] == NAME and s["set"] == "citic")
    assert "Wan2.1-T2V-14B's transformer (our choice)" in title


def test_citic_report_shows_citic_geometry_once_beside_the_labelled_reference(monkeypatch):
    r = run(NAME, monkeypatch, architecture="citic")
    costs = r.namespace["costs"]
    assert list(costs.geometry.unique()) == [t.CITIC_LABEL, WAN_1080]  # the reference
    vidu = costs[costs.label == "Vidu 16 s"].set_index("geometry")
    # CITIC: 16 s x 7.5 fps x 1,000 = 120,000; wan21_14b at 1080p and 24 fps: 384 frames ->
    # ceil(383 / 4) + 1 = 97 latent frames x ceil(1080 / 16) x ceil(1920 / 16) = 68 x 120 = 8,160
    assert vidu.tokens[t.CITIC_LABEL] == 120_000
    assert vidu.tokens[WAN_1080] == 97 * 8_160
    no_nan(r.text)


@pytest.mark.parametrize("architecture", ["wan21_14b", "citic"])
def test_key_figures_and_prose_name_models_not_ids(monkeypatch, architecture):
    """A reader sees Wan2.1-T2V-14B, not the table's key wan21_14b."""
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
    assert "The smallest swing is model size" not in r.text


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
    assert any(k.startswith("full count vs CITIC's arithmetic, ") for k in r.key_figures())
    no_nan(r.text)


@pytest.mark.parametrize("architecture", ["citic", *data.load().architectures.arch_id])
def test_runs_to_the_end_for_every_architecture(monkeypatch, architecture):
    r = run(NAME, monkeypatch, architecture=architecture)
    assert r.text.count("CITIC's geometry") >= 1
    no_nan(r.text)


def test_chunk_longer_than_the_clip_says_so(monkeypatch):
    r = run(NAME, monkeypatch, chunk_s=600.0)
    assert "chunking saves nothing" in r.text


def test_notebook_caveats_name_the_uncounted_parts_and_the_sources():
    import nbformat

    from videorace.pipeline import config

    nb = nbformat.read(config.NOTEBOOKS_DIR / "04_token_cost.ipynb", as_version=4)
    caveats = next(c.source for c in nb.cells if c.source.startswith("## What could not be"))
    flat = " ".join(caveats.split())
    assert "VAE decoder" in flat and "text encoder" in flat and "lower bounds" in flat
    assert "Kaplan et al. 2020 (Table 1)" in flat and "PaLM's appendix B" in flat
    assert "square root" in flat and "layers" in flat  # how params_b resizes the model
