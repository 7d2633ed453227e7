"""Token arithmetic for video diffusion transformers: CITIC's estimate, generalised.

Units are in the names: ``_px`` pixels, ``_s`` seconds, ``fps`` frames per second, ``flops``
floating-point operations (not per second), ``tflops`` 10^12 FLOP/s.

Sources, each for what it gives:

- Latent geometry (VAE compression, patch sizes, text tokens): the repositories cited in
  ``data/architectures.csv``.
- About 2*N forward FLOPs per token for a transformer of N parameters: Kaplan et al. 2020,
  *Scaling Laws for Neural Language Models*, Table 1 (``arxiv_kaplan_scaling``). That table's
  context term counts only the attention logits (QK^T), half of the quadratic cost below.
- The attention term: Chowdhery et al. 2022, *PaLM*, appendix B (``arxiv_palm``), which puts
  training at 6*N + 12*L*H*Q*T FLOPs per token (L layers, H heads of size Q, so H*Q = width d,
  sequence length T). The forward pass is a third of training: 2*N + 4*L*d*T per token, so a pass
  over a sequence of S tokens costs 2*N*S + 4*L*d*S^2.

Every cost here is the denoising transformer's alone. The text encoder (run once per prompt) and the
VAE decoder (run once per clip to turn latents into pixels) are not counted; neither runs once
per step, but neither is free, so the costs are lower bounds on a real generation's compute.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pandas as pd

#: CITIC Securities' estimate as reported (a2, 2024-05-11): 60 frames ~ 60,000 patches, 20 steps,
#: for a clip of about 6 to 8 seconds.
CITIC_FRAMES = 60
CITIC_PATCHES_PER_FRAME = 1_000
CITIC_STEPS = 20
CITIC_CLIP_S = (6, 8)
#: CITIC names no model; for FLOPs the research notes set its geometry beside Wan2.1-T2V-14B.
CITIC_FLOPS_REFERENCE = "wan21_14b"
#: How tables and charts name CITIC's geometry.
CITIC_LABEL = "CITIC (1,000 patches/frame)"


@dataclass(frozen=True)
class Geometry:
    """How a clip becomes tokens: VAE compression (t, h, w) and patch size (t, h, w)."""

    name: str
    width_px: int
    height_px: int
    frames: int
    vae_t_in: int = 4  # this many frames ...
    vae_t_out: int = 1  # ... become this many latent frames
    causal_first_frame: bool = True  # the first frame is encoded alone
    vae_h: int = 8
    vae_w: int = 8
    patch_t: int = 1
    patch_h: int = 2
    patch_w: int = 2
    text_tokens: int = 0  # text tokens in the joint sequence (attention cost), not video tokens
    patches_per_frame: int | None = None  # CITIC: a flat count per frame instead of a VAE

    def at(self, *, width_px: int | None = None, height_px: int | None = None,
           frames: int | None = None) -> "Geometry":
        """The same architecture at another resolution or length."""
        return replace(self, width_px=width_px or self.width_px,
                       height_px=height_px or self.height_px, frames=frames or self.frames)


@dataclass(frozen=True)
class Transformer:
    """What the FLOPs need: parameters N, layers L, width d. The width may be fractional when it
    was scaled with N (see ``with_params``); it then stands for an effective width."""

    params: float
    layers: int
    width: float


def latent_frames(frames: int, t_in: int, t_out: int, causal_first_frame: bool) -> int:
    """Latent frames from video frames. A causal VAE encodes the first frame alone:
    (frames - 1) * out / in + 1; otherwise frames * out / in. Partial groups round up."""
    if frames < 1:
        raise ValueError(f"frames must be >= 1, got {frames}")
    if causal_first_frame:
        return math.ceil((frames - 1) * t_out / t_in) + 1
    return math.ceil(frames * t_out / t_in)


def spatial_tokens(g: Geometry) -> int:
    """Tokens per latent frame: ceil(H / vae_h / patch_h) x ceil(W / vae_w / patch_w)."""
    if g.patches_per_frame is not None:
        return g.patches_per_frame
    return (math.ceil(g.height_px / (g.vae_h * g.patch_h))
            * math.ceil(g.width_px / (g.vae_w * g.patch_w)))


def temporal_tokens(g: Geometry) -> int:
    """Token positions along time: latent frames grouped by the temporal patch size."""
    if g.patches_per_frame is not None:
        return g.frames
    return math.ceil(latent_frames(g.frames, g.vae_t_in, g.vae_t_out, g.causal_first_frame)
                     / g.patch_t)


def tokens_per_clip(g: Geometry) -> int:
    """Video tokens (latent patches) in one clip."""
    return temporal_tokens(g) * spatial_tokens(g)


def token_passes(tokens: int, steps: int, passes_per_step: int = 1, attempts: float = 1) -> float:
    """Tokens pushed through the denoiser per kept clip: tokens x steps x passes x attempts.
    CITIC's 1.2 million is this with one pass and one attempt."""
    return tokens * steps * passes_per_step * attempts


