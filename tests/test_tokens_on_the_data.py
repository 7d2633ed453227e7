"""The token arithmetic on the project's own data: the published token counts of the open models
reproduced, CITIC's figures in metrics.csv, and what the architectures and GPUs give."""

import math

import pytest

from tests.tokens_examples import assumptions
from videorace import data
from videorace.analysis import tokens as t


# Tokens per clip as the repositories and papers publish them (shared/research notes).
PUBLISHED = {"cogvideox_2b": 17_550, "cogvideox_5b": 17_550, "hunyuanvideo": 118_800,
             "wan21_1_3b": 32_760, "wan21_14b": 75_600, "opensora_20": 76_032, "mochi_1": 44_520,
             "ltx_video_09": 6_144, "step_video_t2v": 75_888, "allegro": 79_200}


@pytest.fixture(scope="module")
def arch():
    return data.load().architectures.set_index("arch_id", drop=False)


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


@pytest.fixture(scope="module")
def ds():
    return data.load()


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
    # named as a reader knows it, and hypothetical at 1080p: the model generates 1280x720
    assert list(geometries) == [t.CITIC_LABEL, "Wan2.1-T2V-14B's geometry at 1080p (hypothetical)"]
    assert (setup.open_model, setup.geometry_name) == ("wan21_14b", t.CITIC_LABEL)
    assert sum(g.patches_per_frame is not None for g in geometries.values()) == 1


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
