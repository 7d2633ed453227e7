"""Token arithmetic for video diffusion transformers: CITIC's estimate, generalised.

Units are in the names: ``_px`` pixels, ``_s`` seconds, ``flops`` floating-point operations (not per
second), ``tflops`` 10^12 FLOP/s. Sources: latent geometry from the repositories in
``data/architectures.csv``; forward FLOPs per denoiser pass over S tokens ~ 2*N*S + 4*L*d*S^2
(Kaplan et al. 2020, Table 1; PaLM, appendix B).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pandas as pd

#: CITIC Securities' estimate as reported (a2, 2024-05-11): 60 frames ~ 60,000 patches, 20 steps.
CITIC_FRAMES = 60
CITIC_PATCHES_PER_FRAME = 1_000
CITIC_STEPS = 20
#: CITIC names no model; for FLOPs the research notes set its geometry beside Wan2.1-T2V-14B.
CITIC_FLOPS_REFERENCE = "wan21_14b"


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
    """What the FLOPs need: parameters N, layers L, width d."""

    params: float
    layers: int
    width: int


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


def flops_per_pass(sequence: float, model: Transformer) -> float:
    """Forward FLOPs of one denoiser pass over ``sequence`` tokens: 2*N*S + 4*L*d*S^2."""
    return 2 * model.params * sequence + 4 * model.layers * model.width * sequence ** 2


def attention_share(sequence: float, model: Transformer) -> float:
    """Fraction of a pass's FLOPs spent in attention's quadratic term."""
    attention = 4 * model.layers * model.width * sequence ** 2
    return attention / flops_per_pass(sequence, model)


def clip_flops(sequence: float, model: Transformer, steps: int, passes_per_step: int = 1,
               attempts: float = 1) -> float:
    """FLOPs to generate one kept clip whose denoiser sequence is ``sequence`` tokens."""
    return flops_per_pass(sequence, model) * steps * passes_per_step * attempts


def chunked_flops(sequence: float, chunks: int, model: Transformer, steps: int,
                  passes_per_step: int = 1, overlap: float = 0.0) -> float:
    """FLOPs when the clip is made in ``chunks`` equal pieces, each re-attending ``overlap`` (a
    fraction of a chunk) of context from the previous piece: the attention term falls ~1/chunks."""
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
    return seconds / 3600 * usd_per_gpu_hour


def implied_utilisation(flops: float, seconds: float, tflops: float) -> float:
    """Fraction of peak a published generation time implies."""
    return flops / (seconds * tflops * 1e12)


# --- from the data --------------------------------------------------------------------------------

def citic_geometry(frames: int = CITIC_FRAMES) -> Geometry:
    """CITIC's arithmetic: a flat 1,000 patches per frame, no temporal compression."""
    return Geometry("citic", width_px=0, height_px=0, frames=frames,
                    patches_per_frame=CITIC_PATCHES_PER_FRAME)


def geometry(row) -> Geometry:
    """The published geometry of one ``architectures.csv`` row."""
    return Geometry(row.arch_id, int(row.width_px), int(row.height_px), int(row.frames),
                    int(row.vae_t_in), int(row.vae_t_out), bool(row.causal_first_frame),
                    int(row.vae_h), int(row.vae_w), int(row.patch_t), int(row.patch_h),
                    int(row.patch_w), 0 if pd.isna(row.text_tokens) else int(row.text_tokens))


def transformer(row, params_b: float | None = None) -> Transformer:
    """N, L and d of one ``architectures.csv`` row; ``params_b`` overrides N (billions)."""
    return Transformer((params_b or float(row.params_b)) * 1e9, int(row.layers),
                       int(row.hidden_width))


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
    """Tokens, token passes, FLOPs, GPU-seconds and dollars for one kept clip."""
    tokens = tokens_per_clip(g)
    sequence = tokens + g.text_tokens
    flops = clip_flops(sequence, model, a.steps, a.passes_per_step, a.attempts)
    seconds = gpu_seconds(flops, a.tflops, a.utilisation)
    return {"tokens": tokens, "token_passes": token_passes(tokens, a.steps, a.passes_per_step,
                                                          a.attempts),
            "attention_share": attention_share(sequence, model), "flops": flops,
            "gpu_seconds": seconds, "usd": dollars(seconds, a.usd_per_gpu_hour)}