def attention_flops(sequence: float, model: Transformer) -> float:
    """Forward FLOPs of attention's quadratic term in one pass: 4*L*d*S^2 (PaLM, appendix B)."""
    return 4 * model.layers * model.width * sequence ** 2


def flops_per_pass(sequence: float, model: Transformer) -> float:
    """Forward FLOPs of one denoiser pass over ``sequence`` tokens: 2*N*S (Kaplan et al., Table 1)
    + 4*L*d*S^2 (PaLM, appendix B). The denoiser only: no text encoder, no VAE decoder."""
    return 2 * model.params * sequence + attention_flops(sequence, model)


def attention_share(sequence: float, model: Transformer) -> float:
    """Fraction of a pass's FLOPs spent in attention's quadratic term."""
    return attention_flops(sequence, model) / flops_per_pass(sequence, model)


def clip_flops(sequence: float, model: Transformer, steps: int, passes_per_step: int = 1,
               attempts: float = 1) -> float:
    """Denoiser FLOPs to generate one kept clip whose sequence is ``sequence`` tokens. The text
    encoder and the VAE decoder, run once per clip rather than per step, are not counted."""
    return flops_per_pass(sequence, model) * steps * passes_per_step * attempts


def chunked_flops(sequence: float, chunks: int, model: Transformer, steps: int,
                  passes_per_step: int = 1, overlap: float = 0.0) -> float:
    """Denoiser FLOPs when the clip is made in ``chunks`` equal pieces, each re-attending
    ``overlap`` (a fraction of a chunk) of context from the previous piece: the attention term
    falls ~1/chunks. Text encoder and VAE decoder not counted."""
    if chunks < 1:
        raise ValueError(f"chunks must be >= 1, got {chunks}")
    piece = sequence / chunks * (1 + (overlap if chunks > 1 else 0))
    return chunks * clip_flops(piece, model, steps, passes_per_step)


def gpu_seconds(flops: float, tflops: float, utilisation: float) -> float:
    """Seconds on one GPU of peak ``tflops`` (10^12 FLOP/s) running at ``utilisation`` of peak."""
    if not 0 < utilisation <= 1:
        raise ValueError(f"utilisation must be in (0, 1], got {utilisation}")
    return flops / (tflops * 1e12 * utilisation)


def dollars(seconds: float, usd_per_gpu_hour: float) -> float:
    """US dollars for ``seconds`` of one GPU at ``usd_per_gpu_hour``."""
    return seconds / 3600 * usd_per_gpu_hour


def implied_utilisation(flops: float, seconds: float, tflops: float) -> float:
    """Fraction of one GPU's peak a published generation time implies. Above 1 is impossible on
    one such GPU."""
    return flops / (seconds * tflops * 1e12)


def with_params(model: Transformer, params: float) -> Transformer:
    """``model`` resized to ``params`` parameters, its architecture moving with it.

    For these transformers N ~ 12*L*d^2, so at a fixed depth L the width scales with the square
    root of N: d' = d * sqrt(N'/N). The layers are kept. Attention's 4*L*d*S^2 then moves by
    sqrt(N'/N) while the 2*N*S term moves by N'/N."""
    if params <= 0:
        raise ValueError(f"params must be > 0, got {params}")
    return Transformer(params, model.layers, model.width * math.sqrt(params / model.params))


