"""Small hand-made inputs the tests of videorace.analysis.tokens share.

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

from types import SimpleNamespace

import pandas as pd

from videorace.analysis import tokens as t


TINY = t.Geometry("tiny", width_px=64, height_px=32, frames=9, vae_t_in=4, vae_t_out=1,
                  causal_first_frame=True, vae_h=8, vae_w=8, patch_t=1, patch_h=2, patch_w=2,
                  text_tokens=2)


SMALL = t.Transformer(params=1000, layers=2, width=10)


A = t.CostAssumptions(steps=3, passes_per_step=2, attempts=1.5, tflops=1e-9, utilisation=0.5,
                      usd_per_gpu_hour=3600)


PASS_26 = 2 * 1000 * 26 + 80 * 26 ** 2  # 52,000 + 54,080 = 106,080


ARCH_ROW = {"arch_id": "tiny", "name": "Tiny", "params_b": 2.0, "layers": 4, "hidden_width": 100,
            "width_px": 64, "height_px": 32, "frames": 9, "vae_t_in": 4, "vae_t_out": 1,
            "causal_first_frame": True, "vae_h": 8, "vae_w": 8, "patch_t": 1, "patch_h": 2,
            "patch_w": 2, "text_tokens": 2.0, "tokens_published": 24.0, "steps": 3,
            "passes_per_step": 2, "gen_seconds": float("nan"), "gen_gpu_id": float("nan"),
            "source_id": "src"}


def arch_frame(*changes: dict) -> pd.DataFrame:
    return pd.DataFrame([{**ARCH_ROW, **c} for c in changes])


GPUS = pd.DataFrame({"gpu_id": ["slow", "fast"], "bf16_dense_tflops": [1e-9, 1e-8]})


CLIP_FLOPS = PASS_26 * 3 * 2  # the tiny row's own 3 steps x 2 passes: 636,480


SMALL_ROW = {"params_b": 1e-6, "layers": 2, "hidden_width": 10}  # SMALL: 1,000 parameters


def capabilities(*rows) -> pd.DataFrame:
    """capabilities.csv rows (model, availability, seconds, as of, source[, clip kind]); the kind
    is "single" unless given."""
    rows = [(*r, "single") if len(r) == 5 else r for r in rows]
    return pd.DataFrame(rows, columns=["model_id", "availability", "max_clip_s_high", "as_of",
                                       "source_id", "clip_kind"])


def tiny_setup(architecture="tiny") -> t.Setup:
    g = t.citic_geometry() if architecture == "citic" else TINY
    return t.Setup(architecture, g, SMALL, A, 12, 32, 1, "slow", "tiny", TINY)


def util(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["gpu_stated", "implied_utilisation", "plausible"])


TINY_DS = SimpleNamespace(
    architectures=arch_frame({}, {"arch_id": t.CITIC_FLOPS_REFERENCE, "params_b": 14.0,
                                  "layers": 40, "hidden_width": 5120}),
    gpus=GPUS)


GOOD = dict(architecture="tiny", fps=24, height_px=1080, steps=20, guidance_passes=2,
            attempts_per_kept_clip=1.0, params_b=0.0, gpu="fast", utilisation=0.4,
            usd_per_gpu_hour=2.5, chunk_s=5.0)


def assumptions(steps, passes=1, attempts=1.0):
    return t.CostAssumptions(steps=steps, passes_per_step=passes, attempts=attempts, tflops=989,
                             utilisation=0.4, usd_per_gpu_hour=2.5)


#: Two article clips, the longer chained from extensions.
CLIPS = pd.DataFrame({"label": ["A 2 s", "B 4 s, chained"], "name": ["A 2 s", "B 4 s"],
                      "seconds": [2.0, 4.0], "basis": ["demonstrated", "claimed"],
                      "chained": [False, True]})