def sensitivity(g: Geometry, model: Transformer, a: CostAssumptions, ranges: dict) -> pd.DataFrame:
    """Cost of a clip with one assumption at a time moved to its low and high value.

    ``ranges`` maps a name to (low, high); names are CostAssumptions fields, ``params`` (N), or
    ``height_px`` (resolution at the same aspect ratio) and ``frames``. Returns one row per
    assumption with the cost at low and high and the swing (high/low cost), largest first.
    Resolution is skipped for CITIC's geometry, which counts patches per frame at no stated size.
    """
    base = clip_cost(g, model, a)["usd"]
    rows = []
    for name, (low, high) in ranges.items():
        if name == "height_px" and g.patches_per_frame is not None:
            continue
        costs = []
        for value in (low, high):
            g2, m2, a2 = g, model, a
            if name == "params":
                m2 = replace(model, params=value)
            elif name == "height_px":
                g2 = g.at(height_px=int(value), width_px=round(g.width_px * value / g.height_px))
            elif name == "frames":
                g2 = g.at(frames=int(value))
            else:
                a2 = replace(a, **{name: value})
            costs.append(clip_cost(g2, m2, a2)["usd"])
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


def sized(g: Geometry, seconds: float, fps: float, height_px: int) -> Geometry:
    """``g`` for a clip of ``seconds`` at ``fps`` and ``height_px`` (16:9). CITIC's geometry counts
    patches per frame at no stated size, so only its length changes."""
    frames = max(1, round(seconds * fps))
    if g.patches_per_frame is not None:
        return g.at(frames=frames)
    return g.at(frames=frames, height_px=height_px, width_px=round(height_px * 16 / 9))


def clip_costs(clips: pd.DataFrame, geometries: dict[str, Geometry], model: Transformer,
               a: CostAssumptions, fps: float, height_px: int) -> pd.DataFrame:
    """Cost of each article clip in each named geometry, at ``fps`` and ``height_px`` (16:9)."""
    rows = []
    for clip in clips.itertuples():
        for label, g in geometries.items():
            clip_geometry = sized(g, clip.seconds, fps, height_px)
            rows.append({"label": clip.label, "seconds": clip.seconds, "geometry": label,
                         "frames": clip_geometry.frames, **clip_cost(clip_geometry, model, a)})
    return pd.DataFrame(rows)


def citic_omissions(g: Geometry, model: Transformer, a: CostAssumptions) -> pd.DataFrame:
    """What CITIC's 1.2 million leaves out, one factor at a time, at CITIC's 60 frames.

    Starts from CITIC's token passes costed as 2*N FLOPs each (what counting tokens implies), then
    multiplies in: the open model's own tokens for 60 frames (VAE temporal compression and patches),
    text tokens in the sequence, attention's quadratic term, guidance passes, and attempts.
    """
    citic_tokens = tokens_per_clip(citic_geometry())
    own = g.at(frames=CITIC_FRAMES)
    own_tokens = tokens_per_clip(own)
    seq = own_tokens + own.text_tokens
    steps = [("CITIC: 60,000 patches x steps, 2N FLOPs per token",
              2 * model.params * citic_tokens * a.steps),
             (f"{g.name} geometry: {own_tokens:,} tokens for 60 frames",
              2 * model.params * own_tokens * a.steps),
             (f"text tokens in the sequence (+{own.text_tokens})", 2 * model.params * seq * a.steps),
             ("attention's quadratic term", flops_per_pass(seq, model) * a.steps),
             (f"guidance: {a.passes_per_step} pass(es) per step",
              flops_per_pass(seq, model) * a.steps * a.passes_per_step),
             (f"attempts per kept clip: {a.attempts:g}",
              clip_flops(seq, model, a.steps, a.passes_per_step, a.attempts))]
    table = pd.DataFrame(steps, columns=["adds", "flops"])
    table["factor"] = table.flops / table.flops.shift(1).fillna(table.flops.iloc[0])
    table["vs_citic"] = table.flops / table.flops.iloc[0]
    return table