# --- from the data --------------------------------------------------------------------------------

def citic_geometry(frames: int = CITIC_FRAMES) -> Geometry:
    """CITIC's arithmetic: a flat 1,000 patches per frame, no temporal compression."""
    return Geometry("citic", width_px=0, height_px=0, frames=frames,
                    patches_per_frame=CITIC_PATCHES_PER_FRAME)


def citic_fps() -> tuple[float, float]:
    """The frame rate CITIC's figures imply: 60 frames for a clip of 8 s (low) to 6 s (high)."""
    return CITIC_FRAMES / max(CITIC_CLIP_S), CITIC_FRAMES / min(CITIC_CLIP_S)


def frame_rates(g: Geometry, fps: float) -> tuple[float, float]:
    """The (low, high) frame rate a clip in ``g`` is counted at: CITIC's implied rate for CITIC's
    geometry, which states no rate of its own but 60 frames for 6-8 s; ``fps`` for any other."""
    return citic_fps() if g.patches_per_frame is not None else (fps, fps)


def geometry(row) -> Geometry:
    """The published geometry of one ``architectures.csv`` row."""
    return Geometry(row.arch_id, int(row.width_px), int(row.height_px), int(row.frames),
                    int(row.vae_t_in), int(row.vae_t_out), bool(row.causal_first_frame),
                    int(row.vae_h), int(row.vae_w), int(row.patch_t), int(row.patch_h),
                    int(row.patch_w), 0 if pd.isna(row.text_tokens) else int(row.text_tokens))


def transformer(row, params_b: float | None = None) -> Transformer:
    """N, L and d of one ``architectures.csv`` row. ``params_b`` (billions) resizes the model with
    ``with_params``: the width scales with sqrt(N), the layers are kept."""
    model = Transformer(float(row.params_b) * 1e9, int(row.layers), int(row.hidden_width))
    return with_params(model, params_b * 1e9) if params_b else model


def calibration(arch: pd.DataFrame) -> pd.DataFrame:
    """Tokens per clip computed from each architecture's geometry beside the published figure."""
    rows = []
    for row in arch.itertuples():
        g = geometry(row)
        rows.append({"arch_id": row.arch_id, "name": row.name, "frames": g.frames,
                     "latent_frames": temporal_tokens(g), "tokens_per_frame": spatial_tokens(g),
                     "tokens_computed": tokens_per_clip(g),
                     "tokens_published": row.tokens_published,
                     "matches": (pd.NA if pd.isna(row.tokens_published)
                                 else tokens_per_clip(g) == row.tokens_published),
                     "source_id": row.source_id})
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class CostAssumptions:
    """Everything a clip's cost depends on beyond its geometry; the notebook's parameters."""

    steps: int
    passes_per_step: int
    attempts: float
    tflops: float
    utilisation: float
    usd_per_gpu_hour: float


def clip_cost(g: Geometry, model: Transformer, a: CostAssumptions) -> dict:
    """Tokens, token passes, FLOPs, GPU-seconds and dollars for one kept clip. The denoiser only:
    the text encoder and the VAE decoder are left out, so these are lower bounds."""
    tokens = tokens_per_clip(g)
    sequence = tokens + g.text_tokens
    flops = clip_flops(sequence, model, a.steps, a.passes_per_step, a.attempts)
    seconds = gpu_seconds(flops, a.tflops, a.utilisation)
    return {"tokens": tokens, "token_passes": token_passes(tokens, a.steps, a.passes_per_step,
                                                          a.attempts),
            "attention_share": attention_share(sequence, model), "flops": flops,
            "gpu_seconds": seconds, "usd": dollars(seconds, a.usd_per_gpu_hour)}


def _moved(g: Geometry, model: Transformer, a: CostAssumptions, name: str, value):
    """(geometry, model, assumptions) with one assumption set to ``value``."""
    if name == "params":
        return g, with_params(model, value), a
    if name == "height_px":
        width_px = round(g.width_px * value / g.height_px)
        return g.at(height_px=int(value), width_px=width_px), model, a
    if name == "frames":
        return g.at(frames=int(value)), model, a
    return g, model, replace(a, **{name: value})


