"""The headline: one cost per geometry, all on one basis (the longest chained clip made as it
is made, chained from chunks), as a range over the spans of ``compute`` with its assumptions in
words, and the report's key figures. A cost of one sequence answers another question and is never
set beside these."""

from __future__ import annotations

import pandas as pd

from videorace.analysis.tables import number
from videorace.analysis.tokens.compute import (USD_PER_GPU_HOUR_SPAN, UTILISATION_SPAN,
                                               Transformer, assumption_value, chained_cost_range,
                                               span)
from videorace.analysis.tokens.geometry import CITIC_LABEL, citic_fps
from videorace.analysis.wording import counted


def headline_costs(clip: pd.Series, geometries: dict, model: Transformer, a, fps: float,
                   height_px: int, chunk_s: float) -> pd.DataFrame:
    """One headline cost per geometry (``geometries``: label -> Geometry): ``clip`` made as it is
    made, chained from chunks of ``chunk_s`` (``chained_cost_range``), as a USD range over
    ``UTILISATION_SPAN`` and ``USD_PER_GPU_HOUR_SPAN`` (each widened to take in the report's own
    parameter) and, for CITIC's geometry, its implied 7.5 to 10 fps."""
    utilisation = span(a.utilisation, UTILISATION_SPAN)
    price = span(a.usd_per_gpu_hour, USD_PER_GPU_HOUR_SPAN)
    rows = [{"geometry": label, "clip_name": clip["name"],
             **chained_cost_range(clip.seconds, chunk_s, g, model, a, fps, height_px, utilisation,
                                  price)}
            for label, g in geometries.items()]
    return pd.DataFrame(rows)


def describe_headline_basis(phrase: str) -> str:
    """What the headline costs are, before their table: one per geometry, on one basis."""
    return (f"Each geometry gets one headline cost, all on the same basis: {phrase} made as it is "
            "made, chained from chunks, as a range over the GPU's utilisation and the price of a "
            "GPU-hour (and, in CITIC's geometry, over its implied frame rate). A cost of one "
            "sequence, as in section 2, answers another question and is not set beside these.")


def describe_assumptions(a, gpu: str, fps: float, model_name: str, model: Transformer) -> str:
    """The assumptions behind ``headline_costs``, in words, with the spans it ranges over, and
    the one transformer (``model_name``'s, ``model``) every geometry is costed with."""
    used = [assumption_value("utilisation", v) for v in span(a.utilisation, UTILISATION_SPAN)]
    price = [f"{v:,.2f}" for v in span(a.usd_per_gpu_hour, USD_PER_GPU_HOUR_SPAN)]
    low, high = citic_fps()
    return (f"{model_name}'s transformer ({model.params / 1e9:g} B parameters) in every "
            f"geometry, on one {gpu.upper()} ({a.tflops:g} TFLOP/s dense BF16) at {used[0]} to "
            f"{used[1]} of "
            f"peak, USD {price[0]} to {price[1]} per GPU-hour, "
            f"{counted(a.steps, 'denoising step')}, "
            f"{counted(a.passes_per_step, 'guidance pass', 'guidance passes')} per step, "
            f"{a.attempts:g} {'attempt' if a.attempts == 1 else 'attempts'} per kept clip; "
            f"CITIC's geometry at {low:g} to {high:g} frames per "
            f"second, the other at {fps:g}; the denoiser alone, so lower bounds")


def headline_key(row: pd.Series, phrase: str) -> str:
    """A headline cost's key figure name: which clip, how it is made, in which geometry."""
    made = (f"made in {counted(int(row.chunks), 'chunk')} of {row.seconds_per_chunk:g} s"
            if row.chunks > 1 else "made as one sequence")
    return f"{phrase} ({row['clip_name']}), {made}, {row['geometry']}"


def key_figures(count: dict, omitted: pd.DataFrame, label: str, model_name: str,
                headline: pd.DataFrame, phrase: str, assumptions: str) -> dict[str, str]:
    """The report's key figures: CITIC's count, the full count against it in geometry ``label``
    with ``model_name``'s transformer (said to be this report's choice when the geometry is
    CITIC's), one headline cost per geometry (every one on the same basis: ``phrase``'s clip made
    as it is made) and the assumptions they rest on."""
    whose = (f"{model_name}'s transformer (this report's choice, not CITIC's)"
             if label == CITIC_LABEL else f"{model_name}'s transformer")
    figures = {"CITIC patches and tokens": f"{count['patches']:,} and {count['passes']:,.0f}",
               f"full count vs CITIC's arithmetic, {label}, {whose}":
                   f"x{omitted.vs_citic.iloc[-1]:.1f}"}
    for _, row in headline.iterrows():
        figures[headline_key(row, phrase)] = (f"USD {number(row.usd_low, 3)} to "
                                              f"{number(row.usd_high, 3)} per kept clip")
    figures["assumptions of the costs"] = assumptions
    return figures
