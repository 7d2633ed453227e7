"""Regressions for the token-cost issue: CITIC's own baseline and frame rate (4), the parameter
count moving the architecture (5), impossible utilisation (6), and what the FLOPs count and cite
(10). Each test here failed on the code before the fix."""

import inspect
import math

import pandas as pd
import pytest

from videorace import data
from videorace.analysis import tokens as t


@pytest.fixture(scope="module")
def ds():
    return data.load()


@pytest.fixture(scope="module")
def arch(ds):
    return ds.architectures.set_index("arch_id", drop=False)


def assumptions(steps, passes=1, attempts=1.0):
    return t.CostAssumptions(steps=steps, passes_per_step=passes, attempts=attempts, tflops=989,
                             utilisation=0.4, usd_per_gpu_hour=2.5)


# --- 4. CITIC's baseline is CITIC's ---------------------------------------------------------------

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


def test_hunyuanvideo_full_count_is_about_6_4_times_citic(arch):
    row = arch.loc["hunyuanvideo"]
    assert (row.params_b, row.layers, row.hidden_width, row.text_tokens) == (13, 60, 3072, 256)
    table = t.citic_omissions(t.geometry(row), t.transformer(row), assumptions(steps=50))
    # HunyuanVideo at CITIC's 60 frames, 1280 x 720: ceil(59 / 4) + 1 = 16 latent frames of
    # (720 / 16) x (1280 / 16) = 3,600 tokens: 57,600, + 256 text tokens = 57,856
    seq = 57_856
    per_pass = 2 * 13e9 * seq + 4 * 60 * 3072 * seq ** 2  # 1.504e15 + 2.468e15 = 3.972e15
    full = per_pass * 50  # 50 steps, one pass per step, one attempt
    citic = 2 * 13e9 * 60_000 * 20  # 3.12e16
    assert full / citic == pytest.approx(6.366, abs=0.001)
    assert table.vs_citic.iloc[-1] == pytest.approx(full / citic)


def test_sized_counts_citic_geometry_at_its_implied_rate_not_the_notebooks_fps():
    # 16 s at CITIC's 60 frames per 6 s = 10 fps: 160 frames (not 16 x 24 = 384)
    assert t.sized(t.citic_geometry(), 16, 24, 1080).frames == 160


def test_clip_costs_give_citic_geometry_as_a_7_5_to_10_fps_range():
    clips = pd.DataFrame({"label": ["Vidu 16 s"], "seconds": [16.0]})
    costs = t.clip_costs(clips, {"CITIC": t.citic_geometry()}, t.Transformer(14e9, 40, 5120),
                         assumptions(steps=20), fps=24, height_px=1080)
    row = costs.iloc[0]
    # 16 s x 7.5 fps = 120 frames, x 10 fps = 160 frames; 1,000 patches each
    assert (row.frames, row.frames_high) == (120, 160)
    assert (row.tokens, row.tokens_high) == (120_000, 160_000)
    assert row.usd < row.usd_high


def test_citic_clip_duration_in_the_data_gives_the_implied_rate(ds):
    m = ds.metrics.set_index("metric_id")
    short, long = m.loc["m_citic_clip_s", "value_low"], m.loc["m_citic_clip_s", "value_high"]
    assert (short, long) == t.CITIC_CLIP_S
    assert t.citic_fps() == (60 / long, 60 / short) == (7.5, 10)


def test_citic_setup_sets_the_reference_model_beside_citic_geometry_once(ds):
    setup = t.check_parameters(ds, architecture="citic", fps=24, height_px=1080, steps=20,
                               guidance_passes=2, attempts_per_kept_clip=1.0, params_b=0.0,
                               gpu="h100", utilisation=0.4, usd_per_gpu_hour=2.5, chunk_s=5.0)
    geometries = t.clip_geometries(setup)
    assert list(geometries) == [t.CITIC_LABEL, "Wan2.1-T2V-14B"]  # named as a reader knows it
    assert (setup.open_model, setup.geometry_name) == ("wan21_14b", t.CITIC_LABEL)
    assert sum(g.patches_per_frame is not None for g in geometries.values()) == 1


# --- 5. The parameter count moves the architecture ------------------------------------------------

def test_doubling_params_multiplies_the_attention_term_by_sqrt_2(arch):
    row = arch.loc["wan21_14b"]
    base, doubled = t.transformer(row), t.transformer(row, 28)
    s = 57_600

    def attention(m):
        return 4 * m.layers * m.width * s ** 2

    # N ~ 12 L d^2 with L kept: d' = d sqrt(N'/N) = 5120 sqrt(2) ~ 7,241, so 4 L d' S^2 is
    # sqrt(2) ~ 1.414 times 4 L d S^2, while 2 N S doubles
    assert doubled.layers == base.layers == 40
    assert attention(doubled) / attention(base) == pytest.approx(math.sqrt(2))
    assert doubled.params == 2 * base.params


def test_sensitivity_params_swing_includes_attention():
    g = t.Geometry("tiny", 64, 32, 9, text_tokens=2)  # 24 tokens + 2 text = 26
    model = t.Transformer(1000, 2, 10)  # 4 L d = 80
    table = t.sensitivity(g, model, assumptions(steps=1), {"params": (500, 2000)})
    # 2000: 2 x 2000 x 26 + 80 x sqrt(2) x 676 = 104,000 + 76,481 = 180,481
    # 500: 2 x 500 x 26 + 80 / sqrt(2) x 676 = 26,000 + 38,241 = 64,241
    high = 104_000 + 80 * math.sqrt(2) * 676
    low = 26_000 + 80 / math.sqrt(2) * 676
    assert table.swing.iloc[0] == pytest.approx(high / low)  # ~2.81; 1.97 with attention fixed


# --- 6. Impossible utilisation is called impossible -----------------------------------------------

@pytest.mark.parametrize("gpu,percent", [("a100", "114%"), ("h20", "240%")])
def test_unstated_gpu_too_slow_is_impossible(ds, gpu, percent):
    table = t.utilisation_table(ds.architectures, ds.gpus, gpu).set_index("name")
    hunyuan = table.loc["HunyuanVideo"]
    assert not hunyuan.plausible and hunyuan.implied_utilisation > 1
    assert hunyuan.implied_utilisation == pytest.approx(int(percent[:-1]) / 100, abs=0.005)
    assert hunyuan.reading == f"impossible: not stated, {gpu.upper()} too slow (wrong GPU)"
    assert table.plausible[table.gpu_stated].all()  # CogVideoX-5B and Open-Sora 2.0 on H100
    text = t.describe_utilisation(table.reset_index(), 0.4, gpu)
    assert percent not in text and "38% to 53%" in text
    assert f"is impossible: the {gpu.upper()} is too slow" in text


# --- 10. What the FLOPs count, and whom they cite for what -----------------------------------------

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


def test_notebook_caveats_name_the_uncounted_parts_and_the_sources():
    import nbformat

    from videorace.pipeline import config

    nb = nbformat.read(config.NOTEBOOKS_DIR / "04_token_cost.ipynb", as_version=4)
    caveats = next(c.source for c in nb.cells if c.source.startswith("## What could not be"))
    flat = " ".join(caveats.split())
    assert "VAE decoder" in flat and "text encoder" in flat and "lower bounds" in flat
    assert "Kaplan et al. 2020 (Table 1)" in flat and "PaLM's appendix B" in flat
    assert "square root" in flat and "layers" in flat  # how params_b resizes the model