def sensitivity(g: Geometry, model: Transformer, a: CostAssumptions, ranges: dict) -> pd.DataFrame:
    """Cost of a clip with one assumption at a time moved to its low and high value.

    ``ranges`` maps a name to (low, high); names are CostAssumptions fields, ``params`` (N, with
    the width scaled by sqrt(N) and the layers kept, see ``with_params``), ``height_px``
    (resolution at the same aspect ratio) and ``frames``. Returns one row per assumption with the
    cost at low and high and the swing (high/low cost), largest first. Resolution is skipped for
    CITIC's geometry, which counts patches per frame at no stated size.
    """
    base = clip_cost(g, model, a)["usd"]
    rows = []
    for name, (low, high) in ranges.items():
        if name == "height_px" and g.patches_per_frame is not None:
            continue
        costs = [clip_cost(*_moved(g, model, a, name, value))["usd"] for value in (low, high)]
        rows.append({"assumption": name, "low": low, "high": high, "usd_at_low": costs[0],
                     "usd_at_high": costs[1], "base_usd": base,
                     "swing": max(costs) / min(costs)})
    return pd.DataFrame(rows).sort_values("swing", ascending=False).reset_index(drop=True)


# --- tables and charts for notebooks/04_token_cost ------------------------------------------------

#: The clips the articles set against each other: (model, availability) rows of capabilities.csv.
ARTICLE_CLIP_MODELS = ("vidu", "sora", "kling")


def article_clips(capabilities: pd.DataFrame) -> pd.DataFrame:
    """The longest claimed or demonstrated clip per model and length (Vidu 16 s, Sora 60 s,
    Kling 120 s and 180 s), with the source of each."""
    shown = capabilities[capabilities.model_id.isin(ARTICLE_CLIP_MODELS)
                         & capabilities.availability.isin(["claimed", "demo"])]
    clips = (shown.sort_values(["model_id", "max_clip_s_high", "as_of"])
             .drop_duplicates(["model_id", "max_clip_s_high"]))
    clips = clips.assign(label=[f"{m.title()} {s:g} s" for m, s in
                               zip(clips.model_id, clips.max_clip_s_high)])
    return clips[["label", "model_id", "max_clip_s_high", "availability", "source_id"]].rename(
        columns={"max_clip_s_high": "seconds"}).sort_values("seconds").reset_index(drop=True)


def sized(g: Geometry, seconds: float, fps: float, height_px: int, end: str = "high") -> Geometry:
    """``g`` for a clip of ``seconds`` at ``fps`` and ``height_px`` (16:9).

    CITIC's geometry counts a flat number of patches per frame at no stated size or frame rate:
    only its length changes, and its frames are counted at CITIC's own implied rate (60 frames for
    6-8 s, see ``frame_rates``), not at ``fps``. ``end`` picks that range's "low" (7.5 fps) or
    "high" (10 fps, the costlier) end; it does not affect other geometries.
    """
    if end not in ("low", "high"):
        raise ValueError(f"end must be 'low' or 'high', got {end!r}")
    frames = max(1, round(seconds * frame_rates(g, fps)[end == "high"]))
    if g.patches_per_frame is not None:
        return g.at(frames=frames)
    return g.at(frames=frames, height_px=height_px, width_px=round(height_px * 16 / 9))


def clip_geometries(setup: "Setup") -> dict[str, Geometry]:
    """The geometries the notebook costs the article clips in, each once: CITIC's, and the open
    model's (in the ``citic`` report that is CITIC's FLOPs reference, Wan2.1-T2V-14B)."""
    return {CITIC_LABEL: citic_geometry(), setup.open_model: setup.open_geometry}


