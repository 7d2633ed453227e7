"""How notebooks/04_token_cost shows its frames: each table's headers (with units, parameters
as words) and the cell formats ``report.table`` applies. Named functions, so each is tested."""

from __future__ import annotations

from videorace.analysis import tables as style


def times(value: float) -> str:
    """A factor as ``x2.50``."""
    return f"x{value:.2f}"


def share(value: float) -> str:
    """A share to one decimal: ``99.6%``."""
    return style.percent(value, 1)


def whole(value: float) -> str:
    """A count or duration to the unit, with thousands separators: ``6,469``."""
    return f"{value:,.0f}"


def cents(value: float) -> str:
    """Dollars to the cent: ``4,493.02``."""
    return f"{value:,.2f}"


def three_digits(value: float) -> str:
    """A number to three significant digits: ``5``, ``2.22``."""
    return style.number(value, 3)


OMISSION_COLUMNS = {"adds": "Step", "flops": "FLOPs per kept clip",
                    "factor": "Factor of this step", "vs_citic": "Factor vs CITIC"}
OMISSION_FORMATS = {"flops": style.flops, "factor": times, "vs_citic": times}


def cost_columns(gpu: str) -> dict[str, str]:
    """Headers of ``clip_costs``'s table: every cost is for the clip made as one sequence. Token
    passes are left out (tokens x steps x passes: the omissions table shows that count), so that
    the table fits a page."""
    return {"label": "Clip", "basis": "Basis", "geometry": "Geometry",
            "fps": "Frames per second", "frames": "Frames", "tokens": "Tokens per sequence",
            "attention_share": "Attention's share of FLOPs",
            "flops": "FLOPs, one sequence",
            "gpu_seconds": f"GPU-seconds ({gpu.upper()}), one sequence",
            "usd": "USD per kept clip, one sequence"}


COST_RANGES = {c: f"{c}_high" for c in ["fps", "frames", "tokens", "attention_share", "flops",
                                         "gpu_seconds", "usd"]}
COST_FORMATS = {"attention_share": share, "flops": style.flops, "gpu_seconds": whole,
                "usd": cents}
CHUNK_COLUMNS = {"chunks": "Chunks", "seconds_per_chunk": "Seconds per chunk",
                 "tokens_per_chunk": "Tokens per chunk", "flops": "FLOPs per kept clip",
                 "vs_one_sequence": "FLOPs vs one sequence"}
CHUNK_FORMATS = {"seconds_per_chunk": three_digits, "tokens_per_chunk": whole,
                 "flops": style.flops, "vs_one_sequence": share}
HEADLINE_COLUMNS = {"geometry": "Geometry", "clip_name": "Clip", "chunks": "Chunks",
                    "seconds_per_chunk": "Seconds per chunk", "usd_low": "USD per kept clip"}
HEADLINE_RANGES = {"usd_low": "usd_high"}
HEADLINE_FORMATS = {"usd_low": three_digits}
UTILISATION_HEADERS = {"name": "Model", "tokens": "Tokens per clip", "steps": "Denoising steps",
                       "passes_per_step": "Guidance passes per step", "flops": "FLOPs per clip",
                       "published_s": "Published time (s)", "gpu": "GPU",
                       "gpu_stated": "GPU stated", "implied_utilisation": "Implied utilisation",
                       "reading": "Reading", "source_id": "Source"}
UTILISATION_FORMATS = {"flops": style.flops, "implied_utilisation": style.percent,
                       "gpu": str.upper}
ARCHITECTURE_HEADERS = {"name": "Model", "params_b": "Parameters (billions)", "layers": "Layers",
                        "hidden_width": "Hidden width",
                        "layers_verified": "Layers and width verified",
                        "tokens_published": "Tokens per clip, as published",
                        "source_id": "Source", "source_file": "File"}
