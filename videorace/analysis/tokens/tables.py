"""The tables and sentences notebooks/04_token_cost shows, and its parameter checks."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from videorace.analysis.tokens.compute import (CostAssumptions, Transformer, chunked_flops,
                                               clip_cost, clip_flops, flops_per_pass,
                                               implied_utilisation, transformer)
from videorace.analysis.tokens.geometry import (CITIC_FLOPS_REFERENCE, CITIC_FRAMES, CITIC_LABEL,
                                                CITIC_STEPS, Geometry, citic_geometry,
                                                display_name, frame_rates, geometry,
                                                geometry_label, sized, token_passes,
                                                tokens_per_clip)



#: The clips the articles set against each other: (model, availability) rows of capabilities.csv.
ARTICLE_CLIP_MODELS = ("vidu", "sora", "kling")



#: A clip's basis as a reader reads it.
BASIS_WORDS = {"demo": "demonstrated", "claimed": "claimed"}


def article_clips(capabilities: pd.DataFrame) -> pd.DataFrame:
    """The longest claimed or demonstrated clip per model, length and kind (Vidu 16 s, Sora 60 s,
    Kling 120 s, Kling's 180 s chained from extensions), with the source of each. ``label`` says
    "chained" for a clip chained from extensions (``clip_kind`` extended), which is not one
    generation; ``chained`` is True for those, and ``name`` is the label without that word."""
    shown = capabilities[capabilities.model_id.isin(ARTICLE_CLIP_MODELS)
                         & capabilities.availability.isin(["claimed", "demo"])]
    clips = (shown.sort_values(["model_id", "max_clip_s_high", "as_of"])
             .drop_duplicates(["model_id", "max_clip_s_high", "clip_kind"]))
    chained = clips.clip_kind.eq("extended")
    names = [f"{m.title()} {s:g} s" for m, s in zip(clips.model_id, clips.max_clip_s_high)]
    clips = clips.assign(chained=chained, name=names, basis=clips.availability.map(BASIS_WORDS),
                         label=[f"{n}, chained" if c else n for n, c in zip(names, chained)])
    columns = ["label", "name", "model_id", "max_clip_s_high", "availability", "basis", "chained",
               "source_id"]
    return (clips[columns].rename(columns={"max_clip_s_high": "seconds"})
            .sort_values("seconds", kind="stable").reset_index(drop=True))


def headline_clip(clips: pd.DataFrame) -> tuple[pd.Series, str]:
    """The clip the headline costs are for, and how a reader names it: the longest chained clip
    when there is one ("the longest chained clip"), else the longest clip."""
    chained = clips[clips.chained]
    if len(chained):
        return chained.iloc[-1], "the longest chained clip"
    return clips.iloc[-1], "the longest clip"



def clip_geometries(setup: "Setup") -> dict[str, Geometry]:
    """The geometries the notebook costs the article clips in, each once, under the label a reader
    sees (``geometry_label``: hypothetical where the model does not generate ``height_px``):
    CITIC's, and the open model's (in the ``citic`` report, the model whose transformer we cost
    CITIC's count with, ``CITIC_FLOPS_REFERENCE``)."""
    return {CITIC_LABEL: citic_geometry(), setup.open_label: setup.open_geometry}



def clip_costs(clips: pd.DataFrame, geometries: dict[str, Geometry], model: Transformer,
               a: CostAssumptions, fps: float, height_px: int) -> pd.DataFrame:
    """Cost of each article clip in each named geometry, at ``height_px`` (16:9).

    Each clip is costed as one sequence (a clip chained from extensions too: ``chunking`` costs
    it as made). ``basis`` is copied from ``clips`` (demonstrated or claimed) when it has one.
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
            rows.append({"label": clip.label, "basis": getattr(clip, "basis", ""),
                         "seconds": clip.seconds, "geometry": label,
                         "fps": rates[0], "frames": low.frames, **clip_cost(low, model, a),
                         "fps_high": rates[1], "frames_high": high.frames,
                         **{f"{k}_high": v for k, v in clip_cost(high, model, a).items()}})
    return pd.DataFrame(rows)



def citic_omissions(g: Geometry, model: Transformer, a: CostAssumptions,
                    height_px: int | None = None, name: str = "") -> pd.DataFrame:
    """What CITIC's 1.2 million leaves out, one factor at a time, at CITIC's 60 frames and at
    ``height_px`` (16:9; the geometry's own default size when None), so that the count is made at
    the same height as the clips it is set beside.

    Starts from CITIC's own count, 60,000 patches x 20 steps = 1.2 million token passes, costed at
    2*N FLOPs each (what counting tokens implies), then multiplies in: the model's own tokens for 60
    frames (VAE temporal compression and patches), text tokens in the sequence, attention's
    quadratic term, the step count (CITIC's 20 to ``a.steps``), guidance passes, and attempts.
    ``key`` names the rows: citic, geometry, text, attention, steps, guidance, attempts. Denoiser
    FLOPs only: the text encoder and the VAE decoder are left out. ``name`` names the geometry
    for the reader (its id, ``g.name``, when empty).
    """
    two_n = 2 * model.params
    citic = token_passes(tokens_per_clip(citic_geometry()), CITIC_STEPS)  # 1.2 million
    own = g.at(frames=CITIC_FRAMES) if height_px is None or g.patches_per_frame is not None \
        else g.at(frames=CITIC_FRAMES, height_px=height_px, width_px=round(height_px * 16 / 9))
    own_tokens = tokens_per_clip(own)
    seq = own_tokens + own.text_tokens
    per_pass = flops_per_pass(seq, model)
    patches = tokens_per_clip(citic_geometry())
    rows = [("citic", f"CITIC: {patches:,} patches x {CITIC_STEPS} steps, 2N FLOPs each",
             two_n * citic),
            ("geometry", f"{name or g.name}: {own_tokens:,} tokens at {CITIC_FRAMES} frames"
                         + ("" if own.patches_per_frame else f", {own.width_px}x{own.height_px}"),
             two_n * own_tokens * CITIC_STEPS),
            ("text", f"text tokens in the sequence (+{own.text_tokens:,})",
             two_n * seq * CITIC_STEPS),
            ("attention", "attention's quadratic term", per_pass * CITIC_STEPS),
            ("steps", f"denoising steps: {CITIC_STEPS} -> {a.steps}", per_pass * a.steps),
            ("guidance", f"guidance passes per step: {a.passes_per_step}",
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
    is sized with ``sized`` (CITIC's geometry at its 10 fps upper end); each chunk's sequence is
    its share of the video tokens plus the prompt's text tokens. One row only when ``chunk_s`` is
    at least the clip's length. Denoiser only (no text encoder, no VAE decoder)."""
    video = tokens_per_clip(sized(g, seconds, fps, height_px))
    most = max(1, math.ceil(seconds / chunk_s))
    counts = sorted({1, 2, 4, 8, most} | {c for c in (16, 32, 64) if c < most})
    rows = [{"chunks": c, "seconds_per_chunk": seconds / c,
             "tokens_per_chunk": video / c + g.text_tokens,
             "flops": chunked_flops(video, c, model, a.steps, a.passes_per_step,
                                    text_tokens=g.text_tokens) * a.attempts}
            for c in counts if c <= most]
    out = pd.DataFrame(rows)
    out["vs_one_sequence"] = out.flops / out.flops.iloc[0]
    return out



def utilisation_reading(utilisation: float, gpu: str, stated: bool) -> str:
    """How to read one implied utilisation, in a few words for a table cell: possible, or impossible
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
    (``utilisation_reading``). Rows without
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



@dataclass(frozen=True)
class Setup:
    """The token-cost notebook's validated parameters, resolved against the data.

    ``geometry`` is the chosen architecture's (CITIC's for ``citic``); ``open_model`` and
    ``open_geometry`` are the open model set beside CITIC: the chosen architecture, or for
    ``citic`` the model whose transformer CITIC's FLOPs use (``CITIC_FLOPS_REFERENCE``).
    ``open_name`` and ``geometry_name`` name them as a reader knows them (``display_name``)."""

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
    open_name: str = ""
    geometry_name: str = ""

    @property
    def open_label(self) -> str:
        """The open model's geometry at the clips' height as a reader sees it (``geometry_label``:
        marked hypothetical when the model does not generate that height)."""
        return geometry_label(self.open_name or self.open_model, self.open_geometry,
                              self.height_px)

    @property
    def label(self) -> str:
        """The chosen geometry as a reader sees it: CITIC's label, or ``open_label``."""
        return CITIC_LABEL if self.geometry.patches_per_frame is not None else self.open_label



def check_parameters(ds, *, architecture, fps, height_px, steps, guidance_passes,
                     attempts_per_kept_clip, params_b, gpu, utilisation, usd_per_gpu_hour,
                     chunk_s) -> Setup:
    """Validate every parameter of notebooks/04_token_cost (a ParameterError names the first bad
    one) and resolve the architecture and GPU from the data. ``params_b`` other than 0 resizes the
    transformer with ``with_params`` (width scaled by sqrt(N), layers kept)."""
    from videorace.analysis import params

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
                 params.number("chunk_s", chunk_s, 1, 600), gpu, open_model, geometry(row),
                 display_name(ds.architectures, open_model), display_name(ds.architectures, g.name))