def clip_costs(clips: pd.DataFrame, geometries: dict[str, Geometry], model: Transformer,
               a: CostAssumptions, fps: float, height_px: int) -> pd.DataFrame:
    """Cost of each article clip in each named geometry, at ``height_px`` (16:9).

    Frames are counted at ``fps``, except in CITIC's geometry, which is counted over CITIC's
    implied 7.5 to 10 fps: the plain columns at the low rate, the ``*_high`` columns at the high
    one. For the other geometries the ``*_high`` columns equal the plain ones. The denoiser only:
    the text encoder and the VAE decoder are not counted.
    """
    rows = []
    for clip in clips.itertuples():
        for label, g in geometries.items():
            low, high = (sized(g, clip.seconds, fps, height_px, end) for end in ("low", "high"))
            rates = frame_rates(g, fps)
            rows.append({"label": clip.label, "seconds": clip.seconds, "geometry": label,
                         "fps": rates[0], "frames": low.frames, **clip_cost(low, model, a),
                         "fps_high": rates[1], "frames_high": high.frames,
                         **{f"{k}_high": v for k, v in clip_cost(high, model, a).items()}})
    return pd.DataFrame(rows)


def ranged_table(frame: pd.DataFrame, formats: dict | None = None) -> pd.DataFrame:
    """A display copy of a table with ``X`` / ``X_high`` column pairs (``clip_costs``): each pair
    becomes one text column, "low to high" where the formatted values differ and one value where
    they agree. ``formats`` maps a column to a function of one value; other columns pass through."""
    formats = formats or {}
    out = {}
    for col in frame.columns:
        if col.endswith("_high") and col[: -len("_high")] in frame.columns:
            continue
        fmt = formats.get(col, str)
        if f"{col}_high" in frame.columns:
            pairs = [(fmt(lo), fmt(hi)) for lo, hi in zip(frame[col], frame[f"{col}_high"])]
            out[col] = [lo if lo == hi else f"{lo} to {hi}" for lo, hi in pairs]
        else:
            out[col] = [fmt(v) for v in frame[col]] if col in formats else frame[col]
    return pd.DataFrame(out, index=frame.index)


def citic_omissions(g: Geometry, model: Transformer, a: CostAssumptions) -> pd.DataFrame:
    """What CITIC's 1.2 million leaves out, one factor at a time, at CITIC's 60 frames.

    Starts from CITIC's own count, 60,000 patches x 20 steps = 1.2 million token passes, costed at
    2*N FLOPs each (what counting tokens implies), then multiplies in: the model's own tokens for 60
    frames (VAE temporal compression and patches), text tokens in the sequence, attention's
    quadratic term, the step count (CITIC's 20 to ``a.steps``), guidance passes, and attempts.
    ``key`` names the rows: citic, geometry, text, attention, steps, guidance, attempts. Denoiser
    FLOPs only: the text encoder and the VAE decoder are left out.
    """
    two_n = 2 * model.params
    citic = token_passes(tokens_per_clip(citic_geometry()), CITIC_STEPS)  # 1.2 million
    own = g.at(frames=CITIC_FRAMES)
    own_tokens = tokens_per_clip(own)
    seq = own_tokens + own.text_tokens
    per_pass = flops_per_pass(seq, model)
    patches = tokens_per_clip(citic_geometry())
    # labels stay under 50 characters, the width pandas shows of a table cell
    rows = [("citic", f"CITIC: {patches:,} patches x {CITIC_STEPS} steps, 2N FLOPs each",
             two_n * citic),
            ("geometry", f"{g.name}: {own_tokens:,} tokens at {CITIC_FRAMES} frames",
             two_n * own_tokens * CITIC_STEPS),
            ("text", f"text tokens in the sequence (+{own.text_tokens:,})",
             two_n * seq * CITIC_STEPS),
            ("attention", "attention's quadratic term", per_pass * CITIC_STEPS),
            ("steps", f"denoising steps: {CITIC_STEPS} -> {a.steps}", per_pass * a.steps),
            ("guidance", f"guidance: {a.passes_per_step} pass(es) per step",
             per_pass * a.steps * a.passes_per_step),
            ("attempts", f"attempts per kept clip: {a.attempts:g}",
             clip_flops(seq, model, a.steps, a.passes_per_step, a.attempts))]
    table = pd.DataFrame(rows, columns=["key", "adds", "flops"])
    table["factor"] = table.flops / table.flops.shift(1).fillna(table.flops.iloc[0])
    table["vs_citic"] = table.flops / table.flops.iloc[0]
    return table