def chunking(seconds: float, chunk_s: float, g: Geometry, model: Transformer, a: CostAssumptions,
             fps: float, height_px: int) -> pd.DataFrame:
    """FLOPs of one clip made as one sequence vs in chunks of 1..n x ``chunk_s`` seconds."""
    seq = tokens_per_clip(sized(g, seconds, fps, height_px)) + g.text_tokens
    most = max(1, math.ceil(seconds / chunk_s))
    counts = sorted({1, 2, 4, 8, most} | {c for c in (16, 32, 64) if c < most})
    rows = [{"chunks": c, "seconds_per_chunk": seconds / c, "tokens_per_chunk": seq / c,
             "flops": chunked_flops(seq, c, model, a.steps, a.passes_per_step) * a.attempts}
            for c in counts if c <= most]
    out = pd.DataFrame(rows)
    out["vs_one_sequence"] = out.flops / out.flops.iloc[0]
    return out


def utilisation_table(arch: pd.DataFrame, gpus: pd.DataFrame, fallback_gpu: str) -> pd.DataFrame:
    """Utilisation implied by each published generation time, at the architecture's own steps and
    guidance; where the GPU is not stated, ``fallback_gpu`` is assumed and the row says so."""
    peak = gpus.set_index("gpu_id").bf16_dense_tflops
    rows = []
    for row in arch[arch.gen_seconds.notna()].itertuples():
        g = geometry(row)
        gpu = row.gen_gpu_id if isinstance(row.gen_gpu_id, str) else fallback_gpu
        flops = clip_flops(tokens_per_clip(g) + g.text_tokens, transformer(row), int(row.steps),
                           int(row.passes_per_step))
        rows.append({"name": row.name, "tokens": tokens_per_clip(g), "steps": int(row.steps),
                     "passes_per_step": int(row.passes_per_step), "flops": flops,
                     "published_s": row.gen_seconds, "gpu": gpu,
                     "gpu_stated": isinstance(row.gen_gpu_id, str),
                     "implied_utilisation": implied_utilisation(flops, row.gen_seconds, peak[gpu]),
                     "source_id": row.source_id})
    return pd.DataFrame(rows)


def plot_clip_costs(costs: pd.DataFrame, value: str, label: str):
    """Grouped bars per article clip and geometry, log scale so 16 s and 180 s both read."""
    from videorace import plots

    fig, ax = plots.figure(f"{label} per kept clip, by geometry", "", f"{label} (log scale)")
    pivot = costs.pivot(index="label", columns="geometry", values=value).loc[costs["label"].unique()]
    pivot.plot.bar(ax=ax, rot=0, logy=True, width=0.75)
    ax.set_xlabel("clip (length claimed or demonstrated)")
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
    plots.finish(fig, "Dashed line: the notebook's parameters. Bars: one assumption moved at a time.")
    return fig


@dataclass(frozen=True)
class Setup:
    """The token-cost notebook's validated parameters, resolved against the data."""

    architecture: str
    geometry: Geometry
    model: Transformer
    assumptions: CostAssumptions
    fps: float
    height_px: int
    chunk_s: float
    gpu: str


def check_parameters(ds, *, architecture, fps, height_px, steps, guidance_passes,
                     attempts_per_kept_clip, params_b, gpu, utilisation, usd_per_gpu_hour,
                     chunk_s) -> Setup:
    """Validate every parameter of notebooks/04_token_cost (a ParameterError names the first bad
    one) and resolve the architecture and GPU from the data."""
    from videorace import params

    arch = ds.architectures.set_index("arch_id", drop=False)
    architecture = params.choice("architecture", architecture, ["citic", *arch.index])
    gpus = ds.gpus.set_index("gpu_id")
    gpu = params.choice("gpu", gpu, list(gpus.index))
    row = arch.loc[CITIC_FLOPS_REFERENCE if architecture == "citic" else architecture]
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
                 params.number("chunk_s", chunk_s, 1, 600), gpu)
