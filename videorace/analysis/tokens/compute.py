"""FLOPs of a denoising transformer, GPU time and money, and which assumption moves the cost.

Sources: 2*N FLOPs per token, Kaplan et al. 2020 Table 1; the attention term 4*L*d*S^2 per
pass, PaLM (Chowdhery et al. 2022) appendix B. Only the denoiser is costed: the text encoder and the
VAE decoder are left out, so every cost is a lower bound."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pandas as pd

from videorace.analysis.tokens.geometry import Geometry, sized, token_passes, tokens_per_clip




@dataclass(frozen=True)
class Transformer:
    """What the FLOPs need: parameters N, layers L, width d. The width may be fractional when it
    was scaled with N (see ``with_params``); it then stands for an effective width."""

    params: float
    layers: int
    width: float



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
                  passes_per_step: int = 1, overlap: float = 0.0, text_tokens: int = 0) -> float:
    """Denoiser FLOPs when a clip of ``sequence`` video tokens is made in ``chunks`` equal pieces,
    each re-attending ``overlap`` (a fraction of a chunk) of context from the previous piece and
    carrying the prompt's ``text_tokens`` in its own sequence: the attention term falls
    ~1/chunks. Text encoder and VAE decoder not counted."""
    if chunks < 1:
        raise ValueError(f"chunks must be >= 1, got {chunks}")
    piece = sequence / chunks * (1 + (overlap if chunks > 1 else 0)) + text_tokens
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



def transformer(row, params_b: float | None = None) -> Transformer:
    """N, L and d of one ``architectures.csv`` row. ``params_b`` (billions) resizes the model with
    ``with_params``: the width scales with sqrt(N), the layers are kept."""
    model = Transformer(float(row.params_b) * 1e9, int(row.layers), int(row.hidden_width))
    return with_params(model, params_b * 1e9) if params_b else model



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



#: The spans the sensitivity chart moves each assumption over and the headline costs range over.
#: Assumed spans, not measurements: utilisation around the notebook's default 40% (compare what
#: the published generation times imply, ``utilisation_table``); rental prices of one GPU-hour;
#: CITIC's 20 steps to the 50 most open models default to; one pass per step (guidance-distilled)
#: or two (classifier-free guidance); up to four generations per kept clip; 720p to 1080p; 8 to 30
#: frames per second; half to twice the model's parameters.
UTILISATION_SPAN = (0.2, 0.6)
USD_PER_GPU_HOUR_SPAN = (1.5, 4.0)
STEPS_SPAN = (20, 50)
PASSES_SPAN = (1, 2)
ATTEMPTS_SPAN = (1, 4)
HEIGHT_SPAN = (720, 1080)
FPS_SPAN = (8, 30)
PARAMS_FACTOR_SPAN = (0.5, 2)


#: Each assumption as a reader names it: tables, charts and prose never show the key.
ASSUMPTION_WORDS = {"steps": "denoising steps", "passes_per_step": "guidance passes per step",
                    "attempts": "attempts per kept clip", "utilisation": "GPU utilisation",
                    "usd_per_gpu_hour": "price per GPU-hour", "height_px": "frame height",
                    "frames": "frames in the clip", "params": "model size (parameters)"}


def assumption_value(key: str, value: float) -> str:
    """One value of the assumption ``key`` as a reader reads it: 40%, USD 2.50, 1080p, 14 B
    (parameters), or the plain number."""
    if key == "utilisation":
        return f"{value:.0%}"
    if key == "usd_per_gpu_hour":
        return f"USD {value:,.2f}"
    if key == "height_px":
        return f"{value:g}p"
    if key == "params":
        return f"{value / 1e9:g} B"
    return f"{value:g}"


def span(value: float, bounds: tuple[float, float]) -> tuple[float, float]:
    """``bounds`` widened, if need be, to take in ``value`` (the notebook's own parameter)."""
    return min(bounds[0], value), max(bounds[1], value)


def sensitivity_ranges(model: Transformer, seconds: float) -> dict:
    """The (low, high) of each assumption ``sensitivity`` moves, for a clip of ``seconds``: the
    spans above, frames as ``FPS_SPAN`` over the clip, the model's size as ``PARAMS_FACTOR_SPAN``
    times its own."""
    return {"steps": STEPS_SPAN, "passes_per_step": PASSES_SPAN, "attempts": ATTEMPTS_SPAN,
            "utilisation": UTILISATION_SPAN, "usd_per_gpu_hour": USD_PER_GPU_HOUR_SPAN,
            "height_px": HEIGHT_SPAN, "frames": tuple(round(f * seconds) for f in FPS_SPAN),
            "params": tuple(model.params * f for f in PARAMS_FACTOR_SPAN)}


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
    (resolution at the same aspect ratio) and ``frames``. Returns one row per assumption: its
    ``key``, the ``assumption`` in words (``ASSUMPTION_WORDS``), the low and high values, the cost
    at each and the swing (high/low cost), largest first. Resolution is skipped for CITIC's
    geometry, which counts patches per frame at no stated size.
    """
    base = clip_cost(g, model, a)["usd"]
    rows = []
    for name, (low, high) in ranges.items():
        if name == "height_px" and g.patches_per_frame is not None:
            continue
        costs = [clip_cost(*_moved(g, model, a, name, value))["usd"] for value in (low, high)]
        rows.append({"key": name, "assumption": ASSUMPTION_WORDS.get(name, name), "low": low,
                     "high": high, "usd_at_low": costs[0], "usd_at_high": costs[1],
                     "base_usd": base, "swing": max(costs) / min(costs)})
    return pd.DataFrame(rows).sort_values("swing", ascending=False).reset_index(drop=True)


def chained_cost_range(seconds: float, chunk_s: float, g: Geometry, model: Transformer,
                       a: CostAssumptions, fps: float, height_px: int,
                       utilisation: tuple[float, float],
                       usd_per_gpu_hour: tuple[float, float]) -> dict:
    """Dollars for one kept clip of ``seconds`` made as it is made when long: chained from
    ceil(seconds / ``chunk_s``) equal chunks (``chunked_flops``, no overlap, the text tokens in
    every chunk), as a (low, high)
    range. Low: the clip sized at the low end of its frame rate (CITIC's 7.5 fps; ``fps`` for any
    other geometry), the highest utilisation and the lowest price; high: the other ends. The
    denoiser only: the text encoder and the VAE decoder are not counted, so both ends are lower
    bounds."""
    chunks = max(1, math.ceil(seconds / chunk_s))
    ends = {}
    for end, used, price in (("low", max(utilisation), min(usd_per_gpu_hour)),
                             ("high", min(utilisation), max(usd_per_gpu_hour))):
        video = tokens_per_clip(sized(g, seconds, fps, height_px, end))
        flops = chunked_flops(video, chunks, model, a.steps, a.passes_per_step,
                              text_tokens=g.text_tokens) * a.attempts
        ends[end] = dollars(gpu_seconds(flops, a.tflops, used), price)
    return {"chunks": chunks, "seconds_per_chunk": seconds / chunks, "usd_low": ends["low"],
            "usd_high": ends["high"]}