def chunking(seconds: float, chunk_s: float, g: Geometry, model: Transformer, a: CostAssumptions,
             fps: float, height_px: int) -> pd.DataFrame:
    """FLOPs of one clip made as one sequence vs in chunks of 1..n x ``chunk_s`` seconds. The clip
    is sized with ``sized`` (CITIC's geometry at its 10 fps upper end). One row only when
    ``chunk_s`` is at least the clip's length. Denoiser only (no text encoder, no VAE decoder)."""
    seq = tokens_per_clip(sized(g, seconds, fps, height_px)) + g.text_tokens
    most = max(1, math.ceil(seconds / chunk_s))
    counts = sorted({1, 2, 4, 8, most} | {c for c in (16, 32, 64) if c < most})
    rows = [{"chunks": c, "seconds_per_chunk": seconds / c, "tokens_per_chunk": seq / c,
             "flops": chunked_flops(seq, c, model, a.steps, a.passes_per_step) * a.attempts}
            for c in counts if c <= most]
    out = pd.DataFrame(rows)
    out["vs_one_sequence"] = out.flops / out.flops.iloc[0]
    return out


def describe_chunking(chunks: pd.DataFrame, label: str, where: str) -> str:
    """The sentence after ``chunking``'s table for the clip ``label`` sized ``where`` (e.g. "in
    `wan21_14b` geometry at 24 fps"), including the case of a chunk no shorter than the clip."""
    first, last = chunks.iloc[0], chunks.iloc[-1]
    if len(chunks) == 1:
        return (f"Made {where}, {label} is no longer than one chunk (`chunk_s`), so it is made "
                f"as one {first.seconds_per_chunk:g} s sequence and chunking saves nothing.")
    return (f"Made {where}, {label} as {last.chunks:.0f} chunks of {last.seconds_per_chunk:.1f} s "
            f"needs {last.vs_one_sequence:.1%} of the FLOPs of one {first.seconds_per_chunk:g} s "
            "sequence: attention's cost grows with the square of the sequence, so splitting it "
            "cuts that term by the number of chunks, while the linear term stays the same.")


def utilisation_reading(utilisation: float, gpu: str, stated: bool) -> str:
    """How to read one implied utilisation, short enough for a table cell: possible, or impossible
    and why. Above 100% of one GPU's peak cannot happen, so either the GPU was not stated and the
    one assumed is wrong (too slow), or the published time was on several GPUs or a faster one."""
    name = gpu.upper()
    if utilisation <= 1:
        return (f"possible on one {name}" if stated
                else f"possible if made on one {name} (not stated)")
    if stated:
        return f"impossible on one {name}: several or faster GPUs"
    return f"impossible: not stated, {name} too slow (wrong GPU)"


UTILISATION_COLUMNS = ["name", "tokens", "steps", "passes_per_step", "flops", "published_s", "gpu",
                       "gpu_stated", "implied_utilisation", "plausible", "reading", "source_id"]


def utilisation_table(arch: pd.DataFrame, gpus: pd.DataFrame, fallback_gpu: str) -> pd.DataFrame:
    """Utilisation implied by each published generation time, at the architecture's own steps and
    guidance, on one GPU; where the GPU is not stated, ``fallback_gpu`` is assumed. ``plausible``
    is False where that exceeds 100% of peak, and ``reading`` then says why it is impossible
    (``utilisation_reading``, at most 50 characters so a table cell shows it whole). Rows without
    a generation time are left out; the table may be empty. The FLOPs are the denoiser's only (no
    text encoder, no VAE decoder), while the published time includes them, so the real utilisation
    is somewhat higher."""
    peak = gpus.set_index("gpu_id").bf16_dense_tflops
    rows = []
    for row in arch[arch.gen_seconds.notna()].itertuples():
        g = geometry(row)
        stated = isinstance(row.gen_gpu_id, str)
        gpu = row.gen_gpu_id if stated else fallback_gpu
        flops = clip_flops(tokens_per_clip(g) + g.text_tokens, transformer(row), int(row.steps),
                           int(row.passes_per_step))
        used = implied_utilisation(flops, row.gen_seconds, peak[gpu])
        rows.append({"name": row.name, "tokens": tokens_per_clip(g), "steps": int(row.steps),
                     "passes_per_step": int(row.passes_per_step), "flops": flops,
                     "published_s": row.gen_seconds, "gpu": gpu, "gpu_stated": stated,
                     "implied_utilisation": used, "plausible": bool(used <= 1),
                     "reading": utilisation_reading(used, gpu, stated),
                     "source_id": row.source_id})
    return pd.DataFrame(rows, columns=UTILISATION_COLUMNS)


def _rows(n: int) -> str:
    return f"{n} row" if n == 1 else f"{n} rows"


def _span(values: pd.Series) -> str:
    low, high = f"{values.min():.0%}", f"{values.max():.0%}"
    return low if low == high else f"{low} to {high}"


def _group(rows: pd.DataFrame, who: str, why: str) -> str:
    """One clause on ``rows``: the range over the possible ones, the count of impossible ones and
    ``why`` they are impossible."""
    ok, bad = rows[rows.plausible], rows[~rows.plausible]
    if not len(bad):
        return (f"{who}, the published times imply {_span(ok.implied_utilisation)} of peak "
                f"({_rows(len(ok))})")
    if not len(ok):
        which = "the one published time" if len(bad) == 1 else f"all {len(bad)} published times"
        return f"{who}, {which} would need more than 100% of peak, which is impossible: {why}"
    return (f"{who}, the possible rows imply {_span(ok.implied_utilisation)} of peak "
            f"({_rows(len(ok))}); {_rows(len(bad))} more would need over 100% and "
            f"{'is' if len(bad) == 1 else 'are'} impossible: {why}")


def describe_utilisation(util: pd.DataFrame, assumed: float, gpu: str) -> str:
    """The sentence after ``utilisation_table``: the range over possible rows only, a count of the
    impossible ones, separately for rows that state their GPU and rows that assume ``gpu``."""
    if util.empty:
        return (f"No architecture publishes a generation time, so none can be set beside the "
                f"assumed {assumed:.0%} of peak.")
    stated, unstated = util[util.gpu_stated], util[~util.gpu_stated]
    parts = [_group(stated, "Where the GPU is stated",
                    "the published time must be for several GPUs or a faster one") if len(stated)
             else "No published time states its GPU"]
    if len(unstated):
        parts.append(_group(unstated, f"Where it is not stated and one {gpu.upper()} is assumed",
                            f"the {gpu.upper()} is too slow for the published time, so the "
                            "wrong GPU is assumed"))
    return ". ".join(parts) + f". The notebook assumes {assumed:.0%}."


def plot_clip_costs(costs: pd.DataFrame, value: str, label: str):
    """Grouped bars per article clip and geometry, log scale so 16 s and 180 s both read.

    Each bar is ``value``; where ``costs`` carries a range (``value``_high above ``value``, as for
    CITIC's 7.5-10 fps), a vertical line runs from the bar's top up to the high end.
    """
    import numpy as np

    from videorace import plots

    fig, ax = plots.figure(f"{label} per kept clip, by geometry",
                           "clip (length claimed or demonstrated)", f"{label} (log scale)")
    clips, names = list(dict.fromkeys(costs.label)), list(dict.fromkeys(costs.geometry))
    width = 0.75 / len(names)
    for j, name in enumerate(names):
        rows = costs[costs.geometry == name].set_index("label").reindex(clips)
        x = np.arange(len(clips)) + (j - (len(names) - 1) / 2) * width
        high = rows.get(f"{value}_high", rows[value])
        ranged = high > rows[value]
        rates = f": bar at {rows.fps.min():g} fps, line to {rows.fps_high.max():g} fps" if (
            ranged.any() and "fps" in rows and "fps_high" in rows) else ""
        ax.bar(x, rows[value], width, label=f"{name}{rates}")
        for xi, lo, hi in zip(x[ranged.to_numpy()], rows[value][ranged], high[ranged]):
            ax.plot([xi, xi], [lo, hi], color="#222222", linewidth=1.5, marker="_", markersize=8)
    ax.set_xticks(range(len(clips)))
    ax.set_xticklabels(clips)
    ax.set_yscale("log")
    ax.legend(title="geometry")
    plots.finish(fig, "Sources: capabilities.csv (clip lengths), architectures.csv (geometry)")
    return fig


def plot_sensitivity(table: pd.DataFrame, base_usd: float, clip_label: str):
    """Tornado chart: each assumption's low-to-high cost range around the base case."""
    from videorace import plots

    fig, ax = plots.figure(f"What moves the cost of one kept clip ({clip_label})",
                           "US dollars per kept clip (log scale)", "",
                           size=(9, 0.5 * len(table) + 1.8))
    def shown(v):
        return f"{v / 1e9:g} B" if v >= 1e6 else f"{v:g}"

    for i, row in enumerate(table.itertuples()):
        lo, hi = sorted((row.usd_at_low, row.usd_at_high))
        ax.barh(i, hi - lo, left=lo, color="#4c72b0", alpha=0.8)
        ax.text(hi, i, f"  {shown(row.low)} to {shown(row.high)}  (x{row.swing:.1f})", va="center",
                fontsize=8)
    ax.axvline(base_usd, color="#333", linestyle="--", linewidth=1)
    ax.set_xscale("log")
    ax.set_xlim(min(table.usd_at_low.min(), table.usd_at_high.min()) / 1.3,
                max(table.usd_at_low.max(), table.usd_at_high.max()) * 4)
    ax.set_yticks(range(len(table)))
    ax.set_yticklabels(table.assumption)
    ax.invert_yaxis()
    plots.finish(fig,
                 "Dashed line: the notebook's parameters. Bars: one assumption moved at a time.")
    return fig


@dataclass(frozen=True)
class Setup:
    """The token-cost notebook's validated parameters, resolved against the data.

    ``geometry`` is the chosen architecture's (CITIC's for ``citic``); ``open_model`` and
    ``open_geometry`` are the open model set beside CITIC: the chosen architecture, or for
    ``citic`` the model whose transformer CITIC's FLOPs use (``CITIC_FLOPS_REFERENCE``)."""

    architecture: str
    geometry: Geometry
    model: Transformer
    assumptions: CostAssumptions
    fps: float
    height_px: int
    chunk_s: float
    gpu: str
    open_model: str
    open_geometry: Geometry


def check_parameters(ds, *, architecture, fps, height_px, steps, guidance_passes,
                     attempts_per_kept_clip, params_b, gpu, utilisation, usd_per_gpu_hour,
                     chunk_s) -> Setup:
    """Validate every parameter of notebooks/04_token_cost (a ParameterError names the first bad
    one) and resolve the architecture and GPU from the data. ``params_b`` other than 0 resizes the
    transformer with ``with_params`` (width scaled by sqrt(N), layers kept)."""
    from videorace import params

    arch = ds.architectures.set_index("arch_id", drop=False)
    architecture = params.choice("architecture", architecture, ["citic", *arch.index])
    gpus = ds.gpus.set_index("gpu_id")
    gpu = params.choice("gpu", gpu, list(gpus.index))
    open_model = CITIC_FLOPS_REFERENCE if architecture == "citic" else architecture
    row = arch.loc[open_model]
    size = params.number("params_b", params_b, 0, 2000)
    a = CostAssumptions(
        steps=params.number("steps", steps, 1, 1000, integer=True),
        passes_per_step=params.number("guidance_passes", guidance_passes, 1, 4, integer=True),
        attempts=params.number("attempts_per_kept_clip", attempts_per_kept_clip, 1, 100),
        tflops=float(gpus.loc[gpu, "bf16_dense_tflops"]),
        utilisation=params.number("utilisation", utilisation, 0.01, 1),
        usd_per_gpu_hour=params.number("usd_per_gpu_hour", usd_per_gpu_hour, 0.01, 1000))
    g = citic_geometry() if architecture == "citic" else geometry(row)
    return Setup(architecture, g, transformer(row, size or None), a,
                 params.number("fps", fps, 1, 240), params.number("height_px", height_px, 64, 4320,
                                                                  integer=True),
                 params.number("chunk_s", chunk_s, 1, 600), gpu, open_model, geometry(row))
